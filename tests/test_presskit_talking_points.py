"""Talking points: the seed article's figures from the demo, another dataset's own numbers and
region names from a small warehouse built here, no sentence for a null metric, no false claim."""

from __future__ import annotations

import csv
import math
import re
from fractions import Fraction
from pathlib import Path

import pytest
from stdnum.cn import uscc

from dashboard.talking_points import (
    TalkingPoint,
    amount_step,
    approx_amount,
    approx_count,
    by_key,
    fetch_row,
    open_marts,
    period_phrase,
    round_step,
    share_fraction,
    talking_points,
)
from warehouse.build import build
from warehouse.contract import TABLES

SEED_FIGURES = [
    "23.5%",
    "17.1",
    "15.8",
    "23.8%",
    "16.8",
    "14.8",
    "1300亿元",
    "27.5%",
    "13.5%",
    "204",
    "58",
    "500余个",
    "近400亿元",
    "30余个",
    "200余个",
    "1/7",
    "1/4",
]


# --- the rules, one case at a time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1305.3, ("突破", 1300)),  # the seed: 突破1300亿元
        (392.99, ("近", 400)),  # the seed: 近400亿元
        (1295.0, ("近", 1300)),
        (2304.4, ("突破", 2300)),
        (246.0, ("突破", 200)),
        (29.5, ("近", 30)),
        (0.0, None),
    ],
)
def test_amount_thresholds(value, expected):
    assert approx_amount(value) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (538, ("余", 500)),
        (36, ("余", 30)),
        (215, ("余", 200)),
        (104, ("余", 100)),
        (1530, ("余", 1500)),
        (1560, ("近", 1600)),
        (395, ("近", 400)),
        (100, ("", 100)),
        (200, ("", 200)),
        (9, ("", 9)),
        (12, ("余", 10)),
    ],
)
def test_count_thresholds(n, expected):
    assert approx_count(n) == expected


@pytest.mark.parametrize(
    ("share", "prefer", "expected"),
    [
        (14.285714, "nearest", ("", Fraction(1, 7))),
        (14.09, "nearest", ("约", Fraction(1, 7))),
        (30.0, "nearest", None),  # no simple fraction within 5 %
        (26.38, "over", ("超", Fraction(1, 4))),
        (24.5, "over", ("近", Fraction(1, 4))),
        (25.0, "over", ("", Fraction(1, 4))),
        (45.0, "over", ("超", Fraction(2, 5))),
    ],
)
def test_share_fractions(share, prefer, expected):
    assert share_fraction(share, prefer) == expected


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [
        ("2025-01", "1月", "January"),
        ("2025-03", "一季度", "the first quarter"),
        ("2025-05", "1—5月", "January–May"),
        ("2025-06", "上半年", "the first half"),
        ("2025-09", "前三季度", "the first three quarters"),
        ("2025-12", "全年", "the full year"),
    ],
)
def test_period_wording(period, zh, en):
    assert period_phrase(period) == zh
    assert period_phrase(period, "en") == en


# --- a checker for every claim a sentence makes --------------------------------------------------


def _v(point: TalkingPoint, name: str) -> float:
    value = point.values[name]
    assert value is not None, f"{point.key} states {name}, which is null"
    return float(value)


def _check_amount(word: str, x: int, value: float, text: str) -> None:
    if word == "突破":
        assert x <= value < x + amount_step(value), f"突破{x} is not the round number just below {value}: {text}"
    elif word == "近":
        assert 0.97 * x <= value < x, f"近{x} does not hold for {value}: {text}"
    elif word == "超":
        assert value > x, text


def _check_count(text_count: str, value: float, text: str) -> None:
    m = re.fullmatch(r"(近)?(\d+)(余)?", text_count)
    assert m, text_count
    near, x, more = m.group(1), int(m.group(2)), m.group(3)
    if more:
        assert x < value < x + round_step(x), f"{x}余 does not hold for {value}: {text}"
    elif near:
        assert 0.97 * x <= value < x, f"近{x} does not hold for {value}: {text}"
    else:
        assert value == x, f"{x} is not {value}: {text}"


