{#-
  Alert rule missing_report (缺报; one row per period at most): enterprises that filed the
  monthly industrial report (规上工业月报) in the month before and did not file in the period,
  in a month that others filed. Counted for the zone; no enterprise is named (the statistics
  office sees them by name on the 报送情况 board of the 数据报送 page).
-#}

with

alert_rule as (

    select threshold from {{ ref('alert_rules') }}
    where code = 'missing_report'

),

reports as (

    select distinct enterprise_id, period, period_start
    from {{ ref('stg_raw__industrial_monthly') }}

),

filed_months as (

    select distinct period, period_start from reports

),

missing as (

    select
        months.period,
        any_value(previous.period) as previous_period,
        count(*) as missing_count

    from filed_months as months
    inner join reports as previous
        on months.period_start - interval 1 month = previous.period_start
    left join reports as current_reports
        on previous.enterprise_id = current_reports.enterprise_id
        and months.period = current_reports.period
    where current_reports.enterprise_id is null
    group by months.period

),

final as (

    select
        missing.period,
        'missing_report' as code,
        'zone' as subject_kind,
        'industrial_monthly' as subject_id,
        '规上工业月报' as subject_name,
        'Monthly industrial reports' as subject_name_en,
        cast(null as varchar) as chain,
        json_object(
            'missing_count', missing.missing_count,
            'previous_period', missing.previous_period
        ) as figures,
        {{ alert_messages(
            {'zh': '%d家企业上月（%s）已报送规上工业月报，本月未报送（缺报）',
             'en': '%d enterprise(s) that filed the monthly industrial report for %s did not file this month'},
            {'zh': ['missing.missing_count', 'missing.previous_period'],
             'en': ['missing.missing_count', 'missing.previous_period']}
        ) }},
        'intake' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from missing
    cross join alert_rule
    where missing.missing_count > alert_rule.threshold

)

select * from final
