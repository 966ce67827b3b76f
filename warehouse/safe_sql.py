"""Safe ad-hoc SQL over the warehouse: a locked-down DuckDB connection, a time limit, a row cap.

The safety is DuckDB's, not string matching:

* The warehouse is opened as every reader opens it (warehouse/readonly.py): attached READ_ONLY
  into a fresh in-memory DuckDB instance, after which `enable_external_access = false` (no
  file, URL, ATTACH, COPY, INSTALL or LOAD) and `lock_configuration = true` (no SET can undo
  it) are switched on. On top of that recipe each query gets its own
  instance with its own `memory_limit` and `threads`, and no temp directory, so nothing is
  ever spilled to disk beside the warehouse.
  Why attach instead of `duckdb.connect(path, config=...)`: the Python client shares one
  database instance per file and refuses a second connection to the same file with a
  different configuration ("Can't open a connection to same database file with a different
  configuration"), so a locked connection by path would fail inside the dashboard, which
  keeps its own read-only connection open.
* DuckDB's own parser (`extract_statements`) must find exactly one statement, of type
  SELECT (which covers WITH, FROM-first, VALUES, DESCRIBE, SHOW, SUMMARIZE) or EXPLAIN;
  anything else is refused before it runs, so `SELECT 1; DELETE …` never reaches the engine.
* The `leader` role queries a copy of the published marts (every relation in schema `main`,
  materialised into a cache file), so raw, staging and intermediate tables are not hidden
  by a filter but absent from what that connection can see. Inspecting table references
  with the parser would miss `query('select … from raw.x')` and `query_table('raw.x')`,
  which take the table name as a string. The parser is still used to explain a refusal.

Limits of the limits (measured on DuckDB 2.0.1): `memory_limit` covers DuckDB's buffer-managed
memory, not very large single values nor the copy of the result, and an interrupt lands
between vectors. `select repeat('x', 100000000) from range(20)` once grew the dashboard's
server from 0.4 to 11.5 GB. So every query runs in a child process of its own
(warehouse/sql_process.py) with a hard address-space bound (RLIMIT_AS, $ZONE_SQL_PROCESS_MB,
default 4096), killed outright a few seconds past its time limit; its rows come back as Arrow
bytes, refused above $ZONE_SQL_RESULT_MB (default 64), and only then become a DataFrame here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import decimal
import functools
import hashlib
import io
import json
import math
import os
import re
import threading
import time
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from warehouse import audit, confidentiality, readonly

ROOT = Path(__file__).resolve().parent.parent
ROLES = ("leader", "analyst", "admin")  # admin queries as an analyst (and reads the audit log in the app)
MART_SCHEMA = "main"
HIDDEN_FROM_LEADER = ("raw", "staging", "intermediate")
# Statement types a single read query may have. DESCRIBE/SHOW/SUMMARIZE/FROM/VALUES parse as SELECT.
READ_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
# What a leader may not call: catalog functions (and their views) that show the server's file
# paths and settings, and the functions that take a query or table name as a string, which
# no parse-tree check can look into.
LEADER_DENIED_FUNCTIONS = frozenset(
    {
        "duckdb_databases",
        "pragma_database_list",
        "pragma_database_size",
        "duckdb_settings",
        "current_setting",
        "duckdb_extensions",
        "duckdb_temporary_files",
        "duckdb_secrets",
        "duckdb_logs",
        "duckdb_external_file_cache",
        "pragma_storage_info",
        "pragma_metadata_info",
        "getenv",
        "query",
        "query_table",
    }
)
# OWASP "CSV injection": a spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DEFAULT_SAVED_QUERIES = Path("~/.zone_dashboard/saved_queries.json")
_CHUNK_VECTORS = 16  # DuckDB vectors (2,048 rows each) fetched per chunk while filling the row cap
# Every workbench query gets its own DuckDB instance and memory limit; this bounds how many
# run at once in one process, so N analysts cost at most N x memory_limit, never the dashboard.
_SLOTS = threading.BoundedSemaphore(max(1, int(os.environ.get("ZONE_SQL_CONCURRENCY", "2"))))


class QueryError(Exception):
    """A query failed or was refused; `str()` is a message fit to show the user."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None, pointer: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line  # 1-based line of the query DuckDB points at, when it does
        self.column = column  # 1-based column, when DuckDB's excerpt shows the line from its start
        self.pointer = pointer  # DuckDB's own "LINE n: …" excerpt with the caret under it


class QueryRefused(QueryError):
    """The query was refused before it ran: not a single read statement, or outside the role."""


class QueryTimeout(QueryError):
    """The query ran past its time limit and was interrupted."""


@dataclasses.dataclass
class QueryResult:
    """Rows of one query, at most `row_cap` of them, and how it went."""

    df: pd.DataFrame
    row_count: int  # rows in df
    truncated: bool  # the query had more rows than the cap; df holds the first row_cap
    elapsed_s: float
    columns: list[str]
    types: list[str]  # DuckDB type names, e.g. VARCHAR, DECIMAL(18,2)
    row_cap: int
    role: str


# --- connections -------------------------------------------------------------------------


def _catalog_alias(db_path: Path) -> str:
    """The catalog name DuckDB itself would give the file (its stem), so qualified names match."""
    stem = re.sub(r"\W", "_", Path(db_path).name.split(".")[0]) or "warehouse"
    return stem if not stem[0].isdigit() else f"_{stem}"


_sql_literal = readonly.literal


