"""Every query the dashboard runs, against the marts of the published warehouse, read-only.

The warehouse is named by $ZONE_DB (default warehouse/zone.duckdb). Builds publish a new
file by atomic rename, so the file's identity (inode, mtime, size) says which warehouse is
current. The connection is cached per identity: the next interaction after a publish
stats the file, sees a new identity, and opens the new warehouse; cached results are keyed
by the identity too, so nothing from the old warehouse is served after that.

The connection is an in-memory DuckDB instance that ATTACHes the file read-only. Opening the
file directly would go through DuckDB's per-path instance cache, which hands back the *old*
database for as long as any connection to it is alive; an attached file in a private
instance has no such cache, and a query still running on the old copy finishes unharmed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import auth
from dashboard.i18n import t
from warehouse import confidentiality as conf

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "warehouse" / "zone.duckdb"
CACHE_TTL = 600  # seconds; a new warehouse invalidates results immediately anyway


class WarehouseMissing(Exception):
    """No published warehouse at the configured path."""


@dataclass(frozen=True)
class Warehouse:
    """Where the warehouse is and which published copy of it is current."""

    path: str
    identity: tuple[int, int, int]


def db_path() -> Path:
    """The warehouse file the app reads: $ZONE_DB, else warehouse/zone.duckdb."""
    raw = os.environ.get("ZONE_DB")
    path = Path(raw) if raw else DEFAULT_DB
    return path if path.is_absolute() else (Path.cwd() / path)


def current() -> Warehouse:
    """The current published warehouse (stat'ed on every call, which is cheap)."""
    path = db_path()
    try:
        s = path.stat()
    except FileNotFoundError as exc:
        raise WarehouseMissing(str(path)) from exc
    return Warehouse(str(path), (s.st_ino, s.st_mtime_ns, s.st_size))


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, identity: tuple[int, int, int]) -> duckdb.DuckDBPyConnection:
    """A locked-down read-only connection to one published copy of the warehouse."""
    del identity  # part of the cache key only
    con = duckdb.connect(":memory:", config={"threads": 2, "memory_limit": "1GB"})
    con.execute("ATTACH ? AS zone (READ_ONLY)", [path])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


@st.cache_data(ttl=CACHE_TTL, max_entries=512, show_spinner=False)
def _query(sql: str, params: tuple, path: str, identity: tuple[int, int, int]) -> pd.DataFrame:
    """Run one query with bound parameters on the warehouse copy `identity` (cached)."""
    con = _connection(path, identity)
    # A cursor per query: the cached connection is shared by every session's thread.
    with con.cursor() as cur:
        cur.execute("USE zone.main")
        return cur.execute(sql, list(params)).df()


def query(sql: str, *params: object) -> pd.DataFrame:
    """A DataFrame from `sql` (tables in the warehouse's main schema) with `?` parameters bound."""
    wh = current()
    _log_query(sql, params)
    return _query(sql, tuple(params), wh.path, wh.identity)


