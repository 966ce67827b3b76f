"""The same data loads to identical raw tables whatever file format, encoding and header spelling."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from raw_tables import ALL_TABLES, E1, load_folder, write_csv, write_table_csv, write_xlsx

from warehouse.contract import TABLES, TABLES_BY_NAME, Column, display_label
from warehouse.ingest import normalise_header, read_table_file


def raw_frames(folder: Path) -> dict[str, pd.DataFrame]:
    """Every raw table the folder loads to, as DataFrames."""
    con = load_folder(folder)
    return {t: con.execute(f'SELECT * FROM raw."{t}"').df() for t in ALL_TABLES}


def full_width(text: str) -> str:
    """ASCII letters, digits and '_' as their full-width forms (what NFKC folds back)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def mixed_header(col: Column, i: int) -> str:
    """Chinese alias or English name, alternately, with the clutter of real exports around it."""
    if i % 3 == 0:
        return f"\u3000{col.alias} "  # full-width space before
    if i % 3 == 1:
        return f" {full_width(col.name)}"  # full-width letters
    return col.name.upper()


def chinese_value(col: Column, text: str) -> str:
    """Enum codes as their Chinese labels, booleans as 是/否, with stray spaces."""
    if col.kind == "enum" and text:
        return display_label(col.enum, text)
    if col.kind == "bool":
        return {"true": "是", "false": "否"}[text]
    return f" {text}\u3000" if text and col.kind == "money" else text


@pytest.fixture
def baseline(tmp_path: Path, valid_tables: dict) -> dict[str, pd.DataFrame]:
    """Raw tables from UTF-8 CSVs with English headers."""
    return raw_frames(write_csv(tmp_path / "baseline", valid_tables))


@pytest.mark.parametrize(
    "variant", ["utf-8-sig", "gbk-chinese-headers-and-labels", "gb18030", "xlsx", "xlsx-chinese-headers"]
)
def test_formats_load_identically(tmp_path: Path, valid_tables: dict, baseline: dict, variant: str) -> None:
    folder = tmp_path / variant
    if variant == "utf-8-sig":
        write_csv(folder, valid_tables, encoding="utf-8-sig")
    elif variant == "gbk-chinese-headers-and-labels":
        write_csv(folder, valid_tables, encoding="gbk", header=mixed_header, value=chinese_value)
    elif variant == "gb18030":
        write_csv(folder, valid_tables, encoding="gb18030", header=lambda c, i: c.alias)
    elif variant == "xlsx":
        write_xlsx(folder, valid_tables)
    else:
        write_xlsx(folder, valid_tables, header=mixed_header)
    frames = raw_frames(folder)
    for name in ALL_TABLES:
        pd.testing.assert_frame_equal(frames[name], baseline[name], obj=f"raw.{name} from {variant}")


def test_formats_can_be_mixed_in_one_folder(tmp_path: Path, valid_tables: dict, baseline: dict) -> None:
    write_csv(
        tmp_path,
        {k: v for k, v in valid_tables.items() if k != "service_cases"},
        encoding="gbk",
        header=lambda c, i: c.alias,
    )
    write_xlsx(tmp_path, {"service_cases": valid_tables["service_cases"]})
    frames = raw_frames(tmp_path)
    for name in ALL_TABLES:
        pd.testing.assert_frame_equal(frames[name], baseline[name], obj=f"raw.{name}")


def test_raw_tables_have_contract_columns_and_types(tmp_path: Path, valid_tables: dict) -> None:
    con = load_folder(write_csv(tmp_path, valid_tables))
    for table in TABLES:
        described = con.execute(f'DESCRIBE raw."{table.name}"').fetchall()
        assert [(r[0], r[1]) for r in described] == [(c.name, c.duckdb_type) for c in table.columns]


def test_typed_values(tmp_path: Path, valid_tables: dict) -> None:
    con = load_folder(write_csv(tmp_path, valid_tables))
    row = con.execute(
        "SELECT submitted_at::VARCHAR, completed_at::VARCHAR, one_visit, rating FROM raw.service_cases "
        "WHERE case_id = 'C0001'"
    ).fetchall()
    assert row == [("2025-06-02 09:30:00", "2025-06-03 10:15:30", True, 5)]
    assert con.execute("SELECT sum(profit) FROM raw.industrial_monthly").fetchall() == [(950.25 + 1200 - 120.5 + 80,)]
    assert con.execute("SELECT registered_on::VARCHAR FROM raw.enterprises LIMIT 1").fetchall() == [("2015-03-01",)]


def test_labels_map_to_codes_and_chinese_booleans(tmp_path: Path, valid_tables: dict) -> None:
    valid_tables["enterprise_tiers"][0].update(tier="瞪羚企业", level="省级")
    valid_tables["enterprise_tiers"][2]["tier"] = "专精特新“小巨人”"
    valid_tables["service_cases"][0].update(channel="网上", one_visit="是", bundled="否")
    valid_tables["service_cases"][1].update(channel="专员帮办", one_visit="FALSE", bundled="1")
    valid_tables["region_benchmarks"][0]["region_level"] = "全国"
    valid_tables["region_benchmarks"][2]["indicator"] = "规上工业总产值累计"
    valid_tables["projects"][0]["is_industrial"] = "True"
    valid_tables["talent"][0]["education"] = "Doctor"  # codes are case-insensitive too
    con = load_folder(write_csv(tmp_path, valid_tables))
    assert con.execute("SELECT tier, level FROM raw.enterprise_tiers").fetchall() == [
        ("gazelle", "province"),
        ("high_tech", "national"),
        ("little_giant", "national"),
    ]
    assert con.execute("SELECT channel, one_visit, bundled FROM raw.service_cases").fetchall() == [
        ("online", True, False),
        ("specialist", False, True),
    ]
    assert con.execute("SELECT region_level, indicator FROM raw.region_benchmarks").fetchall()[::2] == [
        ("national", "industrial_va_growth_ytd"),
        ("city", "gross_output_ytd"),
    ]
    assert con.execute("SELECT is_industrial FROM raw.projects").fetchall() == [(True,), (False,)]
    assert con.execute("SELECT education FROM raw.talent").fetchall() == [("doctor",), ("master",)]


