"""The SQL page (查询): examples run, results match the safe-SQL engine, refusals and errors are shown, roles hold.

The editor is a custom component AppTest cannot type into; what it sends lands in
st.session_state["sql.text"], so the tests put a query there and press the page's Run button,
the same path a query takes after the analyst leaves the editor.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dashboard_helpers import new_app
from small_warehouse import sha256
from streamlit.testing.v1 import AppTest

from warehouse import safe_sql

GROWTH = "增长贡献最大的20家企业（本年累计） / Top 20 growth contributors, year to date"
DELAYED = "延误的项目节点 / Delayed project milestones"
STAGING_VIEW = "stg_raw__enterprises"  # a staging view of the demo warehouse (dbt_project/models/staging/raw)


@pytest.fixture(autouse=True)
def _sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Demo sign-in; leader read models, saved queries and the audit log in the test's own folder; default limits."""
    monkeypatch.setenv("ZONE_DEMO", "1")
    monkeypatch.setenv("ZONE_SQL_CACHE", str(tmp_path / "sql-cache"))
    monkeypatch.setenv("ZONE_SAVED_QUERIES", str(tmp_path / "saved" / "saved_queries.json"))
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    monkeypatch.delenv("ZONE_SQL_TIMEOUT", raising=False)
    monkeypatch.delenv("ZONE_SQL_MAX_ROWS", raising=False)


