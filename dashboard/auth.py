"""Sign-in, roles and sessions.

Three ways in, tried in this order:

1. **Demo mode** (`ZONE_DEMO=1`, which `make run` sets): everyone is the demo analyst, a
   banner says the figures are simulated, and a switch shows what a leader or an admin sees.
2. **OIDC** with Streamlit's `st.login` when `.streamlit/secrets.toml` has an `[auth]`
   section. The role comes from `[zone_roles]` in the same file: an e-mail address, or
   "@domain" for everyone of a domain, mapped to leader / analyst / admin. An account
   without a role is refused.
3. **Local users** from `$ZONE_USERS` (default ~/.zone_dashboard/users.toml): argon2id
   salted hashes and a role per user, added with
   `python -m dashboard.auth add-user NAME --role leader` (the password is prompted for,
   or read from stdin).

Without any of these the app serves no data and says how to configure sign-in.

Sessions: the sign-in lives in the Streamlit session (one browser tab's connection); a local
user's also in a signed, HTTP-only cookie (set by dashboard/gate.py's route), so a reload or a
new tab stays signed in within the limits. Every run re-checks it, and that the audit log can be written: after ZONE_SESSION_IDLE_MINUTES
(default 60) without interaction, or ZONE_SESSION_HOURS (default 8) after signing in, the
session ends; a local user removed from the users file, or given another role, is signed
out or changed at the next interaction. Five wrong passwords for one name within 15
minutes from one address lock that name, from that address, for 15 minutes. A download is
checked again when it is clicked (`download_guard`).

Roles: `leader` sees aggregates only (statistical confidentiality, see
warehouse/confidentiality.py), `analyst` also enterprise-level rows and, in SQL, the
staging tables; `admin` is an analyst who can read the audit log. `steward` (数据报送员) sees
the pages as a leader does and hands in the files of one office (`office = "统计"` in the
users file; warehouse/intake/offices.py lists each office's tables; an admin hands in all).
`rights = ["review", "publish"]` in the users file lets a user clear review findings and publish.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import json
import os
import secrets as pysecrets
import sys
import threading
import time
import tomllib
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from warehouse import audit

ROLES = ("leader", "analyst", "admin", "steward")
RIGHTS = ("review", "publish")  # on top of a role: clear 审核 findings; publish the submissions
SESSION_KEY = "zone_auth"
DEMO_ROLE_KEY = "demo_role"
DEFAULT_USERS = Path("~/.zone_dashboard/users.toml")
LOCK_FAILURES = 5
LOCK_WINDOW_S = 15 * 60
_hasher = PasswordHasher()  # argon2id, a random salt per hash, parameters from argon2-cffi's RFC 9106 profile
# verified when the name is unknown, so a wrong name costs as long as a wrong password
_DUMMY_HASH = _hasher.hash(pysecrets.token_hex(16))
_failures: dict[str, deque] = {}
_failures_lock = threading.Lock()


def _now() -> float:
    """Seconds since the epoch (tests move time by replacing this)."""
    return time.time()


def idle_limit_s() -> float:
    """Seconds without interaction after which a session ends."""
    return float(os.environ.get("ZONE_SESSION_IDLE_MINUTES") or 60) * 60


def session_limit_s() -> float:
    """Seconds after signing in after which a session ends, however busy."""
    return float(os.environ.get("ZONE_SESSION_HOURS") or 8) * 3600


@dataclass(frozen=True)
class User:
    """Who is signed in, with which role, and how they signed in (password, oidc or demo)."""

    name: str
    role: str
    method: str
    display: str = ""

    @property
    def label(self) -> str:
        """The name to greet the user with."""
        return self.display or self.name


def sees_enterprise_rows(role: str | None) -> bool:
    """Whether a role may see enterprise-level rows and single enterprises' figures."""
    return role in ("analyst", "admin")


def reads_audit_log(role: str | None) -> bool:
    """Whether a role may read the audit log."""
    return role == "admin"


