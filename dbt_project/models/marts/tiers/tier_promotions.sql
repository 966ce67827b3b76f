{#-
  One row per promotion: an enterprise's first recognition on a rung of a ladder
  (specialized: innovative_sme → specialized_sme → little_giant → single_champion;
  growth: startup → high_tech → gazelle → unicorn) after it had been recognised on a
  lower rung of the same ladder, and never before on this rung or a higher one.
  from_tier is the highest lower rung recognised before; months_since_from_tier tells
  how fast it climbed (≤ 12 = within a year).
-#}

with

recognitions as (

    select enterprise_tiers.*, tier_ladder.ladder, tier_ladder.rung

    from {{ ref('stg_raw__enterprise_tiers') }} as enterprise_tiers
    inner join {{ ref('tier_ladder') }} as tier_ladder using (tier)
    where not tier_ladder.is_composite

),

first_on_rung as (

    -- the first time each enterprise reached each rung
    select *
    from recognitions
    qualify row_number() over (
        partition by enterprise_id, ladder, rung order by recognized_on, tier
    ) = 1

),

promotions as (

    select
        reached.enterprise_id,
        reached.ladder,
        reached.tier as to_tier,
        reached.rung as to_rung,
        reached.recognition_level,
        reached.recognized_on as promoted_on,
        earlier.tier as from_tier,
        earlier.rung as from_rung,
        earlier.recognized_on as from_recognized_on

    from first_on_rung as reached
    inner join first_on_rung as earlier
        on reached.enterprise_id = earlier.enterprise_id
        and reached.ladder = earlier.ladder
        and reached.rung > earlier.rung
        and reached.recognized_on > earlier.recognized_on
    where not exists (
        select 1
        from first_on_rung as higher
        where higher.enterprise_id = reached.enterprise_id
            and higher.ladder = reached.ladder
            and higher.rung > reached.rung
            and higher.recognized_on < reached.recognized_on
    )
    qualify row_number() over (
        partition by reached.enterprise_id, reached.ladder, reached.rung
        order by earlier.rung desc, earlier.recognized_on desc
    ) = 1

),

final as (

    select
        promotions.enterprise_id,
        enterprises.enterprise_name,
        enterprises.chain,
        enterprises.park,
        promotions.ladder,
        to_tiers.ladder_name,
        promotions.from_tier,
        from_tiers.tier_name as from_tier_name,
        cast(promotions.from_rung as integer) as from_rung,
        promotions.from_recognized_on,
        promotions.to_tier,
        to_tiers.tier_name as to_tier_name,
        cast(promotions.to_rung as integer) as to_rung,
        promotions.recognition_level,
        promotions.promoted_on,
        strftime(promotions.promoted_on, '%Y-%m') as promoted_period,
        cast(year(promotions.promoted_on) as integer) as promoted_year,
        cast(date_diff('month', promotions.from_recognized_on, promotions.promoted_on) as bigint)
            as months_since_from_tier

    from promotions
    left join {{ ref('stg_raw__enterprises') }} as enterprises using (enterprise_id)
    left join {{ ref('tier_ladder') }} as to_tiers
        on promotions.to_tier = to_tiers.tier
    left join {{ ref('tier_ladder') }} as from_tiers
        on promotions.from_tier = from_tiers.tier

)

select * from final
