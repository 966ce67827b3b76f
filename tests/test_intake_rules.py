"""The review rules (审核, warehouse/intake/review_rules.toml): each on a fixture that triggers it and
one that does not, run by the engine exactly as a submission runs them (relations sub, prior,
merged and the accepted raw tables in DuckDB)."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.intake import review

E1, E2 = "91320500MA1000001X", "91320500MA1000002Y"
RULES = {r.code: r for r in review.load_rules()}


def _insert(con: duckdb.DuckDBPyConnection, sql: str, rows: list[tuple]) -> None:
    if rows:
        con.executemany(sql, rows)


def _con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute(
        "create table raw.enterprises as select * from (values "
        f"('{E1}', '苏州芯联电子有限公司'), ('{E2}', '苏州康瑞生物医药有限公司')) t(enterprise_id, name)"
    )
    con.execute(
        "create table raw.projects as select * from (values "
        f"('P001', '芯片封测产线扩建', '{E1}', 6000.0)) t(project_id, name, enterprise_id, total_investment)"
    )
    con.execute("create table raw.service_matters as select * from (values ('M001', '企业开办')) t(matter_code, name)")
    return con


def _tables(con: duckdb.DuckDBPyConnection, cols: str, prior: list[tuple], sub: list[tuple]) -> None:
    """prior and sub (rows of `cols` whose second value is the period; sub rows get rows 2, 3, …) and merged."""
    for name, rows, first in (("prior", prior, None), ("sub", sub, 2)):
        con.execute(f"create table {name} ({cols}, _period VARCHAR, _row BIGINT)")
        marks = ", ".join("?" * (cols.count(",") + 3))
        numbered = [(*r, r[1], None if first is None else first + i) for i, r in enumerate(rows)]
        _insert(con, f"insert into {name} values ({marks})", numbered)
    con.execute("create view merged as select * from prior union all by name select * from sub")


def _monthly(con: duckdb.DuckDBPyConnection, prior: list[tuple], sub: list[tuple]) -> None:
    """industrial_monthly rows (enterprise_id, period, gross_output, revenue, profit)."""
    cols = "enterprise_id VARCHAR, period VARCHAR, gross_output DOUBLE, revenue DOUBLE, profit DOUBLE"
    _tables(con, cols, prior, sub)


def _run(con: duckdb.DuckDBPyConnection, code: str) -> list[review.Finding]:
    return review.run_rules(con, RULES[code].table, [RULES[code]])


def _steady(months: list[str], output: float = 1000.0) -> list[tuple]:
    return [(E1, m, output, output, 50.0) for m in months]


def test_every_rule_the_issue_asks_for_is_in_the_rules_file_with_a_chinese_name_and_a_level() -> None:
    names = {r.code: (r.table, r.name, r.level) for r in RULES.values()}
    assert names == {
        "IM01": ("industrial_monthly", "环比异常", "疑问"),
        "IM02": ("industrial_monthly", "同比异常", "疑问"),
        "IM03": ("industrial_monthly", "营收产值比异常", "疑问"),
        "IM04": ("industrial_monthly", "利润大于营业收入", "错误"),
        "IM05": ("industrial_monthly", "产值由正转零", "疑问"),
        "IM06": ("industrial_monthly", "缺报", "疑问"),
        "IM07": ("industrial_monthly", "新进规", "疑问"),
        "PI01": ("project_investment", "单月投资过大", "疑问"),
        "PI02": ("project_investment", "超概算", "疑问"),
        "SC01": ("service_cases", "有评价无办结", "疑问"),
        "SC02": ("service_cases", "事项满意度下降", "疑问"),
    }
    assert RULES["IM01"].thresholds == {"high": 3.0, "low": pytest.approx(1 / 3)}
    assert RULES["IM02"].thresholds["change_pct"] == 30.0
    assert (RULES["IM03"].thresholds["low"], RULES["IM03"].thresholds["high"]) == (0.5, 2.0)


@pytest.mark.parametrize(("output", "found"), [(3100.0, True), (320.0, True), (2900.0, False), (400.0, False)])
def test_im01_month_on_month_beyond_three_times_or_a_third_of_the_previous_three_months(
    output: float, found: bool
) -> None:
    con = _con()
    _monthly(con, _steady(["2025-03", "2025-04", "2025-05"]), [(E1, "2025-06", output, output, 10.0)])
    findings = _run(con, "IM01")
    assert bool(findings) is found
    if found:
        [f] = findings
        assert (f.row, f.enterprise_id, f.period, f.key) == (2, E1, "2025-06", "2")
        assert "苏州芯联电子有限公司" in f.message and "前三个报告月均值" in f.message


def test_im01_needs_three_previous_months() -> None:
    con = _con()
    _monthly(con, _steady(["2025-04", "2025-05"]), [(E1, "2025-06", 9000.0, 9000.0, 10.0)])
    assert _run(con, "IM01") == []


@pytest.mark.parametrize(
    ("last_year", "now", "found"),
    [(10000.0, 13500.0, True), (10000.0, 6000.0, True), (10000.0, 12500.0, False), (1000.0, 1500.0, False)],
)
def test_im02_year_on_year_beyond_30_percent_above_the_size_threshold(
    last_year: float, now: float, found: bool
) -> None:
    con = _con()
    _monthly(con, [(E1, "2024-06", last_year, last_year, 1.0)], [(E1, "2025-06", now, now, 1.0)])
    findings = _run(con, "IM02")
    assert bool(findings) is found
    if found:
        assert "同比" in findings[0].message and "%" in findings[0].message


@pytest.mark.parametrize(("revenue", "found"), [(400.0, True), (2100.0, True), (500.0, False), (2000.0, False)])
def test_im03_revenue_over_output_outside_half_to_two(revenue: float, found: bool) -> None:
    con = _con()
    _monthly(con, [], [(E1, "2025-06", 1000.0, revenue, 1.0)])
    assert bool(_run(con, "IM03")) is found


@pytest.mark.parametrize(("profit", "found"), [(1200.0, True), (1000.0, False), (-50.0, False)])
def test_im04_profit_above_revenue_is_an_error(profit: float, found: bool) -> None:
    con = _con()
    _monthly(con, [], [(E1, "2025-06", 1000.0, 1000.0, profit)])
    findings = _run(con, "IM04")
    assert bool(findings) is found
    assert all(f.level == "错误" for f in findings)


@pytest.mark.parametrize(("last", "found"), [(800.0, True), (0.0, False)])
def test_im05_zero_output_after_a_positive_month(last: float, found: bool) -> None:
    con = _con()
    _monthly(con, [(E1, "2025-05", last, last, 1.0)], [(E1, "2025-06", 0.0, 0.0, 0.0)])
    assert bool(_run(con, "IM05")) is found


def test_im06_missing_reporter_has_no_row_and_is_keyed_by_enterprise() -> None:
    con = _con()
    _monthly(con, [(E1, "2025-05", 1.0, 1.0, 0.0), (E2, "2025-05", 1.0, 1.0, 0.0)], [(E1, "2025-06", 1.0, 1.0, 0.0)])
    [f] = _run(con, "IM06")
    assert (f.row, f.enterprise_id, f.period, f.key) == (None, E2, "2025-06", E2)
    assert "苏州康瑞生物医药有限公司" in f.message and "未报送" in f.message


def test_im06_not_raised_when_everyone_reported_again() -> None:
    con = _con()
    _monthly(con, [(E1, "2025-05", 1.0, 1.0, 0.0)], [(E1, "2025-06", 1.0, 1.0, 0.0), (E2, "2025-06", 1.0, 1.0, 0.0)])
    assert _run(con, "IM06") == []


def test_im07_new_reporter_listed() -> None:
    con = _con()
    _monthly(con, [(E1, "2025-05", 1.0, 1.0, 0.0)], [(E1, "2025-06", 1.0, 1.0, 0.0), (E2, "2025-06", 1.0, 1.0, 0.0)])
    [f] = _run(con, "IM07")
    assert (f.row, f.enterprise_id) == (3, E2)


def test_im07_not_raised_for_a_returning_reporter_or_a_first_ever_submission() -> None:
    con = _con()
    _monthly(con, [(E1, "2025-05", 1.0, 1.0, 0.0), (E2, "2024-09", 1.0, 1.0, 0.0)], [(E2, "2025-06", 1.0, 1.0, 0.0)])
    assert _run(con, "IM07") == []
    con = _con()
    _monthly(con, [], [(E1, "2025-06", 1.0, 1.0, 0.0)])
    assert _run(con, "IM07") == []


def _investment(con: duckdb.DuckDBPyConnection, prior: list[tuple], sub: list[tuple]) -> None:
    _tables(con, "project_id VARCHAR, period VARCHAR, invested DOUBLE", prior, sub)


@pytest.mark.parametrize(("invested", "found"), [(1001.0, True), (1000.0, False)])
def test_pi01_one_month_above_a_sixth_of_total_investment(invested: float, found: bool) -> None:
    con = _con()
    _investment(con, [], [("P001", "2025-06", invested)])  # total 6000
    findings = _run(con, "PI01")
    assert bool(findings) is found
    if found:
        assert "芯片封测产线扩建" in findings[0].message and findings[0].row == 2


@pytest.mark.parametrize(("invested", "found"), [(600.0, True), (400.0, False)])
def test_pi02_cumulative_above_total_investment(invested: float, found: bool) -> None:
    con = _con()
    _investment(con, [("P001", f"2025-0{m}", 1100.0) for m in range(1, 6)], [("P001", "2025-06", invested)])
    findings = _run(con, "PI02")
    assert bool(findings) is found
    if found:
        assert "超过总投资" in findings[0].message


def _cases(con: duckdb.DuckDBPyConnection, prior: list[tuple], sub: list[tuple]) -> None:
    """service_cases rows (case_id, period, rating, completed) — the columns the rules read."""
    cols = (
        "case_id VARCHAR, _p VARCHAR, enterprise_id VARCHAR, matter_code VARCHAR, rating BIGINT, completed_at TIMESTAMP"
    )

    def rows(data: list[tuple]) -> list[tuple]:
        done = "2025-01-01 10:00:00"
        return [(c, period, None, "M001", rating, done if ok else None) for c, period, rating, ok in data]

    _tables(con, cols, rows(prior), rows(sub))


@pytest.mark.parametrize(("rating", "done", "found"), [(4, False, True), (4, True, False), (None, False, False)])
def test_sc01_rating_without_completion(rating: int | None, done: bool, found: bool) -> None:
    con = _con()
    _cases(con, [], [("C1", "2025-06", rating, done)])
    findings = _run(con, "SC01")
    assert bool(findings) is found
    assert all(f.message.startswith("办件 C1 有评价") for f in findings)


def _month(period: str, satisfied: int, unhappy: int, start: int) -> list[tuple]:
    return [(f"C{start + i}", period, 5 if i < satisfied else 1, True) for i in range(satisfied + unhappy)]


@pytest.mark.parametrize(("satisfied_now", "found"), [(7, True), (8, False)])
def test_sc02_matter_satisfaction_down_more_than_20_points(satisfied_now: int, found: bool) -> None:
    # May: 10 of 10 satisfied (100 %); June: 7 of 10 (70 %, down 30 points) or 8 of 10 (down 20: not more than 20)
    con = _con()
    _cases(con, _month("2025-05", 10, 0, 0), _month("2025-06", satisfied_now, 10 - satisfied_now, 100))
    findings = _run(con, "SC02")
    assert bool(findings) is found
    if found:
        [f] = findings
        assert (f.row, f.key, f.period) == (None, "M001", "2025-06")
        assert "企业开办" in f.message and "满意率" in f.message


def test_message_numbers_go_through_the_one_formatter() -> None:
    assert review.render("{x|wan} {y|pct} {z|ratio}", {"x": 1234567.25, "y": 23.45, "z": 2.005}) == (
        "1,234,567.3万元 23.5% 2.01"
    )
