"""The raw data contract (../shared/DATA_CONTRACT.md) as data: tables, columns, types, enums.

Everything that reads raw files (ingest, the demo generator, dbt sources, docs) takes the
table and column definitions from here, so the contract is written down once.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from pathlib import Path

from warehouse import metrics

DIVISIONS_CSV = Path(__file__).resolve().parent.parent / "dbt_project" / "seeds" / "gbt4754_divisions.csv"

# Column kinds and the DuckDB type each is loaded as in the `raw` schema.
DUCKDB_TYPES = {
    "text": "VARCHAR",
    "uscc": "VARCHAR",  # 18-char unified social credit code, check digit per GB 32100-2015
    "industry_code": "VARCHAR",  # GB/T 4754-2017 class, 4 digits
    "division": "VARCHAR",  # GB/T 4754-2017 division, 2 digits
    "period": "VARCHAR",  # 'YYYY-MM'
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "money": "DOUBLE",  # 万元
    "number": "DOUBLE",
    "int": "BIGINT",
    "bool": "BOOLEAN",
    "enum": "VARCHAR",  # stored as the code, whether the file gave the code or the label
}


@dataclass(frozen=True)
class Column:
    """One contract column: its English name, Chinese alias, kind and rules."""

    name: str
    alias: str
    kind: str
    optional: bool = False  # optional columns may be absent from the file, and empty
    enum: dict[str, tuple[str, ...]] | None = None  # code -> accepted Chinese labels
    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False  # value must be > min rather than >= min
    ref: tuple[str, str] | None = None  # (table, column) this column must exist in

    @property
    def duckdb_type(self) -> str:
        """DuckDB type of this column in the raw schema."""
        return DUCKDB_TYPES[self.kind]


@dataclass(frozen=True)
class Table:
    """One contract table: file name stem, Chinese title, primary key and columns."""

    name: str
    title: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    description: str = ""
    extra_checks: tuple[str, ...] = field(default=())
    # How an office submits the table (warehouse/intake): "month" or "year" — a file replaces exactly
    # the periods it holds, read from `period_column` (a month of a date/timestamp column is its
    # period) — or "table", a file replaces the whole table.
    mode: str = "table"
    period_column: str | None = None

    def column(self, name: str) -> Column:
        """The column called `name`."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


# --- enums: code -> Chinese labels accepted in files (first one is the display label) ---
REGION_LEVELS = {"national": ("全国", "国家"), "province": ("省", "全省", "省级"), "city": ("市", "全市", "市级")}
RECOGNITION_LEVELS = {"national": ("国家级",), "province": ("省级",), "city": ("市级",)}
BENCHMARK_INDICATORS = {
    "industrial_va_growth_ytd": ("规上工业增加值累计增速",),
    "manufacturing_va_growth_ytd": ("制造业增加值累计增速",),
    "above_scale_enterprise_count": ("规上工业企业数",),
    "gross_output_ytd": ("规上工业总产值累计",),
    "revenue_ytd": ("规上工业营业收入累计",),
}
PLAN_CATEGORIES = {"new": ("新建",), "continuing": ("续建",), "preparatory": ("筹备",)}
TIERS = {
    "innovative_sme": ("创新型中小企业",),
    "specialized_sme": ("专精特新中小企业",),
    "little_giant": ('专精特新"小巨人"', "专精特新“小巨人”", "专精特新小巨人", "小巨人"),
    "single_champion": ("制造业单项冠军",),
    "startup": ("初创企业",),
    "gazelle": ("瞪羚企业",),
    "unicorn": ("独角兽企业",),
    "high_tech": ("高新技术企业",),
}
# The contract's short labels, and the full names the dashboard shows them by (accepted too).
TALENT_CATEGORIES = {
    "top": ("顶尖", "顶尖人才"),
    "leading": ("领军", "领军人才"),
    "high_level": ("高层次", "高层次人才"),
    "young": ("青年", "青年人才"),
    "skilled": ("技能", "技能人才"),
}
EDUCATION = {"doctor": ("博士",), "master": ("硕士",), "bachelor": ("本科",), "other": ("其他",)}
TALENT_SOURCES = {"introduced": ("引进",), "cultivated": ("培养",)}
LIFECYCLE_STAGES = {
    "establish": ("开办",),
    "change": ("变更",),
    "permit": ("准营",),
    "renewal": ("延续",),
    "operation": ("运营",),
    "investment": ("投资建设",),
    "exit": ("退出",),
}
CHANNELS = {
    "doorplate": ("智慧门牌扫码", "智慧门牌"),
    "window": ("窗口",),
    "online": ("网上",),
    "specialist": ("专员帮办",),
}

