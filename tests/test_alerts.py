"""Alerts (预警): every rule fires on a fixture that should raise it and stays quiet where it should not;
a leader sees no alert built from a withheld figure; the alert-state store and its audit lines; the
CLI's JSON; the page in AppTest. The warehouse is tests/alerts_helpers.py's (its docstring says why
each alert is or is not raised)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alerts_helpers import ENTERPRISE_NAMES, PERIOD

from dashboard import queries
from dashboard.queries import alerts
from warehouse import alert_state, audit
from warehouse.safe_sql import run_query

ROOT = Path(__file__).resolve().parent.parent
CODES = (
    "target_behind",
    "lead_shrinking",
    "growth_below_city",
    "milestone_overdue",
    "plan_behind",
    "bad_rating_overdue",
    "matter_satisfaction_low",
    "tier_expiring",
    "missing_report",
)
GROWTH_ALERTS = ("growth_below_city:industrial_va_growth_ytd", "lead_shrinking:lead_vs_province")


@pytest.fixture
def state_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh alert-state store and audit log for the test."""
    monkeypatch.setenv("ZONE_ALERT_STATE", str(tmp_path / "alert_state.jsonl"))
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    return tmp_path / "alert_state.jsonl"


def subjects(db: Path, period: str, code: str, leader: bool = False) -> dict[str, dict]:
    """subject_id -> alert row, of one rule at one period."""
    with queries.open_reader(db, leader=leader) as reader:
        rows = alerts.for_period(reader, period).rows
    return {r["subject_id"]: r for r in rows if r["code"] == code}


# (rule, period, subjects it raises, subjects it must not raise)
CASES = [
    ("target_behind", PERIOD, {"innovative_sme", "above_scale_count"}, {"little_giant"}),
    ("lead_shrinking", PERIOD, {"lead_vs_province"}, {"lead_vs_city"}),
    ("lead_shrinking", "2025-05", {"lead_vs_province"}, set()),
    ("lead_shrinking", "2025-04", set(), {"lead_vs_province", "lead_vs_city"}),
    ("growth_below_city", PERIOD, {"industrial_va_growth_ytd"}, set()),
    ("growth_below_city", "2025-05", set(), {"industrial_va_growth_ytd"}),
    ("milestone_overdue", PERIOD, {"P001"}, {"P002", "P003"}),
    ("milestone_overdue", "2024-07", {"P001"}, set()),
    ("milestone_overdue", "2024-09", set(), {"P001"}),
    ("plan_behind", PERIOD, {"P001"}, {"P002", "P003"}),
    ("bad_rating_overdue", PERIOD, {"C0003"}, {"C0002", "C0004"}),
    ("bad_rating_overdue", "2025-03", set(), {"C0003"}),
    ("matter_satisfaction_low", PERIOD, {"M002"}, {"M001"}),
    ("tier_expiring", PERIOD, {"gazelle"}, {"high_tech"}),
    ("tier_expiring", "2025-04", set(), {"gazelle"}),
    ("missing_report", "2024-10", {"industrial_monthly"}, set()),
    ("missing_report", "2024-11", set(), {"industrial_monthly"}),
    ("missing_report", PERIOD, set(), {"industrial_monthly"}),
]


