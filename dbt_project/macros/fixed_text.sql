{#-
  A number as text the way dashboard/fmt.py `fixed` prints it: rounded half up (from the
  decimal value, so 14.45 → 14.5, as fmt does) to `decimals` places, with thousands
  separators. For the texts a mart writes (the alerts' messages), so they read as the pages do.
-#}
{% macro fixed_text(value, decimals=0) -%}
    {%- if decimals == 0 -%}
    format('{:,}', cast(round(cast({{ value }} as decimal(38, 10)), 0) as hugeint))
    {%- else -%}
    format('{:,.{{ decimals }}f}', round(cast({{ value }} as decimal(38, 10)), {{ decimals }}))
    {%- endif -%}
{%- endmacro %}
