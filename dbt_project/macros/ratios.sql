{#-
  The two ratio shapes of the headline metrics, written once. A zero (or null)
  denominator gives null, never 0 or an error (DATA_CONTRACT.md, "Headline metrics").
-#}

{#- numerator / denominator × 100, in percent -#}
{% macro percent_of(numerator, denominator) -%}
    (100.0 * ({{ numerator }}) / nullif(({{ denominator }}), 0))
{%- endmacro %}

{#- (current / base − 1) × 100: a growth rate in percent -#}
{% macro growth_percent(current, base) -%}
    ((({{ current }}) / nullif(({{ base }}), 0) - 1) * 100.0)
{%- endmacro %}
