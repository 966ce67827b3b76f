with

source as (

    select * from {{ source('raw', 'project_milestones') }}

),

renamed as (

    select
        project_id,
        milestone,
        cast(seq as integer) as seq,
        planned_start,
        planned_end,
        actual_start,
        actual_end

    from source

)

select * from renamed
