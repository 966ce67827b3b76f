"""The SQL workbench's logic, without Streamlit: settings, runs and their history, saved queries,
example titles, the schema browser's data and the exports (app_pages/sql.py lays them out).

Every query runs through `warehouse.safe_sql.run_query`: a read-only, locked-down DuckDB
connection of its own, a time limit and a row cap; the leader role sees only the marts.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import time
import uuid
from collections.abc import Callable

import pandas as pd

from warehouse import audit, safe_sql

HISTORY_SIZE = 50
SCHEMA_LABELS = {
    "main": "sql.schema.main",
    "intermediate": "sql.schema.intermediate",
    "staging": "sql.schema.staging",
    "raw": "sql.schema.raw",
}
# The i18n key of each example's title (safe_sql.EXAMPLE_QUERIES is keyed by its '中文 / English' title).
EXAMPLE_KEYS = dict(
    zip(
        safe_sql.EXAMPLE_QUERIES,
        (
            "sql.example.headline_latest",
            "sql.example.top_contributors",
            "sql.example.growth_by_chain",
            "sql.example.delayed_milestones",
            "sql.example.expiring_not_renewed",
            "sql.example.specialists_bad_ratings",
            "sql.example.bad_ratings_open",
            "sql.example.talent_gap",
        ),
        strict=True,
    )
)
# (format key, bytes maker, file extension, MIME type) of each download of a result. The workbook
# comes first: it is the one a clerk should click, as it opens in Excel/WPS with codes, dates and
# Chinese headers intact (the CSV keeps codes too, but a spreadsheet guesses its other types).
EXPORTS: tuple[tuple[str, Callable[[pd.DataFrame], bytes], str, str], ...] = (
    ("xlsx", safe_sql.to_xlsx_bytes, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("csv", safe_sql.to_csv_bytes, "csv", "text/csv"),
    ("parquet", safe_sql.to_parquet_bytes, "parquet", "application/vnd.apache.parquet"),
)
LOCALISED_EXPORTS = ("xlsx",)  # makers that take the page's language (for Chinese headers)
_CJK = re.compile(r"[\u3400-\u9fff]")
_PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]*")


# --- settings -------------------------------------------------------------------------------


_env_number = safe_sql.env_number


def timeout_s() -> float:
    """Seconds a query may run: $ZONE_SQL_TIMEOUT, default 30."""
    return _env_number("ZONE_SQL_TIMEOUT", 30.0)


def max_rows() -> int:
    """Rows shown and exported at most: $ZONE_SQL_MAX_ROWS, default 10,000."""
    return int(_env_number("ZONE_SQL_MAX_ROWS", 10_000))


def engine_role(role: object) -> str:
    """The role a query runs as: the session's if the engine knows it, else the narrowest view."""
    return role if role in safe_sql.ROLES else "leader"


# --- text -----------------------------------------------------------------------------------


def description(text: str, language: str) -> str:
    """A dbt description in the language: dbt's descriptions are written '中文 / English'; one
    without both halves is shown as it is."""
    zh, sep, en = text.partition(" / ")
    if not sep or not _CJK.search(zh) or not en.strip():
        return text
    return zh.strip() if language == "zh" else en.strip()


