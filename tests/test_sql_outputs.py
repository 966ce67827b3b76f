"""Ordinary queries come back right in every output: terminal table, CSV, JSON, and the XLSX/Parquet downloads."""

from __future__ import annotations

import argparse
import csv
import io
import json
import unicodedata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from small_warehouse import FORMULA_ROWS, GROWTH_ROWS

from warehouse import sql_cli
from warehouse.safe_sql import run_query, to_csv_bytes, to_parquet_bytes, to_xlsx_bytes

pytestmark = pytest.mark.usefixtures("sql_sandbox")

BOM = b"\xef\xbb\xbf"
GROWTH_SQL = (
    "select enterprise_id, name, chain, gross_output, growth_pct from main.industrial_growth order by enterprise_id"
)


def cli(*argv: str) -> int:
    """Parse argv the way `python -m warehouse sql …` will, and run it."""
    parser = argparse.ArgumentParser(prog="python -m warehouse")
    sql_cli.add_parser(parser.add_subparsers(dest="command", required=True))
    return sql_cli.run(parser.parse_args(["sql", *argv]))


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def test_table_format_aligns_chinese_columns(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--db", str(small_db), GROWTH_SQL) == 0
    out, err = capsys.readouterr()
    lines = out.rstrip("\n").split("\n")

    assert len(lines) == 1 + len(GROWTH_ROWS)
    assert lines[0].split() == ["enterprise_id", "name", "chain", "gross_output", "growth_pct"]
    for line, row in zip(lines[1:], GROWTH_ROWS, strict=True):
        assert row[0] in line and row[1] in line and row[2] in line
    # Every line ends at the same screen column: wide characters were counted as two.
    assert len({display_width(line) for line in lines}) == 1, out
    # And each column starts at the same screen column on every line (checked at the chain column).
    chain_ends = {
        display_width(line[: line.rindex(row[2]) + len(row[2])])
        for line, row in zip(lines[1:], GROWTH_ROWS, strict=True)
    }
    assert len(chain_ends) == 1, out
    assert "3 行 / rows" in err


def test_table_format_shows_nulls_and_empty_results(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--db", str(small_db), "select * from main.typed") == 0
    out, _ = capsys.readouterr()
    assert "NULL" in out and "2025-06-30" in out and "12.5" in out

    assert cli("--db", str(small_db), "select name from main.industrial_growth where false") == 0
    out, err = capsys.readouterr()
    assert out.strip() == "name"
    assert "0 行 / rows" in err


def test_csv_format_is_excel_ready(small_db: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli("--db", str(small_db), "--format", "csv", GROWTH_SQL) == 0
    out, _ = capsysbinary.readouterr()

    assert out.startswith(BOM)
    back = pd.read_csv(io.BytesIO(out), encoding="utf-8-sig", dtype={"enterprise_id": str})
    assert list(back.itertuples(index=False, name=None)) == GROWTH_ROWS


def test_json_format_round_trips(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--db", str(small_db), "--format", "json", "select * from main.typed") == 0
    out, _ = capsys.readouterr()
    assert "中文" not in out  # (no Chinese in this table; the next query checks it is not escaped)
    assert json.loads(out) == [
        {"period_end": "2025-06-30", "amount": 12.5, "missing": None, "flag": True, "negative": -5}
    ]

    assert cli("--db", str(small_db), "--format", "json", GROWTH_SQL) == 0
    out, _ = capsys.readouterr()
    assert "苏州芯联电子有限公司" in out  # readable, not \\u-escaped
    rows = json.loads(out)
    assert [tuple(r.values()) for r in rows] == GROWTH_ROWS


def test_query_from_stdin(small_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("select count(*) as n\nfrom main.industrial_growth\n"))
    assert cli("--db", str(small_db), "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 3}]


def test_cli_reports_refusals_timeouts_and_truncation(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--db", str(small_db), "SELECT 1; DROP TABLE main.industrial_growth") == 1
    out, err = capsys.readouterr()
    assert out == "" and "DROP" in err

    slow = "select sum(a.range * b.range) from range(1000000) a, range(1000000) b"
    assert cli("--db", str(small_db), "--timeout", "1", slow) == 1
    assert "1 s" in capsys.readouterr().err

    assert cli("--db", str(small_db), "--max-rows", "5", "--format", "json", "select range as i from range(100)") == 0
    out, err = capsys.readouterr()
    assert [r["i"] for r in json.loads(out)] == [0, 1, 2, 3, 4]
    assert "truncated" in err

    assert cli("--db", str(small_db.parent / "missing.duckdb"), "select 1") == 1
    assert "not found" in capsys.readouterr().err


def test_leader_role_in_the_terminal(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--db", str(small_db), "--role", "leader", "select * from raw.enterprises") == 1
    assert "leader" in capsys.readouterr().err
    assert (
        cli(
            "--db", str(small_db), "--role", "leader", "--format", "json", "select count(*) as n from industrial_growth"
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out) == [{"n": 3}]


# --- the downloads ----------------------------------------------------------------------

NEUTRALISED = {
    "=1+2": "'=1+2",
    "+86 512 0000": "'+86 512 0000",
    "-x": "'-x",
    "@SUM(A1:A2)": "'@SUM(A1:A2)",
    '=HYPERLINK("http://example.invalid","点击")': '\'=HYPERLINK("http://example.invalid","点击")',
    "普通文本 = 正常": "普通文本 = 正常",
}


def test_csv_bytes_neutralise_formulas_and_keep_chinese(small_db: Path) -> None:
    df = run_query(small_db, "select * from main.formula_text order by id").df
    data = to_csv_bytes(df)

    assert data.startswith(BOM)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["text"].tolist() == [NEUTRALISED[r[1]] for r in FORMULA_ROWS]
    assert back["note"].tolist() == [r[2] for r in FORMULA_ROWS]
    assert back["id"].tolist() == [r[0] for r in FORMULA_ROWS]  # numbers untouched


def test_csv_leaves_negative_numbers_alone(small_db: Path) -> None:
    df = run_query(small_db, "select negative, '-5' as text_minus from main.typed").df
    lines = to_csv_bytes(df).decode("utf-8-sig").splitlines()
    assert lines == ["negative,text_minus", "-5,'-5"]


def test_csv_neutralises_a_formula_in_a_column_name(small_db: Path) -> None:
    df = run_query(small_db, 'select 1 as "=cmd()"').df
    assert to_csv_bytes(df).decode("utf-8-sig").splitlines()[0] == "'=cmd()"


def test_xlsx_opens_with_chinese_and_no_formulas(small_db: Path) -> None:
    df = run_query(small_db, "select * from main.formula_text order by id").df
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df)))
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))

    assert rows[0] == ("id", "text", "note")
    # the text as it was, no apostrophe to see: a text cell with the quote-prefix style, which
    # Excel, WPS and Calc never evaluate (and keep as text when the cell is edited)
    assert rows[1:] == [(r[0], r[1], r[2]) for r in FORMULA_ROWS]
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)
    texts = [row[1] for row in ws.iter_rows(min_row=2)]
    assert [c.quotePrefix for c in texts] == [NEUTRALISED[r[1]] != r[1] for r in FORMULA_ROWS]


def test_xlsx_keeps_types(small_db: Path) -> None:
    df = run_query(small_db, GROWTH_SQL).df
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df))).worksheets[0]
    assert list(ws.iter_rows(min_row=2, values_only=True)) == GROWTH_ROWS


