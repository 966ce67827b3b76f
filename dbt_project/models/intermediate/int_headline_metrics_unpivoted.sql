{#-
  The headline metrics long: one row per period × metric (the registry's metrics,
  macros/headline_metric_registry.sql), nulls included, every value a double. The target,
  projection and year-on-year marts read it.
-#}

{%- set metrics = headline_metric_names() -%}

with

wide as (

    select
        period,
        period_end,
        {% for metric in metrics -%}
        cast({{ metric }} as double) as {{ metric }}
        {%- if not loop.last %},{% endif %}
        {% endfor %}
    from {{ ref('headline_metrics') }} as headline

),

final as (

    -- include nulls: a target or a year-ago comparison still shows when the metric has no value
    select
        period,
        period_end,
        metric,
        cast(metric_value as double) as metric_value
    from wide
    unpivot include nulls (metric_value for metric in ({{ metrics | join(', ') }}))

)

select * from final
