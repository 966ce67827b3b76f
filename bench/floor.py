"""The floor under a page: its queries run directly against DuckDB, one after another.

The dashboard logs every `data.query` call to $ZONE_QUERY_LOG (one JSON line: sql and
parameters); the benchmark keeps the distinct queries of each page's first visit and
replays them here on a fresh connection set up as dashboard/data.py sets up its own (an
in-memory instance that ATTACHes the file read-only, 2 threads, 1 GB), including the
conversion to a DataFrame the app does. The OS page cache is warm; DuckDB's is not.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

CONNECTION_CONFIG = {"threads": 2, "memory_limit": "1GB"}  # as dashboard/data.py's _connection


@dataclass
class Floor:
    """Replays of one page's queries."""

    totals: list[float] = field(default_factory=list)  # seconds for all queries, one per replay
    per_query: list[list[float]] = field(default_factory=list)  # seconds, per query, per replay

    @property
    def median(self) -> float | None:
        """Median seconds for all of the page's queries."""
        return statistics.median(self.totals) if self.totals else None

    def slowest(self, queries: list[tuple[str, list]], n: int = 3) -> list[tuple[float, str]]:
        """The n slowest queries: (median seconds, sql)."""
        med = [(statistics.median(ts), queries[i][0]) for i, ts in enumerate(self.per_query) if ts]
        return sorted(med, reverse=True)[:n]


def replay(db: Path, queries: list[tuple[str, list]], repeat: int = 5) -> Floor:
    """Run the queries `repeat` times, each time on a new connection; their times."""
    floor = Floor(per_query=[[] for _ in queries])
    for _ in range(repeat):
        con = duckdb.connect(":memory:", config=CONNECTION_CONFIG)
        try:
            con.execute("ATTACH ? AS zone (READ_ONLY)", [str(db)])
            con.execute("USE zone.main")
            total = 0.0
            for i, (sql, params) in enumerate(queries):
                started = time.perf_counter()
                con.execute(sql, params).df()
                took = time.perf_counter() - started
                floor.per_query[i].append(took)
                total += took
            floor.totals.append(total)
        finally:
            con.close()
    return floor
