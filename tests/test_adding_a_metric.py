"""The README's "adding a metric" section, followed with a throwaway metric.

A copy of the project gets one new headline metric, 利润率 (profit_ytd / revenue_ytd), by
editing exactly the two places the README names: the metric's SQL in headline_metrics.sql
and its registry entry in _headline__models.yml (this metric has no talking point). Then
the warehouse is built and every consumer that derives from the registry is checked: the
contract's list, the `headline` CLI's keys, the year-on-year mart (its kind), the text
table's label, the card's printed value and the confidentiality family.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
HEADLINE = Path("dbt_project/models/marts/headline")

SQL_LINE = (
    "        cast(100.0 * industrial.profit_ytd / nullif(industrial.revenue_ytd, 0) as double) as profit_margin_ytd,\n"
)
YAML_ENTRY = """
      - name: profit_margin_ytd
        description: "规上工业营业收入利润率（%） / Profit as a share of revenue, year to date (%)"
        data_type: double
        meta:
          metric:
            label: {zh: "营业收入利润率", en: "Profit margin"}
            unit: percent
            decimals: 1
            kind: rate
            family: ytd
            card: {chart: line, sparkline: months}
"""

CHECK = """
import json, sys
from dashboard import fmt, i18n
from warehouse import confidentiality, contract, metrics
m = metrics.BY_NAME["profit_margin_ytd"]
print(json.dumps({
    "in_contract": "profit_margin_ytd" in contract.HEADLINE_METRICS,
    "label": i18n.tr("zh", "metric.profit_margin_ytd"),
    "card": fmt.metric("profit_margin_ytd", float(sys.argv[1]), language="zh"),
    "family": confidentiality.METRIC_FAMILIES.get("profit_margin_ytd"),
}, ensure_ascii=False))
"""


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"{args} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's code with the throwaway metric added as the README says."""
    copy = tmp_path_factory.mktemp("add-metric") / "project"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "target", "logs", "data", "*.duckdb*", "test-artifacts", "__pycache__"
    )
    for part in ("dashboard", "warehouse", "dbt_project"):
        shutil.copytree(ROOT / part, copy / part, ignore=ignore)
    sql = copy / HEADLINE / "headline_metrics.sql"
    text = sql.read_text(encoding="utf-8")
    anchor = "        cast(projects.plan_new_or_continuing"
    assert text.count(anchor) == 1
    sql.write_text(text.replace(anchor, SQL_LINE + anchor), encoding="utf-8")
    yml = copy / HEADLINE / "_headline__models.yml"
    text = yml.read_text(encoding="utf-8")
    anchor = "\n      - name: plan_new_or_continuing\n"
    assert text.count(anchor) == 1
    yml.write_text(text.replace(anchor, YAML_ENTRY.rstrip("\n") + anchor, 1), encoding="utf-8")
    return copy


def test_a_new_metric_reaches_every_consumer(project: Path, demo_raw: Path, tmp_path: Path) -> None:
    db = tmp_path / "zone.duckdb"
    _run(project, "-m", "warehouse", "build", "--raw", str(demo_raw), "--db", str(db), "--quiet")
    headline = json.loads(_run(project, "-m", "warehouse", "headline", "--db", str(db), "--period", "2025-06").stdout)
    keys = list(headline)
    assert keys.index("profit_margin_ytd") == keys.index("plan_new_or_continuing") - 1
    value = headline["profit_margin_ytd"]
    assert 0 < value < 100

    with duckdb.connect(str(db), read_only=True) as con:
        kind, yoy = con.execute(
            "select metric_kind, metric_value from main.headline_year_on_year "
            "where metric = 'profit_margin_ytd' and period = '2025-06'"
        ).fetchone()
    assert kind == "rate" and abs(yoy - value) < 1e-9

    out = json.loads(_run(project, "-c", CHECK, str(value)).stdout)
    expected_card = str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) + "%"
    assert out == {"in_contract": True, "label": "营业收入利润率", "card": expected_card, "family": "ytd"}
