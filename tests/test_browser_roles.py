"""Roles in a real browser: `streamlit run` with a users file, headless Chromium signing in through the form.

Signed out, no address shows any data. Signed in as the leader, every page is visited through
the sidebar, and neither the page text nor anything the server sent over the websocket holds
the name of an enterprise that did not consent to be named.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from auth_helpers import USERS, events, undisclosed
from dashboard_helpers import (
    APP_IDLE_JS,
    ARTIFACTS,
    DEMO_PERIOD,
    browser_page,
    save_screenshot,
    start_app,
    wait_for_app,
)

# sidebar title -> (url path, charts the leader's page draws at least)
LEADER_PAGES = {
    "总览 · 成绩单": ("", 2),
    "工业增长": ("growth", 6),
    "项目建设": ("projects", 5),
    "企业梯队": ("tiers", 5),
    "人才": ("talent", 6),
    "政务服务": ("services", 6),
    "预警": ("alerts", 0),
    "发布会材料": ("press", 0),
    "查询 · SQL": ("sql", 0),
}
AT_PATH_JS = "p => location.pathname.replace(/^\\/+/, '') === p"
DATA_SELECTOR = '[data-testid="stMetric"], [data-testid="stVegaLiteChart"], [data-testid="stDataFrame"]'
TEXT_JS = "() => document.body.innerText"
TIMEOUT = 60_000


class RolesApp:
    """The app served with local sign-in, its audit log, and the names that must not leak."""

    def __init__(self, app, log: Path, names: set[str]) -> None:
        self.app, self.log, self.names = app, log, names
        self.by_suffix: dict[str, set[int]] = {}
        for n in names:
            self.by_suffix.setdefault(n[-2:], set()).add(len(n))

    def leaked(self, text: str) -> list[str]:
        """Names in text, found from their last two characters (every demo name ends in 公司)."""
        found = set()
        for suffix, lengths in self.by_suffix.items():
            for m in re.finditer(re.escape(suffix), text):
                end = m.end()
                found |= {text[end - n : end] for n in lengths if text[end - n : end] in self.names}
        return sorted(found)

    def events(self, event: str) -> list[dict]:
        """The audit log's events of one kind."""
        return events(self.log, event)


@pytest.fixture(scope="module")
def roles_app(demo_warehouse, users_file, tmp_path_factory):
    base = tmp_path_factory.mktemp("roles-app")
    db = base / "zone.duckdb"
    shutil.copy(demo_warehouse.db, db)
    log = base / "audit.jsonl"
    app = start_app(
        db,
        ARTIFACTS / "streamlit-roles.log",
        env={
            "ZONE_DEMO": "0",
            "ZONE_USERS": str(users_file),
            "ZONE_AUDIT_LOG": str(log),
            "ZONE_SQL_CACHE": str(base / "sql-cache"),
        },
    )
    yield RolesApp(app, log, undisclosed(db)[0])
    app.stop()


@contextmanager
def open_signed_out(browser, url: str) -> Iterator[object]:
    """A new browser session on url, showing the sign-in form; closed afterwards."""
    with browser_page(browser, viewport={"width": 1440, "height": 1000}) as page:
        page.goto(url)
        page.wait_for_selector('input[type="password"]', timeout=TIMEOUT)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)
        yield page


def sign_in(page, name: str, password: str | None = None) -> None:
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(USERS[name][1] if password is None else password)
    page.get_by_role("button", name="登录", exact=True).click()


@pytest.mark.parametrize("path", ["", "growth", "tiers", "services", "press", "sql", "audit"])
def test_signed_out_no_address_shows_data(roles_app, browser, path: str) -> None:
    with open_signed_out(browser, f"{roles_app.app.url}/{path}?period={DEMO_PERIOD}") as page:
        assert page.locator(DATA_SELECTOR).count() == 0
        assert page.get_by_test_id("stSidebarNav").count() == 0, "no page is even listed"
        text = page.evaluate(TEXT_JS)
        assert "规上工业总产值" not in text and not roles_app.leaked(text)
        if not path:
            save_screenshot(page, "signin")


