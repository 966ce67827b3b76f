with

source as (

    select * from {{ source('raw', 'projects') }}

),

renamed as (

    select
        project_id,
        name as project_name,
        enterprise_id,
        chain,
        is_industrial,
        total_investment,
        provincial_key as is_provincial_key,
        signed_on,
        planned_start,
        actual_start,
        planned_completion,
        actual_completion

    from source

)

select * from renamed
