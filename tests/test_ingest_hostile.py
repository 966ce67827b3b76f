"""Hostile input: corrupted raw files either load as written or are rejected with clear problems.

Property-based (hypothesis): each case starts from raw_tables' valid dataset, corrupts one
table's file (cells, rows, columns, encoding, bytes) and runs warehouse.build.build over a
published fixture warehouse. The outcome must be one of two things: an IngestError whose
every problem names a file of the folder and says what is wrong, or an ingest that loads.
Any other exception fails the test with its traceback. Either way the published warehouse
stays byte for byte as it was.

dbt never runs here: `run_dbt` is replaced by a stub that reads back the raw tables the
ingest loaded and then fails, so an accepted case costs one ingest, not one dbt build, and
is still not published.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import io
import math
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import duckdb
import openpyxl
import pandas as pd
import pytest
from dashboard_helpers import copy_published
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from raw_tables import ALL_TABLES, VALID, Tables, ingest_problems, write_csv

from warehouse import build as build_mod
from warehouse.build import BuildError, build
from warehouse.contract import TABLES_BY_NAME, Column
from warehouse.ingest import IngestError, load_raw
from warehouse.safe_sql import to_csv_bytes, to_xlsx_bytes

SETTINGS = settings(
    deadline=None,
    derandomize=True,  # the same cases on every run and in CI
    database=None,  # and no .hypothesis folder in the repository
    suppress_health_check=[HealthCheck.too_slow],
)
STUB_MESSAGE = "ERROR dbt not run: test stub"


# --- the published fixture warehouse and a build that never runs dbt ------------------------


class Published:
    """The fixture warehouse: its path, and its bytes' digest and neighbours as published."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.digest = sha256(db)
        self.neighbours = listing(db.parent)

    def __repr__(self) -> str:
        return f"Published({self.db})"

    def assert_unchanged(self) -> None:
        assert sha256(self.db) == self.digest, "the published warehouse changed"
        assert listing(self.db.parent) == self.neighbours, "a build left files behind or dropped history"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    """Every file under folder (history included), but not the build lock, which builds create."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.endswith(".lock"))


def valid() -> Tables:
    """A fresh copy of raw_tables' valid dataset (the fixture `valid_tables` is per test, not per example)."""
    return copy.deepcopy(VALID)


@pytest.fixture(scope="module")
def published(two_enterprise_zone: Path, tmp_path_factory: pytest.TempPathFactory) -> Published:
    """A warehouse built (dbt included) from the valid fixture data: a copy of the session's build
    of it (conftest's two_enterprise_zone), folder and history included, for this module."""
    return Published(copy_published(two_enterprise_zone, tmp_path_factory.mktemp("published") / "zone"))


Loaded = dict[str, pd.DataFrame]


def build_without_dbt(raw: Path, published: Published) -> Loaded | IngestError:
    """build() over the published warehouse: the IngestError, or the raw tables the ingest loaded."""
    loaded: Loaded = {}

    def stub(
        db_path: Path, command: str = "build", extra: list[str] | None = None, on_line=None
    ) -> subprocess.CompletedProcess:
        with duckdb.connect(str(db_path), read_only=True) as con:
            for t in ALL_TABLES:
                loaded[t] = con.execute(f'select * from raw."{t}"').df()
        return subprocess.CompletedProcess(["dbt", command], 1, STUB_MESSAGE, "")

    try:
        with mock.patch.object(build_mod, "run_dbt", stub):
            build(raw, published.db)
    except IngestError as exc:
        published.assert_unchanged()
        return exc
    except BuildError as exc:
        assert STUB_MESSAGE in str(exc), str(exc)  # any other BuildError is a failure
        published.assert_unchanged()
        assert set(loaded) == set(ALL_TABLES)
        return loaded
    raise AssertionError("build published although dbt failed")


def assert_clear(error: IngestError, folder: Path) -> None:
    """Every problem names a file of the folder and says what is wrong; the whole message renders."""
    names = {p.name for p in folder.iterdir()}
    assert error.problems, "an IngestError without problems"
    assert error.total >= len(error.problems)
    for p in error.problems:
        assert p.file in names, f"problem names {p.file!r}, not a file of the folder: {p}"
        assert isinstance(p.message, str) and p.message.strip(), f"problem without a message: {p!r}"
        assert p.row is None or (isinstance(p.row, int) and p.row >= 1), f"bad row number: {p!r}"
        assert str(p).startswith(p.file)
    text = str(error)
    assert all(p.file in text for p in error.problems)


