{#-
  Alert rule bad_rating_overdue (one row per period × case): bad ratings (≤ 2) not rectified by
  the period's end, `threshold` days after the case was completed (or submitted, if never
  completed).
-#}

with

alert_rule as (

    select threshold from {{ ref('alert_rules') }}
    where code = 'bad_rating_overdue'

),

final as (

    select
        periods.period,
        'bad_rating_overdue' as code,
        'case' as subject_kind,
        cases.case_id as subject_id,
        cases.matter_name as subject_name,
        cases.matter_name as subject_name_en,
        cases.chain,
        json_object(
            'case_id', cases.case_id,
            'matter_code', cases.matter_code,
            'rating', cases.rating,
            'submitted_at', cases.submitted_at,
            'completed_at', cases.completed_at,
            'deadline',
            cast(coalesce(cases.completed_at, cases.submitted_at) as date) + cast(alert_rule.threshold as integer),
            'days_open',
            date_diff('day', cast(coalesce(cases.completed_at, cases.submitted_at) as date), periods.period_end)
        ) as figures,
        {{ alert_messages(
            {'zh': '办件%s评价%d分，整改期限%s已过，尚未整改（已%d天）',
             'en': 'Case %s rated %d: not rectified by its deadline %s (%d days open)'},
            ['cases.case_id', 'cases.rating',
             "strftime(cast(coalesce(cases.completed_at, cases.submitted_at) as date)
                + cast(alert_rule.threshold as integer), '%Y-%m-%d')",
             "date_diff('day', cast(coalesce(cases.completed_at, cases.submitted_at) as date), periods.period_end)"]
        ) }},
        'services' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from {{ ref('int_service_cases_flagged') }} as cases
    cross join alert_rule
    inner join {{ ref('int_period_spine') }} as periods
        on cases.submitted_period <= periods.period
        and (cases.rectified_at is null or cast(cases.rectified_at as date) > periods.period_end)
        and cast(coalesce(cases.completed_at, cases.submitted_at) as date) + cast(alert_rule.threshold as integer)
            < periods.period_end
    where cases.is_bad_rating

)

select * from final
