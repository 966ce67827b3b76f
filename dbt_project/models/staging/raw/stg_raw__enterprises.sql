{#-
  consent_public is an extra column some loads carry (whether the enterprise agreed to be
  named on public screens). Look for it instead of assuming it: without it nobody has
  consented, so the safe default is false.
-#}
{%- set consent = namespace(column=none) -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(source('raw', 'enterprises')) -%}
        {%- if column.name | lower == 'consent_public' -%}
            {%- set consent.column = column.name -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}

with

source as (

    select * from {{ source('raw', 'enterprises') }}

),

renamed as (

    select
        enterprise_id,
        name as enterprise_name,
        industry_code,
        left(industry_code, 2) as division,
        chain,
        park,
        registered_on,
        {% if consent.column is not none -%}
        coalesce(
            lower(trim(cast({{ adapter.quote(consent.column) }} as varchar)))
                in ('true', '1', '是', 'y', 'yes'),
            false
        ) as consent_public
        {%- else -%}
        false as consent_public
        {%- endif %}

    from source

)

select * from renamed
