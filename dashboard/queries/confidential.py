"""Statistical confidentiality for the leader, applied here and nowhere else in the read layer.

For a reader that sees aggregates only (`reader.leader`), every figure built from
enterprises' reports comes out of this module with cells of fewer than 3 enterprises
withheld (NaN / None) and a boolean `suppressed` column, and enterprise-level rows limited
to enterprises that consented to be named. The rules are warehouse/confidentiality.py's
(the SQL page's leader read model applies the same ones); other readers get the marts as
they are. Every consumer (pages, downloads, chart images, talking points, the deck) reads
through the figure functions that call this module, so none of them withholds on its own.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.queries.reader import Reader
from warehouse import confidentiality as conf

ALL = conf.ALL
FLAG = conf.FLAG
YTD_SUMS = ("gross_output_ytd", "revenue_ytd", "profit_ytd")
MONTH_SUMS = ("gross_output", "revenue", "profit")
CONSENTED = "(select enterprise_id from enterprise_directory where consent_public)"


def key(park: str | None = ALL, chain: str | None = ALL, division: str | None = ALL) -> tuple[str, str, str]:
    """A cell of the park × chain × division table (ALL for a margin, NULL_KEY for an unknown value)."""
    return tuple(conf.NULL_KEY if v is None else v for v in (park, chain, division))


def scope_key(park: str | None, chain: str | None) -> tuple[str, str, str]:
    """The cell a sidebar selection covers (no park / chain selected: the margin over all)."""
    return (park or ALL, chain or ALL, ALL)


def patterns(reader: Reader, year: int) -> conf.Patterns:
    """For each period of a year: the withheld cells of its YTD sums and of its YTD growth pairs."""

    def compute() -> conf.Patterns:
        sql = conf.INDUSTRIAL_CELLS_SQL.format(where="where period_year = ?")
        return conf.industrial_patterns(reader.run(sql, (year,)))

    return reader.memo(("patterns", year), compute)


def cell(reader: Reader, period: str, cell_key: tuple[str, str, str]) -> tuple[bool, bool, bool]:
    """Whether the cell's YTD sums, its YTD growth and its month's own figures are withheld at the period."""
    return conf.cell_withheld(patterns(reader, int(period[:4])), period, cell_key)


def zone_withheld(reader: Reader, period: str) -> set[str]:
    """The headline metrics withheld at the period (only ever for a zone of one or two enterprises)."""

    def compute() -> set[str]:
        counts = reader.run(conf.ZONE_COUNTS_SQL, (period,))
        row = {} if counts.empty else counts.iloc[0].to_dict()
        return conf.zone_withheld(row, patterns(reader, int(period[:4])), period)

    return reader.memo(("zone", period), compute)


def year_ago(period: str) -> str:
    """'2025-06' -> '2024-06'."""
    return f"{int(period[:4]) - 1}{period[4:]}"


def blank(df: pd.DataFrame, rows: pd.Series, columns: Iterable[str]) -> None:
    """Withhold `columns` in `rows` of df (in place) and flag those rows."""
    cols = [c for c in columns if c in df]
    if cols and rows.any():
        df[cols] = df[cols].astype("float64")
        df.loc[rows, cols] = float("nan")
        df.loc[rows, FLAG] = True


def _flagged(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out[FLAG] = False
    return out


def consent_filter(reader: Reader, column: str = "enterprise_id") -> tuple[str, tuple]:
    """SQL and its parameter: the row's enterprise consented to be named (every row for other readers)."""
    return f"(? or {column} in {CONSENTED})", (not reader.leader,)


def name_if_consented(
    reader: Reader, name: str = "enterprise_name", column: str = "enterprise_id"
) -> tuple[str, tuple]:
    """SQL and its parameters: the enterprise's name if it consented (or the reader sees names), else the label."""
    sql = f"case when {column} is null then {name} when ? or {column} in {CONSENTED} then {name} else ? end"
    return sql, (not reader.leader, reader.undisclosed)


# --- headline figures -----------------------------------------------------------------------


def zone_metrics(reader: Reader, df: pd.DataFrame, periods: pd.Series | None = None) -> pd.DataFrame:
    """Withhold headline-metric columns where the zone's are, row by row by period.

    `periods` gives each row's period (default: the `period` column). A column named
    `last_year_<metric>` holds the metric a year before the row's period and is withheld
    by that period's pattern.
    """
    if not reader.leader:
        return df
    periods = df["period"].astype(str) if periods is None else periods.astype(str)
    out = _flagged(df)
    for p in periods.dropna().unique():
        rows = periods == p
        blank(out, rows, sorted(zone_withheld(reader, p)))
        last_year = [c for c in out if c.startswith("last_year_")]
        if last_year:
            hidden = zone_withheld(reader, year_ago(p))
            blank(out, rows, [c for c in last_year if c.removeprefix("last_year_") in hidden])
    return out


def headline_changes(reader: Reader, df: pd.DataFrame, period: str) -> pd.DataFrame:
    """headline_year_on_year rows of one period: withhold values, year-ago values and changes."""
    if not reader.leader:
        return df
    out = _flagged(df)
    now, before = zone_withheld(reader, period), zone_withheld(reader, year_ago(period))
    blank(out, out["metric"].isin(now), ["metric_value", "change", "change_pct"])
    blank(out, out["metric"].isin(before), ["year_ago_value", "change", "change_pct"])
    return out


