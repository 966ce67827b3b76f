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
import functools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import duckdb

from dashboard import fmt, queries
from dashboard.i18n import tr
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


def approx_count_text(n: float, lang: str, unit: str = "") -> str:
    """'500余个' / 'more than 500', '近400个' / 'nearly 400', '58个' / '58'."""
    word, x = approx_count(n)
    key = {"余": "tp.count.over", "近": "tp.count.nearly"}.get(word, "tp.count.exact")
    return tr(lang, key, n=f"{x:,}" if lang == "en" else str(x), unit=unit)


def approx_count_zh(n: float, unit: str) -> str:
    """'500余个', '近400个', '58个'."""
    return approx_count_text(n, "zh", unit)


def approx_count_en(n: float) -> str:
    """'more than 500', 'nearly 400', '58'."""
    return approx_count_text(n, "en")


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


def _fraction_phrase(phrase: tuple[str, Fraction], lang: str) -> str:
    """约1/7 / about 1/7, 超1/4 / over 1/4, 近1/3 / nearly 1/3, or the bare fraction."""
    word, f = phrase
    key = {"约": "tp.fraction.about", "超": "tp.fraction.over", "近": "tp.fraction.nearly"}.get(word)
    return tr(lang, key, fraction=_frac_text(f)) if key else _frac_text(f)


# --- period wording -----------------------------------------------------------------------------

PERIOD_NAMES = {3: "tp.period.q1", 6: "tp.period.h1", 9: "tp.period.q3", 12: "tp.period.year"}


def period_phrase(period: str, lang: str = "zh", with_year: bool = False) -> str:
    """How a release names the year to date: 一季度, 上半年, 前三季度, 全年, else 1—M月."""
    year, month = int(period[:4]), int(period[5:7])
    name = tr(lang, f"month.long.{month}")
    if month in PERIOD_NAMES:
        text = tr(lang, PERIOD_NAMES[month])
    else:
        text = name if month == 1 else tr(lang, "tp.period.months_to", month=name)
    return tr(lang, "tp.period.of_year", year=year, period=text) if with_year else text


def as_of_phrase(period: str, lang: str = "zh") -> str:
    """截至6月末 / As of the end of June (for counts on the period's last day)."""
    return tr(lang, "tp.as_of", month=tr(lang, f"month.long.{int(period[5:7])}"))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _billions(wan: float, decimals: int) -> str:
    """An amount in 万元 as English prints it: RMB billions."""
    return fmt.fixed(wan, decimals, scale=-5)


def _amount(lang: str, metric: str, wan: float) -> str:
    """A headline amount as a sentence prints it: 亿元 in Chinese, RMB billions in English."""
    return _billions(wan, 2) if lang == "en" else fmt.metric_number(metric, wan)


def _round_amount(lang: str, yi: int) -> str:
    """A round threshold (突破1300亿元) in the sentence's unit: 1300 (亿元) or 130 (RMB billion)."""
    return _billions(yi * 1e4, 1).removesuffix(".0") if lang == "en" else str(yi)


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
    """'分别领先全国、山东省17.1、15.8个百分点' when every lead is positive, else each said as it is.

    English says each lead on its own ('17.1 percentage points ahead of China and …').
    """
    shown = [(name, fmt.half_up(v, 1)) for name, v in leads]
    if lang == "zh" and len(shown) >= 2 and all(d > 0 for _, d in shown):
        sep = tr(lang, "tp.sep.list")
        return tr(
            lang,
            "tp.lead.all_ahead",
            regions=sep.join(n for n, _ in shown),
            pps=sep.join(str(d) for _, d in shown),
        )
    parts = []
    for name, d in shown:
        key = "tp.lead.ahead" if d > 0 else "tp.lead.behind" if d < 0 else "tp.lead.level"
        parts.append(tr(lang, key, region=name, pp=abs(d)))
    return tr(lang, "tp.lead.sep").join(parts)


