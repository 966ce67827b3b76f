"""Projects: the year's construction plan, the pipeline, industrial investment, key projects, the Gantt."""

from __future__ import annotations

import pandas as pd

from dashboard.queries import confidential
from dashboard.queries.reader import CHAIN_ONLY, ROLLING_WINDOW, Reader, Result, chain_only, rolling

PLAN_YEAR = "plan_year = cast(substr(?, 1, 4) as integer)"  # the plan of the period's year (binds the period)


def plan_progress(reader: Reader, period: str, chain: str | None) -> Result:
    """The year's construction plan by category: projects, planned and completed investment (YTD)."""
    sql = f"""
select plan_category, any_value(plan_category_name) as plan_category_name, count(*) as projects,
       sum(planned_investment) as planned_investment, sum(invested_ytd) as invested_ytd
from project_plan_progress where period = ? and {PLAN_YEAR} and {CHAIN_ONLY} group by plan_category
"""
    return reader.result(sql, period, period, *chain_only(chain))


def plan_monthly(reader: Reader, period: str, chain: str | None) -> Result:
    """Investment completed against the year's plan, month by month up to the period."""
    sql = f"""
select period, sum(invested_ytd) as invested_ytd, sum(planned_investment) as planned_investment
from project_plan_progress where {PLAN_YEAR} and period <= ? and {CHAIN_ONLY}
group by period order by period
"""
    return reader.result(sql, period, period, *chain_only(chain))


def pipeline(reader: Reader, period: str, chain: str | None) -> Result:
    """Projects at each stage (signed → preparing → under construction → in production) at the period."""
    sql = f"""
select project_status, any_value(project_status_name) as project_status_name,
       any_value(status_order) as status_order, sum(project_count) as projects,
       sum(industrial_project_count) as industrial_projects, sum(total_investment) as total_investment
from project_pipeline_monthly where period = ? and {CHAIN_ONLY} group by project_status order by status_order
"""
    return reader.result(sql, period, *chain_only(chain))


def pipeline_monthly(reader: Reader, period: str, chain: str | None, months: int = 30) -> Result:
    """Projects at each stage, month by month."""
    sql = f"""
select period, project_status, sum(project_count) as projects
from project_pipeline_monthly where {CHAIN_ONLY} and {ROLLING_WINDOW} group by all order by period
"""
    return reader.result(sql, *chain_only(chain), *rolling(period, months))


def investment_since_2023(reader: Reader, period: str, chain: str | None) -> Result:
    """Cumulative industrial investment since 2023-01, month by month up to the period."""
    return reader.result(
        "select period, sum(invested) as invested, sum(invested_since_2023) as invested_since_2023, "
        "sum(projects_invested_since_2023) as projects, "
        "sum(provincial_key_projects_invested_since_2023) as provincial_key_projects "
        f"from industrial_investment_monthly where period >= '2023-01' and period <= ? and {CHAIN_ONLY} "
        "group by period order by period",
        period,
        *chain_only(chain),
    )


def investment_headline(reader: Reader, period: str) -> Result:
    """Industrial investment since 2023 at the period, and how many projects (provincial key projects) made it."""
    return reader.result(
        """
select h.industrial_investment_since_2023,
       sum(i.projects_invested_since_2023) as projects_invested_since_2023,
       sum(i.provincial_key_projects_invested_since_2023) as provincial_key_projects_invested_since_2023
from headline_metrics as h
left join industrial_investment_monthly as i on i.period = h.period
where h.period = ?
group by h.industrial_investment_since_2023
""",
        period,
        one_row=True,
    )


def provincial_key_projects(reader: Reader, chain: str | None) -> Result:
    """Projects on the provincial technical-renovation list, with status, investment and delays."""
    name, name_params = confidential.name_if_consented(reader)
    return reader.result(
        f"select project_name, {name} as enterprise_name, chain, project_status, total_investment, "
        "invested_to_date, planned_start, actual_start, planned_completion, actual_completion, "
        "is_start_delayed, is_completion_delayed, start_delay_days, completion_delay_days "
        f"from projects_status where is_provincial_key and {CHAIN_ONLY} "
        "order by case project_status when 'under_construction' then 1 when 'preparing' then 2 "
        "when 'signed' then 3 else 4 end, total_investment desc",
        *name_params,
        *chain_only(chain),
    )


def gantt_projects(reader: Reader, chain: str | None, delayed_only: bool, limit: int = 12) -> Result:
    """Projects for the Gantt chart: unfinished ones first, most-delayed first."""
    return reader.result(
        "select project_id, any_value(project_name) as project_name, max(delay_days) as max_delay, "
        "count(*) filter (where is_delayed) as delayed_milestones, bool_and(is_finished) as finished, "
        "min(planned_start) as first_start "
        f"from project_milestones_gantt where {CHAIN_ONLY} "
        "group by project_id "
        "having (not ? or count(*) filter (where is_delayed) > 0) "
        "order by finished, max_delay desc, first_start desc limit ?",
        *chain_only(chain),
        delayed_only,
        limit,
    )


def gantt_milestones(reader: Reader, project_ids: tuple[str, ...]) -> Result:
    """Milestones (planned against actual) of the given projects."""
    if not project_ids:
        return Result("", (), pd.DataFrame())
    return reader.result(
        "select project_id, project_name, chain, milestone, seq, planned_start, planned_end, actual_start, actual_end, "
        "as_of_date, is_finished, delay_days, is_delayed "
        "from project_milestones_gantt where list_contains(?, project_id) order by project_id, seq",
        list(project_ids),
    )


def gantt_delay_summary(reader: Reader, chain: str | None) -> Result:
    """How many milestones are delayed, and in how many projects (as of the latest data)."""
    return reader.result(
        "select count(*) filter (where is_delayed) as delayed_milestones, "
        "count(distinct project_id) filter (where is_delayed) as delayed_projects, "
        "count(distinct project_id) filter (where is_delayed and not is_finished) as delayed_open_projects, "
        "max(as_of_date) as as_of_date "
        f"from project_milestones_gantt where {CHAIN_ONLY}",
        *chain_only(chain),
        one_row=True,
    )
