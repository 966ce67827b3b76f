{{ config(materialized='table') }}

{#-
  One row per period × tier × chain: distinct enterprises holding a valid recognition of
  the tier on the last day of the period, where valid means
  recognized_on <= day and (expires_on is null or day < expires_on).
  The composite tier `specialized_or_gazelle` counts distinct enterprises holding a valid
  specialized_sme, little_giant or gazelle recognition. Each enterprise has one chain,
  so counts add up across chains (not across tiers). newly_recognized_count counts
  enterprises with a recognition dated in the month (for the composite: of any of its
  three tiers).
-#}

{%- set specialized_or_gazelle = ['specialized_sme', 'little_giant', 'gazelle'] -%}

with

periods as (

    select * from {{ ref('int_period_spine') }}

),

tiers as (

    select * from {{ ref('tier_ladder') }}

),

chains as (

    select * from {{ ref('int_chains_unioned') }}

),

recognitions as (

    select
        enterprise_tiers.enterprise_id,
        enterprise_tiers.tier,
        enterprise_tiers.recognized_on,
        enterprise_tiers.expires_on,
        enterprises.chain

    from {{ ref('stg_raw__enterprise_tiers') }} as enterprise_tiers
    inner join {{ ref('stg_raw__enterprises') }} as enterprises
        on enterprise_tiers.enterprise_id = enterprises.enterprise_id

),

valid_at_period_end as (

    select
        periods.period,
        recognitions.tier,
        recognitions.chain,
        recognitions.enterprise_id

    from periods
    inner join recognitions
        on recognitions.recognized_on <= periods.period_end
        and (recognitions.expires_on is null or periods.period_end < recognitions.expires_on)

),

counted as (

    select period, tier, chain, count(distinct enterprise_id) as enterprise_count
    from valid_at_period_end
    group by period, tier, chain

    union all

    select period, 'specialized_or_gazelle' as tier, chain, count(distinct enterprise_id) as enterprise_count
    from valid_at_period_end
    where tier in ('{{ specialized_or_gazelle | join("', '") }}')
    group by period, chain

),

recognized_in_month as (

    select
        strftime(recognized_on, '%Y-%m') as period,
        tier,
        chain,
        count(distinct enterprise_id) as newly_recognized_count

    from recognitions
    group by all

    union all

    select
        strftime(recognized_on, '%Y-%m') as period,
        'specialized_or_gazelle' as tier,
        chain,
        count(distinct enterprise_id) as newly_recognized_count

    from recognitions
    where tier in ('{{ specialized_or_gazelle | join("', '") }}')
    group by all

),

final as (

    select
        periods.period,
        periods.period_end,
        tiers.tier,
        chains.chain,
        coalesce(counted.enterprise_count, 0) as enterprise_count,
        coalesce(recognized_in_month.newly_recognized_count, 0) as newly_recognized_count

    from periods
    cross join tiers
    cross join chains
    left join counted
        on periods.period = counted.period
        and tiers.tier = counted.tier
        and chains.chain = counted.chain
    left join recognized_in_month
        on periods.period = recognized_in_month.period
        and tiers.tier = recognized_in_month.tier
        and chains.chain = recognized_in_month.chain

)

select * from final
