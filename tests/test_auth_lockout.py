"""Lock-outs: every wrong password that leads to one is in the audit log, and a lock-out holds a
name for the source that earned it only (anyone elsewhere could otherwise lock any name)."""

from __future__ import annotations

from pathlib import Path

from auth_helpers import USERS, events, sign_in
from dashboard_helpers import new_app

from dashboard import auth


def test_every_wrong_password_up_to_the_lock_is_logged(signin_env: Path) -> None:
    at = new_app().run()
    for _ in range(auth.LOCK_FAILURES):
        at = sign_in(at, "li", "wrong-password")
    failed = events(signin_env, "sign_in_failed")
    assert [e["name"] for e in failed] == ["li"] * auth.LOCK_FAILURES
    assert failed[-1].get("locked") is True  # the fifth is the one that locked the name
    assert not any(e.get("locked") for e in failed[:-1])


def test_a_lock_holds_for_the_source_that_earned_it_only(signin_env: Path, users_file: Path) -> None:
    for _ in range(auth.LOCK_FAILURES):
        assert auth.check_password("li", "wrong-password", users_file, source="203.0.113.9") is None
    password = USERS["li"][1]
    assert auth.check_password("li", password, users_file, source="203.0.113.9") is None  # locked there
    user = auth.check_password("li", password, users_file, source="198.51.100.7")  # li, at her own desk
    assert user is not None and user.name == "li"
