"""A small valid raw dataset (every contract table) and writers for it.

`VALID` is the dataset as text, exactly as a UTF-8 CSV with English headers holds it (the
`valid_tables` fixture hands each test a fresh copy); tests change cells, write it with
`write_csv` / `write_xlsx` and load it with `load_folder` or `ingest_problems`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb
import openpyxl
import pytest
from stdnum.cn import uscc

from warehouse.contract import TABLES, TABLES_BY_NAME, Column
from warehouse.ingest import IngestError, load_raw

Tables = dict[str, list[dict[str, str]]]


def make_uscc(serial: int) -> str:
    """A real, valid 统一社会信用代码 (check digit per GB 32100-2015)."""
    base = f"91320500MA1{serial:06d}"
    return base + uscc.calc_check_digit(base)


E1, E2, E3 = make_uscc(1), make_uscc(2), make_uscc(3)


def _rows(columns: tuple[str, ...], *rows: tuple[str, ...]) -> list[dict[str, str]]:
    """A table's rows as dicts, written as one header and one tuple a row."""
    return [dict(zip(columns, row, strict=True)) for row in rows]


VALID: Tables = {
    "enterprises": _rows(
        ("enterprise_id", "name", "industry_code", "chain", "park", "registered_on"),
        (E1, "苏州芯联电子有限公司", "3911", "电子信息", "一区", "2015-03-01"),
        (E2, "苏州康瑞生物医药有限公司", "2710", "生物医药", "二区", "2018-11-20"),
        (E3, "苏州智研科技有限公司", "7320", "电子信息", "一区", "2021-07-05"),
    ),
    "industrial_monthly": [
        {"enterprise_id": E1, "period": "2024-06", "gross_output": "12000.5", "revenue": "11800", "profit": "950.25"},
        {"enterprise_id": E1, "period": "2025-06", "gross_output": "15000", "revenue": "14200.75", "profit": "1200"},
        {"enterprise_id": E2, "period": "2024-06", "gross_output": "5300", "revenue": "5100", "profit": "-120.5"},
        {"enterprise_id": E2, "period": "2025-06", "gross_output": "6100.25", "revenue": "5900", "profit": "80"},
    ],
    "industry_prices": [
        {"division": "39", "period": "2024-06", "ppi_yoy": "98.6", "va_rate": "0.24"},
        {"division": "39", "period": "2025-06", "ppi_yoy": "99.1", "va_rate": "0.25"},
        {"division": "27", "period": "2024-06", "ppi_yoy": "100.4", "va_rate": "0.35"},
        {"division": "27", "period": "2025-06", "ppi_yoy": "101.2", "va_rate": "0.36"},
        {"division": "26", "period": "2025-06", "ppi_yoy": "97.5", "va_rate": "0.2"},
    ],
    "region_benchmarks": _rows(
        ("region_level", "region_name", "period", "indicator", "value"),
        ("national", "全国", "2025-06", "industrial_va_growth_ytd", "6.4"),
        ("province", "江苏省", "2025-06", "industrial_va_growth_ytd", "7.7"),
        ("city", "苏州市", "2025-06", "gross_output_ytd", "48000000"),
    ),
    "projects": _rows(
        (
            "project_id",
            "name",
            "enterprise_id",
            "chain",
            "is_industrial",
            "total_investment",
            "provincial_key",
            "signed_on",
            "planned_start",
            "actual_start",
            "planned_completion",
            "actual_completion",
        ),
        (
            "P001",
            "芯片封测产线扩建",
            E1,
            "电子信息",
            "true",
            "52000",
            "true",
            "2023-02-01",
            "2023-03-01",
            "2023-04-10",
            "2025-12-31",
            "",
        ),
        ("P002", "科创服务中心", "", "现代服务", "false", "8000.5", "false", "", "2025-09-01", "", "2027-06-30", ""),
    ),
    "project_plans": [
        {"project_id": "P001", "year": "2025", "plan_category": "continuing", "planned_investment": "15000"},
        {"project_id": "P002", "year": "2025", "plan_category": "preparatory", "planned_investment": "500"},
    ],
    "project_milestones": _rows(
        ("project_id", "milestone", "seq", "planned_start", "planned_end", "actual_start", "actual_end"),
        ("P001", "土建", "1", "2023-03-01", "2024-06-30", "2023-04-10", "2024-08-15"),
        ("P001", "设备安装", "2", "2024-07-01", "2025-10-31", "2024-09-01", ""),
    ),
    "project_investment": [
        {"project_id": "P001", "period": "2025-05", "invested": "1300.5"},
        {"project_id": "P001", "period": "2025-06", "invested": "980"},
    ],
    "enterprise_tiers": _rows(
        ("enterprise_id", "tier", "level", "recognized_on", "expires_on"),
        (E1, "gazelle", "province", "2024-01-15", "2027-01-14"),
        (E2, "high_tech", "national", "2023-11-01", ""),
        (E1, "little_giant", "national", "2025-03-01", ""),
    ),
    "talent": _rows(
        ("talent_id", "enterprise_id", "category", "chain", "education", "source", "arrived_on", "left_on"),
        ("T0001", E1, "leading", "电子信息", "doctor", "introduced", "2022-05-01", ""),
        ("T0002", "", "young", "生物医药", "master", "cultivated", "2023-07-01", "2025-01-31"),
    ),
    "talent_demand": [
        {"chain": "电子信息", "category": "leading", "period": "2025-06", "openings": "12"},
        {"chain": "生物医药", "category": "skilled", "period": "2025-06", "openings": "30"},
    ],
    "service_matters": [
        {"matter_code": "M001", "name": "企业开办", "lifecycle_stage": "establish"},
        {"matter_code": "M002", "name": "个转企", "lifecycle_stage": "change"},
    ],
    "service_cases": _rows(
        (
            "case_id",
            "enterprise_id",
            "matter_code",
            "channel",
            "specialist_id",
            "submitted_at",
            "due_at",
            "completed_at",
            "one_visit",
            "bundled",
            "rating",
            "rectified_at",
        ),
        (
            "C0001",
            E1,
            "M001",
            "online",
            "",
            "2025-06-02 09:30",
            "2025-06-05 17:00:00",
            "2025-06-03 10:15:30",
            "true",
            "false",
            "5",
            "",
        ),
        (
            "C0002",
            "",
            "M002",
            "specialist",
            "S07",
            "2025-06-10 14:00:00",
            "2025-06-17 17:00:00",
            "",
            "false",
            "true",
            "2",
            "2025-06-20 12:00:00",
        ),
    ),
    "targets": [
        {"year": "2025", "indicator": "innovative_sme", "target": "1700"},
        {"year": "2025", "indicator": "above_scale_count", "target": "400"},
    ],
}


