{#-
  One row per period × specialist (专员帮办) who had cases open or submitted in the
  month: cases submitted in the month and their outcomes (as service_cases_monthly),
  cases completed in the month, and cases still open on the last day of the month.
-#}

with

cases as (

    select * from {{ ref('int_service_cases_flagged') }}
    where specialist_id is not null

),

submitted as (

    select
        submitted_period as period,
        specialist_id,
        {{ service_case_counts() }},
        sum(handling_hours) as handling_hours

    from cases
    group by all

),

completed_in_month as (

    select strftime(completed_at, '%Y-%m') as period, specialist_id, count(*) as completed_in_month
    from cases
    where completed_at is not null
    group by all

),

open_at_period_end as (

    select periods.period, cases.specialist_id, count(*) as open_cases
    from {{ ref('int_period_spine') }} as periods
    inner join cases
        on cases.submitted_at < periods.period_end + interval 1 day
        and (cases.completed_at is null or cases.completed_at >= periods.period_end + interval 1 day)
    group by all

),

keys as (

    select period, specialist_id from submitted
    union
    select period, specialist_id from completed_in_month
    union
    select period, specialist_id from open_at_period_end

),

final as (

    select
        keys.period,
        periods.period_end,
        keys.specialist_id,
        cast(coalesce(submitted.cases, 0) as bigint) as cases,
        cast(coalesce(submitted.completed_cases, 0) as bigint) as completed_cases,
        cast(coalesce(submitted.on_time_cases, 0) as bigint) as on_time_cases,
        cast(coalesce(submitted.rated_cases, 0) as bigint) as rated_cases,
        cast(coalesce(submitted.satisfied_cases, 0) as bigint) as satisfied_cases,
        cast(coalesce(submitted.bad_rating_cases, 0) as bigint) as bad_rating_cases,
        cast(coalesce(submitted.handling_hours, 0) as double) as handling_hours,
        cast(coalesce(completed_in_month.completed_in_month, 0) as bigint) as completed_in_month,
        cast(coalesce(open_at_period_end.open_cases, 0) as bigint) as open_cases

    from keys
    inner join {{ ref('int_period_spine') }} as periods using (period)
    left join submitted
        on keys.period = submitted.period and keys.specialist_id = submitted.specialist_id
    left join completed_in_month
        on keys.period = completed_in_month.period and keys.specialist_id = completed_in_month.specialist_id
    left join open_at_period_end
        on keys.period = open_at_period_end.period and keys.specialist_id = open_at_period_end.specialist_id

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