def _r1(x: float) -> float:
    return math.floor(abs(x) * 10 + 0.5 + 1e-9) / 10 * (1 if x >= 0 else -1)


# The tiers the talking points name with their targets, as they name them -> headline metric.
TIER_WORDS = {
    "创新型中小企业": "innovative_sme",
    "专精特新+瞪羚企业": "specialized_or_gazelle",
    "“小巨人”企业": "little_giant",
}


def assert_no_false_claim(point: TalkingPoint) -> None:
    """Every number, threshold word, fraction and comparison in the sentence holds for its values."""
    text, k = point.text, point.key
    if k in ("growth", "manufacturing"):
        growth = _v(point, point.metrics[0])
        m = re.search(r"同比(增长|下降)(\d+\.\d)%", text)
        assert m and float(m.group(2)) == abs(_r1(growth)) and (m.group(1) == "增长") == (growth > 0), text
        prefix = "" if k == "growth" else "manufacturing_"
        leads = {
            point.values[f"{lvl}_region_name"]: point.values[f"{prefix}lead_vs_{lvl}_pp"]
            for lvl in ("national", "province")
        }
        together = re.search(r"分别领先(.+?)(\d[\d.、]*)个百分点", text)
        if together:
            for name, shown in zip(together.group(1).split("、"), together.group(2).split("、"), strict=True):
                assert leads[name] > 0 and float(shown) == _r1(leads[name]), text
        for word, name, shown in re.findall(r"(领先|低于)([^\d，、]+?)(\d+\.\d)个百分点", text):
            assert leads[name] is not None and (leads[name] > 0) == (word == "领先"), text
            assert float(shown) == abs(_r1(leads[name])), text
        for name, lead in leads.items():
            if lead is None and name:
                assert name not in text, f"a lead that is null is stated: {text}"
    elif k == "output":
        value = _v(point, "gross_output_ytd") / 1e4
        m = re.search(r"(突破|近)(\d+)亿元，达(\d+\.\d)亿元", text)
        assert m, text
        _check_amount(m.group(1), int(m.group(2)), value, text)
        assert float(m.group(3)) == _r1(value), text
    elif k == "revenue_share":
        assert f"{_r1(_v(point, 'revenue_share_of_city'))}%" in text
        assert point.values["city_region_name"] in text
    elif k == "shares":
        ent, out = _v(point, "enterprise_share_of_city"), _v(point, "output_share_of_city")
        assert out > ent, text
        m = re.search(r"以.+?(约)?(\d+)/(\d+)的规上工业企业贡献了该市(超|近)?(\d+)/(\d+)的工业产值", text)
        if m:
            base = 100 * int(m.group(2)) / int(m.group(3))
            assert abs(ent - base) <= (0.05 * base if m.group(1) else 0.05), text
            boast = 100 * int(m.group(5)) / int(m.group(6))
            if m.group(4) == "超":
                assert out > boast, text
            elif m.group(4) == "近":
                assert 0.97 * boast <= out < boast, text
            else:
                assert abs(out - boast) <= 0.05, text
    elif k == "last_year":
        zone = _v(point, "industrial_va_growth_ytd")
        assert f"{_r1(zone)}%" in text
        times = re.search(r"的(\d+)倍以上", text)
        if times:
            city = _v(point, "city_industrial_va_growth_ytd")
            assert zone / city > int(times.group(1)) and _r1(zone) / _r1(city) > int(times.group(1)), text
        above = re.search(r"(高于|低于).+?平均水平(\d+\.\d)个百分点", text)
        if above:
            diff = _r1(zone) - _r1(_v(point, "city_industrial_va_growth_ytd"))
            assert (diff > 0) == (above.group(1) == "高于") and abs(diff - float(above.group(2))) < 1e-9, text
    elif k == "projects":
        m = re.search(r"滚动实施工业项目((?:近)?\d+(?:余)?)个", text)
        if m:
            _check_count(m.group(1), _v(point, "projects_invested_since_2023"), text)
        m = re.search(r"累计完成工业投资(突破|近)(\d+)亿元", text)
        if m:
            _check_amount(m.group(1), int(m.group(2)), _v(point, "industrial_investment_since_2023") / 1e4, text)
        m = re.search(r"((?:近)?\d+(?:余)?)个项目入选", text)
        if m:
            _check_count(m.group(1), _v(point, "provincial_key_projects_invested_since_2023"), text)
    elif k == "under_construction":
        m = re.search(r"在建项目((?:近)?\d+(?:余)?)个", text)
        assert m, text
        _check_count(m.group(1), _v(point, "projects_under_construction"), text)
    elif k == "tiers":
        for name, code in {**TIER_WORDS, "规模以上工业企业": "above_scale_count"}.items():
            count = point.values[code]
            if count:
                assert f"{name}{count}家" in text, text
            else:
                assert name not in text, f"{name} has none but is listed: {text}"
    elif k == "tier_targets":
        expected = re.search(r"预计年底前([^；。]+)", text)
        for name, code in TIER_WORDS.items():
            row = point.values.get(code)
            m = re.search(re.escape(name) + r"(已)?突破(\d+)家", text)
            if not m:
                continue
            assert int(m.group(2)) == row["target_value"], text
            if m.group(1):
                assert row["actual_value"] >= row["target_value"], text
            elif expected and name in expected.group(1):
                assert row["projected_year_end_value"] >= row["target_value"], f"预计 is not on course: {text}"
            else:
                assert "力争" in text, text
        if expected and "保持在" in expected.group(1):
            row = point.values["above_scale_count"]
            assert row["actual_value"] >= row["target_value"] <= row["projected_year_end_value"], text
    elif k == "services":
        labels = {
            "满意率": "satisfaction_rate",
            "按时办结率": "on_time_rate",
            "一次办结率": "one_visit_rate",
            "差评整改率": "rectification_rate",
        }
        for label, metric in labels.items():
            if point.values[metric] is None:
                assert label not in text, f"{label} is null but stated: {text}"
            else:
                assert f"{label}{_r1(point.values[metric]):.1f}%" in text, text


