"""Preview and publish (warehouse/publishing.py): real builds of the demo data into a copy of its warehouse.

What a publish would change is shown before it happens; a publish runs in a thread while the
published file keeps being read; one job at a time; a failed build names the failing dbt test
and leaves the published file byte-for-byte as it was; rollback brings the previous build back.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from auth_helpers import events
from raw_tables import VALID, ingest_problems, write_csv

from warehouse import build, publishing, readonly

BROKEN_TEST = "assert_no_enterprise_named_for_testing"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gross_output_ytd(db: Path, period: str) -> float:
    with readonly.opened(db) as con:
        return con.execute("select gross_output_ytd from headline_metrics where period = ?", [period]).fetchone()[0]


def latest_period(raw: Path) -> str:
    return max(line.split(",")[1] for line in (raw / "industrial_monthly.csv").read_text().splitlines()[1:])


def raise_output(raw: Path, by: float) -> str:
    """Raise one enterprise's gross output in the latest month by `by` 万元; returns that month."""
    path = raw / "industrial_monthly.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    period = latest_period(raw)
    i = next(i for i, line in enumerate(lines) if line.split(",")[1] == period)
    fields = lines[i].split(",")
    fields[2] = f"{float(fields[2]) + by:.2f}"
    lines[i] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return period


@pytest.fixture
def site(tmp_path: Path, demo_raw: Path, demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of the demo raw folder and of its published warehouse (kept in the history, as a build keeps it)."""
    raw, db = tmp_path / "raw", tmp_path / "wh" / "zone.duckdb"
    shutil.copytree(demo_raw, raw)
    db.parent.mkdir()
    shutil.copy(demo_db, db)
    build._remember(db, build.read_build_id(db))
    monkeypatch.setenv("ZONE_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    return raw, db


def leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if ".build-" in p.name or p.name.endswith(".staged"))


def test_preview_shows_the_changed_metric_then_publishes_that_build_and_rollback_restores(
    site: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, db = site
    original, before = sha256(db), build.read_build_id(db)
    period = raise_output(raw, 500_000)  # 50亿元 more in the latest month
    published_value = gross_output_ytd(db, period)

    status = publishing.start(db, raw, by="zhao", role="admin", publish=False).join()

    assert status["state"] == publishing.STAGED, status.get("message")
    assert sha256(db) == original, "a preview publishes nothing"
    preview = pd.DataFrame(status["preview"])
    row = preview[(preview.period == period) & (preview.metric == "gross_output_ytd")].iloc[0]
    assert row.changed and row.published == pytest.approx(published_value)
    assert row.new == pytest.approx(published_value + 500_000)
    assert row.change_text == "+50.0亿元" and row.published_text.endswith("亿元")
    untouched = preview[(preview.period == period) & (preview.metric == "projects_under_construction")].iloc[0]
    assert not untouched.changed and untouched.change_text == "—"
    # the same comparison straight from a staged file and the published one
    staged = publishing.staged_path(db)
    direct = publishing.preview(staged, db)
    assert direct[direct.changed].metric.tolist() == preview[preview.changed].metric.tolist()

    # the input changed after the preview: that preview is not published
    monthly = raw / "industrial_monthly.csv"
    previewed = monthly.read_bytes()
    raise_output(raw, 1)
    with pytest.raises(publishing.PublishRefused, match="input changed"):
        publishing.publish_staged(db, by="zhao", role="admin")
    monthly.write_bytes(previewed)

    done = publishing.publish_staged(db, by="zhao", role="admin")
    assert done["state"] == publishing.SUCCEEDED
    assert build.read_build_id(db) == status["build_id"] != before
    assert gross_output_ytd(db, period) == pytest.approx(published_value + 500_000)
    assert leftovers(db) == []

    assert publishing.rollback(db, by="zhao", role="admin") == before
    assert sha256(db) == original
    logged = events(tmp_path / "audit.jsonl")
    assert [(e["event"], e["what"]) for e in logged if e["event"] in ("publish", "rollback")] == [
        ("publish", status["build_id"]),
        ("rollback", before),
    ]


def test_background_publish_refuses_a_second_one_and_the_published_file_keeps_serving(
    site: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, db = site
    period = raise_output(raw, 200_000)
    old_value = gross_output_ytd(db, period)

    job = publishing.start(db, raw, by="zhao", role="admin")
    try:
        with pytest.raises(publishing.PublishBusy, match="already running"):
            publishing.start(db, raw, by="li", role="admin")
        with pytest.raises(publishing.PublishBusy):
            publishing.rollback(db, by="li", role="admin")
        # a reader of the published file is served the old build meanwhile
        assert publishing.read_status(db)["state"] == publishing.RUNNING
        assert gross_output_ytd(db, period) == pytest.approx(old_value)
    finally:
        status = job.join()

    assert status["state"] == publishing.SUCCEEDED, status.get("message")
    assert status["progress"]["total"] > 100 and status["progress"]["done"] == status["progress"]["total"]
    assert gross_output_ytd(db, period) == pytest.approx(old_value + 200_000)
    assert [e["state"] for e in events(tmp_path / "audit.jsonl", "publish")] == [publishing.SUCCEEDED]
    assert leftovers(db) == []


@pytest.fixture
def strict_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The dbt project with one more data test: no enterprise may be named 测试失败 (the contract allows it)."""
    project = tmp_path / "dbt_project"
    shutil.copytree(build.DBT_PROJECT, project, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
    (project / "tests" / f"{BROKEN_TEST}.sql").write_text(
        "select enterprise_id from {{ ref('stg_raw__enterprises') }} where enterprise_name like '%测试失败%'\n",
        encoding="utf-8",
    )
    (project / "tests" / "_strict.yml").write_text(
        f"version: 2\ndata_tests:\n  - name: {BROKEN_TEST}\n"
        "    description: 企业名称不得含“测试失败” / No enterprise is named 测试失败\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(build, "DBT_PROJECT", project)
    return project


def test_a_failing_dbt_test_is_named_in_plain_words_and_publishes_nothing(
    site: tuple[Path, Path], strict_project: Path, tmp_path: Path
) -> None:
    raw, db = site
    path = raw / "enterprises.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    fields = lines[1].split(",")
    fields[header.index("name")] = "测试失败科技有限公司"
    lines[1] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before, history = sha256(db), build.published_builds(db)

    status = publishing.start(db, raw, by="zhao", role="admin").join()

    assert status["state"] == publishing.FAILED
    failed = {f["name"]: f for f in status["failures"]}
    assert BROKEN_TEST in failed, status["message"]
    assert failed[BROKEN_TEST]["kind"] == "test"
    assert failed[BROKEN_TEST]["description"].startswith("企业名称不得含“测试失败”")
    assert sha256(db) == before and build.published_builds(db) == history
    assert leftovers(db) == []
    assert [e["state"] for e in events(tmp_path / "audit.jsonl", "publish")] == [publishing.FAILED]


def test_dbt_output_is_read_into_progress_and_failures() -> None:
    progress = publishing.Progress()
    lines = [
        "\x1b[0m13:11:42  1 of 3 START sql table model main.stg_raw__enterprises ............ [RUN]",
        "\x1b[0m13:11:42  1 of 3 OK created sql table model main.stg_raw__enterprises ....... [\x1b[32mOK\x1b[0m in 0.05s]",
        "\x1b[0m13:11:43  2 of 3 START test unique_stg_raw__enterprises_enterprise_id ...... [RUN]",
        "\x1b[0m13:11:43  2 of 3 FAIL 3 unique_stg_raw__enterprises_enterprise_id ........ [\x1b[31mFAIL 3\x1b[0m in 0.03s]",
        "Completed with 1 error",
    ]
    for line in lines[:3]:
        progress.feed(line)
    assert (progress.done, progress.total, progress.step) == (1, 3, "unique_stg_raw__enterprises_enterprise_id")
    progress.feed(lines[3])
    assert progress.failed == ["unique_stg_raw__enterprises_enterprise_id"]
    output = "\n".join(
        [*lines, "Failure in test unique_stg_raw__enterprises_enterprise_id (models/staging/raw/_raw__models.yml)"]
    )
    (found,) = publishing.failures(output)
    assert (found["kind"], found["name"]) == ("test", "unique_stg_raw__enterprises_enterprise_id")


def test_input_folder_is_the_raw_folder_without_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONE_RAW", str(tmp_path / "raw"))
    monkeypatch.setenv("ZONE_STORE", str(tmp_path / "no-store"))
    assert publishing.input_folder() == tmp_path / "raw"
    assert publishing.held() == []


def test_only_admins_and_publishers_may_publish() -> None:
    from dashboard.auth import User, can_publish

    assert can_publish(User("zhao", "admin", "password"))
    assert not can_publish(User("li", "analyst", "password"))
    assert not can_publish(User("wang", "leader", "password"))
    assert not can_publish(None)


def test_the_publish_page_draws_for_an_admin_and_refuses_an_analyst(
    signin_env: Path, demo_raw: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from auth_helpers import signed_in

    monkeypatch.setenv("ZONE_RAW", str(demo_raw))
    monkeypatch.setenv("ZONE_STORE", str(tmp_path / "no-store"))
    at = signed_in("zhao", "publish")
    assert not at.exception, [e.value for e in at.exception]
    assert at.button(key="publish_preview").label == "生成发布预览"
    assert not at.button(key="publish_preview").disabled
    assert any("待发布的数据" in h.proto.body for h in at.get("html"))
    for name in ("wang", "li"):
        other = signed_in(name)
        with pytest.raises(ValueError, match="navigation page"):
            other.switch_page("app_pages/publish.py")


def _page_after_failed_publish(status: dict, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The publish page, signed in as an admin, over a copy of the demo warehouse whose last publish failed so."""
    from auth_helpers import signed_in

    db = tmp_path / "zone.duckdb"
    shutil.copy(demo_db, db)
    monkeypatch.setenv("ZONE_DB", str(db))
    monkeypatch.setenv("ZONE_STORE", str(tmp_path / "no-store"))
    head = {"state": publishing.FAILED, "by": "zhao", "finished_at": "2025-07-03T09:15:00Z", "failures": []}
    publishing._write_status(db, head | status)
    at = signed_in("zhao", "publish")
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_says_in_words_which_test_failed(
    signin_env: Path, demo_db: Path, demo_raw: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZONE_RAW", str(demo_raw))
    failed = {"kind": "test", "name": BROKEN_TEST, "check": "singular", "model": None, "column": None}
    failed["description"] = "企业名称不得含“测试失败” / No enterprise is named 测试失败"
    status = {"kind": "dbt", "failures": [failed], "message": "dbt build failed (exit 1)"}
    at = _page_after_failed_publish(status, demo_db, tmp_path, monkeypatch)
    assert any("没有发布任何数据，已发布的数据保持不变" in e.value for e in at.error)
    words = [m.value for m in at.markdown]
    assert (
        f"- 数据检验“{BROKEN_TEST}”未通过（专项检验，检查 —）：企业名称不得含“测试失败” / No enterprise is named 测试失败"
        in words
    )


def test_the_page_says_the_contract_s_problems_in_the_page_language(
    signin_env: Path, demo_db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A publish the contract refused: its problems on the Chinese view in Chinese, the column by its Chinese header."""
    tables = copy.deepcopy(VALID)
    tables["industrial_monthly"][2]["period"] = "2025-13"
    refused = ingest_problems(write_csv(tmp_path / "raw", tables))
    problems = [dataclasses.asdict(p) for p in refused.problems]  # as publishing.publish records them
    status = {"kind": "ingest", "problems": problems, "message": str(refused)}
    at = _page_after_failed_publish(status, demo_db, tmp_path, monkeypatch)
    words = "\n".join(m.value for m in at.markdown)
    assert "文件 industrial_monthly.csv 第 4 行，列 报告期，值 “2025-13”：应为 YYYY-MM 格式的月份，如 2025-06" in words
