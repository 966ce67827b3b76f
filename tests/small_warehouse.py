"""The SQL workbench tests' small warehouse: one file with schemas main, intermediate, staging and raw.

Small on purpose (built in milliseconds, independent of the dbt pipeline): the tests are
about what the locked-down connection lets a query do, not about the marts. The `small_db`
fixture (conftest.py) builds a fresh one per test; the tests import the rows it holds from here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

# The rows of main.industrial_growth, as the tests expect them back.
GROWTH_ROWS = [
    ("91320500MA1000001X", "苏州芯联电子有限公司", "电子信息", 15000.0, 12.5),
    ("91320500MA1000002Y", "苏州康瑞生物医药有限公司", "生物医药", 6100.25, -3.0),
    ("91320500MA1000003Z", "Acme Widgets", "高端装备", 900.0, 0.0),
]
# Text a spreadsheet would run as a formula, and text that merely looks odd.
FORMULA_ROWS = [
    (1, "=1+2", "公式"),
    (2, "+86 512 0000", "电话"),
    (3, "-x", "减号"),
    (4, "@SUM(A1:A2)", "at"),
    (5, '=HYPERLINK("http://example.invalid","点击")', "链接"),
    (6, "普通文本 = 正常", "plain"),
]


def build_small_warehouse(path: Path) -> Path:
    """Write the small warehouse at path and return it."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema raw; create schema staging; create schema intermediate")
        con.execute(
            "create table main.industrial_growth (enterprise_id varchar, name varchar, chain varchar,"
            " gross_output double, growth_pct double)"
        )
        con.executemany("insert into main.industrial_growth values (?, ?, ?, ?, ?)", GROWTH_ROWS)
        con.execute("create table main.formula_text (id integer, text varchar, note varchar)")
        con.executemany("insert into main.formula_text values (?, ?, ?)", FORMULA_ROWS)
        con.execute(
            "create table main.typed as select date '2025-06-30' as period_end, 12.50::decimal(18,2) as amount,"
            " null::integer as missing, true as flag, -5 as negative"
        )
        con.execute("create table raw.enterprises as select enterprise_id, name from main.industrial_growth")
        con.execute("create view staging.stg_raw__enterprises as select * from raw.enterprises")
        con.execute("create view intermediate.int_enterprises_named as select * from staging.stg_raw__enterprises")
        con.execute("checkpoint")
    return path


def sha256(path: Path) -> str:
    """Hash of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