def long_metrics(reader: Reader, df: pd.DataFrame, metric: str = "metric", columns: Iterable[str] = ()) -> pd.DataFrame:
    """Rows of (period, metric, value…): withhold `columns` where the metric is withheld at the row's period."""
    if not reader.leader:
        return df
    out = _flagged(df)
    for p in out["period"].unique():
        blank(out, (out["period"] == p) & out[metric].isin(zone_withheld(reader, p)), columns)
    return out


def target_projection(reader: Reader, df: pd.DataFrame, period: str) -> pd.DataFrame:
    """Year-end targets: the projection adds last year's values to this year's, so withhold
    the lot when any of them is withheld."""
    if not reader.leader or not df["indicator"].isin(list(conf.METRIC_FAMILIES)).any():
        return df
    out = _flagged(df)
    hidden = zone_withheld(reader, period) | zone_withheld(reader, year_ago(period))
    hidden |= zone_withheld(reader, f"{int(period[:4]) - 1}-12")
    blank(out, out["indicator"].isin(hidden), conf.LONG_METRIC_TABLES["headline_target_projection"][1])
    return out


# --- industrial cells -----------------------------------------------------------------------


def scope_series(reader: Reader, df: pd.DataFrame, park: str | None, chain: str | None) -> pd.DataFrame:
    """A selection's months, withheld as the confidentiality table has them."""
    if not reader.leader:
        return df
    out = _flagged(df)
    cell_key = scope_key(park, chain)
    for i, p in zip(out.index, out["period"], strict=True):
        ytd, paired, month = cell(reader, p, cell_key)
        mfg = paired or conf.is_primary(out.at[i, "mfg_paired_count"])
        row = pd.Series(out.index == i, index=out.index)
        for hidden, columns in (
            (ytd, YTD_SUMS),
            (month, MONTH_SUMS),
            (paired, ("va_num", "va_den", "va_growth_ytd")),
            (mfg, ("mfg_num", "mfg_den", "mfg_growth_ytd")),
        ):
            if hidden:
                blank(out, row, columns)
    return out


def breakdown(reader: Reader, df: pd.DataFrame, period: str, by: str, park: str | None, chain: str | None):
    """YTD output by chain, park or division: withhold small categories and their complements, withheld last."""
    if not reader.leader:
        return df
    keys = {
        "chain": lambda r: key(park or ALL, r.category, ALL),
        "park": lambda r: key(r.category, chain or ALL, ALL),
        "division": lambda r: key(park or ALL, chain or ALL, r.division),
    }[by]
    out = _flagged(df)
    for i, r in zip(out.index, out.itertuples(), strict=True):
        ytd, paired, _ = cell(reader, period, keys(r))
        row = pd.Series(out.index == i, index=out.index)
        if ytd:
            blank(out, row, ["gross_output_ytd", "revenue_ytd"])
        if paired:
            blank(out, row, ["va_num", "va_den", "va_growth_ytd"])
    # withheld cells last: where a withheld bar would rank tells its size
    return out.sort_values(
        [FLAG, "gross_output_ytd", "category"], ascending=[True, False, True], na_position="last"
    ).reset_index(drop=True)


def division_contributions(
    reader: Reader, df: pd.DataFrame, period: str, park: str | None, chain: str | None, limit: int
) -> pd.DataFrame:
    """Contributions by division: withhold divisions of withheld growth pairs, withheld last, then the top `limit`."""
    if not reader.leader:
        return df
    out = _flagged(df)
    hidden = [cell(reader, period, key(park or ALL, chain or ALL, d))[1] for d in out["division"]]
    blank(out, pd.Series(hidden, index=out.index, dtype=bool), ["contribution_pp"])
    return (
        out.sort_values([FLAG, "contribution_pp", "division_name"], ascending=[True, False, True], na_position="last")
        .head(limit)
        .reset_index(drop=True)
    )


def enterprise_figures_limit(reader: Reader, limit: int) -> int:
    """How many rows of one enterprise's own figures the reader may see (none for the leader)."""
    return 0 if reader.leader else limit


def rows_to_rank(reader: Reader, limit: int) -> int:
    """Rows to fetch before withholding and ranking (all of them for the leader: withheld rows go last)."""
    return 10_000 if reader.leader else limit


# --- alerts ---------------------------------------------------------------------------------


def alerts(reader: Reader, df: pd.DataFrame) -> pd.DataFrame:
    """Alerts rows: drop those built from a headline metric withheld at one of its periods
    (an alert that growth fell below the city's tells a withheld growth rate's sign)."""
    if not reader.leader or df.empty or "metrics" not in df:
        return df
    keep = [
        not any(m in zone_withheld(reader, p) for p in (periods if periods is not None else ()) for m in metrics)
        for metrics, periods in zip(
            df["metrics"].map(lambda v: [] if v is None else list(v)), df["metric_periods"], strict=True
        )
    ]
    return df[keep].reset_index(drop=True)
