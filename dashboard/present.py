"""演示模式 (presentation mode): the dashboard as a finished 16:9 press-conference screen.

`?present=1` in the URL, or the sidebar toggle, turns it on: the sidebar, toolbar, header,
footer and the rest of Streamlit's chrome are hidden, type is larger, and the overview
shows only its KPI cards and two main charts, sized to fill 1920 × 1080 with no scrollbar.
A small ✕ in the top-right corner (or the Esc key) leaves it; the other query parameters
(period, park, chain, lang) are kept, since the filters write them on every run.

The router calls `init()` before `st.set_page_config` (the sidebar starts collapsed in
presentation mode), `toggle()` in the sidebar, and `chrome()` before the page runs.
"""

from __future__ import annotations

import altair as alt
import streamlit as st

from dashboard.i18n import t

KEY = "present"  # the query parameter and the toggle's session-state key
SEEN = "_present_seen"  # this session has presented: the sidebar collapsed, and is to be opened on leaving
TRUE = ("1", "true", "yes", "on")

# Charts drawn in presentation mode: axis and legend labels and every value printed on a
# mark, a size up (read from the back of a press room, not at a desk).
AXIS_FONT, LEGEND_FONT, TEXT_SCALE = 16, 17, 1.4

# A chart given this height (Vega-Lite's "container") fills its card, and the overview's charts
# row (key present-charts) fills what the header, story and KPI cards leave of the screen.
FILL = "container"

CSS = (
    """
<style>
/* Presentation mode: nothing of Streamlit's chrome, the page edge to edge, type a size up. */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"], [data-testid="stElementToolbar"], #MainMenu,
footer {display: none !important;}
[data-testid="stMain"] {margin-left: 0 !important;}
.block-container {padding: 22px 44px 0 44px !important; max-width: none !important;}
[data-testid="stMainBlockContainer"] > div > [data-testid="stVerticalBlock"] {gap: 14px;}
.zone-page-title {font-size: 2.35rem; line-height: 1.2; letter-spacing: 0.02em; display: inline-block;}
.zone-page-sub {font-size: 1.1rem; display: inline-block; margin: 0 0 0 1.4rem;}
.zone-callout {font-size: 1.32rem; line-height: 1.55; padding: 0.6rem 1.2rem; border-left-width: 6px;}
.zone-section {font-size: 1.3rem;}
.zone-card-title {font-size: 1.4rem;}
.zone-card-unit {font-size: 1.02rem;}
.zone-source, .zone-note {font-size: 1.0rem;}
/* as large as the card allows: 2.7rem, less where six cards share a row (1,305.3亿元 stays on one line) */
[data-testid="stMetric"] {container-type: inline-size;}
[data-testid="stMetricValue"] {font-size: min(2.7rem, 13.5cqi); line-height: 1.15;}
[data-testid="stMetricLabel"] p {font-size: 1.18rem;}
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] p {font-size: 1.08rem;}
[data-testid="stMetric"] {padding: 0.55rem 1.1rem 0.5rem 1.1rem;}
[class*="st-key-kpis-"] {gap: 14px;}
[data-testid="stExpander"] summary p, [data-testid="stExpander"] summary span {font-size: 1.22rem; line-height: 1.5;}
[data-testid="stExpander"] [data-testid="stMarkdownContainer"] p, [data-testid="stExpander"] li {font-size: 1.08rem;}
[data-testid="stCode"] code {font-size: 1.0rem !important;}
/* The overview fills the screen exactly: the page is a column as tall as the window, the charts row
   takes the room left, and every box down to the chart stretches to it. */
.block-container:has(.st-key-present-charts) {height: 100vh; display: flex; flex-direction: column;
                                              padding-bottom: 18px !important; box-sizing: border-box;}
.block-container:has(.st-key-present-charts) > [data-testid="stVerticalBlock"] {flex: 1 1 auto; min-height: 0;}
[data-testid="stLayoutWrapper"]:has(> .st-key-present-charts), .st-key-present-charts {flex: 1 1 0 !important;
                                                                                       min-height: 0;}
ROW > [data-testid="stLayoutWrapper"], ROW > * > [data-testid="stHorizontalBlock"], COL, COL > [data-testid="stVerticalBlock"],
COL > * > [data-testid="stLayoutWrapper"], CARD {height: 100%; min-height: 0;}
CARD {display: flex; flex-direction: column;}
CARD > [data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"]) {flex: 1 1 0; min-height: 0;}
/* chart downloads stay out of the picture (and out of the layout) until the pointer is on the card,
   then show in its top-right corner */
[data-testid="stVerticalBlock"]:has(> * > [class*="st-key-zone-foot-"]) {position: relative;}
[class*="st-key-zone-dls-"] {position: absolute !important; top: 0.7rem; right: 0.8rem; left: auto !important;
                            width: max-content !important; z-index: 2; background: #FFFFFF;
                            opacity: 0; transition: opacity 0.15s;}
[class*="st-key-zone-dls-"] button {min-height: 0; height: 1.7rem; padding: 0 0.45rem;}
[data-testid="stVerticalBlock"]:hover > * > [class*="st-key-zone-foot-"] [class*="st-key-zone-dls-"],
[class*="st-key-zone-dls-"]:focus-within {opacity: 1;}
/* the way out: a quiet ✕ in the corner */
.st-key-present-exit {position: fixed !important; top: 0; right: 8px; z-index: 1000; width: auto !important;}
.st-key-present-exit button {opacity: 0.4; min-height: 0; height: 20px; padding: 0 8px; color: #6B7280;}
.st-key-present-exit button:hover {opacity: 1;}
</style>
""".replace("CARD", 'COL > * > * > [data-testid="stVerticalBlock"]')
    .replace("COL", 'ROW > * > * > [data-testid="stColumn"]')
    .replace("ROW", ".st-key-present-charts")
)


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in TRUE


