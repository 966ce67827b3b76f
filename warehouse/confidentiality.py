"""Statistical confidentiality: cells built from fewer than 3 enterprises are withheld.

China's Statistics Law (《统计法》第三十九条, 《统计法实施条例》) forbids disclosing any
single respondent's statistical data. What counts as respondents' statistics here: the
figures enterprises report in 规上工业企业月报 (industrial_monthly) and everything derived
from them: output, revenue, profit, value added, growth, contributions to growth. Those
are shown to the `leader` role only as aggregates over at least MIN_ENTERPRISES
enterprises, and a suppressed cell is not recoverable from a total shown beside it.

The rules, implemented once here and applied by the read layer (dashboard/queries/confidential.py:
pages, downloads, chart images, talking points, the deck) and the leader's SQL read model
(warehouse/safe_sql.py):

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

from warehouse import metrics

MIN_ENTERPRISES = 3
ALL = "__all__"  # the margin ("all parks") in a table built by suppress_table
SUPPRESSED_TEXT = "—"
FOOTNOTE = {
    "zh": "注：涉及企业少于3家的数据按《统计法》不予公布",
    "en": "Note: figures built from fewer than 3 enterprises are withheld under the Statistics Law.",
}
FLAG = "suppressed"

# Metrics built from enterprises' reports, by the count that protects them: YTD sums (and
# shares of the city's, which give the sum away), YTD growth over same-enterprise pairs, and
# the manufacturing growth over manufacturing pairs. The headline metrics' families are in the
# metric registry; the leads over the city are columns of industrial_growth_monthly only.
METRIC_FAMILIES = {
    **metrics.FAMILY_OF,
    "lead_vs_city_pp": "paired",
    "manufacturing_lead_vs_city_pp": "mfg",
}

# The zone's enterprise counts at a period, from industrial_output_monthly (one `?`: the period).
ZONE_COUNTS_SQL = """
select sum(enterprise_count) as enterprise_count,
       sum(enterprise_count_ytd) as enterprise_count_ytd,
       sum(paired_enterprise_count_ytd) as paired_enterprise_count_ytd,
       sum(paired_enterprise_count_ytd) filter (where is_manufacturing) as mfg_paired_enterprise_count_ytd
