with

source as (

    select * from {{ source('raw', 'project_plans') }}

),

renamed as (

    select
        project_id,
        cast(year as integer) as plan_year,
        plan_category,
        planned_investment

    from source

)

select * from renamed
