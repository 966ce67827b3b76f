"""简报订阅 · Subscriptions: a user's briefs (overview, one panel, or alerts only) on a channel and a
schedule, a preview of the brief, and — for an admin — the group robots and mailboxes.

The store is dashboard/subscriptions.py's (outside the warehouse). Secrets are never typed here:
an admin names the environment variable or secrets.toml key that holds each one.
"""

import sqlite3

import streamlit as st

from dashboard import auth, brief, data, delivery, filters, fmt, subscriptions, ui
from dashboard.i18n import LANGS, lang, t


@st.cache_data(ttl=data.CACHE_TTL, max_entries=16, show_spinner=False)
def preview_png(path: str, identity: tuple[int, int, int], period: str, language: str, kind: str) -> bytes:
    """The brief's PNG as a leader's group receives it (cached per warehouse copy, period, language, kind)."""
    del identity  # part of the cache key only
    return brief.build_brief(path, period, language, kind).render()[0]


def kind_name(kind: str) -> str:
    """总览 / 工业增长 / … / 仅预警."""
    return t(f"brief.kind.{kind}")


def channel_label(channel: delivery.Channel) -> str:
    """'领导群 · 企业微信群机器人'."""
    return f"{channel.name} · {t(f'brief.channel.{channel.kind}')}"


user = auth.current_user() or auth.User("anonymous", "leader", "none")
f = filters.current()
wh = data.current()
ui.page_header(t("brief.sub.title"), t("brief.sub.subtitle"))

try:
    channels = subscriptions.channels()
except (sqlite3.Error, OSError) as exc:  # an unreadable store: say where
    st.error(f"{subscriptions.store_path()}: {exc}", icon=":material/error:")
    st.stop()
by_name = {c.name: c for c in channels}

left, right = st.columns([3, 2], gap="large")
with left:
    ui.section(t("brief.sub.mine"))
    mine = subscriptions.subscriptions(user.name)
    if not mine:
        ui.note(t("brief.sub.none"))
    for s in mine:
        with st.container(horizontal=True, vertical_alignment="center", key=f"brief-sub-{s.id}"):
            channel = by_name.get(s.channel)
            text = t(
                "brief.sub.row",
                kind=kind_name(s.brief),
                channel=channel_label(channel) if channel else s.channel,
                schedule=t(f"brief.schedule.{s.schedule}"),
                lang=t(f"lang.{s.lang}"),
            )
            when = t("brief.sub.last", when=s.last_sent.replace("T", " ")[:16]) if s.last_sent else t("brief.sub.never")
            st.markdown(f"{text}  \n:gray[{when}]", width="stretch")
            if st.button(t("brief.sub.delete"), key=f"brief-sub-del-{s.id}", type="tertiary"):
                subscriptions.unsubscribe(s.id, owner=user.name)
                st.toast(t("brief.sub.deleted"))
                st.rerun()

    ui.section(t("brief.sub.add"))
    if not channels:
        st.info(t("brief.sub.no_channels"), icon=":material/info:")
    else:
        with st.form("brief-sub-new", border=True):
            kind = st.selectbox(t("brief.sub.kind"), brief.KINDS, format_func=kind_name, key="brief-sub-kind")
            channel_name = st.selectbox(
                t("brief.sub.channel"),
                list(by_name),
                format_func=lambda n: channel_label(by_name[n]),
                key="brief-sub-ch",
            )
            schedule = st.selectbox(
                t("brief.sub.schedule"),
                subscriptions.SCHEDULES,
                format_func=lambda s: t(f"brief.schedule.{s}"),
                key="brief-sub-schedule",
            )
            sub_lang = st.selectbox(
                t("brief.sub.lang"),
                LANGS,
                index=LANGS.index(lang()),
                format_func=lambda c: t(f"lang.{c}"),
                key="brief-sub-lang",
            )
            if st.form_submit_button(t("brief.sub.save"), type="primary"):
                subscriptions.subscribe(user.name, kind, channel_name, schedule, sub_lang)
                st.toast(t("brief.sub.saved"))
                st.rerun()

