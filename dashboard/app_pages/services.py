"""政务服务: cases by stage, matter and channel; the four service rates; specialists; bad ratings; 个转企."""

import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, fmt, theme, ui
from dashboard.i18n import label, labels, lang, t

f = filters.current()
language = lang()  # looked up once: row-wise labels below would each read the session state
scoped = bool(f.park or f.chain)
h = data.headline(f.period)
ytd = data.service_ytd(f.period, f.park, f.chain)

ui.page_header(t("sv.title", period=fmt.ytd_label(f.period)), ui.scope_line(f))


def rate(metric: str) -> float | None:
    """A service rate: the headline's, or the contract's ratio over the selection's sums."""
    return ytd.get(metric) if scoped else h[metric]


cases = ytd.get("cases") if scoped else h["service_cases_ytd"]
doorplate_share = 100.0 * ytd["doorplate"] / ytd["cases"] if ytd.get("cases") else None
with ui.kpi_row():
    ui.kpi(t("sv.kpi.cases"), fmt.count(cases, t("measure.case")))
    for metric in ("satisfaction_rate", "on_time_rate", "one_visit_rate", "rectification_rate"):
        ui.kpi(t(f"metric.{metric}"), fmt.pct(rate(metric)))
    ui.kpi(
        t("sv.kpi.doorplate"),
        fmt.count(ytd.get("doorplate"), t("measure.case")),
        t("sv.kpi.doorplate_delta", share=fmt.pct(doorplate_share)),
    )
    ui.kpi(t("sv.kpi.i2e"), fmt.count(ytd.get("individual_to_enterprise"), t("measure.case")))

# --- what is asked, and how ------------------------------------------------------------------------
stages = list(labels("stage"))
channels = list(labels("channel"))
left, mid, right = st.columns([5, 4, 6], gap="medium")
with left:
    st_df = data.service_by(f.period, "stage", f.park, f.chain)
    st_df = st_df.assign(name=st_df["code"].map(lambda c: label("stage", c, language)))
    ui.chart_card(
        t("sv.stage.title"),
        t("unit.case"),
        t("src.services"),
        ui.lazy(
            charts.ranked_bars,
            st_df,
            category="name",
            value="cases",
            value_title=t("sv.col.cases"),
            value_format=",.0f",
            order=[label("stage", c) for c in stages],
            height=250,
            extra_tooltip=[
                charts.Num("satisfaction_rate", t("metric.satisfaction_rate"), ".1f"),
                charts.Num("one_visit_rate", t("metric.one_visit_rate"), ".1f"),
            ],
        ),
        st_df,
        note=t("sv.stage.note", n=fmt.num(data.matter_count())),
    )
with mid:
    ch = data.service_by(f.period, "channel", f.park, f.chain)
    ch = ch.assign(name=ch["code"].map(lambda c: label("channel", c, language)))
    ui.chart_card(
        t("sv.channel.title"),
        t("unit.case"),
        t("src.services"),
        ui.lazy(
            charts.donut,
            ch,
            category="name",
            value="cases",
            order=[label("channel", c) for c in channels],
            colors=[theme.ZONE, theme.PRIMARY, "#5AB1EF", theme.WARN],
            value_title=t("sv.col.cases"),
            height=250,
        ),
        ch,
    )
with right:
    matters = data.service_by(f.period, "matter", f.park, f.chain)
    # 个转企 stays on the chart even when it is not among the busiest matters
    mt = pd.concat([matters.head(12), matters[matters["is_individual_to_enterprise"]]]).drop_duplicates("code")
    mt = (
        mt if len(mt) <= 12 else pd.concat([mt.head(11), mt[mt["is_individual_to_enterprise"]]]).drop_duplicates("code")
    )
    mt = mt.assign(
        kind=mt["is_individual_to_enterprise"].map(lambda v: t("sv.matter.i2e") if v else t("sv.matter.other"))
    )
    ui.chart_card(
        t("sv.matter.title"),
        t("unit.case"),
        t("src.services"),
        ui.lazy(
            charts.ranked_bars,
            mt,
            category="code",
            value="cases",
            value_title=t("sv.col.cases"),
            value_format=",.0f",
            label_limit=220,
            highlight="is_individual_to_enterprise",
            extra_tooltip=[charts.Num("satisfaction_rate", t("metric.satisfaction_rate"), ".1f")],
        ),
        mt,
    )

