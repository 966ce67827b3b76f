"""预警: the period's open alerts by severity and responsible unit; acknowledge, close with a note, reopen; history."""

import json

import pandas as pd
import streamlit as st

from dashboard import auth, data, filters, fmt, ui
from dashboard.i18n import LABELS, label, lang, t
from dashboard.queries.alerts import SEVERITIES
from warehouse import alert_state

f = filters.current()
language = lang()
# no emoji font on the servers that render screenshots: a coloured square in Markdown, a bracket in plain text
DOTS = {"red": ":red[■]", "orange": ":orange[■]", "yellow": ":yellow[■]"}
COLOURS = {"red": "#D93025", "orange": "#E8710A", "yellow": "#C9A100"}
BADGE = {"red": "red", "orange": "orange", "yellow": "yellow"}


def subject_text(kind: str, subject_id: str, name: str | None) -> str:
    """An alert's subject: tiers and targets by their label in the language, others by the name the data gives."""
    if kind in ("tier", "target") and f"metric.{subject_id}" in LABELS:
        return t(f"metric.{subject_id}")
    if kind == "tier":
        return label("tier", subject_id)
    return name or subject_id  # the zone's in the language (subject_label); projects, matters by their names


def reachable(page: str) -> bool:
    """Whether this user has the page an alert links to (the 数据报送 page is not a leader's)."""
    return page != "intake" or auth.intake_access(auth.current_user()).console


def state_text(state: str) -> str:
    """An alert's state as the page names it."""
    return t(f"al.state.{state}")


ui.page_header(t("al.title"), t("al.subtitle", period=fmt.period_label(f.period)))

everything = data.alerts_with_state(f.period, language)
if data.leader_view():
    ui.note(t("al.leader_note"))

# --- the chips: open alerts by severity, then the filters ------------------------------------------
open_now = everything[everything["state"] != "closed"]
with st.container(horizontal=True, gap="small"):
    for severity in SEVERITIES:
        n = int((open_now["severity"] == severity).sum())
        st.badge(t("al.sev.chip", severity=t(f"al.sev.{severity}"), n=fmt.num(n)), color=BADGE[severity])

with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
    severities = st.pills(
        t("al.filter.severity"),
        list(SEVERITIES),
        selection_mode="multi",
        default=list(SEVERITIES),
        format_func=lambda s: f"{DOTS[s]} {t(f'al.sev.{s}')}",
        key="alerts_severity",
    )
    units = sorted(everything["unit"].dropna().unique().tolist())
    unit = st.selectbox(
        t("al.filter.unit"),
        [filters.ALL, *units],
        format_func=lambda u: t("filters.all") if u == filters.ALL else u,
        key="alerts_unit",
        width=240,
    )
    show_closed = st.toggle(t("al.filter.closed"), key="alerts_closed")

everything["subject_text"] = [
    subject_text(k, i, n)
    for k, i, n in zip(everything["subject_kind"], everything["subject_id"], everything["subject_label"], strict=True)
]
shown = everything[everything["severity"].isin(severities or [])]
if unit != filters.ALL:
    shown = shown[shown["unit"] == unit]
if not show_closed:
    shown = shown[shown["state"] != "closed"]


# --- the list, by severity and unit ----------------------------------------------------------------
if shown.empty:
    ui.note(t("al.none", period=fmt.period_label(f.period)))
