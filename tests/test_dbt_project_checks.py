"""The dbt project's own hygiene, checked the way dbt Labs' dbt-project-evaluator checks a project.

dbt-project-evaluator is a dbt package (it needs dbt_utils and builds its checks as models in the
warehouse); these are the rules of it that apply to us, as tests over the manifest of a fresh
`dbt parse` (in a folder of the test's own, so no build running beside it can interfere):

- fct_missing_primary_key_tests: every model has a key test (unique + not_null on one column,
  or our unique_combination, which refuses null keys too) — and so fct_test_coverage: every
  model is tested;
- fct_undocumented_models / fct_documentation_coverage: every model, seed, source table and
  every column the YAML lists has a description; that the YAML lists *every* column of a model
  is checked against the built warehouse, where persist_docs turns each description into a
  DuckDB comment (test_every_relation_and_column_of_the_built_warehouse_has_a_comment);
- fct_model_naming_conventions / fct_model_directories: stg_<source>__* in staging/<source>/,
  int_* in intermediate/, marts in marts/<area>/. Deliberate difference: marts keep plain
  names (headline_metrics, not fct_/dim_): analysts and leaders type them in the SQL workbench;
- fct_direct_join_to_source / fct_marts_or_intermediate_dependent_on_source /
  fct_multiple_sources_joined / fct_staging_dependent_on_staging: only staging models read
  sources, each exactly one, and nothing else; fct_source_fanout: one staging model per source;
  fct_unused_sources: every source is read;
- fct_public_models_without_contract: a mart a dashboard page (exposure) reads has an enforced
  contract with a data_type on every column;
- fct_test_directories / fct_model_yaml_directories: a model's YAML lives in its folder.

Deliberate difference: fct_sources_without_freshness does not apply — the raw sources are files
that the build validates and loads whole (warehouse/ingest.py), not tables fed over time.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path, PurePosixPath

import duckdb
import pytest

from warehouse.build import run_dbt

KEY_TESTS = {"unique_combination"}  # generic tests that are a whole key on their own


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The manifest of a fresh `dbt parse` of the project (no database is opened)."""
    base = tmp_path_factory.mktemp("dbt-parse")
    proc = run_dbt(
        base / "unused.duckdb",
        "parse",
        ["--target-path", str(base / "target"), "--log-path", str(base / "logs"), "--no-partial-parse"],
    )
    assert proc.returncode == 0, f"dbt parse failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return json.loads((base / "target" / "manifest.json").read_text(encoding="utf-8"))


def _nodes(manifest: dict, kind: str) -> dict[str, dict]:
    return {uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] == kind}


def _tests_by_node(manifest: dict) -> dict[str, list[tuple[str, str | None]]]:
    """node id -> [(generic test name or 'singular', column or None)] over every data test."""
    found: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for test in _nodes(manifest, "test").values():
        name = (test.get("test_metadata") or {}).get("name", "singular")
        attached = test.get("attached_node")
        for node in [attached] if attached else test["depends_on"]["nodes"]:
            found[node].append((name, test.get("column_name")))
    return found


def _layer(node: dict) -> str:
    return PurePosixPath(node["original_file_path"]).parts[1]  # models/<layer>/…


def test_every_model_and_seed_has_a_key_test(manifest: dict) -> None:
    tests = _tests_by_node(manifest)
    missing = []
    for uid, node in {**_nodes(manifest, "model"), **_nodes(manifest, "seed")}.items():
        names = {name for name, _ in tests[uid]}
        per_column = defaultdict(set)
        for name, column in tests[uid]:
            per_column[column].add(name)
        keyed = names & KEY_TESTS or any({"unique", "not_null"} <= found for c, found in per_column.items() if c)
        if not keyed:
            missing.append(node["name"])
    assert not missing, f"models without a key test (unique + not_null, or unique_combination): {sorted(missing)}"


def test_every_model_seed_and_source_is_documented(manifest: dict) -> None:
    nodes = {**_nodes(manifest, "model"), **_nodes(manifest, "seed"), **manifest["sources"]}
    undocumented = [node["name"] for node in nodes.values() if not node["description"].strip()]
    assert not undocumented, f"no description: {sorted(undocumented)}"
    blank = [
        f"{node['name']}.{column}"
        for node in nodes.values()
        for column, spec in node["columns"].items()
        if not spec["description"].strip()
    ]
    assert not blank, f"columns listed without a description: {sorted(blank)}"


MONEY = re.compile(r"value_added|gross_output|revenue|profit|invest")  # amounts in 万元 …
NOT_MONEY = re.compile(r"count|share|growth|lead|_rate|rank|contribution|_pp$|months|projects|period|^is_|_id$|_name$")
RATE = re.compile(r"_rate$|_share|_growth|_pp$")  # … and rates in % or percentage points


def test_money_and_rate_columns_name_their_unit(manifest: dict) -> None:
    """A notebook user reads the unit in the comment: money in 万元, rates in % (or 百分点)."""
    vague = []
    for node in _nodes(manifest, "model").values():
        for column, spec in node["columns"].items():
            text = spec["description"]
            if MONEY.search(column) and not NOT_MONEY.search(column) and "万元" not in text:
                vague.append(f"{node['name']}.{column} (万元)")
            if RATE.search(column) and column != "va_rate" and "%" not in text and "百分点" not in text:
                vague.append(f"{node['name']}.{column} (%)")
    assert not vague, f"columns whose description does not name their unit: {sorted(vague)}"