def test_a_wrong_password_is_refused(roles_app, browser) -> None:
    with open_signed_out(browser, roles_app.app.url) as page:
        sign_in(page, "wang", "not-the-password")
        page.get_by_text("用户名或密码错误").wait_for(timeout=TIMEOUT)
        assert page.locator(DATA_SELECTOR).count() == 0
    assert any(e["name"] == "wang" for e in roles_app.events("sign_in_failed"))


def test_leader_visits_every_page_and_receives_no_undisclosed_name(roles_app, browser) -> None:
    received: list[bytes] = []
    with open_signed_out(browser, f"{roles_app.app.url}/?period={DEMO_PERIOD}") as page:
        page.on(
            "websocket",
            lambda ws: ws.on(
                "framereceived",
                lambda payload: received.append(payload if isinstance(payload, bytes) else payload.encode("utf-8")),
            ),
        )
        # the socket opened before the listener: reload so every frame of the session is seen
        page.reload()
        page.wait_for_selector('input[type="password"]', timeout=TIMEOUT)
        sign_in(page, "wang")
        wait_for_app(page, min_charts=2, timeout=TIMEOUT)
        nav = page.get_by_test_id("stSidebarNav")
        assert nav.get_by_text("审计日志", exact=True).count() == 0, "the audit log is for admins"
        for title, (path, charts) in LEADER_PAGES.items():
            nav.get_by_text(title, exact=True).click()
            page.wait_for_function(AT_PATH_JS, arg=path, timeout=TIMEOUT)
            wait_for_app(page, min_charts=charts, timeout=TIMEOUT)
            text = page.evaluate(TEXT_JS)
            assert not roles_app.leaked(text), (title, roles_app.leaked(text)[:5])
            assert page.locator('[data-testid="stException"]').count() == 0, title
        save_screenshot(page, "leader-sql")
    sent = b"".join(received).decode("utf-8", errors="replace")
    assert len(sent) > 100_000, "the pages' data came over the websocket"
    assert not roles_app.leaked(sent), roles_app.leaked(sent)[:5]
    assert [e["user"] for e in roles_app.events("sign_in")].count("wang") >= 1


def test_leader_sees_a_withheld_cell_as_a_dash(roles_app, browser) -> None:
    with open_signed_out(
        browser, f"{roles_app.app.url}/growth?period={DEMO_PERIOD}&park=明水经济开发区&chain=生物医药"
    ) as page:
        sign_in(page, "wang")  # the link's page and filters, once signed in
        page.wait_for_function(AT_PATH_JS, arg="growth", timeout=TIMEOUT)
        page.get_by_text("涉及企业少于3家的数据按《统计法》不予公布").first.wait_for(timeout=TIMEOUT)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)
        card = page.locator('[data-testid="stMetric"]', has_text="规上工业总产值").first
        assert "—" in card.inner_text()
        save_screenshot(page, "leader-withheld")


def test_an_export_is_recorded_with_its_user(roles_app, browser) -> None:
    with open_signed_out(browser, f"{roles_app.app.url}/?period={DEMO_PERIOD}") as page:
        sign_in(page, "li")
        wait_for_app(page, min_charts=2, timeout=TIMEOUT)
        with page.expect_download(timeout=TIMEOUT) as download:  # a chart card's image download
            page.locator('[data-testid="stDownloadButton"] button', has_text="下载图片").first.click()
        name = download.value.suggested_filename
        assert name.endswith((".png", ".svg"))
    exports = roles_app.events("export")
    assert exports and (exports[-1]["user"], exports[-1]["file"]) == ("li", name)


def test_admin_reads_the_audit_log(roles_app, browser) -> None:
    with open_signed_out(browser, roles_app.app.url) as page:
        sign_in(page, "zhao")
        wait_for_app(page, min_charts=2, timeout=TIMEOUT)
        page.get_by_test_id("stSidebarNav").get_by_text("审计日志", exact=True).click()
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=TIMEOUT)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)
        assert page.get_by_text("审计日志").count() >= 1
        save_screenshot(page, "admin-audit-log")
