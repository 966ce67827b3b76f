"""Sign-in: local users with argon2 hashes, sessions that expire, OIDC roles, demo mode, no data signed out."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from auth_helpers import USERS, events, sign_in, signed_in
from dashboard_helpers import new_app, python_m
from streamlit.testing.v1 import AppTest

from dashboard import auth

# OIDC sign-in as st.login has it configured (the identity provider is never reached: AppTest's `user` stands in).
OIDC_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "id",
    "client_secret": "secret",
    "server_metadata_url": "https://id.example.invalid/.well-known/openid-configuration",
}


def oidc_app(user: dict, zone_roles: dict[str, str] | None = None) -> AppTest:
    """The app, not yet run, with OIDC sign-in configured (and `zone_roles` when given), seen by `user`."""
    at = new_app()
    at.secrets = {"auth": dict(OIDC_AUTH)}
    if zone_roles is not None:
        at.secrets["zone_roles"] = zone_roles
    at.user = user
    return at


def shows_no_data(at, follow: bool = False) -> None:
    """Nothing from the warehouse on the page (no KPI, chart or table), nor on a page asked for directly."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.metric
    assert not at.get("vega_lite_chart")
    assert not at.dataframe
    if follow:
        for page in ("growth", "sql", "presskit", "audit_log"):
            try:
                at.switch_page(f"app_pages/{page}.py")
            except ValueError:  # no page registered at all
                continue
            shows_no_data(at.run(), follow=False)


def test_signed_out_the_app_serves_only_the_sign_in_form(signin_env: Path) -> None:
    at = new_app().run()
    shows_no_data(at, follow=True)
    assert at.text_input(key="signin_password").proto.type == at.text_input(key="signin_password").proto.PASSWORD


def test_wrong_password_is_refused_and_recorded(signin_env: Path) -> None:
    at = sign_in(new_app().run(), "wang", "not-the-password")
    shows_no_data(at)
    assert any("密码错误" in e.value for e in at.error)
    [failed] = events(signin_env, "sign_in_failed")
    assert failed["name"] == "wang" and failed["user"] is None
    assert not events(signin_env, "sign_in")


def test_unknown_user_is_refused_like_a_wrong_password(signin_env: Path) -> None:
    at = sign_in(new_app().run(), "nobody", "whatever-pass")
    shows_no_data(at)
    assert any("密码错误" in e.value for e in at.error)


def test_sign_in_shows_the_dashboard_and_is_recorded(signin_env: Path) -> None:
    at = signed_in("wang")
    assert at.metric, "the overview's KPI cards"
    [entry] = events(signin_env, "sign_in")
    assert (entry["user"], entry["role"], entry["method"]) == ("wang", "leader", "password")
    assert entry["ts"].endswith("Z") and entry["session"]
    assert any("当前用户：wang（领导）" in c.value for c in at.caption)


def test_five_wrong_passwords_lock_the_name(signin_env: Path) -> None:
    at = new_app().run()
    for _ in range(auth.LOCK_FAILURES):
        at = sign_in(at, "li", "wrong-password")
    at = sign_in(at, "li")  # the right password, too late
    shows_no_data(at)
    assert any("15 分钟" in e.value for e in at.error)
    assert events(signin_env, "sign_in_failed")[-1]["locked"] is True


def test_an_idle_session_expires(signin_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1_800_000_000.0]
    monkeypatch.setattr(auth, "_now", lambda: now[0])
    at = signed_in("li")
    now[0] += auth.idle_limit_s() - 60
    at.run()
    assert at.metric, "still signed in just under the idle limit"
    now[0] += auth.idle_limit_s() + 1
    at.run()
    shows_no_data(at)
    assert any("会话已过期" in i.value for i in at.info)
    assert [e["user"] for e in events(signin_env, "session_expired")] == ["li"]


def test_a_busy_session_still_ends_after_the_absolute_limit(signin_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1_800_000_000.0]
    monkeypatch.setattr(auth, "_now", lambda: now[0])
    at = signed_in("li")
    while now[0] + auth.idle_limit_s() / 2 < 1_800_000_000.0 + auth.session_limit_s():
        now[0] += auth.idle_limit_s() / 2  # an interaction every half idle period
        at.run()
        assert at.metric
    now[0] += auth.idle_limit_s() / 2 + 1
    at.run()
    shows_no_data(at)


