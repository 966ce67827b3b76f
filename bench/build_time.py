"""Demo data generation and the build (ingest + `dbt build`): wall time, memory, and dbt's profile.

The build runs in a child process (bench._build_child) exactly as `python -m warehouse build`
runs it; its memory is the process tree's (the child plus the dbt process it starts),
sampled from /proc every 0.1 s, and the largest single process's peak from wait4's rusage.
dbt writes its run_results.json and log into the benchmark's work folder, not the
project's target/, so a build elsewhere on the machine cannot mix into the profile.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench.machine import load_average
from bench.procs import tree_rss_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.1


class MeasureError(RuntimeError):
    """A figure could not be measured (the benchmark exits non-zero)."""


@dataclass
class Generated:
    """Demo data written for one scale."""

    scale: float
    raw: Path
    rows: int
    bytes: int
    seconds: float


@dataclass
class DbtProfile:
    """Where dbt's time went, from its log and run_results.json."""

    process_seconds: float  # the dbt child, start to exit
    command_seconds: float | None  # dbt's own wall clock (after Python imports)
    parse_seconds: float | None  # 'Running with dbt' to 'Concurrency:' (parse + connection)
    execute_seconds: float | None  # run_results elapsed_time: the DAG of models, seeds, tests
    parse_kind: str  # 'partial' or the reason it parsed everything
    nodes: list[tuple[str, float]] = field(default_factory=list)  # (unique_id, seconds), slowest first


@dataclass
class BuildRun:
    """One measured build."""

    seconds: float  # the child process, start to exit (what `python -m warehouse build` costs)
    cpu_seconds: float  # user + system CPU of the child and dbt: what the build costs on an idle machine
    build_seconds: float  # BuildResult.seconds
    load_seconds: float
    dbt_seconds: float
    peak_tree_rss: int  # bytes, child + dbt summed, sampled
    max_process_rss: int  # bytes, the largest single process (rusage)
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    raw_rows: int
    db_bytes: int
    dbt: DbtProfile


def generate(scale: float, out: Path) -> Generated:
    """Write the demo data at `scale` into `out` with `python -m warehouse demo-data`."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "warehouse", "demo-data", "--out", str(out), "--scale", f"{scale:g}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise MeasureError(f"demo-data --scale {scale:g} failed:\n{proc.stdout}\n{proc.stderr}")
    m = re.search(r"wrote ([\d,]+) rows", proc.stdout)
    rows = int(m.group(1).replace(",", "")) if m else 0
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    return Generated(scale, out, rows, size, seconds)


def measure_build(raw: Path, db: Path, work: Path) -> BuildRun:
    """Build `raw` into `db` in a child process; time, memory and dbt's profile."""
    work.mkdir(parents=True, exist_ok=True)
    logs = work / f"dbt-logs-{time.time_ns()}"
    env = {
        **os.environ,
        "DBT_TARGET_PATH": str(work / "dbt-target"),  # kept across builds: partial parsing can reuse it
        "DBT_LOG_PATH": str(logs),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    out, err = work / "build.out", work / "build.err"
    load_before = load_average()
    started = time.perf_counter()
    with out.open("w") as fo, err.open("w") as fe:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench._build_child", str(raw), str(db)], cwd=ROOT, env=env, stdout=fo, stderr=fe
        )
        peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_rss_bytes(proc.pid))
            time.sleep(SAMPLE_SECONDS)
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise MeasureError(f"build of {raw} failed (exit {proc.returncode}):\n{err.read_text()[-4000:]}")
    result = json.loads(out.read_text().strip().splitlines()[-1])
    return BuildRun(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        build_seconds=result["seconds"],
        load_seconds=result["load_seconds"],
        dbt_seconds=result["dbt_seconds"],
        # the tree holds the largest process: samples 0.1 s apart can miss that process's brief peak
        peak_tree_rss=max(peak, usage.ru_maxrss * 1024),
        max_process_rss=usage.ru_maxrss * 1024,
        load_before=load_before,
        load_after=load_average(),
        raw_rows=result["raw_rows"],
        db_bytes=db.stat().st_size,
        dbt=dbt_profile(work / "dbt-target" / "run_results.json", logs / "dbt.log", result["dbt_seconds"]),
    )


_TS = re.compile(r"(\d\d:\d\d:\d\d\.\d+)")


def _ts(line: str) -> float | None:
    m = _TS.search(line)
    if not m:
        return None
    t = datetime.strptime(m.group(1), "%H:%M:%S.%f")
    return t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6


def dbt_profile(run_results: Path, log: Path, process_seconds: float) -> DbtProfile:
    """dbt's phases (imports, parse, execution) and its slowest nodes."""
    nodes: list[tuple[str, float]] = []
    execute = None
    if run_results.exists():
        rr = json.loads(run_results.read_text())
        execute = rr.get("elapsed_time")
        nodes = sorted(((r["unique_id"], r["execution_time"]) for r in rr["results"]), key=lambda x: -x[1])
    command = parse = None
    parse_kind = "unknown"
    if log.exists():
        started = concurrency = None
        for line in log.read_text(errors="replace").splitlines():
            if "Running with dbt=" in line and started is None:
                started = _ts(line)
            elif "Concurrency:" in line and concurrency is None:
                concurrency = _ts(line)
            elif '"command_wall_clock_time"' in line:
                m = re.search(r'"command_wall_clock_time": ([\d.]+)', line)
                command = float(m.group(1)) if m else None
            if "Unable to do partial parsing because" in line:
                parse_kind = "full: " + line.split("because", 1)[1].strip().rstrip(".")
            elif "Partial parse save file not found" in line:
                parse_kind = "full: no saved parse yet"
            elif "Nothing changed, skipping partial parsing" in line or "Partial parsing enabled" in line:
                parse_kind = "partial"
        if started is not None and concurrency is not None:
            parse = (concurrency - started) % 86400
    return DbtProfile(process_seconds, command, parse, execute, parse_kind, nodes)
