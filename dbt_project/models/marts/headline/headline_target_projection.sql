{#-
  One row per period × indicator with a target for the period's year: the value so far,
  the year-end target and where the year lands if the rest of it goes as last year's did.

  Method (printed on the overview): projected year-end = value at the period + last
  year's change from the same month to December. It follows the year's own rhythm
  (tier recognitions come in batches; output is seasonal) instead of a straight line,
  and is exact in December. Null when last year's values are missing.
-#}

with

final as (

    select
        progress.*,
        cast(same_month_last_year.metric_value as double) as last_year_same_month_value,
        cast(december_last_year.metric_value as double) as last_year_end_value,
        cast(
            progress.actual_value + (december_last_year.metric_value - same_month_last_year.metric_value)
            as double
        ) as projected_year_end_value,
        cast(
            {{ percent_of(
                'progress.actual_value + (december_last_year.metric_value - same_month_last_year.metric_value)',
                'progress.target_value') }}
            as double
        ) as projected_completion_pct

    from {{ ref('headline_target_progress') }} as progress
    {{ left_join_headline_metric_at('same_month_last_year', 'progress.indicator', year_ago_period('progress.period_end')) }}
    {{ left_join_headline_metric_at('december_last_year', 'progress.indicator',
        "cast(progress.target_year - 1 as varchar) || '-12'") }}

)

select * from final