# --- files as grids of text, written as CSV or XLSX ---------------------------------------


@dataclass(frozen=True)
class Typed:
    """A cell value as Excel stores it (number, date, formula), for XLSX only; CSV writes `text`."""

    value: object
    text: str
    formula: bool = False


Cell = str | Typed
Grid = list[list[Cell]]


def grid_of(tables: Tables, name: str) -> Grid:
    """A table as rows of text cells, header first (contract columns in order, then extra ones)."""
    names = [c.name for c in TABLES_BY_NAME[name].columns]
    for row in tables[name]:
        names += [k for k in row if k not in names]
    return [list(names), *([row.get(n, "") for n in names] for row in tables[name])]


@dataclass(frozen=True)
class CsvFormat:
    encoding: str = "utf-8"
    delimiter: str = ","
    lineterminator: str = "\n"
    quote_all: bool = False


def csv_bytes(grid: Grid, fmt: CsvFormat) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(
        buf,
        delimiter=fmt.delimiter,
        lineterminator=fmt.lineterminator,
        quoting=csv.QUOTE_ALL if fmt.quote_all else csv.QUOTE_MINIMAL,
    )
    for row in grid:
        writer.writerow([c.text if isinstance(c, Typed) else c for c in row])
    return buf.getvalue().encode(fmt.encoding, errors="replace")


def xlsx_bytes(grid: Grid, name: str) -> bytes:
    """A workbook as a spreadsheet user would have typed it: valid values typed, the rest as text.

    An empty row in the grid is left as a gap in the sheet.
    """
    table = TABLES_BY_NAME[name]
    kinds = {c.name: c.kind for c in table.columns}
    header = grid[0] if grid else []
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, Typed):
                cell = ws.cell(r, c, value.value)
                if not value.formula and isinstance(value.value, str):
                    cell.data_type = "s"
                continue
            text = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters Excel cannot hold
            kind = kinds.get(header[c - 1]) if r > 1 and c <= len(header) else None
            typed = excel_value(kind, text)
            cell = ws.cell(r, c, typed if typed != "" else None)
            if isinstance(typed, str):
                cell.data_type = "s"  # text that starts with '=' stays text, as an apostrophe does in Excel
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def excel_value(kind: str | None, text: str) -> object:
    """What Excel stores for text typed into a cell of this kind: a number, date or boolean if
    the text is one in the contract's own spelling, else the text itself."""
    try:
        if kind == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
            return dt.date.fromisoformat(text)
        if kind == "timestamp" and re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?", text, re.ASCII):
            return dt.datetime.fromisoformat(text)
    except ValueError:
        return text  # 2025-02-30 stays text, as Excel keeps it
    if kind in ("money", "number") and _NUMBER.fullmatch(text) and math.isfinite(float(text)):
        return float(text)
    if kind == "int" and re.fullmatch(r"[+-]?\d{1,15}", text, re.ASCII):
        return int(text)
    if kind == "bool" and text in ("true", "false"):
        return text == "true"
    return text


def write_folder(folder: Path, tables: Tables, name: str, data: bytes, suffix: str) -> Path:
    """Every table as valid CSV except `name`, whose file gets `data`."""
    write_csv(folder, {t: rows for t, rows in tables.items() if t != name})
    (folder / f"{name}{suffix}").write_bytes(data)
    return folder


# --- corruptions ----------------------------------------------------------------------------

# Text that looks like a number and is none a number column may take: NaN/inf, separators, 万, hex,
# underscores, Arabic-Indic and full-width digits.
NOT_A_NUMBER = ["NaN", "nan", "inf", "-inf", "Infinity", "1,234.5", "12万", "0x1F", "1_000", "١٢", "１２"]

