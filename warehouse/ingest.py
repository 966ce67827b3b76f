"""Validate a folder of raw files against the data contract and load it into DuckDB.

The rules come from `warehouse.contract` (DATA_CONTRACT.md as data). Each file is staged
as text in a temporary table, checked with set-based SQL so that millions of rows take
seconds, and only when no problem at all was found copied, typed, into schema `raw`.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import mmap
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from dashboard.i18n import LABELS, tr

from .contract import (
    FALSE_VALUES,
    TABLES,
    TABLES_BY_NAME,
    TRUE_VALUES,
    Column,
    Table,
    enum_lookup,
    load_divisions,
)

__all__ = [
    "IngestError",
    "Problem",
    "column_label",
    "fields_in",
    "load_raw",
    "message_text",
    "normalise_header",
    "read_table_file",
]

SUFFIXES = (".csv", ".xlsx")
# What an .xlsx may unpack to (zip bombs): per part, in all, and how well a large part may compress.
XLSX_MAX_MEMBER = 512 * 1024 * 1024
XLSX_MAX_TOTAL = 1024 * 1024 * 1024
XLSX_MAX_RATIO = 200
XLSX_RATIO_FLOOR = 16 * 1024 * 1024  # smaller parts may compress as well as they like
XLSX_MAX_CELL = 32_767  # characters in a cell: Excel's own limit
# Characters stripped from both ends of every value: ASCII and full-width spaces, NBSP, BOM.
_TRIM = " \t\r\n\u3000\u00a0\ufeff"
_CHUNK = 1 << 24
_PREFIX = "_ingest_"
_BAD_USCC = f"{_PREFIX}bad_uscc"
_DIVISIONS = f"{_PREFIX}divisions"
_PROBLEMS = f"{_PREFIX}problems"
_MAX_SHOWN_VALUE = 80
# Tables a reference column may name, each with its own message (ingest.ref.<table>); others: ingest.ref.other.
_REF_TABLES = ("enterprises", "projects", "service_matters")


# --- messages -------------------------------------------------------------------------
# Every message has a code and fields; its texts, Chinese and English, are the LABELS entries
# "ingest.<code>" of dashboard/i18n.py (the one text table; no Streamlit there).


def fields_in(fields: dict, language: str) -> dict:
    """A message's fields for `language`: a field said differently per language is {"zh": …, "en": …}."""
    return {k: v.get(language, v["en"]) if isinstance(v, dict) else v for k, v in fields.items()}


def message_text(code: str, fields: dict, language: str = "en") -> str:
    """The message `code` with its fields in `language` ('zh' or 'en')."""
    return tr(language, f"ingest.{code}", **fields_in(fields, language))


def _encode(code: str, **fields: object) -> str:
    """A message as the text stored in the SQL problems table: JSON of its code and fields."""
    return json.dumps({"code": code, **fields}, ensure_ascii=False)


def _decode(text: str) -> tuple[str | None, dict, str]:
    """(code, fields, English text) of a stored message; a plain text (no code) stays as it is."""
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("code"), str):
            code = data.pop("code")
            return code, data, message_text(code, data)
    return None, {}, text


@dataclass
class Problem:
    """One thing wrong with the raw files, located as precisely as possible.

    `code` and `fields` name the message (LABELS "ingest.<code>"); `message` is its English
    text. A Problem made with a message and no code keeps that text in every language.
    """

    file: str
    row: int | None  # spreadsheet row: header = 1, first data row = 2; None for the whole file/column
    column: str | None  # contract column name (several joined by ", " for a key), or the header as given
    value: str | None
    message: str = ""
    code: str | None = None
    fields: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code is not None:
            self.message = message_text(self.code, self.fields)

    @classmethod
    def from_json(cls, data: dict) -> Problem:
        """A problem as the landing store keeps it (warehouse/intake/store.py); one kept without a code,
        or with a code whose text is gone, keeps its English message."""
        code = data.get("code")
        if code is not None and f"ingest.{code}" not in LABELS:
            code = None
        fields = data.get("fields") or {}
        return cls(data["file"], data.get("row"), data.get("column"), data.get("value"), data["message"], code, fields)

    def message_in(self, language: str) -> str:
        """The message in `language`."""
        return self.message if self.code is None or language == "en" else message_text(self.code, self.fields, language)

    def text(self, language: str = "en", table: str | None = None) -> str:
        """'file, row 3, column …, value …: message' in `language`; `table` is the contract table of a
        file whose name does not say (an upload keeps the name it was handed in with)."""
        parts = [self.file]
        if self.row is not None:
            parts.append(tr(language, "ingest.at.row", row=self.row))
        if self.column is not None:
            stem = Path(self.file).stem
            name = stem if stem in TABLES_BY_NAME or table is None else table
            parts.append(tr(language, "ingest.at.column", column=column_label(name, self.column, language)))
        if self.value is not None:
            shown = self.value if len(self.value) <= _MAX_SHOWN_VALUE else self.value[:_MAX_SHOWN_VALUE] + "…"
            parts.append(tr(language, "ingest.at.value", value=shown))
        return tr(
            language,
            "ingest.at.line",
            where=tr(language, "ingest.at.sep").join(parts),
            message=self.message_in(language),
        )

    def __str__(self) -> str:
        return self.text("en")


def _problem(file: str, row: int | None, column: str | None, value: str | None, code: str, **fields: object) -> Problem:
    """A Problem with message `code` and its fields."""
    return Problem(file, row, column, value, code=code, fields=fields)