def can_publish(user: User | None) -> bool:
    """Whether a user may preview, publish and roll back the warehouse: admins, and users with the publish right."""
    if user is None:
        return False
    if user.role == "admin":
        return True
    if user.method != "password":
        return False
    try:  # rights = ["publish"] beside the user's role in the users file
        return "publish" in ((load_users().get(user.name) or {}).get("rights") or ())
    except UsersFileError:
        return False


# --- the users file -----------------------------------------------------------------------------


class UsersFileError(ValueError):
    """The users file exists but is not a valid users file."""


def users_path() -> Path:
    """The local users file: $ZONE_USERS, else ~/.zone_dashboard/users.toml."""
    return Path(os.environ.get("ZONE_USERS") or DEFAULT_USERS).expanduser()


def load_users(path: Path | None = None) -> dict[str, dict]:
    """name -> {"role", "password_hash", "display_name"} from the users file ({} when there is none)."""
    path = path or users_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsersFileError(f"cannot read the users file {path}: {exc}") from exc
    users = raw.get("users", {})
    if not isinstance(users, dict):
        raise UsersFileError(f"{path}: [users] must be a table of users")
    out = {}
    for name, entry in users.items():
        if not isinstance(entry, dict) or entry.get("role") not in ROLES or not entry.get("password_hash"):
            raise UsersFileError(f"{path}: user {name!r} needs a role ({', '.join(ROLES)}) and a password_hash")
        out[name] = {
            "role": entry["role"],
            "password_hash": entry["password_hash"],
            "display_name": entry.get("display_name", ""),
            **_intake_fields(path, name, entry),
        }
    return out


def _intake_fields(path: Path, name: str, entry: dict) -> dict:
    """A user's office (stewards need one) and rights, checked."""
    from warehouse.intake.offices import OFFICES

    office, rights = entry.get("office"), entry.get("rights", [])
    if entry["role"] == "steward" and office not in OFFICES:
        raise UsersFileError(f"{path}: steward {name!r} needs an office, one of {', '.join(OFFICES)}")
    if not isinstance(rights, list) or not set(rights) <= set(RIGHTS):
        raise UsersFileError(f"{path}: user {name!r}: rights must be a list of {', '.join(RIGHTS)}")
    return {"office": office, "rights": list(rights)} if office or rights else {}


@dataclass(frozen=True)
class IntakeAccess:
    """What a user may do in the 数据报送 console."""

    tables: tuple[str, ...]  # tables the user hands in
    review: bool  # clear findings
    publish: bool

    @property
    def console(self) -> bool:
        """Whether the console is shown at all."""
        return bool(self.tables) or self.review or self.publish


def intake_access(user: User | None) -> IntakeAccess:
    """The user's tables and rights: admin all; a steward their office's; rights from the users file."""
    from warehouse.contract import TABLES_BY_NAME
    from warehouse.intake.offices import tables_of

    if user is None or user.role == "leader":
        return IntakeAccess((), False, False)
    entry: dict = {}
    if user.method == "password":
        try:
            entry = load_users().get(user.name) or {}
        except UsersFileError:
            entry = {}
    elif user.method == "demo" and user.role == "steward":
        entry = {"office": "统计"}  # the demo's steward hands in the statistics office's files
    rights = set(entry.get("rights", []))
    if user.role == "admin":
        return IntakeAccess(tuple(TABLES_BY_NAME), True, True)
    tables = tables_of(entry.get("office")) if user.role == "steward" else ()
    return IntakeAccess(tables, "review" in rights, "publish" in rights)


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes, \uXXXX for control characters).
    return json.dumps(text, ensure_ascii=False)


def write_users(users: dict[str, dict], path: Path | None = None) -> Path:
    """Write the users file atomically, readable by its owner only."""
    path = path or users_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lines = ["# Dashboard users: python -m dashboard.auth add-user NAME --role leader|analyst|admin", ""]
    for name in sorted(users):
        entry = users[name]
        lines += [
            f"[users.{_toml_string(name)}]",
            f"role = {_toml_string(entry['role'])}",
            f"password_hash = {_toml_string(entry['password_hash'])}",
        ]
        if entry.get("display_name"):
            lines.append(f"display_name = {_toml_string(entry['display_name'])}")
        if entry.get("office"):
            lines.append(f"office = {_toml_string(entry['office'])}")
        if entry.get("rights"):
            lines.append(f"rights = [{', '.join(_toml_string(r) for r in entry['rights'])}]")
        lines.append("")
    scratch = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    os.replace(scratch, path)
    return path


