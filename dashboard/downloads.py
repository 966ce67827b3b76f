"""Every chart card's PNG (2×) and SVG downloads, rendered on the server by vl-convert on click.

`ui.card` opens a `collect()` block around its body, `ui.chart` hands the chart it draws to
`attach()`, and the card's footer (`footer()`) prints the source and as-of line with the two
download buttons beside it. The buttons get a callable for `data`: Streamlit runs it in its
own thread only when the button is clicked, so a page run costs nothing for them, and
`on_click="ignore"` keeps the click from rerunning the page.

The images are the press kit's (dashboard/chart_images.py): title and unit on top, source
and as-of line underneath, Noto Sans CJK SC, 1200 px wide (2400 px in the PNG), 560 px tall
or more for a tall chart.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import altair as alt
import streamlit as st

from dashboard import chart_images
from dashboard.i18n import lang, t

LOG = logging.getLogger(__name__)
FRAME_ROOM = 220  # px the title, unit, axes, legend and source line take around the plot
_local = threading.local()


@dataclass
class Drawn:
    """What one card drew: its frame texts and (once `attach` is called) its chart."""

    title: str
    unit: str | None
    source: str
    chart: alt.TopLevelMixin | None = None


@contextlib.contextmanager
def collect(title: str, unit: str | None, source: str) -> Iterator[Drawn]:
    """Within a card's body: remember the chart `ui.chart` draws, for the footer's downloads."""
    outer = getattr(_local, "card", None)
    drawn = _local.card = Drawn(title, unit, source)
    try:
        yield drawn
    finally:
        _local.card = outer


def attach(chart: alt.TopLevelMixin) -> None:
    """The chart just drawn belongs to the open card (if any)."""
    card = getattr(_local, "card", None)
    if card is not None and card.chart is None:
        card.chart = chart


def period() -> str | None:
    """The period the sidebar selects this run, if any."""
    try:
        return st.session_state.get("period")
    except Exception:  # noqa: BLE001 - outside a Streamlit run, whatever the session state raises
        return None


def as_of() -> str | None:
    """截至 label of the selected period (2025年6月 / Jun 2025), or None."""
    p = period()
    return chart_images.as_of_label(p, lang()) if p else None


def source_line(source: str) -> str:
    """数据来源：…　截至2025年6月, the line under every chart card (and in every chart image)."""
    when = as_of()
    return t("dl.source_as_of", src=source, as_of=when) if when else t("common.source", src=source)


def image_size(chart: alt.TopLevelMixin) -> tuple[int, int]:
    """Canvas of a chart's image in CSS px: 1200 × 560, taller when the chart's own plot needs it."""
    height = getattr(chart, "height", alt.Undefined)
    plot = height if isinstance(height, int | float) else 0
    return chart_images.WIDTH, max(chart_images.HEIGHT, round((plot + FRAME_ROOM) / 10.0) * 10)


def file_stem(title: str, when: str | None) -> str:
    """A file name from the chart title and period, safe on Windows and in a zip."""
    stem = re.sub(r"[\\/:*?\"<>|：\s]+", "_", title).strip("_")[:80] or "chart"
    return f"{stem}_{when}" if when else stem


# --- the audit log ------------------------------------------------------------------------------
# Every download is an `export` event in the audit log (warehouse/audit.py, `record_download`).
# The button's callable runs in a thread of its own, outside the script run, so who is signed
# in is captured when the page is drawn and handed to it. Like every other audited action, a
# download fails (the file is not served) when the log cannot be written.


def audit_download(event: dict) -> None:
    """Record one download (kind, file_name, title, period, seconds, user, role, session) as an export event."""
    try:
        from warehouse import audit
    except ImportError:  # a checkout without the audit log: nothing to record in
        LOG.info("download %s", event)
        return
    audit.record_download(**event)


def actor() -> dict:
    """{user, role, session} of this session's signed-in user (from dashboard/auth.py), or {} when nobody is."""
    try:
        from dashboard import auth
    except ImportError:
        return {}
    user = auth.current_user()
    if user is None:
        return {}
    state = st.session_state.get(getattr(auth, "SESSION_KEY", ""), {}) or {}
    return {"user": user.name, "role": user.role, "session": state.get("sid")}


def guard() -> Callable[[], None] | None:
    """dashboard.auth's check of the session at the click (None in a checkout without it)."""
    try:
        from dashboard import auth
    except ImportError:
        return None
    return auth.download_guard()


def renderer(
    chart: alt.TopLevelMixin,
    frame: chart_images.Frame,
    kind: str,
    file_name: str,
    size: tuple[int, int],
    when: str | None = None,
    who: dict | None = None,
    check: Callable[[], None] | None = None,
) -> Callable[[], bytes | str]:
    """The callable a download button runs on click: the framed chart as PNG (2×) bytes or SVG text.

    `check` (dashboard.auth.download_guard()) runs first: a session that ended or expired
    since the page was drawn, or an audit log that cannot be written, gets no file.
    """

    def render() -> bytes | str:
        if check is not None:
            check()
        start = time.monotonic()
        if kind == "png":
            out: bytes | str = chart_images.chart_png(
                chart, frame, width=size[0], height=size[1], scale=chart_images.SCALE
            )
        else:
            out = chart_images.chart_svg(chart, frame, width=size[0], height=size[1])
        audit_download(
            {
                "kind": f"chart_{kind}",
                "file_name": file_name,
                "title": frame.title,
                "period": when,
                "seconds": round(time.monotonic() - start, 3),
                **(who or {}),
            }
        )
        return out

    return render


def buttons(drawn: Drawn, n: int) -> None:
    """PNG and SVG download buttons for the card's chart (nothing if the card drew no chart)."""
    if drawn.chart is None:
        return
    when = period()
    frame = chart_images.Frame(drawn.title, drawn.unit, drawn.source, as_of() or "", lang())
    size = image_size(drawn.chart)
    stem = file_stem(drawn.title, when)
    who = actor()  # captured now: the callable runs outside the script run
    check = guard()
    for kind, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
        name = f"{stem}.{kind}"
        st.download_button(
            t(f"dl.{kind}"),
            data=renderer(drawn.chart, frame, kind, name, size, when, who, check),
            file_name=name,
            mime=mime,
            key=f"zone-dl-{n}-{kind}",
            on_click="ignore",
            type="tertiary",
            help=t(f"dl.{kind}.help", w=size[0] * chart_images.SCALE, h=size[1] * chart_images.SCALE)
            if kind == "png"
            else t("dl.svg.help"),
        )


COUNTER = "_zone_dl_cards"


def reset() -> None:
    """Start a script run: number this run's chart cards from zero (their button keys must be unique)."""
    st.session_state[COUNTER] = 0


def footer(html: str, drawn: Drawn) -> None:
    """The card's footer: the note and source line, and the chart's downloads to the right of it."""
    if drawn.chart is None:
        st.html(html)
        return
    n = st.session_state.get(COUNTER, 0)
    st.session_state[COUNTER] = n + 1
    with st.container(horizontal=True, vertical_alignment="center", gap="small", wrap=False, key=f"zone-foot-{n}"):
        st.html(html, width="stretch")
        with st.container(horizontal=True, gap="small", width="content", key=f"zone-dls-{n}"):
            buttons(drawn, n)
