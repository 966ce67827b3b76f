{#-
  One row per period × alert (预警): what needs attention at the end of each period on the
  spine, computed from the marts that show it, with its rule's name, severity, responsible
  unit (责任单位) and threshold from seeds/alert_rules.csv. Each rule is one intermediate model
  (models/intermediate/alerts/int_alerts_<code>.sql); each emits the same columns and their
  union is joined to its rule here.

  `metrics` / `metric_periods` name the headline metrics (and the periods) an alert is built
  from, so a reader held to statistical confidentiality drops the alerts built from a
  withheld cell (dashboard/queries/alerts.py; the SQL page's leader model likewise).
-#}

with

rules as (

    select * from {{ ref('alert_rules') }}

),

raised as (

    {% for alert_code in ['target_behind', 'lead_shrinking', 'growth_below_city', 'milestone_overdue', 'plan_behind',
                          'bad_rating_overdue', 'matter_satisfaction_low', 'tier_expiring', 'missing_report'] -%}
    select
        period, code, subject_kind, subject_id, subject_name, subject_name_en, chain,
        cast(figures as varchar) as figures, message_zh, message_en, page, metrics, metric_periods
    from {{ ref('int_alerts_' ~ alert_code) }}
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
