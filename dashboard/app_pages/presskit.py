"""发布会材料 · Press kit: the period's talking points with their metrics and SQL, and the whole kit as a zip."""

import time

import streamlit as st

from dashboard import data, downloads, filters, fmt, ui
from dashboard.chart_images import kit_charts
from dashboard.i18n import LABELS, lang, t
from dashboard.presskit import build_presskit_zip
from dashboard.talking_points import TalkingPoint, talking_points


@st.cache_data(ttl=data.CACHE_TTL, max_entries=64, show_spinner=False)
def points(path: str, identity: tuple[int, int, int], period: str, language: str) -> list[TalkingPoint]:
    """The talking points of one published warehouse copy (cached per copy, period and language)."""
    del identity  # part of the cache key only
    return talking_points(path, period, language)


@st.cache_data(ttl=data.CACHE_TTL, max_entries=64, show_spinner=False)
def chart_count(path: str, identity: tuple[int, int, int], period: str, language: str) -> int:
    """How many charts the kit has for the period (charts without data are left out of it)."""
    del identity
    return len(kit_charts(path, period, language))


def metric_name(metric: str, values: dict) -> str:
    """The dashboard's label of a metric, where it has one; a lead over a region names the region as the data does."""
    for level in ("national", "province", "city"):
        if metric.endswith(f"lead_vs_{level}_pp") and values.get(f"{level}_region_name"):
            return t("region.lead", region=values[f"{level}_region_name"])
    key = f"metric.{metric}"
    return t(key) if key in LABELS else metric


def value_text(value: object) -> str:
    """A metric's value as the warehouse holds it, to four decimals (the sentence rounds it further)."""
    if isinstance(value, int | float):
        return fmt.spec(value, ",.4~f")
    return "—" if value is None else str(value)


def zip_maker(path: str, period: str, language: str):
    """The download's callable: build the kit (talking points, images, deck) only when clicked."""
    who = downloads.actor()  # captured now: the callable runs outside the script run

    def make() -> bytes:
        start = time.monotonic()
        blob = build_presskit_zip(path, period, language)
        downloads.audit_download(
            {
                "kind": "presskit_zip",
                "file_name": f"presskit_{period}.zip",
                "title": t("nav.press"),
                "period": period,
                "seconds": round(time.monotonic() - start, 3),
                **who,
            }
        )
        return blob

    return make


@st.fragment
def sentences(tps: list[TalkingPoint]) -> None:
    """One expander per sentence; opened (which reruns this list alone), its metrics and its SQL.

    Closed, a sentence draws nothing inside: the page used to draw every sentence's metrics and
    highlighted SQL on every visit (52 elements) although all of them start closed.
    """
    for i, tp in enumerate(tps, start=1):
        box = st.expander(f"{i}. {tp.text}", key=point_key(tp), on_change="rerun")
        with box:
            if not box.open:
                continue
            st.markdown(f"**{t('pk.metrics')}**")
            st.markdown(
                "\n".join(f"- {metric_name(m, tp.values)} · `{m}` = {value_text(tp.values.get(m))}" for m in tp.metrics)
            )
            st.markdown(f"**{t('pk.sql')}**")
            st.code(tp.sql_with_params, language="sql", wrap_lines=True)


def point_key(tp: TalkingPoint) -> str:
    """The session-state key of a sentence's expander (True while it is open)."""
    return f"tp-{tp.key}"


f = filters.current()
language = lang()
wh = data.current()
ui.page_header(t("pk.title", period=fmt.ytd_label(f.period)), t("pk.subtitle"))
if f.park or f.chain:
    ui.note(t("pk.zone_wide"))

tps = points(wh.path, wh.identity, f.period, language)
left, right = st.columns([3, 2], gap="large")
with left:
    ui.section(t("pk.points", n=len(tps)))
    if not tps:
        st.info(t("pk.none"), icon=":material/info:")
    sentences(tps)
with right:
    ui.section(t("pk.kit"))
    with st.container(border=True):
        st.html(
            f'<p class="zone-note">{t("pk.kit.contents", n=chart_count(wh.path, wh.identity, f.period, language))}</p>'
        )
        st.download_button(
            t("pk.kit.download"),
            data=zip_maker(wh.path, f.period, language),
            file_name=f"presskit_{f.period}.zip",
            mime="application/zip",
            key="presskit-zip",
            on_click="ignore",
            type="primary",
            icon=":material/folder_zip:",
            help=t("pk.kit.help"),
            width="stretch",
        )
    ui.section(t("pk.copy_all"))
    st.code("\n".join(tp.text for tp in tps), language=None, wrap_lines=True)
