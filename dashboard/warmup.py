"""Warm the app up after a server start and after every publish, so no leader pays for it.

`start()` (idempotent) starts one daemon thread. It runs every dashboard page once at the
default filters and the latest period, in Chinese and English, as a leader and as an analyst,
each in a private session that is never served (dashboard/warmup_app.py: no sign-in, no audit
event). Those runs fill what every session shares: the imports, the read layer's query cache
(dashboard/data.py) and the finished chart specs (dashboard/chart_cache.py). The thread then
watches the published warehouse the way data.py notices a new build (the file's identity:
inode, mtime, size) and warms again when a publish (the 发布 page, or `python -m warehouse
publish`) replaces it. It only reads: it holds no lock and a publish never waits for it.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

LOG = logging.getLogger(__name__)

APP = Path(__file__).resolve().parent / "warmup_app.py"
PAGE_KEY = "_zone_warmup_page"
# The pages a leader reads (their app_pages/ file names), the languages and the roles warmed.
PAGE_FILES = (
    "overview",
    "growth",
    "projects",
    "tiers",
    "talent",
    "services",
    "alerts",
    "presskit",
    "subscriptions",
    "sql",
)
WARM_PAGES = ("overview", "growth", "projects", "tiers", "talent", "services", "alerts", "presskit")
LANGUAGES = ("zh", "en")
ROLES = ("leader", "analyst")
POLL_SECONDS = 5.0
RUN_TIMEOUT = 120.0

_lock = threading.Lock()
_thread: threading.Thread | None = None
_stop = threading.Event()
_done = threading.Condition()
_scripts = None  # the warm-up's ScriptCache, made on first use
_state = {"rounds": 0, "identity": None, "errors": []}


def run_page(page: str, language: str, role: str) -> list[str]:
    """Run app_pages/<page>.py once in a private session as `role` in `language`; the errors it raised.

    In the server (a Streamlit runtime exists) the run is a script runner of its own beside the
    real sessions, sharing their caches; without one (a test, the CLI) it is an AppTest run.
    """
    from streamlit import runtime

    from dashboard import auth

    seed = {
        PAGE_KEY: page,
        # the page's reads take the role from the session's record (auth.role); nobody signs in
        auth.SESSION_KEY: {"name": "warmup", "role": role, "base_role": role, "method": "warmup"},
    }
    query = {"lang": language} if language != "zh" else {}
    if not runtime.exists():
        from streamlit.testing.v1 import AppTest

        at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
        at.query_params.update(query)
        for key, value in seed.items():
            at.session_state[key] = value
        at.run()
        return [str(e.value) for e in at.exception]

    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.runtime.state import SafeSessionState, SessionState
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    global _scripts
    if _scripts is None:
        _scripts = ScriptCache()  # the pages compiled once for every warm-up run (without one a page is empty)
    state = SessionState()
    for key, value in seed.items():
        state[key] = value
    pages = PagesManager(str(APP), _scripts, setup_watcher=False)
    runner = LocalScriptRunner(str(APP), SafeSessionState(state, lambda: None), pages, user_info={})
    tree = runner.run(query_params=query, timeout=RUN_TIMEOUT)
    return [str(e.value) for e in tree.exception]


def warm_once() -> dict:
    """Every warmed page in every language and role, once; what it did."""
    from dashboard import data

    started, wall = time.process_time(), time.monotonic()
    identity = data.current().identity
    errors: list[str] = []
    # Chinese first (what the first leader of the day opens), every page before the second language
    for language in LANGUAGES:
        for role in ROLES:
            for page in WARM_PAGES:
                try:
                    errors += [f"{page}/{language}/{role}: {e}" for e in run_page(page, language, role)]
                except Exception as exc:  # noqa: BLE001 - a warm-up never takes the server down
                    errors.append(f"{page}/{language}/{role}: {exc!r}")
    with _done:
        _state.update(rounds=_state["rounds"] + 1, identity=identity, errors=errors)
        _done.notify_all()
    if errors:
        LOG.warning("warm-up: %d page runs failed: %s", len(errors), errors[:3])
    LOG.info(
        "warm-up round %d: %d page runs, %d failed, %.1f s (%.1f s process CPU), warehouse %s",
        _state["rounds"],
        len(LANGUAGES) * len(ROLES) * len(WARM_PAGES),
        len(errors),
        time.monotonic() - wall,
        time.process_time() - started,
        identity,
    )
    return dict(_state)


def _watch(poll: float) -> None:
    from dashboard import data

    warmed = None
    while True:
        try:
            identity = data.current().identity
        except data.WarehouseMissing:
            identity = None
        if identity is not None and identity != warmed:
            try:
                warm_once()
            except Exception:
                LOG.exception("warm-up failed")
            warmed = identity
        if _stop.wait(poll):
            return


class _QuietWarmupThread(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warning when the warm-up thread causes it.

    The warm-up's private sessions read the shared caches from a thread of its own, which Streamlit
    warns about once per cached call (64 lines per round); the server's log keeps the warm-up's own
    line per round instead. The same warning from any other thread still shows.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.threadName == THREAD_NAME and "missing ScriptRunContext" in record.getMessage())


THREAD_NAME = "zone-warmup"
_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


def start(poll: float = POLL_SECONDS) -> threading.Thread:
    """Start the warm-up thread (once per process; later calls return the same thread)."""
    global _thread
    context_log = logging.getLogger(_CONTEXT_LOGGER)
    if not any(isinstance(f, _QuietWarmupThread) for f in context_log.filters):
        context_log.addFilter(_QuietWarmupThread())
    with _lock:
        if _thread is None or not _thread.is_alive():
            _stop.clear()
            _thread = threading.Thread(target=_watch, args=(poll,), name=THREAD_NAME, daemon=True)
            _thread.start()
        return _thread


def stop(timeout: float = RUN_TIMEOUT * 40) -> None:
    """Stop the warm-up thread after the warm-up it is in, if any (tests; the server never stops it)."""
    global _thread
    with _lock:
        thread, _thread = _thread, None
    _stop.set()
    if thread is not None:
        thread.join(timeout)


def rounds() -> int:
    """How many warm-ups have finished in this process."""
    with _done:
        return _state["rounds"]


def wait_for(round_number: int, timeout: float) -> dict:
    """Wait until warm-up number `round_number` has finished (or timeout); what the last one did."""
    deadline = time.monotonic() + timeout
    with _done:
        while _state["rounds"] < round_number and time.monotonic() < deadline:
            _done.wait(max(0.0, deadline - time.monotonic()))
        return dict(_state)
