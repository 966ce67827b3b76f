with

source as (

    select * from {{ source('raw', 'industry_prices') }}

),

renamed as (

    select
        division,
        period,
        {{ period_columns('period') }},
        ppi_yoy,
        va_rate

    from source

)

select * from renamed