with right:
    ui.section(t("brief.preview"))
    preview_kind = st.selectbox(t("brief.sub.kind"), brief.KINDS, format_func=kind_name, key="brief-preview-kind")
    if st.button(t("brief.preview.button"), help=t("brief.preview.help"), icon=":material/image:", key="brief-preview"):
        with st.spinner(t("brief.preview.help")):
            st.session_state["brief-preview-png"] = preview_png(wh.path, wh.identity, f.period, lang(), preview_kind)
    png = st.session_state.get("brief-preview-png")
    if png:
        st.image(png, caption=fmt.ytd_label(f.period), width="stretch")

if user.role == "admin":
    ui.section(t("brief.robots"))
    ui.note(t("brief.robots.help"))
    for c in channels:
        missing = c.missing_secrets()
        status = t("brief.robots.missing", names=", ".join(missing)) if missing else t("brief.robots.ready")
        refs = ", ".join(
            f"{k}_env = {c.options[f'{k}_env']}" for k in delivery.SECRET_FIELDS if c.options.get(f"{k}_env")
        )
        st.markdown(
            f"**{c.name}** · {t(f'brief.channel.{c.kind}')} · `{refs}` · {':red' if missing else ':green'}[{status}]"
        )
    with st.form("brief-robot-new", border=True):
        name = st.text_input(t("brief.robots.name"), key="brief-robot-name")
        robot_kind = st.selectbox(
            t("brief.robots.kind"),
            delivery.KINDS,
            format_func=lambda k: t(f"brief.channel.{k}"),
            key="brief-robot-kind",
        )
        url_env = st.text_input(t("brief.robots.url_env"), placeholder="ZONE_WECOM_URL", key="brief-robot-url")
        secret_env = st.text_input(
            t("brief.robots.secret_env"), placeholder="ZONE_DINGTALK_SECRET", key="brief-robot-sec"
        )
        with st.expander(t("brief.channel.email")):
            host = st.text_input(t("brief.robots.host"), key="brief-robot-host")
            port = st.number_input(t("brief.robots.port"), 1, 65535, 465, key="brief-robot-port")
            security = st.selectbox(t("brief.robots.security"), delivery.SECURITY, key="brief-robot-security")
            sender = st.text_input(t("brief.robots.from"), key="brief-robot-from")
            to = st.text_area(t("brief.robots.to"), key="brief-robot-to")
            username = st.text_input(t("brief.robots.username"), key="brief-robot-user")
            password_env = st.text_input(t("brief.robots.password_env"), key="brief-robot-pw")
        if st.form_submit_button(t("brief.robots.add"), type="primary"):
            if robot_kind == "email":
                options = {
                    "host": host,
                    "port": int(port),
                    "security": security,
                    "from": sender,
                    "to": [a.strip() for a in to.splitlines() if a.strip()],
                    "username": username,
                    "password_env": password_env,
                }
            else:
                options = {"url_env": url_env.strip(), "secret_env": secret_env.strip()}
            try:
                subscriptions.add_channel(name, robot_kind, options, created_by=user.name)
            except ValueError as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                st.toast(t("brief.robots.added", name=name))
                st.rerun()
    if channels:
        with st.container(horizontal=True, vertical_alignment="bottom"):
            chosen = st.selectbox(
                t("brief.sub.channel"),
                list(by_name),
                format_func=lambda n: channel_label(by_name[n]),
                key="brief-robot-pick",
            )
            if st.button(t("brief.send_now"), key="brief-robot-send", icon=":material/send:"):
                with st.spinner(t("brief.preview.help")):
                    b = brief.build_brief(wh.path, f.period, lang())
                    (outcome,) = delivery.send_brief(b, [by_name[chosen]])
                if outcome.ok:
                    st.success(t("brief.sent", detail=outcome.detail), icon=":material/check:")
                else:
                    st.error(t("brief.send_failed", detail=outcome.detail), icon=":material/error:")
            if st.button(t("brief.robots.remove"), key="brief-robot-remove", type="tertiary"):
                subscriptions.remove_channel(chosen)
                st.rerun()
