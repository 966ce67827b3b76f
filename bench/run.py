"""One benchmark run: per scale, generate demo data, build it, serve it, measure every page."""

# Scales are written with the multiplication sign, as in BENCHMARKS.md.

from __future__ import annotations

import shutil
import tempfile
import traceback
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench.build_time import BuildRun, Generated, MeasureError, generate, measure_build
from bench.floor import Floor, replay
from bench.machine import load_average
from bench.pages import PagesResult, measure_pages


@dataclass
class ScaleResult:
    """Everything measured at one scale."""

    scale: float
    started_at: str
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float] | None = None
    generated: Generated | None = None
    builds: list[BuildRun] = field(default_factory=list)
    pages: PagesResult | None = None
    floors: dict[str, Floor] = field(default_factory=dict)  # page path -> replays of its queries
    errors: list[str] = field(default_factory=list)  # what could not be measured
    reused: bool = False  # pages measured on an existing warehouse: no generation, no build

    def unmeasured(self) -> list[str]:
        """Figures missing from this scale (the benchmark then exits non-zero)."""
        missing = list(self.errors)
        if not self.builds and not self.reused:
            missing.append("no build was measured")
        if self.pages is None:
            missing.append("no page was measured")
        else:
            for pg in self.pages.pages:
                if not pg.cold or not pg.warm or not pg.new_tab or not pg.first_ever:
                    missing.append(f"page {pg.name}: {'; '.join(pg.errors) or 'no samples'}")
            for pg in self.pages.floor:
                if not pg.cold or not pg.warm or not pg.new_tab or pg.errors:
                    missing.append(f"floor page {pg.name}: {'; '.join(pg.errors) or 'no samples'}")
            p = self.pages
            if p.sessions and not (p.concurrent and p.concurrent_fresh and p.ws_concurrent and p.ws_concurrent_fresh):
                missing.append("concurrent sessions: " + "; ".join(p.concurrent_errors))
        return missing


def run_scale(
    scale: float,
    *,
    repeat: int = 5,
    build_repeat: int = 3,
    first_repeat: int = 3,
    sessions: int = 20,
    only: list[str] | None = None,
    work: Path | None = None,
    reuse: bool = False,
    floor: bool = True,
    log=print,
) -> ScaleResult:
    """Measure one scale in a temporary folder (or `work`, kept).

    With `reuse`, a warehouse already in `work` (from an earlier run with --keep) is measured
    as it is: no demo data is generated and nothing is built.
    """
    result = ScaleResult(scale, datetime.now().isoformat(timespec="seconds"), load_average())
    tmp = None
    if work is None:
        tmp = tempfile.TemporaryDirectory(prefix=f"bench-{scale:g}x-")
        work = Path(tmp.name)
    try:
        raw, db = work / "raw", work / "zone.duckdb"
        result.reused = reuse and db.exists()
        if result.reused:
            log(f"[{scale:g}×] measuring the warehouse already in {work}")
            build_repeat = 0
        else:
            log(f"[{scale:g}×] generating demo data …")
            result.generated = generate(scale, raw)
            log(f"[{scale:g}×] {result.generated.rows:,} rows in {result.generated.seconds:.1f} s; building …")
        for i in range(build_repeat):
            run = measure_build(raw, db, work / "build")
            result.builds.append(run)
            log(
                f"[{scale:g}×] build {i + 1}/{build_repeat}: {run.seconds:.1f} s "
                f"(load {run.load_seconds:.1f} s, dbt {run.dbt_seconds:.1f} s), "
                f"peak {run.peak_tree_rss / 2**20:,.0f} MiB"
            )
        also = ", alternately with the floor app's" if floor else ""
        log(f"[{scale:g}×] measuring pages in Chromium ({repeat} cold, new-tab and warm visits each{also}) …")
        result.pages = measure_pages(db, work / "pages", repeat, first_repeat, sessions, only, floor)
        for pg in result.pages.pages:
            result.floors[pg.path] = replay(db, pg.queries, repeat)
        log(f"[{scale:g}×] done")
    except MeasureError as exc:
        result.errors.append(str(exc))
    except Exception as exc:  # noqa: BLE001 - reported as "could not measure"; the other scales go on
        result.errors.append(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}")
    finally:
        result.load_end = load_average()
        if tmp is not None:
            tmp.cleanup()
    return result


def keep_work(base: Path, scale: float, reuse: bool = False) -> Path:
    """A kept work folder for one scale under base (emptied first, unless reused)."""
    work = base / f"{scale:g}x"
    if not reuse:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    return work
