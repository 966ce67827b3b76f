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
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from dashboard import charts, fmt, queries, theme
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
        if self.lang == "en":
            return f"Source: {self.source}  ·  Data as of {self.as_of}"
        return f"数据来源：{self.source}　　截至{self.as_of}"

    @property
    def subtitle(self) -> str | None:
        """单位：亿元 (Unit: …), or None."""
        if not self.unit:
            return None
        return f"Unit: {self.unit}" if self.lang == "en" else f"单位：{self.unit}"


def as_of_label(period: str, lang: str = "zh") -> str:
    """'2025-06' as 2025年6月 (English: Jun 2025)."""
    year, month = int(period[:4]), int(period[5:7])
    if lang == "en":
        return pd.Timestamp(year=year, month=month, day=1).strftime("%b %Y")
    return f"{year}年{month}月"


def _set_fonts(config: dict) -> dict:
    """The theme's config with every font slot set to the CJK stack and type a size up for the screen."""
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
    config["background"] = "#FFFFFF"
    return config


TEXT_SCALE = 1.3  # value labels drawn at 11–13 px for a card read larger on a projected slide


def _enlarge_text(node: object, factor: float = TEXT_SCALE) -> None:
    """Scale the font size of every text mark in a spec (in place)."""
    if isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            mark["fontSize"] = round(mark.get("fontSize", 12) * factor, 1)
        for value in node.values():
            _enlarge_text(value, factor)
    elif isinstance(node, list):
        for value in node:
            _enlarge_text(value, factor)


def _titled(chart: alt.TopLevelMixin, frame: Frame | None, width: int, height: int) -> dict:
    """The chart's spec at a fixed plot size, with the frame's title and unit and the CJK fonts."""
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
            subtitleFontSize=15,
            subtitleColor=MUTED,
            subtitlePadding=6,
            offset=14,
            font=FONT_STACK,
            subtitleFont=FONT_STACK,
        )
    spec = chart.properties(**props).to_dict()
    _enlarge_text({k: v for k, v in spec.items() if k != "config"})
    spec["config"] = _set_fonts(spec.get("config", {}))
    spec["padding"] = {"left": 16, "right": 24, "top": 16, "bottom": 14}
    return spec


def image_spec(chart: alt.TopLevelMixin, frame: Frame | None = None, width: int = WIDTH, height: int = HEIGHT) -> dict:
    """A Vega-Lite spec that draws `chart` on a canvas of exactly width × height px, framed.

    First pass: draw it with a plot of width × height to measure the room its axes, legend
    and title take around the plot. Second pass: add the source line under the lowest axis
    text, flush with the title, and let Vega fit plot and all into the canvas.
    """
    register_cjk_fonts()
    spec = _titled(chart, frame, width, height)
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
            fontSize=14,
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
) -> tuple[bytes, str]:
    """The chart as (PNG bytes, SVG text): the SVG rasterised, byte for byte what vegalite_to_png draws."""
    svg = vlc.vegalite_to_svg(image_spec(chart, frame, width, height))
    return vlc.svg_to_png(svg, scale=scale), svg


def chart_png(
    chart: alt.TopLevelMixin,
    frame: Frame | None = None,
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float = SCALE,
) -> bytes:
    """The chart as PNG bytes, (width × scale) × (height × scale) px."""
    return vlc.vegalite_to_png(image_spec(chart, frame, width, height), scale=scale)


def chart_svg(chart: alt.TopLevelMixin, frame: Frame | None = None, *, width: int = WIDTH, height: int = HEIGHT) -> str:
    """The chart as an SVG document, width × height px."""
    return vlc.vegalite_to_svg(image_spec(chart, frame, width, height))


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

    def render(self, scale: float = SCALE) -> tuple[bytes, str]:
        """(PNG bytes, SVG text) of the framed chart, from one spec."""
        return render(self.chart, self.frame, scale=scale)


