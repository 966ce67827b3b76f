"""The brief in the app: the subscriptions page (a user's briefs, the admin's robots by secret
reference) and the PDF every page offers in its header."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from dashboard_helpers import new_app

from dashboard import brief_render, subscriptions, ui


@pytest.fixture
def store(zone_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app in demo mode with a fresh subscriptions store."""
    path = tmp_path / "subscriptions.sqlite"
    monkeypatch.setenv("ZONE_SUBSCRIPTIONS", str(path))
    return path


def open_as(role: str, page: str | None = None):
    at = new_app()
    at.session_state["demo_role"] = role
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at, label: str):
    (found,) = [b for b in at.button if b.label == label]
    return found


def test_an_admin_adds_a_robot_by_reference_and_a_user_subscribes(store: Path) -> None:
    at = open_as("admin", "subscriptions")
    at.text_input(key="brief-robot-name").input("领导群")
    at.selectbox(key="brief-robot-kind").select("wecom")
    at.text_input(key="brief-robot-url").input("ZONE_WECOM_URL")
    button(at, "添加渠道").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    (channel,) = subscriptions.channels(store)
    assert (channel.name, channel.kind, channel.options["url_env"]) == ("领导群", "wecom", "ZONE_WECOM_URL")
    assert "url" not in channel.options  # the secret itself is never in the store
    assert any("缺少：ZONE_WECOM_URL" in m.value for m in at.markdown)  # … and the admin sees it is not set

    at = open_as("analyst", "subscriptions")
    assert not [b for b in at.button if b.label == "添加渠道"]  # only an admin manages the robots
    at.selectbox(key="brief-sub-kind").select("alerts")
    at.selectbox(key="brief-sub-schedule").select("publish")
    button(at, "保存订阅").click().run()
    (sub,) = subscriptions.subscriptions(store=store)
    assert (sub.owner, sub.brief, sub.channel, sub.schedule, sub.lang) == ("demo", "alerts", "领导群", "publish", "zh")
    assert any("仅预警 · 领导群 · 企业微信群机器人 · 每次数据发布后" in m.value for m in at.markdown)
    button(at, "删除").click().run()
    assert subscriptions.subscriptions(store=store) == []


def test_a_page_offers_its_pdf_and_the_pdf_holds_what_the_page_shows(store: Path, tmp_path: Path) -> None:
    at = open_as("leader", "growth")
    (pdf_button,) = [b for b in at.get("download_button") if b.proto.label == "打印版"]
    assert pdf_button.proto.help.startswith("本页的卡片与图表排成 A4 横向 PDF")
    record = at.session_state[ui.RECORD]
    kinds = [kind for kind, _ in record]
    assert kinds.count("kpi") == len(at.metric) and "card" in kinds
    # the button's callable is brief_render.page_pdf on the run's record
    pdf = brief_render.page_pdf("工业增长", "范围：全区", record, "来源：测试", "zh", "2025年6月")
    path = tmp_path / "growth.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    w, h = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert w > h and abs(w - 841.9) < 2  # A4 landscape
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", "", out)
    for m in at.metric:
        assert re.sub(r"\s+", "", m.value) in text, m.value
    titles = [body.title for kind, body in record if kind == "card"]
    assert all(re.sub(r"\s+", "", title) in text for title in titles)  # every chart, framed with its title
