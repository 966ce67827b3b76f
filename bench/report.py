"""BENCHMARKS.md, benchmarks.json and benchmarks.png from the measured scales."""

# Scales are written with the multiplication sign, as in BENCHMARKS.md.

from __future__ import annotations

import dataclasses
import json
import statistics
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import numpy as np

from bench.budgets import GIB, budgets_for, verdict
from bench.machine import load_text
from bench.run import ScaleResult

MIB = 1024**2


def _med(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _pct(xs: list[float], q: float) -> float | None:
    return float(np.percentile(xs, q)) if xs else None


def _s(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f} s"


def _ms(x: float | None) -> str:
    return "—" if x is None else f"{x * 1000:,.0f} ms"


def _mib(b: float | None) -> str:
    if b is None:
        return "—"
    return f"{b / GIB:.2f} GiB" if b >= GIB else f"{b / MIB:,.0f} MiB"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:,.0f}×" if a / b >= 10 else f"{a / b:.1f}×"


def _range(xs: list[float], fmt=_s) -> str:
    return "—" if not xs else f"{fmt(min(xs))} – {fmt(max(xs))}"


# --- ours against the floor app (issue 14) ------------------------------------------------------------

# The three visits of issue 14, as PageResult holds them: (title, samples attribute, phases attribute).
FLOOR_VISITS = (
    ("cold", "cold", "cold_phases"),
    ("new session", "new_tab", "new_tab_phases"),
    ("click", "warm", "warm_phases"),
)


def floor_pairs(r: ScaleResult) -> list[tuple[object, object]]:
    """(our page, the floor's page of the same path) for every page the floor was measured on."""
    if r.pages is None:
        return []
    floor = {pg.path: pg for pg in r.pages.floor}
    return [(pg, floor[pg.path]) for pg in r.pages.pages if pg.path in floor]


def floor_ratios(r: ScaleResult) -> dict[str, dict[str, float | None]]:
    """Per kind of visit: the median over pages of ours, of the floor and of the per-page ratio ours ÷ floor."""
    out: dict[str, dict[str, float | None]] = {}
    pairs = floor_pairs(r)
    for title, attr, _ in FLOOR_VISITS:
        ours, floor, ratios = [], [], []
        for pg, fl in pairs:
            a, b = _med(getattr(pg, attr)), _med(getattr(fl, attr))
            if a is not None and b:
                ours.append(a)
                floor.append(b)
                ratios.append(a / b)
        out[title] = {"ours": _med(ours), "floor": _med(floor), "ratio": _med(ratios)}
    return out


def _x(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}×"


def _pair(phases_ours: list[dict], phases_floor: list[dict], key: str, fmt) -> str:
    """'ours · floor' of the median of `key` over the visits' phases."""

    def med(phases):
        return _med([x[key] for x in phases if x.get(key) is not None])

    return f"{fmt(med(phases_ours))} · {fmt(med(phases_floor))}"


def _count(x: float | None) -> str:
    return "—" if x is None else f"{x:,.0f}"


def _kib(x: float | None) -> str:
    return "—" if x is None else f"{x / 1024:,.0f} KiB"


def _charts(pg) -> str:
    """'20 (18 sparklines)': the vega-embed charts a page drew."""
    return f"{pg.charts} ({pg.sparklines} sparklines)" if pg.sparklines else str(pg.charts)


