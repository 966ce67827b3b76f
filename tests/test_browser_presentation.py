"""Presentation mode in a real browser: `streamlit run` + headless Debian Chromium at 1920 × 1080.

The overview with ?present=1 is a finished press-conference screen: no sidebar, toolbar or
header, nothing scrolls, the charts drawn and filling the screen to its bottom edge, every
chart with its source and as-of line. A chart card's PNG download is the server-rendered
image at 2× its 1200 × 560 canvas, not blank. The ✕ (or Esc) leaves the mode and keeps the
other query parameters; the sidebar toggle enters it.

Screenshot: test-artifacts/screenshots/present-overview-1920.png (and -hover, -growth).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlparse

import numpy as np
from dashboard_helpers import DEMO_PERIOD, ERROR_SELECTOR, browser_page, save_screenshot, wait_for_app
from PIL import Image

from dashboard import chart_images

CHROME = [
    "stSidebar",
    "stHeader",
    "stToolbar",
    "stDecoration",
    "stStatusWidget",
    "stMainMenu",
    "stExpandSidebarButton",
    "stSidebarCollapsedControl",
]

# Painted pixels of every chart canvas (a blank chart has none).
CHARTS_PAINTED_JS = """
() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(c => {
  const canvas = c.querySelector('canvas');
  if (!canvas) return c.querySelectorAll('svg .mark-line path, svg .mark-rect path, svg .mark-text text').length;
  const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < px.length; i += 4 * 7) if (px[i] > 0) painted++;
  return painted;
})
"""

# What is visible of Streamlit's chrome: every element of those test ids that takes up room.
VISIBLE_CHROME_JS = """
(ids) => ids.flatMap(id => [...document.querySelectorAll(`[data-testid="${id}"]`)]
  .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                 return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; })
  .map(() => id))
"""

# Sizes that say whether anything scrolls: the document, and the main area (Streamlit scrolls it).
SCROLL_JS = """
() => { const d = document.documentElement, m = document.querySelector('[data-testid="stMain"]');
  return {docW: d.scrollWidth, docH: d.scrollHeight, mainW: m.scrollWidth, mainH: m.scrollHeight,
          mainClientW: m.clientWidth, mainClientH: m.clientHeight}; }
"""

# The lowest edge of anything drawn in the main area, and each chart's box.
LAYOUT_JS = """
() => { const cards = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(c => {
    const r = c.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, width: r.width, height: r.height}; });
  const boxes = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stVerticalBlock"]')]
    .map(e => e.getBoundingClientRect().bottom);
  return {charts: cards, bottom: Math.max(...boxes)}; }