@pytest.mark.parametrize(("code", "period", "raised", "quiet"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule_raises_where_it_should_and_nowhere_else(alerts_db: Path, code, period, raised, quiet) -> None:
    found = subjects(alerts_db, period, code)
    assert raised <= set(found), f"{code} at {period}: expected {raised}, got {set(found)}"
    assert not (quiet & set(found)), f"{code} at {period} raised {quiet & set(found)}"


def test_every_rule_is_covered_and_in_the_seed() -> None:
    assert {c[0] for c in CASES if c[2]} == set(CODES)
    seed = (ROOT / "dbt_project" / "seeds" / "alert_rules.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in seed[1:]] == list(CODES)


def test_one_milestone_alert_per_project_listing_its_overdue_milestones(alerts_db: Path) -> None:
    alert = subjects(alerts_db, PERIOD, "milestone_overdue")["P001"]
    figures = json.loads(alert["figures"])
    assert [m["milestone"] for m in figures["milestones"]] == ["主体施工", "设备调试"]
    assert figures["max_overdue_days"] == 46  # 2025-05-15 → 2025-06-30
    assert "主体施工" in alert["message_zh"] and "设备调试" in alert["message_zh"]
    assert alert["alert_id"] == "milestone_overdue:P001"
    assert alert["link"] == "/projects?period=2025-06&chain=%E7%94%B5%E5%AD%90%E4%BF%A1%E6%81%AF"
    # as it was known at 2024-07: 土建 had not ended yet (it ended 2024-08-15)
    july = json.loads(subjects(alerts_db, "2024-07", "milestone_overdue")["P001"]["figures"])
    assert [m["milestone"] for m in july["milestones"]] == ["土建"]


def test_alert_carries_rule_severity_unit_and_figures(alerts_db: Path) -> None:
    plan = subjects(alerts_db, PERIOD, "plan_behind")["P001"]
    assert (plan["severity"], plan["unit"], plan["name_zh"]) == ("yellow", "重点项目推进办公室", "年度计划投资进度滞后")
    figures = json.loads(plan["figures"])
    assert figures["completion_pct"] == pytest.approx(2280.5 / 15000 * 100)
    assert figures["elapsed_pct"] == 50
    assert "15.2%" in plan["message_zh"] and "34.8" in plan["message_zh"]
    below = subjects(alerts_db, PERIOD, "growth_below_city")["industrial_va_growth_ytd"]
    assert below["severity"] == "red" and below["message_zh"] == "园区规上工业增加值累计增长20.0%，低于苏州市的25.0%"
    satisfaction = json.loads(subjects(alerts_db, PERIOD, "matter_satisfaction_low")["M002"]["figures"])
    assert (satisfaction["rated_cases"], satisfaction["satisfied_cases"]) == (13, 8)


def test_leader_sees_no_alert_built_from_a_withheld_figure(alerts_db: Path) -> None:
    with queries.open_reader(alerts_db, leader=False) as reader:
        analyst = {r["alert_id"] for r in alerts.for_period(reader, PERIOD).rows}
    with queries.open_reader(alerts_db, leader=True) as reader:
        leader_rows = alerts.for_period(reader, PERIOD).rows
    leader = {r["alert_id"] for r in leader_rows}
    # two enterprises report: the zone's growth is withheld from a leader (its count of them is not)
    hidden = set(GROWTH_ALERTS)
    assert hidden <= analyst
    assert not (hidden & leader)
    assert analyst - hidden == leader  # the rest stays: milestones, services, tiers, the targets
    # the SQL page's leader model holds the same
    sql = "select alert_id from alerts where period = '2025-06'"
    assert set(run_query(alerts_db, sql, role="leader").df["alert_id"]) == leader
    assert set(run_query(alerts_db, sql, role="analyst").df["alert_id"]) == analyst


def test_no_alert_names_an_enterprise(alerts_db: Path) -> None:
    with queries.open_reader(alerts_db, leader=False) as reader:
        text = json.dumps(alerts.for_period(reader, PERIOD).rows, ensure_ascii=False, default=str)
    assert not [name for name in ENTERPRISE_NAMES if name in text]


def test_close_acknowledge_reopen_are_stored_and_audited(alerts_db: Path, state_store: Path) -> None:
    with queries.open_reader(alerts_db, leader=False) as reader:
        before = alerts.open_alerts(reader, PERIOD, ("red", "orange")).frame["alert_id"].tolist()
        assert "milestone_overdue:P001" in before
        alert_state.record("acknowledge", "milestone_overdue:P001", PERIOD, "已转项目办", user="u1", role="leader")
        acked = alerts.open_alerts(reader, PERIOD, ("red", "orange")).frame.set_index("alert_id")
        assert acked.at["milestone_overdue:P001", "state"] == "acknowledged"
        alert_state.record("close", "milestone_overdue:P001", PERIOD, "已协调，7月完成", user="u1", role="leader")
        after = alerts.open_alerts(reader, PERIOD, ("red", "orange")).frame["alert_id"].tolist()
        assert after == [a for a in before if a != "milestone_overdue:P001"]
        # closed in June: still open as May showed it
        may = alerts.open_alerts(reader, "2025-05", ("orange",)).frame["alert_id"].tolist()
        assert "milestone_overdue:P001" in may
        assert alerts.open_counts(reader, PERIOD)["orange"] == len(
            [a for a in after if subjects_of(reader, a) == "orange"]
        )
        alert_state.record("reopen", "milestone_overdue:P001", PERIOD, "", user="u2", role="analyst")
        assert alerts.open_alerts(reader, PERIOD).frame["alert_id"].tolist() == before
    history = alert_state.history(["milestone_overdue:P001"])
    assert [h["action"] for h in history] == ["acknowledge", "close", "reopen"]
    assert history[1]["note"] == "已协调，7月完成"
    lines = [e for e in audit.read_events(None) if e["event"] == "alert"]
    assert [e["what"] for e in lines] == [
        "acknowledge milestone_overdue:P001",
        "close milestone_overdue:P001",
        "reopen milestone_overdue:P001",
    ]
    assert lines[1]["note"] == "已协调，7月完成" and lines[1]["user"] == "u1" and lines[1]["period"] == PERIOD


def subjects_of(reader, alert_id: str) -> str:
    """The severity of an alert at PERIOD."""
    return next(r["severity"] for r in alerts.for_period(reader, PERIOD).rows if r["alert_id"] == alert_id)


def test_an_unknown_action_is_refused(state_store: Path) -> None:
    with pytest.raises(ValueError, match="unknown alert action"):
        alert_state.record("delete", "milestone_overdue:P001", PERIOD)
    assert not state_store.exists()


def cli(*args: str) -> subprocess.CompletedProcess:
    """python -m dashboard.alerts …, from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "dashboard.alerts", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_cli_json_lists_the_alerts_with_code_severity_unit_subject_message(alerts_db: Path, state_store: Path) -> None:
    done = cli("--db", str(alerts_db), "--period", PERIOD, "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert isinstance(rows, list) and rows
    for row in rows:
        assert {"code", "severity", "unit", "subject", "message", "name", "link", "figures"} <= set(row)
        assert row["code"] in CODES and row["severity"] in ("red", "orange", "yellow")
        assert isinstance(row["figures"], dict)
    milestone = next(r for r in rows if r["code"] == "milestone_overdue")
    assert milestone["subject"] == "P001" and "主体施工" in milestone["message"]
    # the default is the leader's view: no alert built from the withheld growth
    assert not {r["alert_id"] for r in rows} & set(GROWTH_ALERTS)
    analyst = json.loads(cli("--db", str(alerts_db), "--period", PERIOD, "--json", "--role", "analyst").stdout)
    assert set(GROWTH_ALERTS) <= {r["alert_id"] for r in analyst}
    english = json.loads(cli("--db", str(alerts_db), "--period", PERIOD, "--json", "--lang", "en").stdout)
    assert next(r for r in english if r["code"] == "milestone_overdue")["message"].startswith("2 milestone(s) overdue")


def test_cli_prints_a_readable_chinese_list_and_clear_errors(alerts_db: Path, state_store: Path) -> None:
    done = cli("--db", str(alerts_db), "--period", PERIOD)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2025-06 共") and "（领导视图）" in done.stdout
    assert "[橙色] 重点项目推进办公室 · 项目节点逾期 · 芯片封测产线扩建" in done.stdout
    bad = cli("--db", str(alerts_db), "--period", "2031-01", "--json")
    assert bad.returncode == 2 and "outside the data" in bad.stderr and "2024-01 to 2025-06" in bad.stderr
    assert cli("--db", str(alerts_db), "--period", "2025-6").returncode == 2


def test_alerts_page_and_overview_count(alerts_db: Path, state_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard_helpers import open_page

    monkeypatch.setenv("ZONE_DB", str(alerts_db))
    monkeypatch.setenv("ZONE_DEMO", "1")  # the demo analyst
    at = open_page("alerts")
    assert not at.exception
    page_text = " ".join(str(m.value) for m in at.markdown) + " ".join(str(h.proto) for h in at.get("html"))
    assert "预警" in page_text
    picker = at.selectbox(key="alerts_pick")
    assert picker.value == "growth_below_city:industrial_va_growth_ytd"  # red first
    at.text_area(key="alerts_note_0").input("已报告管委会").run()
    at.button(key="alerts_close").click().run()
    assert not at.exception
    assert [h["action"] for h in alert_state.history(["growth_below_city:industrial_va_growth_ytd"])] == ["close"]
    overview = open_page(None)
    assert not overview.exception
    links = [p for p in overview.get("page_link") if "红色预警" in p.proto.label]
    assert [p.proto.label for p in links] == ["未关闭红色预警 2 条 · 查看预警"]  # 3 red, one closed


@pytest.mark.parametrize(
    "query",
    [{"period": "2024-01"}, {"period": PERIOD, "lang": "en"}, {"period": PERIOD, "chain": "生物医药"}],
    ids=["first-month", "english", "chain"],
)
def test_alerts_page_survives_any_view(
    alerts_db: Path, state_store: Path, monkeypatch: pytest.MonkeyPatch, query: dict[str, str]
) -> None:
    from dashboard_helpers import open_page

    monkeypatch.setenv("ZONE_DB", str(alerts_db))
    monkeypatch.setenv("ZONE_DEMO", "1")
    at = open_page("alerts", **query)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