from industrial_output_monthly
where period = ?
"""


def footnote(lang: str = "zh") -> str:
    """The footnote printed under anything with a withheld cell."""
    return FOOTNOTE["en" if lang == "en" else "zh"]


def is_primary(count: object, threshold: int = MIN_ENTERPRISES) -> bool:
    """True when a cell of `count` enterprises must be withheld (1 ≤ count < threshold)."""
    if count is None or (isinstance(count, float) and np.isnan(count)):
        return False
    return 0 < float(count) < threshold


def withheld_families(counts: dict | None, threshold: int = MIN_ENTERPRISES) -> set[str]:
    """Which metric families of one aggregate (the zone, a selection) are withheld, from its counts.

    `counts` holds enterprise_count (reporting this month), enterprise_count_ytd,
    paired_enterprise_count_ytd and mfg_paired_enterprise_count_ytd (a ZONE_COUNTS_SQL
    row). YTD sums are also withheld in a month whose reports came from one or two
    enterprises: this month's YTD minus last month's would be theirs.
    """
    counts = counts or {}
    out = set()
    if is_primary(counts.get("enterprise_count_ytd"), threshold) or is_primary(
        counts.get("enterprise_count"), threshold
    ):
        out.add("ytd")
    if is_primary(counts.get("paired_enterprise_count_ytd"), threshold):
        out.add("paired")
    if is_primary(counts.get("mfg_paired_enterprise_count_ytd"), threshold):
        out.add("mfg")
    return out


def withheld_metrics(counts: dict | None, threshold: int = MIN_ENTERPRISES) -> set[str]:
    """The headline metric names withheld for an aggregate with these counts."""
    families = withheld_families(counts, threshold)
    return {m for m, fam in METRIC_FAMILIES.items() if fam in families}


def _secondary(
    counts: np.ndarray,
    ties: np.ndarray,
    withheld: np.ndarray,
    lines: Sequence[tuple[np.ndarray, int | None]],
    threshold: int,
) -> np.ndarray:
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


def suppress(
    df: pd.DataFrame,
    count: str,
    values: Sequence[str],
    groups: Sequence[Sequence[str]] = ((),),
    threshold: int = MIN_ENTERPRISES,
    flag: str = FLAG,
) -> pd.DataFrame:
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
    dims, sums = list(dims), list(sums)
    keys = list(zip(*(cells[d].astype(object) for d in dims), strict=True)) if dims else [()] * len(cells)
    values = cells[sums].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    totals: dict[tuple, np.ndarray] = {}
    seen: dict[tuple, np.ndarray] = {}  # whether any cell had a value (sum(min_count=1) keeps NaN otherwise)
    for mask in range(2 ** len(dims)):
        for key, row in zip(keys, values, strict=True):
            margin = tuple(ALL if mask & (1 << i) else k for i, k in enumerate(key))
            if margin not in totals:
                totals[margin] = np.zeros(len(sums))
                seen[margin] = np.zeros(len(sums), dtype=bool)
            present = ~np.isnan(row)
            totals[margin][present] += row[present]
            seen[margin] |= present
    table = pd.DataFrame(list(totals), columns=dims) if dims else pd.DataFrame(index=range(len(totals)))
    sums_frame = pd.DataFrame([np.where(seen[k], totals[k], np.nan) for k in totals], columns=sums)
    table = pd.concat([table, sums_frame], axis=1)
    for d in dims:
        table[d] = table[d].astype(object)
    return table


def table_lines(table: pd.DataFrame, dims: Sequence[str]) -> list[tuple[np.ndarray, int | None]]:
    """The lines of a table with margins: for each dimension and each setting of the
    others, the cells along that dimension and the margin cell that is their total."""
    dims = list(dims)
    keys = list(zip(*(table[d].tolist() for d in dims), strict=True))
    lines = []
    for j in range(len(dims)):
        members: dict[tuple, list[int]] = {}
        totals: dict[tuple, int] = {}
        for i, key in enumerate(keys):
            rest = key[:j] + key[j + 1 :]
            if key[j] == ALL:
                totals[rest] = i
            else:
                members.setdefault(rest, []).append(i)
        lines += [(np.asarray(idx), totals.get(rest)) for rest, idx in members.items()]
    return lines


def suppress_table(
    cells: pd.DataFrame,
    dims: Sequence[str],
    count: str,
    values: Sequence[str],
    threshold: int = MIN_ENTERPRISES,
    extra_sums: Sequence[str] = (),
    primary: Callable[[pd.DataFrame], pd.Series] | None = None,
    flag: str = FLAG,
) -> pd.DataFrame:
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


# --- the industrial statistics: park × chain × division, month by month --------------------------

DIMS = ("park", "chain", "division")
NULL_KEY = "__none__"  # a cell whose park / chain / division is unknown
INDUSTRIAL_CELLS_SQL = """
select period, coalesce(park, '__none__') as park, coalesce(chain, '__none__') as chain,
       coalesce(division, '__none__') as division,
       enterprise_count, enterprise_count_ytd, paired_enterprise_count_ytd, gross_output_ytd,
       paired_value_added_comparable_ytd - paired_prior_year_value_added_ytd as paired_change