class IngestError(Exception):
    """The raw files break the contract; nothing was loaded."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = len(problems) if total is None else total
        super().__init__(str(self))

    def text(self, language: str = "en") -> str:
        """The head line and every problem listed, in `language`."""
        files = tr(language, "ingest.at.and").join(dict.fromkeys(p.file for p in self.problems))
        shown = tr(language, "ingest.rejected_first", n=len(self.problems)) if self.total > len(self.problems) else ""
        key = "ingest.rejected_one" if self.total == 1 else "ingest.rejected_many"
        head = tr(language, key, n=self.total, files=files, shown=shown)
        return "\n".join([head, *(p.text(language) for p in self.problems)])

    def __str__(self) -> str:
        return self.text("en")


def column_label(table: str | None, column: str, language: str = "en") -> str:
    """A problem's column as a message names it.

    English: 'gross_output (工业总产值)' for a contract column of the table; Chinese: its header
    as a clerk types it, 工业总产值; several (a key) joined. A column not in the contract as given.
    """
    contract = TABLES_BY_NAME.get(table or "")
    labels = []
    for name in column.split(", "):
        alias = next((c.alias for c in contract.columns if c.name == name), None) if contract else None
        if alias is None:
            labels.append(name)
        else:
            labels.append(alias if language == "zh" else f"{name} ({alias})")
    return tr(language, "ingest.at.and").join(labels)


def normalise_header(text: object) -> str:
    """A header cell as compared with the contract: NFKC (full-width to ASCII) and stripped."""
    return "" if text is None else unicodedata.normalize("NFKC", str(text)).strip()


def _header_lookup(table: Table) -> dict[str, Column]:
    """Every accepted header spelling of the table (lower-cased) -> its column."""
    out: dict[str, Column] = {}
    for c in table.columns:
        out[c.name.lower()] = c
        out[normalise_header(c.alias).lower()] = c
    return out


# --- SQL for one column ---------------------------------------------------------------


def _sql_str(text: str) -> str:
    """A SQL string literal (only used for names and constants of our own)."""
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _clean(expr: str) -> str:
    """SQL: the value stripped of surrounding spaces, empty -> NULL."""
    # trim() with a character set is slow and most cells need none: test the end characters
    # first, by code point (the cheapest test measured).
    codes = ", ".join(str(ord(c)) for c in _TRIM)
    return (
        f"CASE WHEN ascii({expr}) IN ({codes}) OR ascii(right({expr}, 1)) IN ({codes}) "
        f"THEN nullif(trim({expr}, {_sql_str(_TRIM)}), '') ELSE nullif({expr}, '') END"
    )


class _Expr(str):
    """A field of _msg_sql given as a SQL expression rather than a constant."""


def _msg_sql(code: str, **fields: object) -> str:
    """SQL for a message as the problems table stores it (see _encode); _Expr fields are SQL."""
    if not any(isinstance(v, _Expr) for v in fields.values()):
        return _sql_str(_encode(code, **fields))
    args = [_sql_str("code"), _sql_str(code)]
    for k, v in fields.items():
        if isinstance(v, _Expr):
            value = v
        elif isinstance(v, dict):
            value = f"json({_sql_str(json.dumps(v, ensure_ascii=False))})"
        else:
            value = _sql_str(v) if isinstance(v, str) else repr(v)
        args += [_sql_str(k), value]
    return f"json_object({', '.join(args)})::VARCHAR"


def _range_msg_sql(col: Column) -> str:
    """SQL for the message of a number out of the column's range ('≥ 0', '> 0 and ≤ 1')."""
    low = None if col.min is None else f"{'>' if col.min_exclusive else '≥'} {col.min:g}"
    high = None if col.max is None else f"≤ {col.max:g}"
    if low and high:
        return _msg_sql("range.between", low=low, high=high)
    return _msg_sql("range.min", low=low) if low else _msg_sql("range.max", high=high)


def _enum_text(col: Column) -> str:
    """'new (新建), continuing (续建), ...': the accepted values of an enum column."""
    assert col.enum is not None
    return ", ".join(f"{code} ({'/'.join(labels)})" for code, labels in col.enum.items())


@dataclass(frozen=True)
class _ColumnSql:
    """SQL templates over the cleaned value $v and the parsed value $p of one column."""

    parse: str  # $v -> typed value, NULL if it is not in the column's format
    format_error: str  # message for a value `parse` rejects (SQL, see _msg_sql)
    ok: str | None = None  # condition on $p: in range, known division...
    domain_error: str = "NULL"  # message for a parsed value that is not ok (SQL, see _msg_sql)


_NUMBER_RE = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"


