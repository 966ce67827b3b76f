{#-
  Every column of headline_metrics but the keys (period, period_end) is a metric with a
  complete registry entry: `meta.metric` in models/marts/headline/_headline__models.yml
  with its zh/en label, unit, decimals, kind, confidentiality family (if any) and card
  (macros/headline_metric_registry.sql). Returns one row per problem.
-#}

-- depends_on: {{ ref('headline_metrics') }}

{%- set problems = headline_metric_registry_problems() %}

select column_name, problem
from (
    values
    {%- for column_name, problem in problems %}
        ('{{ column_name }}', '{{ problem }}'){% if not loop.last %},{% endif %}
    {%- else %}
        (null, null)
    {%- endfor %}
) as problems (column_name, problem)
where column_name is not null
