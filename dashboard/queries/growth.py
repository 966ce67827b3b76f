"""Industrial growth: benchmarks, the selection's months, breakdowns and contributions to growth."""

from __future__ import annotations

from dashboard.queries import confidential
from dashboard.queries.reader import ROLLING_WINDOW, SCOPE, YEAR_TO_DATE, Reader, Result, rolling, scope

BREAKDOWNS = {"chain": "chain", "park": "park", "division": "division_name"}


def growth_benchmarks(reader: Reader, period: str, months: int = 30) -> Result:
    """YTD value-added growth of the zone and the national / provincial / city benchmarks, by month."""
    r = reader.result(
        "select period, period_month, industrial_va_growth_ytd, manufacturing_va_growth_ytd, "
        "national_industrial_va_growth_ytd, province_industrial_va_growth_ytd, city_industrial_va_growth_ytd, "
        "national_manufacturing_va_growth_ytd, province_manufacturing_va_growth_ytd, city_manufacturing_va_growth_ytd, "
        "lead_vs_national_pp, lead_vs_province_pp, lead_vs_city_pp, "
        "manufacturing_lead_vs_national_pp, manufacturing_lead_vs_province_pp, manufacturing_lead_vs_city_pp, "
        "national_region_name, province_region_name, city_region_name "
        f"from industrial_growth_monthly where {ROLLING_WINDOW} order by period",
        *rolling(period, months),
    )
    return Result(r.sql, r.params, confidential.zone_metrics(reader, r.frame))


def year_end_growth(reader: Reader, period: str, years: int = 3) -> Result:
    """The zone's and the city's value-added growth in each of the `years` whole years before the period's."""
    r = reader.result(
        "select period, period_year, industrial_va_growth_ytd, city_industrial_va_growth_ytd, city_region_name "
        "from industrial_growth_monthly where period_month = 12 "
        "and period_year between cast(substr(?, 1, 4) as integer) - ? and cast(substr(?, 1, 4) as integer) - 1 "
        "order by period_year",
        period,
        years,
        period,
    )
    return Result(r.sql, r.params, confidential.zone_metrics(reader, r.frame))


def output_vs_last_year(reader: Reader, period: str) -> Result:
    """Gross output YTD at each month of the period's year up to it, with the same month a year before."""
    r = reader.result(
        "select this_year.period, this_year.gross_output_ytd, last_year.gross_output_ytd as last_year_gross_output_ytd "
        "from headline_metrics as this_year left join headline_metrics as last_year "
        "on last_year.period = strftime(this_year.period_end - interval 1 year, '%Y-%m') "
        f"where this_year.{YEAR_TO_DATE} order by this_year.period",
        period,
        period,
    )
    return Result(r.sql, r.params, confidential.zone_metrics(reader, r.frame))


def output_scope_monthly(reader: Reader, period: str, park: str | None, chain: str | None, months: int = 30) -> Result:
    """Monthly output, revenue and same-enterprise growth of the selected park/chain.

    Sums of industrial_output_monthly; the growth rates are the contract's ratio over the
    summed pair numerators and denominators, so unfiltered they equal headline_metrics.
    """
    r = reader.result(
        "with s as (select period, sum(gross_output) as gross_output, sum(revenue) as revenue, sum(profit) as profit, "
        "sum(gross_output_ytd) as gross_output_ytd, sum(revenue_ytd) as revenue_ytd, sum(profit_ytd) as profit_ytd, "
        "sum(enterprise_count) as enterprise_count, "
        "sum(paired_value_added_comparable_ytd) as va_num, sum(paired_prior_year_value_added_ytd) as va_den, "
        "sum(paired_value_added_comparable_ytd) filter (where is_manufacturing) as mfg_num, "
        "sum(paired_prior_year_value_added_ytd) filter (where is_manufacturing) as mfg_den, "
        "sum(paired_enterprise_count_ytd) filter (where is_manufacturing) as mfg_paired_count "
        f"from industrial_output_monthly where {SCOPE} and {ROLLING_WINDOW} group by period) "
        "select *, 100.0 * (va_num / nullif(va_den, 0) - 1) as va_growth_ytd, "
        "100.0 * (mfg_num / nullif(mfg_den, 0) - 1) as mfg_growth_ytd from s order by period",
        *scope(park, chain),
        *rolling(period, months),
    )
    return Result(r.sql, r.params, confidential.scope_series(reader, r.frame, park, chain))


def output_breakdown(reader: Reader, period: str, by: str, park: str | None, chain: str | None) -> Result:
    """YTD output, revenue and growth at the period by chain, park or division (sums of the mart)."""
    r = reader.result(
        f"select {BREAKDOWNS[by]} as category, min(division) as division, "
        "sum(gross_output_ytd) as gross_output_ytd, sum(revenue_ytd) as revenue_ytd, "
        "sum(enterprise_count) as enterprise_count, "
        "sum(paired_value_added_comparable_ytd) as va_num, sum(paired_prior_year_value_added_ytd) as va_den, "
        "100.0 * (sum(paired_value_added_comparable_ytd) / nullif(sum(paired_prior_year_value_added_ytd), 0) - 1) "
        "as va_growth_ytd "
        f"from industrial_output_monthly where period = ? and {SCOPE} "
        "group by all order by gross_output_ytd desc",
        period,
        *scope(park, chain),
    )
    return Result(r.sql, r.params, confidential.breakdown(reader, r.frame, period, by, park, chain))


def top_contributors(reader: Reader, period: str, park: str | None, chain: str | None, limit: int = 10) -> Result:
    """The enterprises that contributed most to the zone's YTD value-added growth (pp).

    One enterprise's figures: none for a reader that sees aggregates only.
    """
    return reader.result(
        "select enterprise_name, division_name, chain, park, enterprise_va_growth_ytd, contribution_pp "
        f"from growth_contributions where period = ? and {SCOPE} "
        "order by contribution_pp desc nulls last limit ?",
        period,
        *scope(park, chain),
        confidential.enterprise_figures_limit(reader, limit),
    )


def division_contributions(reader: Reader, period: str, park: str | None, chain: str | None, limit: int = 10) -> Result:
    """Contributions to the zone's YTD growth summed by GB/T 4754 division (pp; they add up to the growth)."""
    r = reader.result(
        "select division_name, min(division) as division, sum(contribution_pp) as contribution_pp, "
        "count(*) as enterprise_count "
        f"from growth_contributions where period = ? and {SCOPE} "
        "group by division_name order by contribution_pp desc nulls last limit ?",
        period,
        *scope(park, chain),
        confidential.rows_to_rank(reader, limit),
    )
    frame = confidential.division_contributions(reader, r.frame, period, park, chain, limit)
    return Result(r.sql, r.params, frame)