def _column_sql(col: Column) -> _ColumnSql:
    """How one contract column is parsed and checked in SQL."""
    kind = col.kind
    if kind == "text":
        return _ColumnSql("$v", "NULL")
    if kind == "uscc":
        # Codes are verified in Python (stdnum) over the distinct values once all files are
        # read, and the bad ones set to NULL then; see _check_usccs.
        return _ColumnSql("upper($v)", "NULL", None, f"(SELECT message FROM {_BAD_USCC} WHERE id = upper($v))")
    if kind == "industry_code":
        return _ColumnSql(
            "CASE WHEN regexp_full_match($v, '[0-9]{4}') THEN $v END",
            _msg_sql("industry_code.format"),
            f"left($p, 2) IN (SELECT division FROM {_DIVISIONS})",
            _msg_sql("industry_code.division", division=_Expr("left($p, 2)")),
        )
    if kind == "division":
        return _ColumnSql(
            "CASE WHEN regexp_full_match($v, '[0-9]{2}') THEN $v END",
            _msg_sql("division.format"),
            f"$p IN (SELECT division FROM {_DIVISIONS})",
            _msg_sql("division.unknown"),
        )
    if kind == "period":
        return _ColumnSql(
            "CASE WHEN regexp_full_match($v, '[0-9]{4}-(0[1-9]|1[0-2])') THEN $v END",
            _msg_sql("period.format"),
        )
    if kind == "date":
        shape = "regexp_full_match($v, '[0-9]{4}-[0-9]{2}-[0-9]{2}')"
        return _ColumnSql(
            f"CASE WHEN {shape} THEN try_cast($v AS DATE) END",
            f"CASE WHEN {shape} THEN {_msg_sql('date.unreal')} ELSE {_msg_sql('date.format')} END",
        )
    if kind == "timestamp":
        shape = "regexp_full_match($v, '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}(:[0-9]{2})?')"
        return _ColumnSql(
            f"CASE WHEN {shape} THEN try_cast($v AS TIMESTAMP) END",
            f"CASE WHEN {shape} THEN {_msg_sql('timestamp.unreal')} ELSE {_msg_sql('timestamp.format')} END",
        )
    if kind in ("money", "number", "int"):
        if kind == "int":
            parse = (
                r"CASE WHEN regexp_full_match($v, '[+-]?[0-9]+(\.0*)?') "
                "THEN try_cast(regexp_extract($v, '^[+-]?[0-9]+') AS BIGINT) END"
            )
        else:
            parse = f"CASE WHEN regexp_full_match($v, '{_NUMBER_RE}') THEN try_cast($v AS DOUBLE) END"
        fmt = _msg_sql(f"{kind}.format")
        if col.enum is not None:  # labels stand for their number, e.g. 满意 for a rating of 4
            whens = " ".join(
                f"WHEN {_sql_str(label)} THEN {_sql_str(code)}" for label, code in enum_lookup(col).items()
            )
            parse = parse.replace("$v", f"(CASE $v {whens} ELSE $v END)")
            fmt = _msg_sql(f"{kind}.format_or_enum", enum=_enum_text(col))
        conds = [] if kind == "int" else ["isfinite($p)"]  # '1e999' parses, as infinity
        if col.min is not None:
            conds.append(f"$p {'>' if col.min_exclusive else '>='} {col.min!r}")
        if col.max is not None:
            conds.append(f"$p <= {col.max!r}")
        domain = "NULL"
        if col.min is not None or col.max is not None:
            domain = (
                f"CASE WHEN NOT isfinite($p::DOUBLE) THEN {_msg_sql('number.too_large')} ELSE {_range_msg_sql(col)} END"
            )
        elif kind != "int":
            domain = _msg_sql("number.too_large")
        return _ColumnSql(parse, fmt, " AND ".join(conds) or None, domain)
    if kind == "bool":
        trues = ", ".join(_sql_str(v.lower()) for v in TRUE_VALUES)
        falses = ", ".join(_sql_str(v.lower()) for v in FALSE_VALUES)
        spelt = ", ".join(f"{t}/{f}" for t, f in zip(TRUE_VALUES, FALSE_VALUES, strict=True))
        return _ColumnSql(
            f"CASE WHEN lower($v) IN ({trues}) THEN true WHEN lower($v) IN ({falses}) THEN false END",
            _msg_sql("bool.format", spelt=spelt),
        )
    if kind == "enum":
        assert col.enum is not None
        # Chinese labels are unaffected by lower(); codes match in any case.
        whens = " ".join(
            f"WHEN {_sql_str(spelling.lower())} THEN {_sql_str(code)}" for spelling, code in enum_lookup(col).items()
        )
        return _ColumnSql(f"CASE lower($v) {whens} END", _msg_sql("enum.format", enum=_enum_text(col)))
    raise ValueError(f"unknown column kind {kind!r} of {col.name}")


def _sub(template: str, v: str, p: str | None = None) -> str:
    """Fill a _ColumnSql template."""
    out = template.replace("$v", v)
    return out.replace("$p", p) if p is not None else out


# --- reading files --------------------------------------------------------------------


@dataclass
class _Staged:
    """A table's file, read into a temp table of cleaned text and typed values."""

    table: Table | None
    file: str  # file name as shown in messages
    headers: list[str]  # normalised headers, in file order
    columns: dict[str, str] = field(default_factory=dict)  # contract column -> file column (f0, f1, ...)
    extras: dict[str, str] = field(default_factory=dict)  # extra header -> file column
    unnamed: list[str] = field(default_factory=list)  # file columns with an empty header
    typed: str = ""  # the temp table, see _type_rows


def _has_inner_blank_line(path: Path) -> bool:
    """Whether a blank line comes before the last record (DuckDB would skip it, shifting row numbers)."""
    if path.stat().st_size == 0:
        return False
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        end = len(m)
        while end > 0 and m[end - 1] in b"\r\n":
            end -= 1
        return m.find(b"\n\n", 0, end) >= 0 or m.find(b"\n\r\n", 0, end) >= 0


def _detect_encoding(path: Path) -> tuple[str | None, str | None]:
    """(Python encoding, problem's message code) of a CSV file: UTF-8 (with or without BOM), else GB18030.

    UTF-8 is tried strictly first; GB18030 is a superset of GBK. The file is decoded in
    chunks, so memory stays small.
    """
    with path.open("rb") as f:
        head = f.read(4)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "csv.utf16"
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as f:
                while chunk := f.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding, None
    return None, "csv.encoding"


def _sniff_delimiter(header_line: str) -> str:
    """Comma, unless the header line has no comma but tabs or semicolons."""
    if "," in header_line:
        return ","
    for d in ("\t", ";"):
        if d in header_line:
            return d
    return ","


