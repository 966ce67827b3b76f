"""`python -m warehouse sql`: safe ad-hoc SQL over the warehouse from the terminal.

Same engine and the same safety as the app's query page (warehouse/safe_sql.py): one read
statement, a read-only locked-down connection, a time limit and a row cap. The result goes
to stdout as an aligned table, CSV (the same bytes as the app's download: UTF-8 with a BOM,
formulas neutralised) or JSON; the row count, time and any truncation go to stderr so that
stdout stays clean for a pipe.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.safe_sql import ROLES, QueryError, QueryResult, run_query, to_csv_bytes

DEFAULT_DB = Path(__file__).resolve().parent / "zone.duckdb"

FORMATS = ("table", "csv", "json")

# DuckDB's words when another process holds the file open for writing, e.g.
# 'Could not set lock on file "/x/zone.duckdb": Conflicting lock is held in /usr/bin/python3 (PID 123).'
_LOCK_RE = re.compile(
    r'Could not set lock on file "(?P<file>[^"]*)": Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)'
)


def _command_line(pid: str) -> str:
    """The command line of process `pid` (clipped), or '' where the system does not tell."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    text = " ".join(raw.replace(b"\0", b" ").decode(errors="replace").split())  # one line, whatever the arguments hold
    return text if len(text) <= 80 else text[:79] + "…"


def lock_message(exc: BaseException, db: object = None) -> str | None:
    """One line naming the process that holds the warehouse open for writing and what to do; None for other errors.

    DuckDB lets any number of read-only readers share a file but none while one program has it
    open read-write (the DuckDB CLI without -readonly, duckdb.connect(path) in a notebook).
    """
    found = _LOCK_RE.search(str(exc))
    if not found:
        return None
    pid = found["pid"]
    holder = _command_line(pid) or found["program"]
    return (
        f"错误：数据仓库正被另一程序以读写方式打开 / error: {found['file'] or db} is open for writing in "
        f"PID {pid} ({holder}); close that program, or open the file read-only there "
        f"(duckdb -readonly, duckdb.connect(path, read_only=True)), then try again"
    )


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `sql` sub-command on the `python -m warehouse` parser."""
    p = subparsers.add_parser(
        "sql",
        help="run one read-only SQL query on the warehouse (query from stdin if omitted)",
        description="对数据仓库执行一条只读 SQL 查询 / run one read-only SQL query on the warehouse. "
        "Only a single SELECT-type statement runs; files, URLs, extensions and writes are refused by DuckDB.",
    )
    p.add_argument("query", nargs="?", help="the SQL; read from stdin when omitted")
    p.add_argument("--db", type=Path, default=None, help=f"warehouse file (default $ZONE_DB, else {DEFAULT_DB})")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="stop the query after S seconds (default 30)"
    )
    p.add_argument("--max-rows", type=int, default=100_000, metavar="N", help="return at most N rows (default 100000)")
    p.add_argument("--role", choices=ROLES, default="analyst", help="analyst: every schema; leader: marts in main only")
    return p


def _json_value(value: object) -> object:
    """A JSON-ready value: NULL/NaN as null, dates ISO, decimals as numbers, bytes as hex."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (pd.Timestamp, datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (pd.Timedelta, timedelta)):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else value
        return [_json_value(v) for v in items] if isinstance(items, list) else _json_value(items)
    if hasattr(value, "item"):  # numpy scalars
        return _json_value(value.item())
    if isinstance(value, (str, int, bool)):
        return value
    return str(value)


def _date_only(value: object) -> object:
    return value[:10] if isinstance(value, str) else value


def to_json_text(df: pd.DataFrame, types: list[str] | None = None) -> str:
    """The rows as a JSON array of objects, Chinese kept as is; DATE columns (by DuckDB type) as 'YYYY-MM-DD'."""
    columns = [str(c) for c in df.columns]
    is_date = [t == "DATE" for t in (types or [])] + [False] * len(columns)
    rows = [
        {
            c: _date_only(_json_value(v)) if is_date[i] else _json_value(v)
            for i, (c, v) in enumerate(zip(columns, row, strict=True))
        }
        for row in df.itertuples(index=False, name=None)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def to_table_text(df: pd.DataFrame) -> str:
    """An aligned text table; wide (Chinese) characters count as two columns so the columns line up."""
    if df.shape[1] == 0:
        return "(no columns)"
    if df.empty:
        return "  ".join(str(c) for c in df.columns)
    shown = df.copy()
    for i in range(shown.shape[1]):
        col = shown.iloc[:, i]
        # na_rep covers floats, dates and strings; nullable ints and booleans print <NA> otherwise.
        if isinstance(col.dtype, pd.api.extensions.ExtensionDtype) and col.isna().any():
            shown.isetitem(i, col.astype(object).where(col.notna(), "NULL"))
    with pd.option_context(
        "display.unicode.east_asian_width",
        True,
        "display.max_colwidth",
        60,
        "display.width",
        None,
    ):
        return shown.to_string(index=False, na_rep="NULL")


def _summary(result: QueryResult) -> str:
    rows = f"{len(result.df):,} 行 / rows"
    note = f"{rows}, {result.elapsed_s:.2f} s"
    if result.truncated:
        note += f"; 仅显示前 {result.row_cap:,} 行 / truncated at --max-rows {result.row_cap:,}"
    return note


def run(args: argparse.Namespace) -> int:
    """Run the query in `args`, write the result to stdout; 0 on success, 1 when refused or failed."""
    sql = args.query
    if sql is None:
        if sys.stdin is None or sys.stdin.isatty():
            print("输入 SQL，以 Ctrl-D 结束 / type the SQL, end with Ctrl-D", file=sys.stderr)
        sql = sys.stdin.read() if sys.stdin else ""
    db = args.db or Path(os.environ.get("ZONE_DB") or DEFAULT_DB)
    if args.max_rows < 1 or args.timeout <= 0:
        print("error: --max-rows must be at least 1 and --timeout above 0", file=sys.stderr)
        return 2
    try:
        result = run_query(db, sql, timeout_s=args.timeout, row_cap=args.max_rows, role=args.role)
    except QueryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except duckdb.IOException as exc:
        locked = lock_message(exc, db)
        if locked is None:
            raise
        print(locked, file=sys.stderr)
        return 1
    if args.format == "csv":
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv_bytes(result.df))
        sys.stdout.buffer.flush()
    elif args.format == "json":
        print(to_json_text(result.df, result.types))
    else:
        print(to_table_text(result.df))
    print(_summary(result), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (python -m warehouse.sql_cli …), for use before the warehouse CLI wires it in."""
    parser = argparse.ArgumentParser(prog="python -m warehouse")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main(["sql", *sys.argv[1:]]))