def open_sql(role: str | None = None, **query: str) -> AppTest:
    """The app on its SQL page, as `role` when given: the demo sign-in's role switch, which publishes "role"."""
    at = new_app(**query)
    if role:
        at.session_state["demo_role"] = role
        at.session_state["role"] = role
    at.run()
    at.switch_page("app_pages/sql.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def run_sql(at: AppTest, sql: str) -> AppTest:
    """Run sql the way the editor hands it over: into the page's text, then the Run button."""
    at.session_state["sql.text"] = sql
    at.button(key="sql.run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def badges(at: AppTest) -> list[str]:
    """The text of the result bar's badges (row count, columns, time)."""
    return [re.sub(r"^:\w+-badge\[(:material/\w+: )?|\]$", "", m.value) for m in at.markdown if "-badge[" in m.value]


def relations_listed(at: AppTest) -> set[str]:
    """Relation names in the schema browser."""
    return {e.label.replace("\\_", "_") for e in at.expander}


def test_page_renders_with_schema_browser_and_examples(zone_db: Path) -> None:
    at = open_sql()
    assert not at.error, [e.value for e in at.error]
    listed = relations_listed(at)
    assert {"headline_metrics", "growth_contributions", "project_milestones_gantt"} <= listed
    assert STAGING_VIEW in listed, "the analyst sees the staging views"
    assert set(at.selectbox(key="sql.example").options) >= {"最新月核心指标", "延误的项目节点"}
    assert not at.dataframe, "nothing has run yet"
    # closed, a relation draws nothing inside: its columns come when it is opened
    assert not any('class="zone-sql-cols"' in h.proto.body for h in at.get("html"))
    assert not [b for b in at.button if b.key and b.key.startswith("sql-preview-")]
    # opened (the expander's state), its columns with dbt's descriptions, in Chinese by default
    at.session_state["sql-rel-main-headline_metrics"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("报告期（YYYY-MM）" in h.proto.body for h in at.get("html")), "dbt column descriptions missing"
    assert [b.key for b in at.button if b.key and b.key.startswith("sql-preview-")] == [
        "sql-preview-main-headline_metrics"
    ], "only the opened relation's preview button"


def test_preview_of_an_opened_relation_loads_and_runs_it(zone_db: Path) -> None:
    at = open_sql()
    at.session_state["sql-rel-main-headline_metrics"] = True
    at.run()
    at.button(key="sql-preview-main-headline_metrics").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "headline_metrics" in at.session_state["sql.text"]
    [grid] = at.dataframe  # it ran: the result is on the page, outside the schema browser's fragment
    assert len(grid.value) > 0


@pytest.mark.parametrize("title", [GROWTH, DELAYED], ids=["growth", "delayed"])
def test_example_query_shows_the_engines_rows(zone_db: Path, title: str) -> None:
    at = open_sql()
    at.selectbox(key="sql.example").select(title).run()
    assert not at.exception and not at.error, [e.value for e in at.error]

    expected = safe_sql.run_query(zone_db, safe_sql.EXAMPLE_QUERIES[title], row_cap=10_000)
    assert expected.row_count > 0, "the demo data answers every example"
    [grid] = at.dataframe
    assert len(grid.value) == expected.row_count
    assert list(grid.value.columns) == expected.columns
    assert f"{expected.row_count:,} 行" in badges(at)
    assert at.session_state["sql.text"] == safe_sql.EXAMPLE_QUERIES[title], "the example is in the editor"


def test_hostile_query_is_refused_and_shows_no_grid(zone_db: Path, tmp_path: Path) -> None:
    before = sha256(zone_db)
    target = tmp_path / "x.csv"
    at = open_sql()
    run_sql(at, f"COPY (select 1) TO '{target}'")
    assert at.error and "查询被拒绝" in at.error[0].value
    assert not at.dataframe
    assert not target.exists()

    run_sql(at, "select 1; drop table headline_metrics")
    assert at.error and "一次只能执行一条只读查询" in at.error[0].value
    assert not at.dataframe

    run_sql(at, "select * from read_csv('/etc/passwd')")
    assert at.error and not at.dataframe
    assert sha256(zone_db) == before


def test_error_points_at_line_and_column(zone_db: Path) -> None:
    at = open_sql()
    run_sql(at, "select period,\n  nosuch_column\nfrom headline_metrics")
    assert at.error and "nosuch_column" in at.error[0].value
    assert not at.dataframe
    [pointer] = [c.value for c in at.code]
    assert pointer.startswith("LINE 2:") and "^" in pointer
    assert any("第 2 行第 3 列" in h.proto.body for h in at.get("html"))


def test_row_cap_is_said_on_screen(zone_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONE_SQL_MAX_ROWS", "25")
    at = open_sql()
    run_sql(at, "select * from range(100)")
    assert len(at.dataframe[0].value) == 25
    assert at.warning and "前 25 行" in at.warning[0].value


def test_time_limit_stops_a_slow_query(zone_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONE_SQL_TIMEOUT", "1")
    at = open_sql()
    run_sql(at, "select count(*) from range(100000000) a, range(100000000) b")
    assert at.error and "查询超时" in at.error[0].value
    assert not at.dataframe
    run_sql(at, "select 42 as answer")  # the next query works
    assert at.dataframe[0].value["answer"].tolist() == [42]


def test_leader_sees_marts_only_and_is_refused_staging(zone_db: Path) -> None:
    at = open_sql(role="leader")
    listed = relations_listed(at)
    assert "headline_metrics" in listed
    staging = {r.name for r in safe_sql.schema_catalog(zone_db, "analyst") if r.schema != safe_sql.MART_SCHEMA}
    assert STAGING_VIEW in staging
    assert not listed & staging, f"the leader is shown {sorted(listed & staging)}"

    run_sql(at, f"select * from staging.{STAGING_VIEW}")
    assert at.error and "领导角色只能查询" in at.error[0].value
    assert not at.dataframe


def test_analyst_can_query_staging(zone_db: Path) -> None:
    at = open_sql()
    run_sql(at, f"select * from staging.{STAGING_VIEW}")
    expected = safe_sql.run_query(zone_db, f"select * from staging.{STAGING_VIEW}", row_cap=10_000)
    assert len(at.dataframe[0].value) == expected.row_count > 0


def test_history_is_newest_first_and_reloads(zone_db: Path) -> None:
    at = open_sql()
    run_sql(at, "select 1 as first_query")
    run_sql(at, "select 2 as second_query")
    history = at.session_state["sql.history"]
    assert [h["sql"] for h in history] == ["select 2 as second_query", "select 1 as first_query"]
    buttons = [b for b in at.button if b.key and b.key.startswith("sql-hist-")]
    assert [b.label for b in buttons] == ["select 2 as second_query", "select 1 as first_query"]
    buttons[1].click().run()
    assert at.session_state["sql.text"] == "select 1 as first_query"


def test_saved_queries_live_in_their_own_file(zone_db: Path, tmp_path: Path) -> None:
    before = sha256(zone_db)
    at = open_sql()
    at.session_state["sql.text"] = "select period from headline_metrics"
    at.text_input(key="sql.save_title").input("报告期列表")
    at.button(key="sql.save_submit").click().run()
    assert not at.exception
    path = tmp_path / "saved" / "saved_queries.json"
    assert safe_sql.load_saved_queries(path) == {"报告期列表": "select period from headline_metrics"}
    assert any("报告期列表" in h.proto.body for h in at.get("html"))

    at.session_state["sql.text"] = "select 1"
    at.button(key="sql-saved-load-0").click().run()
    assert at.session_state["sql.text"] == "select period from headline_metrics"

    at.button(key="sql-saved-delete-0").click().run()
    assert safe_sql.load_saved_queries(path) == {}
    assert not [b for b in at.button if b.key == "sql-saved-load-0"]
    assert sha256(zone_db) == before, "saving a query never touches the warehouse"


def test_english_switch(zone_db: Path) -> None:
    at = open_sql(lang="en")
    assert at.button(key="sql.run").label == "Run"
    assert "Delayed project milestones" in at.selectbox(key="sql.example").options
    run_sql(at, "select 1 as x")
    assert "1 rows" in badges(at)


def test_queries_from_the_page_are_audited_under_the_user(zone_db: Path, tmp_path: Path) -> None:
    audit = pytest.importorskip("warehouse.audit", reason="the audit log (issue 6) is not in this checkout")
    at = open_sql(role="leader")
    run_sql(at, "select count(*) as n from headline_metrics")
    run_sql(at, f"select * from staging.{STAGING_VIEW}")
    queries = [e for e in audit.read_events(path=tmp_path / "audit.jsonl") if e["event"] == "query"]
    assert [(e["what"], e["role"]) for e in queries] == [
        ("select count(*) as n from headline_metrics", "leader"),
        (f"select * from staging.{STAGING_VIEW}", "leader"),
    ]
    assert queries[0]["rows"] == 1 and queries[1].get("outcome") == "QueryRefused"
    assert all(e["user"] == at.session_state["auth_user"] for e in queries)
