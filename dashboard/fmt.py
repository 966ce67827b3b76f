"""The one number formatter: every figure the product prints goes through here.

Cards, chart labels and tooltips, chart images, talking points, the deck and downloads all
print numbers with these functions, so one value prints the same digits everywhere. Rounding
is half up (四舍五入) from the value's decimal representation — the shortest decimal that
reads back as the stored float (`repr`), so 23.45 prints 23.5, where Python's `f"{x:.1f}"`
(binary rounding) prints 23.4. Scaling (万元 → 亿元) is done in decimal too.

Chinese statistical conventions: money arrives in 万元 (the contract's unit) and prints in
亿元 with one decimal; rates in %; differences of rates in 个百分点; counts whole, with
their measure word (家, 个, 人, 件). A missing value (None or NaN; a metric whose
denominator is zero is null, never 0) prints as the long dash.

Functions take `language` ('zh' or 'en'); left out, it is the language of the current
dashboard session (`i18n.lang()`), Chinese outside one.
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from dashboard import i18n
from warehouse import metrics

DASH = "—"

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def missing(x: object) -> bool:
    """True for a value that prints as the dash: None, NaN, pandas' NA/NaT."""
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def half_up(x: float | Decimal, decimals: int = 0, scale: int = 0) -> Decimal:
    """x × 10^scale rounded half up to `decimals` places, from x's shortest decimal representation."""
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, numbers.Integral):
        d = Decimal(int(x))
    else:
        d = Decimal(repr(float(x)))
    return d.scaleb(scale).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fixed(
    x: float | Decimal | None, decimals: int = 0, *, signed: bool = False, grouping: bool = True, scale: int = 0
) -> str:
    """The digits of x: half up to `decimals` places, thousands separators, a sign when asked, never '-0'."""
    if missing(x):
        return DASH
    if isinstance(x, float) and math.isinf(x):
        return DASH
    d = half_up(x, decimals, scale)
    if d == 0:
        d = abs(d)  # no "-0.0"
    spec = f"{'+' if signed else ''}{',' if grouping else ''}.{decimals}f"
    return format(d, spec)


def _lang(language: str | None) -> str:
    return language or i18n.lang()


def num(x: float | None, decimals: int = 0, *, signed: bool = False) -> str:
    """A plain number with thousands separators."""
    return fixed(x, decimals, signed=signed)


def yi(wan: float | None, decimals: int = 1, *, language: str | None = None, grouping: bool = True) -> str:
    """An amount given in 万元 shown in 亿元 with one decimal (English: RMB bn, one more decimal)."""
    if missing(wan):
        return DASH
    if _lang(language) == "en":
        return f"¥{fixed(wan, decimals + 1, scale=-5, grouping=grouping)} bn"
    return f"{fixed(wan, decimals, scale=-4, grouping=grouping)}亿元"


def yi_number(wan: float | None, decimals: int = 1) -> str:
    """The number of 亿元 in an amount given in 万元, without the unit or separators: 13052599.83 → '1305.3'."""
    return fixed(wan, decimals, scale=-4, grouping=False)


def wan(x: float | None, decimals: int = 0, *, language: str | None = None) -> str:
    """An amount in 万元 (English: RMB m)."""
    if missing(x):
        return DASH
    if _lang(language) == "en":
        return f"¥{fixed(x, max(decimals, 1), scale=-2)} m"
    return f"{fixed(x, decimals)}万元"


def money(x: float | None, *, language: str | None = None) -> str:
    """An amount in 万元, in 亿元 from 1亿 upward, otherwise in 万元."""
    if missing(x):
        return DASH
    return yi(x, language=language) if abs(x) >= 1e4 else wan(x, language=language)


def pct(x: float | None, decimals: int = 1, signed: bool = False) -> str:
    """A percentage given in percent (23.5 means 23.5 %)."""
    if missing(x):
        return DASH
    return f"{fixed(x, decimals, signed=signed, grouping=False)}%"


def pp(x: float | None, decimals: int = 1, signed: bool = True, *, language: str | None = None) -> str:
    """Percentage points: 17.1个百分点 (English: 17.1 pp)."""
    if missing(x):
        return DASH
    body = fixed(x, decimals, signed=signed, grouping=False)
    return f"{body} pp" if _lang(language) == "en" else f"{body}个百分点"


