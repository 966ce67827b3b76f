"""Tier recognitions (高新技术企业, 专精特新, 瞪羚 …): first-time batches and renewals on each tier's cycle.

A recognition is valid for its tier's cycle (TierRule.validity_years). Most holders apply
again in the cycle's last months and are re-recognised before the old recognition expires,
on a day of their own (staggered over the year), so the counts do not drop when a batch
comes of age; a minority lapse (RENEWAL_SHARE), and some of those are recognised afresh
later. The data are as of 2025-06-30: a renewal that would be approved after that day is
not in them yet, which is why the tiers page lists recognitions expiring in the next six
months that are "尚未复核" (the `tier_expiring` mart marks a recognition renewed when a
later one of the same tier is dated on or before its expiry).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from warehouse.demo.draws import sample_without_replacement
from warehouse.demo.enterprises import HOLDING_COMPANY_CLASS, Enterprises
from warehouse.demo.run import STREAM_TIERS, DemoRun
from warehouse.demo.timeline import AS_OF, add_years, day


class TierRule(NamedTuple):
    """How one tier is recognised and renewed."""

    level: str  # the recognising government (gazelles: 30 % of them the city's)
    validity_years: int
    renewal_share: float  # share of recognitions renewed before they expire
    renewal_lead_days: tuple[int, int]  # a renewal is approved this many days before expiry (uniform)
    first_time: tuple[tuple[str, int], ...]  # (batch day, first-time recognitions at scale 1)


# 高新技术企业, 创新型中小企业, 专精特新 and 单项冠军 are valid three years (认定管理办法;
# 优质中小企业梯度培育管理暂行办法); the province's gazelles and unicorns and the city's
# startups are re-evaluated every year. Applications open in a cycle's last year and are
# approved in the year's batches, so renewals of three-year tiers come three to twelve months
# before expiry; one-year tiers are re-evaluated one to seven months before.
THREE_YEARS_LEAD_DAYS = (90, 365)
ONE_YEAR_LEAD_DAYS = (30, 210)
HIGH_TECH_RENEWAL_SHARE = 0.85  # most 高企 pass re-recognition; some no longer meet the R&D ratios
INNOVATIVE_SME_RENEWAL_SHARE = 0.80
SPECIALIZED_SME_RENEWAL_SHARE = 0.85
LITTLE_GIANT_RENEWAL_SHARE = 0.90
SINGLE_CHAMPION_RENEWAL_SHARE = 0.95
GAZELLE_RENEWAL_SHARE = 0.80  # growth stalls for a fifth of gazelles within a year
STARTUP_RENEWAL_SHARE = 0.70  # and startups also age out (STARTUP_MAX_AGE_YEARS)
UNICORN_RENEWAL_SHARE = 0.90
STARTUP_MAX_AGE_YEARS = 3.0
# Lapsed holders are likelier than others to be recognised afresh in a later batch.
LAPSED_COMEBACK_WEIGHT = 5.0
LAPSED_COMEBACK_DAYS = 400

TIER_RULES: dict[str, TierRule] = {
    "high_tech": TierRule(
        "national",
        3,
        HIGH_TECH_RENEWAL_SHARE,
        THREE_YEARS_LEAD_DAYS,
        (
            ("2019-10-15", 250),
            ("2019-11-28", 310),
            ("2020-10-20", 280),
            ("2020-12-01", 340),
            ("2021-10-26", 320),
            ("2021-12-15", 380),
            ("2022-10-18", 110),
            ("2022-12-12", 130),
            ("2023-10-24", 120),
            ("2023-11-29", 140),
            ("2024-10-22", 120),
            ("2024-12-05", 150),
        ),
    ),
    "innovative_sme": TierRule(
        "province",
        3,
        INNOVATIVE_SME_RENEWAL_SHARE,
        THREE_YEARS_LEAD_DAYS,
        (
            ("2022-08-15", 420),
            ("2022-12-20", 160),
            ("2023-04-20", 150),
            ("2023-08-18", 150),
            ("2023-12-15", 140),
            ("2024-04-18", 140),
            ("2024-08-20", 140),
            ("2024-12-18", 130),
            ("2025-04-22", 130),
        ),
    ),
    "specialized_sme": TierRule(
        "province",
        3,
        SPECIALIZED_SME_RENEWAL_SHARE,
        THREE_YEARS_LEAD_DAYS,
        (
            ("2019-12-20", 150),
            ("2020-12-18", 200),
            ("2021-11-26", 260),
            ("2022-11-25", 200),
            ("2023-05-26", 130),
            ("2023-11-24", 150),
            ("2024-05-24", 140),
            ("2024-11-22", 160),
            ("2025-05-23", 150),
        ),
    ),
    "little_giant": TierRule(
        "national",
        3,
        LITTLE_GIANT_RENEWAL_SHARE,
        THREE_YEARS_LEAD_DAYS,
        (
            ("2019-06-10", 4),
            ("2020-12-08", 6),
            ("2021-07-19", 10),
            ("2022-08-12", 16),
            ("2023-07-28", 14),
            ("2024-08-16", 16),
        ),
    ),
    "single_champion": TierRule(
        "national",
        3,
        SINGLE_CHAMPION_RENEWAL_SHARE,
        THREE_YEARS_LEAD_DAYS,
        (("2019-12-03", 1), ("2021-11-25", 1), ("2022-11-22", 2), ("2023-12-15", 1), ("2024-11-29", 1)),
    ),
    "gazelle": TierRule(
        "province",
        1,
        GAZELLE_RENEWAL_SHARE,
        ONE_YEAR_LEAD_DAYS,
        (
            ("2021-03-19", 300),
            ("2021-09-17", 350),
            ("2022-03-18", 130),
            ("2022-09-16", 160),
            ("2023-03-17", 140),
            ("2023-09-15", 160),
            ("2024-03-15", 150),
            ("2024-09-13", 180),
            ("2025-03-14", 160),
        ),
    ),
    "startup": TierRule(
        "city",
        1,
        STARTUP_RENEWAL_SHARE,
        ONE_YEAR_LEAD_DAYS,
        (
            ("2021-07-16", 150),
            ("2021-12-17", 100),
            ("2022-07-15", 110),
            ("2022-12-16", 80),
            ("2023-07-14", 120),
            ("2023-12-15", 80),
            ("2024-07-12", 120),
            ("2024-12-13", 90),
        ),
    ),
    "unicorn": TierRule(
        "province",
        1,
        UNICORN_RENEWAL_SHARE,
        ONE_YEAR_LEAD_DAYS,
        (("2022-10-20", 1), ("2023-10-19", 1), ("2024-10-18", 1)),
    ),
}
GAZELLE_CITY_SHARE = 0.3


class _Recognitions:
    """The rows made so far, per tier: enterprise rows, recognized_on, expires_on, level."""

    def __init__(self, n_enterprises: int) -> None:
        self.n = n_enterprises
        self.parts: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]] = {}

    def add(
        self, tier: str, members: np.ndarray, recognized: np.ndarray, expires: np.ndarray, level: np.ndarray
    ) -> None:
        """Record recognitions of the tier."""
        self.parts.setdefault(tier, []).append((members, recognized, expires, np.broadcast_to(level, members.shape)))

    def holders(self, tier: str, on: np.datetime64) -> np.ndarray:
        """Whether each enterprise holds a valid recognition of the tier on the day."""
        held = np.zeros(self.n, dtype=bool)
        for members, recognized, expires, _ in self.parts.get(tier, []):
            held[members[(recognized <= on) & (on < expires)]] = True
        return held

    def lapsed_recently(self, tier: str, on: np.datetime64) -> np.ndarray:
        """Whether each enterprise's recognition of the tier expired in the LAPSED_COMEBACK_DAYS before the day."""
        lapsed = np.zeros(self.n, dtype=bool)
        for members, _, expires, _ in self.parts.get(tier, []):
            lapsed[members[(expires <= on) & (on < expires + LAPSED_COMEBACK_DAYS)]] = True
        return lapsed & ~self.holders(tier, on)


