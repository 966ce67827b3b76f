"""Ingest rejects every defect class of the contract, naming file, row, column and value."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_tables import E1, E3, english, ingest_problems, load_folder, make_uscc, write_csv, write_table_csv, write_xlsx
from stdnum.cn import uscc

from warehouse.ingest import IngestError, Problem


def only_problem(folder: Path) -> Problem:
    """The single problem loading `folder` reports."""
    error = ingest_problems(folder)
    assert error.total == 1, str(error)
    return error.problems[0]


def with_check_digit(base17: str, wrong: bool = False) -> str:
    """An 18-character code with its right (or a wrong) check digit."""
    right = uscc.calc_check_digit(base17)
    return base17 + (("1" if right != "1" else "2") if wrong else right)


BAD_CHECK = with_check_digit(E1[:17], wrong=True)


@pytest.mark.parametrize(
    ("table", "index", "column", "value", "message"),
    [
        # an empty required cell
        ("enterprises", 1, "name", "", "required"),
        ("service_cases", 0, "due_at", "  ", "required"),
        # unparseable values, one per kind
        ("industrial_monthly", 2, "gross_output", "12,5", "must be a number"),
        ("industrial_monthly", 0, "revenue", "1.2万", "must be a number"),
        ("industrial_monthly", 1, "profit", "NaN", "must be a number"),
        ("industry_prices", 0, "ppi_yoy", "inf", "must be a number"),
        ("project_plans", 1, "year", "2025.5", "whole number"),
        ("talent_demand", 0, "openings", "twelve", "whole number"),
        ("projects", 0, "planned_start", "2023/03/01", "YYYY-MM-DD"),
        ("projects", 1, "planned_completion", "2025-02-30", "not a real calendar date"),
        ("talent", 0, "arrived_on", "2023-13-01", "not a real calendar date"),
        ("service_cases", 1, "submitted_at", "2025-06-10", "YYYY-MM-DD HH:MM"),
        ("service_cases", 0, "completed_at", "2025-06-03 25:00", "not a real date and time"),
        ("industrial_monthly", 3, "period", "2025-13", "YYYY-MM"),
        ("project_investment", 0, "period", "2025-5", "YYYY-MM"),
        ("projects", 0, "is_industrial", "maybe", "是/否"),
        ("service_cases", 1, "one_visit", "Y", "是/否"),
        # enums
        ("enterprise_tiers", 0, "tier", "dragon", "gazelle (瞪羚企业)"),
        ("region_benchmarks", 2, "region_level", "county", "must be one of"),
        ("service_matters", 0, "lifecycle_stage", "开业", "开办"),
        # ranges
        ("industrial_monthly", 1, "gross_output", "-5", "must be ≥ 0"),
        ("industry_prices", 1, "va_rate", "1.5", "must be > 0 and ≤ 1"),
        ("industry_prices", 2, "va_rate", "0", "must be > 0 and ≤ 1"),
        ("industry_prices", 3, "ppi_yoy", "0", "must be > 0"),
        ("service_cases", 0, "rating", "6", "must be ≥ 1 and ≤ 5"),
        ("project_plans", 0, "year", "1850", "≥ 1900"),
        ("projects", 1, "total_investment", "-1", "must be ≥ 0"),
        # codes
        ("enterprises", 2, "industry_code", "73200", "4-digit"),
        ("enterprises", 2, "industry_code", "9911", "99, are not a GB/T 4754-2017 division"),
        ("industry_prices", 4, "division", "99", "not a GB/T 4754-2017 division"),
        ("industry_prices", 4, "division", "2", "2-digit"),
        ("talent", 0, "enterprise_id", BAD_CHECK, f"should be {E1[-1]!r}"),
        ("talent", 0, "enterprise_id", E1[:17], "18 characters"),
        ("service_cases", 0, "enterprise_id", "91320500MA1000001I", "capital letters"),
        # references
        ("industrial_monthly", 0, "enterprise_id", make_uscc(99), "unknown enterprise"),
        ("projects", 0, "enterprise_id", make_uscc(98), "unknown enterprise"),
        ("project_plans", 1, "project_id", "P999", "unknown project"),
        ("project_milestones", 0, "project_id", "p001", "unknown project"),
        ("service_cases", 1, "matter_code", "M999", "unknown service matter"),
        ("industrial_monthly", 1, "period", "2025-05", "no row of industry_prices.csv for division 39 at 2025-05"),
    ],
)
def test_bad_cell_is_reported_where_it_is(
    tmp_path: Path, valid_tables: dict, table: str, index: int, column: str, value: str, message: str
) -> None:
    valid_tables[table][index][column] = value
    problem = only_problem(write_csv(tmp_path, valid_tables))
    assert (problem.file, problem.row, problem.column) == (f"{table}.csv", index + 2, column)
    assert problem.value == (value.strip() or None)
    assert message in problem.message


def test_check_digit_message_names_the_expected_digit(tmp_path: Path, valid_tables: dict) -> None:
    valid_tables["talent"][0]["enterprise_id"] = BAD_CHECK
    problem = only_problem(write_csv(tmp_path, valid_tables))
    assert f"should be '{E1[-1]}'" in problem.message
    assert "GB 32100-2015" in problem.message


def test_invalid_uscc_in_enterprises_is_reported_once_per_cell(tmp_path: Path, valid_tables: dict) -> None:
    bad = with_check_digit(E3[:17], wrong=True)
    valid_tables["enterprises"][2]["enterprise_id"] = bad  # E3 has no rows elsewhere
    problem = only_problem(write_csv(tmp_path, valid_tables))
    assert (problem.file, problem.row, problem.column, problem.value) == ("enterprises.csv", 4, "enterprise_id", bad)


@pytest.mark.parametrize(
    ("table", "index", "changes", "column", "value", "first_row"),
    [
        ("enterprises", 0, {}, "enterprise_id", E1, 2),
        ("industrial_monthly", 2, {}, "enterprise_id, period", f"{make_uscc(2)}, 2024-06", 4),
        # the same key spelt with a label instead of the code is still the same key
        (
            "enterprise_tiers",
            0,
            {"tier": "瞪羚企业", "level": "省级"},
            "enterprise_id, tier, recognized_on",
            f"{E1}, gazelle, 2024-01-15",
            2,
        ),
        ("service_cases", 1, {"case_id": " C0002 "}, "case_id", "C0002", 3),
        ("targets", 0, {"target": "1800"}, "year, indicator", "2025, innovative_sme", 2),
    ],
)
def test_repeated_key_names_the_first_row(
    tmp_path: Path,
    valid_tables: dict,
    table: str,
    index: int,
    changes: dict,
    column: str,
    value: str,
    first_row: int,
) -> None:
    rows = valid_tables[table]
    rows.append({**rows[index], **changes})
    problem = only_problem(write_csv(tmp_path, valid_tables))
    assert (problem.file, problem.row, problem.column, problem.value) == (f"{table}.csv", len(rows) + 1, column, value)
    assert f"as row {first_row}" in problem.message


@pytest.mark.parametrize("headers", ["english", "chinese"])
def test_missing_required_column(tmp_path: Path, valid_tables: dict, headers: str) -> None:
    for row in valid_tables["industrial_monthly"]:
        del row["revenue"]
    header = english if headers == "english" else (lambda c, i: c.alias)
    problem = only_problem(write_csv(tmp_path, valid_tables, header=header))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "industrial_monthly.csv",
        None,
        "revenue",
        None,
    )
    assert "revenue or 营业收入" in problem.message


def test_missing_optional_column_is_fine(tmp_path: Path, valid_tables: dict) -> None:
    for row in valid_tables["projects"]:
        del row["actual_completion"]
    con = load_folder(write_csv(tmp_path, valid_tables))
    assert con.execute("SELECT count(*) FROM raw.projects WHERE actual_completion IS NULL").fetchall() == [(2,)]


def test_repeated_column_english_and_alias(tmp_path: Path, valid_tables: dict) -> None:
    write_csv(tmp_path, valid_tables)
    path = tmp_path / "targets.csv"
    path.write_text("year,indicator,target,目标值\n2025,innovative_sme,1700,1700\n", encoding="utf-8")
    problem = only_problem(tmp_path)
    assert (problem.file, problem.row, problem.column) == ("targets.csv", None, "target")
    assert "column C headed 'target' and column D headed '目标值'" in problem.message


@pytest.mark.parametrize("missing", ["targets", "enterprises"])
def test_missing_file(tmp_path: Path, valid_tables: dict, missing: str) -> None:
    del valid_tables[missing]
    error = ingest_problems(write_csv(tmp_path, valid_tables))
    problem = error.problems[0]
    assert (problem.file, problem.row, problem.column) == (f"{missing}.csv", None, None)
    assert f"{missing}.csv or {missing}.xlsx" in problem.message
    # references to a missing table are not reported row by row
    assert error.total == 1


def test_misnamed_file_is_mentioned(tmp_path: Path, valid_tables: dict) -> None:
    write_csv(tmp_path, valid_tables)
    (tmp_path / "targets.csv").rename(tmp_path / "target.csv")
    problem = only_problem(tmp_path)
    assert problem.file == "targets.csv" and "target.csv" in problem.message


def test_csv_and_xlsx_for_one_table(tmp_path: Path, valid_tables: dict) -> None:
    write_csv(tmp_path, valid_tables)
    write_xlsx(tmp_path, {"targets": valid_tables["targets"]})
    problem = only_problem(tmp_path)
    assert problem.file.startswith("targets.") and "keep one" in problem.message


def test_empty_file(tmp_path: Path, valid_tables: dict) -> None:
    write_csv(tmp_path, valid_tables)
    (tmp_path / "targets.csv").write_bytes(b"")
    problem = only_problem(tmp_path)
    assert (problem.file, problem.row) == ("targets.csv", None) and "header" in problem.message


def test_row_with_more_values_than_headers(tmp_path: Path, valid_tables: dict) -> None:
    write_csv(tmp_path, valid_tables)
    path = tmp_path / "targets.csv"
    path.write_text(
        "year,indicator,target\n2025,innovative_sme,1700\n2025,above_scale_count,400,oops\n", encoding="utf-8"
    )
    problem = only_problem(tmp_path)
    assert (problem.file, problem.row, problem.value) == ("targets.csv", 3, "oops")
    assert "column D" in problem.message


def test_row_numbers_count_blank_lines_and_multiline_cells(tmp_path: Path, valid_tables: dict) -> None:
    write_csv(tmp_path, valid_tables)
    path = tmp_path / "service_matters.csv"
    path.write_text(
        'matter_code,name,lifecycle_stage\nM001,"企业开办\n(一网通办)",establish\n\nM002,个转企,chage\n',
        encoding="utf-8",
    )
    problem = only_problem(tmp_path)
    # row 2 holds a two-line cell, row 3 is blank, the bad value is on spreadsheet row 4
    assert (problem.row, problem.column, problem.value) == (4, "lifecycle_stage", "chage")


def test_several_problems_are_all_reported_in_file_and_row_order(tmp_path: Path, valid_tables: dict) -> None:
    valid_tables["industrial_monthly"][3]["gross_output"] = "-5"
    valid_tables["industrial_monthly"][0]["revenue"] = "abc"
    valid_tables["enterprises"][1]["registered_on"] = "2025-02-30"
    valid_tables["service_cases"][1]["matter_code"] = "M404"
    del valid_tables["targets"]
    error = ingest_problems(write_csv(tmp_path, valid_tables))
    assert error.total == 5
    assert [(p.file, p.row, p.column) for p in error.problems] == [
        ("enterprises.csv", 3, "registered_on"),
        ("industrial_monthly.csv", 2, "revenue"),
        ("industrial_monthly.csv", 5, "gross_output"),
        ("service_cases.csv", 3, "matter_code"),
        ("targets.csv", None, None),
    ]
    lines = str(error).splitlines()
    assert lines[0].startswith("Raw data rejected, nothing loaded: 5 problems")
    assert lines[3] == "industrial_monthly.csv, row 5, column gross_output (工业总产值), value '-5': must be ≥ 0"


def test_problems_are_capped_but_counted(tmp_path: Path, valid_tables: dict) -> None:
    rows = valid_tables["talent_demand"]
    rows += [{"chain": f"链{i}", "category": "young", "period": "2025-06", "openings": "-1"} for i in range(300)]
    error = ingest_problems(write_csv(tmp_path, valid_tables), max_problems=25)
    assert error.total == 300
    assert len(error.problems) == 25
    assert [p.row for p in error.problems] == list(range(4, 29))
    assert "the first 25 are listed" in str(error).splitlines()[0]


def test_xlsx_problems_use_sheet_rows(tmp_path: Path, valid_tables: dict) -> None:
    valid_tables["industrial_monthly"][2]["enterprise_id"] = make_uscc(77)
    write_xlsx(tmp_path, valid_tables)
    problem = only_problem(tmp_path)
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "industrial_monthly.xlsx",
        4,
        "enterprise_id",
        make_uscc(77),
    )


def test_problem_str_without_row_or_value() -> None:
    p = Problem("projects.csv", None, "name", None, "required column is missing")
    assert str(p) == "projects.csv, column name (项目名称): required column is missing"
    assert "value" not in str(IngestError([p]))


def test_missing_folder(tmp_path: Path) -> None:
    import duckdb

    from warehouse.ingest import load_raw

    with pytest.raises(IngestError, match="is not a folder"):
        load_raw(tmp_path / "nope", duckdb.connect())


def test_gbk_file_problem_shows_chinese_value(tmp_path: Path, valid_tables: dict) -> None:
    write_csv(tmp_path, valid_tables)
    rows = valid_tables["talent"]
    rows[1]["education"] = "大专"
    write_table_csv(tmp_path / "talent.csv", "talent", rows, encoding="gbk", header=lambda c, i: c.alias)
    problem = only_problem(tmp_path)
    assert (problem.row, problem.column, problem.value) == (3, "education", "大专")
    assert "博士" in problem.message


def test_failed_ingest_leaves_earlier_raw_tables_alone(tmp_path: Path, valid_tables: dict) -> None:
    import duckdb

    from warehouse.ingest import load_raw

    con = duckdb.connect()
    load_raw(write_csv(tmp_path / "good", valid_tables), con)
    valid_tables["targets"].append({"year": "2026", "indicator": "innovative_sme", "target": "1900"})
    valid_tables["service_cases"][0]["rating"] = "9"
    with pytest.raises(IngestError):
        load_raw(write_csv(tmp_path / "bad", valid_tables), con)
    assert con.execute("SELECT count(*) FROM raw.targets").fetchall() == [(2,)]
