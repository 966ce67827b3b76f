"""工业增长: YTD growth against benchmarks, output trend, breakdowns, contributions, manufacturing."""

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, fmt, regions, theme, ui
from dashboard.i18n import t

f = filters.current()
scoped = bool(f.park or f.chain)
h = data.headline(f.period)
monthly = data.output_scope_monthly(f.period, f.park, f.chain, months=30)
now = data.records(monthly[monthly["period"] == f.period])
bench = data.growth_benchmarks(f.period, months=30)
b_now = data.records(bench[bench["period"] == f.period])
names = regions.names(bench)  # 全国, 山东省, 济南市 … as the data names them (legends)
spoken = regions.prose(bench)  # the same inside a sentence

ui.page_header(t("gr.title", period=fmt.ytd_label(f.period)), ui.scope_line(f))

# Unfiltered, every figure is the headline's; filtered, the sums of the mart for the selection.
growth = now.get("va_growth_ytd") if scoped else h["industrial_va_growth_ytd"]
mfg = now.get("mfg_growth_ytd") if scoped else h["manufacturing_va_growth_ytd"]
with ui.kpi_row():
    ui.kpi(t("gr.kpi.output"), fmt.yi(now.get("gross_output_ytd") if scoped else h["gross_output_ytd"]))
    ui.kpi(t("gr.kpi.revenue"), fmt.yi(now.get("revenue_ytd") if scoped else h["revenue_ytd"]))
    ui.kpi(t("gr.kpi.profit"), fmt.yi(now.get("profit_ytd") if scoped else h["profit_ytd"]))
    lead_city = (
        (growth - b_now["city_industrial_va_growth_ytd"])
        if scoped and growth is not None and b_now
        else b_now.get("lead_vs_city_pp")
    )
    ui.kpi(
        t("gr.kpi.growth"), fmt.pct(growth), t("region.lead_pp", region=spoken["city"], pp=fmt.pp(lead_city)), lead_city
    )
    ui.kpi(t("gr.kpi.mfg"), fmt.pct(mfg))
    ui.kpi(
        t("gr.kpi.ents"), fmt.count(now.get("enterprise_count") if scoped else h["above_scale_count"], t("measure.ent"))
    )

# --- growth against benchmarks, and the output trend ---------------------------------------
left, right = st.columns(2, gap="medium")
with left:
    series = [
        ("zone", "industrial_va_growth_ytd"),
        ("city", "city_industrial_va_growth_ytd"),
        ("province", "province_industrial_va_growth_ytd"),
        ("national", "national_industrial_va_growth_ytd"),
    ]
    frames = [
        pd.DataFrame({"period": bench["period"], "region": names[code], "value": bench[col]}) for code, col in series
    ]
    order = [names[code] for code, _ in series]
    colors = [theme.REGION_COLORS[code] for code, _ in series]
    if scoped:
        frames.append(
            pd.DataFrame(
                {"period": monthly["period"], "region": t("scope.selected"), "value": monthly["va_growth_ytd"]}
            )
        )
        order.append(t("scope.selected"))
        colors.append(theme.WARN)
    long = pd.concat(frames).dropna(subset=["value"])
    ui.growth_benchmark_card(
        t("gr.bench.title.named", nat=spoken["national"], prov=spoken["province"], city=spoken["city"]),
        long,
        order,
        colors,
        dashed=[t("scope.selected")],
    )
with right:
    trend = monthly.assign(output=monthly["gross_output"] / 1e4, revenue=monthly["revenue"] / 1e4)
    ui.chart_card(
        t("gr.trend.title"),
        t("unit.yi"),
        t("src.industrial"),
        ui.lazy(
            charts.columns_with_line,
            trend,
            bar="output",
            bar_title=t("gr.trend.output"),
            line="revenue",
            line_title=t("gr.trend.revenue"),
            line_format=",.1f",
            same_axis=True,
        ),
        trend,
    )


# --- breakdowns ------------------------------------------------------------------------------
def breakdown(by: str, title: str, limit: int | None = None, height: int | None = None) -> None:
    """Ranked bars of YTD output for one dimension, growth and enterprises in the tooltip."""
    df = data.output_breakdown(f.period, by, f.park, f.chain)
    if limit:
        df = df.head(limit)
    df = df.assign(output=df["gross_output_ytd"] / 1e4)
    chart = ui.lazy(
        charts.ranked_bars,
        df,
        category="category",
        value="output",
        value_title=t("unit.yi"),
        value_format=",.1f",
        height=height,
        extra_tooltip=[
            charts.Num("va_growth_ytd", t("gr.growth_col") + " %", ".1f"),
            charts.Num("enterprise_count", t("gr.ents_col"), ",.0f"),
        ],
    )
    ui.chart_card(title, t("unit.yi"), t("src.industrial"), chart, df)


left, right = st.columns(2, gap="medium")
with left:
    breakdown("chain", t("gr.chain.title"), height=230)
with right:
    breakdown("park", t("gr.park.title"), height=230)

left, right = st.columns(2, gap="medium")
with left:
    breakdown("division", t("gr.division.title"), limit=12)
with right:
    divs = data.division_contributions(f.period, f.park, f.chain, limit=12)
    ui.contribution_card(
        t("gr.contrib.div.title"),
        divs,
        "division_name",
        note=t("gr.contrib.note", growth=fmt.pct(h["industrial_va_growth_ytd"])),
        extra_tooltip=[charts.Num("enterprise_count", t("gr.ents_col"), ",.0f")],
    )

left, right = st.columns(2, gap="medium")
with left:
    top = data.top_contributors(f.period, f.park, f.chain, limit=10)
    if data.leader_view():  # one enterprise's statistics are never shown to a role that sees aggregates only
        with ui.card(t("gr.contrib.ent.title"), None, t("src.industrial")):
            st.info(t("conf.figures_hidden"), icon=":material/lock:")
    else:
        ui.contribution_card(
            t("gr.contrib.ent.title"),
            top,
            "enterprise_name",
            label_limit=240,
            extra_tooltip=[
                charts.Num("enterprise_va_growth_ytd", t("gr.ent_growth") + " %", ".1f"),
                alt.Tooltip("division_name:N", title=" "),
                alt.Tooltip("park:N", title=t("filters.park")),
            ],
        )
with right:
    rows = []
    for code, all_col, mfg_col in [
        ("zone", "industrial_va_growth_ytd", "manufacturing_va_growth_ytd"),
        ("city", "city_industrial_va_growth_ytd", "city_manufacturing_va_growth_ytd"),
        ("province", "province_industrial_va_growth_ytd", "province_manufacturing_va_growth_ytd"),
        ("national", "national_industrial_va_growth_ytd", "national_manufacturing_va_growth_ytd"),
    ]:
        rows.append({"region": names[code], "kind": t("gr.mfg.all"), "value": b_now.get(all_col)})
        rows.append({"region": names[code], "kind": t("gr.mfg.mfg"), "value": b_now.get(mfg_col)})
    mf = pd.DataFrame(rows).dropna(subset=["value"])
    ui.chart_card(
        t("gr.mfg.title"),
        t("unit.pct"),
        ui.sources(t("src.industrial"), t("src.benchmarks")),
        ui.lazy(
            charts.grouped_bars,
            mf,
            category="region",
            value="value",
            group="kind",
            order=[t("gr.mfg.all"), t("gr.mfg.mfg")],
            colors=[theme.PRIMARY, theme.WARN],
            value_title="%",
            category_order=[names[c] for c in ("zone", "city", "province", "national")],
        ),
        mf,
        note=t("scope.zone_only") if scoped else None,
    )
