"""One analyst query cannot take the server down: it runs in a child process with a hard memory
bound, and only a result within the size cap comes back (warehouse/sql_process.py).

`select repeat('x', 100000000) from range(20)` — 2 GB of text, past DuckDB's own memory limit
because the strings leave its buffer manager — once grew the server from 0.4 to 11.5 GB. Here
it is refused with a message saying why, and the server process's peak resident memory
(VmHWM, not the children's) stays where it was.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from dashboard_helpers import APP_IDLE_JS, ERROR_SELECTOR, browser_page, start_app, wait_for_app

from bench.server import Server
from warehouse import safe_sql

# Peak memory of a server and memory-bounded children: no other test runs meanwhile (conftest.py, xdist).
pytestmark = pytest.mark.alone

HOG = "select repeat('x', 100000000) from range(20)"
EDITOR = 'iframe[title="code_editor.code_editor"]'
MB = 1024 * 1024
ONE_ROW = re.compile(r"(^|\s)1 行$")  # the result bar's row-count badge


def peak_rss(pid: int) -> int:
    """The highest resident memory the process itself has had (VmHWM), bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmHWM for {pid}")


@pytest.fixture(scope="module")
def own_server(demo_warehouse, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of this test's own, so its peak memory is this test's alone."""
    base = tmp_path_factory.mktemp("memory-bound")
    db = base / "zone.duckdb"
    shutil.copy(demo_warehouse.db, db)
    app = start_app(db, base / "streamlit.log")
    yield app
    app.stop()


def run_in_editor(page, sql: str) -> None:
    page.frame_locator(EDITOR).locator(".ace_content").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(sql)
    page.frame_locator(EDITOR).locator(".ace_text-input").press("Control+Enter")


def test_memory_hog_is_refused_and_the_server_stays_small(own_server: Server, browser) -> None:
    with browser_page(browser) as page:
        page.goto(f"{own_server.url}/sql")
        wait_for_app(page, min_charts=0)
        run_in_editor(page, "select 42 as answer")
        page.locator(".stMarkdownBadge", has_text=ONE_ROW).wait_for(timeout=60_000)
        before = peak_rss(own_server.process.pid)

        run_in_editor(page, HOG)
        alert = page.locator(ERROR_SELECTOR).first
        alert.wait_for(timeout=120_000)
        page.wait_for_function(APP_IDLE_JS, timeout=60_000)
        message = alert.inner_text()
        grown = peak_rss(own_server.process.pid) - before

        assert "LIMIT" in message and "MB" in message, message
        assert grown < 300 * MB, f"the server's peak memory grew by {grown / MB:,.0f} MB"

        run_in_editor(page, "select 43 as answer")  # the workbench still works
        page.locator(ERROR_SELECTOR).first.wait_for(state="detached", timeout=60_000)
        page.locator(".stMarkdownBadge", has_text=ONE_ROW).wait_for(timeout=60_000)


def test_result_over_the_size_cap_is_refused(small_db: Path, monkeypatch: pytest.MonkeyPatch, sql_sandbox) -> None:
    monkeypatch.setenv("ZONE_SQL_RESULT_MB", "1")
    with pytest.raises(safe_sql.QueryError, match="1 MB"):
        safe_sql.run_query(small_db, "select repeat('x', 1000) as s from range(5000)")
    assert len(safe_sql.run_query(small_db, "select repeat('x', 1000) as s from range(500)").df) == 500


def test_query_past_the_process_bound_is_refused(small_db: Path, monkeypatch: pytest.MonkeyPatch, sql_sandbox) -> None:
    """A child that breaks its address-space bound fails or dies; the caller gets a message, not a crash."""
    monkeypatch.setenv("ZONE_SQL_PROCESS_MB", "1500")
    with pytest.raises(safe_sql.QueryError, match="memory"):
        safe_sql.run_query(small_db, "select string_agg(repeat('x', 1000000), '') from range(2000)", memory_limit="8GB")
    assert safe_sql.run_query(small_db, "select 42 as a").df["a"].tolist() == [42]