# Values that break, stretch or abuse a cell: numbers beyond double, NaN/inf, impossible
# dates, formula text, quotes, BOMs, NULs, line breaks, full-width and right-to-left text.
HOSTILE = [
    "",
    " ",
    "\u3000",
    "1e400",
    "-1e400",
    "99999999999999999999",
    "-99999999999999999999",
    "1e-400",
    *NOT_A_NUMBER,
    "2025-02-30",
    "2025-13-01",
    "2025-00-10",
    "0000-01-01",
    "9999-12-31",
    "2025-6-1",
    "2025-06-30T00:00",
    "2025-02-30 10:00",
    "2025-06-01 24:00",
    "2025-13",
    "2025-6",
    "true",
    "是",
    "maybe",
    "瞪羚企业",
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "=1+1",
    '"',
    '""',
    'a"b',
    '"unterminated',
    "\ufeffx",
    "x\ufeff",
    "\x00",
    "a\nb",
    "a\r\nb",
    "\r",
    ",",
    ";",
    "\t",
    "🏭",
    "\u202etxt",
    "Robert'); DROP TABLE raw.enterprises;--",
    "x" * 5000,
]
# What Excel can hold in a cell besides text; NaN and inf are written as empty cells.
TYPED = [
    Typed(float("nan"), "nan"),
    Typed(float("inf"), "inf"),
    Typed(float("-inf"), "-inf"),
    Typed(1e308, "1e308"),
    Typed(99999999999999999999, "99999999999999999999"),
    Typed(-1, "-1"),
    Typed(True, "true"),
    Typed(dt.datetime(2025, 2, 28, 13, 5), "2025-02-28 13:05:00"),
    Typed(dt.date(1900, 1, 1), "1900-01-01"),
    Typed(dt.time(9, 30), "09:30:00"),
    Typed('=HYPERLINK("http://x","y")', '=HYPERLINK("http://x","y")', formula=True),
    Typed("=1/0", "=1/0", formula=True),
]

cell_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
cell_value = st.one_of(cell_text, st.sampled_from(TYPED))
index = st.integers(min_value=0, max_value=10_000)  # taken modulo the grid's size when applied


class Change:
    """One change to a grid or to a file's bytes, shown by its label when hypothesis reports a case."""

    def __init__(self, label: str, apply: Callable) -> None:
        self.label, self.apply = label, apply

    def __repr__(self) -> str:
        return self.label


def _row(grid: Grid, r: int) -> list[Cell] | None:
    """Row r (modulo the grid's length) of a grid, None for an empty grid."""
    return grid[r % len(grid)] if grid else None


def set_cell(grid: Grid, r: int, c: int, value: Cell) -> Grid:
    row = _row(grid, r)
    if row:
        row[c % len(row)] = value
    return grid


def prefix_bom(grid: Grid, r: int, c: int) -> Grid:
    row = _row(grid, r)
    if row:
        old = row[c % len(row)]
        row[c % len(row)] = "\ufeff" + (old.text if isinstance(old, Typed) else old)
    return grid


def truncate_row(grid: Grid, r: int, keep: int) -> Grid:
    if len(grid) > 1:
        i = 1 + r % (len(grid) - 1)
        grid[i] = grid[i][:keep]
    return grid


def extend_row(grid: Grid, r: int, extra: list[str]) -> Grid:
    row = _row(grid, r)
    if row is not None:
        row += extra
    return grid


def duplicate_column(grid: Grid, name: str, c: int, alias: bool, value: str | None) -> Grid:
    """Column c again at the end, headed as it is or by its alias; its values, or `value` in every row."""
    if not grid or not grid[0]:
        return grid
    j = c % len(grid[0])
    columns = TABLES_BY_NAME[name].columns
    head = columns[j].alias if alias and j < len(columns) else grid[0][j]
    out = [[*grid[0], head]]
    for row in grid[1:]:
        out.append([*row, (row[j] if j < len(row) else "") if value is None else value])
    return out


def drop_column(grid: Grid, c: int) -> Grid:
    if not grid or not grid[0]:
        return grid
    j = c % len(grid[0])
    return [[v for k, v in enumerate(row) if k != j] for row in grid]


def insert_blank_row(grid: Grid, r: int) -> Grid:
    at = 1 + r % max(1, len(grid))
    return [*grid[:at], [], *grid[at:]]


def duplicate_row(grid: Grid, r: int) -> Grid:
    return [*grid, list(grid[1 + r % (len(grid) - 1)])] if len(grid) > 1 else grid