def add_user(
    name: str,
    password: str,
    role: str,
    display_name: str = "",
    path: Path | None = None,
    office: str | None = None,
    rights: list[str] | None = None,
) -> Path:
    """Add a user (or replace one's password and role) with an argon2id hash of the password."""
    name = name.strip()
    if not name:
        raise ValueError("a user needs a name")
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, got {role!r}")
    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    users = load_users(path)
    entry = {"role": role, "password_hash": "x", "display_name": display_name, "office": office, "rights": rights or []}
    _intake_fields(path or users_path(), name, entry)  # a steward needs an office; rights are known ones
    users[name] = entry | {"password_hash": _hasher.hash(password)}
    return write_users(users, path)


def remove_user(name: str, path: Path | None = None) -> bool:
    """Remove a user; False if there was none of that name."""
    users = load_users(path)
    if users.pop(name, None) is None:
        return False
    write_users(users, path)
    return True


def _locked(name: str, source: str = "") -> bool:
    with _failures_lock:
        times = _failures.get((name, source))
        now = _now()
        while times and now - times[0] > LOCK_WINDOW_S:
            times.popleft()
        return bool(times) and len(times) >= LOCK_FAILURES


def _failed(name: str, source: str = "") -> None:
    with _failures_lock:
        _failures.setdefault((name, source), deque(maxlen=LOCK_FAILURES)).append(_now())


def check_password(name: str, password: str, path: Path | None = None, source: str = "") -> User | None:
    """The user if `password` is theirs, else None (unknown names take as long as wrong passwords).

    Wrong passwords lock a name for the source they came from (the client's address) only: a
    lock per name alone would let anyone lock anyone out for 15 minutes.
    """
    name = name.strip()
    if _locked(name, source):
        return None
    entry = load_users(path).get(name)
    try:
        _hasher.verify(entry["password_hash"] if entry else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        _failed(name, source)
        return None
    if entry is None:
        _failed(name, source)
        return None
    return User(name, entry["role"], "password", entry.get("display_name", ""))


# --- staying signed in across reloads ----------------------------------------------------------
# A local user's sign-in is kept in a cookie holding a token signed with HMAC-SHA256 (name, token
# id, when signed in). The token alone is not enough: the server keeps, per token id, when it was
# last used, so the idle limit holds, signing out revokes it, and a restarted server knows none.
# A script cannot set an HTTP-only cookie (no response headers), so signing in makes a one-time
# code (60 s, single use) and the page POSTs it to our route /zone/session (dashboard/gate.py),
# which answers with the cookie: HttpOnly, SameSite=Strict, Secure over https. The token never
# appears in a URL or in the page. Signing out revokes the token here and the page asks the same
# route to clear the cookie. The websocket handshake still carries the cookie, so
# st.context.cookies reads it on a reload.

COOKIE = "zone_session"
SESSION_ROUTE = "zone/session"  # served by dashboard/gate.py under server.baseUrlPath
CODE_TTL_S = 60
_tokens: dict[str, float] = {}  # token id -> last use
_tokens_lock = threading.Lock()
_codes: dict[str, tuple[str, float]] = {}  # one-time code -> (cookie value, made at)


def _session_secret() -> bytes:
    """$ZONE_SESSION_SECRET, else a random key kept beside the users file (made once, owner-only)."""
    if os.environ.get("ZONE_SESSION_SECRET"):
        return os.environ["ZONE_SESSION_SECRET"].encode()
    path = users_path().with_name("session.key")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes()
        with os.fdopen(fd, "wb") as fh:
            fh.write(pysecrets.token_bytes(32))
        return path.read_bytes()


def _sign(payload: bytes) -> str:
    return hmac.new(_session_secret(), payload, hashlib.sha256).hexdigest()


def issue_token(name: str, since: float) -> tuple[str, str]:
    """(token id, cookie value) for a local user who just signed in."""
    tid = pysecrets.token_urlsafe(16)
    payload = base64.urlsafe_b64encode(json.dumps({"n": name, "i": tid, "t": since}).encode()).decode()
    with _tokens_lock:
        _tokens[tid] = _now()
    return tid, f"{payload}.{_sign(payload.encode())}"


def read_token(value: str | None) -> dict | None:
    """The token's {n, i, t} if its signature holds and it is live (known, not idle, within the limit)."""
    if not value or "." not in value:
        return None
    payload, _, mac = value.rpartition(".")
    if not hmac.compare_digest(mac, _sign(payload.encode())):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode()))
        tid, since = str(data["i"]), float(data["t"])
    except (ValueError, KeyError, TypeError):
        return None
    now = _now()
    with _tokens_lock:
        seen = _tokens.get(tid)
        if seen is None or now - seen > idle_limit_s() or now - since > session_limit_s():
            _tokens.pop(tid, None)
            return None
    return data


