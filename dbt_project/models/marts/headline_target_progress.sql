{#-
  One row per period × indicator with a target for the period's year (targets whose
  indicator names a headline metric): the metric's value at the period beside the
  year-end target, and the share of the target reached (null when the target is 0).
-#}

with

headline as (

    select
        period,
        period_end,
        {% for metric in var('headline_metrics') -%}
        cast({{ metric }} as double) as {{ metric }}
        {%- if not loop.last %},{% endif %}
        {% endfor %}
    from {{ ref('headline_metrics') }}

),

long as (

    -- include nulls: a target still shows when the metric has no value at the period
    select *
    from headline
    unpivot include nulls (actual_value for indicator in ({{ var('headline_metrics') | join(', ') }}))

),

targets as (

    select * from {{ ref('stg_raw__targets') }}

),

final as (

    select
        long.period,
        long.period_end,
        targets.target_year,
        targets.indicator,
        cast(long.actual_value as double) as actual_value,
        cast(targets.target_value as double) as target_value,
        cast({{ percent_of('long.actual_value', 'targets.target_value') }} as double) as completion_pct

    from long
    inner join targets
        on cast(year(long.period_end) as integer) = targets.target_year
        and long.indicator = targets.indicator

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
