"""Delivery: the brief to 企业微信 and 钉钉 group robots and by e-mail.

A channel is one `[[channel]]` table of a TOML file (or a channel the admin added in the app,
dashboard/subscriptions.py):

    [[channel]]
    kind = "wecom"                 # 企业微信 group robot: a markdown message, then an image message
    url_env = "ZONE_WECOM_URL"     # or url = "https://…/cgi-bin/webhook/send?key=…"
    [[channel]]
    kind = "dingtalk"              # 钉钉 group robot: one markdown message that shows the image
    url_env = "ZONE_DINGTALK_URL"
    secret_env = "ZONE_DINGTALK_SECRET"   # optional: signs the request (timestamp + HMAC-SHA256)
    [[channel]]
    kind = "email"                 # the PNG inline, the PDF attached
    host = "smtp.example.org"
    port = 465
    security = "ssl"               # ssl | starttls | none
    from = "jjyx@example.org"
    to = ["leader@example.org"]
    username = "jjyx"              # optional, with password_env

Any secret field (url, secret, password) may be given as `<field>_env = "NAME"`: the value is
then the environment variable NAME, else the key NAME of `[brief]` in .streamlit/secrets.toml.
Secrets are read when sending and never written anywhere: not in the audit log (it names the
channel and the robot's host), not in a dry run's files (they hold the bodies, not the URLs).

The robots' APIs, as their documentation gives them:
- 企业微信: POST JSON {"msgtype": "markdown", "markdown": {"content": …}} (content ≤ 4096 bytes),
  then {"msgtype": "image", "image": {"base64": …, "md5": …}} (md5 of the raw image, ≤ 2 MB, PNG/JPG);
  the answer is {"errcode": 0, "errmsg": "ok"}.
- 钉钉: POST JSON {"msgtype": "markdown", "markdown": {"title": …, "text": …}}; with a signing
  secret, `&timestamp=<ms>&sign=<urlencode(base64(HMAC-SHA256(secret, f"{timestamp}\\n{secret}")))>`
  is appended to the URL; the answer is {"errcode": 0, "errmsg": "ok"}. Markdown shows an image
  only by URL, so the brief's PNG is published under the dashboard's static folder
  (`publish_image`) and the message links it on the public address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import smtplib
import ssl
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from dashboard import brief as brief_mod
from dashboard.brief_render import WECHAT_IMAGE_LIMIT, esc

KINDS = ("wecom", "dingtalk", "email")
SECURITY = ("ssl", "starttls", "none")
DEFAULT_PORT = {"ssl": 465, "starttls": 587, "none": 25}
SECRET_FIELDS = ("url", "secret", "password")
TIMEOUT_S = 20
# The dashboard's static folder (served at /app/static/ when server.enableStaticServing is on).
STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_BRIEFS = "briefs"


class ConfigError(ValueError):
    """A channel's configuration is missing a field or has a bad value (names file, channel, field)."""


@dataclass(frozen=True)
class Channel:
    """One place the brief goes: its kind, a display name (never a secret) and its settings."""

    kind: str
    name: str
    options: dict = field(default_factory=dict)

    def value(self, key: str, required: bool = True) -> str | None:
        """A setting, or a secret through its `<key>_env` reference; ConfigError if required and missing."""
        if self.options.get(key):
            return str(self.options[key])
        ref = self.options.get(f"{key}_env")
        if ref:
            found = secret(str(ref))
            if found:
                return found
            if required:
                raise ConfigError(
                    f"channel {self.name}: {key}_env = {ref!r} is set neither in the environment "
                    "nor under [brief] in .streamlit/secrets.toml"
                )
            return None
        if required:
            raise ConfigError(f"channel {self.name}: no {key} (give {key} or {key}_env)")
        return None

    def missing_secrets(self) -> list[str]:
        """The secret references this channel names that resolve to nothing (for the admin's page)."""
        return [
            str(self.options[f"{k}_env"])
            for k in SECRET_FIELDS
            if self.options.get(f"{k}_env") and not secret(str(self.options[f"{k}_env"]))
        ]


