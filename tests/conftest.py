"""The tests' fixtures: pytest hands them to any test that names them (no test imports a fixture).

- the sandbox: no test touches the real audit log, users file, leader SQL cache or saved queries;
- `valid_tables`: a small raw dataset that satisfies the contract (raw_tables.py writes it out);
- `demo_warehouse` (`demo_raw`, `demo_db`): the demo data and its warehouse, built once per session;
- `zone_db`, `app_server`, `browser`: the app on that warehouse in AppTest, in `streamlit run`, in Chromium;
- `users_file`, `signin_env`: local sign-in with one user per role;
- `small_db`, `sql_sandbox`: the SQL workbench's small warehouse and its per-test folders.

Running in parallel (`make test` runs `pytest -n 2 --dist loadfile`, pytest-xdist): each worker
process is a test session of its own, so every session fixture is built once per worker, and a
test file runs whole in one worker (its module fixtures are built once). Each test process gives dbt
a target and log folder of its own (`_private_home`), so builds in two workers never share
dbt_project/target. A test that measures time, memory or CPU, or loads the machine on purpose, is
marked `@pytest.mark.alone`: no other test runs in any worker while it runs.

Plain helpers (data, writers, page and sign-in helpers) are in the modules beside this file:
raw_tables, dashboard_helpers, auth_helpers, small_warehouse, demo_reference.
"""

from __future__ import annotations

import copy
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from auth_helpers import USERS
from dashboard_helpers import ARTIFACTS, DemoWarehouse, run_cli, start_app
from raw_tables import VALID, Tables
from small_warehouse import build_small_warehouse

from bench.machine import CHROMIUM
from bench.pages import CHROMIUM_ARGS
from bench.server import Server
from dashboard import auth

# --- running in parallel ----------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "alone: no other test runs in any xdist worker meanwhile (tests that measure time, memory or CPU, "
        "or load the machine on purpose)",
    )


