with

source as (

    select * from {{ source('raw', 'project_investment') }}

),

renamed as (

    select
        project_id,
        period,
        {{ period_columns('period') }},
        invested

    from source

)

select * from renamed
