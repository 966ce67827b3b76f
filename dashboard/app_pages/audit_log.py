"""审计日志: sign-ins, queries, exports and page views from the append-only log (admins only)."""

import json

import pandas as pd
import streamlit as st

from dashboard import auth, ui
from dashboard.i18n import t
from warehouse import audit

# The router lists this page for admins only; a direct link from another role ends here.
if not auth.reads_audit_log(auth.role()):
    st.error(t("au.forbidden"), icon=":material/block:")
    st.stop()

ui.page_header(t("au.title"), t("au.subtitle", path=str(audit.log_path())))

with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
    limit = st.selectbox(t("au.limit"), [200, 1000, 5000, 20000], index=1, key="audit_limit", width=160)
    kinds = st.multiselect(
        t("au.events"),
        list(audit.EVENTS),
        default=[e for e in audit.EVENTS if e != "page_view"],
        key="audit_events",
        width=520,
    )
    who = st.text_input(t("au.user"), key="audit_user", width=220)

events = audit.read_events(limit)
core = ("ts", "event", "user", "role", "what", "rows")
df = pd.DataFrame(
    [
        {
            **{k: e.get(k) for k in core},
            "details": json.dumps({k: v for k, v in e.items() if k not in core}, ensure_ascii=False),
        }
        for e in reversed(events)
    ],
    columns=[*core, "details"],
)
shown = df[df["event"].isin(kinds)]
if who.strip():
    shown = shown[shown["user"].fillna("").str.contains(who.strip(), case=False, regex=False)]

with ui.kpi_row():
    ui.kpi(t("au.kpi.events"), f"{len(shown):,}")
    ui.kpi(t("au.kpi.users"), f"{shown['user'].nunique():,}")
    ui.kpi(t("au.kpi.failed"), f"{int((df['event'] == 'sign_in_failed').sum()):,}")
    ui.kpi(t("au.kpi.exports"), f"{int((df['event'] == 'export').sum()):,}")

if shown.empty:
    st.info(t("au.none"), icon=":material/inbox:")
else:
    table = shown.rename(columns={c: t(f"au.col.{c}") for c in [*core, "details"]})
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(table), 640),
        column_config={t("au.col.rows"): st.column_config.NumberColumn(format="%d")},
    )
    from warehouse.safe_sql import to_csv_bytes

    auth.download_button(
        t("au.download"),
        to_csv_bytes(shown),
        "audit-log.csv",
        what="audit log",
        rows=len(shown),
        mime="text/csv",
        key="audit-download",
        icon=":material/download:",
    )
