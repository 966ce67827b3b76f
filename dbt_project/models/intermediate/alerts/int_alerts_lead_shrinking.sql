{#-
  Alert rule lead_shrinking (one row per period × benchmark): the zone's growth lead over the
  province or the city shrank two months running.
-#}

with

alert_rule as (

    select threshold from {{ ref('alert_rules') }}
    where code = 'lead_shrinking'

),

final as (

    select
        leads.period,
        'lead_shrinking' as code,
        'zone' as subject_kind,
        'lead_vs_' || leads.benchmark_level as subject_id,
        '领先' || coalesce(leads.region_name, case leads.benchmark_level when 'city' then '全市' else '全省' end)
            as subject_name,
        'Lead over ' || coalesce(leads.region_name, leads.benchmark_level) as subject_name_en,
        cast(null as varchar) as chain,
        json_object(
            'benchmark', leads.benchmark_level,
            'region_name', leads.region_name,
            'lead_pp', leads.lead_pp,
            'lead_pp_1', leads.lead_1_pp,
            'lead_pp_2', leads.lead_2_pp,
            'periods', [leads.period_2, leads.period_1, leads.period]
        ) as figures,
        {{ alert_messages(
            {'zh': '园区增速领先%s的幅度连续两个月收窄：%s → %s → %s个百分点',
             'en': "The zone's growth lead over %s shrank two months running: %s → %s → %s pp"},
            ['coalesce(leads.region_name, leads.benchmark_level)', fixed_text('leads.lead_2_pp', 1),
             fixed_text('leads.lead_1_pp', 1), fixed_text('leads.lead_pp', 1)]
        ) }},
        'growth' as page,
        ['industrial_va_growth_ytd', 'lead_vs_' || leads.benchmark_level || '_pp'] as metrics,
        [leads.period_2, leads.period_1, leads.period] as metric_periods

    from {{ ref('int_alerts_growth_leads') }} as leads
    cross join alert_rule
    -- YTD growth restarts in January: compare months of one year only
    where leads.year_2 = leads.period_year
        and leads.lead_1_pp - leads.lead_pp > alert_rule.threshold
        and leads.lead_2_pp - leads.lead_1_pp > alert_rule.threshold

)

select * from final
