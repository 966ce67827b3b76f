"""What the server hands out over plain HTTP, to whom: the app served as `make run` serves it
(dashboard/server.py) with local sign-in, headless Chromium signing in through the form.

- the sign-in cookie is HTTP-only (no page script reads it) and still keeps a reload signed in;
- `/_stcore/metrics` answers an admin only;
- a `/media/…` file (the admin's audit-log CSV, an analyst's SQL CSV) goes only to the signed-in
  user who made it: not without the cookie, not to another user, not after signing out.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from auth_helpers import USERS
from dashboard_helpers import APP_IDLE_JS, DEMO_PERIOD, browser_page
from test_browser_signin_persists import serve
from test_browser_sql import EDITOR, badge, wait_for_grid

from dashboard import auth

TIMEOUT = 60_000


@pytest.fixture(scope="module")
def gate_app(demo_warehouse, users_file, tmp_path_factory):
    app = serve(demo_warehouse, users_file, tmp_path_factory.mktemp("gate"))
    yield app
    app.stop()


def sign_in(page, url: str, name: str) -> dict:
    """Sign in through the form; returns the sign-in cookie once the browser holds it."""
    page.goto(url)
    page.wait_for_selector('input[type="password"]', timeout=TIMEOUT)
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(USERS[name][1])
    page.get_by_role("button", name="登录", exact=True).click()
    page.get_by_test_id("stSidebar").get_by_text("当前用户：").wait_for(timeout=TIMEOUT)
    page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)
    for _ in range(100):  # the page trades its one-time code for the cookie in the background
        cookie = next((c for c in page.context.cookies() if c["name"] == auth.COOKIE), None)
        if cookie:
            return cookie
        page.wait_for_timeout(100)
    raise AssertionError("the sign-in cookie was never set")


def status(context, url: str) -> int:
    """The HTTP status of a GET with the context's cookies (the browser's own, HTTP-only ones too)."""
    return context.request.get(url, max_redirects=0).status


def anonymous(url: str) -> int:
    """The HTTP status of a GET without any cookie."""
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_sign_in_cookie_is_http_only_and_a_reload_stays_signed_in(gate_app, browser) -> None:
    with browser_page(browser) as page:
        cookie = sign_in(page, gate_app.url, "li")
        assert cookie["httpOnly"] is True
        assert cookie["sameSite"] == "Strict"
        assert cookie["path"] == "/"
        assert auth.COOKIE not in page.evaluate("() => document.cookie")  # no page script can read it
        page.reload()
        page.get_by_test_id("stSidebar").get_by_text("当前用户：li").wait_for(timeout=TIMEOUT)
        assert page.locator('input[type="password"]').count() == 0


def test_metrics_answer_only_a_signed_in_admin(gate_app, browser) -> None:
    metrics = f"{gate_app.url}/_stcore/metrics"
    assert anonymous(metrics) == 403
    for name, expected in (("wang", 403), ("li", 403), ("zhao", 200)):
        with browser_page(browser) as page:
            sign_in(page, gate_app.url, name)
            assert status(page.context, metrics) == expected, name
    with browser_page(browser) as page:  # and no more once the admin signed out
        sign_in(page, gate_app.url, "zhao")
        page.get_by_role("button", name="退出登录").click()
        page.wait_for_selector('input[type="password"]', timeout=TIMEOUT)
        assert status(page.context, metrics) == 403


def test_the_audit_csv_goes_only_to_the_admin_who_made_it(gate_app, browser) -> None:
    with browser_page(browser) as page:
        cookie = sign_in(page, gate_app.url, "zhao")
        page.get_by_test_id("stSidebarNav").get_by_text("审计日志", exact=True).click()
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=TIMEOUT)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)
        with page.expect_download(timeout=TIMEOUT) as download:
            page.locator('[data-testid="stDownloadButton"] button', has_text="下载所选记录").click()
        url = download.value.url
        assert "/media/" in url
        assert status(page.context, url) == 200
        assert anonymous(url) == 403
        with browser_page(browser) as other:  # another signed-in user holding the address
            sign_in(other, gate_app.url, "li")
            assert status(other.context, url) == 403

        page.get_by_role("button", name="退出登录").click()
        page.wait_for_selector('input[type="password"]', timeout=TIMEOUT)
        assert status(page.context, url) == 403
        page.context.add_cookies([cookie])  # the old cookie put back: signing out revoked it
        assert status(page.context, url) == 403


def test_an_sql_csv_is_not_served_without_the_sign_in(gate_app, browser) -> None:
    with browser_page(browser) as page:
        sign_in(page, f"{gate_app.url}/sql?period={DEMO_PERIOD}", "li")
        page.frame_locator(EDITOR).locator(".ace_content").first.click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text("select 42 as answer")
        page.frame_locator(EDITOR).locator(".ace_text-input").press("Control+Enter")
        badge(page, "1 行").wait_for(timeout=TIMEOUT)
        wait_for_grid(page)
        bar = page.locator(".st-key-sql-result-bar")
        with page.expect_download(timeout=TIMEOUT) as download:
            bar.get_by_role("button", name="CSV", exact=True).click()
        url = download.value.url
        assert "/media/" in url
        assert status(page.context, url) == 200
        assert anonymous(url) == 403
        page.get_by_role("button", name="退出登录").click()
        page.wait_for_selector('input[type="password"]', timeout=TIMEOUT)
        assert status(page.context, url) == 403


def test_the_cookie_route_takes_a_code_once_and_only_from_the_page(gate_app) -> None:
    route = f"{gate_app.url}/{auth.SESSION_ROUTE}"

    def post(body: bytes, **headers: str) -> int:
        request = urllib.request.Request(route, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as resp:
                return resp.status
        except urllib.error.HTTPError as exc:
            return exc.code

    assert post(b"not-a-code") == 403
    assert post(b"x", Origin="https://elsewhere.example") == 403
    assert post(b"x", **{"Sec-Fetch-Site": "cross-site"}) == 403


def test_a_one_time_code_is_good_once_and_for_a_minute(monkeypatch) -> None:
    code = auth.issue_code("value")
    assert auth.redeem_code(code) == "value"
    assert auth.redeem_code(code) is None
    late = auth.issue_code("value")
    now = auth._now()
    monkeypatch.setattr(auth, "_now", lambda: now + auth.CODE_TTL_S + 1)
    assert auth.redeem_code(late) is None