def _growth_text(subject: str, growth: float, leads: list[tuple[str, float]], intro: str, lang: str) -> str:
    """'{intro}{subject}同比增长23.5%，分别领先…。' (`subject` is a key: tp.growth / tp.manufacturing)."""
    g = fmt.half_up(growth, 1)
    change = tr(lang, "tp.growth.up" if g > 0 else "tp.growth.down" if g < 0 else "tp.growth.flat", pct=abs(g))
    text = tr(lang, "tp.growth.head", intro=intro, subject=tr(lang, f"{subject}.subject"), change=change)
    lead = _lead_clause(leads, lang)
    return tr(lang, "tp.sentence", text=text + (tr(lang, "tp.sep.clause") + lead if lead else ""))


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
    intro = tr(lang, "tp.growth.intro", period=period_phrase(period, lang))
    text = _growth_text("tp.growth", row["industrial_va_growth_ytd"], leads, intro, lang)
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
    intro = tr(lang, "tp.manufacturing.intro")
    text = _growth_text("tp.manufacturing", row["manufacturing_va_growth_ytd"], _leads(row, pairs), intro, lang)
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
    text = tr(
        lang,
        "tp.output.passed" if word == "突破" else "tp.output.nearly",
        period=period_phrase(period, lang, with_year=True),
        round=_round_amount(lang, x),
        value=_amount(lang, "gross_output_ytd", row["gross_output_ytd"]),
    )
    return TalkingPoint("output", text, ("gross_output_ytd",), result.sql, params, row)


def _tp_revenue_share(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, "revenue_ytd", "revenue_share_of_city", regions=("city",))
    row, params = result.row, result.params
    if not row or row["revenue_share_of_city"] is None or not row.get("city_region_name"):
        return None
    text = tr(
        lang,
        "tp.revenue_share",
        revenue=_amount(lang, "revenue_ytd", row["revenue_ytd"]),
        city=row["city_region_name"],
        share=fmt.metric_number("revenue_share_of_city", row["revenue_share_of_city"]),
    )
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
    text = tr(
        lang,
        "tp.shares",
        city=row["city_region_name"],
        base=_fraction_phrase(base, lang) if base else f"{fmt.metric_number('enterprise_share_of_city', ent)}%",
        boast=_fraction_phrase(boast, lang) if boast else f"{fmt.metric_number('output_share_of_city', out)}%",
    )
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
    text = tr(lang, "tp.last_year.up" if z > 0 else "tp.last_year.down" if z < 0 else "tp.last_year.zero", pct=abs(z))
    if city is not None and city_name:
        c = fmt.half_up(city, 1)
        metrics += ("city_industrial_va_growth_ytd",)
        average = tr(lang, "tp.city_average", city=city_name)
        with_rate = tr(lang, "tp.city_average_rate", city=city_name, rate=c)
        # n倍以上 only when both the exact and the printed figures are at least n times the city's
        times = int(min(zone / city, float(z / c))) if city > 0 and c > 0 and zone > 0 else 0
        if times >= 2:
            exact = zone / city == times and z / c == times
            text += tr(
                lang, "tp.last_year.times" if exact else "tp.last_year.times_over", average=with_rate, times=times
            )
        elif z != c:
            # English restates the city's rate beside a gap; Chinese names the average alone.
            text += tr(
                lang,
                "tp.last_year.above" if z > c else "tp.last_year.below",
                average=with_rate if lang == "en" else average,
                pp=abs(z - c),
            )
        else:
            text += tr(lang, "tp.last_year.level", average=average)
    return TalkingPoint("last_year", tr(lang, "tp.sentence", text=text), metrics, result.sql, params, row)


