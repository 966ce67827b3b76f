"""`python -m warehouse export`: the warehouse in a form that older DuckDB clients and other tools open.

The published warehouse is written by DuckDB 2.0 in its own storage format (storage version
69), which DuckDB 1.x refuses ("Trying to read a database file with version number 69, but we
can only read versions between 64 and 68") — among them the DuckDB CLI that PyPI's
`duckdb-cli` 1.5.x installs. Two ways out:

- `--format duckdb-v1`: a copy of the warehouse written with `STORAGE_VERSION 'v1.0.0'`
  (storage version 64), which every DuckDB from 1.0 on opens. Tables, views and the dbt
  descriptions (COMMENT ON, from persist_docs) come along: `COPY FROM DATABASE` copies the
  catalog as it is.
- `--format parquet`: one Parquet file per table of the marts schema (`main`, the tables a
  dashboard page reads), a `manifest.json` naming each file's table, rows, columns, types and
  descriptions, and a short README.md. Parquet opens in any DuckDB, pandas, pyarrow, Spark, R…

Who gets what: an analyst's or admin's export (the default role) is the whole warehouse — the
raw, staging and intermediate schemas too for duckdb-v1 — so it is for people who may read
enterprise-level data. `--role leader` exports the leader's SQL read model instead
(warehouse/safe_sql.py::leader_read_model): the marts only, with the confidentiality rules of
warehouse/confidentiality.py already applied, exactly what a leader can query in the app.

Every export writes one `export` line to the audit log first; an export whose audit line
cannot be written writes no file. The output appears whole or not at all (written beside its
final name, then renamed), and an existing output is never overwritten.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse import audit, readonly

FORMATS = ("parquet", "duckdb-v1")
ROLES = ("analyst", "admin", "leader")
# The oldest storage format DuckDB 2.0 still writes: DuckDB 1.0 and every later 1.x read it.
V1_STORAGE_VERSION = "v1.0.0"
MART_SCHEMA = "main"
SRC = "src"  # the catalog name of the file exported (the warehouse, or the leader's read model)
DOCS = "docs"  # the warehouse itself, for its descriptions, when SRC is the leader's read model


class ExportError(Exception):
    """The export cannot be written (no warehouse, output already there, audit log unwritable)."""


@dataclass
class ExportResult:
    out: Path
    format: str
    role: str
    tables: dict[str, int] = field(default_factory=dict)  # table (schema-qualified for duckdb-v1) -> rows


def _source(db_path: Path, role: str) -> Path:
    """The file to export from: the warehouse itself, or for a leader the leader's read model."""
    if role != "leader":
        return db_path
    from warehouse.safe_sql import leader_read_model  # imports pandas and the confidentiality rules

    return leader_read_model(db_path)


def _attach(con: duckdb.DuckDBPyConnection, path: Path, alias: str = SRC) -> None:
    """A file attached READ_ONLY in a private in-memory instance (the readonly.py recipe without its
    lock-down: an export has to write files)."""
    con.execute(f"ATTACH {readonly.literal(str(path.resolve()))} AS {alias} (READ_ONLY)")


