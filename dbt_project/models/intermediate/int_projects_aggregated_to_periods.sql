{#-
  One row per period on the spine: the project headline metrics.
  industrial_investment_since_2023 sums periods 2023-01..P; before 2023-01 that range is
  empty and the sum is 0.
-#}

with

plans as (

    select
        plan_year,
        count(*) filter (where plan_category in ('new', 'continuing')) as plan_new_or_continuing,
        count(*) filter (where plan_category = 'preparatory') as plan_preparatory

    from {{ ref('stg_raw__project_plans') }}
    group by plan_year

),

under_construction as (

    select period, count(distinct project_id) as projects_under_construction
    from {{ ref('int_project_statuses_by_period') }}
    where project_status = 'under_construction'
    group by period

),

industrial_investment as (

    select period, sum(invested) as industrial_invested
    from {{ ref('int_industrial_investment') }}
    where period >= '2023-01'
    group by period

),

final as (

    select
        periods.period,
        coalesce(plans.plan_new_or_continuing, 0) as plan_new_or_continuing,
        coalesce(plans.plan_preparatory, 0) as plan_preparatory,
        coalesce(under_construction.projects_under_construction, 0) as projects_under_construction,
        -- the spine covers every project_investment period, so a running sum misses none
        coalesce(sum(industrial_investment.industrial_invested) over (
            {{ running_window('periods.period') }}
        ), 0) as industrial_investment_since_2023

    from {{ ref('int_period_spine') }} as periods
    left join plans
        on periods.period_year = plans.plan_year
    left join under_construction using (period)
    left join industrial_investment using (period)

)

select * from final
