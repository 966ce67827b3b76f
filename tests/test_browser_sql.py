"""The SQL page in a real browser: the code editor types and runs (Ctrl+Enter), an example fills the grid.

The screenshot lands in test-artifacts/screenshots/sql-1920.png (and sql-1920-full.png).
"""

from __future__ import annotations

import re

from dashboard_helpers import APP_IDLE_JS, DEMO_PERIOD, ERROR_SELECTOR, browser_page, screenshot, wait_for_app

from warehouse import safe_sql

EXAMPLE = "增长贡献最大的20家企业（本年累计） / Top 20 growth contributors, year to date"
EDITOR = 'iframe[title="code_editor.code_editor"]'
# The result grid drew its canvas (glide-data-grid) at a real size.
GRID_DRAWN_JS = """
() => {
  const grid = document.querySelector('[data-testid="stDataFrame"]');
  const canvas = grid && grid.querySelector('canvas');
  if (!canvas) return false;
  const r = canvas.getBoundingClientRect();
  return r.width > 100 && r.height > 50;
}
"""


def badge(page, text: str):
    """The result bar's badge reading `text` (after its icon)."""
    return page.locator(".stMarkdownBadge", has_text=re.compile(rf"(^|\s){re.escape(text)}$"))


def wait_for_grid(page) -> None:
    """Wait until the run is over and the result grid is drawn."""
    page.wait_for_function(APP_IDLE_JS, timeout=60_000)
    page.wait_for_function(GRID_DRAWN_JS, timeout=60_000)
    page.wait_for_function(APP_IDLE_JS, timeout=60_000)


def test_sql_page_in_chromium_at_1920(app_server, browser) -> None:
    with browser_page(browser) as page:
        page.goto(f"{app_server.url}/sql?period={DEMO_PERIOD}")
        wait_for_app(page, min_charts=0)
        assert page.locator(ERROR_SELECTOR).count() == 0, page.locator(ERROR_SELECTOR).first.inner_text()

        # The editor is a real Ace editor: type a query (pasted, so no completion pops up) and press Ctrl+Enter.
        editor = page.frame_locator(EDITOR).locator(".ace_text-input")
        page.frame_locator(EDITOR).locator(".ace_content").first.click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text("select 42 as answer,\n       '高新区' as zone")
        editor.press("Control+Enter")
        badge(page, "1 行").wait_for(timeout=60_000)
        wait_for_grid(page)
        assert page.locator(ERROR_SELECTOR).count() == 0, page.locator(ERROR_SELECTOR).first.inner_text()
        assert badge(page, "2 列").count() == 1

        # An example: picked from the list, it fills the editor and runs.
        page.get_by_test_id("stSelectbox").filter(has_text="示例查询").click()
        page.get_by_role("option", name=EXAMPLE.split(" / ")[0]).click()
        expected = safe_sql.run_query(app_server.db, safe_sql.EXAMPLE_QUERIES[EXAMPLE], row_cap=10_000)
        badge(page, f"{expected.row_count:,} 行").wait_for(timeout=60_000)
        wait_for_grid(page)
        assert page.locator(ERROR_SELECTOR).count() == 0, page.locator(ERROR_SELECTOR).first.inner_text()
        assert "contribution_pp" in page.frame_locator(EDITOR).locator(".ace_content").first.inner_text()
        result_bar = page.locator(".st-key-sql-result-bar")  # the page header also has its 打印版 (PDF) download
        assert result_bar.get_by_test_id("stDownloadButton").count() == 3  # Excel, CSV, Parquet
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the SQL page scrolls sideways by {overflow}px"
        screenshot(page, "sql-1920")

        # The schema browser: a relation's columns are drawn once it is opened, and its preview runs.
        relation = page.get_by_test_id("stExpander").filter(has_text="headline_metrics").first
        assert relation.locator(".zone-sql-cols").count() == 0, "a closed relation draws no columns"
        relation.locator("summary").click()
        relation.locator(".zone-sql-cols td.c", has_text="period").first.wait_for(timeout=30_000)
        relation.get_by_role("button", name="查看前 100 行").click()
        rows = safe_sql.run_query(app_server.db, "select * from headline_metrics limit 100", row_cap=10_000).row_count
        badge(page, f"{rows:,} 行").wait_for(timeout=60_000)  # it ran
        wait_for_grid(page)  # idle: the editor remounted with the text (one editor frame again)
        assert page.locator(ERROR_SELECTOR).count() == 0, page.locator(ERROR_SELECTOR).first.inner_text()
        # the preview is in the editor, outside the schema browser's fragment
        assert "from headline_metrics" in page.frame_locator(EDITOR).locator(".ace_content").first.inner_text()
