"""Fixtures for the dashboard tests: one demo warehouse per session, a running app, a browser.

The warehouse is built exactly the way a newcomer builds it (`python -m warehouse demo-data`
then `python -m warehouse build`), once, into a temporary folder; tests that change a
warehouse work on a copy.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from warehouse_fixtures import ensure_demo_warehouse

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "streamlit_app.py"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The period the demo data is built to tell the seed article's story at.
DEMO_PERIOD = "2025-06"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m warehouse …` from the repository root; fail the test with its output."""
    proc = subprocess.run(
        [sys.executable, "-m", "warehouse", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, f"python -m warehouse {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


@dataclass(frozen=True)
class DemoWarehouse:
    """The session's demo raw data and the warehouse built from it."""

    raw: Path
    db: Path


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> DemoWarehouse:
    """Demo data + a published warehouse, built once per test session through the CLI.

    Each test module that imports this fixture gets its own session-scoped instance, so the
    build lands in one fixed folder of the session's temp dir and later instances reuse it.
    """
    raw, db = ensure_demo_warehouse(tmp_path_factory)
    return DemoWarehouse(raw, db)


@pytest.fixture
def zone_db(demo_warehouse: DemoWarehouse, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the session's warehouse ($ZONE_DB) for an in-process AppTest, in demo mode
    (signed in as the demo analyst, as `make run` serves it)."""
    monkeypatch.setenv("ZONE_DB", str(demo_warehouse.db))
    monkeypatch.setenv("ZONE_DEMO", "1")
    return demo_warehouse.db


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningApp:
    """A `streamlit run` child process serving the dashboard."""

    url: str
    db: Path
    process: subprocess.Popen
    log: Path
    log_file: object = None

    def stop(self) -> None:
        """Stop the server and close its log."""
        stop_app(self.process)
        if self.log_file is not None:
            self.log_file.close()


def start_app(db: Path, log: Path, timeout: float = 60, env: dict[str, str] | None = None) -> RunningApp:
    """Start the dashboard with `streamlit run` on a free port, reading `db`; wait until it is healthy.

    Demo mode (signed in as the demo analyst) unless `env` says otherwise (e.g. ZONE_DEMO=0 and a
    ZONE_USERS file for the sign-in tests).
    """
    port = free_port()
    env = {**os.environ, "ZONE_DB": str(db), "ZONE_DEMO": "1", "PYTHONUNBUFFERED": "1", **(env or {})}
    cmd = [
        str(Path(sys.executable).with_name("streamlit")),
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    out = log.open("w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    app = RunningApp(f"http://127.0.0.1:{port}", db, proc, log, out)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            app.stop()
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{app.url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return app
        except OSError:
            time.sleep(0.2)  # polling a port that is not up yet; nothing to wait on but time
    app.stop()
    raise RuntimeError(f"streamlit did not become healthy in {timeout} s:\n{log.read_text()}")


def stop_app(proc: subprocess.Popen) -> None:
    """Stop the child we started (by its own pid only)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="session")
def app_server(demo_warehouse: DemoWarehouse, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """The dashboard served by `streamlit run` against a copy of the session's warehouse."""
    base = tmp_path_factory.mktemp("served")
    db = base / "zone.duckdb"
    shutil.copy(demo_warehouse.db, db)
    app = start_app(db, ARTIFACTS / "streamlit.log")
    yield app
    app.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (never `playwright install`).

    Every test module that imports this fixture gets its own session-scoped instance, but
    Playwright's sync API runs once per process: the instances share one Chromium, closed
    when the last of them is torn down.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install the `chromium` package (make system-deps)")
    if not _BROWSER:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _BROWSER.update(
            playwright=playwright,
            users=0,
            browser=playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True),
        )
    _BROWSER["users"] += 1
    try:
        yield _BROWSER["browser"]
    finally:
        _BROWSER["users"] -= 1
        if _BROWSER["users"] == 0:
            _BROWSER.pop("browser").close()
            _BROWSER.pop("playwright").stop()
            _BROWSER.clear()


_BROWSER: dict = {}  # the one Playwright and Chromium of this test process, and how many fixtures hold it


# --- page helpers -------------------------------------------------------------------------

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


def wait_for_app(page, min_charts: int = 1, timeout: float = 60_000) -> None:
    """Wait until the script run is over and every chart on the page is drawn."""
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout)
    page.wait_for_function(APP_IDLE_JS, timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN_JS, arg=min_charts, timeout=timeout)
    page.wait_for_function(APP_IDLE_JS, timeout=timeout)
