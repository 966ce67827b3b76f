"""The global filters (period, park, chain) and the language, synced both ways with the URL.

On a session's first run the widgets take their values from the query string (invalid
values are dropped); on every run the query string is rewritten from the widgets, so the
address bar always reproduces the view, on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import data, fmt
from dashboard.i18n import LANGS, lang, t

ALL = "__all__"  # the "all parks / all chains" choice; never written to the URL


@dataclass(frozen=True)
class Filters:
    """What the sidebar selects: a month, and optionally one park and one chain."""

    period: str
    park: str | None
    chain: str | None

    @property
    def year(self) -> int:
        """The calendar year of the period."""
        return int(self.period[:4])

    @property
    def month(self) -> int:
        """The month number of the period."""
        return int(self.period[5:])


def _from_url(key: str, options: list[str], default: str) -> None:
    """Seed a widget's state from the query string once per session (or when it went stale)."""
    if st.session_state.get(key) in options:
        return
    wanted = st.query_params.get(key)
    st.session_state[key] = wanted if wanted in options else default


def init_language() -> None:
    """Take the language from the URL (?lang=en) on the first run; Chinese otherwise."""
    _from_url("lang", list(LANGS), "zh")


def language_switch() -> None:
    """The 中文 / EN switch (in the sidebar)."""
    names = {code: t(f"lang.{code}") for code in LANGS}  # format functions must not read state later
    st.segmented_control(
        t("filters.lang"),
        options=list(LANGS),
        format_func=names.get,
        key="lang",
        required=True,
        label_visibility="collapsed",
    )


def sidebar() -> Filters:
    """Draw the filter widgets (call inside `with st.sidebar`) and return the selection."""
    periods = data.periods()
    parks = [ALL, *data.parks()]
    chains = [ALL, *data.chains()]
    _from_url("period", periods, periods[0])
    _from_url("park", parks, ALL)
    _from_url("chain", chains, ALL)

    # Format functions are bound to this run's language: they are called again outside the run.
    language, everything = lang(), t("filters.all")
    st.selectbox(t("filters.period"), periods, key="period", format_func=lambda p: fmt.period_label(p, language))
    st.selectbox(t("filters.park"), parks, key="park", format_func=lambda v: everything if v == ALL else v)
    st.selectbox(t("filters.chain"), chains, key="chain", format_func=lambda v: everything if v == ALL else v)
    write_url()
    return current()


def write_url() -> None:
    """Rewrite the query string from the widgets' state (only the keys that changed)."""
    wanted = {
        "period": st.session_state.get("period"),
        "park": None if st.session_state.get("park") in (None, ALL) else st.session_state["park"],
        "chain": None if st.session_state.get("chain") in (None, ALL) else st.session_state["chain"],
        "lang": None if st.session_state.get("lang", "zh") == "zh" else st.session_state["lang"],
    }
    for key, value in wanted.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def current() -> Filters:
    """The selection the sidebar holds for this run (pages call this)."""
    park = st.session_state.get("park")
    chain = st.session_state.get("chain")
    return Filters(
        period=st.session_state["period"],
        park=None if park in (None, ALL) else park,
        chain=None if chain in (None, ALL) else chain,
    )
