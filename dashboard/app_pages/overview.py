"""总览 · 成绩单: the headline metrics of the period, year-end target progress, growth against benchmarks."""

import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, fmt, present, regions, theme, ui
from dashboard.i18n import t
from warehouse import metrics

f = filters.current()
h = data.headline(f.period)
changes = data.headline_changes(f.period).set_index("metric")
history = data.headline_history(f.period, months=12)
info = data.build_info()
bench = data.growth_benchmarks(f.period, months=18)
names = regions.names(bench)  # 全国, 山东省, 济南市 … as the data names them (legends)
spoken = regions.prose(bench)  # the same inside a sentence (English: the nation … where the data has no name)
found = regions.named(bench)  # only the names the data gives
presenting = present.active()
# Twenty cards look their metric up: plain dicts built once, not a pandas filter per card
# (a string comparison over the Arrow-backed column per card was a fifth of the page's CPU).
change_rows = changes.to_dict("index")
history_by_metric = {m: g for m, g in history.groupby("metric", sort=False)}

ui.page_header(
    t("ov.title", period=fmt.ytd_label(f.period)),
    t("common.as_of", date=fmt.date_label(h["period_end"])) + " · " + t("common.source", src=t("src.warehouse")),
)

ui.callout(
    t(
        "ov.story.named",
        city=spoken["city"],
        nat=spoken["national"],
        prov=spoken["province"],
        ent_share=fmt.pct(h["enterprise_share_of_city"]),
        ent=fmt.count(h["above_scale_count"], t("measure.ent")),
        out_share=fmt.pct(h["output_share_of_city"]),
        rev_share=fmt.pct(h["revenue_share_of_city"]),
        growth=fmt.pct(h["industrial_va_growth_ytd"]),
        lead_n=fmt.pp(h["lead_vs_national_pp"], signed=False),
        lead_p=fmt.pp(h["lead_vs_province_pp"], signed=False),
    )
)
if f.park or f.chain:
    ui.note(t("common.zone_wide"))
if not presenting:  # the open red alerts (预警), and the way to them
    red = len(data.open_alerts(f.period, ("red",)))
    st.page_link(
        "app_pages/alerts.py",
        label=t("al.overview.red", n=fmt.num(red)) + " · " + t("al.overview.link"),
        query_params={"period": f.period},
    )


def spark(metric: metrics.Metric) -> list[float] | None:
    """The metric's last 12 months, for the card's sparkline (as its registry entry says: none,
    the months of this year only (YTD sums), or all 12 months)."""
    if metric.sparkline == "none":  # e.g. the annual plan changes once a year: nothing to draw
        return None
    s = history_by_metric.get(metric.name)
    if s is None:
        return None
    year_only = metric.sparkline == "this_year"
    values = [
        v
        for p, v in zip(s["period"].tolist(), s["metric_value"].tolist(), strict=True)
        if not pd.isna(v) and (not year_only or p.startswith(f.period[:4]))
    ]
    return values if len(values) > 1 else None


LEADS = {"lead_vs_national_pp": "national", "lead_vs_province_pp": "province"}


def kpi(name: str, help: str | None = None) -> None:
    """One headline card: value, change on a year ago, sparkline — printed and drawn as the metric's registry entry says."""
    metric = metrics.BY_NAME[name]
    delta, size, description = ui.metric_delta(change_rows.get(name), fmt.measure_word(metric.unit))
    region = found.get(LEADS.get(name, ""))
    ui.kpi(
        t("region.lead", region=region) if region else t(f"metric.{name}"),
        fmt.metric(name, h[name]),
        delta,
        size,
        description,
        help=help,
        chart=None if presenting else spark(metric),
        chart_type=metric.chart,
    )


def lead_help(key: str, national: str, province: str) -> str:
    """A card's help: the zone's lead over the nation and the province, in points."""
    return t(
        key,
        nat=spoken["national"],
        prov=spoken["province"],
        n=fmt.pp(h[national], signed=False),
        p=fmt.pp(h[province], signed=False),
    )


growth_help = lead_help("ov.help.growth.named", "lead_vs_national_pp", "lead_vs_province_pp")
if presenting:
    # The press screen: the seed article's opening figures, two rows of five, then the two charts.
    with ui.kpi_row():
        kpi("gross_output_ytd")
        kpi("industrial_va_growth_ytd", help=growth_help)
        kpi("lead_vs_national_pp")
        kpi("lead_vs_province_pp")
        kpi("revenue_share_of_city")
    with ui.kpi_row():
        kpi(
            "above_scale_count",
            help=t("ov.help.ent", share=fmt.pct(h["enterprise_share_of_city"])),
        )
        kpi("projects_under_construction")
        kpi("industrial_investment_since_2023")
        kpi("little_giant")
        kpi("satisfaction_rate")
