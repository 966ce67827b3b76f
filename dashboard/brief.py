"""The brief (简报) for a period: what a leader reads in a minute on a phone.

The headline cards (metric registry, printed by dashboard/fmt.py), the three to five talking
points that matter most (dashboard/talking_points.py), the open red and orange alerts
(dashboard/queries/alerts.py) and the source and as-of line — as a PNG 1080 px wide for chat,
an A4 PDF with the CJK font embedded, and Markdown for a chat robot. Everything is read
through the read layer as a leader by default, so no withheld cell reaches any of the three.

    python -m dashboard.brief render --db warehouse/zone.duckdb --period 2025-06 --out brief/
    python -m dashboard.brief send --db warehouse/zone.duckdb --period 2025-06 --config channels.toml [--dry-run --out DIR]
    python -m dashboard.brief send --db warehouse/zone.duckdb --due [--dry-run --out DIR]

A brief is the overview (`--kind overview`), one panel (growth, projects, tiers, talent,
services) or the alerts only (`--kind alerts`).
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from dashboard import brief_render, fmt, queries
from dashboard.brief_render import esc
from dashboard.i18n import tr
from dashboard.queries import Reader
from dashboard.talking_points import talking_points
from warehouse import metrics
from warehouse.confidentiality import footnote

ROOT = Path(__file__).resolve().parent.parent
SECRETS = ROOT / ".streamlit" / "secrets.toml"


@dataclass(frozen=True)
class Panel:
    """What one kind of brief shows: its cards, the talking points it may pick, the page a tap opens."""

    cards: tuple[str, ...]
    points: tuple[str, ...]
    page: str  # the dashboard page's url path ('' is the overview)


# The overview's cards are the press screen's ten; talking points in the order they matter to a leader.
PANELS: dict[str, Panel] = {
    "overview": Panel(
        (
            "gross_output_ytd",
            "industrial_va_growth_ytd",
            "lead_vs_national_pp",
            "lead_vs_province_pp",
            "revenue_share_of_city",
            "above_scale_count",
            "projects_under_construction",
            "industrial_investment_since_2023",
            "little_giant",
            "satisfaction_rate",
        ),
        ("growth", "output", "tier_targets", "projects", "services", "revenue_share"),
        "",
    ),
    "growth": Panel(
        (
            "gross_output_ytd",
            "industrial_va_growth_ytd",
            "lead_vs_national_pp",
            "lead_vs_province_pp",
            "manufacturing_va_growth_ytd",
            "revenue_share_of_city",
        ),
        ("growth", "manufacturing", "output", "revenue_share", "shares", "last_year"),
        "growth",
    ),
    "projects": Panel(
        ("projects_under_construction", "industrial_investment_since_2023", "plan_new_or_continuing"),
        ("projects", "plan", "under_construction"),
        "projects",
    ),
    "tiers": Panel(
        ("above_scale_count", "innovative_sme", "specialized_or_gazelle", "little_giant", "high_tech"),
        ("tiers", "tier_targets"),
        "tiers",
    ),
    "talent": Panel(("talent_in_post",), ("talent",), "talent"),
    "services": Panel(
        ("service_cases_ytd", "satisfaction_rate", "on_time_rate", "one_visit_rate", "rectification_rate"),
        ("services",),
        "services",
    ),
    "alerts": Panel((), (), "alerts"),
}
KINDS = tuple(PANELS)
MAX_POINTS = 5
MAX_ALERTS = 8  # more would not be read on a phone: the rest are counted and linked
SEVERITIES = ("red", "orange")
LEADS = {"lead_vs_national_pp": "national", "lead_vs_province_pp": "province"}
# 企业微信's markdown message holds at most 4096 bytes of content.
WECOM_MARKDOWN_LIMIT = 4096


@dataclass(frozen=True)
class Card:
    """One headline card: label, value and its change on a year ago, as printed."""

    metric: str
    label: str
    value: str
    delta: str | None = None
    rising: bool | None = None
    withheld: bool = False


@dataclass(frozen=True)
class AlertLine:
    """One open alert as the brief lists it."""

    severity: str
    name: str
    message: str
    unit: str | None
    link: str | None


@dataclass
class Brief:
    """A period's brief, ready to print: texts already in the brief's language."""

    period: str
    lang: str
    kind: str
    zone: str
    title: str
    as_of: str
    source: str
    build_id: str
    cards: list[Card] = field(default_factory=list)
    points: list[str] = field(default_factory=list)
    alerts: list[AlertLine] = field(default_factory=list)
    alerts_more: int = 0
    alerts_ready: bool = True  # False while the warehouse has no alerts mart
    link: str | None = None
    alerts_link: str | None = None  # the alerts page at the period

    @property
    def withheld(self) -> bool:
        """Whether any card's figure is withheld (the footnote is printed)."""
        return any(c.withheld for c in self.cards)

    @property
    def stem(self) -> str:
        """File name stem: brief_2025-06 (brief_growth_2025-06 for a panel)."""
        return f"brief_{self.period}" if self.kind == "overview" else f"brief_{self.kind}_{self.period}"

    def t(self, key: str, **kw: object) -> str:
        """The brief's text `brief.<key>` in its language."""
        return tr(self.lang, f"brief.{key}", **kw)

    def html(self) -> str:
        """The brief as one self-contained HTML page (inline CSS), printed for the PNG and the PDF."""
        return brief_html(self)

    def markdown(self, flavour: str = "wecom", image_url: str | None = None) -> str:
        """The brief as a chat robot's Markdown ('wecom' or 'dingtalk' dialect)."""
        return brief_markdown(self, flavour, image_url)

    def render(self) -> tuple[bytes, bytes]:
        """(PNG 1080 px wide, A4 PDF) of the brief."""
        return brief_render.html_to_png_and_pdf(self.html())