def touch_token(tid: str | None) -> None:
    """The token was used now (every run of its session)."""
    if tid:
        with _tokens_lock:
            if tid in _tokens:
                _tokens[tid] = _now()


def revoke_token(tid: str | None) -> None:
    """Forget the token: its cookie signs nobody in any more."""
    if tid:
        with _tokens_lock:
            _tokens.pop(tid, None)


def revoke_cookie(value: str | None) -> None:
    """Revoke the token a cookie holds, if its signature holds (the route that clears the cookie)."""
    if not value or "." not in value:
        return
    payload, _, mac = value.rpartition(".")
    if not hmac.compare_digest(mac, _sign(payload.encode())):
        return
    try:
        revoke_token(str(json.loads(base64.urlsafe_b64decode(payload.encode()))["i"]))
    except (ValueError, KeyError, TypeError):
        return


def issue_code(cookie_value: str) -> str:
    """A one-time code the page trades for the cookie at /zone/session (within CODE_TTL_S, once)."""
    code = pysecrets.token_urlsafe(24)
    now = _now()
    with _tokens_lock:
        for old in [c for c, (_, made) in _codes.items() if now - made > CODE_TTL_S]:
            del _codes[old]
        _codes[code] = (cookie_value, now)
    return code


def redeem_code(code: str) -> str | None:
    """The cookie value a one-time code stands for, or None (unknown, already used, or too old)."""
    with _tokens_lock:
        value, made = _codes.pop(code, (None, 0.0))
    return value if value is not None and _now() - made <= CODE_TTL_S else None


def code_pending(code: str) -> bool:
    """Whether a one-time code is still to be traded (made, not used, not too old)."""
    with _tokens_lock:
        made = _codes.get(code, (None, None))[1]
    return made is not None and _now() - made <= CODE_TTL_S


def cookie_header(value: str | None, secure: bool) -> str:
    """The Set-Cookie header that sets (or, with None, clears) the sign-in cookie."""
    age = int(session_limit_s()) if value is not None else 0
    return f"{COOKIE}={value or ''}; Max-Age={age}; Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")


def _cookie_script(code: str | None) -> None:
    """Have the page trade a one-time code for the HTTP-only cookie (or, with None, clear the cookie)."""
    import streamlit.components.v1 as components
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    url = f"/{base}/{SESSION_ROUTE}" if base else f"/{SESSION_ROUTE}"
    if code is None:
        call = f"window.parent.fetch({json.dumps(url)}, {{method: 'DELETE', credentials: 'same-origin'}});"
    else:
        call = (
            f"window.parent.fetch({json.dumps(url)}, {{method: 'POST', credentials: 'same-origin', "
            f"headers: {{'Content-Type': 'text/plain'}}, body: {json.dumps(code)}}});"
        )
    components.html(f"<script>{call}</script>", height=0)


def _restore_from_cookie() -> dict | None:
    """A new session (a reload, a new tab) of a local user with a live cookie: signed in again."""
    import streamlit as st

    try:
        value = st.context.cookies.get(COOKIE)
    except (AttributeError, RuntimeError):
        return None
    data = read_token(value if isinstance(value, str) else None)
    if data is None:
        return None
    entry = _listed(data["n"])
    if entry is None:
        return None
    _start(User(data["n"], entry["role"], "password", entry.get("display_name", "")), since=float(data["t"]))
    st.session_state[SESSION_KEY]["tid"] = data["i"]
    return st.session_state[SESSION_KEY]


