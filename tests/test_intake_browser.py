"""The 数据报送 console in Chromium (issue 12): a steward uploads a GBK CSV with Chinese headers and an
XLSX (Playwright's set_input_files), reads the findings table in Chinese, writes the 审核说明, and the
file is accepted; the 报送情况 board lists 缺报 and 新进规 by name. Screenshots in test-artifacts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from dashboard_helpers import APP_IDLE_JS, ARTIFACTS, browser_page, screenshot, start_app
from intake_helpers import JULY, JULY_PRICES, filled_store, write_rows
from raw_tables import E2

from dashboard import auth
from warehouse.contract import TABLES_BY_NAME


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory, demo_db: Path):
    """The app with local sign-in (a statistics-office steward) over a landing store of the small dataset."""
    base = tmp_path_factory.mktemp("intake-console")
    store = filled_store(base / "landing", base / "files")
    assert store.submit(
        "industry_prices", write_rows(base / "p.csv", "industry_prices", JULY_PRICES), "统计"
    ).state == ("accepted")
    users = base / "users.toml"
    auth.add_user("wangmin", "steward-pass-2025", "steward", "王敏", users, office="统计")
    db = base / "zone.duckdb"
    shutil.copy(demo_db, db)
    env = {"ZONE_DEMO": "0", "ZONE_USERS": str(users), "ZONE_STORE": str(base / "landing")}
    app = start_app(db, ARTIFACTS / "streamlit-intake.log", env=env)
    yield app, store, base
    app.stop()


def _idle(page) -> None:
    page.wait_for_selector('[data-testid="stMain"]', timeout=60_000)
    page.wait_for_function(APP_IDLE_JS, timeout=180_000)


def _sign_in(page, url: str) -> None:
    """Open the console and sign in as the statistics office's steward."""
    page.goto(f"{url}/intake")
    _idle(page)
    page.locator('input[aria-label="用户名"]').fill("wangmin")
    page.locator('input[type="password"]').fill("steward-pass-2025")
    page.get_by_role("button", name="登录").click()
    _idle(page)


def _upload(page, table: str, file: Path) -> None:
    page.get_by_role("tab", name="上传报送").click()
    page.locator('[data-testid="stSelectbox"]').filter(has_text="数据表").click()
    page.get_by_role("option", name=f"{TABLES_BY_NAME[table].title}（{table}）").click()
    page.locator('input[type="file"]').set_input_files(str(file))
    page.get_by_text(file.name).wait_for()
    page.get_by_role("button", name="上传并校验").click()
    _idle(page)


def test_steward_uploads_gbk_csv_and_xlsx_explains_findings_and_sees_the_board(browser, console) -> None:
    app, store, base = console
    gbk = write_rows(base / "规上工业月报_2025年7月.csv", "industrial_monthly", JULY, chinese_gbk=True)
    assert "统一社会信用代码".encode("gbk") in gbk.read_bytes()
    with browser_page(browser) as page:
        _sign_in(page, app.url)
        page.get_by_text("各科室上传本科室的数据文件").wait_for()

        # the GBK file with Chinese headers: held, three 疑问 in Chinese with their rows
        _upload(page, "industrial_monthly", gbk)
        page.get_by_text("次报送待审核：请填写审核说明").wait_for()
        main = page.locator('[data-testid="stMain"]')
        grid = main.locator('[data-testid="stDataFrame"]').first
        grid.wait_for()
        text = main.inner_text()
        for label in ("第 3 行 · 营收产值比异常（IM03）", "第 3 行 · 新进规（IM07）", f"{E2} · 缺报（IM06）"):
            assert label in text
        assert "苏州康瑞生物医药有限公司" in text and "上月（2025-06）已报送" in text
        screenshot(page, "intake-gbk-findings")
        [held] = store.held()
        assert store.submission(held["id"])["file"] == gbk.name

        # the 审核说明, one per finding, then submit: accepted
        page.get_by_role("textbox", name="第 3 行 · 营收产值比异常（IM03）", exact=True).fill(
            "企业当月集中确认收入，已核实"
        )
        page.get_by_role("textbox", name="第 3 行 · 新进规（IM07）", exact=True).fill("本月新纳入规上企业名录")
        page.get_by_role("textbox", name=f"{E2} · 缺报（IM06）", exact=True).fill("企业停产检修，下月恢复")
        page.get_by_role("button", name="提交审核说明").click()
        _idle(page)
        page.get_by_text(f"第 {held['id']} 次报送已入库。").wait_for()
        screenshot(page, "intake-explained")
        done = store.submission(held["id"])
        assert done["state"] == "accepted"
        assert {f["rule"]: f["explanation"] for f in done["findings"]}["IM06"] == "企业停产检修，下月恢复"

        # an XLSX with Chinese headers and typed cells: next month's prices, accepted without findings
        xlsx = base / "行业价格_2025年8月.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append([c.alias for c in TABLES_BY_NAME["industry_prices"].columns])
        for p in JULY_PRICES:
            ws.append([p["division"], "2025-08", float(p["ppi_yoy"]), float(p["va_rate"])])
        wb.save(xlsx)
        _upload(page, "industry_prices", xlsx)
        upload_tab = page.get_by_role("tabpanel", name="上传报送")  # the history tab shows the latest one too
        upload_tab.get_by_text("校验和审核均通过，已入库。").wait_for()
        screenshot(page, "intake-xlsx-accepted")
        latest = store.submissions(limit=1)[0]
        assert (latest["file"], latest["state"], latest["periods"], latest["by"]) == (
            xlsx.name,
            "accepted",
            ["2025-08"],
            "wangmin",
        )

        # an XLSX that breaks the contract: the problem named by row, column and value
        bad = base / "行业价格_错误.xlsx"
        ws.cell(row=3, column=4, value="二成五")
        wb.save(bad)
        _upload(page, "industry_prices", bad)
        upload_tab.get_by_text("文件未通过数据契约校验").wait_for()
        [problem] = store.submissions(limit=1)[0]["errors"]  # the table on screen (a canvas grid) shows these
        assert (problem["file"], problem["row"], problem["column"], problem["value"]) == (
            bad.name,
            3,
            "va_rate",
            "二成五",
        )
        screenshot(page, "intake-xlsx-rejected")

        # 报送情况 of July: every table, 缺报 and 新进规 by name
        page.get_by_role("tab", name="报送情况").click()
        board_tab = page.get_by_role("tabpanel", name="报送情况")
        board_tab.locator('[data-testid="stSelectbox"]').filter(has_text="报告期").click()
        page.get_by_role("option", name="2025年7月").click()
        _idle(page)
        page.get_by_text("缺报企业（1）").wait_for()
        board = main.inner_text()
        assert "新进规企业（1）" in board and "苏州智研科技有限公司" in board and "苏州康瑞生物医药有限公司" in board
        screenshot(page, "intake-board")


