{#-
  A number as text the way dashboard/fmt.py `fixed` prints it: rounded half up (from the
  decimal value, so 14.45 → 14.5, as fmt does) to `decimals` places, with thousands
  separators. For the texts a mart writes (the alerts' messages), so they read as the pages do.
-#}
{% macro fixed_text(value, decimals=0) -%}
    {%- if decimals == 0 -%}
    format('{:,}', cast(round(cast({{ value }} as decimal(38, 10)), 0) as hugeint))
    {%- else -%}
    format('{:,.{{ decimals }}f}', round(cast({{ value }} as decimal(38, 10)), {{ decimals }}))
    {%- endif -%}
{%- endmacro %}

{#-
  The columns message_zh and message_en: one printf pattern a language over the same figures
  (`args`: one list of SQL expressions for both, or a dict language -> list where a language
  names a thing its own way).
    {{ alert_messages({'zh': '满意率%s%%', 'en': 'Satisfaction %s%%'}, [fixed_text('rate', 1)]) }}
-#}
{% macro alert_messages(patterns, args) -%}
    {%- for language, pattern in patterns.items() %}
        printf(
            '{{ pattern | replace("'", "''") }}',
            {{ (args[language] if args is mapping else args) | join(',\n            ') }}
        ) as message_{{ language }}{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{#-
  The share of the year gone at the end of a period, in %, by whole months (June: 50 %): the
  pace the alert rules target_behind and plan_behind hold a year's progress to.
-#}
{% macro year_elapsed_pct(period_month) -%}
    100.0 * {{ period_month }} / 12
{%- endmacro %}
