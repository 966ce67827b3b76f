"""Altair chart builders. Each takes a DataFrame already in display units plus the labels to
print, and returns a chart; the one theme (dashboard/theme.py) styles them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import altair as alt
import pandas as pd

from dashboard import fmt, theme
from dashboard.i18n import lang

HEIGHT = 300


_MONTH_LABEL_EXPR = {
    "zh": "month(datum.value) == 0 ? timeFormat(datum.value, '%Y年') : (month(datum.value) + 1) + '月'",
    "en": "month(datum.value) == 0 ? timeFormat(datum.value, '%Y') : timeFormat(datum.value, '%b')",
}


def _lang(language: str | None) -> str:
    """The language asked for, else the one picked in the sidebar (a download's thread and the CLI pass it)."""
    return language if language in _MONTH_LABEL_EXPR else lang()


def _month_axis(title: str | None = None, lang: str | None = None) -> alt.Axis:
    """A month axis that names January by its year and other months by number (2024年 · 4月 · 7月)."""
    return alt.Axis(
        title=title,
        labelExpr=_MONTH_LABEL_EXPR[_lang(lang)],
        tickCount={"interval": "month", "step": 3},
        labelAngle=0,
        grid=False,
    )


def texts(d: pd.DataFrame, column: str, format_spec: str, missing_text: str = "", suffix: str = "text") -> str:
    """Add `column` printed by the one number formatter as a text column of d; its name.

    Labels and tooltips show these texts, not the numbers formatted in the browser: Vega's
    d3-format rounds the binary value (23.45 → 23.4) where every other place prints 23.5.
    """
    name = f"{column}_{suffix}"
    d[name] = d[column].map(lambda v: fmt.spec(v, format_spec, missing_text))
    return name


def tip(d: pd.DataFrame, column: str, title: str, format_spec: str) -> alt.Tooltip:
    """A tooltip line for a number of d, printed by the one number formatter (see `texts`)."""
    return alt.Tooltip(f"{texts(d, column, format_spec, fmt.DASH, suffix='tip')}:N", title=title)


class Num(NamedTuple):
    """An extra tooltip line for a number: the builder prints it on its own copy of the frame, so a
    page's frame (which is also its download) gains no text columns."""

    column: str
    title: str
    format_spec: str


def _extra(d: pd.DataFrame, extra: Sequence[alt.Tooltip | Num]) -> list[alt.Tooltip]:
    return [tip(d, *x) if isinstance(x, Num) else x for x in extra]


def with_month(df: pd.DataFrame, period_col: str = "period") -> pd.DataFrame:
    """The frame with a `month` datetime column parsed from a 'YYYY-MM' period column."""
    out = df.copy()
    out["month"] = pd.to_datetime(out[period_col] + "-01")
    return out


def _month_label(df: pd.DataFrame, period_col: str = "period", lang: str | None = None) -> pd.Series:
    if _lang(lang) == "en":
        return pd.to_datetime(df[period_col] + "-01").dt.strftime("%b %Y")
    return df[period_col].str.slice(0, 4) + "年" + df[period_col].str.slice(5, 7).astype(int).astype(str) + "月"


def lines(
    df: pd.DataFrame,
    *,
    value: str,
    series: str,
    order: Sequence[str],
    colors: Sequence[str],
    value_title: str,
    value_format: str = ".1f",
    height: int = HEIGHT,
    emphasize: str | None = None,
    zero: bool = False,
    end_labels: bool = True,
    dashed: Sequence[str] = (),
    lang: str | None = None,
) -> alt.Chart:
    """Monthly lines, one per series (e.g. zone vs national / province / city), labelled at their ends."""
    d = with_month(df)
    d["month_label"] = _month_label(d, lang=lang)
    d["value_text"] = d[value].map(lambda v: fmt.spec(v, value_format.replace("~", ""), ""))
    value_tip = tip(d, value, value_title, value_format)
    color = alt.Color(
        f"{series}:N", scale=alt.Scale(domain=list(order), range=list(colors)), legend=alt.Legend(title=None)
    )
    stroke = (
        alt.condition(f"datum['{series}'] == '{emphasize}'", alt.value(3.5), alt.value(2))
        if emphasize
        else alt.value(2.5)
    )
    dash = alt.StrokeDash(
        f"{series}:N",
        scale=alt.Scale(domain=list(order), range=[[5, 3] if s in dashed else [1, 0] for s in order]),
        legend=None,
    )
    base = alt.Chart(d).encode(
        x=alt.X("month:T", axis=_month_axis(lang=lang)),
        y=alt.Y(f"{value}:Q", title=None, scale=alt.Scale(zero=zero)),
        color=color,
    )
    layers = [
        base.mark_line().encode(strokeWidth=stroke, strokeDash=dash),
        base.mark_point(size=28, filled=True, opacity=0).encode(
            tooltip=[
                alt.Tooltip("month_label:N", title=" "),
                alt.Tooltip(f"{series}:N", title=" "),
                value_tip,
            ]
        ),
    ]
    if end_labels:
        last = d.sort_values("month").groupby(series, as_index=False).tail(1)
        layers.append(
            alt.Chart(last)
            .mark_text(align="left", dx=6, fontSize=12, fontWeight="bold")
            .encode(
                x="month:T",
                y=f"{value}:Q",
                text="value_text:N",
                color=alt.Color(f"{series}:N", scale=alt.Scale(domain=list(order), range=list(colors)), legend=None),
            )
        )
    return alt.layer(*layers).properties(height=height)


def columns_with_line(
    df: pd.DataFrame,
    *,
    bar: str,
    bar_title: str,
    line: str,
    line_title: str,
    bar_format: str = ",.1f",
    line_format: str = ".1f",
    height: int = HEIGHT,
    bar_color: str = theme.PRIMARY,
    line_color: str = theme.ZONE,
    same_axis: bool = False,
    value_title: str | None = None,
    lang: str | None = None,
) -> alt.LayerChart:
    """Monthly columns with a line: on one axis (two amounts), or on two (an amount and a rate, the 柱线图)."""
    d = with_month(df)
    d["month_label"] = _month_label(d, lang=lang)
    x = alt.X("month:T", axis=_month_axis(lang=lang))
    tooltip = [
        alt.Tooltip("month_label:N", title=" "),
        tip(d, bar, bar_title, bar_format),
        tip(d, line, line_title, line_format),
    ]
    legend = alt.Legend(title=None, orient="bottom") if not same_axis else alt.Legend(title=None)
    kinds = [bar_title, line_title]
    color = alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=[bar_color, line_color]), legend=legend)
    bars = (
        alt.Chart(d)
        .transform_calculate(kind=f"'{bar_title}'")
        .mark_bar(opacity=0.85, width={"band": 0.7})
        .encode(x=x, y=alt.Y(f"{bar}:Q", title=None if same_axis else bar_title), color=color, tooltip=tooltip)
    )
    y_line = (
        alt.Y(f"{line}:Q")
        if same_axis
        else alt.Y(f"{line}:Q", title=line_title, axis=alt.Axis(orient="right", titleAlign="right", titleX=0))
    )
    ln = (
        alt.Chart(d)
        .transform_calculate(kind=f"'{line_title}'")
        .mark_line(point=alt.OverlayMarkDef(size=24, filled=True))
        .encode(x=x, y=y_line, color=color, tooltip=tooltip)
    )
    chart = alt.layer(bars, ln)
    if not same_axis:
        chart = chart.resolve_scale(y="independent")
    return chart.properties(height=height)


