{#-
  One row per case rated 2 or below (不满意, 非常不满意) that has no rectified_at yet:
  the list the service office works through, with how long it has been open as of the
  last day of the latest period.
-#}

with

cases as (

    select * from {{ ref('int_service_cases_flagged') }}
    where is_bad_rating and rectified_at is null

),

as_of as (

    select max(period_end) as as_of_date from {{ ref('int_period_spine') }}

),

final as (

    select
        cases.case_id,
        cases.submitted_period as period,
        cases.submitted_at,
        cases.completed_at,
        cases.rating,
        cases.enterprise_id,
        cases.enterprise_name,
        cases.park,
        cases.chain,
        cases.matter_code,
        cases.matter_name,
        cases.lifecycle_stage,
        {{ enum_label('lifecycle_stage', 'cases.lifecycle_stage') }} as lifecycle_stage_name,
        coalesce(cases.is_individual_to_enterprise, false) as is_individual_to_enterprise,
        cases.channel,
        {{ enum_label('channel', 'cases.channel') }} as channel_name,
        cases.specialist_id,
        as_of.as_of_date,
        cast(date_diff('day', cast(coalesce(cases.completed_at, cases.submitted_at) as date), as_of.as_of_date)
            as bigint) as days_open

    from cases
    cross join as_of

)

select * from final
