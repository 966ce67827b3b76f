with

source as (

    select * from {{ source('raw', 'talent_demand') }}

),

renamed as (

    select
        chain,
        category,
        period,
        {{ period_columns('period') }},
        openings

    from source

)

select * from renamed
