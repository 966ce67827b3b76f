"""Helpers for the dashboard tests: the demo period, the CLI, the app in AppTest, in `streamlit run` and in Chromium.

The fixtures built on them (`demo_warehouse`, `zone_db`, `app_server`, `browser`) are in
conftest.py. The app server is bench's own `start_server` (and Chromium runs with bench's
flags), so the tests and the benchmark serve and drive the app the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.server import APP, ROOT, Server, start_server

ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
# The period the demo data is built to tell the seed article's story at.
DEMO_PERIOD = "2025-06"
APP_TIMEOUT = 60  # seconds an AppTest run may take


def python_m(
    module: str,
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float | None = None,
    check: bool = False,
) -> subprocess.CompletedProcess:
    """`python -m <module> …` from the repository root, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m warehouse …` from the repository root; fail the test with its output."""
    proc = python_m("warehouse", *args)
    assert proc.returncode == 0, f"python -m warehouse {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


@dataclass(frozen=True)
class DemoWarehouse:
    """The session's demo raw data and the warehouse built from it."""

    raw: Path
    db: Path


def copy_published(db: Path, folder: Path) -> Path:
    """Copy the folder a build published `db` in (its raw data, history and lock files) to `folder`;
    returns the copy of db. History entries that were hard links of db are hard links of the copy."""
    shutil.copytree(db.parent, folder)
    copied = folder / db.name
    for kept in copied.with_name(copied.name + ".history").glob("*.duckdb"):
        if os.path.samefile(db.parent / kept.relative_to(folder), db):
            kept.unlink()
            os.link(copied, kept)
    return copied


# --- the app in-process (AppTest) ----------------------------------------------------------


def new_app(**query: str) -> AppTest:
    """The router, not yet run, on the demo period (or the query's)."""
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.query_params.update({"period": DEMO_PERIOD, **query})
    return at


def open_page(page: str | None, **query: str) -> AppTest:
    """Run the app (the router) on `page` (app_pages/<page>.py, or the overview) with the given query string."""
    at = new_app(**query).run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    return at


# --- the app served (`streamlit run`) -----------------------------------------------------------


def start_app(db: Path, log: Path, env: dict[str, str] | None = None) -> Server:
    """Serve the dashboard over `db` in demo mode and wait until it is healthy (bench's server).

    Its audit log and users file are the test session's private ones (conftest.py) unless `env`
    says otherwise (e.g. ZONE_DEMO=0 and a ZONE_USERS file for the sign-in tests). Under xdist the
    log's name carries the worker's id (test-artifacts/streamlit-gw0.log).
    """
    private = {k: os.environ[k] for k in ("ZONE_AUDIT_LOG", "ZONE_USERS") if k in os.environ}
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:  # two xdist workers may start the same fixture's server: one log each
        log = log.with_name(f"{log.stem}-{worker}{log.suffix}")
    return start_server(db, log, timeout=60, env={**private, **(env or {})})


# --- the app in Chromium ------------------------------------------------------------------------

ERROR_SELECTOR = '[data-testid="stException"], [data-testid="stAlertContentError"]'

# Every chart on the page drawn: vega-embed put a canvas or svg of non-zero size inside.
CHARTS_DRAWN_JS = """
(minCharts) => {
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  if (charts.length < minCharts) return false;
  return charts.every(c => {
    const g = c.querySelector('canvas, svg.marks');
    if (!g) return false;
    const r = g.getBoundingClientRect();
    return r.width > 10 && r.height > 10;
  });
}
"""

# The app finished its script run: the app root is in place and no element is stale.
APP_IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  return document.querySelectorAll('[data-stale="true"]').length === 0;
}
"""


@contextmanager
def browser_page(browser, **context_args) -> Iterator[object]:
    """A page in a new browser context (1920 × 1080, zh-CN unless told otherwise), closed afterwards."""
    context = browser.new_context(**{"viewport": {"width": 1920, "height": 1080}, "locale": "zh-CN", **context_args})
    try:
        yield context.new_page()
    finally:
        context.close()


def wait_for_app(page, min_charts: int = 1, timeout: float = 60_000) -> None:
    """Wait until the script run is over and every chart on the page is drawn."""
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout)
    page.wait_for_function(APP_IDLE_JS, timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN_JS, arg=min_charts, timeout=timeout)
    page.wait_for_function(APP_IDLE_JS, timeout=timeout)


def save_screenshot(page, name: str) -> None:
    """The viewport, as test-artifacts/screenshots/<name>.png, for a human to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def screenshot(page, name: str) -> None:
    """The viewport as the reader sees it first, then the whole page (viewport stretched to its height)."""
    save_screenshot(page, name)
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": int(height) + 120})
    page.wait_for_function("() => document.querySelectorAll('[data-stale=\"true\"]').length === 0")
    page.screenshot(path=str(SCREENSHOTS / f"{name}-full.png"))
    page.set_viewport_size(size)