NESTED_SQL = "select [1, 2] as ids, {'链': '生物医药', 'n': 3} as info, ['=1+1'] as texts, map {'k': 1} as m"


def test_nested_values_download_as_text(small_db: Path) -> None:
    """LIST/STRUCT/MAP columns (numpy arrays and dicts in the frame) become one JSON cell, not a crash."""
    df = run_query(small_db, NESTED_SQL).df
    expected = ("[1, 2]", '{"链": "生物医药", "n": 3}', '["=1+1"]', '{"k": 1}')

    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df))).worksheets[0]
    assert list(ws.iter_rows(min_row=2, values_only=True)) == [expected]
    back = pd.read_csv(io.BytesIO(to_csv_bytes(df)), encoding="utf-8-sig")
    assert tuple(back.iloc[0]) == expected


def test_parquet_keeps_raw_values(small_db: Path) -> None:
    df = run_query(small_db, "select * from main.formula_text order by id").df
    back = pd.read_parquet(io.BytesIO(to_parquet_bytes(df)))
    assert back["text"].tolist() == [r[1] for r in FORMULA_ROWS]
    assert back["note"].tolist() == [r[2] for r in FORMULA_ROWS]


# --- codes, NULLs, dates, widths and headers (issue #15: exports that Office opens intact) --------