def secret(name: str) -> str | None:
    """The secret called `name`: the environment variable, else `[brief] name` in .streamlit/secrets.toml."""
    value = os.environ.get(name)
    if value:
        return value
    found = (brief_mod.read_secrets().get("brief") or {}).get(name)
    return str(found) if found else None


def check_channel(options: dict, where: str) -> Channel:
    """One channel's settings checked; ConfigError naming `where`, the field and the value otherwise."""
    kind = options.get("kind")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind = {kind!r} is not one of {', '.join(KINDS)}")
    name = str(options.get("name") or where.rsplit(": ", 1)[-1])
    if kind in ("wecom", "dingtalk"):
        if not (options.get("url") or options.get("url_env")):
            raise ConfigError(f"{where}: a {kind} robot needs url or url_env")
        url = options.get("url")
        if url and urllib.parse.urlsplit(str(url)).scheme not in ("http", "https"):
            raise ConfigError(f"{where}: url is not an http(s) address")
    else:
        for key in ("host", "from", "to"):
            if not options.get(key):
                raise ConfigError(f"{where}: an email channel needs {key}")
        security = options.get("security", "ssl")
        if security not in SECURITY:
            raise ConfigError(f"{where}: security = {security!r} is not one of {', '.join(SECURITY)}")
        to = options["to"]
        if isinstance(to, str):
            options = {**options, "to": [to]}
        elif not (isinstance(to, list) and all(isinstance(a, str) and "@" in a for a in to)):
            raise ConfigError(f"{where}: to = {to!r} is not a list of e-mail addresses")
        port = options.get("port", DEFAULT_PORT[security])
        if not isinstance(port, int) or not 0 < port < 65536:
            raise ConfigError(f"{where}: port = {port!r} is not a port number")
    return Channel(kind, name, dict(options))


def load_channels(path: Path | str) -> list[Channel]:
    """Every [[channel]] of a TOML file, checked."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    tables = doc.get("channel")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{path}: no [[channel]] table")
    return [check_channel(t, f"{path}: channel {i} ({t.get('kind', '?')})") for i, t in enumerate(tables, 1)]


# --- what is sent ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    """How sending to one channel went: what was sent, the robot's or server's answers."""

    channel: str
    kind: str
    ok: bool
    detail: str

    def line(self) -> str:
        """One line for the terminal: ok/FAILED, channel, details."""
        return f"{'ok' if self.ok else 'FAILED'}  {self.kind} {self.channel}: {self.detail}"


@dataclass
class Rendered:
    """The brief's files, rendered once for every channel."""

    brief: brief_mod.Brief
    png: bytes
    pdf: bytes
    image_url: str | None = None


def wecom_messages(r: Rendered) -> list[dict]:
    """The 企业微信 robot's two bodies: the markdown, then the image (base64 and md5 of the PNG)."""
    return [
        {"msgtype": "markdown", "markdown": {"content": r.brief.markdown("wecom")}},
        {
            "msgtype": "image",
            "image": {"base64": base64.b64encode(r.png).decode("ascii"), "md5": hashlib.md5(r.png).hexdigest()},
        },
    ]


def dingtalk_message(r: Rendered) -> dict:
    """The 钉钉 robot's body: markdown with a title (the chat list's preview) and the text showing the image."""
    return {
        "msgtype": "markdown",
        "markdown": {"title": r.brief.title, "text": r.brief.markdown("dingtalk", r.image_url)},
    }