class _AloneLock:
    """A readers-writer lock over the workers of one xdist run: every test holds it shared, an
    `alone` test exclusively. The turnstile, taken first, keeps tests from slipping in ahead of a
    waiting `alone` test. The lock files live in the run's base temp folder (the workers' parent),
    which pytest rotates. Without xdist there is one process and nothing to wait for."""

    fds: tuple[int, int] | None = None

    @classmethod
    def hold(cls, config: pytest.Config, alone: bool) -> None:
        if cls.fds is None:
            if not hasattr(config, "workerinput"):
                return
            run = Path(config.option.basetemp).parent  # xdist gives each worker <run's basetemp>/<worker id>
            cls.fds = tuple(os.open(run / name, os.O_RDWR | os.O_CREAT, 0o600) for name in ("turnstile", "alone"))
        turnstile, lock = cls.fds
        fcntl.flock(turnstile, fcntl.LOCK_EX)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        finally:
            fcntl.flock(turnstile, fcntl.LOCK_UN)

    @classmethod
    def release(cls) -> None:
        if cls.fds is not None:
            fcntl.flock(cls.fds[1], fcntl.LOCK_UN)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Set-up, call and tear-down of every test (its fixtures' too) under the run's `alone` lock."""
    _AloneLock.hold(item.config, item.get_closest_marker("alone") is not None)
    try:
        return (yield)
    finally:
        _AloneLock.release()


# --- the sandbox --------------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def _private_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test writes to the real audit log or alert-state store, signs in from the real users file
    (~/.zone_dashboard), leaves leader read models and saved queries in the real home or dbt's output in
    dbt_project/target: all of them live in the session's temp folder, for this process and every app it starts."""
    home = tmp_path_factory.mktemp("zone-home")
    with pytest.MonkeyPatch.context() as mp:
        # dbt's target and logs (manifest, partial parse) of this test process only, never the
        # repo's dbt_project/target: two xdist workers' builds must not share them
        mp.setenv("DBT_TARGET_PATH", str(home / "dbt-target"))
        mp.setenv("DBT_LOG_PATH", str(home / "dbt-logs"))
        mp.setenv("ZONE_AUDIT_LOG", str(home / "audit.jsonl"))
        mp.setenv("ZONE_USERS", str(home / "users.toml"))
        mp.setenv("ZONE_SQL_CACHE", str(home / "sql-cache"))
        mp.setenv("ZONE_SAVED_QUERIES", str(home / "saved_queries.json"))
        mp.setenv("ZONE_ALERT_STATE", str(home / "alert_state.jsonl"))
        mp.setenv("ZONE_SUBSCRIPTIONS", str(home / "subscriptions.sqlite"))
        mp.setenv("ZONE_STORE", str(home / "landing"))  # never the repo's warehouse/landing of a `make run`
        # the app servers tests start do not warm every page in the background (test_warmup_live turns it on)
        mp.setenv("ZONE_WARMUP", "0")
        yield home


# --- raw data -----------------------------------------------------------------------------------


@pytest.fixture
def valid_tables() -> Tables:
    """A small dataset that satisfies the contract, one list of text rows per table (a fresh copy)."""
    return copy.deepcopy(VALID)


# --- the demo warehouse and the app on it -------------------------------------------------------


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> DemoWarehouse:
    """The scale-1 demo data and its published warehouse, built once per session exactly the way a
    newcomer builds them (`python -m warehouse demo-data`, then `build`). Read them; copy before changing."""
    base = tmp_path_factory.mktemp("demo-warehouse")
    raw, db = base / "raw", base / "zone.duckdb"
    run_cli("demo-data", "--out", str(raw))
    run_cli("build", "--raw", str(raw), "--db", str(db), "--quiet")
    return DemoWarehouse(raw, db)


@pytest.fixture(scope="session")
def demo_raw(demo_warehouse: DemoWarehouse) -> Path:
    """The demo dataset at scale 1 (one CSV per contract table). Read only."""
    return demo_warehouse.raw


@pytest.fixture(scope="session")
def demo_db(demo_warehouse: DemoWarehouse) -> Path:
    """The published demo warehouse (read it; copy it before changing anything)."""
    return demo_warehouse.db


@pytest.fixture
def zone_db(demo_warehouse: DemoWarehouse, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the session's warehouse ($ZONE_DB) for an in-process AppTest, in demo mode
    (signed in as the demo analyst, as `make run` serves it)."""
    monkeypatch.setenv("ZONE_DB", str(demo_warehouse.db))
    monkeypatch.setenv("ZONE_DEMO", "1")
    return demo_warehouse.db


@pytest.fixture(scope="session")
def demo_presskit(demo_db: Path) -> object:
    """The demo's press kit at 2025-06 (talking points, chart images, deck), built once. Read it."""
    from dashboard import presskit

    return presskit.build_presskit(demo_db, "2025-06")


@pytest.fixture(scope="session")
def app_server(demo_warehouse: DemoWarehouse, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard served by `streamlit run` against a copy of the session's warehouse."""
    db = tmp_path_factory.mktemp("served") / "zone.duckdb"
    shutil.copy(demo_warehouse.db, db)
    app = start_app(db, ARTIFACTS / "streamlit.log")
    yield app
    app.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (never `playwright install`), one per session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install the `chromium` package (make system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def alerts_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The alerts tests' warehouse (alerts_helpers.py: every alert rule raised and not), built once per session."""
    from alerts_helpers import alerts_warehouse

    return alerts_warehouse(tmp_path_factory.mktemp("alerts"))


# --- sign-in ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A users file with a leader, an analyst and an admin (auth_helpers.USERS; argon2 hashes, as the CLI writes them)."""
    path = tmp_path_factory.mktemp("users") / "users.toml"
    for name, (role, password) in USERS.items():
        auth.add_user(name, password, role, path=path)
    return path


@pytest.fixture
def signin_env(
    demo_warehouse: DemoWarehouse, users_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The app on the demo warehouse with local sign-in (no demo mode) and a fresh audit log; returns the log."""
    monkeypatch.setenv("ZONE_DB", str(demo_warehouse.db))
    monkeypatch.setenv("ZONE_USERS", str(users_file))
    monkeypatch.delenv("ZONE_DEMO", raising=False)
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(log))
    auth._failures.clear()  # lock-outs are per process; every test starts without any
    return log


# --- the SQL workbench --------------------------------------------------------------------------


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """A fresh small warehouse in its own folder (so a test can also check nothing appeared beside it)."""
    folder = tmp_path / "wh"
    folder.mkdir()
    return build_small_warehouse(folder / "zone.duckdb")


@pytest.fixture
def sql_sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the leader's read models and the saved queries of the test in its own tmp folder."""
    monkeypatch.setenv("ZONE_SQL_CACHE", str(tmp_path / "sql-cache"))
    monkeypatch.setenv("ZONE_SAVED_QUERIES", str(tmp_path / "saved" / "saved_queries.json"))


@pytest.fixture(scope="session")
def two_enterprise_zone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """raw_tables' dataset built into a warehouse, once per session: two enterprises report industrial
    figures, so none of the zone's industrial figures may be published (confidentiality). Its folder
    holds raw/ and the build's history too. Read it; copy it (copy_published) before changing anything."""
    from raw_tables import write_csv

    from warehouse.build import build

    base = tmp_path_factory.mktemp("two")
    write_csv(base / "raw", copy.deepcopy(VALID))
    build(base / "raw", base / "zone.duckdb")
    return base / "zone.duckdb"