@st.composite
def grid_change(draw: st.DrawFn, name: str) -> Change:
    """One change to a table's grid: a cell, a row, a column or the whole file."""
    kind = draw(
        st.sampled_from(
            [
                "set",
                "set",
                "set",
                "truncate_row",
                "extend_row",
                "header_only",
                "empty",
                "dup_column",
                "drop_column",
                "blank_row",
                "dup_row",
                "bom_cell",
            ]
        )
    )
    r, c = draw(index), draw(index)
    if kind == "set":
        value = draw(cell_value)
        return Change(f"set_cell({r}, {c}, {value!r})", lambda g: set_cell(g, r, c, value))
    if kind == "truncate_row":
        keep = draw(st.integers(0, len(TABLES_BY_NAME[name].columns) - 1))
        return Change(f"truncate_row({r}, keep={keep})", lambda g: truncate_row(g, r, keep))
    if kind == "extend_row":
        extra = draw(st.lists(cell_text, min_size=1, max_size=3))
        return Change(f"extend_row({r}, {extra!r})", lambda g: extend_row(g, r, extra))
    if kind == "header_only":
        return Change("header_only", lambda g: g[:1])
    if kind == "empty":
        return Change("empty_file", lambda g: [])
    if kind == "dup_column":
        alias, value = draw(st.booleans()), draw(st.none() | cell_text)
        return Change(
            f"duplicate_column({c}, alias={alias}, value={value!r})",
            lambda g: duplicate_column(g, name, c, alias, value),
        )
    if kind == "drop_column":
        return Change(f"drop_column({c})", lambda g: drop_column(g, c))
    if kind == "blank_row":
        return Change(f"insert_blank_row({r})", lambda g: insert_blank_row(g, r))
    if kind == "dup_row":
        return Change(f"duplicate_row({r})", lambda g: duplicate_row(g, r))
    return Change(f"prefix_bom({r}, {c})", lambda g: prefix_bom(g, r, c))


def _splice(data: bytes, at: int, insert: bytes, drop: int = 0) -> bytes:
    at %= len(data) + 1
    return data[:at] + insert + data[at + drop :]


@st.composite
def byte_change(draw: st.DrawFn) -> Change:
    """One change to a file's bytes: cut it short, or slip in a quote, a BOM, a NUL or random bytes."""
    kind = draw(st.sampled_from(["truncate", "insert", "insert", "replace"]))
    at = draw(index)
    if kind == "truncate":
        return Change(f"truncate_bytes({at})", lambda b: b[: at % (len(b) + 1)])
    insert = draw(
        st.sampled_from([b'"', b"\xef\xbb\xbf", b"\x00", b"\r", b"\n", b"\xe9", b"\xff\xfe"])
        | st.binary(min_size=1, max_size=6)
    )
    if kind == "replace":
        return Change(f"replace_bytes({at}, {insert!r})", lambda b: _splice(b, at, insert, len(insert)))
    return Change(f"insert_bytes({at}, {insert!r})", lambda b: _splice(b, at, insert))


csv_formats = st.builds(
    CsvFormat,
    encoding=st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be", "latin-1", "cp1252"]),
    delimiter=st.sampled_from([",", ",", ";", "\t"]),
    lineterminator=st.sampled_from(["\n", "\r\n", "\r"]),
    quote_all=st.booleans(),
)


@dataclass
class Case:
    """One corrupted table file: the table, how it is written, and what was done to it."""

    table: str
    suffix: str
    fmt: CsvFormat | None
    grid_changes: list[Change]
    byte_changes: list[Change]

    def data(self, tables: Tables) -> bytes:
        grid = grid_of(tables, self.table)
        for change in self.grid_changes:
            grid = change.apply(grid)
        data = csv_bytes(grid, self.fmt) if self.fmt else xlsx_bytes(grid, self.table)
        for change in self.byte_changes:
            data = change.apply(data)
        return data


@st.composite
def cases(draw: st.DrawFn) -> Case:
    table = draw(st.sampled_from(ALL_TABLES))
    xlsx = draw(st.integers(0, 3)) == 0
    fmt = None if xlsx else draw(csv_formats)
    changes = draw(st.lists(grid_change(table), min_size=1 if xlsx else 0, max_size=3))
    # A workbook is a zip file: a changed byte mostly just breaks it, so only one in four
    # workbooks gets byte changes; their cells are what is worth varying.
    bytes_too = not xlsx or draw(st.integers(0, 3)) == 0
    byte_changes = draw(st.lists(byte_change(), max_size=2 if bytes_too else 0))
    return Case(table, ".xlsx" if xlsx else ".csv", fmt, changes, byte_changes)