def test_a_user_removed_from_the_file_is_signed_out(
    signin_env: Path, users_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "users.toml"
    mine.write_bytes(users_file.read_bytes())
    monkeypatch.setenv("ZONE_USERS", str(mine))
    at = signed_in("li")
    auth.remove_user("li", mine)
    at.run()
    shows_no_data(at)


def test_sign_out_forgets_the_session_and_is_recorded(signin_env: Path) -> None:
    at = signed_in("zhao")
    at.button(key="signout").click().run()
    shows_no_data(at)
    assert [e["user"] for e in events(signin_env, "sign_out")] == ["zhao"]


def test_without_any_sign_in_configured_no_data_and_how_to_configure(
    signin_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONE_USERS", str(tmp_path / "none.toml"))
    at = new_app().run()
    shows_no_data(at)
    assert not at.text_input
    assert any("add-user" in c.value for c in at.code)
    assert any("ZONE_DEMO=1" in w.value for w in at.warning)


def test_demo_mode_is_the_demo_analyst_with_a_banner(signin_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONE_DEMO", "1")
    at = new_app().run()
    assert not at.exception and at.metric
    assert any("演示数据" in h.proto.body for h in at.get("html"))
    assert at.session_state["zone_auth"]["role"] == "analyst"
    at.get("button_group")[-1].set_value("leader").run()  # the sidebar's "view as" switch
    assert at.session_state["zone_auth"]["role"] == "leader"


def test_oidc_roles_come_from_zone_roles(signin_env: Path) -> None:
    roles = {"Wang@Zone.gov.cn": "leader", "@zone.gov.cn": "analyst"}
    at = oidc_app({"is_logged_in": True, "email": "wang@zone.gov.cn", "name": "王主任"}, roles).run()
    assert not at.exception and at.metric
    assert at.session_state["zone_auth"]["role"] == "leader"
    assert events(signin_env, "sign_in")[-1]["method"] == "oidc"

    other = oidc_app({"is_logged_in": True, "email": "chen@zone.gov.cn"}, roles).run()
    assert other.session_state["zone_auth"]["role"] == "analyst"  # the domain's default


def test_oidc_account_without_a_role_is_refused(signin_env: Path) -> None:
    at = oidc_app({"is_logged_in": True, "email": "stranger@example.com"}, {"wang@zone.gov.cn": "leader"}).run()
    shows_no_data(at)
    assert any("stranger@example.com" in e.value for e in at.error)
    assert events(signin_env, "sign_in_failed")[-1]["name"] == "stranger@example.com"


def test_oidc_signed_out_offers_the_sign_in_button_only(signin_env: Path) -> None:
    at = oidc_app({"is_logged_in": False}).run()
    shows_no_data(at)
    assert at.button(key="signin_oidc").label == "使用单位账号登录"


def test_an_idle_oidc_session_signs_out_of_the_identity_cookie_too(
    signin_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1_800_000_000.0]
    monkeypatch.setattr(auth, "_now", lambda: now[0])
    at = oidc_app({"is_logged_in": True, "email": "wang@zone.gov.cn"}, {"wang@zone.gov.cn": "leader"}).run()
    assert at.metric
    now[0] += auth.idle_limit_s() + 1
    at.run()
    shows_no_data(at)
    assert at.button(key="signin_oidc"), "signed out of the cookie: the sign-in button, not a silent sign-in"
    assert [e["user"] for e in events(signin_env, "session_expired")] == ["wang@zone.gov.cn"]


# --- the users file and its command line --------------------------------------------------------


def test_add_user_command_stores_a_salted_argon2_hash(tmp_path: Path) -> None:
    users = tmp_path / "home" / "users.toml"
    env = {**os.environ, "ZONE_USERS": str(users)}
    hashes = []
    for _ in range(2):  # the same password twice: two different salts
        proc = python_m(
            "dashboard.auth",
            "add-user",
            "wang",
            "--role",
            "leader",
            "--password-stdin",
            env=env,
            stdin="s3cret-password\n",
        )
        assert proc.returncode == 0, proc.stderr
        hashes.append(auth.load_users(users)["wang"]["password_hash"])
    assert all(h.startswith("$argon2id$") for h in hashes) and hashes[0] != hashes[1]
    assert "s3cret-password" not in users.read_text()
    assert stat.S_IMODE(users.stat().st_mode) == 0o600
    assert auth.check_password("wang", "s3cret-password", users).role == "leader"
    assert auth.check_password("wang", "wrong", users) is None
    listed = python_m("dashboard.auth", "list-users", env=env, check=True).stdout
    assert listed.split() == ["wang", "leader"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add-user", "x", "--role", "boss", "--password-stdin"], "invalid choice"),
        (["add-user", "x", "--role", "leader", "--password-stdin"], "at least 8"),
        (["remove-user", "ghost"], "no user"),
    ],
)
def test_add_user_command_refuses_bad_input(tmp_path: Path, args: list[str], message: str) -> None:
    env = {**os.environ, "ZONE_USERS": str(tmp_path / "users.toml")}
    proc = python_m("dashboard.auth", *args, env=env, stdin="short\n")
    assert proc.returncode != 0 and message in proc.stderr


def test_a_broken_users_file_is_reported_not_ignored(
    signin_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "users.toml"
    bad.write_text('[users.wang]\nrole = "boss"\npassword_hash = "x"\n', encoding="utf-8")
    monkeypatch.setenv("ZONE_USERS", str(bad))
    at = new_app().run()
    shows_no_data(at)
    assert any("role" in e.value for e in at.error)
    assert USERS  # the module's users are untouched
