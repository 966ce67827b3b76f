with

source as (

    select * from {{ source('raw', 'service_matters') }}

),

renamed as (

    select
        matter_code,
        name as matter_name,
        lifecycle_stage,
        -- 个转企: converting an individual business (个体工商户) into an enterprise
        (name like '%个转企%' or name like '%个体工商户转型%') as is_individual_to_enterprise

    from source

)

select * from renamed