def init() -> bool:
    """Take the mode from ?present=1 on a session's first run; whether it is on. Call before set_page_config."""
    if KEY not in st.session_state:
        st.session_state[KEY] = _truthy(st.query_params.get(KEY))
    return active()


def active() -> bool:
    """Whether this run draws the presentation screen."""
    try:
        return bool(st.session_state.get(KEY, False))
    except Exception:  # noqa: BLE001 - outside a Streamlit run, whatever the session state raises
        return False


def sidebar_state() -> str:
    """`initial_sidebar_state` for st.set_page_config: collapsed while presenting, open again after it."""
    if active():
        st.session_state[SEEN] = True
        return "collapsed"
    return "expanded" if st.session_state.get(SEEN) else "auto"


def toggle() -> None:
    """The 演示模式 switch (call inside `with st.sidebar`); keeps ?present=1 in the URL in step."""
    st.toggle(t("present.toggle"), key=KEY, help=t("present.toggle.help"))
    write_url()


def write_url() -> None:
    """?present=1 while presenting, nothing otherwise; every other parameter is left as it is."""
    if active():
        if st.query_params.get(KEY) != "1":
            st.query_params[KEY] = "1"
    elif KEY in st.query_params:
        del st.query_params[KEY]


def _leave() -> None:
    st.session_state[KEY] = False


def chrome() -> None:
    """In presentation mode: the style sheet that hides Streamlit's chrome, and the ✕ (Esc) that leaves."""
    if not active():
        return
    st.html(CSS)
    st.button("✕", key="present-exit", type="tertiary", on_click=_leave, shortcut="Escape", help=t("present.exit.help"))


def _enlarge(node: object) -> None:
    """Every text mark's font size and line height × TEXT_SCALE (in place)."""
    if isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            mark["fontSize"] = round(mark.get("fontSize", 12) * TEXT_SCALE, 1)
            for prop in ("lineHeight",):
                if isinstance(mark.get(prop), int | float):
                    mark[prop] = round(mark[prop] * TEXT_SCALE, 1)
        for key, value in node.items():
            if key not in ("datasets", "data", "config"):
                _enlarge(value)
    elif isinstance(node, list):
        for value in node:
            _enlarge(value)


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec with the presentation screen's larger labels."""
    spec = chart.to_dict()
    _enlarge(spec)
    config = spec.setdefault("config", {})
    for part, size in (("axis", AXIS_FONT), ("legend", LEGEND_FONT)):
        block = config.setdefault(part, {})
        block["labelFontSize"] = max(block.get("labelFontSize", 12), size)
        block["titleFontSize"] = max(block.get("titleFontSize", 12), size)
        if part == "legend":
            block["symbolSize"] = max(block.get("symbolSize", 100), 150)
            block["labelLimit"] = max(block.get("labelLimit", 220), 320)
    config.setdefault("text", {})["fontSize"] = round(config.get("text", {}).get("fontSize", 12) * TEXT_SCALE, 1)
    # room on the right for the larger value labels printed past the end of a bar or line
    spec["padding"] = {"left": 4, "right": 28, "top": 6, "bottom": 4}
    return spec
