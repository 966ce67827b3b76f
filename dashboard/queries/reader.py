"""The read layer's plumbing: what a figure returns (Result) and what it reads through (Reader).

A figure function takes a Reader first: its `run` executes one statement with bound
parameters and returns a frame (the dashboard's runner caches, a script's runs on one
connection), its `leader` says whether the reader sees aggregates only (statistical
confidentiality applies; queries/confidential.py), and `remember` keeps what the rules derive
from the warehouse (the suppression patterns) for as long as the runner's results live.
No session state, no Streamlit: the same function serves a page, a download, a chart image,
a talking point and the deck.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from warehouse import readonly
from warehouse.confidentiality import FLAG

Runner = Callable[[str, tuple], pd.DataFrame]

# The rolling window of `months` months up to the period (params: rolling(period, months)).
ROLLING_WINDOW = "period <= ? and period > strftime(strptime(? || '-01', '%Y-%m-%d') - to_months(?), '%Y-%m')"
# The year to the period (params: (period, period)).
YEAR_TO_DATE = "period between substr(?, 1, 4) || '-01' and ?"
# Filters are bound as parameters: `(?::varchar is null or park = ?)` keeps one statement
# for "all parks" and "one park".
SCOPE = "(?::varchar is null or park = ?) and (?::varchar is null or chain = ?)"
CHAIN_ONLY = "(?::varchar is null or chain = ?)"


def rolling(period: str, months: int) -> tuple:
    """The parameters of ROLLING_WINDOW."""
    return (period, period, months)


def scope(park: str | None, chain: str | None) -> tuple:
    """The parameters of SCOPE."""
    return (park, park, chain, chain)


def chain_only(chain: str | None) -> tuple:
    """The parameters of CHAIN_ONLY."""
    return (chain, chain)


def _native(value: object) -> object:
    """A cell as plain Python: missing as None, numpy scalars unboxed."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, pd.Timestamp) else value


@dataclass(frozen=True)
class Result:
    """One figure: the SQL it ran, the parameters bound to it, and its frame (withheld cells missing)."""

    sql: str
    params: tuple
    frame: pd.DataFrame
    one_row: bool = False  # the figure is one record (a KPI row), not a table

    @property
    def withheld(self) -> bool:
        """Whether any cell of the figure is withheld (confidentiality's flag column)."""
        return FLAG in self.frame and bool(self.frame[FLAG].fillna(False).astype(bool).any())

    @property
    def rows(self) -> list[dict[str, object]]:
        """Every row as a dict of plain Python values (missing as None), without the flag column."""
        records = self.frame.drop(columns=[FLAG], errors="ignore").to_dict("records")
        return [{k: _native(v) for k, v in r.items()} for r in records]

    @property
    def row(self) -> dict[str, object]:
        """The first row (an empty dict for no row)."""
        rows = self.rows
        return rows[0] if rows else {}

    @property
    def value(self) -> pd.DataFrame | dict[str, object]:
        """What a page draws: the record of a one-row figure, else the frame."""
        return self.row if self.one_row else self.frame


@dataclass
class Reader:
    """How a figure reads: a runner, the reader's role, and the label of an undisclosed enterprise."""

    run: Runner
    leader: bool = False
    undisclosed: str = "（未公开企业）"
    remember: Callable[[tuple, Callable[[], Any]], Any] | None = None
    _memo: dict = field(default_factory=dict, repr=False)

    def result(self, sql: str, *params: object, one_row: bool = False) -> Result:
        """Run `sql` with `params` bound and wrap the frame with them."""
        return Result(sql, tuple(params), self.run(sql, tuple(params)), one_row)

    def memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """compute(), kept under `key` by the runner's own cache (or this reader's, without one)."""
        if self.remember is not None:
            return self.remember(key, compute)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


def connection_runner(con: duckdb.DuckDBPyConnection) -> Runner:
    """A runner over one open connection (a script's or a test's; not shared between threads)."""

    def run(sql: str, params: tuple) -> pd.DataFrame:
        return con.execute(sql, list(params)).df()

    return run


@contextlib.contextmanager
def open_reader(
    db_path: str | os.PathLike, leader: bool = True, undisclosed: str = "（未公开企业）"
) -> Iterator[Reader]:
    """A Reader on a short-lived read-only connection to the warehouse at db_path.

    `leader` defaults to True: what leaves the dashboard as a publication (talking points,
    chart images, the deck) is held to the leader's rules whoever makes it.
    """
    with readonly.opened(db_path) as con:
        yield Reader(connection_runner(con), leader=leader, undisclosed=undisclosed)
