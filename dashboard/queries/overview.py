"""The headline: every headline metric at a period, its year-on-year changes, history and targets."""

from __future__ import annotations

import re

from dashboard.queries import confidential
from dashboard.queries.reader import ROLLING_WINDOW, Reader, Result, rolling
from warehouse.confidentiality import LONG_METRIC_TABLES

REGIONS = ("national", "province", "city")


def headline(reader: Reader, period: str) -> Result:
    """Every headline metric at the period (one headline_metrics row)."""
    r = reader.result("select * from headline_metrics where period = ?", period, one_row=True)
    return Result(r.sql, r.params, confidential.zone_metrics(reader, r.frame), one_row=True)


def headline_figures(reader: Reader, period: str, *metrics: str, regions: tuple[str, ...] = ()) -> Result:
    """Some headline metrics at the period, with the names of the benchmark `regions` ('national', 'province', 'city')."""
    if not all(re.fullmatch(r"[a-z0-9_]+", m) for m in metrics) or not set(regions) <= set(REGIONS):
        raise ValueError(f"not a metric or region name: {metrics} {regions}")
    if not regions:
        sql = f"\nselect {', '.join(metrics)}\nfrom headline_metrics\nwhere period = ?\n"
    else:
        columns = ", ".join([*(f"h.{m}" for m in metrics), *(f"g.{r}_region_name" for r in regions)])
        sql = (
            f"\nselect {columns}\nfrom headline_metrics as h\n"
            "left join industrial_growth_monthly as g on g.period = h.period\nwhere h.period = ?\n"
        )
    r = reader.result(sql, period, one_row=True)
    frame = confidential.zone_metrics(reader, r.frame.assign(period=period)).drop(columns="period")
    return Result(r.sql, r.params, frame, one_row=True)


def city_shares(reader: Reader, period: str) -> Result:
    """The zone's shares of the city's enterprises, output and revenue, and the city's name."""
    return headline_figures(
        reader, period, "enterprise_share_of_city", "output_share_of_city", "revenue_share_of_city", regions=("city",)
    )


def headline_changes(reader: Reader, period: str) -> Result:
    """Each headline metric at the period with its year-ago value and change (index it by metric)."""
    r = reader.result(
        "select metric, metric_kind, metric_value, year_ago_value, change, change_pct "
        "from headline_year_on_year where period = ?",
        period,
    )
    return Result(r.sql, r.params, confidential.headline_changes(reader, r.frame, period))


def headline_history(reader: Reader, period: str, months: int = 12) -> Result:
    """Headline metrics (long) over the `months` months up to the period, for sparklines."""
    r = reader.result(
        f"select period, metric, metric_value from headline_year_on_year where {ROLLING_WINDOW} order by metric, period",
        *rolling(period, months),
    )
    return Result(r.sql, r.params, confidential.long_metrics(reader, r.frame, "metric", ["metric_value"]))


def target_projection(reader: Reader, period: str, indicators: tuple[str, ...] = ()) -> Result:
    """Year-end targets of the period's year: value so far, completion, projected year-end (all
    indicators, or the given ones in that order)."""
    columns = ", ".join(LONG_METRIC_TABLES["headline_target_projection"][1])
    where = "period = ?" + (" and list_contains(?, indicator)" if indicators else "")
    r = reader.result(
        f"select indicator, {columns}, target_year, target_value "
        f"from headline_target_projection where {where} order by indicator",
        period,
        *([list(indicators)] if indicators else []),
    )
    return Result(r.sql, r.params, confidential.target_projection(reader, r.frame, period))
