"""Charts as finished images: PNG (2× scale) and SVG rendered on the server with vl-convert.

Any Altair chart (the builders in dashboard/charts.py) becomes an image with its title and
unit on top and a source and as-of line underneath (数据来源：… 截至2025年6月), in Noto Sans
CJK SC so Chinese never turns into tofu boxes. `kit_charts` lists the press kit's charts
for a period, each with the SQL its data came from and the talking point that heads it.

The canvas is exactly `width × height` (× scale for PNG): the chart is drawn once to measure
how much room its axes take, then fitted so every image in the kit has the same size.
"""

from __future__ import annotations

import copy
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from dashboard import charts, fmt, queries, theme
from dashboard.i18n import LABELS, label, tr
from dashboard.queries import Reader, growth, overview, projects, tiers

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
CJK_FONT = "Noto Sans CJK SC"
# The PNG is drawn in CJK_FONT; an SVG opened elsewhere falls back to the usual Chinese faces.
FONT_STACK = f"'{CJK_FONT}', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

WIDTH, HEIGHT = 1200, 560  # CSS px; the PNG at scale 2 is 2400 × 1120, a 16:9 slide's picture area
SCALE = 2
FOOTER_GAP = 14  # px between the lowest axis text and the source line
MUTED = "#6B7280"

_registered: set[str] = set()
_lock = threading.Lock()


class FontMissing(RuntimeError):
    """The CJK font directory is not installed (apt-get install fonts-noto-cjk)."""


def register_cjk_fonts(font_dir: Path | str = FONT_DIR) -> None:
    """Make the Noto CJK fonts known to vl-convert (once per process; later calls are no-ops)."""
    path = Path(font_dir)
    key = str(path.resolve())
    with _lock:
        if key in _registered:
            return
        if not any(path.glob("NotoSansCJK*")):
            raise FontMissing(f"no Noto Sans CJK font in {path}: install it with `apt-get install -y fonts-noto-cjk`")
        vlc.register_font_directory(key)
        _registered.add(key)


@dataclass(frozen=True)
class Frame:
    """What is printed around a chart: title and unit above, source and as-of line below."""

    title: str
    unit: str | None
    source: str
    as_of: str  # e.g. 2025年6月
    lang: str = "zh"

    @property
    def footer(self) -> str:
        """数据来源：…　截至2025年6月 (Source: … · Data as of Jun 2025)."""
        return tr(self.lang, "img.footer", source=self.source, as_of=self.as_of)

    @property
    def subtitle(self) -> str | None:
        """单位：亿元 (Unit: …), or None."""
        if not self.unit:
            return None
        return tr(self.lang, "common.unit", unit=self.unit)


def as_of_label(period: str, lang: str = "zh") -> str:
    """'2025-06' as 2025年6月 (English: Jun 2025)."""
    return tr(lang, "img.as_of", year=int(period[:4]), month=tr(lang, f"month.short.{int(period[5:7])}"))


def _set_fonts(config: dict, min_px: float = 0) -> dict:
    """The theme's config with every font slot set to the CJK stack and type a size up for the screen
    (and to at least `min_px`: a slide's charts are read from the back of the room)."""
    config = copy.deepcopy(config)
    config["font"] = FONT_STACK
    for part in ("axis", "legend", "header", "title", "text", "mark", "tooltip"):
        block = config.setdefault(part, {})
        for slot in ("font", "labelFont", "titleFont", "subtitleFont"):
            if part in ("text", "mark", "tooltip") and slot != "font":
                continue
            if part == "title" and slot in ("labelFont", "titleFont"):
                continue
            block[slot] = FONT_STACK
    axis, legend = config["axis"], config["legend"]
    axis["labelFontSize"] = max(axis.get("labelFontSize", 12), 14)
    axis["titleFontSize"] = max(axis.get("titleFontSize", 12), 14)
    legend["labelFontSize"] = max(legend.get("labelFontSize", 12), 15)
    legend["symbolSize"] = max(legend.get("symbolSize", 100), 160)
    if min_px:
        for part, slot in (
            ("axis", "labelFontSize"),
            ("axis", "titleFontSize"),
            ("legend", "labelFontSize"),
            ("legend", "titleFontSize"),
            ("text", "fontSize"),
            ("header", "labelFontSize"),
            ("header", "titleFontSize"),
        ):
            block = config.setdefault(part, {})
            block[slot] = max(block.get(slot, 12), min_px)
        legend["symbolSize"] = max(legend["symbolSize"], round(min_px * min_px * 0.7))
    config["background"] = "#FFFFFF"
    return config


