"""Validation messages in Chinese and English from one table (dashboard/i18n.py LABELS "ingest.*", "intake.*").

Every message the ingest (warehouse/ingest.py) and the landing store (warehouse/intake/) can say has a
code; the table holds both texts of each code with the same fields. A clerk's file rejected in Chinese
names the file, the spreadsheet row, the column by its Chinese header and the value as typed; English
stays as it was; the command line says it in Chinese with --lang zh.
"""

from __future__ import annotations

import ast
import copy
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from intake_helpers import JULY, filled_store, write_rows
from raw_tables import VALID, ingest_problems, make_uscc, write_csv

from dashboard.i18n import LABELS, tr
from warehouse.contract import TABLES
from warehouse.ingest import _REF_TABLES, IngestError, Problem, column_label
from warehouse.intake.store import IntakeError, Store

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
CJK = re.compile(r"[\u4e00-\u9fff]")
# how a problem's place and the error's head line are written: keys of their own, not message codes
FRAME_KEYS = {"at.row", "at.column", "at.value", "at.sep", "at.and", "at.line"}
FRAME_KEYS |= {"rejected_one", "rejected_many", "rejected_first"}


def _message_keys(prefix: str) -> dict[str, tuple[str, str]]:
    return {k[len(prefix) :]: v for k, v in LABELS.items() if k.startswith(prefix)}


def _fields(text: str) -> dict[str, str]:
    """Field name -> format spec of every {placeholder} in a text."""
    return {name: spec or "" for _, name, spec, _ in string.Formatter().parse(text) if name is not None}


def _constants(path: Path) -> set[str]:
    """The message codes a module names: string constants shaped like a code, less SQL names (_Expr), keys, files."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    sql = {
        a.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "_Expr"
        for a in n.args
        if isinstance(a, ast.Constant)
    }
    found = {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and CODE.match(n.value)
    }
    return {c for c in found - sql if not c.startswith(("ingest.", "intake.")) and not c.endswith(".sqlite")}


def _intake_codes(path: Path) -> set[str]:
    """The codes of every IntakeError(code=...) a module raises."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        k.value.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "IntakeError"
        for k in n.keywords
        if k.arg == "code" and isinstance(k.value, ast.Constant)
    }


def test_every_message_has_both_texts_with_the_same_fields() -> None:
    """The walk over the table: Chinese and English, each filled with sample fields, naming the same things."""
    table = _message_keys("ingest.") | {f"intake:{k}": v for k, v in _message_keys("intake.").items()}
    assert len(table) > 60
    for key, (zh, en) in table.items():
        assert zh.strip() and en.strip(), key
        assert zh != en, f"{key}: the Chinese text is the English one"
        assert re.search(r"[^\x00-\x7f]", zh), f"{key}: no Chinese in {zh!r}"
        assert set(_fields(zh)) == set(_fields(en)), key
        sample = {n: 12345 if spec == "," else "x" for n, spec in (_fields(zh) | _fields(en)).items()}
        for language in ("zh", "en"):
            name = f"ingest.{key}" if not key.startswith("intake:") else f"intake.{key[7:]}"
            assert tr(language, name, **sample)


def test_every_code_the_code_says_is_in_the_table_and_every_text_is_used() -> None:
    codes = _constants(ROOT / "warehouse" / "ingest.py") | _constants(ROOT / "warehouse" / "intake" / "store.py")
    # codes built from the contract: the number kinds' formats, the references' tables
    kinds = {c.kind for t in TABLES for c in t.columns if c.kind in ("int", "number", "money")}
    codes |= {f"{k}.format" for k in kinds} | {f"{k}.format_or_enum" for k in ("int", "number", "money")}
    codes |= {f"ref.{t}" for t in _REF_TABLES}
    assert {c.ref[0] for t in TABLES for c in t.columns if c.ref} <= set(_REF_TABLES)  # each has its own noun
    messages = set(_message_keys("ingest.")) - FRAME_KEYS
    assert codes - messages == set(), "codes without texts"
    assert messages - codes == set(), "texts no code says"
    intake = _intake_codes(ROOT / "warehouse" / "intake" / "store.py")
    assert intake == set(_message_keys("intake.")), "IntakeError codes and their texts"


