"""Government services: cases and the four service rates, by subject and month; specialists; bad ratings."""

from __future__ import annotations

from dashboard.queries import confidential
from dashboard.queries.reader import ROLLING_WINDOW, SCOPE, YEAR_TO_DATE, Reader, Result, rolling, scope

BREAKDOWNS = {"stage": "lifecycle_stage", "matter": "matter_name", "channel": "channel"}
SERVICE_SUMS = (
    "sum(cases) as cases, sum(rated_cases) as rated, sum(satisfied_cases) as satisfied, "
    "sum(completed_cases) as completed, sum(on_time_cases) as on_time, sum(one_visit_cases) as one_visit, "
    "sum(bundled_cases) as bundled, sum(bad_rating_cases) as bad, sum(rectified_cases) as rectified"
)
SERVICE_RATES = (
    "100.0 * satisfied / nullif(rated, 0) as satisfaction_rate, 100.0 * on_time / nullif(completed, 0) as on_time_rate, "
    "100.0 * one_visit / nullif(cases, 0) as one_visit_rate, 100.0 * rectified / nullif(bad, 0) as rectification_rate"
)


def service_ytd(reader: Reader, period: str, park: str | None, chain: str | None) -> Result:
    """Cases in the year to the period and the four service rates, for the selected park/chain.

    The rates are the contract's ratios over the mart's numerators and denominators summed
    for the filter; unfiltered they equal headline_metrics.
    """
    return reader.result(
        f"with s as (select {SERVICE_SUMS}, "
        "sum(cases) filter (where channel = 'doorplate') as doorplate, "
        "sum(cases) filter (where is_individual_to_enterprise) as individual_to_enterprise "
        f"from service_cases_monthly where {YEAR_TO_DATE} and {SCOPE}) select *, {SERVICE_RATES} from s",
        period,
        period,
        *scope(park, chain),
        one_row=True,
    )


def service_by(reader: Reader, period: str, by: str, park: str | None, chain: str | None) -> Result:
    """Cases in the year to the period by lifecycle stage, matter or channel, with their rates."""
    return reader.result(
        f"with s as (select {BREAKDOWNS[by]} as code, any_value(lifecycle_stage_order) as stage_order, "
        f"any_value(is_individual_to_enterprise) as is_individual_to_enterprise, {SERVICE_SUMS} "
        f"from service_cases_monthly where {YEAR_TO_DATE} and {SCOPE} group by all) "
        f"select *, {SERVICE_RATES} from s order by cases desc",
        period,
        period,
        *scope(park, chain),
    )


def service_monthly(reader: Reader, period: str, park: str | None, chain: str | None, months: int = 24) -> Result:
    """Cases and the four service rates, month by month (each month on its own cases)."""
    return reader.result(
        f"with s as (select period, {SERVICE_SUMS}, "
        "sum(cases) filter (where is_individual_to_enterprise) as individual_to_enterprise "
        f"from service_cases_monthly where {SCOPE} and {ROLLING_WINDOW} "
        f"group by period) select *, {SERVICE_RATES} from s order by period",
        *scope(park, chain),
        *rolling(period, months),
    )


def services_headline(reader: Reader, period: str) -> Result:
    """The year's cases, the four service rates (headline_metrics) and the number of high-frequency matters."""
    return reader.result(
        """
select h.service_cases_ytd, h.satisfaction_rate, h.on_time_rate, h.one_visit_rate, h.rectification_rate,
       (select count(*) from service_matter_catalog) as service_matters
from headline_metrics as h
where h.period = ?
""",
        period,
        one_row=True,
    )


def specialists(reader: Reader, period: str) -> Result:
    """Each specialist's cases, completions, open cases and ratings in the year to the period."""
    return reader.result(
        "with s as (select specialist_id, sum(cases) as cases, sum(completed_cases) as completed, "
        "sum(on_time_cases) as on_time, sum(rated_cases) as rated, sum(satisfied_cases) as satisfied, "
        "sum(bad_rating_cases) as bad, sum(handling_hours) as handling_hours, "
        "max(open_cases) filter (where period = ?) as open_cases "
        f"from specialist_workload where {YEAR_TO_DATE} group by specialist_id) "
        "select *, 100.0 * satisfied / nullif(rated, 0) as satisfaction_rate, "
        "100.0 * on_time / nullif(completed, 0) as on_time_rate, handling_hours / nullif(completed, 0) as hours_per_case "
        "from s order by cases desc, specialist_id",
        period,
        period,
        period,
    )


def bad_ratings_open(reader: Reader, period: str, park: str | None, chain: str | None) -> Result:
    """Bad ratings (1–2) still not rectified, submitted up to the period, oldest first."""
    name, name_params = confidential.name_if_consented(reader)
    return reader.result(
        f"select case_id, submitted_at, rating, {name} as enterprise_name, matter_name, "
        "lifecycle_stage, channel, specialist_id, park, chain, days_open, as_of_date "
        f"from bad_ratings_open where period <= ? and {SCOPE} order by days_open desc, case_id",
        *name_params,
        period,
        *scope(park, chain),
    )