@settings(SETTINGS, max_examples=50)
@given(case=cases())
def test_corrupted_file_is_loaded_or_rejected_never_a_traceback(case: Case, published: Published) -> None:
    tables = valid()
    with tempfile.TemporaryDirectory(prefix="hostile_") as tmp:
        folder = write_folder(Path(tmp), tables, case.table, case.data(tables), case.suffix)
        outcome = build_without_dbt(folder, published)
        event("rejected" if isinstance(outcome, IngestError) else "loaded")  # --hypothesis-show-statistics
        if isinstance(outcome, IngestError):
            assert_clear(outcome, folder)
        else:
            for name, df in outcome.items():
                names = [c.name for c in TABLES_BY_NAME[name].columns]
                assert list(df.columns[: len(names)]) == names


# --- one bad cell: found at the row a spreadsheet shows, and nowhere else ----------------------


def _plain(col: Column, table: str) -> bool:
    """A non-key, non-reference column whose values can be malformed (text takes anything)."""
    return col.kind != "text" and col.ref is None and col.name not in TABLES_BY_NAME[table].key


# Malformed for the kind whatever the column's range; (value, XLSX cell or None for a text cell).
MALFORMED: dict[str, list[str | Typed]] = {
    "date": [
        "2025-02-30",
        "2023-02-29",
        "2025-13-01",
        "2025-06-31",
        "2025/06/30",
        "20250630",
        "2025-06-30T08:00",
        Typed(dt.datetime(2025, 6, 30, 8, 0), "2025-06-30 08:00:00"),
        Typed(dt.time(8, 0), "08:00:00"),
    ],
    # (24:00 is not here: ISO 8601's end of the day, DuckDB reads it as the next day's 00:00)
    "timestamp": [
        "2025-02-30 09:00",
        "2025-06-01 24:30",
        "2025-06-01 12:60",
        "2025-06-01",
        "2025-06-01T09:00",
        Typed(dt.time(9, 0), "09:00:00"),
    ],
    "money": [
        "1e400",
        "-1e400",
        *NOT_A_NUMBER,
        "1e",
        "--1",
        Typed(dt.date(2025, 1, 1), "2025-01-01"),
    ],
    "int": ["99999999999999999999", "1.5", "NaN", "1e3", "inf", "١", Typed(1.5, "1.5")],
    "bool": ["maybe", "2", "yes", "真", Typed(2, "2")],
    "enum": ["not_a_code", "瞪羚", "1"],
    "industry_code": ["39111", "3a11", "391"],
}
MALFORMED["number"] = MALFORMED["money"]


@st.composite
def bad_cells(draw: st.DrawFn) -> tuple[str, int, str, str | Typed]:
    table = draw(st.sampled_from([t for t in ALL_TABLES if any(_plain(c, t) for c in TABLES_BY_NAME[t].columns)]))
    col = draw(st.sampled_from([c for c in TABLES_BY_NAME[table].columns if _plain(c, table)]))
    return table, draw(index), col.name, draw(st.sampled_from(MALFORMED[col.kind]))


@settings(SETTINGS, max_examples=25)
@given(
    bad=bad_cells(),
    xlsx=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    blank_rows=st.lists(index, max_size=3),
    note=st.sampled_from([None, "多行\n备注", '含"引号"', "=1+1"]),
)
def test_one_bad_cell_is_reported_at_its_spreadsheet_row(
    bad: tuple[str, int, str, str | Typed],
    xlsx: bool,
    encoding: str,
    blank_rows: list[int],
    note: str | None,
    published: Published,
) -> None:
    table, i, column, value = bad
    tables = valid()
    rows = tables[table]
    i %= len(rows)
    if note is not None:  # an extra column; a line break inside a cell does not start a new row
        for row in rows:
            row["备注"] = note
    grid = grid_of(tables, table)
    grid[1 + i][grid[0].index(column)] = value
    # blank rows (empty lines, or cells all empty) shift the rows below them, as in a spreadsheet
    at_rows = sorted({1 + b % len(rows) for b in blank_rows})
    for k, at in enumerate(at_rows):
        grid.insert(at + k, [] if k % 2 == 0 or xlsx else [""] * len(grid[0]))
    expected_row = 2 + i + sum(1 for at in at_rows if at <= 1 + i)
    data = xlsx_bytes(grid, table) if xlsx else csv_bytes(grid, CsvFormat(encoding=encoding))
    with tempfile.TemporaryDirectory(prefix="hostile_") as tmp:
        folder = write_folder(Path(tmp), tables, table, data, ".xlsx" if xlsx else ".csv")
        error = build_without_dbt(folder, published)
        assert isinstance(error, IngestError), f"{value!r} in {table}.{column} was accepted"
        assert_clear(error, folder)
        text = value.text if isinstance(value, Typed) else value
        assert [(p.file, p.row, p.column, p.value) for p in error.problems] == [
            (f"{table}{'.xlsx' if xlsx else '.csv'}", expected_row, column, text)
        ], str(error)


