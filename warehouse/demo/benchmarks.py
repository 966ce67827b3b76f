"""National, provincial and city benchmarks: the `region_benchmarks` table."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyarrow as pa

from warehouse.demo.industrial import IndustrialPanel
from warehouse.demo.run import STREAM_BENCHMARKS, DemoRun
from warehouse.demo.story import CITY_TO_ZONE_ENTERPRISE_RATIO, OUTPUT_SHARE_OF_CITY, REVENUE_SHARE_OF_CITY
from warehouse.demo.timeline import N_MONTHS, P_INDEX, PERIODS


def _read_benchmark_growth() -> dict[tuple[str, str], list[float]]:
    """Published YTD growth (%) by (region level, indicator), 2022-01..2025-06; January repeats Jan-Feb."""
    growth: dict[tuple[str, str], list[float]] = {}
    with (Path(__file__).parent / "region_benchmark_growth.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            growth.setdefault((row["region_level"], row["indicator"]), []).append(float(row["value"]))
    return growth


BENCHMARK_GROWTH = _read_benchmark_growth()
assert all(len(values) == N_MONTHS for values in BENCHMARK_GROWTH.values())
REGION_NAMES = {"national": "全国", "province": "山东省", "city": "济南市"}
# The zone's shares of the city in 2022-01, from which they rise linearly to the story's at P.
OUTPUT_SHARE_OF_CITY_2022 = 0.236
REVENUE_SHARE_OF_CITY_2022 = 0.248
CITY_TO_ZONE_ENTERPRISE_RATIO_2022 = 7.55


def region_benchmarks_table(run: DemoRun, panel: IndustrialPanel) -> dict[str, np.ndarray]:
    """Published growth rates, and the city's levels derived from the zone's through the story's shares."""
    rng = run.rng(STREAM_BENCHMARKS)
    t_idx = np.arange(N_MONTHS)
    year_start = (t_idx // 12) * 12
    output_by_month = np.where(panel.present, panel.gross_output, 0).sum(axis=0)
    revenue_by_month = np.where(panel.present, panel.revenue, 0).sum(axis=0)
    cum_output, cum_revenue = np.cumsum(output_by_month), np.cumsum(revenue_by_month)
    output_ytd = cum_output - np.where(year_start > 0, cum_output[year_start - 1], 0)
    revenue_ytd = cum_revenue - np.where(year_start > 0, cum_revenue[year_start - 1], 0)
    count = panel.present.sum(axis=0)

    frac = t_idx / P_INDEX
    wiggle = rng.normal(0, 0.0015, (2, N_MONTHS))
    wiggle[:, P_INDEX] = 0  # the story's figures hold exactly at P
    output_share = OUTPUT_SHARE_OF_CITY_2022 + (OUTPUT_SHARE_OF_CITY - OUTPUT_SHARE_OF_CITY_2022) * frac + wiggle[0]
    revenue_share = REVENUE_SHARE_OF_CITY_2022 + (REVENUE_SHARE_OF_CITY - REVENUE_SHARE_OF_CITY_2022) * frac + wiggle[1]
    ratio = (
        CITY_TO_ZONE_ENTERPRISE_RATIO_2022
        + (CITY_TO_ZONE_ENTERPRISE_RATIO - CITY_TO_ZONE_ENTERPRISE_RATIO_2022) * frac
        + np.r_[rng.normal(0, 0.02, N_MONTHS - 1), 0]
    )

    rows = [
        (level, indicator, np.array([f"{v:.1f}" for v in values]))
        for (level, indicator), values in BENCHMARK_GROWTH.items()
    ]
    rows.append(("city", "above_scale_enterprise_count", np.array([f"{v:.0f}" for v in np.round(count * ratio)])))
    rows.append(("city", "gross_output_ytd", np.array([f"{v:.2f}" for v in output_ytd / output_share])))
    rows.append(("city", "revenue_ytd", np.array([f"{v:.2f}" for v in revenue_ytd / revenue_share])))
    order = {"national": 0, "province": 1, "city": 2}
    rows.sort(key=lambda r: order[r[0]])
    return {
        "region_level": np.repeat([r[0] for r in rows], N_MONTHS),
        "region_name": np.repeat([REGION_NAMES[r[0]] for r in rows], N_MONTHS),
        "period": np.tile(PERIODS, len(rows)),
        "indicator": np.repeat([r[1] for r in rows], N_MONTHS),
        "value": pa.array(np.concatenate([r[2] for r in rows]), type=pa.string()),
    }
