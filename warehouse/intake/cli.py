"""`python -m warehouse submit | status | publish`: the landing store on the command line.

submit  --store DIR --table T --file F --by NAME [--explain RULE:KEY=TEXT ...] [--json]
        exit 0 accepted, 1 rejected, 3 held for review
status  --store DIR --period YYYY-MM --json
publish --store DIR --db PATH
        builds from the latest accepted submissions as `build` does from a folder; exits 1,
        publishing nothing, while any submission is held
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from warehouse import audit
from warehouse.build import DEFAULT_DB, BuildError, BuildResult, build
from warehouse.contract import TABLES_BY_NAME
from warehouse.ingest import IngestError
from warehouse.intake.store import DEFAULT_STORE, IntakeError, Store, parse_explanations

EXIT = {"accepted": 0, "rejected": 1, "held": 3}
# the store the app and the publish page read ($ZONE_STORE), unless --store says otherwise
STORE = Path(os.environ.get("ZONE_STORE") or DEFAULT_STORE)
COMMANDS = ("submit", "status", "publish", "demo-store")


class HeldError(Exception):
    """A submission is held for review: nothing is published."""


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add the three subcommands to `python -m warehouse`."""
    p = sub.add_parser(
        "submit", help="hand in one table's file to the landing store (exit 0 accepted, 1 rejected, 3 held)"
    )
    p.add_argument(
        "--store", type=Path, default=STORE, help=f"landing store folder (default $ZONE_STORE or {DEFAULT_STORE})"
    )
    p.add_argument("--table", required=True, choices=list(TABLES_BY_NAME), help="the contract table the file holds")
    p.add_argument("--file", type=Path, required=True, help="CSV (UTF-8 or GBK) or XLSX")
    p.add_argument("--by", required=True, help="who submits")
    p.add_argument(
        "--explain",
        action="append",
        default=[],
        metavar="RULE:KEY=TEXT",
        help="审核说明 of the finding of RULE on spreadsheet row KEY (or enterprise id KEY when it has no row)",
    )
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")

    p = sub.add_parser("status", help="报送情况 of one month: every table's submission, 缺报, 新进规, held")
    p.add_argument("--store", type=Path, default=STORE)
    p.add_argument("--period", required=True, help="YYYY-MM")
    p.add_argument("--json", action="store_true", help="print JSON (the default prints it too)")

    p = sub.add_parser("publish", help="build and publish from the latest accepted submissions")
    p.add_argument("--store", type=Path, default=STORE)
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--by", default=None, help="who publishes (default: the account running the command)")
    p.add_argument("--quiet", action="store_true", help="print only the outcome")

    p = sub.add_parser("demo-store", help="fill a landing store with the demo's history (make run)")
    p.add_argument("--raw", type=Path, required=True, help="the demo folder (python -m warehouse demo-data)")
    p.add_argument("--store", type=Path, default=STORE)


def publish(store: Store, db_path: Path, by: str | None = None, echo: bool = False) -> BuildResult:
    """Materialize the accepted submissions to a temporary folder and build from it (atomic publish).

    Raises HeldError, publishing nothing, while a submission is held for review.
    """
    by = by or audit.cli_user()
    held = store.held()
    if held:
        ids = ", ".join(f"#{h['id']} {h['table']} ({h['file']})" for h in held)
        audit.record("publish", by, what=str(db_path), outcome="refused: held", held=len(held))
        raise HeldError(f"{len(held)} submission(s) held for review, nothing published: {ids}")
    with tempfile.TemporaryDirectory(prefix="publish_") as tmp:
        raw = store.materialize(Path(tmp) / "raw")
        try:
            result = build(raw, db_path, echo=echo)
        except (IngestError, BuildError) as exc:
            audit.record("publish", by, what=str(db_path), outcome="failed", error=str(exc))
            raise
    audit.record(
        "publish",
        by,
        what=str(db_path),
        rows=sum(result.row_counts.values()),
        outcome="published",
        build=result.build_id,
        store=str(store.root),
    )
    return result


def run(args: argparse.Namespace) -> int:
    """Run one of the three subcommands; the process exit code."""
    try:
        store = Store(args.store)
        if args.command == "submit":
            result = store.submit(args.table, args.file, args.by, parse_explanations(args.explain))
            if args.json:
                out = result.as_json()
                print(json.dumps(out, ensure_ascii=False, indent=2))
            else:
                print(f"{result.state}: {result.table} #{result.id}, {result.rows} rows")
                for e in result.errors:
                    print(f"  错误 {e['text']}")
                for f in result.findings:
                    row = f"row {f['row']}" if f["row"] is not None else f["key"]
                    print(f"  {f['level']} {f['rule']} {f['name']} {row}: {f['message']}")
            return EXIT[result.state]
        if args.command == "demo-store":
            from warehouse.intake import demo

            started = time.perf_counter()
            done = demo.fill(args.raw, args.store)
            print(
                f"demo store {store.root}: {done['seeded']} submissions of history, the live ones of "
                f"{done['last_period']}: {done['live']} ({time.perf_counter() - started:.1f} s)"
            )
            return 0
        if args.command == "status":
            print(json.dumps(store.status(args.period), ensure_ascii=False, indent=2))
            return 0
        result = publish(store, args.db, args.by, echo=not args.quiet)
        rows = sum(result.row_counts.values())
        print(f"published {result.db_path} (build {result.build_id}, {rows:,} raw rows, {result.seconds:.1f} s)")
        return 0
    except (IntakeError, HeldError, IngestError, BuildError) as exc:
        # 2: the request or the input is wrong; 1: held for review, or the build failed
        if isinstance(exc, IngestError):
            print(f"输入数据有误，未发布 / input rejected, nothing was published:\n{exc}", file=sys.stderr)
        else:
            print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, (IntakeError, IngestError)) else 1
