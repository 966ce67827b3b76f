"""The 预警 page in Chromium: pick an alert, closing without a note is refused, close it with one (the
store and the audit log get a line, the open count drops); the overview's red-alert link leads there.

Screenshots: test-artifacts/screenshots/alerts-1920.png (and -full), alerts-overview-1920.png.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from alerts_helpers import PERIOD
from dashboard_helpers import (
    APP_IDLE_JS,
    ARTIFACTS,
    ERROR_SELECTOR,
    browser_page,
    save_screenshot,
    screenshot,
    start_app,
    wait_for_app,
)

from bench.server import Server
from warehouse import audit


@pytest.fixture(scope="module")
def alerts_app(alerts_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    """The dashboard (demo analyst) on a copy of the alerts warehouse, with its own alert-state store."""
    folder = tmp_path_factory.mktemp("alerts-app")
    db = folder / "zone.duckdb"
    shutil.copy(alerts_db, db)
    state = folder / "alert_state.jsonl"
    app = start_app(db, ARTIFACTS / "streamlit-alerts.log", env={"ZONE_ALERT_STATE": str(state)})
    yield app, state
    app.stop()


def idle(page) -> None:
    """Wait until the script run is over."""
    page.wait_for_function(APP_IDLE_JS, timeout=60_000)


def test_close_an_alert_with_a_note_in_chromium(alerts_app, browser) -> None:
    app, state = alerts_app
    with browser_page(browser) as page:
        page.goto(f"{app.url}/alerts?period={PERIOD}")
        wait_for_app(page, min_charts=0)
        assert page.locator(ERROR_SELECTOR).count() == 0, page.locator(ERROR_SELECTOR).first.inner_text()
        chips = page.locator(".stMarkdownBadge")
        for text in ("红色 3", "橙色 3", "黄色 3"):
            assert chips.filter(has_text=re.compile(rf"^{text}$")).count() == 1, text

        # pick the overdue-milestone alert (red ones come first)
        page.get_by_test_id("stSelectbox").filter(has_text=re.compile("^预警")).click()
        page.get_by_role("option", name=re.compile("项目节点逾期")).click()
        idle(page)
        message = "2个节点逾期未完成（最长46天）：主体施工（计划2025-05-15）、设备调试（计划2025-06-10）"
        # the detail card (the grids above hold the same text in their screen-reader tables)
        card = page.get_by_test_id("stMarkdownContainer").filter(has_text=message)
        card.first.wait_for(timeout=30_000)  # the rerun after the pick may start after idle() returned
        assert card.count() == 1

        # closing needs a note
        page.get_by_role("button", name="关闭", exact=True).click()
        idle(page)
        page.get_by_text("关闭预警须填写备注。").wait_for(timeout=30_000)
        assert not state.exists()

        note = page.get_by_test_id("stTextArea").locator("textarea")
        note.fill("已协调施工方，7月底完成")
        note.press("Control+Enter")
        idle(page)
        page.get_by_role("button", name="关闭", exact=True).click()
        idle(page)
        page.get_by_text("已关闭：项目节点逾期").wait_for(timeout=30_000)
        assert chips.filter(has_text=re.compile(r"^橙色 2$")).count() == 1
        assert page.locator(ERROR_SELECTOR).count() == 0
        screenshot(page, "alerts-1920")

    entry = json.loads(state.read_text(encoding="utf-8").splitlines()[-1])
    assert (entry["action"], entry["alert_id"], entry["period"], entry["note"]) == (
        "close",
        "milestone_overdue:P001",
        PERIOD,
        "已协调施工方，7月底完成",
    )
    lines = [e for e in audit.read_events(None) if e["event"] == "alert"]
    assert lines and lines[-1]["what"] == "close milestone_overdue:P001"
    assert (lines[-1]["note"], lines[-1]["role"]) == ("已协调施工方，7月底完成", "analyst"), lines[-1]


def test_overview_links_the_open_red_alerts(alerts_app, browser) -> None:
    app, _ = alerts_app
    with browser_page(browser) as page:
        page.goto(f"{app.url}/?period={PERIOD}")
        wait_for_app(page, min_charts=2)
        link = page.get_by_test_id("stPageLink-NavLink").filter(has_text="未关闭红色预警 3 条 · 查看预警")
        link.wait_for(timeout=60_000)
        save_screenshot(page, "alerts-overview-1920")
        link.click()
        page.wait_for_url(re.compile(r"/alerts\?"), timeout=30_000)
        wait_for_app(page, min_charts=0)
        assert page.get_by_text("2025年6月末需要关注的事项", exact=False).count() == 1
