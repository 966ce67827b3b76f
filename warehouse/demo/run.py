"""One demo run: its seed, its scale, and the random stream of each section."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DemoRun:
    """The inputs every section reads: output is a pure function of (seed, scale)."""

    seed: int
    scale: float

    def __post_init__(self) -> None:
        if self.scale <= 0:
            raise ValueError("scale must be positive")

    def rng(self, stream: int) -> np.random.Generator:
        """The section's own stream, so a change in one section leaves the others' draws alone."""
        return np.random.default_rng([self.seed, stream])

    def scaled(self, count: float) -> int:
        """A count at scale 1, multiplied by the run's scale."""
        return round(count * self.scale)


# Stream numbers of the sections (they must never change: they fix the data of a seed).
STREAM_ENTERPRISES = 1
STREAM_PRICES = 2
STREAM_INDUSTRIAL = 3
STREAM_BENCHMARKS = 4
STREAM_PROJECTS = 5
STREAM_TIERS = 6
STREAM_TALENT = 7
STREAM_SERVICE_CASES = 8
STREAM_CONSENT = 9
STREAM_USCC = 11
