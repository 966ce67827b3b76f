{#-
  One row per project × month of investment reported by an industrial project
  (projects.is_industrial): the investment every "industrial investment" figure sums, with
  the project's chain and provincial-key flag.
-#}

with

industrial as (

    select
        investment.project_id,
        investment.period,
        investment.invested,
        projects.chain,
        projects.is_provincial_key

    from {{ ref('stg_raw__project_investment') }} as investment
    inner join {{ ref('stg_raw__projects') }} as projects using (project_id)
    where projects.is_industrial

)

select * from industrial
