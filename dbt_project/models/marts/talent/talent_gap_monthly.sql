{#-
  One row per period × chain × talent category (every combination named by talent or
  talent_demand): open positions reported for the month beside people in post and
  arrivals. gap = openings − arrivals in the month: demand the month's arrivals did not
  meet (negative when more arrived than were sought). openings is null where no demand
  was reported for the month, and so is gap.
-#}

with

supply as (

    select
        period,
        chain,
        category,
        sum(in_post_count) as in_post_count,
        sum(arrivals) as arrivals,
        sum(departures) as departures

    from {{ ref('int_talent_counted_to_periods') }}
    group by all

),

combinations as (

    select distinct chain, category from {{ ref('stg_raw__talent') }}
    union
    select distinct chain, category from {{ ref('stg_raw__talent_demand') }} as demand

),

final as (

    select
        periods.period,
        periods.period_end,
        combinations.chain,
        combinations.category,
        {{ enum_label('talent_category', 'combinations.category') }} as category_name,
        cast({{ enum_label('talent_category', 'combinations.category', 'sort_order') }} as integer) as category_order,
        cast(demand.openings as bigint) as openings,
        cast(coalesce(supply.in_post_count, 0) as bigint) as in_post_count,
        cast(coalesce(supply.arrivals, 0) as bigint) as arrivals,
        cast(coalesce(supply.departures, 0) as bigint) as departures,
        cast(demand.openings - coalesce(supply.arrivals, 0) as bigint) as gap

    from {{ ref('int_period_spine') }} as periods
    cross join combinations
    left join supply using (period, chain, category)
    left join {{ ref('stg_raw__talent_demand') }} as demand using (period, chain, category)

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