def ranked_bars(
    df: pd.DataFrame,
    *,
    category: str,
    value: str,
    value_title: str,
    value_format: str = ",.1f",
    color: str = theme.PRIMARY,
    height: int | None = None,
    diverging: bool = False,
    label_limit: int = 200,
    extra_tooltip: Sequence[alt.Tooltip | Num] = (),
    category_title: str | None = None,
    sort_desc: bool = True,
    order: Sequence[str] | None = None,
    colors: Sequence[str] | None = None,
    text: str | None = None,
    highlight: str | None = None,
    highlight_color: str = theme.ZONE,
) -> alt.LayerChart:
    """Horizontal bars sorted by value (or in a given order), each with its value printed at the end."""
    d = df.copy()
    if order is not None:
        d = d.set_index(category).reindex(list(order)).reset_index().dropna(subset=[value])
    else:
        d = d.sort_values(value, ascending=not sort_desc)
    # a missing value (withheld, or no data) prints the long dash at the axis instead of a bar
    d["value_text"] = d[text] if text else d[value].map(lambda v: fmt.spec(v, value_format))
    d["pos"] = (d[value].clip(lower=0) if diverging else d[value]).fillna(0)
    h = height or max(120, 26 * len(d) + 20)
    y = alt.Y(
        f"{category}:N",
        sort=list(dict.fromkeys(d[category])),
        title=None,
        axis=alt.Axis(labelLimit=label_limit, labelPadding=6),
    )
    if highlight is not None:  # flagged rows in red, the rest in the primary colour
        fill = alt.condition(f"datum['{highlight}']", alt.value(highlight_color), alt.value(color))
    elif colors is not None:
        fill = alt.Color(
            f"{category}:N", scale=alt.Scale(domain=list(order or d[category]), range=list(colors)), legend=None
        )
    elif diverging:
        fill = alt.condition(f"datum['{value}'] >= 0", alt.value(theme.ZONE), alt.value(theme.GOOD))
    else:
        fill = alt.value(color)
    tooltip = [
        alt.Tooltip(f"{category}:N", title=category_title or " "),
        tip(d, value, value_title, value_format),
        *_extra(d, extra_tooltip),
    ]
    x_axis = alt.Axis(grid=True, titleAlign="right", titleAnchor="end", tickCount=6, labelFlush=True)
    bars = (
        alt.Chart(d)
        .mark_bar(height={"band": 0.72})
        .encode(
            x=alt.X(f"{value}:Q", title=value_title, axis=x_axis, scale=alt.Scale(nice=True)),
            y=y,
            color=fill,
            tooltip=tooltip,
        )
    )
    text = (
        alt.Chart(d)
        .mark_text(align="left", dx=4, fontSize=11, color=theme.INK)
        .encode(x=alt.X("pos:Q"), y=y, text="value_text:N")
    )
    return alt.layer(bars, text).properties(height=h)


