{#-
  One row per period × alert (预警): what needs attention at the end of each period on the
  spine, computed from the marts that show it, with its rule's name, severity, responsible
  unit (责任单位) and threshold from seeds/alert_rules.csv. Each rule is one CTE below; each
  emits the same columns (alert_columns) and the union is joined to its rule.

  `metrics` / `metric_periods` name the headline metrics (and the periods) an alert is built
  from, so a reader held to statistical confidentiality drops the alerts built from a
  withheld cell (dashboard/queries/alerts.py; the SQL page's leader model likewise).
-#}

{%- set metric_labels = headline_metric_registry() -%}

with

rules as (

    select * from {{ ref('alert_rules') }}

),

periods as (

    select
        period,
        period_end,
        period_year,
        period_month,
        -- the share of the year gone at the period's end, by whole months (June: 50 %)
        100.0 * period_month / 12 as elapsed_pct
    from {{ ref('int_period_spine') }}

),

-- year-end targets: where the year lands by the projection the tiers page states (value now
-- plus last year's change from this month to December); without last year's values, the
-- completion against the time elapsed
target_behind as (

    select
        projection.period,
        'target_behind' as code,
        'target' as subject_kind,
        projection.indicator as subject_id,
        {%- for language, column in [('zh', 'subject_name'), ('en', 'subject_name_en')] %}
        case projection.indicator
            {%- for m in metric_labels %}
            when '{{ m.name }}' then '{{ m.label[language] | replace("'", "''") }}'
            {%- endfor %}
            else projection.indicator
        end as {{ column }},
        {%- endfor %}
        cast(null as varchar) as chain,
        json_object(
            'indicator', projection.indicator,
            'actual_value', projection.actual_value,
            'target_value', projection.target_value,
            'completion_pct', projection.completion_pct,
            'elapsed_pct', periods.elapsed_pct,
            'projected_year_end_value', projection.projected_year_end_value,
            'projected_completion_pct', projection.projected_completion_pct
        ) as figures,
        {#- one sentence a language, with the same figures in the same order #}
        {%- for language, projected, behind in [
            ('zh', '按上年节奏预测年末%s为%s，低于目标%s，差%s', '%s现为%s，目标%s，完成%s%%，低于时间进度%s%%'),
            ('en', "%s projected at %s by year-end on last year''s pace, below the target of %s by %s",
                '%s at %s against a target of %s (%s%%), behind the %s%% of the year gone'),
        ] %}
        case
            when projection.projected_completion_pct is not null then printf(
                '{{ projected }}',
                '{subject}', {{ fixed_text('projection.projected_year_end_value') }},
                {{ fixed_text('projection.target_value') }},
                {{ fixed_text('projection.target_value - projection.projected_year_end_value') }}
            )
            else printf(
                '{{ behind }}',
                '{subject}', {{ fixed_text('projection.actual_value') }},
                {{ fixed_text('projection.target_value') }}, {{ fixed_text('projection.completion_pct', 1) }},
                {{ fixed_text('periods.elapsed_pct', 1) }}
            )
        end as message_{{ language }},
        {%- endfor %}
        -- the tiers page states the projection of its four targets; the overview of the others
        case
            when projection.indicator in ('innovative_sme', 'specialized_or_gazelle', 'little_giant', 'above_scale_count')
                then 'tiers'
            else 'overview'
        end as page,
        [projection.indicator] as metrics,
        [
            projection.period,
            cast(projection.target_year - 1 as varchar) || substr(projection.period, 5),
            cast(projection.target_year - 1 as varchar) || '-12'
        ] as metric_periods

    from {{ ref('headline_target_projection') }} as projection
    inner join periods using (period)
    cross join (select threshold from rules where code = 'target_behind') as rule
    where projection.target_value > 0
        and case
            when projection.projected_completion_pct is not null
                then projection.projected_completion_pct < 100 - rule.threshold
            else projection.completion_pct < periods.elapsed_pct - rule.threshold
        end

),

-- the zone's growth lead over the province and the city, this month and the two before
leads as (

    select
        growth.period,
        growth.period_year,
        benchmark.level,
        benchmark.region_name,
        benchmark.lead_pp,
        lag(benchmark.lead_pp, 1) over w as lead_1,
        lag(benchmark.lead_pp, 2) over w as lead_2,
        lag(growth.period, 1) over w as period_1,
        lag(growth.period, 2) over w as period_2,
        lag(growth.period_year, 2) over w as year_2,
        growth.industrial_va_growth_ytd,
        growth.city_industrial_va_growth_ytd

    from {{ ref('industrial_growth_monthly') }} as growth
    cross join lateral (
        select 'province' as level, growth.province_region_name as region_name, growth.lead_vs_province_pp as lead_pp
        union all
        select 'city', growth.city_region_name, growth.lead_vs_city_pp
    ) as benchmark
    window w as (partition by benchmark.level order by growth.period)

),

lead_shrinking as (

    select
        leads.period,
        'lead_shrinking' as code,
        'zone' as subject_kind,
        'lead_vs_' || leads.level as subject_id,
        '领先' || coalesce(leads.region_name, case leads.level when 'city' then '全市' else '全省' end) as subject_name,
        'Lead over ' || coalesce(leads.region_name, leads.level) as subject_name_en,
        cast(null as varchar) as chain,
        json_object(
            'benchmark', leads.level,
            'region_name', leads.region_name,
            'lead_pp', leads.lead_pp,
            'lead_pp_1', leads.lead_1,
            'lead_pp_2', leads.lead_2,
            'periods', [leads.period_2, leads.period_1, leads.period]
        ) as figures,
        {{ alert_messages(
            {'zh': '园区增速领先%s的幅度连续两个月收窄：%s → %s → %s个百分点',
             'en': "The zone's growth lead over %s shrank two months running: %s → %s → %s pp"},
            ['coalesce(leads.region_name, leads.level)', fixed_text('leads.lead_2', 1),
             fixed_text('leads.lead_1', 1), fixed_text('leads.lead_pp', 1)]
        ) }},
        'growth' as page,
        ['industrial_va_growth_ytd', 'lead_vs_' || leads.level || '_pp'] as metrics,
        [leads.period_2, leads.period_1, leads.period] as metric_periods

    from leads
    cross join (select threshold from rules where code = 'lead_shrinking') as rule
    -- YTD growth restarts in January: compare months of one year only
    where leads.year_2 = leads.period_year
        and leads.lead_1 - leads.lead_pp > rule.threshold
        and leads.lead_2 - leads.lead_1 > rule.threshold

),

growth_below_city as (

    select
        leads.period,
        'growth_below_city' as code,
        'zone' as subject_kind,
        'industrial_va_growth_ytd' as subject_id,
        '规上工业增加值增速' as subject_name,
        'Industrial value-added growth' as subject_name_en,
        cast(null as varchar) as chain,
        json_object(
            'region_name', leads.region_name,
            'industrial_va_growth_ytd', leads.industrial_va_growth_ytd,
            'city_industrial_va_growth_ytd', leads.city_industrial_va_growth_ytd,
            'lead_vs_city_pp', leads.lead_pp
        ) as figures,
        {{ alert_messages(
            {'zh': '园区规上工业增加值累计增长%s%%，低于%s的%s%%',
             'en': "The zone's industrial value added grew %s%% in the year to date, below %s's %s%%"},
            {'zh': [fixed_text('leads.industrial_va_growth_ytd', 1), "coalesce(leads.region_name, '全市')",
                    fixed_text('leads.city_industrial_va_growth_ytd', 1)],
             'en': [fixed_text('leads.industrial_va_growth_ytd', 1), "coalesce(leads.region_name, 'the city')",
                    fixed_text('leads.city_industrial_va_growth_ytd', 1)]}
        ) }},
        'growth' as page,
        ['industrial_va_growth_ytd', 'lead_vs_city_pp'] as metrics,
        [leads.period] as metric_periods

    from leads
    cross join (select threshold from rules where code = 'growth_below_city') as rule
    where leads.level = 'city' and leads.lead_pp < -rule.threshold

),

-- milestones whose planned end has passed at the period's end without an actual end (as
-- known then), of projects not yet in production: one alert a project, listing them
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
    inner join periods
        on milestones.planned_end < periods.period_end
        and (milestones.actual_end is null or milestones.actual_end > periods.period_end)
    inner join {{ ref('projects_status') }} as projects using (project_id)
    cross join (select threshold from rules where code = 'milestone_overdue') as rule
    where (projects.actual_completion is null or projects.actual_completion > periods.period_end)
        and date_diff('day', milestones.planned_end, periods.period_end) > rule.threshold

),

milestone_overdue as (

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

),

plan_behind as (

    select
        plans.period,
        'plan_behind' as code,
        'project' as subject_kind,
        plans.project_id as subject_id,
        plans.project_name as subject_name,
        plans.project_name as subject_name_en,
        plans.chain,
        json_object(
            'plan_year', plans.plan_year,
            'plan_category', plans.plan_category,
            'planned_investment', plans.planned_investment,
            'invested_ytd', plans.invested_ytd,
            'completion_pct', plans.completion_pct,
            'elapsed_pct', periods.elapsed_pct,
            'gap_pp', periods.elapsed_pct - plans.completion_pct
        ) as figures,
        {{ alert_messages(
            {'zh': '年度计划投资%s万元，已完成%s万元（%s%%），落后时间进度%s个百分点',
             'en': 'Annual plan %s (10k yuan), %s invested (%s%%): %s points behind the year gone'},
            [fixed_text('plans.planned_investment'), fixed_text('plans.invested_ytd'),
             fixed_text('plans.completion_pct', 1), fixed_text('periods.elapsed_pct - plans.completion_pct', 1)]
        ) }},
        'projects' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from {{ ref('project_plan_progress') }} as plans
    inner join periods using (period)
    cross join (select threshold from rules where code = 'plan_behind') as rule
    -- preparatory (筹备) projects plan their year's money for groundwork, not construction pace
    where plans.planned_investment > 0
        and plans.plan_category <> 'preparatory'
        and plans.completion_pct < periods.elapsed_pct - rule.threshold

),

-- bad ratings (≤ 2) not rectified by the period's end, rectification_days after the case
-- was completed (or submitted, if never completed)
bad_rating_overdue as (

    select
        periods.period,
        'bad_rating_overdue' as code,
        'case' as subject_kind,
        cases.case_id as subject_id,
        cases.matter_name as subject_name,
        cases.matter_name as subject_name_en,
        cases.chain,
        json_object(
            'case_id', cases.case_id,
            'matter_code', cases.matter_code,
            'rating', cases.rating,
            'submitted_at', cases.submitted_at,
            'completed_at', cases.completed_at,
            'deadline', cast(coalesce(cases.completed_at, cases.submitted_at) as date) + cast(rule.threshold as integer),
            'days_open', date_diff('day', cast(coalesce(cases.completed_at, cases.submitted_at) as date), periods.period_end)
        ) as figures,
        {{ alert_messages(
            {'zh': '办件%s评价%d分，整改期限%s已过，尚未整改（已%d天）',
             'en': 'Case %s rated %d: not rectified by its deadline %s (%d days open)'},
            ['cases.case_id', 'cases.rating',
             "strftime(cast(coalesce(cases.completed_at, cases.submitted_at) as date) + cast(rule.threshold as integer), '%Y-%m-%d')",
             "date_diff('day', cast(coalesce(cases.completed_at, cases.submitted_at) as date), periods.period_end)"]
        ) }},
        'services' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from {{ ref('int_service_cases_flagged') }} as cases
    cross join (select threshold from rules where code = 'bad_rating_overdue') as rule
    inner join periods
        on cases.submitted_period <= periods.period
        and (cases.rectified_at is null or cast(cases.rectified_at as date) > periods.period_end)
        and cast(coalesce(cases.completed_at, cases.submitted_at) as date) + cast(rule.threshold as integer)
            < periods.period_end
    where cases.is_bad_rating

),

-- each matter's satisfaction over the year to date (rated cases ≥ 3 / rated cases)
matter_satisfaction as (

    select
        periods.period,
        monthly.matter_code,
        any_value(monthly.matter_name) as matter_name,
        sum(monthly.rated_cases) as rated_cases,
        sum(monthly.satisfied_cases) as satisfied_cases,
        {{ percent_of('sum(monthly.satisfied_cases)', 'sum(monthly.rated_cases)') }} as satisfaction_rate

    from {{ ref('service_cases_monthly') }} as monthly
    inner join periods
        on substr(monthly.period, 1, 4) = cast(periods.period_year as varchar)
        and monthly.period <= periods.period
    group by periods.period, monthly.matter_code

),

matter_satisfaction_low as (

    select
        matters.period,
        'matter_satisfaction_low' as code,
        'matter' as subject_kind,
        matters.matter_code as subject_id,
        matters.matter_name as subject_name,
        matters.matter_name as subject_name_en,
        cast(null as varchar) as chain,
        json_object(
            'matter_code', matters.matter_code,
            'rated_cases', matters.rated_cases,
            'satisfied_cases', matters.satisfied_cases,
            'satisfaction_rate', matters.satisfaction_rate,
            'threshold', rule.threshold
        ) as figures,
        {{ alert_messages(
            {'zh': '本年满意率%s%%（%d件评价中%d件满意），低于%s%%',
             'en': 'Satisfaction %s%% this year (%d rated cases, %d satisfied), under %s%%'},
            [fixed_text('matters.satisfaction_rate', 1), 'matters.rated_cases', 'matters.satisfied_cases',
             fixed_text('rule.threshold')]
        ) }},
        'services' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from matter_satisfaction as matters
    cross join (select threshold, min_count from rules where code = 'matter_satisfaction_low') as rule
    where matters.rated_cases >= coalesce(rule.min_count, 1)
        and matters.satisfaction_rate < rule.threshold

),

-- recognitions valid at the period's end that lapse within `threshold` days with no later
-- recognition of the tier known by then, counted per tier (no enterprise is named)
expiring as (

    select
        periods.period,
        recognitions.tier,
        any_value(recognitions.tier_name) as tier_name,
        count(*) as recognitions,
        count(distinct recognitions.enterprise_id) as enterprises,
        min(recognitions.expires_on) as first_expires_on

    from {{ ref('tier_expiring') }} as recognitions
    cross join (select threshold from rules where code = 'tier_expiring') as rule
    inner join periods
        on recognitions.recognized_on <= periods.period_end
        and recognitions.expires_on > periods.period_end
        and recognitions.expires_on <= periods.period_end + cast(rule.threshold as integer)
        and not coalesce(recognitions.next_recognized_on <= periods.period_end, false)
    group by periods.period, recognitions.tier

),

tier_expiring as (

    select
        expiring.period,
        'tier_expiring' as code,
        'tier' as subject_kind,
        expiring.tier as subject_id,
        expiring.tier_name as subject_name,
        expiring.tier as subject_name_en,
        cast(null as varchar) as chain,
        json_object(
            'tier', expiring.tier,
            'recognitions', expiring.recognitions,
            'enterprises', expiring.enterprises,
            'first_expires_on', expiring.first_expires_on,
            'within_days', rule.threshold
        ) as figures,
        {{ alert_messages(
            {'zh': '%d家企业的%s认定将在%d天内到期、尚未重新认定（最早%s）',
             'en': '%d enterprise(s) hold a %s recognition lapsing within %d days, not yet renewed (first on %s)'},
            {'zh': ['expiring.enterprises', 'expiring.tier_name', 'cast(rule.threshold as integer)',
                    "strftime(expiring.first_expires_on, '%Y-%m-%d')"],
             'en': ['expiring.enterprises', 'expiring.tier', 'cast(rule.threshold as integer)',
                    "strftime(expiring.first_expires_on, '%Y-%m-%d')"]}
        ) }},
        'tiers' as page,
        cast([] as varchar[]) as metrics,
        cast([] as varchar[]) as metric_periods

    from expiring
    cross join (select threshold from rules where code = 'tier_expiring') as rule

),

raised as (

    {% for rule in ['target_behind', 'lead_shrinking', 'growth_below_city', 'milestone_overdue', 'plan_behind',
                    'bad_rating_overdue', 'matter_satisfaction_low', 'tier_expiring'] -%}
    select
        period, code, subject_kind, subject_id, subject_name, subject_name_en, chain,
        cast(figures as varchar) as figures, message_zh, message_en, page, metrics, metric_periods
    from {{ rule }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        raised.period,
        raised.code || ':' || raised.subject_id as alert_id,
        raised.code,
        rules.name_zh,
        rules.name_en,
        rules.severity,
        rules.unit,
        raised.subject_kind,
        raised.subject_id,
        raised.subject_name,
        raised.subject_name_en,
        raised.figures,
        replace(raised.message_zh, '{subject}', coalesce(raised.subject_name, '')) as message_zh,
        replace(raised.message_en, '{subject}', coalesce(raised.subject_name_en, '')) as message_en,
        raised.page,
        '/' || case raised.page when 'overview' then '' else raised.page end || '?period=' || raised.period
            || coalesce('&chain=' || url_encode(raised.chain), '') as link,
        cast(rules.threshold as double) as threshold,
        case rules.severity when 'red' then 1 when 'orange' then 2 else 3 end as severity_order,
        raised.metrics,
        raised.metric_periods

    from raised
    inner join rules using (code)

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period, severity_order, code, alert_id
