{{ config(materialized='table') }}

{#-
  One row per period × talent category × chain × education × source (combinations that
  occur in the talent table): people in post on the last day of the period (day d:
  arrived_on <= d and (left_on is null or left_on > d)), arrivals (arrived_on in the
  month) and departures (left_on in the month). in_post(P) = in_post(P-1) + arrivals − departures.
-#}

with

periods as (

    select * from {{ ref('int_period_spine') }}

),

talent as (

    select * from {{ ref('stg_raw__talent') }}

),

combinations as (

    select distinct category, chain, education, talent_source
    from talent

),

in_post as (

    select
        periods.period,
        talent.category,
        talent.chain,
        talent.education,
        talent.talent_source,
        count(*) as in_post_count

    from periods
    inner join talent
        on talent.arrived_on <= periods.period_end
        and (talent.left_on is null or talent.left_on > periods.period_end)
    group by all

),

arrivals as (

    select strftime(arrived_on, '%Y-%m') as period, category, chain, education, talent_source,
        count(*) as arrivals
    from talent
    group by all

),

departures as (

    select strftime(left_on, '%Y-%m') as period, category, chain, education, talent_source,
        count(*) as departures
    from talent
    where left_on is not null
    group by all

),

final as (

    select
        periods.period,
        periods.period_end,
        combinations.category,
        combinations.chain,
        combinations.education,
        combinations.talent_source,
        coalesce(in_post.in_post_count, 0) as in_post_count,
        coalesce(arrivals.arrivals, 0) as arrivals,
        coalesce(departures.departures, 0) as departures

    from periods
    cross join combinations
    left join in_post
        on periods.period = in_post.period
        and combinations.category = in_post.category
        and combinations.chain = in_post.chain
        and combinations.education = in_post.education
        and combinations.talent_source = in_post.talent_source
    left join arrivals
        on periods.period = arrivals.period
        and combinations.category = arrivals.category
        and combinations.chain = arrivals.chain
        and combinations.education = arrivals.education
        and combinations.talent_source = arrivals.talent_source
    left join departures
        on periods.period = departures.period
        and combinations.category = departures.category
        and combinations.chain = departures.chain
        and combinations.education = departures.education
        and combinations.talent_source = departures.talent_source

)

select * from final
