{#-
  A composite primary key: no key column is null and no two rows share the same values
  of `columns`. Fails with the offending keys. With allow_nulls=true a null is just another
  value (as in GROUP BY) and only repeats fail: for grains with an optional dimension.
  Usage:
      data_tests:
        - unique_combination:
            arguments:
              columns: [period, enterprise_id]
-#}
{% test unique_combination(model, columns, allow_nulls=false) %}

select
    {{ columns | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{%- if not allow_nulls %}
    or bool_or({{ columns | join(' is null or ') }} is null)
{%- endif %}

{% endtest %}