@pytest.fixture
def broken(tmp_path: Path) -> IngestError:
    """The small valid dataset with a bad value of every kind the SQL checks find."""
    tables = copy.deepcopy(VALID)
    im = tables["industrial_monthly"]
    im[0]["gross_output"] = "15,100"
    im[1]["enterprise_id"] = make_uscc(77)  # well formed, no such enterprise
    im[2]["period"] = "2025-13"
    im.append(dict(im[-1]))  # the same enterprise and period twice
    ent = tables["enterprises"]
    ent[0]["industry_code"] = "9999"
    ent[1]["enterprise_id"] = ent[1]["enterprise_id"][:-1] + ("0" if ent[1]["enterprise_id"][-1] != "0" else "1")
    write_csv(tmp_path, tables)
    return ingest_problems(tmp_path)


def test_sql_problems_in_chinese_name_file_row_column_and_value(broken: IngestError) -> None:
    zh = broken.text("zh").splitlines()
    en = str(broken).splitlines()
    assert zh[0].startswith("原始数据有误，未加载任何数据：") and en[0].startswith("Raw data rejected, nothing loaded:")
    # today's English, word for word
    assert (
        "industrial_monthly.csv, row 2, column gross_output (工业总产值), value '15,100': must be a number in 万元, "
        "e.g. 1234.5 (digits and a decimal point only: no thousands separators, units or text)"
    ) in en
    assert (
        "industrial_monthly.csv, row 4, column period (报告期), value '2025-13': must be a month written YYYY-MM, "
        "e.g. 2025-06"
    ) in en
    assert (
        "enterprises.csv, row 2, column industry_code (行业代码), value '9999': its first two digits, 99, "
        "are not a GB/T 4754-2017 division"
    ) in en
    # the same in Chinese: the column by the header a clerk types, the value exactly as typed
    assert (
        "industrial_monthly.csv，第 2 行，工业总产值 列，值“15,100”：应为以万元计的数字，如 1234.5"
        "（只写数字和小数点：不要千位分隔符、单位或文字）"
    ) in zh
    assert "industrial_monthly.csv，第 4 行，报告期 列，值“2025-13”：应为 YYYY-MM 格式的月份，如 2025-06" in zh
    assert "enterprises.csv，第 2 行，行业代码 列，值“9999”：前两位 99 不是 GB/T 4754-2017 的行业大类" in zh
    check = next(p for p in broken.problems if p.code == "uscc.check_digit")
    assert check.message_in("zh").startswith("校验码错误：按 GB 32100-2015，第 18 位应为“")
    assert "should be '" in check.message and check.fields["digit"] in check.message_in("zh")
    twice = next(p for p in broken.problems if p.code == "key.duplicate")
    assert twice.message == f"same (enterprise_id, period) as row {twice.row - 1}; each must appear only once"
    assert twice.message_in("zh") == f"与第 {twice.row - 1} 行重复（统一社会信用代码、报告期相同）；每条只能出现一次"
    assert twice.text("zh").startswith(f"industrial_monthly.csv，第 {twice.row} 行，统一社会信用代码、报告期 列，值“")
    unknown = next(p for p in broken.problems if p.code == "ref.enterprises")
    assert unknown.message_in("zh") == "未知企业：enterprises.csv 中没有这个统一社会信用代码"
    for p in broken.problems:  # every one said in Chinese, none left in English
        assert p.code is not None and CJK.search(p.message_in("zh")) and p.message_in("zh") != p.message, p


