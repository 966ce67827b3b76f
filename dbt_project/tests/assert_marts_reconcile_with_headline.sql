{#-
  The pre-aggregated marts the pages filter must add back up to headline_metrics: a page
  summing a mart over every filter value shows the headline number. Returns one row per
  period and check that disagrees.
-#}

{#- per period, each mart summed over every filter value: CTE name → (mart, select items, filter) -#}
{%- set mart_sums = {
    'contributions': ('growth_contributions', [
        'sum(contribution_pp) as industrial_va_growth_ytd',
        'sum(manufacturing_contribution_pp) as manufacturing_va_growth_ytd',
    ], none),
    'output': ('industrial_output_monthly', [
        'sum(gross_output_ytd) as gross_output_ytd',
        'sum(revenue_ytd) as revenue_ytd',
        'sum(profit_ytd) as profit_ytd',
        'sum(enterprise_count) as above_scale_count',
        growth_percent('sum(paired_value_added_comparable_ytd)', 'sum(paired_prior_year_value_added_ytd)')
            ~ ' as industrial_va_growth_ytd',
    ], none),
    'investment': ('industrial_investment_monthly', [
        'sum(invested_since_2023) as industrial_investment_since_2023',
    ], none),
    'pipeline': ('project_pipeline_monthly', [
        'sum(project_count) as projects_under_construction',
    ], "project_status = 'under_construction'"),
    'talent': ('talent_in_post_monthly', ['sum(in_post_count) as talent_in_post'], none),
} -%}

with

{% for name, (mart, items, filter) in mart_sums.items() %}
{{ name }} as (

    select period, {{ items | join(', ') }}
    from {{ ref(mart) }}
    {% if filter %}where {{ filter }}{% endif %}
    group by period

),

{% endfor %}
services as (

    select
        headline.period,
        sum(cases.cases) as service_cases_ytd,
        {{ percent_of('sum(cases.satisfied_cases)', 'sum(cases.rated_cases)') }} as satisfaction_rate,
        {{ percent_of('sum(cases.rectified_cases)', 'sum(cases.bad_rating_cases)') }} as rectification_rate
    from {{ ref('headline_metrics') }} as headline
    inner join {{ ref('service_cases_monthly') }} as cases
        on cases.period between strftime(headline.period_end, '%Y') || '-01' and headline.period
    group by headline.period

),

checks as (

    {% set comparisons = [
        ('contributions', 'industrial_va_growth_ytd', none),
        ('contributions', 'manufacturing_va_growth_ytd', none),
        ('output', 'gross_output_ytd', 0),
        ('output', 'revenue_ytd', 0),
        ('output', 'profit_ytd', 0),
        ('output', 'above_scale_count', 0),
        ('output', 'industrial_va_growth_ytd', none),
        ('investment', 'industrial_investment_since_2023', 0),
        ('pipeline', 'projects_under_construction', 0),
        ('talent', 'talent_in_post', 0),
        ('services', 'service_cases_ytd', 0),
        ('services', 'satisfaction_rate', none),
        ('services', 'rectification_rate', none),
    ] %}
    {% for mart, metric, empty in comparisons %}
    select
        '{{ mart }}.{{ metric }}' as check_name,
        headline.period,
        cast(headline.{{ metric }} as double) as headline_value,
        cast({% if empty is none %}{{ mart }}.{{ metric }}{% else %}coalesce({{ mart }}.{{ metric }}, {{ empty }}){% endif %} as double)
            as mart_value
    from {{ ref('headline_metrics') }} as headline
    left join {{ mart }}
        on headline.period = {{ mart }}.period
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

-- sums of doubles in a different order differ in the last bits: compare to a relative 1e-9
select *
from checks
where (headline_value is null) <> (mart_value is null)
    or abs(headline_value - mart_value) > 1e-9 * greatest(abs(headline_value), abs(mart_value), 1)
