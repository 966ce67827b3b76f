{#-
  One row per project milestone (a Gantt bar): planned and actual dates, and delay as of
  the last day of the latest period (as_of_date): a milestone is delayed when it ended
  after its planned end, or has not ended and its planned end has passed.
-#}

with

as_of as (

    select max(period_end) as as_of_date from {{ ref('int_period_spine') }}

),

final as (

    select
        milestones.project_id,
        projects.project_name,
        projects.chain,
        projects.is_industrial,
        projects.is_provincial_key,
        milestones.milestone,
        milestones.seq,
        milestones.planned_start,
        milestones.planned_end,
        milestones.actual_start,
        milestones.actual_end,
        as_of.as_of_date,
        milestones.actual_end is not null as is_finished,
        cast(greatest(
            date_diff('day', milestones.planned_end, coalesce(milestones.actual_end, as_of.as_of_date)), 0
        ) as bigint) as delay_days,
        coalesce(milestones.actual_end, as_of.as_of_date) > milestones.planned_end as is_delayed

    from {{ ref('stg_raw__project_milestones') }} as milestones
    cross join as_of
    left join {{ ref('stg_raw__projects') }} as projects using (project_id)

)

select * from final
