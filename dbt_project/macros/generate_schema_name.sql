{#-
  Use the configured schema as-is instead of dbt's default `<target>_<custom>`, so the
  warehouse has exactly `staging`, `intermediate` and `main` (marts and seeds).
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
