"""The tables' own toolbar offers no download: a CSV from it would skip the audit log and the
formula neutralising of our own download buttons (client.disableDataExport in dashboard/.streamlit/config.toml)."""

from __future__ import annotations

from dashboard_helpers import DEMO_PERIOD, browser_page, wait_for_app

TOOLBAR = '[data-testid="stElementToolbar"]'


def test_dataframe_toolbar_has_no_download(app_server, browser) -> None:
    with browser_page(browser) as page:
        page.goto(f"{app_server.url}/projects?period={DEMO_PERIOD}")
        wait_for_app(page, min_charts=0)
        holder = page.get_by_test_id("stElementContainer").filter(has=page.get_by_test_id("stDataFrame")).first
        grid = holder.get_by_test_id("stDataFrame")
        grid.scroll_into_view_if_needed()
        grid.hover()
        toolbar = holder.locator(TOOLBAR)
        toolbar.wait_for(state="visible", timeout=30_000)
        labels = [b.get_attribute("aria-label") or b.inner_text() for b in toolbar.locator("button").all()]
        assert labels, "the table's toolbar shows no buttons at all"
        assert not [label for label in labels if "download" in label.lower()], labels
        assert page.get_by_role("button", name="Download as CSV").count() == 0
