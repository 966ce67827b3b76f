{#-
  One row per period: the zone's same-enterprise YTD value-added growth (all industry
  and manufacturing) beside the national, provincial and city figures and the leads in
  percentage points. Same definitions as headline_metrics (one intermediate model).
-#}

{%- set measures = [
    'paired_value_added_comparable_ytd', 'paired_prior_year_value_added_ytd',
    'manufacturing_paired_value_added_comparable_ytd', 'manufacturing_paired_prior_year_value_added_ytd',
    'industrial_va_growth_ytd', 'manufacturing_va_growth_ytd',
] -%}
{%- set levels = ['national', 'province', 'city'] -%}

with

final as (

    select
        period,
        period_start,
        period_end,
        period_year,
        period_month,
        cast(above_scale_count as bigint) as above_scale_count,
        {% for measure in measures -%}
        cast({{ measure }} as double) as {{ measure }},
        {% endfor -%}
        {% for level in levels %}
        {{ level }}_region_name,
        cast({{ level }}_industrial_va_growth_ytd as double) as {{ level }}_industrial_va_growth_ytd,
        cast({{ level }}_manufacturing_va_growth_ytd as double) as {{ level }}_manufacturing_va_growth_ytd,
        cast(lead_vs_{{ level }}_pp as double) as lead_vs_{{ level }}_pp,
        cast(manufacturing_lead_vs_{{ level }}_pp as double) as manufacturing_lead_vs_{{ level }}_pp
        {%- if not loop.last %},{% endif %}
        {% endfor %}

    from {{ ref('int_industrial_benchmarked_to_periods') }} as industrial

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
