"""The landing store on the command line (issue 12): `python -m warehouse submit | status | publish`,
their exit codes and JSON shapes, --explain, by-period replacement, a rejected file changing nothing,
and two stewards submitting while a publish runs. Real processes, a real DuckDB build (dbt)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from auth_helpers import events
from dashboard_helpers import python_m
from intake_helpers import JULY, JULY_FINDINGS, JULY_PRICES, filled_store, folder_bytes, write_rows
from raw_tables import E1, E2, E3

from warehouse.contract import TABLES_BY_NAME
from warehouse.intake import Store

ROOT = Path(__file__).resolve().parent.parent


def submit(store: Path, table: str, file: Path, by: str, *explain: str) -> tuple[int, dict]:
    args = ["submit", "--store", str(store), "--table", table, "--file", str(file), "--by", by, "--json"]
    for e in explain:
        args += ["--explain", e]
    proc = python_m("warehouse", *args)
    assert proc.stdout.strip(), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    filled_store(tmp_path / "landing", tmp_path / "files")
    return tmp_path / "landing"


def test_submit_exit_codes_json_shape_and_explain(store_dir: Path, tmp_path: Path) -> None:
    code, out = submit(
        store_dir, "industry_prices", write_rows(tmp_path / "p.csv", "industry_prices", JULY_PRICES), "统计"
    )
    assert (code, out["state"], out["errors"], out["findings"]) == (0, "accepted", [], [])

    july = write_rows(tmp_path / "规上工业月报_2025年7月.csv", "industrial_monthly", JULY, chinese_gbk=True)
    code, out = submit(store_dir, "industrial_monthly", july, "统计")
    assert code == 3 and out["state"] == "held" and out["errors"] == []
    assert {(f["rule"], f["key"]) for f in out["findings"]} == JULY_FINDINGS
    for f in out["findings"]:
        assert {"rule", "level", "row", "enterprise_id", "period", "message"} <= f.keys()
        assert f["level"] == "疑问" and f["period"] == "2025-07"
    missing = next(f for f in out["findings"] if f["rule"] == "IM06")
    assert (missing["row"], missing["enterprise_id"]) == (None, E2)  # a row that is not in the file
    new = next(f for f in out["findings"] if f["rule"] == "IM07")
    assert (new["row"], new["enterprise_id"]) == (3, E3)
    assert "苏州智研科技有限公司" in new["message"]

    # explaining two of the three is not enough; all three accepts it and retires the held one
    code, out = submit(store_dir, "industrial_monthly", july, "统计", "IM03:3=集中开票", f"IM06:{E2}=停产检修")
    assert (code, out["state"]) == (3, "held")
    code, out = submit(
        store_dir, "industrial_monthly", july, "统计", "IM03:3=集中开票", f"IM06:{E2}=停产检修", "IM07:3=本月新进规"
    )
    assert (code, out["state"]) == (0, "accepted")
    assert {f["explanation"] for f in out["findings"]} == {"集中开票", "停产检修", "本月新进规"}
    assert Store(store_dir).held() == []

    proc = python_m("warehouse", "status", "--store", str(store_dir), "--period", "2025-07", "--json")
    assert proc.returncode == 0, proc.stderr
    status = json.loads(proc.stdout)
    assert set(status) >= {"period", "tables", "missing_reporters", "new_reporters", "held"}
    assert status["period"] == "2025-07" and status["held"] == []
    assert set(status["tables"]) == set(TABLES_BY_NAME)
    for entry in status["tables"].values():
        assert {"state", "by", "at", "rows"} <= entry.keys()
    im = status["tables"]["industrial_monthly"]
    assert (im["state"], im["by"], im["rows"]) == ("accepted", "统计", 2) and im["at"]
    assert status["tables"]["talent_demand"]["state"] == "missing"  # nobody handed in July's
    assert status["tables"]["enterprises"]["state"] == "accepted"  # a whole table counts for every month
    assert (status["missing_reporters"], status["new_reporters"]) == ([E2], [E3])

    # a value the contract refuses: exit 1, the error names file, row, column and value
    bad = [dict(JULY[0], gross_output="15,100")]
    code, out = submit(
        store_dir, "industrial_monthly", write_rows(tmp_path / "bad.csv", "industrial_monthly", bad), "统计"
    )
    assert (code, out["state"], out["findings"]) == (1, "rejected", [])
    [error] = out["errors"]
    assert (error["file"], error["row"], error["column"], error["value"]) == ("bad.csv", 2, "gross_output", "15,100")
    assert out["periods"] == ["2025-07"]  # read from the rejected file's cells, for the board
    status = json.loads(
        python_m("warehouse", "status", "--store", str(store_dir), "--period", "2025-07", "--json").stdout
    )
    assert status["tables"]["industrial_monthly"]["state"] == "accepted"  # the accepted file still stands

    proc = python_m("warehouse", "submit", "--store", str(store_dir), "--table", "industrial_monthly", "--file",
                    str(july), "--by", "x", "--explain", "IM03 no colon")  # fmt: skip
    assert proc.returncode == 2 and "RULE:KEY=TEXT" in proc.stderr

    log = Path(os.environ["ZONE_AUDIT_LOG"])
    submitted = [e for e in events(log, "submit") if str(store_dir) in json.dumps(e) or e["user"] == "统计"]
    assert {e["state"] for e in submitted} >= {"accepted", "held", "rejected"}
    assert any(e["what"].endswith("IM07:3") for e in events(log, "explain"))


def test_a_by_period_submission_replaces_exactly_its_periods(store_dir: Path, tmp_path: Path) -> None:
    store = Store(store_dir)
    before = (store.materialize(tmp_path / "before") / "industrial_monthly.csv").read_text(encoding="utf-8")
    assert "2024-06" in before and "2025-06" in before
    june = [
        {"enterprise_id": E1, "period": "2025-06", "gross_output": "15500", "revenue": "14500", "profit": "1000"},
        {"enterprise_id": E2, "period": "2025-06", "gross_output": "6000", "revenue": "5800", "profit": "70"},
    ]
    result = store.submit("industrial_monthly", write_rows(tmp_path / "june.csv", "industrial_monthly", june), "统计")
    assert (result.state, result.periods) == ("accepted", ["2025-06"])
    after = (store.materialize(tmp_path / "after") / "industrial_monthly.csv").read_text(encoding="utf-8")
    old_2024 = [line for line in before.splitlines() if ",2024-06," in line]
    assert old_2024 == [line for line in after.splitlines() if ",2024-06," in line]  # untouched
    assert {line.split(",")[2] for line in after.splitlines() if ",2025-06," in line} == {"15500.0", "6000.0"}
    # a whole-table submission replaces the table
    one = [{"matter_code": "M001", "name": "企业开办", "lifecycle_stage": "establish"},
           {"matter_code": "M002", "name": "个转企", "lifecycle_stage": "change"},
           {"matter_code": "M003", "name": "工程建设许可", "lifecycle_stage": "investment"}]  # fmt: skip
    assert store.submit("service_matters", write_rows(tmp_path / "m.csv", "service_matters", one), "政务").state == (
        "accepted"
    )
    matters = (store.materialize(tmp_path / "after2") / "service_matters.csv").read_text(encoding="utf-8")
    assert matters.count("\n") == 4 and "M003" in matters


def test_publish_refuses_while_held_then_builds_while_two_stewards_submit(store_dir: Path, tmp_path: Path) -> None:
    store = Store(store_dir)
    assert store.submit(
        "industry_prices", write_rows(tmp_path / "p.csv", "industry_prices", JULY_PRICES), "统计"
    ).state == ("accepted")
    july = store.submit("industrial_monthly", write_rows(tmp_path / "jul.csv", "industrial_monthly", JULY), "统计")
    assert july.state == "held"
    db = tmp_path / "zone.duckdb"

    refused = python_m("warehouse", "publish", "--store", str(store_dir), "--db", str(db), "--quiet")
    assert refused.returncode == 1 and "held for review" in refused.stderr
    assert not db.exists()

    # the steward explains two findings, a reviewer clears the third: accepted
    assert store.explain(july.id, "IM03", "3", "企业集中开票", "统计") == "held"
    assert store.explain(july.id, "IM06", E2, "停产检修", "统计") == "held"
    assert store.clear(july.id, "IM07", "3", "审核人") == "accepted"
    assert store.held() == []

    # a publish runs; meanwhile the project office and the talent office hand in July's files
    investment = write_rows(
        tmp_path / "inv.csv", "project_investment", [{"project_id": "P001", "period": "2025-07", "invested": "900"}]
    )
    demand = write_rows(tmp_path / "demand.csv", "talent_demand",
                        [{"chain": "电子信息", "category": "leading", "period": "2025-07", "openings": "15"}])  # fmt: skip
    cmd = [sys.executable, "-m", "warehouse"]
    publish = subprocess.Popen(
        [*cmd, "publish", "--store", str(store_dir), "--db", str(db), "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    stewards = [
        subprocess.Popen(
            [*cmd, "submit", "--store", str(store_dir), "--table", table, "--file", str(f), "--by", by, "--json"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for table, f, by in (("project_investment", investment, "项目"), ("talent_demand", demand, "科技人才"))
    ]
    results = [(*p.communicate(timeout=600), p.returncode) for p in stewards]
    still_publishing = publish.poll() is None
    out, err = publish.communicate(timeout=900)
    assert publish.returncode == 0, out + err
    assert "published" in out
    for stdout, stderr, code in results:
        assert code == 0, stderr
        assert json.loads(stdout)["state"] == "accepted"
    assert still_publishing, "the stewards' submissions were meant to overlap the publish"
    raw = store.materialize(tmp_path / "now")
    assert "2025-07,900" in (raw / "project_investment.csv").read_text(encoding="utf-8")
    assert "2025-07,15" in (raw / "talent_demand.csv").read_text(encoding="utf-8")
    assert events(Path(os.environ["ZONE_AUDIT_LOG"]), "publish")[-1]["state"] == "succeeded"
    assert {e["what"].split()[-1] for e in events(Path(os.environ["ZONE_AUDIT_LOG"]), "clear")} >= {"IM07:3"}

    # a rejected file: the store's accepted state and the published warehouse stay byte-for-byte
    accepted = folder_bytes(store.materialize(tmp_path / "a1"))
    published = db.read_bytes()
    held = store.held()
    profit = [dict(JULY[0], period="2025-08", profit="99999")]  # profit above revenue: 错误
    prices = write_rows(tmp_path / "p8.csv", "industry_prices", [dict(p, period="2025-08") for p in JULY_PRICES])
    assert store.submit("industry_prices", prices, "统计").state == "accepted"
    accepted = folder_bytes(store.materialize(tmp_path / "a2"))
    outs = []
    for rows, name in ((profit, "profit.csv"), ([dict(JULY[0], revenue="abc")], "abc.csv")):
        file = write_rows(tmp_path / name, "industrial_monthly", rows)
        code, out = submit(store_dir, "industrial_monthly", file, "统计")
        assert (code, out["state"]) == (1, "rejected")
        outs.append(out)
    assert ("IM04", "错误", 2) in [(f["rule"], f["level"], f["row"]) for f in outs[0]["findings"]]
    assert outs[1]["errors"][0]["column"] == "revenue"
    assert folder_bytes(store.materialize(tmp_path / "a3")) == accepted
    assert db.read_bytes() == published
    assert store.held() == held
