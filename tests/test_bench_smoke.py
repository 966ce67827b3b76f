"""The benchmark harness measures: a build, two pages in Chromium, their floors, concurrent sessions.

A tiny run of bench's measuring functions on the session's demo warehouse (1×, one visit
each); the figures themselves are BENCHMARKS.md's business, here they only have to exist.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.build_time import measure_build
from bench.floor import replay
from bench.machine import CHROMIUM
from bench.pages import measure_pages

# Measures CPU, memory and page times: no other test runs meanwhile (conftest.py, xdist).
pytestmark = pytest.mark.alone


def test_build_is_measured(demo_warehouse, tmp_path: Path) -> None:
    run = measure_build(demo_warehouse.raw, tmp_path / "zone.duckdb", tmp_path / "work")
    assert 0 < run.load_seconds < run.seconds and 0 < run.dbt_seconds < run.seconds
    assert run.cpu_seconds > 0
    assert run.peak_tree_rss >= run.max_process_rss > 10 * 2**20  # the tree holds the largest process
    assert run.dbt.execute_seconds and run.dbt.execute_seconds < run.dbt_seconds
    kinds = {uid.split(".")[0] for uid, _ in run.dbt.nodes}
    assert {"model", "test", "seed"} <= kinds
    assert run.raw_rows > 0 and run.db_bytes > 0


def test_pages_floors_and_sessions_are_measured(demo_warehouse, tmp_path: Path) -> None:
    assert Path(CHROMIUM).exists()
    # bench drives Chromium from an asyncio loop of its own: in a thread of its own, as the session's
    # `browser` (Playwright's sync API, an earlier test of this process) keeps a loop running in this one
    with ThreadPoolExecutor(1) as thread:
        result = thread.submit(
            measure_pages,
            demo_warehouse.db,
            tmp_path,
            repeat=1,
            first_repeat=1,
            sessions=2,
            only=["overview", "talent"],
        ).result()
    assert [pg.name for pg in result.pages] == ["overview", "talent"]
    for pg in result.pages:
        assert not pg.errors, pg.errors
        assert pg.charts >= 1 and pg.queries
        assert len(pg.first_ever) == len(pg.cold) == len(pg.warm) == len(pg.new_tab) == 1
        assert all(0 < t < 120 for t in pg.first_ever + pg.cold + pg.warm + pg.new_tab)
        assert pg.cold_phases[0]["run"] is not None and pg.cold_phases[0]["server_cpu"] > 0
        floor = replay(demo_warehouse.db, pg.queries, repeat=1)
        assert floor.median and floor.median > 0
    assert result.server_rss_after_pages > result.server_rss_start > 0
    assert not result.concurrent_errors, result.concurrent_errors
    for times in (result.concurrent, result.concurrent_fresh, result.ws_concurrent, result.ws_concurrent_fresh):
        assert len(times) == 2 and all(t > 0 for t in times)
