"""The HTTP side of sign-in: who a request comes from, and what Streamlit's own routes serve to whom.

Streamlit checks nothing on its HTTP routes: `/media/<id>` (st.image files and every download
button's file) is served to anyone holding the address, and `/_stcore/metrics` to anyone. The
dashboard's sign-in lives in the websocket session, so the gate asks the sign-in cookie
(dashboard/auth.py) who is asking, and Streamlit's runtime whose session made the file:

| route | served to |
|---|---|
| `/media/<id>` | the signed-in user (live cookie: not signed out, idle or past the limit) whose session made the file |
| `/_stcore/metrics`, `/_stcore/script-health-check` | a signed-in admin |
| `/_stcore/upload_file/<session>/…` | the signed-in user of that session |
| `/_stcore/agent/…` | a signed-in user (the agent API is off unless `server.enableAgentApi`) |
| `/_stcore/health`, `/_stcore/host-config`, the page, its assets, `/app/static/…` | everyone: the page needs them before sign-in |

Demo mode has no sign-in (everyone is the demo user), so the demo user passes where a signed-in
user would, and is never an admin here. `/zone/session` is our own route: it turns a one-time
code made at sign-in into the HTTP-only sign-in cookie, and clears it at sign-out.
"""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from types import ModuleType
from urllib.parse import urlparse

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

OWNERS_KEPT = 2000  # deferred downloads whose owner is remembered (the oldest are forgotten first)
_owners: OrderedDict[str, str] = OrderedDict()  # media file id -> the name of the user whose session made it
_owners_lock = threading.Lock()


def _auth() -> ModuleType:
    """dashboard.auth as the app's scripts see it now (Streamlit may have reloaded it after an edit)."""
    return importlib.import_module("dashboard.auth")


def _base() -> str:
    """server.baseUrlPath as '/prefix' ('' when the app is served at the root)."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


# --- who is asking ------------------------------------------------------------------------------


def requester(request: Request) -> tuple[str, str, str] | None:
    """(name, role, method) of the signed-in user the request's cookies show, else None."""
    auth = _auth()
    how = auth.mode()
    if how == "demo":
        return ("demo", "analyst", "demo")
    if how == "password":
        data = auth.read_token(request.cookies.get(auth.COOKIE))
        entry = auth._listed(data["n"]) if data else None
        return (data["n"], entry["role"], "password") if entry else None
    if how == "oidc":
        email = _oidc_email(request)
        role = auth.oidc_role(email)
        return (email, role, "oidc") if email and role else None
    return None


def _oidc_email(request: Request) -> str | None:
    """The e-mail in Streamlit's signed identity cookie (st.login's), if it is valid and signed in."""
    from streamlit.web.server.starlette.starlette_server_config import USER_COOKIE_NAME
    from streamlit.web.server.starlette.starlette_websocket import (
        _get_signed_cookie_with_chunks,
        _parse_decoded_user_cookie,
    )

    try:
        raw = _get_signed_cookie_with_chunks(dict(request.cookies), USER_COOKIE_NAME)
        info = _parse_decoded_user_cookie(raw, f"{request.url.scheme}://{request.url.netloc}") if raw else {}
    except Exception:  # noqa: BLE001 - a cookie we cannot read signs nobody in
        return None
    email = info.get("email") if info.get("is_logged_in") else None
    return email if isinstance(email, str) else None


# --- which session made what --------------------------------------------------------------------


