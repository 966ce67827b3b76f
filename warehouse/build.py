"""Build and publish the warehouse: validate + load raw files, run dbt, then swap the file in.

The published file is only ever replaced by an atomic rename of a fully built scratch file
in the same folder, so a failed build at any step leaves it byte-for-byte as it was, and a
reader holding it open read-only keeps reading the old copy until it reopens.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.ingest import IngestError, load_raw

ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT = ROOT / "dbt_project"
DEFAULT_RAW = ROOT / "data" / "raw"
DEFAULT_DB = ROOT / "warehouse" / "zone.duckdb"
# Published builds kept beside the warehouse (the current one included), for rollback.
HISTORY_KEEP = 4


class BuildError(Exception):
    """A build step failed; the published warehouse was not touched."""


@dataclass
class BuildResult:
    """What one successful build published."""

    build_id: str
    db_path: Path
    row_counts: dict[str, int]
    seconds: float
    # where the time went (the benchmark reports them): validate + load, the dbt child process
    load_seconds: float | None = None
    dbt_seconds: float | None = None


@contextlib.contextmanager
def _build_lock(db_path: Path) -> Iterator[None]:
    """Serialise builds publishing to the same path (two writers would race on the rename)."""
    lock_path = db_path.with_name(f".{db_path.name}.lock")
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def run_dbt(
    db_path: Path,
    command: str = "build",
    extra: list[str] | None = None,
    on_line: Callable[[str], None] | None = None,
) -> subprocess.CompletedProcess:
    """Run a dbt command against the DuckDB file at db_path, in a child process.

    A child process keeps dbt's global state and its DuckDB handle out of our process, so the
    scratch file is closed for certain when dbt returns. With `on_line`, dbt's output is read
    as it is written and each line handed to on_line (the publish page's progress); stderr is
    then folded into stdout.
    """
    env = {
        **os.environ,
        "ZONE_DBT_DB": str(db_path),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(DBT_PROJECT),
        "DBT_PROJECT_DIR": str(DBT_PROJECT),
    }
    dbt = Path(sys.executable).with_name("dbt")
    args = [str(dbt), command, "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT)]
    args += extra or []
    if on_line is None:
        return subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    lines = []
    with subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            on_line(line.rstrip("\n"))
    return subprocess.CompletedProcess(args, proc.returncode, "".join(lines), "")


@contextlib.contextmanager
def _dbt_view(db_path: Path, scratch: Path) -> Iterator[Path]:
    """The scratch file under a name that is the same for every build of db_path.

    dbt keeps its parse of the project (target/partial_parse.msgpack) only while the profile is
    unchanged, and the database path is part of the profile: a path with the build id in it
    made dbt parse all 180 nodes again on every build (≈ 3 s of CPU at any scale). A hard link
    with a constant name in a folder of its own gives dbt the same path each time; it is the
    same file, so nothing is copied. Builds of the same target take turns at this step.
    """
    folder = db_path.with_name(f".{db_path.name}.dbt")
    folder.mkdir(exist_ok=True)
    link = folder / "warehouse.duckdb"
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            for stale in (link, link.with_name(link.name + ".wal")):  # left by a build that was killed
                stale.unlink(missing_ok=True)
            try:
                os.link(scratch, link)
            except OSError:  # a file system without hard links: dbt parses everything, as before
                yield scratch
            else:
                yield link
        finally:
            for made in (link, link.with_name(link.name + ".wal")):
                made.unlink(missing_ok=True)
            fcntl.flock(lock, fcntl.LOCK_UN)


def _dbt_failures(output: str) -> str:
    """The lines of dbt's output that say what failed, for the error message."""
    keep = [
        line
        for line in output.splitlines()
        if any(w in line for w in ("ERROR", "FAIL", "Error", "Failure", "error", "Compilation"))
    ]
    return "\n".join(keep[-40:]) or output[-4000:]


@dataclass
class StagedBuild:
    """A fully built warehouse in a scratch file beside db_path, not yet published."""

    build_id: str
    db_path: Path
    path: Path
    raw_dir: Path
    row_counts: dict[str, int]
    started: float  # time.perf_counter() when the build began
    load_seconds: float
    dbt_seconds: float


def new_build_id() -> str:
    """A build id, sortable by time: history and rollback order builds by their id."""
    return datetime.now().strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:6]


