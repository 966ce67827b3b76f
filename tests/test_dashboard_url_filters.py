"""The sidebar filters live in the URL: a link reproduces the view, and the view rewrites the link."""

from __future__ import annotations

from pathlib import Path

from dashboard_helpers import APP, DEMO_PERIOD
from streamlit.testing.v1 import AppTest

from warehouse.headline import read_headline

TIMEOUT = 60


def app(**query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at.run()


def test_a_link_reproduces_the_view(zone_db: Path) -> None:
    at = app(period="2024-12", park="济南药谷", chain="生物医药")
    assert not at.exception
    assert at.selectbox(key="period").value == "2024-12"
    assert at.selectbox(key="park").value == "济南药谷"
    assert at.selectbox(key="chain").value == "生物医药"
    # the scorecard reads the period from the link
    h = read_headline(zone_db, "2024-12")
    shown = next(m.value for m in at.metric if m.label == "规上工业总产值")
    assert shown == f"{h['gross_output_ytd'] / 1e4:,.1f}亿元"
    assert at.query_params == {"period": "2024-12", "park": "济南药谷", "chain": "生物医药"}


def test_without_a_period_the_latest_is_shown_and_written_to_the_link(zone_db: Path) -> None:
    at = app()
    assert at.selectbox(key="period").value == DEMO_PERIOD
    assert at.query_params == {"period": DEMO_PERIOD}


def test_values_outside_the_data_fall_back_and_leave_the_link(zone_db: Path) -> None:
    at = app(period="2099-01", park="不存在的园区", chain="'; drop table headline_metrics; --")
    assert not at.exception
    assert at.selectbox(key="period").value == DEMO_PERIOD
    assert at.query_params == {"period": DEMO_PERIOD}


def test_changing_a_filter_rewrites_the_link_and_page_switches_keep_it(zone_db: Path) -> None:
    at = app(period=DEMO_PERIOD)
    at.selectbox(key="chain").select("新材料").run()
    at.selectbox(key="period").select("2025-03").run()
    assert at.query_params == {"period": "2025-03", "chain": "新材料"}
    at.switch_page("app_pages/talent.py").run()
    assert not at.exception
    assert at.query_params == {"period": "2025-03", "chain": "新材料"}
    assert at.selectbox(key="chain").value == "新材料"
    # back to all chains: the key leaves the link
    at.selectbox(key="chain").select("__all__").run()
    assert at.query_params == {"period": "2025-03"}


def test_language_is_in_the_link_only_when_english(zone_db: Path) -> None:
    at = app(period=DEMO_PERIOD, lang="en")
    assert at.query_params["lang"] == "en"
    at.get("button_group")[0].set_value("zh").run()
    assert "lang" not in at.query_params
    assert any(m.label == "规上工业总产值" for m in at.metric)
