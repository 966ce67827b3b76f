"""Raw folders that try to make the ingest read too much or the wrong file are refused with a
clear problem: a symbolic link (not followed, its target never echoed), an .xlsx zip bomb
(refused before openpyxl unpacks it, no temp folder left behind) and an over-long cell
(named by file, row and column, its value cut short)."""

from __future__ import annotations

import copy
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from raw_tables import VALID, ingest_problems, write_csv, write_xlsx

from warehouse import ingest


def test_a_symlink_in_the_raw_folder_is_refused_not_followed(tmp_path: Path) -> None:
    raw = write_csv(tmp_path / "raw", copy.deepcopy(VALID))
    (raw / "enterprises.csv").unlink()
    os.symlink("/etc/passwd", raw / "enterprises.csv")
    err = ingest_problems(raw)
    assert [p.message for p in err.problems if p.file == "enterprises.csv" and "symbolic link" in p.message]
    assert "root" not in str(err) and "/etc/passwd" not in str(err)


MARKER = "MARKER-CELL"
SHEET = "xl/worksheets/sheet1.xml"


def _inflate(path: Path, chunk: bytes, times: int) -> None:
    """The workbook at path with the cell reading MARKER replaced by `chunk` repeated `times`
    (openpyxl writes no cell over Excel's 32,767 characters, so the sheet is edited as a zip)."""
    scratch = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename != SHEET:
                out.writestr(item, data)
                continue
            before, after = data.split(MARKER.encode(), 1)
            with out.open(item.filename, "w", force_zip64=True) as member:
                member.write(before)
                for _ in range(times):
                    member.write(chunk)
                member.write(after)
    scratch.replace(path)


def test_an_xlsx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    tables = copy.deepcopy(VALID)
    tables["enterprises"][1]["name"] = MARKER
    raw = write_xlsx(tmp_path / "raw", tables)
    _inflate(raw / "enterprises.xlsx", b"x" * (1024 * 1024), 64)  # one 64 MB cell
    assert (raw / "enterprises.xlsx").stat().st_size < 2 * 1024 * 1024
    err = ingest_problems(raw)
    [problem] = [p for p in err.problems if p.file == "enterprises.xlsx"]
    assert "is not unpacked" in problem.message and SHEET in problem.message
    assert list(temp.iterdir()) == [], "the ingest left its temp folder behind"


def test_an_over_long_xlsx_cell_is_a_problem_at_its_row_and_column(tmp_path: Path) -> None:
    tables = copy.deepcopy(VALID)
    tables["enterprises"][1]["name"] = MARKER
    raw = write_xlsx(tmp_path / "raw", tables)
    _inflate(raw / "enterprises.xlsx", "长".encode(), 40_000)
    err = ingest_problems(raw)
    [problem] = [p for p in err.problems if p.file == "enterprises.xlsx" and "characters" in p.message]
    assert (problem.row, problem.column) == (3, "name")
    assert "40,000" in problem.message and f"{ingest.XLSX_MAX_CELL:,}" in problem.message
    assert len(str(err)) < 2_000, "the whole cell was printed"
