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

recognitions as (

    select enterprise_tiers.*, enterprises.chain

    from {{ ref('stg_raw__enterprise_tiers') }} as enterprise_tiers
    inner join {{ ref('stg_raw__enterprises') }} as enterprises using (enterprise_id)

),

-- A recognition covers the days [recognized_on, expires_on). Overlapping recognitions of one
-- enterprise and tier (a renewal before expiry; for the composite, any two of its tiers)
-- merge into one spell, so counting spells counts each enterprise once: no distinct over
-- periods × recognitions, which grows with both (32 s of a 100× build before).
spells as (

    select enterprise_id, chain, tier, recognized_on as valid_from,
        coalesce(expires_on, date '9999-12-31') as valid_until
    from recognitions

    union all

    select enterprise_id, chain, 'specialized_or_gazelle' as tier, recognized_on as valid_from,
        coalesce(expires_on, date '9999-12-31') as valid_until
    from recognitions
    where tier in ('{{ specialized_or_gazelle | join("', '") }}')

),

spell_starts as (

    select
        *,
        case
            when valid_from <= max(valid_until) over (
                partition by enterprise_id, tier order by valid_from, valid_until
                rows between unbounded preceding and 1 preceding
            ) then 0
            else 1
        end as starts_spell

    from spells
    where valid_until > valid_from

),

spells_numbered as (

    select
        *,
        sum(starts_spell) over (
            partition by enterprise_id, tier order by valid_from, valid_until
            rows between unbounded preceding and current row
        ) as spell

    from spell_starts

),

merged_spells as (

    select enterprise_id, chain, tier, min(valid_from) as valid_from, max(valid_until) as valid_until
    from spells_numbered
    group by enterprise_id, chain, tier, spell

),

-- holding(d) = spells begun on or before d minus spells ended on or before d
daily_changes as (

    select tier, chain, day, sum(change) as change
    from (
        select tier, chain, valid_from as day, 1 as change from merged_spells
        union all
        select tier, chain, valid_until as day, -1 as change from merged_spells
        where valid_until < date '9999-12-31'
    ) as changes
    group by tier, chain, day

),

counted as (

    select periods.period, daily_changes.tier, daily_changes.chain, sum(daily_changes.change) as enterprise_count
    from {{ ref('int_period_spine') }} as periods
    inner join daily_changes
        on periods.period_end >= daily_changes.day
    group by periods.period, daily_changes.tier, daily_changes.chain

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

    from {{ ref('int_period_spine') }} as periods
    cross join {{ ref('tier_ladder') }} as tiers
    cross join {{ ref('int_chains_unioned') }} as chains
    left join counted using (period, tier, chain)
    left join recognized_in_month using (period, tier, chain)

)

select * from final