def _tp_projects(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    if period < "2023-01":
        return None
    result = projects.investment_headline(reader, period)
    row, params = result.row, result.params
    if not row:
        return None
    n, inv, key_projects = (
        row["projects_invested_since_2023"],
        row["industrial_investment_since_2023"],
        row["provincial_key_projects_invested_since_2023"],
    )
    inv_phrase = approx_amount(inv / 1e4) if inv else None
    unit = tr(lang, "measure.proj")
    clauses, metrics = [], []
    if n:
        clauses.append(tr(lang, "tp.projects.carried_out", count=approx_count_text(n, lang, unit)))
        metrics.append("projects_invested_since_2023")
    if inv_phrase:
        word, x = inv_phrase
        key = "tp.projects.invested_nearly" if word == "近" else "tp.projects.invested_over"
        clauses.append(tr(lang, key, amount=_round_amount(lang, x)))
        metrics.append("industrial_investment_since_2023")
    if key_projects:
        clauses.append(tr(lang, "tp.projects.provincial", count=approx_count_text(key_projects, lang, unit)))
        metrics.append("provincial_key_projects_invested_since_2023")
    if not metrics:
        return None
    joined = tr(lang, "tp.sep.clause").join(clauses[:-1]) + (tr(lang, "tp.sep.last") if len(clauses) > 1 else "")
    # English needs a subject when the sentence does not open with the projects carried out
    since = "tp.projects.since" if n else "tp.projects.since_zone"
    text = tr(lang, since, clauses=joined + clauses[-1])
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
    text = tr(lang, "tp.plan", year=year, a=a, b=b)
    return TalkingPoint("plan", text, ("plan_new_or_continuing", "plan_preparatory"), result.sql, params, row)


def _tp_under_construction(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, "projects_under_construction")
    row, params = result.row, result.params
    if not row or not row["projects_under_construction"]:
        return None
    count = approx_count_text(row["projects_under_construction"], lang, tr(lang, "measure.proj"))
    text = tr(lang, "tp.under_construction", as_of=as_of_phrase(period, lang), count=count)
    return TalkingPoint("under_construction", text, ("projects_under_construction",), result.sql, params, row)


# The tiers a sentence names, in order (their names: tp.tier.<code> in the text table).
TIER_NAMES = ("innovative_sme", "specialized_or_gazelle", "little_giant", "above_scale_count")


def _tier(k: str, lang: str) -> str:
    return tr(lang, f"tp.tier.{k}")


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
    counts = [tr(lang, "tp.tiers.count", tier=_tier(k, lang), n=fmt.metric_number(k, row[k])) for k in order]
    text = tr(lang, "tp.tiers", as_of=as_of_phrase(period, lang), counts=tr(lang, "tp.sep.list").join(counts))
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
            floor = tr(lang, "tp.targets.floor", tier=_tier(k, lang), target=t)
            if december or actual < target:
                (reached if actual >= target else striving).append(floor)
            else:
                (expected if projected is not None and projected >= target else striving).append(floor)
        elif actual >= target:
            reached.append(tr(lang, "tp.targets.reached", tier=_tier(k, lang), target=t))
        elif december:
            continue  # the year is over and the target was missed: no claim either way
        else:
            goal = tr(lang, "tp.targets.goal", tier=_tier(k, lang), target=t)
            (expected if projected is not None and projected >= target else striving).append(goal)
    if not (reached or expected or striving):
        return None
    sep, clauses = tr(lang, "tp.sep.clause"), []
    if reached:
        goals = sep.join(reached)
        if lang == "en":  # English states what was reached as a sentence of its own, without the date
            clauses.append(tr(lang, "tp.sentence", text=_cap(goals)))
        elif december:
            clauses.append(tr(lang, "tp.targets.in_year", goals=goals))
        else:
            clauses.append(tr(lang, "tp.targets.as_of", as_of=as_of_phrase(period, lang), goals=goals))
    if expected:
        clauses.append(tr(lang, "tp.targets.expected", goals=sep.join(expected)))
    if striving:
        clauses.append(tr(lang, "tp.targets.striving", goals=sep.join(striving)))
    text = functools.reduce(lambda first, then: tr(lang, "tp.targets.then", first=first, then=then), clauses)
    text = tr(lang, "tp.targets.sentence", clauses=text)
    metrics = tuple(order) + tuple(f"target:{k}" for k in order)
    if not december:
        metrics += tuple(f"projected_year_end:{k}" for k in order)
    return TalkingPoint("tier_targets", text, metrics, result.sql, params, {k: rows[k] for k in order})


def _tp_services(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = services.services_headline(reader, period)
    row, params = result.row, result.params
    if not row or not row["service_cases_ytd"]:
        return None
    rates = ("satisfaction_rate", "on_time_rate", "one_visit_rate", "rectification_rate")
    shown = [(m, fmt.metric_number(m, row[m])) for m in rates if row[m] is not None]
    metrics = ["service_cases_ytd", *(m for m, _ in shown)]
    cases = fmt.metric_number("service_cases_ytd", row["service_cases_ytd"])
    if row["service_matters"]:
        period_text = period_phrase(period, lang)
        text = tr(lang, "tp.services.matters", matters=row["service_matters"], period=period_text, cases=cases)
        metrics.insert(0, "service_matters")
    else:
        text = tr(lang, "tp.services.cases", period=_cap(period_phrase(period, lang)), cases=cases)
    if shown:
        said = [tr(lang, "tp.services.rate", rate=tr(lang, f"tp.services.{m}"), value=v) for m, v in shown]
        text = tr(lang, "tp.services.with_rates", cases=text, rates=tr(lang, "tp.sep.clause").join(said))
    text = tr(lang, "tp.sentence", text=text)
    return TalkingPoint("services", text, tuple(metrics), result.sql, params, row)


def _tp_talent(reader: Reader, period: str, lang: str) -> TalkingPoint | None:
    result = overview.headline_figures(reader, period, "talent_in_post")
    row, params = result.row, result.params
    if not row or not row["talent_in_post"]:
        return None
    n = fmt.metric_number("talent_in_post", row["talent_in_post"])
    text = tr(lang, "tp.talent", as_of=as_of_phrase(period, lang), n=n)
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
