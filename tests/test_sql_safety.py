"""Ad-hoc SQL cannot hurt the warehouse or the server: hostile queries are refused, slow ones stopped.

Each hostile query is tried twice: through `run_query` (DuckDB's parser refuses it, or the
locked-down connection does, with a clear message) and, where it is a statement, straight
on the connection from `open_readonly`, to show that DuckDB itself refuses it even if the
parser check were gone. Either way the warehouse file is byte-for-byte unchanged and
nothing new appears beside it.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from small_warehouse import GROWTH_ROWS, sha256

from warehouse.safe_sql import (
    QueryError,
    QueryRefused,
    QueryTimeout,
    leader_read_model,
    open_readonly,
    run_query,
    schema_catalog,
)

pytestmark = pytest.mark.usefixtures("sql_sandbox")

# (id, query, a word the message must contain so the user knows what was refused)
HOSTILE = [
    ("read_csv_passwd", "select * from read_csv('/etc/passwd')", "files, URLs"),
    ("read_text_passwd", "select content from read_text('/etc/passwd')", "files, URLs"),
    ("glob_root", "select * from glob('/*')", "files, URLs"),
    ("remote_parquet", "select * from read_parquet('https://example.invalid/x.parquet')", "files, URLs"),
    ("copy_to", "COPY main.industrial_growth TO '{out}/leak.csv'", "COPY"),
    ("copy_query_to", "COPY (select * from raw.enterprises) TO '{out}/leak.parquet' (FORMAT parquet)", "COPY"),
    ("export_database", "EXPORT DATABASE '{out}/dump'", "EXPORT"),
    ("attach", "ATTACH '{out}/other.duckdb' AS other", "ATTACH"),
    ("detach", "DETACH zone", "DETACH"),
    ("install_httpfs", "INSTALL httpfs", "LOAD"),
    ("load_httpfs", "LOAD httpfs", "LOAD"),
    ("create_table", "CREATE TABLE main.t AS SELECT 1 AS x", "CREATE"),
    ("create_temp_table", "CREATE TEMP TABLE t AS SELECT 1 AS x", "CREATE"),
    ("create_macro", "CREATE MACRO m(x) AS x + 1", "CREATE"),
    ("insert", "INSERT INTO main.industrial_growth VALUES ('x', 'x', 'x', 1, 1)", "INSERT"),
    ("update", "UPDATE main.industrial_growth SET growth_pct = 99", "UPDATE"),
    ("delete", "DELETE FROM main.industrial_growth", "DELETE"),
    ("drop_table", "DROP TABLE main.industrial_growth", "DROP"),
    ("drop_schema", "DROP SCHEMA raw CASCADE", "DROP"),
    ("alter", "ALTER TABLE main.industrial_growth RENAME TO g", "ALTER"),
    ("set_external_access", "SET enable_external_access = true", "SET"),
    ("reset_lock", "RESET lock_configuration", "SET"),
    ("pragma", "PRAGMA enable_profiling", "PRAGMA"),
    ("pragma_assignment", "PRAGMA memory_limit = '100GB'", "SET"),  # DuckDB parses PRAGMA x = y as a SET
    ("checkpoint", "CHECKPOINT", "CALL"),
    ("vacuum", "VACUUM", "VACUUM"),
    ("multi_select_delete", "SELECT 1; DELETE FROM main.industrial_growth", "DELETE"),
    (
        "multi_comment_drop",
        "select * from main.industrial_growth;\n-- harmless\nDROP TABLE main.industrial_growth",
        "DROP",
    ),
    (
        "multi_unlock_then_read",
        "SELECT 1; SET enable_external_access = true; SELECT * FROM read_csv('/etc/passwd')",
        "3",
    ),
    ("multi_select_copy", "select 1; COPY main.industrial_growth TO '{out}/leak.csv'", "COPY"),
    ("empty", "  -- nothing but a comment\n", "empty"),
]


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.mark.parametrize(("sql", "word"), [pytest.param(sql, word, id=i) for i, sql, word in HOSTILE])
def test_hostile_query_is_refused_and_warehouse_unchanged(small_db: Path, tmp_path: Path, sql: str, word: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    sql = sql.format(out=out)
    before, beside = sha256(small_db), _files(small_db.parent)

    with pytest.raises(QueryError) as info:
        run_query(small_db, sql, timeout_s=10)

    message = str(info.value)
    assert word in message, message
    assert len(message) > 20, message
    assert sha256(small_db) == before
    assert _files(small_db.parent) == beside  # no WAL, no spill file, no copy beside the warehouse
    assert list(out.iterdir()) == []  # nothing written where a COPY/EXPORT/ATTACH pointed


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param("SELECT 1; DELETE FROM main.industrial_growth", id="multi"),
        pytest.param("DELETE FROM main.industrial_growth", id="delete"),
        pytest.param("INSTALL httpfs", id="install"),
        pytest.param("SET enable_external_access = true", id="set"),
    ],
)
def test_statements_are_refused_before_they_run(small_db: Path, sql: str) -> None:
    with pytest.raises(QueryRefused):
        run_query(small_db, sql)


# Straight on the connection, no parser check in front: DuckDB's lock-down refuses each one.
DUCKDB_REFUSES = [
    ("read_csv", "select * from read_csv('/etc/passwd')"),
    ("copy_to", "COPY main.industrial_growth TO '{out}/leak.csv'"),
    ("attach", "ATTACH '{out}/other.duckdb' AS other"),
    ("install", "INSTALL httpfs"),
    ("load", "LOAD httpfs"),
    ("create_in_warehouse", "CREATE TABLE main.t AS SELECT 1"),
    ("insert", "INSERT INTO main.industrial_growth VALUES ('x', 'x', 'x', 1, 1)"),
    ("delete", "DELETE FROM main.industrial_growth"),
    ("drop", "DROP TABLE main.industrial_growth"),
    ("set_external_access", "SET enable_external_access = true"),
    ("set_memory", "SET memory_limit = '100GB'"),
    ("pragma_threads", "PRAGMA threads = 8"),
    ("reset_lock", "RESET lock_configuration"),
]


@pytest.mark.parametrize("sql", [pytest.param(sql, id=i) for i, sql in DUCKDB_REFUSES])
def test_locked_connection_refuses_without_the_parser_check(small_db: Path, tmp_path: Path, sql: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = sha256(small_db)
    con = open_readonly(small_db)
    try:
        with pytest.raises(duckdb.Error):
            con.execute(sql.format(out=out)).fetchall()
        settings = dict(
            con.execute(
                "select name, value from duckdb_settings() where name in "
                "('enable_external_access', 'lock_configuration', 'threads', 'python_enable_replacements')"
            ).fetchall()
        )
        assert settings["enable_external_access"] == "false"
        assert settings["lock_configuration"] == "true"
        assert settings["threads"] == "1"
        assert settings["python_enable_replacements"] == "false"
    finally:
        con.close()
    assert sha256(small_db) == before
    assert list(out.iterdir()) == []


def test_warehouse_is_attached_read_only(small_db: Path) -> None:
    con = open_readonly(small_db)
    try:
        rows = con.execute("select readonly from duckdb_databases() where path is not null").fetchall()
    finally:
        con.close()
    assert rows == [(True,)]


def test_query_cannot_see_python_dataframes(small_db: Path) -> None:
    # bait for DuckDB's replacement scan, which would read a local DataFrame the query names
    secret_frame = pd.DataFrame({"secret": ["do not leak"]})  # noqa: F841
    with pytest.raises(QueryError):
        run_query(small_db, "select * from secret_frame")


def test_dashboard_connection_open_in_same_process_does_not_block(small_db: Path) -> None:
    """The app keeps its own read-only connection to the file; the workbench must still open it."""
    with duckdb.connect(str(small_db), read_only=True) as held:
        held.execute("select 1").fetchall()
        result = run_query(small_db, "select count(*) as n from main.industrial_growth")
    assert result.df["n"].tolist() == [3]


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param("select * from raw.enterprises", id="raw"),
        pytest.param("select * from staging.stg_raw__enterprises", id="staging"),
        pytest.param("select * from intermediate.int_enterprises_named", id="intermediate"),
        pytest.param(
            "select g.name from main.industrial_growth g join raw.enterprises e using (enterprise_id)", id="join_raw"
        ),
        pytest.param("with x as (select * from staging.stg_raw__enterprises) select * from x", id="cte_staging"),
    ],
)
def test_leader_is_refused_outside_the_marts(small_db: Path, sql: str) -> None:
    before = sha256(small_db)
    with pytest.raises(QueryRefused, match="leader"):
        run_query(small_db, sql, role="leader")
    assert sha256(small_db) == before
    assert len(run_query(small_db, sql, role="analyst").df) > 0  # the analyst may


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param("select * from query('select * from raw.enterprises')", id="query_fn"),
        pytest.param("select * from query_table('raw.enterprises')", id="query_table_fn"),
    ],
)
def test_leader_cannot_reach_raw_even_by_string_table_names(small_db: Path, sql: str) -> None:
    """The parser cannot see a table named in a string; the leader's connection simply has no raw data."""
    with pytest.raises(QueryError, match="raw"):
        run_query(small_db, sql, role="leader")


