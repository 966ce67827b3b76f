"""Numbers as Chinese statistics print them: 亿元 with one decimal, 万元, %, 个百分点, 家/个.

Money arrives in 万元 (the contract's unit). Every function returns the long dash for a
missing value (a metric whose denominator is zero is null, never 0).
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.i18n import lang

DASH = "—"


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def num(x: float | None, decimals: int = 0) -> str:
    """A plain number with thousands separators."""
    if _missing(x):
        return DASH
    return f"{x:,.{decimals}f}"


def yi(wan: float | None, decimals: int = 1) -> str:
    """An amount given in 万元 shown in 亿元 with one decimal (English: RMB bn)."""
    if _missing(wan):
        return DASH
    if lang() == "en":
        return f"¥{wan / 1e5:,.{decimals + 1}f} bn"
    return f"{wan / 1e4:,.{decimals}f}亿元"


def wan(x: float | None, decimals: int = 0) -> str:
    """An amount in 万元 (English: RMB m)."""
    if _missing(x):
        return DASH
    if lang() == "en":
        return f"¥{x / 100:,.{max(decimals, 1)}f} m"
    return f"{x:,.{decimals}f}万元"


def money(x: float | None) -> str:
    """An amount in 万元, in 亿元 from 1亿 upward, otherwise in 万元."""
    if _missing(x):
        return DASH
    return yi(x) if abs(x) >= 1e4 else wan(x)


def pct(x: float | None, decimals: int = 1, signed: bool = False) -> str:
    """A percentage given in percent (23.5 means 23.5 %)."""
    if _missing(x):
        return DASH
    return f"{x:+.{decimals}f}%" if signed else f"{x:.{decimals}f}%"


def pp(x: float | None, decimals: int = 1, signed: bool = True) -> str:
    """Percentage points: 17.1个百分点 (English: 17.1 pp)."""
    if _missing(x):
        return DASH
    body = f"{x:+.{decimals}f}" if signed else f"{x:.{decimals}f}"
    return f"{body} pp" if lang() == "en" else f"{body}个百分点"


def count(x: float | None, unit: str = "") -> str:
    """A count with its Chinese measure word (家, 个, 人, 件); English shows the bare number."""
    if _missing(x):
        return DASH
    body = f"{round(x):,d}"
    return body if lang() == "en" or not unit else f"{body}{unit}"


def signed_count(x: float | None, unit: str = "") -> str:
    """A change in a count, with its sign."""
    if _missing(x):
        return DASH
    body = f"{round(x):+,d}"
    return body if lang() == "en" or not unit else f"{body}{unit}"


def period_label(period: str, language: str | None = None) -> str:
    """'2025-06' as 2025年6月 (English: Jun 2025)."""
    year, month = period.split("-")
    if (language or lang()) == "en":
        names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
        return f"{names[int(month) - 1]} {year}"
    return f"{year}年{int(month)}月"


def ytd_label(period: str) -> str:
    """'2025-06' as 2025年1—6月, the way cumulative figures are headed (English: Jan–Jun 2025)."""
    year, month = period.split("-")
    if lang() == "en":
        names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
        m = int(month)
        return f"{names[0]} {year}" if m == 1 else f"Jan–{names[m - 1]} {year}"
    m = int(month)
    return f"{year}年1月" if m == 1 else f"{year}年1—{m}月"


def date_label(value: object) -> str:
    """A date as 2025年6月30日 (English: 30 Jun 2025)."""
    if _missing(value) or value is None:
        return DASH
    d = value if hasattr(value, "year") else pd.Timestamp(value)
    if lang() == "en":
        return f"{d.day} {d.strftime('%b')} {d.year}"
    return f"{d.year}年{d.month}月{d.day}日"


def timestamp_label(value: object) -> str:
    """A timestamp as 2025-07-03 09:15."""
    if _missing(value) or value is None:
        return DASH
    d = value if hasattr(value, "strftime") else pd.Timestamp(value)
    return d.strftime("%Y-%m-%d %H:%M")
