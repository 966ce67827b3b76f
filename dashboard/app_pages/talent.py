"""人才: talent in post by category, chain, education and source; arrivals; the talent map of gaps."""

import streamlit as st

from dashboard import charts, data, filters, fmt, theme, ui
from dashboard.i18n import label, labels, lang, t

f = filters.current()
language = lang()  # looked up once: row-wise labels below would each read the session state
h = data.headline(f.period)
by_category = data.talent_breakdown(f.period, "category", f.chain)
ytd = data.talent_arrivals_ytd(f.period, f.chain)
tmap = data.talent_map(f.period, f.chain)

ui.page_header(t("tl.title", period=fmt.period_label(f.period)), ui.scope_line(f))
if f.park:
    ui.note(t("scope.ignores_park"))

in_post = by_category["in_post"].sum() if f.chain else h["talent_in_post"]
by_education = data.talent_breakdown(f.period, "education", f.chain)
openings = tmap["openings"].sum(min_count=1)
gap = tmap["gap"].sum(min_count=1)
cat = by_category.set_index("code")["in_post"]
with ui.kpi_row():
    ui.kpi(t("tl.kpi.in_post"), fmt.count(in_post, t("measure.person")))
    ui.kpi(
        t("tl.kpi.arrivals"),
        fmt.count(ytd.get("arrivals"), t("measure.person")),
        t("tl.kpi.arrivals_delta", a=fmt.count(ytd.get("introduced")), b=fmt.count(ytd.get("cultivated"))),
    )
    ui.kpi(t("tl.kpi.top"), fmt.count(cat.get("top", 0) + cat.get("leading", 0), t("measure.person")))
    ui.kpi(t("tl.kpi.doctors"), fmt.count(by_education.set_index("code")["in_post"].get("doctor"), t("measure.person")))
    ui.kpi(t("tl.kpi.openings"), fmt.count(openings, t("measure.proj")))
    ui.kpi(t("tl.kpi.gap"), fmt.count(gap, t("measure.person")), t("tl.kpi.gap_delta"))

# --- the talent map ---------------------------------------------------------------------------
categories = list(labels("talent_category"))
tm = tmap.assign(category_name=tmap["category"].map(lambda c: label("talent_category", c, language)))
tm["text"] = tm["gap"].map(lambda v: fmt.spec(v, "+,.0f", "") if v else "0")
with ui.card(t("tl.map.title"), t("tl.map.unit"), t("src.talent")):
    largest = tm.dropna(subset=["gap"]).sort_values("gap", ascending=False).head(3)
    largest = largest[largest["gap"] > 0]
    if len(largest):
        sep = "；" if lang() == "zh" else "; "
        ui.callout(
            t(
                "tl.map.callout",
                items=sep.join(
                    t("tl.map.item", chain=r.chain, category=r.category_name, gap=fmt.num(r.gap))
                    for r in largest.itertuples()
                ),
            )
        )
    ui.chart(
        ui.lazy(
            charts.heatmap,
            tm,
            x="category_name",
            y="chain",
            value="gap",
            text="text",
            value_title=t("tl.map.gap"),
            x_order=[label("talent_category", c) for c in categories],
            y_order=data.chains(),
            extra_tooltip=[
                charts.Num("openings", t("tl.map.openings"), ",.0f"),
                charts.Num("arrivals", t("tl.map.arrivals"), ",.0f"),
                charts.Num("gap", t("tl.map.gap"), "+,.0f"),
                charts.Num("in_post_count", t("tl.map.in_post"), ",.0f"),
            ],
        ),
        empty=tm.empty,
    )

# --- who is in post ------------------------------------------------------------------------------
left, right = st.columns(2, gap="medium")
with left:
    bc = by_category.assign(name=by_category["code"].map(lambda c: label("talent_category", c, language)))
    ui.chart_card(
        t("tl.category.title"),
        t("unit.person"),
        t("src.talent"),
        ui.lazy(
            charts.ranked_bars,
            bc,
            category="name",
            value="in_post",
            value_title=t("tl.people"),
            value_format=",.0f",
            order=[label("talent_category", c) for c in categories],
            height=220,
        ),
        bc,
    )
with right:
    bch = data.talent_breakdown(f.period, "chain", f.chain)
    ui.chart_card(
        t("tl.chain.title"),
        t("unit.person"),
        t("src.talent"),
        ui.lazy(
            charts.ranked_bars,
            bch,
            category="code",
            value="in_post",
            value_title=t("tl.people"),
            value_format=",.0f",
            height=220,
        ),
        bch,
    )

left, mid, right = st.columns([1, 1, 2], gap="medium")
with left:
    edu = by_education.assign(name=by_education["code"].map(lambda c: label("education", c, language)))
    order = [label("education", c) for c in labels("education")]
    ui.chart_card(
        t("tl.education.title"),
        t("unit.person"),
        t("src.talent"),
        ui.lazy(
            charts.donut,
            edu,
            category="name",
            value="in_post",
            order=order,
            colors=[theme.ZONE, theme.WARN, theme.PRIMARY, "#B7C9E6"],
            value_title=t("tl.people"),
        ),
        edu,
    )
with mid:
    src = data.talent_breakdown(f.period, "source", f.chain)
    src = src.assign(name=src["code"].map(lambda c: label("source", c, language)))
    ui.chart_card(
        t("tl.source.title"),
        t("unit.person"),
        t("src.talent"),
        ui.lazy(
            charts.donut,
            src,
            category="name",
            value="in_post",
            order=[label("source", c) for c in labels("source")],
            colors=[theme.ZONE, theme.PRIMARY],
            value_title=t("tl.people"),
        ),
        src,
    )
with right:
    tmo = data.talent_monthly(f.period, f.chain, months=24)
    ui.chart_card(
        t("tl.arrivals.title"),
        t("unit.person"),
        t("src.talent"),
        ui.lazy(
            charts.columns_with_line,
            tmo,
            bar="arrivals",
            bar_title=t("tl.arrivals"),
            line="departures",
            line_title=t("tl.departures"),
            bar_format=",.0f",
            line_format=",.0f",
            same_axis=True,
            height=260,
        ),
        tmo,
    )
