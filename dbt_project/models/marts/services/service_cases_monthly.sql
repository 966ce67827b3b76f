{#-
  One row per submitted month × matter × channel × park × chain (park and chain are the
  applicant enterprise's, null for cases without one): counts of cases and the
  numerators and denominators of every service rate, so a page can filter on any of
  these and compute, e.g., satisfaction = Σ satisfied_cases / Σ rated_cases × 100.
  Cases are counted in the month they were submitted, as the headline rates are.
-#}

with

counted as (

    select
        submitted_period as period,
        matter_code,
        channel,
        park,
        chain,
        {{ service_case_counts() }},
        sum(handling_hours) as handling_hours

    from {{ ref('int_service_cases_flagged') }} as cases
    group by all

),

final as (

    select
        counted.period,
        last_day(cast(counted.period || '-01' as date)) as period_end,
        matters.lifecycle_stage,
        {{ enum_label('lifecycle_stage', 'matters.lifecycle_stage') }} as lifecycle_stage_name,
        cast({{ enum_label('lifecycle_stage', 'matters.lifecycle_stage', 'sort_order') }} as integer)
            as lifecycle_stage_order,
        counted.matter_code,
        matters.matter_name,
        coalesce(matters.is_individual_to_enterprise, false) as is_individual_to_enterprise,
        counted.channel,
        {{ enum_label('channel', 'counted.channel') }} as channel_name,
        counted.park,
        counted.chain,
        {% for measure in service_case_measures() -%}
        cast(counted.{{ measure }} as bigint) as {{ measure }},
        {% endfor -%}
        cast(coalesce(counted.handling_hours, 0) as double) as handling_hours

    from counted
    left join {{ ref('stg_raw__service_matters') }} as matters using (matter_code)

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