def columns(
    df: pd.DataFrame,
    *,
    value: str,
    value_title: str,
    value_format: str = ",.0f",
    color: str = theme.PRIMARY,
    height: int = HEIGHT,
    lang: str | None = None,
) -> alt.LayerChart:
    """Monthly columns of one measure, each labelled with its value."""
    d = with_month(df)
    d["month_label"] = _month_label(d, lang=lang)
    d["value_text"] = d[value].map(lambda v: fmt.spec(v, value_format, ""))
    x = alt.X("month:T", axis=_month_axis(lang=lang))
    bars = (
        alt.Chart(d)
        .mark_bar(color=color, width={"band": 0.7})
        .encode(
            x=x,
            y=alt.Y(f"{value}:Q", title=None),
            tooltip=[
                alt.Tooltip("month_label:N", title=" "),
                tip(d, value, value_title, value_format),
            ],
        )
    )
    text = alt.Chart(d).mark_text(dy=-7, fontSize=10, color=theme.INK).encode(x=x, y=f"{value}:Q", text="value_text:N")
    return alt.layer(bars, text).properties(height=height)


def grouped_bars(
    df: pd.DataFrame,
    *,
    category: str,
    value: str,
    group: str,
    order: Sequence[str],
    colors: Sequence[str],
    value_title: str,
    value_format: str = ".1f",
    height: int = HEIGHT,
    category_order: Sequence[str] | None = None,
) -> alt.Chart:
    """Vertical bars side by side per category (e.g. manufacturing vs all industry per region)."""
    d = df.copy()
    d["value_text"] = d[value].map(lambda v: fmt.spec(v, value_format, ""))
    value_tip = tip(d, value, value_title, value_format)
    x = alt.X(
        f"{category}:N",
        title=None,
        sort=list(category_order) if category_order else None,
        axis=alt.Axis(labelAngle=0, labelLimit=120),
    )
    xo = alt.XOffset(f"{group}:N", sort=list(order))
    color = alt.Color(
        f"{group}:N", scale=alt.Scale(domain=list(order), range=list(colors)), legend=alt.Legend(title=None)
    )
    bars = (
        alt.Chart(d)
        .mark_bar(width={"band": 0.9})
        .encode(
            x=x,
            xOffset=xo,
            y=alt.Y(f"{value}:Q", title=None),
            color=color,
            tooltip=[
                alt.Tooltip(f"{category}:N", title=" "),
                alt.Tooltip(f"{group}:N", title=" "),
                value_tip,
            ],
        )
    )
    text = (
        alt.Chart(d)
        .mark_text(dy=-7, fontSize=11, color=theme.INK)
        .encode(x=x, xOffset=xo, y=alt.Y(f"{value}:Q"), text="value_text:N")
    )
    return alt.layer(bars, text).properties(height=height)


