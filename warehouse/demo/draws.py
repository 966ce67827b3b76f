"""Random draws and array helpers shared by the subject modules."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def pick(rng: np.random.Generator, n: int, probs: Sequence[float] | np.ndarray) -> np.ndarray:
    """n indices drawn with replacement from a discrete distribution."""
    p = np.asarray(probs, dtype=float)
    c = np.cumsum(p / p.sum())
    c[-1] = 1.0
    return np.searchsorted(c, rng.random(n), side="right")


def sample_without_replacement(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """k distinct indices, chosen with probability proportional to weights (Efraimidis-Spirakis)."""
    w = np.asarray(weights, dtype=float)
    positive = np.flatnonzero(w > 0)
    if k > positive.size:
        raise ValueError(f"cannot draw {k} from {positive.size} candidates")
    if k == 0:
        return np.empty(0, dtype=np.int64)
    keys = np.log(rng.random(positive.size)) / w[positive]
    top = np.argpartition(-keys, k - 1)[:k]
    return np.sort(positive[top])


def pick_registered(
    rng: np.random.Generator, pool: np.ndarray, registered: np.ndarray, weights: np.ndarray, dates: np.ndarray
) -> np.ndarray:
    """For each date, an enterprise of `pool` registered by then (weighted), or -1 if none."""
    order = np.argsort(registered[pool], kind="stable")
    pool, reg = pool[order], registered[pool][order]
    cum = np.cumsum(weights[order].astype(float))
    k = np.searchsorted(reg, dates, side="right")  # how many were registered by each date
    total = np.where(k > 0, cum[np.maximum(k - 1, 0)], 0.0)
    chosen = np.minimum(np.searchsorted(cum, rng.random(dates.size) * total, side="right"), np.maximum(k - 1, 0))
    return np.where(k > 0, pool[chosen] if pool.size else -1, -1)


def uniform_days(rng: np.random.Generator, lo, hi, n: int | None = None) -> np.ndarray:
    """Days uniformly drawn from [lo, hi] (datetime64[D], broadcast)."""
    lo = np.asarray(lo, dtype="datetime64[D]")
    hi = np.asarray(hi, dtype="datetime64[D]")
    span = (hi - lo).astype(np.int64) + 1
    shape = np.broadcast(lo, hi).shape if n is None else (n,)
    return lo + np.floor(rng.random(shape) * span).astype(np.int64)


def growing_days(rng: np.random.Generator, lo: np.datetime64, hi: np.datetime64, rate: float, n: int) -> np.ndarray:
    """Days in [lo, hi] with a density growing by `rate` a year (more recent, more likely)."""
    span = (hi - lo).astype(np.int64) / 365.25
    years = np.log1p(rng.random(n) * np.expm1(rate * span)) / rate
    return lo + np.floor(years * 365.25).astype(np.int64)


def concat(*parts) -> np.ndarray:
    """Element-wise string concatenation of arrays / scalars."""
    out = np.asarray(parts[0]).astype(str)
    for p in parts[1:]:
        out = np.strings.add(out, np.asarray(p).astype(str))
    return out


def index_of(values: np.ndarray, choices: Sequence[str]) -> np.ndarray:
    """Position of each value in the sequence `choices`."""
    choices = np.asarray(choices)
    order = np.argsort(choices)
    return order[np.searchsorted(choices, values, sorter=order)]


def repeated(values: np.ndarray) -> np.ndarray:
    """Positions of values already seen earlier in the array."""
    _, first = np.unique(values, return_index=True)
    return np.setdiff1d(np.arange(values.size), first)
