"""The review (审核) engine: the rules of review_rules.toml run over a submission in DuckDB.

The rules are data (code, 中文名称, level, table, thresholds, SQL, message); this module only
loads them, runs each rule of the submitted table over the relations `sub`, `prior` and
`merged` the caller has created, and turns the rows into findings with a Chinese message.
"""

from __future__ import annotations

import math
import re
import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard import fmt

RULES_FILE = Path(__file__).with_name("review_rules.toml")
LEVELS = ("错误", "疑问")  # 错误 rejects the file; 疑问 holds it until explained or cleared
ERROR, QUERY = LEVELS


@dataclass(frozen=True)
class Rule:
    """One review rule as written in review_rules.toml."""

    code: str
    name: str
    level: str
    table: str
    sql: str
    message: str
    description: str = ""
    thresholds: dict[str, float] = field(default_factory=dict)

    def query(self) -> str:
        """The rule's SQL with its thresholds filled in."""
        values = {k: repr(float(v)) for k, v in self.thresholds.items()}
        return string.Template(self.sql).substitute(values)


@dataclass
class Finding:
    """One row a rule found: where it is, and what the steward reads."""

    rule: str
    name: str
    level: str
    row: int | None  # spreadsheet row of the submitted file; None for a row that is not there (缺报)
    enterprise_id: str | None
    period: str | None
    key: str  # what an explanation names: the row number, else the enterprise id / matter code
    message: str
    values: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        """The finding as `submit --json` prints it."""
        return {
            "rule": self.rule,
            "level": self.level,
            "row": self.row,
            "enterprise_id": self.enterprise_id,
            "period": self.period,
            "message": self.message,
            "name": self.name,
            "key": self.key,
        }


def load_rules(path: Path = RULES_FILE) -> list[Rule]:
    """Every rule of the rules file, checked for the fields the engine needs."""
    with Path(path).open("rb") as f:
        data = tomllib.load(f)
    rules = []
    for entry in data.get("rule", []):
        rule = Rule(
            code=entry["code"],
            name=entry["name"],
            level=entry["level"],
            table=entry["table"],
            sql=entry["sql"],
            message=entry["message"],
            description=entry.get("description", ""),
            thresholds=dict(entry.get("thresholds", {})),
        )
        if rule.level not in LEVELS:
            raise ValueError(f"{path}: rule {rule.code}: level must be one of {LEVELS}, not {rule.level!r}")
        rules.append(rule)
    codes = [r.code for r in rules]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{path}: a rule code appears twice")
    return rules


def rules_for(table: str, path: Path = RULES_FILE) -> list[Rule]:
    """The rules that apply to a table."""
    return [r for r in load_rules(path) if r.table == table]


_PLACEHOLDER = re.compile(r"\{(\w+)(?:\|(\w+))?\}")


def _show(value: object, kind: str | None) -> str:
    """A value in a message, numbers through dashboard.fmt (the one number formatter)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return fmt.DASH
    if kind == "wan":
        return fmt.wan(float(value), 1, language="zh")
    if kind == "pct":
        return fmt.pct(float(value), 1)
    if kind == "num":
        return fmt.num(float(value), 1)
    if kind == "ratio":
        return fmt.num(float(value), 2)
    return str(value)


def render(template: str, values: dict) -> str:
    """Fill a message template: {column} or {column|wan|pct|num|ratio}."""
    return _PLACEHOLDER.sub(lambda m: _show(values.get(m.group(1)), m.group(2)), template)


def _plain(value: object) -> object:
    """A value as JSON can hold it."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    return str(value)


def run_rules(con: duckdb.DuckDBPyConnection, table: str, rules: list[Rule] | None = None) -> list[Finding]:
    """Run the table's rules over `sub`, `prior`, `merged` (already created on con); findings in rule order."""
    con.execute(
        "CREATE OR REPLACE TEMP MACRO add_months(p, n) AS "
        "strftime(strptime(p || '-01', '%Y-%m-%d') + to_months(CAST(n AS INTEGER)), '%Y-%m')"
    )
    has_names = bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = 'enterprises'"
        ).fetchall()[0][0]
    )
    findings: list[Finding] = []
    for rule in rules if rules is not None else rules_for(table):
        inner = rule.query()
        named = (
            f"SELECT q.*, e.name AS enterprise_name FROM ({inner}) q "
            "LEFT JOIN raw.enterprises e ON e.enterprise_id = q.enterprise_id"
            if has_names
            else f"SELECT q.*, NULL AS enterprise_name FROM ({inner}) q"
        )
        cur = con.execute(f"SELECT * FROM ({named}) ORDER BY row NULLS LAST, enterprise_id, key")
        columns = [d[0] for d in cur.description]
        for record in cur.fetchall():
            values = dict(zip(columns, record, strict=True))
            if values.get("enterprise_name") is None:
                values["enterprise_name"] = values.get("enterprise_id") or ""
            row = values.get("row")
            row = None if row is None else int(row)
            key = str(row) if row is not None else str(values.get("key") or values.get("enterprise_id") or "")
            findings.append(
                Finding(
                    rule=rule.code,
                    name=rule.name,
                    level=rule.level,
                    row=row,
                    enterprise_id=values.get("enterprise_id"),
                    period=None if values.get("period") is None else str(values["period"]),
                    key=key,
                    message=render(rule.message, values),
                    values={k: _plain(v) for k, v in values.items()},
                )
            )
    return findings
