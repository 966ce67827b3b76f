{{ config(materialized='table') }}

{#-
  Every month from the earliest to the latest period present in the monthly raw tables
  (and the month of the earliest/latest service case), with no gaps, so year-to-date
  windows and "as at the end of P" counts have a row for every month.
-#}

with

period_starts as (

    select period_start from {{ ref('stg_raw__industrial_monthly') }}
    union all
    select period_start from {{ ref('stg_raw__industry_prices') }}
    union all
    select period_start from {{ ref('stg_raw__region_benchmarks') }}
    union all
    select period_start from {{ ref('stg_raw__project_investment') }}
    union all
    select period_start from {{ ref('stg_raw__talent_demand') }}
    union all
    select submitted_period_start from {{ ref('stg_raw__service_cases') }}

),

bounds as (

    select
        min(period_start) as first_start,
        max(period_start) as last_start
    from period_starts

),

spine as (

    select cast(months.range as date) as period_start
    from bounds
    cross join range(bounds.first_start, bounds.last_start + interval 1 month, interval 1 month) as months
    where bounds.first_start is not null

),

final as (

    select
        strftime(period_start, '%Y-%m') as period,
        period_start,
        last_day(period_start) as period_end,
        cast(year(period_start) as integer) as period_year,
        cast(month(period_start) as integer) as period_month
    from spine

)

select * from final
