{#-
  One row per period on the spine: the zone's industrial YTD figures
  (int_industrial_reports_aggregated_to_periods) beside the national, provincial and city
  benchmarks, with the zone's lead over each in percentage points (zone − benchmark) and
  its shares of the city (%). A missing benchmark, or a city value of 0 for a share, gives
  null. headline_metrics and industrial_growth_monthly both read it, so their leads and
  shares are one computation.
-#}

{%- set levels = ['national', 'province', 'city'] -%}

with

final as (

    select
        periods.*,
        industrial.above_scale_count,
        industrial.gross_output_ytd,
        industrial.revenue_ytd,
        industrial.profit_ytd,
        industrial.paired_value_added_comparable_ytd,
        industrial.paired_prior_year_value_added_ytd,
        industrial.manufacturing_paired_value_added_comparable_ytd,
        industrial.manufacturing_paired_prior_year_value_added_ytd,
        industrial.industrial_va_growth_ytd,
        industrial.manufacturing_va_growth_ytd,
        {{ percent_of('industrial.gross_output_ytd', 'benchmarks.city_gross_output_ytd') }} as output_share_of_city,
        {{ percent_of('industrial.revenue_ytd', 'benchmarks.city_revenue_ytd') }} as revenue_share_of_city,
        {{ percent_of('industrial.above_scale_count', 'benchmarks.city_above_scale_enterprise_count') }}
            as enterprise_share_of_city,
        {% for level in levels -%}
        benchmarks.{{ level }}_region_name,
        benchmarks.{{ level }}_industrial_va_growth_ytd,
        benchmarks.{{ level }}_manufacturing_va_growth_ytd,
        industrial.industrial_va_growth_ytd - benchmarks.{{ level }}_industrial_va_growth_ytd as lead_vs_{{ level }}_pp,
        industrial.manufacturing_va_growth_ytd - benchmarks.{{ level }}_manufacturing_va_growth_ytd
            as manufacturing_lead_vs_{{ level }}_pp
        {%- if not loop.last %},{% endif %}
        {% endfor %}

    from {{ ref('int_period_spine') }} as periods
    left join {{ ref('int_industrial_reports_aggregated_to_periods') }} as industrial on periods.period = industrial.period
    left join {{ ref('int_region_benchmarks_pivoted') }} as benchmarks on periods.period = benchmarks.period

)

select * from final