def stacked_columns(
    df: pd.DataFrame,
    *,
    x: str,
    value: str,
    color: str,
    order: Sequence[str],
    colors: Sequence[str] | None = None,
    value_title: str,
    value_format: str = ",.0f",
    height: int = HEIGHT,
    monthly: bool = True,
    x_title: str | None = None,
    normalize: bool = False,
    lang: str | None = None,
) -> alt.Chart:
    """Stacked columns per month (or per category) split by a dimension."""
    d = with_month(df, x) if monthly else df.copy()
    if monthly:
        d["month_label"] = _month_label(d, x, lang=lang)
    enc_x = (
        alt.X("month:T", axis=_month_axis(lang=lang))
        if monthly
        else alt.X(f"{x}:N", title=x_title, sort=None, axis=alt.Axis(labelAngle=0, labelLimit=120))
    )
    scale = alt.Scale(domain=list(order), range=list(colors)) if colors else alt.Scale(domain=list(order))
    d["_order"] = d[color].map({c: i for i, c in enumerate(order)})
    # the tooltip prints the segment's sum (the bar's aggregate) through the one formatter
    d["_segment_sum"] = d.groupby(["month" if monthly else x, color], dropna=False)[value].transform("sum")
    sum_tip = tip(d, "_segment_sum", value_title, value_format)
    return (
        alt.Chart(d)
        .mark_bar(width={"band": 0.75} if monthly else alt.Undefined)
        .encode(
            x=enc_x,
            y=alt.Y(
                f"sum({value}):Q",
                title=None,
                stack="normalize" if normalize else "zero",
                axis=alt.Axis(format="%") if normalize else alt.Undefined,
            ),
            color=alt.Color(f"{color}:N", scale=scale, legend=alt.Legend(title=None), sort=list(order)),
            order=alt.Order("_order:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("month_label:N" if monthly else f"{x}:N", title=" "),
                alt.Tooltip(f"{color}:N", title=" "),
                sum_tip,
            ],
        )
        .properties(height=height)
    )


