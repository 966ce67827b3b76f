"""Preview and publish: build the warehouse into a staged file, compare it with the published one, publish it.

The publish page (dashboard/app_pages/publish.py) and the command line drive this module; it
has no Streamlit in it. A publish job runs in a thread of the process that starts it; the
build's heavy parts (loading the raw files into DuckDB, the `dbt build` child process) do
not hold the interpreter, so the app keeps serving the published file meanwhile.

Files beside the warehouse `<db>` (all hidden, all in the warehouse's folder):

- `.<db>.publish.json` — the job's status, written atomically so any session (or another
  process) reads a whole one: state (running / staged / succeeded / failed / rolled_back), mode, by,
  started_at, finished_at, progress {phase, done, total, step}, message, failures, preview;
- `.<db>.publish.lock` — held (flock) for as long as a job or a rollback runs: one at a time;
  a second one is refused at once (PublishBusy) instead of queueing behind the first;
- `.<db>.staged` — the build a preview made, published as is by `publish_staged` when neither
  the input nor the published build changed since (what was previewed is what is published).

The input is one folder of raw files in the contract's layout (`input_folder`): the landing
store's latest accepted submissions when the store (warehouse/intake) holds any, else the raw
folder ($ZONE_RAW, else data/raw). Nothing is published while the store holds a submission
under review (`held`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import importlib
import importlib.util
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from warehouse import audit, build, metrics, readonly, safe_sql
from warehouse.ingest import IngestError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = ROOT / "warehouse" / "landing"
RUNNING, STAGED, SUCCEEDED, FAILED, ROLLED_BACK = "running", "staged", "succeeded", "failed", "rolled_back"
# dbt prints one line per node: "  12 of 188 START sql table model main.x …" and "12 of 188 OK created …"
_NODE_LINE = re.compile(r"(\d+) of (\d+) (START|OK|PASS|FAIL|ERROR|WARN|SKIP|NO-OP)\b(.*)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# dbt's summary names what failed: "Failure in test unique_x (models/…yml)", "Database Error in model y (…sql)"
_FAILED_NODE = re.compile(r"(?:Failure|Error) in (test|model|unit_test|seed|snapshot) ([\w.:-]+)(?: \(([^)]*)\))?")


class PublishBusy(Exception):
    """Another publish or rollback of the same warehouse is running."""


class PublishRefused(Exception):
    """Publishing is not allowed now (a submission is held for review, the preview is out of date …)."""


# --- the input ----------------------------------------------------------------------------------


def _store(store: Path | str | None = None) -> Any | None:
    """The landing store (warehouse/intake's Store) when this checkout has one and its folder exists."""
    folder = store_dir(store)
    if importlib.util.find_spec("warehouse.intake") is None or not folder.is_dir():
        return None
    return importlib.import_module("warehouse.intake").Store(folder)


def store_dir(store: Path | str | None = None) -> Path:
    """The landing store's folder: given, else $ZONE_STORE, else warehouse/landing."""
    return Path(store or os.environ.get("ZONE_STORE") or DEFAULT_STORE)


def raw_folder() -> Path:
    """The folder of raw files: $ZONE_RAW, else data/raw."""
    raw = os.environ.get("ZONE_RAW")
    path = Path(raw) if raw else build.DEFAULT_RAW
    return path if path.is_absolute() else Path.cwd() / path


def uses_store(store: Path | str | None = None) -> bool:
    """Whether the input is the landing store (it exists and holds submissions) rather than the raw folder."""
    landing = _store(store)
    return landing is not None and bool(landing.submissions(limit=1))


def input_folder(store: Path | str | None = None) -> Path:
    """The folder a publish builds from: the store's latest accepted submissions when it holds any, else raw_folder().

    From the store, a new folder under <store>/.materialized is written on every call; the
    caller removes it when done (`current_input` does).
    """
    if not uses_store(store):
        return raw_folder()
    parent = store_dir(store) / ".materialized"
    parent.mkdir(exist_ok=True)
    return Path(_store(store).materialize(Path(tempfile.mkdtemp(prefix="input-", dir=parent))))


@contextlib.contextmanager
def current_input(store: Path | str | None = None) -> Iterator[Path]:
    """input_folder() for the length of a with block; a folder materialized from the store is removed after it."""
    folder = input_folder(store)
    try:
        yield folder
    finally:
        if folder.parent == store_dir(store) / ".materialized":
            shutil.rmtree(folder, ignore_errors=True)


def input_signature(store: Path | str | None = None) -> tuple:
    """Changes whenever the input may have: the store's database file, or the raw folder's files (name, size, mtime)."""
    if uses_store(store):
        folder = store_dir(store)
        return ("store", *[(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.sqlite*"))])
    folder = raw_folder()
    if not folder.is_dir():
        return ("missing", str(folder))
    return ("raw", str(folder), *[(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir())])


def held(store: Path | str | None = None) -> list[dict]:
    """Submissions held for review in the landing store (none without a store)."""
    landing = _store(store)
    return list(landing.held()) if landing is not None else []


def _held_refusal(waiting: list[dict]) -> PublishRefused:
    named = ", ".join(f"#{h.get('id')} {h.get('table')} ({h.get('file')})" for h in waiting[:10])
    return PublishRefused(
        f"{len(waiting)} submission(s) held for review, nothing published until they are cleared: {named}"
    )


def fingerprint(raw_dir: Path) -> str:
    """A hash of the folder's raw files (names and bytes): a preview is published only for the input it was made from."""
    digest = hashlib.sha256()
    for path in sorted(Path(raw_dir).iterdir()):
        if path.is_file() and path.suffix.lower() in (".csv", ".xlsx"):
            digest.update(path.name.encode() + b"\0")
            with path.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
    return digest.hexdigest()


_PERIOD_COLUMNS = (("period", "报告期"), ("year", "年度"))


def input_files(raw_dir: Path) -> pd.DataFrame:
    """One row per raw file: file, table, rows, first and last period (or year) it holds, size, modified."""
    rows = []
    for path in sorted(Path(raw_dir).iterdir()):
        if not (path.is_file() and path.suffix.lower() in (".csv", ".xlsx")):
            continue
        n, first, last = None, None, None
        if path.suffix.lower() == ".csv":
            source = f"read_csv({readonly.literal(str(path))}, header = true, all_varchar = true)"
            with contextlib.suppress(duckdb.Error, UnicodeDecodeError), duckdb.connect() as con:
                names = {d[0].strip().lower(): d[0] for d in con.execute(f"select * from {source} limit 0").description}
                column = next((names[a] for pair in _PERIOD_COLUMNS for a in pair if a in names), None)
                shown = readonly.identifier(column) if column else "null"
                n, first, last = con.execute(
                    f"select count(*), min(trim({shown})), max(trim({shown})) from {source}"
                ).fetchone()
        stat = path.stat()
        rows.append(
            {
                "file": path.name,
                "table": path.stem,
                "rows": n,
                "first_period": first,
                "last_period": last,
                "bytes": stat.st_size,
                "modified": dt.datetime.fromtimestamp(stat.st_mtime),
            }
        )
    return pd.DataFrame(rows, columns=["file", "table", "rows", "first_period", "last_period", "bytes", "modified"])


# --- staging and the preview --------------------------------------------------------------------


def stage(raw_dir: Path, db_path: Path, on_line: Callable[[str], None] | None = None) -> build.StagedBuild:
    """Build raw_dir into a staged file beside db_path (the published file is not touched)."""
    return build.stage(raw_dir, db_path, on_line=on_line)


def _headline(db_path: Path) -> pd.DataFrame:
    """headline_metrics of one warehouse file, one row per period (empty when there is no file)."""
    if not Path(db_path).is_file():
        return pd.DataFrame(columns=["period", *metrics.NAMES])
    cols = ", ".join(readonly.identifier(n) for n in metrics.NAMES)
    with readonly.opened(db_path) as con:
        return con.execute(f"select period, {cols} from headline_metrics order by period").df()


def _same(a: object, b: object, decimals: int) -> bool:
    """Whether two values of a metric print alike (both missing, or equal at the metric's decimals)."""
    a_missing, b_missing = pd.isna(a), pd.isna(b)
    if a_missing or b_missing:
        return a_missing and b_missing
    return round(float(a), decimals + 2) == round(float(b), decimals + 2)


def preview(staged: build.StagedBuild | Path, published_db: Path, language: str = "zh") -> pd.DataFrame:
    """Every headline metric for the affected periods, published against new.

    The affected periods are those where any metric differs (or that only one side has), plus
    the latest period of the new build. One row per period and metric: period, metric, label,
    published, new, changed, and the three printed through dashboard/fmt.py (published_text,
    new_text, change_text) in `language`.
    """
    from dashboard import fmt  # the one number formatter; no Streamlit in it

    new_path = staged.path if isinstance(staged, build.StagedBuild) else Path(staged)
    old, new = _headline(published_db).set_index("period"), _headline(new_path).set_index("period")
    periods = sorted(set(old.index) | set(new.index))
    affected = set()
    for period in periods:
        if period not in old.index or period not in new.index:
            affected.add(period)
            continue
        for m in metrics.METRICS:
            if not _same(old.at[period, m.name], new.at[period, m.name], m.decimals):
                affected.add(period)
                break
    if len(new.index):
        affected.add(max(new.index))
    rows = []
    for period in sorted(affected, reverse=True):
        for m in metrics.METRICS:
            before = old.at[period, m.name] if period in old.index else None
            after = new.at[period, m.name] if period in new.index else None
            before = None if pd.isna(before) else float(before)
            after = None if pd.isna(after) else float(after)
            changed = not _same(before, after, m.decimals)
            rows.append(
                {
                    "period": period,
                    "metric": m.name,
                    "label": m.label(language),
                    "published": before,
                    "new": after,
                    "changed": changed,
                    "published_text": fmt.metric(m.name, before, language=language),
                    "new_text": fmt.metric(m.name, after, language=language),
                    "change_text": change_text(m.name, before, after, language),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "period",
            "metric",
            "label",
            "published",
            "new",
            "changed",
            "published_text",
            "new_text",
            "change_text",
        ],
    )


def change_text(name: str, before: float | None, after: float | None, language: str = "zh") -> str:
    """How a headline metric moves from before to after, signed, in its printed unit (— when unchanged or unknown)."""
    from dashboard import fmt

    m = metrics.BY_NAME[name]
    if before is None or after is None or pd.isna(before) or pd.isna(after) or _same(before, after, m.decimals):
        return fmt.DASH
    diff = after - before
    if m.is_rate:
        return fmt.pp(diff, m.decimals, language=language)
    if m.unit == "yuan_wan":
        return ("+" if diff >= 0 else "-") + fmt.yi(abs(diff), m.decimals, language=language)
    return fmt.signed_count(diff, fmt.measure_word(m.unit, language), language=language)


# --- what failed, in words ------------------------------------------------------------------------


def _manifest() -> dict:
    """dbt's manifest of the project (written by every build), {} before the first one."""
    path = safe_sql.dbt_target_dir(build.DBT_PROJECT) / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _first_line(text: str | None) -> str:
    """The first non-empty line of a description, without markdown headings."""
    for line in (text or "").splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line
    return ""


def failures(output: str) -> list[dict]:
    """What failed in a dbt build's output, each with what the manifest says about it.

    One dict per failed node: kind (test / model / unit_test …), name, path, and for a test
    the model and column it checks, the kind of check (unique, not_null, relationships …)
    and the checked model's and column's descriptions; for a model its description.
    """
    text = _ANSI.sub("", output)
    seen, found = set(), []
    for kind, name, path in _FAILED_NODE.findall(text):
        if name in seen:
            continue
        seen.add(name)
        found.append({"kind": kind, "name": name, "path": path})
    if not found:  # no summary line: take the per-node FAIL / ERROR lines
        for match in _NODE_LINE.finditer(text):
            status, rest = match.group(3), match.group(4)
            if status in ("FAIL", "ERROR"):
                words = rest.split()
                name = next((w for w in words if "_" in w or "." in w), words[-1] if words else "?")
                name = name.split(".")[-1]
                if name not in seen:
                    seen.add(name)
                    found.append({"kind": "test" if status == "FAIL" else "model", "name": name, "path": ""})
    nodes = _manifest().get("nodes", {})
    by_name = {}
    for node in nodes.values():
        by_name.setdefault(node.get("name"), node)
    for item in found:
        node = by_name.get(item["name"].split("::")[0])
        if node is None:
            continue
        if item["kind"] == "test" and node.get("resource_type") == "test":
            meta = node.get("test_metadata") or {}
            attached = nodes.get(node.get("attached_node") or "", {})
            column = node.get("column_name") or (meta.get("kwargs") or {}).get("column_name")
            item.update(
                check=meta.get("name") or "singular",
                model=attached.get("name"),
                column=column,
                model_description=_first_line(attached.get("description")),
                column_description=_first_line(
                    ((attached.get("columns") or {}).get(column or "") or {}).get("description")
                ),
                description=_first_line(node.get("description")),
            )
        else:
            item.update(model=node.get("name"), description=_first_line(node.get("description")))
    return found


# --- the status file and the lock -----------------------------------------------------------------


def status_path(db_path: Path) -> Path:
    """The publish job's status file beside the warehouse."""
    db_path = Path(db_path).resolve()
    return db_path.with_name(f".{db_path.name}.publish.json")


def staged_path(db_path: Path) -> Path:
    """Where a previewed build waits to be published."""
    db_path = Path(db_path).resolve()
    return db_path.with_name(f".{db_path.name}.staged")


def _lock_path(db_path: Path) -> Path:
    db_path = Path(db_path).resolve()
    return db_path.with_name(f".{db_path.name}.publish.lock")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _write_status(db_path: Path, status: dict) -> None:
    """Replace the status file in one rename, so a reader never sees half of it."""
    path = status_path(db_path)
    tmp = path.with_name(path.name + f".{os.getpid()}.{threading.get_ident()}")
    tmp.write_text(json.dumps(status, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, path)


def _busy(db_path: Path) -> bool:
    """Whether a job or a rollback holds the publish lock now."""
    path = _lock_path(db_path)
    if not path.exists():
        return False
    with path.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False


def read_status(db_path: Path) -> dict:
    """The last job's status ({} when none ran); a job that died mid-way is reported failed (interrupted)."""
    try:
        status = json.loads(status_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if status.get("state") == RUNNING and not _busy(db_path):
        status = {**status, "state": FAILED, "interrupted": True}
    return status


@contextlib.contextmanager
def _publish_lock(db_path: Path) -> Iterator[None]:
    """Hold the publish lock, or raise PublishBusy at once if someone holds it."""
    fh = _lock_path(db_path).open("a")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        fh.close()
        status = read_status(db_path)
        who = status.get("by") or "?"
        raise PublishBusy(
            f"a publish of {Path(db_path).name} is already running (started by {who} at {status.get('started_at', '?')})"
        ) from exc
    try:
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


# --- the job --------------------------------------------------------------------------------------


@dataclass
class Progress:
    """What dbt's output says so far: n of m nodes done, the one running now."""

    done: int = 0
    total: int = 0
    step: str = ""
    failed: list[str] = field(default_factory=list)

    def feed(self, line: str) -> bool:
        """Take one line of dbt's output; True when it moved the progress on."""
        match = _NODE_LINE.search(_ANSI.sub("", line))
        if not match:
            return False
        total, status, rest = int(match.group(2)), match.group(3), match.group(4)
        self.total = total
        if status == "START":
            self.step = _node_name(rest)
        else:
            self.done += 1
            if status in ("FAIL", "ERROR"):
                self.failed.append(_node_name(rest))
        return True


def _node_name(rest: str) -> str:
    """The node's name in the tail of a dbt node line ('sql table model main.x ....... [RUN]' → 'x')."""
    head = rest.split(" ..", 1)[0].split(" [", 1)[0].strip()
    last = head.split()[-1] if head.split() else ""
    return last.split(".")[-1] if "::" not in last else last


@dataclass
class Job:
    """A publish job started in a thread: join() waits for it; the status file tells how it went."""

    db_path: Path
    thread: threading.Thread

    def join(self, timeout: float | None = None) -> dict:
        self.thread.join(timeout)
        return read_status(self.db_path)


def _audit(event: str, by: str, role: str | None, what: str | None, rows: int | None = None, **details: Any) -> None:
    """Record a publish or rollback; a log that cannot be written does not undo what was done."""
    with contextlib.suppress(OSError):
        audit.record(event, by, role, what=what, rows=rows, **details)


def _after_publish(db_path: Path) -> str | None:
    """Call dashboard.subscriptions.after_publish(db_path) when that module exists; its error, if any."""
    if importlib.util.find_spec("dashboard.subscriptions") is None:
        return None
    try:
        hook = getattr(importlib.import_module("dashboard.subscriptions"), "after_publish", None)
        if hook is not None:
            hook(db_path)
    except Exception as exc:  # noqa: BLE001 - the publish stands; the hook's failure is told, not raised
        return f"{type(exc).__name__}: {exc}"
    return None


def _run(db_path: Path, raw_dir: Path, by: str, role: str | None, publish: bool, status: dict) -> dict:
    """The job's body (the publish lock is held): stage, preview, then publish or keep the staged file."""
    progress = Progress()
    last_write = [0.0]

    def on_line(line: str) -> None:
        if progress.feed(line):
            status["progress"] = {"phase": "dbt", "done": progress.done, "total": progress.total, "step": progress.step}
            now = dt.datetime.now().timestamp()
            if now - last_write[0] >= 0.5 or progress.done == progress.total:
                last_write[0] = now
                _write_status(db_path, status)

    published_before = build.read_build_id(db_path) if Path(db_path).is_file() else None
    try:
        staged = stage(raw_dir, db_path, on_line=on_line)
    except IngestError as exc:
        problems = [dataclasses.asdict(problem) for problem in exc.problems]
        status.update(state=FAILED, finished_at=_now(), message=str(exc), failures=[], problems=problems, kind="ingest")
        _write_status(db_path, status)
        _audit("publish", by, role, None, state=FAILED, raw_dir=str(raw_dir), message=str(exc))
        return status
    except build.BuildError as exc:
        found = failures(str(exc))
        status.update(state=FAILED, finished_at=_now(), message=str(exc), failures=found, kind="dbt")
        _write_status(db_path, status)
        _audit("publish", by, role, None, state=FAILED, raw_dir=str(raw_dir), failed=[f["name"] for f in found])
        return status
    rows = sum(staged.row_counts.values())
    try:
        status["progress"] = {**status.get("progress", {}), "phase": "preview"}
        _write_status(db_path, status)
        frame = preview(staged, db_path)
        status["preview"] = json.loads(frame.to_json(orient="records", force_ascii=False))
        status.update(build_id=staged.build_id, rows=rows, published_before=published_before)
        if not publish:
            os.replace(staged.path, staged_path(db_path))
            status.update(state=STAGED, finished_at=_now())
            _write_status(db_path, status)
            return status
        status["progress"] = {**status["progress"], "phase": "publish"}
        _write_status(db_path, status)
        build.publish_staged(staged)
    except Exception as exc:  # noqa: BLE001 - told in the status file; the published file is untouched
        status.update(state=FAILED, finished_at=_now(), message=f"{type(exc).__name__}: {exc}", failures=[])
        _write_status(db_path, status)
        _audit("publish", by, role, None, state=FAILED, raw_dir=str(raw_dir), message=status["message"])
        return status
    finally:
        build.discard(staged)
    return _succeeded(db_path, status, by, role, staged.build_id, rows, str(raw_dir))


def _succeeded(db_path: Path, status: dict, by: str, role: str | None, build_id: str, rows: int, raw: str) -> dict:
    """After a publish: the audit line, the subscriptions hook, the final status."""
    _audit("publish", by, role, build_id, rows, state=SUCCEEDED, raw_dir=raw, db=str(db_path))
    hook_error = _after_publish(Path(db_path))
    status.update(state=SUCCEEDED, finished_at=_now(), build_id=build_id, hook_error=hook_error)
    status["progress"] = {**status.get("progress", {}), "phase": "done"}
    _write_status(db_path, status)
    return status


def start(
    db_path: Path,
    raw_dir: Path | None = None,
    *,
    by: str,
    role: str | None = None,
    publish: bool = True,
    store: Path | str | None = None,
) -> Job:
    """Start a publish (or, with publish=False, a preview build) in a thread; returns at once.

    Raises PublishBusy when a publish or rollback of db_path is running, PublishRefused while
    the landing store holds a submission for review. The thread writes its progress and
    outcome to the status file (read_status).
    """
    db_path = Path(db_path).resolve()
    waiting = held(store)
    if waiting:
        raise _held_refusal(waiting)
    lock = _publish_lock(db_path)
    lock.__enter__()  # PublishBusy here, before any thread starts
    try:
        raw = Path(raw_dir) if raw_dir is not None else input_folder(store)
        materialized = raw_dir is None and raw != raw_folder()
        stale = staged_path(db_path)
        stale.unlink(missing_ok=True)  # a new job replaces any earlier preview
        status = {
            "state": RUNNING,
            "mode": "publish" if publish else "preview",
            "by": by,
            "role": role,
            "started_at": _now(),
            "raw_dir": str(raw),
            "from_store": materialized,
            "input": fingerprint(raw),
            "progress": {"phase": "load", "done": 0, "total": 0, "step": ""},
            "pid": os.getpid(),
        }
        _write_status(db_path, status)
    except BaseException:
        lock.__exit__(None, None, None)
        raise

    def body() -> None:
        try:
            _run(db_path, raw, by, role, publish, status)
        except BaseException as exc:  # noqa: BLE001 - never leave "running" behind
            status.update(state=FAILED, finished_at=_now(), message=f"{type(exc).__name__}: {exc}")
            _write_status(db_path, status)
        finally:
            if materialized:  # the job's own copy of the store's input
                shutil.rmtree(raw, ignore_errors=True)
            lock.__exit__(None, None, None)

    thread = threading.Thread(target=body, name=f"publish-{db_path.name}", daemon=True)
    thread.start()
    return Job(db_path, thread)


def publish(db_path: Path, raw_dir: Path | None = None, *, by: str, role: str | None = None, store=None) -> dict:
    """Build and publish now, waiting for the end (the command line's way); the final status."""
    return start(db_path, raw_dir, by=by, role=role, publish=True, store=store).join()


def publish_staged(db_path: Path, *, by: str, role: str | None = None, store: Path | str | None = None) -> dict:
    """Publish the build the last preview made, exactly as previewed.

    Refused (PublishRefused) when there is no preview, when a submission is held, when the
    input changed since the preview or another build was published or rolled back meanwhile.
    """
    db_path = Path(db_path).resolve()
    waiting = held(store)
    if waiting:
        raise _held_refusal(waiting)
    with _publish_lock(db_path):
        status = read_status(db_path)
        staged = staged_path(db_path)
        if status.get("state") != STAGED or not staged.is_file():
            raise PublishRefused("there is no preview to publish: build a preview first")
        current = build.read_build_id(db_path) if db_path.is_file() else None
        if current != status.get("published_before"):
            raise PublishRefused("another build was published since the preview: build the preview again")
        if status.get("from_store"):
            with current_input(store) as now:
                same = fingerprint(now) == status.get("input")
        else:
            raw = Path(status["raw_dir"])
            same = raw.is_dir() and fingerprint(raw) == status.get("input")
        if not same:
            raise PublishRefused("the input changed since the preview: build the preview again")
        status.update(state=RUNNING, mode="publish", by=by, role=role, started_at=_now())
        status["progress"] = {**status.get("progress", {}), "phase": "publish"}
        _write_status(db_path, status)
        raw = Path(status["raw_dir"])
        previewed = build.StagedBuild(status["build_id"], db_path, staged, raw, {}, time.perf_counter(), 0.0, 0.0)
        try:
            build.publish_staged(previewed)
        except build.BuildError as exc:
            status.update(state=FAILED, finished_at=_now(), message=f"{type(exc).__name__}: {exc}")
            _write_status(db_path, status)
            raise
        return _succeeded(db_path, status, by, role, status["build_id"], int(status.get("rows") or 0), str(raw))


def discard_preview(db_path: Path) -> None:
    """Drop the previewed build (the page's Cancel)."""
    with _publish_lock(db_path):
        staged_path(db_path).unlink(missing_ok=True)
        status = read_status(db_path)
        if status.get("state") == STAGED:
            _write_status(db_path, {**status, "state": "discarded", "finished_at": _now()})


def rollback(db_path: Path, *, by: str, role: str | None = None) -> str:
    """Publish again the build before the current one (build.rollback), audited; refused while a job runs."""
    db_path = Path(db_path).resolve()
    with _publish_lock(db_path):
        current = build.read_build_id(db_path) if db_path.is_file() else None
        target = build.rollback(db_path)
        staged_path(db_path).unlink(missing_ok=True)  # a preview made against the build rolled back from
        _write_status(
            db_path,
            {"state": ROLLED_BACK, "mode": "rollback", "by": by, "role": role, "build_id": target}
            | {"from_build": current, "started_at": _now(), "finished_at": _now()},
        )
    _audit("rollback", by, role, target, from_build=current, db=str(db_path))
    _after_publish(db_path)
    return target


def history(db_path: Path) -> pd.DataFrame:
    """The kept published builds, newest first: build_id, built_at, rows, raw_dir, current."""
    db_path = Path(db_path).resolve()
    current = build.read_build_id(db_path) if db_path.is_file() else None
    rows = []
    for build_id in reversed(build.published_builds(db_path)):
        path = build.history_dir(db_path) / f"{build_id}.duckdb"
        built_at, counts, raw = None, None, None
        with contextlib.suppress(duckdb.Error, OSError), readonly.opened(path) as con:
            built_at, counts, raw = con.execute("select built_at, row_counts, raw_dir from main.build_info").fetchone()
        total = sum(json.loads(counts).values()) if counts else None
        rows.append(
            {"build_id": build_id, "built_at": built_at, "rows": total, "raw_dir": raw, "current": build_id == current}
        )
    return pd.DataFrame(rows, columns=["build_id", "built_at", "rows", "raw_dir", "current"])
