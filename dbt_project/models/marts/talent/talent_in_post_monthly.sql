{#-
  One row per period × talent category × chain × education × source (combinations that
  occur): people in post on the last day of the period, arrivals and departures in the
  month, with Chinese labels. Sums over all rows of a period give talent_in_post.
-#}

with

final as (

    select
        counts.period,
        counts.period_end,
        counts.category,
        {{ enum_label('talent_category', 'counts.category') }} as category_name,
        cast({{ enum_label('talent_category', 'counts.category', 'sort_order') }} as integer) as category_order,
        counts.chain,
        counts.education,
        {{ enum_label('education', 'counts.education') }} as education_name,
        counts.talent_source,
        {{ enum_label('talent_source', 'counts.talent_source') }} as talent_source_name,
        cast(counts.in_post_count as bigint) as in_post_count,
        cast(counts.arrivals as bigint) as arrivals,
        cast(counts.departures as bigint) as departures

    from {{ ref('int_talent_counted_to_periods') }} as counts

)

-- stored in period order: filters on period skip whole row groups
select * from final
order by period
