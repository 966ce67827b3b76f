{#-
  One row per period × tier × chain (zeros included): distinct enterprises holding a
  valid recognition of the tier on the last day of the period, and enterprises newly
  recognised in the month, with the tier's Chinese name, ladder and rung. The composite
  tier specialized_or_gazelle (is_composite) counts enterprises holding any of
  specialized_sme, little_giant or gazelle once: sum over chains, never over tiers.
-#}

with

final as (

    select
        counts.period,
        counts.period_end,
        counts.tier,
        tiers.tier_name,
        tiers.ladder,
        tiers.ladder_name,
        cast(tiers.rung as integer) as rung,
        cast(tiers.sort_order as integer) as tier_order,
        tiers.is_composite,
        counts.chain,
        cast(counts.enterprise_count as bigint) as enterprise_count,
        cast(counts.newly_recognized_count as bigint) as newly_recognized_count

    from {{ ref('int_enterprise_tiers_counted_to_periods') }} as counts
    inner join {{ ref('tier_ladder') }} as tiers using (tier)

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