def donut(
    df: pd.DataFrame,
    *,
    category: str,
    value: str,
    order: Sequence[str],
    colors: Sequence[str] | None = None,
    value_title: str,
    value_format: str = ",.0f",
    height: int = 240,
) -> alt.LayerChart:
    """A ring of shares with each share printed on its slice and the legend underneath."""
    d = df.copy()
    total = d[value].sum()
    d["share"] = d[value] / total if total else 0
    d["share_text"] = d["share"].map(lambda v: fmt.spec(v, ".0%") if v >= 0.04 else "")
    tooltip = [
        alt.Tooltip(f"{category}:N", title=" "),
        tip(d, value, value_title, value_format),
        tip(d, "share", "%", ".1%"),
    ]
    d["slice_order"] = d[category].map({c: i for i, c in enumerate(order)})
    scale = alt.Scale(domain=list(order), range=list(colors)) if colors else alt.Scale(domain=list(order))
    radius = "(min(width, height) / 2 - 4)"
    base = alt.Chart(d).encode(
        theta=alt.Theta(f"{value}:Q", stack=True),
        order=alt.Order("slice_order:Q"),
        tooltip=tooltip,
    )
    ring = base.mark_arc(
        innerRadius={"expr": f"{radius} * 0.56"}, outerRadius={"expr": radius}, stroke="#fff", strokeWidth=1.5
    ).encode(
        color=alt.Color(
            f"{category}:N",
            scale=scale,
            sort=list(order),
            legend=alt.Legend(title=None, orient="bottom", direction="horizontal"),
        )
    )
    text = base.mark_text(radius={"expr": f"{radius} * 0.78"}, fontSize=12, fontWeight="bold").encode(
        text="share_text:N", color=alt.value("#fff")
    )
    return alt.layer(ring, text).properties(height=height)


def progress(
    df: pd.DataFrame,
    *,
    label: str,
    actual: str,
    target: str,
    projected: str,
    actual_title: str,
    target_title: str,
    projected_title: str,
    text: str,
    height: int | None = None,
) -> alt.LayerChart:
    """Progress towards year-end targets in % of target: done so far (dark), projected by 31 Dec
    (light), the 100 % line; each bar headed by its name and figures."""
    d = df.copy()
    d["done_pct"] = d[actual] / d[target] * 100
    d["proj_pct"] = d[projected] / d[target] * 100
    d["heading"] = d[text]
    h = height or 76 * len(d) + 30
    y = alt.Y(f"{label}:N", title=None, sort=None, axis=None, scale=alt.Scale(paddingInner=0.1, paddingOuter=0.05))
    x_max = max(110.0, float(pd.concat([d["proj_pct"], d["done_pct"]]).max() if len(d) else 0) + 5)
    x_scale = alt.Scale(domain=[0, x_max], nice=False)
    tooltip = [
        alt.Tooltip(f"{label}:N", title=" "),
        tip(d, actual, actual_title, ",.0f"),
        tip(d, target, target_title, ",.0f"),
        tip(d, projected, projected_title, ",.0f"),
        tip(d, "done_pct", actual_title + " %", ".1f"),
        tip(d, "proj_pct", projected_title + " %", ".1f"),
    ]
    axis = alt.Axis(values=[0, 25, 50, 75, 100], labelExpr="datum.value + '%'", grid=True, gridDash=[2, 2])
    bar = {"height": 14, "yOffset": 16}
    track = (
        alt.Chart(d)
        .transform_calculate(full="100")
        .mark_bar(color="#EEF2F7", **bar)
        .encode(y=y, x=alt.X("full:Q", scale=x_scale, axis=axis, title=None))
    )
    proj = (
        alt.Chart(d).mark_bar(color="#9EC1F0", **bar).encode(y=y, x=alt.X("proj_pct:Q", scale=x_scale), tooltip=tooltip)
    )
    done = (
        alt.Chart(d)
        .mark_bar(color=theme.PRIMARY, **bar)
        .encode(y=y, x=alt.X("done_pct:Q", scale=x_scale), tooltip=tooltip)
    )
    rule = (
        alt.Chart(pd.DataFrame({"x": [100]}))
        .mark_rule(color=theme.ZONE, strokeWidth=2, strokeDash=[4, 3])
        .encode(x=alt.X("x:Q", scale=x_scale))
    )
    heading = (
        alt.Chart(d)
        .transform_calculate(zero="0")
        .mark_text(
            align="left",
            baseline="top",
            dy=-30,
            fontSize=13,
            color=theme.INK,
            lineBreak="\n",
            lineHeight=17,
            limit={"expr": "width"},
        )
        .encode(y=y, x=alt.X("zero:Q", scale=x_scale), text="heading:N")
    )
    return alt.layer(track, proj, done, rule, heading).properties(height=h)


