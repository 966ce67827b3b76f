"""Finished chart specs, shared by every session: a page run draws a chart without rebuilding it.

Building an Altair chart and converting it to Vega-Lite (`to_dict`, the datasets as Arrow) was
most of a page run's server CPU (measured per page: 60–75 %), and every new session and every
click repeated it for the same figures. `lazy(builder, *args, **kwargs)` stands for the chart
`builder(*args, **kwargs)` of dashboard/charts.py without building it: `ui.chart` draws it from
the spec cached under the builder, its arguments (frames by content), the language, the role,
the published warehouse and whether specs are checked (`ui.VALIDATE_SPECS`); a miss builds the
chart once and keeps its spec. Whatever else needs the chart itself (the PNG / SVG downloads,
the page PDF, the press screen) gets the real Altair chart, built on first use.

The cache holds specs only; what a page notes for the Statistics Law footnote comes from its
reads (`data.figure`), which run on every run, cached or not.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import inspect
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

MAX_ENTRIES = 512  # specs kept: the warm-up's 126 (8 pages × 2 languages × 2 roles) are 1.7 MB, 42 kB at most

_lock = threading.Lock()
_specs: OrderedDict[tuple, tuple[dict, Any]] = OrderedDict()
_stats = {"hits": 0, "misses": 0}


class Unhashable(Exception):
    """An argument the cache cannot fingerprint (the chart is then built as before, uncached)."""


def _feed(h: Any, obj: object) -> None:
    """Add obj to the hash: frames by content, containers item by item, Altair objects by their dict."""
    if isinstance(obj, pd.DataFrame):
        h.update(b"D")
        h.update(repr([(str(c), str(t)) for c, t in obj.dtypes.items()]).encode())
        h.update(repr(obj.index.names).encode())
        try:
            h.update(pd.util.hash_pandas_object(obj, index=True).values.tobytes())
        except TypeError as exc:  # e.g. lists in cells
            raise Unhashable(str(exc)) from exc
    elif isinstance(obj, pd.Series):
        h.update(b"S" + repr((obj.name, str(obj.dtype))).encode())
        try:
            h.update(pd.util.hash_pandas_object(obj, index=True).values.tobytes())
        except TypeError as exc:
            raise Unhashable(str(exc)) from exc
    elif obj is None or isinstance(obj, str | int | float | bool | datetime.date | decimal.Decimal | np.generic):
        h.update(repr((type(obj).__name__, obj)).encode())  # (pd.Timestamp is a datetime.date)
    elif isinstance(obj, list | tuple):
        h.update(f"L{type(obj).__name__}{len(obj)}(".encode())
        for item in obj:
            _feed(h, item)
        h.update(b")")
    elif isinstance(obj, dict):
        h.update(f"M{len(obj)}(".encode())
        for k in sorted(obj, key=repr):
            _feed(h, k)
            _feed(h, obj[k])
        h.update(b")")
    elif isinstance(obj, alt.SchemaBase):
        h.update(type(obj).__name__.encode())
        h.update(json.dumps(obj.to_dict(validate=False), sort_keys=True, default=str).encode())
    else:
        raise Unhashable(type(obj).__name__)


def fingerprint(*parts: object) -> str:
    """A digest of parts (raises Unhashable for an argument it cannot read by content)."""
    h = hashlib.blake2b(digest_size=20)
    _feed(h, parts)
    return h.hexdigest()


def _context() -> tuple:
    """(warehouse copy, role, language, spec check) of this run: part of every key."""
    from dashboard import auth, data, ui
    from dashboard.i18n import lang

    try:
        identity: object = data.current().identity
    except data.WarehouseMissing:
        identity = None
    return identity, auth.role(), lang(), bool(ui.VALIDATE_SPECS)


def clear() -> None:
    """Forget every spec (tests; a new warehouse needs no clearing: its identity is in the keys)."""
    with _lock:
        _specs.clear()
        _stats.update(hits=0, misses=0)


def stats() -> dict[str, int]:
    """Hits, misses and entries so far."""
    with _lock:
        return {**_stats, "entries": len(_specs)}


def _forget_other_warehouses(identity: object) -> None:
    """Drop the specs of warehouse copies other than `identity` (called with the lock held)."""
    for key in [k for k in _specs if k[0] != identity]:
        del _specs[key]


class Lazy:
    """The chart builder(*args, **kwargs) would return, drawn from the shared spec cache.

    `spec()` is what st.vega_lite_chart draws (Streamlit's own conversion of the chart, datasets
    as Arrow); `height` is the chart's own height (downloads size their images by it); anything
    else (`properties`, `to_dict`, …) is the real Altair chart's, built on first use.
    """

    def __init__(self, builder: Callable[..., alt.TopLevelMixin], *args: object, **kwargs: object) -> None:
        from dashboard.i18n import lang

        # The language is fixed now: a download renders the chart later, in a thread with no session.
        if "lang" in inspect.signature(builder).parameters and kwargs.get("lang") is None:
            kwargs["lang"] = lang()
        self._builder, self._args, self._kwargs = builder, args, kwargs
        self._chart: alt.TopLevelMixin | None = None
        self._entry: tuple[dict, Any] | None = None

    @property
    def chart(self) -> alt.TopLevelMixin:
        """The Altair chart itself (built once)."""
        if self._chart is None:
            self._chart = self._builder(*self._args, **self._kwargs)
        return self._chart

    def _key(self) -> tuple | None:
        try:
            ctx = _context()
            name = f"{self._builder.__module__}.{self._builder.__qualname__}"
            return (ctx[0], ctx[1:], name, fingerprint(self._args, self._kwargs))
        except Unhashable:
            return None

    def entry(self) -> tuple[dict, Any]:
        """(Vega-Lite spec with Arrow datasets, chart height): from the cache, else built and kept."""
        if self._entry is not None:
            return self._entry
        key = self._key()
        if key is not None:
            with _lock:
                found = _specs.get(key)
                if found is not None:
                    _specs.move_to_end(key)
                    _stats["hits"] += 1
                    self._entry = found
                    return found
        entry = (convert(self.chart), getattr(self.chart, "height", alt.Undefined))
        if key is not None:
            with _lock:
                _stats["misses"] += 1
                _forget_other_warehouses(key[0])
                _specs[key] = entry
                while len(_specs) > MAX_ENTRIES:
                    _specs.popitem(last=False)
        self._entry = entry
        return entry

    def spec(self) -> dict:
        """The spec to draw (shared: Streamlit copies the top level before changing it)."""
        return self.entry()[0]

    @property
    def height(self) -> Any:
        """The chart's own height (an int, or alt.Undefined), without building it on a cache hit."""
        return self.entry()[1]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.chart, name)


def convert(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec exactly as st.altair_chart sends it (datasets as Arrow IPC bytes)."""
    from streamlit.elements import vega_charts

    from dashboard import ui

    return vega_charts._convert_altair_to_vega_lite_spec(ui._Spec(chart))


def lazy(builder: Callable[..., alt.TopLevelMixin], *args: object, **kwargs: object) -> Lazy:
    """The chart builder(*args, **kwargs), drawn from the shared spec cache (see the module's text)."""
    return Lazy(builder, *args, **kwargs)
