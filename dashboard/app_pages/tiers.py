"""企业梯队: the two ladders against year-end targets, counts over time, promotions, expiring recognitions."""

from functools import partial

import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, fmt, theme, ui
from dashboard.i18n import label, lang, t

f = filters.current()
language = lang()  # looked up once: row-wise labels below would each read the session state
h = data.headline(f.period)
counts = data.tier_counts(f.period, f.chain).set_index("tier")
targets = data.target_projection(f.period).set_index("indicator")
promotions = data.tier_promotions(f.period, f.park, f.chain)
expiring = data.tier_expiring(f.period, f.park, f.chain, months=6, limit=data.LIST_ROWS)
promoted = data.tier_promotion_counts(f.period, f.park, f.chain)
expiry = data.tier_expiring_counts(f.period, f.park, f.chain, months=6)
names_only = data.leader_view()  # the lists hold only enterprises that agreed to be named

ui.page_header(t("tr.title", period=fmt.period_label(f.period)), ui.scope_line(f))
if f.park:
    ui.note(t("scope.ignores_park"))


def value(tier: str) -> float | None:
    """Enterprises in a tier at the period: the headline's figure, or the chain's sum."""
    if f.chain:
        return counts["enterprises"].get(tier)
    return h.get(tier)


def target_kpi(metric: str) -> None:
    """A tier card with its year-end target (zone-wide targets; shown only unfiltered)."""
    v = value(metric) if metric != "above_scale_count" else h["above_scale_count"]
    row = targets.loc[metric] if metric in targets.index and not f.chain else None
    delta = (
        None
        if row is None
        else t("tr.kpi.target", target=fmt.count(row["target_value"]), pct=fmt.pct(row["completion_pct"]))
    )
    ui.kpi(label("tier", metric), fmt.count(v, t("measure.ent")), delta)


with ui.kpi_row():
    for metric in ("innovative_sme", "specialized_or_gazelle", "little_giant", "above_scale_count"):
        target_kpi(metric)
    ui.kpi(t("tr.kpi.promoted"), fmt.count(promoted.get("enterprises") or 0, t("measure.ent")))
    ui.kpi(
        t("tr.kpi.expiring"),
        fmt.count(expiry.get("enterprises") or 0, t("measure.ent")),
        t("tr.kpi.expiring_delta", n=fmt.count(expiry.get("not_renewed"))) if expiry.get("recognitions") else None,
    )

# --- the two ladders --------------------------------------------------------------------------
LADDERS = {
    "specialized": (["innovative_sme", "specialized_sme", "little_giant", "single_champion"], "#9EC1F0"),
    "growth": (["startup", "high_tech", "gazelle", "unicorn"], "#F6C66B"),
}


def ladder_frame(tiers: list[str]) -> pd.DataFrame:
    rows = []
    for tier in tiers:
        n = value(tier)
        tgt = targets["target_value"].get(tier) if not f.chain and tier in targets.index else None
        name = label("tier", tier)
        text = (
            t("tr.ladder.text_target", name=name, count=fmt.count(n), target=fmt.count(tgt))
            if tgt is not None
            else t("tr.ladder.text", name=name, count=fmt.count(n))
        )
        rows.append({"rung": name, "count": n or 0, "target": tgt, "text": text})
    return pd.DataFrame(rows)


left, right = st.columns(2, gap="medium")
for col, ladder in ((left, "specialized"), (right, "growth")):
    tiers, color = LADDERS[ladder]
    lf = ladder_frame(tiers)
    with col:
        ui.chart_card(
            t(f"tr.ladder.{ladder}"),
            t("tr.ladder.unit"),
            t("src.tiers"),
            ui.lazy(
                charts.ladder,
                lf,
                rung="rung",
                count="count",
                target="target",
                order=list(lf["rung"]),
                color=color,
                count_title=t("tr.ladder.count"),
                target_title=t("tr.ladder.target"),
                text="text",
            ),
            lf,
        )

# --- over time ----------------------------------------------------------------------------------
monthly = data.tier_counts_monthly(f.period, f.chain, months=42)
left, right = st.columns(2, gap="medium")
palette = {
    "specialized": [theme.PRIMARY, "#5AB1EF", theme.ZONE, "#9A60B4"],
    "growth": [theme.WARN, theme.GOOD, theme.ZONE, "#9A60B4"],
}
for col, ladder in ((left, "specialized"), (right, "growth")):
    tiers, _ = LADDERS[ladder]
    m = monthly[monthly["tier"].isin(tiers)].assign(
        name=lambda d: d["tier"].map(partial(label, "tier", language=language))
    )
    with col:
        ui.chart_card(
            t(f"tr.trend.{ladder}"),
            t("unit.ent"),
            t("src.tiers"),
            ui.lazy(
                charts.lines,
                m,
                value="enterprises",
                series="name",
                order=[label("tier", c) for c in tiers],
                colors=palette[ladder],
                value_title=t("tr.ladder.count"),
                value_format=",.0f",
                zero=True,
            ),
            m,
        )

