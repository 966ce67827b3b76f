"""A local user stays signed in across a reload and in a new tab (a signed cookie the server
still knows), within the idle limit; signing out, or the idle limit passing, ends that."""

from __future__ import annotations

import shutil

import pytest
from auth_helpers import USERS
from dashboard_helpers import APP_IDLE_JS, ARTIFACTS, browser_page, start_app

TIMEOUT = 60_000
SIGNED_IN = "当前用户：li"


def serve(demo_warehouse, users_file, base, **env: str):
    db = base / "zone.duckdb"
    shutil.copy(demo_warehouse.db, db)
    return start_app(
        db,
        ARTIFACTS / f"streamlit-{base.name}.log",
        env={
            "ZONE_DEMO": "0",
            "ZONE_USERS": str(users_file),
            "ZONE_AUDIT_LOG": str(base / "audit.jsonl"),
            "ZONE_SESSION_SECRET": "test-secret-" + base.name,
            **env,
        },
    )


@pytest.fixture(scope="module")
def signin_app(demo_warehouse, users_file, tmp_path_factory):
    app = serve(demo_warehouse, users_file, tmp_path_factory.mktemp("persist"))
    yield app
    app.stop()


def sign_in(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('input[type="password"]', timeout=TIMEOUT)
    page.get_by_label("用户名").fill("li")
    page.get_by_label("密码").fill(USERS["li"][1])
    page.get_by_role("button", name="登录", exact=True).click()
    page.get_by_text(SIGNED_IN).wait_for(timeout=TIMEOUT)
    page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT)


def shows(page, what: str) -> None:
    """Wait for the page to show the signed-in caption ('in') or the sign-in form ('out')."""
    if what == "in":
        page.get_by_text(SIGNED_IN).wait_for(timeout=TIMEOUT)
        assert page.locator('input[type="password"]').count() == 0
    else:
        page.wait_for_selector('input[type="password"]', timeout=TIMEOUT)
        assert page.get_by_text(SIGNED_IN).count() == 0


def test_a_reload_and_a_new_tab_keep_the_sign_in_and_sign_out_ends_it(signin_app, browser) -> None:
    with browser_page(browser) as page:
        sign_in(page, signin_app.url)
        page.reload()
        shows(page, "in")
        other = page.context.new_page()
        other.goto(f"{signin_app.url}/growth")
        shows(other, "in")
        cookie = next(c for c in page.context.cookies() if c["name"] == "zone_session")
        assert "li" not in cookie["value"].split(".")[-1]  # the signature, not a readable secret

        page.get_by_role("button", name="退出登录").click()
        shows(page, "out")
        page.reload()
        shows(page, "out")
        # the old cookie, put back by hand, signs nobody in: signing out revoked it on the server
        page.context.add_cookies([cookie])
        page.reload()
        shows(page, "out")


def test_past_the_idle_limit_a_reload_asks_to_sign_in(demo_warehouse, users_file, tmp_path_factory, browser) -> None:
    app = serve(demo_warehouse, users_file, tmp_path_factory.mktemp("idle"), ZONE_SESSION_IDLE_MINUTES="0.1")
    try:
        with browser_page(browser) as page:
            sign_in(page, app.url)
            page.wait_for_timeout(10_000)  # past the 6 s idle limit, without any interaction
            page.reload()
            shows(page, "out")
    finally:
        app.stop()
