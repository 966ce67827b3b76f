"""The brief (简报): its PNG for chat, its A4 PDF with the CJK font embedded, its Markdown, and the
leader's rules on all three."""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

import pytest
from dashboard_helpers import DEMO_PERIOD, python_m
from PIL import Image

from dashboard import fmt, queries
from dashboard.brief import PANELS, build_brief, write_brief

BASE = "http://127.0.0.1:8599"


@pytest.fixture(scope="module")
def demo_brief(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """The demo period's overview brief, rendered once: (brief, png path, pdf path, md path)."""
    b = build_brief(demo_db, DEMO_PERIOD, base_url=BASE)
    png, pdf, md = write_brief(b, tmp_path_factory.mktemp("brief"))
    return b, png, pdf, md


def png_size(blob: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", blob[16:24])


def test_the_cards_are_the_registrys_figures_printed_by_fmt(demo_brief, demo_db: Path) -> None:
    b, *_ = demo_brief
    with queries.open_reader(demo_db) as reader:
        head = queries.overview.headline(reader, DEMO_PERIOD).row
    assert [c.metric for c in b.cards] == list(PANELS["overview"].cards)
    for card in b.cards:
        assert card.value == fmt.metric(card.metric, head[card.metric], language="zh")
    assert b.cards[0].value == "1,305.3亿元"  # the seed article's 规上工业总产值
    assert 3 <= len(b.points) <= 5
    assert b.points[0].startswith("上半年，规模以上工业增加值同比增长23.5%")


def test_the_png_is_1080_px_wide_for_chat_and_shows_the_brief(demo_brief) -> None:
    _, png, *_ = demo_brief
    blob = png.read_bytes()
    width, height = png_size(blob)
    assert width == 1080 and height > 1080
    assert len(blob) < 2 * 1024 * 1024  # 企业微信's image message takes at most 2 MB
    with Image.open(png) as im:
        grey = im.convert("L")
        top = grey.crop((0, 0, 1080, 40))
        assert top.getextrema()[0] < 120  # the red rule over the title is drawn
        dark = sum(grey.histogram()[:100])
        assert dark > 0.01 * width * height  # text, not a blank sheet


def test_the_pdf_is_a4_with_the_cjk_font_embedded_and_every_glyph_present(demo_brief, tmp_path: Path) -> None:
    b, _, pdf, _ = demo_brief
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    w, h = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2  # A4 portrait (Chromium rounds it to 8.27 × 11.7 in)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, fonts
    # Every font is embedded (emb = yes) with a Unicode map (uni = yes): the PDF needs no font on the reader's machine.
    assert all(row[-5] == "yes" and row[-3] == "yes" for row in rows), fonts
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for expected in (b.title, "1,305.3亿元", "规上工业总产值", "要点", b.points[0], "待处理预警"):
        assert re.sub(r"\s+", "", expected) in flat, expected
    # No missing glyph: every character the PDF holds is in Noto Sans CJK SC, the font the brief sets.
    charset = subprocess.run(
        ["fc-list", "Noto Sans CJK SC:style=Regular", "charset"], capture_output=True, text=True, check=True
    ).stdout
    covered: set[int] = set()
    for part in re.findall(r"[0-9a-f]+(?:-[0-9a-f]+)?", charset.split("charset=", 1)[1]):
        lo, _, hi = part.partition("-")
        covered.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    missing = {ch for ch in flat if ord(ch) not in covered}
    assert not missing, f"characters the font does not have: {missing}"
    # Rendered back to PNG, the page is not blank.
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    (page,) = tmp_path.glob("p*.png")
    with Image.open(page) as im:
        assert sum(im.convert("L").histogram()[:128]) > 2000


def test_the_markdown_names_the_figures_the_points_and_the_link(demo_brief) -> None:
    b, _, _, md = demo_brief
    text = md.read_text(encoding="utf-8")
    assert text.startswith(f"## {b.title}")
    assert "**规上工业总产值** 1,305.3亿元（同比 +25.8%）" in text
    assert f"1. {b.points[0]}" in text
    assert f"({BASE}/?period={DEMO_PERIOD})" in text  # a tap opens the overview at the period
    assert len(b.markdown("wecom").encode("utf-8")) <= 4096


def test_a_panel_brief_links_its_page_and_an_english_brief_is_english(demo_db: Path) -> None:
    b = build_brief(demo_db, DEMO_PERIOD, "en", "services", base_url=BASE)
    assert [c.metric for c in b.cards] == list(PANELS["services"].cards)
    assert b.link == f"{BASE}/services?period={DEMO_PERIOD}&lang=en"
    assert b.title == "the zone: government services brief, Jan–Jun 2025"
    assert "简报" not in b.markdown("plain")


def test_a_leaders_brief_holds_no_withheld_cell(two_enterprise_zone: Path, tmp_path: Path) -> None:
    analyst = build_brief(two_enterprise_zone, "2025-06", leader=False, base_url="")
    leader = build_brief(two_enterprise_zone, "2025-06", base_url="")
    shown = {c.metric: c.value for c in analyst.cards}
    withheld = {c.metric for c in leader.cards if c.withheld}
    # Two enterprises report industrial figures: the zone's output, growth and shares are withheld.
    assert {"gross_output_ytd", "industrial_va_growth_ytd", "lead_vs_national_pp"} <= withheld
    withheld = {m for m in withheld if shown[m] != fmt.DASH}  # what the analyst sees and the leader must not
    assert {"gross_output_ytd", "industrial_va_growth_ytd"} <= withheld
    _, pdf, md = write_brief(leader, tmp_path)
    pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for text in (leader.html(), md.read_text(encoding="utf-8"), leader.markdown("wecom"), pdf_text):
        for m in withheld:
            assert shown[m] not in text, (m, shown[m])
    assert "统计法" in md.read_text(encoding="utf-8")  # the footnote says why
    assert not any(p for p in leader.points if "1305" in p or "增加值" in p)


def test_render_cli_writes_the_three_files(demo_db: Path, tmp_path: Path) -> None:
    proc = python_m("dashboard.brief", "render", "--db", str(demo_db), "--period", DEMO_PERIOD, "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"brief_{DEMO_PERIOD}.md", f"brief_{DEMO_PERIOD}.pdf", f"brief_{DEMO_PERIOD}.png"]
    bad = python_m("dashboard.brief", "render", "--db", str(demo_db), "--period", "1999-01", "--out", str(tmp_path))
    assert bad.returncode == 2 and "period 1999-01 is not in the warehouse" in bad.stderr