def _floor_section(r: ScaleResult) -> list[str]:
    pairs = floor_pairs(r)
    if not pairs:
        return ["The floor was not measured (`--no-floor`)."]
    b = budgets_for(r.scale).get("floor_ratio")
    head = "| page | charts |" + "".join(f" {t}: ours | floor | ratio |" for t, _, _ in FLOOR_VISITS)
    lines = [
        (
            "The floor is `bench/floor_app/`: a bare multipage Streamlit app with our page paths, whose every "
            "page does one DuckDB read of the same warehouse (`warehouse/readonly.py`, cached like ours) and "
            "draws as many Altair charts as our page drew in this run (its vega-embed charts: charts, and KPI "
            "sparklines drawn as sparkline-sized Altair charts) — nothing else. Both are served the same "
            "way under the same settings and visited by the same walker, ours and the floor alternately page by "
            f"page, {max(len(pg.cold) for pg, _ in pairs)} round(s). Cold: a new browser context opens the page. "
            "New session: the page opened in a new tab of a context that has been there (scripts cached). "
            "Click: the page chosen in the sidebar after another page, same session. Medians of the rounds; "
            "ratio = ours ÷ floor."
        ),
        "",
        head,
        "|---|---|" + "---|---|---|" * len(FLOOR_VISITS),
    ]
    for pg, fl in pairs:
        cells = ""
        for _, attr, _ in FLOOR_VISITS:
            a, f = _med(getattr(pg, attr)), _med(getattr(fl, attr))
            cells += f" {_s(a)} | {_s(f)} | {_x(a / f if a is not None and f else None)} |"
        lines.append(f"| {pg.title} (`{pg.path}`) | {_charts(pg)} |{cells}")
    ratios = floor_ratios(r)
    cells = "".join(
        f" **{_s(ratios[t]['ours'])}** | **{_s(ratios[t]['floor'])}** | **{_x(ratios[t]['ratio'])}** |"
        for t, _, _ in FLOOR_VISITS
    )
    lines.append(f"| **median over pages** | |{cells}")
    lines += [
        "",
        "Budget for the median ratio: "
        + "; ".join(
            f"{t} {_x(ratios[t]['ratio'])} {verdict(ratios[t]['ratio'], b, r.scale)}" for t, _, _ in FLOOR_VISITS
        )
        + ".",
        "",
        (
            "Where a run's time goes, **ours · floor** (medians over the visits): the script run is from the "
            "run's `new_session` message to its `script_finished` as the browser received them; server CPU is "
            "the server process's during the visit; what the run sent is counted in the browser from the same "
            "two messages: ForwardMsgs, deltas (elements + blocks) sent whole, those sent as a reference to a "
            "message the browser already holds (Streamlit's message cache), and their bytes."
        ),
        "",
        (
            "| page | charts | script run: new session | script run: click | server CPU: new session "
            "| server CPU: click | ForwardMsgs | elements | blocks | cached (click) | sent: new session | sent: click |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for pg, fl in pairs:
        lines.append(
            f"| {pg.name} | {_charts(pg)} "
            f"| {_pair(pg.new_tab_phases, fl.new_tab_phases, 'run', _ms)} "
            f"| {_pair(pg.warm_phases, fl.warm_phases, 'run', _ms)} "
            f"| {_pair(pg.new_tab_phases, fl.new_tab_phases, 'server_cpu', _ms)} "
            f"| {_pair(pg.warm_phases, fl.warm_phases, 'server_cpu', _ms)} "
            f"| {_pair(pg.new_tab_phases, fl.new_tab_phases, 'messages', _count)} "
            f"| {_pair(pg.new_tab_phases, fl.new_tab_phases, 'elements', _count)} "
            f"| {_pair(pg.new_tab_phases, fl.new_tab_phases, 'blocks', _count)} "
            f"| {_pair(pg.warm_phases, fl.warm_phases, 'cached', _count)} "
            f"| {_pair(pg.new_tab_phases, fl.new_tab_phases, 'bytes', _kib)} "
            f"| {_pair(pg.warm_phases, fl.warm_phases, 'bytes', _kib)} |"
        )
    errors = [f"{fl.name}: {e}" for _, fl in pairs for e in fl.errors]
    if r.pages.floor_rss:
        lines += ["", f"The floor server's resident memory after every page: {_mib(r.pages.floor_rss)}."]
    if errors:
        lines += ["", "Floor visits that failed:", ""] + [f"- {e}" for e in errors[:12]]
    return lines


# --- figures the summary and the plot share -------------------------------------------------------


def headline_figures(r: ScaleResult) -> dict[str, object]:
    """The budgeted figures of one scale: worst page, medians, p95."""
    out: dict[str, object] = {}
    if r.builds:
        out["build_s"] = _med([b.seconds for b in r.builds])
        out["build_mem_gib"] = max(b.peak_tree_rss for b in r.builds) / GIB
    if r.pages and r.pages.pages:
        pages = r.pages.pages
        for key, attr in (
            ("page_cold_s", "cold"),
            ("page_warm_s", "warm"),
            ("page_first_s", "first_ever"),
            ("page_tab_s", "new_tab"),
        ):
            meds = [(_med(getattr(p, attr)), p.name) for p in pages if getattr(p, attr)]
            if meds:
                out[key], out[key + "_page"] = max(meds)
        floors = [(r.floors[p.path].median, p.name) for p in pages if p.path in r.floors and r.floors[p.path].totals]
        if floors:
            out["floor_s"], out["floor_s_page"] = max(floors)
        out["server_mem_gib"] = r.pages.server_rss_after_pages / GIB
        out["warmup_s"] = _med(r.pages.warmups) if r.pages.warmups else None
        out["concurrent_p50_s"] = _pct(r.pages.concurrent, 50)
        out["concurrent_p95_s"] = _pct(r.pages.concurrent, 95)
        out["concurrent_fresh_p95_s"] = _pct(r.pages.concurrent_fresh, 95)
        out["ws_p50_s"] = _pct(r.pages.ws_concurrent, 50)
        out["ws_p95_s"] = _pct(r.pages.ws_concurrent, 95)
        out["ws_fresh_p95_s"] = _pct(r.pages.ws_concurrent_fresh, 95)
        colds = [x["server_cpu"] for p in pages for x in p.cold_phases if x.get("server_cpu") is not None]
        out["server_cpu_cold_s"] = _med(colds)
        if floor_pairs(r):
            for title, ratio in floor_ratios(r).items():
                key = "floor_" + title.replace(" ", "_")
                out[key + "_ours_s"], out[key + "_floor_s"], out[key + "_ratio"] = (
                    ratio["ours"],
                    ratio["floor"],
                    ratio["ratio"],
                )
    return out


# --- markdown ----------------------------------------------------------------------------------------


def _summary(results: list[ScaleResult]) -> list[str]:
    cols = [f"{r.scale:g}×" for r in results]
    lines = ["| figure | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    figs = [(r, headline_figures(r), budgets_for(r.scale)) for r in results]

    def row(title: str, cell) -> None:
        lines.append(f"| {title} | " + " | ".join(cell(r, f, b) for r, f, b in figs) + " |")

    def timed(key: str, budget_key: str | None = None, page: bool = False):
        def cell(r, f, b):
            v = f.get(key)
            if v is None:
                return "—"
            name = f" ({f[key + '_page']})" if page and key + "_page" in f else ""
            check = verdict(v, b.get(budget_key), r.scale) if budget_key else ""
            return f"{v:.2f} s{name} {check}".strip()

        return cell

    def memory(key: str, show):
        """A memory figure in GiB, printed by `show`, with its verdict against the budget of the same key."""

        def cell(r, f, b):
            if key not in f:
                return "—"
            return f"{show(f[key])} {verdict(f[key], b.get(key), r.scale)}".strip()

        return cell

    row("raw rows", lambda r, f, b: f"{r.generated.rows:,}" if r.generated else "—")
    row("build: ingest + `dbt build`, median", timed("build_s", "build_s"))
    row("peak build memory (build + dbt processes)", memory("build_mem_gib", lambda v: f"{v:.2f} GiB"))
    row("slowest page, cold (new session), median", timed("page_cold_s", "page_cold_s", page=True))
    row("slowest page, new tab (new session, scripts cached), median", timed("page_tab_s", "page_cold_s", page=True))
    row("slowest page, warm (second visit), median", timed("page_warm_s", "page_warm_s", page=True))
    row("slowest page, first-ever (after a server start and its warm-up), median", timed("page_first_s", page=True))
    row("server warm-up after a start (in the background; it serves meanwhile), median", timed("warmup_s"))
    row("slowest page's floor (its queries in DuckDB)", timed("floor_s", page=True))
    for title, _, _ in FLOOR_VISITS:
        key = "floor_" + title.replace(" ", "_")

        def ratio_cell(r, f, b, key=key):
            v = f.get(key + "_ratio")
            if v is None:
                return "—"
            figures = f"{_x(v)} ({f[key + '_ours_s']:.2f} s ÷ {f[key + '_floor_s']:.2f} s)"
            return f"{figures} {verdict(v, b.get('floor_ratio'), r.scale)}"

        row(f"ours ÷ the floor app, {title}: median over pages", ratio_cell)
    row("server memory after every page", memory("server_mem_gib", lambda v: _mib(v * GIB)))
    row("concurrent browser sessions on the overview (one Chromium): p50", timed("concurrent_p50_s"))
    row("… p95 (the clients share the server's cores: not held to the budget)", timed("concurrent_p95_s"))
    row("… p95 on a just-started (and warmed) server", timed("concurrent_fresh_p95_s"))
    row("concurrent websocket sessions (the server alone): p50", timed("ws_p50_s"))
    row("… p95", timed("ws_p95_s", "concurrent_p95_s"))
    row("… p95 on a just-started (and warmed) server", timed("ws_fresh_p95_s", "concurrent_p95_s"))
    row("server CPU per cold page visit, median (load-independent)", timed("server_cpu_cold_s"))
    row(
        "build CPU (user + system), median (load-independent)",
        lambda r, f, b: "—" if not r.builds else _s(_med([x.cpu_seconds for x in r.builds])),
    )
    row("load average at start (1 / 5 / 15 min)", lambda r, f, b: load_text(r.load_start))
    row("load average at end", lambda r, f, b: load_text(r.load_end) if r.load_end else "—")
    return lines


def _build_section(r: ScaleResult) -> list[str]:
    b = budgets_for(r.scale)
    runs = r.builds
    if not runs:
        return ["No build was measured."]
    last = runs[-1]

    def row(title, xs, fmt=_s, check=""):
        return f"| {title} | {fmt(_med(xs))} | {_range(xs, fmt)} | {check} |"

    med = _med([x.seconds for x in runs])
    mem = max(x.peak_tree_rss for x in runs)
    lines = [
        (
            f"{len(runs)} build(s) of the same raw folder, each in a fresh child process "
            "(`warehouse.build.build`, exactly what `python -m warehouse build` runs)."
        ),
        "",
        "| | median | min – max | budget |",
        "|---|---|---|---|",
        row(
            "ingest + `dbt build` (child process, start to exit)",
            [x.seconds for x in runs],
            check=verdict(med, b.get("build_s"), r.scale),
        ),
        row("CPU time of the build and dbt processes (user + system)", [x.cpu_seconds for x in runs]),
        row("… validate + load raw files (in process)", [x.load_seconds for x in runs]),
        row("… `dbt build` child process", [x.dbt_seconds for x in runs]),
        row(
            "…… Python start-up and imports",
            [x.dbt.process_seconds - x.dbt.command_seconds for x in runs if x.dbt.command_seconds is not None],
        ),
        row("…… parse + connect", [x.dbt.parse_seconds for x in runs if x.dbt.parse_seconds is not None]),
        row(
            "…… execution (seeds, models, tests)",
            [x.dbt.execute_seconds for x in runs if x.dbt.execute_seconds is not None],
        ),
        (
            f"| peak memory, build + dbt processes summed (sampled every 0.1 s) "
            f"| {_mib(_med([x.peak_tree_rss for x in runs]))} "
            f"| {_range([x.peak_tree_rss for x in runs], _mib)} | {verdict(mem / GIB, b.get('build_mem_gib'), r.scale)} |"
        ),
        (
            f"| largest single process (rusage) | {_mib(_med([x.max_process_rss for x in runs]))} "
            f"| {_range([x.max_process_rss for x in runs], _mib)} | |"
        ),
        "",
        f"Warehouse file: {_mib(last.db_bytes)}. dbt parsed: "
        + ", ".join(dict.fromkeys(x.dbt.parse_kind for x in runs))
        + ". Load average during the builds: "
        + "; ".join(f"{load_text(x.load_before)} → {load_text(x.load_after)}" for x in runs)
        + ".",
    ]
    if last.dbt.nodes:
        kinds: dict[str, list[float]] = defaultdict(list)
        for uid, secs in last.dbt.nodes:
            kinds[uid.split(".")[0]].append(secs)
        lines += [
            "",
            "Where dbt's execution went (last build; node times overlap on 2 threads):",
            "",
            "| kind | nodes | sum of node times | slowest |",
            "|---|---|---|---|",
        ]
        for kind, secs in sorted(kinds.items(), key=lambda kv: -sum(kv[1])):
            lines.append(f"| {kind} | {len(secs)} | {_s(sum(secs))} | {_s(max(secs))} |")
        lines += [
            "",
            "Slowest nodes: "
            + ", ".join(f"`{uid.split('.', 2)[-1]}` {secs:.2f} s" for uid, secs in last.dbt.nodes[:8])
            + ".",
        ]
    return lines


def _profile_lines(profile: dict | None) -> list[str]:
    """The profiled cold visit of the slowest page: the page's main thread, by kind of work."""
    if not profile:
        return []
    total = sum(sec for _, sec in profile["kinds"]) or 1.0
    lines = [
        "",
        (
            f"Where a cold visit goes: one more cold visit of `{profile['page']}` (the slowest cold page) "
            f"with Chromium's sampling profiler on the page's main thread — {_s(profile['seconds'])} to drawn, "
            f"{_s(profile['server_cpu'])} of server CPU meanwhile. The browser's main thread is the critical path:"
        ),
        "",
        "| main thread | time | share |",
        "|---|---|---|",
    ]
    lines += [f"| {kind} | {_ms(sec)} | {100 * sec / total:.0f} % |" for kind, sec in profile["kinds"]]
    lines += [
        "",
        "Scripts with the most self time: "
        + ", ".join(f"`{name}` {_ms(sec)}" for name, sec in profile["scripts"])
        + ".",
    ]
    return lines


def _pages_section(r: ScaleResult) -> list[str]:
    p = r.pages
    if p is None:
        return ["No page was measured."]
    b = budgets_for(r.scale)
    lines = [
        (
            "| page | charts | queries | floor | first-ever | cold | new tab | warm | cold ÷ floor | warm ÷ floor "
            "| cold budget | new tab | warm budget |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for pg in p.pages:
        floor = r.floors.get(pg.path)
        fm = floor.median if floor else None
        cold, warm, tab = _med(pg.cold), _med(pg.warm), _med(pg.new_tab)
        lines.append(
            f"| {pg.title} (`{pg.path}`) | {pg.charts} | {len(pg.queries)} | {_ms(fm)} | {_s(_med(pg.first_ever))} "
            f"| {_s(cold)} | {_s(tab)} | {_s(warm)} | {_ratio(cold, fm)} | {_ratio(warm, fm)} "
            f"| {verdict(cold, b.get('page_cold_s'), r.scale)} | {verdict(tab, b.get('page_cold_s'), r.scale)} "
            f"| {verdict(warm, b.get('page_warm_s'), r.scale)} |"
        )
    lines += [
        "",
        (
            f"Medians: cold of {max(len(pg.cold) for pg in p.pages)} new sessions per page (a new browser context: "
            "nothing cached), new tab of as many new sessions in a browser that has the app's scripts cached (a "
            "leader coming back, held to the cold budget too), warm of as many second visits through the sidebar, "
            f"first-ever of {max(len(pg.first_ever) for pg in p.pages)} server starts. Where the median visit's time goes (connected at: HTML, scripts and websocket "
            "done; run starts at: the server began the script; run: the script on the server, queries included, "
            "until its last element arrived; draw: the browser drawing every chart after the run; server CPU: "
            "what the server process spent on the visit, which does not grow with the machine's load):"
        ),
        "",
        (
            "| page | cold: connected at | run starts at | run | draw | server CPU | warm: run starts at | run | draw "
            "| server CPU |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for pg in p.pages:

        def ph(phases, key):
            return _ms(_med([x[key] for x in phases if x.get(key) is not None]))

        lines.append(
            f"| {pg.name} | {ph(pg.cold_phases, 'connect')} | {ph(pg.cold_phases, 'wait')} "
            f"| {ph(pg.cold_phases, 'run')} | {ph(pg.cold_phases, 'draw')} "
            f"| {ph(pg.cold_phases, 'server_cpu')} | {ph(pg.warm_phases, 'wait')} "
            f"| {ph(pg.warm_phases, 'run')} | {ph(pg.warm_phases, 'draw')} "
            f"| {ph(pg.warm_phases, 'server_cpu')} |"
        )
    lines += _profile_lines(p.profile)
    slow = []
    for pg in p.pages:
        floor = r.floors.get(pg.path)
        if floor:
            slow += [(t, pg.name, sql) for t, sql in floor.slowest(pg.queries, 3)]
    slow.sort(reverse=True)
    if slow:
        lines += ["", "Slowest queries (median of the replays):", ""]
        lines += [f"- {_ms(t)} on {name}: `{' '.join(sql.split())[:160]}`" for t, name, sql in slow[:5]]
    errors = [f"{pg.name}: {e}" for pg in p.pages for e in pg.errors] + p.concurrent_errors
    lines += [
        "",
        (
            "| server (streamlit + children), resident memory | at start | after every page | after the concurrent "
            "sessions | budget |"
        ),
        "|---|---|---|---|---|",
        (
            f"| VmRSS | {_mib(p.server_rss_start)} | {_mib(p.server_rss_after_pages)} | "
            f"{_mib(p.server_rss_after_concurrent)} "
            f"| {verdict(p.server_rss_after_pages / GIB, b.get('server_mem_gib'), r.scale)} |"
        ),
        "",
        f"| {p.sessions} sessions open the overview at once | sessions done | p50 | p95 | max | budget (p95) |",
        "|---|---|---|---|---|---|",
    ]
    for title, xs, budgeted in (
        ("browser contexts in one Chromium, running server", p.concurrent, False),
        ("browser contexts, just-started server", p.concurrent_fresh, False),
        ("websocket clients (server alone), running server", p.ws_concurrent, True),
        ("websocket clients, just-started server", p.ws_concurrent_fresh, True),
    ):
        check = verdict(_pct(xs, 95), b.get("concurrent_p95_s"), r.scale) if budgeted else "(not budgeted)"
        lines.append(
            f"| {title} | {len(xs)} | {_s(_pct(xs, 50))} | {_s(_pct(xs, 95))} | {_s(max(xs) if xs else None)} "
            f"| {check} |"
        )
    lines += [
        "",
        (
            "The budget is held against the websocket clients: in use, every leader's browser draws on "
            "their own device, while here one Chromium draws all the sessions on the server's two cores."
        ),
    ]
    if errors:
        lines += ["", "Visits that failed (the figures above are of the visits that finished):", ""]
        lines += [f"- {e}" for e in errors[:12]]
    return lines


def markdown(results: list[ScaleResult], machine: dict[str, str], command: str, notes: str = "") -> str:
    """The whole BENCHMARKS.md."""
    m = machine
    lines = [
        "# Benchmarks",
        "",
        (
            f"Measured by `{command}` on {datetime.now():%Y-%m-%d %H:%M}. Budgets are issue 7's (the floor "
            "ratios issue 14's); a scale "
            "the issue sets no budget for is held to the next larger scale's. ✅ within budget, ❌ over it."
        ),
        (
            "Times were taken on a shared machine: the load average is given with every scale, and "
            "figures taken under load are upper bounds. Repeat on a quiet machine with `make bench`."
        ),
        "",
        "## Machine",
        "",
        "| cores | RAM | CPU | OS |",
        "|---|---|---|---|",
        f"| {m['cores']} | {m['ram']} | {m['cpu']} | {m['os']} |",
        "",
        "| Python | DuckDB | dbt-core | dbt-duckdb | Streamlit | Playwright | Chromium |",
        "|---|---|---|---|---|---|---|",
        (
            f"| {m['python']} | {m['duckdb']} | {m['dbt-core']} | {m['dbt-duckdb']} | {m['streamlit']} "
            f"| {m['playwright']} | {m['chromium']} |"
        ),
        "",
        "## Summary",
        "",
        *_summary(results),
        "",
        "![seconds against scale](benchmarks.png)",
    ]
    if notes:
        lines += ["", notes.strip()]
    for r in results:
        g = r.generated
        lines += [
            "",
            f"## {r.scale:g}×" + (f": {g.rows:,} raw rows" if g else ""),
            "",
            f"Started {r.started_at}; load average {load_text(r.load_start)} at the start, "
            f"{load_text(r.load_end) if r.load_end else '—'} at the end."
            + (f" Demo data: {_mib(g.bytes)} of CSV, generated in {g.seconds:.1f} s." if g else ""),
            "",
            "### Build",
            "",
            *_build_section(r),
            "",
            "### Pages",
            "",
            *_pages_section(r),
            "",
            "### Ours against the floor app",
            "",
            *_floor_section(r),
        ]
        if r.unmeasured():
            lines += ["", "**Not measured:**", ""] + [f"- {e[:400]}" for e in r.unmeasured()]
    lines += [
        "",
        "## How it is measured",
        "",
        "- Demo data: `python -m warehouse demo-data --scale K` into a temporary folder.",
        (
            "- Build: `warehouse.build.build` in a child process; wall time start to exit; memory is the child "
            "and the `dbt build` process it starts, summed, sampled from /proc every 0.1 s. dbt's phases come "
            "from its log and run_results.json (written to the benchmark's folder, not dbt_project/target)."
        ),
        (
            "- Pages: `streamlit run dashboard/server.py` with ZONE_DEMO=1 on a free loopback port, "
            "headless Chromium at 1920×1080. A visit ends when the script run is over, nothing is stale, no "
            "spinner or skeleton is left and every chart has drawn (canvas or svg). Cold: a new browser "
            "context (a new session) on the running server, timed from the navigation's start. Warm: the same "
            "session back on the page through the sidebar after another page, timed from the click. "
            "First-ever: each page's first visit after a server start, once the server's start-up warm-up (dashboard/warmup.py, in the background) has finished."
        ),
        (
            "- Floor (queries): the distinct `data.query` calls of the page's first visit (logged through "
            "$ZONE_QUERY_LOG), replayed one after another on a new DuckDB connection set up like the app's."
        ),
        (
            "- Floor app (`bench/floor_app/`): served by the same `streamlit run` command and settings (its "
            "`.streamlit/config.toml` is a link to ours), one DuckDB read and as many `st.altair_chart` calls per "
            "page as our page drew vega-embed charts (charts and KPI sparklines) in the first visit of the same "
            "run; every round visits each page of ours and the floor's in turn (ours first in even rounds, the "
            "floor first in odd ones) with the same cold, new-tab and warm visits. Ratio: our median ÷ the "
            "floor's, per page; the budget holds the median over pages."
        ),
        "- Server memory: VmRSS of the streamlit process and its children after every page was visited.",
        (
            "- Concurrent sessions: that many browser contexts in one Chromium open the overview at the same "
            "moment; the browser's own drawing shares the 2 cores with the server, so these are upper bounds. "
            "Websocket clients do what the browser does after loading the page (open /_stcore/stream, ask for "
            "a script run, read every message until the run finishes): the server's side alone."
        ),
        (
            "- CPU seconds (build processes; the server during a visit) do not grow when other programs load "
            "the machine, unlike wall times: compare them between runs on a busy machine."
        ),
    ]
    return "\n".join(lines) + "\n"


def _jsonable(obj):
    if dataclasses.is_dataclass(obj):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(obj).items()}
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    return obj


def write_json(results: list[ScaleResult], machine: dict[str, str], path: Path) -> None:
    """Every measurement as JSON, to compare runs later."""
    data = {"machine": machine, "scales": [_jsonable(r) | {"figures": headline_figures(r)} for r in results]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def plot(results: list[ScaleResult], path: Path) -> None:
    """Seconds against scale (log–log): the build in one panel, pages and sessions in the other."""
    import altair as alt
    import pandas as pd
    import vl_convert as vlc

    from dashboard.chart_images import CJK_FONT, register_cjk_fonts

    register_cjk_fonts()
    names = {
        "build_s": ("build", "ingest + dbt build"),
        "page_first_s": ("pages", "slowest page, first-ever"),
        "page_cold_s": ("pages", "slowest page, cold"),
        "page_tab_s": ("pages", "slowest page, new tab"),
        "page_warm_s": ("pages", "slowest page, warm"),
        "floor_s": ("pages", "slowest page's floor"),
        "concurrent_p95_s": ("pages", "20 browser sessions, p95"),
        "ws_p95_s": ("pages", "20 websocket sessions, p95"),
    }
    rows = []
    for r in results:
        f = headline_figures(r)
        for key, (panel, label) in names.items():
            if f.get(key) is not None:
                rows.append({"scale": r.scale, "seconds": f[key], "panel": panel, "figure": label})
    if not rows:
        return
    df = pd.DataFrame(rows)
    panels = set(df["panel"])
    x = alt.X(
        "scale:Q",
        scale=alt.Scale(type="log"),
        title="scale (× the demo data)",
        axis=alt.Axis(values=sorted({r.scale for r in results}), format="~g"),
    )

    def panel(name: str, title: str, budgets: list[tuple[float, float, str]]) -> alt.LayerChart:
        base = alt.Chart(df[df["panel"] == name]).encode(
            x=x,
            y=alt.Y("seconds:Q", scale=alt.Scale(type="log"), title="seconds"),
            color=alt.Color("figure:N", title=None, legend=alt.Legend(orient="bottom", columns=2)),
        )
        layers = [base.mark_line(point=True)]
        if budgets:
            bdf = pd.DataFrame([{"scale": s, "seconds": v, "budget": label} for s, v, label in budgets])
            layers.append(
                alt.Chart(bdf)
                .mark_point(shape="cross", size=90, color="#D7263D")
                .encode(x=x, y="seconds:Q", tooltip=["budget:N"])
            )
        return alt.layer(*layers).properties(title=title, width=360, height=260)

    build_b = [(1, 30, "build ≤ 30 s at 1×"), (100, 600, "build ≤ 10 min at 100×")]
    page_b = [
        (1, 2.0, "cold ≤ 2 s"),
        (1, 1.0, "warm ≤ 1 s"),
        (100, 3.0, "cold ≤ 3 s"),
        (100, 1.5, "warm ≤ 1.5 s"),
        (100, 4.0, "p95 ≤ 4 s"),
    ]
    charts = [
        panel(name, title, b)
        for name, title, b in (
            ("build", "Build (red crosses: budgets)", build_b),
            ("pages", "Pages (red crosses: budgets)", page_b),
        )
        if name in panels
    ]
    chart = alt.hconcat(*charts).resolve_scale(color="independent").configure(font=CJK_FONT)
    chart = chart.configure_title(font=CJK_FONT)
    path.write_bytes(vlc.vegalite_to_png(chart.to_dict(), scale=2))
