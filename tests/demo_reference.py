"""Plain-pandas reference for DATA_CONTRACT.md's headline metrics, straight from raw CSVs.

Deliberately independent of the warehouse code (no DuckDB, no dbt, no ingest): each
function follows the contract's wording, so a test can hold the demo data, the ingest or
the dbt marts against it. Files are read as text and typed here; empty cells are null.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# Column types needed by the metrics; everything else stays text.
_NUMBERS = {
    "industrial_monthly": ("gross_output", "revenue", "profit"),
    "industry_prices": ("ppi_yoy", "va_rate"),
    "region_benchmarks": ("value",),
    "projects": ("total_investment",),
    "project_plans": ("year", "planned_investment"),
    "project_milestones": ("seq",),
    "project_investment": ("invested",),
    "talent_demand": ("openings",),
    "service_cases": ("rating",),
    "targets": ("year", "target"),
}
_DATES = {
    "enterprises": ("registered_on",),
    "projects": ("signed_on", "planned_start", "actual_start", "planned_completion", "actual_completion"),
    "project_milestones": ("planned_start", "planned_end", "actual_start", "actual_end"),
    "enterprise_tiers": ("recognized_on", "expires_on"),
    "talent": ("arrived_on", "left_on"),
    "service_cases": ("submitted_at", "due_at", "completed_at", "rectified_at"),
}
_BOOLS = {
    "projects": ("is_industrial", "provincial_key"),
    "service_cases": ("one_visit", "bundled"),
    "enterprises": ("consent_public",),
}
_TRUE = {"true", "1", "是"}
_FALSE = {"false", "0", "否"}

TIERS = (
    "innovative_sme",
    "specialized_sme",
    "little_giant",
    "single_champion",
    "startup",
    "gazelle",
    "unicorn",
    "high_tech",
)


def read_raw(folder: Path) -> dict[str, pd.DataFrame]:
    """Every `<table>.csv` in folder, typed for the metrics below."""
    out: dict[str, pd.DataFrame] = {}
    for path in sorted(Path(folder).glob("*.csv")):
        table = path.stem
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        df = df.replace("", None)
        for col in _NUMBERS.get(table, ()):
            df[col] = pd.to_numeric(df[col])
        for col in _DATES.get(table, ()):
            df[col] = pd.to_datetime(df[col], format="mixed")
        for col in _BOOLS.get(table, ()):
            if col in df:
                low = df[col].str.lower()
                bad = ~low.isin(_TRUE | _FALSE)
                if bad.any():
                    raise ValueError(f"{table}.{col}: not a boolean: {df[col][bad].iloc[0]!r}")
                df[col] = low.isin(_TRUE)
        out[table] = df
    return out


def _split(period: str) -> tuple[int, int]:
    y, m = period.split("-")
    return int(y), int(m)


def last_day(period: str) -> pd.Timestamp:
    """The last day of a 'YYYY-MM' period."""
    return pd.Period(period, freq="M").end_time.normalize()


def _ytd_periods(period: str) -> list[str]:
    y, m = _split(period)
    return [f"{y}-{k:02d}" for k in range(1, m + 1)]


def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den * 100


# --------------------------------------------------------------------------- industry
def above_scale_count(raw, period: str) -> int:
    im = raw["industrial_monthly"]
    return int(im.loc[im["period"] == period, "enterprise_id"].nunique())


def ytd_sum(raw, period: str, column: str) -> float:
    im = raw["industrial_monthly"]
    return float(im.loc[im["period"].isin(_ytd_periods(period)), column].sum())


def va_growth_ytd(raw, period: str, manufacturing: bool = False) -> float | None:
    """Same-enterprise YTD growth of value added at last year's prices (%)."""
    y, m = _split(period)
    im = raw["industrial_monthly"].merge(
        raw["enterprises"][["enterprise_id", "industry_code"]], on="enterprise_id", how="left"
    )
    im["division"] = im["industry_code"].str[:2]
    if manufacturing:
        im = im[im["division"].astype(int).between(13, 43)]
    im = im.merge(raw["industry_prices"], on=["division", "period"], how="left")
    if im["va_rate"].isna().any():
        raise ValueError("industrial_monthly rows without industry_prices")
    im["year"] = im["period"].str[:4].astype(int)
    im["month"] = im["period"].str[5:7].astype(int)
    im = im[im["month"] <= m]
    cur = im[im["year"] == y]
    prev = im[im["year"] == y - 1]
    pairs = cur.merge(prev, on=["enterprise_id", "month"], suffixes=("", "_prev"))
    num = (pairs["gross_output"] * pairs["va_rate"] * 100 / pairs["ppi_yoy"]).sum()
    den = (pairs["gross_output_prev"] * pairs["va_rate_prev"]).sum()
    return None if den == 0 else (num / den - 1) * 100


def benchmark(raw, level: str, period: str, indicator: str) -> float | None:
    rb = raw["region_benchmarks"]
    hit = rb[(rb["region_level"] == level) & (rb["period"] == period) & (rb["indicator"] == indicator)]
    return None if hit.empty else float(hit["value"].iloc[0])


def _lead(zone: float | None, other: float | None) -> float | None:
    return None if zone is None or other is None else zone - other


# --------------------------------------------------------------------------- tiers
def tier_holders(raw, day: pd.Timestamp, tiers) -> set[str]:
    """Enterprises with a valid row of any of `tiers` on `day`."""
    t = raw["enterprise_tiers"]
    valid = t["tier"].isin(tiers) & (t["recognized_on"] <= day) & (t["expires_on"].isna() | (day < t["expires_on"]))
    return set(t.loc[valid, "enterprise_id"])


