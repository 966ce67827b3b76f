"""The benchmark harness measures: a build, two pages in Chromium, their floors, concurrent sessions.

A tiny run of bench's measuring functions on the session's demo warehouse (1×, one visit
each); the figures themselves are BENCHMARKS.md's business, here they only have to exist.
The floor app (issue 14) is served beside ours, draws the chart counts read from our pages
and gets its ratio in the report.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.build_time import measure_build
from bench.floor import replay
from bench.machine import CHROMIUM
from bench.pages import RUN_COUNTS, measure_pages
from bench.report import markdown
from bench.run import ScaleResult

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

    # the floor: the same paths, each page drew exactly as many charts as ours, in every kind of visit
    assert [fl.path for fl in result.floor] == ["/", "/talent"]
    assert len({pg.charts for pg in result.pages}) == 2  # two different counts handed over
    assert result.pages[0].sparklines > 0  # the overview's KPI sparklines count as charts (issue 14)
    for pg, fl in zip(result.pages, result.floor, strict=True):
        assert not fl.errors, fl.errors
        assert (fl.charts, fl.sparklines) == (pg.charts, pg.sparklines)
        assert len(fl.cold) == len(fl.warm) == len(fl.new_tab) == 1
        for phases in fl.cold_phases + fl.new_tab_phases + fl.warm_phases:
            assert phases["charts"] == pg.charts and phases["run"] is not None
        # what a new session's run sent, ours and the floor's: every chart is an element sent whole
        for page in (pg, fl):
            sent = page.new_tab_phases[0]
            assert all(sent[key] is not None for key in RUN_COUNTS), sent
            assert sent["elements"] >= pg.charts and sent["bytes"] > 0 and sent["server_cpu"] > 0
        assert pg.new_tab_phases[0]["elements"] > fl.new_tab_phases[0]["elements"]  # ours draws more than charts
    assert result.floor_rss > 0

    report = markdown([ScaleResult(1, "now", (0, 0, 0), pages=result)], _MACHINE, "test")
    section = report.split("### Ours against the floor app", 1)[1]
    median = next(line for line in section.splitlines() if line.startswith("| **median over pages**"))
    assert len(re.findall(r"\*\*\d+\.\d\d×\*\*", median)) == 3  # cold, new session, click
    summary = next(line for line in report.splitlines() if line.startswith("| ours ÷ the floor app, click"))
    assert re.search(r"\d+\.\d\d× .*(✅|❌) ≤ 1.3", summary)


_MACHINE = dict.fromkeys(
    ("cores", "ram", "cpu", "os", "python", "duckdb", "dbt-core", "dbt-duckdb", "streamlit", "playwright", "chromium"),
    "test",
)
