with

source as (

    select * from {{ source('raw', 'industrial_monthly') }}

),

renamed as (

    select
        enterprise_id,
        period,
        {{ period_columns('period') }},
        gross_output,
        revenue,
        profit

    from source

)

select * from renamed