def assert_traceable(point: TalkingPoint, db: Path) -> None:
    """The point's SQL, run with its parameters, gives back the values the sentence was written from."""
    assert point.metrics and "?" in point.sql and point.params
    with open_marts(db) as con:
        if point.key == "tier_targets":
            rows = {r[0]: r for r in con.execute(point.sql, list(point.params)).fetchall()}
            for code, row in point.values.items():
                assert rows[code][1] == row["actual_value"]
        else:
            assert fetch_row(con, point.sql, point.params) == point.values


# --- the demo: the seed article's figures ----------------------------------------------------------


def test_demo_talking_points_carry_the_seed_figures(demo_db):
    points = talking_points(demo_db, "2025-06")
    text = "\n".join(p.text for p in points)
    missing = [f for f in SEED_FIGURES if f not in text]
    assert not missing, f"missing {missing} in:\n{text}"
    tp = by_key(points)
    assert tp["growth"].text == "上半年，规模以上工业增加值同比增长23.5%，分别领先全国、山东省17.1、15.8个百分点。"
    assert tp["manufacturing"].text == "其中，制造业增加值同比增长23.8%，分别领先全国、山东省16.8、14.8个百分点。"
    assert tp["shares"].text == "以济南市1/7的规上工业企业贡献了该市超1/4的工业产值。"
    assert "突破1300亿元" in tp["output"].text
    assert "占济南市比重达27.5%" in tp["revenue_share"].text
    assert tp["last_year"].text.startswith("去年规模以上工业增加值增速达13.5%")
    assert "2倍以上" in tp["last_year"].text
    assert tp["plan"].text == "2025年度建设计划囊括204个新建续建项目、58个筹备项目。"
    assert tp["projects"].metrics == (
        "projects_invested_since_2023",
        "industrial_investment_since_2023",
        "provincial_key_projects_invested_since_2023",
    )


