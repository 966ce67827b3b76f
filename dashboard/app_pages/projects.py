"""项目建设: the annual plan, the pipeline, cumulative industrial investment, provincial key projects, Gantt."""

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, fmt, theme, ui
from dashboard.i18n import label, labels, lang, t

f = filters.current()
language = lang()  # looked up once: row-wise labels below would each read the session state
h = data.headline(f.period)
plan = data.plan_progress(f.period, f.chain)
pipe = data.pipeline(f.period, f.chain)
invest = data.investment_since_2023(f.period, f.chain)
inv_now = data.records(invest[invest["period"] == f.period])

ui.page_header(t("pj.title", period=fmt.period_label(f.period)), ui.scope_line(f))
if f.park:
    ui.note(t("scope.ignores_park"))

counts = plan.set_index("plan_category")["projects"].to_dict()
new_cont = counts.get("new", 0) + counts.get("continuing", 0)
prep = counts.get("preparatory", 0)
if not f.chain:  # unfiltered: the headline's own figures
    new_cont, prep = h["plan_new_or_continuing"], h["plan_preparatory"]
planned_total, done_total = plan["planned_investment"].sum(), plan["invested_ytd"].sum()
completion = 100.0 * done_total / planned_total if planned_total else None
under = (
    pipe.set_index("project_status")["projects"].get("under_construction")
    if f.chain
    else h["projects_under_construction"]
)

with ui.kpi_row():
    ui.kpi(
        t("pj.kpi.plan"),
        fmt.count(new_cont + prep, t("measure.proj")),
        t("pj.kpi.plan_delta", a=fmt.count(new_cont), b=fmt.count(prep)),
    )
    ui.kpi(
        t("pj.kpi.completion"),
        fmt.pct(completion),
        t("pj.kpi.completion_delta", done=fmt.yi(done_total), plan=fmt.yi(planned_total)),
    )
    ui.kpi(t("pj.kpi.under_construction"), fmt.count(under, t("measure.proj")))
    ui.kpi(
        t("pj.kpi.invest"),
        fmt.yi(inv_now.get("invested_since_2023") if f.chain else h["industrial_investment_since_2023"]),
    )
    ui.kpi(t("pj.kpi.projects"), fmt.count(inv_now.get("projects"), t("measure.proj")))
    ui.kpi(t("pj.kpi.provincial"), fmt.count(inv_now.get("provincial_key_projects"), t("measure.proj")))

# --- plan and pipeline ----------------------------------------------------------------------
left, right = st.columns(2, gap="medium")
with left:
    cats = list(labels("plan"))
    pl = plan.set_index("plan_category").reindex(cats).reset_index().fillna(0)
    rows = []
    for r in pl.itertuples():
        rows.append(
            {
                "category": label("plan", r.plan_category),
                "kind": t("pj.plan.planned"),
                "value": r.planned_investment / 1e4,
            }
        )
        rows.append(
            {"category": label("plan", r.plan_category), "kind": t("pj.plan.done"), "value": r.invested_ytd / 1e4}
        )
    plan_long = pd.DataFrame(rows)
    counts_text = ("、" if lang() != "en" else ", ").join(
        f"{label('plan', r.plan_category)} {fmt.count(r.projects, t('measure.proj'))}" for r in pl.itertuples()
    )
    ui.chart_card(
        t("pj.plan.title", year=f.year),
        t("unit.yi"),
        t("src.projects"),
        ui.lazy(
            charts.grouped_bars,
            plan_long,
            category="category",
            value="value",
            group="kind",
            order=[t("pj.plan.planned"), t("pj.plan.done")],
            colors=["#9EC1F0", theme.PRIMARY],
            value_title=t("unit.yi"),
            value_format=",.1f",
            category_order=[label("plan", c) for c in cats],
            height=260,
        ),
        plan_long,
        note=t("pj.plan.note", counts=counts_text),
    )
with right:
    statuses = list(labels("status"))
    pp = pipe.assign(stage=pipe["project_status"].map(lambda c: label("status", c, language)))
    pp["text"] = (
        pp["projects"].map(lambda v: fmt.count(v, t("measure.proj"))) + "  " + pp["total_investment"].map(fmt.yi)
    )
    ui.chart_card(
        t("pj.pipeline.title"),
        t("unit.proj"),
        t("src.projects"),
        ui.lazy(
            charts.ranked_bars,
            pp,
            category="stage",
            value="projects",
            value_title=t("pj.pipeline.projects"),
            value_format=",.0f",
            order=[label("status", c) for c in statuses],
            colors=["#B7C9E6", theme.WARN, theme.ZONE, theme.PRIMARY],
            text="text",
            height=260,
        ),
        pp,
    )

left, right = st.columns(2, gap="medium")
with left:
    inv = invest.assign(monthly=invest["invested"] / 1e4, cum=invest["invested_since_2023"] / 1e4)
    ui.chart_card(
        t("pj.invest.title"),
        t("unit.yi"),
        t("src.projects"),
        ui.lazy(
            charts.columns_with_line,
            inv,
            bar="monthly",
            bar_title=t("pj.invest.month"),
            line="cum",
            line_title=t("pj.invest.cum"),
            line_format=",.1f",
        ),
        inv,
    )
