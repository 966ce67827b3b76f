"""Division price indices (PPI) and value-added rates, 2022-01..2025-06: the `industry_prices` table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from warehouse.demo.run import STREAM_PRICES, DemoRun
from warehouse.demo.timeline import N_MONTHS, PERIODS

# National PPI (same month last year = 100) minus 100, 2022-01..2025-06.
NATIONAL_PPI = np.array([
    9.1, 8.8, 8.3, 8.0, 6.4, 6.1, 4.2, 2.3, 0.9, -1.3, -1.3, -0.7,
    -0.8, -1.4, -2.5, -3.6, -4.6, -5.4, -4.4, -3.0, -2.5, -2.6, -3.0, -2.7,
    -2.5, -2.7, -2.8, -2.5, -1.4, -0.8, -0.8, -1.8, -2.8, -2.9, -2.5, -2.3,
    -2.3, -2.2, -2.5, -2.7, -3.3, -3.6,
])  # fmt: skip
# Division: (sensitivity to the national PPI, offset of its index, value-added rate).
DIVISION_PRICES = {
    "13": (0.3, 0.0, 0.20),
    "14": (0.3, 0.0, 0.28),
    "15": (0.3, 0.3, 0.32),
    "16": (0.1, 0.5, 0.60),
    "17": (0.5, 0.0, 0.22),
    "18": (0.3, 0.0, 0.24),
    "19": (0.3, 0.0, 0.24),
    "20": (0.5, 0.0, 0.23),
    "21": (0.3, 0.0, 0.24),
    "22": (0.8, 0.0, 0.22),
    "23": (0.3, 0.0, 0.26),
    "24": (0.3, 0.0, 0.24),
    "25": (2.0, 0.0, 0.18),
    "26": (1.3, 0.0, 0.24),
    "27": (0.1, -0.3, 0.36),
    "28": (1.2, 0.0, 0.20),
    "29": (0.5, 0.0, 0.23),
    "30": (0.8, -0.5, 0.27),
    "31": (1.8, 0.0, 0.20),
    "32": (1.4, 0.0, 0.19),
    "33": (0.6, 0.0, 0.24),
    "34": (0.25, -0.2, 0.27),
    "35": (0.2, -0.3, 0.29),
    "36": (0.2, -1.5, 0.20),
    "37": (0.2, 0.0, 0.25),
    "38": (0.5, -1.2, 0.22),
    "39": (0.3, -1.0, 0.19),
    "40": (0.2, 0.0, 0.31),
    "41": (0.4, 0.0, 0.25),
    "42": (0.8, 0.0, 0.22),
    "43": (0.3, 0.0, 0.28),
    "44": (0.6, 0.5, 0.30),
    "45": (1.0, 0.0, 0.26),
    "46": (0.1, 1.5, 0.38),
}
MINING_PRICES = (2.0, 0.0, 0.35)


@dataclass(frozen=True)
class DivisionPrices:
    """Per industry division (rows) and month (columns): PPI (same month last year = 100) and value-added rate."""

    divisions: list[str]
    ppi: np.ndarray
    va_rate: np.ndarray

    def rows_of(self, divisions: np.ndarray) -> np.ndarray:
        """The row of each division."""
        row = {d: i for i, d in enumerate(self.divisions)}
        return np.array([row[d] for d in divisions])


def build_division_prices(run: DemoRun, industry_divisions: list[str]) -> DivisionPrices:
    """PPI follows the national one with the division's sensitivity plus AR(1) noise; rates drift yearly."""
    rng = run.rng(STREAM_PRICES)
    n_div = len(industry_divisions)
    ppi = np.empty((n_div, N_MONTHS))
    va = np.empty((n_div, N_MONTHS))
    for i, d in enumerate(industry_divisions):
        sensitivity, offset, rate = DIVISION_PRICES.get(d, MINING_PRICES)
        noise = np.zeros(N_MONTHS)
        for t in range(1, N_MONTHS):
            noise[t] = 0.7 * noise[t - 1] + rng.normal(0, 0.35)
        ppi[i] = np.clip(100 + sensitivity * NATIONAL_PPI + offset + noise, 80, 125)
        yearly = rate * (1 + rng.normal(0, 0.02, 4))
        va[i] = np.repeat(yearly, 12)[:N_MONTHS] * (1 + rng.normal(0, 0.008, N_MONTHS))
    return DivisionPrices(
        divisions=list(industry_divisions),
        ppi=np.round(ppi, 1),
        va_rate=np.round(np.clip(va, 0.05, 0.9), 4),
    )


def industry_prices_table(prices: DivisionPrices) -> dict[str, np.ndarray]:
    """The `industry_prices` table: one row per division and month."""
    return {
        "division": np.repeat(np.array(prices.divisions), N_MONTHS),
        "period": np.tile(PERIODS, len(prices.divisions)),
        "ppi_yoy": prices.ppi.ravel(),
        "va_rate": prices.va_rate.ravel(),
    }