@pytest.mark.parametrize("period", ["2025-06", "2025-03", "2024-12", "2024-09", "2023-07", "2022-06"])
def test_demo_talking_points_make_no_false_claim(demo_db, period):
    for point in talking_points(demo_db, period):
        assert_no_false_claim(point)
        assert_traceable(point, demo_db)


def test_english_talking_points(demo_db):
    tp = by_key(talking_points(demo_db, "2025-06", lang="en"))
    assert tp["growth"].text == (
        "In the first half, above-scale industrial value added grew 23.5% year on year, "
        "17.1 percentage points ahead of 全国 and 15.8 percentage points ahead of 山东省."
    )
    assert "passed RMB 130 billion" in tp["output"].text
    assert "over 1/4" in tp["shares"].text


def test_bad_period_is_refused(demo_db):
    with pytest.raises(ValueError, match="YYYY-MM"):
        talking_points(demo_db, "2025-6")
    with pytest.raises(ValueError, match="not in the warehouse"):
        talking_points(demo_db, "2031-01")


# --- another zone: 江苏省 / 苏州市, its own numbers, a null metric -------------------------------------


def _uscc(serial: int) -> str:
    base = f"91320594MA1{serial:06d}"
    return base + uscc.calc_check_digit(base)


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y}-{m:02d}" <= last:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


E1, E2, E3 = _uscc(1), _uscc(2), _uscc(3)
# monthly output (万元) by year: growth 2025 vs 2024 = 8 % (E1, E2, manufacturing) and 4 % (E3, power)
OUTPUT = {
    E1: {2023: 100_000, 2024: 110_000, 2025: 118_800},
    E2: {2023: 200_000, 2024: 220_000, 2025: 237_600},
    E3: {2023: 50_000, 2024: 55_000, 2025: 57_200},
}
# growth 2025 H1: (118800 + 237600 + 57200) / (110000 + 220000 + 55000) − 1 = 7.428…%; 2024: 10.0 %
# gross output 2025-01..06 = 6 × 413,600 = 2,481,600 万元 = 248.16 亿元 → 突破200亿元