# --- which way in -------------------------------------------------------------------------------


def demo_mode() -> bool:
    """ZONE_DEMO=1: demo data, signed in as the demo analyst."""
    return os.environ.get("ZONE_DEMO") == "1"


def _secrets() -> dict:
    """secrets.toml as a dict ({} when there is none); never shows Streamlit's 'no secrets' error."""
    import streamlit as st

    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        return st.secrets.to_dict()
    except (OSError, ValueError, KeyError, TypeError):  # a broken secrets file counts as none
        return {}


def oidc_configured() -> bool:
    """Whether `.streamlit/secrets.toml` configures Streamlit's built-in OIDC sign-in."""
    return isinstance(_secrets().get("auth"), dict)


def mode() -> str:
    """'demo', 'oidc', 'password' (a users file with users) or 'none'."""
    if demo_mode():
        return "demo"
    if oidc_configured():
        return "oidc"
    try:
        if load_users():
            return "password"
    except UsersFileError:
        return "password"  # the sign-in page reports the broken file
    return "none"


def oidc_role(email: str | None) -> str | None:
    """The role `[zone_roles]` in secrets.toml gives an e-mail address (exact, else '@domain')."""
    if not email:
        return None
    roles = {str(k).lower(): v for k, v in (_secrets().get("zone_roles") or {}).items()}
    email = email.lower()
    role = roles.get(email) or roles.get("@" + email.rsplit("@", 1)[-1])
    return role if role in ROLES else None


# --- the session --------------------------------------------------------------------------------


def _state() -> dict | None:
    """The session's sign-in record, or None outside a Streamlit run / when signed out."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    import streamlit as st

    return st.session_state.get(SESSION_KEY)


def current_user() -> User | None:
    """The signed-in user of this session (no checks: `require_user` did them at the top of the run)."""
    s = _state()
    if not s:
        return None
    return User(s["name"], s["role"], s["method"], s.get("display", ""))


def role() -> str:
    """The role of this session's user; `leader` (the least privilege) outside a signed-in run."""
    user = current_user()
    return user.role if user else "leader"


def _record(event: str, user: User | None, **kw: object) -> None:
    """Write an audit event; if the log cannot be written, say so and serve nothing (fail closed)."""

    s = _state() or {}
    try:
        audit.record(
            event,
            user.name if user else None,
            user.role if user else None,
            session=s.get("sid"),
            method=user.method if user else None,
            **kw,
        )
    except OSError as exc:
        _audit_failed(exc)


def _audit_failed(exc: OSError) -> None:
    """The audit log cannot be written: sign the session out, say so, serve nothing (fail closed)."""
    import streamlit as st

    from dashboard.i18n import t

    record = st.session_state.pop(SESSION_KEY, None)  # nobody stays signed in while nothing can be recorded
    if isinstance(record, dict):
        record["ended"] = True
    st.error(t("auth.audit_failed", path=str(audit.log_path()), err=str(exc)), icon=":material/error:")
    st.stop()


def _audit_writable() -> None:
    """Every run of a signed-in session first checks that the audit log can be written: an
    interaction that records nothing (a sort, a filter already seen) must not serve data either."""
    try:
        audit.check_writable()
    except OSError as exc:
        _audit_failed(exc)


def _start(user: User, since: float | None = None) -> None:
    import streamlit as st

    now = _now()
    st.session_state[SESSION_KEY] = {
        "name": user.name,
        "role": user.role,
        "base_role": user.role,
        "method": user.method,
        "display": user.display,
        "since": now if since is None else since,
        "seen": now,
        "sid": uuid.uuid4().hex[:12],
    }


