"""The warm-up (dashboard/warmup.py): after it, a leader's or an analyst's first visit of a page at the
default view runs no query and builds no chart; a publish of a new warehouse warms again."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from dashboard_helpers import start_app
from streamlit.testing.v1 import AppTest

from bench.server import APP
from dashboard import chart_cache, data, warmup


@pytest.fixture
def own_warehouse(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo warehouse nobody has read yet in this process (cold caches), in demo mode."""
    db = tmp_path / "zone.duckdb"
    shutil.copyfile(demo_db, db)
    monkeypatch.setenv("ZONE_DB", str(db))
    monkeypatch.setenv("ZONE_DEMO", "1")
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    yield db
    warmup.stop()


def first_visit(page: str, role: str, language: str) -> tuple[int, int]:
    """A new session's first run of app_pages/<page>.py at the default view: (queries run, charts built)."""
    queries, built = data.queries_run(), chart_cache.stats()["misses"]
    at = AppTest.from_file(str(APP), default_timeout=120)
    if language != "zh":
        at.query_params["lang"] = language
    at.session_state["demo_role"] = role
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("vega_lite_chart") or page == "alerts"
    return data.queries_run() - queries, chart_cache.stats()["misses"] - built


VISITS = [
    ("overview", "leader", "zh"),
    ("growth", "analyst", "en"),
    ("services", "leader", "en"),
    ("tiers", "analyst", "zh"),
]


def test_a_cold_warehouse_runs_queries_on_a_first_visit(own_warehouse: Path) -> None:
    """Without the warm-up (the control): the first visit runs queries and builds charts."""
    queries, built = first_visit("growth", "leader", "zh")
    assert queries > 0 and built > 0


def test_after_the_warm_up_a_first_visit_runs_no_query_and_builds_no_chart(own_warehouse: Path) -> None:
    done = warmup.warm_once()
    assert done["errors"] == []
    audit = own_warehouse.parent / "audit.jsonl"
    assert not audit.exists() or audit.read_text() == "", "the warm-up signs nobody in and records no view"
    for page, role, language in VISITS:
        assert first_visit(page, role, language) == (0, 0), (page, role, language)


def test_a_publish_warms_again_and_does_not_wait_for_it(own_warehouse: Path, tmp_path: Path) -> None:
    before = warmup.rounds()
    warmup.start(poll=0.2)
    assert warmup.start(poll=0.2) is warmup.start(poll=0.2)  # one thread however often it is started
    first = warmup.wait_for(before + 1, timeout=900)
    assert first["rounds"] == before + 1 and first["errors"] == []
    # a publish: the new copy replaces the file by atomic rename (as warehouse/build.py publishes),
    # while nothing of the warm-up holds the file
    staged = tmp_path / "zone.duckdb.new"
    shutil.copyfile(own_warehouse, staged)
    os.replace(staged, own_warehouse)
    second = warmup.wait_for(before + 2, timeout=900)
    warmup.stop()
    assert second["rounds"] == before + 2 and second["errors"] == []
    assert second["identity"] == data.current().identity != first["identity"]
    for page, role, language in VISITS[:2]:
        assert first_visit(page, role, language) == (0, 0), (page, role, language)


def _wait_for_line(log: Path, text: str, timeout: float) -> str:
    """The first line of the server's log holding `text`, waiting up to `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = [ln for ln in log.read_text(errors="replace").splitlines() if text in ln]
        if lines:
            return lines[0]
        time.sleep(0.5)
    raise AssertionError(f"no {text!r} in the server log after {timeout} s:\n{log.read_text()[-3000:]}")


def test_the_served_app_warms_itself_after_a_start_and_after_a_publish(demo_db: Path, tmp_path: Path) -> None:
    """The server's start-up hook (dashboard/server.py) starts the warm-up: one round right after the
    start, another when a publish replaces the warehouse file; every page run of both succeeds."""
    db = tmp_path / "zone.duckdb"
    shutil.copyfile(demo_db, db)
    server = start_app(db, tmp_path / "server.log", env={"ZONE_WARMUP": "1"})
    try:
        runs = len(warmup.LANGUAGES) * len(warmup.ROLES) * len(warmup.WARM_PAGES)
        first = _wait_for_line(server.log, "warm-up round 1:", timeout=600)
        assert f"{runs} page runs, 0 failed" in first, first
        staged = tmp_path / "zone.duckdb.new"
        shutil.copyfile(db, staged)
        os.replace(staged, db)
        second = _wait_for_line(server.log, "warm-up round 2:", timeout=600)
        assert f"{runs} page runs, 0 failed" in second, second
        assert "missing ScriptRunContext" not in server.log.read_text(), "the warm-up's reads warn nothing"
    finally:
        server.stop()
