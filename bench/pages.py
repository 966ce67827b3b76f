"""Every dashboard page in headless Chromium: navigation to all charts drawn, cold, warm, first-ever.

A visit is over when the server has finished the script run (its `script_finished`
message reached the page), the app is connected and idle, nothing is stale, no spinner or
skeleton is left, and every vega-embed chart has drawn a canvas or svg of real size (the
conditions tests/dashboard_fixtures.wait_for_app waits for, plus spinners and skeletons).
Times are taken in the page, from `performance.now()`: from the navigation's start for a
visit by URL, from the click for a visit through the sidebar.

- first-ever: the first visit of each page after the server started (empty caches);
- cold: a new browser context (a new Streamlit session) on the running server;
- new tab: a new session in a tab of a browser that has visited before, so the app's
  scripts come from its cache (Streamlit serves them as immutable) — a leader coming back;
- warm: the same session comes back to the page through the sidebar after another page;
- concurrent: N new sessions open the overview at the same moment.

The floor (issue 14): bench/floor_app/ serves the same page paths, each page one DuckDB read
and as many Altair charts as our page drew in its first visit here; its pages get the same
cold, new-tab ("new session") and warm ("click") visits, alternately with ours, page by page.
Every visit also records what its script run sent over the websocket: ForwardMsgs, bytes,
deltas, new elements and blocks (counted from the run's new_session to its script_finished).

The end of a run is read from the websocket, not from Streamlit's `data-test-script-state`
attribute: a fast run after a sidebar click can go by without the attribute ever showing
`running`. An init script wraps the page's WebSocket and reads the field number of each
ForwardMsg: when it connected, when the run's `new_session` arrived and when
`script_finished` did, so every visit also splits into connect / server run / drawing.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from bench.build_time import MeasureError
from bench.machine import CHROMIUM, wait_quiet
from bench.server import Server, start_server
from bench.ws_sessions import ws_sessions
from dashboard import brief_render

# the product's headless-Chromium flags (the brief's renderer), plus what a timed walker needs
CHROMIUM_ARGS = [
    *brief_render.CHROMIUM_ARGS,
    "--no-first-run",
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
FLOOR_APP = Path(__file__).resolve().with_name("floor_app") / "floor_app.py"
VIEWPORT = {"width": 1920, "height": 1080}
POLL_MS = 25
TIMEOUT_MS = 180_000

# ForwardMsg field numbers (streamlit/proto/ForwardMsg.proto), and Delta's (Delta.proto)
_NEW_SESSION, _DELTA, _SCRIPT_FINISHED, _REF_HASH = 4, 5, 6, 11
_NEW_ELEMENT, _ADD_BLOCK = 3, 6
# What a run sent, counted by the init script from its new_session to its script_finished:
# ForwardMsgs and their bytes; deltas sent whole, the new elements and blocks among them; and
# messages sent as a reference to one the browser already holds (Streamlit's message cache).
RUN_COUNTS = ("messages", "bytes", "deltas", "elements", "blocks", "cached")

INIT_JS = """
window.__bench = {finished: 0, connected: null, runStart: null, runEnd: null, counting: null, run: null};
(() => {
  // the top-level fields of a protobuf message: [[field number, varint value or null, start, end], ...]
  const fields = (b) => {
    const out = [];
    let i = 0;
    const varint = () => { let v = 0, m = 1, x; do { x = b[i++]; v += (x & 0x7f) * m; m *= 128; } while (x & 0x80); return v; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) out.push([field, varint()]);
      else if (wire === 2) { const n = varint(); out.push([field, null, i, i + n]); i += n; }
      else if (wire === 1) { i += 8; out.push([field, null]); }
      else if (wire === 5) { i += 4; out.push([field, null]); }
      else break;
    }
    return out;
  };
  const seen = (data, t) => {
    const b = new Uint8Array(data);
    const all = fields(b);
    if (all.some(([field]) => field === NEW_SESSION)) {
      window.__bench.runStart = t;
      // what the run sends: ForwardMsgs, their bytes, deltas, new elements and blocks among them
      window.__bench.counting = {messages: 0, bytes: 0, deltas: 0, elements: 0, blocks: 0, cached: 0};
    }
    const run = window.__bench.counting;
    if (run) { run.messages++; run.bytes += b.length; }
    for (const [field, value, start, end] of all) {
      if (field === REF_HASH && run) run.cached++;
      if (field === DELTA && run) {
        run.deltas++;
        for (const [inner] of fields(b.subarray(start, end))) {
          if (inner === NEW_ELEMENT) run.elements++;
          else if (inner === ADD_BLOCK) run.blocks++;
        }
      }
      // a finished run (status 0; not one cut short for a rerun), counted two frames later,
      // once Streamlit has handled the message and React has drawn what it holds
      if (field === SCRIPT_FINISHED && value === 0) {
        const counted = run ? {...run} : null;
        requestAnimationFrame(() => requestAnimationFrame(() => {
          window.__bench.runEnd = t;
          window.__bench.run = counted;
          window.__bench.finished++;
        }));
      }
    }
  };
  const Native = window.WebSocket;
  function Watched(...args) {
    const ws = new Native(...args);
    ws.addEventListener('open', () => {
      if (window.__bench.connected === null) window.__bench.connected = performance.now();
    });
    ws.addEventListener('message', (e) => {
      const t = performance.now();
      if (e.data instanceof ArrayBuffer) seen(e.data, t);
      else if (e.data instanceof Blob) e.data.arrayBuffer().then((d) => seen(d, t));
    });
    return ws;
  }
  Watched.prototype = Native.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Watched[k] = Native[k];
  window.WebSocket = Watched;
})();
"""
for _name, _number in {
    "NEW_SESSION": _NEW_SESSION,
    "SCRIPT_FINISHED": _SCRIPT_FINISHED,
    "DELTA": _DELTA,
    "NEW_ELEMENT": _NEW_ELEMENT,
    "ADD_BLOCK": _ADD_BLOCK,
    "REF_HASH": _REF_HASH,
}.items():
    INIT_JS = INIT_JS.replace(_name, str(_number))

# A page's charts: every vega-embed it draws, the charts (st.altair_chart / st.vega_lite_chart)
# and the sparklines of st.metric(chart_data=…) — issue 14 counts both (20 on the overview).
SPARKLINE_SELECTOR = '[data-testid="stMetricChart"]'
CHART_SELECTOR = f'[data-testid="stVegaLiteChart"], {SPARKLINE_SELECTOR}'

# performance.now() once the page is finished (see the module docstring), -1 on an exception box.
READY_JS = """
([minCharts, finishedBefore]) => {
  if (document.querySelector('[data-testid="stException"]')) return -1;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || !window.__bench || window.__bench.finished <= finishedBefore) return 0;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return 0;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return 0;
  if (!document.querySelector('[data-testid="stMain"]')) return 0;
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"], [data-testid="stSpinner"]')) return 0;
  const charts = [...document.querySelectorAll(CHARTS)];
  if (charts.length < minCharts) return 0;
  for (const c of charts) {
    const g = c.querySelector('canvas, svg.marks');
    if (!g) return 0;
    const r = g.getBoundingClientRect();
    if (r.width <= 10 || r.height <= 10) return 0;
  }
  return performance.now();
}
""".replace("CHARTS", repr(CHART_SELECTOR))

STATE_JS = """() => ({...window.__bench, counting: null,
  charts: document.querySelectorAll(CHARTS).length,
  sparklines: document.querySelectorAll(SPARKLINES).length,
  path: location.pathname})""".replace("CHARTS", repr(CHART_SELECTOR)).replace("SPARKLINES", repr(SPARKLINE_SELECTOR))

NAV_JS = """() => {
  const more = document.querySelector('[data-testid="stSidebarNavViewButton"]');
  if (more && /more|更多/i.test(more.innerText)) more.click();
  return [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')]
    .map(a => ({href: a.href, title: a.innerText.trim()}));
}"""

# Click the sidebar link to a page (client-side navigation: the same session); when it was clicked.
CLICK_JS = """(path) => {
  const a = [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')]
    .find(a => new URL(a.href).pathname === path);
  if (!a) return null;
  const t = performance.now();
  a.click();
  return t;
}"""


class VisitError(RuntimeError):
    """A visit did not finish or showed an exception."""


@dataclass
class PageResult:
    """Measurements of one page."""

    path: str  # URL path, '/' for the overview
    title: str
    charts: int = 0  # vega-embed charts drawn: the charts and the KPI cards' sparklines
    sparklines: int = 0  # of which sparklines (st.metric chart_data)
    first_ever: list[float] = field(default_factory=list)  # seconds
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    new_tab: list[float] = field(default_factory=list)
    cold_phases: list[dict] = field(default_factory=list)  # connect / run / draw, seconds
    warm_phases: list[dict] = field(default_factory=list)
    new_tab_phases: list[dict] = field(default_factory=list)
    queries: list[tuple[str, list]] = field(default_factory=list)  # distinct (sql, params) of one visit
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """'overview' for '/', else the path without its slash."""
        return self.path.strip("/") or "overview"


@dataclass
class PagesResult:
    """Every page, the server's memory and the concurrent sessions."""

    pages: list[PageResult]
    server_rss_start: int = 0  # bytes, right after the server became healthy
    server_rss_after_pages: int = 0  # after every page was visited (first-ever, cold, warm)
    server_rss_after_concurrent: int = 0
    concurrent: list[float] = field(default_factory=list)  # seconds, one per session, running server
    concurrent_fresh: list[float] = field(default_factory=list)  # the same on a just-started server
    concurrent_errors: list[str] = field(default_factory=list)
    ws_concurrent: list[float] = field(default_factory=list)  # websocket clients, running server
    ws_concurrent_fresh: list[float] = field(default_factory=list)  # websocket clients, just-started server
    sessions: int = 0
    profile: dict | None = None  # one cold visit of the slowest page under Chromium's profiler
    # the floor (bench/floor_app/): the same paths and chart counts, visited alternately with ours
    floor: list[PageResult] = field(default_factory=list)
    floor_rss: int = 0  # bytes, the floor server after every page
    warmups: list[float] = field(default_factory=list)  # seconds of each start's warm-up (dashboard/warmup.py)


async def _context(browser):
    ctx = await browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    await ctx.add_init_script(INIT_JS)
    return ctx


def _phases(state: dict, ready: float, start: float) -> dict:
    """connect / run / draw in seconds, from the init script's marks (None where not seen), what the
    last run sent (RUN_COUNTS) and the charts on the page once it was drawn."""

    def span(a, b):
        return None if a is None or b is None else max(0.0, (b - a) / 1000)

    run = state.get("run") or {}
    return {
        "connect": span(start, state.get("connected")) if start == 0 else None,
        "wait": span(start, state.get("runStart")),
        "run": span(state.get("runStart"), state.get("runEnd")),
        "draw": span(state.get("runEnd"), ready),
        **{key: run.get(key) for key in RUN_COUNTS},
        "charts": state.get("charts"),
    }


async def _wait_ready(page, min_charts: int, finished_before: int, timeout_ms: int = TIMEOUT_MS) -> float:
    """performance.now() in the page once a run after the `finished_before` runs seen so far is drawn."""
    handle = await page.wait_for_function(
        READY_JS, arg=[min_charts, finished_before], polling=POLL_MS, timeout=timeout_ms
    )
    value = await handle.json_value()
    if value == -1:
        text = await page.locator('[data-testid="stException"]').first.inner_text()
        raise VisitError(f"exception on {page.url}: {text[:300]}")
    return float(value)


async def _open(
    browser, url: str, min_charts: int, settle: bool = False, server: Server | None = None
) -> tuple[object, object, float, dict]:
    """Open url in a new context; (context, page, seconds to ready, phases incl. the server's CPU seconds)."""
    ctx = await _context(browser)
    page = await ctx.new_page()
    cpu = server.cpu() if server else None
    try:
        await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        ready = await _wait_ready(page, min_charts, 0)
        if settle:  # page's chart count not known yet: make sure no second run follows
            for _ in range(5):
                state = await page.evaluate(STATE_JS)
                await page.wait_for_timeout(700)
                again = await page.evaluate(STATE_JS)
                if again["finished"] == state["finished"] and again["charts"] == state["charts"]:
                    break
                if again["finished"] != state["finished"]:  # another script run: wait for it to finish
                    ready = await _wait_ready(page, 0, state["finished"])
                else:
                    ready = await _wait_ready(page, again["charts"], again["finished"] - 1)
        state = await page.evaluate(STATE_JS)
    except BaseException:
        await ctx.close()
        raise
    phases = _phases(state, ready, 0)
    phases["server_cpu"] = server.cpu() - cpu if server else None
    return ctx, page, ready / 1000, phases


async def _click(page, path: str, min_charts: int, server: Server | None = None) -> tuple[float, dict]:
    """Go to `path` through the sidebar in the same session; (seconds from click to ready, phases)."""
    finished = (await page.evaluate(STATE_JS))["finished"]
    cpu = server.cpu() if server else None
    clicked = await page.evaluate(CLICK_JS, path)
    if clicked is None:
        raise VisitError(f"no sidebar link to {path} on {page.url}")
    ready = await _wait_ready(page, min_charts, finished)
    state = await page.evaluate(STATE_JS)
    phases = _phases(state, ready, clicked)
    phases["server_cpu"] = server.cpu() - cpu if server else None
    return (ready - clicked) / 1000, phases


def _new_queries(query_log: Path | None, offset: int) -> tuple[list[tuple[str, list]], int]:
    """Distinct (sql, params) appended to the query log since `offset`, and the new offset."""
    if query_log is None or not query_log.exists():
        return [], offset
    with query_log.open("rb") as f:
        f.seek(offset)
        chunk = f.read()
    seen: dict[str, tuple[str, list]] = {}
    for line in chunk.decode("utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            seen.setdefault(json.dumps(q, sort_keys=True), (q["sql"], q["params"]))
    return list(seen.values()), offset + len(chunk)


async def first_visits(
    browser,
    server: Server,
    pages: list[PageResult] | None,
    query_log: Path | None = None,
    only: list[str] | None = None,
) -> list[PageResult]:
    """Visit every page once, each in a new session, right after a server start.

    With `pages` None the pages are found from the overview's sidebar and their chart counts
    learnt; with a query log each page's queries are recorded.
    """
    offset = 0
    if pages is None:
        ctx, page, seconds, _ = await _open(browser, server.url + "/", 0, settle=True)
        try:
            links = await page.evaluate(NAV_JS)
            state = await page.evaluate(STATE_JS)
        finally:
            await ctx.close()
        pages = []
        for link in links or [{"href": server.url + "/", "title": "overview"}]:
            path = urlparse(link["href"]).path or "/"
            if only and (path.strip("/") or "overview") not in only:
                continue
            title = [line.strip() for line in link["title"].splitlines() if line.strip()]
            pages.append(PageResult(path, title[-1] if title else path))  # the icon's name comes first
        queries, offset = _new_queries(query_log, offset)
        overview = next((p for p in pages if p.path == "/"), None)
        if overview is not None:
            overview.charts, overview.sparklines = state["charts"], state["sparklines"]
            overview.first_ever.append(seconds)
            overview.queries = queries
        learn = True
    else:
        learn = False
    for pg in pages:
        if learn and pg.path == "/":
            continue
        try:
            ctx, page, seconds, _ = await _open(browser, server.url + pg.path, pg.charts, settle=learn)
            if learn:
                state = await page.evaluate(STATE_JS)
                pg.charts, pg.sparklines = state["charts"], state["sparklines"]
            await ctx.close()
            pg.first_ever.append(seconds)
        except Exception as exc:  # noqa: BLE001 - recorded with the page; the other pages go on
            pg.errors.append(f"first-ever: {type(exc).__name__}: {str(exc)[:300]}")
        if learn:
            pg.queries, offset = _new_queries(query_log, offset)
    return pages


async def cold_and_warm(browser, server: Server, pg: PageResult, other: PageResult) -> None:
    """A cold visit of pg by URL in a new context, then other and pg again in that session (warm),
    then pg in a new tab of the same browser (a new session with the scripts cached)."""
    await asyncio.to_thread(wait_quiet, window=0.25, timeout=10)  # the last visit's closed context winds down
    try:
        ctx, page, seconds, phases = await _open(browser, server.url + pg.path, pg.charts, server=server)
    except Exception as exc:  # noqa: BLE001 - recorded with the page
        pg.errors.append(f"cold: {type(exc).__name__}: {str(exc)[:300]}")
        return
    try:
        pg.cold.append(seconds)
        pg.cold_phases.append(phases)
        if other is pg:
            raise VisitError("a warm visit needs a second page to come back from")
        await _click(page, other.path, other.charts)
        seconds, phases = await _click(page, pg.path, pg.charts, server)
        pg.warm.append(seconds)
        pg.warm_phases.append(phases)
    except Exception as exc:  # noqa: BLE001 - recorded with the page
        pg.errors.append(f"warm: {type(exc).__name__}: {str(exc)[:300]}")
    try:
        tab = await ctx.new_page()
        cpu = server.cpu()
        await tab.goto(server.url + pg.path, wait_until="commit", timeout=TIMEOUT_MS)
        ready = await _wait_ready(tab, pg.charts, 0)
        phases = _phases(await tab.evaluate(STATE_JS), ready, 0)
        phases["server_cpu"] = server.cpu() - cpu
        pg.new_tab.append(ready / 1000)
        pg.new_tab_phases.append(phases)
    except Exception as exc:  # noqa: BLE001 - recorded with the page
        pg.errors.append(f"new tab: {type(exc).__name__}: {str(exc)[:300]}")
    finally:
        await ctx.close()


# Where a script's self time is counted in the profile, by its file name (Streamlit's frontend
# is split into chunks named after what they hold).
_CHARTS = (
    "embed.",
    "vega",
    "ArrowVegaLiteChart",
    "loadVegaEmbed",
    "linear.",
    "ordinal.",
    "time.",
    "range.",
    "cubic.",
    "threshold.",
    "colors.",
    "treemap.",
    "init.",
    "value.",
    "string.",
    "defaultLocale.",
)
_GRID = ("DataFrame.", "arrowFormatUtils", "Quiver", "recordbatch", "serialization.", "unzip.", "moment.")
_NATIVE = {
    "(program)": "browser itself: parsing, style, layout, paint",
    "(idle)": "idle: waiting for the server",
    "(garbage collector)": "garbage collection",
}


def _bucket(url: str, function: str) -> str:
    name = url.rsplit("/", 1)[-1]
    if not name:
        return _NATIVE.get(function, "browser itself: parsing, style, layout, paint")
    if name.startswith(_CHARTS):
        return "JavaScript: Vega-Lite charts (compile, draw)"
    if name.startswith(_GRID):
        return "JavaScript: tables (Arrow, data grid)"
    return "JavaScript: Streamlit's frontend (React, styling, elements)"


async def profiled_visit(browser, server: Server, pg: PageResult) -> dict:
    """One cold visit of pg with Chromium's sampling profiler on the page's main thread:
    where its time goes, by kind of work and by script file."""
    ctx = await _context(browser)
    page = await ctx.new_page()
    cdp = await ctx.new_cdp_session(page)
    await cdp.send("Profiler.enable")
    await cdp.send("Profiler.setSamplingInterval", {"interval": 250})  # µs
    cpu = server.cpu()
    try:
        await cdp.send("Profiler.start")
        await page.goto(server.url + pg.path, wait_until="commit", timeout=TIMEOUT_MS)
        ready = await _wait_ready(page, pg.charts, 0)
        profile = (await cdp.send("Profiler.stop"))["profile"]
    finally:
        await ctx.close()
    frames = {n["id"]: n["callFrame"] for n in profile["nodes"]}
    kinds: dict[str, float] = {}
    scripts: dict[str, float] = {}
    for node, micros in zip(profile["samples"], profile["timeDeltas"], strict=False):
        frame = frames[node]
        kind = _bucket(frame["url"], frame["functionName"])
        kinds[kind] = kinds.get(kind, 0.0) + micros / 1e6
        if frame["url"]:
            name = frame["url"].rsplit("/", 1)[-1]
            scripts[name] = scripts.get(name, 0.0) + micros / 1e6
    return {
        "page": pg.path,
        "seconds": ready / 1000,
        "server_cpu": server.cpu() - cpu,
        "kinds": sorted(kinds.items(), key=lambda kv: -kv[1]),
        "scripts": sorted(scripts.items(), key=lambda kv: -kv[1])[:8],
    }


async def concurrent(browser, server: Server, pg: PageResult, sessions: int) -> tuple[list[float], list[str]]:
    """`sessions` new sessions open pg at the same moment; each one's seconds to ready."""
    contexts = [await _context(browser) for _ in range(sessions)]
    pages = [await ctx.new_page() for ctx in contexts]

    async def one(page) -> float:
        await page.goto(server.url + pg.path, wait_until="commit", timeout=TIMEOUT_MS)
        return await _wait_ready(page, pg.charts, 0) / 1000

    try:
        results = await asyncio.gather(*(one(p) for p in pages), return_exceptions=True)
    finally:
        for ctx in contexts:
            await ctx.close()
    times = [r for r in results if isinstance(r, float)]
    errors = [f"{type(r).__name__}: {str(r)[:200]}" for r in results if not isinstance(r, float)]
    return times, errors


def start_floor(db: Path, work: Path, result: PagesResult) -> Server:
    """Serve the floor app over `db` with ours' pages and chart counts (result.floor gets its pages)."""
    if not (FLOOR_APP.parent / ".streamlit" / "config.toml").is_file():  # a link to ours: the same settings
        raise MeasureError(f"{FLOOR_APP.parent}/.streamlit/config.toml does not lead to the dashboard's config")
    spec = work / "floor-pages.json"
    pages = [
        {"path": pg.path, "title": pg.title, "charts": pg.charts, "sparklines": pg.sparklines} for pg in result.pages
    ]
    spec.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
    result.floor = [PageResult(pg.path, pg.title, pg.charts, pg.sparklines) for pg in result.pages]
    return start_server(db, work / "floor.log", env={"BENCH_FLOOR_PAGES": str(spec)}, app=FLOOR_APP)


def check_floor_charts(floor: list[PageResult]) -> None:
    """A floor visit that drew other than the requested number of charts is an error of its page."""
    for pg in floor:
        for phases in pg.cold_phases + pg.warm_phases + pg.new_tab_phases:
            if phases.get("charts") is not None and phases["charts"] != pg.charts:
                pg.errors.append(f"the floor drew {phases['charts']} charts, not {pg.charts}")
                break


async def _measure(
    db: Path, work: Path, repeat: int, first_repeat: int, sessions: int, only: list[str] | None, floor: bool
) -> PagesResult:
    from playwright.async_api import async_playwright

    query_log = work / "queries.jsonl"
    query_log.unlink(missing_ok=True)
    warmups: list[float] = []

    def serve(log_name: str, queries: Path | None = None) -> Server:
        """Our app served, after its start-up warm-up (whose seconds are kept for the report)."""
        started = start_server(db, work / log_name, queries)
        warmups.extend([started.warmup_s] if started.warmup_s is not None else [])
        return started

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            server = serve("streamlit-0.log", query_log)
            try:
                result = PagesResult([], server_rss_start=server.rss(), sessions=sessions)
                result.pages = await first_visits(browser, server, None, query_log, only)
                floor_server = start_floor(db, work, result) if floor else None
                try:
                    if floor_server is not None:
                        await first_visits(browser, floor_server, result.floor)  # its first runs, not timed here
                    # ours and the floor alternately, page by page: ours first in even rounds, the floor in odd
                    for r in range(repeat):
                        for i, pg in enumerate(result.pages):
                            j = (i + 1) % len(result.pages)
                            visits = [(server, pg, result.pages[j])]
                            if floor_server is not None:
                                visits.append((floor_server, result.floor[i], result.floor[j]))
                            for srv, page, other in visits[:: -1 if r % 2 else 1]:
                                await cold_and_warm(browser, srv, page, other)
                    if floor_server is not None:
                        result.floor_rss = floor_server.rss()
                finally:
                    if floor_server is not None:
                        floor_server.stop()
                check_floor_charts(result.floor)
                result.server_rss_after_pages = server.rss()
                slowest = max(
                    (pg for pg in result.pages if pg.cold),
                    key=lambda pg: sorted(pg.cold)[len(pg.cold) // 2],
                    default=None,
                )
                if slowest is not None:
                    try:
                        result.profile = await profiled_visit(browser, server, slowest)
                    except Exception as exc:  # noqa: BLE001 - a figure less, not a failed run
                        slowest.errors.append(f"profiled visit: {type(exc).__name__}: {str(exc)[:300]}")
                overview = next((pg for pg in result.pages if pg.path == "/"), result.pages[0])
                if sessions:
                    # each concurrent phase starts on a settled machine, not in the wake of the last one
                    await asyncio.to_thread(wait_quiet)
                    result.concurrent, errors = await concurrent(browser, server, overview, sessions)
                    result.concurrent_errors += [f"running server: {e}" for e in errors]
                    await asyncio.to_thread(wait_quiet)
                    result.ws_concurrent, errors = await asyncio.to_thread(
                        ws_sessions, server.url, sessions, min_charts=overview.charts
                    )
                    result.concurrent_errors += [f"websocket clients, running server: {e}" for e in errors]
                result.server_rss_after_concurrent = server.rss()
            finally:
                server.stop()
            for r in range(1, first_repeat):
                server = serve(f"streamlit-{r}.log")
                try:
                    await first_visits(browser, server, result.pages)
                finally:
                    server.stop()
            if sessions:
                await asyncio.to_thread(wait_quiet)
                server = serve("streamlit-fresh.log")
                try:
                    result.concurrent_fresh, errors = await concurrent(browser, server, overview, sessions)
                    result.concurrent_errors += [f"fresh server: {e}" for e in errors]
                finally:
                    server.stop()
                await asyncio.to_thread(wait_quiet)
                server = serve("streamlit-fresh-ws.log")
                try:
                    result.ws_concurrent_fresh, errors = await asyncio.to_thread(
                        ws_sessions, server.url, sessions, min_charts=overview.charts
                    )
                    result.concurrent_errors += [f"websocket clients, fresh server: {e}" for e in errors]
                finally:
                    server.stop()
        finally:
            await browser.close()
    result.warmups = warmups
    return result


def measure_pages(
    db: Path,
    work: Path,
    repeat: int = 5,
    first_repeat: int = 3,
    sessions: int = 20,
    only: list[str] | None = None,
    floor: bool = True,
) -> PagesResult:
    """Serve `db` and measure every page (or the pages named in `only`, 'overview' for '/'), and
    with `floor` the floor app's pages alternately with ours."""
    work.mkdir(parents=True, exist_ok=True)
    return asyncio.run(_measure(db, work, repeat, first_repeat, sessions, only, floor))
