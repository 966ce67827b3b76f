"""The demo data obey the raw-data contract and tell the seed article's story at P = 2025-06.

Every figure is recomputed from the CSVs by tests/demo_reference.py (plain pandas, no
warehouse code) and compared at the article's precision.
"""

from __future__ import annotations

import re

import demo_reference as ref
import pandas as pd
import pytest
from stdnum.cn import uscc

from warehouse import contract
from warehouse.demo import write_demo

P = "2025-06"
DAY = ref.last_day(P)


def _generate(tmp_path_factory, scale: float, seed: int = 20250630):
    out = tmp_path_factory.mktemp(f"demo_{scale}_{seed}")
    counts = write_demo(out, seed=seed, scale=scale)
    return out, counts, ref.read_raw(out)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return _generate(tmp_path_factory, 1.0)


@pytest.fixture(scope="module")
def raw(demo):
    return demo[2]


@pytest.fixture(scope="module")
def head(raw):
    return ref.headline(raw, P)


# ------------------------------------------------------------------ files and contract rules
def test_one_file_per_contract_table_with_contract_headers(demo):
    out, counts, _ = demo
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(t.name for t in contract.TABLES)
    assert list(counts) == [t.name for t in contract.TABLES]
    for table in contract.TABLES:
        text = (out / f"{table.name}.csv").read_text(encoding="utf-8")
        header = text.split("\n", 1)[0].split(",")
        names = [c.name for c in table.columns]
        assert header[: len(names)] == names, table.name
        assert text.count("\n") == counts[table.name] + 1, table.name
    assert (out / "enterprises.csv").read_text(encoding="utf-8").split("\n", 1)[0].endswith(",consent_public")


def test_keys_unique_and_references_resolve(raw):
    for table in contract.TABLES:
        df = raw[table.name]
        assert not df.duplicated(list(table.key)).any(), table.name
        for col in table.columns:
            if col.ref:
                values = df[col.name].dropna()
                target = raw[col.ref[0]][col.ref[1]]
                assert values.isin(target).all(), f"{table.name}.{col.name}"
            if not col.optional:
                assert df[col.name].notna().all(), f"{table.name}.{col.name} has nulls"


def test_enterprise_ids_are_valid_uscc_and_codes_real_divisions(raw):
    ent = raw["enterprises"]
    assert ent["enterprise_id"].map(uscc.is_valid).all()
    assert ent["enterprise_id"].str.fullmatch(r"91\d{6}[0-9A-HJ-NP-RTUWXY]{10}").all()
    divisions = contract.load_divisions()
    assert ent["industry_code"].str.fullmatch(r"\d{4}").all()
    assert ent["industry_code"].str[:2].isin(divisions).all()
    assert ent["name"].is_unique


def test_enums_ranges_and_formats(demo, raw):
    for table in contract.TABLES:
        for col in table.columns:
            values = raw[table.name][col.name].dropna()
            if col.enum and col.kind == "enum":
                assert values.isin(col.enum).all(), f"{table.name}.{col.name}"
            if col.kind == "period":
                assert values.str.fullmatch(r"20\d\d-(0[1-9]|1[0-2])").all()
    out = demo[0]
    # dates and timestamps as the contract writes them, booleans as true/false
    cases = pd.read_csv(out / "service_cases.csv", dtype=str, keep_default_na=False)
    for col in ("submitted_at", "due_at", "completed_at", "rectified_at"):
        assert cases[col].str.fullmatch(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)?").all()
    assert set(cases["one_visit"]) == {"true", "false"}
    projects = pd.read_csv(out / "projects.csv", dtype=str, keep_default_na=False)
    assert projects["planned_start"].str.fullmatch(r"\d{4}-\d\d-\d\d").all()
    im = raw["industrial_monthly"]
    assert (im["gross_output"] >= 0).all() and (im["revenue"] >= 0).all()
    assert (im["profit"] < 0).any()
    prices = raw["industry_prices"]
    assert (prices["ppi_yoy"] > 0).all() and prices["va_rate"].between(0, 1, inclusive="right").all()
    assert (raw["project_investment"]["invested"] >= 0).all()
    assert (raw["projects"]["total_investment"] >= 0).all()
    openings = raw["talent_demand"]["openings"]
    assert (openings >= 0).all() and (openings == openings.round()).all()
    assert raw["service_cases"]["rating"].dropna().isin([1, 2, 3, 4, 5]).all()
    assert not raw["talent"]["talent_id"].str.fullmatch(r"\d{17}[\dX]").any()


def test_every_monthly_row_has_prices_for_its_division(raw):
    im = raw["industrial_monthly"].merge(raw["enterprises"][["enterprise_id", "industry_code"]], on="enterprise_id")
    keys = set(zip(raw["industry_prices"]["division"], raw["industry_prices"]["period"], strict=True))
    assert all((c[:2], p) in keys for c, p in zip(im["industry_code"], im["period"], strict=True))


