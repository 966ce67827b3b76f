"""The alerts tests' warehouse: raw_tables' small dataset changed so that every alert rule fires for
one subject or period and stays quiet for another, built once per test session (≈ 30 s).

What each rule sees (2025 targets, periods 2024-01 … 2025-06):

- target_behind: innovative_sme (target 1700, none recognised) and above_scale_count (target 400,
  two enterprises) fall short; little_giant (target 1, E1 recognised 2025-03) is on target.
- lead_shrinking: the province's growth rises 5, 5, 5, 6, 7, 8 (2025-01 … 06) while the zone's
  stays 20: the lead shrinks 15 → 14 → 13 → 12, so it fires at 2025-05 and 2025-06, not at 2025-04.
- growth_below_city: the city grows 10 until May, 25 in June: fires at 2025-06 only. Both growth
  rules rest on two enterprises' reports, withheld from a leader.
- milestone_overdue: P001's 主体施工 (planned end 2025-05-15) and 设备调试 (2025-06-10) are open:
  one alert, two milestones; its 土建 (planned 2024-06-30, done 2024-08-15) was overdue in July
  2024 only. P003's overdue milestone does not count: P003 went into production. P002 is on time.
- plan_behind: P001 has done 15 % of its 2025 plan at half-year (fires); P003 60 % (quiet); P002
  is preparatory (never).
- bad_rating_overdue: C0003 (rated 1, done 2025-04-03, never rectified) fires from April;
  C0004 (rated 2 on 2025-06-25) is still within its 15 days; C0002 was rectified.
- matter_satisfaction_low: M002 has 8 of 13 rated cases satisfied (fires); M001 11 of 11 (quiet).
- missing_report: E2 filed September 2024 and not October (fires at 2024-10, quiet at 2024-11,
  when E2 files again without having filed the month before, and at 2025-06).
- tier_expiring: E3's gazelle lapses 2025-08-15 unrenewed (fires at 2025-06, not at 2025-04);
  E2's old high_tech lapses 2025-08-31 but was renewed in 2023 (quiet).
"""

from __future__ import annotations

import copy
from pathlib import Path

from raw_tables import E1, E2, E3, VALID, Tables, write_csv

from warehouse.build import build

PERIOD = "2025-06"
MONTHS_2024 = [f"2024-{m:02d}" for m in range(1, 13)]
MONTHS_2025 = [f"2025-{m:02d}" for m in range(1, 7)]
PROVINCE = [5, 5, 5, 6, 7, 8]
CITY = [10, 10, 10, 10, 10, 25]
ENTERPRISE_NAMES = ("苏州芯联电子有限公司", "苏州康瑞生物医药有限公司", "苏州智研科技有限公司")


def _case(case_id: str, matter: str, submitted: str, completed: str, rating: str, rectified: str = "") -> dict:
    return {
        "case_id": case_id,
        "enterprise_id": E2,
        "matter_code": matter,
        "channel": "window",
        "specialist_id": "",
        "submitted_at": submitted,
        "due_at": "2025-12-31 17:00",
        "completed_at": completed,
        "one_visit": "true",
        "bundled": "false",
        "rating": rating,
        "rectified_at": rectified,
    }