def heatmap(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    value: str,
    text: str,
    value_title: str,
    x_order: Sequence[str] | None = None,
    y_order: Sequence[str] | None = None,
    diverging: bool = True,
    height: int | None = None,
    extra_tooltip: Sequence[alt.Tooltip | Num] = (),
    legend_format: str | None = None,
) -> alt.LayerChart:
    """A matrix of cells coloured by value, each cell printing its text."""
    d = df.copy()
    ys = y_order or sorted(d[y].unique())
    h = height or max(160, 34 * len(ys) + 40)
    lim = float(d[value].abs().max() or 1)
    scale = (
        alt.Scale(domain=[-lim, 0, lim], range=list(theme.DIVERGING))
        if diverging
        else alt.Scale(range=list(theme.SEQUENTIAL))
    )
    enc = {
        "x": alt.X(
            f"{x}:N", title=None, sort=list(x_order) if x_order else None, axis=alt.Axis(orient="top", labelAngle=0)
        ),
        "y": alt.Y(f"{y}:N", title=None, sort=list(ys), axis=alt.Axis(labelLimit=200)),
    }
    cells = (
        alt.Chart(d)
        .mark_rect(stroke="#fff", strokeWidth=2, cornerRadius=3)
        .encode(
            **enc,
            color=alt.Color(
                f"{value}:Q",
                scale=scale,
                legend=alt.Legend(
                    title=value_title,
                    orient="bottom",
                    direction="horizontal",
                    gradientLength=220,
                    format=legend_format or alt.Undefined,
                ),
            ),
            tooltip=[alt.Tooltip(f"{y}:N", title=" "), alt.Tooltip(f"{x}:N", title=" "), *_extra(d, extra_tooltip)],
        )
    )
    labels = (
        alt.Chart(d)
        .mark_text(fontSize=12)
        .encode(
            **enc,
            text=f"{text}:N",
            color=alt.condition(f"abs(datum['{value}']) > {lim * 0.6}", alt.value("#fff"), alt.value(theme.INK)),
        )
    )
    return alt.layer(cells, labels).properties(height=h)


def gantt(
    df: pd.DataFrame,
    *,
    row: str,
    status_order: Sequence[str],
    status_colors: Sequence[str],
    today: pd.Timestamp,
    planned_title: str,
    actual_title: str,
    tooltip: Sequence[alt.Tooltip] = (),
    row_order: Sequence[str] | None = None,
    label_limit: int = 200,
    lang: str | None = None,
    planned_start: str = "planned_start",
    planned_end: str = "planned_end",
    actual_start: str = "actual_start",
    actual_end: str = "actual_end",
    status: str = "status",
) -> alt.LayerChart:
    """Gantt bars: per row the planned span as a light bar above, the actual span (to date if
    unfinished) as a bar below coloured by status; a dashed line marks the as-of date. The span
    columns default to project_milestones_gantt's names."""
    d = df.copy()
    d["actual_to"] = d[actual_end].fillna(today)
    rows = list(row_order or dict.fromkeys(d[row]))
    h = 34 * len(rows) + 40
    y = alt.Y(
        f"{row}:N",
        sort=rows,
        title=None,
        axis=alt.Axis(labelLimit=label_limit, labelFontSize=12, ticks=False, domain=False, labelPadding=8),
    )
    x_axis = alt.Axis(
        title=None,
        orient="top",
        grid=True,
        labelExpr=_MONTH_LABEL_EXPR[_lang(lang)],
        tickCount={"interval": "month", "step": 3},
    )
    tip = [
        alt.Tooltip(f"{row}:N", title=" "),
        *tooltip,
        alt.Tooltip(f"{planned_start}:T", title=planned_title, format="%Y-%m-%d"),
        alt.Tooltip(f"{planned_end}:T", title="→", format="%Y-%m-%d"),
        alt.Tooltip(f"{actual_start}:T", title=actual_title, format="%Y-%m-%d"),
        alt.Tooltip(f"{actual_end}:T", title="→ ", format="%Y-%m-%d"),
        alt.Tooltip(f"{status}:N", title="  "),
    ]
    planned = (
        alt.Chart(d)
        .mark_bar(color="#C9D8EE", height=11, yOffset=-6, stroke="#fff", strokeWidth=1)
        .encode(y=y, x=alt.X(f"{planned_start}:T", axis=x_axis), x2=f"{planned_end}:T", tooltip=tip)
    )
    actual = (
        alt.Chart(d[d[actual_start].notna()])
        .mark_bar(height=11, yOffset=6, stroke="#fff", strokeWidth=1)
        .encode(
            y=y,
            x=f"{actual_start}:T",
            x2="actual_to:T",
            color=alt.Color(
                f"{status}:N",
                scale=alt.Scale(domain=list(status_order), range=list(status_colors)),
                legend=alt.Legend(title=None),
            ),
            tooltip=tip,
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"t": [today]}))
        .mark_rule(color=theme.ZONE, strokeDash=[4, 3], strokeWidth=1.5)
        .encode(x="t:T")
    )
    return alt.layer(planned, actual, rule).properties(height=h)


