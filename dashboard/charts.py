"""Altair chart builders. Each takes a DataFrame already in display units plus the labels to
print, and returns a chart; the one theme (dashboard/theme.py) styles them all.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from dashboard import theme
from dashboard.i18n import lang

HEIGHT = 300


def _month_axis(title: str | None = None) -> alt.Axis:
    """A month axis that names January by its year and other months by number (2024年 · 4月 · 7月)."""
    if lang() == "en":
        expr = "month(datum.value) == 0 ? timeFormat(datum.value, '%Y') : timeFormat(datum.value, '%b')"
    else:
        expr = "month(datum.value) == 0 ? timeFormat(datum.value, '%Y年') : (month(datum.value) + 1) + '月'"
    return alt.Axis(title=title, labelExpr=expr, tickCount={"interval": "month", "step": 3}, labelAngle=0, grid=False)


def with_month(df: pd.DataFrame, period_col: str = "period") -> pd.DataFrame:
    """The frame with a `month` datetime column parsed from a 'YYYY-MM' period column."""
    out = df.copy()
    out["month"] = pd.to_datetime(out[period_col] + "-01")
    return out


def _month_label(df: pd.DataFrame, period_col: str = "period") -> pd.Series:
    if lang() == "en":
        return pd.to_datetime(df[period_col] + "-01").dt.strftime("%b %Y")
    return df[period_col].str.slice(0, 4) + "年" + df[period_col].str.slice(5, 7).astype(int).astype(str) + "月"


def lines(df: pd.DataFrame, *, value: str, series: str, order: Sequence[str], colors: Sequence[str],
          value_title: str, value_format: str = ".1f", height: int = HEIGHT, emphasize: str | None = None,
          zero: bool = False, end_labels: bool = True, dashed: Sequence[str] = ()) -> alt.Chart:
    """Monthly lines, one per series (e.g. zone vs national / province / city), labelled at their ends."""
    d = with_month(df)
    d["month_label"] = _month_label(d)
    d["value_text"] = d[value].map(lambda v: "" if pd.isna(v) else format(v, value_format.replace("~", "")))
    color = alt.Color(f"{series}:N", scale=alt.Scale(domain=list(order), range=list(colors)),
                      legend=alt.Legend(title=None))
    stroke = alt.condition(f"datum['{series}'] == '{emphasize}'", alt.value(3.5), alt.value(2)) if emphasize else alt.value(2.5)
    dash = alt.StrokeDash(f"{series}:N", scale=alt.Scale(domain=list(order),
                          range=[[5, 3] if s in dashed else [1, 0] for s in order]), legend=None)
    base = alt.Chart(d).encode(
        x=alt.X("month:T", axis=_month_axis()),
        y=alt.Y(f"{value}:Q", title=value_title, scale=alt.Scale(zero=zero)),
        color=color,
    )
    layers = [
        base.mark_line().encode(strokeWidth=stroke, strokeDash=dash),
        base.mark_point(size=28, filled=True, opacity=0).encode(
            tooltip=[alt.Tooltip("month_label:N", title=" "), alt.Tooltip(f"{series}:N", title=" "),
                     alt.Tooltip(f"{value}:Q", title=value_title, format=value_format)]
        ),
    ]
    if end_labels:
        last = d.sort_values("month").groupby(series, as_index=False).tail(1)
        layers.append(
            alt.Chart(last).mark_text(align="left", dx=6, fontSize=12, fontWeight="bold").encode(
                x="month:T", y=f"{value}:Q", text="value_text:N",
                color=alt.Color(f"{series}:N", scale=alt.Scale(domain=list(order), range=list(colors)), legend=None),
            )
        )
    return alt.layer(*layers).properties(height=height)


def columns_with_line(df: pd.DataFrame, *, bar: str, bar_title: str, line: str, line_title: str,
                      bar_format: str = ",.1f", line_format: str = ".1f", height: int = HEIGHT,
                      bar_color: str = theme.PRIMARY, line_color: str = theme.ZONE) -> alt.LayerChart:
    """Monthly columns (an amount) with a line on its own axis (a growth rate), the 柱线图 of statistics."""
    d = with_month(df)
    d["month_label"] = _month_label(d)
    x = alt.X("month:T", axis=_month_axis())
    tooltip = [alt.Tooltip("month_label:N", title=" "), alt.Tooltip(f"{bar}:Q", title=bar_title, format=bar_format),
               alt.Tooltip(f"{line}:Q", title=line_title, format=line_format)]
    bars = alt.Chart(d).mark_bar(color=bar_color, opacity=0.85, width={"band": 0.7}).encode(
        x=x, y=alt.Y(f"{bar}:Q", title=bar_title, axis=alt.Axis(titleColor=bar_color)), tooltip=tooltip)
    ln = alt.Chart(d).mark_line(color=line_color, point=alt.OverlayMarkDef(color=line_color, size=24)).encode(
        x=x, y=alt.Y(f"{line}:Q", title=line_title, axis=alt.Axis(titleColor=line_color, orient="right",
                                                                   titleAlign="right", titleX=0)),
        tooltip=tooltip)
    return alt.layer(bars, ln).resolve_scale(y="independent").properties(height=height)


def ranked_bars(df: pd.DataFrame, *, category: str, value: str, value_title: str, value_format: str = ",.1f",
                color: str = theme.PRIMARY, height: int | None = None, diverging: bool = False,
                label_limit: int = 200, extra_tooltip: Sequence[alt.Tooltip] = (),
                category_title: str | None = None, sort_desc: bool = True) -> alt.LayerChart:
    """Horizontal bars sorted by value, each with its value printed at the end."""
    d = df.copy()
    d["value_text"] = d[value].map(lambda v: "" if pd.isna(v) else format(v, value_format))
    h = height or max(120, 26 * len(d) + 20)
    sort = "-x" if sort_desc else "x"
    y = alt.Y(f"{category}:N", sort=sort, title=None, axis=alt.Axis(labelLimit=label_limit, labelPadding=6))
    fill = (alt.condition(f"datum['{value}'] >= 0", alt.value(theme.ZONE), alt.value(theme.GOOD))
            if diverging else alt.value(color))
    tooltip = [alt.Tooltip(f"{category}:N", title=category_title or " "),
               alt.Tooltip(f"{value}:Q", title=value_title, format=value_format), *extra_tooltip]
    bars = alt.Chart(d).mark_bar(height={"band": 0.72}).encode(
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(grid=True, titleAlign="right", titleAnchor="end")),
        y=y, color=fill, tooltip=tooltip)
    text = alt.Chart(d).mark_text(align="left", dx=4, fontSize=11, color=theme.INK).encode(
        x=alt.X(f"{value}:Q"), y=y, text="value_text:N")
    if diverging:
        text = text.encode(
            x=alt.X(f"{value}:Q"),
        ).transform_calculate(pos=f"max(datum['{value}'], 0)").encode(x="pos:Q")
    return alt.layer(bars, text).properties(height=h)


def grouped_bars(df: pd.DataFrame, *, category: str, value: str, group: str, order: Sequence[str],
                 colors: Sequence[str], value_title: str, value_format: str = ".1f", height: int = HEIGHT,
                 category_order: Sequence[str] | None = None) -> alt.Chart:
    """Vertical bars side by side per category (e.g. manufacturing vs all industry per region)."""
    d = df.copy()
    d["value_text"] = d[value].map(lambda v: "" if pd.isna(v) else format(v, value_format))
    x = alt.X(f"{category}:N", title=None, sort=list(category_order) if category_order else None,
              axis=alt.Axis(labelAngle=0, labelLimit=120))
    xo = alt.XOffset(f"{group}:N", sort=list(order))
    color = alt.Color(f"{group}:N", scale=alt.Scale(domain=list(order), range=list(colors)), legend=alt.Legend(title=None))
    bars = alt.Chart(d).mark_bar(width={"band": 0.9}).encode(
        x=x, xOffset=xo, y=alt.Y(f"{value}:Q", title=value_title), color=color,
        tooltip=[alt.Tooltip(f"{category}:N", title=" "), alt.Tooltip(f"{group}:N", title=" "),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=value_format)])
    text = alt.Chart(d).mark_text(dy=-7, fontSize=11, color=theme.INK).encode(
        x=x, xOffset=xo, y=alt.Y(f"{value}:Q"), text="value_text:N")
    return alt.layer(bars, text).properties(height=height)


def stacked_columns(df: pd.DataFrame, *, x: str, value: str, color: str, order: Sequence[str],
                    colors: Sequence[str] | None = None, value_title: str, value_format: str = ",.0f",
                    height: int = HEIGHT, monthly: bool = True, x_title: str | None = None,
                    normalize: bool = False) -> alt.Chart:
    """Stacked columns per month (or per category) split by a dimension."""
    d = with_month(df, x) if monthly else df.copy()
    if monthly:
        d["month_label"] = _month_label(d, x)
    enc_x = (alt.X("month:T", axis=_month_axis()) if monthly
             else alt.X(f"{x}:N", title=x_title, sort=None, axis=alt.Axis(labelAngle=0, labelLimit=120)))
    scale = alt.Scale(domain=list(order), range=list(colors)) if colors else alt.Scale(domain=list(order))
    d["_order"] = d[color].map({c: i for i, c in enumerate(order)})
    return alt.Chart(d).mark_bar(width={"band": 0.75} if monthly else alt.Undefined).encode(
        x=enc_x,
        y=alt.Y(f"sum({value}):Q", title=value_title, stack="normalize" if normalize else "zero",
                axis=alt.Axis(format="%") if normalize else alt.Undefined),
        color=alt.Color(f"{color}:N", scale=scale, legend=alt.Legend(title=None), sort=list(order)),
        order=alt.Order("_order:Q", sort="ascending"),
        tooltip=[alt.Tooltip("month_label:N" if monthly else f"{x}:N", title=" "), alt.Tooltip(f"{color}:N", title=" "),
                 alt.Tooltip(f"sum({value}):Q", title=value_title, format=value_format)],
    ).properties(height=height)


def donut(df: pd.DataFrame, *, category: str, value: str, order: Sequence[str], colors: Sequence[str] | None = None,
          value_title: str, value_format: str = ",.0f", height: int = 260) -> alt.LayerChart:
    """A ring of shares with the share printed on each slice and a legend beside it."""
    d = df.copy()
    total = d[value].sum()
    d["share"] = d[value] / total if total else 0
    d["share_text"] = d["share"].map(lambda v: f"{v:.0%}" if v >= 0.04 else "")
    scale = alt.Scale(domain=list(order), range=list(colors)) if colors else alt.Scale(domain=list(order))
    base = alt.Chart(d).encode(
        theta=alt.Theta(f"{value}:Q", stack=True),
        color=alt.Color(f"{category}:N", scale=scale, sort=list(order),
                        legend=alt.Legend(title=None, orient="right", direction="vertical")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip(f"{category}:N", title=" "), alt.Tooltip(f"{value}:Q", title=value_title, format=value_format),
                 alt.Tooltip("share:Q", title="%", format=".1%")],
    ).transform_calculate(order=f"indexof({list(order)!r}, datum['{category}'])")
    ring = base.mark_arc(innerRadius=62, outerRadius=104, stroke="#fff", strokeWidth=1.5)
    text = base.mark_text(radius=83, fontSize=12, color="#fff", fontWeight="bold").encode(text="share_text:N")
    return alt.layer(ring, text).properties(height=height)


def progress(df: pd.DataFrame, *, label: str, actual: str, target: str, projected: str,
             actual_title: str, target_title: str, projected_title: str, text: str,
             height: int | None = None) -> alt.LayerChart:
    """Progress towards year-end targets in % of target: done so far (dark), projected by 31 Dec
    (light), the 100 % line; each bar headed by its name and figures."""
    d = df.copy()
    d["done_pct"] = d[actual] / d[target] * 100
    d["proj_pct"] = d[projected] / d[target] * 100
    d["heading"] = d[label] + "　" + d[text]
    h = height or 62 * len(d) + 30
    y = alt.Y(f"{label}:N", title=None, sort=None, axis=None, scale=alt.Scale(paddingInner=0.1, paddingOuter=0.05))
    x_max = max(110.0, float(pd.concat([d["proj_pct"], d["done_pct"]]).max() if len(d) else 0) + 5)
    x_scale = alt.Scale(domain=[0, x_max], nice=False)
    tooltip = [alt.Tooltip(f"{label}:N", title=" "), alt.Tooltip(f"{actual}:Q", title=actual_title, format=",.0f"),
               alt.Tooltip(f"{target}:Q", title=target_title, format=",.0f"),
               alt.Tooltip(f"{projected}:Q", title=projected_title, format=",.0f"),
               alt.Tooltip("done_pct:Q", title=actual_title + " %", format=".1f"),
               alt.Tooltip("proj_pct:Q", title=projected_title + " %", format=".1f")]
    axis = alt.Axis(values=[0, 25, 50, 75, 100], labelExpr="datum.value + '%'", grid=True, gridDash=[2, 2])
    bar = {"height": 14, "yOffset": 9}
    track = alt.Chart(d).transform_calculate(full="100").mark_bar(color="#EEF2F7", **bar).encode(
        y=y, x=alt.X("full:Q", scale=x_scale, axis=axis, title=None))
    proj = alt.Chart(d).mark_bar(color="#9EC1F0", **bar).encode(y=y, x=alt.X("proj_pct:Q", scale=x_scale), tooltip=tooltip)
    done = alt.Chart(d).mark_bar(color=theme.PRIMARY, **bar).encode(y=y, x=alt.X("done_pct:Q", scale=x_scale), tooltip=tooltip)
    rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(color=theme.ZONE, strokeWidth=2, strokeDash=[4, 3]).encode(
        x=alt.X("x:Q", scale=x_scale))
    heading = alt.Chart(d).transform_calculate(zero="0").mark_text(
        align="left", baseline="bottom", dy=-1, fontSize=13, color=theme.INK).encode(
        y=y, x=alt.X("zero:Q", scale=x_scale), text="heading:N")
    return alt.layer(track, proj, done, rule, heading).properties(height=h)


def heatmap(df: pd.DataFrame, *, x: str, y: str, value: str, text: str, value_title: str,
            x_order: Sequence[str] | None = None, y_order: Sequence[str] | None = None,
            diverging: bool = True, height: int | None = None, extra_tooltip: Sequence[alt.Tooltip] = ()) -> alt.LayerChart:
    """A matrix of cells coloured by value, each cell printing its text."""
    d = df.copy()
    ys = y_order or sorted(d[y].unique())
    h = height or max(160, 34 * len(ys) + 40)
    lim = float(d[value].abs().max() or 1)
    scale = (alt.Scale(domain=[-lim, 0, lim], range=list(theme.DIVERGING)) if diverging
             else alt.Scale(range=list(theme.SEQUENTIAL)))
    enc = {
        "x": alt.X(f"{x}:N", title=None, sort=list(x_order) if x_order else None, axis=alt.Axis(orient="top", labelAngle=0)),
        "y": alt.Y(f"{y}:N", title=None, sort=list(ys), axis=alt.Axis(labelLimit=200)),
    }
    cells = alt.Chart(d).mark_rect(stroke="#fff", strokeWidth=2, cornerRadius=3).encode(
        **enc, color=alt.Color(f"{value}:Q", scale=scale, legend=alt.Legend(title=value_title, orient="bottom", direction="horizontal",
                                                                            gradientLength=220)),
        tooltip=[alt.Tooltip(f"{y}:N", title=" "), alt.Tooltip(f"{x}:N", title=" "), *extra_tooltip])
    labels = alt.Chart(d).mark_text(fontSize=12).encode(
        **enc, text=f"{text}:N",
        color=alt.condition(f"abs(datum['{value}']) > {lim * 0.6}", alt.value("#fff"), alt.value(theme.INK)))
    return alt.layer(cells, labels).properties(height=h)


def gantt(df: pd.DataFrame, *, task: str, group: str, planned_start: str, planned_end: str,
          actual_start: str, actual_end: str, status: str, status_order: Sequence[str], status_colors: Sequence[str],
          today: pd.Timestamp, planned_title: str, actual_title: str, today_title: str,
          extra_tooltip: Sequence[alt.Tooltip] = (), height: int | None = None) -> alt.LayerChart:
    """Milestones as Gantt bars: planned as a light band, actual (to date) as a solid bar coloured by status."""
    d = df.copy()
    d["row"] = d[group] + " · " + d[task]
    rows = list(dict.fromkeys(d["row"]))
    h = height or max(160, 24 * len(rows) + 50)
    y = alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelLimit=300, labelFontSize=11))
    date_axis = alt.Axis(format="%Y-%m", labelAngle=0, grid=True, orient="top", title=None)
    tooltip = [alt.Tooltip("row:N", title=" "),
               alt.Tooltip(f"{planned_start}:T", title=planned_title, format="%Y-%m-%d"),
               alt.Tooltip(f"{planned_end}:T", title="→", format="%Y-%m-%d"),
               alt.Tooltip(f"{actual_start}:T", title=actual_title, format="%Y-%m-%d"),
               alt.Tooltip(f"{actual_end}:T", title="→", format="%Y-%m-%d"),
               alt.Tooltip(f"{status}:N", title=" "), *extra_tooltip]
    planned = alt.Chart(d).mark_bar(color="#DCE5F2", height={"band": 0.8}).encode(
        y=y, x=alt.X(f"{planned_start}:T", axis=date_axis), x2=f"{planned_end}:T", tooltip=tooltip)
    actual = alt.Chart(d[d[actual_start].notna()]).mark_bar(height={"band": 0.42}).encode(
        y=y, x=f"{actual_start}:T", x2="actual_to:T",
        color=alt.Color(f"{status}:N", scale=alt.Scale(domain=list(status_order), range=list(status_colors)),
                        legend=alt.Legend(title=None)),
        tooltip=tooltip,
    ).transform_calculate(actual_to=f"datum['{actual_end}'] ? datum['{actual_end}'] : {int(today.timestamp() * 1000)}")
    rule = alt.Chart(pd.DataFrame({"t": [today], "label": [today_title]})).mark_rule(
        color=theme.ZONE, strokeDash=[4, 3]).encode(x="t:T")
    return alt.layer(planned, actual, rule).properties(height=h)


def ladder(df: pd.DataFrame, *, rung: str, count: str, target: str | None, order: Sequence[str], color: str,
           count_title: str, target_title: str, text: str, height: int | None = None) -> alt.LayerChart:
    """A ladder as a centred funnel (widest rung at the bottom), each rung with its count and target."""
    d = df.copy()
    d["half"] = d[count] / 2
    d["neg"] = -d["half"]
    h = height or 60 * len(order) + 20
    y = alt.Y(f"{rung}:N", sort=list(reversed(order)), title=None, axis=alt.Axis(labelLimit=200, labelFontSize=13, ticks=False, domain=False))
    m = float(d[count].max() or 1)
    if target and d[target].notna().any():
        m = max(m, float(d[target].max()))
    x_scale = alt.Scale(domain=[-m / 2 * 1.02, m / 2 * 1.02])
    tooltip = [alt.Tooltip(f"{rung}:N", title=" "), alt.Tooltip(f"{count}:Q", title=count_title, format=",.0f")]
    if target:
        tooltip.append(alt.Tooltip(f"{target}:Q", title=target_title, format=",.0f"))
    layers = []
    if target and d[target].notna().any():
        t = d[d[target].notna()].copy()
        t["thalf"] = t[target] / 2
        t["tneg"] = -t["thalf"]
        layers.append(alt.Chart(t).mark_bar(height={"band": 0.82}, fill="none", stroke=theme.ZONE, strokeDash=[4, 3], strokeWidth=1.5).encode(
            y=y, x=alt.X("tneg:Q", scale=x_scale, axis=None), x2="thalf:Q", tooltip=tooltip))
    layers.append(alt.Chart(d).mark_bar(height={"band": 0.7}, color=color, cornerRadius=3).encode(
        y=y, x=alt.X("neg:Q", scale=x_scale, axis=None), x2="half:Q", tooltip=tooltip))
    layers.append(alt.Chart(d).mark_text(fontSize=13, fontWeight="bold", color=theme.INK, baseline="middle").encode(
        y=y, x=alt.value(0), text=f"{text}:N").transform_calculate(zero="0").encode(x=alt.X("zero:Q", scale=x_scale)))
    return alt.layer(*layers).properties(height=h)
