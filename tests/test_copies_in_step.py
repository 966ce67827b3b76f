"""Copies that cannot be avoided are kept in step: enum labels, the sources YAML, the metric registry.

The contract (warehouse/contract.py) is the source of the raw tables and their enum codes;
the metric registry (warehouse/metrics.py, the headline_metrics model's YAML) of the headline
metrics. dbt needs its own copies (the sources YAML, the enum_labels and tier_ladder seeds)
and the app its text table (dashboard/i18n.py): these tests fail when one drifts.
"""

from __future__ import annotations

import csv
import string
from pathlib import Path

import duckdb
import pytest
import yaml

from dashboard import i18n
from warehouse import contract, metrics
from warehouse.headline import read_headline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "dbt_project" / "seeds"
SOURCES_YAML = ROOT / "dbt_project" / "models" / "staging" / "raw" / "_raw__sources.yml"

# text-table enum kind -> (the contract's enum, the enum_labels seed's name or None)
ENUM_COPIES = {
    "level": (contract.RECOGNITION_LEVELS, "recognition_level"),
    "plan": (contract.PLAN_CATEGORIES, "plan_category"),
    "talent_category": (contract.TALENT_CATEGORIES, "talent_category"),
    "education": (contract.EDUCATION, "education"),
    "source": (contract.TALENT_SOURCES, "talent_source"),
    "stage": (contract.LIFECYCLE_STAGES, "lifecycle_stage"),
    "channel": (contract.CHANNELS, "channel"),
    "tier": (contract.TIERS, None),
}


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _seed_labels(enum: str) -> dict[str, str]:
    return {r["code"]: r["label"] for r in _seed("enum_labels.csv") if r["enum"] == enum}


@pytest.mark.parametrize("kind", sorted(ENUM_COPIES))
def test_enum_labels_agree_between_contract_seed_and_text_table(kind: str) -> None:
    """Same codes everywhere; what the app shows is a spelling the contract accepts; the seed shows the same."""
    enum, seed_name = ENUM_COPIES[kind]
    shown = {code: zh for code, (zh, _en) in i18n.ENUMS[kind].items() if code in enum}
    assert set(shown) == set(enum), f"text table {kind} lacks codes {set(enum) - set(shown)}"
    for code, zh in shown.items():
        assert zh in enum[code], f"{kind}.{code}: the label shown, {zh!r}, is not accepted in a file ({enum[code]})"
    if seed_name:
        assert _seed_labels(seed_name) == shown, f"seed enum_labels {seed_name} ≠ text table {kind}"


def test_every_seed_enum_is_a_contract_enum() -> None:
    contract_enums = {col.name: col.enum for t in contract.TABLES for col in t.columns if col.enum}
    named = {
        "talent_source": "source",
        "lifecycle_stage": "lifecycle_stage",
        "project_status": None,
        "benchmark_indicator": "indicator",
        "plan_category": "plan_category",
        "region_level": "region_level",
        "recognition_level": "level",
        "talent_category": "category",
        "education": "education",
        "channel": "channel",
    }
    for enum in {r["enum"] for r in _seed("enum_labels.csv")}:
        assert enum in named, f"seed enum {enum} is not mapped to a contract column in this test"
        column = named[enum]
        if column is None:  # a status the warehouse derives (projects_status), not a raw column
            continue
        codes = set(_seed_labels(enum))
        assert codes == set(contract_enums[column]), f"seed {enum} codes ≠ contract column {column}"


def test_tier_ladder_seed_lists_the_contract_tiers_with_their_labels() -> None:
    rows = {r["tier"]: r for r in _seed("tier_ladder.csv") if r["is_composite"] == "false"}
    assert set(rows) == set(contract.TIERS)
    for code, row in rows.items():
        assert row["tier_name"] == i18n.ENUMS["tier"][code][0], f"tier_ladder {code}"


def test_every_enum_value_and_metric_has_a_label_in_both_languages() -> None:
    for kind, codes in i18n.ENUMS.items():
        for code, (zh, en) in codes.items():
            assert zh.strip() and en.strip(), f"{kind}.{code}"
    for m in metrics.METRICS:
        zh, en = i18n.LABELS[f"metric.{m.name}"]
        assert zh.strip() and en.strip(), m.name


def test_every_text_key_exists_in_both_languages_with_the_same_placeholders() -> None:
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
    for key, pair in i18n.LABELS.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        zh, en = pair
        assert zh.strip(), f"{key}: no Chinese"
        # a few English labels are deliberately empty: Chinese measure words (家, 个) have none in English
        assert en.strip() or key.startswith("measure."), f"{key}: no English"
        assert fields(zh) == fields(en), f"{key}: placeholders differ {fields(zh)} ≠ {fields(en)}"


def test_sources_yaml_lists_exactly_the_contract_tables_and_columns() -> None:
    doc = yaml.safe_load(SOURCES_YAML.read_text(encoding="utf-8"))
    tables = {t["name"]: [c["name"] for c in t.get("columns", [])] for t in doc["sources"][0]["tables"]}
    assert set(tables) == set(contract.TABLES_BY_NAME)
    for name, table in contract.TABLES_BY_NAME.items():
        assert tables[name] == [c.name for c in table.columns], f"sources YAML columns of {name}"


def test_registry_matches_the_headline_mart_and_the_cli(demo_db: Path) -> None:
    with duckdb.connect(str(demo_db), read_only=True) as con:
        columns = [r[0] for r in con.execute("describe main.headline_metrics").fetchall()]
        period = con.execute("select max(period) from main.headline_metrics").fetchone()[0]
    keys = ("period", "period_end")
    assert tuple(c for c in columns if c not in keys) == metrics.NAMES
    assert contract.HEADLINE_METRICS == metrics.NAMES
    assert tuple(read_headline(demo_db, period)) == metrics.NAMES


def test_registry_entries_are_complete() -> None:
    assert len(metrics.METRICS) == len(set(metrics.NAMES)) >= 30
    for m in metrics.METRICS:
        assert m.unit in metrics.UNITS and m.kind in metrics.KINDS and m.chart in metrics.CHARTS
        assert m.decimals == (1 if m.unit in ("yuan_wan", "percent", "pp") else 0), m.name
        assert m.description, f"{m.name}: no description in the YAML"
    tiers = [m.name for m in metrics.METRICS if m.name in contract.TIERS]
    assert tiers == list(contract.TIER_CODES)
    for name in tiers:
        assert metrics.BY_NAME[name].label_zh == i18n.ENUMS["tier"][name][0]