def _label(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


SOURCES = {
    "industrial": (
        "规上工业企业月报；行业价格与增加值率",
        "Above-scale industrial monthly reports; industry prices and VA rates",
    ),
    "benchmarks": (
        "规上工业企业月报；国家、省、市统计部门公开数据",
        "Above-scale industrial monthly reports; national, provincial and city statistics",
    ),
    "projects": ("项目库、年度建设计划、月度完成投资", "Project register, annual plan, monthly investment"),
    "tiers": ("企业梯队认定；年度目标", "Enterprise tier recognitions; annual targets"),
    "services": ("政务服务办件；高频事项清单", "Government service cases; high-frequency matters"),
}


def _source(key: str, lang: str) -> str:
    zh, en = SOURCES[key]
    return _label(lang, zh, en)


def _region_names(df: pd.DataFrame) -> dict[str, str | None]:
    """The benchmark regions' names as the data gives them (latest non-null per level)."""
    out: dict[str, str | None] = {}
    for level in ("national", "province", "city"):
        names = df[f"{level}_region_name"].dropna() if f"{level}_region_name" in df else pd.Series(dtype=str)
        out[level] = names.iloc[-1] if len(names) else None
    return out


def _chart_growth(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = growth.growth_benchmarks(reader, period, months=18)
    df, params = result.frame.copy(), result.params
    names = _region_names(df)
    zone = _label(lang, "高新区", "The zone")
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
    return KitChart(
        "growth",
        _label(lang, "规模以上工业增加值累计增速", "Industrial value-added growth, year to date"),
        "%",
        _source("benchmarks", lang),
        chart,
        long,
        result.sql,
        params,
        "growth",
        period,
        lang,
    )


def _chart_manufacturing(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = growth.growth_benchmarks(reader, period, months=1)
    df, params = result.frame.copy(), result.params
    if df.empty:
        return None
    row = df.iloc[0]
    all_kind, mfg_kind = _label(lang, "规上工业", "All industry"), _label(lang, "制造业", "Manufacturing")
    regions = [(_label(lang, "高新区", "The zone"), "industrial_va_growth_ytd", "manufacturing_va_growth_ytd")]
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
    return KitChart(
        "manufacturing",
        _label(lang, "规上工业与制造业增加值累计增速对比", "Value-added growth: all industry and manufacturing"),
        "%",
        _source("benchmarks", lang),
        chart,
        data,
        result.sql,
        params,
        "manufacturing",
        period,
        lang,
    )


def _chart_output(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = growth.output_vs_last_year(reader, period)
    df, params = result.frame.copy(), result.params
    if df.empty or df["gross_output_ytd"].isna().all():
        return None
    year = int(period[:4])
    this_label = _label(lang, f"{year}年", str(year))
    last_label = _label(lang, f"{year - 1}年同期", f"{year - 1}, same months")
    months = df["period"].str.slice(5, 7).astype(int)
    df["months"] = [
        _label(lang, "1月" if m == 1 else f"1—{m}月", "Jan" if m == 1 else f"Jan–{pd.Timestamp(2000, m, 1):%b}")
        for m in months
    ]
    data = pd.concat(
        [
            pd.DataFrame({"months": df["months"], "year": this_label, "value": df["gross_output_ytd"] / 1e4}),
            pd.DataFrame({"months": df["months"], "year": last_label, "value": df["last_year_gross_output_ytd"] / 1e4}),
        ]
    ).dropna(subset=["value"])
    chart = charts.grouped_bars(
        data,
        category="months",
        value="value",
        group="year",
        order=[this_label, last_label],
        colors=[theme.PRIMARY, "#B7C9E6"],
        value_title=_label(lang, "亿元", "RMB 100 m"),
        value_format=",.1f",
        category_order=list(df["months"]),
    )
    return KitChart(
        "output",
        _label(lang, "规模以上工业总产值（累计）", "Gross industrial output, year to date"),
        _label(lang, "亿元", "RMB 100 m"),
        _source("industrial", lang),
        chart,
        data,
        result.sql,
        params,
        "output",
        period,
        lang,
    )


def _chart_shares(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = overview.city_shares(reader, period)
    df, params = result.frame.copy(), result.params
    if df.empty or pd.isna(df.iloc[0]["city_region_name"]):
        return None
    row = df.iloc[0]
    items = [
        (_label(lang, "规上工业企业数", "Above-scale enterprises"), "enterprise_share_of_city"),
        (_label(lang, "规上工业总产值", "Gross output"), "output_share_of_city"),
        (_label(lang, "规上工业营业收入", "Revenue"), "revenue_share_of_city"),
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
    city = row["city_region_name"]
    return KitChart(
        "shares",
        _label(lang, f"高新区主要工业指标占{city}比重", f"The zone's share of {city}"),
        "%",
        _source("benchmarks", lang),
        chart,
        data,
        result.sql,
        params,
        "shares",
        period,
        lang,
    )


def _chart_years(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = growth.year_end_growth(reader, period)
    df, params = result.frame.dropna(subset=["industrial_va_growth_ytd"]), result.params
    if df.empty:
        return None
    zone = _label(lang, "高新区", "The zone")
    city = df["city_region_name"].dropna().iloc[-1] if df["city_region_name"].notna().any() else None
    rows = []
    for r in df.itertuples():
        year = _label(lang, f"{r.period_year}年", str(r.period_year))
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
    return KitChart(
        "years",
        _label(lang, "历年规模以上工业增加值增速", "Industrial value-added growth by year"),
        "%",
        _source("benchmarks", lang),
        chart,
        data,
        result.sql,
        params,
        "last_year",
        period,
        lang,
    )


def _chart_investment(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = projects.investment_since_2023(reader, period, None)
    df, params = result.frame.copy(), result.params
    if df.empty or not df["invested_since_2023"].fillna(0).any():
        return None
    data = df.assign(monthly=df["invested"] / 1e4, cum=df["invested_since_2023"] / 1e4)
    chart = charts.columns_with_line(
        data,
        bar="monthly",
        bar_title=_label(lang, "当月完成投资", "Invested in the month"),
        line="cum",
        line_title=_label(lang, "2023年以来累计", "Cumulative since 2023"),
        line_format=",.1f",
        lang=lang,
    )
    return KitChart(
        "investment",
        _label(lang, "2023年以来工业投资", "Industrial investment since 2023"),
        _label(lang, "亿元", "RMB 100 m"),
        _source("projects", lang),
        chart,
        data,
        result.sql,
        params,
        "projects",
        period,
        lang,
    )


def _chart_plan(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = projects.plan_progress(reader, period, None)
    df, params = result.frame.copy(), result.params
    if df.empty:
        return None
    english = {"new": "New", "continuing": "Continuing", "preparatory": "Preparatory"}
    df["name"] = [
        english.get(c, c) if lang == "en" else n
        for c, n in zip(df["plan_category"], df["plan_category_name"], strict=True)
    ]
    order = [n for c in ("new", "continuing", "preparatory") for n in df.loc[df["plan_category"] == c, "name"]]
    unit = _label(lang, "个", "")
    df["text"] = df["projects"].map(lambda v: f"{int(v)}{unit}")
    chart = charts.ranked_bars(
        df,
        category="name",
        value="projects",
        value_title=_label(lang, "项目数（个）", "Projects"),
        value_format=",.0f",
        order=order,
        colors=[theme.ZONE, theme.PRIMARY, theme.WARN][: len(order)],
        text="text",
    )
    year = period[:4]
    return KitChart(
        "plan",
        _label(lang, f"{year}年度建设计划项目", f"Projects in the {year} construction plan"),
        _label(lang, "个", "projects"),
        _source("projects", lang),
        chart,
        df,
        result.sql,
        params,
        "plan",
        period,
        lang,
    )


def _chart_pipeline(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = projects.pipeline(reader, period, None)
    df, params = result.frame.copy(), result.params
    if df.empty or not df["projects"].fillna(0).any():
        return None
    english = {
        "signed": "Signed",
        "preparing": "Preparing",
        "under_construction": "Under construction",
        "in_production": "In production",
    }
    df["name"] = [
        english.get(c, c) if lang == "en" else n
        for c, n in zip(df["project_status"], df["project_status_name"], strict=True)
    ]
    unit = _label(lang, "个", "")
    df["text"] = [
        f"{int(p)}{unit}  " + (fmt.fixed(t, 1, scale=-4) + _label(lang, "亿元", " (RMB 100 m)"))
        for p, t in zip(df["projects"], df["total_investment"].fillna(0), strict=True)
    ]
    colors = {
        "signed": "#B7C9E6",
        "preparing": theme.WARN,
        "under_construction": theme.ZONE,
        "in_production": theme.PRIMARY,
    }
    chart = charts.ranked_bars(
        df,
        category="name",
        value="projects",
        value_title=_label(lang, "项目数（个）", "Projects"),
        value_format=",.0f",
        order=list(df["name"]),
        colors=[colors.get(c, theme.MUTED) for c in df["project_status"]],
        text="text",
    )
    return KitChart(
        "pipeline",
        _label(lang, "项目建设进展（项目数、总投资）", "Projects by stage (count, total investment)"),
        _label(lang, "个", "projects"),
        _source("projects", lang),
        chart,
        df,
        result.sql,
        params,
        "under_construction",
        period,
        lang,
    )


TARGET_NAMES = {
    "innovative_sme": ("创新型中小企业", "Innovative SMEs"),
    "specialized_or_gazelle": ("专精特新+瞪羚企业", "Specialised + gazelles"),
    "little_giant": ("专精特新“小巨人”企业", "'Little giants'"),
    "above_scale_count": ("规模以上工业企业", "Above-scale enterprises"),
}


def _chart_targets(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = tiers.tier_targets(reader, period)
    df, params = result.frame.dropna(subset=["actual_value", "target_value"]), result.params
    if df.empty:
        return None
    df["sort"] = df["indicator"].map(list(TARGET_NAMES).index)
    df = df.sort_values("sort")
    df["name"] = df["indicator"].map(lambda k: _label(lang, *TARGET_NAMES[k]))
    if lang == "en":
        df["text"] = [
            f"{r.name}: {fmt.num(r.actual_value)} now · target {fmt.num(r.target_value)}"
            + (f" · projected {fmt.num(r.projected_year_end_value)}" if pd.notna(r.projected_year_end_value) else "")
            for r in df.itertuples()
        ]
    else:
        df["text"] = [
            f"{r.name}：现有{fmt.num(r.actual_value)}家 · 年度目标{fmt.num(r.target_value)}家"
            + (f" · 预计年底{fmt.num(r.projected_year_end_value)}家" if pd.notna(r.projected_year_end_value) else "")
            for r in df.itertuples()
        ]
    df["projected_year_end_value"] = df["projected_year_end_value"].fillna(df["actual_value"])
    chart = charts.progress(
        df,
        label="name",
        actual="actual_value",
        target="target_value",
        projected="projected_year_end_value",
        actual_title=_label(lang, "现有", "Now"),
        target_title=_label(lang, "年度目标", "Target"),
        projected_title=_label(lang, "预计年底", "Projected"),
        text="text",
    )
    return KitChart(
        "targets",
        _label(lang, f"{period[:4]}年优质企业培育目标进度", f"Enterprise targets for {period[:4]}"),
        _label(lang, "占年度目标的百分比（深色：现有；浅色：预计年底）", "% of target (dark: now; light: projected)"),
        _source("tiers", lang),
        chart,
        df,
        result.sql,
        params,
        "tier_targets",
        period,
        lang,
    )


SERVICE_RATES = ("satisfaction_rate", "on_time_rate", "one_visit_rate", "rectification_rate")


def _chart_services(reader: Reader, period: str, lang: str) -> KitChart | None:
    result = overview.headline_figures(reader, period, *SERVICE_RATES)
    df, params = result.frame.copy(), result.params
    if df.empty:
        return None
    row = df.iloc[0]
    items = [
        ("satisfaction_rate", "满意率", "Satisfaction"),
        ("on_time_rate", "按时办结率", "On time"),
        ("one_visit_rate", "一次办结率", "Done in one visit"),
        ("rectification_rate", "差评整改率", "Bad ratings rectified"),
    ]
    data = pd.DataFrame([{"item": _label(lang, zh, en), "rate": row[col]} for col, zh, en in items]).dropna(
        subset=["rate"]
    )
    if data.empty:
        return None
    data["text"] = data["rate"].map(fmt.pct)
    chart = charts.ranked_bars(
        data, category="item", value="rate", value_title="%", value_format=".1f", order=list(data["item"]), text="text"
    )
    return KitChart(
        "services",
        _label(lang, "政务服务质效", "Government services"),
        "%",
        _source("services", lang),
        chart,
        data,
        result.sql,
        params,
        "services",
        period,
        lang,
    )


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
