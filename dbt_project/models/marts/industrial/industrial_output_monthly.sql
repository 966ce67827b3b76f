{#-
  One row per period × park × chain × division (for every month of a year in which the
  combination reported at all): the month's and the year-to-date output, revenue,
  profit, value added, and the same-enterprise pair sums, so a page can filter by park,
  chain or division and still compute growth = (Σ paired_value_added_comparable_ytd /
  Σ paired_prior_year_value_added_ytd − 1) × 100. Every enterprise has one park, chain
  and division, so enterprise counts add up across rows.

  enterprise_count_ytd and paired_enterprise_count_ytd count the distinct enterprises
  behind the YTD sums and the YTD pair sums: statistical confidentiality suppresses a
  cell built from fewer than 3 enterprises (warehouse/confidentiality.py).
-#}

{%- set measures = [
    'gross_output', 'revenue', 'profit', 'value_added', 'value_added_comparable',
    'paired_value_added_comparable', 'paired_prior_year_value_added',
] -%}
{#- a row's combination: every enterprise has one park, chain and division -#}
{%- set combination = ['park', 'chain', 'division'] -%}

with

monthly as (

    select
        period,
        {{ combination | join(', ') }},
        count(distinct enterprise_id) as enterprise_count,
        count(distinct enterprise_id) filter (where is_paired) as paired_enterprise_count,
        sum(gross_output) as gross_output,
        sum(revenue) as revenue,
        sum(profit) as profit,
        sum(value_added) as value_added,
        sum(value_added_comparable) as value_added_comparable,
        sum(value_added_comparable) filter (where is_paired) as paired_value_added_comparable,
        sum(prior_year_value_added) filter (where is_paired) as paired_prior_year_value_added

    from {{ ref('int_industrial_reports_valued') }} as reports
    group by all

),

-- the month of the year in which each enterprise first reported (and first had a pair) in
-- its combination: running sums of these give distinct enterprises year to date
first_reports as (

    select
        period_year,
        {{ combination | join(', ') }},
        enterprise_id,
        min(period_month) as first_month,
        min(period_month) filter (where is_paired) as first_paired_month

    from {{ ref('int_industrial_reports_valued') }} as reports
    group by all

),

newcomers as (

    select
        period_year,
        period_month,
        {{ combination | join(', ') }},
        count(*) filter (where newcomer = 'reporting') as new_enterprises,
        count(*) filter (where newcomer = 'paired') as new_paired_enterprises

    from (
        select period_year, first_month as period_month, {{ combination | join(', ') }}, 'reporting' as newcomer
        from first_reports
        union all
        select period_year, first_paired_month as period_month, {{ combination | join(', ') }}, 'paired' as newcomer
        from first_reports
        where first_paired_month is not null
    ) as firsts
    group by all

),

-- every month of a year for every combination that reported in that year, so the YTD
-- running sums carry through months in which a combination reported nothing
combinations as (

    select distinct period_year, {{ combination | join(', ') }}
    from {{ ref('int_industrial_reports_valued') }} as reports

),

year_to_date as (

    select
        periods.*,
        {% for column in combination -%}
        combinations.{{ column }},
        {% endfor -%}
        coalesce(monthly.enterprise_count, 0) as enterprise_count,
        coalesce(monthly.paired_enterprise_count, 0) as paired_enterprise_count,
        coalesce(sum(newcomers.new_enterprises) over year_so_far, 0) as enterprise_count_ytd,
        coalesce(sum(newcomers.new_paired_enterprises) over year_so_far, 0) as paired_enterprise_count_ytd,
        {% for measure in measures -%}
        coalesce(monthly.{{ measure }}, 0) as {{ measure }},
        coalesce(sum(monthly.{{ measure }}) over year_so_far, 0) as {{ measure }}_ytd
        {%- if not loop.last %},{% endif %}
        {% endfor %}

    from {{ ref('int_period_spine') }} as periods
    inner join combinations using (period_year)
    left join monthly
        on periods.period = monthly.period
        and {{ same_values('combinations', 'monthly', combination) }}
    left join newcomers
        on periods.period_year = newcomers.period_year
        and periods.period_month = newcomers.period_month
        and {{ same_values('combinations', 'newcomers', combination) }}
    window year_so_far as ({{ year_to_date_window(
        partition_by=['combinations.park', 'combinations.chain', 'combinations.division'],
        year='combinations.period_year') }})

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
        cast(year_to_date.enterprise_count_ytd as bigint) as enterprise_count_ytd,
        cast(year_to_date.paired_enterprise_count_ytd as bigint) as paired_enterprise_count_ytd,
        {% for measure in measures -%}
        cast(year_to_date.{{ measure }} as double) as {{ measure }},
        cast(year_to_date.{{ measure }}_ytd as double) as {{ measure }}_ytd
        {%- if not loop.last %},{% endif %}
        {% endfor %}

    from year_to_date
    left join {{ ref('gbt4754_divisions') }} as divisions using (division)

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