# The cells of a glide-data-grid as its accessible table holds them (the grid itself is a canvas).
GRID_ROWS_JS = """
(grid) => Array.from(grid.querySelectorAll('tbody tr[role="row"]'))
    .map(tr => Array.from(tr.querySelectorAll('td[role="gridcell"]')).map(td => td.textContent))
"""


def _error_rows(page) -> list[list[str]]:
    """The rows of the upload tab's first grid (the submission's validation problems), once drawn."""
    grid = page.get_by_role("tabpanel", name=re.compile("上传报送|Upload")).locator('[data-testid="stDataFrame"]').first
    grid.locator('td[role="gridcell"]').first.wait_for(state="attached")
    return grid.evaluate(GRID_ROWS_JS)


def test_rejected_file_is_explained_in_the_page_language(browser, console) -> None:
    """A clerk's bad file on the Chinese page: each problem in Chinese, naming the file, the spreadsheet row,
    the column by the Chinese header typed in the file and the value as typed; the EN switch gives today's English."""
    app, store, base = console
    rows = [dict(JULY[0], gross_output="15,100"), dict(JULY[1], profit="一千")]
    bad = write_rows(base / "规上工业月报_有误.csv", "industrial_monthly", rows, chinese_gbk=True)
    with browser_page(browser) as page:
        _sign_in(page, app.url)
        _upload(page, "industrial_monthly", bad)
        page.get_by_role("tabpanel", name="上传报送").get_by_text("文件未通过数据契约校验（2 处问题）").wait_for()
        assert _error_rows(page) == [
            [
                bad.name,
                "2",
                "工业总产值",
                "15,100",
                "应为以万元计的数字，如 1234.5（只写数字和小数点：不要千位分隔符、单位或文字）",
            ],
            [
                bad.name,
                "3",
                "利润总额",
                "一千",
                "应为以万元计的数字，如 1234.5（只写数字和小数点：不要千位分隔符、单位或文字）",
            ],
        ]
        screenshot(page, "intake-rejected-zh")

        page.locator('[data-testid="stSidebar"]').get_by_text("EN", exact=True).click()
        _idle(page)
        page.get_by_role("tabpanel", name="Upload").get_by_text("The file breaks the contract (2 problems)").wait_for()
        english = "must be a number in 万元, e.g. 1234.5 (digits and a decimal point only: no thousands separators, units or text)"
        assert _error_rows(page) == [
            [bad.name, "2", "gross_output", "15,100", english],
            [bad.name, "3", "profit", "一千", english],
        ]
        screenshot(page, "intake-rejected-en")
    [record] = store.submissions(limit=1)
    assert record["file"] == bad.name and record["state"] == "rejected"
