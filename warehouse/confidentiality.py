"""Statistical confidentiality: cells built from fewer than 3 enterprises are withheld.

China's Statistics Law (《统计法》第三十九条, 《统计法实施条例》) forbids disclosing any
single respondent's statistical data. What counts as respondents' statistics here: the
figures enterprises report in 规上工业企业月报 (industrial_monthly) and everything derived
from them: output, revenue, profit, value added, growth, contributions to growth. Those
are shown to the `leader` role only as aggregates over at least MIN_ENTERPRISES
enterprises, and a suppressed cell is not recoverable from a total shown beside it.

The rules, implemented once here and used by the dashboard (dashboard/data.py), the press
kit and the leader's SQL read model (warehouse/safe_sql.py):

* **Primary suppression.** A cell whose enterprise count is 1 or 2 is withheld. A cell
  of 0 enterprises is an empty cell (its value is 0 and says nothing about anyone).
* **Complementary (secondary) suppression.** In every line of cells whose total is shown
  (a row or column group, or a line of a table with margins), if exactly one cell is
  withheld the total would give it away, so the next-smallest cell (fewest enterprises,
  then smallest value; never an empty cell) is withheld too. Likewise while the withheld
  cells of a line together hold fewer than MIN_ENTERPRISES enterprises: two one-company
  cells summed from a total would let each company compute the other's figure. Lines
  are revisited until nothing changes (a cell withheld for a row can break a column).
* `suppress` works on a frame of cells whose totals are shown elsewhere (a ranked bar
  chart next to its KPI total); `suppress_table` builds every margin of a table of
  several dimensions (park × chain × division) and treats the margins as cells too, so
  one suppression pattern holds for every view the filters can produce.

Enterprise names: `enterprises.consent_public` (an extra column the contract allows; false
when absent) marks enterprises that agreed to be named. It covers the name, not the
figures: a leader sees consenting enterprises named in administrative lists (tier
recognitions, projects, service cases) and never sees one enterprise's statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

MIN_ENTERPRISES = 3
ALL = "__all__"  # the margin ("all parks") in a table built by suppress_table
SUPPRESSED_TEXT = "—"
FOOTNOTE = {
    "zh": "注：涉及企业少于3家的数据按《统计法》不予公布",
    "en": "Note: figures built from fewer than 3 enterprises are withheld under the Statistics Law.",
}
FLAG = "suppressed"


def footnote(lang: str = "zh") -> str:
    """The footnote printed under anything with a withheld cell."""
    return FOOTNOTE["en" if lang == "en" else "zh"]


def is_primary(count: object, threshold: int = MIN_ENTERPRISES) -> bool:
    """True when a cell of `count` enterprises must be withheld (1 ≤ count < threshold)."""
    if count is None or (isinstance(count, float) and np.isnan(count)):
        return False
    return 0 < float(count) < threshold


def _secondary(counts: np.ndarray, ties: np.ndarray, withheld: np.ndarray,
               lines: Sequence[tuple[np.ndarray, int | None]], threshold: int) -> np.ndarray:
    """Withhold more cells until no line gives a withheld cell away.

    Each line is (member cell indices, index of its total cell or None when the total is
    shown but is not itself a cell). A line is safe when it has no withheld cell, or at
    least two withheld cells (counting its total) and either its total is withheld or its
    withheld members hold at least `threshold` enterprises between them.
    """
    withheld = withheld.copy()
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            while True:
                hidden = members[withheld[members]]
                total_hidden = total is not None and bool(withheld[total])
                n_hidden = len(hidden) + int(total_hidden)
                if n_hidden == 0:
                    break
                if n_hidden >= 2 and (total_hidden or counts[hidden].sum() >= threshold):
                    break
                open_ = members[~withheld[members] & (counts[members] > 0)]
                if len(open_):
                    pick = open_[np.lexsort((np.abs(ties[open_]), counts[open_]))[0]]
                    withheld[pick] = True
                elif total is not None and not total_hidden:
                    withheld[total] = True
                else:
                    break  # nothing left to withhold in this line; its other lines decide
                changed = True
    return withheld


def _ties(df: pd.DataFrame, values: Sequence[str]) -> np.ndarray:
    """The size used to pick the smallest cell among equal counts: the first value column."""
    if not values:
        return np.zeros(len(df))
    return pd.to_numeric(df[values[0]], errors="coerce").fillna(0).to_numpy(dtype=float)


def _blank(df: pd.DataFrame, mask: np.ndarray, values: Sequence[str]) -> pd.DataFrame:
    """Values of withheld cells as missing (NaN / None), other cells untouched."""
    out = df.copy()
    for col in values:
        if col not in out:
            continue
        series = out[col]
        if pd.api.types.is_integer_dtype(series) or pd.api.types.is_bool_dtype(series):
            series = series.astype("float64") if pd.api.types.is_integer_dtype(series) else series.astype(object)
        out[col] = series.mask(pd.Series(mask, index=out.index))
    return out


def suppress(df: pd.DataFrame, count: str, values: Sequence[str], groups: Sequence[Sequence[str]] = ((),),
             threshold: int = MIN_ENTERPRISES, flag: str = FLAG) -> pd.DataFrame:
    """Withhold the values of cells built from fewer than `threshold` enterprises, and their complements.

    `df` has one row per cell, an enterprise-count column `count` and the `values` to
    withhold. `groups` names the lines whose totals are shown: each entry is a list of
    columns to group the rows by (`()` for "all rows are one line", the default; for a
    table with row and column totals, `(["row"], ["column"])`). Returns a copy with the
    withheld values missing and a boolean column `flag` (True where withheld).
    """
    out = df.reset_index(drop=True)
    counts = pd.to_numeric(out[count], errors="coerce").fillna(0).to_numpy(dtype=float)
    withheld = (counts > 0) & (counts < threshold)
    lines = []
    for group in groups:
        if not group:
            lines.append((np.arange(len(out)), None))
            continue
        for idx in out.groupby(list(group), dropna=False, sort=False).indices.values():
            lines.append((np.asarray(idx), None))
    withheld = _secondary(counts, _ties(out, values), withheld, lines, threshold)
    out = _blank(out, withheld, values)
    out[flag] = withheld
    return out.set_axis(df.index) if len(df.index) == len(out) else out


def margins(cells: pd.DataFrame, dims: Sequence[str], sums: Sequence[str]) -> pd.DataFrame:
    """Every cell of the table and every margin: one row per combination of dimension values
    or ALL, with the `sums` columns added up (rows that exist in `cells` only)."""
    frames = []
    dims = list(dims)
    for mask in range(2 ** len(dims)):
        kept = [d for i, d in enumerate(dims) if not mask & (1 << i)]
        if kept:
            part = cells.groupby(kept, dropna=False, sort=False, as_index=False)[list(sums)].sum(min_count=1)
        else:
            part = cells[list(sums)].sum(min_count=1).to_frame().T
        for i, d in enumerate(dims):
            if mask & (1 << i):
                part[d] = ALL
        frames.append(part[[*dims, *sums]])
    table = pd.concat(frames, ignore_index=True)
    for d in dims:
        table[d] = table[d].astype(object)
    return table


def table_lines(table: pd.DataFrame, dims: Sequence[str]) -> list[tuple[np.ndarray, int | None]]:
    """The lines of a table with margins: for each dimension and each setting of the
    others, the cells along that dimension and the margin cell that is their total."""
    lines = []
    keys = table[list(dims)]
    for d in dims:
        others = [o for o in dims if o != d]
        is_total = (keys[d] == ALL).to_numpy()
        grouped = table.groupby(others, dropna=False, sort=False).indices if others else {(): np.arange(len(table))}
        for idx in grouped.values():
            idx = np.asarray(idx)
            members = idx[~is_total[idx]]
            totals = idx[is_total[idx]]
            if len(members):
                lines.append((members, int(totals[0]) if len(totals) else None))
    return lines


def suppress_table(cells: pd.DataFrame, dims: Sequence[str], count: str, values: Sequence[str],
                   threshold: int = MIN_ENTERPRISES, extra_sums: Sequence[str] = (),
                   primary: Callable[[pd.DataFrame], pd.Series] | None = None, flag: str = FLAG) -> pd.DataFrame:
    """The table of `cells` by `dims` with all its margins, cells of fewer than `threshold`
    enterprises withheld and enough complements withheld that no margin gives one away.

    `cells` has one row per finest cell; `count` (distinct enterprises) and `values` must
    add up across cells, as enterprise counts do when each enterprise sits in exactly one
    cell. `extra_sums` are other additive columns to carry into the margins, and
    `primary(table)` may mark more cells to withhold before the complements are chosen
    (e.g. a month whose reports came from one or two enterprises). Margin rows hold ALL in
    the dimensions they add up over. Returns the table with `flag` (withheld) and
    `primary` columns and the withheld values missing.
    """
    sums = list(dict.fromkeys([count, *values, *extra_sums]))
    table = margins(cells, dims, sums)
    counts = pd.to_numeric(table[count], errors="coerce").fillna(0).to_numpy(dtype=float)
    first = (counts > 0) & (counts < threshold)
    if primary is not None:
        first |= primary(table).fillna(False).to_numpy(dtype=bool)
    withheld = _secondary(counts, _ties(table, values), first, table_lines(table, dims), threshold)
    out = _blank(table, withheld, values)
    out["primary"] = first
    out[flag] = withheld
    return out


def lookup(table: pd.DataFrame, dims: Sequence[str], key: Sequence[object], flag: str = FLAG) -> bool:
    """Whether the cell `key` (one value or ALL per dimension) of a suppress_table result is
    withheld; a cell absent from the table is empty and not withheld."""
    hit = table
    for d, k in zip(dims, key, strict=True):
        hit = hit[hit[d] == (ALL if k is None else k)]
    return bool(len(hit)) and bool(hit[flag].iloc[0])
