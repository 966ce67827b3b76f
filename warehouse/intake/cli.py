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
import time
from pathlib import Path

from dashboard.i18n import LANGS
from warehouse import audit
from warehouse.build import DEFAULT_DB, BuildError
from warehouse.contract import TABLES_BY_NAME
from warehouse.ingest import IngestError, Problem
from warehouse.intake.store import DEFAULT_STORE, IntakeError, Store, parse_explanations

EXIT = {"accepted": 0, "rejected": 1, "held": 3}
# the store the app and the publish page read ($ZONE_STORE), unless --store says otherwise
STORE = Path(os.environ.get("ZONE_STORE") or DEFAULT_STORE)
COMMANDS = ("submit", "status", "publish", "demo-store")


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
    _add_lang(p)

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


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="en",
        help="language of the validation messages: en (default) or zh (中文); --json keeps English beside each "
        "problem's code and fields",
    )


def publish(store: Store, db_path: Path, by: str | None = None) -> dict:
    """Build from the latest accepted submissions and publish, the same way the 发布 page does
    (warehouse/publishing.py: one publish at a time, the audit line, the after-publish
    subscriptions); waits for the end and returns the final status.

    Raises PublishRefused, publishing nothing, while a submission is held for review, and
    PublishBusy while another publish or a rollback of the same file runs.
    """
    from warehouse import publishing  # the publish machinery imports the store; import it when used

    return publishing.publish(db_path, by=by or audit.cli_user(), role="cli", store=store.root)


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
                    print(f"  错误 {Problem.from_json(e).text(args.lang, table=result.table)}")
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
        from warehouse import publishing

        try:
            status = publish(store, args.db, args.by)
        except (publishing.PublishRefused, publishing.PublishBusy) as exc:
            print(f"未发布 / nothing was published: {exc}", file=sys.stderr)
            return 1
        if status.get("state") != publishing.SUCCEEDED:
            found = "; ".join(
                f"{f['name']}: {f.get('text') or f.get('description') or ''}" for f in status.get("failures") or []
            )
            print(
                f"发布失败，已发布的数据仓库未改变 / publish failed, the published warehouse is unchanged:\n"
                f"{found or status.get('message', '')}",
                file=sys.stderr,
            )
            return 1
        if not args.quiet and status.get("hook_error"):
            print(f"after-publish subscriptions: {status['hook_error']}", file=sys.stderr)
        print(f"published {Path(args.db)} (build {status['build_id']}, {status.get('rows', 0):,} raw rows)")
        return 0
    except (IntakeError, IngestError, BuildError) as exc:
        # 2: the request or the input is wrong; 1: held for review, or the build failed
        language = getattr(args, "lang", "en")
        if isinstance(exc, IngestError):
            text = exc.text(language)
            print(f"输入数据有误，未发布 / input rejected, nothing was published:\n{text}", file=sys.stderr)
        elif isinstance(exc, IntakeError):
            print(f"error: {exc.text(language)}", file=sys.stderr)
        else:
            print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, (IntakeError, IngestError)) else 1
