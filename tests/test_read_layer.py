"""The read layer (dashboard/queries): no Streamlit in it, one recipe for opening the warehouse, and
the leader's withheld cells withheld alike for every consumer that reads through it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import auth, data, queries, workbench
from dashboard.chart_images import image_spec, kit_charts
from dashboard.i18n import LABELS
from dashboard.talking_points import talking_points
from warehouse import readonly
from warehouse.safe_sql import EXAMPLE_QUERIES, run_query

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2025-06"
ZONE = "高新区"  # the zone's series in the kit's charts


@pytest.mark.parametrize("module", ["dashboard.queries", "dashboard.workbench", "warehouse.readonly"])
def test_the_read_layer_imports_no_streamlit(module: str) -> None:
    code = f"import {module}, sys; assert 'streamlit' not in sys.modules, 'streamlit imported'"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_the_recipe_reads_the_marts_and_nothing_else(two_enterprise_zone: Path, tmp_path: Path) -> None:
    with readonly.opened(two_enterprise_zone) as con:
        assert con.execute("select count(*) from headline_metrics").fetchone()[0] > 0
        for statement in (
            "create table x as select 1",
            f"copy (select 1) to '{tmp_path / 'out.csv'}'",
            f"attach '{tmp_path / 'other.duckdb'}' as other",
            "set enable_external_access = true",
        ):
            with pytest.raises(duckdb.Error):
                con.execute(statement)


@pytest.fixture
def leader_session(two_enterprise_zone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The dashboard's data module on the two-enterprise zone, as the leader."""
    monkeypatch.setenv("ZONE_DB", str(two_enterprise_zone))
    monkeypatch.setenv("ZONE_SQL_CACHE", str(tmp_path / "sql-cache"))
    monkeypatch.setattr(auth, "role", lambda: "leader")
    return two_enterprise_zone


def _zone_values(spec: object) -> list[dict]:
    """Every data row of a Vega-Lite spec that belongs to the zone's series."""
    rows = []
    for dataset in (spec.get("datasets") or {}).values() if isinstance(spec, dict) else ():
        rows += [r for r in dataset if isinstance(r, dict) and r.get("region") == ZONE]
    return rows


def test_withheld_cells_are_withheld_alike_for_every_consumer(leader_session: Path) -> None:
    db = leader_session
    # the page's frame (through data.py, as the leader)
    page = data.growth_benchmarks(PERIOD, months=18)
    withheld = set(page.loc[page["suppressed"], "period"])
    assert PERIOD in withheld, "a zone of two enterprises has no publishable growth"
    assert page.loc[page["suppressed"], "industrial_va_growth_ytd"].isna().all()
    missing = set(page.loc[page["industrial_va_growth_ytd"].isna(), "period"])  # withheld, or never computed

    # the same figure outside Streamlit, as any publication reads it: the same frame
    with queries.open_reader(db) as reader:
        direct = queries.growth.growth_benchmarks(reader, PERIOD, months=18)
    pd.testing.assert_frame_equal(direct.frame, page)
    assert direct.withheld and "?" in direct.sql and direct.params == (PERIOD, PERIOD, 18)

    # the SQL page's leader tables
    sql = run_query(db, "select period, industrial_va_growth_ytd from industrial_growth_monthly", role="leader").df
    sql = sql[sql["period"].isin(page["period"])]
    assert set(sql.loc[sql["industrial_va_growth_ytd"].isna(), "period"]) == missing

    # the chart image (its data and the spec the PNG/SVG downloads are rendered from)
    charts = {c.key: c for c in kit_charts(db, PERIOD)}
    chart = charts["growth"]  # the benchmarks are public: the chart stays, without the zone's line
    assert not set(chart.data.loc[chart.data["region"] == ZONE, "period"]) & missing
    shown = {r.get("period") for r in _zone_values(image_spec(chart.chart, chart.frame))}
    assert not shown & missing
    assert ZONE not in set(charts["manufacturing"].data["region"])

    # the talking points: no sentence states a withheld figure
    points = talking_points(db, PERIOD)
    hidden = {m for m in data.headline(PERIOD) if data.headline(PERIOD)[m] is None}
    assert "industrial_va_growth_ytd" in hidden
    for point in points:
        assert not set(point.metrics) & hidden or point.key == "last_year", point.text
    assert "growth" not in {p.key for p in points}


def test_an_analyst_sees_what_the_leader_does_not(leader_session: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "role", lambda: "analyst")
    page = data.growth_benchmarks(PERIOD, months=18)
    assert page.loc[page["period"] == PERIOD, "industrial_va_growth_ytd"].notna().all()
    assert "suppressed" not in page


def test_every_example_query_has_its_title_in_both_languages() -> None:
    """The SQL page shows example titles through i18n keys; they say what safe_sql's titles say."""
    assert list(workbench.EXAMPLE_KEYS) == list(EXAMPLE_QUERIES)
    for title, key in workbench.EXAMPLE_KEYS.items():
        zh, en = (half.strip() for half in title.split(" / ", 1))
        assert LABELS[key] == (zh, en), key


def test_a_result_carries_its_sql_params_and_frame(two_enterprise_zone: Path) -> None:
    with queries.open_reader(two_enterprise_zone, leader=False) as reader:
        result = queries.overview.headline(reader, PERIOD)
        with readonly.opened(two_enterprise_zone) as con:
            again = con.execute(result.sql, list(result.params)).df()
    assert json.dumps(result.row, default=str) == json.dumps(
        {k: (None if pd.isna(v) else v) for k, v in again.iloc[0].to_dict().items()}, default=str
    )
