"""One number formatter: half up from the decimal value, the same digits on a card, in a talking
point, in the deck and in a chart's labels and tooltips.

`f"{23.45:.1f}"` is '23.4' (the float is 23.4499…); a release prints 23.5 (四舍五入 of the
decimal value 23.45). Every consumer prints through dashboard/fmt.py, and these tests print
every headline metric of every demo period through each consumer, plus a warehouse whose
headline figures sit exactly on x.x5.
"""

from __future__ import annotations

import io
import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from dashboard import charts, fmt, presskit
from dashboard.talking_points import talking_points
from warehouse import metrics
from warehouse.headline import read_headline

# Talking points that state their metrics' exact figures (others round them to 突破/近/余 or fractions).
EXACT_POINTS = {"output", "growth", "manufacturing", "revenue_share", "plan", "tiers", "services", "talent"}

# Headline values exactly on a rounding edge, for the x.x5 fixture (万元 amounts on 0.05亿).
EDGES = {
    "gross_output_ytd": 13_052_550.0,  # 1305.255亿 → 1305.3
    "revenue_ytd": 13_162_450.0,  # 1316.245亿 → 1316.2
    "industrial_va_growth_ytd": 23.45,
    "lead_vs_national_pp": 17.05,
    "lead_vs_province_pp": 15.85,
    "manufacturing_va_growth_ytd": 23.75,
    "manufacturing_lead_vs_national_pp": 16.75,
    "manufacturing_lead_vs_province_pp": 14.75,
    "revenue_share_of_city": 27.45,
    "satisfaction_rate": 98.45,
    "on_time_rate": 97.95,
    "one_visit_rate": 90.25,
    "rectification_rate": 91.15,
}


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (23.45, 1, "23.5"),
        (0.05, 1, "0.1"),
        (2.675, 2, "2.68"),
        (1.005, 2, "1.01"),
        (17.05, 1, "17.1"),
        (-0.04, 1, "0.0"),
        (-2.25, 1, "-2.3"),
        (1234.5, 0, "1,235"),
        (426, 0, "426"),
    ],
)
def test_fixed_rounds_half_up_from_the_decimal_value(value: float, decimals: int, expected: str) -> None:
    assert fmt.fixed(value, decimals) == expected


def test_units_and_missing_values() -> None:
    assert fmt.yi(13_052_550.0, language="zh") == "1,305.3亿元"
    assert fmt.yi(13_052_550.0, language="en") == "¥130.53 bn"
    assert fmt.pct(23.45) == "23.5%"
    assert fmt.pp(17.05, signed=False, language="zh") == "17.1个百分点"
    assert fmt.pp(-0.04, language="zh") == "+0.0个百分点"
    assert fmt.count(1560, "家", language="zh") == "1,560家"
    for missing in (None, float("nan"), pd.NA):
        assert fmt.pct(missing) == fmt.yi(missing) == fmt.count(missing, "家") == fmt.metric("talent_in_post", missing)
        assert fmt.metric("talent_in_post", missing) == "—"
    assert fmt.spec(0.125, ".0%") == "13%"
    assert fmt.spec(23.45, "+,.1f") == "+23.5"
    with pytest.raises(ValueError, match="unsupported"):
        fmt.spec(1.0, "e")


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_any_three_place_decimal_rounds_like_the_decimal_module(d: Decimal) -> None:
    expected = d.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert fmt.fixed(float(d), 1, grouping=False) == format(abs(expected) if expected == 0 else expected, ".1f")


def test_chart_labels_and_tooltips_print_through_the_formatter() -> None:
    df = pd.DataFrame({"period": ["2025-05", "2025-06"], "series": ["a", "a"], "v": [23.45, 2.675]})
    spec = charts.lines(df, value="v", series="series", order=["a"], colors=["#000"], value_title="%").to_dict(
        validate=False
    )
    rows = [r for values in spec["datasets"].values() for r in values]
    assert {r["value_text"] for r in rows} == {"23.5", "2.7"}
    assert {r["v_tip"] for r in rows} == {"23.5", "2.7"}
    tooltips = [t for layer in spec["layer"] for t in layer.get("encoding", {}).get("tooltip", [])]
    assert {"field": "v_tip", "type": "nominal", "title": "%"} in tooltips
    assert not [t for t in tooltips if t.get("type") == "quantitative"]  # no number left for d3-format to round


def _digits(text: str) -> str:
    return re.sub(r"[^\d.]", "", text)


def _check_period(db: Path, period: str) -> list[str]:
    """Every headline metric the talking points state, printed by the card and by the sentence."""
    values = read_headline(db, period)
    stated = []
    for point in talking_points(db, period, "zh"):
        if point.key not in EXACT_POINTS:
            continue
        for name in point.metrics:
            if name not in metrics.BY_NAME or values.get(name) is None:
                continue
            card = fmt.metric(name, values[name], language="zh")
            number = fmt.metric_number(name, values[name])
            assert _digits(card) == _digits(number), f"{period} {name}: card {card} ≠ {number}"
            # a lag is told as 低于 … with the magnitude, and a lead that rounds to 0.0 as 持平
            said = "持平" if set(_digits(number)) <= {"0", "."} else number.lstrip("-")
            assert said in point.text, f"{period} {name}: card {card}, sentence {point.text}"
            stated.append(name)
    return stated


def test_every_period_prints_the_same_digits_on_card_and_talking_point(demo_db: Path) -> None:
    with duckdb.connect(str(demo_db), read_only=True) as con:
        periods = [r[0] for r in con.execute("select period from main.headline_metrics order by period").fetchall()]
    stated = set()
    for period in periods:
        stated |= set(_check_period(demo_db, period))
    assert len(stated) >= 20  # most headline metrics are stated exactly somewhere


@pytest.fixture(scope="module")
def edge_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse with 2025-06's headline figures moved onto x.x5 rounding edges."""
    path = tmp_path_factory.mktemp("edges") / "zone.duckdb"
    shutil.copyfile(demo_db, path)
    with duckdb.connect(str(path)) as con:
        sets = ", ".join(f"{name} = ?" for name in EDGES)
        con.execute(f"update main.headline_metrics set {sets} where period = '2025-06'", list(EDGES.values()))
    return path


def test_edge_values_print_the_same_digits_on_card_talking_point_and_deck(edge_db: Path) -> None:
    assert set(_check_period(edge_db, "2025-06")) >= set(EDGES)
    points = talking_points(edge_db, "2025-06", "zh")
    text = " ".join(p.text for p in points)
    for printed in (
        "1305.3亿元",
        "23.5%",
        "17.1、15.9个百分点",
        "23.8%",
        "16.8、14.8个百分点",
        "1316.2亿元",
        "27.5%",
        "满意率98.5%",
        "按时办结率98.0%",
        "一次办结率90.3%",
        "差评整改率91.2%",
    ):
        assert printed in text
    deck = Presentation(io.BytesIO(presskit.deck_bytes(points, [], "2025-06", "zh", "高新区", {})))
    deck_text = "\n".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    for point in points:
        assert point.text in deck_text
