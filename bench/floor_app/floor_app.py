"""The floor: a bare multipage Streamlit app that draws what a page of ours draws, and nothing else.

Issue 14 measures our cost over this app. Every page of it has the same URL path as a
page of ours, does one DuckDB read of the same warehouse ($ZONE_DB, opened as every
reader opens it: warehouse/readonly.py, the connection cached per process and the read's
result per run of its SQL, as dashboard/data.py caches its own) and draws as many Altair
charts with `st.altair_chart` as the matching page of ours drew in the same benchmark
run: as many full-width charts as it drew charts, and as many sparkline-sized ones (one
line, no axes, the height of a KPI card's) as its KPI cards drew sparklines. No sign-in, sidebar filters, cards, KPIs, tables, downloads or source lines: what is
left is Streamlit drawing those charts.

The pages come from the JSON file named by $BENCH_FLOOR_PAGES, written by the walker after
it has counted the charts of our pages (bench/pages.py): a list of {"path", "title",
"charts", "sparklines"} (charts counting the sparklines too), the overview's path being "/". The server starts with this folder's
.streamlit/config.toml, a link to ours, so both apps run under the same settings.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # `streamlit run` puts this folder on sys.path, not the repo root
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import altair as alt
import pandas as pd
import streamlit as st

from warehouse import readonly

# One read per page: a monthly series per chain from the mart the page of ours mostly draws
# (a few hundred rows at every scale; the scan grows with the scale). Other pages read the overview's.
# page path -> (mart, the column summed)
READS = {
    path: (mart, measure)
    for path, mart, measure in (
        line.split()
        for line in """
            /           industrial_output_monthly       revenue
            /growth     industrial_output_monthly       value_added
            /projects   industrial_investment_monthly   invested
            /tiers      enterprise_tier_counts_monthly  enterprise_count
            /talent     talent_gap_monthly              gap
            /services   service_cases_monthly           cases
        """.strip().splitlines()
    )
}
MARKS = ("line", "bar", "area")  # drawn in turn, so a page's charts are not all the same kind


@st.cache_resource
def connection(path: str):
    """The read-only connection of warehouse/readonly.py, one per process."""
    return readonly.connect(path)


@st.cache_data(ttl=600, show_spinner=False)
def read(path: str, mart: str, measure: str) -> pd.DataFrame:
    """The page's one read: sum of `measure` per month and chain."""
    with connection(path).cursor() as cur:
        sql = (
            f"SELECT period_end, chain, sum({readonly.identifier(measure)}) AS value "
            f"FROM {readonly.identifier(mart)} GROUP BY ALL ORDER BY ALL"
        )
        return readonly.use(cur).execute(sql).df()


def chart(df: pd.DataFrame, i: int) -> alt.Chart:
    """The i-th chart of a page: the series per chain as a line, stacked bars or stacked areas."""
    base = alt.Chart(df).encode(
        x=alt.X("period_end:T", title=None),
        y=alt.Y("value:Q", title=None),
        color=alt.Color("chain:N", title=None),
        tooltip=["period_end:T", "chain:N", "value:Q"],
    )
    mark = MARKS[i % len(MARKS)]
    return (base.mark_line(point=True) if mark == "line" else getattr(base, f"mark_{mark}")()).properties(height=300)


def sparkline(df: pd.DataFrame, i: int) -> alt.Chart:
    """The i-th sparkline of a page: one chain's series, as small as a KPI card's."""
    one = df[df["chain"] == df["chain"].iloc[i % len(df)]] if len(df) else df
    return (
        alt.Chart(one)
        .mark_line()
        .encode(x=alt.X("period_end:T", axis=None), y=alt.Y("value:Q", axis=None))
        .properties(height=56)
    )


def draw(path: str, charts: int, sparklines: int) -> None:
    """One page of the floor."""
    mart, measure = READS.get(path, READS["/"])
    df = read(os.environ["ZONE_DB"], mart, measure)
    for i in range(sparklines):
        st.altair_chart(sparkline(df, i), width="stretch", theme=None)
    for i in range(charts - sparklines):
        st.altair_chart(chart(df, i), width="stretch", theme=None)  # as ours draws them


def page(spec: dict) -> st.Page:
    """The st.Page of one page of ours: its title and path, its chart count."""
    path, charts, sparklines = spec["path"], int(spec["charts"]), int(spec.get("sparklines", 0))
    name = path.strip("/") or "overview"

    def run() -> None:
        draw(path, charts, sparklines)

    run.__name__ = name  # st.Page names a callable page after its function
    if path == "/":
        return st.Page(run, title=spec["title"], default=True)
    return st.Page(run, title=spec["title"], url_path=name)


st.set_page_config(page_title="floor", layout="wide")
specs = json.loads(Path(os.environ["BENCH_FLOOR_PAGES"]).read_text(encoding="utf-8"))
st.navigation([page(s) for s in specs], position="sidebar", expanded=True).run()
