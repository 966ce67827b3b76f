"""HTML printed by headless Chromium: the brief's PNG (1080 px wide) and PDF (A4), and any page's PDF.

One renderer for every printed thing: the brief and the page PDFs are HTML with inline CSS in
Noto Sans CJK SC, and Debian's Chromium (driven by Playwright, never `playwright install`)
prints it. Chromium lays out Chinese text the way the dashboard does and embeds the subset of
the CJK font a PDF uses, so the PDF reads the same on a machine without the font.

Playwright's sync API refuses to run in a thread with a running asyncio loop (Streamlit's
server thread has one), so every print runs in a worker thread of its own.
"""

from __future__ import annotations

import base64
import concurrent.futures
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
BRIEF_WIDTH = 1080  # px: what a phone's chat shows full width without scaling text below legibility
WECHAT_IMAGE_LIMIT = 2 * 1024 * 1024  # 企业微信's image message: at most 2 MB before base64
T = TypeVar("T")


class RenderError(RuntimeError):
    """Chromium is missing or could not print the page."""


def esc(text: object) -> str:
    """Text for HTML (quotes too: it may land in an attribute)."""
    return html.escape("" if text is None else str(text), quote=True)


def data_uri(image: bytes | str) -> str:
    """A PNG (bytes) or an SVG (text) as a data: URI, for an <img> inside a self-contained page."""
    if isinstance(image, str):
        return "data:image/svg+xml;base64," + base64.b64encode(image.encode("utf-8")).decode("ascii")
    return "data:image/png;base64," + base64.b64encode(image).decode("ascii")