# --- by chain -------------------------------------------------------------------------------------
by_chain = data.tier_counts_by_chain(f.period)
tier_order = LADDERS["specialized"][0] + LADDERS["growth"][0]
by_chain = by_chain[by_chain["tier"].isin(tier_order)].copy()
totals = by_chain.groupby("tier")["enterprises"].transform("sum")
by_chain["share"] = (by_chain["enterprises"] / totals.where(totals > 0)).fillna(0)
by_chain["name"] = by_chain["tier"].map(lambda c: label("tier", c, language))
by_chain["text"] = by_chain["enterprises"].map(fmt.num)
chain_order = data.chains()
ui.chart_card(
    t("tr.chain.title"),
    t("tr.chain.unit"),
    t("src.tiers"),
    ui.lazy(
        charts.heatmap,
        by_chain,
        x="name",
        y="chain",
        value="share",
        text="text",
        value_title=t("tr.chain.share"),
        x_order=[label("tier", c) for c in tier_order],
        y_order=chain_order,
        diverging=False,
        extra_tooltip=[
            charts.Num("enterprises", t("tr.ladder.count"), ",.0f"),
            charts.Num("share", t("tr.chain.share"), ".1%"),
        ],
        legend_format=".0%",
    ),
    by_chain,
    note=t("scope.zone_only") if f.chain else None,
)

# --- lists staff act on ------------------------------------------------------------------------
left, right = st.columns(2, gap="medium")
with left:
    n = promoted.get("enterprises") or 0
    with ui.card(
        t("tr.promo.title", year=f.year, n=fmt.num(n)),
        t("tr.promo.unit"),
        t("src.tiers"),
        note=t("conf.names_only", n=fmt.num((promoted.get("promotions") or 0) - (promoted.get("named") or 0)))
        if names_only
        else None,
    ):
        st.dataframe(
            pd.DataFrame(
                {
                    t("tr.col.enterprise"): promotions["enterprise_name"],
                    t("tr.col.from"): promotions["from_tier"].map(lambda c: label("tier", c, language)),
                    t("tr.col.to"): promotions["to_tier"].map(lambda c: label("tier", c, language)),
                    t("tr.col.level"): promotions["recognition_level"].map(lambda c: label("level", c, language)),
                    t("tr.col.date"): promotions["promoted_on"],
                    t("tr.col.months"): promotions["months_since_from_tier"],
                    t("tr.col.chain"): promotions["chain"],
                    t("tr.col.park"): promotions["park"],
                }
            ),
            hide_index=True,
            width="stretch",
            height=420,
            column_config={t("tr.col.date"): st.column_config.DateColumn(format="YYYY-MM-DD")},
        )
with right:
    n = expiry.get("recognitions") or 0
    listable = (expiry.get("named") or 0) if names_only else n
    notes = [t("conf.names_only", n=fmt.num(n - listable))] if names_only else []
    if len(expiring) < listable:  # at a province's scale the list is capped (data.LIST_ROWS)
        notes.append(t("tr.expiring.first", shown=fmt.num(len(expiring)), n=fmt.num(listable)))
    with ui.card(
        t("tr.expiring.title", n=fmt.num(n)), t("tr.expiring.unit"), t("src.tiers"), note=" ".join(notes) or None
    ):
        period_end = pd.Timestamp(h["period_end"])
        st.dataframe(
            pd.DataFrame(
                {
                    t("tr.col.enterprise"): expiring["enterprise_name"],
                    t("tr.col.tier"): expiring["tier"].map(lambda c: label("tier", c, language)),
                    t("tr.col.level"): expiring["recognition_level"].map(lambda c: label("level", c, language)),
                    t("tr.col.expires"): expiring["expires_on"],
                    t("tr.col.days_left"): (pd.to_datetime(expiring["expires_on"]) - period_end).dt.days,
                    t("tr.col.renewed"): expiring["is_renewed"].astype(bool),
                    t("tr.col.chain"): expiring["chain"],
                    t("tr.col.park"): expiring["park"],
                }
            ),
            hide_index=True,
            width="stretch",
            height=420,
            column_config={
                t("tr.col.expires"): st.column_config.DateColumn(format="YYYY-MM-DD"),
                t("tr.col.renewed"): st.column_config.CheckboxColumn(),
            },
        )