# --- building it ---------------------------------------------------------------------------------


def public_url() -> str | None:
    """The dashboard's address as a phone reaches it: $ZONE_PUBLIC_URL, else `[brief] public_url` in secrets.toml."""
    url = os.environ.get("ZONE_PUBLIC_URL") or (read_secrets().get("brief") or {}).get("public_url")
    return str(url).rstrip("/") if url else None


def read_secrets(path: Path | None = None) -> dict:
    """`.streamlit/secrets.toml` (or $ZONE_SECRETS) as a dict; {} when there is none."""
    path = path or Path(os.environ.get("ZONE_SECRETS") or SECRETS)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}


def page_link(page: str, period: str, lang: str, base: str | None = None, **params: str) -> str | None:
    """The dashboard page at the period (and language), on the public address; None without one."""
    base = base if base is not None else public_url()
    if not base:
        return None
    from urllib.parse import urlencode

    query = {"period": period, **({"lang": "en"} if lang == "en" else {}), **params}
    return f"{base.rstrip('/')}/{page}?{urlencode(query)}"


def _absolute(link: object, base: str | None) -> str | None:
    """An alert's link (a page path with filters) on the public address."""
    if not link:
        return None
    link = str(link)
    if link.startswith(("http://", "https://")):
        return link
    return f"{base.rstrip('/')}/{link.lstrip('/')}" if base else None


def _cards(reader: Reader, period: str, names: tuple[str, ...], lang: str) -> list[Card]:
    """The headline cards of `names`: the leader's values (withheld ones are the dash) and year-on-year changes."""
    if not names:
        return []
    head = queries.overview.headline(reader, period).row
    changes = {r["metric"]: r for r in queries.overview.headline_changes(reader, period).rows}
    regions = queries.overview.headline_figures(
        reader, period, "lead_vs_national_pp", regions=("national", "province")
    ).row
    out = []
    for name in names:
        m = metrics.BY_NAME[name]
        value = head.get(name)
        region = regions.get(f"{LEADS[name]}_region_name") if name in LEADS else None
        label = tr(lang, "region.lead", region=region) if region else m.label(lang)
        delta, rising = _delta(changes.get(name), m, lang)
        out.append(
            Card(name, label, fmt.metric(name, value, language=lang), delta, rising, withheld=fmt.missing(value))
        )
    return out


