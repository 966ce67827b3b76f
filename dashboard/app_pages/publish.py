"""发布: what a publish would change, the publish itself in the background, and rollback (admins and publishers).

The work is warehouse/publishing.py's; this page starts it and shows its status file, which
every session reads, so two admins see the same job. While a job runs, a fragment polls the
status file; the rest of the app keeps serving the published warehouse.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import auth, data, fmt, ui
from dashboard.i18n import LABELS, lang, t
from warehouse import publishing
from warehouse.ingest import Problem, column_label

POLL_SECONDS = 1.5
SEEN_KEY = "_publish_seen"  # the finished job this session last refreshed its caches for

user = auth.current_user()
# The router lists this page only for users who may publish; a direct link from anyone else ends here.
if not auth.can_publish(user):
    st.error(t("pub.forbidden"), icon=":material/block:")
    st.stop()

db = data.db_path()
ui.page_header(t("pub.title"), t("pub.subtitle", path=str(db)))


def _refresh_caches(status: dict) -> None:
    """Once per finished publish or rollback: drop this process's cached results and connection.

    Results are keyed by the warehouse file's identity, so no page serves the old build after a
    publish anyway; dropping them frees the old copy's connection at once.
    """
    marker = (status.get("state"), status.get("finished_at"), status.get("build_id"))
    if st.session_state.get(SEEN_KEY) != marker:
        st.session_state[SEEN_KEY] = marker
        st.cache_data.clear()
        data._connection.clear()


def _when(value: object) -> str:
    return fmt.timestamp_label(pd.Timestamp(value).tz_convert(None) if value else None) + " UTC" if value else fmt.DASH


def _column(problem: dict) -> str | None:
    """A problem's column; on the Chinese view by the header a clerk types (工业总产值)."""
    column = problem.get("column")
    return column_label(Path(problem["file"]).stem, column, "zh") if column and lang() == "zh" else column


def _failure_words(status: dict) -> list[str]:
    """What failed, one plain sentence each."""
    if status.get("interrupted"):
        return [t("pub.fail.interrupted")]
    if status.get("kind") == "ingest":
        return [
            t(
                "pub.fail.problem",
                file=p["file"],
                row=fmt.DASH if p.get("row") is None else p["row"],
                column=_column(p) or fmt.DASH,
                value=p.get("value") or fmt.DASH,
                message=Problem.from_json(p).message_in(lang()),
            )
            for p in status.get("problems", [])[:20]
        ]
    words = []
    for f in status.get("failures") or []:
        what = f.get("description") or f.get("column_description") or f.get("model_description") or ""
        if f["kind"] == "test":
            where = f.get("model") or fmt.DASH
            if f.get("column"):
                where = f"{where}.{f['column']}"
            check = f.get("check") or "singular"
            check = t(f"pub.check.{check}") if f"pub.check.{check}" in LABELS else check
            words.append(t("pub.fail.test", name=f["name"], check=check, where=where, what=what))
        else:
            kind = t(f"pub.kind.{f['kind']}") if f"pub.kind.{f['kind']}" in LABELS else f["kind"]
            words.append(t("pub.fail.model", kind=kind, name=f["name"], what=what))
    return words or [t("pub.fail.unknown")]