def test_coverage_2022_01_to_2025_06(raw):
    periods = [str(p) for p in pd.period_range("2022-01", P, freq="M")]
    for table in ("industrial_monthly", "industry_prices", "region_benchmarks", "project_investment", "talent_demand"):
        assert sorted(raw[table]["period"].unique()) == periods, table
    months = raw["service_cases"]["submitted_at"].dt.to_period("M").astype(str)
    assert months.min() == "2023-01" and months.max() == P


def test_deterministic_for_seed_and_scale(demo, tmp_path):
    out, _, _ = demo
    write_demo(tmp_path / "again", seed=20250630, scale=1.0)
    write_demo(tmp_path / "other", seed=7, scale=1.0)
    for table in contract.TABLES:
        name = f"{table.name}.csv"
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name
    assert (tmp_path / "other" / "enterprises.csv").read_bytes() != (out / "enterprises.csv").read_bytes()


# ------------------------------------------------------------------ the article at P = 2025-06
def test_output_level_and_growth(head):
    assert 13_000_000 < head["gross_output_ytd"] < 13_100_000  # 突破1300亿元
    assert round(head["industrial_va_growth_ytd"], 1) == 23.5
    assert round(head["manufacturing_va_growth_ytd"], 1) == 23.8


def test_leads_over_national_and_province(head):
    assert round(head["lead_vs_national_pp"], 1) == 17.1
    assert round(head["lead_vs_province_pp"], 1) == 15.8
    assert round(head["manufacturing_lead_vs_national_pp"], 1) == 16.8
    assert round(head["manufacturing_lead_vs_province_pp"], 1) == 14.8


def test_shares_of_the_city(head):
    assert round(head["revenue_share_of_city"], 1) == 27.5
    assert 25 < head["output_share_of_city"] < 27.5  # 超1/4
    assert round(head["enterprise_share_of_city"], 1) == round(100 / 7, 1)  # 1/7
    assert 400 <= head["above_scale_count"] <= 440


def test_2024_full_year_growth_over_twice_the_city(raw):
    growth = ref.va_growth_ytd(raw, "2024-12")
    city = ref.benchmark(raw, "city", "2024-12", "industrial_va_growth_ytd")
    assert round(growth, 1) == 13.5
    assert growth > 2 * city


def test_benchmarks_every_month(raw):
    rb = raw["region_benchmarks"]
    periods = pd.period_range("2022-01", P, freq="M").astype(str)
    growth = ["industrial_va_growth_ytd", "manufacturing_va_growth_ytd"]
    for level, indicators in (
        ("national", growth),
        ("province", growth),
        ("city", list(contract.BENCHMARK_INDICATORS)),
    ):
        part = rb[rb["region_level"] == level]
        assert len(part) == len(periods) * len(indicators), level
        assert set(part["indicator"]) == set(indicators)
    assert dict(rb.groupby("region_level")["region_name"].first()) == {
        "national": "全国",
        "province": "山东省",
        "city": "济南市",
    }


def test_projects(raw, head):
    assert 500 <= ref.industrial_projects_since_2023(raw, P) <= 599  # 500余个
    assert 3_850_000 <= head["industrial_investment_since_2023"] < 4_000_000  # 近400亿
    assert 31 <= ref.provincial_key_projects(raw) <= 39  # 30余个
    assert head["plan_new_or_continuing"] == 204
    assert head["plan_preparatory"] == 58
    assert 201 <= head["projects_under_construction"] <= 299  # 200余个在建
    assert 101 <= ref.projects_not_started(raw, DAY) <= 130  # 100余个拟建
    assert 90 <= ref.projects_not_started(raw, DAY, signed_only=True) <= 99  # 近百个已签约
    names = set(raw["projects"]["name"])
    assert {"弗迪电池济南基地项目", "汇川技术济南产业园项目", "齐鲁制药超大规模制剂项目"} <= names
    assert {2023, 2024} <= set(raw["project_plans"]["year"])


def test_gantt_milestones(raw):
    ms = raw["project_milestones"]
    per_project = ms.groupby("project_id").size()
    assert per_project.between(4, 7).all()
    assert set(per_project.index) == set(raw["projects"]["project_id"])
    assert (ms["planned_end"] >= ms["planned_start"]).all()
    done = ms["actual_end"].notna()
    assert (ms.loc[done, "actual_end"] >= ms.loc[done, "actual_start"]).all()
    assert (ms["actual_end"].dropna() <= DAY).all()
    late = (ms["actual_end"] > ms["planned_end"]) | (ms["actual_end"].isna() & (ms["planned_end"] < DAY))
    assert 0.15 <= late.mean() <= 0.25