def test_extra_columns_are_kept_after_the_contract_columns(tmp_path: Path, valid_tables: dict) -> None:
    for i, row in enumerate(valid_tables["enterprises"]):
        row["备注"] = f"note {i}" if i != 1 else ""
        row[" Contact\u3000"] = "0512-1234"
    con = load_folder(write_csv(tmp_path, valid_tables, encoding="gbk"))
    described = con.execute("DESCRIBE raw.enterprises").fetchall()
    assert [(r[0], r[1]) for r in described[-2:]] == [("备注", "VARCHAR"), ("Contact", "VARCHAR")]
    assert con.execute('SELECT "备注" FROM raw.enterprises').fetchall() == [("note 0",), (None,), ("note 2",)]


def test_header_only_file_is_an_empty_table(tmp_path: Path, valid_tables: dict) -> None:
    valid_tables["talent_demand"] = []
    con = load_folder(write_csv(tmp_path, valid_tables))
    assert con.execute("SELECT count(*) FROM raw.talent_demand").fetchall() == [(0,)]


def test_empty_rows_and_empty_unnamed_columns_are_ignored(tmp_path: Path, valid_tables: dict) -> None:
    write_csv(tmp_path, valid_tables)
    (tmp_path / "service_matters.csv").write_text(
        "matter_code,name,lifecycle_stage,\nM001,企业开办,establish,\n,,,\nM002,个转企,change,\n,,,\n",
        encoding="utf-8",
    )
    con = load_folder(tmp_path)
    assert con.execute("SELECT * FROM raw.service_matters").fetchall() == [
        ("M001", "企业开办", "establish"),
        ("M002", "个转企", "change"),
    ]


def test_xlsx_excel_cells(tmp_path: Path, valid_tables: dict) -> None:
    """Excel may turn 2025-06 into a date and ids into numbers; both read back as the contract's text."""
    import datetime as dt

    import openpyxl

    write_csv(tmp_path, valid_tables)
    (tmp_path / "project_investment.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["project_id", "报告期", "invested"])
    ws.append(["P001", dt.datetime(2025, 5, 1), 1300.5])
    ws.append(["P001", "2025-06", 980])
    ws.append([None, None, None])
    wb.save(tmp_path / "project_investment.xlsx")
    con = load_folder(tmp_path)
    assert con.execute("SELECT period, invested FROM raw.project_investment").fetchall() == [
        ("2025-05", 1300.5),
        ("2025-06", 980.0),
    ]


def test_header_normalisation() -> None:
    assert normalise_header("\u3000ｅｎｔｅｒｐｒｉｓｅ＿ｉｄ ") == "enterprise_id"
    assert normalise_header(" 统一社会信用代码\t") == "统一社会信用代码"
    assert normalise_header(None) == ""


def test_every_header_spelling_names_one_column() -> None:
    for table in TABLES:
        spellings = [s for c in table.columns for s in (c.name.lower(), unicodedata.normalize("NFKC", c.alias))]
        assert len(spellings) == len(set(spellings)), table.name


def test_read_table_file_gbk(tmp_path: Path, valid_tables: dict) -> None:
    path = tmp_path / "enterprises.csv"
    write_table_csv(path, "enterprises", valid_tables["enterprises"], encoding="gbk", header=lambda c, i: c.alias)
    frame = read_table_file(path)
    assert list(frame.columns) == [normalise_header(c.alias) for c in TABLES_BY_NAME["enterprises"].columns]
    assert frame.loc[2, "统一社会信用代码"] == E1
    assert frame.loc[3, "企业名称"] == "苏州康瑞生物医药有限公司"


def test_connection_is_left_as_found(tmp_path: Path, valid_tables: dict) -> None:
    import duckdb

    from warehouse.ingest import load_raw

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    load_raw(write_csv(tmp_path, valid_tables), con)
    assert con.execute("SELECT current_setting('preserve_insertion_order')").fetchall() == [(False,)]
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE starts_with(table_name, '_ingest')").fetchall() == [
        (0,)
    ]


@pytest.mark.parametrize(
    ("label", "score"), [("非常满意", 5), ("满意", 4), ("基本满意", 3), ("不满意", 2), ("非常不满意", 1)]
)
def test_rating_labels_map_to_scores(tmp_path: Path, valid_tables: dict, label: str, score: int) -> None:
    valid_tables["service_cases"][0]["rating"] = label
    con = load_folder(write_csv(tmp_path, valid_tables))
    assert con.execute("SELECT rating FROM raw.service_cases WHERE case_id = 'C0001'").fetchall() == [(score,)]
