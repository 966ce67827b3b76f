{#-
  The metric registry: every column of the headline_metrics mart with a `meta.metric`
  entry (models/marts/headline/_headline__models.yml), in the mart's column order, read
  from dbt's graph. The SQL of a metric and its registry entry are the one place a metric
  is defined; the models and tests here, and warehouse/metrics.py in Python, derive from it.

  The graph holds the parsed YAML only while models run (`execute`); while dbt parses the
  project these macros return empty lists, which is enough to find the refs.
-#}

{#- The registry entries: one dict a metric, its `meta.metric` plus `name`. -#}
{% macro headline_metric_registry() -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set node = (graph.nodes or {}).get('model.' ~ project_name ~ '.headline_metrics') -%}
    {%- if node is none -%}
        {#- a unit test has no graph: it overrides this macro with the entries its model needs -#}
        {{ exceptions.raise_compiler_error('no headline_metrics model in the graph to read the metric registry from '
            ~ '(in a unit test, override the macro headline_metric_registry)') }}
    {%- endif -%}
    {%- set entries = [] -%}
    {%- for column in node.columns.values() -%}
        {%- set metric = (column.meta or {}).get('metric') -%}
        {%- if metric is not none -%}
            {%- set entry = {'name': column.name} -%}
            {%- do entry.update(metric) -%}
            {%- do entries.append(entry) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(entries) }}
{%- endmacro %}

{#- The metrics' names, in the mart's column order; with units, only the metrics measured in one of them. -#}
{% macro headline_metric_names(units=none) -%}
    {%- set names = [] -%}
    {%- for metric in headline_metric_registry() if units is none or metric.unit in units -%}
        {%- do names.append(metric.name) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{#- A list of names as a SQL list of string literals: 'a', 'b' -#}
{% macro sql_strings(names) -%}
    {%- for name in names -%}
        '{{ name }}'{% if not loop.last %}, {% endif %}
    {%- endfor -%}
{%- endmacro %}

{#-
  What is wrong with the registry: one (column, problem) pair a problem, for the
  singular test tests/assert_headline_metrics_are_registered.sql. Every column of
  headline_metrics but the keys needs a complete entry with values from these lists
  (warehouse/metrics.py reads the same YAML and expects the same).
-#}
{% macro headline_metric_registry_problems() -%}
    {%- set keys = ['period', 'period_end'] -%}
    {%- set allowed = {
        'unit': ['yuan_wan', 'percent', 'pp', 'enterprises', 'projects', 'people', 'cases'],
        'kind': ['ytd_sum', 'cumulative_sum', 'rate', 'lead', 'count_at_period', 'annual_count'],
        'family': ['ytd', 'paired', 'mfg'],
    } -%}
    {%- set card_allowed = {'chart': ['bar', 'line'], 'sparkline': ['none', 'this_year', 'months']} -%}
    {%- set problems = [] -%}
    {%- if not execute -%}
        {{ return(problems) }}
    {%- endif -%}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.headline_metrics') -%}
    {%- for column in node.columns.values() if column.name not in keys -%}
        {%- set metric = (column.meta or {}).get('metric') -%}
        {%- if metric is not mapping -%}
            {%- do problems.append((column.name, 'no meta.metric')) -%}
        {%- else -%}
            {%- set label = metric.get('label') -%}
            {%- if label is not mapping or not label.get('zh') or not label.get('en') -%}
                {%- do problems.append((column.name, 'label needs zh and en')) -%}
            {%- endif -%}
            {%- for field in ['unit', 'kind'] if metric.get(field) not in allowed[field] -%}
                {%- do problems.append((column.name, field ~ ' is not one of ' ~ allowed[field] | join('|'))) -%}
            {%- endfor -%}
            {%- if 'family' in metric and metric.family not in allowed['family'] -%}
                {%- do problems.append((column.name, 'family is not one of ' ~ allowed['family'] | join('|'))) -%}
            {%- endif -%}
            {%- if metric.get('decimals') is not integer or metric.get('decimals') < 0 -%}
                {%- do problems.append((column.name, 'decimals is not a whole number')) -%}
            {%- endif -%}
            {%- set card = metric.get('card') -%}
            {%- if card is not mapping -%}
                {%- do problems.append((column.name, 'no card')) -%}
            {%- else -%}
                {%- for field, values in card_allowed.items() if card.get(field) not in values -%}
                    {%- do problems.append((column.name, 'card.' ~ field ~ ' is not one of ' ~ values | join('|'))) -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(problems) }}
{%- endmacro %}