def _preview_table(rows: list[dict]) -> None:
    """Published against new for every headline metric of the affected periods, changes highlighted."""
    frame = pd.DataFrame(rows)
    if frame.empty:
        st.info(t("pub.preview.empty"), icon=":material/info:")
        return
    language = lang()
    # the status file holds Chinese texts; print them again in the session's language
    frame["published_text"] = [
        fmt.metric(m, v, language=language) for m, v in zip(frame.metric, frame.published, strict=True)
    ]
    frame["new_text"] = [fmt.metric(m, v, language=language) for m, v in zip(frame.metric, frame.new, strict=True)]
    frame["change_text"] = [
        publishing.change_text(m, a, b, language)
        for m, a, b in zip(frame.metric, frame.published, frame.new, strict=True)
    ]
    changed = int(frame["changed"].sum())
    periods = frame["period"].drop_duplicates().tolist()
    st.markdown(
        t(
            "pub.preview.summary",
            changed=changed,
            periods="、".join(fmt.period_label(p, language) for p in periods),
        )
    )
    only = st.toggle(t("pub.preview.only_changed"), value=changed > 0, key="publish_only_changed")
    shown = frame[frame["changed"]] if only and changed else frame
    table = pd.DataFrame(
        {
            t("pub.col.period"): [fmt.period_label(p, language) for p in shown["period"]],
            t("pub.col.metric"): [t(f"metric.{m}") for m in shown["metric"]],
            t("pub.col.published"): shown["published_text"].tolist(),
            t("pub.col.new"): shown["new_text"].tolist(),
            t("pub.col.change"): [
                c if flag else "" for c, flag in zip(shown["change_text"], shown["changed"], strict=True)
            ],
            t("pub.col.changed"): [t("pub.changed") if flag else "" for flag in shown["changed"]],
        }
    )
    flags = shown["changed"].tolist()
    styled = table.style.apply(
        lambda row: ["background-color:#FFF4E5;font-weight:600" if flags[row.name] else "" for _ in row], axis=1
    )
    st.dataframe(styled, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 560))


def _start(publish: bool) -> None:
    try:
        publishing.start(db, by=user.name, role=user.role, publish=publish)
    except (publishing.PublishBusy, publishing.PublishRefused) as exc:
        st.session_state["_publish_error"] = str(exc)


def _publish_staged() -> None:
    try:
        publishing.publish_staged(db, by=user.name, role=user.role)
    except (publishing.PublishBusy, publishing.PublishRefused, publishing.build.BuildError) as exc:
        st.session_state["_publish_error"] = str(exc)


def _discard() -> None:
    try:
        publishing.discard_preview(db)
    except publishing.PublishBusy as exc:
        st.session_state["_publish_error"] = str(exc)


@st.dialog(t("pub.rollback.confirm_title"))
def _confirm_rollback(current: str, target: str) -> None:
    st.markdown(t("pub.rollback.confirm", current=current, target=target))
    with st.container(horizontal=True):
        if st.button(t("pub.rollback.yes"), type="primary", key="publish_rollback_yes", icon=":material/undo:"):
            try:
                publishing.rollback(db, by=user.name, role=user.role)  # the status panel then says which build is back
            except (publishing.PublishBusy, publishing.build.BuildError) as exc:
                st.session_state["_publish_error"] = str(exc)
            else:
                _refresh_caches(publishing.read_status(db))
            st.rerun()
        if st.button(t("pub.rollback.no"), key="publish_rollback_no"):
            st.rerun()


def _progress(status: dict) -> None:
    """A running job: its phase, n of m dbt nodes, the node running now."""
    p = status.get("progress") or {}
    done, total = int(p.get("done") or 0), int(p.get("total") or 0)
    phase = p.get("phase") or "load"
    st.markdown(t("pub.running", by=status.get("by") or fmt.DASH, at=_when(status.get("started_at"))))
    text = t(f"pub.phase.{phase}") if phase != "dbt" else t("pub.phase.dbt", done=done, total=total)
    st.progress(done / total if total else 0.0, text=text)
    if phase == "dbt" and p.get("step"):
        ui.note(t("pub.step", step=p["step"]))


def _job_panel(status: dict) -> None:
    """The last job as every session sees it."""
    state = status.get("state")
    if state == publishing.RUNNING:
        _progress(status)
        return
    if state == publishing.STAGED:
        st.success(
            t("pub.staged", build=status.get("build_id"), by=status.get("by"), at=_when(status.get("finished_at"))),
            icon=":material/preview:",
        )
        _preview_table(status.get("preview") or [])
        with st.container(horizontal=True):
            st.button(
                t("pub.publish"),
                type="primary",
                icon=":material/publish:",
                key="publish_go",
                on_click=_publish_staged,
            )
            st.button(t("pub.discard"), icon=":material/close:", key="publish_discard", on_click=_discard)
        return
    if state == publishing.SUCCEEDED:
        _refresh_caches(status)
        st.success(
            t("pub.succeeded", build=status.get("build_id"), by=status.get("by"), at=_when(status.get("finished_at"))),
            icon=":material/check_circle:",
        )
        if status.get("preview"):
            with st.expander(t("pub.succeeded.changes")):
                _preview_table(status["preview"])
    elif state == publishing.ROLLED_BACK:
        _refresh_caches(status)
        st.info(
            t(
                "pub.rolled_back",
                build=status.get("build_id"),
                by=status.get("by"),
                at=_when(status.get("finished_at")),
            ),
            icon=":material/undo:",
        )
    elif state == publishing.FAILED:
        st.error(
            t("pub.failed", by=status.get("by") or fmt.DASH, at=_when(status.get("finished_at"))),
            icon=":material/error:",
        )
        for line in _failure_words(status):
            st.markdown(f"- {line}")
        if status.get("message"):
            with st.expander(t("pub.failed.details")):
                st.code(status["message"], language=None)