"""


@contextmanager
def present_page(browser, url: str) -> Iterator[object]:
    """A new browser session on url, its charts drawn; closed afterwards."""
    with browser_page(browser, accept_downloads=True) as page:
        page.goto(url)
        wait_for_app(page, min_charts=2)
        yield page


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_overview_is_a_finished_1920x1080_screen(app_server, browser) -> None:
    with present_page(browser, f"{app_server.url}/?period={DEMO_PERIOD}&present=1") as page:
        assert page.locator(ERROR_SELECTOR).count() == 0, page.locator(ERROR_SELECTOR).first.inner_text()
        assert page.evaluate(VISIBLE_CHROME_JS, CHROME) == [], "Streamlit chrome visible in presentation mode"
        sizes = page.evaluate(SCROLL_JS)
        assert sizes["docW"] <= 1920 and sizes["docH"] <= 1080, sizes
        assert sizes["mainH"] <= sizes["mainClientH"] and sizes["mainW"] <= sizes["mainClientW"], (
            f"the overview scrolls in presentation mode: {sizes}"
        )
        # KPI cards and the two main charts, the charts drawn, side by side, filling the screen's lower part
        assert page.locator('[data-testid="stMetric"]').count() == 10
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 2
        assert all(p > 0 for p in page.evaluate(CHARTS_PAINTED_JS)), "a blank chart"
        layout = page.evaluate(LAYOUT_JS)
        left, right = layout["charts"]
        assert abs(left["top"] - right["top"]) < 2 and left["width"] > 700 and right["width"] > 700, layout
        assert min(left["height"], right["height"]) >= 280, f"charts squeezed: {layout}"
        assert 1080 - 40 <= layout["bottom"] <= 1080, f"the screen is not filled to its bottom edge: {layout}"
        # larger type than the everyday dashboard
        value_px = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('[data-testid=\"stMetricValue\"]')).fontSize)"
        )
        assert value_px >= 40, value_px
        # every chart: source and as-of line
        sources = page.locator(".zone-source").all_inner_texts()
        assert len(sources) == 2 and all(s.startswith("数据来源：") and "截至2025年6月" in s for s in sources), sources
        # the way out is on the screen, small
        assert page.locator(".st-key-present-exit button").first.is_visible()
        save_screenshot(page, "present-overview-1920")


def test_png_download_is_the_chart_at_twice_its_size(app_server, browser) -> None:
    with present_page(browser, f"{app_server.url}/?period={DEMO_PERIOD}&present=1") as page:
        card = page.locator(
            '[data-testid="stVerticalBlock"]:has(> [data-testid="stElementContainer"] '
            '.zone-card-title:text("规上工业增加值累计增速"))'
        ).first
        card.hover()
        button = card.locator('[class*="st-key-zone-dl-"][class*="-png"] button').first
        # hidden on the press screen, the downloads show when the pointer is on their card (and only there)
        opacity = """() => [...document.querySelectorAll('[class*="st-key-zone-dls-"]')]
                                 .map(e => getComputedStyle(e).opacity)"""
        page.wait_for_function(f"() => ({opacity})().sort().join() === '0,1'", timeout=10_000)
        save_screenshot(page, "present-overview-1920-hover")
        with page.expect_download(timeout=60_000) as info:
            button.click()
        download = info.value
        assert re.fullmatch(
            r"规上工业增加值累计增速_高新区与全国、山东省、济南市_2025-06\.png", download.suggested_filename
        ), download.suggested_filename
        blob = download.path().read_bytes()
        assert blob[:8] == b"\x89PNG\r\n\x1a\n"
        im = Image.open(io.BytesIO(blob))
        assert im.size == (chart_images.WIDTH * chart_images.SCALE, chart_images.HEIGHT * chart_images.SCALE)
        gray = np.asarray(im.convert("L"), dtype=float)
        assert gray.std() > 10 and (gray < 128).mean() > 0.005, "the PNG is blank"
        # the click did not rerun the page: nothing went stale, the charts are still drawn
        wait_for_app(page, min_charts=2)
        assert page.locator(ERROR_SELECTOR).count() == 0


def test_leaving_keeps_the_other_query_parameters(app_server, browser) -> None:
    with present_page(browser, f"{app_server.url}/?period=2025-05&present=1") as page:
        assert query(page).get("present") == ["1"]
        page.keyboard.press("Escape")
        page.wait_for_function("() => !new URLSearchParams(location.search).has('present')", timeout=30_000)
        wait_for_app(page, min_charts=2)
        assert query(page)["period"] == ["2025-05"]
        page.get_by_test_id("stSidebar").wait_for(state="visible", timeout=10_000)
        assert page.locator('[data-testid="stMetric"]').count() > 10  # the full overview again


def test_sidebar_toggle_enters_presentation_mode(app_server, browser) -> None:
    with present_page(browser, f"{app_server.url}/growth?period={DEMO_PERIOD}&lang=zh") as page:
        page.get_by_test_id("stSidebar").get_by_text("演示模式", exact=True).click()
        page.wait_for_function("() => new URLSearchParams(location.search).get('present') === '1'", timeout=30_000)
        wait_for_app(page, min_charts=2)
        assert page.evaluate(VISIBLE_CHROME_JS, CHROME) == []
        assert query(page)["period"] == [DEMO_PERIOD]
        save_screenshot(page, "present-growth-1920")
        page.locator(".st-key-present-exit button").first.click()
        page.wait_for_function("() => !new URLSearchParams(location.search).has('present')", timeout=30_000)
        page.get_by_test_id("stSidebar").wait_for(state="visible", timeout=10_000)


def test_press_page_shows_each_sentences_sql_on_click(app_server, browser) -> None:
    with browser_page(browser) as page:
        page.goto(f"{app_server.url}/press?period={DEMO_PERIOD}&present=1")
        wait_for_app(page, min_charts=0)
        assert page.locator(ERROR_SELECTOR).count() == 0
        first = page.locator('[data-testid="stExpander"]').nth(1)
        assert "分别领先全国、山东省" in first.inner_text()
        first.locator("summary").click()
        sql = first.locator('[data-testid="stCode"]').first
        sql.wait_for(state="visible")
        assert "from headline_metrics" in sql.inner_text() and "2025-06" in sql.inner_text()
        assert "增速领先山东省" in first.inner_text()  # the metric named as the sentence names it
        # the expander has finished opening: the query's last line is inside the open panel
        page.wait_for_function(
            """(el) => { const d = el.getBoundingClientRect(), c = el.querySelector(
            '[data-testid="stCode"]').getBoundingClientRect(); return c.height > 40 && c.bottom <= d.bottom; }""",
            arg=first.element_handle(),
            timeout=10_000,
        )
        assert page.get_by_role("button", name=re.compile("下载发布会材料")).first.is_visible()
        save_screenshot(page, "present-press-1920")
