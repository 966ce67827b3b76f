{#-
  One row per recognition with an expiry date (enterprise × tier × recognized_on): when it
  lapses and whether a later recognition of the same tier renews it, so a page can list
  "valid at P and expiring within six months": period_end < expires_on <= period_end + 6 months.
-#}

with

with_renewal as (

    select
        *,
        lead(recognized_on) over (
            partition by enterprise_id, tier order by recognized_on
        ) as next_recognized_on

    from {{ ref('stg_raw__enterprise_tiers') }} as recognitions

),

final as (

    select
        with_renewal.enterprise_id,
        enterprises.enterprise_name,
        enterprises.chain,
        enterprises.park,
        with_renewal.tier,
        tiers.tier_name,
        with_renewal.recognition_level,
        {{ enum_label('recognition_level', 'with_renewal.recognition_level') }} as recognition_level_name,
        with_renewal.recognized_on,
        with_renewal.expires_on,
        strftime(with_renewal.expires_on, '%Y-%m') as expires_period,
        with_renewal.next_recognized_on,
        coalesce(with_renewal.next_recognized_on <= with_renewal.expires_on, false) as is_renewed

    from with_renewal
    left join {{ ref('stg_raw__enterprises') }} as enterprises using (enterprise_id)
    left join {{ ref('tier_ladder') }} as tiers using (tier)
    where with_renewal.expires_on is not null

)

select * from final
