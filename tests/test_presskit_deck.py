"""The press kit: the deck opens with python-pptx, is 16:9, has the title slide, the 成绩单 and
one picture slide per chart headed by its talking point; the markdown, the zip and the CLI."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from dashboard import presskit
from dashboard.talking_points import by_key


@pytest.fixture(scope="module")
def kit(demo_presskit):
    """The demo's press kit at 2025-06, built in memory (once per session: conftest.py)."""
    return demo_presskit


@pytest.fixture(scope="module")
def deck(kit):
    return Presentation(io.BytesIO(kit.files[kit.deck_name]))


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_deck_is_16_9(deck):
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.001
    assert deck.slide_width == 12192000  # 13.333 in, PowerPoint's widescreen


def test_deck_has_title_scorecard_and_one_slide_per_chart(kit, deck):
    slides = list(deck.slides)
    title = slides[0]
    assert title.shapes.title.text == "高新区经济运行情况"
    assert any("2025年上半年" in t and "截至2025年6月" in t for t in _texts(title))
    assert any(t.startswith("数据来源：") for t in _texts(title))

    scorecards = [s for s in slides if s.shapes.title.text.startswith("2025年上半年经济运行成绩单")]
    assert slides[1 : 1 + len(scorecards)] == scorecards
    listed = [
        p.text
        for s in scorecards
        for shape in s.shapes
        if shape.has_text_frame and shape != s.shapes.title
        for p in shape.text_frame.paragraphs
        if p.text
    ]
    assert listed == [p.text for p in kit.points]

    chart_slides = slides[1 + len(scorecards) :]
    assert len(chart_slides) == len(kit.charts) == 10
    heads = by_key(kit.points)
    for slide, chart in zip(chart_slides, kit.charts, strict=True):
        assert slide.shapes.title.text.replace(presskit.WORD_JOINER, "").replace("\v", "") == heads[chart.headline].text
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        pic = pictures[0]
        assert pic.left >= 0 and pic.top > slide.shapes.title.top
        assert pic.left + pic.width <= deck.slide_width and pic.top + pic.height <= deck.slide_height
        assert pic.width > 0.85 * deck.slide_width  # the chart fills the slide
        w, h = pic.image.size
        assert abs(pic.width / pic.height - w / h) < 0.01  # not stretched
        assert pic.image.blob == kit.files[next(n for n in kit.files if n.endswith(f"_{chart.key}.png"))]
        notes = slide.notes_slide.notes_text_frame.text
        assert "select" in notes and "2025-06" in notes


def test_seed_headlines_head_their_slides(deck):
    titles = [s.shapes.title.text.replace(presskit.WORD_JOINER, "").replace("\v", "") for s in deck.slides]
    assert "上半年，规模以上工业增加值同比增长23.5%，分别领先全国、山东省17.1、15.8个百分点。" in titles
    assert "以济南市1/7的规上工业企业贡献了该市超1/4的工业产值。" in titles


def test_every_run_names_an_east_asian_font(deck):
    runs = [
        r
        for s in deck.slides
        for shape in s.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for r in p.runs
    ]
    assert runs
    for run in runs:
        rPr = run._r.find(qn("a:rPr"))
        assert rPr.find(qn("a:ea")).get("typeface") == presskit.DECK_FONT
        assert rPr.find(qn("a:latin")).get("typeface") == presskit.DECK_FONT
        assert rPr.get("lang") == "zh-CN"


def test_markdown_has_every_point_with_its_metrics_and_sql(kit):
    md = kit.files["talking_points.md"].decode("utf-8")
    for p in kit.points:
        block = md[md.index(p.text) :]
        block = block[: block.index("</details>")]
        assert "<details>" in block
        for metric in p.metrics:
            assert f"`{metric}`" in block
        assert p.sql.strip().splitlines()[0] in block
        assert repr(list(p.params)) in block
    for link in re.findall(r"\]\((charts/[^)]+)\)", md):
        assert link in kit.files


def test_zip_holds_the_kit(kit):
    with zipfile.ZipFile(io.BytesIO(kit.zip_bytes())) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
    assert "presskit_2025-06/talking_points.md" in names
    assert "presskit_2025-06/presskit_2025-06.pptx" in names
    assert sum(n.endswith(".png") for n in names) == sum(n.endswith(".svg") for n in names) == len(kit.charts)


def test_build_presskit_zip_is_the_kit_as_a_zip(kit, demo_db, monkeypatch):
    monkeypatch.setattr(presskit, "build_presskit", lambda db, period, lang="zh", zone=None: kit)
    assert presskit.build_presskit_zip(demo_db, "2025-06") == kit.zip_bytes()


def test_cli_writes_the_kit(kit, demo_db, tmp_path, monkeypatch, capsys):
    calls = []

    def fake(db, period, lang="zh", zone=None):
        calls.append((db, period, lang, zone))
        return kit

    monkeypatch.setattr(presskit, "build_presskit", fake)
    out = tmp_path / "kit"
    assert presskit.main(["--db", str(demo_db), "--period", "2025-06", "--out", str(out)]) == 0
    assert calls == [(demo_db, "2025-06", "zh", None)]
    assert (out / "talking_points.md").read_bytes() == kit.files["talking_points.md"]
    assert (out / "presskit_2025-06.pptx").exists()
    assert len(list((out / "charts").glob("*.png"))) == len(kit.charts)
    assert "10 charts" in capsys.readouterr().out


def test_cli_reports_a_bad_period(demo_db, tmp_path, capsys):
    assert presskit.main(["--db", str(demo_db), "--period", "2031-01", "--out", str(tmp_path)]) == 2
    assert "not in the warehouse" in capsys.readouterr().err
