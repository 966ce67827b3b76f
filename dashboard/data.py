"""The dashboard's read layer in Streamlit: the cached connection, cached results and the session's role.

The figures themselves (their SQL, and what the leader may see of them) are in
dashboard/queries/, which has no Streamlit in it; this module runs them for a page. Pages
call `data.<figure>(…)` and get what the figure draws (a frame, or a record for a KPI row).

The warehouse is named by $ZONE_DB (default warehouse/zone.duckdb). Builds publish a new
file by atomic rename, so the file's identity (inode, mtime, size) says which warehouse is
current. The connection is cached per identity: the next interaction after a publish
stats the file, sees a new identity, and opens the new warehouse; cached results are keyed
by the identity too, so nothing from the old warehouse is served after that.

The connection is warehouse/readonly.py's: an in-memory DuckDB instance that ATTACHes the
file read-only. Opening the file directly would go through DuckDB's per-path instance
cache, which hands back the *old* database for as long as any connection to it is alive; an
attached file in a private instance has no such cache, and a query still running on the old
copy finishes unharmed.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import auth
from dashboard.i18n import LABELS, t
from dashboard.queries import Reader, Result, alerts, growth, overview, projects, reference, services, talent, tiers
from warehouse import confidentiality as conf
from warehouse import readonly

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "warehouse" / "zone.duckdb"
CACHE_TTL = 600  # seconds; a new warehouse invalidates results immediately anyway
LIST_ROWS = tiers.LIST_ROWS  # a list drawn as a table holds at most this many rows (queries/tiers.py says why)


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
    return readonly.connect(path)


@st.cache_data(ttl=CACHE_TTL, max_entries=512, show_spinner=False)
def _query(sql: str, params: tuple, path: str, identity: tuple[int, int, int]) -> pd.DataFrame:
    """Run one query with bound parameters on the warehouse copy `identity` (cached)."""
    _note_ran()
    con = _connection(path, identity)
    # A cursor per query: the cached connection is shared by every session's thread.
    with con.cursor() as cur:
        return readonly.use(cur).execute(sql, list(params)).df()


@st.cache_data(ttl=CACHE_TTL, max_entries=64, show_spinner=False)
def _remembered(key: tuple, path: str, identity: tuple[int, int, int], _compute: Callable[[], Any]) -> Any:
    """What confidentiality derives from the warehouse copy `identity` (suppression patterns), cached like results."""
    return _compute()


_ran = {"queries": 0}
_ran_lock = threading.Lock()


def _note_ran() -> None:
    with _ran_lock:
        _ran["queries"] += 1


def queries_run() -> int:
    """How many queries this process ran on a warehouse (cache misses; $ZONE_QUERY_LOG lists every call)."""
    with _ran_lock:
        return _ran["queries"]


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


def reader() -> Reader:
    """This session's reader: cached queries on the current warehouse, with the session's role."""
    wh = current()

    def run(sql: str, params: tuple) -> pd.DataFrame:
        _log_query(sql, params)
        return _query(sql, tuple(params), wh.path, wh.identity)

    def remember(key: tuple, compute: Callable[[], Any]) -> Any:
        return _remembered(key, wh.path, wh.identity, compute)

    # Outside a script run (tests, benchmark threads) Chinese, without touching session state,
    # which logs a warning on every access there.
    in_run = get_script_run_ctx(suppress_warning=True) is not None
    undisclosed = t("conf.undisclosed") if in_run else LABELS["conf.undisclosed"][0]
    return Reader(run, leader=leader_view(), undisclosed=undisclosed, remember=remember)


# --- statistical confidentiality --------------------------------------------------------------
# What the leader may see is decided in dashboard/queries/confidential.py; this module only
# notes that something was withheld in this script run, for the page's footnote.

ALL = conf.ALL
NULL_KEY = conf.NULL_KEY
WITHHELD_KEY = "_withheld_this_run"


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


def figure(fn: Callable[..., Result]) -> Callable[..., pd.DataFrame | dict]:
    """A queries figure for a page: run with this session's reader, withheld cells noted for the footnote."""

    @functools.wraps(fn)
    def page_figure(*args: object, **kwargs: object) -> pd.DataFrame | dict:
        result = fn(reader(), *args, **kwargs)
        _note_withheld(result.withheld)
        return result.value

    return page_figure


def records(df: pd.DataFrame) -> dict:
    """The first row of a frame as a dict (empty dict for an empty frame)."""
    return {} if df.empty else df.iloc[0].to_dict()


def periods() -> list[str]:
    """Every period the warehouse covers, newest first."""
    return reference.periods(reader()).frame["period"].tolist()


def parks() -> list[str]:
    """The zone's parks, in name order."""
    return reference.parks(reader()).frame["park"].tolist()


def chains() -> list[str]:
    """The industry chains, in name order, 其他 last."""
    return reference.chains(reader()).frame["chain"].tolist()


def matter_count() -> int:
    """How many high-frequency service matters the catalogue lists."""
    return int(reference.matter_count(reader()).row["n"])


# The figures the pages draw, each run through `figure` (the queries modules say what they are).
build_info = figure(reference.build_info)
headline = figure(overview.headline)
headline_changes = figure(overview.headline_changes)
headline_history = figure(overview.headline_history)
target_projection = figure(overview.target_projection)
growth_benchmarks = figure(growth.growth_benchmarks)
output_scope_monthly = figure(growth.output_scope_monthly)
output_breakdown = figure(growth.output_breakdown)
top_contributors = figure(growth.top_contributors)
division_contributions = figure(growth.division_contributions)
plan_progress = figure(projects.plan_progress)
plan_monthly = figure(projects.plan_monthly)
pipeline = figure(projects.pipeline)
pipeline_monthly = figure(projects.pipeline_monthly)
investment_since_2023 = figure(projects.investment_since_2023)
provincial_key_projects = figure(projects.provincial_key_projects)
gantt_projects = figure(projects.gantt_projects)
gantt_milestones = figure(projects.gantt_milestones)
gantt_delay_summary = figure(projects.gantt_delay_summary)
tier_counts = figure(tiers.tier_counts)
tier_counts_monthly = figure(tiers.tier_counts_monthly)
tier_counts_by_chain = figure(tiers.tier_counts_by_chain)
tier_promotions = figure(tiers.tier_promotions)
tier_promotion_counts = figure(tiers.tier_promotion_counts)
tier_expiring = figure(tiers.tier_expiring)
tier_expiring_counts = figure(tiers.tier_expiring_counts)
talent_breakdown = figure(talent.talent_breakdown)
talent_monthly = figure(talent.talent_monthly)
talent_arrivals_ytd = figure(talent.talent_arrivals_ytd)
talent_map = figure(talent.talent_map)
service_ytd = figure(services.service_ytd)
service_by = figure(services.service_by)
service_monthly = figure(services.service_monthly)
specialists = figure(services.specialists)
bad_ratings_open = figure(services.bad_ratings_open)
alerts_for_period = figure(alerts.for_period)
open_alerts = figure(alerts.open_alerts)


def alerts_with_state(period: str, language: str) -> pd.DataFrame:
    """The period's alerts (every severity) with their state, read afresh from the alert-state store."""
    return alerts.with_state(alerts_for_period(period, language), period)
