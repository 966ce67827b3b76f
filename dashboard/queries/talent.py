"""Talent: people in post by category, chain, education or source; arrivals and departures; the talent map."""

from __future__ import annotations

from dashboard.queries.reader import CHAIN_ONLY, ROLLING_WINDOW, YEAR_TO_DATE, Reader, Result, chain_only, rolling

BREAKDOWNS = {"category": "category", "chain": "chain", "education": "education", "source": "talent_source"}


def talent_breakdown(reader: Reader, period: str, by: str, chain: str | None) -> Result:
    """Talent in post at the period by category, chain, education or source."""
    return reader.result(
        f"select {BREAKDOWNS[by]} as code, sum(in_post_count) as in_post, sum(arrivals) as arrivals "
        f"from talent_in_post_monthly where period = ? and {CHAIN_ONLY} group by all order by in_post desc",
        period,
        *chain_only(chain),
    )


def talent_monthly(reader: Reader, period: str, chain: str | None, months: int = 30) -> Result:
    """Talent in post, arrivals and departures, month by month."""
    return reader.result(
        "select period, sum(in_post_count) as in_post, sum(arrivals) as arrivals, sum(departures) as departures "
        f"from talent_in_post_monthly where {CHAIN_ONLY} and {ROLLING_WINDOW} group by period order by period",
        *chain_only(chain),
        *rolling(period, months),
    )


def talent_arrivals_ytd(reader: Reader, period: str, chain: str | None) -> Result:
    """Arrivals and departures in the year to the period, and arrivals by source."""
    return reader.result(
        "select sum(arrivals) as arrivals, sum(departures) as departures, "
        "sum(arrivals) filter (where talent_source = 'introduced') as introduced, "
        "sum(arrivals) filter (where talent_source = 'cultivated') as cultivated "
        f"from talent_in_post_monthly where {YEAR_TO_DATE} and {CHAIN_ONLY}",
        period,
        period,
        *chain_only(chain),
        one_row=True,
    )


def talent_map(reader: Reader, period: str, chain: str | None) -> Result:
    """Talent map at the period: open positions against arrivals (and people in post) by chain × category."""
    return reader.result(
        "select chain, category, category_order, openings, in_post_count, arrivals, gap "
        f"from talent_gap_monthly where period = ? and {CHAIN_ONLY} order by chain, category_order",
        period,
        *chain_only(chain),
    )