def test_tiers_on_track_below_year_end_targets(raw, head):
    targets = raw["targets"]
    t2025 = targets[targets["year"] == 2025].set_index("indicator")["target"].to_dict()
    assert t2025 == {
        "innovative_sme": 1700,
        "specialized_or_gazelle": 2200,
        "little_giant": 70,
        "above_scale_count": 400,
    }
    assert 2024 in set(targets["year"])
    for tier in ("innovative_sme", "specialized_or_gazelle", "little_giant"):
        assert 0.88 * t2025[tier] <= head[tier] < t2025[tier], tier
    assert head["above_scale_count"] >= t2025["above_scale_count"]
    history = [ref.tier_count(raw, pd.Timestamp(f"{y}-12-31"), "innovative_sme") for y in (2022, 2023, 2024)]
    assert history == sorted(history) and history[0] > 0
    # recognitions last as long as in reality
    t = raw["enterprise_tiers"]
    years = (t["expires_on"].dt.year - t["recognized_on"].dt.year).groupby(t["tier"]).unique()
    for tier in ("innovative_sme", "specialized_sme", "little_giant", "high_tech"):
        assert list(years[tier]) == [3], tier
    for tier in ("gazelle", "startup", "unicorn"):
        assert list(years[tier]) == [1], tier


def _recognitions_with_renewal(raw) -> pd.DataFrame:
    """enterprise_tiers with is_renewed as the tier_expiring mart defines it: a later recognition of
    the same enterprise and tier dated on or before the expiry."""
    t = raw["enterprise_tiers"].sort_values(["enterprise_id", "tier", "recognized_on"]).copy()
    t["next_recognized_on"] = t.groupby(["enterprise_id", "tier"])["recognized_on"].shift(-1)
    t["is_renewed"] = t["next_recognized_on"].notna() & (t["next_recognized_on"] <= t["expires_on"])
    return t


def test_tier_counts_do_not_collapse_from_month_to_month(raw):
    # Recognitions are renewed before they expire: a batch coming of age is no cliff.
    months = pd.period_range("2022-01", P, freq="M")
    worst = {}  # tier -> (largest month-on-month fall, month), for tiers of at least 100 holders
    for tier in ref.TIERS:
        counts = pd.Series([ref.tier_count(raw, ref.last_day(str(m)), tier) for m in months], index=months.astype(str))
        change = counts.pct_change().fillna(0)
        if counts.min() >= 100:
            worst[tier] = (round(float(change.min()), 3), change.idxmin())
    assert worst["high_tech"][0] > -0.03, worst["high_tech"]  # was -0.30 when a batch expired unrenewed
    assert all(fall > -0.06 for fall, _ in worst.values()), worst


def test_most_recognitions_expiring_in_six_months_are_renewed(raw):
    t = _recognitions_with_renewal(raw)
    valid = (t["recognized_on"] <= DAY) & (DAY < t["expires_on"])
    expiring = t[(t["expires_on"] > DAY) & (t["expires_on"] <= DAY + pd.DateOffset(months=6))]
    assert 0.1 < len(expiring) / valid.sum() < 0.4  # a sixth of three-year, half of one-year tiers
    assert 0.55 <= expiring["is_renewed"].mean() <= 0.85
    for tier in ("high_tech", "innovative_sme", "specialized_sme"):
        assert expiring.loc[expiring["tier"] == tier, "is_renewed"].mean() > 0.6, tier
    # a minority lapse: of the recognitions that expired by P, most had been renewed on time
    expired = t[t["expires_on"] <= DAY]
    assert 0.6 <= expired["is_renewed"].mean() <= 0.95


def test_one_year_recognitions_are_staggered(raw):
    t = raw["enterprise_tiers"]
    for tier in ("gazelle", "startup"):
        valid = t[(t["tier"] == tier) & (t["recognized_on"] <= DAY) & (DAY < t["expires_on"])]
        assert valid["expires_on"].dt.year.nunique() > 1, tier
        assert valid["expires_on"].dt.to_period("M").nunique() >= 6, tier
        assert valid["recognized_on"].dt.to_period("M").nunique() >= 6, tier


def test_service_matters_and_cases(raw, head):
    matters = raw["service_matters"]
    assert len(matters) == 48
    assert set(matters["lifecycle_stage"]) == set(contract.LIFECYCLE_STAGES)
    assert matters["name"].str.contains("个转企").any()
    assert 10_000 <= len(raw["service_cases"]) <= 100_000
    assert 98 <= head["satisfaction_rate"] <= 99.5
    assert 96 <= head["on_time_rate"] <= 98.5
    assert 88 <= head["one_visit_rate"] <= 92
    assert 85 <= head["rectification_rate"] <= 95
    cases = raw["service_cases"]
    specialist = cases["channel"] == "specialist"
    assert cases.loc[specialist, "specialist_id"].str.fullmatch(r"ZY\d{3}").all()
    assert cases.loc[~specialist, "specialist_id"].isna().all()
    assert set(cases["channel"]) == set(contract.CHANNELS)
    assert (cases["due_at"] >= cases["submitted_at"]).all()
    assert (cases["completed_at"].dropna() >= cases.loc[cases["completed_at"].notna(), "submitted_at"]).all()
    assert (cases.loc[cases["rectified_at"].notna(), "rating"] <= 2).all()


