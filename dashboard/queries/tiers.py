"""Enterprise tiers: counts per tier, promotions, recognitions about to expire, the year's targets."""

from __future__ import annotations

from dashboard.queries import confidential, overview
from dashboard.queries.reader import CHAIN_ONLY, ROLLING_WINDOW, SCOPE, Reader, Result, chain_only, rolling, scope

# A list drawn as a table is cut to its first rows: at 100× the demo's expiring recognitions
# are 290,800 rows, and sending them took the tiers page 12 s a view (the frame, its Arrow
# copy, the websocket). Counts come from their own queries, so they stay whole.
LIST_ROWS = 5000
TARGET_TIERS = ("innovative_sme", "specialized_or_gazelle", "little_giant", "above_scale_count")
EXPIRING_WITHIN = (
    "expires_on > last_day(strptime(? || '-01', '%Y-%m-%d')) "
    "and expires_on <= last_day(strptime(? || '-01', '%Y-%m-%d')) + to_months(?)"
)
PROMOTED_THIS_YEAR = "promoted_year = cast(substr(?, 1, 4) as integer) and promoted_period <= ?"


def tier_counts(reader: Reader, period: str, chain: str | None) -> Result:
    """Enterprises per tier at the period (summed over chains unless one is selected)."""
    sql = f"""
select tier, any_value(ladder) as ladder, any_value(rung) as rung, any_value(tier_order) as tier_order,
       any_value(is_composite) as is_composite, sum(enterprise_count) as enterprises,
       sum(newly_recognized_count) as newly_recognized
from enterprise_tier_counts_monthly where period = ? and {CHAIN_ONLY} group by tier order by tier_order
"""
    return reader.result(sql, period, *chain_only(chain))


def tier_counts_monthly(reader: Reader, period: str, chain: str | None, months: int = 42) -> Result:
    """Enterprises per tier (single tiers only), month by month."""
    sql = f"""
select period, tier, sum(enterprise_count) as enterprises
from enterprise_tier_counts_monthly where {CHAIN_ONLY} and not is_composite and {ROLLING_WINDOW}
group by all order by period
"""
    return reader.result(sql, *chain_only(chain), *rolling(period, months))


def tier_counts_by_chain(reader: Reader, period: str) -> Result:
    """Enterprises per tier and chain at the period."""
    return reader.result(
        "select chain, tier, enterprise_count as enterprises from enterprise_tier_counts_monthly "
        "where period = ? and not is_composite",
        period,
    )


def tier_targets(reader: Reader, period: str) -> Result:
    """The year's enterprise targets (innovative SMEs, specialised + gazelles, little giants, above-scale)."""
    return overview.target_projection(reader, period, TARGET_TIERS)


def tier_promotions(reader: Reader, period: str, park: str | None, chain: str | None) -> Result:
    """Enterprises promoted a rung this year, up to the period, newest first.

    Enterprise-level rows: for a reader that sees aggregates only, consenting enterprises
    only (`tier_promotion_counts` counts them all).
    """
    consented, consent_params = confidential.consent_filter(reader)
    return reader.result(
        "select enterprise_name, chain, park, ladder, from_tier, to_tier, recognition_level, promoted_on, "
        f"months_since_from_tier from tier_promotions where {PROMOTED_THIS_YEAR} and {SCOPE} and {consented} "
        "order by promoted_on desc, to_rung desc, enterprise_name",
        period,
        period,
        *scope(park, chain),
        *consent_params,
    )


def tier_promotion_counts(reader: Reader, period: str, park: str | None, chain: str | None) -> Result:
    """Enterprises promoted this year up to the period, promotions, and promotions of enterprises that consented to be named."""
    return reader.result(
        "select count(distinct enterprise_id) as enterprises, count(*) as promotions, "
        f"count(*) filter (where enterprise_id in {confidential.CONSENTED}) as named "
        f"from tier_promotions where {PROMOTED_THIS_YEAR} and {SCOPE}",
        period,
        period,
        *scope(park, chain),
        one_row=True,
    )


def tier_expiring(
    reader: Reader, period: str, park: str | None, chain: str | None, months: int = 6, limit: int | None = None
) -> Result:
    """Recognitions that expire in the `months` months after the period's last day, the `limit`
    soonest (tier_expiring_counts counts them all)."""
    consented, consent_params = confidential.consent_filter(reader)
    return reader.result(
        "select enterprise_name, tier, recognition_level, recognized_on, expires_on, is_renewed, chain, park, "
        f"enterprise_id from tier_expiring where {EXPIRING_WITHIN} and {SCOPE} and {consented} "
        "order by expires_on, tier, enterprise_name limit ?",
        period,
        period,
        months,
        *scope(park, chain),
        *consent_params,
        limit or LIST_ROWS,
    )


def tier_expiring_counts(reader: Reader, period: str, park: str | None, chain: str | None, months: int = 6) -> Result:
    """Recognitions expiring in the `months` months after the period: recognitions, enterprises,
    enterprises not yet renewed, and recognitions of enterprises that consented to be named."""
    return reader.result(
        "select count(*) as recognitions, count(distinct enterprise_id) as enterprises, "
        "count(distinct enterprise_id) filter (where not is_renewed) as not_renewed, "
        f"count(*) filter (where enterprise_id in {confidential.CONSENTED}) as named "
        f"from tier_expiring where {EXPIRING_WITHIN} and {SCOPE}",
        period,
        period,
        months,
        *scope(park, chain),
        one_row=True,
    )
