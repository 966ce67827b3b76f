"""The one Altair theme every chart uses: Noto Sans CJK SC, horizontal labels, quiet grid.

Colours follow the palette Chinese readers know from government dashboards (ECharts'
defaults); red marks the zone and what is ahead, grey the benchmarks.
"""

from __future__ import annotations

import altair as alt

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

PRIMARY = "#1F5BB6"
ZONE = "#D7263D"  # the zone itself, against grey/blue benchmarks
GOOD = "#2E9D5B"
WARN = "#F0A202"
BAD = "#D7263D"
MUTED = "#8A94A6"
INK = "#1F2A37"
GRID = "#E6EAF0"
PALETTE = ("#1F5BB6", "#F0A202", "#2E9D5B", "#D7263D", "#5AB1EF", "#9A60B4", "#FC8452", "#3BA272", "#EA7CCC", "#8A94A6")
SEQUENTIAL = ("#EAF1FB", "#1F5BB6")
DIVERGING = ("#2E9D5B", "#F7F7F7", "#D7263D")
REGION_COLORS = {"zone": ZONE, "national": "#8A94A6", "province": "#5AB1EF", "city": "#1F5BB6"}

THEME_NAME = "zone"


@alt.theme.register(THEME_NAME, enable=True)
def zone_theme() -> alt.theme.ThemeConfig:
    """Theme config shared by every chart in the dashboard."""
    return {
        "config": {
            "font": FONT,
            "background": "transparent",
            "view": {"stroke": None, "continuousWidth": 400, "continuousHeight": 280},
            "padding": {"left": 4, "right": 8, "top": 6, "bottom": 4},
            "range": {"category": list(PALETTE), "ramp": list(SEQUENTIAL), "diverging": list(DIVERGING)},
            "axis": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": "normal",
                "labelColor": "#4B5563",
                "titleColor": "#4B5563",
                "gridColor": GRID,
                "domainColor": "#C9D1DC",
                "tickColor": "#C9D1DC",
                "labelAngle": 0,
                "labelLimit": 180,
                "labelOverlap": True,
            },
            "axisX": {"labelAngle": 0, "grid": False},
            "axisY": {
                "grid": True,
                "domain": False,
                "ticks": False,
                "titleAngle": 0,
                "titleAlign": "left",
                "titleAnchor": "end",
                "titleY": -10,
                "titleX": 0,
            },
            "axisBand": {"grid": False},
            "legend": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": "normal",
                "orient": "top",
                "direction": "horizontal",
                "symbolType": "circle",
                "labelLimit": 220,
                # one row on a wide card; wrapped into as many columns as fit on a phone
                "columns": {"expr": "width < 560 ? max(1, floor(width / 150)) : 0"},
            },
            "header": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12, "labelAngle": 0},
            "title": {"font": FONT, "fontSize": 14, "anchor": "start", "color": INK},
            "text": {"font": FONT, "fontSize": 12, "color": INK},
            "line": {"strokeWidth": 2.5, "point": False},
            "point": {"size": 50, "filled": True},
            "bar": {"cornerRadiusEnd": 2},
            "tooltip": {"font": FONT},
        }
    }


def enable() -> None:
    """Make sure the zone theme is the active one (importing this module registers it)."""
    alt.theme.enable(THEME_NAME)