def _cell_text(value: object, kind: str | None) -> str:
    """An Excel cell as the text the contract expects for a column of this kind."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        # Excel stores times as fractions of a day; round away float noise to the second.
        value = (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        midnight = value.time() == dt.time(0)
        if kind == "period" and midnight and value.day == 1:
            return value.strftime("%Y-%m")  # Excel turns a typed 2025-06 into 2025-06-01
        if midnight and kind != "timestamp":
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m") if kind == "period" and value.day == 1 else value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def _zip_bomb(path: Path) -> tuple[str, dict] | None:
    """Why a workbook must not be unpacked (a member too large, or compressed too well), else None.

    The reason is a message code and its fields.

    An .xlsx is a zip archive; openpyxl reads its members with zipfile, which stops at each
    member's declared size, so the declared sizes are what would be unpacked. A 2 MB file
    holding one 2 GiB shared string crashed the build; this looks before openpyxl does.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        return "xlsx.unopenable", {"error": str(e)}
    total = 0
    for m in members:
        total += m.file_size
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > XLSX_MAX_MEMBER or (m.file_size > XLSX_RATIO_FLOOR and ratio > XLSX_MAX_RATIO):
            fields = {"part": m.filename, "packed": m.compress_size, "size": m.file_size}
            return "xlsx.bomb_part", fields | {"limit": XLSX_MAX_MEMBER, "ratio": XLSX_MAX_RATIO}
    if total > XLSX_MAX_TOTAL:
        return "xlsx.bomb_total", {"size": total, "limit": XLSX_MAX_TOTAL}
    return None


def _xlsx_rows(path: Path) -> Iterator[list[object]]:
    """Rows of the first sheet of a workbook as cell values, gaps included as empty rows."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # some writers record wrong dimensions; read what is there
        for row in ws.iter_rows(min_row=1, values_only=True):
            yield list(row)
    finally:
        wb.close()


def _map_header(table: Table | None, file: str, headers: list[str], problems: list[Problem]) -> _Staged:
    """Match a file's headers to the table's columns; report missing and repeated columns."""
    staged = _Staged(table=table, file=file, headers=headers)
    lookup = _header_lookup(table) if table else {}
    seen: dict[str, int] = {}  # column or extra header (lower-cased) -> first index
    for i, header in enumerate(headers):
        if not header:
            staged.unnamed.append(f"f{i}")
            continue
        col = lookup.get(header.lower())
        key = col.name if col else header.lower()  # DuckDB column names are case-insensitive
        if key in seen:
            first = seen[key]
            problems.append(
                _problem(
                    file,
                    None,
                    col.name if col else header,
                    None,
                    "header.twice",
                    first_letter=get_column_letter(first + 1),
                    first_header=headers[first],
                    letter=get_column_letter(i + 1),
                    header=header,
                )
            )
            continue
        seen[key] = i
        if col:
            staged.columns[col.name] = f"f{i}"
        else:
            staged.extras[header] = f"f{i}"
    for col in table.columns if table else ():
        if col.name not in staged.columns and not col.optional:
            problems.append(_problem(file, None, col.name, None, "header.missing", name=col.name, alias=col.alias))
    return staged


def _type_rows(con: duckdb.DuckDBPyConnection, s: _Staged, source: str, params: dict, name: str) -> None:
    """Create temp table `name` from `source` (__row and text columns f0, f1, ...).

    Per contract column it holds t_* , the typed value, NULL when the cell is empty or
    breaks the column's rules (so key and reference checks see only good values and each
    bad cell is reported once), and, unless the column is text, e_*, the cleaned text of a
    cell that was rejected (NULL otherwise, which costs next to nothing to store). Then
    extra columns x_* and unnamed columns u_* as cleaned text. Rows with every cell empty
    are dropped. Cleaned = stripped of surrounding spaces, empty -> NULL.
    """
    mapped = [c for c in (s.table.columns if s.table else ()) if c.name in s.columns]
    others = [_ident("x_" + f) for f in s.extras.values()] + [_ident("u_" + f) for f in s.unnamed]
    cleaned = ["__row"]
    cleaned += [f"{_clean(s.columns[c.name])} AS {_ident('v_' + c.name)}" for c in mapped]
    cleaned += [f"{_clean(f)} AS {_ident('x_' + f)}" for f in s.extras.values()]
    cleaned += [f"{_clean(f)} AS {_ident('u_' + f)}" for f in s.unnamed]
    nonempty = [_ident("v_" + c.name) for c in mapped] + others
    parsed, typed, kept = ["NULL AS __none"], ["NULL AS __none"], ["__row"]
    for c in mapped:
        sql = _column_sql(c)
        v, p, t = _ident("v_" + c.name), _ident("p_" + c.name), _ident("t_" + c.name)
        parsed.append(f"{_sub(sql.parse, v)} AS {p}")
        typed.append(f"CASE WHEN {_sub(sql.ok, v, p)} THEN {p} END AS {t}" if sql.ok else f"{p} AS {t}")
        kept.append(t)
        if c.kind != "text":
            kept.append(f"CASE WHEN {t} IS NULL THEN {v} END AS {_ident('e_' + c.name)}")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {', '.join(kept + others)} FROM ("
        f"SELECT *, {', '.join(typed)} FROM ("
        f"SELECT *, {', '.join(parsed)} FROM ("
        f"SELECT {', '.join(cleaned)} FROM {source}) "
        f"WHERE {'coalesce(' + ', '.join(nonempty) + ') IS NOT NULL' if nonempty else 'false'}))",
        params,
    )
    s.typed = name


def _type_csv_fast(con: duckdb.DuckDBPyConnection, path: Path, s: _Staged, name: str, delim: str) -> bool:
    """Let DuckDB read a UTF-8 CSV directly; False if it met rows it could not parse (or not UTF-8)."""
    cols = ", ".join(f"'f{i}': 'VARCHAR'" for i in range(len(s.headers)))
    rejects, scans = f"{name}_rejects", f"{name}_scans"
    # Insertion order is the file's order, so row_number() 1 is spreadsheet row 2.
    source = (
        "(SELECT row_number() OVER () + 1 AS __row, * FROM read_csv($path, header=true, auto_detect=false, "
        f"""delim=$delim, quote='"', escape='"', columns={{{cols}}}, store_rejects=true, rejects_limit=1, """
        f"rejects_table={_sql_str(rejects)}, rejects_scan={_sql_str(scans)}))"
    )
    try:
        _type_rows(con, s, source, {"path": str(path), "delim": delim}, name)
        n_rejects = con.execute(f"SELECT count(*) FROM {rejects}").fetchall()[0][0]
    except duckdb.Error:
        n_rejects = 1
    for t in (rejects, scans):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    if n_rejects:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    return not n_rejects


def _type_records(
    con: duckdb.DuckDBPyConnection,
    records: Iterator[tuple[int, list[str]]],
    s: _Staged,
    name: str,
    workdir: Path,
    problems: list[Problem],
) -> None:
    """Type (row number, cells) records read in Python, via a UTF-8 temp copy DuckDB reads fast."""
    width = len(s.headers)
    tmp = workdir / f"{name}.csv"
    with tmp.open("w", encoding="utf-8", newline="") as out:
        # CRLF: the csv module quotes a cell holding any character of the line terminator, and
        # only then; with "\n" it left a lone CR bare, and DuckDB ended the row there.
        writer = csv.writer(out, lineterminator="\r\n")
        for rowno, cells in records:
            if not any(c.strip() for c in cells):
                continue  # an empty row, as spreadsheets leave at the end
            if len(cells) > width:
                beyond = next((i for i in range(width, len(cells)) if cells[i].strip()), None)
                if beyond is not None:
                    problems.append(
                        _problem(
                            s.file,
                            rowno,
                            None,
                            cells[beyond],
                            "row.beyond_header",
                            letter=get_column_letter(beyond + 1),
                            last=get_column_letter(width),
                        )
                    )
                    continue
                cells = cells[:width]
            elif len(cells) < width:
                cells = cells + [""] * (width - len(cells))  # missing trailing cells are empty cells
            writer.writerow([rowno, *cells])
    cols = ", ".join(["'__row': 'BIGINT'", *(f"'f{i}': 'VARCHAR'" for i in range(width))])
    # new_line is given: DuckDB's guess is thrown by a CR inside a quoted cell.
    source = (
        "read_csv($path, header=false, auto_detect=false, new_line='\\r\\n', "
        f"""delim=',', quote='"', escape='"', columns={{{cols}}})"""
    )
    _type_rows(con, s, source, {"path": str(tmp)}, name)
    tmp.unlink()


def _fast_header(first_line: str, delim: str) -> list[str] | None:
    """The normalised headers of a CSV's first line, or None if the slow path must read the file."""
    # A carriage return inside the first line means lines end in CR alone (old Mac exports);
    # only Python's universal newlines split those.
    if not first_line.strip() or "\r" in first_line.rstrip("\r\n"):
        return None
    try:
        return [normalise_header(h) for h in next(csv.reader([first_line], delimiter=delim))]
    except csv.Error:  # e.g. a header cell over the csv module's field size limit: the slow path reports it
        return None


