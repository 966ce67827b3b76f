"""The audit log: who did what, when, and how many rows it returned, one JSON line per event.

The log lives outside the warehouse, at $ZONE_AUDIT_LOG (default
~/.zone_dashboard/audit.jsonl), so a rebuild or a rollback of the warehouse never touches
it. Every event is one line written with a single `write()` on a descriptor opened with
O_APPEND: concurrent writers (several dashboard sessions, the CLI) interleave whole lines,
and nothing already written is rewritten. Set ZONE_AUDIT_FSYNC=1 to fsync every line.

Events: sign_in, sign_in_failed, sign_out, session_expired, query (every ad-hoc SQL query,
refused or failed ones too), export (every download and every file the CLI writes),
page_view; submit, explain, clear, publish and rollback (warehouse/intake); alert (an alert acknowledged,
closed or reopened: warehouse/alert_state.py). Fields: ts (UTC, ISO 8601), event, user, role, what, rows, and free details.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import getpass
import hashlib
import json
import os
import threading
from collections import deque
from pathlib import Path
from typing import Any

DEFAULT_LOG = Path("~/.zone_dashboard/audit.jsonl")
EVENTS = (
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "session_expired",
    "query",
    "export",
    "page_view",
    # the landing store (warehouse/intake): a file handed in, a finding explained or cleared, a publish, a rollback
    "submit",
    "explain",
    "clear",
    "publish",
    "rollback",
    # the alerts (warehouse/alert_state.py): acknowledged, closed or reopened
    "alert",
)
MAX_TEXT = 4000  # characters of a message kept per event (a query's text is kept whole, with its SHA-256)
_lock = threading.Lock()
# Who is acting in this thread: the dashboard sets it at the top of every script run, so a
# query run deeper down (warehouse.safe_sql.run_query) is recorded under the signed-in user.
_actor: contextvars.ContextVar[tuple[str, str | None, str | None] | None] = contextvars.ContextVar(
    "zone_actor", default=None
)


def log_path() -> Path:
    """Where the audit log is: $ZONE_AUDIT_LOG, else ~/.zone_dashboard/audit.jsonl."""
    return Path(os.environ.get("ZONE_AUDIT_LOG") or DEFAULT_LOG).expanduser()


def cli_user() -> str:
    """The account running a command-line tool, as the log names it ('cli:<login>')."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return f"cli:uid{os.getuid()}"


def set_actor(user: str | None, role: str | None = None, session: str | None = None) -> None:
    """Name who acts in this thread from now on (None: nobody; the CLI user is assumed)."""
    _actor.set((user, role, session) if user else None)


def actor() -> tuple[str, str | None, str | None]:
    """(user, role, session) acting in this thread: the dashboard's signed-in user, else the CLI account."""
    return _actor.get() or (cli_user(), None, None)


def _clip(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + f"… [{len(value) - MAX_TEXT} more characters]"
    return value


def check_writable(path: Path | None = None) -> None:
    """Raise OSError unless the log can be appended to now (opens it for appending, writes nothing)."""
    path = path or log_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))


def record(
    event: str,
    user: str | None,
    role: str | None = None,
    what: str | None = None,
    rows: int | None = None,
    **details: Any,
) -> dict:
    """Append one event to the log and return it. Raises OSError if the log cannot be written.

    A failing audit log is not silently skipped: the caller decides whether to stop
    (the dashboard refuses the action) or carry on.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}; one of {EVENTS}")
    entry = {
        "ts": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "event": event,
        "user": user,
        "role": role,
        # A query is kept whole: a long comment must not push the SELECT out of the record.
        "what": what if event == "query" else _clip(what),
        "rows": None if rows is None else int(rows),
        **{k: _clip(v) for k, v in details.items() if v is not None},
    }
    if event == "query" and isinstance(what, str):
        entry["sha256"] = hashlib.sha256(what.encode("utf-8")).hexdigest()
    line = (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    path = log_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _lock:  # one process: whole lines; across processes O_APPEND keeps each write whole
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
            if os.environ.get("ZONE_AUDIT_FSYNC") == "1":
                os.fsync(fd)
        finally:
            os.close(fd)
    return entry


def record_download(
    kind: str,
    file_name: str,
    user: str | None = None,
    title: str | None = None,
    period: str | None = None,
    seconds: float | None = None,
    rows: int | None = None,
    role: str | None = None,
    **details: Any,
) -> dict:
    """An export event for a download made by the dashboard (the hook dashboard/downloads.py calls)."""
    if user is None:
        user, role, details["session"] = actor()
    return record(
        "export",
        user,
        role,
        what=title or kind,
        rows=rows,
        file=file_name,
        kind=kind,
        period=period,
        seconds=seconds,
        **details,
    )


def read_events(limit: int | None = 1000, path: Path | None = None) -> list[dict]:
    """The last `limit` events (all when None), oldest first; a line that is not JSON is shown as such."""
    path = path or log_path()
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            lines = deque(fh, maxlen=limit) if limit else list(fh)
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        try:
            out.append(json.loads(line))
        except ValueError:
            out.append({"event": "unreadable", "what": line[:200]})
    return out
