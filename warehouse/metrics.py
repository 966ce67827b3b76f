"""The metric registry: one entry per headline metric, read from where the metric is defined.

Each headline metric is a column of the `headline_metrics` mart. Its SQL is in
`dbt_project/models/marts/headline/headline_metrics.sql`; everything else about it — label
(zh/en), unit, decimals, kind, confidentiality family, how the overview card draws it — is
the column's `meta.metric` in `_headline__models.yml` beside that SQL, next to its contract
type and description. This module reads that YAML (not dbt's manifest, so it works before
any build) and everything in Python derives from it: the contract's metric list and the
`headline` CLI's keys, the labels in the text table, the card behaviour, the confidentiality
families and the number formats. dbt reads the same entries through its graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

REGISTRY_YAML = (
    Path(__file__).resolve().parent.parent / "dbt_project" / "models" / "marts" / "headline" / "_headline__models.yml"
)
MODEL = "headline_metrics"

UNITS = ("yuan_wan", "percent", "pp", "enterprises", "projects", "people", "cases")
KINDS = ("ytd_sum", "cumulative_sum", "rate", "lead", "count_at_period", "annual_count")
FAMILIES = ("ytd", "paired", "mfg")
CHARTS = ("bar", "line")
SPARKLINES = ("none", "this_year", "months")
# The text-table key of each count unit's Chinese measure word.
MEASURE_KEYS = {
    "enterprises": "measure.ent",
    "projects": "measure.proj",
    "people": "measure.person",
    "cases": "measure.case",
}


class RegistryError(ValueError):
    """A headline metric's registry entry is missing or malformed."""


@dataclass(frozen=True)
class Metric:
    """One headline metric: what it is called, how it is measured and printed, who may see it."""

    name: str
    label_zh: str
    label_en: str
    unit: str
    decimals: int
    kind: str
    family: str | None
    chart: str
    sparkline: str
    description: str

    def label(self, language: str = "zh") -> str:
        """The metric's name in the language ('zh' or 'en')."""
        return self.label_en if language == "en" else self.label_zh

    @property
    def is_rate(self) -> bool:
        """A percentage or a difference of percentages (changes are told in percentage points)."""
        return self.unit in ("percent", "pp")


def _meta(column: dict) -> dict | None:
    """The column's `metric` entry, whether written under `config: meta:` or plain `meta:`."""
    for meta in ((column.get("config") or {}).get("meta"), column.get("meta")):
        if meta and "metric" in meta:
            return meta["metric"]
    return None


def _entry(column: dict, path: Path) -> Metric:
    """One column's registry entry, checked."""
    name = column["name"]
    m = _meta(column)
    where = f"{path.name}: column {name}"
    if not isinstance(m, dict):
        raise RegistryError(f"{where}: no meta.metric entry")
    try:
        label, card = m["label"], m.get("card") or {}
        metric = Metric(
            name=name,
            label_zh=str(label["zh"]),
            label_en=str(label["en"]),
            unit=m["unit"],
            decimals=int(m["decimals"]),
            kind=m["kind"],
            family=m.get("family"),
            chart=card.get("chart", "line"),
            sparkline=card.get("sparkline", "months"),
            description=str(column.get("description", "")).strip(),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RegistryError(f"{where}: incomplete meta.metric ({exc})") from exc
    for field, allowed in (("unit", UNITS), ("kind", KINDS), ("chart", CHARTS), ("sparkline", SPARKLINES)):
        if getattr(metric, field) not in allowed:
            raise RegistryError(f"{where}: {field} {getattr(metric, field)!r} is not one of {allowed}")
    if metric.family is not None and metric.family not in FAMILIES:
        raise RegistryError(f"{where}: family {metric.family!r} is not one of {FAMILIES}")
    return metric


def load(path: Path = REGISTRY_YAML) -> tuple[Metric, ...]:
    """Every headline metric, in the order of the mart's columns (the contract's order)."""
    with path.open(encoding="utf-8") as f:
        doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    models = [m for m in doc.get("models", []) if m.get("name") == MODEL]
    if not models:
        raise RegistryError(f"{path}: no model {MODEL}")
    return tuple(_entry(c, path) for c in models[0].get("columns", []) if _meta(c) is not None)


METRICS: tuple[Metric, ...] = load()
BY_NAME: dict[str, Metric] = {m.name: m for m in METRICS}
NAMES: tuple[str, ...] = tuple(m.name for m in METRICS)
# Which metrics a withheld cell of each confidentiality family hides (warehouse/confidentiality.py).
FAMILY_OF: dict[str, str] = {m.name: m.family for m in METRICS if m.family}