with right:
    pm = data.pipeline_monthly(f.period, f.chain, months=30)
    pm = pm.assign(stage=pm["project_status"].map(lambda c: label("status", c, language)))
    ui.chart_card(
        t("pj.pipeline.trend"),
        t("unit.proj"),
        t("src.projects"),
        ui.lazy(
            charts.stacked_columns,
            pm,
            x="period",
            value="projects",
            color="stage",
            order=[label("status", c) for c in statuses],
            colors=["#B7C9E6", theme.WARN, theme.ZONE, theme.PRIMARY],
            value_title=t("pj.pipeline.projects"),
        ),
        pm,
    )

# --- Gantt ------------------------------------------------------------------------------------
summary = data.gantt_delay_summary(f.chain)
with ui.card(
    t("pj.gantt.title"),
    t("pj.gantt.unit"),
    t("src.milestones"),
    note=t(
        "pj.gantt.summary",
        date=fmt.date_label(summary.get("as_of_date")),
        m=fmt.count(summary.get("delayed_milestones")),
        p=fmt.count(summary.get("delayed_projects")),
        o=fmt.count(summary.get("delayed_open_projects")),
    ),
):
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        delayed_only = st.toggle(t("pj.gantt.delayed_only"), value=True, key="gantt_delayed_only")
        projects = data.gantt_projects(f.chain, delayed_only, limit=40)
        top_n = 12
        choices = ["__top__", *projects["project_id"].tolist()]
        names = dict(zip(projects["project_id"], projects["project_name"], strict=True))
        top_label = t("pj.gantt.top", n=top_n)
        picked = st.selectbox(
            t("pj.gantt.project"),
            choices,
            key="gantt_project",
            width=420,
            format_func=lambda v: top_label if v == "__top__" else names.get(v, v),
        )
    status_names = [
        t("pj.status.on_time"),
        t("pj.status.late_done"),
        t("pj.status.in_progress"),
        t("pj.status.late_open"),
    ]
    status_colors = [theme.PRIMARY, theme.WARN, "#5AB1EF", theme.ZONE]
    ids = tuple(projects["project_id"].head(top_n)) if picked == "__top__" else (picked,)
    ms = data.gantt_milestones(ids)
    if ms.empty:
        ui.chart(None, empty=True)
    else:
        ms["status"] = [
            status_names[(1 if r.is_delayed else 0) if r.is_finished else (3 if r.is_delayed else 2)]
            for r in ms.itertuples()
        ]
        today = pd.Timestamp(ms["as_of_date"].max())
        delay_tip = alt.Tooltip("delay_days:Q", title=t("pj.gantt.delay"))
        if picked == "__top__":
            # one row per project: its milestones side by side
            ms["row"] = ms["project_name"]
            per_view = {
                "tooltip": [alt.Tooltip("milestone:N", title=" "), delay_tip],
                "row_order": [names[i] for i in ids],
            }
        else:
            ms["row"] = ms["seq"].astype(str) + ". " + ms["milestone"]
            per_view = {"tooltip": [delay_tip]}
        chart = ui.lazy(
            charts.gantt,
            ms,
            row="row",
            status_order=status_names,
            status_colors=status_colors,
            today=today,
            planned_title=t("pj.gantt.planned"),
            actual_title=t("pj.gantt.actual"),
            **per_view,
        )
        ui.chart(chart)

# --- provincial key projects ------------------------------------------------------------------
prov = data.provincial_key_projects(f.chain)
with ui.card(
    t("pj.prov.title") + f"（{fmt.count(len(prov), t('measure.proj'))}）"
    if lang() == "zh"
    else t("pj.prov.title") + f" ({len(prov)})",
    t("pj.prov.unit"),
    t("src.projects"),
):
    table = pd.DataFrame(
        {
            t("pj.col.project"): prov["project_name"],
            t("pj.col.enterprise"): prov["enterprise_name"],
            t("pj.col.chain"): prov["chain"],
            t("pj.col.status"): prov["project_status"].map(lambda c: label("status", c, language)),
            t("pj.col.total"): prov["total_investment"] / 1e4,
            t("pj.col.invested"): prov["invested_to_date"] / 1e4,
            t("pj.col.progress"): (prov["invested_to_date"] / prov["total_investment"]).clip(0, 1),
            t("pj.col.actual_start"): prov["actual_start"],
            t("pj.col.planned_completion"): prov["planned_completion"],
            t("pj.col.delay"): [
                fmt.num(d) if late else ""
                for d, late in zip(prov["start_delay_days"], prov["is_start_delayed"], strict=True)
            ],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(table), 420),
        column_config={
            t("pj.col.total"): st.column_config.NumberColumn(format="%.2f"),
            t("pj.col.invested"): st.column_config.NumberColumn(format="%.2f"),
            t("pj.col.progress"): st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1),
            t("pj.col.actual_start"): st.column_config.DateColumn(format="YYYY-MM-DD"),
            t("pj.col.planned_completion"): st.column_config.DateColumn(format="YYYY-MM-DD"),
            t("pj.col.delay"): st.column_config.TextColumn(),
        },
    )
