{{ config(materialized='table') }}

{#-
  One row per industrial_monthly report (enterprise × month), valued:
    VA(r)  = gross_output × va_rate(division, month)
    VAc(r) = VA(r) × 100 / ppi_yoy(division, month)   (at last year's prices)
  and paired with the same enterprise's report in the same month of the previous year
  (the 同口径 same-enterprise basis of the YTD growth). A report without a prior-year
  row has prior_year_value_added null and is_paired false.
-#}

with

valued as (

    select
        reports.enterprise_id,
        reports.period,
        reports.period_start,
        reports.period_year,
        reports.period_month,
        enterprises.division,
        coalesce(divisions.is_manufacturing, false) as is_manufacturing,
        enterprises.chain,
        enterprises.park,
        reports.gross_output,
        reports.revenue,
        reports.profit,
        prices.va_rate,
        prices.ppi_yoy,
        reports.gross_output * prices.va_rate as value_added,
        reports.gross_output * prices.va_rate * 100.0 / prices.ppi_yoy as value_added_comparable

    from {{ ref('stg_raw__industrial_monthly') }} as reports
    left join {{ ref('stg_raw__enterprises') }} as enterprises using (enterprise_id)
    left join {{ ref('gbt4754_divisions') }} as divisions using (division)
    left join {{ ref('stg_raw__industry_prices') }} as prices using (division, period)

),

paired as (

    select
        current_year.*,
        prior_year.enterprise_id is not null as is_paired,
        prior_year.value_added as prior_year_value_added

    from valued as current_year
    left join valued as prior_year
        on current_year.enterprise_id = prior_year.enterprise_id
        and current_year.period_year - 1 = prior_year.period_year
        and current_year.period_month = prior_year.period_month

)

select * from paired
