"""Year-end targets: the `targets` table."""

from __future__ import annotations

import numpy as np

from warehouse.demo.run import DemoRun
from warehouse.demo.story import YEAR_END_TARGETS


def targets_table(run: DemoRun) -> dict[str, np.ndarray]:
    """One row per year and indicator; targets are counts, so they scale."""
    rows = [(y, k, float(run.scaled(v))) for y, d in YEAR_END_TARGETS.items() for k, v in d.items()]
    return {
        "year": np.array([r[0] for r in rows]),
        "indicator": np.array([r[1] for r in rows]),
        "target": np.array([r[2] for r in rows]),
    }
