"""Every page as each role through AppTest: a leader gets no enterprise-level row and no name of an
enterprise that did not consent, and sees withheld cells as — with the Statistics Law footnote."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from auth_helpers import leaked, signed_in, undisclosed
from google.protobuf.json_format import MessageToDict

PAGES = [None, "growth", "projects", "tiers", "talent", "services", "presskit", "sql"]
FOOTNOTE = "注：涉及企业少于3家的数据按《统计法》不予公布"


def chart_frames(chart: object) -> list[pd.DataFrame]:
    """The datasets a Vega-Lite chart element carries (Arrow IPC streams), as DataFrames."""
    return [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]


def page_text(at) -> str:
    """Everything the page sends the browser, as text: element protos as JSON, tables and chart data as CSV."""
    parts = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            as_dict = MessageToDict(proto)
            for key in ("datasets", "data", "arrowData"):
                as_dict.pop(key, None)
            parts.append(json.dumps(as_dict, ensure_ascii=False))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    for chart in at.get("vega_lite_chart"):
        parts += [df.to_csv() for df in chart_frames(chart)]
    for df in at.dataframe:
        parts.append(df.value.to_csv())
    return "\n".join(parts)


@pytest.fixture(scope="module")
def hidden_names(demo_warehouse) -> tuple[set[str], set[str]]:
    return undisclosed(demo_warehouse.db)


@pytest.mark.parametrize("page", PAGES, ids=[p or "overview" for p in PAGES])
def test_leader_pages_name_no_enterprise_that_did_not_consent(signin_env: Path, hidden_names, page: str | None) -> None:
    at = signed_in("wang", page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    text = page_text(at)
    names, ids = hidden_names
    assert not leaked(text, names), leaked(text, names)[:5]
    assert not leaked(text, ids), leaked(text, ids)[:5]


def test_the_check_would_catch_a_name(signin_env: Path, hidden_names) -> None:
    """The same page as an analyst does name enterprises that did not consent (so the check above bites)."""
    at = signed_in("li", "tiers")
    assert leaked(page_text(at), hidden_names[0])


def test_leader_gets_no_single_enterprise_figures_on_the_growth_page(signin_env: Path) -> None:
    at = signed_in("wang", "growth")
    assert any("单个企业的统计数据" in i.value for i in at.info)
    titles = [json.dumps(MessageToDict(c.proto), ensure_ascii=False) for c in at.get("vega_lite_chart")]
    assert not any("enterprise_name" in t for t in titles)
    analyst = signed_in("li", "growth")
    assert any(
        "enterprise_name" in json.dumps(MessageToDict(c.proto), ensure_ascii=False)
        for c in analyst.get("vega_lite_chart")
    )


def test_leader_lists_hold_only_consenting_enterprises(signin_env: Path, demo_warehouse, hidden_names) -> None:
    at = signed_in("wang", "tiers")
    lists = [df.value for df in at.dataframe]
    assert lists and all(len(df) for df in lists), "consenting enterprises are listed"
    for df in lists:
        assert not set(df.iloc[:, 0]) & hidden_names[0]
    notes = [h.proto.body for h in at.get("html") if "仅列出同意公开名称的企业" in h.proto.body]
    assert len(notes) == 2


def test_leader_sees_bad_ratings_with_undisclosed_names(signin_env: Path, hidden_names) -> None:
    at = signed_in("wang", "services")
    [table] = [df.value for df in at.dataframe]
    shown = set(table["企业"].dropna())
    assert "（未公开企业）" in shown
    assert not shown & hidden_names[0]


def test_withheld_cells_show_a_dash_and_the_footnote(signin_env: Path) -> None:
    """明水经济开发区 has a 生物医药 enterprise of its own: its bar is withheld, and so is a complement."""
    at = signed_in("wang", "growth", park="明水经济开发区")
    frames = [
        df
        for chart in at.get("vega_lite_chart")
        for df in chart_frames(chart)
        if "category" in df and "生物医药" in set(df["category"])
    ]
    assert frames, "the chain breakdown of the park"
    chains = frames[0].set_index("category")
    assert chains.loc["生物医药", "value_text"] == "—" and pd.isna(chains.loc["生物医药", "output"])
    assert chains["output"].isna().sum() >= 2, "a complement is withheld too"
    assert any(FOOTNOTE in h.proto.body for h in at.get("html"))

    analyst = signed_in("li", "growth", park="明水经济开发区")
    [full] = [
        df
        for chart in analyst.get("vega_lite_chart")
        for df in chart_frames(chart)
        if "category" in df and "生物医药" in set(df["category"])
    ]
    full = full.set_index("category")
    assert full["output"].notna().all()
    shown = chains["output"].dropna()
    assert (full.loc[shown.index, "output"] == shown).all(), "what a leader sees is the analyst's figure"


def test_a_one_enterprise_selection_shows_dashes_in_its_kpis(signin_env: Path) -> None:
    at = signed_in("wang", "growth", park="明水经济开发区", chain="生物医药")
    values = {m.label: m.value for m in at.metric}
    assert values["规上工业总产值"] == "—" and values["工业增加值增速"] == "—"
    assert values["规上工业企业"] != "—"  # how many enterprises there are is not a figure of theirs
    assert any(FOOTNOTE in h.proto.body for h in at.get("html"))


def test_the_analyst_sees_no_dash_and_no_footnote(signin_env: Path) -> None:
    at = signed_in("li", "growth", park="明水经济开发区", chain="生物医药")
    values = {m.label: m.value for m in at.metric}
    assert values["规上工业总产值"] != "—"
    assert not any(FOOTNOTE in h.proto.body for h in at.get("html"))


def test_only_admins_get_the_audit_log_page(signin_env: Path) -> None:
    admin = signed_in("zhao", "audit_log")
    assert not admin.exception and any("审计日志" in h.proto.body for h in admin.get("html"))
    assert admin.dataframe, "the sign-in just made is listed"
    for name in ("wang", "li"):
        at = signed_in(name)
        with pytest.raises(ValueError, match="navigation page"):
            at.switch_page("app_pages/audit_log.py")
