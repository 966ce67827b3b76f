{#-
  A left join to int_headline_metrics_unpivoted as `alias`: the value of the same headline
  metric at another period (a year ago, last December), alias.metric_value.
    {{ left_join_headline_metric_at('prev', 'cur.metric', year_ago_period('cur.period_end')) }}
-#}
{% macro left_join_headline_metric_at(alias, metric, period) -%}
    left join {{ ref('int_headline_metrics_unpivoted') }} as {{ alias }}
        on {{ alias }}.metric = {{ metric }}
        and {{ alias }}.period = {{ period }}
{%- endmacro %}
