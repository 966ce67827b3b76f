{#-
  One row per period: the zone's same-enterprise YTD value-added growth (all industry
  and manufacturing) beside the national, provincial and city figures and the leads in
  percentage points. Same definitions as headline_metrics (one intermediate model).
-#}

{%- set levels = ['national', 'province', 'city'] -%}

with

periods as (

    select * from {{ ref('int_period_spine') }}

),

industrial as (

    select * from {{ ref('int_industrial_reports_aggregated_to_periods') }}

),

benchmarks as (

    select * from {{ ref('int_region_benchmarks_pivoted') }}

),

final as (

    select
        periods.period,
        periods.period_start,
        periods.period_end,
        periods.period_year,
        periods.period_month,
        cast(industrial.above_scale_count as bigint) as above_scale_count,
        cast(industrial.paired_value_added_comparable_ytd as double) as paired_value_added_comparable_ytd,
        cast(industrial.paired_prior_year_value_added_ytd as double) as paired_prior_year_value_added_ytd,
        cast(industrial.manufacturing_paired_value_added_comparable_ytd as double)
            as manufacturing_paired_value_added_comparable_ytd,
        cast(industrial.manufacturing_paired_prior_year_value_added_ytd as double)
            as manufacturing_paired_prior_year_value_added_ytd,
        cast(industrial.industrial_va_growth_ytd as double) as industrial_va_growth_ytd,
        cast(industrial.manufacturing_va_growth_ytd as double) as manufacturing_va_growth_ytd,
        {% for level in levels %}
        benchmarks.{{ level }}_region_name,
        cast(benchmarks.{{ level }}_industrial_va_growth_ytd as double) as {{ level }}_industrial_va_growth_ytd,
        cast(benchmarks.{{ level }}_manufacturing_va_growth_ytd as double) as {{ level }}_manufacturing_va_growth_ytd,
        cast(industrial.industrial_va_growth_ytd - benchmarks.{{ level }}_industrial_va_growth_ytd as double)
            as lead_vs_{{ level }}_pp,
        cast(industrial.manufacturing_va_growth_ytd - benchmarks.{{ level }}_manufacturing_va_growth_ytd as double)
            as manufacturing_lead_vs_{{ level }}_pp{% if not loop.last %},{% endif %}
        {% endfor %}

    from periods
    left join industrial on periods.period = industrial.period
    left join benchmarks on periods.period = benchmarks.period

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
