"""Helpers for the landing-store tests: a store holding the small valid dataset, and the files of a
next month (2025-07) that raise review findings."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from raw_tables import E1, E2, E3, VALID, write_table_csv

from warehouse.contract import TABLES, TABLES_BY_NAME
from warehouse.intake import Store

# the order offices hand in the small dataset: what a table refers to comes first
FIRST = ("enterprises", "industry_prices", "service_matters", "projects")
ORDER = (*FIRST, *(t.name for t in TABLES if t.name not in FIRST))
# 2025-07 industrial_monthly: E1 as usual (row 2), E3 new (row 3; revenue a tenth of output), E2 missing
JULY = [
    {"enterprise_id": E1, "period": "2025-07", "gross_output": "15100", "revenue": "14300", "profit": "1100"},
    {"enterprise_id": E3, "period": "2025-07", "gross_output": "1000", "revenue": "100", "profit": "10"},
]
JULY_FINDINGS = {("IM03", "3"), ("IM06", E2), ("IM07", "3")}
JULY_PRICES = [
    {"division": d, "period": "2025-07", "ppi_yoy": "99.5", "va_rate": "0.25"} for d in ("39", "27", "26", "73")
]


def filled_store(root: Path, files: Path) -> Store:
    """A store at root with every table of the small valid dataset accepted (files written under `files`)."""
    store = Store(root)
    files.mkdir(parents=True, exist_ok=True)
    for name in ORDER:
        path = files / f"{name}.csv"
        write_table_csv(path, name, VALID[name])
        # the small dataset's case C0002 (row 3) is rated but not completed: 疑问 SC01, explained
        result = store.submit(name, path, "setup", {("SC01", "3"): "评价针对受理环节，办件尚未办结"})
        assert result.state == "accepted", (name, result.errors, result.findings)
    return store


def write_rows(path: Path, table: str, rows: list[dict[str, str]], *, chinese_gbk: bool = False) -> Path:
    """One table's rows as a CSV: English headers in UTF-8, or the Chinese headers in GBK."""
    if not chinese_gbk:
        write_table_csv(path, table, rows)
        return path
    columns = TABLES_BY_NAME[table].columns
    with path.open("w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow([c.alias for c in columns])
        for row in rows:
            w.writerow([row.get(c.name, "") for c in columns])
    return path


def folder_bytes(folder: Path) -> dict[str, str]:
    """File name -> sha256 of every file in a folder."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}