def _delta(row: dict | None, m: metrics.Metric, lang: str) -> tuple[str | None, bool | None]:
    """'较上年同期 +1.2个百分点' / '同比 +8.1%' / '较上年同期 +12家', and whether it rose."""
    if not row or fmt.missing(row.get("change")):
        return None, None
    kind, change, pct = row.get("metric_kind"), row["change"], row.get("change_pct")
    if kind == "rate":
        text = tr(lang, "ov.delta.vs_year_ago") + " " + fmt.pp(change, language=lang)
    elif kind == "amount":
        if fmt.missing(pct):
            return None, None
        text, change = tr(lang, "ov.delta.yoy_pct") + " " + fmt.pct(pct, signed=True), pct
    else:
        measure = fmt.measure_word(m.unit, lang)
        text = tr(lang, "ov.delta.vs_year_ago") + " " + fmt.signed_count(change, measure, language=lang)
    return text, (None if change == 0 else change > 0)


def _alerts(reader: Reader, period: str, lang: str, base: str | None) -> tuple[list[AlertLine], int, bool]:
    """The open red and orange alerts (red first), at most MAX_ALERTS, the number left out, and
    whether the warehouse has alerts at all (the alerts mart; issue #13 item 1)."""
    try:
        from dashboard.queries import alerts as alert_queries
    except ImportError:
        return [], 0, False
    try:
        found = alert_queries.open_alerts(reader, period, severities=SEVERITIES, language=lang)
    except Exception as exc:  # a warehouse built before the alerts mart existed
        if "alerts" in str(exc).lower() and ("not exist" in str(exc) or "not found" in str(exc).lower()):
            return [], 0, False
        raise
    rows = found.rows if hasattr(found, "rows") else found.to_dict("records") if hasattr(found, "to_dict") else found
    rows = sorted(rows, key=lambda r: SEVERITIES.index(r["severity"]) if r.get("severity") in SEVERITIES else 9)
    lines = []
    for r in rows[:MAX_ALERTS]:
        message = r.get("message") or r.get(f"message_{lang}") or r.get("message_zh") or ""
        name = r.get("name") or r.get(f"name_{lang}") or r.get("name_zh") or r.get("code") or ""
        lines.append(
            AlertLine(str(r.get("severity")), str(name), str(message), r.get("unit"), _absolute(r.get("link"), base))
        )
    return lines, max(0, len(rows) - MAX_ALERTS), True


def build_brief(
    db_path: Path | str,
    period: str,
    lang: str = "zh",
    kind: str = "overview",
    *,
    leader: bool = True,
    base_url: str | None = None,
) -> Brief:
    """The brief of `kind` for `period`, read as a leader unless `leader=False` (an analyst's own copy)."""
    if kind not in PANELS:
        raise ValueError(f"brief kind must be one of {KINDS}, got {kind!r}")
    panel = PANELS[kind]
    base = base_url if base_url is not None else public_url()
    points = talking_points(db_path, period, lang) if panel.points else []  # checks the period
    with queries.open_reader(db_path, leader=leader) as reader:
        if period not in set(queries.reference.periods(reader).frame["period"]):
            raise ValueError(f"period {period} is not in the warehouse")
        info = queries.reference.warehouse_info(reader).row
        cards = _cards(reader, period, panel.cards, lang)
        alerts, more, ready = _alerts(reader, period, lang, base)
        period_end = queries.overview.headline_figures(reader, period, "period_end").row.get("period_end")
    zone = str(info.get("zone_name") or tr(lang, "kit.default_zone"))
    by_key = {p.key: p.text for p in points}
    chosen = [by_key[k] for k in panel.points if k in by_key][:MAX_POINTS]
    title_key = "title" if kind == "overview" else "title_alerts" if kind == "alerts" else "title_panel"
    return Brief(
        period=period,
        lang=lang,
        kind=kind,
        zone=zone,
        title=tr(
            lang,
            f"brief.{title_key}",
            zone=zone,
            period=fmt.ytd_label(period, lang) if kind != "alerts" else fmt.period_label(period, lang),
            panel=tr(lang, f"brief.kind.{kind}"),
        ),
        as_of=tr(lang, "common.as_of", date=fmt.date_label(period_end, lang)),
        source=tr(lang, "common.source", src=tr(lang, "src.warehouse")),
        build_id=str(info.get("build_id") or "—"),
        cards=cards,
        points=chosen,
        alerts=alerts,
        alerts_more=more,
        alerts_ready=ready,
        link=page_link(panel.page, period, lang, base),
        alerts_link=page_link("alerts", period, lang, base),
    )


