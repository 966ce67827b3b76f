"""Command line: the period's alerts (预警), as JSON or a readable Chinese list.

    python -m dashboard.alerts --db warehouse/zone.duckdb --period 2025-06 --json
    python -m dashboard.alerts --db warehouse/zone.duckdb --period 2025-06 --role analyst --lang en

Reads through the read layer (dashboard.queries.alerts), so the default leader view holds
the same confidentiality as the dashboard: no alert built from a withheld figure. Each alert
carries its state in the alert-state store ($ZONE_ALERT_STATE).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from dashboard import queries
from dashboard.i18n import tr
from dashboard.queries import alerts

PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
CLI_ROLES = ("leader", "analyst")
# What the JSON holds of each alert, in this order (`subject` is the subject's key: a project id…).
FIELDS = (
    "period",
    "alert_id",
    "code",
    "name",
    "name_zh",
    "name_en",
    "severity",
    "unit",
    "subject_kind",
    "subject",
    "subject_name",
    "subject_label",
    "message",
    "message_zh",
    "message_en",
    "figures",
    "page",
    "link",
    "threshold",
    "state",
    "state_note",
)


class AlertsError(Exception):
    """The alerts of a period cannot be read (bad period, period outside the data, no warehouse)."""


def read_alerts(db: Path, period: str, role: str = "leader", language: str = "zh") -> list[dict[str, object]]:
    """The period's alerts as plain dicts (FIELDS), red first; `figures` decoded from its JSON text."""
    if not PERIOD_RE.match(period or ""):
        raise AlertsError(f"period must look like YYYY-MM (e.g. 2025-06), got {period!r}")
    if role not in CLI_ROLES:
        raise AlertsError(f"role must be one of {', '.join(CLI_ROLES)}, got {role!r}")
    db = Path(db)
    if not db.exists():
        raise AlertsError(f"warehouse not found: {db} (run `python -m warehouse build` first)")
    with queries.open_reader(db, leader=role == "leader") as reader:
        first, last = (
            reader.result("select min(period) as first, max(period) as last from headline_metrics").rows[0].values()
        )
        if first is None or not first <= period <= last:
            span = f"the warehouse covers {first} to {last}" if first else "the warehouse holds no periods"
            raise AlertsError(f"period {period} is outside the data: {span}")
        frame = alerts.with_state(alerts.for_period(reader, period, language).frame, period)
    rows = []
    for record in queries.Result("", (), frame).rows:
        record["figures"] = json.loads(record["figures"]) if record.get("figures") else {}
        rows.append({k: record.get(k) for k in FIELDS})
    return rows


def as_text(rows: list[dict[str, object]], period: str, role: str, language: str = "zh") -> str:
    """The alerts as lines a person reads: severity, unit, name and subject; the message; the link."""
    if not rows:
        return tr(language, "al.cli.none", period=period)
    lines = [f"{period} " + tr(language, "al.cli.total", n=len(rows), role=tr(language, f"role.{role}"))]
    for r in rows:
        head = " · ".join(str(v) for v in (r["unit"], r["name"], r["subject_label"] or r["subject"]) if v)
        state = "" if r["state"] == "open" else f" [{tr(language, 'al.state.' + str(r['state']))}]"
        lines += [
            f"[{tr(language, 'al.sev.' + str(r['severity']))}] {head}{state}",
            f"    {r['message']}",
            f"    {r['link']}",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; 0 on success, 2 when the alerts cannot be read."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.alerts", description="print the alerts (预警) of a period"
    )
    parser.add_argument("--db", required=True, type=Path, help="the warehouse (DuckDB file)")
    parser.add_argument("--period", required=True, help="YYYY-MM")
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    parser.add_argument("--role", choices=CLI_ROLES, default="leader", help="whose view (default: leader)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of names and messages")
    args = parser.parse_args(argv)
    try:
        rows = read_alerts(args.db, args.period, args.role, args.lang)
    except AlertsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    else:
        print(as_text(rows, args.period, args.role, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
