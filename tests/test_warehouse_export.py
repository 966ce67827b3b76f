"""`python -m warehouse export`: the warehouse for DuckDB 1.x clients (duckdb-v1) and any Parquet reader.

The published file is in DuckDB 2.0's storage format, which DuckDB 1.x (the PyPI duckdb-cli
1.5.x) refuses. The duckdb-v1 copy is written in storage version 64 (STORAGE_VERSION 'v1.0.0'),
which every DuckDB from 1.0 on reads: the file header says so, and DuckDB reports it. An analyst's
export is the whole warehouse; a leader's is the leader's read model, nothing more.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from dashboard_helpers import python_m

from warehouse import audit
from warehouse.export import ExportError, export
from warehouse.safe_sql import leader_read_model

V1_HEADER_VERSION = 64  # the storage version number DuckDB 1.0–1.1 write and every later 1.x reads


def _header_version(path: Path) -> int:
    """The storage version number in a DuckDB file's main header (after the 8-byte checksum and b'DUCK')."""
    raw = path.read_bytes()[:20]
    assert raw[8:12] == b"DUCK", f"{path} is not a DuckDB file"
    return struct.unpack("<Q", raw[12:20])[0]


def _counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = current_database()"
        ).fetchall()
        return {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables}


def _comments(path: Path) -> dict[str, str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return dict(
            con.execute(
                "select table_name || '.' || column_name, coalesce(comment, '') from duckdb_columns() "
                "where database_name = current_database() and schema_name = 'main'"
            ).fetchall()
        )


def test_duckdb_v1_copy_is_the_whole_warehouse_in_storage_version_64(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "zone-v1.duckdb"
    proc = python_m("warehouse", "export", "--db", str(demo_db), "--format", "duckdb-v1", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert _header_version(demo_db) != V1_HEADER_VERSION  # the published file is not readable by DuckDB 1.x …
    assert _header_version(out) == V1_HEADER_VERSION  # … the copy is
    with duckdb.connect() as con:
        con.execute(f"attach '{out}' as copy (read_only)")
        tags = con.execute("select tags from duckdb_databases() where database_name = 'copy'").fetchone()[0]
        assert tags["storage_version"].startswith("v1.0.0")
        # views come along and still work: they name schemas, not the catalog they were built in
        assert con.execute("select count(*) from copy.staging.stg_raw__enterprises").fetchone()[0] > 0
    assert _counts(out) == _counts(demo_db)  # every schema, every table, every row
    comments = _comments(out)
    assert comments == _comments(demo_db)
    assert "万元" in comments["headline_metrics.gross_output_ytd"]
    assert proc.stdout.startswith("wrote ") and "duckdb-v1, role analyst" in proc.stdout


def test_parquet_export_has_one_file_per_mart_table_and_a_manifest(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    result = export(demo_db, "parquet", out)
    with duckdb.connect(str(demo_db), read_only=True) as con:
        marts = sorted(
            t
            for (t,) in con.execute(
                "select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'main'"
            ).fetchall()
        )
        directory = con.execute("select * from enterprise_directory order by enterprise_id").df()
    assert sorted(p.stem for p in out.glob("*.parquet")) == marts == sorted(result.tables)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [t["table"] for t in manifest["tables"]] == marts
    assert manifest["role"] == "analyst" and manifest["source"] == demo_db.name  # no server path
    by_name = {t["table"]: t for t in manifest["tables"]}
    headline = {c["name"]: c for c in by_name["headline_metrics"]["columns"]}
    assert (
        "万元" in headline["gross_output_ytd"]["description"]
        and "%" in headline["industrial_va_growth_ytd"]["description"]
    )
    assert by_name["headline_metrics"]["description"]
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "analysts and admins only" in readme
    # the data read back by another tool is the data, USCC codes as text, digit for digit
    back = pd.read_parquet(out / "enterprise_directory.parquet").sort_values("enterprise_id").reset_index(drop=True)
    assert len(back) == by_name["enterprise_directory"]["rows"] == len(directory)
    assert back["enterprise_id"].tolist() == directory["enterprise_id"].tolist()
    assert all(isinstance(v, str) for v in back["enterprise_id"])
    assert not list(tmp_path.glob(".*partial*"))  # no scratch left beside it


def test_leader_export_is_the_leaders_read_model_only(demo_db: Path, tmp_path: Path) -> None:
    v1, parquet = tmp_path / "leader.duckdb", tmp_path / "leader"
    export(demo_db, "duckdb-v1", v1, role="leader")
    export(demo_db, "parquet", parquet, role="leader")
    model = leader_read_model(demo_db)
    assert _counts(v1) == _counts(model)
    assert {k.split(".")[0] for k in _counts(v1)} == {"main"}  # no raw, staging or intermediate
    with duckdb.connect(str(v1), read_only=True) as copy, duckdb.connect(str(model), read_only=True) as leader:
        query = "select * from enterprise_directory order by all"
        pd.testing.assert_frame_equal(copy.execute(query).df(), leader.execute(query).df())
    # the descriptions come from the warehouse (the read model is made with CREATE TABLE AS)
    assert "万元" in _comments(v1)["headline_metrics.gross_output_ytd"]
    assert {p.stem for p in parquet.glob("*.parquet")} == {k.split(".")[1] for k in _counts(model)}
    manifest = json.loads((parquet / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["role"] == "leader"
    assert "confidentiality already applied" in (parquet / "README.md").read_text(encoding="utf-8")
    with duckdb.connect() as con:
        frame = con.execute(f"select * from '{parquet / 'enterprise_directory.parquet'}' order by all").df()
    with duckdb.connect(str(model), read_only=True) as leader:
        expected = leader.execute("select * from enterprise_directory order by all").df()
    pd.testing.assert_frame_equal(frame, expected, check_dtype=False)


def test_export_never_overwrites_and_is_audited(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "taken.duckdb"
    out.write_text("mine")
    with pytest.raises(ExportError, match="already exists"):
        export(demo_db, "duckdb-v1", out)
    assert out.read_text() == "mine"
    fresh = tmp_path / "fresh"
    export(demo_db, "parquet", fresh)
    events = [e for e in audit.read_events(None) if e["event"] == "export" and e.get("file") == str(fresh)]
    assert len(events) == 1 and events[0]["kind"] == "parquet" and events[0]["role"] == "analyst"


def test_no_export_without_an_audit_line(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(blocker / "audit.jsonl"))
    with pytest.raises(ExportError, match="audit log"):
        export(demo_db, "parquet", tmp_path / "out")
    assert not (tmp_path / "out").exists()
