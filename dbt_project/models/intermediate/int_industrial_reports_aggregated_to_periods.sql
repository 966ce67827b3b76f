{#-
  One row per period on the spine: the industrial headline metrics.
  YTD = periods Y-01..P. Sums over an empty YTD are 0 (nothing was reported, which is a
  valid answer); growth rates over no pairs, or pairs whose prior-year VA sums to 0, are null.
-#}

with

monthly as (

    select
        period,
        count(distinct enterprise_id) as above_scale_count,
        sum(gross_output) as gross_output,
        sum(revenue) as revenue,
        sum(profit) as profit,
        sum(value_added_comparable) filter (where is_paired) as paired_value_added_comparable,
        sum(prior_year_value_added) filter (where is_paired) as paired_prior_year_value_added,
        sum(value_added_comparable) filter (where is_paired and is_manufacturing)
            as manufacturing_paired_value_added_comparable,
        sum(prior_year_value_added) filter (where is_paired and is_manufacturing)
            as manufacturing_paired_prior_year_value_added

    from {{ ref('int_industrial_reports_valued') }} as reports
    group by period

),

year_to_date as (

    {{ year_to_date_sums(
        [
            'gross_output', 'revenue', 'profit',
            'paired_value_added_comparable', 'paired_prior_year_value_added',
            'manufacturing_paired_value_added_comparable', 'manufacturing_paired_prior_year_value_added',
        ],
        columns=['periods.period', 'periods.period_end', 'coalesce(monthly.above_scale_count, 0) as above_scale_count'],
    ) }}

),

final as (

    select
        *,
        {{ growth_percent('paired_value_added_comparable_ytd', 'paired_prior_year_value_added_ytd') }}
            as industrial_va_growth_ytd,
        {{ growth_percent('manufacturing_paired_value_added_comparable_ytd', 'manufacturing_paired_prior_year_value_added_ytd') }}
            as manufacturing_va_growth_ytd

    from year_to_date

)

select * from final
