"""Talking points (成绩单) for a period: sentences written from the marts, each with its SQL.

Every sentence is built from one bound-parameter query on the marts, in the register of an
official release (“上半年，规模以上工业增加值同比增长23.5%，分别领先全国、山东省17.1、15.8个
百分点”). The rules that keep it honest:

- a number is printed as the warehouse holds it, rounded half up (四舍五入) to one decimal
  for % and 亿元, whole for counts;
- 突破 / 超 / 近 / 余 / 以上 and fractions (1/7, 超1/4) are chosen by the value and only
  where true (see `approx_amount`, `approx_count`, `share_fraction`);
- region names (全国, 山东省, 济南市 …) come from the data, never from this module;
- a null metric gives no sentence (or no clause), and a comparison that does not hold is
  not made: a lag is called a lag, a target not on course is 力争, not 预计.

Only zone-wide aggregates are used (no enterprise is named), and a sentence whose figure is
built from fewer than 3 enterprises is left out (《统计法》; warehouse/confidentiality.py).
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import duckdb

from dashboard import fmt, queries
from dashboard.queries import Reader, Result, confidential, growth, overview, projects, reference, services, tiers
from warehouse import readonly

LANGS = ("zh", "en")


@dataclass(frozen=True)
class TalkingPoint:
    """One sentence, the metric names it states, and the query (SQL + parameters) it came from."""

    key: str
    text: str
    metrics: tuple[str, ...]
    sql: str
    params: tuple[object, ...]
    values: dict[str, object] = field(default_factory=dict)

    @property
    def sql_with_params(self) -> str:
        """The SQL as run, with its bound parameters listed after it (for the click-to-show panel)."""
        return f"{self.sql.strip()}\n-- 参数 / params: {list(self.params)!r}"


# --- reading the marts ------------------------------------------------------------------------


def open_marts(db_path: Path | str) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
    """A short-lived, read-only connection whose default schema is the warehouse's `main` (the marts).

    warehouse/readonly.py's recipe, as every reader of the warehouse opens it.
    """
    return readonly.opened(db_path)


def fetch_row(con: duckdb.DuckDBPyConnection, sql: str, params: tuple) -> dict[str, object] | None:
    """The first row of a query as a dict (NaN as None), or None when there is no row."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    if not rows:
        return None
    return {n: _clean(v) for n, v in zip(names, rows[0], strict=True)}


def _clean(v: object) -> object:
    return None if isinstance(v, float) and math.isnan(v) else v


# --- numbers the way Chinese statistics print them ----------------------------------------------


