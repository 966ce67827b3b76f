{#-
  A join condition for keys that may be null (a null park or chain is a value of its own):
  left.k is not distinct from right.k, for every k of columns.
-#}
{% macro same_values(left, right, columns) -%}
    {%- for column in columns -%}
        {{ left }}.{{ column }} is not distinct from {{ right }}.{{ column }}
        {%- if not loop.last %} and {% endif -%}
    {%- endfor -%}
{%- endmacro %}