# --- values at the edge that are fine: loaded as what they say ----------------------------------


# (table, row index, column): (text in the file, value loaded)
EDGE_VALUES: dict[tuple[str, int, str], tuple[str, object]] = {
    ("industrial_monthly", 0, "gross_output"): ("99999999999999999999", 1e20),  # beyond BIGINT, fine as a double
    ("industrial_monthly", 1, "revenue"): ("1e-400", 0.0),  # underflows to zero
    ("industrial_monthly", 2, "profit"): ("-1.7e308", -1.7e308),
    ("industrial_monthly", 3, "gross_output"): ("+12.50", 12.5),
    ("projects", 0, "total_investment"): (".5", 0.5),
    ("projects", 1, "total_investment"): ("1E3", 1000.0),
    ("industry_prices", 0, "va_rate"): ("\u3000 0.3 \ufeff", 0.3),  # full-width space and BOM: trimmed
    ("talent_demand", 0, "openings"): ("12.000", 12),
    ("talent", 0, "arrived_on"): ("2024-02-29", dt.date(2024, 2, 29)),
    ("service_cases", 0, "due_at"): ("2025-06-01 24:00", dt.datetime(2025, 6, 2)),  # ISO 8601's end of the day
    ("projects", 0, "is_industrial"): ("是", True),
    ("projects", 1, "provincial_key"): ("FALSE", False),
    ("enterprise_tiers", 0, "tier"): ("瞪羚企业", "gazelle"),
    ("service_cases", 1, "rating"): ("非常满意", 5),
}


def test_values_at_the_edge_load_as_what_they_say(tmp_path: Path) -> None:
    """Huge, tiny, signed, padded, leap-day, end-of-day and labelled values are valid: loaded, not rejected."""
    tables = valid()
    for (table, i, column), (text, _) in EDGE_VALUES.items():
        tables[table][i][column] = text
    with duckdb.connect() as con:
        load_raw(write_csv(tmp_path, tables), con)
        loaded = {
            (table, i, column): con.execute(f'select "{column}" from raw."{table}"').fetchall()[i][0]
            for table, i, column in EDGE_VALUES
        }
    assert {k: (v, type(v)) for k, v in loaded.items()} == {k: (v, type(v)) for k, (_, v) in EDGE_VALUES.items()}


# --- formula text: stored verbatim, exported neutralised ----------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "=1+1", "=A1*2", "-", "@"]


def _text_columns(table: str) -> list[str]:
    t = TABLES_BY_NAME[table]
    return [c.name for c in t.columns if c.kind == "text" and c.name not in t.key and c.ref is None]


@settings(SETTINGS, max_examples=15)
@given(
    table=st.sampled_from([t for t in ALL_TABLES if _text_columns(t)]),
    column=index,
    row=index,
    formula=st.one_of(
        st.sampled_from(FORMULAS),
        st.tuples(st.sampled_from("=+-@"), st.text(min_size=1, max_size=15)).map("".join),
    ).filter(lambda s: s == s.strip(" \t\r\n\u3000\u00a0\ufeff") and not ILLEGAL_CHARACTERS_RE.search(s)),
    xlsx=st.booleans(),
    extra=st.booleans(),
)
def test_formula_text_is_stored_verbatim_and_exported_neutralised(
    table: str,
    column: int,
    row: int,
    formula: str,
    xlsx: bool,
    extra: bool,
    published: Published,
) -> None:
    tables = valid()
    rows = tables[table]
    row %= len(rows)
    name = "备注" if extra else _text_columns(table)[column % len(_text_columns(table))]
    if extra:
        for r in rows:
            r["备注"] = ""
    rows[row][name] = formula
    grid = grid_of(tables, table)
    data = xlsx_bytes(grid, table) if xlsx else csv_bytes(grid, CsvFormat())
    with tempfile.TemporaryDirectory(prefix="hostile_") as tmp:
        folder = write_folder(Path(tmp), tables, table, data, ".xlsx" if xlsx else ".csv")
        loaded = build_without_dbt(folder, published)
    assert not isinstance(loaded, IngestError), str(loaded)
    df = loaded[table]
    assert df[name].iloc[row] == formula  # verbatim: not evaluated, not altered

    # exported: the CSV's formula cell gets a leading apostrophe, the XLSX's is a quote-prefixed text
    # cell holding the text as it was; numbers (negative ones too) stay numbers
    exported = list(csv.reader(io.StringIO(to_csv_bytes(df).decode("utf-8-sig"))))
    assert exported[0] == list(df.columns)
    assert exported[1 + row][list(df.columns).index(name)] == "'" + formula
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df)))
    cell = wb.active.cell(2 + row, 1 + list(df.columns).index(name))
    assert (cell.value, cell.data_type, cell.quotePrefix) == (formula, "s", True)
    for j, col in enumerate(df.columns):
        if pd.api.types.is_numeric_dtype(df[col]) and pd.notna(df[col].iloc[row]):
            assert isinstance(wb.active.cell(2 + row, 1 + j).value, (int, float))


