{#-
  One row per period × chain (zeros included): investment completed by industrial
  projects in the month, in the year to date and cumulatively since 2023-01 (0 before
  2023), and how many industrial projects invested. Sums over chains equal the headline
  industrial_investment_since_2023.
-#}

with

industrial_investment as (

    select
        period,
        chain,
        sum(invested) as invested,
        count(distinct project_id) filter (where invested > 0) as investing_project_count

    from {{ ref('int_industrial_investment') }}
    group by all

),

first_investment as (

    -- the month each industrial project first reported investment since 2023
    select
        chain,
        min(period) as first_period,
        project_id,
        bool_or(is_provincial_key) as is_provincial_key

    from {{ ref('int_industrial_investment') }}
    where period >= '2023-01'
        and invested > 0
    group by chain, project_id

),

newly_investing as (

    select
        first_period as period,
        chain,
        count(*) as new_projects,
        count(*) filter (where is_provincial_key) as new_provincial_key_projects

    from first_investment
    group by all

),

final as (

    select
        periods.period,
        periods.period_end,
        periods.period_year,
        periods.period_month,
        chains.chain,
        cast(coalesce(industrial_investment.invested, 0) as double) as invested,
        cast(coalesce(sum(industrial_investment.invested) over (
            {{ year_to_date_window(partition_by=['chains.chain']) }}
        ), 0) as double) as invested_ytd,
        cast(coalesce(sum(industrial_investment.invested) filter (where periods.period >= '2023-01') over (
            {{ running_window('periods.period', partition_by=['chains.chain']) }}
        ), 0) as double) as invested_since_2023,
        cast(coalesce(industrial_investment.investing_project_count, 0) as bigint) as investing_project_count,
        cast(coalesce(sum(newly_investing.new_projects) over (
            {{ running_window('periods.period', partition_by=['chains.chain']) }}
        ), 0) as bigint) as projects_invested_since_2023,
        cast(coalesce(sum(newly_investing.new_provincial_key_projects) over (
            {{ running_window('periods.period', partition_by=['chains.chain']) }}
        ), 0) as bigint) as provincial_key_projects_invested_since_2023

    from {{ ref('int_period_spine') }} as periods
    cross join {{ ref('int_chains_unioned') }} as chains
    left join industrial_investment using (period, chain)
    left join newly_investing using (period, chain)

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
