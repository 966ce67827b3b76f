"""The offices that hand in the contract's tables (a steward is bound to one office).

Every contract table belongs to exactly one office; an admin submits for all of them.
"""

from __future__ import annotations

from warehouse.contract import TABLES_BY_NAME

# office (as the users file names it) -> the tables it submits
OFFICES: dict[str, tuple[str, ...]] = {
    "统计": ("enterprises", "industrial_monthly", "industry_prices", "region_benchmarks", "targets"),
    "项目": ("projects", "project_plans", "project_milestones", "project_investment"),
    "科技人才": ("enterprise_tiers", "talent", "talent_demand"),
    "政务服务": ("service_matters", "service_cases"),
}
# who hands in each office's files in the demo store
DEMO_STEWARDS = {
    "统计": "统计局·王敏",
    "项目": "项目办·李强",
    "科技人才": "科技人才局·赵琳",
    "政务服务": "政务服务中心·陈洁",
}

assert sorted(t for ts in OFFICES.values() for t in ts) == sorted(TABLES_BY_NAME), "every table has one office"


def office_of(table: str) -> str:
    """The office that submits a table."""
    return next(o for o, ts in OFFICES.items() if table in ts)


def tables_of(office: str | None) -> tuple[str, ...]:
    """The tables an office submits (none for an unknown office)."""
    return OFFICES.get(office or "", ())
