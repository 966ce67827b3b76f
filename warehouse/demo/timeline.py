"""The demo's calendar: monthly data run from 2022-01 to P = 2025-06, all "as of" 2025-06-30."""

from __future__ import annotations

import numpy as np

FIRST_MONTH = np.datetime64("2022-01", "M")
N_MONTHS = 42
MONTHS = FIRST_MONTH + np.arange(N_MONTHS)
PERIODS = np.array([str(m) for m in MONTHS])
AS_OF = np.datetime64("2025-06-30", "D")
AS_OF_END = AS_OF.astype("datetime64[s]") + np.timedelta64(86399, "s")
P_INDEX = N_MONTHS - 1  # 2025-06, the period the story is read at


def day(iso: str) -> np.datetime64:
    """The date of a 'YYYY-MM-DD' string."""
    return np.datetime64(iso, "D")


def period_index(period: str) -> int:
    """Month index (0 = 2022-01) of a 'YYYY-MM' period."""
    return int((np.datetime64(period, "M") - FIRST_MONTH).astype(int))


def month_index(days: np.ndarray) -> np.ndarray:
    """Month index (0 = 2022-01) of each date."""
    return (days.astype("datetime64[M]") - FIRST_MONTH).astype(np.int64)


def add_years(days: np.ndarray, years: int) -> np.ndarray:
    """The same day of the month `years` later (29 February moves to 1 March)."""
    months = days.astype("datetime64[M]")
    offset = days - months.astype("datetime64[D]")
    return (months + 12 * years).astype("datetime64[D]") + offset