def build_tiers_table(
    run: DemoRun, ent: Enterprises, output_size: np.ndarray, manufacturing_divisions: set[str]
) -> dict[str, np.ndarray]:
    """The `enterprise_tiers` table: each tier's batches in date order, each recognition with its renewals."""
    rng = run.rng(STREAM_TIERS)
    n = ent.count
    named = np.arange(n) < ent.n_named
    pool = np.arange(n) < ent.n_pool
    manufacturing = np.isin(ent.division, sorted(manufacturing_divisions))
    service = ent.is_service
    holding = ent.industry_code == HOLDING_COMPANY_CLASS
    size = np.zeros(n)
    size[: ent.n_pool] = output_size
    made = _Recognitions(n)

    def first_time_weights(tier: str, on: np.datetime64, age: np.ndarray) -> np.ndarray:
        """Who is likely to be recognised for the first time (or afresh) on the day."""
        w = np.where(age >= 1.0, 1.0, 0.0)
        if tier == "high_tech":
            w *= np.where(service, 1.5, np.where(pool, 1.3, 1.0)) * np.where(holding, 0.1, 1.0)
        elif tier == "innovative_sme":
            w *= np.where(named, 0.0, np.where(pool, 0.8, 1.0))
        elif tier == "specialized_sme":
            w *= np.where(named, 0.0, 1.0) * np.where(manufacturing, 2.0, 1.0)
            if on >= day("2022-09-01"):  # since then the ladder's lower rung comes first
                w *= np.where(made.holders("innovative_sme", on), 15.0, 0.3)
        elif tier == "little_giant":
            spec = made.holders("specialized_sme", on)
            w *= np.where(spec, 100.0, 0.05) * np.where(manufacturing, 3.0, 0.5) * np.where(pool, 3.0, 1.0)
            w *= np.where(named, 0.0, 1.0)
        elif tier == "single_champion":
            w = np.where(pool & manufacturing, np.sqrt(size + 1.0), 0.0)
        elif tier == "gazelle":
            w *= ((age >= 2) & (age <= 12)) * np.where(pool, 0.5, 1.0) * np.where(named, 0.0, 1.0)
        elif tier == "startup":
            w = np.where((age >= 0.25) & (age <= STARTUP_MAX_AGE_YEARS) & ~pool, 1.0, 0.0)
        elif tier == "unicorn":
            w = np.where((age >= 2) & (age <= 10) & service, 1.0, 0.0)
            w *= np.where(made.holders("high_tech", on), 5.0, 1.0)
        w = np.where(made.holders(tier, on), 0.0, w)  # a holder is renewed, not recognised again
        return np.where(made.lapsed_recently(tier, on), w * LAPSED_COMEBACK_WEIGHT, w)

    for tier, rule in TIER_RULES.items():
        for batch_day, count in rule.first_time:
            on = day(batch_day)
            age = (on - ent.registered_on).astype(np.int64) / 365.25
            members = sample_without_replacement(rng, first_time_weights(tier, on, age), run.scaled(count))
            level = np.full(members.size, rule.level)
            if tier == "gazelle":
                level = np.where(rng.random(members.size) < GAZELLE_CITY_SHARE, "city", rule.level)
            _recognise_with_renewals(rng, made, tier, rule, ent, members, np.full(members.size, on), level)

    rows = [(tier, part) for tier in TIER_RULES for part in made.parts.get(tier, [])]
    return {
        "enterprise_id": ent.enterprise_id[np.concatenate([p[0] for _, p in rows])],
        "tier": np.concatenate([np.full(p[0].size, tier) for tier, p in rows]),
        "level": np.concatenate([p[3] for _, p in rows]),
        "recognized_on": np.concatenate([p[1] for _, p in rows]),
        "expires_on": np.concatenate([p[2] for _, p in rows]),
    }


def _recognise_with_renewals(
    rng: np.random.Generator,
    made: _Recognitions,
    tier: str,
    rule: TierRule,
    ent: Enterprises,
    members: np.ndarray,
    recognized: np.ndarray,
    level: np.ndarray,
) -> None:
    """Add the recognitions, then each one's renewals (a few months before expiry) up to 2025-06-30."""
    lo, hi = rule.renewal_lead_days
    while members.size:
        expires = add_years(recognized, rule.validity_years)
        made.add(tier, members, recognized, expires, level)
        renewed_on = expires - rng.integers(lo, hi + 1, members.size)
        renews = (rng.random(members.size) < rule.renewal_share) & (renewed_on <= AS_OF)
        if tier == "startup":  # a startup that has grown up is no longer one
            renews &= (renewed_on - ent.registered_on[members]).astype(np.int64) / 365.25 <= STARTUP_MAX_AGE_YEARS
        members, recognized, level = members[renews], renewed_on[renews], level[renews]
