{#-
  One row per period on the spine: the headline metrics of DATA_CONTRACT.md, exactly as
  defined there. Each block is computed in an intermediate model (one per subject) so
  unit tests stay small; this model only lines them up. Counts are BIGINT, amounts and
  percentages DOUBLE, unrounded. Every column but period and period_end is a metric with
  its registry entry (label, unit, decimals, kind, family, card) in _headline__models.yml.
-#}

{#- one count column per tier of seeds/tier_ladder.csv (macros/tier_ladder.sql) -#}
{%- set tiers = tier_ladder_tiers() -%}

with

tiers as (

    select
        period,
        {% for tier in tiers -%}
        sum(enterprise_count) filter (where tier = '{{ tier }}') as {{ tier }}
        {%- if not loop.last %},{% endif %}
        {% endfor %}
    from {{ ref('int_enterprise_tiers_counted_to_periods') }}
    group by period

),

talent as (

    select period, sum(in_post_count) as talent_in_post
    from {{ ref('int_talent_counted_to_periods') }}
    group by period

),

final as (

    select
        periods.period,
        periods.period_end,

        cast(industrial.above_scale_count as bigint) as above_scale_count,
        {% for metric in [
            'gross_output_ytd', 'revenue_ytd', 'profit_ytd',
            'industrial_va_growth_ytd', 'manufacturing_va_growth_ytd',
            'output_share_of_city', 'revenue_share_of_city', 'enterprise_share_of_city',
            'lead_vs_national_pp', 'lead_vs_province_pp',
            'manufacturing_lead_vs_national_pp', 'manufacturing_lead_vs_province_pp',
        ] -%}
        cast(industrial.{{ metric }} as double) as {{ metric }},
        {% endfor %}

        {% for tier in tiers -%}
        cast(coalesce(tiers.{{ tier }}, 0) as bigint) as {{ tier }},
        {% endfor %}

        cast(projects.plan_new_or_continuing as bigint) as plan_new_or_continuing,
        cast(projects.plan_preparatory as bigint) as plan_preparatory,
        cast(projects.projects_under_construction as bigint) as projects_under_construction,
        cast(projects.industrial_investment_since_2023 as double) as industrial_investment_since_2023,

        cast(services.service_cases_ytd as bigint) as service_cases_ytd,
        cast(services.satisfaction_rate as double) as satisfaction_rate,
        cast(services.on_time_rate as double) as on_time_rate,
        cast(services.one_visit_rate as double) as one_visit_rate,
        cast(services.rectification_rate as double) as rectification_rate,

        cast(coalesce(talent.talent_in_post, 0) as bigint) as talent_in_post

    from {{ ref('int_period_spine') }} as periods
    left join {{ ref('int_industrial_benchmarked_to_periods') }} as industrial on periods.period = industrial.period
    left join tiers on periods.period = tiers.period
    left join {{ ref('int_projects_aggregated_to_periods') }} as projects on periods.period = projects.period
    left join {{ ref('int_service_cases_aggregated_to_periods') }} as services on periods.period = services.period
    left join talent on periods.period = talent.period

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
