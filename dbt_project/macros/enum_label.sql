{#-
  The Chinese label (or, with column='sort_order', the display order) of an enum code, from
  seeds/enum_labels.csv: null for a null or unknown code. A scalar lookup, so a mart names
  each label where it selects it instead of joining the seed once per enum.
    {{ enum_label('channel', 'cases.channel') }} as channel_name
-#}
{% macro enum_label(enum, code, column='label') -%}
    (select enum_labels.{{ column }} from {{ ref('enum_labels') }} as enum_labels
        where enum_labels.enum = '{{ enum }}' and enum_labels.code = {{ code }})
{%- endmacro %}
