"""The press kit for a period: talking points, chart images and a 16:9 slide deck.

    python -m dashboard.presskit --db warehouse/zone.duckdb --period 2025-06 --out presskit/

writes `talking_points.md` (each sentence with its metric names and SQL), one PNG (2×) and
one SVG per chart, and `presskit_<period>.pptx`: a title slide, the 成绩单 (every talking
point), then one slide per chart headed by its talking point. `build_presskit_zip` returns
the same files as a zip, for the app's download button.
"""

from __future__ import annotations

import argparse
import io
import logging
import re
import sys
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import streamlit.logger as streamlit_logger
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from dashboard import queries
from dashboard.chart_images import HEIGHT, SCALE, WIDTH, KitChart, as_of_label, kit_charts, slide_font_px
from dashboard.i18n import tr
from dashboard.talking_points import TalkingPoint, by_key, period_phrase, talking_points

# PowerPoint on Windows has 微软雅黑; elsewhere (LibreOffice, Keynote) the name falls back to
# the system's Chinese sans (Noto Sans CJK SC here). Set as both the Latin and the East Asian
# typeface so digits and Chinese match.
DECK_FONT = "Microsoft YaHei"
SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in, PowerPoint's widescreen
MARGIN = Inches(0.5)
INK = RGBColor(0x1F, 0x2A, 0x37)
MUTED = RGBColor(0x6B, 0x72, 0x80)
ZONE_RED = RGBColor(0xD7, 0x26, 0x3D)
PRIMARY = RGBColor(0x1F, 0x5B, 0xB6)
SCORECARD_PT = 20
BULLET_INDENT = Inches(0.32)
ACCENT_W, ACCENT_H = Inches(1.2), Inches(0.06)
SCORECARD_LINES = 15  # lines of 20 pt text (with paragraph spacing) the body of a slide holds
PIC_TOP, PIC_BOTTOM = Inches(1.58), Inches(0.3)  # a chart slide's picture: under the title, above the edge
CHART_TEXT_PT = 12  # no chart text smaller than this on a slide (projector distance; bullets are 20 pt)
# A number and the unit or words after it (近400亿元, 2倍以上, 17.1个百分点, 1/4, 23.5%) must not be split
# across the lines of a title. Joining them with WORD JOINER (U+2060) is the standard way, but
# LibreOffice 7.4 still breaks between CJK characters joined by it (and draws U+FEFF as a gap), so
# titles are also wrapped here: a line break goes before a number that would not fit on the line.
_NUMBER_RUN = re.compile(
    r"(?P<before>[近约超逾]?)(?P<number>\d+(?:[.,/]\d+)*)(?P<unit>%|[余多]?[亿万千百]?[元家个项倍人件]?(?:以上|以下|百分点)?)"
)
WORD_JOINER = "\u2060"
_WRAP_TOKEN = re.compile(_NUMBER_RUN.pattern + r"|[A-Za-z]+|.", re.DOTALL)
_NO_LINE_START = set("，。、；：！？）」』”’%…,.;:!?)")
_NO_LINE_END = set("（「『“‘(")
TITLE_FILL = 0.98  # of the title's width a wrapped line may take (the renderer's font may be a little wider)


def _t(key: str, lang: str, **kw: object) -> str:
    """The kit's text `kit.<key>` from the text table; English starts with a capital."""
    text = tr(lang, f"kit.{key}", **kw)
    if lang != "en":
        return text
    i = next((i for i, ch in enumerate(text) if ch.isalpha()), 0)
    return text[:i] + text[i : i + 1].upper() + text[i + 1 :]  # "the zone: …" starts a title as "The zone: …"