def _read_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: Table | None,
    name: str,
    workdir: Path,
    problems: list[Problem],
    text_only: bool = False,
) -> _Staged | None:
    """Read one raw file into temp table `name` (see _type_rows); None if it cannot be read at all.

    With text_only, every column is kept as cleaned text (an extra column); the table then
    only tells how to read Excel cells.
    """
    file = path.name
    header_table = None if text_only else table
    if path.suffix.lower() == ".xlsx":
        refused = _zip_bomb(path)
        if refused:
            problems.append(Problem(file, None, None, None, code=refused[0], fields=refused[1]))
            return None
        try:
            rows = _xlsx_rows(path)
            header_cells = next(rows, None)
        except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds for damaged workbooks
            problems.append(_problem(file, None, None, None, "xlsx.unopenable", error=str(e)))
            return None
        if header_cells is None:
            problems.append(_problem(file, None, None, None, "file.empty"))
            return None
        headers = [normalise_header(h) for h in header_cells]
        s = _map_header(header_table, file, headers, problems)
        lookup = _header_lookup(table) if table else {}
        kinds = {i: lookup[h.lower()].kind for i, h in enumerate(headers) if h.lower() in lookup}

        def cell(rowno: int, i: int, value: object) -> str:
            text = _cell_text(value, kinds.get(i))
            if len(text) <= XLSX_MAX_CELL:
                return text
            column = headers[i] if i < len(headers) and headers[i] else get_column_letter(i + 1)
            shown = text[: _MAX_SHOWN_VALUE + 1]
            problems.append(
                _problem(file, rowno, column, shown, "xlsx.long_cell", length=len(text), limit=XLSX_MAX_CELL)
            )
            return ""

        records = (
            (rowno, [cell(rowno, i, v) for i, v in enumerate(cells)]) for rowno, cells in enumerate(rows, start=2)
        )
        try:
            _type_records(con, records, s, name, workdir, problems)
        except duckdb.Error:
            raise
        except Exception as e:  # noqa: BLE001 - a damaged sheet shows only while reading its rows
            problems.append(_problem(file, None, None, None, "xlsx.unreadable", error=str(e)))
            return None
        return s

    # Fast path: DuckDB reads the file itself if it is UTF-8 (it rejects rows that are not)
    # and has no blank line in the middle.
    with path.open("rb") as f:
        first_bytes, sample = f.readline(), f.read(_CHUNK)
    try:
        first_line = first_bytes.decode("utf-8-sig")
        codecs.getincrementaldecoder("utf-8")().decode(sample)  # GBK shows early; skip DuckDB's futile pass
    except UnicodeDecodeError:
        first_line = ""
    delim = _sniff_delimiter(first_line)
    headers = _fast_header(first_line, delim)
    if headers is not None and not _has_inner_blank_line(path):
        header_problems: list[Problem] = []
        s = _map_header(header_table, file, headers, header_problems)
        if _type_csv_fast(con, path, s, name, delim):
            problems += header_problems
            return s
    # Slow path: GBK, blank lines or rows DuckDB rejects. Python's csv module numbers
    # every record exactly (a blank line counts as a row, as in a spreadsheet).
    encoding, problem = _detect_encoding(path)
    if problem:
        problems.append(_problem(file, None, None, None, problem))
        return None
    with path.open(encoding=encoding, newline="") as f:
        first_line = f.readline()
    if not first_line.strip():
        problems.append(_problem(file, None, None, None, "file.empty"))
        return None
    delim = _sniff_delimiter(first_line)
    with path.open(encoding=encoding, newline="") as f:
        reader = csv.reader(f, delimiter=delim)
        try:
            header = next(reader)
        except csv.Error as e:
            problems.append(_problem(file, 1, None, None, "csv.header_unreadable", error=str(e)))
            return None
        s = _map_header(header_table, file, [normalise_header(h) for h in header], problems)

        def records() -> Iterator[tuple[int, list[str]]]:
            rowno = 1
            try:
                for rowno, cells in enumerate(reader, start=2):
                    yield rowno, cells
            except csv.Error as e:
                problems.append(_problem(file, rowno + 1, None, None, "csv.unreadable", error=str(e)))

        _type_records(con, records(), s, name, workdir, problems)
    return s


