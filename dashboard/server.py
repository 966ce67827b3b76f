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

from dashboard import gate


@asynccontextmanager
async def lifespan(app: st.App) -> AsyncIterator[None]:
    """Start-up and shut-down of the server process (Streamlit's runtime is already started)."""
    gate.own_deferred_downloads()  # /media files made by a download button belong to its session's user
    # --- warm-up hook: start warming caches here, e.g. `dashboard.warmup.start()` -----------------
    # (runs once per server process, after the runtime started and before the first request)
    yield


app = st.App(
    "streamlit_app.py",
    routes=gate.routes(),
    middleware=[Middleware(gate.Gate)],
    lifespan=lifespan,
)