TEXT_SCALE = 1.3  # value labels drawn at 11–13 px for a card read larger on a projected slide


def _enlarge_text(node: object, factor: float = TEXT_SCALE, min_px: float = 0) -> None:
    """Scale the font size of every text mark in a spec (in place), to at least min_px."""
    if isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            mark["fontSize"] = max(round(mark.get("fontSize", 12) * factor, 1), min_px)
        for value in node.values():
            _enlarge_text(value, factor, min_px)
    elif isinstance(node, list):
        for value in node:
            _enlarge_text(value, factor, min_px)


BAR_EDGE_PX = 18  # room at both ends of a time axis, so the first and last bars clear the axis labels


def _pad_time_bars(node: object) -> None:
    """Bars on a time axis are centred on their date, so half of the first and last bar hang past the
    plot and sit on the axis labels: give the x scale some padding (in place, where none is set)."""
    if isinstance(node, dict):
        mark = node.get("mark")
        kind = mark.get("type") if isinstance(mark, dict) else mark
        x = (node.get("encoding") or {}).get("x")
        if kind == "bar" and isinstance(x, dict) and x.get("type") == "temporal":
            x.setdefault("scale", {}).setdefault("padding", BAR_EDGE_PX)
        for value in node.values():
            _pad_time_bars(value)
    elif isinstance(node, list):
        for value in node:
            _pad_time_bars(value)


def _titled(chart: alt.TopLevelMixin, frame: Frame | None, width: int, height: int, min_px: float = 0) -> dict:
    """The chart's spec at a fixed plot size, with the frame's title and unit and the CJK fonts (≥ min_px)."""
    theme.enable()
    props: dict = {"width": width, "height": height}
    if frame is not None:
        props["title"] = alt.TitleParams(
            frame.title,
            subtitle=frame.subtitle or alt.Undefined,
            anchor="start",
            frame="bounds",
            fontSize=24,
            fontWeight="bold",
            color=theme.INK,
            subtitleFontSize=max(15, min_px),
            subtitleColor=MUTED,
            subtitlePadding=6,
            offset=14,
            font=FONT_STACK,
            subtitleFont=FONT_STACK,
        )
    spec = chart.properties(**props).to_dict()
    body = {k: v for k, v in spec.items() if k != "config"}
    _enlarge_text(body, min_px=min_px)
    _pad_time_bars(body)
    spec["config"] = _set_fonts(spec.get("config", {}), min_px)
    spec["padding"] = {"left": 16, "right": 24, "top": 16, "bottom": 14}
    return spec


def image_spec(
    chart: alt.TopLevelMixin,
    frame: Frame | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
    min_font_px: float = 0,
) -> dict:
    """A Vega-Lite spec that draws `chart` on a canvas of exactly width × height px, framed.

    First pass: draw it with a plot of width × height to measure the room its axes, legend
    and title take around the plot. Second pass: add the source line under the lowest axis
    text, flush with the title, and let Vega fit plot and all into the canvas.
    `min_font_px`: no text smaller than this (slide_font_px gives it for a picture's size on a slide).
    """
    register_cjk_fonts()
    spec = _titled(chart, frame, width, height, min_font_px)
    if frame is None:
        spec["autosize"] = {"type": "fit", "contains": "padding"}
        return spec
    probe = vlc.vegalite_to_scenegraph(spec)
    ox, oy = probe["origin"]
    below = probe["height"] - oy - height - spec["padding"]["bottom"]
    left = ox - spec["padding"]["left"]
    footer = (
        alt.Chart(pd.DataFrame({"text": [frame.footer]}))
        .mark_text(
            align="left",
            baseline="top",
            fontSize=max(14, min_font_px),
            color=MUTED,
            font=FONT_STACK,
        )
        .encode(text="text:N", x=alt.value(-left), y=alt.value({"expr": f"height + {below + FOOTER_GAP:.0f}"}))
    )
    footer_spec = footer.to_dict()
    inner = {
        k: v
        for k, v in spec.items()
        if k not in ("$schema", "config", "padding", "title", "width", "height", "datasets", "autosize")
    }
    out = {
        "$schema": spec.get("$schema"),
        "config": spec["config"],
        "padding": spec["padding"],
        "autosize": {"type": "fit", "contains": "padding"},
        "width": width,
        "height": height,
        "datasets": {**spec.get("datasets", {}), **footer_spec.get("datasets", {})},
        "layer": [inner, {k: v for k, v in footer_spec.items() if k not in ("$schema", "config", "datasets")}],
    }
    if "title" in spec:
        out["title"] = spec["title"]
    return out


