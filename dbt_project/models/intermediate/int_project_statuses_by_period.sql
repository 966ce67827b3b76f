{#-
  One row per period × project that has entered the pipeline by the last day of the
  period (day d), with its status on d:
    in_production       actual_completion <= d
    under_construction  actual_start <= d and (actual_completion is null or actual_completion > d)
    preparing           not started on d, but in the plan of d's year (any category)
    signed              not started and not in that year's plan, signed_on <= d
  Projects in none of these on d (not yet signed nor planned) have no row.
-#}

with

statused as (

    select
        periods.period,
        periods.period_end,
        projects.project_id,
        projects.chain,
        projects.is_industrial,
        projects.is_provincial_key,
        projects.total_investment,
        case
            when projects.actual_completion <= periods.period_end then 'in_production'
            when projects.actual_start <= periods.period_end then 'under_construction'
            when plans.project_id is not null then 'preparing'
            when projects.signed_on <= periods.period_end then 'signed'
        end as project_status

    from {{ ref('int_period_spine') }} as periods
    cross join {{ ref('stg_raw__projects') }} as projects
    left join {{ ref('stg_raw__project_plans') }} as plans
        on projects.project_id = plans.project_id
        and periods.period_year = plans.plan_year

)

select * from statused
where project_status is not null
