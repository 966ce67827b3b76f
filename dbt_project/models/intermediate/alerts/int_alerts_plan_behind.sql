{#-
  Alert rule plan_behind (one row per period × project in the year's plan): year-to-date
  investment against the annual plan is behind the share of the year gone.
-#}

with

alert_rule as (

    select threshold from {{ ref('alert_rules') }}
    where code = 'plan_behind'

),

plans as (

    select
        progress.*,
        {{ year_elapsed_pct('periods.period_month') }} as elapsed_pct
    from {{ ref('project_plan_progress') }} as progress
    inner join {{ ref('int_period_spine') }} as periods using (period)

),

final as (

    select
        plans.period,
        'plan_behind' as code,
        'project' as subject_kind,
        plans.project_id as subject_id,
        plans.project_name as subject_name,
        plans.project_name as subject_name_en,
        plans.chain,
        json_object(
            'plan_year', plans.plan_year,
            'plan_category', plans.plan_category,
            'planned_investment', plans.planned_investment,
            'invested_ytd', plans.invested_ytd,
            'completion_pct', plans.completion_pct,
            'elapsed_pct', plans.elapsed_pct,
            'gap_pp', plans.elapsed_pct - plans.completion_pct
        ) as figures,
        {{ alert_messages(
            {'zh': '年度计划投资%s万元，已完成%s万元（%s%%），落后时间进度%s个百分点',
             'en': 'Annual plan %s (10k yuan), %s invested (%s%%): %s points behind the year gone'},
            [fixed_text('plans.planned_investment'), fixed_text('plans.invested_ytd'),
             fixed_text('plans.completion_pct', 1), fixed_text('plans.elapsed_pct - plans.completion_pct', 1)]
        ) }},
        'projects' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from plans
    cross join alert_rule
    -- preparatory (筹备) projects plan their year's money for groundwork, not construction pace
    where plans.planned_investment > 0
        and plans.plan_category <> 'preparatory'
        and plans.completion_pct < plans.elapsed_pct - alert_rule.threshold

)

select * from final
