{#-
  Alert rule matter_satisfaction_low (one row per period × service matter): a matter's
  satisfaction over the year to date (rated cases ≥ 3 / rated cases) is under the threshold,
  over at least min_count rated cases.
-#}

with

alert_rule as (

    select threshold, min_count from {{ ref('alert_rules') }}
    where code = 'matter_satisfaction_low'

),

matter_satisfaction as (

    select
        periods.period,
        monthly.matter_code,
        any_value(monthly.matter_name) as matter_name,
        sum(monthly.rated_cases) as rated_cases,
        sum(monthly.satisfied_cases) as satisfied_cases,
        {{ percent_of('sum(monthly.satisfied_cases)', 'sum(monthly.rated_cases)') }} as satisfaction_rate

    from {{ ref('service_cases_monthly') }} as monthly
    inner join {{ ref('int_period_spine') }} as periods
        on substr(monthly.period, 1, 4) = cast(periods.period_year as varchar)
        and monthly.period <= periods.period
    group by periods.period, monthly.matter_code

),

final as (

    select
        matters.period,
        'matter_satisfaction_low' as code,
        'matter' as subject_kind,
        matters.matter_code as subject_id,
        matters.matter_name as subject_name,
        matters.matter_name as subject_name_en,
        cast(null as varchar) as chain,
        json_object(
            'matter_code', matters.matter_code,
            'rated_cases', matters.rated_cases,
            'satisfied_cases', matters.satisfied_cases,
            'satisfaction_rate', matters.satisfaction_rate,
            'threshold', alert_rule.threshold
        ) as figures,
        {{ alert_messages(
            {'zh': '本年满意率%s%%（%d件评价中%d件满意），低于%s%%',
             'en': 'Satisfaction %s%% this year (%d rated cases, %d satisfied), under %s%%'},
            [fixed_text('matters.satisfaction_rate', 1), 'matters.rated_cases', 'matters.satisfied_cases',
             fixed_text('alert_rule.threshold')]
        ) }},
        'services' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from matter_satisfaction as matters
    cross join alert_rule
    where matters.rated_cases >= coalesce(alert_rule.min_count, 1)
        and matters.satisfaction_rate < alert_rule.threshold

)

select * from final
