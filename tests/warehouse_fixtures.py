"""Session fixtures shared by tests that need the real demo warehouse (generated once per run).

Test modules import these fixtures by name, and pytest then makes one session-scoped
instance per importing module; so the build itself lands in one fixed folder of the
session's temp dir, and every later instance finds it there and reuses it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "warehouse", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, f"python -m warehouse {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"


def ensure_demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The scale-1 demo data and its published warehouse, built through the CLI once per session."""
    base = tmp_path_factory.getbasetemp() / "demo-warehouse"
    raw, db, done = base / "raw", base / "zone.duckdb", base / "built"
    if not done.exists():
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        _cli("demo-data", "--out", str(raw))
        _cli("build", "--raw", str(raw), "--db", str(db), "--quiet")
        done.touch()
    return raw, db


@pytest.fixture(scope="session")
def demo_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo dataset at scale 1 (`<tmp>/raw`); its warehouse is `<tmp>/zone.duckdb`. Read only."""
    return ensure_demo_warehouse(tmp_path_factory)[0]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published demo warehouse (read it; copy it before changing anything)."""
    return ensure_demo_warehouse(tmp_path_factory)[1]
