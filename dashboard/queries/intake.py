"""The 数据报送 console's reads of the landing store (warehouse/intake), no Streamlit here.

The store is $ZONE_STORE, else warehouse/landing. Enterprise names in the 缺报 / 新进规
lists come from the findings the review recorded; a leader never gets them (`names=False`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from warehouse.contract import TABLES, TABLES_BY_NAME
from warehouse.ingest import Problem, column_label
from warehouse.intake.offices import office_of
from warehouse.intake.store import DEFAULT_STORE, Store


def store_path() -> Path:
    """Where the landing store is: $ZONE_STORE, else warehouse/landing."""
    return Path(os.environ.get("ZONE_STORE") or DEFAULT_STORE)


def open_store() -> Store:
    """The landing store (created empty if it is not there)."""
    return Store(store_path())


def held(store: Store | None = None) -> list[dict]:
    """Submissions held for review: a publish waits while this is not empty."""
    return (store or open_store()).held()


def periods(store: Store) -> list[str]:
    """Months any submission covers, newest first."""
    months = {p for s in store.submissions(limit=100_000) for p in s["periods"] if len(p) == 7}
    return sorted(months, reverse=True)


def board(store: Store, period: str) -> pd.DataFrame:
    """报送情况 of a month: one row per contract table (submitted or missing)."""
    status = store.status(period)
    rows = []
    for table in TABLES:
        s = status["tables"][table.name]
        rows.append(
            {
                "table": table.name,
                "title": table.title,
                "office": office_of(table.name),
                "mode": table.mode,
                "state": s["state"],
                "by": s["by"],
                "at": s["at"],
                "rows": s["rows"] if s["state"] != "missing" else None,
                "file": s["file"],
            }
        )
    return pd.DataFrame(rows)


def reporters(store: Store, period: str, names: bool) -> dict[str, pd.DataFrame]:
    """The month's 缺报 (IM06) and 新进规 (IM07) enterprises; with names unless `names` is False (a leader)."""
    status = store.status(period)
    sid = status["tables"]["industrial_monthly"]["id"]
    found = store.submission(sid)["findings"] if sid is not None else []
    out = {}
    for rule, ids in (("IM06", status["missing_reporters"]), ("IM07", status["new_reporters"])):
        by_id = {f["enterprise_id"]: f for f in found if f["rule"] == rule}
        out[rule] = pd.DataFrame(
            [
                {
                    "enterprise_id": e,
                    "name": (by_id.get(e, {}).get("values", {}).get("enterprise_name") if names else None),
                    "explanation": by_id.get(e, {}).get("explanation"),
                }
                for e in ids
            ],
            columns=["enterprise_id", "name", "explanation"],
        )
    return out


def findings(store: Store, sid: int) -> pd.DataFrame:
    """A submission's findings, in the order the review found them."""
    sub = store.submission(sid)
    return pd.DataFrame(
        sub["findings"],
        columns=[
            "rule",
            "name",
            "level",
            "row",
            "enterprise_id",
            "period",
            "key",
            "message",
            "explanation",
            "cleared_by",
        ],
    )


def history(store: Store, tables: tuple[str, ...], limit: int = 200) -> pd.DataFrame:
    """The latest submissions of the given tables, newest first."""
    rows = [s for s in store.submissions(limit=limit * 4) if s["table"] in tables][:limit]
    return pd.DataFrame(
        rows, columns=["id", "table", "file", "by", "at", "periods", "rows", "state", "errors", "decided_by"]
    )


def problems(sub: dict, language: str) -> list[dict]:
    """A submission's validation problems as the console lists them, in `language`.

    file, row, column, value, message: English as recorded; Chinese names the column by the
    header a clerk types (its contract alias, 工业总产值). Values keep their exact text.
    """
    out = []
    for e in sub["errors"]:
        p = Problem.from_json(e)
        column = p.column
        if column is not None and language != "en":
            stem = Path(p.file).stem  # the submitted file keeps its own name; the others are <table>.csv
            column = column_label(stem if stem in TABLES_BY_NAME else sub["table"], column, language)
        out.append(
            {"file": p.file, "row": p.row, "column": column, "value": p.value, "message": p.message_in(language)}
        )
    return out
