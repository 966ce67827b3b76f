"""How the dashboard is served: Streamlit's ASGI app around the router, plus our own gate.

Start it with

    streamlit run dashboard/server.py --server.port 8501

`streamlit run` finds the `st.App` below and serves it with uvicorn; the flags and
dashboard/.streamlit/config.toml apply as they do to a plain script (the config is read from
this file's folder, the router's too). `make run`, the tests' app fixtures and the benchmark's
server (bench/server.py) all start it this way, and the `ZONE_*` environment is read as before.

What the ASGI entry adds to a bare `streamlit run dashboard/streamlit_app.py` (dashboard/gate.py):
- `/zone/session`: sets (and clears) the sign-in cookie as an HTTP-only cookie, which a page
  script cannot do;
- a middleware in front of Streamlit's own routes: `/media/…` files only to the signed-in user
  whose session made them, `/_stcore/metrics` only to an admin, uploads only into a signed-in
  session.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

# `streamlit run` puts this folder on sys.path, not the repository root the package lives in.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st
from starlette.middleware import Middleware

from dashboard import gate, warmup


@asynccontextmanager
async def lifespan(app: st.App) -> AsyncIterator[None]:
    """Start-up and shut-down of the server process (Streamlit's runtime is already started)."""
    gate.own_deferred_downloads()  # /media files made by a download button belong to its session's user
    # Warm every page once (imports, query caches, chart specs) now and after every publish, so the
    # first leader of the day is not the slowest; ZONE_WARMUP=0 turns it off (the test suite's many
    # short-lived servers). It runs in a background thread: the server serves meanwhile.
    if os.environ.get("ZONE_WARMUP", "1") != "0":
        _log_to_stderr(warmup.LOG)
        warmup.start()
    yield


def _log_to_stderr(logger: logging.Logger) -> None:
    """The warm-up's one line per round on the server's stderr, beside Streamlit's own lines."""
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


app = st.App(
    "streamlit_app.py",
    routes=gate.routes(),
    middleware=[Middleware(gate.Gate)],
    lifespan=lifespan,
)
