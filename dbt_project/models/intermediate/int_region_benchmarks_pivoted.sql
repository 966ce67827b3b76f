{#- One row per period with any benchmark: each region level × indicator as a column. -#}

{%- set levels = ['national', 'province', 'city'] -%}
{%- set indicators = [
    'industrial_va_growth_ytd', 'manufacturing_va_growth_ytd',
    'above_scale_enterprise_count', 'gross_output_ytd', 'revenue_ytd',
] -%}

with

pivoted as (

    select
        period,
        {% for level in levels -%}
        max(region_name) filter (where region_level = '{{ level }}') as {{ level }}_region_name,
        {% for indicator in indicators -%}
        max(indicator_value) filter (
            where region_level = '{{ level }}' and indicator = '{{ indicator }}'
        ) as {{ level }}_{{ indicator }}
        {%- if not loop.last %},{% endif %}
        {% endfor -%}
        {%- if not loop.last %},{% endif %}
        {% endfor %}

    from {{ ref('stg_raw__region_benchmarks') }} as benchmarks
    group by period

)

select * from pivoted
