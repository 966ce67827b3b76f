{#-
  One row per period × headline metric: the value at the period beside its value at the
  same month a year earlier, and the change the overview's KPI cards print under each
  figure. Rates (%, percentage points) change by their difference in percentage points;
  amounts and counts by their relative change in percent (null when the year-ago value
  is 0 or missing) and by their difference.
-#}

{#- the kind follows the metric's unit in the registry (macros/headline_metric_registry.sql) -#}
{%- set rate_metrics = headline_metric_names(units=['percent', 'pp']) -%}
{%- set amount_metrics = headline_metric_names(units=['yuan_wan']) -%}

with

final as (

    select
        cur.period,
        cur.period_end,
        cur.metric,
        case
            when cur.metric in ({{ sql_strings(rate_metrics) }}) then 'rate'
            when cur.metric in ({{ sql_strings(amount_metrics) }}) then 'amount'
            else 'count'
        end as metric_kind,
        cast(cur.metric_value as double) as metric_value,
        {{ year_ago_period('cur.period_end') }} as year_ago_period,
        cast(prev.metric_value as double) as year_ago_value,
        cast(cur.metric_value - prev.metric_value as double) as change,
        cast(
            case
                when cur.metric not in ({{ sql_strings(rate_metrics) }})
                    then {{ growth_percent('cur.metric_value', 'prev.metric_value') }}
            end
            as double
        ) as change_pct

    from {{ ref('int_headline_metrics_unpivoted') }} as cur
    {{ left_join_headline_metric_at('prev', 'cur.metric', year_ago_period('cur.period_end')) }}

)

select * from final