def dingtalk_sign(secret_text: str, timestamp_ms: int) -> str:
    """钉钉's signature: urlencode(base64(HMAC-SHA256(secret, f"{timestamp}\\n{secret}")))."""
    digest = hmac.new(secret_text.encode("utf-8"), f"{timestamp_ms}\n{secret_text}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def signed_url(url: str, secret_text: str | None, timestamp_ms: int | None = None) -> str:
    """The robot URL with `&timestamp=…&sign=…` appended when the robot has a signing secret."""
    if not secret_text:
        return url
    ts = timestamp_ms if timestamp_ms is not None else int(time.time() * 1000)
    sep = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{sep}timestamp={ts}&sign={dingtalk_sign(secret_text, ts)}"


def email_message(r: Rendered, channel: Channel) -> EmailMessage:
    """The mail: plain-text Markdown, an HTML part with the PNG inline (cid), the PDF attached."""
    b = r.brief
    msg = EmailMessage()  # the default policy writes a non-ASCII subject as an RFC 2047 encoded word
    msg["Subject"] = b.title
    msg["From"] = str(channel.options["from"])
    msg["To"] = ", ".join(channel.options["to"])
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=str(channel.options["from"]).rsplit("@", 1)[-1])
    msg.set_content(b.markdown("plain"))
    cid = make_msgid(domain="brief.invalid")
    link = f'<p><a href="{esc(b.link)}">{esc(b.t("open_short"))}</a></p>' if b.link else ""
    msg.add_alternative(
        f"<!doctype html><html><body><p>{esc(b.t('mail_intro', title=b.title))}</p>"
        f'<p><img src="cid:{cid[1:-1]}" alt="{esc(b.title)}" style="max-width:100%;width:540px"></p>{link}</body></html>',
        subtype="html",
    )
    msg.get_payload()[1].add_related(r.png, maintype="image", subtype="png", cid=cid, filename=f"{b.stem}.png")
    msg.add_attachment(r.pdf, maintype="application", subtype="pdf", filename=f"{b.stem}.pdf")
    return msg


# --- sending ------------------------------------------------------------------------------------


