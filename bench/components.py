"""What Streamlit itself costs per component on a new session: `python -m bench.components`.

Issue 14 compares our pages with a floor that draws only their charts. What a page of ours
draws besides its charts (KPI cards, the chart cards' frames and download buttons, the
sidebar's filters, tables) costs the browser time in Streamlit's own frontend whoever draws
it. This measures that cost in a bare Streamlit app (bench/floor_app/components_app.py,
served with the dashboard's settings): each kind of component `n` times on a page, opened in
a new tab of a browser that has been there (the walker's "new session" visit), alternately
with the empty page, `rounds` times; the difference of the medians divided by `n` is one
component's cost. Nothing of ours runs here: no sign-in, no warehouse, no CSS of ours.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.machine import CHROMIUM, wait_quiet
from bench.pages import CHROMIUM_ARGS, TIMEOUT_MS, _context, _wait_ready
from bench.server import start_server

APP = Path(__file__).resolve().with_name("floor_app") / "components_app.py"
# how many of each kind a page draws (a table's first one costs most: one is what a page of ours draws)
DEFAULT_N = {"dataframe": 1, "chart": 5}
CHARTS = {"chart", "metric_sparkline", "sparkline_chart"}  # kinds the visit waits for as drawn charts


@dataclass
class Kind:
    """One kind of component and its visits."""

    name: str
    n: int
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


async def _visits(url: str, kinds: list[Kind], rounds: int) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ctx = await _context(browser)
            first = await ctx.new_page()  # the scripts into the browser's cache, as for the walker's new tab
            for kind in kinds:
                await first.goto(f"{url}/?kind={kind.name}&n={kind.n}", wait_until="commit", timeout=TIMEOUT_MS)
                await _wait_ready(first, kind.n if kind.name in CHARTS else 0, 0)
            for r in range(rounds):
                for kind in kinds if r % 2 == 0 else kinds[::-1]:
                    await asyncio.to_thread(wait_quiet, window=0.25, timeout=10)
                    tab = await ctx.new_page()
                    await tab.goto(f"{url}/?kind={kind.name}&n={kind.n}", wait_until="commit", timeout=TIMEOUT_MS)
                    ready = await _wait_ready(tab, kind.n if kind.name in CHARTS else 0, 0)
                    kind.seconds.append(ready / 1000)
                    await tab.close()
        finally:
            await browser.close()


def measure(names: list[str], n: int = 10, rounds: int = 5, work: Path | None = None) -> list[Kind]:
    """Serve the components app, visit every kind (and the empty page) `rounds` times; the kinds, 'none' first."""
    kinds = [Kind("none", 0)] + [Kind(k, DEFAULT_N.get(k, n)) for k in names if k != "none"]
    with tempfile.TemporaryDirectory(prefix="bench-components-") as tmp:
        folder = work or Path(tmp)
        server = start_server(folder / "unused.duckdb", folder / "components.log", app=APP)
        try:
            asyncio.run(_visits(server.url, kinds, rounds))
        finally:
            server.stop()
    return kinds


def table(kinds: list[Kind]) -> str:
    """The markdown table: each kind's new-session median and one component's cost over the empty page."""
    from bench.floor_app.components_app import KINDS

    empty = kinds[0].median
    lines = [
        f"| component | drawn | new session | per component (over the empty page's {empty:.2f} s) |",
        "|---|---|---|---|",
    ]
    for kind in kinds[1:]:
        each = (kind.median - empty) / kind.n * 1000
        lines.append(f"| {KINDS[kind.name]} | {kind.n} | {kind.median:.2f} s | {each:.0f} ms |")
    return "\n".join(lines)


def main() -> None:
    from bench.floor_app.components_app import KINDS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(k for k in KINDS if k != "none"), help="comma-separated kinds")
    parser.add_argument("--n", type=int, default=10, help="components per page (a table: 1, charts: 5)")
    parser.add_argument("--rounds", type=int, default=5, help="new-tab visits per kind (median of these)")
    args = parser.parse_args()
    kinds = measure([k for k in args.kinds.split(",") if k], n=args.n, rounds=args.rounds)
    print(table(kinds))


if __name__ == "__main__":
    main()