def _small_tables() -> dict[str, list[dict[str, object]]]:
    periods = _months("2023-01", "2025-06")
    ents = [
        (E1, "苏州恒芯微电子有限公司", "3973", "电子信息"),
        (E2, "苏州瑞康医疗器械有限公司", "3581", "生物医药"),
        (E3, "苏州工业园区热电有限公司", "4411", "能源"),
    ]
    t: dict[str, list[dict[str, object]]] = {name: [] for name in (tb.name for tb in TABLES)}
    t["enterprises"] = [
        {
            "enterprise_id": e,
            "name": n,
            "industry_code": c,
            "chain": ch,
            "park": "独墅湖片区",
            "registered_on": "2012-05-01",
        }
        for e, n, c, ch in ents
    ]
    for p in periods:
        for e in OUTPUT:
            out = OUTPUT[e][int(p[:4])]
            t["industrial_monthly"].append(
                {
                    "enterprise_id": e,
                    "period": p,
                    "gross_output": out,
                    "revenue": round(out * 0.97, 2),
                    "profit": round(out * 0.08, 2),
                }
            )
        for division in ("39", "35", "44"):
            t["industry_prices"].append({"division": division, "period": p, "ppi_yoy": 100, "va_rate": 0.25})
    bench = [  # national and provincial growth; manufacturing only nationally; the city without revenue
        ("national", "全国", "2025-06", "industrial_va_growth_ytd", 5.0),
        ("national", "全国", "2025-06", "manufacturing_va_growth_ytd", 5.5),
        ("province", "江苏省", "2025-06", "industrial_va_growth_ytd", 9.0),
        ("city", "苏州市", "2025-06", "industrial_va_growth_ytd", 6.5),
        ("city", "苏州市", "2025-06", "above_scale_enterprise_count", 12),
        ("city", "苏州市", "2025-06", "gross_output_ytd", 5_514_666.67),
        ("city", "苏州市", "2024-12", "industrial_va_growth_ytd", 6.0),
    ]
    t["region_benchmarks"] = [
        {"region_level": lv, "region_name": n, "period": p, "indicator": i, "value": v} for lv, n, p, i, v in bench
    ]
    # 12 industrial projects investing since 2023 (3 on the provincial list), 7 under construction
    for i in range(1, 13):
        started = i <= 10
        done = i <= 3
        t["projects"].append(
            {
                "project_id": f"SZ{i:03d}",
                "name": f"苏州项目{i}",
                "enterprise_id": E1 if i % 2 else E2,
                "chain": "电子信息",
                "is_industrial": "true",
                "total_investment": 50_000,
                "provincial_key": str(i <= 3).lower(),
                "signed_on": "2022-10-01",
                "planned_start": "2023-01-15",
                "actual_start": "2023-02-01" if started else "",
                "planned_completion": "2026-06-30",
                "actual_completion": "2024-12-01" if done else "",
            }
        )
        for p in ("2023-06", "2024-06", "2025-03"):
            t["project_investment"].append(
                {"project_id": f"SZ{i:03d}", "period": p, "invested": round(295_000 / 36, 4)}
            )
    for i, cat in enumerate(["new", "new", "continuing", "continuing", "continuing", "preparatory", "preparatory"], 4):
        t["project_plans"].append(
            {"project_id": f"SZ{i:03d}", "year": 2025, "plan_category": cat, "planned_investment": 10_000}
        )
    t["project_milestones"] = [
        {
            "project_id": "SZ004",
            "milestone": "土建",
            "seq": 1,
            "planned_start": "2023-02-01",
            "planned_end": "2024-02-01",
            "actual_start": "2023-02-01",
            "actual_end": "2024-03-01",
        }
    ]
    t["enterprise_tiers"] = [
        {
            "enterprise_id": E1,
            "tier": "innovative_sme",
            "level": "province",
            "recognized_on": "2023-03-01",
            "expires_on": "",
        },
        {
            "enterprise_id": E2,
            "tier": "innovative_sme",
            "level": "province",
            "recognized_on": "2023-03-01",
            "expires_on": "",
        },
        {
            "enterprise_id": E1,
            "tier": "specialized_sme",
            "level": "province",
            "recognized_on": "2024-03-01",
            "expires_on": "",
        },
    ]
    t["talent"] = [
        {
            "talent_id": f"T{i}",
            "enterprise_id": E1,
            "category": "young",
            "chain": "电子信息",
            "education": "master",
            "source": "introduced",
            "arrived_on": "2023-01-01",
            "left_on": "",
        }
        for i in range(5)
    ]
    t["talent_demand"] = [{"chain": "电子信息", "category": "young", "period": "2025-06", "openings": 3}]
    t["service_matters"] = [
        {"matter_code": "M01", "name": "企业开办", "lifecycle_stage": "establish"},
        {"matter_code": "M02", "name": "个转企", "lifecycle_stage": "change"},
    ]
    t["service_cases"] = [  # every rating good: no bad rating, so the rectification rate is null
        {
            "case_id": f"C{i}",
            "enterprise_id": E1,
            "matter_code": "M01" if i % 2 else "M02",
            "channel": "online",
            "specialist_id": "",
            "submitted_at": f"2025-0{1 + i % 5}-10 09:00",
            "due_at": f"2025-0{1 + i % 5}-15 17:00",
            "completed_at": f"2025-0{1 + i % 5}-{12 if i < 7 else 18} 10:00",
            "one_visit": str(i % 3 != 0).lower(),
            "bundled": "false",
            "rating": 5 if i % 2 else 4,
            "rectified_at": "",
        }
        for i in range(10)
    ]
    t["targets"] = [
        {"year": 2025, "indicator": "innovative_sme", "target": 10},
        {"year": 2025, "indicator": "above_scale_count", "target": 3},
    ]
    return t


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A three-enterprise zone in 苏州市, 江苏省, built through the real ingest and dbt."""
    base = tmp_path_factory.mktemp("suzhou")
    raw = base / "raw"
    raw.mkdir()
    for name, rows in _small_tables().items():
        columns = [c.name for c in next(tb for tb in TABLES if tb.name == name).columns]
        with (raw / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=columns)
            w.writeheader()
            w.writerows(rows)
    build(raw, base / "zone.duckdb")
    return base / "zone.duckdb"


def test_other_dataset_gives_its_own_numbers_and_regions(small_db):
    points = talking_points(small_db, "2025-06")
    tp = by_key(points)
    text = "\n".join(p.text for p in points)
    assert "山东" not in text and "济南" not in text
    assert tp["output"].text == "2025年上半年，规模以上工业总产值突破200亿元，达248.2亿元。"
    # all industry 7.4 %: ahead of 全国 by 2.4, behind 江苏省 by 1.6: no 分别领先
    assert tp["growth"].text == "上半年，规模以上工业增加值同比增长7.4%，领先全国2.4个百分点，低于江苏省1.6个百分点。"
    # manufacturing is two of the three enterprises: a figure of fewer than 3 enterprises is not
    # published (《统计法》, warehouse/confidentiality.py), so there is no manufacturing sentence
    assert "manufacturing" not in tp
    # 3 of the city's 12 enterprises (1/4) make 45 % of its output (超2/5)
    assert tp["shares"].text == "以苏州市1/4的规上工业企业贡献了该市超2/5的工业产值。"
    # 2024: 10.0 % against the city's 6.0 %: not twice, so the difference is said
    assert tp["last_year"].text == "去年规模以上工业增加值增速达10.0%，高于苏州市平均水平4.0个百分点。"
    assert tp["projects"].text == (
        "2023年以来，滚动实施工业项目10余个，累计完成工业投资近30亿元，3个项目入选省级技术改造重点导向目录。"
    )
    assert tp["plan"].text == "2025年度建设计划囊括5个新建续建项目、2个筹备项目。"
    assert tp["under_construction"].text == "截至6月末，全区在建项目7个。"
    assert tp["tiers"].text == "截至6月末，全区创新型中小企业2家、专精特新+瞪羚企业1家、规模以上工业企业3家。"
    assert "力争年底前创新型中小企业突破10家" in tp["tier_targets"].text
    assert "预计年底前规模以上工业企业数量保持在3家以上" in tp["tier_targets"].text


def test_a_null_metric_gives_no_sentence(small_db):
    tp = by_key(talking_points(small_db, "2025-06"))
    with open_marts(small_db) as con:
        row = fetch_row(
            con,
            "select revenue_share_of_city, rectification_rate, manufacturing_lead_vs_province_pp "
            "from headline_metrics where period = ?",
            ("2025-06",),
        )
    assert row == {"revenue_share_of_city": None, "rectification_rate": None, "manufacturing_lead_vs_province_pp": None}
    assert "revenue_share" not in tp
    assert all("营业收入" not in p.text for p in tp.values())
    assert "差评整改率" not in tp["services"].text and "满意率100.0%" in tp["services"].text
    assert "manufacturing" not in tp  # two enterprises: withheld (see above)


@pytest.mark.parametrize("period", ["2025-06", "2025-03", "2024-12", "2024-06"])
def test_other_dataset_makes_no_false_claim(small_db, period):
    for point in talking_points(small_db, period):
        assert_no_false_claim(point)
        assert_traceable(point, small_db)