# --- printing it ---------------------------------------------------------------------------------

CSS = f"""
* {{ box-sizing: border-box; }}
html {{ font-size: 30px; }}
body {{ margin: 0; font-family: {brief_render.FONT}; color: #1F2A37; background: #F3F4F6; }}
.sheet {{ background: #FFFFFF; padding: 1.3rem 1.2rem 1rem; }}
.top {{ border-top: 0.35rem solid #D7263D; padding-top: 0.8rem; }}
h1 {{ font-size: 1.45rem; line-height: 1.3; margin: 0; }}
.asof {{ color: #6B7280; font-size: 0.8rem; margin: 0.3rem 0 0.9rem; }}
.cards {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem; }}
.card {{ border: 1px solid #E5E7EB; border-radius: 0.35rem; padding: 0.5rem 0.65rem; break-inside: avoid; }}
.card .l {{ font-size: 0.72rem; color: #4B5563; }}
.card .v {{ font-size: 1.3rem; font-weight: 700; line-height: 1.35; }}
.card .d {{ font-size: 0.66rem; color: #6B7280; }}
.up {{ color: {"{UP}"} !important; }} .down {{ color: {"{DOWN}"} !important; }}
h2 {{ font-size: 0.95rem; color: #1F5BB6; border-left: 0.18rem solid #1F5BB6; padding-left: 0.45rem;
      margin: 1rem 0 0.45rem; line-height: 1.2; }}
ol {{ margin: 0; padding-left: 1.4rem; }} li {{ font-size: 0.8rem; line-height: 1.55; margin-bottom: 0.35rem; }}
.alert {{ display: flex; gap: 0.5rem; align-items: baseline; font-size: 0.78rem; line-height: 1.5;
          padding: 0.35rem 0; border-bottom: 1px solid #F3F4F6; break-inside: avoid; }}
.sev {{ flex: none; color: #FFFFFF; border-radius: 0.2rem; padding: 0 0.35rem; font-size: 0.66rem; font-weight: 700; }}
.sev.red {{ background: #D7263D; }} .sev.orange {{ background: #F08C00; }}
.unit {{ color: #6B7280; }}
.none {{ color: #6B7280; font-size: 0.76rem; }}
.foot {{ color: #8A94A6; font-size: 0.62rem; margin-top: 1rem; line-height: 1.5; }}
@media print {{
  html {{ font-size: 13pt; }}
  body {{ background: #FFFFFF; }}
  .sheet {{ padding: 0; }}
}}
"""


def _card_html(card: Card, lang: str) -> str:
    # The dashboard's convention: in Chinese a rise is red and a fall green; in English the reverse.
    cls = "" if card.rising is None else (" up" if card.rising else " down")
    delta = f'<div class="d{cls}">{esc(card.delta)}</div>' if card.delta else ""
    return (
        f'<div class="card"><div class="l">{esc(card.label)}</div><div class="v">{esc(card.value)}</div>{delta}</div>'
    )