def stage(
    raw_dir: Path = DEFAULT_RAW,
    db_path: Path = DEFAULT_DB,
    echo: bool = False,
    on_line: Callable[[str], None] | None = None,
) -> StagedBuild:
    """Validate raw_dir, load it and run `dbt build` into a scratch file beside db_path; publish nothing.

    The caller publishes the result with `publish_staged` or drops it with `discard`. On failure
    the scratch file is removed and IngestError or BuildError raised. `on_line` receives dbt's
    output line by line while it runs.
    """
    started = time.perf_counter()
    raw_dir, db_path = Path(raw_dir).resolve(), Path(db_path).resolve()
    if not raw_dir.is_dir():
        raise BuildError(f"raw data folder not found: {raw_dir}")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    build_id = new_build_id()
    scratch = db_path.with_name(f".{db_path.name}.build-{build_id}")
    try:
        with duckdb.connect(str(scratch)) as con:
            counts = load_raw(raw_dir, con)
            con.execute(
                "create table main.build_info as select ? as build_id, ?::timestamp as built_at, ? as raw_dir, ? as row_counts",
                [build_id, datetime.now().isoformat(timespec="seconds"), str(raw_dir), json.dumps(counts)],
            )
        loaded = time.perf_counter()
        if echo:
            print(f"loaded {sum(counts.values()):,} rows from {raw_dir}; running dbt build …", flush=True)
        with _dbt_view(db_path, scratch) as seen_by_dbt:
            proc = run_dbt(seen_by_dbt, on_line=on_line)
            dbt_seconds = time.perf_counter() - loaded
            if echo:
                print(proc.stdout[-3000:], flush=True)
            if proc.returncode != 0:
                raise BuildError(
                    f"dbt build failed (exit {proc.returncode}); nothing was published:\n{_dbt_failures(proc.stdout + proc.stderr)}"
                )
            with duckdb.connect(str(seen_by_dbt)) as con:  # the same file; a WAL would sit beside this name
                con.execute("checkpoint")
    except BaseException as exc:  # nothing of a failed or interrupted build stays behind
        _remove(scratch)
        if isinstance(exc, IngestError | BuildError) or not isinstance(exc, Exception):
            raise
        # any other step: report it as a failed build, publish nothing
        raise BuildError(f"build failed: {type(exc).__name__}: {exc}") from exc
    return StagedBuild(build_id, db_path, scratch, raw_dir, counts, started, loaded - started, dbt_seconds)


def publish_staged(staged: StagedBuild) -> BuildResult:
    """Swap a staged build in at its db_path atomically and keep it in the history."""
    try:
        with _build_lock(staged.db_path):
            os.replace(staged.path, staged.db_path)
            _remember(staged.db_path, staged.build_id)
    except Exception as exc:
        raise BuildError(f"build failed: {type(exc).__name__}: {exc}") from exc
    seconds = time.perf_counter() - staged.started
    return BuildResult(
        staged.build_id, staged.db_path, staged.row_counts, seconds, staged.load_seconds, staged.dbt_seconds
    )


def _remove(scratch: Path) -> None:
    for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def discard(staged: StagedBuild) -> None:
    """Remove a staged build's scratch file (nothing left behind once it is published or dropped)."""
    _remove(staged.path)


def build(raw_dir: Path = DEFAULT_RAW, db_path: Path = DEFAULT_DB, echo: bool = False) -> BuildResult:
    """Validate raw_dir, load it, run `dbt build`, and publish the result at db_path atomically."""
    staged = stage(raw_dir, db_path, echo=echo)
    try:
        return publish_staged(staged)
    finally:
        discard(staged)


def history_dir(db_path: Path) -> Path:
    """Folder of the last published builds of db_path, hard links named `<build_id>.duckdb`."""
    return db_path.with_name(db_path.name + ".history")


def read_build_id(db_path: Path) -> str:
    """The build id stored in a published warehouse."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("select build_id from main.build_info").fetchall()[0][0]


def published_builds(db_path: Path) -> list[str]:
    """Build ids kept for db_path, oldest first."""
    folder = history_dir(Path(db_path).resolve())
    return sorted(p.stem for p in folder.glob("*.duckdb")) if folder.is_dir() else []


def _remember(db_path: Path, build_id: str) -> None:
    """Keep a hard link to the build just published (no copy) and forget the oldest ones."""
    folder = history_dir(db_path)
    folder.mkdir(exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.link(db_path, folder / f"{build_id}.duckdb")
    kept = sorted(folder.glob("*.duckdb"))
    for old in kept[:-HISTORY_KEEP]:
        old.unlink()


def rollback(db_path: Path = DEFAULT_DB) -> str:
    """Publish again the build before the current one; returns its build id."""
    db_path = Path(db_path).resolve()
    if not db_path.exists():
        raise BuildError(f"no published warehouse at {db_path}")
    with _build_lock(db_path):
        current = read_build_id(db_path)
        kept = published_builds(db_path)
        older = [b for b in kept if b < current]
        if not older:
            raise BuildError(f"no earlier build of {db_path} is kept (kept: {', '.join(kept) or 'none'})")
        target = older[-1]
        staged = db_path.with_name(f".{db_path.name}.rollback-{target}")
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
        os.link(history_dir(db_path) / f"{target}.duckdb", staged)
        os.replace(staged, db_path)
        # the build rolled back from is dropped, so a second rollback goes one further back
        (history_dir(db_path) / f"{current}.duckdb").unlink(missing_ok=True)
    return target
