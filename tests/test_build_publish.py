"""Build and publish: a failed build at any step leaves the published file byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from dashboard_helpers import python_m

from warehouse import build as build_mod
from warehouse.build import BuildError, build
from warehouse.contract import HEADLINE_METRICS
from warehouse.ingest import IngestError


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_id(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select build_id from main.build_info").fetchall()[0][0]


@pytest.fixture
def published(tmp_path: Path, demo_db: Path) -> Path:
    """A copy of the published demo warehouse in a fresh folder."""
    db = tmp_path / "zone.duckdb"
    shutil.copy(demo_db, db)
    return db


def leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if ".build-" in p.name)


def test_failed_ingest_leaves_published_file_unchanged(tmp_path: Path, demo_raw: Path, published: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    lines = (raw / "industrial_monthly.csv").read_text(encoding="utf-8").splitlines()
    fields = lines[5].split(",")
    fields[2] = "-1"  # gross_output must be >= 0
    lines[5] = ",".join(fields)
    (raw / "industrial_monthly.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = sha256(published)

    with pytest.raises(IngestError) as exc:
        build(raw, published)

    assert any(
        p.file == "industrial_monthly.csv" and p.row == 6 and p.column == "gross_output" for p in exc.value.problems
    )
    assert sha256(published) == before
    assert leftovers(published) == []


def test_failed_dbt_step_leaves_published_file_unchanged(
    tmp_path: Path, demo_raw: Path, published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "dbt_project"
    shutil.copytree(build_mod.DBT_PROJECT, broken, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
    (broken / "models" / "marts" / "broken_on_purpose.sql").write_text("select * from a_table_that_does_not_exist\n")
    monkeypatch.setattr(build_mod, "DBT_PROJECT", broken)
    before = sha256(published)

    with pytest.raises(BuildError, match="dbt build failed"):
        build(demo_raw, published)

    assert sha256(published) == before
    assert leftovers(published) == []


def test_build_publishes_while_a_reader_holds_the_old_file(tmp_path: Path, demo_raw: Path, published: Path) -> None:
    old_id = build_id(published)
    reader = duckdb.connect(str(published), read_only=True)
    try:
        result = build(demo_raw, published)
        # the open reader still sees the complete old warehouse
        assert reader.execute("select build_id from main.build_info").fetchall()[0][0] == old_id
        assert reader.execute("select count(*) from main.headline_metrics").fetchall()[0][0] > 0
    finally:
        reader.close()
    assert result.build_id != old_id
    assert build_id(published) == result.build_id
    assert leftovers(published) == []


def test_headline_cli_prints_exactly_the_contract_metrics(demo_db: Path) -> None:
    proc = python_m("warehouse", "headline", "--db", str(demo_db), "--period", "2025-06")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert list(data) == list(HEADLINE_METRICS)
    assert data["gross_output_ytd"] > 13_000_000


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2031-01", "outside the data"),
        ("2019-12", "outside the data"),
        ("2025-13", "YYYY-MM"),
        ("June", "YYYY-MM"),
    ],
)
def test_headline_cli_rejects_periods_it_cannot_answer(demo_db: Path, period: str, message: str) -> None:
    proc = python_m("warehouse", "headline", "--db", str(demo_db), "--period", period)
    assert proc.returncode == 1
    assert message in proc.stderr
    assert proc.stdout == ""


def test_build_cli_reports_bad_input_and_exits_non_zero(tmp_path: Path, demo_raw: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    (raw / "service_matters.csv").unlink()
    db = tmp_path / "never.duckdb"
    proc = python_m("warehouse", "build", "--raw", str(raw), "--db", str(db))
    assert proc.returncode == 2
    assert "service_matters" in proc.stderr
    assert not db.exists()


def test_rollback_restores_the_previous_build(tmp_path: Path, demo_raw: Path) -> None:
    from warehouse.build import published_builds, read_build_id, rollback

    db = tmp_path / "zone.duckdb"
    first = build(demo_raw, db).build_id
    second = build(demo_raw, db).build_id
    assert published_builds(db) == [first, second]

    assert rollback(db) == first
    assert read_build_id(db) == first
    with pytest.raises(BuildError, match="no earlier build"):
        rollback(db)