def brief_html(b: Brief) -> str:
    """The brief as HTML: 1080 px wide on screen (the PNG), A4 in print (the PDF)."""
    up, down = ("#D7263D", "#1A7F37") if b.lang != "en" else ("#1A7F37", "#D7263D")
    parts = [
        '<div class="sheet"><div class="top">',
        f"<h1>{esc(b.title)}</h1>",
        f'<p class="asof">{esc(b.as_of)}</p>',
    ]
    if b.cards:
        parts.append('<div class="cards">' + "".join(_card_html(c, b.lang) for c in b.cards) + "</div>")
    if b.points:
        parts.append(f"<h2>{esc(b.t('points'))}</h2><ol>" + "".join(f"<li>{esc(p)}</li>" for p in b.points) + "</ol>")
    parts.append(f"<h2>{esc(b.t('alerts'))}</h2>")
    if not b.alerts_ready:
        parts.append(f'<p class="none">{esc(b.t("alerts_unavailable"))}</p>')
    elif not b.alerts:
        parts.append(f'<p class="none">{esc(b.t("alerts_none"))}</p>')
    for a in b.alerts:
        unit = f' <span class="unit">（{esc(a.unit)}）</span>' if a.unit and b.lang != "en" else ""
        unit = f' <span class="unit">({esc(a.unit)})</span>' if a.unit and b.lang == "en" else unit
        parts.append(
            f'<div class="alert"><span class="sev {esc(a.severity)}">{esc(b.t(f"sev.{a.severity}"))}</span>'
            f"<span>{esc(a.message or a.name)}{unit}</span></div>"
        )
    if b.alerts_more:
        parts.append(f'<p class="none">{esc(b.t("alerts_more", n=b.alerts_more))}</p>')
    foot = [b.source + " · " + b.t("build", build=b.build_id), b.as_of]
    if b.withheld:
        foot.append(footnote(b.lang))
    if b.link:
        foot.append(b.t("open", link=b.link))
    parts.append('<p class="foot">' + "<br>".join(esc(x) for x in foot) + "</p></div></div>")
    css = CSS.replace("{UP}", up).replace("{DOWN}", down)
    return (
        f'<!doctype html><html lang="{"en" if b.lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f"<style>{css}</style></head><body>" + "".join(parts) + "</body></html>"
    )


def brief_markdown(b: Brief, flavour: str = "wecom", image_url: str | None = None) -> str:
    """Markdown for a group robot: 企业微信 colours the severities; 钉钉 shows the brief's image."""
    if flavour not in ("wecom", "dingtalk", "plain"):
        raise ValueError(f"markdown flavour must be wecom, dingtalk or plain, got {flavour!r}")
    lines = [f"## {b.title}", f"> {b.as_of}", ""]
    if image_url and flavour == "dingtalk":
        lines += [f"![{b.title}]({image_url})", ""]
    for c in b.cards:
        lines.append(f"**{c.label}** {c.value}" + (f"（{c.delta}）" if c.delta and b.lang != "en" else ""))
        if c.delta and b.lang == "en":
            lines[-1] += f" ({c.delta})"
    if b.points:
        lines += ["", f"### {b.t('points')}"] + [f"{i}. {p}" for i, p in enumerate(b.points, 1)]
    lines += ["", f"### {b.t('alerts')}"]
    if not b.alerts_ready:
        lines.append(b.t("alerts_unavailable"))
    elif not b.alerts:
        lines.append(b.t("alerts_none"))
    for a in b.alerts:
        sev = b.t(f"sev.{a.severity}")
        tag = (
            f'<font color="{"warning" if a.severity == "red" else "comment"}">【{sev}】</font>'
            if flavour == "wecom"
            else f"【{sev}】"
        )
        unit = f"（{a.unit}）" if a.unit else ""
        text = a.message or a.name
        lines.append(f"- {tag}[{text}]({a.link}){unit}" if a.link else f"- {tag}{text}{unit}")
    if b.alerts_more:
        more = b.t("alerts_more", n=b.alerts_more)
        lines.append(f"[{more}]({b.alerts_link})" if b.alerts_link else more)
    lines += ["", f"> {b.source} · {b.t('build', build=b.build_id)}"]
    if b.withheld:
        lines.append(f"> {footnote(b.lang)}")
    if b.link:
        lines += ["", f"[{b.t('open_short')}]({b.link})"]
    text = "\n".join(lines)
    if flavour == "wecom":
        text = _fit_bytes(text, WECOM_MARKDOWN_LIMIT, b)
    return text


