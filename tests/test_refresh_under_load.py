"""Refresh under load: `python -m warehouse build` publishes while the dashboard and the headline CLI read non-stop.

Each build publishes a slightly different copy of the demo data (variant k adds k × 1000 万元
to one 2025 row of gross output), so a mart value tells which build it came from. Every
reader fetches the build id, the raw folder it was built from and that mart value in one
query, so in one snapshot, and the test checks they belong together: a read that mixed two
warehouses, or saw a half-written one, would pair a build with another build's number.

Readers are two processes of four threads each (this file run as a script), calling
dashboard.data the way the app's sessions do, plus the headline CLI run back to back.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

import duckdb
import pytest
from dashboard_helpers import python_m

from warehouse.build import published_builds, read_build_id

# Builds and readers load both cores on purpose: no other test runs meanwhile (conftest.py, xdist).
pytestmark = pytest.mark.alone
ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2025-06"
STEP = 1000.0  # 万元 added to one 2025 gross_output per variant
BUILDS = 3
READER_PROCESSES = 2
THREADS_PER_READER = 4
# A short pause between reads: on a 2-core machine, readers spinning flat out would starve
# the build of CPU; what matters is that reads overlap every publish, not their rate.
READ_PAUSE = 0.1
HEADLINE_PAUSE = 2.0  # between headline CLI runs: each is a new Python process, about a CPU-second
# The one query that pairs the build with a mart value, in one snapshot. The nonce makes
# every call a cache miss of st.cache_data, so each call really reads the file.
PAIRED_SQL = (
    "select b.build_id, b.raw_dir, h.gross_output_ytd, ?::bigint as nonce "
    "from build_info b, headline_metrics h where h.period = ?"
)


# --- the reader process (this file run as a script) ------------------------------------------


def _read_until_stopped(stop_file: Path, ready_file: Path, threads: int, deadline: float) -> dict:
    """Query the warehouse through dashboard.data from `threads` threads until stop_file appears.

    Each thread makes one last read after it sees stop_file, which the test creates once the
    last build is published: that read must find the last build (no stale connection or cache).
    """
    from dashboard import data

    errors: list[str] = []
    results: list[dict] = []
    lock = threading.Lock()

    def reader(index: int) -> None:
        seen: list[list] = []  # [build_id, raw_dir, gross_output_ytd, reads], one entry per run of equal reads
        values: set[float] = set()  # gross_output_ytd seen by the page-style calls
        reads, calls, last, max_gap, first = 0, 0, time.time(), 0.0, None
        nonce = index * 10_000_000
        final = None  # the build that the read begun after stop_file appeared found
        while True:
            stopping = stop_file.exists() or time.time() > deadline
            try:
                nonce += 1
                row = data.records(data.query(PAIRED_SQL, nonce, PERIOD))
                obs = [row["build_id"], row["raw_dir"], float(row["gross_output_ytd"])]
                if seen and seen[-1][:3] == obs:
                    seen[-1][3] += 1
                else:
                    seen.append([*obs, 1])
                reads += 1
                final = obs[0] if stopping else None
                # what the pages call (cached per published copy): each must answer from one warehouse
                match reads % 4:
                    case 0:
                        values.add(float(data.headline(PERIOD)["gross_output_ytd"]))
                    case 1:
                        assert PERIOD in data.periods()
                    case 2:
                        assert data.build_info()["build_id"]
                    case _:
                        assert not data.headline_changes(PERIOD).empty
                calls += 1
            except Exception:  # noqa: BLE001  (any failure in a reader thread is recorded; the test asserts none)
                with lock:
                    errors.append(f"thread {index}: {traceback.format_exc()}")
            now = time.time()
            first = first or now
            max_gap, last = max(max_gap, now - last), now
            if index == 0 and not ready_file.exists():
                ready_file.touch()  # after the first read, good or bad
            if stopping:
                break
            time.sleep(READ_PAUSE)
        with lock:
            results.append(
                {
                    "thread": index,
                    "reads": reads,
                    "calls": calls,
                    "seen": seen,
                    "values": sorted(values),
                    "first": first,
                    "last": last,
                    "max_gap": max_gap,
                    "final": final,
                }
            )

    workers = [threading.Thread(target=reader, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return {"pid": os.getpid(), "threads": results, "errors": errors}


# --- the test -----------------------------------------------------------------------------


def make_variant(source: Path, out: Path, k: int) -> Path:
    """A copy of the demo raw data with k × STEP added to the first 2025 gross_output (YTD at PERIOD)."""
    shutil.copytree(source, out)
    path = out / "industrial_monthly.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    col = rows[0].index("gross_output")
    period = rows[0].index("period")
    i = next(i for i, r in enumerate(rows[1:], start=1) if "2025-01" <= r[period] <= PERIOD)
    rows[i][col] = f"{float(rows[i][col]) + k * STEP:.2f}"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return out


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return python_m("warehouse", *args, timeout=timeout)


def test_builds_publish_while_dashboard_and_cli_read(tmp_path: Path, demo_raw: Path, demo_db: Path) -> None:
    started = time.perf_counter()
    db = tmp_path / "zone.duckdb"
    shutil.copy(demo_db, db)
    first_id = read_build_id(db)
    with duckdb.connect(str(db), read_only=True) as con:
        base = con.execute("select gross_output_ytd from main.headline_metrics where period = ?", [PERIOD]).fetchall()[
            0
        ][0]
    raws = {0: demo_raw.resolve()}
    for k in range(1, BUILDS + 1):
        raws[k] = make_variant(demo_raw, tmp_path / f"raw_{k}", k).resolve()
    variant_of = {str(path): k for k, path in raws.items()}

    def expected(value: float) -> int | None:
        """The variant whose gross_output_ytd this is, or None."""
        k = round((value - base) / STEP)
        return k if k in raws and abs(value - (base + k * STEP)) < 0.5 else None

    # readers: two processes of dashboard.data threads
    stop = tmp_path / "stop"
    env = {**os.environ, "ZONE_DB": str(db), "PYTHONPATH": str(ROOT)}
    readers = []
    for n in range(READER_PROCESSES):
        ready = tmp_path / f"ready_{n}"
        proc = subprocess.Popen(
            [sys.executable, __file__, str(stop), str(ready), str(THREADS_PER_READER)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        readers.append((proc, ready))
    # and the headline CLI, back to back
    cli_errors: list[str] = []
    cli_values: list[float] = []
    cli_runs: list[tuple[float, float]] = []  # (start, end) of each run
    cli_done = threading.Event()

    def headline_loop() -> None:
        while not cli_done.is_set():
            begun = time.time()
            try:
                proc = cli("headline", "--db", str(db), "--period", PERIOD, timeout=120)
            except subprocess.TimeoutExpired as exc:
                cli_errors.append(repr(exc))
                continue
            if proc.returncode != 0:
                cli_errors.append(f"exit {proc.returncode}: {proc.stderr}")
                continue
            try:
                cli_values.append(float(json.loads(proc.stdout)["gross_output_ytd"]))
            except (ValueError, KeyError) as exc:
                cli_errors.append(f"{exc!r}: {proc.stdout[:500]}")
            cli_runs.append((begun, time.time()))
            cli_done.wait(HEADLINE_PAUSE)

    headline_thread = threading.Thread(target=headline_loop)
    outputs = []
    try:
        limit = time.time() + 120
        while not all(ready.exists() for _, ready in readers):
            assert all(p.poll() is None for p, _ in readers), "a reader process died before its first read"
            assert time.time() < limit, "readers did not start"
            time.sleep(0.1)
        headline_thread.start()
        builds_started = time.time()
        published: list[str] = []
        build_raw: dict[str, Path] = {first_id: raws[0]}
        build_windows: list[tuple[float, float]] = []
        for k in range(1, BUILDS + 1):
            begun = time.time()
            proc = cli("build", "--raw", str(raws[k]), "--db", str(db), "--quiet")
            build_windows.append((begun, time.time()))
            assert proc.returncode == 0, f"build {k} failed:\n{proc.stdout}\n{proc.stderr}"
            found = re.search(r"\(build (\S+),", proc.stdout)
            assert found, proc.stdout
            published.append(found.group(1))
            build_raw[found.group(1)] = raws[k]
        builds_ended = build_windows[-1][1]
    finally:
        stop.touch()
        cli_done.set()
        if headline_thread.is_alive():
            headline_thread.join(timeout=90)
        for proc, _ in readers:
            try:
                out, err = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
            outputs.append((proc.returncode, out, err))

    # zero reader errors
    reports = []
    for rc, out, err in outputs:
        assert rc == 0, f"reader process exited {rc}:\n{err[-3000:]}"
        reports.append(json.loads(out))
    errors = [e for r in reports for e in r["errors"]]
    assert errors == [], f"{len(errors)} reader errors, the first:\n{errors[0]}"
    assert cli_errors == [], f"{len(cli_errors)} headline CLI errors, the first:\n{cli_errors[0]}"

    threads = [t for r in reports for t in r["threads"]]
    assert len(threads) == READER_PROCESSES * THREADS_PER_READER
    ids_in_order = [first_id, *published]
    assert ids_in_order == sorted(ids_in_order), "build ids must sort in publishing order"
    for t in threads:
        assert t["first"] < builds_started and t["last"] > builds_ended, "a reader stopped reading during the builds"
        # a reader blocked by a build would wait for all of it; 30 s leaves room for a busy machine
        assert t["max_gap"] < 30, f"a reader waited {t['max_gap']:.1f} s for one read"
        ids = [s[0] for s in t["seen"]]
        # one complete published warehouse per read: the build, its raw folder and its mart value agree
        for build_id, raw_dir, value, _ in t["seen"]:
            assert build_id in build_raw, f"read an unknown build {build_id}"
            assert raw_dir == str(build_raw[build_id]), f"build {build_id} paired with raw folder {raw_dir}"
            assert expected(value) == variant_of[raw_dir], f"build {build_id} paired with gross_output_ytd {value}"
        assert ids == sorted(ids), f"a reader went back to an older build: {ids}"
        assert t["final"] == published[-1], f"a read begun after the last publish found {t['final']}: {ids}"
        assert all(expected(v) is not None for v in t["values"]), t["values"]
    seen_ids = {s[0] for t in threads for s in t["seen"]}
    assert seen_ids == set(ids_in_order), "every published build was read by someone"
    for begun, ended in build_windows:
        assert any(a < ended and b > begun for a, b in cli_runs), "no headline CLI run overlapped a build"
    assert all(expected(v) is not None for v in cli_values), cli_values

    # rollback publishes the build before the last one again
    proc = cli("rollback", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert read_build_id(db) == published[-2]
    assert published_builds(db)[-1] == published[-2]
    proc = cli("headline", "--db", str(db), "--period", PERIOD)
    assert expected(json.loads(proc.stdout)["gross_output_ytd"]) == BUILDS - 1

    reads = sum(t["reads"] for t in threads)
    print(
        f"\n{BUILDS} builds ({', '.join(f'{b - a:.1f}' for a, b in build_windows)} s) "
        f"under {len(threads)} reader threads: "
        f"{reads} paired reads, {sum(t['calls'] for t in threads)} page calls, "
        f"{len(cli_values)} headline CLI runs, max gap {max(t['max_gap'] for t in threads):.2f} s, "
        f"{time.perf_counter() - started:.0f} s in all"
    )


if __name__ == "__main__":
    # python tests/test_refresh_under_load.py STOP_FILE READY_FILE THREADS  (run by the test above)
    stop_file, ready_file, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(_read_until_stopped(stop_file, ready_file, n, deadline=time.time() + 900)))