from industrial_output_monthly
{where}
order by period
"""


def industrial_patterns(
    cells: pd.DataFrame, threshold: int = MIN_ENTERPRISES
) -> dict[str, tuple[frozenset, frozenset]]:
    """For each period: the withheld cells (park, chain, division; ALL for a margin) of its YTD
    sums and of its YTD growth pairs, from INDUSTRIAL_CELLS_SQL rows.

    One park × chain × division table with margins per period, so every view the filters
    give (a park's chains, a chain's divisions, a selection's KPIs) shows one consistent
    pattern. A YTD sum is also withheld in a month whose reports came from one or two
    enterprises (this month's YTD less last month's would be theirs), and in a month
    without reports when it was withheld the month before (the figure has not changed).
    A month's own figures are shown only where this month's and last month's YTD both are,
    so they never tell more than the YTD pattern does.
    """
    dims = list(DIMS)
    out: dict[str, tuple[frozenset, frozenset]] = {}
    before: frozenset = frozenset()
    year = None
    for period, month in cells.groupby("period", sort=True):
        period = str(period)
        if period[:4] != year:  # a new year starts from nothing withheld (its YTD starts at zero)
            year, before = period[:4], frozenset()

        def temporal(table: pd.DataFrame, before: frozenset = before) -> pd.Series:
            reported = pd.to_numeric(table["enterprise_count"], errors="coerce").fillna(0)
            was_hidden = pd.Series(
                [k in before for k in zip(*(table[d] for d in dims), strict=True)], index=table.index, dtype=bool
            )
            return ((reported > 0) & (reported < threshold)) | ((reported == 0) & was_hidden)

        ytd = suppress_table(
            month,
            dims,
            "enterprise_count_ytd",
            ["gross_output_ytd"],
            threshold,
            extra_sums=["enterprise_count"],
            primary=temporal,
        )
        paired = suppress_table(month, dims, "paired_enterprise_count_ytd", ["paired_change"], threshold)
        hidden = [frozenset(zip(*(tab.loc[tab[FLAG], d] for d in dims), strict=True)) for tab in (ytd, paired)]
        out[period] = (hidden[0], hidden[1])
        before = hidden[0]
    return out


def previous_period(period: str) -> str:
    """'2025-01' -> '2024-12'."""
    year, month = int(period[:4]), int(period[5:])
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


Patterns = dict[str, tuple[frozenset, frozenset]]  # industrial_patterns' result


def cell_withheld(patterns: Patterns, period: str, key: tuple[str, str, str]) -> tuple[bool, bool, bool]:
    """Whether the cell's YTD sums, its YTD growth pairs and its month's own figures are withheld at the period.

    A month's own figures (this month's output, revenue, profit) are shown only where this
    month's and last month's YTD both are, so they never tell more than the YTD pattern does.
    """
    ytd, paired = patterns.get(period, (frozenset(), frozenset()))
    prev_ytd = patterns.get(previous_period(period), (frozenset(), frozenset()))[0]
    return key in ytd, key in paired, key in ytd or (not period.endswith("-01") and key in prev_ytd)


def zone_withheld(counts: dict | None, patterns: Patterns, period: str) -> set[str]:
    """The headline metrics withheld at the period: the zone's own counts, and the zone's cell of the table."""
    ytd, paired, _ = cell_withheld(patterns, period, (ALL, ALL, ALL))
    families = ({"ytd"} if ytd else set()) | ({"paired", "mfg"} if paired else set())
    return withheld_metrics(counts) | {m for m, fam in METRIC_FAMILIES.items() if fam in families}


# --- the leader's SQL read model ------------------------------------------------------------------
# warehouse/safe_sql.py copies every mart into the leader's read model through these SELECTs.

LEADER_HELPER_TABLES = ("main._leader_cells", "main._leader_zone")
ENTERPRISE_LISTS = ("enterprise_directory", "tier_promotions", "tier_expiring")  # consenting enterprises only
NAMED_ROWS = ("bad_ratings_open", "projects_status")  # administrative rows: the name only where consented
SINGLE_ENTERPRISE_FIGURES = ("growth_contributions",)  # consenting names, never one enterprise's figures
INDUSTRIAL_YTD = ("gross_output_ytd", "revenue_ytd", "profit_ytd", "value_added_ytd", "value_added_comparable_ytd")
INDUSTRIAL_MONTH = ("gross_output", "revenue", "profit", "value_added", "value_added_comparable")
INDUSTRIAL_PAIRED = ("paired_value_added_comparable_ytd", "paired_prior_year_value_added_ytd")
INDUSTRIAL_MONTH_PAIRED = ("paired_value_added_comparable", "paired_prior_year_value_added")
LONG_METRIC_TABLES = {  # table -> (metric column, value columns)
    "headline_year_on_year": ("metric", ("metric_value", "year_ago_value", "change", "change_pct")),
    "headline_target_progress": ("indicator", ("actual_value", "completion_pct")),
    "headline_target_projection": (
        "indicator",
        (
            "actual_value",
            "completion_pct",
            "last_year_same_month_value",
            "last_year_end_value",
            "projected_year_end_value",
            "projected_completion_pct",
        ),
    ),
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _never(column: str) -> str:
    """A column kept with its type but every value NULL."""
    return f"CASE WHEN false THEN {_q(column)} END AS {_q(column)}"


def leader_tables(con, src: str, names: list[str]) -> dict[str, str]:
    """mart -> the SELECT (over catalog `src`) that copies it into the leader's read model.

    Marts not in the result are copied as they are (aggregates that are not built from
    enterprises' reports: tiers, projects, talent, services). May create the helper tables
    LEADER_HELPER_TABLES in the connection's main schema; the caller drops them afterwards.
    """

    def columns(table: str) -> list[str]:
        return [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns where table_catalog = ? and table_schema = 'main' "
                "and table_name = ? order by ordinal_position",
                [src, table],
            ).fetchall()
        ]

    names = set(names)
    base = f"{_q(src)}.main"
    consent = "(select null::varchar where false)"
    if "enterprise_directory" in names and "consent_public" in columns("enterprise_directory"):
        consent = f"(select enterprise_id from {base}.enterprise_directory where consent_public)"
    out: dict[str, str] = {}
    for t in ENTERPRISE_LISTS:
        if t in names and "enterprise_id" in columns(t):
            out[t] = f"SELECT * FROM {base}.{_q(t)} WHERE enterprise_id IN {consent}"
    for t in NAMED_ROWS:
        cols = columns(t) if t in names else []
        if {"enterprise_id", "enterprise_name"} <= set(cols):
            out[t] = (
                f"SELECT * REPLACE (CASE WHEN enterprise_id IS NULL OR enterprise_id IN {consent} "
                f"THEN enterprise_name END AS enterprise_name, "
                f"CASE WHEN enterprise_id IN {consent} THEN enterprise_id END AS enterprise_id) "
                f"FROM {base}.{_q(t)}"
            )
    for t in SINGLE_ENTERPRISE_FIGURES:
        cols = columns(t) if t in names else []
        if "enterprise_id" in cols:
            labels = {
                "period",
                "period_end",
                "enterprise_id",
                "enterprise_name",
                "division",
                "division_name",
                "is_manufacturing",
                "chain",
                "park",
            }
            figures = [c for c in cols if c not in labels]
            replace = f" REPLACE ({', '.join(_never(c) for c in figures)})" if figures else ""
            out[t] = f"SELECT *{replace} FROM {base}.{_q(t)} WHERE enterprise_id IN {consent}"
    if "industrial_output_monthly" in names and {"enterprise_count_ytd", "paired_enterprise_count_ytd"} <= set(
        columns("industrial_output_monthly")
    ):
        out.update(_industrial_leader_tables(con, base, names, columns))
    return out


def _industrial_leader_tables(con, base: str, names: set[str], columns) -> dict[str, str]:
    """Withheld industrial cells (and a withheld zone's headline figures) as NULL in the leader's copy."""
    cells = con.execute(
        INDUSTRIAL_CELLS_SQL.format(where="").replace(
            "from industrial_output_monthly", f"from {base}.industrial_output_monthly"
        )
    ).df()
    patterns = industrial_patterns(cells)
    zone_counts = con.execute(
        ZONE_COUNTS_SQL.replace("where period = ?", "group by period")
        .replace("select sum(", "select period, sum(", 1)
        .replace("from industrial_output_monthly", f"from {base}.industrial_output_monthly")
    ).df()
    hidden_zone = []
    for row in zone_counts.to_dict("records"):
        hidden_zone += [(row["period"], m) for m in sorted(zone_withheld(row, patterns, row["period"]))]
    flags = []
    for r in cells.itertuples():
        ytd, paired, month = cell_withheld(patterns, r.period, (r.park, r.chain, r.division))
        _, prev_paired, _ = cell_withheld(patterns, previous_period(r.period), (r.park, r.chain, r.division))
        flags.append(
            {
                "period": r.period,
                "park": r.park,
                "chain": r.chain,
                "division": r.division,
                "ytd_hidden": ytd,
                "paired_hidden": paired,
                "month_hidden": month,
                "month_paired_hidden": paired or (not r.period.endswith("-01") and prev_paired),
            }
        )
    flag_frame = pd.DataFrame(
        flags,
        columns=[
            "period",
            "park",
            "chain",
            "division",
            "ytd_hidden",
            "paired_hidden",
            "month_hidden",
            "month_paired_hidden",
        ],
    )
    zone_frame = pd.DataFrame(hidden_zone, columns=["period", "metric"])
    con.register("_leader_cells_frame", flag_frame)
    con.register("_leader_zone_frame", zone_frame)
    con.execute("CREATE OR REPLACE TABLE main._leader_cells AS SELECT * FROM _leader_cells_frame")
    con.execute("CREATE OR REPLACE TABLE main._leader_zone AS SELECT * FROM _leader_zone_frame")
    con.unregister("_leader_cells_frame")
    con.unregister("_leader_zone_frame")

    def masked(cols: list[str], groups: list[tuple[tuple[str, ...], str]]) -> str:
        parts = [
            f"CASE WHEN f.{flag} THEN NULL ELSE s.{_q(c)} END AS {_q(c)}"
            for group, flag in groups
            for c in group
            if c in cols
        ]
        return f" REPLACE ({', '.join(parts)})" if parts else ""

    out = {}
    cols = columns("industrial_output_monthly")
    replace = masked(
        cols,
        [
            (INDUSTRIAL_YTD, "ytd_hidden"),
            (INDUSTRIAL_MONTH, "month_hidden"),
            (INDUSTRIAL_PAIRED, "paired_hidden"),
            (INDUSTRIAL_MONTH_PAIRED, "month_paired_hidden"),
        ],
    )
    out["industrial_output_monthly"] = (
        f"SELECT s.*{replace} FROM {base}.industrial_output_monthly AS s LEFT JOIN main._leader_cells AS f "
        "ON f.period = s.period AND f.park = coalesce(s.park, '__none__') "
        "AND f.chain = coalesce(s.chain, '__none__') AND f.division = coalesce(s.division, '__none__') "
        "ORDER BY s.period"
    )
    if zone_frame.empty:
        return out
    if "alerts" in names and {"period", "metrics", "metric_periods"} <= set(columns("alerts")):
        # an alert built from a withheld figure tells it (growth below the city's: its sign)
        out["alerts"] = (
            f"SELECT s.* FROM {base}.alerts AS s WHERE NOT EXISTS (SELECT 1 FROM main._leader_zone AS z "
            "WHERE list_contains(s.metrics, z.metric) AND list_contains(s.metric_periods, z.period)) ORDER BY s.period"
        )
    for table in ("headline_metrics", "industrial_growth_monthly"):
        if table in names:
            cols = columns(table)
            parts = [
                f"CASE WHEN EXISTS (SELECT 1 FROM main._leader_zone AS z WHERE z.period = s.period "
                f"AND z.metric = '{m}') THEN NULL ELSE s.{_q(m)} END AS {_q(m)}"
                for m in METRIC_FAMILIES
                if m in cols
            ]
            if parts:
                out[table] = f"SELECT s.* REPLACE ({', '.join(parts)}) FROM {base}.{_q(table)} AS s ORDER BY s.period"
    for table, (metric_col, value_cols) in LONG_METRIC_TABLES.items():
        if table in names:
            cols = columns(table)
            hidden = (
                f"EXISTS (SELECT 1 FROM main._leader_zone AS z WHERE z.metric = s.{metric_col} AND "
                "(z.period = s.period OR z.period = strftime(strptime(s.period || '-01', '%Y-%m-%d') "
                "- INTERVAL 1 YEAR, '%Y-%m') OR z.period = strftime(strptime(s.period || '-01', '%Y-%m-%d') "
                "- INTERVAL 1 YEAR, '%Y') || '-12'))"
            )
            parts = [f"CASE WHEN {hidden} THEN NULL ELSE s.{_q(c)} END AS {_q(c)}" for c in value_cols if c in cols]
            if parts and {"period", metric_col} <= set(cols):
                out[table] = f"SELECT s.* REPLACE ({', '.join(parts)}) FROM {base}.{_q(table)} AS s ORDER BY s.period"
    return out