# --- checks over the typed tables -----------------------------------------------------


def _check_usccs(con: duckdb.DuckDBPyConnection, staged: list[_Staged]) -> None:
    """Validate every distinct USCC of the files once (stdnum); set the bad ones' typed values to NULL."""
    uscc_columns = [
        (s.typed, _ident("t_" + name), _ident("e_" + name))
        for s in staged
        for name in s.columns
        if s.table and s.table.column(name).kind == "uscc"
    ]
    selects = [f"SELECT DISTINCT {t} AS id FROM {typed} WHERE {t} IS NOT NULL" for typed, t, _ in uscc_columns]
    ids = [r[0] for r in con.execute(" UNION ".join(selects)).fetchall()] if selects else []
    bad = [(id_, message) for id_ in ids if (message := _uscc_problem(id_))]
    frame = pd.DataFrame(bad, columns=["id", "message"], dtype=object)
    con.register(f"{_BAD_USCC}_frame", frame)
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {_BAD_USCC} AS "
            f"SELECT id::VARCHAR AS id, message::VARCHAR AS message FROM {_BAD_USCC}_frame"
        )
    finally:
        con.unregister(f"{_BAD_USCC}_frame")
    if bad:
        for typed, t, e in uscc_columns:
            con.execute(f"UPDATE {typed} SET {t} = NULL, {e} = {t} WHERE {t} IN (SELECT id FROM {_BAD_USCC})")


def _uscc_problem(id_: str) -> str | None:
    """Why an (upper-cased) id is not a valid 统一社会信用代码 (a message, see _encode), or None if it is."""
    if uscc.compact(id_) != id_:
        return _encode("uscc.compact")
    try:
        uscc.validate(id_)
    except InvalidLength:
        return _encode("uscc.length", length=len(id_))
    except InvalidChecksum:
        return _encode("uscc.check_digit", digit=uscc.calc_check_digit(id_[:17]))
    except ValidationError:  # InvalidFormat and anything else stdnum rejects
        return _encode("uscc.format")
    return None


def _insert_problems(con: duckdb.DuckDBPyConnection, s: _Staged, file_ord: int, col_ord: int, select: str) -> None:
    """Add the rows of `select` (row, col, value, message) to the problems table."""
    con.execute(
        f"INSERT INTO {_PROBLEMS} SELECT ?, ?, q.row, q.value, q.message, ?, q.col FROM ({select}) q",
        [file_ord, s.file, col_ord],
    )


def _check_values(con: duckdb.DuckDBPyConnection, s: _Staged, table: Table, file_ord: int) -> None:
    """Empty required cells and values that break their column's format or range."""
    for ci, col in enumerate(table.columns):
        if col.name not in s.columns:
            continue
        t = _ident("t_" + col.name)
        if col.kind == "text":
            if not col.optional:
                _insert_problems(
                    con,
                    s,
                    file_ord,
                    ci,
                    (
                        f"SELECT __row AS row, {_sql_str(col.name)} AS col, NULL AS value, "
                        f"{_msg_sql('value.required')} AS message FROM {s.typed} WHERE {t} IS NULL"
                    ),
                )
            continue
        sql, e = _column_sql(col), _ident("e_" + col.name)
        p = f"({_sub(sql.parse, e)})"
        message = (
            f"CASE WHEN {e} IS NULL THEN {_msg_sql('value.required')} "
            f"WHEN {p} IS NULL THEN {_sub(sql.format_error, e)} ELSE {_sub(sql.domain_error, e, p)} END"
        )
        empty = "" if col.optional else f" OR {t} IS NULL"
        _insert_problems(
            con,
            s,
            file_ord,
            ci,
            (
                f"SELECT __row AS row, {_sql_str(col.name)} AS col, {e} AS value, {message} AS message "
                f"FROM {s.typed} WHERE {e} IS NOT NULL{empty}"
            ),
        )


def _check_key(con: duckdb.DuckDBPyConnection, s: _Staged, table: Table, file_ord: int) -> None:
    """Every row after the first with the same key is a problem naming the first."""
    key = table.key
    if not all(k in s.columns for k in key):
        return  # a key column is missing, already reported
    t = [_ident("t_" + k) for k in key]
    v = [f"a.{c}::VARCHAR" for c in t]
    what = key[0] if len(key) == 1 else "(" + ", ".join(key) + ")"
    what = {"en": what, "zh": column_label(table.name, ", ".join(key), "zh")}
    message = _msg_sql("key.duplicate", what=what, first_row=_Expr("d.first_row"))
    value = v[0] if len(key) == 1 else f"concat_ws(', ', {', '.join(v)})"
    on = " AND ".join(f"a.{c} = d.{c}" for c in t)
    ci = [c.name for c in table.columns].index(key[0])
    _insert_problems(
        con,
        s,
        file_ord,
        ci,
        (
            f"SELECT a.__row AS row, {_sql_str(', '.join(key))} AS col, {value} AS value, "
            f"{message} AS message "
            f"FROM {s.typed} a JOIN (SELECT {', '.join(t)}, min(__row) AS first_row FROM {s.typed} "
            f"WHERE {' AND '.join(c + ' IS NOT NULL' for c in t)} GROUP BY ALL HAVING count(*) > 1) d ON {on} "
            "WHERE a.__row > d.first_row"
        ),
    )


