"""One way to open the published warehouse for reading: every reader of the marts uses it.

A private in-memory DuckDB instance ATTACHes the file READ_ONLY, then external access is
switched off (no file, URL, ATTACH, COPY, INSTALL or LOAD) and the configuration locked (no
SET can undo it), and the default schema is the warehouse's `main` (the marts).

Why attach instead of `duckdb.connect(path, read_only=True)`: the Python client keeps one
database instance per path and hands back the *old* database for as long as any connection
to it is alive, so a build published by atomic rename would stay hidden; it also refuses a
second connection to the same file with a different configuration. An attached file in a
private instance has neither problem, and a query still running on the old copy finishes
unharmed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb

ALIAS = "zone"  # the catalog name the warehouse is attached under, unless the caller names another
DEFAULT_CONFIG = {"threads": 2, "memory_limit": "1GB"}


def identifier(name: str) -> str:
    """name quoted as a DuckDB identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """text quoted as a DuckDB string literal (ATTACH takes no bound parameter for its path)."""
    return "'" + text.replace("'", "''") + "'"


def connect(
    db_path: str | os.PathLike,
    *,
    alias: str = ALIAS,
    config: dict | None = None,
    settings: Iterable[str] = (),
) -> duckdb.DuckDBPyConnection:
    """A connection that can read the warehouse at db_path (default schema: its marts) and nothing else.

    `config` is merged over DEFAULT_CONFIG for the private instance; `settings` are more SET
    statements run before the configuration is locked. The caller closes the connection.
    """
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"warehouse not found: {path}")
    con = duckdb.connect(":memory:", config={**DEFAULT_CONFIG, **(config or {})})
    try:
        con.execute(f"ATTACH {literal(str(path.resolve()))} AS {identifier(alias)} (READ_ONLY)")
        use(con, alias)
        for statement in settings:
            con.execute(statement)
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except Exception:
        con.close()
        raise
    return con


def use(con: duckdb.DuckDBPyConnection, alias: str = ALIAS) -> duckdb.DuckDBPyConnection:
    """Make the attached warehouse's marts the default schema of `con` (each cursor needs it anew)."""
    con.execute(f"USE {identifier(alias)}.main")
    return con


@contextlib.contextmanager
def opened(db_path: str | os.PathLike, **kwargs: object) -> Iterator[duckdb.DuckDBPyConnection]:
    """connect() as a context manager: the connection is closed on leaving."""
    con = connect(db_path, **kwargs)
    try:
        yield con
    finally:
        con.close()