def open_readonly(
    db_path: str | os.PathLike, memory_limit: str = "1GB", threads: int = 1, *, alias: str | None = None
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that can read the warehouse at db_path and do nothing else.

    Read-only attach, no external access (files, URLs, ATTACH, COPY, INSTALL, LOAD), settings
    locked, its own memory and thread limits, no spilling to disk. The caller closes it.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise QueryError(f"数据仓库文件不存在 / warehouse not found: {db_path}")
    return readonly.connect(
        db_path,
        alias=alias or _catalog_alias(db_path),
        config={
            "memory_limit": memory_limit,
            "threads": int(threads),
            "temp_directory": "",  # nothing spilled beside the warehouse; an oversized query fails instead
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            # A query must not reach Python objects in this process by name (DuckDB's replacement scans).
            "python_enable_replacements": False,
        },
        settings=["SET enable_progress_bar = false"],
    )


duckdb_identifier = readonly.identifier


def _cache_dir() -> Path:
    """Where leader read models live: $ZONE_SQL_CACHE, else ~/.cache/zone_dashboard.

    Not a fixed name under /tmp: anyone on the machine could plant a file there under the
    predictable name and the leader would read it as the marts.
    """
    if os.environ.get("ZONE_SQL_CACHE"):
        return Path(os.environ["ZONE_SQL_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zone_dashboard"


def leader_read_model(db_path: str | os.PathLike) -> Path:
    """A DuckDB file holding only the marts (schema main) of the warehouse, built once per published build.

    What the leader may see of them (warehouse/confidentiality.py): enterprise-level marts
    keep only enterprises that consented to be named, with no single enterprise's figures,
    and the industrial cells and headline figures built from fewer than 3 enterprises are
    withheld (NULL), with their complements.

    Keyed on the file's identity (inode, size, mtime): the build publishes by renaming a new
    file into place, so a new build gets a new copy and the old one is removed.
    """
    src = Path(db_path).resolve()
    st = src.stat()
    path_key = hashlib.sha1(str(src).encode()).hexdigest()[:8]
    build_key = hashlib.sha1(f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:12]
    cache = _cache_dir()
    target = cache / f"{src.stem}-{path_key}-{build_key}.marts.duckdb"
    if target.is_file():
        return target
    cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    try:
        with duckdb.connect(str(scratch)) as con:
            con.execute(f"ATTACH {_sql_literal(str(src))} AS src (READ_ONLY)")
            names = con.execute(
                "select table_name from information_schema.tables where table_catalog = 'src' and table_schema = ? order by 1",
                [MART_SCHEMA],
            ).fetchall()
            leader_tables = confidentiality.leader_tables(con, "src", [n for (n,) in names])
            for (name,) in names:
                ident = duckdb_identifier(name)
                # Views are materialised too: a view over staging must not need staging here.
                select = leader_tables.get(name, f"SELECT * FROM src.main.{ident}")
                con.execute(f"CREATE TABLE main.{ident} AS {select}")
            for helper in confidentiality.LEADER_HELPER_TABLES:
                con.execute(f"DROP TABLE IF EXISTS {helper}")
            con.execute("DETACH src")
            con.execute("CHECKPOINT")
        os.replace(scratch, target)
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    for old in cache.glob(f"{src.stem}-{path_key}-*.marts.duckdb"):
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink()
    return target


@contextlib.contextmanager
def connect_for_role(
    db_path: str | os.PathLike, role: str = "analyst", memory_limit: str = "1GB", threads: int = 1
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A locked-down connection showing what `role` may query: analyst everything, leader the marts."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, got {role!r}")
    db_path = Path(db_path)
    if not db_path.is_file():
        raise QueryError(f"数据仓库文件不存在 / warehouse not found: {db_path}")
    if role == "leader":
        con = open_readonly(leader_read_model(db_path), memory_limit, threads, alias=_catalog_alias(db_path))
    else:
        con = open_readonly(db_path, memory_limit, threads)
    try:
        yield con
    finally:
        con.close()


# --- statement checks --------------------------------------------------------------------

_LINE_RE = re.compile(r"\n\nLINE (\d+): ([^\n]*)\n( *)(\^+)?", re.DOTALL)


def _char_column(shown: str, caret: int) -> int:
    """1-based character column under DuckDB's caret, which it draws in display columns (CJK is 2 wide)."""
    index = width = 0
    while index < len(shown) and width < caret:
        width += 2 if unicodedata.east_asian_width(shown[index]) in ("W", "F") else 1
        index += 1
    return index + 1


def _query_error(exc: duckdb.Error, sql: str, role: str) -> QueryError:
    """DuckDB's error as a QueryError, with the line/column it points at when it does."""
    text = str(exc)
    line = column = pointer = None
    m = _LINE_RE.search(text)
    if m:
        line = int(m.group(1))
        prefix = f"LINE {line}: "
        shown = m.group(2)
        pointer = f"{prefix}{shown}\n{m.group(3)}{m.group(4) or '^'}"
        lines = sql.splitlines()
        # DuckDB shortens long lines around the error; a column is only exact when the excerpt starts the line.
        if 0 < line <= len(lines) and lines[line - 1].startswith(shown.rstrip()[:20]):
            column = _char_column(shown, len(m.group(3)) - len(prefix))
        text = text[: m.start()].rstrip()
    kind = type(exc).__name__
    if isinstance(exc, duckdb.PermissionException):
        text = f"不允许访问文件、网址或扩展 / files, URLs and extensions are off limits here: {text}"
    elif isinstance(exc, duckdb.OutOfMemoryException):
        text = f"查询超出内存上限 / the query ran out of its memory limit: {text}"
    elif role == "leader" and isinstance(exc, duckdb.CatalogException):
        text += (
            f"\n领导角色只能查询 {MART_SCHEMA} 中的成果表 / the leader role sees only the marts in schema {MART_SCHEMA}"
        )
    location = f" (第 {line} 行 / line {line}{f', 第 {column} 列 / column {column}' if column else ''})" if line else ""
    message = f"{text}{location}"
    if pointer:
        message += f"\n{pointer}"
    err = QueryError(message, line=line, column=column, pointer=pointer)
    err.kind = kind  # type: ignore[attr-defined]
    return err


def _walk(node: Any) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def referenced_tables(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[str, str, str]]:
    """(catalog, schema, table) of every base table a SELECT names, from DuckDB's parse tree."""
    tree = json.loads(con.execute("select json_serialize_sql(?)", [sql]).fetchall()[0][0])
    if tree.get("error"):
        return []
    return [
        (n.get("catalog_name") or "", n.get("schema_name") or "", n.get("table_name") or "")
        for n in _walk(tree.get("statements", []))
        if n.get("type") == "BASE_TABLE"
    ]


def referenced_functions(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    """Names of every function and table a SELECT calls or reads, from DuckDB's parse tree."""
    tree = json.loads(con.execute("select json_serialize_sql(?)", [sql]).fetchall()[0][0])
    if tree.get("error"):
        return set()
    names = set()
    for node in _walk(tree.get("statements", [])):
        if isinstance(node.get("function_name"), str):
            names.add(node["function_name"])
        if node.get("type") == "BASE_TABLE" and isinstance(node.get("table_name"), str):
            names.add(node["table_name"])
    return names


def check_statement(con: duckdb.DuckDBPyConnection, sql: str, role: str = "analyst") -> None:
    """Refuse anything but a single read statement (and, for the leader, names outside the marts)."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise _query_error(exc, sql, role) from None
    if not statements:
        raise QueryRefused("查询为空 / the query is empty")
    kinds = [s.type.name for s in statements]
    if len(statements) > 1:
        raise QueryRefused(
            f"一次只能执行一条只读查询，这里有 {len(statements)} 条语句（{', '.join(kinds)}）"
            f" / only one read-only statement at a time; got {len(statements)} ({', '.join(kinds)})"
        )
    if statements[0].type not in READ_STATEMENTS:
        raise QueryRefused(
            f"{kinds[0]} 语句不允许：查询台只读 / {kinds[0]} statements are refused: the workbench is read-only"
            " (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)"
        )
    if role == "leader" and statements[0].type == duckdb.StatementType.SELECT:
        denied = sorted({name for name in referenced_functions(con, sql) if name.lower() in LEADER_DENIED_FUNCTIONS})
        if denied:
            raise QueryRefused(
                f"领导角色不能使用 {', '.join(denied)} / the leader role may not use {', '.join(denied)}: they show"
                f" the server's files and settings, or name tables in a string; the leader queries the marts in"
                f" schema {MART_SCHEMA} by name (not raw, staging or intermediate tables)"
            )
        hidden = [
            f"{schema}.{table}"
            for _, schema, table in referenced_tables(con, sql)
            if schema.lower() in HIDDEN_FROM_LEADER
        ]
        if hidden:
            raise QueryRefused(
                f"领导角色只能查询 {MART_SCHEMA} 中的成果表，{', '.join(hidden)} 不在其中"
                f" / the leader role may query only the marts in schema {MART_SCHEMA}; {', '.join(hidden)} is not one"
            )


# --- running -----------------------------------------------------------------------------


def run_query(
    db_path: str | os.PathLike,
    sql: str,
    timeout_s: float = 30.0,
    row_cap: int = 100_000,
    role: str = "analyst",
    *,
    memory_limit: str = "1GB",
    threads: int = 1,
    user: str | None = None,
) -> QueryResult:
    """Run one read-only query as `role`; at most row_cap rows, interrupted after timeout_s seconds.

    Every query, refused and failed ones included, is written to the audit log (who, role,
    the SQL, rows returned); `user` defaults to the dashboard's signed-in user in this
    thread, else the command-line account. A query whose audit line cannot be written
    returns no rows.
    """
    who, _, session = audit.actor()
    who = user or who
    try:
        result = _run_query(db_path, sql, timeout_s, row_cap, role, memory_limit=memory_limit, threads=threads)
    except QueryError as exc:
        _audit_query(who, role, session, sql, db_path, outcome=type(exc).__name__, message=exc.message)
        raise
    _audit_query(
        who,
        role,
        session,
        sql,
        db_path,
        rows=result.row_count,
        truncated=result.truncated or None,
        seconds=round(result.elapsed_s, 3),
    )
    return result


def _audit_query(
    user: str, role: str, session: str | None, sql: str, db_path: str | os.PathLike, **details: object
) -> None:
    try:
        audit.record("query", user, role, what=sql, session=session, db=str(db_path), **details)
    except OSError as exc:
        raise QueryError(
            f"审计日志无法写入，查询结果不予返回 / the audit log cannot be written, so no rows are returned: {exc}"
        ) from exc


def _run_query(
    db_path: str | os.PathLike, sql: str, timeout_s: float, row_cap: int, role: str, **limits: str | int
) -> QueryResult:
    """run_query without the audit line (`limits`: its memory_limit and threads).

    The query runs in a child process (see `_query_process`) whose address space is bounded
    by RLIMIT_AS, so no query can grow the server: the child fails or dies, the server gets a
    message. Rows come back as Arrow IPC bytes, at most `result_bytes()` of them, and only
    then become a DataFrame here.
    """
    memory_limit, threads = limits["memory_limit"], limits["threads"]
    if row_cap < 0:
        raise ValueError("row_cap must be >= 0")
    sql = sql or ""  # not stripped: DuckDB's line numbers must match the text the user sees
    db_path = Path(db_path).resolve()
    if not db_path.is_file():
        raise QueryError(f"数据仓库文件不存在 / warehouse not found: {db_path}")
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, got {role!r}")
    # Everything read from the environment is settled here: the child is forked from a server
    # started earlier and sees the environment of that moment, not this one.
    target = leader_read_model(db_path) if role == "leader" else db_path
    job = _Job(
        str(target),
        _catalog_alias(db_path),
        sql,
        role,
        float(timeout_s),
        int(row_cap),
        result_bytes(),
        str(memory_limit),
        int(threads),
        process_bytes(),
    )
    if not _SLOTS.acquire(timeout=timeout_s):
        raise QueryTimeout(
            f"查询台繁忙，{timeout_s:g} 秒内未轮到 / the workbench is busy; no slot within {timeout_s:g} s"
        )
    try:
        header, payload = _in_child(job)
    finally:
        _SLOTS.release()
    if header["status"] != "ok":
        if header.get("cls") == "IOException":  # the file could not be opened (e.g. held read-write elsewhere)
            raise duckdb.IOException(header["message"])
        raise _error_from_child(header)
    table = _ipc_table(payload)
    del payload
    df = _as_frame(table)
    return QueryResult(
        df, len(df), header["truncated"], header["elapsed"], header["columns"], header["types"], row_cap, role
    )


# --- the query process -------------------------------------------------------------------

_HARD_GRACE_S = 1.0  # past the time limit (DuckDB interrupts between vectors), the query's process is killed
_ROWS_PER_BATCH = 2048  # one DuckDB vector
_IPC_OVERHEAD = 1024 * 1024  # the Arrow stream's schema and framing beside the capped data


def result_bytes() -> int:
    """Bytes of Arrow data a result may hold: $ZONE_SQL_RESULT_MB, default 64 MB."""
    return int(env_number("ZONE_SQL_RESULT_MB", 64) * 1024 * 1024)


def process_bytes() -> int:
    """Address space of a query's process: $ZONE_SQL_PROCESS_MB, default 4096 MB (DuckDB's own
    memory_limit, the Arrow result and the libraries' mapped code and thread stacks fit in it)."""
    return int(env_number("ZONE_SQL_PROCESS_MB", 4096) * 1024 * 1024)


def env_number(name: str, default: float) -> float:
    """A positive number from the environment, or the default when unset or not a positive number."""
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclasses.dataclass(frozen=True)
class _Job:
    """What a query's process needs, all of it settled in the server (paths absolute)."""

    target: str  # the file to attach: the warehouse, or the leader's read model
    alias: str
    sql: str
    role: str
    timeout_s: float
    row_cap: int
    result_bytes: int
    memory_limit: str
    threads: int
    process_bytes: int


def _in_child(job: _Job) -> tuple[dict, bytes]:
    """Run the job in a fresh bounded process (warehouse/sql_process.py): its header and Arrow IPC bytes."""
    from warehouse import sql_process

    try:
        return sql_process.run(dataclasses.asdict(job), job.timeout_s + _HARD_GRACE_S, job.result_bytes + _IPC_OVERHEAD)
    except sql_process.ChildTimeout:
        return {"status": "error", "cls": "QueryTimeout", "message": _timeout_message(job.timeout_s)}, b""
    except sql_process.ChildDied:  # the kernel ends a process that breaks its bound, or it sent too much
        return {"status": "error", "cls": "QueryError", "message": _memory_message(job.process_bytes)}, b""


def _memory_message(job_bytes: int) -> str:
    mb = job_bytes // (1024 * 1024)
    return (
        f"查询所需内存超过查询台的上限（{mb:,} MB），已中止 / the query needed more memory than the workbench"
        f" allows ({mb:,} MB) and was stopped. 请少选列、缩小范围或加 LIMIT / select fewer columns, narrow it"
        " or add a LIMIT."
    )


def _timeout_message(timeout_s: float) -> str:
    return (
        f"查询超过 {timeout_s:g} 秒的时间上限，已中止 / the query ran past its {timeout_s:g} s limit"
        " and was stopped. 请缩小范围（加筛选或 LIMIT）后重试 / narrow it (a filter or LIMIT) and retry."
    )


def _too_big_message(cap: int) -> str:
    mb = cap / (1024 * 1024)
    return (
        f"查询结果超过 {mb:g} MB 的上限，未予返回 / the result is larger than the workbench's {mb:g} MB limit"
        " and was not returned. 请少选列或加 LIMIT / select fewer columns or add a LIMIT."
    )


_ERRORS = {"QueryError": QueryError, "QueryRefused": QueryRefused, "QueryTimeout": QueryTimeout}


def _error_from_child(header: dict) -> QueryError:
    """The server-side exception for a child's failure report (or for the child's death)."""
    err = _ERRORS.get(header.get("cls"), QueryError)(
        header["message"], line=header.get("line"), column=header.get("column"), pointer=header.get("pointer")
    )
    if header.get("kind"):
        err.kind = header["kind"]  # type: ignore[attr-defined]
    return err


def _ipc_table(payload: bytes) -> Any:
    import pyarrow as pa

    return pa.ipc.open_stream(pa.py_buffer(payload)).read_all()


_frames_lock = threading.Lock()
_frames_con: duckdb.DuckDBPyConnection | None = None


def _as_frame(table: Any) -> pd.DataFrame:
    """An Arrow table as the DataFrame DuckDB itself would have made of the rows (same dtypes).

    One private in-memory DuckDB, made once (a new instance costs about 0.1 s); each call gets
    its own cursor. It reads nothing but the table it is handed.
    """
    global _frames_con
    with _frames_lock:
        if _frames_con is None:
            _frames_con = readonly_memory = duckdb.connect(
                ":memory:", config={"threads": 1, "python_enable_replacements": False}
            )
            readonly_memory.execute("SET enable_external_access = false")
            readonly_memory.execute("SET lock_configuration = true")
        cursor = _frames_con.cursor()
    try:
        return cursor.from_arrow(table).df()
    finally:
        cursor.close()


def query_in_this_process(job: dict) -> tuple[dict, bytes]:
    """The query process's work: bound its own address space, run the job, return a header and Arrow bytes."""
    import resource

    spec = _Job(**job)
    try:
        if spec.process_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (spec.process_bytes, spec.process_bytes))
        return _execute(spec)
    except MemoryError:
        return {"status": "error", "cls": "QueryError", "message": _memory_message(spec.process_bytes)}, b""
    except duckdb.IOException as exc:  # opening the file failed: told as such, not as a death for memory
        return {"status": "error", "cls": "IOException", "message": str(exc)}, b""
    except QueryError as exc:
        header = {
            "status": "error",
            "cls": type(exc).__name__,
            "message": exc.message,
            "line": exc.line,
            "column": exc.column,
            "pointer": exc.pointer,
            "kind": getattr(exc, "kind", None),
        }
        return header, b""


def _relation(con: duckdb.DuckDBPyConnection, sql: str) -> duckdb.DuckDBPyRelation:
    """The query as a relation, whose Arrow reader streams (a cursor's reader first builds every row).

    A relation's parse and bind errors carry no "LINE n" excerpt; the same text run as a
    statement fails the same way with one, so that error is the one raised.
    """
    try:
        return con.sql(sql)
    except duckdb.Error as exc:
        try:
            con.execute(sql).close()
        except duckdb.Error as located:
            raise located from None
        raise exc from None


def _execute(job: _Job) -> tuple[dict, bytes]:
    """The query on a locked-down connection, its rows fetched as Arrow until the row or byte cap."""
    import pyarrow as pa

    con = open_readonly(job.target, job.memory_limit, job.threads, alias=job.alias)
    try:
        check_statement(con, job.sql, job.role)
        fired = threading.Event()

        def interrupt() -> None:
            fired.set()
            con.interrupt()

        timer = threading.Timer(job.timeout_s, interrupt)
        timer.daemon = True
        started = time.perf_counter()
        timer.start()
        try:
            rel = _relation(con, job.sql)
            columns, types = list(rel.columns), [str(t) for t in rel.types]
            reader = rel.to_arrow_reader(_ROWS_PER_BATCH)
            batches, rows, size = [], 0, 0
            for batch in reader:  # one row past the cap says whether there were more
                batch = batch.slice(0, min(batch.num_rows, job.row_cap + 1 - rows))
                rows += batch.num_rows
                size += batch.nbytes
                if size > job.result_bytes:
                    raise QueryError(_too_big_message(job.result_bytes))
                batches.append(batch)
                if rows > job.row_cap:
                    break
            schema = reader.schema
            del reader, rel
        except duckdb.InterruptException:
            if fired.is_set():
                raise QueryTimeout(_timeout_message(job.timeout_s)) from None
            raise QueryError("查询被中止 / the query was interrupted") from None
        except duckdb.OutOfMemoryException:
            raise QueryError(_memory_message(job.process_bytes)) from None
        except duckdb.Error as exc:
            if "bad_alloc" in str(exc) or "Out of Memory" in str(exc):
                raise QueryError(_memory_message(job.process_bytes)) from None
            raise _query_error(exc, job.sql, job.role) from None
        finally:
            timer.cancel()
            timer.join()  # a timer firing right now must not interrupt the connection as it closes
        elapsed = time.perf_counter() - started
    finally:
        con.close()
    table = pa.Table.from_batches(batches, schema=schema)
    truncated = table.num_rows > job.row_cap
    if truncated:
        table = table.slice(0, job.row_cap)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    header = {"status": "ok", "truncated": truncated, "elapsed": elapsed, "columns": columns, "types": types}
    return header, sink.getvalue().to_pybytes()


# --- exports -----------------------------------------------------------------------------
# A download is opened by a clerk in Excel, WPS or LibreOffice Calc, so three things matter
# besides the bytes being right: text a spreadsheet would run as a formula stays inert, code
# columns stay text (an 18-digit USCC read as a number loses its last digits, division `01`
# loses its zero, period `2025-06` turns into a date), and the XLSX looks finished (dates as
# dates, empty cells for NULL, fitted widths, Chinese headers for a Chinese page).

# Contract column kinds whose values are codes, not quantities (warehouse/contract.py).
CODE_KINDS = ("uscc", "industry_code", "division", "period")
# A code value a spreadsheet would read as a number, date or time: a digit, then digits and - / . : only.
_NUMBER_LIKE = re.compile(r"\d[\d\-/.:]*")
_EXCEL_TEXT_MAX = 255  # Excel's longest string constant in a formula
_WIDTH_MIN, _WIDTH_MAX = 6, 60  # column widths in characters (a CJK character counts two)
_HEADER_WIDTH_MAX = 24  # a longer header wraps (its cell wraps text) rather than widen a narrow column
_WIDTH_SAMPLE = 2000  # rows of numbers and dates looked at to fit a column's width (text: every row)
DATE_FORMAT, DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
MODELS_DIR = ROOT / "dbt_project" / "models"


def neutralise_formula(value: object) -> object:
    """A text value a spreadsheet would run as a formula, prefixed with an apostrophe; others unchanged."""
    if _formula_like(value):
        return "'" + value
    return value


def _formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def code_column_names() -> frozenset[str]:
    """Names of the contract's code columns: the code kinds, and text columns that are their table's whole key
    (project_id, matter_code, case_id, talent_id). Derived from warehouse/contract.py, not listed here."""
    from warehouse import contract

    names = set()
    for table in contract.TABLES:
        for column in table.columns:
            if column.kind in CODE_KINDS or (column.kind == "text" and table.key == (column.name,)):
                names.add(column.name)
    return frozenset(names)


def is_code_column(name: object) -> bool:
    """A result column holding codes: a contract code column's name, or a name ending in one
    (first_report_period, from_enterprise_id), as the marts name them."""
    text = str(name).lower()
    return any(text == code or text.endswith("_" + code) for code in code_column_names())


def _nested_as_text(value: object) -> object:
    """LIST, STRUCT and MAP values (numpy arrays, lists, dicts) as one line of JSON text; others unchanged."""
    if getattr(value, "ndim", 0):  # a numpy array (numpy scalars have ndim 0)
        value = value.tolist()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return value


def _json_default(value: object) -> object:
    return value.item() if hasattr(value, "item") else str(value)  # numpy scalars inside structs stay numbers


def _spreadsheet_cell(value: object) -> object:
    return neutralise_formula(_nested_as_text(value))


def _csv_code(value: object) -> object:
    """A code a spreadsheet would turn into a number or date, as the formula ="…" (which gives the
    text back in Excel, WPS and Calc); other codes, and other values, as they are."""
    if isinstance(value, str) and len(value) <= _EXCEL_TEXT_MAX and _NUMBER_LIKE.fullmatch(value):
        return f'="{value}"'
    return value


def _textual(col: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col))


def _neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """df as a CSV should hold it: nested values as text, formula-like text neutralised, codes kept as text."""
    out = df.copy()
    out.columns = [neutralise_formula(str(c)) for c in df.columns]
    for i, name in enumerate(df.columns):
        col = out.iloc[:, i]
        if _textual(col):
            col = col.map(_spreadsheet_cell, na_action="ignore")
            if is_code_column(name):
                col = col.map(_csv_code, na_action="ignore")
            out.isetitem(i, col)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV, UTF-8 with a BOM so Excel shows Chinese, formula-like text neutralised, all-digit codes as ="…".

    Why ="…" and not a tab or zero-width prefix: the cell then holds exactly the code (a lookup
    or a paste finds it), and Excel, WPS and Calc all evaluate it to text on opening; the formula
    is ours and holds only digits and - / . :, so nothing from the data runs.
    """
    return _neutralised(df).to_csv(index=False).encode("utf-8-sig")


def _excel_value(value: object) -> object:
    """A value openpyxl can write: plain scalars and dates as they are, NULL as an empty cell, anything else as text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, (bool, int, float, decimal.Decimal, dt.date, dt.datetime, dt.time)):
        return value
    if hasattr(value, "item"):  # numpy scalar
        return _excel_value(value.item())
    text = value if isinstance(value, str) else str(value)
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _dates_only(col: pd.Series) -> bool:
    """A datetime column whose every value is at midnight: a DATE column (DuckDB hands DATE to pandas as datetime)."""
    values = col.dropna()
    return bool(pd.api.types.is_datetime64_any_dtype(col) and (values == values.dt.normalize()).all())


def _display_width(text: str) -> int:
    """Width of text in a spreadsheet's character units: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


# Wide (two-column) characters: CJK, Hangul, full-width forms (unicodedata's W and F, as ranges for pandas).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def _fitted_width(header: str, values: list[object], fmt: str | None) -> float:
    """A column width that shows every value unclipped and the header on at most a few lines, 6–60 characters."""
    longest = min(_display_width(header), _HEADER_WIDTH_MAX)
    texts = pd.Series([v for v in values if isinstance(v, str)], dtype=object)
    if len(texts):
        longest = max(longest, int((texts.str.len() + texts.str.count(_WIDE.pattern)).max()))
    for value in values[:_WIDTH_SAMPLE]:
        if isinstance(value, dt.datetime | dt.date):
            longest = max(longest, len(fmt or DATE_FORMAT))
        elif isinstance(value, float):
            longest = max(longest, len(f"{value:,.6g}") + 1)
        elif value is not None and not isinstance(value, str):
            longest = max(longest, len(str(value)))
    return float(min(_WIDTH_MAX, max(_WIDTH_MIN, longest + 2)))


def column_headers(language: str | None) -> dict[str, str]:
    """column name -> Chinese header, from the dbt models' column descriptions ('中文 / English', marts first)
    and the contract's Chinese aliases; {} unless the language is Chinese."""
    if language != "zh":
        return {}
    return dict(_zh_headers())


@functools.cache
def _zh_headers() -> tuple[tuple[str, str], ...]:
    import yaml

    from warehouse import contract

    found: dict[str, str] = {}
    layers = ("marts", "intermediate", "staging")
    for layer in layers:
        for path in sorted((MODELS_DIR / layer).rglob("*.yml")):
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for model in doc.get("models") or []:
                for column in model.get("columns") or []:
                    zh, sep, _ = str(column.get("description") or "").partition(" / ")
                    if sep and zh.strip() and "{{" not in zh:
                        found.setdefault(str(column["name"]).lower(), zh.strip())
    for table in contract.TABLES:
        for column in table.columns:
            found.setdefault(column.name.lower(), column.alias)
    return tuple(found.items())


def _headers(columns: list[str], language: str | None) -> list[str]:
    """The header row: Chinese names where known (the column name where two would read the same)."""
    names = column_headers(language)
    out = [names.get(c.lower(), c) for c in columns]
    seen: dict[str, int] = {}
    for h in out:
        seen[h] = seen.get(h, 0) + 1
    return [f"{h}（{c}）" if seen[h] > 1 and h != c else h for h, c in zip(out, columns, strict=True)]


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "查询结果", language: str | None = None) -> bytes:
    """An Excel workbook of df, ready to read.

    Formula-like text is a text cell with the quote-prefix style (Excel, WPS and Calc show it
    without an apostrophe and never evaluate it; editing it keeps it text); code columns are
    text cells formatted as text; DATE columns are dates formatted yyyy-mm-dd, timestamps
    yyyy-mm-dd hh:mm:ss; NULL is an empty cell; column widths fit the header and values (CJK
    counted double); headers are Chinese from dbt's descriptions when `language` is 'zh'.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name[:31])
    columns = [str(c) for c in df.columns]
    headers = _headers(columns, language)
    formats: list[str | None] = []
    values: list[list[object]] = []
    for i, name in enumerate(columns):
        col = df.iloc[:, i]
        if _textual(col):
            col = col.map(_nested_as_text, na_action="ignore")
        cells = [_excel_value(v) for v in col.tolist()]
        fmt = None
        if pd.api.types.is_datetime64_any_dtype(df.iloc[:, i]):
            fmt = DATE_FORMAT if _dates_only(df.iloc[:, i]) else DATETIME_FORMAT
            if fmt == DATE_FORMAT:
                cells = [v.date() if isinstance(v, dt.datetime) else v for v in cells]
        elif isinstance(next((v for v in cells if v is not None), None), dt.date):
            fmt = DATE_FORMAT
        elif is_code_column(name) and _textual(df.iloc[:, i]):
            fmt = "@"
        formats.append(fmt)
        values.append(cells)
        width = _fitted_width(headers[i], cells, fmt)
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.freeze_panes = "A2"

    def cell(value: object, fmt: str | None) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        if _formula_like(value):
            c.data_type = "s"  # openpyxl reads a leading = as a formula: this is text
            c.quotePrefix = True
        if fmt and value is not None:
            c.number_format = fmt
        return c

    def head(text: str) -> WriteOnlyCell:
        c = cell(_excel_value(text), None)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        return c

    ws.append([head(h) for h in headers])
    for row in zip(*values, strict=True) if values else ():
        ws.append([cell(v, f) for v, f in zip(row, formats, strict=True)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    """Parquet of df with the raw values (a data format, not a spreadsheet: nothing is neutralised)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), buf)
    return buf.getvalue()