def one_line(sql: str, width: int = 90) -> str:
    """A query on one line for a list: comment lines dropped, whitespace collapsed, cut at width."""
    text = " ".join(" ".join(line for line in sql.splitlines() if not line.lstrip().startswith("--")).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def first_paragraph(markdown: str) -> str:
    """The first paragraph of a dbt description (its grain sentence), on one line."""
    return " ".join(markdown.strip().split("\n\n", 1)[0].split())


# --- runs and their history -----------------------------------------------------------------


def run(sql: str, role: str, db: str) -> tuple[dict, pd.DataFrame | None]:
    """Run sql as role on the warehouse: the history entry of the run, and its rows when it ran."""
    entry = {
        "id": uuid.uuid4().hex[:8],
        "sql": sql,
        "time": dt.datetime.now().strftime("%H:%M:%S"),
        "role": role,
        "rows": None,
        "elapsed": None,
        "error": None,
    }
    try:
        result = safe_sql.run_query(db, sql, timeout_s=timeout_s(), row_cap=max_rows(), role=role)
    except safe_sql.QueryError as exc:
        kind = (
            "timeout"
            if isinstance(exc, safe_sql.QueryTimeout)
            else "refused"
            if isinstance(exc, safe_sql.QueryRefused)
            else "failed"
        )
        message = exc.message
        if exc.pointer and message.endswith(exc.pointer):
            message = message[: -len(exc.pointer)].rstrip()
        entry.update(error=kind, message=message, pointer=exc.pointer, line=exc.line, column=exc.column)
        return entry, None
    entry.update(
        rows=result.row_count,
        elapsed=result.elapsed_s,
        truncated=result.truncated,
        columns=result.columns,
        types=result.types,
        row_cap=result.row_cap,
    )
    return entry, result.df


def remember(history: list[dict], entry: dict) -> None:
    """Keep a run in a history, newest first, at most HISTORY_SIZE runs (column names and types left out)."""
    history.insert(0, {k: v for k, v in entry.items() if k not in ("columns", "types")})
    del history[HISTORY_SIZE:]


# --- saved queries --------------------------------------------------------------------------


def save(title: str, sql: str) -> str:
    """Save sql under title (its own file, never the warehouse): the i18n key of what happened.

    Raises safe_sql.SavedQueriesError or OSError when the file cannot be read or written.
    """
    title = title.strip()
    if not title or not sql.strip():
        return "sql.save.need"
    existed = title in safe_sql.load_saved_queries()
    safe_sql.save_query(title, sql)
    return "sql.save.replaced" if existed else "sql.save.done"


# --- the schema browser ---------------------------------------------------------------------


def qualified(rel: safe_sql.RelationDoc) -> str:
    """How a query names the relation: bare for the marts, schema.name otherwise, quoted only when needed."""

    def ident(name: str) -> str:
        return name if _PLAIN_NAME.fullmatch(name) else safe_sql.duckdb_identifier(name)

    return ident(rel.name) if rel.schema == safe_sql.MART_SCHEMA else f"{ident(rel.schema)}.{ident(rel.name)}"


def preview_sql(rel: safe_sql.RelationDoc) -> str:
    """The query a table's preview button loads: its first 100 rows."""
    return f"select *\nfrom {qualified(rel)}\nlimit 100"


def docs_stamp() -> float:
    """When dbt's docs were last generated (part of the catalogue's cache key)."""
    try:
        return (safe_sql.dbt_target_dir() / "manifest.json").stat().st_mtime
    except OSError:
        return 0.0


def completions(rels: list[safe_sql.RelationDoc], table_word: str, column_word: str) -> list[dict]:
    """Editor autocompletion: every relation the role sees and every column name."""
    out = [
        {"caption": qualified(r), "value": qualified(r), "meta": table_word, "name": qualified(r), "score": 200}
        for r in rels
    ]
    columns = sorted({c.name for r in rels for c in r.columns})
    out += [{"caption": c, "value": c, "meta": column_word, "name": c, "score": 100} for c in columns]
    return out


def relation_html(rel: safe_sql.RelationDoc, language: str) -> str:
    """A relation's columns as a small table: name, its description below, type on the right."""
    rows = []
    for col in rel.columns:
        desc = description(col.description, language)
        desc_html = f"<span>{html.escape(desc)}</span>" if desc else ""
        rows.append(
            f'<tr><td class="c">{html.escape(col.name)}{desc_html}</td><td class="t">{html.escape(col.type)}</td></tr>'
        )
    return f'<table class="zone-sql-cols">{"".join(rows)}</table>'


def matches(rel: safe_sql.RelationDoc, needle: str) -> bool:
    """Whether the filter text appears in the relation's name, description, or a column's name or description."""
    needle = needle.strip().lower()
    if not needle:
        return True
    hay = [rel.name, rel.description, *(c.name for c in rel.columns), *(c.description for c in rel.columns)]
    return any(needle in h.lower() for h in hay)


# --- exports --------------------------------------------------------------------------------


def maker_in(fmt_key: str, maker: Callable[..., bytes], language: str) -> Callable[[pd.DataFrame], bytes]:
    """The export's bytes maker for a page in `language`: the workbook gets Chinese headers on a Chinese page."""
    return functools.partial(maker, language=language) if fmt_key in LOCALISED_EXPORTS else maker


def export(
    df: pd.DataFrame,
    maker: Callable[[pd.DataFrame], bytes],
    kind: str,
    file_name: str,
    sql: str,
    who: tuple[str | None, str | None, str | None],
    check: Callable[[], None] | None = None,
) -> Callable[[], bytes]:
    """The download's bytes, made only when its button is clicked (a 10,000-row workbook takes a while).

    `check` (dashboard.auth.download_guard()) runs first, at the click: a session that has
    ended or expired since the page was drawn gets nothing. The export is written to the
    audit log before the bytes are handed over; if the log cannot be written the download
    fails rather than leave unrecorded.
    """

    def make() -> bytes:
        if check is not None:
            check()
        started = time.monotonic()
        out = maker(df)
        user, role, session = who
        audit.record_download(
            kind,
            file_name,
            user=user,
            role=role,
            title=sql,
            rows=len(df),
            seconds=round(time.monotonic() - started, 3),
            session=session,
            source="sql",
        )
        return out

    return make
