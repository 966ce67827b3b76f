{#-
  One row per period × enterprise with at least one same-enterprise pair in the year to
  date: the enterprise's contribution to the zone's YTD value-added growth, in
  percentage points,
      (Σ VAc(e, pairs YTD) − Σ VA_prior(e, pairs YTD)) / Σ_all VA_prior(pairs YTD) × 100,
  so the contributions of a period add up to industrial_va_growth_ytd (and, over
  manufacturing enterprises with the manufacturing denominator, to
  manufacturing_va_growth_ytd).
-#}

with

pairs as (

    select * from {{ ref('int_industrial_reports_valued') }}
    where is_paired

),

enterprise_year_to_date as (

    select
        periods.period,
        periods.period_end,
        pairs.enterprise_id,
        count(*) as paired_months_ytd,
        sum(pairs.value_added_comparable) as paired_value_added_comparable_ytd,
        sum(pairs.prior_year_value_added) as paired_prior_year_value_added_ytd

    from {{ ref('int_period_spine') }} as periods
    inner join pairs
        on {{ in_year_to_date('pairs') }}
    group by all

),

with_totals as (

    select
        enterprise_year_to_date.*,
        enterprises.enterprise_name,
        enterprises.division,
        divisions.division_name,
        coalesce(divisions.is_manufacturing, false) as is_manufacturing,
        enterprises.chain,
        enterprises.park,
        sum(enterprise_year_to_date.paired_prior_year_value_added_ytd)
            over (partition by enterprise_year_to_date.period) as zone_prior_year_value_added_ytd,
        sum(enterprise_year_to_date.paired_prior_year_value_added_ytd)
            filter (where coalesce(divisions.is_manufacturing, false))
            over (partition by enterprise_year_to_date.period) as manufacturing_prior_year_value_added_ytd

    from enterprise_year_to_date
    left join {{ ref('stg_raw__enterprises') }} as enterprises using (enterprise_id)
    left join {{ ref('gbt4754_divisions') }} as divisions using (division)

),

final as (

    select
        period,
        period_end,
        enterprise_id,
        enterprise_name,
        division,
        division_name,
        is_manufacturing,
        chain,
        park,
        cast(paired_months_ytd as bigint) as paired_months_ytd,
        cast(paired_value_added_comparable_ytd as double) as paired_value_added_comparable_ytd,
        cast(paired_prior_year_value_added_ytd as double) as paired_prior_year_value_added_ytd,
        cast({{ growth_percent('paired_value_added_comparable_ytd', 'paired_prior_year_value_added_ytd') }} as double)
            as enterprise_va_growth_ytd,
        cast({{ percent_of(
            'paired_value_added_comparable_ytd - paired_prior_year_value_added_ytd',
            'zone_prior_year_value_added_ytd') }} as double) as contribution_pp,
        cast(case when is_manufacturing then {{ percent_of(
            'paired_value_added_comparable_ytd - paired_prior_year_value_added_ytd',
            'manufacturing_prior_year_value_added_ytd') }} end as double) as manufacturing_contribution_pp

    from with_totals

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
