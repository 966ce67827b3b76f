"""The chart specs every session shares (dashboard/chart_cache.py): one per role, language, filters and
warehouse; drawn exactly as st.altair_chart would draw the chart; the footnote still right when cached."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import chart_cache
from tests.dashboard_helpers import DEMO_PERIOD, new_app
from warehouse.confidentiality import footnote


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    chart_cache.clear()


def run(page: str, role: str = "analyst", **query: str) -> AppTest:
    """A new session on app_pages/<page>.py as `role` (the demo's role switch)."""
    at = new_app(**query)
    at.session_state["demo_role"] = role
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def specs(at: AppTest) -> list[tuple[str, list[bytes]]]:
    """Every chart the run sent: its spec and its datasets."""
    return [(c.proto.spec, [d.data.data for d in c.proto.datasets]) for c in at.get("vega_lite_chart")]


def footnoted(at: AppTest, language: str = "zh") -> bool:
    text = footnote(language)
    return any(text in h.proto.body for h in at.get("html"))


def test_a_second_session_draws_the_same_charts_from_the_cache(zone_db: Path) -> None:
    first = run("growth")
    built = chart_cache.stats()
    assert built["misses"] == len(specs(first)) > 0
    again = run("growth")
    after = chart_cache.stats()
    assert after["misses"] == built["misses"], "nothing rebuilt for the same view"
    assert after["hits"] == built["hits"] + len(specs(again))
    assert specs(again) == specs(first)


def test_cached_spec_is_what_st_altair_chart_sends(zone_db: Path) -> None:
    """The cache path draws byte for byte the element the uncached path (st.altair_chart) draws."""

    def script() -> None:
        import pandas as pd
        import streamlit as st

        from dashboard import charts, ui

        df = pd.DataFrame({"category": ["甲", "乙", "丙"], "v": [3.0, 1.5, None]})
        ui.chart(charts.ranked_bars(df, category="category", value="v", value_title="v"))
        ui.chart(ui.lazy(charts.ranked_bars, df, category="category", value="v", value_title="v"))
        ui.chart(ui.lazy(charts.ranked_bars, df, category="category", value="v", value_title="v"))
        st.write("done")

    at = AppTest.from_function(script).run()
    assert not at.exception, [e.value for e in at.exception]
    plain, cached, hit = (c.proto for c in at.get("vega_lite_chart"))
    for proto in (cached, hit):
        assert proto.spec == plain.spec
        assert [(d.name, d.data.data) for d in proto.datasets] == [(d.name, d.data.data) for d in plain.datasets]
        assert proto.theme == plain.theme


def test_leader_and_analyst_get_their_own_specs_and_the_footnote(zone_db: Path) -> None:
    """A park where the leader's breakdowns withhold cells: the leader's charts are not the analyst's,
    and the Statistics Law footnote shows on the leader's page on a cache hit as on the first run."""
    parks = new_app().run().selectbox(key="park").options[1:]
    for park in parks:
        leader = run("growth", "leader", park=park)
        if footnoted(leader):
            break
    else:
        pytest.fail("no park withholds a cell from the leader in the demo data")
    misses = chart_cache.stats()["misses"]
    analyst = run("growth", "analyst", park=park)
    assert chart_cache.stats()["misses"] > misses, "the analyst was served the leader's specs"
    assert not footnoted(analyst)
    assert specs(analyst) != specs(leader)
    # the leader again, every chart from the cache: the footnote is still there
    misses = chart_cache.stats()["misses"]
    again = run("growth", "leader", park=park)
    assert chart_cache.stats()["misses"] == misses
    assert footnoted(again)
    assert specs(again) == specs(leader)


def test_a_filter_or_language_change_draws_other_charts(zone_db: Path) -> None:
    zone = run("services")
    parks = zone.selectbox(key="park").options[1:]
    misses = chart_cache.stats()["misses"]
    parked = run("services", park=parks[0])
    assert chart_cache.stats()["misses"] > misses
    assert specs(parked) != specs(zone)
    misses = chart_cache.stats()["misses"]
    english = run("services", lang="en")
    assert chart_cache.stats()["misses"] > misses
    assert specs(english) != specs(zone)
    older = run("services", period="2025-03")
    assert specs(older) != specs(zone)
    assert DEMO_PERIOD != "2025-03"


def test_frames_are_told_apart_by_content() -> None:
    a = pd.DataFrame({"x": ["a", "b"], "v": [1.0, 2.0]})
    b = a.assign(v=[1.0, float("nan")])
    c = a.astype({"v": "float32"})
    prints = {chart_cache.fingerprint(a), chart_cache.fingerprint(b), chart_cache.fingerprint(c)}
    assert len(prints) == 3
    assert chart_cache.fingerprint(a) == chart_cache.fingerprint(a.copy())
    day = pd.Timestamp("2025-06-30")
    assert chart_cache.fingerprint(day) != chart_cache.fingerprint(day - pd.Timedelta(days=1))
    with pytest.raises(chart_cache.Unhashable):
        chart_cache.fingerprint(object())
