"""查询 · SQL: the analyst workbench — schema browser, example queries, an SQL editor, results, exports, history, saved queries.

This file is the page's layout and its session state; what the workbench does (runs, history,
saved queries, example titles, the schema browser's data, exports) is dashboard/workbench.py.
Every query runs through `warehouse.safe_sql.run_query`: a read-only, locked-down DuckDB
connection of its own, a time limit and a row cap; the leader role sees only the marts.

The editor (streamlit-code-editor, an Ace editor in an iframe) sends its text to the script
when the analyst presses Ctrl+Enter in it (and runs it) or leaves it (so the Run button next
to it runs what is on screen). The page keeps that text in st.session_state["sql.text"]: it
is what Run runs and what examples, history, saved queries and table previews load. Loading
text from outside the editor remounts the editor under a new key, because the component
keeps its own text once mounted.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import streamlit as st
from code_editor import code_editor

from dashboard import auth, data, ui
from dashboard import workbench as wb
from dashboard.i18n import lang, t
from warehouse import audit, safe_sql

# Ace's own line numbers matter here: DuckDB's errors point at a line.
EDITOR_OPTIONS = {"showLineNumbers": True, "wrap": False, "tabSize": 2, "displayIndentGuides": False}

CSS = """
<style>
.zone-sql-cols {width: 100%; border-collapse: collapse; font-size: 0.8rem; margin: 0.1rem 0 0.2rem 0;}
.zone-sql-cols td {padding: 0.22rem 0.35rem; border-top: 1px solid #EEF1F5; vertical-align: top;}
.zone-sql-cols td.c {font-family: 'Source Code Pro', monospace; color: #1F2A37; overflow-wrap: anywhere;}
.zone-sql-cols td.c span {display: block; font-family: 'Noto Sans CJK SC', sans-serif; color: #6B7280;
                          font-size: 0.76rem; margin-top: 0.05rem;}
.zone-sql-cols td.t {font-family: 'Source Code Pro', monospace; color: #8A94A6; font-size: 0.72rem;
                     text-align: right; white-space: nowrap;}
.zone-sql-hist {font-size: 0.74rem; color: #8A94A6; margin: -0.55rem 0 0.35rem 0.1rem;}
.zone-sql-hist.bad {color: #D7263D;}
.zone-sql-saved {font-family: 'Source Code Pro', monospace; font-size: 0.78rem; color: #4B5563; margin: 0.2rem 0 0 0;
                 overflow-wrap: anywhere;}
[class*="st-key-sql-hist-"] button {justify-content: flex-start; text-align: left; padding-left: 0.1rem;}
[class*="st-key-sql-hist-"] button p {font-family: 'Source Code Pro', monospace; font-size: 0.8rem; text-align: left;}
</style>
"""


# --- role and labels ----------------------------------------------------------------------


def _role() -> str:
    """The signed-in user's role, as dashboard/auth.py publishes it in session state (analyst before sign-in existed)."""
    return wb.engine_role(st.session_state.get("role", "analyst"))


def elapsed_label(seconds: float) -> str:
    """How long a query took: milliseconds under a second, seconds above."""
    if seconds < 1:
        return t("sql.result.elapsed_ms", ms=f"{max(seconds * 1000, 1):.0f}")
    return t("sql.result.elapsed", s=f"{seconds:.2f}")


# --- state --------------------------------------------------------------------------------


def _init_state() -> None:
    defaults = {
        "sql.text": next(iter(safe_sql.EXAMPLE_QUERIES.values())),
        "sql.gen": 0,  # editor generation: bumped to remount the editor with text loaded from outside
        "sql.event": "",  # id of the last editor event handled
        "sql.history": [],
        "sql.result": None,
        "sql.run_pending": False,
    }
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)


def load(sql: str, run: bool = False) -> None:
    """Put sql in the editor (a widget callback); run it too when asked."""
    st.session_state["sql.text"] = sql
    st.session_state["sql.gen"] += 1
    st.session_state["sql.run_pending"] = run


def _load_example() -> None:
    title = st.session_state.get("sql.example")
    if title in safe_sql.EXAMPLE_QUERIES:
        load(safe_sql.EXAMPLE_QUERIES[title], run=True)
    st.session_state["sql.example"] = None  # the same example can be picked again


def _saved_path_note() -> str:
    return t("sql.save.where", path=str(safe_sql.saved_queries_path()))


def _save() -> None:
    title = (st.session_state.get("sql.save_title") or "").strip()
    try:
        outcome = wb.save(title, st.session_state.get("sql.text", ""))
    except (safe_sql.SavedQueriesError, OSError) as exc:
        st.session_state["sql.flash"] = ("error", str(exc))
        return
    if outcome == "sql.save.need":
        st.session_state["sql.flash"] = ("warning", t(outcome))
        return
    st.session_state["sql.save_title"] = ""
    st.session_state["sql.flash"] = ("success", t(outcome, title=title))


def _delete(title: str) -> None:
    try:
        safe_sql.delete_saved_query(title)
    except (safe_sql.SavedQueriesError, OSError) as exc:
        st.session_state["sql.flash"] = ("error", str(exc))
        return
    st.session_state["sql.flash"] = ("success", t("sql.saved.deleted", title=title))


def run(sql: str, role: str, db: str) -> None:
    """Run sql as role on the warehouse and keep the outcome (and the session's history) for the page to show."""
    entry, frame = wb.run(sql, role, db)
    if frame is not None:
        st.session_state["sql.frame"] = frame
    wb.remember(st.session_state["sql.history"], entry)
    st.session_state["sql.result"] = entry


# --- catalogue ----------------------------------------------------------------------------


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def catalog(path: str, identity: tuple, role: str, docs_stamp: float) -> list[safe_sql.RelationDoc]:
    """What role can query in this published warehouse, with dbt's descriptions (cached per build and docs)."""
    del identity, docs_stamp  # cache keys only
    return safe_sql.schema_catalog(path, role)


# --- pieces of the page -------------------------------------------------------------------


FULL_RUN = "_sql_full_run"  # set by the page before the schema browser: a run of the whole page, not of the fragment


@st.fragment
def schema_browser(rels: list[safe_sql.RelationDoc], language: str) -> None:
    """Every relation the role can query, grouped by schema, with columns, types and descriptions.

    A fragment: the filter and opening a relation rerun this list only. A relation's columns are
    drawn when it is opened (the expander tracks its state), not for all of them on every run:
    closed, the catalogue was 80 expanders holding 240 elements the browser drew on every visit.
    """
    record = st.session_state.get(ui.RECORD)
    if not st.session_state.pop(FULL_RUN, False):  # a rerun of this fragment alone: the page's PDF
        st.session_state[ui.RECORD] = None  # record was made by the last full run and stays as it was
    try:
        _schema_list(rels, language)
    finally:
        st.session_state[ui.RECORD] = record


def _schema_list(rels: list[safe_sql.RelationDoc], language: str) -> None:
    needle = st.text_input(
        t("sql.schema.filter"),
        key="sql.schema.filter",
        placeholder=t("sql.schema.filter"),
        label_visibility="collapsed",
        icon=":material/search:",
    )
    shown = [r for r in rels if wb.matches(r, needle)]
    ui.note(t("sql.schema.count", n=len(shown)))
    if not shown:
        st.info(t("sql.schema.none"), icon=":material/search_off:")
        return
    with st.container(height=720, border=False):
        schema = None
        for rel in shown:
            if rel.schema != schema:
                schema = rel.schema
                ui.section(t(wb.SCHEMA_LABELS[schema]) if schema in wb.SCHEMA_LABELS else schema)
            icon = ":material/table_view:" if rel.kind == "view" else ":material/table:"
            box = st.expander(rel.name.replace("_", "\\_"), icon=icon, key=relation_key(rel), on_change="rerun")
            with box:
                if not box.open:
                    continue
                desc = wb.first_paragraph(wb.description(rel.description, language))
                if desc:
                    st.caption(desc)
                st.html(wb.relation_html(rel, language))
                if st.button(
                    t("sql.schema.preview"),
                    key=f"sql-preview-{rel.schema}-{rel.name}",
                    type="tertiary",
                    icon=":material/play_circle:",
                ):
                    load(wb.preview_sql(rel), True)
                    st.rerun(scope="app")  # the editor and the result are outside this fragment


def relation_key(rel: safe_sql.RelationDoc) -> str:
    """The session-state key of a relation's expander (True while it is open)."""
    return f"sql-rel-{rel.schema}-{rel.name}"


def history_list(language: str) -> None:
    """The session's queries, newest first; a click loads one into the editor."""
    history = st.session_state["sql.history"]
    if not history:
        st.info(t("sql.history.empty"), icon=":material/history:")
        return
    for entry in history:
        label = wb.one_line(entry["sql"])
        st.button(
            label,
            key=f"sql-hist-{entry['id']}",
            type="tertiary",
            help=entry["sql"],
            on_click=load,
            args=(entry["sql"],),
            width="stretch",
        )
        if entry["error"]:
            meta, cls = t("sql.history.failed", time=entry["time"], kind=t(f"sql.error.{entry['error']}")), " bad"
        else:
            meta, cls = (
                t(
                    "sql.history.ok",
                    time=entry["time"],
                    rows=f"{entry['rows']:,}",
                    elapsed=elapsed_label(entry["elapsed"]),
                ),
                "",
            )
        st.html(f'<p class="zone-sql-hist{cls}">{html.escape(meta)}</p>')


def saved_list() -> None:
    """Saved queries (their own file, never the warehouse): load or delete."""
    try:
        saved = safe_sql.load_saved_queries()
    except safe_sql.SavedQueriesError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    if not saved:
        st.info(t("sql.saved.empty"), icon=":material/bookmarks:")
    for i, (title, sql) in enumerate(saved.items()):
        with st.container(border=True):
            st.html(
                f'<p class="zone-card-title">{html.escape(title)}</p>'
                f'<p class="zone-sql-saved">{html.escape(wb.one_line(sql, 160))}</p>'
            )
            with st.container(horizontal=True, gap="small"):
                st.button(
                    t("sql.saved.load"), key=f"sql-saved-load-{i}", icon=":material/input:", on_click=load, args=(sql,)
                )
                st.button(
                    t("sql.saved.delete"),
                    key=f"sql-saved-delete-{i}",
                    icon=":material/delete:",
                    on_click=_delete,
                    args=(title,),
                )
    ui.note(_saved_path_note())


def results() -> None:
    """The last run: row count, time, the grid and the downloads; or what went wrong and where."""
    entry = st.session_state["sql.result"]
    if entry is None:
        st.info(t("sql.empty"), icon=":material/keyboard:")
        return
    if entry["error"]:
        heading = t(f"sql.error.{entry['error']}")
        icon = {"timeout": ":material/timer_off:", "refused": ":material/block:"}.get(
            entry["error"], ":material/error:"
        )
        st.error(f"**{heading}** · {entry['message']}", icon=icon)
        if entry.get("pointer"):
            where = t("sql.error.line", line=entry["line"])
            if entry.get("column"):
                where = t("sql.error.line_col", line=entry["line"], column=entry["column"])
            ui.note(where)
            st.code(entry["pointer"], language=None)
        return

    df: pd.DataFrame = st.session_state["sql.frame"]
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    who = audit.actor()  # taken in the script thread: an export is made in another thread
    check = auth.download_guard()  # the session is checked again at the click
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="sql-result-bar"):
        st.badge(t("sql.result.rows", rows=f"{entry['rows']:,}"), icon=":material/table_rows:", color="green")
        st.badge(t("sql.result.cols", cols=len(df.columns)), icon=":material/view_column:", color="gray")
        st.badge(elapsed_label(entry["elapsed"]), icon=":material/timer:", color="blue")
        st.badge(t("sql.result.at", time=entry["time"]), icon=":material/schedule:", color="gray")
        st.space("stretch")
        for fmt_key, maker, ext, mime in wb.EXPORTS:
            name = f"zone-query-{stamp}.{ext}"
            st.download_button(
                t(f"sql.download.{fmt_key}"),
                wb.export(df, wb.maker_in(fmt_key, maker, lang()), fmt_key, name, entry["sql"], who, check),
                file_name=name,
                mime=mime,
                icon=":material/download:",
                type="primary" if fmt_key == "xlsx" else "secondary",
                on_click="ignore",
                key=f"sql-dl-{fmt_key}",
                help=t(f"sql.download.help.{fmt_key}"),
            )
    if entry.get("truncated"):
        st.warning(t("sql.result.capped", cap=f"{entry['row_cap']:,}"), icon=":material/content_cut:")
    if df.empty:
        st.info(t("sql.result.none"), icon=":material/inbox:")
    types = entry.get("types") or []
    config = {
        name: st.column_config.DateColumn(help=dtype, format="YYYY-MM-DD")
        if dtype == "DATE"
        else st.column_config.Column(help=dtype)
        for name, dtype in zip(df.columns, types, strict=False)
    }
    st.dataframe(df, hide_index=True, column_config=config, height="auto" if len(df) <= 14 else 560)


# --- the page -----------------------------------------------------------------------------

_init_state()
language = lang()
role = _role()
wh = data.current()  # the router has already stopped the run when there is no warehouse
st.html(CSS)
ui.page_header(
    t("sql.title"),
    t("sql.subtitle", timeout=f"{wb.timeout_s():g}", rows=f"{wb.max_rows():,}", role=t(f"sql.role.{role}")),
)
if role == "leader":
    ui.note(t("sql.leader_note"))

try:
    with st.spinner(t("sql.schema.loading")):
        relations = catalog(wh.path, wh.identity, role, wb.docs_stamp())
    catalog_error = None
except safe_sql.QueryError as exc:
    relations, catalog_error = [], str(exc)

left, right = st.columns([1.15, 3], gap="medium")

with right:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        st.selectbox(
            t("sql.examples"),
            list(safe_sql.EXAMPLE_QUERIES),
            index=None,
            key="sql.example",
            placeholder=t("sql.examples.placeholder"),
            on_change=_load_example,
            format_func=lambda title: t(wb.EXAMPLE_KEYS[title]),
            width="stretch",
        )

    event = code_editor(
        st.session_state["sql.text"],
        lang="sql",
        height=[10, 22],
        key=f"sql-editor-{st.session_state['sql.gen']}",
        response_mode="blur",
        options=EDITOR_OPTIONS,
        completions=wb.completions(relations, t("sql.completion.table"), t("sql.completion.column")),
        # No scroll margin: with Ace's default top margin the gutter drifts a line from the text after an edit.
        # Completion on Ctrl+Space only: live completion pops up on every word and takes the Enter key.
        props={
            "placeholder": t("sql.editor.placeholder"),
            "fontSize": 14,
            "scrollMargin": [0, 0, 0, 0],
            "enableLiveAutocompletion": False,
            "enableBasicAutocompletion": True,
        },
        component_props={"style": {"border": "1px solid #D9DEE7", "borderRadius": "0.5rem"}},
    )
    run_now = st.session_state["sql.run_pending"]
    st.session_state["sql.run_pending"] = False
    if event and event.get("id") and event["id"] != st.session_state["sql.event"]:
        st.session_state["sql.event"] = event["id"]
        st.session_state["sql.text"] = event.get("text", "")
        run_now = run_now or event.get("type") == "submit"

    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        if st.button(t("sql.run"), key="sql.run", type="primary", icon=":material/play_arrow:", shortcut="Mod+Enter"):
            run_now = True
        with st.popover(t("sql.save"), icon=":material/bookmark_add:"):
            with st.form("sql-save-form", border=False):
                st.text_input(
                    t("sql.save.title"), key="sql.save_title", placeholder=t("sql.save.placeholder"), max_chars=80
                )
                st.form_submit_button(
                    t("sql.save.submit"), key="sql.save_submit", on_click=_save, icon=":material/save:", type="primary"
                )
            ui.note(_saved_path_note())
        ui.note(t("sql.run.hint"))

    flash = st.session_state.pop("sql.flash", None)
    if flash:
        st.toast(
            flash[1],
            icon={"success": ":material/check_circle:", "warning": ":material/warning:"}.get(
                flash[0], ":material/error:"
            ),
        )

    if run_now:
        with st.spinner(t("sql.running", timeout=f"{wb.timeout_s():g}")):
            run(st.session_state["sql.text"], role, wh.path)
    if st.session_state["sql.result"] and st.session_state["sql.result"].get("role") != role:
        st.session_state["sql.result"] = None  # a result of another role is not this user's to see
    results()

with left:
    tables, hist, saved = st.tabs([t("sql.tab.tables"), t("sql.tab.history"), t("sql.tab.saved")], key="sql.tabs")
    with tables:
        if catalog_error:
            st.error(t("sql.schema.error", msg=catalog_error), icon=":material/error:")
        else:
            st.session_state[FULL_RUN] = True
            schema_browser(relations, language)
    with hist:
        history_list(language)
    with saved:
        saved_list()
