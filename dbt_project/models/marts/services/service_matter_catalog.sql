{#-
  One row per high-frequency service matter (高频事项清单): its lifecycle stage with
  the Chinese label and order, and whether it is an individual-to-enterprise (个转企)
  matter.
-#}

with

matters as (

    select * from {{ ref('stg_raw__service_matters') }}

),

stages as (

    select code, label, sort_order from {{ ref('enum_labels') }} where enum = 'lifecycle_stage'

),

final as (

    select
        matters.matter_code,
        matters.matter_name,
        matters.lifecycle_stage,
        stages.label as lifecycle_stage_name,
        cast(stages.sort_order as integer) as lifecycle_stage_order,
        matters.is_individual_to_enterprise

    from matters
    left join stages
        on matters.lifecycle_stage = stages.code

)

select * from final
