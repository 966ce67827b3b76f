"""The deck as a projector shows it: rendered by LibreOffice Impress to PDF, then to PNG.

The slide PNGs land in test-artifacts/presskit/ (git-ignored) for a human to look at. What is
measured: chart text at least 12 pt where the picture is placed (from the SVG's font sizes and
the picture's size on the slide), the investment chart's bars inside its plot, titles that do not
break inside a number, pictures described by their alt text, no build id on the title slide, and
which Chinese font LibreOffice drew the slides in.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import vl_convert as vlc
from dashboard_helpers import ARTIFACTS
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from dashboard import chart_images, presskit
from dashboard.talking_points import by_key

OUT = ARTIFACTS / "presskit"
FONT_SIZE = re.compile(r'font-size="([\d.]+)(?:px)?"|font-size:\s*([\d.]+)px')


@pytest.fixture(scope="module")
def deck(demo_presskit):
    """The session's demo press kit's deck, opened with python-pptx."""
    return Presentation(io.BytesIO(demo_presskit.files[demo_presskit.deck_name]))


@pytest.fixture(scope="module")
def rendered(demo_presskit, tmp_path_factory) -> Path:
    """The deck as LibreOffice Impress prints it (PDF), and one PNG per slide beside it, under test-artifacts."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Impress (soffice) is needed: apt-get install libreoffice-impress"
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    deck_path = OUT / demo_presskit.deck_name
    deck_path.write_bytes(demo_presskit.files[demo_presskit.deck_name])
    profile = tmp_path_factory.mktemp("impress-profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    subprocess.run([*cmd, "--convert-to", "pdf", "--outdir", str(OUT), str(deck_path)], check=True, timeout=600)
    pdf = deck_path.with_suffix(".pdf")
    assert pdf.exists()
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(pdf), str(OUT / "slide")], check=True, timeout=600)
    return pdf


def chart_slides(demo_presskit, deck):
    """(slide, chart, picture) for each chart slide."""
    slides = list(deck.slides)[-len(demo_presskit.charts) :]
    for slide, chart in zip(slides, demo_presskit.charts, strict=True):
        pic = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        yield slide, chart, pic


def svg_font_sizes(svg: str) -> list[float]:
    return [float(a or b) for a, b in FONT_SIZE.findall(svg)]


def test_chart_text_is_at_least_12_pt_on_the_slide(demo_presskit, deck, rendered):
    for _, chart, pic in chart_slides(demo_presskit, deck):
        name = next(n for n in demo_presskit.files if n.endswith(f"_{chart.key}.svg"))
        png = demo_presskit.files[name.removesuffix(".svg") + ".png"]
        assert pic.image.blob == png  # the slide's picture is the kit's image, drawn from the same spec as the SVG
        canvas_px = pic.image.size[0] / chart_images.SCALE
        placed_in = pic.width / Emu(914400)
        sizes = svg_font_sizes(demo_presskit.files[name].decode("utf-8"))
        assert sizes, name
        smallest_pt = min(sizes) * placed_in / canvas_px * 72
        assert smallest_pt >= 12, f"{name}: {min(sizes)} px is {smallest_pt:.1f} pt on the slide"
    assert sorted(OUT.glob("slide-*.png")), "no slide images rendered"


def test_investment_bars_stay_inside_the_plot(demo_presskit):
    """The first and last monthly bars used to hang half outside the plot, over the axis labels."""
    chart = next(c for c in demo_presskit.charts if c.key == "investment")
    spec = chart_images.image_spec(chart.chart, chart.frame, min_font_px=presskit.slide_min_font_px())
    scene = vlc.vegalite_to_scenegraph(spec)["scenegraph"]
    bars: list[tuple[float, float]] = []
    plot_widths: list[float] = []

    def walk(node: dict, offset: float = 0.0) -> None:
        """Bars' left and right edges, in the plot's coordinates (group x offsets added up)."""
        for item in node.get("items", []):
            x = offset + (item.get("x") or 0)
            if node.get("marktype") == "rect" and node.get("role") == "mark":
                bars.append((x, x + item["width"]))
            if node.get("marktype") == "group" and "pathgroup" in (node.get("name") or ""):
                plot_widths.append(item["width"])
            walk(item, x if node.get("marktype") == "group" else offset)

    walk(scene)
    assert bars and len(plot_widths) == 1
    assert all(left >= 0 and right <= plot_widths[0] for left, right in bars), (plot_widths, bars[:1], bars[-1:])


def page_text(pdf: Path, page: int) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [re.sub(r"[\s\u2060\ufeff\u200b]", "", line) for line in out.splitlines()]


def test_titles_do_not_break_inside_a_number(demo_presskit, deck, rendered):
    heads = by_key(demo_presskit.points)
    pages = len(deck.slides)
    checked = 0
    for i, (_slide, chart, _) in enumerate(chart_slides(demo_presskit, deck)):
        page = pages - len(demo_presskit.charts) + i + 1
        lines = page_text(rendered, page)
        title = heads[chart.headline].text
        for m in presskit._NUMBER_RUN.finditer(title):
            run = m.group(0)
            assert any(run in line for line in lines), f"slide {page}: {run!r} broken across lines: {lines[:4]}"
            checked += 1
    assert checked > 10


def test_pictures_say_what_they_show(demo_presskit, deck):
    heads = by_key(demo_presskit.points)
    for _, chart, pic in chart_slides(demo_presskit, deck):
        descr = pic._element.nvPicPr.cNvPr.get("descr")
        assert descr == presskit.alt_text(chart, heads.get(chart.headline))
        assert chart.title in descr and "数据来源" in descr and ".png" not in descr


def test_title_slide_shows_no_build_id(demo_presskit, deck, demo_db):
    build_id = presskit._warehouse_info(demo_db)["build_id"]
    texts = " ".join(s.text_frame.text for s in next(iter(deck.slides)).shapes if s.has_text_frame)
    assert build_id and build_id not in texts
    assert "截至2025年6月" in texts and "数据来源" in texts


def test_libreoffice_draws_the_deck_in_a_chinese_font_it_has(rendered):
    """The deck names Microsoft YaHei (for Office users); a machine without it must fall back to a CJK
    face, not to boxes: the PDF embeds Noto Sans CJK (or another CJK face), never a Latin-only one for Chinese."""
    fonts = subprocess.run(["pdffonts", str(rendered)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"NotoSansCJK|Noto Sans CJK|SourceHanSans|WenQuanYi", fonts), fonts
