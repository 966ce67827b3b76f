"""Benchmark regions named as the warehouse names them (全国, 山东省, 济南市 …), never from the code.

industrial_growth_monthly carries national_/province_/city_region_name beside each benchmark;
the labels here follow the data, and fall back to the generic 全国 / 全省 / 全市 only where the
data gives no name. The English view keeps a name only when it is written in Latin letters
(the warehouse's names are Chinese), and says National / Province / City otherwise.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.i18n import label, lang

LEVELS = ("national", "province", "city")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _shown(name: object) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return None
    if lang() == "en" and _CJK.search(name):
        return None
    return name.strip()


def named(bench: pd.DataFrame | dict | None) -> dict[str, str | None]:
    """{'national', 'province', 'city'} → the latest name the data gives (None where it gives none)."""
    out: dict[str, str | None] = {}
    for level in LEVELS:
        col = f"{level}_region_name"
        name = None
        if isinstance(bench, pd.DataFrame) and col in bench.columns:
            known = bench[col].dropna()
            name = known.iloc[-1] if len(known) else None
        elif isinstance(bench, dict):
            name = bench.get(col)
        out[level] = _shown(name)
    return out


def names(bench: pd.DataFrame | dict | None) -> dict[str, str]:
    """{'zone', 'national', 'province', 'city'} → label for a legend or axis: the data's name, else 全国 / 全省 / 全市."""
    found = named(bench)
    return {"zone": label("region", "zone"), **{lvl: found[lvl] or label("region", lvl) for lvl in LEVELS}}


PROSE_EN = {"national": "the nation", "province": "the province", "city": "the city"}


def prose(bench: pd.DataFrame | dict | None) -> dict[str, str]:
    """The same names for use inside a sentence: the data's name, else 全国 / 全省 / 全市 (the nation …)."""
    found = named(bench)
    generic = PROSE_EN if lang() == "en" else {lvl: label("region", lvl) for lvl in LEVELS}
    return {"zone": label("region", "zone"), **{lvl: found[lvl] or generic[lvl] for lvl in LEVELS}}
