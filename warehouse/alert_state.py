"""What people did about alerts (acknowledge, close, reopen, with a note): a small store outside the warehouse.

The alerts themselves are the `alerts` mart, rebuilt with the warehouse; what was done
about them must survive a rebuild, so it lives here, at $ZONE_ALERT_STATE (default
warehouse/alert_state.jsonl): one JSON line per action, appended with a single `write()` on
an O_APPEND descriptor, as the audit log is (concurrent sessions interleave whole lines,
nothing is rewritten). The lines are the history; an alert's state is its last action.

An action on alert `alert_id` taken while viewing period P holds from P on: an alert closed
in June stays closed in July if it is raised again (the note says why), and still shows as
it was in May. Reopening undoes a close. Every action is also an audit-log event (`alert`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from warehouse import audit

DEFAULT_STORE = Path(__file__).resolve().parent / "alert_state.jsonl"
ACTIONS = ("acknowledge", "close", "reopen")
STATES = {"acknowledge": "acknowledged", "close": "closed", "reopen": "open"}
MAX_NOTE = 2000
_lock = threading.Lock()


def store_path() -> Path:
    """Where the store is: $ZONE_ALERT_STATE, else warehouse/alert_state.jsonl."""
    return Path(os.environ.get("ZONE_ALERT_STATE") or DEFAULT_STORE).expanduser()


def record(
    action: str,
    alert_id: str,
    period: str,
    note: str = "",
    user: str | None = None,
    role: str | None = None,
    **details: object,
) -> dict:
    """Append one action on an alert (and its audit event) and return it. Raises OSError if either cannot be written."""
    if action not in ACTIONS:
        raise ValueError(f"unknown alert action {action!r}; one of {ACTIONS}")
    if not alert_id or not period:
        raise ValueError("an alert action needs the alert_id and the period")
    if user is None:
        user, role, _ = audit.actor()
    note = (note or "").strip()[:MAX_NOTE]
    entry = {
        "ts": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "action": action,
        "alert_id": alert_id,
        "period": period,
        "note": note,
        "user": user,
        "role": role,
        **{k: v for k, v in details.items() if v is not None},
    }
    # the audit line first: an action the log cannot record is refused, and never stored
    audit.record("alert", user, role, what=f"{action} {alert_id}", period=period, note=note or None, **details)
    line = (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    return entry


def history(alert_ids: Iterable[str] | None = None, path: Path | None = None) -> list[dict]:
    """Every action (of the given alerts, or all), oldest first; unreadable lines are skipped."""
    wanted = None if alert_ids is None else set(alert_ids)
    try:
        with (path or store_path()).open(encoding="utf-8", errors="replace") as fh:
            lines = fh.readlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and (wanted is None or entry.get("alert_id") in wanted):
            out.append(entry)
    return out


def states(period: str, path: Path | None = None) -> dict[str, dict]:
    """alert_id -> its last action taken at `period` or before (with `state`: acknowledged, closed or open)."""
    out: dict[str, dict] = {}
    for entry in history(path=path):
        if str(entry.get("period", "")) <= period and entry.get("action") in STATES:
            out[entry["alert_id"]] = {**entry, "state": STATES[entry["action"]]}
    return out
