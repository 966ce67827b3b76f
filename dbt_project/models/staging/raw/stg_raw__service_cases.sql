with

source as (

    select * from {{ source('raw', 'service_cases') }}

),

renamed as (

    select
        case_id,
        enterprise_id,
        matter_code,
        channel,
        specialist_id,
        submitted_at,
        due_at,
        completed_at,
        one_visit,
        bundled,
        cast(rating as integer) as rating,
        rectified_at,
        strftime(submitted_at, '%Y-%m') as submitted_period,
        {{ period_columns("strftime(submitted_at, '%Y-%m')", 'submitted_period') }}

    from source

)

select * from renamed