# --- schema catalogue --------------------------------------------------------------------


@dataclasses.dataclass
class ColumnDoc:
    """One column of a relation: name, DuckDB type, description (from dbt when documented)."""

    name: str
    type: str
    description: str = ""


@dataclasses.dataclass
class RelationDoc:
    """One table or view the role can query, with dbt's descriptions where they exist."""

    schema: str
    name: str
    kind: str  # 'table' or 'view'
    description: str = ""
    columns: list[ColumnDoc] = dataclasses.field(default_factory=list)
    docs_source: str = "database"  # where the descriptions came from: manifest, catalog, database


def _load_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _dbt_docs(target: Path) -> dict[tuple[str, str], tuple[str, dict[str, str], str]]:
    """(schema, relation) -> (description, {column: description}, source) from manifest.json, then catalog.json."""
    docs: dict[tuple[str, str], tuple[str, dict[str, str], str]] = {}
    manifest = _load_json(target / "manifest.json")
    for node in [*manifest.get("nodes", {}).values(), *manifest.get("sources", {}).values()]:
        if node.get("resource_type") not in ("model", "seed", "snapshot", "source"):
            continue
        relation = node.get("identifier") or node.get("alias") or node.get("name") or ""
        key = ((node.get("schema") or "").lower(), relation.lower())
        cols = {k.lower(): (c.get("description") or "") for k, c in (node.get("columns") or {}).items()}
        docs[key] = (node.get("description") or "", cols, "manifest")
    catalog = _load_json(target / "catalog.json")
    for node in [*catalog.get("nodes", {}).values(), *catalog.get("sources", {}).values()]:
        meta = node.get("metadata") or {}
        key = ((meta.get("schema") or "").lower(), (meta.get("name") or "").lower())
        if key in docs and docs[key][0]:
            continue
        cols = {k.lower(): (c.get("comment") or "") for k, c in (node.get("columns") or {}).items()}
        docs[key] = (meta.get("comment") or "", cols, "catalog")
    return docs


