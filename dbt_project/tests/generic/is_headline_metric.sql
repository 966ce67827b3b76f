{#-
  The column names only headline metrics (the registry in
  models/marts/headline/_headline__models.yml, macros/headline_metric_registry.sql).
  Nulls pass. Fails with the other values.
  Usage:
      data_tests:
        - is_headline_metric
-#}
{% test is_headline_metric(model, column_name) %}

select distinct {{ column_name }}
from {{ model }}
where {{ column_name }} not in ({{ sql_strings(headline_metric_names()) }})

{% endtest %}
