{#-
  The service-case counts every service measure is built from, over rows of
  int_service_cases_flagged (one definition of each flag there): all cases, then the cases
  with each flag. A rate is a ratio of two of them, e.g. satisfaction = satisfied / rated.
-#}

{#- The counts' names, in the order the marts list them. -#}
{% macro service_case_measures() -%}
    {{ return(['cases', 'rated_cases', 'satisfied_cases', 'completed_cases', 'on_time_cases',
               'one_visit_cases', 'bundled_cases', 'bad_rating_cases', 'rectified_cases']) }}
{%- endmacro %}

{#- count(*) [filter (where is_<flag>)] as <measure>, for every measure: select-list items for a group by. -#}
{% macro service_case_counts() -%}
    {%- for measure in service_case_measures() -%}
    count(*){% if measure != 'cases' %} filter (where is_{{ measure | replace('_cases', '') }}){% endif %} as {{ measure }}
    {%- if not loop.last %},
        {% endif %}
    {%- endfor %}
{%- endmacro %}