def _fit_bytes(text: str, limit: int, b: Brief) -> str:
    """Cut whole lines from the alert list until the Markdown fits the robot's limit (the link stays)."""
    if len(text.encode("utf-8")) <= limit:
        return text
    lines = text.split("\n")
    tail = [b.t("cut")] + ([f"[{b.t('open_short')}]({b.link})"] if b.link else [])
    while lines and len(("\n".join(lines + tail)).encode("utf-8")) > limit:
        lines.pop()
    return "\n".join(lines + tail)


# --- command line -------------------------------------------------------------------------------


def write_brief(b: Brief, out_dir: Path | str) -> list[Path]:
    """Write the brief's PNG, PDF and Markdown under out_dir; the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    png, pdf = b.render()
    paths = [out / f"{b.stem}.png", out / f"{b.stem}.pdf", out / f"{b.stem}.md"]
    paths[0].write_bytes(png)
    paths[1].write_bytes(pdf)
    paths[2].write_text(b.markdown("plain"), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    """`python -m dashboard.brief render|send …` (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.brief", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    render = sub.add_parser("render", help="write the brief's PNG, PDF and Markdown to a folder")
    send = sub.add_parser("send", help="send the brief to every channel of a TOML file, or the due subscriptions")
    for p in (render, send):
        p.add_argument("--db", required=True, type=Path, help="the published warehouse (DuckDB file)")
        p.add_argument("--period", help="report period, YYYY-MM (default, and always with --due: the latest)")
        p.add_argument("--lang", default="zh", choices=("zh", "en"))
        p.add_argument("--kind", default="overview", choices=KINDS, help="overview, one panel, or alerts only")
    render.add_argument("--out", required=True, type=Path, help="folder to write into")
    send.add_argument("--config", type=Path, help="TOML file of [[channel]] tables")
    send.add_argument("--due", action="store_true", help="send each subscription that is due (the subscriptions store)")
    send.add_argument("--store", type=Path, help="subscriptions store (default $ZONE_SUBSCRIPTIONS)")
    send.add_argument("--dry-run", action="store_true", help="write what would be sent to --out instead of sending")
    send.add_argument("--out", type=Path, help="folder for --dry-run")
    args = parser.parse_args(argv)

    from dashboard import delivery, subscriptions

    if not args.db.exists():
        print(f"error: warehouse not found: {args.db}", file=sys.stderr)
        return 2
    period = args.period or subscriptions.latest_period(args.db)
    if args.command == "render":
        try:
            b = build_brief(args.db, period, args.lang, args.kind)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        for path in write_brief(b, args.out):
            print(path)
        return 0
    if args.dry_run and not args.out:
        parser.error("--dry-run needs --out DIR")
    if args.due == bool(args.config):
        parser.error("give either --config FILE or --due")
    try:
        if args.due:
            outcomes = subscriptions.send_due(args.db, store=args.store, dry_run_dir=args.out if args.dry_run else None)
        else:
            channels = delivery.load_channels(args.config)
            b = build_brief(args.db, period, args.lang, args.kind)
            outcomes = delivery.send_brief(b, channels, dry_run_dir=args.out if args.dry_run else None)
    except (ValueError, delivery.ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not outcomes:
        print("nothing due" if args.due else "no channel")
    for o in outcomes:
        print(o.line(), file=sys.stdout if o.ok else sys.stderr)
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