@st.fragment(run_every=POLL_SECONDS)
def _live() -> None:
    """Poll the status file while a job runs; when it ends, draw the whole page again."""
    status = publishing.read_status(db)
    if status.get("state") != publishing.RUNNING:
        st.rerun(scope="app")
    _progress(status)


@st.cache_data(max_entries=8, show_spinner=False)
def _input_files(signature: tuple) -> tuple[str, pd.DataFrame]:
    """Where the input comes from and its files' rows and periods (reading them takes seconds; cached while the
    input is unchanged)."""
    del signature  # part of the cache key only
    with publishing.current_input() as folder:
        source = t("pub.input.store", store=str(publishing.store_dir())) if publishing.uses_store() else str(folder)
        return source, publishing.input_files(folder) if folder.is_dir() else pd.DataFrame()


# --- the input ----------------------------------------------------------------------------------
waiting = publishing.held()
source, files = _input_files(publishing.input_signature())
ui.section(t("pub.input"))
ui.note(t("pub.input.folder", folder=source))
if files.empty:
    st.warning(t("pub.input.none", folder=source), icon=":material/folder_off:")
else:
    language = lang()

    def _span(first: object, last: object) -> str:
        if fmt.missing(first):
            return fmt.DASH
        return str(first) if first == last else f"{first} — {last}"

    st.dataframe(
        pd.DataFrame(
            {
                t("pub.col.file"): files["file"],
                t("pub.col.rows"): [fmt.count(n, language=language) for n in files["rows"]],
                t("pub.col.periods"): [
                    _span(a, b) for a, b in zip(files["first_period"], files["last_period"], strict=True)
                ],
                t("pub.col.modified"): [fmt.timestamp_label(m) for m in files["modified"]],
            }
        ),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(files), 420),
    )
if waiting:
    st.warning(t("pub.held", n=len(waiting)), icon=":material/pending_actions:")

# --- preview and publish ------------------------------------------------------------------------
ui.section(t("pub.job"))
if st.session_state.get("_publish_error"):
    st.error(st.session_state.pop("_publish_error"), icon=":material/block:")
status = publishing.read_status(db)
running = status.get("state") == publishing.RUNNING
st.button(
    t("pub.preview"),
    type="secondary" if status.get("state") == publishing.STAGED else "primary",
    icon=":material/preview:",
    key="publish_preview",
    disabled=running or bool(waiting) or files.empty,
    on_click=_start,
    args=(False,),
    help=t("pub.preview.help"),
)
if running:
    _live()
else:
    _job_panel(status)

# --- published builds and rollback -------------------------------------------------------------
ui.section(t("pub.history"))
builds = publishing.history(db)
if builds.empty:
    st.info(t("pub.history.none"), icon=":material/history:")
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("pub.col.build"): builds["build_id"],
                t("pub.col.built_at"): [fmt.timestamp_label(b) for b in builds["built_at"]],
                t("pub.col.rows"): [fmt.count(n, language=lang()) for n in builds["rows"]],
                t("pub.col.current"): [t("pub.current") if c else "" for c in builds["current"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    current = builds.loc[builds["current"], "build_id"].tolist()
    older = [b for b in builds["build_id"] if current and b < current[0]]
    if older:
        if st.button(t("pub.rollback"), icon=":material/undo:", key="publish_rollback", disabled=running):
            _confirm_rollback(current[0], max(older))
    else:
        ui.note(t("pub.rollback.none"))
