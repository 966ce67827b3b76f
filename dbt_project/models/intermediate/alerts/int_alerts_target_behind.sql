{#-
  Alert rule target_behind (one row per period × year-end target behind): where the year lands
  by the projection the tiers page states (value now plus last year's change from this month to
  December); without last year's values, the completion against the time elapsed.
-#}

{%- set metric_labels = headline_metric_registry() -%}

with

alert_rule as (

    select threshold from {{ ref('alert_rules') }}
    where code = 'target_behind'

),

periods as (

    select
        period,
        {{ year_elapsed_pct('period_month') }} as elapsed_pct
    from {{ ref('int_period_spine') }}

),

final as (

    select
        projection.period,
        'target_behind' as code,
        'target' as subject_kind,
        projection.indicator as subject_id,
        {%- for language, column in [('zh', 'subject_name'), ('en', 'subject_name_en')] %}
        case projection.indicator
            {%- for m in metric_labels %}
            when '{{ m.name }}' then '{{ m.label[language] | replace("'", "''") }}'
            {%- endfor %}
            else projection.indicator
        end as {{ column }},
        {%- endfor %}
        cast(null as varchar) as chain,
        json_object(
            'indicator', projection.indicator,
            'actual_value', projection.actual_value,
            'target_value', projection.target_value,
            'completion_pct', projection.completion_pct,
            'elapsed_pct', periods.elapsed_pct,
            'projected_year_end_value', projection.projected_year_end_value,
            'projected_completion_pct', projection.projected_completion_pct
        ) as figures,
        {#- one sentence a language, with the same figures in the same order #}
        {%- for language, projected, behind in [
            ('zh', '按上年节奏预测年末%s为%s，低于目标%s，差%s', '%s现为%s，目标%s，完成%s%%，低于时间进度%s%%'),
            ('en', "%s projected at %s by year-end on last year''s pace, below the target of %s by %s",
                '%s at %s against a target of %s (%s%%), behind the %s%% of the year gone'),
        ] %}
        case
            when projection.projected_completion_pct is not null then printf(
                '{{ projected }}',
                '{subject}', {{ fixed_text('projection.projected_year_end_value') }},
                {{ fixed_text('projection.target_value') }},
                {{ fixed_text('projection.target_value - projection.projected_year_end_value') }}
            )
            else printf(
                '{{ behind }}',
                '{subject}', {{ fixed_text('projection.actual_value') }},
                {{ fixed_text('projection.target_value') }}, {{ fixed_text('projection.completion_pct', 1) }},
                {{ fixed_text('periods.elapsed_pct', 1) }}
            )
        end as message_{{ language }},
        {%- endfor %}
        -- the tiers page states the projection of its four targets; the overview of the others
        case
            when projection.indicator in ('innovative_sme', 'specialized_or_gazelle', 'little_giant', 'above_scale_count')
                then 'tiers'
            else 'overview'
        end as page,
        [projection.indicator] as metrics,
        [
            projection.period,
            cast(projection.target_year - 1 as varchar) || substr(projection.period, 5),
            cast(projection.target_year - 1 as varchar) || '-12'
        ] as metric_periods

    from {{ ref('headline_target_projection') }} as projection
    inner join periods using (period)
    cross join alert_rule
    where projection.target_value > 0
        and case
            when projection.projected_completion_pct is not null
                then projection.projected_completion_pct < 100 - alert_rule.threshold
            else projection.completion_pct < periods.elapsed_pct - alert_rule.threshold
        end

)

select * from final
