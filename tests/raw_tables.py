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

VALID: Tables = {
    "enterprises": [
        {
            "enterprise_id": E1,
            "name": "苏州芯联电子有限公司",
            "industry_code": "3911",
            "chain": "电子信息",
            "park": "一区",
            "registered_on": "2015-03-01",
        },
        {
            "enterprise_id": E2,
            "name": "苏州康瑞生物医药有限公司",
            "industry_code": "2710",
            "chain": "生物医药",
            "park": "二区",
            "registered_on": "2018-11-20",
        },
        {
            "enterprise_id": E3,
            "name": "苏州智研科技有限公司",
            "industry_code": "7320",
            "chain": "电子信息",
            "park": "一区",
            "registered_on": "2021-07-05",
        },
    ],
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
    "region_benchmarks": [
        {
            "region_level": "national",
            "region_name": "全国",
            "period": "2025-06",
            "indicator": "industrial_va_growth_ytd",
            "value": "6.4",
        },
        {
            "region_level": "province",
            "region_name": "江苏省",
            "period": "2025-06",
            "indicator": "industrial_va_growth_ytd",
            "value": "7.7",
        },
        {
            "region_level": "city",
            "region_name": "苏州市",
            "period": "2025-06",
            "indicator": "gross_output_ytd",
            "value": "48000000",
        },
    ],
    "projects": [
        {
            "project_id": "P001",
            "name": "芯片封测产线扩建",
            "enterprise_id": E1,
            "chain": "电子信息",
            "is_industrial": "true",
            "total_investment": "52000",
            "provincial_key": "true",
            "signed_on": "2023-02-01",
            "planned_start": "2023-03-01",
            "actual_start": "2023-04-10",
            "planned_completion": "2025-12-31",
            "actual_completion": "",
        },
        {
            "project_id": "P002",
            "name": "科创服务中心",
            "enterprise_id": "",
            "chain": "现代服务",
            "is_industrial": "false",
            "total_investment": "8000.5",
            "provincial_key": "false",
            "signed_on": "",
            "planned_start": "2025-09-01",
            "actual_start": "",
            "planned_completion": "2027-06-30",
            "actual_completion": "",
        },
    ],
    "project_plans": [
        {"project_id": "P001", "year": "2025", "plan_category": "continuing", "planned_investment": "15000"},
        {"project_id": "P002", "year": "2025", "plan_category": "preparatory", "planned_investment": "500"},
    ],
    "project_milestones": [
        {
            "project_id": "P001",
            "milestone": "土建",
            "seq": "1",
            "planned_start": "2023-03-01",
            "planned_end": "2024-06-30",
            "actual_start": "2023-04-10",
            "actual_end": "2024-08-15",
        },
        {
            "project_id": "P001",
            "milestone": "设备安装",
            "seq": "2",
            "planned_start": "2024-07-01",
            "planned_end": "2025-10-31",
            "actual_start": "2024-09-01",
            "actual_end": "",
        },
    ],
    "project_investment": [
        {"project_id": "P001", "period": "2025-05", "invested": "1300.5"},
        {"project_id": "P001", "period": "2025-06", "invested": "980"},
    ],
    "enterprise_tiers": [
        {
            "enterprise_id": E1,
            "tier": "gazelle",
            "level": "province",
            "recognized_on": "2024-01-15",
            "expires_on": "2027-01-14",
        },
        {
            "enterprise_id": E2,
            "tier": "high_tech",
            "level": "national",
            "recognized_on": "2023-11-01",
            "expires_on": "",
        },
        {
            "enterprise_id": E1,
            "tier": "little_giant",
            "level": "national",
            "recognized_on": "2025-03-01",
            "expires_on": "",
        },
    ],
    "talent": [
        {
            "talent_id": "T0001",
            "enterprise_id": E1,
            "category": "leading",
            "chain": "电子信息",
            "education": "doctor",
            "source": "introduced",
            "arrived_on": "2022-05-01",
            "left_on": "",
        },
        {
            "talent_id": "T0002",
            "enterprise_id": "",
            "category": "young",
            "chain": "生物医药",
            "education": "master",
            "source": "cultivated",
            "arrived_on": "2023-07-01",
            "left_on": "2025-01-31",
        },
    ],
    "talent_demand": [
        {"chain": "电子信息", "category": "leading", "period": "2025-06", "openings": "12"},
        {"chain": "生物医药", "category": "skilled", "period": "2025-06", "openings": "30"},
    ],
    "service_matters": [
        {"matter_code": "M001", "name": "企业开办", "lifecycle_stage": "establish"},
        {"matter_code": "M002", "name": "个转企", "lifecycle_stage": "change"},
    ],
    "service_cases": [
        {
            "case_id": "C0001",
            "enterprise_id": E1,
            "matter_code": "M001",
            "channel": "online",
            "specialist_id": "",
            "submitted_at": "2025-06-02 09:30",
            "due_at": "2025-06-05 17:00:00",
            "completed_at": "2025-06-03 10:15:30",
            "one_visit": "true",
            "bundled": "false",
            "rating": "5",
            "rectified_at": "",
        },
        {
            "case_id": "C0002",
            "enterprise_id": "",
            "matter_code": "M002",
            "channel": "specialist",
            "specialist_id": "S07",
            "submitted_at": "2025-06-10 14:00:00",
            "due_at": "2025-06-17 17:00:00",
            "completed_at": "",
            "one_visit": "false",
            "bundled": "true",
            "rating": "2",
            "rectified_at": "2025-06-20 12:00:00",
        },
    ],
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