CODES_SQL = """
select '913701002414832775' as enterprise_id, '01' as division, '2025-06' as first_report_period,
       '91370100MA3RD81T25' as paired_enterprise_id, '0123' as note, '=1+2' as industry_code,
       null::integer as rung, 3::integer as other_rung, date '2021-11-18' as registered_on,
       timestamp '2025-06-30 08:15:00' as submitted_at, '济南弗迪电池有限公司' as enterprise_name
"""


def test_csv_writes_all_digit_codes_as_text_formulas(small_db: Path) -> None:
    """A spreadsheet reads 913701002414832775 as 9.13701002414833E+17 and 01 as 1: an all-digit value in a
    code column is written ="…", which Excel, WPS and Calc evaluate to the text. Nothing else changes."""
    df = run_query(small_db, CODES_SQL).df
    row = next(csv.DictReader(io.StringIO(to_csv_bytes(df).decode("utf-8-sig"))))
    assert row["enterprise_id"] == '="913701002414832775"'
    assert row["division"] == '="01"'
    assert row["first_report_period"] == '="2025-06"'
    assert row["paired_enterprise_id"] == "91370100MA3RD81T25"  # has letters: a spreadsheet keeps it as it is
    assert row["note"] == "0123"  # not a code column
    assert row["industry_code"] == "'=1+2"  # a formula in a code column is neutralised, never wrapped
    assert row["rung"] == "" and row["other_rung"] == "3"
    assert row["registered_on"] == "2021-11-18"


def test_xlsx_nulls_dates_codes_and_widths(small_db: Path) -> None:
    df = run_query(small_db, CODES_SQL).df
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df))).worksheets[0]
    head = [c.value for c in ws[1]]
    cells = dict(zip(head, ws[2], strict=True))
    assert head == list(df.columns)  # no language: the column names
    assert cells["rung"].value is None and cells["other_rung"].value == 3  # NULL in an integer column: empty
    assert cells["registered_on"].is_date and cells["registered_on"].number_format == "yyyy-mm-dd"
    assert cells["submitted_at"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert (cells["enterprise_id"].value, cells["enterprise_id"].data_type) == ("913701002414832775", "s")
    assert cells["enterprise_id"].number_format == "@" and cells["division"].value == "01"
    width = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[1]}
    assert width["enterprise_name"] >= 20 + 2  # ten Chinese characters are twenty columns wide
    assert width["enterprise_id"] >= 18


def test_xlsx_headers_are_chinese_on_a_chinese_page(small_db: Path) -> None:
    df = run_query(small_db, CODES_SQL).df
    zh = [c.value for c in openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df, language="zh"))).worksheets[0][1]]
    assert zh[:3] == ["统一社会信用代码（企业编号）", "行业大类代码（2位）", "首次月报报告期"]
    assert zh[4] == "note"  # no description anywhere: the name
    en = [c.value for c in openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df, language="en"))).worksheets[0][1]]
    assert en == list(df.columns)
