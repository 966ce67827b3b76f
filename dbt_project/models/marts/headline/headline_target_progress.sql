{#-
  One row per period × indicator with a target for the period's year (targets whose
  indicator names a headline metric): the metric's value at the period beside the
  year-end target, and the share of the target reached (null when the target is 0).
-#}

with

final as (

    select
        long.period,
        long.period_end,
        targets.target_year,
        targets.indicator,
        cast(long.metric_value as double) as actual_value,
        cast(targets.target_value as double) as target_value,
        cast({{ percent_of('long.metric_value', 'targets.target_value') }} as double) as completion_pct

    from {{ ref('int_headline_metrics_unpivoted') }} as long
    inner join {{ ref('stg_raw__targets') }} as targets
        on cast(year(long.period_end) as integer) = targets.target_year
        and long.metric = targets.indicator

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
