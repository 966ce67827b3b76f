{#-
  One row per period × talent category × chain × education × source (combinations that
  occur): people in post on the last day of the period, arrivals and departures in the
  month, with Chinese labels. Sums over all rows of a period give talent_in_post.
-#}

with

counts as (

    select * from {{ ref('int_talent_counted_to_periods') }}

),

labels as (

    select * from {{ ref('enum_labels') }}

),

final as (

    select
        counts.period,
        counts.period_end,
        counts.category,
        categories.label as category_name,
        cast(categories.sort_order as integer) as category_order,
        counts.chain,
        counts.education,
        educations.label as education_name,
        counts.talent_source,
        sources.label as talent_source_name,
        cast(counts.in_post_count as bigint) as in_post_count,
        cast(counts.arrivals as bigint) as arrivals,
        cast(counts.departures as bigint) as departures

    from counts
    left join labels as categories
        on categories.enum = 'talent_category' and counts.category = categories.code
    left join labels as educations
        on educations.enum = 'education' and counts.education = educations.code
    left join labels as sources
        on sources.enum = 'talent_source' and counts.talent_source = sources.code

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
