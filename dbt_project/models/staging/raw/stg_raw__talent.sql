with

source as (

    select * from {{ source('raw', 'talent') }}

),

renamed as (

    select
        talent_id,
        enterprise_id,
        category,
        chain,
        education,
        source as talent_source,
        arrived_on,
        left_on

    from source

)

select * from renamed
