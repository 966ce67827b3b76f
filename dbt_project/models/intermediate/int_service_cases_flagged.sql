{#-
  One row per service case with the 0/1 flags every service measure counts, so the
  monthly marts and the headline rates share one definition of "rated", "on time"…
    is_rated        rating is not null
    is_satisfied    rating >= 3 (基本满意 or better)
    is_completed    completed_at is not null
    is_on_time      completed and completed_at <= due_at
    is_bad_rating   rating <= 2 (不满意, 非常不满意)
    is_rectified    a bad rating with rectified_at set
-#}

with

flagged as (

    select
        cases.case_id,
        cases.submitted_period,
        cases.submitted_period_start,
        cases.submitted_period_year,
        cases.submitted_period_month,
        cases.matter_code,
        matters.matter_name,
        matters.lifecycle_stage,
        matters.is_individual_to_enterprise,
        cases.channel,
        cases.specialist_id,
        cases.enterprise_id,
        enterprises.enterprise_name,
        enterprises.park,
        enterprises.chain,
        cases.submitted_at,
        cases.due_at,
        cases.completed_at,
        cases.rating,
        cases.rectified_at,
        cases.rating is not null as is_rated,
        coalesce(cases.rating >= 3, false) as is_satisfied,
        cases.completed_at is not null as is_completed,
        coalesce(cases.completed_at <= cases.due_at, false) as is_on_time,
        cases.one_visit as is_one_visit,
        cases.bundled as is_bundled,
        coalesce(cases.rating <= 2, false) as is_bad_rating,
        coalesce(cases.rating <= 2 and cases.rectified_at is not null, false) as is_rectified,
        date_diff('minute', cases.submitted_at, cases.completed_at) / 60.0 as handling_hours

    from {{ ref('stg_raw__service_cases') }} as cases
    left join {{ ref('stg_raw__service_matters') }} as matters using (matter_code)
    left join {{ ref('stg_raw__enterprises') }} as enterprises using (enterprise_id)

)

select * from flagged
