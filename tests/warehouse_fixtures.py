"""Session fixtures shared by tests that need the real demo warehouse (generated once per run)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo dataset at scale 1 in `<tmp>/raw`, with its published warehouse at `<tmp>/zone.duckdb`."""
    from warehouse.build import build
    from warehouse.demo import write_demo

    base = tmp_path_factory.mktemp("demo")
    raw = base / "raw"
    write_demo(raw)
    build(raw, base / "zone.duckdb")
    return raw


@pytest.fixture(scope="session")
def demo_db(demo_raw: Path) -> Path:
    """The published demo warehouse (read it; copy it before changing anything)."""
    return demo_raw.parent / "zone.duckdb"