def _check_refs(
    con: duckdb.DuckDBPyConnection, s: _Staged, table: Table, file_ord: int, by_table: dict[str, _Staged]
) -> None:
    """Values of reference columns must exist in the referenced table."""
    for ci, col in enumerate(table.columns):
        if col.ref is None or col.name not in s.columns:
            continue
        ref_table, ref_col = col.ref
        target = by_table.get(ref_table)
        if target is None or ref_col not in target.columns:
            continue  # that file or column is missing, already reported
        code, noun = (f"ref.{ref_table}", {}) if ref_table in _REF_TABLES else ("ref.other", {"noun": ref_table})
        column = {"en": ref_col, "zh": column_label(ref_table, ref_col, "zh")}
        message = _msg_sql(code, file=target.file, column=column, **noun)
        t, rt = _ident("t_" + col.name), _ident("t_" + ref_col)
        _insert_problems(
            con,
            s,
            file_ord,
            ci,
            (
                f"SELECT __row AS row, {_sql_str(col.name)} AS col, {t} AS value, {message} AS message "
                f"FROM {s.typed} WHERE {t} IS NOT NULL AND {t} NOT IN "
                f"(SELECT {rt} FROM {target.typed} WHERE {rt} IS NOT NULL)"
            ),
        )


def _check_prices_for_division(
    con: duckdb.DuckDBPyConnection, s: _Staged, table: Table, file_ord: int, by_table: dict[str, _Staged]
) -> None:
    """Each monthly row needs industry_prices for its enterprise's division at its period."""
    ent, prices = by_table.get("enterprises"), by_table.get("industry_prices")
    if not (
        ent
        and prices
        and {"enterprise_id", "period"} <= s.columns.keys()
        and {"enterprise_id", "industry_code"} <= ent.columns.keys()
        and {"division", "period"} <= prices.columns.keys()
    ):
        return  # a needed file or column is missing, already reported
    ci = [c.name for c in table.columns].index("period")
    message = _msg_sql(
        "prices.missing",
        file=prices.file,
        division=_Expr("left(e.code, 2)"),
        period=_Expr("m.t_period"),
        industry_code=_Expr("e.code"),
    )
    _insert_problems(
        con,
        s,
        file_ord,
        ci,
        (
            f"SELECT m.__row AS row, 'period' AS col, m.t_period AS value, {message} AS message "
            f"FROM {s.typed} m JOIN (SELECT t_enterprise_id AS id, arg_min(t_industry_code, __row) AS code "
            f"FROM {ent.typed} WHERE t_enterprise_id IS NOT NULL AND t_industry_code IS NOT NULL GROUP BY 1) e "
            "ON e.id = m.t_enterprise_id "
            f"WHERE m.t_period IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {prices.typed} p "
            "WHERE p.t_division = left(e.code, 2) AND p.t_period = m.t_period)"
        ),
    )


_EXTRA_CHECKS = {"prices_for_division": _check_prices_for_division}


def _check_unnamed(con: duckdb.DuckDBPyConnection, s: _Staged, problems: list[Problem]) -> None:
    """A column without a header is dropped if empty, else reported at its first value."""
    for f in s.unnamed:
        u = _ident("u_" + f)
        rows = con.execute(f"SELECT __row, {u} FROM {s.typed} WHERE {u} IS NOT NULL ORDER BY __row LIMIT 1").fetchall()
        if rows:
            letter = get_column_letter(int(f[1:]) + 1)
            problems.append(_problem(s.file, rows[0][0], None, rows[0][1], "column.unnamed", letter=letter))


# --- the folder -----------------------------------------------------------------------


def _find_files(raw_dir: Path, problems: list[Problem]) -> dict[str, Path]:
    """The file of each contract table in the folder; missing and doubled files are problems."""
    found: dict[str, list[Path]] = {}
    others = []
    for p in sorted(raw_dir.iterdir()):
        if p.name.startswith(("~$", ".")):
            continue  # Excel lock files, hidden files
        if p.is_symlink():  # never followed: a link to /etc/passwd must not be read, nor its lines echoed
            problems.append(_problem(p.name, None, None, None, "file.symlink"))
            continue
        if not p.is_file():
            continue
        stem, suffix = p.stem.lower(), p.suffix.lower()
        if suffix in SUFFIXES and stem in TABLES_BY_NAME:
            found.setdefault(stem, []).append(p)
        else:
            others.append(p.name)
    out = {}
    code, hint = ("file.missing_others", {"others": ", ".join(others)}) if others else ("file.missing", {})
    for table in TABLES:
        paths = found.get(table.name, [])
        if not paths:
            name = f"{table.name}.csv"
            problems.append(_problem(name, None, None, None, code, table=table.name, title=table.title, **hint))
        elif len(paths) > 1:
            files = ", ".join(p.name for p in paths)
            problems.append(
                _problem(paths[-1].name, None, None, None, "file.doubled", n=len(paths), table=table.name, files=files)
            )
        else:
            out[table.name] = paths[0]
    return out


def _create_divisions(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table of the GB/T 4754-2017 division codes, for the industry_code and division checks."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {_DIVISIONS} (division VARCHAR)")
    con.executemany(f"INSERT INTO {_DIVISIONS} VALUES (?)", [[d] for d in load_divisions()])


