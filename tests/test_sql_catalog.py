"""The schema catalogue: the relations a role can query, their column types, and dbt's descriptions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warehouse.safe_sql import schema_catalog

pytestmark = pytest.mark.usefixtures("sql_sandbox")


def _write(target: Path, name: str, data: dict) -> None:
    target.mkdir(parents=True, exist_ok=True)
    (target / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


MANIFEST = {
    "nodes": {
        "model.zone.industrial_growth": {
            "resource_type": "model",
            "schema": "main",
            "name": "industrial_growth",
            "alias": "industrial_growth",
            "description": "规上工业增长 / Industrial growth: one row per enterprise",
            "columns": {
                "growth_pct": {"name": "growth_pct", "description": "增加值增速（%） / VA growth (%)"},
                "name": {"name": "name", "description": "企业名称 / Enterprise name"},
            },
        },
        "model.zone.stg_raw__enterprises": {
            "resource_type": "model",
            "schema": "staging",
            "name": "stg_raw__enterprises",
            "alias": "stg_raw__enterprises",
            "description": "企业名录（清洗后） / Enterprises, cleaned",
            "columns": {},
        },
        "test.zone.not_null_x": {"resource_type": "test", "schema": "main", "name": "typed", "description": "no"},
    },
    "sources": {
        "source.zone.raw.enterprises": {
            "resource_type": "source",
            "schema": "raw",
            "name": "enterprises",
            "identifier": "enterprises",
            "description": "原始企业名录 / Raw enterprises file",
            "columns": {"enterprise_id": {"description": "统一社会信用代码 / USCC"}},
        }
    },
}


def test_descriptions_come_from_dbt_manifest(small_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    _write(target, "manifest.json", MANIFEST)
    rels = {(r.schema, r.name): r for r in schema_catalog(small_db, "analyst", target)}

    growth = rels[("main", "industrial_growth")]
    assert growth.description.startswith("规上工业增长")
    cols = {c.name: c for c in growth.columns}
    assert [c.name for c in growth.columns] == ["enterprise_id", "name", "chain", "gross_output", "growth_pct"]
    assert cols["growth_pct"].type == "DOUBLE" and cols["growth_pct"].description.startswith("增加值增速")
    assert cols["chain"].description == ""  # undocumented column: type only
    assert rels[("staging", "stg_raw__enterprises")].description.startswith("企业名录")
    raw = rels[("raw", "enterprises")]
    assert raw.description.startswith("原始企业名录")
    assert {c.name: c.description for c in raw.columns}["enterprise_id"] == "统一社会信用代码 / USCC"
    assert rels[("main", "typed")].description == ""  # a test node's text is not a description


def test_catalog_json_fills_in_without_a_manifest(small_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    _write(
        target,
        "catalog.json",
        {
            "nodes": {
                "model.zone.typed": {
                    "metadata": {"schema": "main", "name": "typed", "comment": "类型样例 / Typed sample"},
                    "columns": {"amount": {"type": "DECIMAL(18,2)", "comment": "金额（万元） / Amount"}},
                }
            }
        },
    )
    typed = next(r for r in schema_catalog(small_db, "analyst", target) if r.name == "typed")
    assert typed.description == "类型样例 / Typed sample"
    assert {c.name: (c.type, c.description) for c in typed.columns}["amount"] == (
        "DECIMAL(18,2)",
        "金额（万元） / Amount",
    )


def test_without_dbt_target_the_warehouse_still_lists_everything(small_db: Path, tmp_path: Path) -> None:
    rels = schema_catalog(small_db, "analyst", tmp_path / "no-target")
    assert [(r.schema, r.name) for r in rels] == [
        ("main", "formula_text"),
        ("main", "industrial_growth"),
        ("main", "typed"),
        ("intermediate", "int_enterprises_named"),
        ("staging", "stg_raw__enterprises"),
        ("raw", "enterprises"),
    ]
    assert all(r.columns and all(c.type for c in r.columns) for r in rels)


def test_leader_catalogue_is_the_marts_only(small_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    _write(target, "manifest.json", MANIFEST)
    rels = schema_catalog(small_db, "leader", target)
    assert {(r.schema, r.name) for r in rels} == {
        ("main", "formula_text"),
        ("main", "industrial_growth"),
        ("main", "typed"),
    }
    assert next(r for r in rels if r.name == "industrial_growth").description.startswith("规上工业增长")