def alerts_tables() -> Tables:
    """The dataset described above, as raw_tables' text rows."""
    tables = copy.deepcopy(VALID)
    # industrial reports: the same month-by-month output, 20 % more in 2025 (prices flat)
    tables["industrial_monthly"] = [
        {
            "enterprise_id": e,
            "period": p,
            "gross_output": str(base * (1.2 if p >= "2025" else 1)),
            "revenue": "100",
            "profit": "10",
        }
        for e, base in ((E1, 1000), (E2, 500))
        for p in MONTHS_2024 + MONTHS_2025
        if (e, p) != (E2, "2024-10")  # missing_report: E2 filed September 2024, not October
    ]
    tables["industry_prices"] = [
        {"division": d, "period": p, "ppi_yoy": "100", "va_rate": "0.25"}
        for d in ("39", "27")
        for p in MONTHS_2024 + MONTHS_2025
    ]
    tables["region_benchmarks"] = [
        *(
            {
                "region_level": "province",
                "region_name": "江苏省",
                "period": p,
                "indicator": "industrial_va_growth_ytd",
                "value": str(v),
            }
            for p, v in zip(MONTHS_2025, PROVINCE, strict=True)
        ),
        *(
            {
                "region_level": "city",
                "region_name": "苏州市",
                "period": p,
                "indicator": "industrial_va_growth_ytd",
                "value": str(v),
            }
            for p, v in zip(MONTHS_2025, CITY, strict=True)
        ),
        {
            "region_level": "national",
            "region_name": "全国",
            "period": PERIOD,
            "indicator": "industrial_va_growth_ytd",
            "value": "6.4",
        },
    ]
    p001, p002 = tables["projects"]
    p003 = {
        **p001,
        "project_id": "P003",
        "name": "智能传感器产线",
        "total_investment": "3000",
        "provincial_key": "false",
        "actual_completion": "2025-04-30",
    }
    tables["projects"] = [p001, p002, p003]
    tables["project_plans"] += [
        {"project_id": "P003", "year": "2025", "plan_category": "new", "planned_investment": "1000"}
    ]
    tables["project_milestones"] = [
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
            "milestone": "主体施工",
            "seq": "2",
            "planned_start": "2024-07-01",
            "planned_end": "2025-05-15",
            "actual_start": "2024-09-01",
            "actual_end": "",
        },
        {
            "project_id": "P001",
            "milestone": "设备调试",
            "seq": "3",
            "planned_start": "2025-05-16",
            "planned_end": "2025-06-10",
            "actual_start": "",
            "actual_end": "",
        },
        {
            "project_id": "P001",
            "milestone": "设备安装",
            "seq": "4",
            "planned_start": "2025-06-11",
            "planned_end": "2025-10-31",
            "actual_start": "",
            "actual_end": "",
        },
        {
            "project_id": "P002",
            "milestone": "前期手续",
            "seq": "1",
            "planned_start": "2025-03-01",
            "planned_end": "2025-12-31",
            "actual_start": "2025-03-05",
            "actual_end": "",
        },
        {
            "project_id": "P003",
            "milestone": "验收",
            "seq": "1",
            "planned_start": "2025-01-01",
            "planned_end": "2025-03-01",
            "actual_start": "2025-01-05",
            "actual_end": "",
        },
    ]
    tables["project_investment"] += [{"project_id": "P003", "period": "2025-06", "invested": "600"}]
    tables["enterprise_tiers"] += [
        {
            "enterprise_id": E3,
            "tier": "gazelle",
            "level": "province",
            "recognized_on": "2022-08-16",
            "expires_on": "2025-08-15",
        },
        {
            "enterprise_id": E2,
            "tier": "high_tech",
            "level": "national",
            "recognized_on": "2022-09-01",
            "expires_on": "2025-08-31",
        },
    ]
    tables["service_cases"] += [
        _case("C0003", "M002", "2025-04-01 09:00", "2025-04-03 10:00", "1"),
        _case("C0004", "M002", "2025-06-20 09:00", "2025-06-25 10:00", "2"),
        *(
            _case(f"C01{i:02d}", "M002", f"2025-05-{i + 1:02d} 09:00", f"2025-05-{i + 1:02d} 15:00", "5")
            for i in range(8)
        ),
        *(
            _case(
                f"C02{i:02d}",
                "M002",
                f"2025-05-{i + 10:02d} 09:00",
                f"2025-05-{i + 10:02d} 15:00",
                "1",
                f"2025-05-{i + 12:02d} 09:00",
            )
            for i in range(2)
        ),
        *(
            _case(f"C03{i:02d}", "M001", f"2025-05-{i + 1:02d} 10:00", f"2025-05-{i + 1:02d} 16:00", "4")
            for i in range(10)
        ),
    ]
    tables["targets"] = [
        {"year": "2025", "indicator": "innovative_sme", "target": "1700"},
        {"year": "2025", "indicator": "above_scale_count", "target": "400"},
        {"year": "2025", "indicator": "little_giant", "target": "1"},
    ]
    return tables


def alerts_warehouse(base: Path) -> Path:
    """The alerts warehouse, built under `base` (conftest's `alerts_db` builds it once a session)."""
    write_csv(base / "raw", alerts_tables())
    build(base / "raw", base / "zone.duckdb")
    return base / "zone.duckdb"
