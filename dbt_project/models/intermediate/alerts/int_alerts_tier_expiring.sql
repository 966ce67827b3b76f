{#-
  Alert rule tier_expiring (one row per period × tier): recognitions valid at the period's end
  that lapse within `threshold` days with no later recognition of the tier known by then,
  counted per tier (no enterprise is named).
-#}

with

alert_rule as (

    select threshold from {{ ref('alert_rules') }}
    where code = 'tier_expiring'

),

expiring as (

    select
        periods.period,
        recognitions.tier,
        any_value(recognitions.tier_name) as tier_name,
        count(*) as recognitions,
        count(distinct recognitions.enterprise_id) as enterprises,
        min(recognitions.expires_on) as first_expires_on

    from {{ ref('tier_expiring') }} as recognitions
    cross join alert_rule
    inner join {{ ref('int_period_spine') }} as periods
        on recognitions.recognized_on <= periods.period_end
        and recognitions.expires_on > periods.period_end
        and recognitions.expires_on <= periods.period_end + cast(alert_rule.threshold as integer)
        and not coalesce(recognitions.next_recognized_on <= periods.period_end, false)
    group by periods.period, recognitions.tier

),

final as (

    select
        expiring.period,
        'tier_expiring' as code,
        'tier' as subject_kind,
        expiring.tier as subject_id,
        expiring.tier_name as subject_name,
        expiring.tier as subject_name_en,
        cast(null as varchar) as chain,
        json_object(
            'tier', expiring.tier,
            'recognitions', expiring.recognitions,
            'enterprises', expiring.enterprises,
            'first_expires_on', expiring.first_expires_on,
            'within_days', alert_rule.threshold
        ) as figures,
        {{ alert_messages(
            {'zh': '%d家企业的%s认定将在%d天内到期、尚未重新认定（最早%s）',
             'en': '%d enterprise(s) hold a %s recognition lapsing within %d days, not yet renewed (first on %s)'},
            {'zh': ['expiring.enterprises', 'expiring.tier_name', 'cast(alert_rule.threshold as integer)',
                    "strftime(expiring.first_expires_on, '%Y-%m-%d')"],
             'en': ['expiring.enterprises', 'expiring.tier', 'cast(alert_rule.threshold as integer)',
                    "strftime(expiring.first_expires_on, '%Y-%m-%d')"]}
        ) }},
        'tiers' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from expiring
    cross join alert_rule

)

select * from final
