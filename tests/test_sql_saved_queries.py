"""Saved queries live in a small JSON file of their own, never in the warehouse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from small_warehouse import sha256

from warehouse.safe_sql import (
    SavedQueriesError,
    delete_saved_query,
    load_saved_queries,
    save_query,
    saved_queries_path,
)

pytestmark = pytest.mark.usefixtures("sql_sandbox")


def test_save_replace_delete_round_trip(tmp_path: Path) -> None:
    path = saved_queries_path()
    assert path == tmp_path / "saved" / "saved_queries.json"
    assert load_saved_queries() == {}

    save_query("本月差评", "select * from bad_ratings_open")
    save_query("top 10", "select 1")
    save_query("本月差评", "select case_id from bad_ratings_open\n")  # same title: replaced in place

    assert load_saved_queries() == {"本月差评": "select case_id from bad_ratings_open", "top 10": "select 1"}
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert [q["title"] for q in on_disk["queries"]] == ["本月差评", "top 10"]
    assert "本月差评" in path.read_text(encoding="utf-8")  # readable UTF-8, not \\u escapes

    assert delete_saved_query("top 10") == {"本月差评": "select case_id from bad_ratings_open"}
    assert delete_saved_query("no such query") == {"本月差评": "select case_id from bad_ratings_open"}
    assert sorted(p.name for p in path.parent.iterdir()) == ["saved_queries.json"]  # no scratch files left


def test_saving_never_touches_the_warehouse(small_db: Path) -> None:
    before = sha256(small_db)
    save_query("growth", "select * from main.industrial_growth")
    assert sha256(small_db) == before
    assert not any(p.suffix == ".json" for p in small_db.parent.iterdir())


def test_default_path_is_in_the_home_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ZONE_SAVED_QUERIES")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert saved_queries_path() == tmp_path / "home" / ".zone_dashboard" / "saved_queries.json"


@pytest.mark.parametrize(("title", "sql"), [("", "select 1"), ("   ", "select 1"), ("empty", "  ")])
def test_a_saved_query_needs_a_title_and_sql(title: str, sql: str) -> None:
    with pytest.raises(ValueError):
        save_query(title, sql)


def test_a_damaged_file_is_reported_not_overwritten() -> None:
    path = saved_queries_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"queries": [ {"title": "half', encoding="utf-8")

    with pytest.raises(SavedQueriesError, match="saved queries"):
        load_saved_queries()
    with pytest.raises(SavedQueriesError):
        save_query("new", "select 1")
    assert path.read_text(encoding="utf-8") == '{"queries": [ {"title": "half'