else:
    ui.section(t("ov.section.industry"))
    with ui.kpi_row():
        kpi("gross_output_ytd")
        kpi("industrial_va_growth_ytd", help=growth_help)
        kpi("lead_vs_national_pp")
        kpi("lead_vs_province_pp")
    with ui.kpi_row():
        kpi(
            "manufacturing_va_growth_ytd",
            help=lead_help(
                "ov.help.mfg.named", "manufacturing_lead_vs_national_pp", "manufacturing_lead_vs_province_pp"
            ),
        )
        kpi("revenue_share_of_city")
        kpi("output_share_of_city")
        kpi(
            "above_scale_count",
            help=t("ov.help.ent", share=fmt.pct(h["enterprise_share_of_city"])),
        )

    ui.section(t("ov.section.projects"))
    with ui.kpi_row():
        kpi("projects_under_construction")
        kpi("industrial_investment_since_2023")
        kpi(
            "plan_new_or_continuing",
            help=t(
                "ov.help.plan",
                year=f.year,
                a=fmt.count(h["plan_new_or_continuing"]),
                b=fmt.count(h["plan_preparatory"]),
            ),
        )
        kpi("plan_preparatory")
    with ui.kpi_row():
        kpi("innovative_sme")
        kpi(
            "specialized_or_gazelle",
            help=t("ov.help.sog"),
        )
        kpi("little_giant")
        kpi("high_tech")

    ui.section(t("ov.section.people"))
    with ui.kpi_row():
        kpi("talent_in_post")
        kpi("service_cases_ytd")
        kpi("satisfaction_rate")
        kpi("on_time_rate")

# presenting, the two charts take whatever height the cards above leave of the screen
charts_row = st.container(key="present-charts" if presenting else None)
left, right = charts_row.columns([1, 1], gap="medium")
with left:
    targets = data.target_projection(f.period)
    with ui.card(
        t("ov.targets.title") + f" · {f.year}",
        t("ov.targets.unit"),
        t("src.targets"),
        note=None if presenting else t("ov.targets.method"),
    ):
        if targets.empty:
            ui.note(t("ov.targets.none", year=f.year))
        else:
            tg = targets.copy()
            tg["name"] = tg["indicator"].map(lambda m: t(f"metric.{m}"))
            tg["text"] = [
                t(
                    "ov.targets.text",
                    name=r.name,
                    actual=fmt.count(r.actual_value),
                    target=fmt.count(r.target_value),
                    done=fmt.pct(r.completion_pct),
                    proj=fmt.count(r.projected_year_end_value),
                    proj_pct=fmt.pct(r.projected_completion_pct),
                )
                for r in tg.itertuples()
            ]
            if presenting:  # one line a target: the screen has room for the bars, not for two-line headings
                tg["text"] = tg["text"].str.replace("\n", "　", regex=False)
            order = ["innovative_sme", "specialized_or_gazelle", "little_giant", "above_scale_count"]
            tg["sort"] = tg["indicator"].map(lambda m: order.index(m) if m in order else len(order))
            tg = tg.sort_values(["sort", "indicator"])
            ui.chart(
                ui.lazy(
                    charts.progress,
                    tg,
                    label="name",
                    actual="actual_value",
                    target="target_value",
                    projected="projected_year_end_value",
                    actual_title=t("ov.targets.done"),
                    target_title=t("ov.targets.target"),
                    projected_title=t("ov.targets.projected"),
                    text="text",
                    height=present.FILL if presenting else None,
                )
            )
with right:
    long = pd.concat(
        [
            pd.DataFrame({"period": bench["period"], "region": names[code], "value": bench[col]})
            for code, col in [
                ("zone", "industrial_va_growth_ytd"),
                ("national", "national_industrial_va_growth_ytd"),
                ("province", "province_industrial_va_growth_ytd"),
                ("city", "city_industrial_va_growth_ytd"),
            ]
        ]
    ).dropna(subset=["value"])
    order = [names[c] for c in ("zone", "city", "province", "national")]
    ui.growth_benchmark_card(
        t("ov.growth.title.named", nat=spoken["national"], prov=spoken["province"], city=spoken["city"]),
        long,
        order,
        [theme.REGION_COLORS[c] for c in ("zone", "city", "province", "national")],
        height=present.FILL if presenting else 300,
    )

if not presenting:
    ui.note(
        t(
            "ov.footer",
            date=fmt.date_label(h["period_end"]),
            build=t("common.built", ts=fmt.timestamp_label(info.get("built_at"))),
        )
    )