def _in_worker(fn: Callable[[], T]) -> T:
    """fn() in a fresh thread (Playwright's sync API needs a thread without an asyncio loop)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


def _print(page_html: str, action: Callable[[object], T], width: int) -> T:
    """Open the HTML in a fresh headless Chromium page `width` px wide and hand the page to action."""
    if not Path(CHROMIUM).exists():
        raise RenderError(f"{CHROMIUM} not found: install Debian's `chromium` package (apt-get install -y chromium)")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    def run() -> T:
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                try:
                    page = browser.new_page(viewport={"width": width, "height": 800}, device_scale_factor=1)
                    page.set_content(page_html, wait_until="load")
                    page.evaluate("document.fonts.ready.then(() => true)")
                    return action(page)
                finally:
                    browser.close()
        except PlaywrightError as exc:
            raise RenderError(f"Chromium could not print the page: {exc}") from exc

    return _in_worker(run)


def html_to_png(page_html: str, width: int = BRIEF_WIDTH) -> bytes:
    """The whole page as a PNG `width` px wide (as tall as its content)."""
    return _print(page_html, lambda page: page.screenshot(full_page=True, type="png"), width)


def html_to_pdf(page_html: str, *, landscape: bool = False) -> bytes:
    """The page printed on A4 (portrait, or landscape), backgrounds kept, fonts embedded."""
    width = 1123 if landscape else 794  # A4 at 96 dpi
    return _print(
        page_html,
        lambda page: page.pdf(
            format="A4",
            landscape=landscape,
            print_background=True,
            prefer_css_page_size=False,
            margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"},
        ),
        width,
    )


def html_to_png_and_pdf(page_html: str, width: int = BRIEF_WIDTH) -> tuple[bytes, bytes]:
    """The page as (PNG `width` px wide, A4 portrait PDF) from one Chromium start."""

    def both(page: object) -> tuple[bytes, bytes]:
        png = page.screenshot(full_page=True, type="png")
        pdf = page.pdf(
            format="A4",
            print_background=True,
            margin={"top": "10mm", "bottom": "10mm", "left": "10mm", "right": "10mm"},
        )
        return png, pdf

    return _print(page_html, both, width)


# --- the page PDF (issue #13 item 5) ------------------------------------------------------------

PAGE_CSS = f"""
@page {{ size: A4 landscape; margin: 12mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONT}; color: #1F2A37; margin: 0; font-size: 11pt; }}
h1 {{ font-size: 18pt; margin: 0 0 2pt 0; }}
.sub {{ color: #6B7280; font-size: 10pt; margin: 0 0 8pt 0; }}
h2 {{ font-size: 12pt; color: #1F5BB6; border-left: 3px solid #1F5BB6; padding-left: 6pt; margin: 10pt 0 6pt 0; }}
.kpis {{ display: grid; grid-template-columns: repeat(5, 1fr); gap: 6pt; margin-bottom: 6pt; }}
.kpi {{ border: 1px solid #D1D5DB; border-radius: 6px; padding: 5pt 7pt; break-inside: avoid; }}
.kpi .l {{ font-size: 8.5pt; color: #4B5563; }}
.kpi .v {{ font-size: 15pt; font-weight: 700; }}
.kpi .d {{ font-size: 8pt; color: #6B7280; }}
.callout {{ border-left: 4px solid #D7263D; background: #FFF5F5; padding: 5pt 8pt; margin: 4pt 0; }}
.note {{ color: #6B7280; font-size: 8.5pt; margin: 3pt 0; }}
.charts {{ display: grid; grid-template-columns: 1fr 1fr; gap: 8pt; }}
figure {{ margin: 0; break-inside: avoid; border: 1px solid #E5E7EB; border-radius: 6px; padding: 4pt; }}
figure img, figure svg {{ width: 100%; display: block; }}
figure.empty {{ padding: 8pt; }}
.foot {{ color: #8A94A6; font-size: 8pt; margin-top: 8pt; }}
"""


def _inline_svg(svg: str, n: int) -> str:
    """An SVG document to inline in HTML: no XML prolog, its ids made unique to this figure (Vega names
    its clip paths clip1, clip2, … in every chart), scaled to the figure's width."""
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg.strip())
    svg = re.sub(r'(\bid="|url\(#|href="#)', rf"\g<1>f{n}_", svg)
    return re.sub(r"<svg\b", '<svg style="width:100%;height:auto"', svg, count=1)


def page_html(title: str, subtitle: str, blocks: list[tuple[str, object]], footer: str, lang: str = "zh") -> str:
    """A dashboard page as printable HTML: title, then its blocks in page order, then a footer line.

    Blocks: ('section', text), ('kpi', (label, value, delta or None)), ('callout', text),
    ('note', text), ('chart', (title, PNG bytes or SVG text or None, empty text)).
    """
    out: list[str] = [f"<h1>{esc(title)}</h1>", f'<p class="sub">{esc(subtitle)}</p>']
    kpis: list[str] = []
    charts: list[str] = []

    def flush() -> None:
        if kpis:
            out.append('<div class="kpis">' + "".join(kpis) + "</div>")
            kpis.clear()
        if charts:
            out.append('<div class="charts">' + "".join(charts) + "</div>")
            charts.clear()

    for kind, body in blocks:
        if kind == "kpi":
            if charts:
                flush()
            label, value, delta = body
            d = f'<div class="d">{esc(delta)}</div>' if delta else ""
            kpis.append(f'<div class="kpi"><div class="l">{esc(label)}</div><div class="v">{esc(value)}</div>{d}</div>')
            continue
        if kind == "chart":
            if kpis:
                flush()
            chart_title, image, empty = body
            if isinstance(image, str):  # an SVG: inline, so its text is text in the PDF (searchable, copyable)
                charts.append(f"<figure>{_inline_svg(image, len(charts) + len(out))}</figure>")
            elif image:
                charts.append(f'<figure><img src="{data_uri(image)}" alt="{esc(chart_title)}"></figure>')
            else:
                charts.append(
                    f'<figure class="empty"><b>{esc(chart_title)}</b><p class="note">{esc(empty)}</p></figure>'
                )
            continue
        flush()
        if kind == "section":
            out.append(f"<h2>{esc(body)}</h2>")
        elif kind == "callout":
            out.append(f'<p class="callout">{esc(body)}</p>')
        elif kind == "note":
            out.append(f'<p class="note">{esc(body)}</p>')
    flush()
    out.append(f'<p class="foot">{esc(footer)}</p>')
    return (
        f'<!doctype html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f"<style>{PAGE_CSS}</style></head><body>" + "".join(out) + "</body></html>"
    )


def page_pdf(
    title: str,
    subtitle: str,
    record: list[tuple[str, object]],
    footer: str,
    lang: str = "zh",
    as_of: str = "",
) -> bytes:
    """A dashboard page as an A4 landscape PDF, from what its run drew (ui.py's page record).

    The record holds the page's texts and KPI cards as printed, and each chart card's Altair
    chart with its title, unit and source: the charts are drawn by vl-convert exactly as their
    SVG downloads (chart_images.py) and stay vectors in the PDF, so the PDF shows what the session saw, through the session's
    own reads (a leader's withheld cells stay withheld). A card without a chart (a table) is
    named, with a pointer to the page.
    """
    from dashboard import chart_images
    from dashboard.downloads import image_size
    from dashboard.i18n import tr

    def draw(drawn: object) -> str:
        width, height = image_size(drawn.chart)
        frame = chart_images.Frame(drawn.title, drawn.unit, drawn.source, as_of, lang)
        return chart_images.chart_svg(drawn.chart, frame, width=width, height=height)

    blocks: list[tuple[str, object]] = []
    for kind, body in record:
        if kind != "card":
            blocks.append((kind, body))
        elif body.chart is None:
            blocks.append(("chart", (body.title, None, tr(lang, "brief.page_pdf.table"))))
        else:
            blocks.append(("chart", (body.title, draw(body), "")))
    return html_to_pdf(page_html(title, subtitle, blocks, footer, lang), landscape=True)
