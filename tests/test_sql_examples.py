"""The workbench's example queries answer their questions on the real demo warehouse, and its catalogue is documented."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from warehouse.safe_sql import EXAMPLE_QUERIES, dbt_target_dir, run_query, schema_catalog

MARTS = sorted(
    p.stem for p in (Path(__file__).resolve().parent.parent / "dbt_project" / "models" / "marts").rglob("*.sql")
)
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True, scope="module")
def _sql_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One cache for the module, so the leader's read model of the demo warehouse is built once."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ZONE_SQL_CACHE", str(tmp_path_factory.mktemp("sql-cache")))
        yield


def test_there_are_examples_for_the_questions_leadership_asks() -> None:
    titles = " ".join(EXAMPLE_QUERIES)
    for topic in ("growth contributors", "milestones", "expiring", "bad ratings"):
        assert topic in titles, topic
    assert all(HAN.search(t) and " / " in t for t in EXAMPLE_QUERIES), "titles are Chinese / English"


@pytest.mark.parametrize("role", ["analyst", "leader"])
@pytest.mark.parametrize("title", list(EXAMPLE_QUERIES), ids=[t.split(" / ", 1)[-1] for t in EXAMPLE_QUERIES])
def test_example_query_runs_on_the_demo_warehouse(demo_db: Path, title: str, role: str) -> None:
    result = run_query(demo_db, EXAMPLE_QUERIES[title], role=role, timeout_s=30)
    assert len(result.df) > 0, f"{title} found nothing in the demo data"
    assert not result.truncated


def test_top_contributors_are_sorted_by_contribution(demo_db: Path) -> None:
    title = next(t for t in EXAMPLE_QUERIES if "growth contributors" in t)
    df = run_query(demo_db, EXAMPLE_QUERIES[title]).df
    assert df["contribution_pp"].is_monotonic_decreasing
    assert len(df) == 20


def test_every_mart_and_column_is_described_in_the_catalogue(demo_db: Path) -> None:
    """The build leaves dbt's manifest in dbt's target folder (dbt_project/target, or $DBT_TARGET_PATH as in
    the tests); the leader's catalogue carries its descriptions.

    Columns are described in Chinese and English ("中文 / English"); marts at least described.
    """
    assert (dbt_target_dir() / "manifest.json").is_file()
    docs = {r.name: r for r in schema_catalog(demo_db, role="leader")}
    assert {r.schema for r in docs.values()} == {"main"}
    missing = [m for m in MARTS if m not in docs]
    assert not missing, f"marts not in the leader's catalogue: {missing}"
    for name in MARTS:
        rel = docs[name]
        assert rel.description.strip(), f"{name} has no description"
        bare = [c.name for c in rel.columns if not (HAN.search(c.description) and re.search("[A-Za-z]", c.description))]
        assert not bare, f"{name}: columns not described in Chinese and English: {bare}"
        assert all(c.type for c in rel.columns)


def test_analyst_catalogue_lists_staging_after_the_marts(demo_db: Path) -> None:
    schemas = [r.schema for r in schema_catalog(demo_db, role="analyst")]
    assert schemas[0] == "main"
    assert {"main", "staging", "intermediate", "raw"} <= set(schemas)
    assert schemas.index("staging") > max(i for i, s in enumerate(schemas) if s == "main")