def dbt_target_dir(project: Path = ROOT / "dbt_project") -> Path:
    """Where dbt writes the project's manifest: $DBT_TARGET_PATH when set (dbt honours it, relative to
    the project), else <project>/target. Read when asked: the tests give each test process its own."""
    return project / os.environ.get("DBT_TARGET_PATH", "target")


def schema_catalog(
    db_path: str | os.PathLike, role: str = "analyst", dbt_target: str | os.PathLike | None = None
) -> list[RelationDoc]:
    """Every relation `role` can query, marts first, with column types and dbt's descriptions.

    Which relations and types: the role's own connection (information_schema), so the list
    is exactly what a query can reach. Descriptions: dbt's manifest.json, then catalog.json,
    then comments stored in DuckDB (COMMENT ON / persist_docs) when dbt's target is absent.
    """
    docs = _dbt_docs(Path(dbt_target) if dbt_target is not None else dbt_target_dir())
    with connect_for_role(db_path, role) as con:
        catalog = con.execute("select current_database()").fetchall()[0][0]
        rels = con.execute(
            """
            select t.schema_name, t.table_name, 'table', coalesce(t.comment, '') from duckdb_tables() t
            where t.database_name = ? and not t.internal and not t.temporary
            union all
            select v.schema_name, v.view_name, 'view', coalesce(v.comment, '') from duckdb_views() v
            where v.database_name = ? and not v.internal and not v.temporary
            """,
            [catalog, catalog],
        ).fetchall()
        cols = con.execute(
            """
            select schema_name, table_name, column_name, data_type, coalesce(comment, '')
            from duckdb_columns() where database_name = ? and not internal
            order by schema_name, table_name, column_index
            """,
            [catalog],
        ).fetchall()
    by_rel: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for schema, table, column, dtype, comment in cols:
        by_rel.setdefault((schema, table), []).append((column, dtype, comment))
    order = {MART_SCHEMA: 0, "intermediate": 1, "staging": 2, "raw": 3}
    out = []
    for schema, name, kind, comment in sorted(rels, key=lambda r: (order.get(r[0], 9), r[0], r[1])):
        description, col_docs, source = docs.get((schema.lower(), name.lower()), (comment, {}, "database"))
        out.append(
            RelationDoc(
                schema,
                name,
                kind,
                description or comment,
                [ColumnDoc(c, t, col_docs.get(c.lower()) or cc) for c, t, cc in by_rel.get((schema, name), [])],
                source,
            )
        )
    return out