def count(x: float | None, unit: str = "", *, language: str | None = None) -> str:
    """A count with its Chinese measure word (家, 个, 人, 件); English shows the bare number."""
    if missing(x):
        return DASH
    body = fixed(x, 0)
    return body if _lang(language) == "en" or not unit else f"{body}{unit}"


def signed_count(x: float | None, unit: str = "", *, language: str | None = None) -> str:
    """A change in a count, with its sign."""
    if missing(x):
        return DASH
    body = fixed(x, 0, signed=True)
    return body if _lang(language) == "en" or not unit else f"{body}{unit}"


def measure_word(unit: str, language: str | None = None) -> str:
    """The measure word a count of `unit` (a registry unit) carries: 家, 个, 人, 件; '' in English or for non-counts."""
    key = metrics.MEASURE_KEYS.get(unit)
    return i18n.tr(_lang(language), key) if key else ""


def metric(name: str, value: float | None, *, language: str | None = None) -> str:
    """A headline metric as its card prints it, by the registry's unit and decimals."""
    m = metrics.BY_NAME[name]
    language = _lang(language)
    if m.unit == "yuan_wan":
        return yi(value, m.decimals, language=language)
    if m.unit == "percent":
        return pct(value, m.decimals)
    if m.unit == "pp":
        return pp(value, m.decimals, signed=False, language=language)
    return count(value, measure_word(m.unit, language), language=language)


def metric_number(name: str, value: float | None) -> str:
    """A headline metric's bare number in its printed unit (亿元, %, pp, count), as a sentence embeds it."""
    m = metrics.BY_NAME[name]
    if m.unit == "yuan_wan":
        return yi_number(value, m.decimals)
    return fixed(value, m.decimals, grouping=False)


# --- periods and dates ------------------------------------------------------------------------


def period_label(period: str, language: str | None = None) -> str:
    """'2025-06' as 2025年6月 (English: Jun 2025)."""
    year, month = period.split("-")
    if _lang(language) == "en":
        return f"{MONTHS_EN[int(month) - 1]} {year}"
    return f"{year}年{int(month)}月"


def ytd_label(period: str, language: str | None = None) -> str:
    """'2025-06' as 2025年1—6月, the way cumulative figures are headed (English: Jan–Jun 2025)."""
    year, month = period.split("-")
    m = int(month)
    if _lang(language) == "en":
        return f"Jan {year}" if m == 1 else f"Jan–{MONTHS_EN[m - 1]} {year}"
    return f"{year}年1月" if m == 1 else f"{year}年1—{m}月"


def date_label(value: object, language: str | None = None) -> str:
    """A date as 2025年6月30日 (English: 30 Jun 2025)."""
    if missing(value):
        return DASH
    d = value if hasattr(value, "year") else pd.Timestamp(value)
    if _lang(language) == "en":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.year}年{d.month}月{d.day}日"


def timestamp_label(value: object) -> str:
    """A timestamp as 2025-07-03 09:15."""
    if missing(value):
        return DASH
    d = value if hasattr(value, "strftime") else pd.Timestamp(value)
    return d.strftime("%Y-%m-%d %H:%M")


_SPEC = re.compile(r"^(?P<sign>\+)?(?P<group>,)?\.(?P<decimals>\d+)(?P<trim>~)?(?P<type>[f%])$")


def spec(x: float | None, format_spec: str, missing_text: str = DASH) -> str:
    """x printed by a d3-style format spec as the charts name them ('.1f', ',.0f', '+,.1f', '.1~f', '.0%'),
    through the same half-up rounding: what a chart label or tooltip prints."""
    m = _SPEC.match(format_spec)
    if m is None:
        raise ValueError(f"unsupported number format {format_spec!r}")
    if missing(x):
        return missing_text
    percent = m["type"] == "%"
    text = fixed(x, int(m["decimals"]), signed=bool(m["sign"]), grouping=bool(m["group"]), scale=2 if percent else 0)
    if m["trim"] and "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%" if percent else text
