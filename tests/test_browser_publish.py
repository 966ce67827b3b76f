"""发布 in Chromium: an admin builds a preview, watches its progress, sees the changed figure, publishes it.

The app is `streamlit run` with local sign-in over a copy of the demo warehouse, reading a copy
of the demo's raw folder ($ZONE_RAW) in which one enterprise's June output is 50亿元 higher.
While the build waits at its dbt step (the test holds the step's lock, so the build is
certainly running), a leader loads the overview in another browser session.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from auth_helpers import events
from dashboard_helpers import (
    APP_IDLE_JS,
    ARTIFACTS,
    DEMO_PERIOD,
    save_screenshot,
    start_app,
    wait_for_app,
)
from test_browser_roles import open_signed_out, sign_in
from test_publishing import raise_output

from warehouse import build, publishing

TIMEOUT = 60_000
BUILD_TIMEOUT = 600_000  # a whole dbt build on a busy machine
TEXT_JS = "() => document.querySelector('[data-testid=\"stMain\"]').innerText"


@pytest.fixture(scope="module")
def publish_app(demo_warehouse, users_file, tmp_path_factory):
    base = tmp_path_factory.mktemp("publish-app")
    raw, db = base / "raw", base / "zone.duckdb"
    shutil.copytree(demo_warehouse.raw, raw)
    raise_output(raw, 500_000)
    shutil.copy(demo_warehouse.db, db)
    build._remember(db, build.read_build_id(db))
    log = base / "audit.jsonl"
    app = start_app(
        db,
        ARTIFACTS / "streamlit-publish.log",
        env={
            "ZONE_DEMO": "0",
            "ZONE_USERS": str(users_file),
            "ZONE_AUDIT_LOG": str(log),
            "ZONE_RAW": str(raw),
            "ZONE_STORE": str(base / "no-store"),
            "ZONE_SQL_CACHE": str(base / "sql-cache"),
        },
    )
    yield app, db, log
    app.stop()


@contextmanager
def dbt_step_held(db: Path) -> Iterator[None]:
    """Hold the lock a build takes before running dbt: a build started now waits there, still running."""
    folder = db.with_name(f".{db.name}.dbt")
    folder.mkdir(exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def signed_in(browser, url: str, name: str) -> Iterator[object]:
    """A new browser session on url, signed in as name, its first page drawn."""
    with open_signed_out(browser, url) as page:
        sign_in(page, name)
        wait_for_app(page, min_charts=2, timeout=TIMEOUT)
        yield page


def test_admin_previews_watches_progress_and_publishes(publish_app, browser) -> None:
    app, db, log = publish_app
    url = f"{app.url}/?period={DEMO_PERIOD}"
    with signed_in(browser, url, "zhao") as page:
        assert "1,305.3亿元" in page.evaluate(TEXT_JS)
        page.get_by_test_id("stSidebarNav").get_by_text("发布", exact=True).click()
        page.get_by_role("button", name="生成发布预览").wait_for(timeout=TIMEOUT)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)

        with dbt_step_held(db):
            page.get_by_role("button", name="生成发布预览").click()
            page.get_by_text("开始构建，正在进行").wait_for(timeout=TIMEOUT)
            save_screenshot(page, "publish-running")
            # the leader's overview is served from the published file while the build runs
            with signed_in(browser, url, "wang") as other:
                assert "1,305.3亿元" in other.evaluate(TEXT_JS)
                assert other.get_by_test_id("stSidebarNav").get_by_text("发布", exact=True).count() == 0
            assert publishing.read_status(db)["state"] == publishing.RUNNING

        page.get_by_text("构建模型与数据检验：第").wait_for(timeout=BUILD_TIMEOUT)
        save_screenshot(page, "publish-progress")
        page.get_by_text("预览已生成").wait_for(timeout=BUILD_TIMEOUT)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)
        text = page.evaluate(TEXT_JS)
        assert "有变化的指标" in text
        save_screenshot(page, "publish-preview")
        changed = [r for r in publishing.read_status(db)["preview"] if r["changed"]]
        assert any(r["metric"] == "gross_output_ytd" and r["new_text"] == "1,355.3亿元" for r in changed)

        page.get_by_role("button", name="发布这份构建").click()
        page.get_by_text("发布成功").wait_for(timeout=TIMEOUT)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)
        save_screenshot(page, "publish-succeeded")

        nav = page.get_by_test_id("stSidebarNav")
        nav.get_by_text("总览 · 成绩单", exact=True).click()
        wait_for_app(page, min_charts=2, timeout=TIMEOUT)
        assert "1,355.3亿元" in page.evaluate(TEXT_JS)

        # rollback, confirmed in a dialog, brings the June figure back
        nav.get_by_text("发布", exact=True).click()
        page.get_by_role("button", name="回退到上一份构建").click()
        dialog = page.get_by_role("dialog")
        dialog.get_by_text("确认回退").wait_for(timeout=TIMEOUT)
        save_screenshot(page, "publish-rollback-confirm")
        dialog.get_by_role("button", name="回退", exact=True).click()
        page.get_by_text("已回退到构建").first.wait_for(timeout=TIMEOUT)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)
        save_screenshot(page, "publish-rolled-back")
        nav.get_by_text("总览 · 成绩单", exact=True).click()
        wait_for_app(page, min_charts=2, timeout=TIMEOUT)
        assert "1,305.3亿元" in page.evaluate(TEXT_JS)
    assert [e["state"] for e in events(log, "publish")] == [publishing.SUCCEEDED]
    assert len(events(log, "rollback")) == 1