@dataclass
class PressKit:
    """Everything in the kit, in memory: file name → bytes."""

    period: str
    lang: str
    files: dict[str, bytes] = field(default_factory=dict)
    points: list[TalkingPoint] = field(default_factory=list)
    charts: list[KitChart] = field(default_factory=list)
    made: tuple[int, ...] = field(default_factory=lambda: time.localtime()[:6])  # the zip's file times

    @property
    def deck_name(self) -> str:
        """File name of the deck."""
        return f"presskit_{self.period}.pptx"

    def write(self, out_dir: Path | str) -> list[Path]:
        """Write every file under out_dir; the paths written."""
        out = Path(out_dir)
        written = []
        for name, blob in self.files.items():
            path = out / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blob)
            written.append(path)
        return written

    def zip_bytes(self) -> bytes:
        """The kit as a zip archive, folders kept."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in self.files.items():  # one time for every file: the same kit, the same bytes
                zf.writestr(zipfile.ZipInfo(f"presskit_{self.period}/{name}", self.made), blob, zipfile.ZIP_DEFLATED)
        return buf.getvalue()


def _warehouse_info(db_path: Path | str) -> dict[str, object]:
    """Build id, build time and (if the warehouse records one) the zone's name."""
    with queries.open_reader(db_path) as reader:
        return queries.reference.warehouse_info(reader).row


def build_presskit(db_path: Path | str, period: str, lang: str = "zh", zone: str | None = None) -> PressKit:
    """Build the whole kit in memory: talking points, chart images, markdown and deck."""
    points = talking_points(db_path, period, lang)
    charts = kit_charts(db_path, period, lang)
    info = _warehouse_info(db_path)
    zone = zone or info.get("zone_name") or tr(lang, "kit.default_zone")
    kit = PressKit(period, lang, points=points, charts=charts)
    images: list[tuple[KitChart, str, bytes]] = []
    min_px = slide_min_font_px()
    for i, chart in enumerate(charts, start=1):
        png, svg = chart.render(scale=SCALE, min_font_px=min_px)
        stem = f"charts/{i:02d}_{chart.key}"
        kit.files[f"{stem}.png"] = png
        kit.files[f"{stem}.svg"] = svg.encode("utf-8")
        images.append((chart, f"{stem}.png", png))
    kit.files["talking_points.md"] = talking_points_markdown(points, images, period, lang, zone, info).encode("utf-8")
    kit.files[kit.deck_name] = deck_bytes(points, images, period, lang, zone, info)
    return kit


def build_presskit_zip(db_path: Path | str, period: str, lang: str = "zh") -> bytes:
    """The kit as zip bytes, for st.download_button."""
    return build_presskit(db_path, period, lang).zip_bytes()


# --- talking_points.md --------------------------------------------------------------------------


def talking_points_markdown(
    points: list[TalkingPoint], images: list[tuple[KitChart, str, bytes]], period: str, lang: str, zone: str, info: dict
) -> str:
    """The sentences, each with a collapsed block naming its metrics and the SQL it came from."""
    phrase = period_phrase(period, lang, with_year=True)
    lines = [
        _t("md_title", lang, zone=zone, phrase=phrase),
        "",
        _t(
            "md_meta",
            lang,
            as_of=as_of_label(period, lang),
            zone=zone,
            build=info.get("build_id", "—"),
            built_at=info.get("built_at", "—"),
        ),
        "",
        _t("md_points", lang),
        "",
    ]
    for i, p in enumerate(points, start=1):
        lines += [
            f"{i}. {p.text}",
            "",
            "   <details>",
            f"   <summary>{_t('md_trace', lang)}</summary>",
            "",
            f"   {_t('md_metrics', lang)}: " + ", ".join(f"`{m}`" for m in p.metrics),
            "",
            f"   {_t('md_params', lang)}: `{list(p.params)!r}`",
            "",
            "   ```sql",
            *[f"   {line}" for line in p.sql.strip().splitlines()],
            "   ```",
            "",
            "   </details>",
            "",
        ]
    lines += [_t("md_charts", lang), ""]
    for chart, png_name, _ in images:
        svg_name = png_name.removesuffix(".png") + ".svg"
        lines += [
            f"### {chart.title}",
            "",
            f"![{chart.title}]({png_name}) · [SVG]({svg_name})",
            "",
            "<details>",
            f"<summary>{_t('md_chart_sql', lang)}</summary>",
            "",
            f"{_t('md_params', lang)}: `{list(chart.params)!r}`",
            "",
            "```sql",
            chart.sql.strip(),
            "```",
            "",
            "</details>",
            "",
        ]
    return "\n".join(lines)