def ladder(
    df: pd.DataFrame,
    *,
    rung: str,
    count: str,
    target: str | None,
    order: Sequence[str],
    color: str,
    count_title: str,
    target_title: str,
    text: str,
    height: int | None = None,
) -> alt.LayerChart:
    """A ladder as a centred funnel, first rung at the bottom; bar widths are true to the counts,
    each rung printed with its name, count and (dashed outline) year-end target."""
    d = df.copy()
    d["half"] = d[count] / 2
    d["neg"] = -d["half"]
    h = height or 64 * len(order) + 10
    y = alt.Y(
        f"{rung}:N",
        sort=list(reversed(order)),
        title=None,
        axis=None,
        scale=alt.Scale(paddingInner=0.18, paddingOuter=0.05),
    )
    m = float(d[count].max() or 1)
    has_target = bool(target) and d[target].notna().any()
    if has_target:
        m = max(m, float(d[target].max()))
    x_scale = alt.Scale(domain=[-m / 2 * 1.02, m / 2 * 1.02], nice=False)
    tooltip = [alt.Tooltip(f"{rung}:N", title=" "), tip(d, count, count_title, ",.0f")]
    if target:
        tooltip.append(tip(d, target, target_title, ",.0f"))
    layers = [
        alt.Chart(d)
        .mark_bar(color=color, cornerRadius=4)
        .encode(y=y, x=alt.X("neg:Q", scale=x_scale, axis=None), x2="half:Q", tooltip=tooltip)
    ]
    if has_target:
        tg = d[d[target].notna()].copy()
        tg["thalf"] = tg[target] / 2
        tg["tneg"] = -tg["thalf"]
        layers.append(
            alt.Chart(tg)
            .mark_bar(fillOpacity=0, stroke=theme.ZONE, strokeDash=[5, 3], strokeWidth=1.6, cornerRadius=4)
            .encode(y=y, x=alt.X("tneg:Q", scale=x_scale, axis=None), x2="thalf:Q", tooltip=tooltip)
        )
    # names sit on the bar when it is wide enough, beside it otherwise
    d["outer"] = d["half"]
    if has_target:
        d["outer"] = pd.concat([d["half"], (d[target] / 2).fillna(0)], axis=1).max(axis=1)
    wide = d[count] >= 0.45 * m
    inside = (
        alt.Chart(d[wide])
        .transform_calculate(zero="0")
        .mark_text(fontSize=13, fontWeight="bold", color=theme.INK, baseline="middle")
        .encode(y=y, x=alt.X("zero:Q", scale=x_scale), text=f"{text}:N", tooltip=tooltip)
    )
    beside = (
        alt.Chart(d[~wide])
        .mark_text(fontSize=13, fontWeight="bold", color=theme.INK, baseline="middle", align="left", dx=8)
        .encode(y=y, x=alt.X("outer:Q", scale=x_scale), text=f"{text}:N", tooltip=tooltip)
    )
    layers += [inside, beside]
    return alt.layer(*layers).properties(height=h)
