{{ config(materialized='table') }}

{#-
  One row per period × talent category × chain × education × source (combinations that
  occur in the talent table): people in post on the last day of the period (day d:
  arrived_on <= d and (left_on is null or left_on > d)), arrivals (arrived_on in the
  month) and departures (left_on in the month). in_post(P) = in_post(P-1) + arrivals − departures.
-#}

{%- set combination = ['category', 'chain', 'education', 'talent_source'] -%}

with

combinations as (

    select distinct {{ combination | join(', ') }}
    from {{ ref('stg_raw__talent') }} as talent

),

in_post as (

    select
        periods.period,
        {% for column in combination -%}
        talent.{{ column }},
        {% endfor -%}
        count(*) as in_post_count

    from {{ ref('int_period_spine') }} as periods
    inner join {{ ref('stg_raw__talent') }} as talent
        on periods.period_end >= talent.arrived_on
        and (talent.left_on is null or periods.period_end < talent.left_on)
    group by all

),

-- arrivals (arrived_on in the month) and departures (left_on in the month)
movements as (

    select
        period,
        {{ combination | join(', ') }},
        count(*) filter (where movement = 'arrival') as arrivals,
        count(*) filter (where movement = 'departure') as departures

    from (
        select strftime(arrived_on, '%Y-%m') as period, {{ combination | join(', ') }}, 'arrival' as movement
        from {{ ref('stg_raw__talent') }} as talent
        union all
        select strftime(left_on, '%Y-%m') as period, {{ combination | join(', ') }}, 'departure' as movement
        from {{ ref('stg_raw__talent') }} as talent
        where left_on is not null
    ) as dated
    group by all

),

final as (

    select
        periods.period,
        periods.period_end,
        {% for column in combination -%}
        combinations.{{ column }},
        {% endfor -%}
        coalesce(in_post.in_post_count, 0) as in_post_count,
        coalesce(movements.arrivals, 0) as arrivals,
        coalesce(movements.departures, 0) as departures

    from {{ ref('int_period_spine') }} as periods
    cross join combinations
    left join in_post using (period, {{ combination | join(', ') }})
    left join movements using (period, {{ combination | join(', ') }})

)

select * from final