# --- quality over time -------------------------------------------------------------------------------
monthly = data.service_monthly(f.period, f.park, f.chain, months=24)
left, right = st.columns([3, 2], gap="medium")
with left:
    names = [t(f"metric.{m}") for m in ("satisfaction_rate", "on_time_rate", "one_visit_rate", "rectification_rate")]
    long = pd.concat(
        [
            pd.DataFrame({"period": monthly["period"], "rate": name, "value": monthly[m]})
            for name, m in zip(
                names, ("satisfaction_rate", "on_time_rate", "one_visit_rate", "rectification_rate"), strict=True
            )
        ]
    ).dropna(subset=["value"])
    ui.chart_card(
        t("sv.rates.title"),
        t("sv.rates.unit"),
        t("src.services"),
        ui.lazy(
            charts.lines,
            long,
            value="value",
            series="rate",
            order=names,
            colors=[theme.ZONE, theme.PRIMARY, theme.GOOD, theme.WARN],
            value_title="%",
        ),
        long,
    )
with right:
    ui.chart_card(
        t("sv.i2e.title"),
        t("unit.case"),
        t("src.services"),
        ui.lazy(
            charts.columns, monthly, value="individual_to_enterprise", value_title=t("sv.col.cases"), color=theme.ZONE
        ),
        monthly,
    )

# --- people: specialists and unresolved bad ratings -------------------------------------------------
left, right = st.columns(2, gap="medium")
with left:
    sp = data.specialists(f.period)
    top = sp.head(15).assign(below=lambda d: d["satisfaction_rate"] < (rate("satisfaction_rate") or 0))
    avg = sp["cases"].mean() if len(sp) else None
    low = sp["satisfaction_rate"].min() if len(sp) else None
    ui.chart_card(
        t("sv.spec.title"),
        t("sv.spec.unit", rate=fmt.pct(rate("satisfaction_rate"))),
        t("src.services"),
        ui.lazy(
            charts.ranked_bars,
            top,
            category="specialist_id",
            value="cases",
            value_title=t("sv.col.cases"),
            value_format=",.0f",
            highlight="below",
            highlight_color=theme.WARN,
            extra_tooltip=[
                charts.Num("satisfaction_rate", t("metric.satisfaction_rate"), ".1f"),
                charts.Num("on_time_rate", t("metric.on_time_rate"), ".1f"),
                charts.Num("bad", t("sv.rating.2"), ",.0f"),
                charts.Num("open_cases", t("sv.col.open"), ",.0f"),
            ],
        ),
        top,
        note=t("sv.spec.note", n=fmt.num(len(sp)), avg=fmt.num(avg, 1), low=fmt.pct(low)),
    )
with right:
    bad = data.bad_ratings_open(f.period, f.park, f.chain)
    with ui.card(t("sv.bad.title", n=fmt.num(len(bad))), t("sv.bad.unit"), t("src.services")):
        if bad.empty:
            ui.note(t("sv.none"))
        else:
            st.dataframe(
                pd.DataFrame(
                    {
                        t("sv.col.days"): bad["days_open"],
                        t("sv.col.rating"): bad["rating"].map(lambda r: t(f"sv.rating.{int(r)}")),
                        t("sv.col.enterprise"): bad["enterprise_name"],
                        t("sv.col.matter"): bad["matter_name"],
                        t("sv.col.channel"): bad["channel"].map(lambda c: label("channel", c, language)),
                        t("sv.col.specialist"): bad["specialist_id"].fillna("—"),
                        t("sv.col.submitted"): bad["submitted_at"],
                        t("sv.col.case"): bad["case_id"],
                    }
                ),
                hide_index=True,
                width="stretch",
                height=min(38 + 35 * len(bad), 460),
                column_config={t("sv.col.submitted"): st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
            )
