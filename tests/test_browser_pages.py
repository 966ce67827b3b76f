"""Every page in a real browser: `streamlit run` + headless Debian Chromium, charts drawn, no error box.

Screenshots land in test-artifacts/screenshots/ (viewport and full length) for a human to look at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from dashboard_helpers import (
    ARTIFACTS,
    DEMO_PERIOD,
    ERROR_SELECTOR,
    browser_page,
    run_cli,
    screenshot,
    start_app,
    wait_for_app,
)

# page url path -> (file stem for screenshots, number of charts the page draws)
PAGES = {
    "": ("overview", 2),
    "growth": ("growth", 8),
    "projects": ("projects", 5),
    "tiers": ("tiers", 5),
    "talent": ("talent", 6),
    "services": ("services", 6),
}

# A chart is blank if its canvas has no painted pixel (or its svg no marks).
CHARTS_PAINTED_JS = """
() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(c => {
  const canvas = c.querySelector('canvas');
  if (canvas) {
    const ctx = canvas.getContext('2d');
    const {width, height} = canvas;
    const px = ctx.getImageData(0, 0, width, height).data;
    let painted = 0;
    for (let i = 3; i < px.length; i += 4 * 7) if (px[i] > 0) painted++;
    return painted;
  }
  return c.querySelectorAll('svg .mark-group path, svg .mark-rect path, svg .mark-line path, svg .mark-text text').length;
})
"""

MAIN_TEXT_JS = "() => document.querySelector('[data-testid=\"stMain\"]').innerText"
# Latin words allowed in the Chinese view: codes and units that are Latin in Chinese statistics too.
ALLOWED_LATIN = {"GB", "pp"}


def latin_words(text: str) -> set[str]:
    """Latin words in the page text that are not enterprise / case / specialist codes."""
    words = set(re.findall(r"(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])", text))
    return words - ALLOWED_LATIN


@pytest.mark.parametrize("path", list(PAGES), ids=[PAGES[p][0] for p in PAGES])
def test_page_in_chromium_at_1920(app_server, browser, path: str) -> None:
    name, charts = PAGES[path]
    with browser_page(browser) as page:
        page.goto(f"{app_server.url}/{path}?period={DEMO_PERIOD}")
        wait_for_app(page, min_charts=charts)
        assert page.locator(ERROR_SELECTOR).count() == 0, page.locator(ERROR_SELECTOR).first.inner_text()
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == charts
        painted = page.evaluate(CHARTS_PAINTED_JS)
        assert all(p > 0 for p in painted), f"blank chart(s) on {name}: {painted}"
        assert not latin_words(page.evaluate(MAIN_TEXT_JS)), latin_words(page.evaluate(MAIN_TEXT_JS))
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"
        screenshot(page, f"{name}-1920")


def test_overview_on_a_phone(app_server, browser) -> None:
    phone = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
    with browser_page(browser, **phone) as page:
        page.goto(f"{app_server.url}/?period={DEMO_PERIOD}")
        wait_for_app(page, min_charts=PAGES[""][1])
        assert page.locator(ERROR_SELECTOR).count() == 0
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the overview scrolls sideways by {overflow}px on a phone"
        # every card and chart fits the screen: nothing is cut off at the right edge
        too_wide = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid="stMetric"], [data-testid="stVegaLiteChart"], [data-testid="stVerticalBlockBorderWrapper"]')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length""")
        assert too_wide == 0, f"{too_wide} element(s) wider than the phone"
        # the KPI cards stack: one card per row
        lefts = page.evaluate("""() => [...new Set([...document.querySelectorAll('[data-testid="stMetric"]')]
            .map(e => Math.round(e.getBoundingClientRect().left)))]""")
        assert len(lefts) == 1, f"KPI cards side by side on a phone: {lefts}"
        screenshot(page, "overview-390")


def test_republish_while_the_page_is_open(demo_warehouse, browser, tmp_path: Path) -> None:
    """`python -m warehouse build` publishes a new warehouse under the open app: the next click shows it."""
    served = tmp_path / "zone.duckdb"
    shutil.copy(demo_warehouse.db, served)
    app = start_app(served, ARTIFACTS / "streamlit-republish.log")
    try:
        with browser_page(browser, locale=None) as page:  # the browser's own locale
            page.goto(f"{app.url}/tiers?period={DEMO_PERIOD}")
            wait_for_app(page, min_charts=PAGES["tiers"][1])
            assert page.get_by_text("目标 1,700", exact=False).count() >= 1

            # A new target for innovative SMEs, built and published by the real build command.
            raw = tmp_path / "raw"
            shutil.copytree(demo_warehouse.raw, raw)
            targets = raw / "targets.csv"
            lines = targets.read_text(encoding="utf-8").splitlines()
            lines = [re.sub(r"^(\d{4},innovative_sme),1700(\.0)?$", r"\1,1800", line) for line in lines]
            targets.write_text("\n".join(lines) + "\n", encoding="utf-8")
            run_cli("build", "--raw", str(raw), "--db", str(served), "--quiet")

            # the next interaction: pick the same period again through the sidebar
            page.get_by_test_id("stSidebar").get_by_text("企业梯队", exact=True).click()
            wait_for_app(page, min_charts=PAGES["tiers"][1])
            page.get_by_text("目标 1,800", exact=False).first.wait_for()
            assert page.locator(ERROR_SELECTOR).count() == 0
            screenshot(page, "tiers-after-republish")
    finally:
        app.stop()
