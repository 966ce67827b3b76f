"""Command line: python -m warehouse {build,rollback,headline,demo-data,sql,export,submit,status,publish} …"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

from dashboard.i18n import LANGS
from warehouse import audit, export, sql_cli
from warehouse.build import DEFAULT_DB, DEFAULT_RAW, BuildError, build, rollback
from warehouse.headline import HeadlineError, read_headline
from warehouse.ingest import IngestError
from warehouse.intake import cli as intake_cli


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m warehouse", description="高新区经济运行数据仓库 / zone data warehouse"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="validate raw files, run dbt, publish the warehouse atomically")
    p.add_argument("--raw", type=Path, default=DEFAULT_RAW, help=f"folder of raw files (default {DEFAULT_RAW})")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file to publish (default {DEFAULT_DB})")
    p.add_argument("--quiet", action="store_true", help="print only the outcome")
    p.add_argument(
        "--lang", choices=LANGS, default="en", help="language of the validation messages: en (default) or zh (中文)"
    )

    p = sub.add_parser("rollback", help="publish again the build before the current one")
    p.add_argument("--db", type=Path, default=DEFAULT_DB)

    p = sub.add_parser("headline", help="print the headline metrics of one period as JSON")
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--period", required=True, help="YYYY-MM")

    p = sub.add_parser("demo-data", help="write the deterministic demo dataset")
    p.add_argument("--out", type=Path, default=DEFAULT_RAW)
    p.add_argument("--seed", type=int, default=20250630)
    p.add_argument("--scale", type=float, default=1.0, help="multiply volumes (1, 10, 100)")

    sql_cli.add_parser(sub)
    intake_cli.add_parsers(sub)  # submit, status, publish: the landing store

    p = sub.add_parser(
        "export",
        help="write the warehouse as Parquet files or as a file DuckDB 1.x clients open",
        description="parquet: one file per mart table plus manifest.json and README.md, in a new folder; "
        f"duckdb-v1: a copy in DuckDB storage {export.V1_STORAGE_VERSION} (any DuckDB 1.x CLI opens it). "
        "Analyst/admin exports hold the whole warehouse, enterprise-level data included; "
        "--role leader exports the leader's confidential-safe marts only.",
    )
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--format", choices=export.FORMATS, required=True)
    p.add_argument("--out", type=Path, required=True, help="a new folder (parquet) or a new file (duckdb-v1)")
    p.add_argument("--role", choices=export.ROLES, default="analyst", help="whose view to export (default analyst)")

    args = parser.parse_args(argv)
    if args.command in intake_cli.COMMANDS:
        return intake_cli.run(args)
    try:
        if args.command == "sql":
            return sql_cli.run(args)
        if args.command == "build":
            result = build(args.raw, args.db, echo=not args.quiet)
            rows = sum(result.row_counts.values())
            print(f"published {result.db_path} (build {result.build_id}, {rows:,} raw rows, {result.seconds:.1f} s)")
        elif args.command == "rollback":
            target = rollback(args.db)
            audit.record("rollback", audit.cli_user(), what=str(args.db), build=target)
            print(f"rolled {args.db} back to build {target}")
        elif args.command == "headline":
            print(json.dumps(read_headline(args.db, args.period), ensure_ascii=False, indent=2))
        elif args.command == "demo-data":
            from warehouse.demo import write_demo

            counts = write_demo(args.out, seed=args.seed, scale=args.scale)
            print(f"wrote {sum(counts.values()):,} rows in {len(counts)} files to {args.out}")
        elif args.command == "export":
            result = export.export(args.db, args.format, args.out, role=args.role)
            rows = sum(result.tables.values())
            print(
                f"wrote {len(result.tables)} tables ({rows:,} rows) to {result.out} ({result.format}, role {result.role})"
            )
    except IngestError as exc:
        text = exc.text(getattr(args, "lang", "en"))
        print(f"输入数据有误，未加载任何数据 / input rejected, nothing was loaded:\n{text}", file=sys.stderr)
        return 2
    except (BuildError, HeadlineError, export.ExportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except duckdb.IOException as exc:
        locked = sql_cli.lock_message(exc, getattr(args, "db", None))
        if locked is None:
            raise
        print(locked, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