def render(
    chart: alt.TopLevelMixin,
    frame: Frame | None = None,
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float = SCALE,
    min_font_px: float = 0,
) -> tuple[bytes, str]:
    """The chart as (PNG bytes, SVG text): the SVG rasterised, byte for byte what vegalite_to_png draws."""
    svg = vlc.vegalite_to_svg(image_spec(chart, frame, width, height, min_font_px))
    return vlc.svg_to_png(svg, scale=scale), svg


def chart_png(chart: alt.TopLevelMixin, frame: Frame | None = None, **size: float) -> bytes:
    """The chart as PNG bytes, (width × scale) × (height × scale) px (`size`: render's width, height, scale)."""
    return render(chart, frame, **size)[0]


def chart_svg(chart: alt.TopLevelMixin, frame: Frame | None = None, *, width: int = WIDTH, height: int = HEIGHT) -> str:
    """The chart as an SVG document, width × height px."""
    return vlc.vegalite_to_svg(image_spec(chart, frame, width, height))


def slide_font_px(placed_width_in: float, canvas_px: int = WIDTH, pt: float = 12) -> int:
    """The smallest font (CSS px on a canvas_px-wide image) that is `pt` points on a slide where the
    picture is placed placed_width_in inches wide: pt = px × placed_width_in / canvas_px × 72."""
    return math.ceil(pt / 72 * canvas_px / placed_width_in)


# --- the kit's charts ---------------------------------------------------------------------------


@dataclass
class KitChart:
    """One chart of the press kit: the Altair chart, its frame, its data and the query behind it."""

    key: str
    title: str
    unit: str | None
    source: str
    chart: alt.TopLevelMixin
    data: pd.DataFrame
    sql: str
    params: tuple
    headline: str  # key of the talking point that heads its slide
    period: str
    lang: str = "zh"

    @property
    def frame(self) -> Frame:
        """Title, unit, source and as-of line for the image."""
        return Frame(self.title, self.unit, self.source, as_of_label(self.period, self.lang), self.lang)

    def png(self, scale: float = SCALE) -> bytes:
        """The framed chart as PNG bytes."""
        return chart_png(self.chart, self.frame, scale=scale)

    def svg(self) -> str:
        """The framed chart as SVG text."""
        return chart_svg(self.chart, self.frame)

    def render(self, scale: float = SCALE, min_font_px: float = 0) -> tuple[bytes, str]:
        """(PNG bytes, SVG text) of the framed chart, from one spec (no text under min_font_px)."""
        return render(self.chart, self.frame, scale=scale, min_font_px=min_font_px)


# Where each chart's figures come from: keys of the text table (dashboard/i18n.py).
SOURCES = {
    "industrial": "src.industrial",
    "benchmarks": "img.src.benchmarks",
    "projects": "src.projects",
    "tiers": "src.tiers",
    "services": "src.services",
}


def _kit(
    key: str,
    result: queries.Result,
    chart: alt.TopLevelMixin,
    data: pd.DataFrame,
    period: str,
    lang: str,
    *,
    title: str,
    unit: str | None,
    source: str,
    headline: str | None = None,
) -> KitChart:
    """A kit chart from its figure (SQL and parameters) and texts; `headline` defaults to the chart's key."""
    return KitChart(
        key,
        title,
        unit,
        tr(lang, SOURCES[source]),
        chart,
        data,
        result.sql,
        result.params,
        headline or key,
        period,
        lang,
    )


def _region_names(df: pd.DataFrame) -> dict[str, str | None]:
    """The benchmark regions' names as the data gives them (latest non-null per level)."""
    out: dict[str, str | None] = {}
    for level in ("national", "province", "city"):
        names = df[f"{level}_region_name"].dropna() if f"{level}_region_name" in df else pd.Series(dtype=str)
        out[level] = names.iloc[-1] if len(names) else None
    return out


