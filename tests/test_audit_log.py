"""The audit log: one JSON line per sign-in, query and export, appended, outside the warehouse."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from auth_helpers import events, sign_in, signed_in
from dashboard_helpers import ROOT, new_app, python_m

from dashboard import downloads
from warehouse import audit
from warehouse.safe_sql import QueryError, QueryRefused, run_query

WRITER = """
import sys
from warehouse import audit
for i in range(int(sys.argv[1])):
    audit.record("query", f"proc-{sys.argv[2]}", "analyst", what="select " + "x" * 3000, rows=i)
"""


@pytest.fixture
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "logs" / "audit.jsonl"
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(path))
    return path


def test_one_json_line_per_event_in_a_private_file(log: Path) -> None:
    audit.record("sign_in", "wang", "leader", what="password", session="abc")
    audit.record("export", "wang", "leader", what="chart", rows=12, file="a.png")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["sign_in", "export"]
    entry = json.loads(lines[1])
    assert entry["user"] == "wang" and entry["rows"] == 12 and entry["file"] == "a.png" and entry["ts"].endswith("Z")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    with pytest.raises(ValueError, match="unknown audit event"):
        audit.record("deleted_everything", "wang")


def test_concurrent_writers_never_tear_or_lose_a_line(log: Path) -> None:
    """Four processes and four threads append at once: every line whole, none lost."""
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, "150", str(n)], cwd=ROOT, env=os.environ.copy())
        for n in range(4)
    ]
    threads = [
        threading.Thread(target=lambda n=n: [audit.record("export", f"thread-{n}", rows=i) for i in range(150)])
        for n in range(4)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert all(p.wait(timeout=120) == 0 for p in procs)
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 8 * 150
    for who in [f"proc-{n}" for n in range(4)] + [f"thread-{n}" for n in range(4)]:
        assert sorted(r["rows"] for r in rows if r["user"] == who) == list(range(150))


def test_appending_keeps_what_was_there(log: Path) -> None:
    audit.record("sign_in", "a")
    before = log.read_bytes()
    audit.record("sign_out", "a")
    assert log.read_bytes().startswith(before)
    assert [e["event"] for e in audit.read_events(path=log)] == ["sign_in", "sign_out"]
    assert [e["event"] for e in audit.read_events(limit=1, path=log)] == ["sign_out"]


def test_every_query_is_recorded_with_its_rows_refused_ones_too(log: Path, demo_warehouse) -> None:
    result = run_query(
        demo_warehouse.db, "select period from headline_metrics order by period limit 5", role="analyst", user="li"
    )
    assert result.row_count == 5
    with pytest.raises(QueryRefused):
        run_query(demo_warehouse.db, "delete from headline_metrics", role="analyst", user="li")
    ok, refused = events(log, "query")
    assert (ok["user"], ok["role"], ok["rows"]) == ("li", "analyst", 5)
    assert ok["what"].startswith("select period") and ok["db"] == str(demo_warehouse.db)
    assert (refused["user"], refused["outcome"], refused["rows"]) == ("li", "QueryRefused", None)


def test_a_query_whose_audit_line_cannot_be_written_returns_nothing(
    tmp_path: Path, demo_warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(tmp_path))  # a folder: the log cannot be opened for writing
    with pytest.raises(QueryError, match="audit"):
        run_query(demo_warehouse.db, "select 1 as one", role="analyst")


def test_the_command_line_records_its_account(log: Path, demo_warehouse) -> None:
    proc = python_m(
        "warehouse",
        "sql",
        "--db",
        str(demo_warehouse.db),
        "--format",
        "csv",
        "select period from headline_metrics limit 3",
    )
    assert proc.returncode == 0, proc.stderr
    [entry] = events(log, "query")
    assert entry["user"].startswith("cli:") and entry["rows"] == 3


def test_sign_in_page_views_and_queries_in_the_app_are_the_users(signin_env: Path) -> None:
    at = signed_in("li", "sql")
    at.selectbox(key="sql.example").select_index(0).run()  # picking an example runs it
    assert not at.exception, [e.value for e in at.exception]
    kinds = [(e["event"], e["user"]) for e in events(signin_env)]
    assert ("sign_in", "li") in kinds and ("page_view", "li") in kinds
    [query] = events(signin_env, "query")
    assert (query["user"], query["role"]) == ("li", "analyst") and query["rows"] >= 1 and query["session"]
    assert {e["session"] for e in events(signin_env) if e["user"] == "li"} == {query["session"]}


def test_a_leaders_queries_are_recorded_as_the_leaders(
    signin_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONE_SQL_CACHE", str(tmp_path / "cache"))
    at = signed_in("wang", "sql")
    at.selectbox(key="sql.example").select_index(0).run()
    [query] = events(signin_env, "query")
    assert (query["user"], query["role"]) == ("wang", "leader")


def test_chart_downloads_are_recorded_through_the_hook(log: Path) -> None:
    downloads.audit_download(
        {
            "kind": "png",
            "file_name": "growth_2025-06.png",
            "title": "增速",
            "period": "2025-06",
            "user": "wang",
            "seconds": 0.4,
        }
    )
    [entry] = events(log, "export")
    assert (entry["user"], entry["file"], entry["kind"], entry["what"]) == ("wang", "growth_2025-06.png", "png", "增速")


def test_an_unwritable_log_refuses_sign_in(signin_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(tmp_path))
    at = sign_in(new_app().run(), "li")
    assert any("审计日志" in e.value for e in at.error)
    assert not at.metric
    at.run()  # and the next click: still nothing, the sign-in did not stick
    assert not at.metric and "zone_auth" not in at.session_state


def test_the_press_kit_command_records_its_export(log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import presskit

    kit = presskit.PressKit("2025-06", "zh", files={"talking_points.md": "成绩单".encode()})
    monkeypatch.setattr(presskit, "build_presskit", lambda *args, **kwargs: kit)
    assert presskit.main(["--db", "zone.duckdb", "--period", "2025-06", "--out", str(tmp_path / "kit")]) == 0
    [entry] = events(log, "export")
    assert entry["user"].startswith("cli:") and entry["files"] == 1 and entry["file"] == str(tmp_path / "kit")