def test_above_scale_list_changes_over_time(raw):
    im = raw["industrial_monthly"]
    first = im.groupby("enterprise_id")["period"].min()
    last = im.groupby("enterprise_id")["period"].max()
    months = im.groupby("enterprise_id").size()
    span = (pd.PeriodIndex(last, freq="M") - pd.PeriodIndex(first, freq="M")).map(lambda d: d.n) + 1
    assert (first >= "2025-01").sum() >= 20  # new this year
    assert ((last < P) & (last >= "2024-01")).sum() >= 20  # left the list
    assert (last.str[5:] != "12").loc[last < P].any()  # some left mid-year
    assert (months.to_numpy() < span.to_numpy()).sum() >= 10  # gaps in monthly reports
    divisions = raw["enterprises"].set_index("enterprise_id").loc[first.index, "industry_code"].str[:2].astype(int)
    assert (~divisions.between(13, 43)).sum() >= 2  # heat, power and water are industry too


def test_named_enterprises_consent_to_public_names(raw):
    ent = raw["enterprises"]
    assert 0.07 <= ent["consent_public"].mean() <= 0.13
    named = ent.set_index("name").loc[["济南弗迪电池有限公司", "齐鲁制药有限公司", "汇川技术（济南）有限公司"]]
    assert named["consent_public"].all()
    assert re.fullmatch(r"\d{4}", named["industry_code"].iloc[0])


def test_talent(raw, head):
    talent = raw["talent"]
    assert 3_000 <= len(talent) <= 10_000
    assert set(talent["category"]) == set(contract.TALENT_CATEGORIES)
    assert 0 < head["talent_in_post"] < len(talent)
    # openings exceed what arrives: the talent map shows gaps
    demand = raw["talent_demand"]
    arrivals = talent[talent["arrived_on"] >= "2024-01-01"].groupby("category").size()
    openings = demand[demand["period"] >= "2024-01"].groupby("category")["openings"].sum()
    assert (openings > arrivals.reindex(openings.index, fill_value=0)).all()


# ------------------------------------------------------------------ other seeds and scales
def test_story_holds_for_another_seed(tmp_path_factory):
    _, _, other = _generate(tmp_path_factory, 1.0, seed=7)
    h = ref.headline(other, P)
    assert round(h["industrial_va_growth_ytd"], 1) == 23.5
    assert round(h["manufacturing_va_growth_ytd"], 1) == 23.8
    assert round(h["revenue_share_of_city"], 1) == 27.5
    assert (h["plan_new_or_continuing"], h["plan_preparatory"]) == (204, 58)
    assert round(ref.va_growth_ytd(other, "2024-12"), 1) == 13.5


def test_story_holds_at_scale_10(tmp_path_factory):
    _, counts, big = _generate(tmp_path_factory, 10.0)
    h = ref.headline(big, P)
    assert 130_000_000 < h["gross_output_ytd"] < 131_000_000
    for metric, value in (
        ("industrial_va_growth_ytd", 23.5),
        ("manufacturing_va_growth_ytd", 23.8),
        ("revenue_share_of_city", 27.5),
        ("lead_vs_national_pp", 17.1),
        ("lead_vs_province_pp", 15.8),
        ("manufacturing_lead_vs_national_pp", 16.8),
        ("manufacturing_lead_vs_province_pp", 14.8),
    ):
        assert round(h[metric], 1) == value, metric
    assert round(ref.va_growth_ytd(big, "2024-12"), 1) == 13.5
    assert 25 < h["output_share_of_city"] < 27.5
    assert round(h["enterprise_share_of_city"], 1) == round(100 / 7, 1)
    assert 4_000 <= h["above_scale_count"] <= 4_400
    assert (h["plan_new_or_continuing"], h["plan_preparatory"]) == (2040, 580)
    assert 38_500_000 <= h["industrial_investment_since_2023"] < 40_000_000
    assert 5_000 <= ref.industrial_projects_since_2023(big, P) <= 5_999
    assert 2_010 <= h["projects_under_construction"] <= 2_990
    assert 15_000 <= h["innovative_sme"] < 17_000 and 600 <= h["little_giant"] < 700
    assert counts["service_cases"] > 10 * 40_000
