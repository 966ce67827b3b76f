"""Every dashboard page renders from the demo warehouse, and its numbers are the warehouse's."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from dashboard_helpers import DEMO_PERIOD, new_app, open_page
from streamlit.testing.v1 import AppTest

from dashboard import ui
from warehouse.headline import read_headline


def mart(db: Path, sql: str, *params: object) -> list[tuple]:
    """Rows of a query on the warehouse's marts (read-only)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def yi(wan: float) -> str:
    return f"{wan / 1e4:,.1f}亿元"


def pct(x: float) -> str:
    return f"{x:.1f}%"


def metric(at: AppTest, label: str) -> str:
    """The value shown on the KPI card labelled `label`."""
    values = [m.value for m in at.metric if m.label == label]
    assert values, f"no KPI card {label!r}; cards: {[m.label for m in at.metric]}"
    return values[0]


def chart_frames(chart: object) -> list[pd.DataFrame]:
    """The datasets a Vega-Lite chart element carries (Arrow IPC streams), as DataFrames."""
    return [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]


def assert_healthy(at: AppTest) -> None:
    """No exception, no error box, and at least one chart drawn from a non-empty dataset."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    charts = at.get("vega_lite_chart")
    assert charts, "page has no chart"
    for chart in charts:
        assert any(len(df) for df in chart_frames(chart)), f"a chart with no data: {chart.proto.spec[:200]}"


# (page, KPI label, expected value from the headline row h)
HEADLINE_CARDS: list[tuple[str | None, str, Callable[[dict], str]]] = [
    (None, "规上工业总产值", lambda h: yi(h["gross_output_ytd"])),
    (None, "规上工业增加值增速", lambda h: pct(h["industrial_va_growth_ytd"])),
    (None, "增速领先全国", lambda h: f"{h['lead_vs_national_pp']:.1f}个百分点"),
    (None, "营业收入占全市比重", lambda h: pct(h["revenue_share_of_city"])),
    (None, "在建项目", lambda h: f"{h['projects_under_construction']:,}个"),
    ("growth", "工业增加值增速", lambda h: pct(h["industrial_va_growth_ytd"])),
    ("growth", "规上工业总产值", lambda h: yi(h["gross_output_ytd"])),
    ("projects", "在建项目", lambda h: f"{h['projects_under_construction']:,}个"),
    ("projects", "2023年以来工业投资", lambda h: yi(h["industrial_investment_since_2023"])),
    ("tiers", "创新型中小企业", lambda h: f"{h['innovative_sme']:,}家"),
    ("tiers", "专精特新“小巨人”", lambda h: f"{h['little_giant']:,}家"),
    ("talent", "在岗人才", lambda h: f"{h['talent_in_post']:,}人"),
    ("services", "政务服务满意率", lambda h: pct(h["satisfaction_rate"])),
    ("services", "办件量", lambda h: f"{h['service_cases_ytd']:,}件"),
]


@pytest.mark.parametrize(
    ("page", "label", "expected"), HEADLINE_CARDS, ids=[f"{p or 'overview'}-{label}" for p, label, _ in HEADLINE_CARDS]
)
def test_page_shows_the_headline(zone_db: Path, page: str | None, label: str, expected: Callable[[dict], str]) -> None:
    at = open_page(page)
    assert_healthy(at)
    assert metric(at, label) == expected(read_headline(zone_db, DEMO_PERIOD))


def test_overview_tells_the_seed_articles_story(zone_db: Path) -> None:
    at = open_page(None)
    h = read_headline(zone_db, DEMO_PERIOD)
    story = next(x.proto.body for x in at.get("html") if "贡献了全市" in x.proto.body)
    assert pct(h["revenue_share_of_city"]) in story
    assert f"{h['lead_vs_national_pp']:.1f}个百分点、{h['lead_vs_province_pp']:.1f}个百分点" in story


def test_overview_projection_is_the_marts(zone_db: Path) -> None:
    at = open_page(None)
    rows = mart(
        zone_db,
        "select indicator, target_value, projected_year_end_value from headline_target_projection where period = ?",
        DEMO_PERIOD,
    )
    assert rows, "the demo data has year-end targets"
    headings = [
        h for chart in at.get("vega_lite_chart") for df in chart_frames(chart) if "heading" in df for h in df["heading"]
    ]
    for _indicator, target, projected in rows:
        assert any(f"目标 {target:,.0f}" in h and f"年底预计 {projected:,.0f}" in h for h in headings), (
            target,
            headings,
        )


def test_overview_change_on_a_year_ago_is_the_marts(zone_db: Path) -> None:
    at = open_page(None)
    [(change_pct,)] = mart(
        zone_db,
        "select change_pct from headline_year_on_year where period = ? and metric = ?",
        DEMO_PERIOD,
        "gross_output_ytd",
    )
    card = next(m for m in at.metric if m.label == "规上工业总产值")
    assert card.proto.delta == f"{change_pct:+.1f}%"


@pytest.mark.parametrize("chain", ["生物医药", "新一代信息技术"])
def test_growth_filtered_by_chain_sums_the_mart(zone_db: Path, chain: str) -> None:
    at = open_page("growth", chain=chain)
    assert_healthy(at)
    [(output,)] = mart(
        zone_db,
        "select sum(gross_output_ytd) from industrial_output_monthly where period = ? and chain = ?",
        DEMO_PERIOD,
        chain,
    )
    assert metric(at, "规上工业总产值") == yi(output)


def test_services_filtered_by_park_sums_the_mart(zone_db: Path) -> None:
    park = mart(zone_db, "select park from enterprise_directory where park is not null order by park limit 1")[0][0]
    at = open_page("services", park=park)
    assert_healthy(at)
    [(cases,)] = mart(
        zone_db,
        "select sum(cases) from service_cases_monthly where period between ? and ? and park = ?",
        DEMO_PERIOD[:4] + "-01",
        DEMO_PERIOD,
        park,
    )
    assert metric(at, "办件量") == f"{cases:,}件"


def test_tiers_promotions_are_the_marts(zone_db: Path) -> None:
    at = open_page("tiers")
    [(n,)] = mart(
        zone_db,
        "select count(distinct enterprise_id) from tier_promotions where promoted_year = ? and promoted_period <= ?",
        int(DEMO_PERIOD[:4]),
        DEMO_PERIOD,
    )
    assert metric(at, "本年晋级企业") == f"{n:,}家"


def test_tiers_expiring_list_says_when_it_is_capped(zone_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At a province's scale the list holds the data.LIST_ROWS soonest; the card says so and how many."""
    from dashboard import data

    def notes(at: AppTest) -> list[str]:
        return [h.proto.body for h in at.get("html") if "仅列出到期最早的" in h.proto.body]

    assert notes(open_page("tiers")) == []  # the demo's list is whole
    [(n,)] = mart(
        zone_db,
        "select count(*) from tier_expiring where expires_on > last_day(?::date) "
        "and expires_on <= last_day(?::date) + interval 6 month",
        f"{DEMO_PERIOD}-01",
        f"{DEMO_PERIOD}-01",
    )
    assert n > 10
    monkeypatch.setattr(data, "LIST_ROWS", 10)
    at = open_page("tiers")
    assert not at.exception
    [note] = notes(at)
    assert f"仅列出到期最早的 10 条，共 {n:,} 条" in note
    assert any(len(df.value) == 10 for df in at.dataframe)


