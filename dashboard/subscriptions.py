"""Subscriptions: who gets which brief, on which channel, how often — and what was already sent.

The store is a small SQLite file outside the warehouse ($ZONE_SUBSCRIPTIONS, default
~/.zone_dashboard/subscriptions.sqlite), so a rebuild or rollback of the warehouse never
touches it. It holds three tables:

- `channels`: the group robots and mailboxes an admin added (name, kind, settings as JSON).
  Secrets are never in it: a robot's URL, its signing secret and an SMTP password are named
  by reference (`url_env`, `secret_env`, `password_env`; see dashboard/delivery.py).
- `subscriptions`: a user's brief (overview, a panel, or alerts only), channel, schedule
  (daily, weekly, monthly, publish) and language.
- `sent`: one row per subscription and schedule slot — the day, ISO week or month for the
  timed schedules, the build id for `publish` — with the period and build sent. A slot
  with a row is done, so `send --due` run twice (or by a timer and a publish at once)
  sends nothing twice; a slot whose sending failed has no row and is tried again next run.

`send_due` sends every due subscription; `after_publish(db_path)` sends the `publish` ones
for the warehouse just published (the publish code calls it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard import brief as brief_mod
from dashboard import delivery, queries

LOG = logging.getLogger(__name__)
DEFAULT_STORE = Path("~/.zone_dashboard/subscriptions.sqlite")
SCHEDULES = ("daily", "weekly", "monthly", "publish")
SCHEMA = """
create table if not exists channels (
    name text primary key,
    kind text not null,
    options text not null,          -- JSON; secrets only by reference (*_env)
    created_by text,
    created_at text not null
);
create table if not exists subscriptions (
    id integer primary key autoincrement,
    owner text not null,
    brief text not null,
    channel text not null references channels(name) on delete cascade,
    schedule text not null,
    lang text not null default 'zh',
    created_at text not null
);
create table if not exists sent (
    subscription_id integer not null references subscriptions(id) on delete cascade,
    slot text not null,             -- 2026-12-03 | 2026-W49 | 2026-12 | build:<id>
    period text not null,
    build_id text not null,
    sent_at text not null,
    primary key (subscription_id, slot)
);
"""


def store_path(store: Path | str | None = None) -> Path:
    """Where the store is: the argument, else $ZONE_SUBSCRIPTIONS, else ~/.zone_dashboard/subscriptions.sqlite."""
    return Path(store or os.environ.get("ZONE_SUBSCRIPTIONS") or DEFAULT_STORE).expanduser()


@contextlib.contextmanager
def opened(store: Path | str | None = None) -> Iterator[sqlite3.Connection]:
    """The store, created on first use, in one transaction (committed on success)."""
    path = store_path(store)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30)
    con.row_factory = sqlite3.Row
    try:
        con.execute("pragma foreign_keys = on")
        con.executescript(SCHEMA)
        with con:
            yield con
    finally:
        con.close()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --- channels (the admin's) ---------------------------------------------------------------------

FORBIDDEN = delivery.SECRET_FIELDS  # a secret's value is never stored: only `<field>_env`


def add_channel(name: str, kind: str, options: dict, created_by: str | None = None, store: Path | None = None) -> None:
    """Add (or update) a channel; ValueError for a bad one or one that carries a secret's value."""
    name = name.strip()
    if not name:
        raise ValueError("a channel needs a name")
    leaked = [k for k in FORBIDDEN if options.get(k)]
    if leaked:
        raise ValueError(
            f"channel {name}: {', '.join(leaked)} must be given by reference ({leaked[0]}_env), not stored"
        )
    clean = {k: v for k, v in options.items() if v not in (None, "", [])}
    delivery.check_channel({**clean, "kind": kind, "name": name}, f"channel {name}")
    with opened(store) as con:
        con.execute(
            # an upsert, not `insert or replace`: replacing would delete the row and cascade to its subscriptions
            "insert into channels (name, kind, options, created_by, created_at) values (?, ?, ?, ?, ?) "
            "on conflict (name) do update set kind = excluded.kind, options = excluded.options",
            (name, kind, json.dumps(clean, ensure_ascii=False), created_by, _now()),
        )


def remove_channel(name: str, store: Path | None = None) -> None:
    """Remove a channel and the subscriptions that send to it."""
    with opened(store) as con:
        con.execute("delete from channels where name = ?", (name,))


def channels(store: Path | None = None) -> list[delivery.Channel]:
    """Every channel in the store, by name."""
    with opened(store) as con:
        rows = con.execute("select name, kind, options from channels order by name").fetchall()
    return [delivery.Channel(r["kind"], r["name"], {**json.loads(r["options"]), "kind": r["kind"]}) for r in rows]


# --- subscriptions (every user's) -----------------------------------------------------------------


@dataclass(frozen=True)
class Subscription:
    """One user's brief on one channel on one schedule."""

    id: int
    owner: str
    brief: str
    channel: str
    schedule: str
    lang: str
    last_sent: str | None = None


