{#-
  The zone's growth lead over the province and the city (one row per period × benchmark level),
  with the lead of the two months before: what the alert rules lead_shrinking and
  growth_below_city read.
-#}

with

growth as (

    select * from {{ ref('industrial_growth_monthly') }}

),

benchmarks as (

    select
        period,
        'province' as benchmark_level,
        province_region_name as region_name,
        lead_vs_province_pp as lead_pp
    from growth
    union all
    select
        period,
        'city' as benchmark_level,
        city_region_name as region_name,
        lead_vs_city_pp as lead_pp
    from growth

),

final as (

    select
        growth.period,
        growth.period_year,
        benchmarks.benchmark_level,
        benchmarks.region_name,
        benchmarks.lead_pp,
        lag(benchmarks.lead_pp, 1) over w as lead_1_pp,
        lag(benchmarks.lead_pp, 2) over w as lead_2_pp,
        lag(growth.period, 1) over w as period_1,
        lag(growth.period, 2) over w as period_2,
        lag(growth.period_year, 2) over w as year_2,
        growth.industrial_va_growth_ytd,
        growth.city_industrial_va_growth_ytd

    from growth
    inner join benchmarks using (period)
    window w as (partition by benchmarks.benchmark_level order by growth.period)

)

select * from final
