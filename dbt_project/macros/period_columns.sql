{#- The calendar columns every monthly model carries, derived from a 'YYYY-MM' period. -#}
{% macro period_columns(period_column='period', prefix='period') -%}
    cast(strptime({{ period_column }} || '-01', '%Y-%m-%d') as date) as {{ prefix }}_start,
    last_day(cast(strptime({{ period_column }} || '-01', '%Y-%m-%d') as date)) as {{ prefix }}_end,
    cast(substr({{ period_column }}, 1, 4) as integer) as {{ prefix }}_year,
    cast(substr({{ period_column }}, 6, 2) as integer) as {{ prefix }}_month
{%- endmacro %}