def test_file_and_header_problems_in_chinese(tmp_path: Path) -> None:
    tables = copy.deepcopy(VALID)
    del tables["talent"]
    write_csv(tmp_path, tables)
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "projects.csv").write_text("project_id,name\nP1,x\n", encoding="utf-8")
    err = ingest_problems(tmp_path)
    [missing] = [p for p in err.problems if p.file == "talent.csv"]
    assert missing.message_in("zh").startswith("缺少文件：文件夹中需要 talent.csv 或 talent.xlsx（")
    assert "（不对应任何数据表的文件：notes.txt）" in missing.message_in("zh")
    assert missing.message.endswith("(files not matching any table: notes.txt)")
    header = next(p for p in err.problems if p.file == "projects.csv" and p.code == "header.missing")
    assert header.text("zh").startswith(
        f"projects.csv，{column_label('projects', header.column, 'zh')} 列：缺少必填的列"
    )


def test_a_problem_without_a_code_says_its_message_in_every_language() -> None:
    p = Problem("projects.csv", None, "name", None, "required column is missing")
    assert p.message_in("zh") == "required column is missing"
    assert p.text("zh") == "projects.csv，项目名称 列：required column is missing"
    kept = Problem.from_json({"file": "a.csv", "row": 2, "column": None, "value": None, "message": "old words"})
    assert (kept.code, kept.message_in("zh")) == (None, "old words")


def test_store_refusals_in_both_languages(tmp_path: Path) -> None:
    store = Store(tmp_path / "landing")
    with pytest.raises(IntakeError) as info:
        store.submit("nope", tmp_path / "x.csv", "统计")
    assert str(info.value).startswith("unknown table 'nope'; one of: enterprises")
    assert info.value.text("zh").startswith("未知的数据表“nope”；应为以下之一：enterprises")
    with pytest.raises(IntakeError) as info:
        store.explain(99, "IM01", "3", "说明", "统计")
    assert (str(info.value), info.value.text("zh")) == ("no submission 99", "没有第 99 次报送")
    bad = tmp_path / "月报.txt"
    bad.write_text("x", encoding="utf-8")
    result = store.submit("industrial_monthly", bad, "统计")
    [error] = result.errors
    assert error["message"] == "must be a CSV or XLSX file (this one is .txt)"
    assert Problem.from_json(error).message_in("zh") == "应为 CSV 或 XLSX 文件（此文件为 .txt）"
    with pytest.raises(IntakeError) as info:
        store.clear(result.id, "IM01", "3", "统计")
    assert str(info.value) == f"submission {result.id} is rejected, not held for review"
    assert info.value.text("zh") == f"第 {result.id} 次报送的状态是“已退回”，不在待审核中"


def _python_m(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "warehouse", *args], check=False, cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_command_line_says_it_in_english_unless_told_zh(tmp_path: Path) -> None:
    store_dir = tmp_path / "landing"
    filled_store(store_dir, tmp_path / "files")
    bad = write_rows(tmp_path / "bad.csv", "industrial_monthly", [dict(JULY[0], gross_output="15,100")])
    submit = ("submit", "--store", str(store_dir), "--table", "industrial_monthly", "--file", str(bad), "--by", "统计")
    english, chinese = _python_m(*submit), _python_m(*submit, "--lang", "zh")
    assert (english.returncode, chinese.returncode) == (1, 1)
    assert (
        "  错误 bad.csv, row 2, column gross_output (工业总产值), value '15,100': must be a number in 万元"
        in english.stdout
    )
    assert "  错误 bad.csv，第 2 行，工业总产值 列，值“15,100”：应为以万元计的数字" in chinese.stdout

    raw = tmp_path / "raw"
    tables = copy.deepcopy(VALID)
    tables["industrial_monthly"][0]["gross_output"] = "15,100"
    write_csv(raw, tables)
    build = ("build", "--raw", str(raw), "--db", str(tmp_path / "zone.duckdb"), "--quiet")
    english, chinese = _python_m(*build), _python_m(*build, "--lang", "zh")
    assert (english.returncode, chinese.returncode) == (2, 2)
    assert "Raw data rejected, nothing loaded: 1 problem in industrial_monthly.csv" in english.stderr
    assert "原始数据有误，未加载任何数据：industrial_monthly.csv 中有 1 个问题" in chinese.stderr
    assert "industrial_monthly.csv，第 2 行，工业总产值 列，值“15,100”：应为以万元计的数字" in chinese.stderr
