"""Read the headline metrics of one period from the `headline_metrics` mart."""

from __future__ import annotations

import math
import re
from pathlib import Path

from warehouse import readonly
from warehouse.contract import HEADLINE_METRICS

PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class HeadlineError(Exception):
    """The headline for a period cannot be read (bad period, period outside the data, no warehouse)."""


def _clean(value: object) -> object:
    """JSON-friendly value: NaN becomes None, integral counts stay ints."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def read_headline(db_path: Path, period: str) -> dict[str, object]:
    """Every contract headline metric for `period` ('YYYY-MM'), in contract order."""
    if not PERIOD_RE.match(period or ""):
        raise HeadlineError(f"period must look like YYYY-MM (e.g. 2025-06), got {period!r}")
    db_path = Path(db_path)
    if not db_path.exists():
        raise HeadlineError(f"warehouse not found: {db_path} (run `python -m warehouse build` first)")
    cols = ", ".join(HEADLINE_METRICS)
    with readonly.opened(db_path) as con:
        rows = con.execute(f"select {cols} from headline_metrics where period = ?", [period]).fetchall()
        if not rows:
            first, last = con.execute("select min(period), max(period) from headline_metrics").fetchall()[0]
            raise HeadlineError(
                f"period {period} is outside the data: the warehouse covers {first} to {last}"
                if first
                else "the warehouse holds no periods"
            )
    return {name: _clean(v) for name, v in zip(HEADLINE_METRICS, rows[0], strict=True)}
