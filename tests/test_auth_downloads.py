"""A download is checked when it is clicked, not only when its page was drawn: after signing out,
past the idle limit (with no rerun in between) or with the audit log unwritable, nothing is
served and nothing is recorded as exported (dashboard.auth.download_guard).

Streamlit runs a download button's callable at the click, outside any script run; AppTest has no
media manager to click through, so the tests run the callable the page hands Streamlit, with the
check made from the session's own sign-in record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from auth_helpers import events, signed_in

from dashboard import auth


def download(at, signin_env: Path):
    """The audit log page's CSV download as the page makes it, checked against this session."""
    record = at.session_state[auth.SESSION_KEY]
    who = (record["name"], record["role"], record["sid"])
    return auth.deferred_export(b"a,b\n", "audit log", "audit-log.csv", 1, who, auth.guard_for(record))


def test_download_in_a_live_session_is_served_and_recorded(signin_env: Path) -> None:
    at = signed_in("zhao", "audit_log")
    assert download(at, signin_env)() == b"a,b\n"
    [entry] = events(signin_env, "export")
    assert (entry["user"], entry["file"]) == ("zhao", "audit-log.csv")


def test_download_after_sign_out_is_refused(signin_env: Path) -> None:
    at = signed_in("zhao", "audit_log")
    served = download(at, signin_env)
    at.button(key="signout").click().run()
    with pytest.raises(auth.DownloadRefused):
        served()
    assert not events(signin_env, "export")


def test_download_past_the_idle_limit_is_refused_without_a_rerun(
    signin_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1_800_000_000.0]
    monkeypatch.setattr(auth, "_now", lambda: now[0])
    at = signed_in("zhao", "audit_log")
    served = download(at, signin_env)
    now[0] += auth.idle_limit_s() + 1  # the page stays open; the next click is a download
    with pytest.raises(auth.DownloadRefused, match="expired"):
        served()
    assert not events(signin_env, "export")


def test_download_with_the_audit_log_unwritable_is_refused(signin_env: Path) -> None:
    at = signed_in("zhao", "audit_log")
    served = download(at, signin_env)
    signin_env.unlink()
    signin_env.mkdir()  # the log's name is now a folder: no line can be appended
    with pytest.raises(auth.DownloadRefused, match="audit log"):
        served()


def test_an_unwritable_audit_log_stops_the_next_interaction(signin_env: Path) -> None:
    """Rerunning the same page records nothing new (its view was recorded), yet it must stop serving data."""
    at = signed_in("li")
    assert at.metric
    signin_env.unlink()
    signin_env.mkdir()
    at.run()
    assert not at.metric, "a page served while nothing can be recorded"
    assert any("审计日志" in e.value for e in at.error), [e.value for e in at.error]


def test_the_audit_keeps_a_query_whole(signin_env: Path) -> None:
    from warehouse import audit

    sql = "/*" + " padding" * 2_000 + " */ select enterprise_name from enterprise_directory"
    audit.record("query", "li", "analyst", what=sql)
    [line] = signin_env.read_text(encoding="utf-8").splitlines()
    entry = json.loads(line)
    assert entry["what"] == sql and entry["what"].endswith("from enterprise_directory")
    assert len(entry["sha256"]) == 64
