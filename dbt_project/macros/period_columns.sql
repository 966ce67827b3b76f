{#- The calendar columns every monthly model carries, derived from a 'YYYY-MM' period. -#}
{% macro period_columns(period_column='period', prefix='period') -%}
    cast(strptime({{ period_column }} || '-01', '%Y-%m-%d') as date) as {{ prefix }}_start,
    last_day(cast(strptime({{ period_column }} || '-01', '%Y-%m-%d') as date)) as {{ prefix }}_end,
    cast(substr({{ period_column }}, 1, 4) as integer) as {{ prefix }}_year,
    cast(substr({{ period_column }}, 6, 2) as integer) as {{ prefix }}_month
{%- endmacro %}

{#-
  A running window: the rows of each partition from the first up to this one, in order_by
  order. Sums over it are running totals (e.g. since 2023-01).
-#}
{% macro running_window(order_by, partition_by=[]) -%}
    {%- if partition_by %}partition by {{ partition_by | join(', ') }} {% endif -%}
    order by {{ order_by }} rows between unbounded preceding and current row
{%- endmacro %}

{#-
  The year to date of period P = Y-M: the months Y-01..P, as a window over monthly rows (one
  row a month of each year, and of each value of partition_by). Sums over it are YTD sums.
-#}
{% macro year_to_date_window(partition_by=[], year='periods.period_year', month='periods.period_month') -%}
    {{ running_window(month, partition_by + [year]) }}
{%- endmacro %}

{#- The same year to date as a join condition: the rows of `row` in Y-01..P of `period` (both with period_year, period_month). -#}
{% macro in_year_to_date(row, period='periods') -%}
    {{ row }}.period_year = {{ period }}.period_year and {{ row }}.period_month <= {{ period }}.period_month
{%- endmacro %}

{#-
  One row per period on the spine (int_period_spine, as `periods`) with the YTD sum of
  each measure of the per-month CTE `monthly` (one row a period): <measure>_ytd, 0 over a
  year to date without rows. `columns` go first (expressions over periods and monthly);
  cast_to casts the sums.
-#}
{% macro year_to_date_sums(measures, columns=['periods.period'], cast_to=none) -%}
    select
        {% for column in columns -%}
        {{ column }},
        {% endfor -%}
        {% for measure in measures -%}
        {%- set ytd_sum = 'coalesce(sum(monthly.' ~ measure ~ ') over year_so_far, 0)' -%}
        {{ 'cast(' ~ ytd_sum ~ ' as ' ~ cast_to ~ ')' if cast_to else ytd_sum }} as {{ measure }}_ytd
        {%- if not loop.last %},{% endif %}
        {% endfor %}
    from {{ ref('int_period_spine') }} as periods
    left join monthly
        on periods.period = monthly.period
    window year_so_far as ({{ year_to_date_window() }})
{%- endmacro %}

{#- The 'YYYY-MM' period a year before the period ending on period_end (a date). -#}
{% macro year_ago_period(period_end) -%}
    strftime({{ period_end }} - interval 1 year, '%Y-%m')
{%- endmacro %}