def test_names_and_folders_follow_the_layers(manifest: dict) -> None:
    wrong = []
    for node in _nodes(manifest, "model").values():
        name, parts = node["name"], PurePosixPath(node["original_file_path"]).parts
        layer = parts[1]
        if layer == "staging":
            # stg_<source>__<table>, in staging/<source>/
            if not (len(parts) == 4 and name.startswith(f"stg_{parts[2]}__")):
                wrong.append(f"{node['original_file_path']}: a staging model is stg_<source>__* in staging/<source>/")
        elif layer == "intermediate":
            if not name.startswith("int_"):
                wrong.append(f"{node['original_file_path']}: an intermediate model's name starts with int_")
        elif layer == "marts":
            if len(parts) != 4 or re.match(r"(stg|int|fct|dim)_", name):
                wrong.append(f"{node['original_file_path']}: a mart lives in marts/<area>/ with a plain name")
        else:
            wrong.append(f"{node['original_file_path']}: not in staging/, intermediate/ or marts/")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            wrong.append(f"{name}: lower snake case")
    assert not wrong, "\n".join(wrong)


def test_only_staging_reads_sources_one_each(manifest: dict) -> None:
    problems, readers = [], defaultdict(list)
    for node in _nodes(manifest, "model").values():
        deps = node["depends_on"]["nodes"]
        sources = [d for d in deps if d.startswith("source.")]
        for source in sources:
            readers[source].append(node["name"])
        if _layer(node) == "staging":
            if len(sources) != 1 or len(deps) != 1:
                problems.append(f"{node['name']} reads {deps}: a staging model reads exactly one source")
        elif sources:
            problems.append(f"{node['name']} reads {sources} directly: only staging models read sources")
    for uid, source in manifest["sources"].items():
        if len(readers[uid]) != 1:
            problems.append(f"source {source['name']} is read by {readers[uid] or 'no model'}: one staging model each")
    assert not problems, "\n".join(problems)


def test_marts_the_dashboard_reads_have_enforced_contracts(manifest: dict) -> None:
    """fct_public_models_without_contract, for us: a mart an exposure (a dashboard page) reads has
    `contract: enforced: true` and a data_type on every column (STYLE.md). Seeds (the alerts page
    reads the alert rules seed) cannot carry a contract; their column types are set in
    dbt_project.yml, and test_every_model_and_seed_has_a_key_test covers their keys."""
    read = {
        uid
        for exposure in manifest["exposures"].values()
        for uid in exposure["depends_on"]["nodes"]
        if uid.startswith("model.")
    }
    assert read, "no exposures: the dashboard pages are declared in models/marts/_marts__exposures.yml"
    loose = []
    for uid in sorted(read):
        node = manifest["nodes"][uid]
        untyped = [column for column, spec in node["columns"].items() if not spec.get("data_type")]
        if not node["config"].get("contract", {}).get("enforced") or untyped:
            loose.append(
                f"{node['name']}: enforced={node['config'].get('contract', {}).get('enforced')}, untyped {untyped}"
            )
    assert not loose, "\n".join(loose)


def test_a_models_yaml_lives_in_its_folder(manifest: dict) -> None:
    astray = []
    for node in _nodes(manifest, "model").values():
        patch = node.get("patch_path") or ""
        yaml_dir = PurePosixPath(patch.split("://", 1)[-1]).parent
        if not patch or yaml_dir != PurePosixPath(node["original_file_path"]).parent:
            astray.append(f"{node['name']}: YAML {patch or 'missing'}")
    assert not astray, "\n".join(astray)


def test_every_relation_and_column_of_the_built_warehouse_has_a_comment(demo_db: Path, manifest: dict) -> None:
    """persist_docs: every dbt model and seed, and every one of its columns, carries its description as a
    DuckDB comment in the published warehouse (so duckdb_tables() / duckdb_columns() explain it), and the
    comment names the unit where the column has one."""
    relations = {
        (node["schema"], node["alias"]) for node in {**_nodes(manifest, "model"), **_nodes(manifest, "seed")}.values()
    }
    with duckdb.connect(str(demo_db), read_only=True) as con:
        tables = con.execute(
            "select schema_name, table_name, comment from duckdb_tables() where database_name = current_database() "
            "union all select schema_name, view_name, comment from duckdb_views() "
            "where database_name = current_database() and not internal"
        ).fetchall()
        columns = con.execute(
            "select schema_name, table_name, column_name, comment from duckdb_columns() "
            "where database_name = current_database()"
        ).fetchall()
        unit = con.execute(
            "select comment from duckdb_columns() where database_name = current_database() "
            "and table_name = 'headline_metrics' and column_name in ('gross_output_ytd', 'industrial_va_growth_ytd') "
            "order by column_name"
        ).fetchall()
    built = {(s, t) for s, t, _ in tables}
    assert relations <= built, f"dbt relations missing from the warehouse: {sorted(relations - built)}"
    bare = [f"{s}.{t}" for s, t, c in tables if (s, t) in relations and not (c or "").strip()]
    assert not bare, f"relations without a comment: {bare}"
    bare_columns = [f"{s}.{t}.{col}" for s, t, col, c in columns if (s, t) in relations and not (c or "").strip()]
    assert not bare_columns, f"columns without a comment (not described in the YAML?): {bare_columns}"
    assert "万元" in unit[0][0] and "%" in unit[1][0], unit
