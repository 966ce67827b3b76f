"""headline_metrics equals the contract's definitions, recomputed here in plain Python.

A small hand-made raw dataset (two years, every contract table) is written as CSV files,
built with `warehouse.build.build` (ingest + `dbt build`), and every headline metric of
every period on the spine is compared with an independent implementation of
DATA_CONTRACT.md "Headline metrics". The data is chosen to hit the edges: an enterprise new
this year, one with a missing prior-year month, one leaving mid-year, a non-manufacturing
industrial division, recognitions starting and expiring on a period's last day, projects
starting or completing on it, a missing and a zero city benchmark, periods without rated
cases or without any cases.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
import yaml
from demo_reference import TIERS as TIER_CODES
from stdnum.cn import uscc

from warehouse.build import build
from warehouse.contract import HEADLINE_METRICS, TABLES_BY_NAME

DBT_PROJECT = Path(__file__).resolve().parent.parent / "dbt_project"


def make_uscc(serial: int) -> str:
    """A valid 统一社会信用代码 (check digit per GB 32100-2015)."""
    base = f"91370100MA9{serial:06d}"
    return base + uscc.calc_check_digit(base)


E1, E2, E3, E4, E5, E6 = (make_uscc(i) for i in range(1, 7))
D = dt.date.fromisoformat
T = dt.datetime.fromisoformat

# --- the raw data, as Python values ---------------------------------------------------

ENTERPRISES = [  # enterprise_id, name, industry_code, chain, park, registered_on, consent_public
    (E1, "济南芯电科技有限公司", "3972", "电子信息", "一区", D("2015-03-01"), "是"),
    (E2, "济南康瑞制药有限公司", "2720", "生物医药", "二区", D("2012-06-01"), "否"),
    (E3, "济南热电有限公司", "4411", "能源", "一区", D("2001-01-01"), ""),  # industrial, not manufacturing
    (E4, "济南新芯半导体有限公司", "3973", "电子信息", "二区", D("2023-09-01"), "true"),  # new in 2024
    (E5, "济南云智软件有限公司", "6510", "电子信息", "一区", D("2019-05-01"), ""),  # no industrial reports
    (E6, "济南安泰药业有限公司", "2710", "生物医药", "二区", D("2010-01-01"), ""),  # leaves after 2024-01
]

# (enterprise, period) -> (gross_output, revenue, profit); flows of that month only
INDUSTRIAL = {
    (E1, "2023-01"): (1000.0, 980.0, 50.0),
    (E1, "2023-02"): (1100.0, 1050.0, 60.0),
    (E1, "2023-03"): (1200.0, 1190.0, -20.5),
    (E1, "2024-01"): (1300.0, 1280.0, 70.0),
    (E1, "2024-02"): (1250.5, 1200.0, 65.0),
    (E1, "2024-03"): (1500.0, 1490.0, 80.0),
    (E2, "2023-01"): (800.0, 790.0, 40.0),
    # E2 has no 2023-02: its 2024-02 is not paired
    (E2, "2023-03"): (820.0, 800.0, 41.0),
    (E2, "2024-01"): (900.0, 880.0, 45.0),
    (E2, "2024-02"): (950.0, 930.0, 47.0),
    (E2, "2024-03"): (990.0, 960.0, 50.0),
    (E3, "2023-01"): (3000.0, 2900.0, 100.0),
    (E3, "2023-02"): (2800.0, 2750.0, 90.0),
    (E3, "2023-03"): (3100.0, 3000.0, 110.0),
    (E3, "2024-01"): (3300.0, 3200.0, 120.0),
    (E3, "2024-02"): (2900.0, 2850.0, 95.0),
    (E3, "2024-03"): (3600.0, 3500.0, 130.0),
    (E4, "2024-01"): (400.0, 390.0, -10.0),
    (E4, "2024-02"): (450.0, 440.0, 5.0),
    (E4, "2024-03"): (500.0, 480.0, 8.0),
    (E6, "2023-01"): (600.0, 590.0, 20.0),
    (E6, "2023-02"): (610.0, 600.0, 21.0),
    (E6, "2023-03"): (620.0, 615.0, 22.0),
    (E6, "2024-01"): (700.0, 690.0, 25.0),
}

MONTHS = ["2023-01", "2023-02", "2023-03", "2024-01", "2024-02", "2024-03"]
# (division, period) -> (ppi_yoy, va_rate)
PRICES = {
    (division, period): (ppi, rate)
    for division, base_ppi, rate in (("39", 98.2, 0.24), ("27", 101.5, 0.35), ("44", 100.8, 0.30))
    for i, period in enumerate(MONTHS)
    for ppi in [round(base_ppi + 0.3 * i, 1)]
}

# (region_level, period, indicator) -> (region_name, value)
BENCHMARKS = {
    ("national", "2024-02", "industrial_va_growth_ytd"): ("全国", 5.5),
    ("national", "2024-02", "manufacturing_va_growth_ytd"): ("全国", 6.1),
    ("province", "2024-02", "industrial_va_growth_ytd"): ("山东省", 7.2),
    ("province", "2024-02", "manufacturing_va_growth_ytd"): ("山东省", 7.9),
    ("city", "2024-02", "gross_output_ytd"): ("济南市", 40000.0),
    ("city", "2024-02", "revenue_ytd"): ("济南市", 39000.0),
    ("city", "2024-02", "above_scale_enterprise_count"): ("济南市", 28.0),
    # 2024-03: only national growth; the city's gross output is 0 and its revenue missing
    ("national", "2024-03", "industrial_va_growth_ytd"): ("全国", 5.8),
    ("national", "2024-03", "manufacturing_va_growth_ytd"): ("全国", 6.0),
    ("city", "2024-03", "gross_output_ytd"): ("济南市", 0.0),
    ("city", "2024-03", "above_scale_enterprise_count"): ("济南市", 30.0),
    ("city", "2023-03", "revenue_ytd"): ("济南市", 20000.0),
}


@dataclass
class Project:
    project_id: str
    name: str
    enterprise_id: str | None
    chain: str
    is_industrial: bool
    total_investment: float
    provincial_key: bool
    signed_on: dt.date | None
    planned_start: dt.date
    actual_start: dt.date | None
    planned_completion: dt.date
    actual_completion: dt.date | None


PROJECTS = [
    Project(
        "P1",
        "芯片封测产线",
        E1,
        "电子信息",
        True,
        50000,
        True,
        D("2022-10-01"),
        D("2023-02-01"),
        D("2023-02-10"),
        D("2025-06-30"),
        None,
    ),
    # starts on the last day of 2024-03
    Project(
        "P2",
        "原料药扩产",
        E2,
        "生物医药",
        True,
        30000,
        False,
        D("2023-11-01"),
        D("2024-03-01"),
        D("2024-03-31"),
        D("2025-12-31"),
        None,
    ),
    # completes on the last day of 2024-02
    Project(
        "P3",
        "热电机组改造",
        E3,
        "能源",
        True,
        20000,
        True,
        None,
        D("2023-01-01"),
        D("2023-01-05"),
        D("2024-03-31"),
        D("2024-02-29"),
    ),
    # not industrial; completes on the first day of 2024-03
    Project(
        "P4",
        "科创服务中心",
        None,
        "现代服务",
        False,
        8000,
        False,
        None,
        D("2022-11-01"),
        D("2022-12-01"),
        D("2024-01-31"),
        D("2024-03-01"),
    ),
    Project(
        "P5",
        "智能装备产业园",
        None,
        "高端装备",
        True,
        60000,
        False,
        D("2024-01-15"),
        D("2024-09-01"),
        None,
        D("2026-06-30"),
        None,
    ),
]
PLANS = [  # project_id, year, plan_category, planned_investment
    ("P1", 2023, "new", 10000.0),
    ("P3", 2023, "continuing", 8000.0),
    ("P1", 2024, "continuing", 12000.0),
    ("P2", 2024, "new", 9000.0),
    ("P4", 2024, "continuing", 2000.0),
    ("P5", 2024, "preparatory", 500.0),
]
MILESTONES = [  # project_id, milestone, seq, planned_start, planned_end, actual_start, actual_end
    ("P1", "土建", 1, D("2023-02-01"), D("2023-10-31"), D("2023-02-10"), D("2023-11-20")),
    ("P1", "设备安装", 2, D("2023-11-01"), D("2024-06-30"), D("2023-12-01"), None),
]
INVESTMENT = {  # (project_id, period) -> invested this month
    ("P1", "2022-12"): 100.0,  # before 2023: not in industrial_investment_since_2023
    ("P1", "2023-01"): 200.0,
    ("P1", "2024-02"): 300.5,
    ("P2", "2024-03"): 50.0,
    ("P3", "2023-02"): 400.0,
    ("P4", "2024-01"): 999.0,  # not industrial
}

TIERS = [  # enterprise_id, tier, level, recognized_on, expires_on
    (E1, "gazelle", "province", D("2023-05-01"), D("2024-02-29")),  # no longer valid on 2024-02-29
    (E1, "specialized_sme", "province", D("2024-03-31"), None),  # valid from 2024-03-31
    (E2, "little_giant", "national", D("2022-01-01"), D("2025-01-01")),
    (E2, "specialized_sme", "province", D("2021-06-01"), D("2024-03-15")),
    (E3, "innovative_sme", "province", D("2024-02-29"), None),
    (E5, "high_tech", "national", D("2022-01-01"), None),
    (E5, "gazelle", "city", D("2024-01-01"), D("2027-01-01")),
    (E4, "startup", "city", D("2024-03-01"), D("2026-03-01")),
    (E6, "single_champion", "national", D("2020-01-01"), D("2023-01-01")),
]

TALENT = [  # talent_id, enterprise_id, category, chain, education, source, arrived_on, left_on
    ("T1", E1, "leading", "电子信息", "doctor", "introduced", D("2023-01-01"), None),
    ("T2", E2, "young", "生物医药", "master", "cultivated", D("2024-02-29"), None),
    ("T3", None, "skilled", "能源", "other", "cultivated", D("2023-06-01"), D("2024-02-29")),
    ("T4", E4, "high_level", "电子信息", "bachelor", "introduced", D("2024-03-01"), D("2024-03-31")),
    ("T5", E1, "top", "电子信息", "doctor", "introduced", D("2024-04-01"), None),
]
TALENT_DEMAND = [("电子信息", "leading", "2024-02", 5), ("生物医药", "young", "2024-03", 3)]

MATTERS = [("M1", "个体工商户转型为企业（个转企）", "establish"), ("M2", "食品经营许可", "permit")]
CASES = [  # case_id, enterprise_id, matter, channel, specialist, submitted, due, completed, one_visit, bundled, rating, rectified
    (
        "C0",
        E1,
        "M2",
        "window",
        None,
        T("2023-12-20 10:00"),
        T("2023-12-25 17:00"),
        T("2023-12-22 09:00"),
        True,
        False,
        4,
        None,
    ),
    (
        "C1",
        E1,
        "M1",
        "doorplate",
        None,
        T("2024-01-03 09:00"),
        T("2024-01-08 17:00"),
        T("2024-01-05 10:00"),
        True,
        True,
        5,
        None,
    ),
    (
        "C2",
        None,
        "M2",
        "specialist",
        "S1",
        T("2024-01-10 09:00"),
        T("2024-01-15 17:00"),
        T("2024-01-16 09:00"),
        False,
        False,
        2,
        T("2024-01-20 10:00"),
    ),
    (
        "C3",
        E2,
        "M2",
        "online",
        None,
        T("2024-02-05 09:00"),
        T("2024-02-09 17:00"),
        T("2024-02-08 11:00"),
        True,
        False,
        1,
        None,
    ),
    ("C4", E3, "M1", "specialist", "S1", T("2024-02-27 09:00"), T("2024-03-04 17:00"), None, False, False, None, None),
    (
        "C5",
        E4,
        "M1",
        "window",
        None,
        T("2024-03-01 09:00"),
        T("2024-03-06 17:00"),
        T("2024-03-06 17:00"),
        False,
        True,
        3,
        None,
    ),
]
TARGETS = [(2024, "innovative_sme", 10.0), (2024, "above_scale_count", 6.0)]


# --- writing the raw files ------------------------------------------------------------


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _rows() -> dict[str, list[tuple]]:
    return {
        "enterprises": ENTERPRISES,
        "industrial_monthly": [(e, p, *v) for (e, p), v in INDUSTRIAL.items()],
        "industry_prices": [(d, p, *v) for (d, p), v in PRICES.items()],
        "region_benchmarks": [(lvl, name, p, ind, v) for (lvl, p, ind), (name, v) in BENCHMARKS.items()],
        "projects": [tuple(vars(p).values()) for p in PROJECTS],
        "project_plans": PLANS,
        "project_milestones": MILESTONES,
        "project_investment": [(pid, p, v) for (pid, p), v in INVESTMENT.items()],
        "enterprise_tiers": TIERS,
        "talent": TALENT,
        "talent_demand": TALENT_DEMAND,
        "service_matters": MATTERS,
        "service_cases": CASES,
        "targets": TARGETS,
    }


def write_raw(folder: Path) -> Path:
    """Every contract table as `<table>.csv`, English headers (+ consent_public on enterprises)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in _rows().items():
        header = [c.name for c in TABLES_BY_NAME[name].columns]
        if name == "enterprises":
            header.append("consent_public")
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows([_text(v) for v in row] for row in rows)
    return folder


