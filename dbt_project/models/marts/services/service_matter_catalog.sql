{#-
  One row per high-frequency service matter (高频事项清单): its lifecycle stage with
  the Chinese label and order, and whether it is an individual-to-enterprise (个转企)
  matter.
-#}

with

final as (

    select
        matters.matter_code,
        matters.matter_name,
        matters.lifecycle_stage,
        {{ enum_label('lifecycle_stage', 'matters.lifecycle_stage') }} as lifecycle_stage_name,
        cast({{ enum_label('lifecycle_stage', 'matters.lifecycle_stage', 'sort_order') }} as integer)
            as lifecycle_stage_order,
        matters.is_individual_to_enterprise

    from {{ ref('stg_raw__service_matters') }} as matters

)

select * from final