# --- what the properties found (each was a traceback before warehouse/ingest.py was fixed) ---------


def _raw_rows(folder: Path) -> dict[str, list[tuple]]:
    with duckdb.connect() as con:
        load_raw(folder, con)
        return {t: con.execute(f'select * from raw."{t}"').fetchall() for t in ALL_TABLES}


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_csv_with_lines_ending_in_cr_alone_loads(tmp_path: Path, encoding: str) -> None:
    """Old Mac exports end lines with CR alone; the fast path's header read raised csv.Error."""
    tables = valid()
    expected = _raw_rows(write_csv(tmp_path / "lf", tables))
    folder = write_csv(tmp_path / "cr", tables)
    for name in ("enterprises", "service_cases"):
        (folder / f"{name}.csv").write_bytes(csv_bytes(grid_of(tables, name), CsvFormat(encoding, lineterminator="\r")))
    assert _raw_rows(folder) == expected


def test_bad_cell_in_a_cr_file_is_reported_at_its_row(tmp_path: Path) -> None:
    tables = valid()
    tables["industrial_monthly"][2]["revenue"] = "1e400"
    folder = write_csv(tmp_path, tables)
    grid = grid_of(tables, "industrial_monthly")
    (folder / "industrial_monthly.csv").write_bytes(csv_bytes(grid, CsvFormat(lineterminator="\r")))
    error = ingest_problems(folder)
    assert [(p.file, p.row, p.column, p.value) for p in error.problems] == [
        ("industrial_monthly.csv", 4, "revenue", "1e400")
    ]


def test_header_cell_beyond_the_csv_field_limit_is_a_problem(tmp_path: Path) -> None:
    """A 200,000-character header cell made csv.reader raise out of the ingest."""
    tables = valid()
    folder = write_csv(tmp_path, tables)
    grid = grid_of(tables, "talent")
    grid[0].append("备" * 200_000)
    (folder / "talent.csv").write_bytes(csv_bytes(grid, CsvFormat()))
    error = ingest_problems(folder)
    assert [(p.file, p.row) for p in error.problems] == [("talent.csv", 1)]
    assert "header row cannot be read as CSV" in error.problems[0].message
    assert "field larger than field limit" in error.problems[0].message


@pytest.mark.parametrize(("suffix", "encoding"), [(".csv", "gb18030"), (".csv", "utf-8"), (".xlsx", "")])
def test_carriage_return_inside_a_cell_is_kept(tmp_path: Path, suffix: str, encoding: str) -> None:
    """A CR inside a cell read in Python was left unquoted in the temporary CSV, and DuckDB split the row there."""
    tables = valid()
    for i, row in enumerate(tables["projects"]):
        row["备注"] = f"第{i}行\r续行"
    tables["projects"][0]["name"] = "\r芯片封测产线扩建"  # a CR at the start of a cell is trimmed, like a space
    grid = grid_of(tables, "projects")
    # quoted, as a spreadsheet writes such a cell (Python's csv module leaves a lone CR unquoted)
    data = xlsx_bytes(grid, "projects") if suffix == ".xlsx" else csv_bytes(grid, CsvFormat(encoding, quote_all=True))
    folder = write_folder(tmp_path, tables, "projects", data, suffix)
    with duckdb.connect() as con:
        load_raw(folder, con)
        rows = con.execute('select project_id, name, "备注" from raw.projects').fetchall()
    assert rows == [("P001", "芯片封测产线扩建", "第0行\r续行"), ("P002", "科创服务中心", "第1行\r续行")]