def tier_count(raw, day: pd.Timestamp, tier: str) -> int:
    return len(tier_holders(raw, day, [tier]))


def specialized_or_gazelle(raw, day: pd.Timestamp) -> int:
    return len(tier_holders(raw, day, ["specialized_sme", "little_giant", "gazelle"]))


# --------------------------------------------------------------------------- projects
def plan_count(raw, year: int, categories) -> int:
    pp = raw["project_plans"]
    return int(((pp["year"] == year) & pp["plan_category"].isin(categories)).sum())


def projects_under_construction(raw, day: pd.Timestamp) -> int:
    p = raw["projects"]
    started = p["actual_start"].notna() & (p["actual_start"] <= day)
    running = p["actual_completion"].isna() | (p["actual_completion"] > day)
    return int((started & running).sum())


def _industrial_investment_rows(raw, period: str) -> pd.DataFrame:
    inv = raw["project_investment"].merge(raw["projects"][["project_id", "is_industrial"]], on="project_id")
    return inv[inv["is_industrial"] & (inv["period"] >= "2023-01") & (inv["period"] <= period)]


def industrial_investment_since_2023(raw, period: str) -> float:
    return float(_industrial_investment_rows(raw, period)["invested"].sum())


def industrial_projects_since_2023(raw, period: str) -> int:
    """Industrial projects with any investment in 2023-01..P ("滚动实施工业项目")."""
    return int(_industrial_investment_rows(raw, period)["project_id"].nunique())


def provincial_key_projects(raw) -> int:
    p = raw["projects"]
    return int((p["is_industrial"] & p["provincial_key"]).sum())


def projects_not_started(raw, day: pd.Timestamp, signed_only: bool = False) -> int:
    """Projects not started by `day` ("拟建"); with signed_only, those already signed."""
    p = raw["projects"]
    waiting = p["actual_start"].isna() | (p["actual_start"] > day)
    if signed_only:
        waiting &= p["signed_on"].notna() & (p["signed_on"] <= day)
    return int(waiting.sum())


# --------------------------------------------------------------------------- services, talent
def service_metrics(raw, period: str) -> dict[str, float | None]:
    y, _ = _split(period)
    c = raw["service_cases"]
    start = pd.Timestamp(year=y, month=1, day=1)
    end = last_day(period) + pd.Timedelta(days=1)
    c = c[(c["submitted_at"] >= start) & (c["submitted_at"] < end)]
    rated = c[c["rating"].notna()]
    done = c[c["completed_at"].notna()]
    low = rated[rated["rating"] <= 2]
    return {
        "service_cases_ytd": len(c),
        "satisfaction_rate": _ratio((rated["rating"] >= 3).sum(), len(rated)),
        "on_time_rate": _ratio((done["completed_at"] <= done["due_at"]).sum(), len(done)),
        "one_visit_rate": _ratio(c["one_visit"].sum(), len(c)),
        "rectification_rate": _ratio(low["rectified_at"].notna().sum(), len(low)),
    }


def talent_in_post(raw, day: pd.Timestamp) -> int:
    t = raw["talent"]
    return int(((t["arrived_on"] <= day) & (t["left_on"].isna() | (t["left_on"] > day))).sum())


# --------------------------------------------------------------------------- all together
def headline(raw, period: str) -> dict[str, float | int | None]:
    """Every headline metric of DATA_CONTRACT.md at period P."""
    y, _ = _split(period)
    day = last_day(period)
    count = above_scale_count(raw, period)
    output = ytd_sum(raw, period, "gross_output")
    revenue = ytd_sum(raw, period, "revenue")
    growth = va_growth_ytd(raw, period)
    growth_m = va_growth_ytd(raw, period, manufacturing=True)

    def share(zone: float, indicator: str) -> float | None:
        city = benchmark(raw, "city", period, indicator)
        return None if not city else zone / city * 100

    def lead(level: str, zone, indicator: str):
        return _lead(zone, benchmark(raw, level, period, indicator))

    out: dict[str, float | int | None] = {
        "above_scale_count": count,
        "gross_output_ytd": output,
        "revenue_ytd": revenue,
        "profit_ytd": ytd_sum(raw, period, "profit"),
        "industrial_va_growth_ytd": growth,
        "manufacturing_va_growth_ytd": growth_m,
        "output_share_of_city": share(output, "gross_output_ytd"),
        "revenue_share_of_city": share(revenue, "revenue_ytd"),
        "enterprise_share_of_city": share(count, "above_scale_enterprise_count"),
        "lead_vs_national_pp": lead("national", growth, "industrial_va_growth_ytd"),
        "lead_vs_province_pp": lead("province", growth, "industrial_va_growth_ytd"),
        "manufacturing_lead_vs_national_pp": lead("national", growth_m, "manufacturing_va_growth_ytd"),
        "manufacturing_lead_vs_province_pp": lead("province", growth_m, "manufacturing_va_growth_ytd"),
    }
    for tier in TIERS:
        out[tier] = tier_count(raw, day, tier)
    out["specialized_or_gazelle"] = specialized_or_gazelle(raw, day)
    out["plan_new_or_continuing"] = plan_count(raw, y, ["new", "continuing"])
    out["plan_preparatory"] = plan_count(raw, y, ["preparatory"])
    out["projects_under_construction"] = projects_under_construction(raw, day)
    out["industrial_investment_since_2023"] = industrial_investment_since_2023(raw, period)
    out.update(service_metrics(raw, period))
    out["talent_in_post"] = talent_in_post(raw, day)
    return out