def _session_record(session_id: str) -> dict | None:
    """The sign-in record of a live Streamlit session (None when there is no such session or nobody signed in)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return None
    session = Runtime.instance().get_app_session(session_id)
    if session is None:
        return None
    try:
        record = session.session_state[_auth().SESSION_KEY]
    except KeyError:
        return None
    return record if isinstance(record, dict) and not record.get("ended") else None


def _live(record: dict | None) -> bool:
    auth = _auth()
    return record is not None and (record.get("method") == "demo" or not auth._expired(record))


def owners(file_id: str) -> set[str]:
    """Names of the users whose sessions made (or show) the media file `file_id` (no extension)."""
    from streamlit.runtime import Runtime

    with _owners_lock:
        names = {_owners[file_id]} if file_id in _owners else set()
    if not Runtime.exists():
        return names
    mgr = Runtime.instance().media_file_mgr
    # which sessions' last run shows the file (st.image and the like): Streamlit's own bookkeeping
    refs = getattr(mgr, "_files_by_session_and_coord", {})
    with mgr._lock:
        sessions = [sid for sid, files in refs.items() if file_id in files.values()]
    for sid in sessions:
        record = _session_record(sid)
        if _live(record):
            names.add(record["name"])
    return names


def own_deferred_downloads() -> None:
    """Remember whose session made each download button's file (called once, at start-up).

    A download button's data is made when it is clicked (`execute_deferred`), and Streamlit keeps
    no link from the file to the session; the session is known just before, so it is noted here.
    """
    from streamlit.runtime import Runtime

    mgr = Runtime.instance().media_file_mgr
    if getattr(mgr.execute_deferred, "_zone_owned", False):
        return
    execute = mgr.execute_deferred

    def execute_deferred(file_id: str) -> str:
        entry = getattr(mgr, "_deferred_callables", {}).get(file_id) or {}
        record = _session_record(entry.get("session_id") or "")
        url = execute(file_id)
        if record is not None:
            with _owners_lock:
                _owners[_media_id(url)] = record["name"]
                while len(_owners) > OWNERS_KEPT:
                    _owners.popitem(last=False)
        return url

    execute_deferred._zone_owned = True  # type: ignore[attr-defined]
    mgr.execute_deferred = execute_deferred


def _media_id(path: str) -> str:
    """'…/media/<id>.<ext>' -> '<id>' (the storage's key without the extension)."""
    return path.rstrip("/").rsplit("/", 1)[-1].split(".", 1)[0]


# --- the gate -----------------------------------------------------------------------------------


def verdict(request: Request) -> int | None:
    """None to let the request through, else the status to refuse it with (403)."""
    path = request.url.path
    base = _base()
    if base and path.startswith(base + "/"):
        path = path[len(base) :]
    parts = [p for p in path.split("/") if p]  # '//media//x' is the same route to us as '/media/x'
    if not parts or request.method == "OPTIONS":
        return None
    head = parts[0]
    if head == "media":
        who = requester(request)
        return None if who and who[0] in owners(_media_id(path)) else 403
    if head != "_stcore" or len(parts) < 2:
        return None
    route = parts[1]
    if route in ("metrics", "script-health-check"):
        who = requester(request)
        return None if who and who[1] == "admin" and who[2] != "demo" else 403
    if route == "upload_file":
        who = requester(request)
        record = _session_record(parts[2]) if len(parts) > 2 else None
        return None if who and _live(record) and record["name"] == who[0] else 403
    if route == "agent":
        return None if requester(request) else 403
    return None


class Gate:
    """ASGI middleware in front of Streamlit's routes: refuses what `verdict` refuses, with 403."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            status = verdict(Request(scope))
            if status is not None:
                await PlainTextResponse("Forbidden: sign in first", status_code=status)(scope, receive, send)
                return
        await self.app(scope, receive, send)


# --- the sign-in cookie -------------------------------------------------------------------------


def _same_origin(request: Request) -> bool:
    """A request the page itself made (no other site can set or clear the cookie for it)."""
    if request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
        return False
    origin = request.headers.get("origin")  # host against host, as Streamlit's websocket checks it
    return origin is None or urlparse(origin).netloc == request.headers.get("host")


def _over_https(request: Request) -> bool:
    """The browser talks https to us (directly, or to a proxy in front whose page origin is https)."""
    return request.url.scheme == "https" or (request.headers.get("origin") or "").startswith("https://")


async def session_cookie(request: Request) -> Response:
    """POST a one-time code from sign-in: the HTTP-only cookie is set; DELETE: it is cleared and revoked."""
    auth = _auth()
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    secure = _over_https(request)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    if request.method == "POST":
        value = auth.redeem_code((await request.body()).decode("ascii", "replace").strip())
        if value is None:
            return PlainTextResponse("Forbidden: the code is unknown, used or expired", status_code=403)
        response.headers.append("Set-Cookie", auth.cookie_header(value, secure))
    else:
        auth.revoke_cookie(request.cookies.get(auth.COOKIE))
        response.headers.append("Set-Cookie", auth.cookie_header(None, secure))
    return response


def routes() -> list[Route]:
    """Our routes beside Streamlit's."""
    return [Route(_base() + "/" + _auth().SESSION_ROUTE, session_cookie, methods=["POST", "DELETE"])]
