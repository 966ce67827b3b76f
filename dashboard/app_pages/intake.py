"""数据报送: an office hands in a table's file, reads the validation and review, explains 疑问.

Shown to stewards (their office's tables), admins (all tables) and users with the review or
publish right. The landing store is warehouse/intake; reads go through dashboard/queries/intake.py.
"""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import auth, fmt, ui
from dashboard.i18n import lang, t
from dashboard.queries import intake as q
from warehouse.contract import TABLES_BY_NAME
from warehouse.intake.store import IntakeError

user = auth.current_user()
access = auth.intake_access(user)
# The router lists this page only for those who may use it; a direct link from anyone else ends here.
if user is None or not access.console:
    st.error(t("in.forbidden"), icon=":material/block:")
    st.stop()

store = q.open_store()
ui.page_header(t("in.title"), t("in.subtitle"))

STATE_LABELS = {s: t(f"in.state.{s}") for s in ("accepted", "held", "rejected", "superseded", "missing", "pending")}
MODE_LABELS = {m: t(f"in.mode.{m}") for m in ("month", "year", "table")}


def _table_label(name: str) -> str:
    return f"{TABLES_BY_NAME[name].title}（{name}）"


def _errors_frame(sub: dict) -> pd.DataFrame:
    """The submission's validation problems in the page's language."""
    return pd.DataFrame(
        [
            {
                t("in.col.file"): e["file"],
                t("in.col.row"): "" if e["row"] is None else str(e["row"]),
                t("in.col.column"): e["column"] or "",
                t("in.col.value"): "" if e["value"] is None else e["value"],
                t("in.col.problem"): e["message"],
            }
            for e in q.problems(sub, lang())
        ]
    )


def _findings_editor(sid: int, where: str, edit: bool = True) -> None:
    """The findings of one submission; 疑问 take an explanation (and, for a reviewer, a clearance).

    `where` names the spot on the page (the same submission may show in two tabs); `edit` False: read only.
    """
    sub = store.submission(sid)
    found = q.findings(store, sid)
    st.html(
        f"<p><b>{t('in.sub.head', id=sid, table=_table_label(sub['table']), file=sub['file'])}</b> — "
        f"{STATE_LABELS.get(sub['state'], sub['state'])}，{t('in.sub.rows', rows=fmt.count(sub['rows']))}</p>"
    )
    if sub["errors"]:
        st.error(t("in.rejected", n=fmt.count(len(sub["errors"]))), icon=":material/error:")
        st.dataframe(_errors_frame(sub), hide_index=True, width="stretch")
    if found.empty:
        if not sub["errors"]:
            st.success(t("in.no_findings"), icon=":material/task_alt:")
        return
    editable = edit and sub["state"] == "held" and (sub["table"] in access.tables or access.review)
    shown = pd.DataFrame(
        {
            t("in.col.row"): found["row"].map(lambda r: "" if pd.isna(r) else str(int(r))),
            t("in.col.rule"): found["name"] + "（" + found["rule"] + "）",
            t("in.col.level"): found["level"],
            t("in.col.key"): found["key"].where(found["row"].isna(), ""),  # a row speaks for itself
            t("in.col.message"): found["message"],
            t("in.col.explanation"): found["explanation"].fillna(""),
        }
    )
    if access.review:
        shown[t("in.col.clear")] = found["cleared_by"].notna()
    errors = int((found["level"] == "错误").sum())
    if errors:
        st.error(t("in.review_errors", n=fmt.count(errors)), icon=":material/error:")
    elif sub["state"] == "held":
        st.warning(t("in.held_note"), icon=":material/hourglass_top:")
    wide = {t("in.col.message"): st.column_config.TextColumn(width="large")}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=wide)
    open_ = found[(found["level"] == "疑问") & found["explanation"].isna() & found["cleared_by"].isna()]
    if not editable or open_.empty:
        return
    # one box per open 疑问, named by its row (or enterprise / matter) and rule, the finding beside it
    with st.form(f"explain-{where}-{sid}", border=True):
        ui.section(t("in.explain_head", n=fmt.count(len(open_))))
        answers = {}
        for _, f in open_.iterrows():
            where = t("in.where_row", row=int(f["row"])) if pd.notna(f["row"]) else f["key"]
            label = f"{where} · {f['name']}（{f['rule']}）"
            with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
                text = st.text_input(label, key=f"ex-{where}-{sid}-{f['rule']}-{f['key']}", width=720)
                cleared = (
                    st.checkbox(t("in.col.clear"), key=f"cl-{where}-{sid}-{f['rule']}-{f['key']}")
                    if access.review
                    else False
                )
            st.caption(f["message"])
            answers[(f["rule"], f["key"])] = (text.strip(), cleared)
        saved = st.form_submit_button(t("in.save"), type="primary", icon=":material/send:")
    if saved:
        state = sub["state"]
        try:
            for (rule, key), (text, cleared) in answers.items():
                if state != "held":
                    break
                if text:
                    state = store.explain(sid, rule, key, text, user.name)
                elif cleared:
                    state = store.clear(sid, rule, key, user.name)
        except IntakeError as exc:
            st.error(exc.text(lang()))
        st.session_state["intake_notice"] = (t(f"in.after.{state}", id=sid), state)
        st.rerun()


if notice := st.session_state.pop("intake_notice", None):
    text, state = notice
    if state == "accepted":
        st.success(text, icon=":material/check_circle:")
    elif state == "rejected":
        st.error(text, icon=":material/error:")
    else:
        st.warning(text, icon=":material/hourglass_top:")