def round_step(v: float) -> int:
    """The step of the round numbers a release would quote near v.

    One significant figure (30, 200, 400, 500), but two when the value starts with a 1 and
    has three or more digits (1300, 1500): that is how 突破1300亿元, 500余个, 近400亿元 read.
    """
    digits = math.floor(math.log10(v)) + 1
    if digits <= 1:
        return 1
    lead = int(v // 10 ** (digits - 1))
    return 10 ** (digits - 2) if digits >= 3 and lead == 1 else 10 ** (digits - 1)


NEAR = 0.97  # 近X: within 3 % below X


def amount_step(v: float) -> int:
    """Round numbers for amounts: like `round_step`, but two significant figures from 1000 up
    (突破2300亿元 rather than 突破2000亿元 for 2304.4亿元)."""
    digits = math.floor(math.log10(v)) + 1
    return 10 ** (digits - 2) if digits >= 4 else round_step(v)


def approx_amount(v: float) -> tuple[str, int] | None:
    """A threshold phrase for a positive amount: ('近', 400) if v is within 3 % below the next
    round number, else ('突破', 1300) with the round number just below (v ≥ it); None for v ≤ 0."""
    if v is None or v <= 0:
        return None
    step = amount_step(v)
    floor = int(math.floor(v / step) * step)
    ceil = floor + step
    if NEAR * ceil <= v < ceil:
        return ("近", ceil)
    if floor <= 0:
        return None
    return ("突破", floor)


def approx_count(n: float) -> tuple[str, int]:
    """A count as a release quotes it: ('近', 400) within 3 % below a round number, ('余', 500)
    for 500 < n < 600 (500余个), or ('', n) when n is itself round or below 10."""
    n = int(n)
    if n < 10:
        return ("", n)
    step = round_step(n)
    floor = n // step * step
    ceil = floor + step
    if NEAR * ceil <= n < ceil:
        return ("近", ceil)
    if n > floor:
        return ("余", floor)
    return ("", n)


def approx_count_zh(n: float, unit: str) -> str:
    """'500余个', '近400个', '58个'."""
    word, x = approx_count(n)
    if word == "余":
        return f"{x}余{unit}"
    if word == "近":
        return f"近{x}{unit}"
    return f"{x}{unit}"


def approx_count_en(n: float) -> str:
    """'more than 500', 'nearly 400', '58'."""
    word, x = approx_count(n)
    return {"余": f"more than {x:,}", "近": f"nearly {x:,}"}.get(word, f"{x:,}")


# Fractions a release uses: halves to tenths, and a few common non-unit ones.
FRACTIONS: tuple[Fraction, ...] = tuple(
    sorted({Fraction(1, n) for n in range(2, 11)} | {Fraction(2, 3), Fraction(3, 4), Fraction(2, 5), Fraction(3, 5)})
)
EXACT_PP = 0.05  # a share within 0.05 percentage points of a fraction prints as that fraction


def _frac_pct(f: Fraction) -> float:
    return float(f) * 100


def share_fraction(share_pct: float, prefer: str = "nearest") -> tuple[str, Fraction] | None:
    """A share (in %) as a simple fraction with its qualifier, or None if none fits.

    prefer='nearest' (the base of a comparison: 以全市1/7的企业): ('', 1/7) when the share
    is the fraction to 0.05 pp, ('约', f) within 5 % of it.
    prefer='over' (the boast: 贡献了超1/4的产值): ('', f) when equal, ('近', f) within 3 %
    below f, ('超', f) for the largest fraction the share exceeds (within 20 % of it).
    """
    if share_pct is None or share_pct <= 0 or share_pct >= 100:
        return None
    nearest = min(FRACTIONS, key=lambda f: abs(_frac_pct(f) - share_pct))
    if abs(_frac_pct(nearest) - share_pct) <= EXACT_PP:
        return ("", nearest)
    if prefer == "nearest":
        if abs(share_pct / _frac_pct(nearest) - 1) <= 0.05:
            return ("约", nearest)
        return None
    above = [f for f in FRACTIONS if _frac_pct(f) > share_pct]
    if above and share_pct >= NEAR * _frac_pct(above[0]):
        return ("近", above[0])
    below = [f for f in FRACTIONS if _frac_pct(f) < share_pct]
    if below and share_pct / _frac_pct(below[-1]) - 1 <= 0.2:
        return ("超", below[-1])
    return None


def _frac_text(f: Fraction) -> str:
    return f"{f.numerator}/{f.denominator}"


# --- period wording -----------------------------------------------------------------------------


def period_phrase(period: str, lang: str = "zh", with_year: bool = False) -> str:
    """How a release names the year to date: 一季度, 上半年, 前三季度, 全年, else 1—M月."""
    year, month = int(period[:4]), int(period[5:7])
    if lang == "en":
        names = (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        )
        text = {3: "the first quarter", 6: "the first half", 9: "the first three quarters", 12: "the full year"}.get(
            month, "January" if month == 1 else f"January–{names[month - 1]}"
        )
        return f"{text} of {year}" if with_year else text
    text = {1: "1月", 3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}.get(month, f"1—{month}月")
    return f"{year}年{text}" if with_year else text


def as_of_phrase(period: str, lang: str = "zh") -> str:
    """截至6月末 / As of end-June (for counts on the period's last day)."""
    month = int(period[5:7])
    if lang == "en":
        names = (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        )
        return f"As of the end of {names[month - 1]}"
    return f"截至{month}月末"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the sentences ------------------------------------------------------------------------------
# One figure of the read layer per sentence (dashboard/queries/): what the click-to-show
# panel prints is exactly the SQL that was run, and the leader's withholding is the layer's.


GROWTH = ("industrial_va_growth_ytd", "lead_vs_national_pp", "lead_vs_province_pp")
MANUFACTURING = (
    "manufacturing_va_growth_ytd",
    "manufacturing_lead_vs_national_pp",
    "manufacturing_lead_vs_province_pp",
)


def _lead_clause(leads: list[tuple[str, float]], lang: str) -> str:
    """'分别领先全国、山东省17.1、15.8个百分点' when every lead is positive, else each said as it is."""
    shown = [(name, fmt.half_up(v, 1)) for name, v in leads]
    if lang == "en":
        parts = []
        for name, d in shown:
            if d > 0:
                parts.append(f"{d} percentage points ahead of {name}")
            elif d < 0:
                parts.append(f"{abs(d)} percentage points behind {name}")
            else:
                parts.append(f"level with {name}")
        return " and ".join(parts)
    if len(shown) >= 2 and all(d > 0 for _, d in shown):
        return f"分别领先{'、'.join(n for n, _ in shown)}{'、'.join(str(d) for _, d in shown)}个百分点"
    parts = []
    for name, d in shown:
        if d > 0:
            parts.append(f"领先{name}{d}个百分点")
        elif d < 0:
            parts.append(f"低于{name}{abs(d)}个百分点")
        else:
            parts.append(f"与{name}持平")
    return "，".join(parts)


def _growth_text(
    subject_zh: str,
    subject_en: str,
    growth: float,
    leads: list[tuple[str, float]],
    prefix_zh: str,
    period: str,
    lang: str,
) -> str:
    g = fmt.half_up(growth, 1)
    if lang == "en":
        head = f"In {period_phrase(period, 'en')}, {subject_en} "
        head += (
            f"grew {g}% year on year" if g > 0 else f"fell {abs(g)}% year on year" if g < 0 else "was flat year on year"
        )
        lead = _lead_clause(leads, "en")
        return head + (f", {lead}." if lead else ".")
    head = f"{prefix_zh}{subject_zh}"
    head += f"同比增长{g}%" if g > 0 else f"同比下降{abs(g)}%" if g < 0 else "与上年同期持平"
    lead = _lead_clause(leads, "zh")
    return head + (f"，{lead}。" if lead else "。")


def _leads(row: dict, pairs: list[tuple[str, str]]) -> list[tuple[str, float]]:
    """(region name, lead) for each benchmark whose lead and name are both known."""
    return [
        (row[name_col], row[lead_col])
        for lead_col, name_col in pairs
        if row.get(lead_col) is not None and row.get(name_col)
    ]


def _tp_growth(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, *GROWTH, regions=("national", "province"))
    row, params = result.row, result.params
    if not row or row["industrial_va_growth_ytd"] is None:
        return None
    leads = _leads(
        row, [("lead_vs_national_pp", "national_region_name"), ("lead_vs_province_pp", "province_region_name")]
    )
    text = _growth_text(
        "规模以上工业增加值",
        "above-scale industrial value added",
        row["industrial_va_growth_ytd"],
        leads,
        f"{period_phrase(period)}，",
        period,
        lang,
    )
    metrics = (
        "industrial_va_growth_ytd",
        *(
            m
            for m, n in [
                ("lead_vs_national_pp", "national_region_name"),
                ("lead_vs_province_pp", "province_region_name"),
            ]
            if row.get(m) is not None and row.get(n)
        ),
    )
    return TalkingPoint("growth", text, metrics, result.sql, params, row)


def _tp_manufacturing(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, *MANUFACTURING, regions=("national", "province"))
    row, params = result.row, result.params
    if not row or row["manufacturing_va_growth_ytd"] is None:
        return None
    pairs = [
        ("manufacturing_lead_vs_national_pp", "national_region_name"),
        ("manufacturing_lead_vs_province_pp", "province_region_name"),
    ]
    text = _growth_text(
        "制造业增加值",
        "manufacturing value added",
        row["manufacturing_va_growth_ytd"],
        _leads(row, pairs),
        "其中，",
        period,
        lang,
    )
    if lang == "en":
        text = text.replace(f"In {period_phrase(period, 'en')}, ", "Of this, ", 1)
    metrics = ("manufacturing_va_growth_ytd", *(m for m, n in pairs if row.get(m) is not None and row.get(n)))
    return TalkingPoint("manufacturing", text, metrics, result.sql, params, row)


def _tp_output(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, "gross_output_ytd")
    row, params = result.row, result.params
    if not row or row["gross_output_ytd"] is None:
        return None
    value = row["gross_output_ytd"] / 1e4  # 亿元
    phrase = approx_amount(value)
    if phrase is None:
        return None
    word, x = phrase
    if lang == "en":
        verb = "passed" if word == "突破" else "came to nearly"
        text = (
            f"In {period_phrase(period, 'en', with_year=True)}, gross output of above-scale industry {verb} "
            f"RMB {fmt.fixed(x * 1e4, 1, scale=-5).removesuffix('.0')} billion, at RMB {fmt.fixed(row['gross_output_ytd'], 2, scale=-5)} billion."
        )
    else:
        text = f"{period_phrase(period, with_year=True)}，规模以上工业总产值{word}{x}亿元，达{fmt.metric_number('gross_output_ytd', row['gross_output_ytd'])}亿元。"
    return TalkingPoint("output", text, ("gross_output_ytd",), result.sql, params, row)


def _tp_revenue_share(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, "revenue_ytd", "revenue_share_of_city", regions=("city",))
    row, params = result.row, result.params
    if not row or row["revenue_share_of_city"] is None or not row.get("city_region_name"):
        return None
    city, share = row["city_region_name"], fmt.metric_number("revenue_share_of_city", row["revenue_share_of_city"])
    if lang == "en":
        text = (
            f"Revenue of above-scale industrial enterprises came to RMB {fmt.fixed(row['revenue_ytd'], 2, scale=-5)} billion, "
            f"{share}% of {city}'s."
        )
    else:
        text = f"规模以上工业企业营业收入{fmt.metric_number('revenue_ytd', row['revenue_ytd'])}亿元，占{city}比重达{share}%。"
    return TalkingPoint("revenue_share", text, ("revenue_ytd", "revenue_share_of_city"), result.sql, params, row)


def _tp_shares(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.city_shares(reader, period)
    row, params = result.row, result.params
    if not row or not row.get("city_region_name"):
        return None
    ent, out = row["enterprise_share_of_city"], row["output_share_of_city"]
    if ent is None or out is None or out <= ent:  # the point is doing more than its share
        return None
    base, boast = share_fraction(ent, "nearest"), share_fraction(out, "over")
    city = row["city_region_name"]
    if lang == "en":
        base_en = (
            f"{'about ' if base and base[0] else ''}{_frac_text(base[1])}"
            if base
            else f"{fmt.metric_number('enterprise_share_of_city', ent)}%"
        )
        boast_en = (
            ({"": "", "超": "over ", "近": "nearly "}[boast[0]] + _frac_text(boast[1]))
            if boast
            else f"{fmt.metric_number('output_share_of_city', out)}%"
        )
        text = f"With {base_en} of {city}'s above-scale industrial enterprises, the zone produced {boast_en} of its industrial output."
    else:
        base_zh = (
            f"{base[0]}{_frac_text(base[1])}" if base else f"{fmt.metric_number('enterprise_share_of_city', ent)}%"
        )
        boast_zh = (
            f"{boast[0]}{_frac_text(boast[1])}" if boast else f"{fmt.metric_number('output_share_of_city', out)}%"
        )
        text = f"以{city}{base_zh}的规上工业企业贡献了该市{boast_zh}的工业产值。"
    return TalkingPoint("shares", text, ("enterprise_share_of_city", "output_share_of_city"), result.sql, params, row)


def _tp_last_year(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = growth.year_end_growth(reader, period, years=1)
    row, params = result.row, result.params
    if not row or row["industrial_va_growth_ytd"] is None:
        return None
    zone, city, city_name = (
        row["industrial_va_growth_ytd"],
        row["city_industrial_va_growth_ytd"],
        row["city_region_name"],
    )
    z = fmt.half_up(zone, 1)
    metrics: tuple[str, ...] = ("industrial_va_growth_ytd",)
    if lang == "en":
        text = (
            f"Last year, above-scale industrial value added grew {z}%"
            if z >= 0
            else f"Last year, above-scale industrial value added fell {abs(z)}%"
        )
    else:
        text = (
            f"去年规模以上工业增加值增速达{z}%"
            if z > 0
            else f"去年规模以上工业增加值同比{'下降' if z < 0 else '增长'}{abs(z)}%"
        )
    if city is not None and city_name:
        c = fmt.half_up(city, 1)
        metrics += ("city_industrial_va_growth_ytd",)
        # n倍以上 only when both the exact and the printed figures are at least n times the city's
        times = int(min(zone / city, float(z / c))) if city > 0 and c > 0 and zone > 0 else 0
        if times >= 2:
            exact = zone / city == times and z / c == times
            if lang == "en":
                text += f", {'' if exact else 'more than '}{times} times {city_name}'s average ({c}%)"
            else:
                text += f"，是{city_name}平均水平（{c}%）的{times}倍{'' if exact else '以上'}"
        elif z > c:
            text += (
                f", {z - c} percentage points above {city_name}'s average ({c}%)"
                if lang == "en"
                else f"，高于{city_name}平均水平{z - c}个百分点"
            )
        elif z < c:
            text += (
                f", {c - z} percentage points below {city_name}'s average ({c}%)"
                if lang == "en"
                else f"，低于{city_name}平均水平{c - z}个百分点"
            )
        else:
            text += f", level with {city_name}'s average" if lang == "en" else f"，与{city_name}平均水平持平"
    return TalkingPoint("last_year", text + ("." if lang == "en" else "。"), metrics, result.sql, params, row)


def _tp_projects(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    if period < "2023-01":
        return None
    result = projects.investment_headline(reader, period)
    row, params = result.row, result.params
    if not row:
        return None
    n, inv, key = (
        row["projects_invested_since_2023"],
        row["industrial_investment_since_2023"],
        row["provincial_key_projects_invested_since_2023"],
    )
    inv_phrase = approx_amount(inv / 1e4) if inv else None
    clauses_zh, clauses_en, metrics = [], [], []
    if n:
        clauses_zh.append(f"滚动实施工业项目{approx_count_zh(n, '个')}")
        clauses_en.append(f"the zone has carried out {approx_count_en(n)} industrial projects")
        metrics.append("projects_invested_since_2023")
    if inv_phrase:
        word, x = inv_phrase
        clauses_zh.append(f"累计完成工业投资{word}{x}亿元")
        clauses_en.append(
            f"completed {'nearly' if word == '近' else 'over'} RMB {fmt.fixed(x * 1e4, 1, scale=-5).removesuffix('.0')} billion of industrial investment"
        )
        metrics.append("industrial_investment_since_2023")
    if key:
        clauses_zh.append(f"{approx_count_zh(key, '个')}项目入选省级技术改造重点导向目录")
        clauses_en.append(f"put {approx_count_en(key)} projects on the provincial technical-renovation list")
        metrics.append("provincial_key_projects_invested_since_2023")
    if not metrics:
        return None
    if lang == "en":
        if not clauses_en[0].startswith("the zone"):
            clauses_en[0] = "the zone has " + clauses_en[0]
        text = (
            "Since 2023, "
            + ", ".join(clauses_en[:-1])
            + (", and " if len(clauses_en) > 1 else "")
            + clauses_en[-1]
            + "."
        )
    else:
        text = "2023年以来，" + "，".join(clauses_zh) + "。"
    return TalkingPoint("projects", text, tuple(metrics), result.sql, params, row)


def _tp_plan(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, "plan_new_or_continuing", "plan_preparatory")
    row, params = result.row, result.params
    if not row or not (row["plan_new_or_continuing"] or row["plan_preparatory"]):
        return None
    year, a, b = (
        period[:4],
        fmt.metric_number("plan_new_or_continuing", row["plan_new_or_continuing"]),
        fmt.metric_number("plan_preparatory", row["plan_preparatory"]),
    )
    if lang == "en":
        text = f"The {year} construction plan covers {a} new or continuing projects and {b} preparatory projects."
    else:
        text = f"{year}年度建设计划囊括{a}个新建续建项目、{b}个筹备项目。"
    return TalkingPoint("plan", text, ("plan_new_or_continuing", "plan_preparatory"), result.sql, params, row)


def _tp_under_construction(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, "projects_under_construction")
    row, params = result.row, result.params
    if not row or not row["projects_under_construction"]:
        return None
    n = row["projects_under_construction"]
    if lang == "en":
        text = f"{as_of_phrase(period, 'en')}, {approx_count_en(n)} projects were under construction."
    else:
        text = f"{as_of_phrase(period)}，全区在建项目{approx_count_zh(n, '个')}。"
    return TalkingPoint("under_construction", text, ("projects_under_construction",), result.sql, params, row)


TIER_NAMES = {
    "innovative_sme": ("创新型中小企业", "innovative SMEs"),
    "specialized_or_gazelle": ("专精特新+瞪羚企业", "specialised and gazelle enterprises"),
    "little_giant": ("“小巨人”企业", "'little giants'"),
    "above_scale_count": ("规模以上工业企业", "above-scale industrial enterprises"),
}


def _tier_rows(result: Result) -> tuple[dict[str, dict], list[str]]:
    rows = {r["indicator"]: r for r in result.rows}
    return rows, [k for k in TIER_NAMES if k in rows and rows[k]["actual_value"] is not None]


def _tp_tiers(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    """The enterprise ladder at the period's end: 截至6月末，全区创新型中小企业1560家、… (tiers with none left out)."""
    result = overview.headline_figures(reader, period, *tiers.TARGET_TIERS)
    row, params = result.row, result.params
    if not row:
        return None
    order = [k for k in TIER_NAMES if row.get(k)]
    if not order:
        return None
    now = [(k, fmt.metric_number(k, row[k])) for k in order]
    if lang == "en":
        text = (
            f"{as_of_phrase(period, 'en')}, the zone counted "
            + ", ".join(f"{v} {TIER_NAMES[k][1]}" for k, v in now)
            + "."
        )
    else:
        text = f"{as_of_phrase(period)}，全区" + "、".join(f"{TIER_NAMES[k][0]}{v}家" for k, v in now) + "。"
    return TalkingPoint("tiers", text, tuple(order), result.sql, params, row)


def _tp_tier_targets(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    """The year-end targets: 已突破 when reached, 预计 when the projection reaches them, else 力争.

    The projection is the warehouse's (value now + last year's change from this month to
    December); in December the year is done and only what was reached is said.
    """
    result = tiers.tier_targets(reader, period)
    rows, order = _tier_rows(result)
    params = result.params
    order = [k for k in order if rows[k]["target_value"] is not None]
    if not order:
        return None
    december = period.endswith("-12")
    reached, expected, striving = [], [], []
    for k in order:
        actual, target, projected = (
            rows[k]["actual_value"],
            rows[k]["target_value"],
            rows[k]["projected_year_end_value"],
        )
        t = fmt.fixed(target, 0, grouping=False)
        if k == "above_scale_count":  # a floor to hold: 保持在400家以上
            zh, en = f"{TIER_NAMES[k][0]}数量保持在{t}家以上", f"{TIER_NAMES[k][1]} at {t} or more"
            if december or actual < target:
                (reached if actual >= target else striving).append((zh, en))
            else:
                (expected if projected is not None and projected >= target else striving).append((zh, en))
        elif actual >= target:
            reached.append((f"{TIER_NAMES[k][0]}已突破{t}家", f"{TIER_NAMES[k][1]} already past {t}"))
        elif december:
            continue  # the year is over and the target was missed: no claim either way
        else:
            goal = (f"{TIER_NAMES[k][0]}突破{t}家", f"{TIER_NAMES[k][1]} past {t}")
            (expected if projected is not None and projected >= target else striving).append(goal)
    if not (reached or expected or striving):
        return None
    if lang == "en":
        parts = []
        if reached:
            parts.append(_cap(", ".join(en for _, en in reached)) + ".")
        if expected:
            parts.append("By year end the zone expects " + ", ".join(en for _, en in expected) + ".")
        if striving:
            parts.append("It aims for " + ", ".join(en for _, en in striving) + " by year end.")
        text = " ".join(parts)
    else:
        clauses = []
        if reached:
            clauses.append(("全年" if december else f"{as_of_phrase(period)}，") + "，".join(zh for zh, _ in reached))
        if expected:
            clauses.append("预计年底前" + "，".join(zh for zh, _ in expected))
        if striving:
            clauses.append("力争年底前" + "，".join(zh for zh, _ in striving))
        text = "；".join(clauses) + "。"
    metrics = tuple(order) + tuple(f"target:{k}" for k in order)
    if not december:
        metrics += tuple(f"projected_year_end:{k}" for k in order)
    return TalkingPoint("tier_targets", text, metrics, result.sql, params, {k: rows[k] for k in order})


def _tp_services(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = services.services_headline(reader, period)
    row, params = result.row, result.params
    if not row or not row["service_cases_ytd"]:
        return None
    rates = [
        ("satisfaction_rate", "满意率", "satisfaction"),
        ("on_time_rate", "按时办结率", "on-time completion"),
        ("one_visit_rate", "一次办结率", "done in one visit"),
        ("rectification_rate", "差评整改率", "bad ratings rectified"),
    ]
    shown = [(m, zh, en, fmt.metric_number(m, row[m])) for m, zh, en in rates if row[m] is not None]
    metrics = ["service_cases_ytd", *(m for m, *_ in shown)]
    if lang == "en":
        text = ""
        if row["service_matters"]:
            text = f"Covering {row['service_matters']} high-frequency matters across the enterprise life cycle, "
            metrics.insert(0, "service_matters")
        text += f"{'the zone' if text else _cap(period_phrase(period, 'en'))} handled {fmt.metric_number('service_cases_ytd', row['service_cases_ytd'])} government-service cases"
        if text.startswith("Covering"):
            text = text.replace("the zone handled", f"in {period_phrase(period, 'en')} the zone handled", 1)
        text += ("; " + ", ".join(f"{en} {v}%" for _, _, en, v in shown) if shown else "") + "."
    else:
        text = ""
        if row["service_matters"]:
            text = f"围绕企业全生命周期梳理高频事项{row['service_matters']}项，"
            metrics.insert(0, "service_matters")
        text += f"{period_phrase(period)}受理政务服务办件{fmt.metric_number('service_cases_ytd', row['service_cases_ytd'])}件"
        text += ("，" + "，".join(f"{zh}{v}%" for _, zh, _, v in shown) if shown else "") + "。"
    return TalkingPoint("services", text, tuple(metrics), result.sql, params, row)


def _tp_talent(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, "talent_in_post")
    row, params = result.row, result.params
    if not row or not row["talent_in_post"]:
        return None
    n = fmt.metric_number("talent_in_post", row["talent_in_post"])
    text = (
        f"{as_of_phrase(period, 'en')}, {n} talents were in post in the zone."
        if lang == "en"
        else f"{as_of_phrase(period)}，全区在岗各类人才{n}人。"
    )
    return TalkingPoint("talent", text, ("talent_in_post",), result.sql, params, row)


# In the order a release tells the story: scale, growth, share, momentum, enterprises, services.
BUILDERS = (
    _tp_output,
    _tp_growth,
    _tp_manufacturing,
    _tp_revenue_share,
    _tp_shares,
    _tp_last_year,
    _tp_projects,
    _tp_plan,
    _tp_under_construction,
    _tp_tiers,
    _tp_tier_targets,
    _tp_services,
    _tp_talent,
)


def talking_points(db_path: Path | str, period: str, lang: str = "zh") -> list[TalkingPoint]:
    """The talking points for `period` ('YYYY-MM'), in release order; metrics that are null are left out."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    if (
        len(period) != 7
        or period[4] != "-"
        or not (period[:4] + period[5:]).isdigit()
        or not 1 <= int(period[5:]) <= 12
    ):
        raise ValueError(f"period must look like YYYY-MM, got {period!r}")
    with queries.open_reader(db_path) as reader:  # a publication: held to the leader's rules
        if period not in set(reference.periods(reader).frame["period"]):
            raise ValueError(f"period {period} is not in the warehouse")
        points = [b(reader, period, lang) for b in BUILDERS]
        # Statistical confidentiality: a sentence stating a figure of fewer than 3 enterprises is left out.
        now = confidential.zone_withheld(reader, period)
        last_year = confidential.zone_withheld(reader, f"{int(period[:4]) - 1}-12")
    return [p for p in points if p is not None and not set(p.metrics) & (last_year if p.key == "last_year" else now)]


def by_key(points: list[TalkingPoint]) -> dict[str, TalkingPoint]:
    """The points indexed by key ('growth', 'output', …)."""
    return {p.key: p for p in points}
