"""bench/components.py: the bare app draws each kind of component it names, and the table's arithmetic.

The timings themselves are measured by `python -m bench.components` and quoted in bench/notes.md;
here the app runs in-process (AppTest) and every kind has to draw what its description says.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.components import APP, Kind, table
from bench.floor_app.components_app import KINDS

# what each kind puts on the page, as AppTest names the elements (n = 2 of each)
EXPECTED = {
    "html": ("html", 2),
    "metric": ("metric", 2),
    "metric_sparkline": ("metric", 2),
    "download_button": ("download_button", 2),
    "card_chrome": ("download_button", 4),
    "selectbox": ("selectbox", 2),
    "segmented_control": ("button_group", 2),
    "toggle": ("toggle", 2),
    "expander": ("expander", 2),
    "dataframe": ("dataframe", 2),
    "chart": ("vega_lite_chart", 2),
    "sparkline_chart": ("vega_lite_chart", 2),
}


def test_every_kind_is_checked() -> None:
    assert set(EXPECTED) == set(KINDS) - {"none"}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_the_app_draws_n_of_each_kind(kind: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["kind"] = kind
    at.query_params["n"] = "2"
    at.run()
    assert not at.exception, at.exception
    element, count = EXPECTED[kind]
    assert len(at.get(element)) == count, [e.type for e in at.main]


def test_the_empty_page_draws_nothing() -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["kind"] = "none"
    at.query_params["n"] = "3"
    at.run()
    assert not at.exception and len(at.main.children) == 0


def test_an_unknown_kind_is_refused() -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["kind"] = "carousel"
    at.query_params["n"] = "1"
    at.run()
    assert at.exception and "carousel" in at.exception[0].message


def test_the_table_gives_one_component_over_the_empty_page() -> None:
    kinds = [Kind("none", 0, [0.50, 0.40, 0.45]), Kind("metric", 10, [0.60, 0.55, 0.65]), Kind("dataframe", 1, [0.7])]
    text = table(kinds)
    assert "empty page's 0.45 s" in text
    assert "| 10 | 0.60 s | 15 ms |" in text  # (0.60 - 0.45) / 10
    assert "| 1 | 0.70 s | 250 ms |" in text