# --- the deck -----------------------------------------------------------------------------------


def _set_font(run, size: float, *, bold: bool = False, color: RGBColor = INK, font: str = DECK_FONT) -> None:
    """Size, weight, colour, and the typeface as both Latin and East Asian font (python-pptx sets only Latin)."""
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = color
    run.font.name = font
    rPr = run._r.get_or_add_rPr()
    rPr.set("lang", "zh-CN")
    rPr.set("altLang", "en-US")
    for ea in rPr.findall(qn("a:ea")):
        rPr.remove(ea)
    ea = etree.SubElement(rPr, qn("a:ea"))
    ea.set("typeface", font)
    rPr.find(qn("a:latin")).addnext(ea)


def _bullet(para, indent: int = BULLET_INDENT, color: RGBColor = ZONE_RED) -> None:
    """A round bullet with a hanging indent (python-pptx has no API for bullets on a text box)."""
    pPr = para._p.get_or_add_pPr()
    pPr.set("marL", str(int(indent)))
    pPr.set("indent", str(-int(indent)))
    for tag in ("a:buClr", "a:buFont", "a:buChar", "a:buNone"):
        for el in pPr.findall(qn(tag)):
            pPr.remove(el)
    clr = etree.SubElement(pPr, qn("a:buClr"))
    etree.SubElement(clr, qn("a:srgbClr")).set("val", str(color))
    etree.SubElement(pPr, qn("a:buFont")).set("typeface", "Arial")
    etree.SubElement(pPr, qn("a:buChar")).set("char", "•")


def _text(
    slide,
    left,
    top,
    width,
    height,
    paragraphs: list[tuple[str, float, bool, RGBColor]],
    *,
    anchor=MSO_ANCHOR.TOP,
    align=PP_ALIGN.LEFT,
    spacing: float = 1.15,
    space_after: float = 0,
    bullets: bool = False,
):
    """A text box holding one paragraph per (text, size, bold, colour)."""
    box = slide.shapes.add_textbox(left, top, width, height)
    tf = box.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.05)
    for i, (text, size, bold, color) in enumerate(paragraphs):
        para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        para.alignment = align
        para.line_spacing = spacing
        para.space_after = Pt(space_after)
        if bullets:
            _bullet(para)
        _set_font(para.add_run(), size, bold=bold, color=color)
        para.runs[0].text = text
    return box


def _title(slide, text: str, size: float) -> None:
    """Fill the layout's title placeholder (so the slide's title is the title), placed and styled."""
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), SLIDE_W - 2 * MARGIN, Inches(1.05)
    tf = shape.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    tf.margin_left = tf.margin_right = Inches(0.05)
    para = tf.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    para.line_spacing = 1.1
    width_pt = (shape.width - tf.margin_left - tf.margin_right) / Pt(1)
    for i, line in enumerate(wrap_title(text, size, width_pt)):
        if i:
            para.add_line_break()
        run = para.add_run()
        run.text = keep_numbers_whole(line)
        _set_font(run, size, bold=True)


def _em(text: str) -> float:
    """Width of text in ems, erring wide: CJK 1, anything else 0.7 (a substituted Latin face's bold digits),
    and a fifth of an em where CJK meets Latin (the gap Office and LibreOffice put between them)."""
    width, prev = 0.0, None
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in ("W", "F")
        width += 1.0 if wide else 0.7
        if prev is not None and prev != wide and ch.isalnum():
            width += 0.2
        prev = wide
    return width


def wrap_title(text: str, size_pt: float, width_pt: float) -> list[str]:
    """The title's lines: filled greedily, never breaking inside a number and its unit or a Latin word, and
    keeping closing punctuation off the start of a line (and opening punctuation off its end)."""
    tokens: list[str] = []
    for m in _WRAP_TOKEN.finditer(text):
        tok = m.group(0)
        if tokens and (tok[0] in _NO_LINE_START or tokens[-1][-1] in _NO_LINE_END):
            tokens[-1] += tok
        else:
            tokens.append(tok)
    room = width_pt * TITLE_FILL / size_pt
    lines, line = [], ""
    for tok in tokens:
        if line and _em(line + tok) > room:
            lines.append(line)
            line = tok
        else:
            line += tok
    return [*lines, line] if line else lines


