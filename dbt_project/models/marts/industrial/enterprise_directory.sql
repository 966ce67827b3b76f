{#-
  One row per enterprise: who it is, where it sits (division, chain, park), whether it
  is above scale (reported industrial_monthly in the latest reported month), the tiers it
  holds on the last day of the spine, and whether it consented to be named publicly.
-#}

with

latest_report_period as (

    select max(period) as period from {{ ref('stg_raw__industrial_monthly') }} as reports

),

reporting as (

    select
        enterprise_id,
        min(period) as first_report_period,
        max(period) as last_report_period,
        bool_or(period = (select period from latest_report_period)) as is_above_scale

    from {{ ref('stg_raw__industrial_monthly') }} as reports
    group by enterprise_id

),

as_of as (

    select max(period_end) as as_of_date from {{ ref('int_period_spine') }}

),

current_tiers as (

    select
        enterprise_tiers.enterprise_id,
        string_agg(distinct tier_ladder.tier_name, '、' order by tier_ladder.tier_name) as current_tier_names,
        max(tier_ladder.rung) filter (where tier_ladder.ladder = 'specialized') as specialized_rung,
        max(tier_ladder.rung) filter (where tier_ladder.ladder = 'growth') as growth_rung

    from {{ ref('stg_raw__enterprise_tiers') }} as enterprise_tiers
    cross join as_of
    inner join {{ ref('tier_ladder') }} as tier_ladder using (tier)
    where enterprise_tiers.recognized_on <= as_of.as_of_date
        and (enterprise_tiers.expires_on is null or as_of.as_of_date < enterprise_tiers.expires_on)
    group by enterprise_tiers.enterprise_id

),

final as (

    select
        enterprises.enterprise_id,
        enterprises.enterprise_name,
        enterprises.industry_code,
        enterprises.division,
        divisions.division_name,
        divisions.section_name,
        coalesce(divisions.is_manufacturing, false) as is_manufacturing,
        enterprises.chain,
        enterprises.park,
        enterprises.registered_on,
        coalesce(reporting.is_above_scale, false) as is_above_scale,
        reporting.first_report_period,
        reporting.last_report_period,
        current_tiers.current_tier_names,
        current_tiers.specialized_rung,
        current_tiers.growth_rung,
        enterprises.consent_public

    from {{ ref('stg_raw__enterprises') }} as enterprises
    left join {{ ref('gbt4754_divisions') }} as divisions using (division)
    left join reporting using (enterprise_id)
    left join current_tiers using (enterprise_id)

)

select * from final
