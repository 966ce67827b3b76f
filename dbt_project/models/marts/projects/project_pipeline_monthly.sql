{#-
  One row per period × chain × project status (signed → preparing → under construction →
  in production, every combination, zeros included): how many projects are at each
  stage on the last day of the period, and their total investment. Statuses are
  exclusive, so counts add up across statuses and chains.
-#}

with

statuses as (

    select code as project_status, label as project_status_name, sort_order as status_order
    from {{ ref('enum_labels') }}
    where enum = 'project_status'

),

counted as (

    select
        period,
        chain,
        project_status,
        count(*) as project_count,
        count(*) filter (where is_industrial) as industrial_project_count,
        count(*) filter (where is_provincial_key) as provincial_key_project_count,
        sum(total_investment) as total_investment

    from {{ ref('int_project_statuses_by_period') }}
    group by all

),

final as (

    select
        periods.period,
        periods.period_end,
        chains.chain,
        statuses.project_status,
        statuses.project_status_name,
        cast(statuses.status_order as integer) as status_order,
        cast(coalesce(counted.project_count, 0) as bigint) as project_count,
        cast(coalesce(counted.industrial_project_count, 0) as bigint) as industrial_project_count,
        cast(coalesce(counted.provincial_key_project_count, 0) as bigint) as provincial_key_project_count,
        cast(coalesce(counted.total_investment, 0) as double) as total_investment

    from {{ ref('int_period_spine') }} as periods
    cross join {{ ref('int_chains_unioned') }} as chains
    cross join statuses
    left join counted using (period, chain, project_status)

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