def load_raw(raw_dir: Path, con: duckdb.DuckDBPyConnection, max_problems: int = 200) -> dict[str, int]:
    """Validate every raw file in `raw_dir` and load them into schema `raw`; row count per table.

    Raises IngestError listing (up to `max_problems` of) every problem found; then no table
    of schema `raw` has been created or replaced.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise IngestError([_problem(str(raw_dir), None, None, None, "folder.missing")])
    problems: list[Problem] = []  # found in Python; the SQL checks fill the problems table
    paths = _find_files(raw_dir, problems)
    order = {t.name: i for i, t in enumerate(TABLES)}
    temp_tables = [_BAD_USCC, _DIVISIONS, _PROBLEMS, *(f"{_PREFIX}typed_{name}" for name in paths)]
    by_table: dict[str, _Staged] = {}
    # Row numbers of DuckDB-read files rely on insertion order being preserved (the default).
    keep_order = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    if not keep_order:
        con.execute("SET preserve_insertion_order = true")
    try:
        _create_divisions(con)
        with tempfile.TemporaryDirectory(prefix="ingest_") as workdir:
            for name, path in paths.items():
                s = _read_file(con, path, TABLES_BY_NAME[name], f"{_PREFIX}typed_{name}", Path(workdir), problems)
                if s is not None:
                    by_table[name] = s
        _check_usccs(con, list(by_table.values()))
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {_PROBLEMS} (file_ord INTEGER, file VARCHAR, row BIGINT, "
            "value VARCHAR, message VARCHAR, col_ord INTEGER, col VARCHAR)"
        )
        for name, s in by_table.items():
            table = TABLES_BY_NAME[name]
            _check_unnamed(con, s, problems)
            _check_values(con, s, table, order[name])
            _check_key(con, s, table, order[name])
            _check_refs(con, s, table, order[name], by_table)
            for check in table.extra_checks:
                _EXTRA_CHECKS[check](con, s, table, order[name], by_table)
        if problems:
            con.executemany(
                f"INSERT INTO {_PROBLEMS} VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    [order.get(Path(p.file).stem, -1), p.file, p.row, p.value, _stored(p), _column_order(p), p.column]
                    for p in problems
                ],
            )
        total = con.execute(f"SELECT count(*) FROM {_PROBLEMS}").fetchall()[0][0]
        if total:
            rows = con.execute(
                f"SELECT file, row, col, value, message FROM {_PROBLEMS} "
                "ORDER BY file_ord, row NULLS FIRST, col_ord, message LIMIT ?",
                [max_problems],
            ).fetchall()
            raise IngestError([_from_row(*r) for r in rows], total)
        return _load(con, by_table)
    finally:
        for t in temp_tables:
            con.execute(f"DROP TABLE IF EXISTS {t}")
        if not keep_order:
            con.execute("SET preserve_insertion_order = false")


def _stored(p: Problem) -> str:
    """A problem's message as the problems table holds it."""
    return p.message if p.code is None else _encode(p.code, **p.fields)


def _from_row(file: str, row: int | None, column: str | None, value: str | None, message: str) -> Problem:
    """A Problem from a row of the problems table."""
    code, fields, text = _decode(message)
    return Problem(file, row, column, value, text, code, fields)


def _column_order(p: Problem) -> int:
    """Position of a problem's column in its table, for sorting; -1 if none or unknown."""
    table = TABLES_BY_NAME.get(Path(p.file).stem)
    names = [c.name for c in table.columns] if table else []
    first = (p.column or "").split(", ")[0]
    return names.index(first) if first in names else -1


def _load(con: duckdb.DuckDBPyConnection, by_table: dict[str, _Staged]) -> dict[str, int]:
    """Copy the typed, valid rows into schema raw, all tables in one transaction."""
    counts: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        for table in TABLES:
            s = by_table[table.name]
            cols = [
                f"CAST({_ident('t_' + c.name) if c.name in s.columns else 'NULL'} AS {c.duckdb_type}) "
                f"AS {_ident(c.name)}"
                for c in table.columns
            ]
            cols += [f"{_ident('x_' + f)} AS {_ident(h)}" for h, f in s.extras.items()]
            # Rows keep the file's order (DuckDB preserves insertion order); no sort needed.
            con.execute(f"CREATE OR REPLACE TABLE raw.{_ident(table.name)} AS SELECT {', '.join(cols)} FROM {s.typed}")
            counts[table.name] = con.execute(f"SELECT count(*) FROM raw.{_ident(table.name)}").fetchall()[0][0]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


def read_table_file(path: Path) -> pd.DataFrame:
    """Read one raw file (CSV in UTF-8 or GBK, or XLSX) as text, without checking its values.

    Columns are the headers as normalised (NFKC, stripped; a repeated header is dropped);
    values are stripped strings or None; the index is the spreadsheet row. Raises
    IngestError if the file cannot be read.
    """
    path = Path(path)
    problems: list[Problem] = []
    con = duckdb.connect()
    try:
        with tempfile.TemporaryDirectory(prefix="ingest_") as workdir:
            s = _read_file(con, path, TABLES_BY_NAME.get(path.stem), "_read", Path(workdir), problems, text_only=True)
        if s is None or any(p.row is not None for p in problems):
            raise IngestError(problems)
        by_file = {f: "x_" + f for f in s.extras.values()} | {f: "u_" + f for f in s.unnamed}
        cols = [
            f"{_ident(by_file[f'f{i}'])} AS {_ident(h or 'column_' + get_column_letter(i + 1))}"
            for i, h in enumerate(s.headers)
            if f"f{i}" in by_file
        ]
        return con.execute(f"SELECT {', '.join(['__row AS row', *cols])} FROM {s.typed}").df().set_index("row")
    finally:
        con.close()