else:
    for severity in SEVERITIES:
        group = shown[shown["severity"] == severity]
        if group.empty:
            continue
        st.html(
            f'<p class="zone-section" style="border-left-color:{COLOURS[severity]};color:{COLOURS[severity]}">'
            f"{t(f'al.sev.{severity}')} · {fmt.count(len(group))}</p>"
        )
        table = pd.DataFrame(
            {
                t("al.col.unit"): group["unit"],
                t("al.col.name"): group["name"],
                t("al.col.subject"): group["subject_text"],
                t("al.col.message"): group["message"],
                t("al.col.state"): group["state"].map(state_text),
                "link": group["link"].where(group["page"].map(reachable)),
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key=f"alerts_table_{severity}",
            column_config={
                t("al.col.unit"): st.column_config.TextColumn(width="small"),
                t("al.col.name"): st.column_config.TextColumn(width="small"),
                t("al.col.message"): st.column_config.TextColumn(width="large"),
                t("al.col.state"): st.column_config.TextColumn(width="small"),
                "link": st.column_config.LinkColumn(t("al.col.action"), display_text=t("al.open")),
            },
        )

# --- one alert: its figures, its state, what to do about it -----------------------------------------
ACTION_DONE = "_alerts_done"
NOTE_GEN = "_alerts_note_gen"  # a new note box after each action: the browser would send the old text back


def note_key() -> str:
    """The key of this run's note box."""
    return f"alerts_note_{st.session_state.get(NOTE_GEN, 0)}"


def act(action: str, alert_id: str, name: str) -> None:
    """Record an action on the alert (in the store and the audit log); closing needs a note."""
    note = (st.session_state.get(note_key()) or "").strip()
    if action == "close" and not note:
        st.session_state[ACTION_DONE] = ("error", t("al.need_note"))
        return
    try:
        alert_state.record(action, alert_id, f.period, note)
    except OSError as exc:
        st.session_state[ACTION_DONE] = ("error", t("al.audit_failed", error=str(exc)))
        return
    st.session_state[NOTE_GEN] = st.session_state.get(NOTE_GEN, 0) + 1
    st.session_state[ACTION_DONE] = ("ok", t(f"al.done.{action}", alert=name))


def figure_text(key: str, value: object) -> str:
    """One figure of an alert as fmt prints it: percents and points with one decimal, money in 万元, counts whole."""
    if value is None:
        return fmt.DASH
    if key == "indicator":
        return t(f"metric.{value}") if f"metric.{value}" in LABELS else str(value)
    if key == "plan_category":
        return label("plan", str(value))
    if key == "tier":
        return label("tier", str(value))
    if key == "previous_period":
        return fmt.period_label(str(value))
    if key == "periods" and isinstance(value, list):
        return " → ".join(fmt.period_label(p) for p in value if p)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if key.endswith(("_pct", "_rate")) or "growth" in key:
        return fmt.pct(value)
    if key.endswith("_pp") or key.startswith("lead_pp"):
        return fmt.pp(value, signed=False)
    if key in ("planned_investment", "invested_ytd"):
        return fmt.wan(value)
    if key in ("actual_value", "target_value", "projected_year_end_value"):
        return fmt.count(value)
    return fmt.num(value) if float(value).is_integer() else fmt.num(value, 1)


if not shown.empty:
    st.divider()
    ids = shown["alert_id"].tolist()
    by_id = shown.set_index("alert_id")
    # every option's text made once (a lookup per option through the session state was a third of the page's CPU)
    severity = {s: t("al.sev." + s) for s in shown["severity"].unique()}
    option_text = {
        a: f"【{severity[sev]}】{unit} · {name} · {subject}"
        for a, sev, unit, name, subject in zip(
            ids, shown["severity"], shown["unit"], shown["name"], shown["subject_text"], strict=True
        )
    }
    picked = st.selectbox(t("al.col.name"), ids, format_func=option_text.__getitem__, key="alerts_pick")
    alert = by_id.loc[picked]
    with st.container(border=True):
        st.badge(t(f"al.sev.{alert['severity']}"), color=BADGE[alert["severity"]])
        st.markdown(f"**{alert['name']} · {alert['subject_text']}**  \n{alert['unit']}")
        st.write(alert["message"])
        figures = json.loads(alert["figures"] or "{}")
        rows = [
            {t("al.figures"): t(f"al.fig.{k}") if f"al.fig.{k}" in LABELS else k, "": figure_text(k, v)}
            for k, v in figures.items()
            if not isinstance(v, list) or k == "periods"
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width=520)
        for v in figures.values():
            if isinstance(v, list) and v and isinstance(v[0], dict):  # the overdue milestones
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                t(f"al.fig.{c}"): figure_text(c, x) if c != "planned_end" else fmt.date_label(x)
                                for c, x in m.items()
                            }
                            for m in v
                        ]
                    ),
                    hide_index=True,
                    width=520,
                )
        page = str(alert["page"])
        if reachable(page):
            st.page_link(
                f"app_pages/{page}.py",
                label=t("al.open_page", page=t(f"al.page.{page}")),
                icon=":material/open_in_new:",
                query_params={"period": f.period},
            )
        if alert["state"] != "open":
            ui.note(
                t(
                    "al.state_by",
                    state=state_text(alert["state"]),
                    user=alert["state_user"] or "",
                    ts=fmt.timestamp_label(alert["state_ts"]),
                    note=alert["state_note"] or "",
                )
            )
        st.text_area(t("al.note"), key=note_key(), help=t("al.note_help"), height=80)
        # buttons, not on_click callbacks: a callback runs before the router names the signed-in
        # user, and the audit line must carry who acted
        with st.container(horizontal=True, gap="small"):
            clicked = None
            if alert["state"] == "open" and st.button(t("al.ack"), key="alerts_ack"):
                clicked = "acknowledge"
            if alert["state"] != "closed" and st.button(t("al.close"), key="alerts_close", type="primary"):
                clicked = "close"
            if alert["state"] == "closed" and st.button(t("al.reopen"), key="alerts_reopen"):
                clicked = "reopen"
        if clicked:
            act(clicked, picked, alert["name"])
            st.rerun()  # redraw the lists with the new state
        done = st.session_state.pop(ACTION_DONE, None)
        if done:
            (st.error if done[0] == "error" else st.success)(done[1])

# --- history: every action on this period's alerts ----------------------------------------------------
ui.section(t("al.history"))
names = dict(zip(everything["alert_id"], everything["name"] + " · " + everything["subject_text"], strict=True))
events = [e for e in reversed(alert_state.history(everything["alert_id"].tolist()))]
if not events:
    ui.note(t("al.history_none"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("al.col.ts"): [fmt.timestamp_label(pd.Timestamp(e["ts"]).tz_convert(None)) for e in events],
                t("al.col.period"): [fmt.period_label(e["period"]) for e in events],
                t("al.col.name"): [names.get(e["alert_id"], e["alert_id"]) for e in events],
                t("al.col.action"): [t(f"al.action.{e['action']}") for e in events],
                t("al.col.note"): [e.get("note") or "" for e in events],
                t("al.col.user"): [e.get("user") or "" for e in events],
            }
        ),
        hide_index=True,
        width="stretch",
    )
