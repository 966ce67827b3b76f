"""Talent: people with their category, arrival and departure, and openings by chain and month."""

from __future__ import annotations

import numpy as np

from warehouse.demo import chains
from warehouse.demo.draws import concat, growing_days, pick, pick_registered
from warehouse.demo.enterprises import Enterprises
from warehouse.demo.run import STREAM_TALENT, DemoRun
from warehouse.demo.timeline import AS_OF, N_MONTHS, PERIODS, day

N_TALENT = 6000
TALENT_CATEGORIES = ("top", "leading", "high_level", "young", "skilled")
TALENT_CATEGORY_SHARE = (0.004, 0.036, 0.14, 0.34, 0.48)
TALENT_CHAIN_SHARE = (0.35, 0.20, 0.18, 0.12, 0.07, 0.08)
EDUCATION_BY_CATEGORY = {  # doctor, master, bachelor, other
    "top": (0.9, 0.1, 0.0, 0.0),
    "leading": (0.65, 0.30, 0.05, 0.0),
    "high_level": (0.35, 0.50, 0.15, 0.0),
    "young": (0.15, 0.45, 0.40, 0.0),
    "skilled": (0.0, 0.02, 0.28, 0.70),
}
INTRODUCED_SHARE = {"top": 0.85, "leading": 0.70, "high_level": 0.55, "young": 0.50, "skilled": 0.30}
OPENINGS_BASE = {
    chains.IT: 60,
    chains.BIO: 35,
    chains.EQUIPMENT: 40,
    chains.NEV: 32,
    chains.MATERIALS: 15,
    chains.OTHER: 10,
}
OPENINGS_CATEGORY_SHARE = (0.02, 0.06, 0.20, 0.35, 0.37)

OPENINGS_SEASON = np.array([0.9, 1.25, 1.3, 1.15, 1.0, 1.1, 1.05, 0.9, 0.95, 0.9, 0.85, 0.75])
EDUCATION_LEVELS = ("doctor", "master", "bachelor", "other")


def build_talent_tables(run: DemoRun, ent: Enterprises) -> dict[str, dict[str, np.ndarray]]:
    """The tables `talent` and `talent_demand`: openings well above arrivals, so the talent map shows gaps."""
    rng = run.rng(STREAM_TALENT)
    n = run.scaled(N_TALENT)
    category = np.array(TALENT_CATEGORIES)[pick(rng, n, TALENT_CATEGORY_SHARE)]
    chain = np.array(chains.ALL)[pick(rng, n, TALENT_CHAIN_SHARE)]
    education = np.empty(n, dtype="<U8")
    source = np.empty(n, dtype="<U10")
    for c in TALENT_CATEGORIES:
        idx = np.flatnonzero(category == c)
        education[idx] = np.array(EDUCATION_LEVELS)[pick(rng, idx.size, EDUCATION_BY_CATEGORY[c])]
        source[idx] = np.where(rng.random(idx.size) < INTRODUCED_SHARE[c], "introduced", "cultivated")
    # Arrivals grow over the years; the talent-map push shows from 2023.
    arrived = growing_days(rng, day("2012-01-01"), AS_OF, 0.22, n)
    stay = (rng.exponential(14.0, n) * 365.25).astype(np.int64)
    left = arrived + np.maximum(stay, 120)
    left = np.where(left <= AS_OF, left, np.datetime64("NaT"))
    # Employer: an enterprise of the chain for most; universities and institutes for the rest.
    enterprise = np.full(n, -1, dtype=np.int64)
    employed = rng.random(n) < 0.9
    for ch in chains.ALL:
        pool = np.flatnonzero(ent.chain == ch)
        idx = np.flatnonzero(employed & (chain == ch))
        if pool.size and idx.size:
            weight = np.where(pool < ent.n_pool, 4.0, 1.0)
            enterprise[idx] = pick_registered(rng, pool, ent.registered_on, weight, arrived[idx])
    talent_id = concat("RC", rng.choice(90_000_000, n, replace=False) + 10_000_000)
    order = np.argsort(arrived, kind="stable")
    employer = np.where(enterprise >= 0, ent.enterprise_id[np.maximum(enterprise, 0)], None)
    talent = {
        "talent_id": talent_id[order],
        "enterprise_id": employer[order],
        "category": category[order],
        "chain": chain[order],
        "education": education[order],
        "source": source[order],
        "arrived_on": arrived[order],
        "left_on": left[order],
    }
    # Openings by chain x category x month.
    ch_i, c_i, t_i = np.meshgrid(
        np.arange(len(chains.ALL)), np.arange(len(TALENT_CATEGORIES)), np.arange(N_MONTHS), indexing="ij"
    )
    ch_i, c_i, t_i = ch_i.ravel(), c_i.ravel(), t_i.ravel()
    base = np.array([OPENINGS_BASE[c] for c in chains.ALL])[ch_i] * np.array(OPENINGS_CATEGORY_SHARE)[c_i]
    trend = np.exp(0.10 * t_i / 12)
    mean = base * OPENINGS_SEASON[t_i % 12] * trend * run.scale * rng.lognormal(0, 0.12, t_i.size)
    demand = {
        "chain": np.array(chains.ALL)[ch_i],
        "category": np.array(TALENT_CATEGORIES)[c_i],
        "period": PERIODS[t_i],
        "openings": rng.poisson(mean),
    }
    return {"talent": talent, "talent_demand": demand}