tab_submit, tab_board, tab_history = st.tabs([t("in.tab.submit"), t("in.tab.board"), t("in.tab.history")])

with tab_submit:
    if access.tables:
        with st.form("intake-upload", border=True):
            table = st.selectbox(t("in.table"), list(access.tables), format_func=_table_label, key="intake_table")
            upload = st.file_uploader(t("in.file"), type=["csv", "xlsx"], key="intake_file", help=t("in.file_help"))
            sent = st.form_submit_button(t("in.submit"), type="primary", icon=":material/upload_file:")
        if sent and upload is None:
            st.warning(t("in.no_file"))
        elif sent:
            with tempfile.TemporaryDirectory(prefix="upload_") as tmp, st.spinner(t("in.checking")):
                path = Path(tmp) / Path(upload.name).name
                path.write_bytes(upload.getvalue())
                result = store.submit(table, path, user.name, file_name=upload.name)
            st.session_state["intake_open"] = result.id
            st.session_state["intake_notice"] = (t(f"in.after.{result.state}", id=result.id), result.state)
            st.rerun()
        st.caption(
            t(
                "in.modes",
                modes="；".join(f"{_table_label(n)}：{MODE_LABELS[TABLES_BY_NAME[n].mode]}" for n in access.tables),
            )
        )
    held = [h for h in store.held() if h["table"] in access.tables or access.review]
    held_ids = [h["id"] for h in held]
    opened = st.session_state.get("intake_open")
    if opened is not None and opened not in held_ids:
        ui.section(t("in.result"))
        _findings_editor(int(opened), "result")
    if held:
        ui.section(t("in.held", n=fmt.count(len(held))))
        choice = st.radio(
            t("in.held_pick"),
            held_ids,
            format_func=lambda i: next(
                t("in.held_item", id=h["id"], table=_table_label(h["table"]), by=h["by"], open=h["open_findings"])
                for h in held
                if h["id"] == i
            ),
            index=held_ids.index(opened) if opened in held_ids else 0,
            key="intake_held_pick",
        )
        _findings_editor(int(choice), "held")

with tab_board:
    months = q.periods(store)
    if not months:
        st.info(t("in.board_empty"), icon=":material/inbox:")
    else:
        period = st.selectbox(t("in.period"), months, format_func=fmt.period_label, key="intake_period", width=220)
        b = q.board(store, period)
        with ui.kpi_row():
            ui.kpi(t("in.kpi.accepted"), fmt.count(int((b["state"] == "accepted").sum())))
            ui.kpi(t("in.kpi.held"), fmt.count(int((b["state"] == "held").sum())))
            ui.kpi(t("in.kpi.rejected"), fmt.count(int((b["state"] == "rejected").sum())))
            ui.kpi(t("in.kpi.missing"), fmt.count(int((b["state"] == "missing").sum())))
        st.dataframe(
            pd.DataFrame(
                {
                    t("in.col.table"): b["table"].map(_table_label),
                    t("in.col.office"): b["office"],
                    t("in.col.mode"): b["mode"].map(MODE_LABELS),
                    t("in.col.state"): b["state"].map(STATE_LABELS),
                    t("in.col.by"): b["by"].fillna(fmt.DASH),
                    t("in.col.at"): b["at"].map(lambda v: fmt.timestamp_label(pd.Timestamp(v)) if v else fmt.DASH),
                    t("in.col.rows"): b["rows"].map(lambda v: fmt.count(v) if pd.notna(v) else fmt.DASH),
                    t("in.col.file"): b["file"].fillna(fmt.DASH),
                }
            ),
            hide_index=True,
            width="stretch",
            height=35 * (len(b) + 1) + 3,  # every table of the contract, no scrolling
        )
        lists = q.reporters(store, period, names=user.role != "leader")  # never names for a leader
        for rule, key in (("IM06", "in.missing_reporters"), ("IM07", "in.new_reporters")):
            df = lists[rule]
            ui.section(t(key, n=fmt.count(len(df))))
            if df.empty:
                ui.note(t("in.none"))
            else:
                st.table(  # a short list, as plain text (copyable, searchable)
                    df.rename(
                        columns={
                            "enterprise_id": t("in.col.enterprise_id"),
                            "name": t("in.col.name"),
                            "explanation": t("in.col.explanation"),
                        }
                    ).set_index(t("in.col.enterprise_id"))
                )

with tab_history:
    h = q.history(store, access.tables or tuple(TABLES_BY_NAME))
    shown_history = pd.DataFrame(
        {
            t("in.col.id"): h["id"],
            t("in.col.table"): h["table"].map(_table_label),
            t("in.col.file"): h["file"],
            t("in.col.by"): h["by"],
            t("in.col.at"): h["at"].map(lambda v: fmt.timestamp_label(pd.Timestamp(v))),
            t("in.col.periods"): h["periods"].map(lambda ps: "、".join(ps[:3]) + ("…" if len(ps) > 3 else "")),
            t("in.col.rows"): h["rows"].map(fmt.count),
            t("in.col.state"): h["state"].map(STATE_LABELS),
        }
    )
    if h.empty:
        st.info(t("in.board_empty"), icon=":material/inbox:")
    else:
        st.dataframe(shown_history, hide_index=True, width="stretch")
        pick = st.selectbox(t("in.open"), h["id"].tolist(), key="intake_history_pick", width=220)
        if pick is not None:
            _findings_editor(int(pick), "history", edit=False)  # explained in the first tab