# --- the contract's definitions, in plain Python ---------------------------------------


def month_end(period: str) -> dt.date:
    year, month = int(period[:4]), int(period[5:])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def ratio_pct(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator * 100


def spine() -> list[str]:
    """Every month from the earliest to the latest period in the monthly tables."""
    periods = (
        [p for _, p in INDUSTRIAL]
        + [p for _, p in PRICES]
        + [p for _, p, _ in BENCHMARKS]
        + [p for _, p in INVESTMENT]
        + [p for _, _, p, _ in TALENT_DEMAND]
        + [c[5].strftime("%Y-%m") for c in CASES]
    )
    first, last = min(periods), max(periods)
    out, y, m = [], int(first[:4]), int(first[5:])
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def expected_headline(period: str) -> dict[str, object]:
    """Every headline metric at `period`, straight from DATA_CONTRACT.md."""
    year, month = int(period[:4]), int(period[5:])
    day = month_end(period)
    ytd = [f"{year}-{m:02d}" for m in range(1, month + 1)]
    division = {e[0]: e[2][:2] for e in ENTERPRISES}
    manufacturing = {e: 13 <= int(d) <= 43 for e, d in division.items()}

    out: dict[str, object] = {}
    out["above_scale_count"] = len({e for e, p in INDUSTRIAL if p == period})
    out["gross_output_ytd"] = sum(v[0] for (_, p), v in INDUSTRIAL.items() if p in ytd)
    out["revenue_ytd"] = sum(v[1] for (_, p), v in INDUSTRIAL.items() if p in ytd)
    out["profit_ytd"] = sum(v[2] for (_, p), v in INDUSTRIAL.items() if p in ytd)

    def va(e: str, p: str) -> float:
        return INDUSTRIAL[(e, p)][0] * PRICES[(division[e], p)][1]

    def growth(only_manufacturing: bool) -> float | None:
        current = previous = 0.0
        for m in range(1, month + 1):
            for e in division:
                now, before = f"{year}-{m:02d}", f"{year - 1}-{m:02d}"
                if (
                    (e, now) in INDUSTRIAL
                    and (e, before) in INDUSTRIAL
                    and (manufacturing[e] or not only_manufacturing)
                ):
                    current += va(e, now) * 100 / PRICES[(division[e], now)][0]
                    previous += va(e, before)
        return None if previous == 0 else (current / previous - 1) * 100

    out["industrial_va_growth_ytd"] = growth(False)
    out["manufacturing_va_growth_ytd"] = growth(True)

    def benchmark(level: str, indicator: str) -> float | None:
        found = BENCHMARKS.get((level, period, indicator))
        return None if found is None else found[1]

    def share(value: float, city: float | None) -> float | None:
        return None if city is None else ratio_pct(value, city)

    def lead(zone: float | None, other: float | None) -> float | None:
        return None if zone is None or other is None else zone - other

    out["output_share_of_city"] = share(out["gross_output_ytd"], benchmark("city", "gross_output_ytd"))
    out["revenue_share_of_city"] = share(out["revenue_ytd"], benchmark("city", "revenue_ytd"))
    out["enterprise_share_of_city"] = share(out["above_scale_count"], benchmark("city", "above_scale_enterprise_count"))
    for level in ("national", "province"):
        out[f"lead_vs_{level}_pp"] = lead(out["industrial_va_growth_ytd"], benchmark(level, "industrial_va_growth_ytd"))
        out[f"manufacturing_lead_vs_{level}_pp"] = lead(
            out["manufacturing_va_growth_ytd"], benchmark(level, "manufacturing_va_growth_ytd")
        )

    def holders(tiers: set[str]) -> int:
        return len({e for e, t, _, rec, exp in TIERS if t in tiers and rec <= day and (exp is None or day < exp)})

    for tier in TIER_CODES:
        out[tier] = holders({tier})
    out["specialized_or_gazelle"] = holders({"specialized_sme", "little_giant", "gazelle"})

    out["plan_new_or_continuing"] = sum(1 for _, y, c, _ in PLANS if y == year and c in ("new", "continuing"))
    out["plan_preparatory"] = sum(1 for _, y, c, _ in PLANS if y == year and c == "preparatory")
    out["projects_under_construction"] = sum(
        1
        for p in PROJECTS
        if p.actual_start is not None
        and p.actual_start <= day
        and (p.actual_completion is None or p.actual_completion > day)
    )
    industrial = {p.project_id for p in PROJECTS if p.is_industrial}
    out["industrial_investment_since_2023"] = sum(
        v for (pid, p), v in INVESTMENT.items() if pid in industrial and "2023-01" <= p <= period
    )

    cases = [c for c in CASES if c[5].strftime("%Y-%m") in ytd]
    rated = [c for c in cases if c[10] is not None]
    completed = [c for c in cases if c[7] is not None]
    bad = [c for c in rated if c[10] <= 2]
    out["service_cases_ytd"] = len(cases)
    out["satisfaction_rate"] = ratio_pct(sum(1 for c in rated if c[10] >= 3), len(rated))
    out["on_time_rate"] = ratio_pct(sum(1 for c in completed if c[7] <= c[6]), len(completed))
    out["one_visit_rate"] = ratio_pct(sum(1 for c in cases if c[8]), len(cases))
    out["rectification_rate"] = ratio_pct(sum(1 for c in bad if c[11] is not None), len(bad))

    out["talent_in_post"] = sum(1 for t in TALENT if t[6] <= day and (t[7] is None or t[7] > day))
    return out


# --- the tests --------------------------------------------------------------------------

COUNT_METRICS = {
    "above_scale_count",
    *TIER_CODES,
    "specialized_or_gazelle",
    "plan_new_or_continuing",
    "plan_preparatory",
    "projects_under_construction",
    "service_cases_ytd",
    "talent_in_post",
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data built into a published warehouse file (ingest + dbt build)."""
    base = tmp_path_factory.mktemp("headline_fixture")
    result = build(write_raw(base / "raw"), base / "zone.duckdb")
    return result.db_path


@pytest.fixture(scope="module")
def headline(warehouse: Path) -> dict[str, dict[str, object]]:
    """headline_metrics as {period: {column: value}}."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        result = con.execute("select * from main.headline_metrics order by period")
        names = [d[0] for d in result.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in result.fetchall()}


def test_the_fixture_covers_what_it_claims() -> None:
    """The edge cases the metrics are checked on are really in the data."""
    p = {period: expected_headline(period) for period in ("2023-03", "2024-02", "2024-03")}
    assert p["2023-03"]["industrial_va_growth_ytd"] is None  # no 2022 reports: no pairs
    assert p["2023-03"]["satisfaction_rate"] is None  # no cases in 2023 until December
    assert p["2024-02"]["satisfaction_rate"] is not None
    assert p["2024-03"]["output_share_of_city"] is None  # the city's gross output is 0
    assert p["2024-03"]["revenue_share_of_city"] is None  # and its revenue missing
    assert p["2024-03"]["lead_vs_province_pp"] is None
    assert p["2024-02"]["lead_vs_province_pp"] is not None
    assert p["2024-02"]["gazelle"] == 1  # E1's gazelle expires on 2024-02-29
    assert p["2024-03"]["specialized_sme"] == 1  # E1 in, E2 out (expired 2024-03-15)
    assert p["2024-02"]["projects_under_construction"] == 2  # P1, P4 (P3 completed on the 29th)
    assert p["2024-03"]["projects_under_construction"] == 2  # P1, P2 (started on the 31st)


def test_headline_columns_are_the_contract_metrics(headline: dict[str, dict[str, object]]) -> None:
    first = next(iter(headline.values()))
    assert list(first) == ["period", "period_end", *HEADLINE_METRICS]
    # the metric registry: `meta.metric` on the model's columns, in the contract's order
    doc = yaml.safe_load((DBT_PROJECT / "models" / "marts" / "headline" / "_headline__models.yml").read_text("utf-8"))
    model = next(m for m in doc["models"] if m["name"] == "headline_metrics")
    registered = tuple(c["name"] for c in model["columns"] if "metric" in (c.get("meta") or {}))
    assert registered == HEADLINE_METRICS
    assert [c["name"] for c in model["columns"]] == ["period", "period_end", *HEADLINE_METRICS]


def test_headline_has_one_row_per_month_of_the_data(headline: dict[str, dict[str, object]]) -> None:
    assert list(headline) == spine()
    assert all(row["period_end"] == month_end(period) for period, row in headline.items())


@pytest.mark.parametrize("period", spine())
def test_headline_metrics_match_the_contract(headline: dict[str, dict[str, object]], period: str) -> None:
    actual, expected = headline[period], expected_headline(period)
    for metric in HEADLINE_METRICS:
        want, got = expected[metric], actual[metric]
        if want is None:
            assert got is None, f"{period} {metric}: expected null, got {got!r}"
        elif metric in COUNT_METRICS:
            assert got == want and isinstance(got, int), f"{period} {metric}: expected {want}, got {got!r}"
        else:
            assert got is not None and not math.isnan(got), f"{period} {metric}: expected {want}, got {got!r}"
            assert got == pytest.approx(want, rel=1e-9, abs=1e-9), f"{period} {metric}"
