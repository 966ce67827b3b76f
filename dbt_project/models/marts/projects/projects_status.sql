{#-
  One row per project: its identity, stage dates, delays and money, with its status on
  the last day of the latest period (as_of_date). Pages that need the status at another
  period read project_pipeline_monthly, or apply the same rules to the dates here
  (see int_project_statuses_by_period).
-#}

with

as_of as (

    select max(period) as period, max(period_end) as as_of_date from {{ ref('int_period_spine') }}

),

statuses as (

    select project_id, project_status
    from {{ ref('int_project_statuses_by_period') }}
    where period = (select period from as_of)

),

invested as (

    select
        project_id,
        sum(invested) as invested_to_date,
        sum(invested) filter (where period >= '2023-01') as invested_since_2023,
        min(period) as first_invested_period,
        max(period) as last_invested_period

    from {{ ref('stg_raw__project_investment') }}
    group by project_id

),

latest_plan as (

    select project_id, plan_year as latest_plan_year, plan_category as latest_plan_category
    from {{ ref('stg_raw__project_plans') }}
    qualify row_number() over (partition by project_id order by plan_year desc) = 1

),

enterprises as (

    select enterprise_id, enterprise_name from {{ ref('stg_raw__enterprises') }}

),

final as (

    select
        projects.project_id,
        projects.project_name,
        projects.enterprise_id,
        enterprises.enterprise_name,
        projects.chain,
        projects.is_industrial,
        projects.is_provincial_key,
        cast(projects.total_investment as double) as total_investment,
        projects.signed_on,
        projects.planned_start,
        projects.actual_start,
        projects.planned_completion,
        projects.actual_completion,
        as_of.as_of_date,
        statuses.project_status,
        {{ enum_label('project_status', 'statuses.project_status') }} as project_status_name,
        cast(date_diff('day', projects.planned_start, coalesce(projects.actual_start, as_of.as_of_date)) as bigint)
            as start_delay_days,
        cast(date_diff('day', projects.planned_completion, coalesce(projects.actual_completion, as_of.as_of_date)) as bigint)
            as completion_delay_days,
        coalesce(projects.actual_start, as_of.as_of_date) > projects.planned_start as is_start_delayed,
        coalesce(projects.actual_completion, as_of.as_of_date) > projects.planned_completion as is_completion_delayed,
        cast(coalesce(invested.invested_to_date, 0) as double) as invested_to_date,
        cast(coalesce(invested.invested_since_2023, 0) as double) as invested_since_2023,
        invested.first_invested_period,
        invested.last_invested_period,
        latest_plan.latest_plan_year,
        latest_plan.latest_plan_category

    from {{ ref('stg_raw__projects') }} as projects
    cross join as_of
    left join statuses using (project_id)
    left join invested using (project_id)
    left join latest_plan using (project_id)
    left join enterprises using (enterprise_id)

)

select * from final
