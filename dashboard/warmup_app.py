"""The warm-up's entry script (dashboard/warmup.py runs it in a private, never-served session).

What the router does before a page, minus the sign-in, the sidebar's drawing and the audit
log: the language and filters at the defaults (the latest period), then one page, whose reads
and chart specs land in the caches every session shares. Nobody is signed in here; the role
is the warm-up's (the page's reads apply that role's confidentiality).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st

from dashboard import data, filters, present, theme, ui, warmup

filters.init_language()
present.init()
theme.enable()
ui.reset()
data.begin_run()
filters.sidebar()  # the defaults (no element of this session is ever sent anywhere)
wanted = st.session_state[warmup.PAGE_KEY]
page = st.navigation(
    [st.Page(f"app_pages/{name}.py", url_path=name, default=name == wanted) for name in warmup.PAGE_FILES],
    position="hidden",
)
page.run()