def _log_query(sql: str, params: tuple) -> None:
    """Append the query as a JSON line to $ZONE_QUERY_LOG if set (the benchmark replays them)."""
    log = os.environ.get("ZONE_QUERY_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"sql": sql, "params": list(params)}, ensure_ascii=False, default=str) + "\n")


# --- statistical confidentiality --------------------------------------------------------------
# For the leader role every figure built from enterprises' reports comes out of this module
# with cells of fewer than 3 enterprises withheld (NaN / None) and a boolean `suppressed`
# column, and enterprise-level rows limited to enterprises that consented to be named; see
# warehouse/confidentiality.py for the rules. Analysts and admins get the marts as they are.

ALL = conf.ALL
NULL_KEY = conf.NULL_KEY
WITHHELD_KEY = "_withheld_this_run"
YTD_SUMS = ("gross_output_ytd", "revenue_ytd", "profit_ytd")


def leader_view() -> bool:
    """True when this session's role sees aggregates only (confidentiality applies)."""
    return not auth.sees_enterprise_rows(auth.role())


def begin_run() -> None:
    """Start a script run: nothing withheld yet (the router prints the footnote if something is)."""
    st.session_state[WITHHELD_KEY] = False


def withheld_this_run() -> bool:
    """Whether any figure of this run was withheld (the page then carries the Statistics Law footnote)."""
    return bool(get_script_run_ctx(suppress_warning=True) and st.session_state.get(WITHHELD_KEY))


def _note_withheld(flag: bool) -> None:
    if flag and get_script_run_ctx(suppress_warning=True) is not None:
        st.session_state[WITHHELD_KEY] = True


def _key(park: str | None = ALL, chain: str | None = ALL, division: str | None = ALL) -> tuple[str, str, str]:
    """A cell of the park × chain × division table (ALL for a margin, NULL_KEY for an unknown value)."""
    return tuple(NULL_KEY if v is None else v for v in (park, chain, division))


def _scope_key(park: str | None, chain: str | None) -> tuple[str, str, str]:
    """The cell a sidebar selection covers (no park / chain selected: the margin over all)."""
    return (park or ALL, chain or ALL, ALL)


@st.cache_data(ttl=CACHE_TTL, max_entries=32, show_spinner=False)
def _patterns(year: int, path: str, identity: tuple[int, int, int]) -> dict[str, tuple[frozenset, frozenset]]:
    """For each period of a year: the withheld cells of its YTD sums and of its YTD growth pairs."""
    cells = _query(conf.INDUSTRIAL_CELLS_SQL.format(where="where period_year = ?"), (year,), path, identity)
    return conf.industrial_patterns(cells)


def _withheld(period: str, key: tuple[str, str, str]) -> tuple[bool, bool]:
    """Whether the cell's YTD sums and its YTD growth are withheld at the period."""
    wh = current()
    ytd, paired = _patterns(int(period[:4]), wh.path, wh.identity).get(period, (frozenset(), frozenset()))
    return key in ytd, key in paired


def _zone_withheld(period: str) -> set[str]:
    """The headline metrics withheld at the period (only ever a zone of one or two enterprises)."""
    metrics = conf.withheld_metrics(records(query(conf.ZONE_COUNTS_SQL, period)))
    ytd, paired = _withheld(period, _key())
    families = {"ytd"} if ytd else set()
    families |= {"paired", "mfg"} if paired else set()
    return metrics | {m for m, fam in conf.METRIC_FAMILIES.items() if fam in families}


def _blank(df: pd.DataFrame, rows: pd.Series, columns: list[str] | tuple[str, ...]) -> None:
    """Withhold `columns` in `rows` of df (in place) and flag those rows."""
    cols = [c for c in columns if c in df]
    if cols and rows.any():
        df[cols] = df[cols].astype("float64")
        df.loc[rows, cols] = float("nan")
        df.loc[rows, conf.FLAG] = True


def _blank_zone_metrics(df: pd.DataFrame, period_col: str = "period") -> pd.DataFrame:
    """Withhold headline-metric columns of a frame with one row per period, where the zone's are."""
    out = df.copy()
    out[conf.FLAG] = False
    for period in out[period_col].dropna().unique():
        hidden = _zone_withheld(str(period))
        _blank(out, out[period_col] == period, sorted(hidden))
    _note_withheld(bool(out[conf.FLAG].any()))
    return out


def _consent_filter(column: str = "enterprise_id") -> str:
    """SQL: the row's enterprise consented to be named (bind one boolean: True = every row)."""
    return f"(? or {column} in (select enterprise_id from enterprise_directory where consent_public))"


def _name_if_consented(name: str = "enterprise_name", column: str = "enterprise_id") -> str:
    """SQL: the enterprise's name if it consented (or the role sees names), else the 'undisclosed' label.

    Binds two parameters: may the role see every name, and the label.
    """
    return (
        f"case when {column} is null then {name} "
        f"when ? or {column} in (select enterprise_id from enterprise_directory where consent_public) "
        f"then {name} else ? end"
    )


# --- shared ---------------------------------------------------------------------------------
# Filters are bound as parameters: `(?::varchar is null or park = ?)` keeps one statement
# for "all parks" and "one park".
SCOPE = "(?::varchar is null or park = ?) and (?::varchar is null or chain = ?)"
CHAIN_ONLY = "(?::varchar is null or chain = ?)"


def _scope(park: str | None, chain: str | None) -> tuple:
    return (park, park, chain, chain)


def _chain(chain: str | None) -> tuple:
    return (chain, chain)


def records(df: pd.DataFrame) -> dict:
    """The first row of a frame as a dict (empty dict for an empty frame)."""
    return {} if df.empty else df.iloc[0].to_dict()


def periods() -> list[str]:
    """Every period the warehouse covers, newest first."""
    return query("select period from headline_metrics order by period desc")["period"].tolist()


def parks() -> list[str]:
    """The zone's parks, in name order."""
    return query("select distinct park from enterprise_directory where park is not null order by park")["park"].tolist()


def chains() -> list[str]:
    """The industry chains, in name order, 其他 last."""
    df = query("select distinct chain from enterprise_directory where chain is not null order by chain = '其他', chain")
    return df["chain"].tolist()


def build_info() -> dict:
    """When and as what build the published warehouse was made."""
    return records(query("select build_id, built_at from build_info limit 1"))


# --- overview -------------------------------------------------------------------------------


def headline(period: str) -> dict:
    """Every headline metric at the period (one headline_metrics row)."""
    row = records(query("select * from headline_metrics where period = ?", period))
    if row and leader_view():
        hidden = _zone_withheld(period)
        row = {k: (None if k in hidden else v) for k, v in row.items()}
        _note_withheld(bool(hidden))
    return row


def headline_changes(period: str) -> pd.DataFrame:
    """Each headline metric at the period with its year-ago value and change, indexed by metric."""
    df = query(
        "select metric, metric_kind, metric_value, year_ago_value, change, change_pct "
        "from headline_year_on_year where period = ?",
        period,
    )
    if leader_view():
        df = df.copy()
        df[conf.FLAG] = False
        now, year_ago = _zone_withheld(period), _zone_withheld(f"{int(period[:4]) - 1}{period[4:]}")
        _blank(df, df["metric"].isin(now), ["metric_value", "change", "change_pct"])
        _blank(df, df["metric"].isin(year_ago), ["year_ago_value", "change", "change_pct"])
        _note_withheld(bool(df[conf.FLAG].any()))
    return df.set_index("metric")


def headline_history(period: str, months: int = 12) -> pd.DataFrame:
    """Headline metrics (long) over the `months` months up to the period, for sparklines."""
    df = query(
        "select period, metric, metric_value from headline_year_on_year "
        "where period <= ? and period > strftime(strptime(? || '-01', '%Y-%m-%d') - to_months(?), '%Y-%m') "
        "order by metric, period",
        period,
        period,
        months,
    )
    if leader_view():
        df = df.copy()
        df[conf.FLAG] = False
        for p in df["period"].unique():
            _blank(df, (df["period"] == p) & df["metric"].isin(_zone_withheld(p)), ["metric_value"])
    return df


def target_projection(period: str) -> pd.DataFrame:
    """Year-end targets of the period's year: value so far, completion, projected year-end."""
    df = query(
        "select indicator, target_year, actual_value, target_value, completion_pct, "
        "last_year_same_month_value, last_year_end_value, projected_year_end_value, projected_completion_pct "
        "from headline_target_projection where period = ? order by indicator",
        period,
    )
    if leader_view() and df["indicator"].isin(list(conf.METRIC_FAMILIES)).any():
        df = df.copy()
        df[conf.FLAG] = False
        # the projection adds last year's values to this year's: withhold the lot when any is withheld
        hidden = (
            _zone_withheld(period)
            | _zone_withheld(f"{int(period[:4]) - 1}{period[4:]}")
            | _zone_withheld(f"{int(period[:4]) - 1}-12")
        )
        _blank(
            df,
            df["indicator"].isin(hidden),
            [
                "actual_value",
                "completion_pct",
                "last_year_same_month_value",
                "last_year_end_value",
                "projected_year_end_value",
                "projected_completion_pct",
            ],
        )
        _note_withheld(bool(df[conf.FLAG].any()))
    return df


# --- industrial growth ----------------------------------------------------------------------


def growth_benchmarks(period: str, months: int = 30) -> pd.DataFrame:
    """YTD value-added growth of the zone and the national / provincial / city benchmarks, by month."""
    df = query(
        "select period, period_month, industrial_va_growth_ytd, manufacturing_va_growth_ytd, "
        "national_industrial_va_growth_ytd, province_industrial_va_growth_ytd, city_industrial_va_growth_ytd, "
        "national_manufacturing_va_growth_ytd, province_manufacturing_va_growth_ytd, city_manufacturing_va_growth_ytd, "
        "lead_vs_national_pp, lead_vs_province_pp, lead_vs_city_pp, "
        "manufacturing_lead_vs_national_pp, manufacturing_lead_vs_province_pp, manufacturing_lead_vs_city_pp, "
        "national_region_name, province_region_name, city_region_name "
        "from industrial_growth_monthly "
        "where period <= ? and period > strftime(strptime(? || '-01', '%Y-%m-%d') - to_months(?), '%Y-%m') "
        "order by period",
        period,
        period,
        months,
    )
    return _blank_zone_metrics(df) if leader_view() else df


def output_scope_monthly(period: str, park: str | None, chain: str | None, months: int = 30) -> pd.DataFrame:
    """Monthly output, revenue and same-enterprise growth of the selected park/chain.

    Sums of industrial_output_monthly; the growth rates are the contract's ratio over the
    summed pair numerators and denominators, so unfiltered they equal headline_metrics.
    """
    df = query(
        "with s as (select period, sum(gross_output) as gross_output, sum(revenue) as revenue, sum(profit) as profit, "
        "sum(gross_output_ytd) as gross_output_ytd, sum(revenue_ytd) as revenue_ytd, sum(profit_ytd) as profit_ytd, "
        "sum(enterprise_count) as enterprise_count, "
        "sum(paired_value_added_comparable_ytd) as va_num, sum(paired_prior_year_value_added_ytd) as va_den, "
        "sum(paired_value_added_comparable_ytd) filter (where is_manufacturing) as mfg_num, "
        "sum(paired_prior_year_value_added_ytd) filter (where is_manufacturing) as mfg_den, "
        "sum(paired_enterprise_count_ytd) filter (where is_manufacturing) as mfg_paired_count "
        f"from industrial_output_monthly where {SCOPE} "
        "and period <= ? and period > strftime(strptime(? || '-01', '%Y-%m-%d') - to_months(?), '%Y-%m') "
        "group by period) "
        "select *, 100.0 * (va_num / nullif(va_den, 0) - 1) as va_growth_ytd, "
        "100.0 * (mfg_num / nullif(mfg_den, 0) - 1) as mfg_growth_ytd from s order by period",
        *_scope(park, chain),
        period,
        period,
        months,
    )
    return _protect_scope_series(df, park, chain) if leader_view() else df


def _protect_scope_series(df: pd.DataFrame, park: str | None, chain: str | None) -> pd.DataFrame:
    """Withhold a selection's months as the confidentiality table does.

    A month's own figures (output, revenue, profit of that month) are shown only where
    they follow from two shown YTD figures anyway (this month's and last month's), so they
    never reveal more than the YTD pattern does.
    """
    out = df.copy()
    out[conf.FLAG] = False
    key = _scope_key(park, chain)
    for i, p in zip(out.index, out["period"], strict=True):
        ytd, paired = _withheld(p, key)
        month_hidden = ytd or (not p.endswith("-01") and _withheld(conf.previous_period(p), key)[0])
        mfg = paired or conf.is_primary(out.at[i, "mfg_paired_count"])
        row = pd.Series(out.index == i, index=out.index)
        if ytd:
            _blank(out, row, list(YTD_SUMS))
        if month_hidden:
            _blank(out, row, ["gross_output", "revenue", "profit"])
        if paired:
            _blank(out, row, ["va_num", "va_den", "va_growth_ytd"])
        if mfg:
            _blank(out, row, ["mfg_num", "mfg_den", "mfg_growth_ytd"])
    _note_withheld(bool(out[conf.FLAG].any()))
    return out


def output_breakdown(period: str, by: str, park: str | None, chain: str | None) -> pd.DataFrame:
    """YTD output, revenue and growth at the period by chain, park or division (sums of the mart)."""
    column = {"chain": "chain", "park": "park", "division": "division_name"}[by]
    df = query(
        f"select {column} as category, min(division) as division, "
        "sum(gross_output_ytd) as gross_output_ytd, sum(revenue_ytd) as revenue_ytd, "
        "sum(enterprise_count) as enterprise_count, "
        "sum(paired_value_added_comparable_ytd) as va_num, sum(paired_prior_year_value_added_ytd) as va_den, "
        "100.0 * (sum(paired_value_added_comparable_ytd) / nullif(sum(paired_prior_year_value_added_ytd), 0) - 1) "
        "as va_growth_ytd "
        f"from industrial_output_monthly where period = ? and {SCOPE} "
        "group by all order by gross_output_ytd desc",
        period,
        *_scope(park, chain),
    )
    if not leader_view():
        return df
    keys = {
        "chain": lambda r: _key(park or ALL, r.category, ALL),
        "park": lambda r: _key(r.category, chain or ALL, ALL),
        "division": lambda r: _key(park or ALL, chain or ALL, r.division),
    }[by]
    out = df.copy()
    out[conf.FLAG] = False
    for i, r in zip(out.index, out.itertuples(), strict=True):
        ytd, paired = _withheld(period, keys(r))
        row = pd.Series(out.index == i, index=out.index)
        if ytd:
            _blank(out, row, ["gross_output_ytd", "revenue_ytd"])
        if paired:
            _blank(out, row, ["va_num", "va_den", "va_growth_ytd"])
    _note_withheld(bool(out[conf.FLAG].any()))
    # withheld cells last: where a withheld bar would rank tells its size
    return out.sort_values(
        [conf.FLAG, "gross_output_ytd", "category"], ascending=[True, False, True], na_position="last"
    ).reset_index(drop=True)


def top_contributors(period: str, park: str | None, chain: str | None, limit: int = 10) -> pd.DataFrame:
    """The enterprises that contributed most to the zone's YTD value-added growth (pp).

    One enterprise's figures: none for a role that sees aggregates only.
    """
    return query(
        "select enterprise_name, division_name, chain, park, enterprise_va_growth_ytd, contribution_pp "
        f"from growth_contributions where period = ? and {SCOPE} "
        "order by contribution_pp desc nulls last limit ?",
        period,
        *_scope(park, chain),
        0 if leader_view() else limit,
    )


def division_contributions(period: str, park: str | None, chain: str | None, limit: int = 10) -> pd.DataFrame:
    """Contributions to the zone's YTD growth summed by GB/T 4754 division (pp; they add up to the growth)."""
    leader = leader_view()
    df = query(
        "select division_name, min(division) as division, sum(contribution_pp) as contribution_pp, "
        "count(*) as enterprise_count "
        f"from growth_contributions where period = ? and {SCOPE} "
        "group by division_name order by contribution_pp desc nulls last limit ?",
        period,
        *_scope(park, chain),
        10_000 if leader else limit,
    )
    if not leader:
        return df
    out = df.copy()
    out[conf.FLAG] = False
    hidden = [_withheld(period, _key(park or ALL, chain or ALL, d))[1] for d in out["division"]]
    _blank(out, pd.Series(hidden, index=out.index, dtype=bool), ["contribution_pp"])
    out = (
        out.sort_values(
            [conf.FLAG, "contribution_pp", "division_name"], ascending=[True, False, True], na_position="last"
        )
        .head(limit)
        .reset_index(drop=True)
    )
    _note_withheld(bool(out[conf.FLAG].any()))
    return out


# --- projects -------------------------------------------------------------------------------


def plan_progress(period: str, chain: str | None) -> pd.DataFrame:
    """The year's construction plan by category: projects, planned and completed investment (YTD)."""
    return query(
        "select plan_category, count(*) as projects, sum(planned_investment) as planned_investment, "
        "sum(invested_ytd) as invested_ytd "
        f"from project_plan_progress where period = ? and plan_year = cast(substr(?, 1, 4) as integer) and {CHAIN_ONLY} "
        "group by plan_category",
        period,
        period,
        *_chain(chain),
    )


def plan_monthly(period: str, chain: str | None) -> pd.DataFrame:
    """Investment completed against the year's plan, month by month up to the period."""
    return query(
        "select period, sum(invested_ytd) as invested_ytd, sum(planned_investment) as planned_investment "
        "from project_plan_progress where plan_year = cast(substr(?, 1, 4) as integer) and period <= ? "
        f"and {CHAIN_ONLY} group by period order by period",
        period,
        period,
        *_chain(chain),
    )


def pipeline(period: str, chain: str | None) -> pd.DataFrame:
    """Projects at each stage (signed → preparing → under construction → in production) at the period."""
    return query(
        "select project_status, any_value(status_order) as status_order, sum(project_count) as projects, "
        "sum(industrial_project_count) as industrial_projects, sum(total_investment) as total_investment "
        f"from project_pipeline_monthly where period = ? and {CHAIN_ONLY} "
        "group by project_status order by status_order",
        period,
        *_chain(chain),
    )


def pipeline_monthly(period: str, chain: str | None, months: int = 30) -> pd.DataFrame:
    """Projects at each stage, month by month."""
    return query(
        "select period, project_status, sum(project_count) as projects "
        f"from project_pipeline_monthly where {CHAIN_ONLY} "
        "and period <= ? and period > strftime(strptime(? || '-01', '%Y-%m-%d') - to_months(?), '%Y-%m') "
        "group by all order by period",
        *_chain(chain),
        period,
        period,
        months,
    )


def investment_since_2023(period: str, chain: str | None) -> pd.DataFrame:
    """Cumulative industrial investment since 2023-01, month by month up to the period."""
    return query(
        "select period, sum(invested) as invested, sum(invested_since_2023) as invested_since_2023, "
        "sum(projects_invested_since_2023) as projects, "
        "sum(provincial_key_projects_invested_since_2023) as provincial_key_projects "
        f"from industrial_investment_monthly where period >= '2023-01' and period <= ? and {CHAIN_ONLY} "
        "group by period order by period",
        period,
        *_chain(chain),
    )


def provincial_key_projects(chain: str | None) -> pd.DataFrame:
    """Projects on the provincial technical-renovation list, with status, investment and delays."""
    return query(
        f"select project_name, {_name_if_consented()} as enterprise_name, chain, project_status, total_investment, "
        "invested_to_date, planned_start, actual_start, planned_completion, actual_completion, "
        "is_start_delayed, is_completion_delayed, start_delay_days, completion_delay_days "
        f"from projects_status where is_provincial_key and {CHAIN_ONLY} "
        "order by case project_status when 'under_construction' then 1 when 'preparing' then 2 "
        "when 'signed' then 3 else 4 end, total_investment desc",
        not leader_view(),
        t("conf.undisclosed"),
        *_chain(chain),
    )


def gantt_projects(chain: str | None, delayed_only: bool, limit: int = 12) -> pd.DataFrame:
    """Projects for the Gantt chart: unfinished ones first, most-delayed first."""
    return query(
        "select project_id, any_value(project_name) as project_name, max(delay_days) as max_delay, "
        "count(*) filter (where is_delayed) as delayed_milestones, bool_and(is_finished) as finished, "
        "min(planned_start) as first_start "
        f"from project_milestones_gantt where {CHAIN_ONLY} "
        "group by project_id "
        "having (not ? or count(*) filter (where is_delayed) > 0) "
        "order by finished, max_delay desc, first_start desc limit ?",
        *_chain(chain),
        delayed_only,
        limit,
    )


def gantt_milestones(project_ids: tuple[str, ...]) -> pd.DataFrame:
    """Milestones (planned against actual) of the given projects."""
    if not project_ids:
        return pd.DataFrame()
    return query(
        "select project_id, project_name, chain, milestone, seq, planned_start, planned_end, actual_start, actual_end, "
        "as_of_date, is_finished, delay_days, is_delayed "
        "from project_milestones_gantt where list_contains(?, project_id) order by project_id, seq",
        list(project_ids),
    )


def gantt_delay_summary(chain: str | None) -> dict:
    """How many milestones are delayed, and in how many projects (as of the latest data)."""
    return records(
        query(
            "select count(*) filter (where is_delayed) as delayed_milestones, "
            "count(distinct project_id) filter (where is_delayed) as delayed_projects, "
            "count(distinct project_id) filter (where is_delayed and not is_finished) as delayed_open_projects, "
            "max(as_of_date) as as_of_date "
            f"from project_milestones_gantt where {CHAIN_ONLY}",
            *_chain(chain),
        )
    )


# --- enterprise tiers -----------------------------------------------------------------------


def tier_counts(period: str, chain: str | None) -> pd.DataFrame:
    """Enterprises per tier at the period (summed over chains unless one is selected)."""
    return query(
        "select tier, any_value(ladder) as ladder, any_value(rung) as rung, any_value(tier_order) as tier_order, "
        "any_value(is_composite) as is_composite, sum(enterprise_count) as enterprises, "
        "sum(newly_recognized_count) as newly_recognized "
        f"from enterprise_tier_counts_monthly where period = ? and {CHAIN_ONLY} "
        "group by tier order by tier_order",
        period,
        *_chain(chain),
    )


def tier_counts_monthly(period: str, chain: str | None, months: int = 42) -> pd.DataFrame:
    """Enterprises per tier, month by month."""
    return query(
        "select period, tier, sum(enterprise_count) as enterprises "
        f"from enterprise_tier_counts_monthly where {CHAIN_ONLY} and not is_composite "
        "and period <= ? and period > strftime(strptime(? || '-01', '%Y-%m-%d') - to_months(?), '%Y-%m') "
        "group by all order by period",
        *_chain(chain),
        period,
        period,
        months,
    )


def tier_counts_by_chain(period: str) -> pd.DataFrame:
    """Enterprises per tier and chain at the period."""
    return query(
        "select chain, tier, enterprise_count as enterprises from enterprise_tier_counts_monthly "
        "where period = ? and not is_composite",
        period,
    )


def tier_promotions(period: str, park: str | None, chain: str | None) -> pd.DataFrame:
    """Enterprises promoted a rung this year, up to the period, newest first.

    Enterprise-level rows: for a role that sees aggregates only, consenting enterprises only
    (`tier_promotion_counts` counts them all).
    """
    return query(
        "select enterprise_name, chain, park, ladder, from_tier, to_tier, recognition_level, promoted_on, "
        "months_since_from_tier from tier_promotions "
        f"where promoted_year = cast(substr(?, 1, 4) as integer) and promoted_period <= ? and {SCOPE} "
        f"and {_consent_filter()} "
        "order by promoted_on desc, to_rung desc, enterprise_name",
        period,
        period,
        *_scope(park, chain),
        not leader_view(),
    )


def tier_promotion_counts(period: str, park: str | None, chain: str | None) -> dict:
    """Enterprises promoted this year up to the period, promotions, and promotions of enterprises that consented to be named."""
    return records(
        query(
            "select count(distinct enterprise_id) as enterprises, count(*) as promotions, "
            "count(*) filter (where enterprise_id in "
            "(select enterprise_id from enterprise_directory where consent_public)) as named "
            f"from tier_promotions where promoted_year = cast(substr(?, 1, 4) as integer) and promoted_period <= ? "
            f"and {SCOPE}",
            period,
            period,
            *_scope(park, chain),
        )
    )


# A list drawn as a table is cut to its first rows: at 100× the demo's expiring recognitions
# are 290,800 rows, and sending them took the tiers page 12 s a view (the frame, its Arrow
# copy, the websocket). Counts come from their own queries, so they stay whole.
LIST_ROWS = 5000


def tier_expiring(
    period: str, park: str | None, chain: str | None, months: int = 6, limit: int | None = None
) -> pd.DataFrame:
    """Recognitions that expire in the `months` months after the period's last day, the `limit`
    soonest (tier_expiring_counts counts them all)."""
    return query(
        "select enterprise_name, tier, recognition_level, recognized_on, expires_on, is_renewed, chain, park, "
        "enterprise_id from tier_expiring "
        "where expires_on > last_day(strptime(? || '-01', '%Y-%m-%d')) "
        "and expires_on <= last_day(strptime(? || '-01', '%Y-%m-%d')) + to_months(?) "
        f"and {SCOPE} and {_consent_filter()} order by expires_on, tier, enterprise_name limit ?",
        period,
        period,
        months,
        *_scope(park, chain),
        not leader_view(),
        limit or LIST_ROWS,
    )


def tier_expiring_counts(period: str, park: str | None, chain: str | None, months: int = 6) -> dict:
    """Recognitions expiring in the `months` months after the period: recognitions, enterprises,
    enterprises not yet renewed, and recognitions of enterprises that consented to be named."""
    return records(
        query(
            "select count(*) as recognitions, count(distinct enterprise_id) as enterprises, "
            "count(distinct enterprise_id) filter (where not is_renewed) as not_renewed, "
            "count(*) filter (where enterprise_id in (select enterprise_id from enterprise_directory where consent_public)) "
            "as named from tier_expiring "
            "where expires_on > last_day(strptime(? || '-01', '%Y-%m-%d')) "
            "and expires_on <= last_day(strptime(? || '-01', '%Y-%m-%d')) + to_months(?) "
            f"and {SCOPE}",
            period,
            period,
            months,
            *_scope(park, chain),
        )
    )


# --- talent ---------------------------------------------------------------------------------


def talent_breakdown(period: str, by: str, chain: str | None) -> pd.DataFrame:
    """Talent in post at the period by category, chain, education or source."""
    column = {"category": "category", "chain": "chain", "education": "education", "source": "talent_source"}[by]
    return query(
        f"select {column} as code, sum(in_post_count) as in_post, sum(arrivals) as arrivals "
        f"from talent_in_post_monthly where period = ? and {CHAIN_ONLY} group by all order by in_post desc",
        period,
        *_chain(chain),
    )


def talent_monthly(period: str, chain: str | None, months: int = 30) -> pd.DataFrame:
    """Talent in post, arrivals and departures, month by month."""
    return query(
        "select period, sum(in_post_count) as in_post, sum(arrivals) as arrivals, sum(departures) as departures "
        f"from talent_in_post_monthly where {CHAIN_ONLY} "
        "and period <= ? and period > strftime(strptime(? || '-01', '%Y-%m-%d') - to_months(?), '%Y-%m') "
        "group by period order by period",
        *_chain(chain),
        period,
        period,
        months,
    )


def talent_arrivals_ytd(period: str, chain: str | None) -> dict:
    """Arrivals and departures in the year to the period, and arrivals by source."""
    return records(
        query(
            "select sum(arrivals) as arrivals, sum(departures) as departures, "
            "sum(arrivals) filter (where talent_source = 'introduced') as introduced, "
            "sum(arrivals) filter (where talent_source = 'cultivated') as cultivated "
            "from talent_in_post_monthly where period between substr(?, 1, 4) || '-01' and ? "
            f"and {CHAIN_ONLY}",
            period,
            period,
            *_chain(chain),
        )
    )


def talent_map(period: str, chain: str | None) -> pd.DataFrame:
    """Talent map at the period: open positions against arrivals (and people in post) by chain × category."""
    return query(
        "select chain, category, category_order, openings, in_post_count, arrivals, gap "
        f"from talent_gap_monthly where period = ? and {CHAIN_ONLY} order by chain, category_order",
        period,
        *_chain(chain),
    )


# --- government services --------------------------------------------------------------------

SERVICE_SUMS = (
    "sum(cases) as cases, sum(rated_cases) as rated, sum(satisfied_cases) as satisfied, "
    "sum(completed_cases) as completed, sum(on_time_cases) as on_time, sum(one_visit_cases) as one_visit, "
    "sum(bundled_cases) as bundled, sum(bad_rating_cases) as bad, sum(rectified_cases) as rectified"
)
SERVICE_RATES = (
    "100.0 * satisfied / nullif(rated, 0) as satisfaction_rate, 100.0 * on_time / nullif(completed, 0) as on_time_rate, "
    "100.0 * one_visit / nullif(cases, 0) as one_visit_rate, 100.0 * rectified / nullif(bad, 0) as rectification_rate"
)
YTD = "period between substr(?, 1, 4) || '-01' and ?"


def service_ytd(period: str, park: str | None, chain: str | None) -> dict:
    """Cases in the year to the period and the four service rates, for the selected park/chain.

    The rates are the contract's ratios over the mart's numerators and denominators summed
    for the filter; unfiltered they equal headline_metrics.
    """
    return records(
        query(
            f"with s as (select {SERVICE_SUMS}, "
            "sum(cases) filter (where channel = 'doorplate') as doorplate, "
            "sum(cases) filter (where is_individual_to_enterprise) as individual_to_enterprise "
            f"from service_cases_monthly where {YTD} and {SCOPE}) select *, {SERVICE_RATES} from s",
            period,
            period,
            *_scope(park, chain),
        )
    )


def service_by(period: str, by: str, park: str | None, chain: str | None) -> pd.DataFrame:
    """Cases in the year to the period by lifecycle stage, matter or channel, with their rates."""
    column = {"stage": "lifecycle_stage", "matter": "matter_name", "channel": "channel"}[by]
    return query(
        f"with s as (select {column} as code, any_value(lifecycle_stage_order) as stage_order, "
        f"any_value(is_individual_to_enterprise) as is_individual_to_enterprise, {SERVICE_SUMS} "
        f"from service_cases_monthly where {YTD} and {SCOPE} group by all) "
        f"select *, {SERVICE_RATES} from s order by cases desc",
        period,
        period,
        *_scope(park, chain),
    )


def service_monthly(period: str, park: str | None, chain: str | None, months: int = 24) -> pd.DataFrame:
    """Cases and the four service rates, month by month (each month on its own cases)."""
    return query(
        f"with s as (select period, {SERVICE_SUMS}, "
        "sum(cases) filter (where is_individual_to_enterprise) as individual_to_enterprise "
        f"from service_cases_monthly where {SCOPE} "
        "and period <= ? and period > strftime(strptime(? || '-01', '%Y-%m-%d') - to_months(?), '%Y-%m') "
        f"group by period) select *, {SERVICE_RATES} from s order by period",
        *_scope(park, chain),
        period,
        period,
        months,
    )


def specialists(period: str) -> pd.DataFrame:
    """Each specialist's cases, completions, open cases and ratings in the year to the period."""
    return query(
        "with s as (select specialist_id, sum(cases) as cases, sum(completed_cases) as completed, "
        "sum(on_time_cases) as on_time, sum(rated_cases) as rated, sum(satisfied_cases) as satisfied, "
        "sum(bad_rating_cases) as bad, sum(handling_hours) as handling_hours, "
        "max(open_cases) filter (where period = ?) as open_cases "
        f"from specialist_workload where {YTD} group by specialist_id) "
        "select *, 100.0 * satisfied / nullif(rated, 0) as satisfaction_rate, "
        "100.0 * on_time / nullif(completed, 0) as on_time_rate, handling_hours / nullif(completed, 0) as hours_per_case "
        "from s order by cases desc, specialist_id",
        period,
        period,
        period,
    )


def bad_ratings_open(period: str, park: str | None, chain: str | None) -> pd.DataFrame:
    """Bad ratings (1–2) still not rectified, submitted up to the period, oldest first."""
    return query(
        f"select case_id, submitted_at, rating, {_name_if_consented()} as enterprise_name, matter_name, "
        "lifecycle_stage, channel, specialist_id, park, chain, days_open, as_of_date "
        f"from bad_ratings_open where period <= ? and {SCOPE} order by days_open desc, case_id",
        not leader_view(),
        t("conf.undisclosed"),
        period,
        *_scope(park, chain),
    )


def matter_count() -> int:
    """How many high-frequency service matters the catalogue lists."""
    return int(query("select count(*) as n from service_matter_catalog")["n"].iloc[0])
