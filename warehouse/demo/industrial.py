"""Above-scale industrial enterprises: who is on the list when, monthly output, revenue and profit.

Output is calibrated after the random draws so that same-enterprise growth at comparable
prices and the output level are the story's exactly (story.VA_GROWTH_TARGETS,
story.GROSS_OUTPUT_H1_2025).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from warehouse.demo import chains
from warehouse.demo.draws import index_of, sample_without_replacement
from warehouse.demo.enterprises import HEATING_CLASSES, NAMED_ENTERPRISES, Enterprises
from warehouse.demo.prices import DivisionPrices
from warehouse.demo.run import STREAM_INDUSTRIAL, DemoRun
from warehouse.demo.story import GROSS_OUTPUT_H1_2025, VA_GROWTH_TARGETS
from warehouse.demo.timeline import N_MONTHS, PERIODS, period_index

# Above-scale list dynamics for the generic enterprises (counts at scale 1):
# (first period index, last period index, count) of entries and of exits.
INITIAL_GENERIC = 340
ENTRIES = ((1, 11, 10), (12, 12, 40), (13, 23, 10), (24, 24, 45), (25, 35, 10), (36, 36, 45), (37, 41, 8))
EXITS = ((2, 11, 4), (12, 12, 25), (13, 23, 5), (24, 24, 25), (25, 35, 5), (36, 36, 25), (37, 41, 4))

# Annual log growth of real output by chain, 2022..2025, before calibration.
CHAIN_GROWTH = {
    chains.IT: (0.06, 0.09, 0.10, 0.13),
    chains.BIO: (0.05, 0.07, 0.06, 0.08),
    chains.EQUIPMENT: (0.06, 0.09, 0.09, 0.12),
    chains.NEV: (0.10, 0.18, 0.18, 0.22),
    chains.MATERIALS: (0.02, 0.04, 0.03, 0.04),
    chains.OTHER: (0.02, 0.03, 0.02, 0.03),
}
UTILITY_GROWTH = (0.03, 0.04, 0.06, 0.08)
SEASON = np.array([0.82, 0.76, 1.02, 0.98, 1.00, 1.08, 0.96, 0.98, 1.05, 0.98, 1.05, 1.20])
HEATING_SEASON = np.array([1.55, 1.40, 1.15, 0.80, 0.65, 0.70, 0.75, 0.75, 0.70, 0.85, 1.25, 1.50])
PROFIT_MARGIN = {
    chains.IT: 0.05,
    chains.BIO: 0.13,
    chains.EQUIPMENT: 0.07,
    chains.NEV: 0.045,
    chains.MATERIALS: 0.05,
    chains.OTHER: 0.06,
}

# Industry grows slower than manufacturing only through the non-manufacturing rest (heat,
# power, water). Its weight in the 2025 base is set so that the rest grows at this rate.
NON_MANUFACTURING_GROWTH_2025 = 6.5


@dataclass(frozen=True)
class IndustrialPanel:
    """Pool enterprise (rows) × month (columns) arrays of the above-scale list, in 万元."""

    present: np.ndarray  # reported that month
    gross_output: np.ndarray
    revenue: np.ndarray
    profit: np.ndarray
    size_at_entry: np.ndarray  # monthly output at entry before calibration: ranks enterprises by size


def generic_pool_size(run: DemoRun) -> int:
    """Enterprises other than the named ones that are ever on the above-scale list."""
    return run.scaled(INITIAL_GENERIC) + sum(run.scaled(c) for _, _, c in ENTRIES)


def build_industrial_panel(
    run: DemoRun, ent: Enterprises, prices: DivisionPrices, manufacturing_divisions: set[str]
) -> IndustrialPanel:
    """List spells, output paths by chain with noise and seasons, then calibration to the story."""
    rng = run.rng(STREAM_INDUSTRIAL)
    n_pool, n_months, n_named = ent.n_pool, N_MONTHS, ent.n_named
    chain = ent.chain[:n_pool]
    division = ent.division[:n_pool]
    is_utility = ~np.isin(division, sorted(manufacturing_divisions))
    is_manufacturing = ~is_utility

    # Who is on the above-scale list when.
    entry = np.zeros(n_pool, dtype=np.int64)
    exit_ = np.full(n_pool, n_months, dtype=np.int64)  # first month off the list
    entry[:n_named] = [period_index(e.first_listed) for e in NAMED_ENTERPRISES]
    pos = n_named + run.scaled(INITIAL_GENERIC)
    new_plant = np.zeros(n_pool, dtype=bool)
    for lo, hi, c in ENTRIES:
        k = run.scaled(c)
        entry[pos : pos + k] = rng.integers(lo, hi + 1, k)
        new_plant[pos : pos + k] = rng.random(k) < 0.3
        pos += k

    # Sizes: monthly output (万元) at entry, before calibration.
    size = np.empty(n_pool)
    size[n_named:] = np.clip(rng.lognormal(np.log(1400), 0.95, n_pool - n_named), 220, 25_000)
    entrant = entry > 0
    entrant[:n_named] = False
    size[entrant] = np.clip(rng.lognormal(np.log(600), 0.6, entrant.sum()), 200, 20_000)
    new_plant_entrant = entrant & new_plant
    size[new_plant_entrant] = np.clip(rng.lognormal(np.log(2500), 0.9, new_plant_entrant.sum()), 300, 40_000)
    size[:n_named] = [next(iter(e.output_anchors.values())) for e in NAMED_ENTERPRISES]
    generic_utility = is_utility & (np.arange(n_pool) >= n_named)

    # Smaller enterprises are likelier to drop off the list.
    for lo, hi, c in EXITS:
        k = run.scaled(c)
        t_exit = rng.integers(lo, hi + 1, k)
        for tt in np.unique(t_exit):
            kk = int((t_exit == tt).sum())
            eligible = (np.arange(n_pool) >= n_named) & (entry <= max(tt - 3, 0)) & (exit_ == n_months)
            weights = np.where(eligible, size**-0.8, 0.0)
            chosen = sample_without_replacement(rng, weights, kk)
            exit_[chosen] = tt
    t_idx = np.arange(n_months)
    present = (t_idx[None, :] >= entry[:, None]) & (t_idx[None, :] < exit_[:, None])
    # Late or missing monthly reports: a few gaps inside an enterprise's spell.
    gaps = (
        (rng.random((n_pool, n_months)) < 0.004)
        & (t_idx[None, :] > entry[:, None])
        & (t_idx[None, :] < exit_[:, None] - 1)
    )
    gaps[:n_named] = False
    present &= ~gaps

    # Output paths: chain growth + persistent and yearly idiosyncratic growth.
    year = t_idx // 12
    growth = np.empty((n_pool, 4))
    chain_growth = np.array([CHAIN_GROWTH[c] for c in chains.ALL])
    growth[:] = chain_growth[index_of(chain, chains.ALL)]
    growth[generic_utility] = UTILITY_GROWTH
    idio_sd = np.where(generic_utility, 0.02, 0.07)[:, None]  # utilities grow steadily
    growth += rng.normal(0, 1, (n_pool, 1)) * idio_sd * 0.85 + rng.normal(0, 1, (n_pool, 4)) * idio_sd
    monthly = growth[:, year] / 12.0
    cum = np.cumsum(monthly, axis=1)
    log_level = np.log(size)[:, None] + cum - cum[np.arange(n_pool), entry][:, None]
    ramp_len = rng.integers(4, 13, n_pool)
    since = np.maximum(t_idx[None, :] - entry[:, None], 0)
    new_plant &= ~generic_utility
    ramp = np.where(new_plant[:, None], 0.35 + 0.65 * np.minimum(1.0, since / ramp_len[:, None]), 1.0)
    sigma = np.clip(0.25 - 0.05 * np.log10(size), 0.02, 0.12)
    noise = np.exp(rng.normal(0, 1, (n_pool, n_months)) * sigma[:, None])
    heating = np.isin(ent.industry_code[:n_pool], HEATING_CLASSES)
    season = np.where(
        heating[:, None],
        HEATING_SEASON[t_idx % 12][None, :],
        SEASON[t_idx % 12][None, :] ** rng.uniform(0.6, 1.2, (n_pool, 1)),
    )
    out = np.exp(log_level) * ramp * noise * season
    for i, e in enumerate(NAMED_ENTERPRISES):
        anchors = sorted((period_index(p), v) for p, v in e.output_anchors.items())
        at = np.array([a for a, _ in anchors], dtype=float)
        av = np.log(np.array([v for _, v in anchors], dtype=float))
        out[i] = np.exp(np.interp(t_idx, at, av)) * SEASON[t_idx % 12] * noise[i]
    out = np.where(present, out, 0.0)

    rows = prices.rows_of(division)
    out = _calibrated(run, out, present, prices.va_rate[rows], prices.ppi[rows], is_manufacturing)

    # Revenue follows output; margins differ by chain, a tenth of firms lose money.
    sales_ratio = rng.uniform(0.9, 1.1, n_pool)
    revenue = np.round(np.maximum(out * sales_ratio[:, None] * (1 + rng.normal(0, 0.03, (n_pool, n_months))), 0), 2)
    margin_mean = np.array([PROFIT_MARGIN[c] for c in chain]) + rng.normal(0, 0.035, n_pool)
    loss = rng.random(n_pool) < 0.08
    margin_mean[loss] = -np.abs(rng.normal(0.03, 0.02, int(loss.sum())))
    margin = margin_mean[:, None] + rng.normal(0, 0.02, (n_pool, n_months))
    profit = np.round(revenue * margin, 2)
    return IndustrialPanel(present=present, gross_output=out, revenue=revenue, profit=profit, size_at_entry=size)


def _calibrated(
    run: DemoRun, out: np.ndarray, present: np.ndarray, va: np.ndarray, ppi: np.ndarray, is_manufacturing: np.ndarray
) -> np.ndarray:
    """Output scaled year by year to the story's growth rates, then to its H1 2025 level."""
    n_months = out.shape[1]

    def va_pairs(y: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Current months of year y, and per enterprise ΣVAc(y) and ΣVA(y-1) over pairs."""
        cur = np.arange(12 * (y - 2022), min(12 * (y - 2021), n_months))
        prev = cur - 12
        pair = present[:, cur] & present[:, prev]
        num = np.where(pair, out[:, cur] * va[:, cur] * 100 / ppi[:, cur], 0).sum(axis=1)
        den = np.where(pair, out[:, prev] * va[:, prev], 0).sum(axis=1)
        return cur, num, den

    # Scale the non-manufacturing enterprises (all months) to their weight in the 2025
    # base: all = (1 - w) * manufacturing + w * rest. Later calibrations scale whole
    # years of everyone alike, which keeps this weight.
    t_all, t_mfg = VA_GROWTH_TARGETS[2025]
    weight = (t_mfg - t_all) / (t_mfg - NON_MANUFACTURING_GROWTH_2025)
    _, _, den = va_pairs(2025)
    base_mfg, base_rest = den[is_manufacturing].sum(), den[~is_manufacturing].sum()
    if base_rest <= 0:
        raise RuntimeError("no non-manufacturing enterprise in the 2025 base")
    out[~is_manufacturing] *= weight / (1 - weight) * base_mfg / base_rest

    for y, (target_all, target_mfg) in VA_GROWTH_TARGETS.items():
        cur, num, den = va_pairs(y)
        if target_mfg is None:
            out[:, cur] *= (1 + target_all / 100) * den.sum() / num.sum()
        else:
            cur_mfg, base_mfg = num[is_manufacturing].sum(), den[is_manufacturing].sum()
            cur_rest, base_rest = num[~is_manufacturing].sum(), den[~is_manufacturing].sum()
            f_mfg = (1 + target_mfg / 100) * base_mfg / cur_mfg
            f_rest = ((1 + target_all / 100) * (base_mfg + base_rest) - (1 + target_mfg / 100) * base_mfg) / cur_rest
            if not 0.7 < f_rest < 1.4:
                raise RuntimeError(f"non-manufacturing calibration factor {f_rest:.3f} is implausible")
            out[np.ix_(is_manufacturing, cur)] *= f_mfg
            out[np.ix_(~is_manufacturing, cur)] *= f_rest
    h1 = np.arange(period_index("2025-01"), period_index("2025-06") + 1)
    level = GROSS_OUTPUT_H1_2025 * run.scale / out[:, h1].sum()
    return np.round(out * level, 2)


def industrial_monthly_table(ent: Enterprises, panel: IndustrialPanel) -> dict[str, np.ndarray]:
    """The `industrial_monthly` table: one row per enterprise and month reported."""
    e_idx, t_i = np.nonzero(panel.present)
    return {
        "enterprise_id": ent.enterprise_id[e_idx],
        "period": PERIODS[t_i],
        "gross_output": panel.gross_output[e_idx, t_i],
        "revenue": panel.revenue[e_idx, t_i],
        "profit": panel.profit[e_idx, t_i],
    }
