"""Chart images: valid PNGs of the promised size that are not blank, SVGs in the CJK font, and
proof that Chinese is drawn with Noto Sans CJK SC rather than a face without Chinese glyphs."""

from __future__ import annotations

import io
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest
import vl_convert as vlc
from PIL import Image, ImageDraw, ImageFont

from dashboard import charts
from dashboard.chart_images import (
    CJK_FONT,
    FONT_DIR,
    SCALE,
    FontMissing,
    Frame,
    chart_png,
    chart_svg,
    kit_charts,
    register_cjk_fonts,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LABEL = "规模以上工业增加值"


def _image(png: bytes) -> Image.Image:
    assert png[:8] == PNG_SIGNATURE
    im = Image.open(io.BytesIO(png))
    im.verify()  # a truncated or corrupt file raises here
    return Image.open(io.BytesIO(png)).convert("L")


def _assert_not_blank(im: Image.Image) -> None:
    pixels = np.asarray(im, dtype=float)
    assert pixels.std() > 10, "the image is (nearly) one colour"
    assert (pixels < 128).mean() > 0.005, "almost nothing is drawn"


@pytest.fixture(scope="module")
def kit(demo_db):
    """The demo's kit charts at 2025-06 with their images."""
    return [(c, *c.render()) for c in kit_charts(demo_db, "2025-06")]


def test_kit_lists_the_press_charts(kit):
    keys = [c.key for c, _, _ in kit]
    assert keys == [
        "output",
        "growth",
        "manufacturing",
        "shares",
        "years",
        "investment",
        "plan",
        "pipeline",
        "targets",
        "services",
    ]
    for c, _, _ in kit:
        assert "?" in c.sql and c.params and not c.data.empty


def test_kit_pngs_are_valid_full_size_and_not_blank(kit):
    for c, png, _ in kit:
        im = _image(png)
        assert im.size == (1200 * SCALE, 560 * SCALE), c.key
        _assert_not_blank(im)


def test_kit_svgs_use_the_cjk_font_and_carry_title_and_source(kit):
    for c, _, svg in kit:
        assert re.search(r'<svg[^>]*width="1200"[^>]*height="560"', svg), c.key
        families = set(re.findall(r'font-family="([^"]*)"', svg))
        assert families and all(f.startswith(f"'{CJK_FONT}'") for f in families), families
        assert c.title in svg
        assert "数据来源：" in svg and "截至2025年6月" in svg


def test_benchmark_names_in_the_charts_come_from_the_data(kit):
    growth = next(svg for c, _, svg in kit if c.key == "growth")
    for name in ("济南市", "山东省", "全国"):
        assert name in growth


def test_any_chart_renders_at_the_size_asked(demo_db):
    df = pd.DataFrame({"period": ["2025-01", "2025-02", "2025-03"], "value": [1.0, 3.0, 2.0]})
    chart = charts.columns(df, value="value", value_title="件")
    png = chart_png(chart, Frame("测试图", "件", "测试数据", "2025年3月"), width=640, height=360, scale=2)
    im = _image(png)
    assert im.size == (1280, 720)
    _assert_not_blank(im)
    svg = chart_svg(chart, Frame("测试图", "件", "测试数据", "2025年3月"), width=640, height=360)
    assert "数据来源：测试数据　　截至2025年3月" in svg and "单位：件" in svg


def test_register_cjk_fonts_wants_the_noto_files(tmp_path):
    register_cjk_fonts()
    register_cjk_fonts()  # once is enough; a second call is a no-op
    with pytest.raises(FontMissing, match="fonts-noto-cjk"):
        register_cjk_fonts(tmp_path)


# --- the CJK font is the one drawing the Chinese ----------------------------------------------------

FONT_PX = 40


def _label_png(font: str) -> Image.Image:
    """LABEL drawn by vl-convert in `font`, black on white, scale 1."""
    register_cjk_fonts()
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 440,
        "height": 70,
        "background": "white",
        "data": {"values": [{"t": LABEL}]},
        "mark": {"type": "text", "font": font, "fontSize": FONT_PX, "color": "black", "align": "left", "x": 5},
        "encoding": {"text": {"field": "t"}},
    }
    return Image.open(io.BytesIO(vlc.vegalite_to_png(spec, scale=1))).convert("L")


def _reference() -> Image.Image:
    """LABEL drawn by FreeType straight from the Noto Sans CJK SC face in the font directory."""
    path = next(FONT_DIR.glob("NotoSansCJK-Regular.ttc"))
    face = next(i for i in range(10) if ImageFont.truetype(str(path), FONT_PX, index=i).getname()[0] == CJK_FONT)
    font = ImageFont.truetype(str(path), FONT_PX, index=face)
    im = Image.new("L", (480, 90), 255)
    ImageDraw.Draw(im).text((5, 10), LABEL, font=font, fill=0)
    return im


def _ink(im: Image.Image, size=(360, 40)) -> np.ndarray:
    """The inked part of an image, cropped and scaled to a common size, as 0..1 darkness."""
    a = 255 - np.asarray(im, dtype=float)
    ys, xs = np.nonzero(a > 60)
    assert len(xs), "nothing is drawn"
    crop = im.crop((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)).resize(size, Image.Resampling.BILINEAR)
    return (255 - np.asarray(crop, dtype=float)) / 255


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


def test_chinese_is_drawn_in_noto_sans_cjk_not_a_latin_face():
    cjk, latin = _label_png(CJK_FONT), _label_png("DejaVu Sans")  # DejaVu Sans has no Chinese glyphs
    diff = np.abs(np.asarray(cjk, dtype=float) - np.asarray(latin, dtype=float))
    assert (diff > 64).mean() > 0.01, "the CJK font made no difference"
    # nine full-width glyphs: the inked run is about nine ems wide
    ink = 255 - np.asarray(cjk, dtype=float)
    xs = np.nonzero((ink > 60).any(axis=0))[0]
    assert 8.0 * FONT_PX <= xs.max() - xs.min() <= 9.2 * FONT_PX
    # and the glyphs are Noto Sans CJK SC's: they match FreeType's rendering of that face,
    # far better than whatever the Latin face falls back to
    ref = _ink(_reference())
    assert _similarity(_ink(cjk), ref) > 0.9
    assert _similarity(_ink(cjk), ref) > _similarity(_ink(latin), ref) + 0.1


def test_kit_images_draw_chinese_with_the_cjk_font(kit):
    """The framed images ask for the CJK font everywhere text is drawn, the footer included."""
    for c, _, svg in kit:
        texts = re.findall(r'<text[^>]*font-family="([^"]*)"[^>]*>([^<]*)</text>', svg)
        chinese = [(f, t) for f, t in texts if re.search(r"[\u4e00-\u9fff]", t)]
        assert chinese, c.key
        assert all(f.startswith(f"'{CJK_FONT}'") for f, _ in chinese), c.key


def test_theme_font_stack_is_overridden_in_images():
    chart = alt.Chart(pd.DataFrame({"a": ["甲", "乙"], "b": [1, 2]})).mark_bar().encode(x="a:N", y="b:Q")
    svg = chart_svg(chart, Frame("标题", None, "来源", "2025年6月"), width=300, height=200)
    assert "单位" not in svg  # no unit, no unit line
    assert all(f.startswith(f"'{CJK_FONT}'") for f in re.findall(r'font-family="([^"]*)"', svg))