def test_leader_sees_the_marts_and_only_the_marts(small_db: Path) -> None:
    result = run_query(small_db, "select name from main.industrial_growth order by name", role="leader")
    assert result.df["name"].tolist() == sorted(r[1] for r in GROWTH_ROWS)
    schemas = {(r.schema, r.name) for r in schema_catalog(small_db, role="leader")}
    assert schemas == {("main", "industrial_growth"), ("main", "formula_text"), ("main", "typed")}


def test_leader_read_model_is_private_to_the_user_by_default(
    small_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a predictable name under /tmp, where another account could plant a fake marts file."""
    monkeypatch.delenv("ZONE_SQL_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    model = leader_read_model(small_db)
    assert model.parent == tmp_path / "home" / ".cache" / "zone_dashboard"
    assert model.parent.stat().st_mode & 0o077 == 0


SLOW = "select sum(a.range * b.range) as s from range(1000000) a, range(1000000) b"  # 10^12 rows


@pytest.mark.alone  # times the interrupt: no other test runs meanwhile (conftest.py, xdist)
def test_slow_query_is_interrupted_and_the_next_one_works(small_db: Path) -> None:
    before = sha256(small_db)
    started = time.perf_counter()
    with pytest.raises(QueryTimeout) as info:
        run_query(small_db, SLOW, timeout_s=2)
    elapsed = time.perf_counter() - started

    assert elapsed < 2 + 2, f"took {elapsed:.1f} s to stop"
    assert "2 s" in str(info.value)
    assert run_query(small_db, "select 42 as answer").df["answer"].tolist() == [42]
    assert sha256(small_db) == before


def test_row_cap_truncates_and_says_so(small_db: Path) -> None:
    capped = run_query(small_db, "select range as i from range(250000)", row_cap=100_000)
    assert (len(capped.df), capped.truncated) == (100_000, True)
    assert capped.df["i"].iloc[-1] == 99_999

    exact = run_query(small_db, "select range as i from range(1000)", row_cap=1000)
    assert (len(exact.df), exact.truncated) == (1000, False)


def test_error_points_at_the_line_and_column(small_db: Path) -> None:
    sql = "select name,\n       chain\nfrom main.industrial_growth\nwhere no_such_column > 1"
    with pytest.raises(QueryError) as info:
        run_query(small_db, sql)
    err = info.value
    assert "no_such_column" in str(err)
    assert (err.line, err.column) == (4, 7)
    assert "line 4" in str(err)


def test_error_column_counts_characters_after_chinese_text(small_db: Path) -> None:
    # DuckDB draws its caret in display columns (a Chinese character is two wide).
    with pytest.raises(QueryError) as info:
        run_query(small_db, "select '中文' || no_such_column from main.industrial_growth")
    assert (info.value.line, info.value.column) == (1, 16)


def test_error_line_counts_leading_blank_lines_and_comments(small_db: Path) -> None:
    sql = "\n\n-- growth by chain\nselect chain, no_such_column\nfrom main.industrial_growth\n"
    with pytest.raises(QueryError) as info:
        run_query(small_db, sql)
    assert (info.value.line, info.value.column) == (4, 15)


def test_syntax_error_is_reported_with_location(small_db: Path) -> None:
    with pytest.raises(QueryError) as info:
        run_query(small_db, "select *\nform main.industrial_growth")
    assert "syntax error" in str(info.value)
    assert info.value.line == 2


# Catalog functions (and their views) that would show the server's paths and settings
SERVER_PATH_QUERIES = {
    "duckdb_databases": "select path from duckdb_databases()",
    "duckdb_databases_view": "select path from duckdb_databases",
    "pragma_database_list": "select * from pragma_database_list",
    "duckdb_settings": "select value from duckdb_settings() where name = 'home_directory'",
    "current_setting": "select current_setting('temp_directory') as t",
    "query_string": "select * from query('select path from duckdb_databases()')",
}


@pytest.mark.parametrize("sql", SERVER_PATH_QUERIES.values(), ids=SERVER_PATH_QUERIES.keys())
def test_leader_sees_no_server_paths(small_db: Path, sql: str) -> None:
    """The catalog functions that show the server's files and settings are refused to a leader."""
    with pytest.raises(QueryRefused, match="leader role may not use"):
        run_query(small_db, sql, role="leader")
    shown = run_query(small_db, "show databases", role="leader").df.to_string()
    assert str(small_db.parent) not in shown