# Latin words that may appear in the Chinese view: units and codes, not prose.
ALLOWED_LATIN = {"GB", "T", "pp"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _strings_in_spec(node: object, key: str | None = None) -> list[str]:
    """Strings a reader sees in a Vega-Lite spec: titles, literal texts, label expressions' quoted parts."""
    out: list[str] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in (
                "datasets",
                "data",
                "field",
                "type",
                "format",
                "$schema",
                "config",
                "name",
                "calculate",
                "expr",
                "test",
                "param",
                "as",
                "sort",
                "aggregate",
                "timeUnit",
                "stack",
                "orient",
            ):
                continue
            out += _strings_in_spec(v, k)
    elif isinstance(node, list):
        for v in node:
            out += _strings_in_spec(v, key)
    elif isinstance(node, str) and key in ("title", "text", "value", "labelExpr") and not node.startswith("#"):
        out.append(node)
    return out


@pytest.mark.parametrize("page", [None, "growth", "projects", "tiers", "talent", "services"])
def test_no_english_left_in_the_chinese_view(zone_db: Path, page: str | None) -> None:
    at = open_page(page)
    texts = [m.label for m in at.metric] + [m.value for m in at.metric]
    texts += [str(m.proto.delta) for m in at.metric] + [str(m.proto.delta_description) for m in at.metric]
    texts += [re.sub(r"<[^>]+>", " ", h.proto.body) for h in at.get("html") if "<style>" not in h.proto.body]
    texts += [s.label for s in at.selectbox]
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        texts += [s for s in _strings_in_spec(spec) if "timeFormat" not in s and "datum" not in s]
    english = {w for text in texts for w in LATIN_WORD.findall(text)} - ALLOWED_LATIN
    assert not english, f"English in the Chinese view: {sorted(english)}"


def test_english_switch(zone_db: Path) -> None:
    at = open_page(None, lang="en")
    assert_healthy(at)
    h = read_headline(zone_db, DEMO_PERIOD)
    assert metric(at, "Gross industrial output") == f"¥{h['gross_output_ytd'] / 1e5:,.2f} bn"
    assert at.query_params["lang"] == "en"


def test_republished_warehouse_is_picked_up_on_the_next_run(
    demo_warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = tmp_path / "zone.duckdb"
    shutil.copy(demo_warehouse.db, served)
    monkeypatch.setenv("ZONE_DB", str(served))
    monkeypatch.setenv("ZONE_DEMO", "1")  # signed in as the demo analyst
    at = open_page(None)
    before = read_headline(served, DEMO_PERIOD)["talent_in_post"]
    assert metric(at, "在岗人才") == f"{before:,}人"

    # Publish the way `warehouse build` does: a complete new file renamed over the served one,
    # while the app's connection to the old one is still open.
    scratch = tmp_path / ".zone.duckdb.next"
    shutil.copy(demo_warehouse.db, scratch)
    with duckdb.connect(str(scratch)) as con:
        con.execute(
            "update headline_metrics set talent_in_post = talent_in_post + 1000 where period = ?", [DEMO_PERIOD]
        )
        con.execute(
            "update headline_year_on_year set metric_value = metric_value + 1000 "
            "where period = ? and metric = 'talent_in_post'",
            [DEMO_PERIOD],
        )
    os.replace(scratch, served)

    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "在岗人才") == f"{before + 1000:,}人"


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2022-01"},  # first month of the data: no year-ago values, no targets
        {"period": "2024-12", "lang": "en"},
        {"period": DEMO_PERIOD, "park": "齐鲁软件园", "chain": "新材料"},  # a thin slice, some charts empty
    ],
    ids=["first-month", "english", "thin-slice"],
)
def test_every_page_survives_any_view(zone_db: Path, query: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # the app skips the Vega-Lite schema check for speed; here every spec drawn is checked
    monkeypatch.setattr(ui, "VALIDATE_SPECS", True)
    at = new_app(**query).run()
    for page in (None, "growth", "projects", "tiers", "talent", "services"):
        if page:
            at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        assert at.metric, page


def test_spec_check_is_what_validate_specs_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """The switch the test above turns on really checks the spec (and is off in the app)."""
    import altair as alt
    from altair.utils.schemapi import SchemaValidationError

    assert ui.VALIDATE_SPECS is False
    bad = alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q")
    bad.mark = {"type": "bar", "size": "big"}  # a size must be a number
    assert ui._Spec(bad).to_dict()["mark"]["size"] == "big"  # drawn unchecked
    monkeypatch.setattr(ui, "VALIDATE_SPECS", True)
    with pytest.raises(SchemaValidationError):
        ui._Spec(bad).to_dict()
