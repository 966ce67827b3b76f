{#-
  One row per period × headline metric: the value at the period beside its value at the
  same month a year earlier, and the change the overview's KPI cards print under each
  figure. Rates (%, percentage points) change by their difference in percentage points;
  amounts and counts by their relative change in percent (null when the year-ago value
  is 0 or missing) and by their difference.
-#}

{%- set rate_metrics = ['industrial_va_growth_ytd', 'manufacturing_va_growth_ytd', 'output_share_of_city',
                        'revenue_share_of_city', 'enterprise_share_of_city', 'lead_vs_national_pp',
                        'lead_vs_province_pp', 'manufacturing_lead_vs_national_pp',
                        'manufacturing_lead_vs_province_pp', 'satisfaction_rate', 'on_time_rate',
                        'one_visit_rate', 'rectification_rate'] -%}
{%- set amount_metrics = ['gross_output_ytd', 'revenue_ytd', 'profit_ytd', 'industrial_investment_since_2023'] -%}

with

long as (

    select * from {{ ref('int_headline_metrics_unpivoted') }}

),

final as (

    select
        cur.period,
        cur.period_end,
        cur.metric,
        case
            when cur.metric in ({{ "'" ~ rate_metrics | join("', '") ~ "'" }}) then 'rate'
            when cur.metric in ({{ "'" ~ amount_metrics | join("', '") ~ "'" }}) then 'amount'
            else 'count'
        end as metric_kind,
        cast(cur.metric_value as double) as metric_value,
        strftime(cur.period_end - interval 1 year, '%Y-%m') as year_ago_period,
        cast(prev.metric_value as double) as year_ago_value,
        cast(cur.metric_value - prev.metric_value as double) as change,
        cast(
            case
                when cur.metric not in ({{ "'" ~ rate_metrics | join("', '") ~ "'" }})
                    then {{ growth_percent('cur.metric_value', 'prev.metric_value') }}
            end
            as double
        ) as change_pct

    from long as cur
    left join long as prev
        on prev.metric = cur.metric
        and prev.period = strftime(cur.period_end - interval 1 year, '%Y-%m')

)

select * from final
