"""Delivering the brief: 企业微信 and 钉钉 robots (a loopback HTTP server stands in for each) and e-mail
(a real SMTP server on loopback, aiosmtpd), dry runs, errors per channel, and subscriptions that
send once per schedule. Every address is on 127.0.0.1."""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import hashlib
import hmac
import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from aiosmtpd.controller import Controller
from dashboard_helpers import DEMO_PERIOD, python_m

from dashboard import delivery, subscriptions
from dashboard.brief import build_brief

SECRET = "SECtest0123456789abcdef"
WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
PUBLIC = "http://127.0.0.1:8598"


class Robots(BaseHTTPRequestHandler):
    """Both robots' webhooks: records each POST; /bad answers an errcode, /down an HTTP 500."""

    posts: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.posts.append(
            {
                "path": url.path,
                "query": urllib.parse.parse_qs(url.query),
                "raw_query": url.query,
                "type": self.headers["Content-Type"],
                "json": json.loads(body),
            }
        )
        if url.path == "/down":
            self.send_error(500, "robot down")
            return
        answer = (
            {"errcode": 93000, "errmsg": "invalid webhook url"}
            if url.path == "/bad"
            else {"errcode": 0, "errmsg": "ok"}
        )
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def robots():
    """A loopback HTTP server for the robots' webhooks; yields (base URL, the list of posts)."""
    posts: ClassVar[list[dict]] = []
    handler = type("Handler", (Robots,), {"posts": posts})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", posts
    server.shutdown()
    server.server_close()


class Mailbox:
    """aiosmtpd's handler: keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp():
    """A real SMTP server on loopback; yields (port, mailbox)."""
    box = Mailbox()
    with socket.socket() as probe:  # a free port (the controller checks it is up by connecting to its port)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, box
    controller.stop()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Secrets in the environment, the public address, a fresh audit log and static folder."""
    monkeypatch.setenv("ZONE_PUBLIC_URL", PUBLIC)
    monkeypatch.setenv("ZONE_BRIEF_STATIC_DIR", str(tmp_path / "static"))
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    monkeypatch.setenv("ZONE_SUBSCRIPTIONS", str(tmp_path / "subscriptions.sqlite"))
    monkeypatch.setenv("ZONE_SECRETS", str(tmp_path / "no-secrets.toml"))
    monkeypatch.setenv("ZONE_DINGTALK_SECRET", SECRET)
    return tmp_path


def write_config(path: Path, robots_url: str, smtp_port: int, wecom_path: str = "/cgi-bin/webhook/send") -> Path:
    path.write_text(
        f"""
[[channel]]
kind = "wecom"
name = "领导群"
url_env = "ZONE_WECOM_URL"

[[channel]]
kind = "dingtalk"
name = "经发局群"
url = "{robots_url}/robot/send?access_token=tok123"
secret_env = "ZONE_DINGTALK_SECRET"

[[channel]]
kind = "email"
name = "邮件"
host = "127.0.0.1"
port = {smtp_port}
security = "none"
from = "jjyx@example.org"
to = ["leader@example.org", "deputy@example.org"]
""",
        encoding="utf-8",
    )
    return path


def send(db: Path, config: Path, *extra: str):
    """`python -m dashboard.brief send` of the demo period to the channels of `config`."""
    return python_m(
        "dashboard.brief", "send", "--db", str(db), "--period", DEMO_PERIOD, "--config", str(config), *extra
    )


@pytest.fixture
def channels(robots, smtp, env: Path, monkeypatch: pytest.MonkeyPatch):
    """The three channels' file on the loopback robots and mailbox: (config path, robots' base URL)."""
    base, _ = robots
    monkeypatch.setenv("ZONE_WECOM_URL", f"{base}/cgi-bin/webhook/send?key={WECOM_KEY}")
    return write_config(env / "channels.toml", base, smtp[0]), base