def subscribe(owner: str, brief: str, channel: str, schedule: str, lang: str = "zh", store: Path | None = None) -> int:
    """Add a subscription; its id. ValueError for an unknown brief, schedule or channel."""
    if brief not in brief_mod.KINDS:
        raise ValueError(f"brief must be one of {brief_mod.KINDS}, got {brief!r}")
    if schedule not in SCHEDULES:
        raise ValueError(f"schedule must be one of {SCHEDULES}, got {schedule!r}")
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be zh or en, got {lang!r}")
    with opened(store) as con:
        if not con.execute("select 1 from channels where name = ?", (channel,)).fetchone():
            raise ValueError(f"no channel named {channel!r}")
        cur = con.execute(
            "insert into subscriptions (owner, brief, channel, schedule, lang, created_at) values (?, ?, ?, ?, ?, ?)",
            (owner, brief, channel, schedule, lang, _now()),
        )
        return int(cur.lastrowid)


def unsubscribe(sub_id: int, owner: str | None = None, store: Path | None = None) -> bool:
    """Delete a subscription (only the owner's, when owner is given); whether one was deleted."""
    with opened(store) as con:
        sql, params = "delete from subscriptions where id = ?", [sub_id]
        if owner is not None:
            sql, params = sql + " and owner = ?", [sub_id, owner]
        return con.execute(sql, params).rowcount > 0


def subscriptions(owner: str | None = None, store: Path | None = None) -> list[Subscription]:
    """The subscriptions (one owner's, or all), with when each was last sent."""
    with opened(store) as con:
        rows = con.execute(
            "select s.*, (select max(sent_at) from sent where subscription_id = s.id) as last_sent "
            "from subscriptions s where (? is null or owner = ?) order by id",
            (owner, owner),
        ).fetchall()
    return [
        Subscription(r["id"], r["owner"], r["brief"], r["channel"], r["schedule"], r["lang"], r["last_sent"])
        for r in rows
    ]


# --- what is due ----------------------------------------------------------------------------------


def slot(schedule: str, now: dt.datetime, build_id: str) -> str:
    """The schedule's current slot: the day, the ISO week, the month, or the build (after a publish)."""
    if schedule == "daily":
        return now.strftime("%Y-%m-%d")
    if schedule == "weekly":
        year, week, _ = now.isocalendar()
        return f"{year}-W{week:02d}"
    if schedule == "monthly":
        return now.strftime("%Y-%m")
    return f"build:{build_id}"


def latest_period(db_path: Path | str) -> str:
    """The newest period the warehouse covers."""
    with queries.open_reader(db_path) as reader:
        return str(queries.reference.periods(reader).frame["period"].iloc[0])


def _build_id(db_path: Path | str) -> str:
    with queries.open_reader(db_path) as reader:
        return str(queries.reference.build_info(reader).row.get("build_id") or "unknown")


def send_due(
    db_path: Path | str,
    *,
    store: Path | None = None,
    schedules: tuple[str, ...] = SCHEDULES,
    now: dt.datetime | None = None,
    dry_run_dir: Path | None = None,
) -> list[delivery.Outcome]:
    """Send every subscription whose slot has not been sent yet (the latest period); record each success.

    Subscriptions of the same brief and language share one rendering. A dry run writes the files
    and records nothing.
    """
    now = now or dt.datetime.now().astimezone()
    period, build_id = latest_period(db_path), _build_id(db_path)
    by_name = {c.name: c for c in channels(store)}
    with opened(store) as con:
        done = {(r["subscription_id"], r["slot"]) for r in con.execute("select subscription_id, slot from sent")}
    due = [
        s
        for s in subscriptions(store=store)
        if s.schedule in schedules and (s.id, slot(s.schedule, now, build_id)) not in done
    ]
    outcomes: list[delivery.Outcome] = []
    rendered: dict[tuple[str, str], delivery.Rendered] = {}
    for s in due:
        channel = by_name.get(s.channel)
        if channel is None:
            outcomes.append(delivery.Outcome(s.channel, "?", False, f"subscription {s.id}: no such channel"))
            continue
        key = (s.brief, s.lang)
        if key not in rendered:
            rendered[key] = delivery.render(brief_mod.build_brief(db_path, period, s.lang, s.brief))
        r = rendered[key]
        out_dir = dry_run_dir / f"subscription_{s.id}" if dry_run_dir is not None else None
        extra = {"subscription": s.id, "owner": s.owner, "schedule": s.schedule}
        (outcome,) = delivery.send_brief(r.brief, [channel], dry_run_dir=out_dir, rendered=r, audit_extra=extra)
        outcome.detail = f"subscription {s.id} ({s.owner}, {s.schedule}): {outcome.detail}"
        outcomes.append(outcome)
        if outcome.ok and dry_run_dir is None:
            with opened(store) as con:
                con.execute(
                    "insert or ignore into sent (subscription_id, slot, period, build_id, sent_at) values (?, ?, ?, ?, ?)",
                    (s.id, slot(s.schedule, now, build_id), period, build_id, _now()),
                )
    return outcomes


def after_publish(db_path: Path | str, store: Path | None = None) -> list[delivery.Outcome]:
    """Send the after-every-publish subscriptions for the warehouse just published.

    Never raises: a failed send must not fail the publish. Failures are logged (and are in the
    audit log), and the slot stays open, so the next `send --due` tries them again.
    """
    try:
        outcomes = send_due(db_path, store=store, schedules=("publish",))
    except Exception:  # the publish has happened: report, do not undo it
        LOG.exception("sending the after-publish briefs failed")
        return []
    for o in outcomes:
        (LOG.info if o.ok else LOG.warning)("%s", o.line())
    return outcomes
