{{ config(materialized='table') }}

-- Every industry chain named anywhere (enterprises, projects, talent, talent demand).

with

chains as (

    select chain from {{ ref('stg_raw__enterprises') }}
    union
    select chain from {{ ref('stg_raw__projects') }}
    union
    select chain from {{ ref('stg_raw__talent') }}
    union
    select chain from {{ ref('stg_raw__talent_demand') }}

)

select chain from chains
where chain is not null