# --- saved queries -----------------------------------------------------------------------


class SavedQueriesError(ValueError):
    """The saved-queries file exists but cannot be read; it is left as it is."""


def saved_queries_path() -> Path:
    """Where saved queries live: $ZONE_SAVED_QUERIES, else ~/.zone_dashboard/saved_queries.json."""
    return Path(os.environ.get("ZONE_SAVED_QUERIES") or DEFAULT_SAVED_QUERIES).expanduser()


def load_saved_queries(path: str | os.PathLike | None = None) -> dict[str, str]:
    """Saved queries, title -> SQL, in the order they were saved ({} when there is no file yet)."""
    path = Path(path) if path else saved_queries_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {q["title"]: q["sql"] for q in data["queries"] if q.get("title") and "sql" in q}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # Refuse rather than start afresh: the next save would overwrite the analyst's queries.
        raise SavedQueriesError(f"保存的查询文件无法读取 / cannot read the saved queries in {path}: {exc}") from exc


def _write_saved(path: Path, queries: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "version": 1,
        "queries": [{"title": t, "sql": s} for t, s in queries.items()],
    }
    scratch = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    scratch.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(scratch, path)  # a reader never sees half a file


def save_query(title: str, sql: str, path: str | os.PathLike | None = None) -> dict[str, str]:
    """Save (or overwrite) the query called title; returns every saved query."""
    title = title.strip()
    if not title or not sql.strip():
        raise ValueError("a saved query needs a title and some SQL")
    path = Path(path) if path else saved_queries_path()
    queries = load_saved_queries(path)
    queries[title] = sql.strip()
    _write_saved(path, queries)
    return queries


