{#-
  Alert rule growth_below_city (one row per period at most): the zone's year-to-date
  industrial value-added growth is below the city's.
-#}

with

alert_rule as (

    select threshold from {{ ref('alert_rules') }}
    where code = 'growth_below_city'

),

final as (

    select
        leads.period,
        'growth_below_city' as code,
        'zone' as subject_kind,
        'industrial_va_growth_ytd' as subject_id,
        '规上工业增加值增速' as subject_name,
        'Industrial value-added growth' as subject_name_en,
        cast(null as varchar) as chain,
        json_object(
            'region_name', leads.region_name,
            'industrial_va_growth_ytd', leads.industrial_va_growth_ytd,
            'city_industrial_va_growth_ytd', leads.city_industrial_va_growth_ytd,
            'lead_vs_city_pp', leads.lead_pp
        ) as figures,
        {{ alert_messages(
            {'zh': '园区规上工业增加值累计增长%s%%，低于%s的%s%%',
             'en': "The zone's industrial value added grew %s%% in the year to date, below %s's %s%%"},
            {'zh': [fixed_text('leads.industrial_va_growth_ytd', 1), "coalesce(leads.region_name, '全市')",
                    fixed_text('leads.city_industrial_va_growth_ytd', 1)],
             'en': [fixed_text('leads.industrial_va_growth_ytd', 1), "coalesce(leads.region_name, 'the city')",
                    fixed_text('leads.city_industrial_va_growth_ytd', 1)]}
        ) }},
        'growth' as page,
        ['industrial_va_growth_ytd', 'lead_vs_city_pp'] as metrics,
        [leads.period] as metric_periods

    from {{ ref('int_alerts_growth_leads') }} as leads
    cross join alert_rule
    where leads.benchmark_level = 'city' and leads.lead_pp < -alert_rule.threshold

)

select * from final
