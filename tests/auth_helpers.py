"""Helpers for the sign-in, role and audit tests: the users of the `users_file` fixture (conftest.py),
sign-in in AppTest, the demo enterprises that did not consent to be named, and a reader for the audit log."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from dashboard_helpers import new_app
from streamlit.testing.v1 import AppTest

# name -> (role, password)
USERS = {
    "wang": ("leader", "leader-pass-2025"),
    "li": ("analyst", "analyst-pass-2025"),
    "zhao": ("admin", "admin-pass-2025"),
}


def sign_in(at: AppTest, name: str, password: str | None = None) -> AppTest:
    """Fill the sign-in form and submit it (the app must be showing the form)."""
    password = USERS[name][1] if password is None else password
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(password)
    at.button(key="signin_submit").click()
    return at.run()


def signed_in(name: str, page: str | None = None, **query: str) -> AppTest:
    """A session signed in as `name`, on `page` (app_pages/<page>.py) or the overview."""
    at = sign_in(new_app(**query).run(), name)
    assert not at.exception, [e.value for e in at.exception]
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    return at


def events(log: Path, event: str | None = None) -> list[dict]:
    """The audit log's events (of one kind)."""
    if not log.exists():
        return []
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if event is None or r["event"] == event]


def undisclosed(db: Path) -> tuple[set[str], set[str]]:
    """Names and ids of the demo enterprises that did not consent to be named."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select enterprise_name, enterprise_id from enterprise_directory where not consent_public"
        ).fetchall()
    return {r[0] for r in rows if r[0]}, {r[1] for r in rows}


def leaked(text: str, names: set[str]) -> list[str]:
    """The names that occur in text."""
    return sorted(n for n in names if n in text)