def _end(reason: str) -> None:
    """Forget the sign-in (and the session's widgets' data) after recording why."""
    import streamlit as st

    user = current_user()
    record = st.session_state.get(SESSION_KEY)
    if isinstance(record, dict):
        record["ended"] = True  # a download callable made earlier holds this record: it must see the end
        revoke_token(record.get("tid"))
    if user is not None and user.method != "demo":
        _record(reason, user)
    for key in list(st.session_state.keys()):
        if key not in ("lang",):
            del st.session_state[key]
    if isinstance(record, dict) and record.get("tid"):
        st.session_state["_clear_cookie"] = True


def sign_out() -> None:
    """The sign-out button's callback."""
    user = current_user()
    _end("sign_out")
    if user is not None and user.method == "oidc":
        import streamlit as st

        st.logout()


def _expired(s: dict) -> bool:
    now = _now()
    return now - s["since"] > session_limit_s() or now - s["seen"] > idle_limit_s()


def _listed(name: str) -> dict | None:
    """The users file's entry for name (None when absent, or when the file is broken)."""
    try:
        return load_users().get(name)
    except UsersFileError:
        return None


def _revalidate(s: dict) -> bool:
    """A local user must still be in the users file; their role follows the file."""
    if s["method"] != "password":
        return True
    entry = _listed(s["name"])
    if entry is None:
        return False
    s["role"] = s["base_role"] = entry["role"]
    return True


def require_user() -> User:
    """The signed-in user, or draw the sign-in page and stop the run (no page or data below it runs)."""
    import streamlit as st

    how = mode()
    audit.set_actor(None)
    s = st.session_state.get(SESSION_KEY)
    if s and s["method"] != how:  # the configuration changed under a running session
        _end("sign_out")
        s = None
    if s and how != "demo" and _expired(s):
        _end("session_expired")
        st.session_state["_auth_notice"] = "auth.expired"
        if s["method"] == "oidc":  # the identity cookie would sign the user straight back in
            st.logout()
        s = None
    if s and not _revalidate(s):
        _end("sign_out")
        st.session_state["_auth_notice"] = "auth.revoked"
        s = None
    if how == "password" and not s:
        s = _restore_from_cookie()
    if how == "demo" and not s:
        _start(User("demo", "analyst", "demo", "演示用户"))
        s = st.session_state[SESSION_KEY]
    if s:
        _audit_writable()
        s["seen"] = _now()
        touch_token(s.get("tid"))
        if how == "demo":  # the sidebar's role switch: what a leader or an admin would see
            wanted = st.session_state.get(DEMO_ROLE_KEY, "analyst")
            s["role"] = wanted if wanted in ROLES else "analyst"
        return _publish(current_user())
    if how == "oidc":
        _oidc_sign_in()
    elif how == "password":
        _password_sign_in()
    else:
        _not_configured()
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run


def _publish(user: User) -> User:
    """Make the signed-in user known to this run: the audit log's actor, and the session keys the
    SQL page ("role") and the chart downloads ("auth_user") read."""
    import streamlit as st

    s = _state() or {}
    audit.set_actor(user.name, user.role, s.get("sid"))
    code = st.session_state.get("_set_cookie")
    if code and code_pending(code):  # drawn again until traded: a run cut short (st.switch_page) may not show it
        _cookie_script(code)
    elif code:
        del st.session_state["_set_cookie"]
    st.session_state["role"] = user.role
    st.session_state["auth_user"] = user.name
    return user


WANTED_KEY = "_page_before_sign_in"


def page_asked_for_before_sign_in() -> str | None:
    """The page path (e.g. 'growth') of the address the user opened signed out, once, after signing in."""
    import streamlit as st

    return st.session_state.pop(WANTED_KEY, None)


def _remember_page() -> None:
    """Keep the path of the address asked for while signed out (the sign-in page itself shows no page)."""
    import streamlit as st

    try:
        path = urlparse(st.context.url or "").path.strip("/").split("/")[-1]
    except (AttributeError, ValueError):
        return
    if path:
        st.session_state[WANTED_KEY] = path


def _page_head(subtitle_key: str) -> None:
    import streamlit as st

    from dashboard.i18n import t

    _remember_page()

    st.html(f'<p class="zone-page-title">{t("app.title")}</p><p class="zone-page-sub">{t(subtitle_key)}</p>')
    notice = st.session_state.pop("_auth_notice", None)
    if notice:
        st.info(t(notice), icon=":material/lock_clock:")


