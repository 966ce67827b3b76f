"""The press-conference kit in the app (AppTest against the demo warehouse): presentation mode, the
chart cards' PNG / SVG downloads, the 发布会材料 page, and benchmark regions named from the data."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import altair as alt
import dashboard_helpers
import pandas as pd
import pytest
from dashboard_helpers import DEMO_PERIOD
from PIL import Image
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard import chart_images, charts, downloads, present, regions
from dashboard.talking_points import talking_points
from warehouse import audit


def open_page(page: str | None, **query: str) -> AppTest:
    """Run the app (the router) on `page` with the given query string; no exception, no error box."""
    at = dashboard_helpers.open_page(page, **query)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict:
    """file id → the callable a download button registered for its click (AppTest drops its media manager
    after each run, so the callables are caught as they are registered)."""
    seen: dict = {}
    register = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = register(self, data_callable, *args, **kwargs)
        seen[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return seen


def run_download(deferred: dict, button: object) -> bytes:
    """What a download button serves when clicked: its callable, run as Streamlit runs it on the click."""
    file_id = button.proto.deferred_file_id
    assert file_id, "the button's data is not generated on click"
    data = deferred[file_id]()
    return data.encode("utf-8") if isinstance(data, str) else data


def chart_buttons(at: AppTest) -> list:
    return [b for b in at.get("download_button") if b.proto.id.endswith(("-png", "-svg"))]


# --- presentation mode ---------------------------------------------------------------------------


def test_present_param_turns_presentation_mode_on(zone_db: Path) -> None:
    at = open_page(None, present="1")
    assert at.session_state["present"] is True
    assert at.query_params["present"] == "1"
    css = "".join(h.proto.body for h in at.get("html") if "<style>" in h.proto.body)
    for hidden in (
        '[data-testid="stSidebar"]',
        '[data-testid="stToolbar"]',
        '[data-testid="stHeader"]',
        '[data-testid="stDecoration"]',
        '[data-testid="stStatusWidget"]',
        '[data-testid="stMainMenu"]',
    ):
        assert hidden in css, f"{hidden} not hidden in presentation mode"
    # the overview condensed to ten cards and the two main charts, drawn to fill the screen
    assert len(at.metric) == 10
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == 2 and all(s.get("height") == present.FILL for s in specs)
    assert all(s["config"]["axis"]["labelFontSize"] >= present.AXIS_FONT for s in specs)  # larger type
    # the way out: a ✕ button with the Esc shortcut
    assert at.button(key="present-exit").proto.shortcut.lower() in ("escape", "esc")


def test_default_is_the_everyday_dashboard(zone_db: Path) -> None:
    at = open_page(None)
    assert at.session_state["present"] is False
    assert "present" not in at.query_params
    assert len(at.metric) == 20  # every KPI section
    assert not [h for h in at.get("html") if 'data-testid="stSidebar"' in h.proto.body]


def test_leaving_keeps_the_other_query_parameters(zone_db: Path) -> None:
    at = open_page(None, present="1", period="2025-05", lang="en")
    at.button(key="present-exit").click().run()
    assert at.session_state["present"] is False
    assert "present" not in at.query_params
    assert at.query_params["period"] == "2025-05" and at.query_params["lang"] == "en"
    assert len(at.metric) == 20  # every KPI section


def test_sidebar_toggle_writes_the_url(zone_db: Path) -> None:
    at = open_page("growth")
    at.toggle(key="present").set_value(True).run()
    assert at.query_params["present"] == "1"
    assert not at.exception


@pytest.mark.parametrize("page", [None, "growth", "projects", "tiers", "talent", "services", "presskit"])
def test_every_page_renders_in_presentation_mode(zone_db: Path, page: str | None) -> None:
    at = open_page(page, present="1")
    assert at.session_state["present"] is True


# --- source and as-of line, chart downloads --------------------------------------------------------


def test_every_chart_card_has_a_source_and_as_of_line_and_downloads(zone_db: Path) -> None:
    at = open_page("growth")
    sources = [h.proto.body for h in at.get("html") if 'class="zone-source"' in h.proto.body]
    charts_drawn = at.get("vega_lite_chart")
    assert len(sources) == len(charts_drawn) == 8
    assert all("数据来源：" in s and "截至2025年6月" in s for s in sources), sources
    buttons = chart_buttons(at)
    assert len(buttons) == 2 * len(charts_drawn)
    assert sorted({b.proto.label for b in buttons}) == [
        "下载图片",
        "下载矢量图",
    ]  # PNG, SVG: no Latin in the Chinese view
    assert all(b.proto.ignore_rerun for b in buttons), "a download reruns the page"
    assert all(b.proto.deferred_file_id for b in buttons), "images rendered on every run instead of on click"


def test_chart_download_is_the_framed_image_and_is_audited(
    zone_db: Path, tmp_path: Path, deferred: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(log))
    at = open_page(None)
    png_button = next(b for b in chart_buttons(at) if b.proto.id.endswith("-png"))
    png = run_download(deferred, png_button)
    im = Image.open(io.BytesIO(png))
    assert im.format == "PNG"
    assert im.size == (chart_images.WIDTH * chart_images.SCALE, chart_images.HEIGHT * chart_images.SCALE)
    svg_button = next(b for b in chart_buttons(at) if b.proto.id.endswith("-svg"))
    svg = run_download(deferred, svg_button).decode("utf-8")
    assert svg.lstrip().startswith("<svg") and chart_images.CJK_FONT in svg and "截至2025年6月" in svg
    events = [e for e in audit.read_events(path=log) if e.get("event") == "export"]
    assert [e["kind"] for e in events] == ["chart_png", "chart_svg"]
    assert all(
        e["user"] == "demo" and e["period"] == DEMO_PERIOD and e["file"].endswith((".png", ".svg")) for e in events
    ), events


def test_image_size_grows_with_a_tall_chart() -> None:
    short = alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q").properties(height=300)
    tall = short.properties(height=640)
    assert downloads.image_size(short) == (chart_images.WIDTH, chart_images.HEIGHT)
    assert downloads.image_size(tall)[1] > chart_images.HEIGHT
    assert (
        downloads.file_stem("规上工业增加值累计增速：高新区与全国", "2025-06")
        == "规上工业增加值累计增速_高新区与全国_2025-06"
    )


# --- the press page --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_press_page_lists_the_talking_points(zone_db: Path, lang: str) -> None:
    at = open_page("presskit", lang=lang)
    points = talking_points(zone_db, DEMO_PERIOD, lang)
    assert points, "the demo has talking points"
    assert [e.label for e in at.expander] == [f"{i}. {p.text}" for i, p in enumerate(points, start=1)]
    # closed, a sentence draws nothing inside; opened (its expander's state), its metrics and SQL
    assert not [c for c in at.get("code") if c.proto.language == "sql"] and not at.expander[0].markdown
    for p in points:
        at.session_state[f"tp-{p.key}"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    codes = at.get("code")
    sql_blocks = [c.proto.code_text for c in codes if c.proto.language == "sql"]
    assert sql_blocks == [p.sql_with_params for p in points]
    # each sentence names its metrics
    for expander, point in zip(at.expander, points, strict=True):
        shown = " ".join(m.value for m in expander.markdown)
        assert all(f"`{m}`" in shown for m in point.metrics), (point.key, shown)
    # the copy-all block holds every sentence, one a line
    copy_all = [c.proto.code_text for c in codes if c.proto.language != "sql"]
    assert copy_all == ["\n".join(p.text for p in points)]


def test_press_page_downloads_the_whole_kit(
    zone_db: Path, tmp_path: Path, deferred: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    at = open_page("presskit")
    button = next(b for b in at.get("download_button") if b.proto.id.endswith("presskit-zip"))
    assert button.proto.ignore_rerun
    with zipfile.ZipFile(io.BytesIO(run_download(deferred, button))) as zf:
        names = zf.namelist()
    assert f"presskit_{DEMO_PERIOD}/talking_points.md" in names
    assert f"presskit_{DEMO_PERIOD}/presskit_{DEMO_PERIOD}.pptx" in names
    assert sum(n.endswith(".png") for n in names) == sum(n.endswith(".svg") for n in names) >= 8
    events = audit.read_events(path=tmp_path / "audit.jsonl")
    assert [e["kind"] for e in events if e.get("event") == "export"] == ["presskit_zip"]


# --- benchmark regions named from the data -----------------------------------------------------------


def test_benchmark_regions_are_named_from_the_data(zone_db: Path) -> None:
    at = open_page(None)
    labels = [m.label for m in at.metric]
    assert "增速领先山东省" in labels and "增速领先全省" not in labels
    story = next(h.proto.body for h in at.get("html") if "贡献了全市" in h.proto.body)
    assert "以济南市" in story and "分别领先全国、山东省" in story
    legend = {
        r
        for c in at.get("vega_lite_chart")
        for r in json.dumps(json.loads(c.proto.spec), ensure_ascii=False).split('"')
        if r in ("全省", "全市", "山东省", "济南市")
    }
    assert legend == {"山东省", "济南市"}
    growth = open_page("growth")
    assert any("领先济南市" in str(m.proto.delta) for m in growth.metric)


def test_generic_names_only_where_the_data_has_none() -> None:
    bench = pd.DataFrame(
        {
            "national_region_name": ["全国", None],
            "province_region_name": [None, None],
            "city_region_name": ["苏州市", "苏州市"],
        }
    )
    assert regions.names(bench) == {"zone": "高新区", "national": "全国", "province": "全省", "city": "苏州市"}
    assert regions.names(None)["city"] == "全市"
    assert regions.named(bench) == {"national": "全国", "province": None, "city": "苏州市"}
    assert regions.prose(bench)["province"] == "全省"


def test_english_view_says_the_nation_where_the_data_names_in_chinese(zone_db: Path) -> None:
    at = open_page(None, lang="en")
    labels = [m.label for m in at.metric]
    assert "Lead over national growth" in labels and "Lead over provincial growth" in labels
    story = next(h.proto.body for h in at.get("html") if "ahead of" in h.proto.body)
    assert "ahead of the nation" in story and "ahead of the province" in story and "of the city's" in story


# --- charts.py takes the language as a parameter (a download's thread has no session) ---------------


def test_month_labels_follow_the_lang_parameter() -> None:
    df = pd.DataFrame({"period": ["2025-01", "2025-02"], "v": [1.0, 2.0], "s": ["a", "a"]})
    en = charts.lines(df, value="v", series="s", order=["a"], colors=["#000"], value_title="%", lang="en").to_dict()
    zh = charts.lines(df, value="v", series="s", order=["a"], colors=["#000"], value_title="%", lang="zh").to_dict()
    text_en, text_zh = json.dumps(en, ensure_ascii=False), json.dumps(zh, ensure_ascii=False)
    assert "%b" in text_en and "月" not in text_en and "Jan 2025" in text_en
    assert "月" in text_zh and "2025年1月" in text_zh
