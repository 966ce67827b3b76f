with

source as (

    select * from {{ source('raw', 'enterprise_tiers') }}

),

renamed as (

    select
        enterprise_id,
        tier,
        level as recognition_level,
        recognized_on,
        expires_on

    from source

)

select * from renamed
