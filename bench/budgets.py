"""The budgets of issues 7 and 14, per scale, and the check beside each figure."""

# Scales are written with the multiplication sign, as in BENCHMARKS.md.

from __future__ import annotations

from dataclasses import dataclass, fields

GIB = 1024**3


@dataclass(frozen=True)
class Budgets:
    """Limits for one scale; None where the issue sets none."""

    build_s: float | None = None
    build_mem_gib: float | None = None
    page_warm_s: float | None = None
    page_cold_s: float | None = None
    server_mem_gib: float | None = None
    concurrent_p95_s: float | None = None
    floor_ratio: float | None = None  # ours ÷ the floor app, median over pages, for each kind of visit


# Issue 7, "Budgets to meet on this 2-core machine"; the floor ratios are issue 14's.
ISSUE_BUDGETS: dict[float, Budgets] = {
    1: Budgets(build_s=30, page_warm_s=1.0, page_cold_s=2.0, floor_ratio=1.3),
    100: Budgets(
        build_s=600,
        build_mem_gib=8,
        page_warm_s=1.5,
        page_cold_s=3.0,
        server_mem_gib=1.0,
        concurrent_p95_s=4.0,
        floor_ratio=1.5,
    ),
}


def budgets_for(scale: float) -> dict[str, tuple[float, float]]:
    """Each budgeted figure -> (limit, the scale the issue set it for).

    A figure the issue budgets only at a larger scale is held to that larger scale's limit
    (10× must at least meet what 100× must); the report names the scale it came from.
    """
    out: dict[str, tuple[float, float]] = {}
    for at in sorted(s for s in ISSUE_BUDGETS if s >= scale):
        for f in fields(Budgets):
            limit = getattr(ISSUE_BUDGETS[at], f.name)
            if limit is not None and f.name not in out:
                out[f.name] = (limit, at)
    return out


def verdict(value: float | None, budget: tuple[float, float] | None, scale: float) -> str:
    """'✅ ≤ 30 s' / '❌ ≤ 30 s' / '' (no budget), naming the budget's scale if not this one."""
    if budget is None:
        return ""
    limit, at = budget
    where = "" if at == scale else f" (the {at:g}× budget)"
    if value is None:
        return f"❔ not measured, budget {limit:g}{where}"
    return f"{'✅' if value <= limit else '❌'} ≤ {limit:g}{where}"