def client_address() -> str:
    """The address the browser connects from, as Streamlit sees it ('' when unknown, e.g. in AppTest)."""
    import streamlit as st

    try:
        address = st.context.ip_address
    except (AttributeError, RuntimeError):
        return ""
    return address if isinstance(address, str) else ""  # AppTest's stand-in client is no address


def _password_sign_in() -> None:
    import streamlit as st

    from dashboard.i18n import t

    _page_head("auth.subtitle")
    if st.session_state.pop("_clear_cookie", False):
        _cookie_script(None)
    try:
        load_users()
    except UsersFileError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    with st.form("signin", border=True, width=420):
        name = st.text_input(t("auth.name"), key="signin_name", autocomplete="username")
        password = st.text_input(
            t("auth.password"), type="password", key="signin_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary", key="signin_submit")
    if not submitted:
        return
    source = client_address()
    user = check_password(name, password, source=source)
    if user is None:
        locked = _locked(name.strip(), source)
        _record("sign_in_failed", None, name=name.strip()[:200], what="password", locked=locked or None, source=source)
        st.error(t("auth.locked") if locked else t("auth.wrong"), icon=":material/error:")
        return
    _start(user)
    tid, cookie = issue_token(user.name, st.session_state[SESSION_KEY]["since"])
    st.session_state[SESSION_KEY]["tid"] = tid
    st.session_state["_set_cookie"] = issue_code(cookie)  # traded for the cookie by the next run's page
    _record("sign_in", user, what="password")
    st.rerun()


def _oidc_sign_in() -> None:
    import streamlit as st

    from dashboard.i18n import t

    _page_head("auth.subtitle")
    if not st.user.is_logged_in:
        st.button(t("auth.oidc"), type="primary", on_click=st.login, key="signin_oidc")
        return
    email = st.user.get("email")
    role = oidc_role(email)
    if role is None:
        st.session_state.setdefault("_oidc_refused", False)
        if not st.session_state["_oidc_refused"]:
            _record("sign_in_failed", None, name=email, what="oidc: no role in [zone_roles]")
            st.session_state["_oidc_refused"] = True
        st.error(t("auth.no_role", email=email or "?"), icon=":material/block:")
        st.button(t("auth.sign_out"), on_click=st.logout, key="signout_oidc")
        return
    user = User(email, role, "oidc", st.user.get("name") or "")
    _start(user)
    _record("sign_in", user, what="oidc")
    st.rerun()


def _not_configured() -> None:
    import streamlit as st

    from dashboard.i18n import t

    _page_head("auth.subtitle")
    st.warning(t("auth.none"), icon=":material/lock:")
    st.code(t("auth.none_cmd", path=str(users_path())), language="bash")


def sidebar(user: User) -> None:
    """Who is signed in, their role, sign out (and in demo mode the role switch); call inside the sidebar."""
    import streamlit as st

    from dashboard.i18n import t

    if user.method == "demo":
        names = {r: t(f"role.{r}") for r in ROLES}
        if st.session_state.get(DEMO_ROLE_KEY) not in ROLES:
            st.session_state[DEMO_ROLE_KEY] = "analyst"
        st.segmented_control(
            t("auth.demo_role"), options=list(ROLES), format_func=names.get, key=DEMO_ROLE_KEY, required=True
        )
        return
    st.caption(t("auth.signed_in_as", name=user.label, role=t(f"role.{user.role}")))
    st.button(t("auth.sign_out"), on_click=sign_out, key="signout", icon=":material/logout:")


def page_view(page: str, **filters: object) -> None:
    """Record a page view when the page, the filters or the role changed since the last one recorded."""
    import streamlit as st

    user = current_user()
    if user is None:
        return
    key = (page, user.role, tuple(sorted(filters.items())))
    if st.session_state.get("_last_view") == key:
        return
    _record("page_view", user, what=page, **{k: v for k, v in filters.items() if v is not None})
    st.session_state["_last_view"] = key


def record_export(what: str, file_name: str, rows: int | None = None) -> None:
    """Record a download made in the script run (the CLI-like path; buttons record at click time)."""
    _record("export", current_user(), what=what, rows=rows, file=file_name)