def _accent(slide, top: int, height: int = ACCENT_H, width: int = ACCENT_W, color: RGBColor = ZONE_RED) -> None:
    """The short red rule under a title."""
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, top, width, height)
    bar.fill.solid()
    bar.fill.fore_color.rgb = color
    bar.line.fill.background()


def _scorecard_pages(points: list[TalkingPoint], lang: str) -> list[list[TalkingPoint]]:
    """The talking points split into slides by the lines they take at SCORECARD_PT."""
    width_pt = (SLIDE_W - 2 * MARGIN - Inches(0.42)) / Pt(1)
    per_line = width_pt / SCORECARD_PT * (1.9 if lang == "en" else 1.0)  # Latin letters are about half a CJK em
    pages: list[list[TalkingPoint]] = [[]]
    used = 0.0
    for p in points:
        lines = -(-len(p.text) // int(per_line)) + 0.4  # + paragraph spacing
        if pages[-1] and used + lines > SCORECARD_LINES:
            pages.append([])
            used = 0.0
        pages[-1].append(p)
        used += lines
    return [page for page in pages if page]


EMU_PER_INCH = Inches(1)


def picture_size(ratio: float) -> tuple[int, int]:
    """(width, height) in EMU of a chart picture of that aspect ratio on a chart slide: as wide as fits."""
    max_w, max_h = SLIDE_W - 2 * MARGIN, SLIDE_H - PIC_TOP - PIC_BOTTOM
    width = min(max_w, Emu(int(max_h * ratio)))
    return width, Emu(int(width / ratio))


def slide_min_font_px() -> int:
    """Smallest font (px on the WIDTH-px canvas) of the kit's chart images: CHART_TEXT_PT where the deck
    places them (12.04 in wide: 17 px). The kit's PNG and SVG files are the slides' images."""
    return slide_font_px(picture_size(WIDTH / HEIGHT)[0] / EMU_PER_INCH, WIDTH, CHART_TEXT_PT)


def keep_numbers_whole(text: str) -> str:
    """text with each number and its unit joined by WORD JOINERs, so a line never breaks inside '近400亿元'."""

    def joined(m: re.Match) -> str:
        return WORD_JOINER.join(p for p in (m["before"], m["number"], *m["unit"]) if p)  # digits never break apart

    return _NUMBER_RUN.sub(joined, text)


def alt_text(chart: KitChart, point: TalkingPoint | None) -> str:
    """What the picture shows, for a screen reader: title and unit, the talking point it backs, the source."""
    parts = [chart.title + (f"（{chart.frame.subtitle}）" if chart.frame.subtitle else "")]
    if point is not None:
        parts.append(point.text)
    parts.append(chart.frame.footer)
    return "。".join(p.rstrip("。") for p in parts) + "。"


TITLE_W = SLIDE_W - 2 * MARGIN - 2 * Inches(0.05)  # a title's text width (box less its side margins)


def _title_size(text: str) -> float:
    """Point size of a headline sentence (as wrap_title wraps it): 28 on one line, else 24 or 20 on two lines."""
    lines = {pt: len(wrap_title(text, pt, TITLE_W / Pt(1))) for pt in (28, 24, 20)}
    return 28 if lines[28] == 1 else 24 if lines[24] <= 2 else 20 if lines[20] <= 2 else 18


def _notes(slide, point: TalkingPoint | None, chart: KitChart, lang: str) -> None:
    """The speaker notes: where the headline and the chart's numbers come from."""
    parts = []
    if point is not None:
        parts.append(
            _t("notes", lang, metrics=", ".join(point.metrics), params=list(point.params), sql=point.sql.strip())
        )
    parts.append(_t("notes", lang, metrics=chart.title, params=list(chart.params), sql=chart.sql.strip()))
    slide.notes_slide.notes_text_frame.text = "\n\n———\n\n".join(parts)


def deck_bytes(
    points: list[TalkingPoint], images: list[tuple[KitChart, str, bytes]], period: str, lang: str, zone: str, info: dict
) -> bytes:
    """The 16:9 deck: title slide, 成绩单 slide(s), one slide per chart headed by its talking point."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    title_only = prs.slide_layouts[5]
    phrase = period_phrase(period, lang, with_year=True)
    as_of = as_of_label(period, lang)

    # title slide
    slide = prs.slides.add_slide(title_only)
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(2.3), SLIDE_W - 2 * MARGIN, Inches(1.3)
    tf = shape.text_frame
    tf.vertical_anchor = MSO_ANCHOR.BOTTOM
    para = tf.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    run = para.add_run()
    run.text = _t("deck_title", lang, zone=zone)
    _set_font(run, 44, bold=True)
    _accent(slide, Inches(3.75), width=Inches(1.6), height=Inches(0.08))
    _text(
        slide,
        MARGIN,
        Inches(4.0),
        SLIDE_W - 2 * MARGIN,
        Inches(0.7),
        [(_t("deck_sub", lang, phrase=phrase, as_of=as_of), 24, False, INK)],
    )
    _text(
        slide,
        MARGIN,
        SLIDE_H - Inches(1.0),
        SLIDE_W - 2 * MARGIN,
        Inches(0.5),
        [(_t("source", lang, zone=zone), 14, False, MUTED)],  # no build id: the as-of date is above
    )

    # the scorecard: every talking point, as many per slide as fit
    for i, chunk in enumerate(_scorecard_pages(points, lang)):
        slide = prs.slides.add_slide(title_only)
        _title(slide, _t("scorecard" if i == 0 else "scorecard_more", lang, phrase=phrase), 30)
        _accent(slide, Inches(1.38))
        paras = [(p.text, SCORECARD_PT, False, INK) for p in chunk]
        _text(
            slide, MARGIN, Inches(1.65), SLIDE_W - 2 * MARGIN, SLIDE_H - Inches(2.0), paras, space_after=9, bullets=True
        )

    # one slide per chart, headed by its talking point
    heads = by_key(points)
    for chart, _, png in images:
        point = heads.get(chart.headline)
        slide = prs.slides.add_slide(title_only)
        head = point.text if point else chart.title
        _title(slide, head, _title_size(head))
        _accent(slide, Inches(1.42))
        pic = slide.shapes.add_picture(io.BytesIO(png), MARGIN, PIC_TOP)
        pic.width, pic.height = picture_size(pic.image.size[0] / pic.image.size[1])
        pic.left = Emu(int((SLIDE_W - pic.width) / 2))
        pic.name = chart.title
        pic._element.nvPicPr.cNvPr.set("descr", alt_text(chart, point))  # python-pptx writes the file name
        _notes(slide, point, chart, lang)

    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# --- command line -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """`python -m dashboard.presskit --db PATH --period YYYY-MM --out DIR [--lang zh]`."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.presskit", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="the published warehouse (DuckDB file)")
    parser.add_argument("--period", required=True, help="report period, YYYY-MM")
    parser.add_argument("--out", required=True, type=Path, help="folder to write the kit into")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    parser.add_argument(
        "--zone", default=None, help="zone name for the title slide (default: from the data, else 高新区)"
    )
    args = parser.parse_args(argv)
    # The chart builders ask Streamlit for the UI language; outside `streamlit run` it logs that
    # there is no session. Nothing is wrong: keep the terminal quiet.
    streamlit_logger.set_log_level(logging.ERROR)
    try:
        kit = build_presskit(args.db, args.period, args.lang, zone=args.zone)
    except (FileNotFoundError, ValueError) as exc:
        print(f"presskit: {exc}", file=sys.stderr)
        return 2
    written = kit.write(args.out)
    from warehouse import audit  # the kit leaves the warehouse: recorded like any export

    audit.record(
        "export",
        audit.cli_user(),
        what=f"presskit {args.period} ({args.lang})",
        rows=len(kit.points),
        file=str(args.out),
        db=str(args.db),
        files=len(written),
    )
    print(
        f"wrote {len(written)} files to {args.out}: {len(kit.points)} talking points, {len(kit.charts)} charts, "
        f"{kit.deck_name}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
