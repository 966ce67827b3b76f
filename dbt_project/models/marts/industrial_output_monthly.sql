{#-
  One row per period × park × chain × division (for every month of a year in which the
  combination reported at all): the month's and the year-to-date output, revenue,
  profit, value added, and the same-enterprise pair sums, so a page can filter by park,
  chain or division and still compute growth = (Σ paired_value_added_comparable_ytd /
  Σ paired_prior_year_value_added_ytd − 1) × 100. Every enterprise has one park, chain
  and division, so enterprise counts add up across rows.
-#}

{%- set measures = [
    'gross_output', 'revenue', 'profit', 'value_added', 'value_added_comparable',
    'paired_value_added_comparable', 'paired_prior_year_value_added',
] -%}

with

periods as (

    select * from {{ ref('int_period_spine') }}

),

reports as (

    select * from {{ ref('int_industrial_reports_valued') }}

),

divisions as (

    select * from {{ ref('gbt4754_divisions') }}

),

monthly as (

    select
        period,
        park,
        chain,
        division,
        count(distinct enterprise_id) as enterprise_count,
        count(distinct enterprise_id) filter (where is_paired) as paired_enterprise_count,
        sum(gross_output) as gross_output,
        sum(revenue) as revenue,
        sum(profit) as profit,
        sum(value_added) as value_added,
        sum(value_added_comparable) as value_added_comparable,
        sum(value_added_comparable) filter (where is_paired) as paired_value_added_comparable,
        sum(prior_year_value_added) filter (where is_paired) as paired_prior_year_value_added

    from reports
    group by all

),

-- every month of a year for every combination that reported in that year, so the YTD
-- running sums carry through months in which a combination reported nothing
combinations as (

    select distinct period_year, park, chain, division
    from reports

),

year_to_date as (

    select
        periods.period,
        periods.period_start,
        periods.period_end,
        periods.period_year,
        periods.period_month,
        combinations.park,
        combinations.chain,
        combinations.division,
        coalesce(monthly.enterprise_count, 0) as enterprise_count,
        coalesce(monthly.paired_enterprise_count, 0) as paired_enterprise_count,
        {% for measure in measures -%}
        coalesce(monthly.{{ measure }}, 0) as {{ measure }},
        coalesce(sum(monthly.{{ measure }}) over year_so_far, 0) as {{ measure }}_ytd
        {%- if not loop.last %},{% endif %}
        {% endfor %}

    from periods
    inner join combinations
        on periods.period_year = combinations.period_year
    left join monthly
        on periods.period = monthly.period
        and combinations.park is not distinct from monthly.park
        and combinations.chain is not distinct from monthly.chain
        and combinations.division is not distinct from monthly.division
    window year_so_far as (
        partition by combinations.period_year, combinations.park, combinations.chain, combinations.division
        order by periods.period_month
        rows between unbounded preceding and current row
    )

),

final as (

    select
        year_to_date.period,
        year_to_date.period_start,
        year_to_date.period_end,
        year_to_date.period_year,
        year_to_date.period_month,
        year_to_date.park,
        year_to_date.chain,
        year_to_date.division,
        divisions.division_name,
        coalesce(divisions.is_manufacturing, false) as is_manufacturing,
        cast(year_to_date.enterprise_count as bigint) as enterprise_count,
        cast(year_to_date.paired_enterprise_count as bigint) as paired_enterprise_count,
        {% for measure in measures -%}
        cast(year_to_date.{{ measure }} as double) as {{ measure }},
        cast(year_to_date.{{ measure }}_ytd as double) as {{ measure }}_ytd
        {%- if not loop.last %},{% endif %}
        {% endfor %}

    from year_to_date
    left join divisions
        on year_to_date.division = divisions.division

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
