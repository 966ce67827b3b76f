with

source as (

    select * from {{ source('raw', 'region_benchmarks') }}

),

renamed as (

    select
        region_level,
        region_name,
        period,
        {{ period_columns('period') }},
        indicator,
        value as indicator_value

    from source

)

select * from renamed