def _descriptions(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[tuple[str, str | None], str]:
    """The dbt descriptions (DuckDB comments) of the marts in `catalog`: (table, None) and (table, column) -> text.

    The leader's read model is made with CREATE TABLE AS, which keeps no comment: its export
    takes them from the warehouse (a description says what a column means, never a figure).
    """
    tables = con.execute(
        "select table_name, comment from duckdb_tables() where database_name = ? and schema_name = ? "
        "and coalesce(comment, '') <> ''",
        [catalog, MART_SCHEMA],
    ).fetchall()
    columns = con.execute(
        "select table_name, column_name, comment from duckdb_columns() where database_name = ? and schema_name = ? "
        "and coalesce(comment, '') <> ''",
        [catalog, MART_SCHEMA],
    ).fetchall()
    return {(t, None): c for t, c in tables} | {(t, col): c for t, col, c in columns}


def _tables(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(schema, table) of every table of the file exported, or of those in `schemas`."""
    rows = con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = ? order by schema_name, table_name",
        [SRC],
    ).fetchall()
    return [r for r in rows if schemas is None or r[0] in schemas]


def _row_count(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> int:
    return con.execute(
        f"select count(*) from {SRC}.{readonly.identifier(schema)}.{readonly.identifier(table)}"
    ).fetchone()[0]


def _build_id(con: duckdb.DuckDBPyConnection) -> str | None:
    try:
        return con.execute(f"select build_id from {SRC}.main.build_info").fetchone()[0]
    except duckdb.Error:  # a leader's read model keeps build_info too; an older warehouse may not have it
        return None


def _export_duckdb_v1(con: duckdb.DuckDBPyConnection, scratch: Path, docs: str) -> dict[str, int]:
    con.execute(
        f"ATTACH {readonly.literal(str(scratch))} AS dst (STORAGE_VERSION {readonly.literal(V1_STORAGE_VERSION)})"
    )
    con.execute(f"COPY FROM DATABASE {SRC} TO dst")  # the comments too
    if docs != SRC:
        marts = {t for _, t in _tables(con, (MART_SCHEMA,))}
        for (table, column), text in _descriptions(con, docs).items():
            if table not in marts:
                continue
            target = f"dst.{MART_SCHEMA}.{readonly.identifier(table)}"
            what = f"TABLE {target}" if column is None else f"COLUMN {target}.{readonly.identifier(column)}"
            try:
                con.execute(f"COMMENT ON {what} IS {readonly.literal(text)}")
            except (duckdb.CatalogException, duckdb.BinderException):  # a column the leader's table does not have
                pass
    con.execute("DETACH dst")
    return {f"{s}.{t}": _row_count(con, s, t) for s, t in _tables(con)}


def _columns(con: duckdb.DuckDBPyConnection, table: str, described: dict) -> list[dict[str, str]]:
    rows = con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = ? and schema_name = ? and table_name = ? order by column_index",
        [SRC, MART_SCHEMA, table],
    ).fetchall()
    return [{"name": n, "type": t, "description": described.get((table, n), "")} for n, t in rows]


README = """# 数据仓库导出（Parquet） / Warehouse export (Parquet)

导出自 / exported from: `{source}` (build {build_id}), role `{role}`.

每张数据集市表一个 Parquet 文件；manifest.json 列出每个文件的表名、行数、列名、类型和说明（含单位：万元、%）。
One Parquet file per mart table; manifest.json lists each file's table, row count, columns,
types and descriptions (with units: 万元 = 10k yuan, % = percent).

    duckdb -c "select * from 'headline_metrics.parquet' limit 5"
    python -c "import pandas as pd; print(pd.read_parquet('headline_metrics.parquet').head())"

{audience}
"""

AUDIENCE = {
    "leader": "领导口径：已按统计保密规则处理（与领导在系统中可查询的数据相同）。 / "
    "Leader's view: statistical confidentiality already applied (what a leader can query in the app).",
    "analyst": "完整数据，含企业级数据：仅供有权查阅企业数据的分析人员和管理员使用，勿转给领导或外部。 / "
    "Full data, enterprise level included: for analysts and admins only; do not pass it to leaders or outsiders.",
}


def _export_parquet(con: duckdb.DuckDBPyConnection, scratch: Path, docs: str, source: str, role: str) -> dict[str, int]:
    scratch.mkdir()
    manifest_tables, counts = [], {}
    described = _descriptions(con, docs)
    for _, table in _tables(con, (MART_SCHEMA,)):
        file_name = f"{table}.parquet"
        ident = f"{SRC}.{MART_SCHEMA}.{readonly.identifier(table)}"
        con.execute(
            f"COPY (select * from {ident}) TO {readonly.literal(str(scratch / file_name))} "
            "(FORMAT parquet, COMPRESSION zstd)"
        )
        counts[table] = _row_count(con, MART_SCHEMA, table)
        manifest_tables.append(
            {
                "table": table,
                "file": file_name,
                "rows": counts[table],
                "description": described.get((table, None), ""),
                "columns": _columns(con, table, described),
            }
        )
    build_id = _build_id(con)
    manifest = {"source": source, "build_id": build_id, "role": role, "tables": manifest_tables}
    (scratch / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    readme = README.format(
        source=source, build_id=build_id, role=role, audience=AUDIENCE["leader" if role == "leader" else "analyst"]
    )
    (scratch / "README.md").write_text(readme, encoding="utf-8")
    return counts


def export(db_path: str | os.PathLike, fmt: str, out: str | os.PathLike, role: str = "analyst") -> ExportResult:
    """Write the warehouse at db_path to `out` as `fmt` (parquet: a new folder; duckdb-v1: a new file) for `role`."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if role not in ROLES:
        raise ExportError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    db_path, out = Path(db_path), Path(out)
    if not db_path.is_file():
        raise ExportError(f"warehouse not found: {db_path} (run `python -m warehouse build` first)")
    if out.exists() or out.is_symlink():
        raise ExportError(f"{out} already exists; name a new {'folder' if fmt == 'parquet' else 'file'}")
    if not out.parent.is_dir():
        raise ExportError(f"folder not found: {out.parent}")
    user, _, session = audit.actor()
    try:
        audit.record(
            "export",
            user,
            role,
            what=f"warehouse export ({fmt})",
            file=str(out),
            kind=fmt,
            session=session,
            db=str(db_path),
        )
    except OSError as exc:
        raise ExportError(f"the audit log cannot be written, so nothing is exported: {exc}") from exc
    source = _source(db_path, role)
    scratch = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with duckdb.connect(":memory:", config={"threads": 2, "memory_limit": "1GB"}) as con:
            _attach(con, source)
            docs = SRC
            if source != db_path:
                _attach(con, db_path, DOCS)
                docs = DOCS
            if fmt == "duckdb-v1":
                tables = _export_duckdb_v1(con, scratch, docs)
            else:
                tables = _export_parquet(con, scratch, docs, db_path.name, role)
        os.replace(scratch, out)
    finally:
        if scratch.is_dir():
            shutil.rmtree(scratch, ignore_errors=True)
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            if leftover.is_file():
                leftover.unlink()
    return ExportResult(out, fmt, role, tables)