class DownloadRefused(PermissionError):
    """A download clicked after the session ended, or while the audit log cannot be written."""


def download_guard() -> Callable[[], None]:
    """A check for a download's click, made now (the click runs outside any script run).

    Streamlit runs a download's callable when the button is clicked, in a thread of its own:
    the check looks at this session's sign-in record as it is then (signed out, idle or past
    the absolute limit) and at the audit log, and raises DownloadRefused, so no file is served.
    """
    return guard_for(_state())


def guard_for(record: dict | None) -> Callable[[], None]:
    """download_guard's check for one sign-in record (the dict the session keeps under SESSION_KEY)."""

    def check() -> None:
        if not isinstance(record, dict) or record.get("ended"):
            raise DownloadRefused("signed out: sign in again to download")
        if record.get("method") != "demo" and _expired(record):
            raise DownloadRefused("the session has expired: sign in again to download")
        try:
            audit.check_writable()
        except OSError as exc:
            raise DownloadRefused(f"the audit log cannot be written: {exc}") from exc

    return check


def deferred_export(
    data: object,
    what: str,
    file_name: str,
    rows: int | None,
    who: tuple[str | None, str | None, str | None],
    check: Callable[[], None] | None = None,
) -> Callable[[], object]:
    """The download's data, handed over only after the guard passed and the export is in the audit log."""
    check = check or download_guard()

    def make() -> object:
        check()
        out = data() if callable(data) else data
        user, role, session = who
        audit.record("export", user, role, what=what, rows=rows, file=file_name, session=session)
        return out

    return make


def download_button(
    label: str,
    data: object,
    file_name: str,
    *,
    what: str,
    rows: int | None = None,
    mime: str | None = None,
    key: str | None = None,
    **kwargs: object,
) -> None:
    """st.download_button whose file is handed over only to a live session, and recorded in the audit log.

    `data` (bytes, or a callable making them) is served by a callable Streamlit runs when the
    button is clicked: after the idle or absolute limit, after signing out or while the audit
    log cannot be written, nothing is served.
    """
    import streamlit as st

    user = current_user()
    s = _state() or {}
    who = (user.name, user.role, s.get("sid")) if user else (None, None, None)
    st.download_button(
        label,
        deferred_export(data, what, file_name, rows, who),
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        **kwargs,
    )


# --- command line -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """`python -m dashboard.auth add-user NAME --role leader` and friends."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.auth", description="Dashboard users (local sign-in).")
    parser.add_argument(
        "--users", type=Path, default=None, help="users file (default $ZONE_USERS or ~/.zone_dashboard/users.toml)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-user", help="add a user or reset a user's password and role")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--display-name", default="")
    add.add_argument("--office", default=None, help="a steward's office: 统计, 项目, 科技人才 or 政务服务")
    add.add_argument("--rights", default="", help="comma-separated: review, publish")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin (first line)")
    rm = sub.add_parser("remove-user", help="remove a user")
    rm.add_argument("name")
    sub.add_parser("list-users", help="list users and roles")
    args = parser.parse_args(argv)
    path = args.users or users_path()
    try:
        if args.command == "add-user":
            if args.password_stdin or not sys.stdin.isatty():
                password = sys.stdin.readline().rstrip("\r\n")
            else:
                password = getpass.getpass(f"password for {args.name}: ")
                if getpass.getpass("again: ") != password:
                    print("the passwords differ", file=sys.stderr)
                    return 2
            rights = [r.strip() for r in args.rights.split(",") if r.strip()]
            add_user(args.name, password, args.role, args.display_name, path, args.office, rights)
            print(f"{args.name} ({args.role}) saved in {path}")
        elif args.command == "remove-user":
            if not remove_user(args.name, path):
                print(f"no user {args.name!r} in {path}", file=sys.stderr)
                return 1
            print(f"{args.name} removed from {path}")
        else:
            for name, entry in sorted(load_users(path).items()):
                print(f"{name}\t{entry['role']}\t{entry.get('display_name', '')}")
    except (UsersFileError, ValueError) as exc:
        print(f"auth: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