def _chart_growth(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = growth.growth_benchmarks(reader, period, months=18)
    df = result.frame.copy()
    names = _region_names(df)
    zone = tr(lang, "img.zone")
    series = [("zone", zone, "industrial_va_growth_ytd")]
    series += [
        (lvl, names[lvl], f"{lvl}_industrial_va_growth_ytd") for lvl in ("city", "province", "national") if names[lvl]
    ]
    long = pd.concat(
        [pd.DataFrame({"period": df["period"], "region": name, "value": df[col]}) for _, name, col in series]
    ).dropna(subset=["value"])
    if long.empty:
        return None
    order = [name for _, name, _ in series]
    chart = charts.lines(
        long,
        value="value",
        series="region",
        order=order,
        colors=[theme.REGION_COLORS[lvl] for lvl, _, _ in series],
        value_title="%",
        emphasize=zone,
        zero=True,
        lang=lang,
    )
    title = tr(lang, "img.growth.title")
    return _kit("growth", result, chart, long, period, lang, title=title, unit="%", source="benchmarks")


def _chart_manufacturing(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = growth.growth_benchmarks(reader, period, months=1)
    df = result.frame.copy()
    if df.empty:
        return None
    row = df.iloc[0]
    all_kind, mfg_kind = tr(lang, "img.manufacturing.all"), tr(lang, "img.manufacturing.manufacturing")
    regions = [(tr(lang, "img.zone"), "industrial_va_growth_ytd", "manufacturing_va_growth_ytd")]
    for lvl in ("city", "province", "national"):
        if pd.notna(row[f"{lvl}_region_name"]):
            regions.append(
                (row[f"{lvl}_region_name"], f"{lvl}_industrial_va_growth_ytd", f"{lvl}_manufacturing_va_growth_ytd")
            )
    rows = []
    for name, all_col, mfg_col in regions:
        rows.append({"region": name, "kind": all_kind, "value": row[all_col]})
        rows.append({"region": name, "kind": mfg_kind, "value": row[mfg_col]})
    data = pd.DataFrame(rows).dropna(subset=["value"])
    if data.empty:
        return None
    chart = charts.grouped_bars(
        data,
        category="region",
        value="value",
        group="kind",
        order=[all_kind, mfg_kind],
        colors=[theme.PRIMARY, theme.WARN],
        value_title="%",
        category_order=[r[0] for r in regions],
    )
    title = tr(lang, "img.manufacturing.title")
    return _kit("manufacturing", result, chart, data, period, lang, title=title, unit="%", source="benchmarks")


def _months_to(month: int, lang: str) -> str:
    """1月 / 1—6月 (Jan / Jan–Jun): the months a year-to-date figure covers."""
    last = tr(lang, f"month.short.{month}")
    return last if month == 1 else tr(lang, "img.months_to", month=last)


def _chart_output(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = growth.output_vs_last_year(reader, period)
    df = result.frame.copy()
    if df.empty or df["gross_output_ytd"].isna().all():
        return None
    year = int(period[:4])
    this_label = tr(lang, "img.year", year=year)
    last_label = tr(lang, "img.output.last_year", year=year - 1)
    df["months"] = [_months_to(m, lang) for m in df["period"].str.slice(5, 7).astype(int)]
    data = pd.concat(
        [
            pd.DataFrame({"months": df["months"], "year": this_label, "value": df["gross_output_ytd"] / 1e4}),
            pd.DataFrame({"months": df["months"], "year": last_label, "value": df["last_year_gross_output_ytd"] / 1e4}),
        ]
    ).dropna(subset=["value"])
    unit = tr(lang, "unit.yi")
    chart = charts.grouped_bars(
        data,
        category="months",
        value="value",
        group="year",
        order=[this_label, last_label],
        colors=[theme.PRIMARY, "#B7C9E6"],
        value_title=unit,
        value_format=",.1f",
        category_order=list(df["months"]),
    )
    title = tr(lang, "img.output.title")
    return _kit("output", result, chart, data, period, lang, title=title, unit=unit, source="industrial")


def _chart_shares(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = overview.city_shares(reader, period)
    df = result.frame.copy()
    if df.empty or pd.isna(df.iloc[0]["city_region_name"]):
        return None
    row = df.iloc[0]
    items = [
        (tr(lang, "img.shares.enterprises"), "enterprise_share_of_city"),
        (tr(lang, "img.shares.output"), "output_share_of_city"),
        (tr(lang, "img.shares.revenue"), "revenue_share_of_city"),
    ]
    data = pd.DataFrame([{"item": name, "share": row[col]} for name, col in items]).dropna(subset=["share"])
    if data.empty:
        return None
    data["text"] = data["share"].map(fmt.pct)
    chart = charts.ranked_bars(
        data,
        category="item",
        value="share",
        value_title="%",
        value_format=".1f",
        order=[n for n, _ in items],
        colors=[theme.MUTED, theme.ZONE, theme.PRIMARY],
        text="text",
    )
    title = tr(lang, "img.shares.title", city=row["city_region_name"])
    return _kit("shares", result, chart, data, period, lang, title=title, unit="%", source="benchmarks")


def _chart_years(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = growth.year_end_growth(reader, period)
    df = result.frame.dropna(subset=["industrial_va_growth_ytd"])
    if df.empty:
        return None
    zone = tr(lang, "img.zone")
    city = df["city_region_name"].dropna().iloc[-1] if df["city_region_name"].notna().any() else None
    rows = []
    for r in df.itertuples():
        year = tr(lang, "img.year", year=r.period_year)
        rows.append({"year": year, "region": zone, "value": r.industrial_va_growth_ytd})
        if city and pd.notna(r.city_industrial_va_growth_ytd):
            rows.append({"year": year, "region": city, "value": r.city_industrial_va_growth_ytd})
    data = pd.DataFrame(rows)
    order = [zone] + ([city] if city else [])
    chart = charts.grouped_bars(
        data,
        category="year",
        value="value",
        group="region",
        order=order,
        colors=[theme.ZONE, theme.PRIMARY][: len(order)],
        value_title="%",
    )
    title = tr(lang, "img.years.title")
    return _kit(
        "years", result, chart, data, period, lang, title=title, unit="%", source="benchmarks", headline="last_year"
    )


def _chart_investment(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = projects.investment_since_2023(reader, period, None)
    df = result.frame.copy()
    if df.empty or not df["invested_since_2023"].fillna(0).any():
        return None
    data = df.assign(monthly=df["invested"] / 1e4, cum=df["invested_since_2023"] / 1e4)
    chart = charts.columns_with_line(
        data,
        bar="monthly",
        bar_title=tr(lang, "img.investment.monthly"),
        line="cum",
        line_title=tr(lang, "img.investment.cumulative"),
        line_format=",.1f",
        lang=lang,
    )
    title, unit = tr(lang, "img.investment.title"), tr(lang, "unit.yi")
    return _kit(
        "investment", result, chart, data, period, lang, title=title, unit=unit, source="projects", headline="projects"
    )


def _project_bars(df: pd.DataFrame, order: list[str], colors: list[str], lang: str) -> alt.Chart:
    """Projects per plan category or stage, as ranked bars labelled with df['text']."""
    return charts.ranked_bars(
        df,
        category="name",
        value="projects",
        value_title=tr(lang, "img.projects_axis"),
        value_format=",.0f",
        order=order,
        colors=colors,
        text="text",
    )


def _chart_plan(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = projects.plan_progress(reader, period, None)
    df = result.frame.copy()
    if df.empty:
        return None
    df["name"] = [label("plan", c, lang) for c in df["plan_category"]]
    order = [n for c in ("new", "continuing", "preparatory") for n in df.loc[df["plan_category"] == c, "name"]]
    unit = tr(lang, "measure.proj")
    df["text"] = df["projects"].map(lambda v: f"{int(v)}{unit}")
    chart = _project_bars(df, order, [theme.ZONE, theme.PRIMARY, theme.WARN][: len(order)], lang)
    title = tr(lang, "img.plan.title", year=period[:4])
    return _kit("plan", result, chart, df, period, lang, title=title, unit=tr(lang, "unit.proj"), source="projects")


STAGE_COLORS = {
    "signed": "#B7C9E6",
    "preparing": theme.WARN,
    "under_construction": theme.ZONE,
    "in_production": theme.PRIMARY,
}


def _chart_pipeline(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = projects.pipeline(reader, period, None)
    df = result.frame.copy()
    if df.empty or not df["projects"].fillna(0).any():
        return None
    df["name"] = [label("status", c, lang) for c in df["project_status"]]
    df["text"] = [
        tr(lang, "img.pipeline.bar", projects=int(p), investment=fmt.fixed(t, 1, scale=-4))
        for p, t in zip(df["projects"], df["total_investment"].fillna(0), strict=True)
    ]
    chart = _project_bars(df, list(df["name"]), [STAGE_COLORS.get(c, theme.MUTED) for c in df["project_status"]], lang)
    return _kit(
        "pipeline",
        result,
        chart,
        df,
        period,
        lang,
        title=tr(lang, "img.pipeline.title"),
        unit=tr(lang, "unit.proj"),
        source="projects",
        headline="under_construction",
    )


# The targets chart's rows, in order; two are named as the tier enum names them, two as the chart does.
TARGETS = ("innovative_sme", "specialized_or_gazelle", "little_giant", "above_scale_count")


def _target_name(indicator: str, lang: str) -> str:
    key = f"img.targets.{indicator}"
    return tr(lang, key) if key in LABELS else label("tier", indicator, lang)


def _target_text(r: object, lang: str) -> str:
    """现有1560家 · 年度目标1600家 · 预计年底1620家 (the projection only when there is one)."""
    text = tr(lang, "img.targets.bar", name=r.name, actual=fmt.num(r.actual_value), target=fmt.num(r.target_value))
    if pd.notna(r.projected_year_end_value):
        text += tr(lang, "img.targets.bar_projected", projected=fmt.num(r.projected_year_end_value))
    return text


def _chart_targets(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = tiers.tier_targets(reader, period)
    df = result.frame.dropna(subset=["actual_value", "target_value"])
    if df.empty:
        return None
    df["sort"] = df["indicator"].map(TARGETS.index)
    df = df.sort_values("sort")
    df["name"] = df["indicator"].map(lambda k: _target_name(k, lang))
    df["text"] = [_target_text(r, lang) for r in df.itertuples()]
    df["projected_year_end_value"] = df["projected_year_end_value"].fillna(df["actual_value"])
    chart = charts.progress(
        df,
        label="name",
        actual="actual_value",
        target="target_value",
        projected="projected_year_end_value",
        actual_title=tr(lang, "img.targets.now"),
        target_title=tr(lang, "img.targets.target"),
        projected_title=tr(lang, "img.targets.projected"),
        text="text",
    )
    return _kit(
        "targets",
        result,
        chart,
        df,
        period,
        lang,
        title=tr(lang, "img.targets.title", year=period[:4]),
        unit=tr(lang, "img.targets.unit"),
        source="tiers",
        headline="tier_targets",
    )


SERVICE_RATES = ("satisfaction_rate", "on_time_rate", "one_visit_rate", "rectification_rate")


def _chart_services(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = overview.headline_figures(reader, period, *SERVICE_RATES)
    df = result.frame.copy()
    if df.empty:
        return None
    row = df.iloc[0]
    data = pd.DataFrame([{"item": tr(lang, f"img.services.{col}"), "rate": row[col]} for col in SERVICE_RATES]).dropna(
        subset=["rate"]
    )
    if data.empty:
        return None
    data["text"] = data["rate"].map(fmt.pct)
    chart = charts.ranked_bars(
        data, category="item", value="rate", value_title="%", value_format=".1f", order=list(data["item"]), text="text"
    )
    title = tr(lang, "img.services.title")
    return _kit("services", result, chart, data, period, lang, title=title, unit="%", source="services")


KIT: tuple[Callable[[Reader, str, str], KitChart | None], ...] = (
    _chart_output,
    _chart_growth,
    _chart_manufacturing,
    _chart_shares,
    _chart_years,
    _chart_investment,
    _chart_plan,
    _chart_pipeline,
    _chart_targets,
    _chart_services,
)


def kit_charts(db_path: Path | str, period: str, lang: str = "zh") -> list[KitChart]:
    """The press kit's charts for `period`, in the order of the talking points; charts without data are left out."""
    with queries.open_reader(db_path) as reader:  # a publication: held to the leader's rules
        built = [make(reader, period, lang) for make in KIT]
    return [c for c in built if c is not None]
