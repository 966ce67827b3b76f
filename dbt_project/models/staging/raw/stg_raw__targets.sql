with

source as (

    select * from {{ source('raw', 'targets') }}

),

renamed as (

    select
        cast(year as integer) as target_year,
        indicator,
        target as target_value

    from source

)

select * from renamed
