{#-
  One row per period on the spine: the service headline metrics over cases submitted in
  the year to date (Y-01..P). Each rate is null when its denominator is 0.
-#}

with

monthly as (

    select
        submitted_period as period,
        {{ service_case_counts() }}

    from {{ ref('int_service_cases_flagged') }}
    group by submitted_period

),

year_to_date as (

    {{ year_to_date_sums(service_case_measures(), cast_to='bigint') }}

),

final as (

    select
        period,
        cases_ytd as service_cases_ytd,
        {{ percent_of('satisfied_cases_ytd', 'rated_cases_ytd') }} as satisfaction_rate,
        {{ percent_of('on_time_cases_ytd', 'completed_cases_ytd') }} as on_time_rate,
        {{ percent_of('one_visit_cases_ytd', 'cases_ytd') }} as one_visit_rate,
        {{ percent_of('rectified_cases_ytd', 'bad_rating_cases_ytd') }} as rectification_rate,
        rated_cases_ytd,
        satisfied_cases_ytd,
        completed_cases_ytd,
        on_time_cases_ytd,
        one_visit_cases_ytd,
        bad_rating_cases_ytd,
        rectified_cases_ytd

    from year_to_date

)

select * from final