def test_send_reaches_both_robots_and_the_mailbox_in_their_exact_shapes(
    demo_db: Path, robots, smtp, env: Path, channels
) -> None:
    _, posts = robots
    _, box = smtp
    config, _ = channels
    proc = send(demo_db, config)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("ok  ") == 3

    # 企业微信: a markdown message, then an image message (base64 of the PNG and the md5 of its bytes)
    wecom = [p for p in posts if p["path"] == "/cgi-bin/webhook/send"]
    assert [p["json"]["msgtype"] for p in wecom] == ["markdown", "image"]
    assert all(p["query"]["key"] == [WECOM_KEY] and p["type"].startswith("application/json") for p in wecom)
    markdown, image = wecom[0]["json"], wecom[1]["json"]
    assert set(markdown) == {"msgtype", "markdown"} and set(markdown["markdown"]) == {"content"}
    content = markdown["markdown"]["content"]
    assert content.startswith("## 高新区经济运行简报（2025年1—6月）") and len(content.encode()) <= 4096
    assert f"{PUBLIC}/?period={DEMO_PERIOD}" in content  # a tap opens the dashboard at the period
    assert set(image) == {"msgtype", "image"} and set(image["image"]) == {"base64", "md5"}
    png = base64.b64decode(image["image"]["base64"])
    assert png.startswith(b"\x89PNG") and len(png) <= 2 * 1024 * 1024
    assert image["image"]["md5"] == hashlib.md5(png).hexdigest()

    # 钉钉: one markdown message (title + text showing the image), signed: timestamp + sign in the URL
    (ding,) = [p for p in posts if p["path"] == "/robot/send"]
    assert ding["query"]["access_token"] == ["tok123"]
    ts = ding["query"]["timestamp"][0]
    expected = base64.b64encode(hmac.new(SECRET.encode(), f"{ts}\n{SECRET}".encode(), hashlib.sha256).digest())
    assert ding["query"]["sign"] == [expected.decode()]
    assert f"sign={urllib.parse.quote_plus(expected)}" in ding["raw_query"]  # url-encoded, as 钉钉 documents
    body = ding["json"]
    assert body["msgtype"] == "markdown" and set(body["markdown"]) == {"title", "text"}
    assert body["markdown"]["title"] == "高新区经济运行简报（2025年1—6月）"
    name = hashlib.sha256(png).hexdigest() + ".png"
    assert f"]({PUBLIC}/app/static/briefs/{name})" in body["markdown"]["text"]  # the image, on the public address
    assert (env / "static" / "briefs" / name).read_bytes() == png  # … where the app serves it

    # e-mail: the Chinese subject RFC 2047-encoded, the PNG inline by cid, the PDF attached
    ((sender, rcpts, raw),) = box.messages
    assert sender == "jjyx@example.org" and rcpts == ["leader@example.org", "deputy@example.org"]
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")  # the header is plain ASCII
    assert "Subject: =?utf-8?" in head
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == "高新区经济运行简报（2025年1—6月）"
    html = msg.get_body(("html",))
    (inline,) = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    cid = inline["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html.get_content()
    assert inline.get_content() == png
    (pdf,) = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == f"brief_{DEMO_PERIOD}.pdf" and pdf.get_content().startswith(b"%PDF")
    assert "1,305.3亿元" in msg.get_body(("plain",)).get_content()

    # the audit log records each send, and no secret
    log = (env / "audit.jsonl").read_text(encoding="utf-8")
    events = [json.loads(line) for line in log.splitlines()]
    assert [e["channel_kind"] for e in events if e.get("kind") == "brief_send"] == ["wecom", "dingtalk", "email"]
    assert WECOM_KEY not in log and SECRET not in log and "tok123" not in log


def test_a_failing_channel_is_reported_and_the_others_still_sent(
    demo_db: Path, robots, smtp, channels, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, posts = robots
    _, box = smtp
    config, base = channels
    monkeypatch.setenv("ZONE_WECOM_URL", f"{base}/bad?key={WECOM_KEY}")
    config.write_text(
        config.read_text(encoding="utf-8").replace(f'url = "{base}/robot/send', f'url = "{base}/down'), encoding="utf-8"
    )
    proc = send(demo_db, config)
    assert proc.returncode == 1
    assert "FAILED  wecom 领导群: markdown: 127.0.0.1" in proc.stderr
    assert "errcode 93000 invalid webhook url (image not sent)" in proc.stderr
    assert "FAILED  dingtalk 经发局群: markdown: 127.0.0.1" in proc.stderr and "HTTP 500" in proc.stderr
    assert "ok  email 邮件" in proc.stdout and len(box.messages) == 1
    assert [p["json"]["msgtype"] for p in posts if p["path"] == "/bad"] == ["markdown"]
    assert WECOM_KEY not in proc.stdout + proc.stderr


def test_dry_run_writes_what_would_be_sent_and_sends_nothing(demo_db: Path, robots, smtp, env: Path, channels) -> None:
    _, posts = robots
    _, box = smtp
    config, _ = channels
    out = env / "out"
    proc = send(demo_db, config, "--dry-run", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert not posts and not box.messages
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "01_wecom_领导群_1_markdown.json",
        "01_wecom_领导群_2_image.json",
        "02_dingtalk_经发局群_markdown.json",
        "03_email_邮件.eml",
        f"brief_{DEMO_PERIOD}.pdf",
        f"brief_{DEMO_PERIOD}.png",
    ]
    image = json.loads((out / "01_wecom_领导群_2_image.json").read_text(encoding="utf-8"))
    assert base64.b64decode(image["image"]["base64"]) == (out / f"brief_{DEMO_PERIOD}.png").read_bytes()
    msg = email.message_from_bytes((out / "03_email_邮件.eml").read_bytes(), policy=email.policy.default)
    assert msg["Subject"] == "高新区经济运行简报（2025年1—6月）"
    for path in out.iterdir():
        blob = path.read_bytes()
        assert WECOM_KEY.encode() not in blob and SECRET.encode() not in blob and b"tok123" not in blob


def test_a_bad_channel_file_names_the_file_the_channel_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "channels.toml"
    path.write_text(
        '[[channel]]\nkind = "email"\nhost = "127.0.0.1"\nfrom = "a@b.c"\nto = ["x@y.z"]\nsecurity = "tls"\n'
    )
    with pytest.raises(
        delivery.ConfigError, match=r"channels.toml: channel 1 \(email\): security = 'tls' is not one of"
    ):
        delivery.load_channels(path)
    path.write_text('[[channel]]\nkind = "wechat"\n')
    with pytest.raises(delivery.ConfigError, match=r"channel 1 \(wechat\): kind = 'wechat' is not one of"):
        delivery.load_channels(path)


def test_send_due_twice_sends_once_and_a_publish_sends_once_per_build(
    demo_db: Path, robots, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, posts = robots
    monkeypatch.setenv("ZONE_WECOM_URL", f"{base}/cgi-bin/webhook/send?key={WECOM_KEY}")
    store = env / "subscriptions.sqlite"
    subscriptions.add_channel("领导群", "wecom", {"url_env": "ZONE_WECOM_URL"}, "admin", store=store)
    with pytest.raises(ValueError, match="must be given by reference"):
        subscriptions.add_channel("泄露", "wecom", {"url": f"{base}/x?key=1"}, "admin", store=store)
    daily = subscriptions.subscribe("leader", "overview", "领导群", "daily", store=store)
    subscriptions.subscribe("leader", "alerts", "领导群", "publish", store=store)
    morning = dt.datetime(2026, 12, 4, 7, 30).astimezone()

    first = subscriptions.send_due(demo_db, store=store, now=morning)
    assert [o.ok for o in first] == [True, True], [o.line() for o in first]
    assert len(posts) == 4  # two briefs, each a markdown and an image message
    again = subscriptions.send_due(demo_db, store=store, now=morning + dt.timedelta(hours=2))
    assert again == [] and len(posts) == 4  # nothing twice: the day's slot and the build's slot are done
    assert subscriptions.after_publish(demo_db, store=store) == [] and len(posts) == 4

    tomorrow = subscriptions.send_due(demo_db, store=store, now=morning + dt.timedelta(days=1))
    assert len(tomorrow) == 1 and "subscription 1 (leader, daily)" in tomorrow[0].detail
    assert len(posts) == 6
    (sub,) = [s for s in subscriptions.subscriptions("leader", store=store) if s.id == daily]
    assert sub.last_sent is not None


def test_send_due_from_the_command_line_twice_sends_once(
    demo_db: Path, robots, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, posts = robots
    monkeypatch.setenv("ZONE_WECOM_URL", f"{base}/cgi-bin/webhook/send?key={WECOM_KEY}")
    subscriptions.add_channel("领导群", "wecom", {"url_env": "ZONE_WECOM_URL"}, "admin")
    subscriptions.subscribe("leader", "overview", "领导群", "weekly")
    for _ in range(2):
        proc = python_m("dashboard.brief", "send", "--db", str(demo_db), "--due")
        assert proc.returncode == 0, proc.stderr
    assert [p["json"]["msgtype"] for p in posts] == ["markdown", "image"]


def test_the_brief_lists_the_open_red_and_orange_alerts(demo_db: Path) -> None:
    from dashboard import queries
    from dashboard.queries import alerts

    with queries.open_reader(demo_db) as reader:
        open_ = alerts.open_alerts(reader, DEMO_PERIOD).rows
    b = build_brief(demo_db, DEMO_PERIOD, base_url=PUBLIC)
    assert b.alerts_ready
    assert len(b.alerts) + b.alerts_more == len(open_)
    assert {a.severity for a in b.alerts} <= {"red", "orange"}
    text = b.markdown("wecom")
    for a in b.alerts:
        assert a.message in b.html() and a.message[:20] in text
        assert a.link is None or a.link.startswith(PUBLIC + "/")