# An int column with `enum` accepts each code's labels in place of the number.
RATING_LABELS = {"5": ("非常满意",), "4": ("满意",), "3": ("基本满意",), "2": ("不满意",), "1": ("非常不满意",)}

TRUE_VALUES = ("true", "1", "是")
FALSE_VALUES = ("false", "0", "否")


def _c(name: str, alias: str, kind: str, **kw) -> Column:
    return Column(name, alias, kind, **kw)


# Columns that appear in several tables share one alias ("an alias given once holds for
# that column in every table"); only `name` has one alias per table.
ENTERPRISE_REF = ("enterprises", "enterprise_id")
PROJECT_REF = ("projects", "project_id")
ENTERPRISE_ID = _c("enterprise_id", "统一社会信用代码", "uscc", ref=ENTERPRISE_REF)
OPTIONAL_ENTERPRISE_ID = replace(ENTERPRISE_ID, optional=True)
PROJECT_ID = _c("project_id", "项目编号", "text", ref=PROJECT_REF)
PERIOD = _c("period", "报告期", "period")
CHAIN = _c("chain", "产业链", "text")
TALENT_CATEGORY = _c("category", "人才类别", "enum", enum=TALENT_CATEGORIES)

TABLES: tuple[Table, ...] = (
    Table(
        "enterprises",
        "企业名录",
        ("enterprise_id",),
        (
            _c("enterprise_id", "统一社会信用代码", "uscc"),
            _c("name", "企业名称", "text"),
            _c("industry_code", "行业代码", "industry_code"),
            CHAIN,
            _c("park", "园区", "text"),
            _c("registered_on", "成立日期", "date"),
        ),
        "One row per enterprise known to the zone.",
    ),
    Table(
        "industrial_monthly",
        "规上工业企业月报",
        ("enterprise_id", "period"),
        (
            ENTERPRISE_ID,
            PERIOD,
            _c("gross_output", "工业总产值", "money", min=0),
            _c("revenue", "营业收入", "money", min=0),
            _c("profit", "利润总额", "money"),
        ),
        "One row per above-scale industrial enterprise per month; flows are this month only.",
        # every row needs industry_prices for the enterprise's division at its period
        ("prices_for_division",),
        mode="month",
        period_column="period",
    ),
    Table(
        "industry_prices",
        "行业价格与增加值率",
        ("division", "period"),
        (
            _c("division", "行业大类", "division"),
            PERIOD,
            _c("ppi_yoy", "出厂价格指数", "number", min=0, min_exclusive=True),
            _c("va_rate", "增加值率", "number", min=0, max=1, min_exclusive=True),
        ),
        "One row per GB/T 4754 division per month: producer price index (same month last year = 100) and value-added rate.",
        mode="month",
        period_column="period",
    ),
    Table(
        "region_benchmarks",
        "区域对标",
        ("region_level", "period", "indicator"),
        (
            _c("region_level", "区域层级", "enum", enum=REGION_LEVELS),
            _c("region_name", "区域名称", "text"),
            PERIOD,
            _c("indicator", "指标", "enum", enum=BENCHMARK_INDICATORS),
            _c("value", "数值", "number"),
        ),
        "One row per region level, month and indicator: published national, provincial and city statistics.",
        mode="month",
        period_column="period",
    ),
    Table(
        "projects",
        "项目库",
        ("project_id",),
        (
            _c("project_id", "项目编号", "text"),
            _c("name", "项目名称", "text"),
            OPTIONAL_ENTERPRISE_ID,
            CHAIN,
            _c("is_industrial", "工业项目", "bool"),
            _c("total_investment", "总投资", "money", min=0),
            _c("provincial_key", "省级技改重点", "bool"),
            _c("signed_on", "签约日期", "date", optional=True),
            _c("planned_start", "计划开工", "date"),
            _c("actual_start", "实际开工", "date", optional=True),
            _c("planned_completion", "计划投产", "date"),
            _c("actual_completion", "实际投产", "date", optional=True),
        ),
        "One row per investment project.",
    ),
    Table(
        "project_plans",
        "年度建设计划",
        ("project_id", "year"),
        (
            PROJECT_ID,
            _c("year", "年度", "int", min=1900, max=2100),
            _c("plan_category", "计划类别", "enum", enum=PLAN_CATEGORIES),
            _c("planned_investment", "年度计划投资", "money", min=0),
        ),
        "One row per project per plan year.",
        mode="year",
        period_column="year",
    ),
    Table(
        "project_milestones",
        "甘特图节点",
        ("project_id", "milestone"),
        (
            PROJECT_ID,
            _c("milestone", "节点", "text"),
            _c("seq", "序号", "int", min=0),
            _c("planned_start", "计划开工", "date"),
            # The contract gives these two no alias; these are ours, documented in the README.
            _c("planned_end", "计划完成", "date"),
            _c("actual_start", "实际开工", "date", optional=True),
            _c("actual_end", "实际完成", "date", optional=True),
        ),
        "One row per project milestone (Gantt bar).",
    ),
    Table(
        "project_investment",
        "月度完成投资",
        ("project_id", "period"),
        (
            PROJECT_ID,
            PERIOD,
            _c("invested", "完成投资", "money", min=0),
        ),
        "One row per project per month: investment completed that month.",
        mode="month",
        period_column="period",
    ),
    Table(
        "enterprise_tiers",
        "企业梯队认定",
        ("enterprise_id", "tier", "recognized_on"),
        (
            ENTERPRISE_ID,
            _c("tier", "梯队", "enum", enum=TIERS),
            _c("level", "级别", "enum", enum=RECOGNITION_LEVELS),
            _c("recognized_on", "认定日期", "date"),
            _c("expires_on", "有效期至", "date", optional=True),
        ),
        "One row per recognition of an enterprise in a tier.",
    ),
    Table(
        "talent",
        "人才",
        ("talent_id",),
        (
            _c("talent_id", "人才编号", "text"),
            OPTIONAL_ENTERPRISE_ID,
            TALENT_CATEGORY,
            CHAIN,
            _c("education", "学历", "enum", enum=EDUCATION),
            _c("source", "来源", "enum", enum=TALENT_SOURCES),
            _c("arrived_on", "到岗日期", "date"),
            _c("left_on", "离开日期", "date", optional=True),
        ),
        "One row per person (pseudonymous id).",
    ),
    Table(
        "talent_demand",
        "人才需求",
        ("chain", "category", "period"),
        (
            CHAIN,
            TALENT_CATEGORY,
            PERIOD,
            _c("openings", "需求岗位数", "int", min=0),
        ),
        "One row per chain, talent category and month: open positions.",
        mode="month",
        period_column="period",
    ),
    Table(
        "service_matters",
        "高频事项清单",
        ("matter_code",),
        (
            _c("matter_code", "事项编码", "text"),
            _c("name", "事项名称", "text"),
            _c("lifecycle_stage", "生命周期阶段", "enum", enum=LIFECYCLE_STAGES),
        ),
        "One row per high-frequency service matter.",
    ),
    Table(
        "service_cases",
        "政务服务办件",
        ("case_id",),
        (
            _c("case_id", "办件编号", "text"),
            OPTIONAL_ENTERPRISE_ID,
            _c("matter_code", "事项编码", "text", ref=("service_matters", "matter_code")),
            _c("channel", "渠道", "enum", enum=CHANNELS),
            _c("specialist_id", "专员", "text", optional=True),
            _c("submitted_at", "申请时间", "timestamp"),
            _c("due_at", "承诺办结时间", "timestamp"),
            _c("completed_at", "办结时间", "timestamp", optional=True),
            _c("one_visit", "一次办结", "bool"),
            _c("bundled", "一件事打包", "bool"),
            # the contract shows each score's label beside it; a file may give either
            _c("rating", "评价", "int", optional=True, min=1, max=5, enum=RATING_LABELS),
            _c("rectified_at", "整改完成时间", "timestamp", optional=True),
        ),
        "One row per government-service case.",
        mode="month",
        period_column="submitted_at",
    ),
    Table(
        "targets",
        "年度目标",
        ("year", "indicator"),
        (
            _c("year", "年度", "int", min=1900, max=2100),
            _c("indicator", "指标", "text"),
            _c("target", "目标值", "number"),
        ),
        "One row per year and indicator: the year-end target (indicator names match headline metrics).",
        mode="year",
        period_column="year",
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

# The tier codes, in the contract's order (the seed dbt_project/seeds/tier_ladder.csv lists them too).
TIER_CODES: tuple[str, ...] = tuple(TIERS)
# Headline metrics, in the order the contract defines them; the keys of `warehouse headline`.
# They are the metric registry's (warehouse/metrics.py: the headline_metrics model's YAML).
HEADLINE_METRICS: tuple[str, ...] = metrics.NAMES


def load_divisions() -> dict[str, dict[str, str]]:
    """GB/T 4754-2017 divisions keyed by 2-digit code, from the dbt seed file."""
    with DIVISIONS_CSV.open(encoding="utf-8") as f:
        return {row["division"]: row for row in csv.DictReader(f)}


def enum_lookup(column: Column) -> dict[str, str]:
    """Map every accepted spelling (code or Chinese label) of an enum column to its code."""
    assert column.enum is not None
    out: dict[str, str] = {}
    for code, labels in column.enum.items():
        out[code] = code
        for label in labels:
            out[label] = code
    return out


def display_label(enum: dict[str, tuple[str, ...]], code: str) -> str:
    """The Chinese label shown for an enum code."""
    return enum[code][0]
