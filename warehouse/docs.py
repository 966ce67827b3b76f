"""Model documentation: `python -m warehouse.docs [--port 8080]` generates dbt docs and serves them.

`dbt docs generate` reads the warehouse to build catalog.json (column types, row counts). It
runs on a scratch copy of the published file, never the file itself: dbt-duckdb opens its
database for writing, which would take the lock a running dashboard's readers need, and the
published warehouse is only ever replaced by a build. The site (with the lineage graph) is
written to dbt_project/target/, where the app's query page also reads the descriptions, plus
a self-contained target/static_index.html that opens without a server.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT = ROOT / "dbt_project"
DBT_TARGET = DBT_PROJECT / "target"
DEFAULT_DB = ROOT / "warehouse" / "zone.duckdb"


def _dbt(args: list[str], db_path: Path, capture: bool) -> subprocess.CompletedProcess:
    """Run `dbt <args>` on the project with the warehouse at db_path."""
    env = {
        **os.environ,
        "ZONE_DBT_DB": str(db_path),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [str(dbt), *args, "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT)]
    return subprocess.run(cmd, env=env, capture_output=capture, text=True, check=False)


def generate(db_path: Path = DEFAULT_DB) -> Path:
    """Run `dbt docs generate` against a scratch copy of the warehouse; returns the target folder."""
    db_path = Path(db_path).resolve()
    if not db_path.is_file():
        raise SystemExit(f"找不到数据仓库 / warehouse not found: {db_path} (run `make warehouse` first)")
    with tempfile.TemporaryDirectory(prefix="zone-docs-") as tmp:
        # Same file name, so dbt's database name (the file stem) matches the real warehouse.
        copy = Path(tmp) / db_path.name
        shutil.copyfile(db_path, copy)
        proc = _dbt(["docs", "generate", "--static"], copy, capture=True)
    if proc.returncode != 0:
        raise SystemExit(f"dbt docs generate failed (exit {proc.returncode}):\n{(proc.stdout + proc.stderr)[-4000:]}")
    return DBT_TARGET


def serve(port: int = 8080, host: str = "127.0.0.1") -> int:
    """Serve the generated docs at http://host:port until interrupted; returns dbt's exit code."""
    print(f"模型文档 / model docs: http://{host}:{port}  (Ctrl-C to stop)", flush=True)
    try:
        # dbt docs serve needs no database; the path is only there for the profile to render.
        return _dbt(
            ["docs", "serve", "--port", str(port), "--host", host, "--no-browser"], DEFAULT_DB, capture=False
        ).returncode
    except KeyboardInterrupt:
        return 0


def main(argv: list[str] | None = None) -> int:
    """Generate the dbt docs from the published warehouse, then serve them (unless --no-serve)."""
    parser = argparse.ArgumentParser(
        prog="python -m warehouse.docs", description="生成并浏览数据模型文档 / generate and serve the dbt model docs"
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(os.environ.get("ZONE_DB") or DEFAULT_DB),
        help="published warehouse (default $ZONE_DB, else warehouse/zone.duckdb)",
    )
    parser.add_argument("--port", type=int, default=8080, help="port to serve on (default 8080)")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    parser.add_argument("--no-serve", action="store_true", help="only generate the docs")
    args = parser.parse_args(argv)
    target = generate(args.db)
    print(f"generated {target / 'index.html'} and {target / 'static_index.html'} (self-contained)", flush=True)
    if args.no_serve:
        return 0
    return serve(args.port, args.host)


if __name__ == "__main__":
    sys.exit(main())