HeaderFn = Callable[[Column, int], str]


def english(col: Column, i: int) -> str:
    """Header as the English column name."""
    return col.name


def write_csv(
    folder: Path,
    tables: Tables,
    *,
    encoding: str = "utf-8",
    header: HeaderFn = english,
    value: Callable[[Column, str], str] | None = None,
) -> Path:
    """Write every table as `<table>.csv`; the header and value functions vary the spelling."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        write_table_csv(folder / f"{name}.csv", name, rows, encoding=encoding, header=header, value=value)
    return folder


def write_table_csv(
    path: Path,
    name: str,
    rows: list[dict[str, str]],
    *,
    encoding: str = "utf-8",
    header: HeaderFn = english,
    value: Callable[[Column, str], str] | None = None,
) -> None:
    """Write one table's rows; columns are the contract's plus any extra keys of the rows."""
    table = TABLES_BY_NAME[name]
    names = _column_names(name, rows)
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow([_header(table, n, i, header) for i, n in enumerate(names)])
        for row in rows:
            w.writerow([_value(table, n, row.get(n, ""), value) for n in names])


def write_xlsx(folder: Path, tables: Tables, *, header: HeaderFn = english) -> Path:
    """Write every table as `<table>.xlsx` with typed cells: dates, numbers and booleans as Excel has them."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        table = TABLES_BY_NAME[name]
        names = _column_names(name, rows)
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append([_header(table, n, i, header) for i, n in enumerate(names)])
        for row in rows:
            ws.append([_excel_cell(_kind(table, n), row.get(n, "")) for n in names])
        wb.save(folder / f"{name}.xlsx")
    return folder


def _column_names(name: str, rows: list[dict[str, str]]) -> list[str]:
    """Contract columns the rows have (all of them if there are no rows), then extra ones."""
    names = [c.name for c in TABLES_BY_NAME[name].columns if not rows or any(c.name in r for r in rows)]
    for row in rows:
        names += [k for k in row if k not in names]
    return names


def _header(table, name: str, i: int, header: HeaderFn) -> str:
    try:
        return header(table.column(name), i)
    except KeyError:
        return name  # an extra column


def _value(table, name: str, text: str, value) -> str:
    if value is None:
        return text
    try:
        return value(table.column(name), text)
    except KeyError:
        return text


def _kind(table, name: str) -> str:
    try:
        return table.column(name).kind
    except KeyError:
        return "text"


def _excel_cell(kind: str, text: str) -> object:
    """The cell a spreadsheet user would have typed for this text."""
    if text == "":
        return None
    if kind == "date":
        return dt.date.fromisoformat(text)
    if kind == "timestamp":
        return dt.datetime.fromisoformat(text)
    if kind in ("money", "number"):
        return float(text)
    if kind == "int":
        return int(text)
    if kind == "bool":
        return text == "true"
    return text


def load_folder(folder: Path) -> duckdb.DuckDBPyConnection:
    """Load a raw folder into a new in-memory DuckDB; the connection."""
    con = duckdb.connect()
    load_raw(folder, con)
    return con


def ingest_problems(folder: Path, max_problems: int = 200) -> IngestError:
    """The IngestError loading this folder raises (fails the test if it loads)."""
    con = duckdb.connect()
    try:
        with pytest.raises(IngestError) as info:
            load_raw(folder, con, max_problems=max_problems)
        tables = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw'").fetchall()[0][
            0
        ]
        assert tables == 0, "a failed ingest must not leave raw tables behind"
        leftovers = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE starts_with(table_name, '_ingest')"
        ).fetchall()[0][0]
        assert leftovers == 0, "a failed ingest must drop its temporary tables"
    finally:
        con.close()
    return info.value


ALL_TABLES = tuple(t.name for t in TABLES)
