"""Layout pieces every page uses: KPI cards, chart cards (title, unit, source), page header."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import chart_cache, charts, downloads, fmt, present
from dashboard.i18n import lang, t

# Widths in px below which cards wrap to the next line; at 390 px every card takes a row.
KPI_MIN_WIDTH = 180

CSS = """
<style>
/* Tighter top, readable cards, nothing wider than the screen on a phone. */
.block-container {padding-top: 3.4rem; padding-bottom: 2rem; max-width: 1840px;}
[class*="st-key-kpis-"] {display: grid !important; grid-template-columns: repeat(auto-fit, minmax(KPI_MINpx, 1fr));
                         gap: 0.75rem;}
[class*="st-key-kpis-"] > div {width: auto !important; min-width: 0 !important; max-width: none !important;}
[class*="st-key-kpis-"] > div, [class*="st-key-kpis-"] > div > div,
[class*="st-key-kpis-"] [data-testid="stMetric"] {height: 100%;}
[data-testid="stMetricValue"] {font-size: 1.9rem; font-weight: 650; color: #1F2A37;}
/* a figure is never cut off: long values and labels wrap instead of ending in an ellipsis */
[data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] *, [data-testid="stMetricDelta"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}
[data-testid="stMetricLabel"] p {font-size: 0.92rem; color: #4B5563;}
[data-testid="stMetricDelta"] {font-size: 0.85rem;}
.zone-card-title {font-size: 1.02rem; font-weight: 650; color: #1F2A37; margin: 0; line-height: 1.4;}
.zone-card-unit {font-size: 0.8rem; color: #6B7280; margin: 0 0 0.1rem 0;}
.zone-source {font-size: 0.76rem; color: #8A94A6; margin: 0;}
[class*="st-key-zone-dls-"] button {min-height: 0; padding: 0.1rem 0.3rem;}
[class*="st-key-zone-dls-"] button p {font-size: 0.8rem; color: #1F5BB6; white-space: nowrap;}
.zone-page-title {font-size: 1.6rem; font-weight: 700; color: #1F2A37; margin: 0; line-height: 1.3;}
.zone-page-sub {font-size: 0.9rem; color: #6B7280; margin: 0.15rem 0 0 0;}
.zone-callout {border-left: 4px solid #D7263D; background: #FFF5F5; padding: 0.55rem 0.9rem; border-radius: 0.4rem;
               font-size: 0.95rem; color: #1F2A37; margin: 0;}
.zone-note {font-size: 0.8rem; color: #6B7280; margin: 0;}
.zone-section {font-size: 1.05rem; font-weight: 650; color: #1F5BB6; margin: 0.6rem 0 -0.2rem 0;
               padding-left: 0.5rem; border-left: 3px solid #1F5BB6; line-height: 1.2;}
.vega-embed {width: 100%;}
.vega-embed summary {display: none;}
@media (max-width: 640px) {
  .block-container {padding-left: 0.8rem; padding-right: 0.8rem; padding-top: 4.2rem;}
  [data-testid="stMetricChart"] {display: none !important;}
  [class*="st-key-kpis-"] {grid-template-columns: 1fr;}
  [data-testid="stMetricValue"] {font-size: 1.6rem;}
  .zone-page-title {font-size: 1.3rem;}
  .st-key-zone-page-pdf {display: none !important;}  /* the archive's PDF is a desk's task, not a phone's */
}
</style>
""".replace("KPI_MIN", str(KPI_MIN_WIDTH))


def inject_css() -> None:
    """Add the dashboard's few style rules to the page."""
    st.html(CSS)


def page_header(title: str, subtitle: str) -> None:
    """The page title and a one-line subtitle (period, filters), with the page's PDF download beside them."""
    head = f'<p class="zone-page-title">{_esc(title)}</p><p class="zone-page-sub">{_esc(subtitle)}</p>'
    if st.session_state.get(RECORD) is not None:
        st.session_state[RECORD].clear()  # the page starts here: the sidebar's notes are not the page's
    if present.active():  # the press screen has no menu
        st.html(head)
        return
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="zone-page-head"):
        st.html(head, width="stretch")
        page_pdf_button(title, subtitle)


# --- the page's PDF (A4 landscape, for the archive) ---------------------------------------------
# Every run records what the page draws through this module (texts, KPI cards, chart cards);
# the header's PDF button hands that record to brief_render.page_pdf when it is clicked, after
# the run has drawn everything. One function for every page, no second rendering of the page.
RECORD = "_zone_page_record"


def _record(kind: str, body: object) -> None:
    """Note one thing the page drew, for its PDF."""
    record = st.session_state.get(RECORD)
    if record is not None:
        record.append((kind, body))


def page_pdf_button(title: str, subtitle: str) -> None:
    """The 'PDF' download: this page's cards and charts as an A4 landscape PDF, made on the server when clicked."""
    from dashboard import brief_render
    from dashboard.i18n import tr

    record = st.session_state.get(RECORD)
    if record is None:
        return
    language, when, who, period = lang(), downloads.as_of() or "", downloads.actor(), downloads.period()
    stem = downloads.file_stem(title, period)
    source = t("common.source", src=t("src.warehouse"))

    def make() -> bytes:
        started = time.monotonic()
        footer = tr(
            language,
            "brief.page_pdf.footer",
            source=source,
            ts=fmt.timestamp_label(pd.Timestamp.now()),
            user=who.get("user", "—"),
        )
        pdf = brief_render.page_pdf(title, subtitle, list(record), footer, language, when)
        downloads.audit_download(
            {
                "kind": "page_pdf",
                "file_name": f"{stem}.pdf",
                "title": title,
                "period": period,
                "seconds": round(time.monotonic() - started, 3),
                **who,
            }
        )
        return pdf

    st.download_button(
        t("brief.page_pdf"),
        data=make,
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key="zone-page-pdf",
        on_click="ignore",
        type="tertiary",
        help=t("brief.page_pdf.help"),
        width="content",
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def reset() -> None:
    """Start a script run: number the KPI rows of this run from zero (their keys must be unique)."""
    st.session_state["_kpi_rows"] = 0
    st.session_state[RECORD] = []
    downloads.reset()


@contextmanager
def kpi_row() -> Iterator[None]:
    """A row of KPI cards: an even grid that wraps on narrow screens (one card a row on a phone)."""
    n = st.session_state.get("_kpi_rows", 0)
    st.session_state["_kpi_rows"] = n + 1
    with st.container(horizontal=True, gap="small", key=f"kpis-{n}"):
        yield


def delta_color(delta: float | None, up_is_good: bool = True) -> str:
    """Chinese convention in the Chinese view: a rise is red, a fall green (inverted if up is bad)."""
    if fmt.missing(delta) or delta == 0:
        return "off"
    rising = delta > 0
    good = rising if up_is_good else not rising
    if lang() == "zh":
        return "red" if rising else "green"
    return "green" if good else "red"


def kpi(
    label: str,
    value: str,
    delta: str | None = None,
    delta_value: float | None = None,
    description: str | None = None,
    help: str | None = None,
    up_is_good: bool = True,
    chart: list[float] | None = None,
    chart_type: str = "line",
) -> None:
    """One bordered KPI card: the value, its change (signed text), what the change is against, a sparkline."""
    if delta_value is not None and fmt.missing(delta_value):  # a withheld (NaN) change: no change shown
        delta, delta_value = None, None
    color = delta_color(delta_value, up_is_good) if delta else "off"
    _record("kpi", (label, value, f"{description or ''} {delta}".strip() if delta else None))
    st.metric(
        label,
        value,
        delta=delta,
        delta_color=color if color != "off" else "gray",
        delta_description=description if delta else None,
        help=help,
        border=True,
        delta_arrow="auto" if delta_value not in (None, 0) else "off",
        chart_data=chart,
        chart_type=chart_type,
    )


def section(title: str) -> None:
    """A small heading above a group of cards."""
    _record("section", title)
    st.html(f'<p class="zone-section">{_esc(title)}</p>')


def sources(*labels: str) -> str:
    """Several source names joined the way the current language lists them."""
    return ("; " if lang() == "en" else "；").join(labels)


@contextmanager
def card(title: str, unit: str | None, source: str, note: str | None = None) -> Iterator[None]:
    """A bordered card: bold title, unit, then the body, then the source line."""
    with st.container(border=True):
        head = f'<p class="zone-card-title">{_esc(title)}</p>'
        if unit:
            head += f'<p class="zone-card-unit">{_esc(t("common.unit", unit=unit))}</p>'
        st.html(head)
        with downloads.collect(title, unit, source) as drawn:
            yield
        _record("card", drawn)
        foot = f'<p class="zone-source">{_esc(downloads.source_line(source))}</p>'
        if note:
            foot = f'<p class="zone-note">{_esc(note)}</p>' + foot
        downloads.footer(foot, drawn)  # with the chart's PNG / SVG downloads beside the source line


# Check every chart's spec against the Vega-Lite JSON schema while drawing it. Off in the app:
# the check costs 20–100 ms of server CPU per page run (a third of the growth page's) and the
# charts' code does not change between runs; tests/test_dashboard_pages.py turns it on and
# runs every page in every view, so a spec that does not conform fails there.
VALIDATE_SPECS = False


class _Spec:
    """What st.altair_chart needs of a chart (its `to_dict`), without the schema check."""

    def __init__(self, chart: alt.TopLevelMixin) -> None:
        self._chart = chart

    def to_dict(self, *args: object, **kwargs: object) -> dict:
        return self._chart.to_dict(*args, **{**kwargs, "validate": VALIDATE_SPECS})


def lazy(builder: Callable[..., alt.TopLevelMixin], *args: object, **kwargs: object) -> chart_cache.Lazy:
    """The chart builder(*args, **kwargs) (a dashboard/charts.py builder), drawn from the specs every
    session shares instead of being built on every run (dashboard/chart_cache.py)."""
    return chart_cache.lazy(builder, *args, **kwargs)


def chart(chart: alt.TopLevelMixin | chart_cache.Lazy | None, empty: bool = False) -> None:
    """Draw an Altair chart at full card width, or say plainly that there is no data."""
    if chart is None or empty:
        st.info(t("common.no_data"), icon=":material/info:")
        return
    if isinstance(chart, chart_cache.Lazy) and not present.active():
        # the spec st.altair_chart would send, cached across runs and sessions
        st.vega_lite_chart(spec=chart.spec(), width="stretch", theme=None)
    elif present.active():  # larger labels for the press-conference screen
        spec = present.chart_spec(chart)
        st.vega_lite_chart(
            spec, width="stretch", height="stretch" if spec.get("height") == present.FILL else "content", theme=None
        )
    else:
        # Streamlit's own conversion (datasets as Arrow, its theme off) on the unchecked spec
        st.altair_chart(_Spec(chart), width="stretch", theme=None)
    downloads.attach(chart)


def chart_card(
    title: str,
    unit: str | None,
    source: str,
    chart_obj: alt.TopLevelMixin | None,
    df: pd.DataFrame | None = None,
    note: str | None = None,
) -> None:
    """A chart in its bordered card; an empty DataFrame shows a 'no data' line instead of a blank chart.

    A frame with withheld cells (data.py's `suppressed` column) gets the Statistics Law footnote.
    """
    if df is not None and "suppressed" in df and df["suppressed"].fillna(False).astype(bool).any():
        from warehouse.confidentiality import footnote

        note = f"{note} {footnote(lang())}" if note else footnote(lang())
    with card(title, unit, source, note):
        chart(chart_obj, empty=df is not None and df.empty)


def growth_benchmark_card(title: str, long: pd.DataFrame, order: list[str], colors: list[str], **lines: object) -> None:
    """Year-to-date growth of the zone and its benchmark regions (a `long` frame of period, region,
    value) as lines in a chart card; the overview and the growth page show it."""
    chart_card(
        title,
        t("unit.pct"),
        sources(t("src.industrial"), t("src.benchmarks")),
        lazy(
            charts.lines,
            long,
            value="value",
            series="region",
            order=order,
            colors=colors,
            value_title="%",
            emphasize=order[0],
            zero=True,
            **lines,
        ),
        long,
    )


def contribution_card(title: str, df: pd.DataFrame, category: str, note: str | None = None, **bars: object) -> None:
    """Contributions to the zone's value-added growth (`contribution_pp`, in points) of each
    `category` row, ranked and diverging from zero, in a chart card (the growth page)."""
    chart_card(
        title,
        t("unit.pp"),
        t("src.industrial"),
        lazy(
            charts.ranked_bars,
            df,
            category=category,
            value="contribution_pp",
            value_title=t("gr.contrib.col"),
            value_format=".2f",
            diverging=True,
            **bars,
        ),
        df,
        note=note,
    )


def callout(text: str) -> None:
    """A highlighted one-liner (e.g. the largest talent gaps)."""
    _record("callout", text)
    st.html(f'<p class="zone-callout">{_esc(text)}</p>')


def note(text: str) -> None:
    """A small grey line (as-of, method notes)."""
    _record("note", text)
    st.html(f'<p class="zone-note">{_esc(text)}</p>')


def metric_delta(row: dict | None, measure: str = "") -> tuple[str | None, float | None, str | None]:
    """The delta text, its signed size and its description for one headline_year_on_year row.

    Rates change in percentage points; amounts by their relative change (同比); counts by
    their difference in units.
    """
    if not row:
        return None, None, None
    kind, change, change_pct = row.get("metric_kind"), row.get("change"), row.get("change_pct")
    if fmt.missing(change):
        return None, None, None
    if kind == "rate":
        return fmt.pp(change), change, t("ov.delta.vs_year_ago")
    if kind == "amount":
        if fmt.missing(change_pct):
            return None, None, None
        return fmt.pct(change_pct, signed=True), change_pct, t("ov.delta.yoy_pct")
    return fmt.signed_count(change, measure), change, t("ov.delta.vs_year_ago")


def scope_line(f: object) -> str:
    """'范围：全区' or the selected park / chain, for page subtitles."""
    parts = []
    if getattr(f, "park", None):
        parts.append(t("scope.park", park=f.park))
    if getattr(f, "chain", None):
        parts.append(t("scope.chain", chain=f.chain))
    if not parts:
        return t("scope.label", scope=t("scope.zone"))
    return " · ".join(parts)