def post_json(url: str, body: dict, timeout: float = TIMEOUT_S) -> tuple[bool, str]:
    """POST a robot message; (ok, 'HTTP 200 errcode 0 ok'). ok only for HTTP 200 and errcode 0."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json; charset=utf-8"})
    host = urllib.parse.urlsplit(url).netloc
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # an http(s) URL: checked when loaded
            status, raw = resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return False, f"{host} HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, OSError) as exc:
        return False, f"{host} unreachable: {getattr(exc, 'reason', exc)}"
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False, f"{host} HTTP {status}: not a JSON answer"
    errcode, errmsg = answer.get("errcode"), answer.get("errmsg")
    return status == 200 and errcode == 0, f"{host} HTTP {status} errcode {errcode} {errmsg}"


def _send_wecom(r: Rendered, channel: Channel) -> tuple[bool, str]:
    url = channel.value("url")
    markdown, image = wecom_messages(r)
    ok, first = post_json(url, markdown)
    if not ok:
        return False, f"markdown: {first} (image not sent)"
    if len(r.png) > WECHAT_IMAGE_LIMIT:
        return False, f"markdown: {first}; image: {len(r.png)} bytes is over 企业微信's 2 MB limit"
    ok, second = post_json(url, image)
    return ok, f"markdown: {first}; image: {second}"


def _send_dingtalk(r: Rendered, channel: Channel) -> tuple[bool, str]:
    url = signed_url(channel.value("url"), channel.value("secret", required=False))
    ok, answer = post_json(url, dingtalk_message(r))
    note = "" if r.image_url else " (no public URL: the image is left out)"
    return ok, f"markdown: {answer}{note}"


def _send_email(r: Rendered, channel: Channel) -> tuple[bool, str]:
    o = channel.options
    security = o.get("security", "ssl")
    host, port = str(o["host"]), int(o.get("port", DEFAULT_PORT[security]))
    msg = email_message(r, channel)
    try:
        if security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT_S, context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, port, timeout=TIMEOUT_S)
        with smtp:
            if security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            user = o.get("username")
            if user:
                smtp.login(str(user), channel.value("password"))
            refused = smtp.send_message(msg)
    except (smtplib.SMTPException, OSError) as exc:
        return False, f"{host}:{port} {type(exc).__name__}: {exc}"
    if refused:
        return False, f"{host}:{port} refused {', '.join(refused)}"
    return True, f"{host}:{port} accepted for {len(o['to'])} recipient(s)"


SENDERS = {"wecom": _send_wecom, "dingtalk": _send_dingtalk, "email": _send_email}


def publish_image(png: bytes, static_dir: Path | None = None, base_url: str | None = None) -> str | None:
    """Put the PNG where the dashboard serves static files; its public URL (None without a public address).

    The name is the PNG's SHA-256: unguessable, and the same brief keeps one address. 钉钉's
    servers fetch the image without a dashboard session, so it is served without sign-in;
    it is the leader's brief, the same picture the group receives.
    """
    base = base_url if base_url is not None else brief_mod.public_url()
    folder = Path(os.environ.get("ZONE_BRIEF_STATIC_DIR") or static_dir or STATIC_DIR) / STATIC_BRIEFS
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(png).hexdigest() + ".png"
    path = folder / name
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(png)
        tmp.replace(path)
    return f"{base.rstrip('/')}/app/static/{STATIC_BRIEFS}/{name}" if base else None


def _audit(b: brief_mod.Brief, channel: Channel, outcome: Outcome, dry_run: bool, extra: dict | None) -> None:
    """One export event per channel: who, which brief, which channel (its name and kind, never its secrets)."""
    from warehouse import audit

    audit.record_download(
        "brief_dry_run" if dry_run else "brief_send",
        b.stem,
        title=b.title,
        period=b.period,
        build=b.build_id,
        brief=b.kind,
        channel=channel.name,
        channel_kind=channel.kind,
        ok=outcome.ok,
        result=outcome.detail,
        **(extra or {}),
    )


def render(b: brief_mod.Brief) -> Rendered:
    """The brief's PNG and PDF, and the image's public URL."""
    png, pdf = b.render()
    return Rendered(b, png, pdf, publish_image(png))


def send_brief(
    b: brief_mod.Brief,
    channels: list[Channel],
    *,
    dry_run_dir: Path | str | None = None,
    rendered: Rendered | None = None,
    audit_extra: dict | None = None,
) -> list[Outcome]:
    """Send the brief to every channel (one failing does not stop the others), or write what would be sent."""
    r = rendered or render(b)
    if dry_run_dir is not None:
        return write_dry_run(r, channels, Path(dry_run_dir), audit_extra)
    outcomes = []
    for channel in channels:
        try:
            ok, detail = SENDERS[channel.kind](r, channel)
        except ConfigError as exc:
            ok, detail = False, str(exc)
        outcome = Outcome(channel.name, channel.kind, ok, detail)
        outcomes.append(outcome)
        _audit(b, channel, outcome, False, audit_extra)
    return outcomes


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)[:60] or "channel"


def write_dry_run(r: Rendered, channels: list[Channel], out: Path, audit_extra: dict | None = None) -> list[Outcome]:
    """What would be sent, as files: the robots' JSON bodies, the mail as .eml, the PNG and PDF."""
    out.mkdir(parents=True, exist_ok=True)
    b = r.brief
    (out / f"{b.stem}.png").write_bytes(r.png)
    (out / f"{b.stem}.pdf").write_bytes(r.pdf)
    outcomes = []
    for i, channel in enumerate(channels, 1):
        stem = out / f"{i:02d}_{channel.kind}_{_safe(channel.name)}"
        if channel.kind == "wecom":
            files = []
            for j, body in enumerate(wecom_messages(r), 1):
                path = stem.with_name(f"{stem.name}_{j}_{body['msgtype']}.json")
                path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
                files.append(path.name)
        elif channel.kind == "dingtalk":
            path = stem.with_name(stem.name + "_markdown.json")
            path.write_text(json.dumps(dingtalk_message(r), ensure_ascii=False, indent=2), encoding="utf-8")
            files = [path.name]
        else:
            path = stem.with_name(stem.name + ".eml")
            path.write_bytes(email_message(r, channel).as_bytes())
            files = [path.name]
        outcome = Outcome(channel.name, channel.kind, True, "dry run: wrote " + ", ".join(files))
        outcomes.append(outcome)
        _audit(b, channel, outcome, True, audit_extra)
    return outcomes
