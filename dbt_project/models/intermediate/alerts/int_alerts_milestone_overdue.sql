{#-
  Alert rule milestone_overdue (one row per period × project): milestones whose planned end
  has passed at the period's end without an actual end (as known then), of projects not yet in
  production; one alert a project, listing them.
-#}

with

alert_rule as (

    select threshold from {{ ref('alert_rules') }}
    where code = 'milestone_overdue'

),

overdue_milestones as (

    select
        periods.period,
        periods.period_end,
        milestones.project_id,
        milestones.project_name,
        milestones.chain,
        milestones.milestone,
        milestones.seq,
        milestones.planned_end,
        cast(date_diff('day', milestones.planned_end, periods.period_end) as bigint) as overdue_days

    from {{ ref('project_milestones_gantt') }} as milestones
    inner join {{ ref('int_period_spine') }} as periods
        on milestones.planned_end < periods.period_end
        and (milestones.actual_end is null or milestones.actual_end > periods.period_end)
    inner join {{ ref('projects_status') }} as projects using (project_id)
    cross join alert_rule
    where (projects.actual_completion is null or projects.actual_completion > periods.period_end)
        and date_diff('day', milestones.planned_end, periods.period_end) > alert_rule.threshold

),

final as (

    select
        period,
        'milestone_overdue' as code,
        'project' as subject_kind,
        project_id as subject_id,
        any_value(project_name) as subject_name,
        any_value(project_name) as subject_name_en,
        any_value(chain) as chain,
        json_object(
            'overdue_milestones', count(*),
            'max_overdue_days', max(overdue_days),
            'milestones', list(json_object(
                'milestone', milestone, 'planned_end', planned_end, 'overdue_days', overdue_days
            ) order by seq)
        ) as figures,
        {{ alert_messages(
            {'zh': '%d个节点逾期未完成（最长%d天）：%s', 'en': '%d milestone(s) overdue (up to %d days): %s'},
            {'zh': ['count(*)', 'max(overdue_days)',
                    "string_agg(milestone || '（计划' || strftime(planned_end, '%Y-%m-%d') || '）', '、' order by seq)"],
             'en': ['count(*)', 'max(overdue_days)',
                    "string_agg(milestone || ' (due ' || strftime(planned_end, '%Y-%m-%d') || ')', ', ' order by seq)"]}
        ) }},
        'projects' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from overdue_milestones
    group by period, project_id

)

select * from final
