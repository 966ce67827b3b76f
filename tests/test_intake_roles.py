"""The steward role and the review / publish rights (issue 12): least privilege everywhere else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from auth_helpers import sign_in
from dashboard_helpers import new_app

from dashboard import auth, workbench
from warehouse.contract import TABLES_BY_NAME
from warehouse.intake.offices import OFFICES


def test_a_steward_sees_what_a_leader_sees_and_queries_as_a_leader() -> None:
    assert "steward" in auth.ROLES
    assert not auth.sees_enterprise_rows("steward")  # confidential figures, as for a leader
    assert not auth.reads_audit_log("steward")
    assert workbench.engine_role("steward") == "leader"  # the SQL workbench's narrowest view


def test_users_file_binds_a_steward_to_an_office_and_gives_rights(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    auth.add_user("wangmin", "steward-pass-2025", "steward", "王敏", path, office="统计")
    auth.add_user("qian", "analyst-pass-2025", "analyst", "", path, rights=["review", "publish"])
    auth.add_user("li", "analyst-pass-2025", "analyst", "", path)
    users = auth.load_users(path)
    assert (users["wangmin"]["office"], users["qian"]["rights"]) == ("统计", ["review", "publish"])
    with pytest.raises(ValueError, match="needs an office"):
        auth.add_user("nobody", "steward-pass-2025", "steward", "", path)
    with pytest.raises(ValueError, match="rights"):
        auth.add_user("x", "analyst-pass-2025", "analyst", "", path, rights=["delete"])
    path.write_text(path.read_text(encoding="utf-8") + '\n[users."bad"]\nrole = "steward"\npassword_hash = "h"\n')
    with pytest.raises(auth.UsersFileError, match="needs an office"):
        auth.load_users(path)


def test_console_access_per_role(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "users.toml"
    monkeypatch.setenv("ZONE_USERS", str(path))
    auth.add_user("wangmin", "steward-pass-2025", "steward", "", path, office="政务服务")
    auth.add_user("qian", "analyst-pass-2025", "analyst", "", path, rights=["review"])
    auth.add_user("wang", "leader-pass-2025", "leader", "", path, rights=["review"])
    steward = auth.intake_access(auth.User("wangmin", "steward", "password"))
    assert steward.tables == OFFICES["政务服务"] and not steward.review and steward.console
    reviewer = auth.intake_access(auth.User("qian", "analyst", "password"))
    assert (reviewer.tables, reviewer.review, reviewer.publish, reviewer.console) == ((), True, False, True)
    assert not auth.intake_access(auth.User("wang", "leader", "password")).console  # never a leader
    admin = auth.intake_access(auth.User("zhao", "admin", "password"))
    assert len(admin.tables) == 14 and admin.review and admin.publish


def test_a_leader_gets_no_console(signin_env: Path) -> None:
    at = sign_in(new_app().run(), "wang")
    assert not at.exception
    with pytest.raises(ValueError, match="navigation page"):  # the router does not list the page for a leader
        at.switch_page("app_pages/intake.py")


def test_a_steward_gets_the_console(signin_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    users = tmp_path / "users.toml"
    shutil.copy(os.environ["ZONE_USERS"], users)
    auth.add_user("wangmin", "steward-pass-2025", "steward", "王敏", users, office="统计")
    monkeypatch.setenv("ZONE_USERS", str(users))
    monkeypatch.setenv("ZONE_STORE", str(tmp_path / "landing"))
    at = sign_in(new_app().run(), "wangmin", "steward-pass-2025")
    at.switch_page("app_pages/intake.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [tab.label for tab in at.tabs] == ["上传报送", "报送情况", "报送记录"]
    assert at.selectbox(key="intake_table").options == [f"{TABLES_BY_NAME[n].title}（{n}）" for n in OFFICES["统计"]]
