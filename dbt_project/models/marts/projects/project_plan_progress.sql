{#-
  One row per period × project in that period's year plan (project_plans): the planned
  investment for the year against investment completed in the month and in the year to
  date, so a page can show plan completion at any period, per project or summed by plan
  category or chain.
-#}

with

monthly as (

    select
        periods.period,
        periods.period_end,
        periods.period_year,
        periods.period_month,
        plans.project_id,
        plans.plan_category,
        plans.planned_investment,
        coalesce(investment.invested, 0) as invested,
        coalesce(sum(investment.invested) over (
            {{ year_to_date_window(partition_by=['plans.project_id'], year='plans.plan_year') }}
        ), 0) as invested_ytd

    from {{ ref('stg_raw__project_plans') }} as plans
    inner join {{ ref('int_period_spine') }} as periods
        on plans.plan_year = periods.period_year
    left join {{ ref('stg_raw__project_investment') }} as investment using (project_id, period)

),

final as (

    select
        monthly.period,
        monthly.period_end,
        monthly.period_year as plan_year,
        monthly.project_id,
        projects.project_name,
        projects.chain,
        projects.is_industrial,
        monthly.plan_category,
        {{ enum_label('plan_category', 'monthly.plan_category') }} as plan_category_name,
        cast(monthly.planned_investment as double) as planned_investment,
        cast(monthly.invested as double) as invested,
        cast(monthly.invested_ytd as double) as invested_ytd,
        cast({{ percent_of('monthly.invested_ytd', 'monthly.planned_investment') }} as double) as completion_pct

    from monthly
    left join {{ ref('stg_raw__projects') }} as projects using (project_id)

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