def delete_saved_query(title: str, path: str | os.PathLike | None = None) -> dict[str, str]:
    """Remove the saved query called title (no error if absent); returns what remains."""
    path = Path(path) if path else saved_queries_path()
    queries = load_saved_queries(path)
    if queries.pop(title, None) is not None:
        _write_saved(path, queries)
    return queries


# --- example queries ---------------------------------------------------------------------

# Questions leadership asks after the morning briefing, against the marts in schema main.
# tests/test_sql_examples.py runs every one on the demo warehouse.
EXAMPLE_QUERIES: dict[str, str] = {
    "最新月核心指标 / Headline metrics, latest month": """\
select *
from headline_metrics
where period = (select max(period) from headline_metrics)""",
    "增长贡献最大的20家企业（本年累计） / Top 20 growth contributors, year to date": """\
-- contribution_pp: percentage points of the zone's industrial VA growth YTD; they add up to the headline growth
select period, enterprise_name, chain, park, division_name,
       round(enterprise_va_growth_ytd, 1) as enterprise_growth_pct,
       round(contribution_pp, 2) as contribution_pp
from growth_contributions
where period = (select max(period) from growth_contributions)
order by contribution_pp desc
limit 20""",
    "各产业链工业增加值增速（本年累计） / Industrial VA growth by chain, year to date": """\
select chain,
       round((sum(paired_value_added_comparable_ytd) / nullif(sum(paired_prior_year_value_added_ytd), 0) - 1) * 100, 1)
           as va_growth_ytd_pct,
       round(sum(gross_output_ytd), 0) as gross_output_ytd
from industrial_output_monthly
where period = (select max(period) from industrial_output_monthly)
group by chain
order by va_growth_ytd_pct desc nulls last""",
    "延误的项目节点 / Delayed project milestones": """\
select project_name, chain, milestone, planned_end, actual_end, delay_days,
       case when is_finished then '已完成 done' else '未完成 open' end as state
from project_milestones_gantt
where is_delayed
order by delay_days desc, project_name, seq""",
    "半年内到期且未续认定的企业梯队 / Tier recognitions expiring within six months, not yet renewed": """\
with as_of as (select max(period_end) as day from headline_metrics)
select enterprise_name, chain, park, tier_name, recognition_level_name, recognized_on, expires_on
from tier_expiring, as_of
where expires_on > as_of.day
  and expires_on <= as_of.day + interval 6 month
  and not is_renewed
order by expires_on, enterprise_name""",
    "本年差评最多的帮办专员 / Specialists with the most bad ratings this year": """\
select specialist_id,
       sum(bad_rating_cases)::bigint as bad_ratings,
       sum(rated_cases)::bigint as rated_cases,
       round(100.0 * sum(satisfied_cases) / nullif(sum(rated_cases), 0), 1) as satisfaction_pct,
       sum(cases)::bigint as cases
from specialist_workload
where left(period, 4) = (select left(max(period), 4) from specialist_workload)
group by specialist_id
having sum(bad_rating_cases) > 0
order by bad_ratings desc, satisfaction_pct
limit 20""",
    "未整改的差评 / Bad ratings not yet rectified": """\
select case_id, matter_name, channel_name, specialist_id, rating, submitted_at, completed_at, days_open
from bad_ratings_open
order by days_open desc
limit 50""",
    "各产业链人才缺口（最新月） / Talent gap by chain, latest month": """\
select chain, category_name, openings, arrivals, in_post_count, gap
from talent_gap_monthly
where period = (select max(period) from talent_gap_monthly)
order by gap desc nulls last, chain, category_order""",
}
