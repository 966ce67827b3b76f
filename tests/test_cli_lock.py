"""With the warehouse open read-write in another program, `sql`, `headline` and `export` say so in one line.

DuckDB lets readers share a file but not with a program that holds it read-write (a DuckDB CLI
started without -readonly, `duckdb.connect(path)` in a notebook). The commands used to die with
a raw IOException traceback; now they name the process holding the lock and what to do.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dashboard_helpers import python_m

HOLD = "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print('ready', flush=True); sys.stdin.read()"


@pytest.fixture
def held(small_db: Path) -> Iterator[subprocess.Popen]:
    """A child process holding small_db open read-write until the test ends."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD, str(small_db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as child:  # leaving closes its pipes (so it ends) and waits for it
        assert child.stdout.readline().strip() == "ready"
        yield child


@pytest.mark.parametrize(
    "command",
    [
        ["sql", "select 1 as one"],
        ["headline", "--period", "2025-06"],
        ["export", "--format", "parquet", "--out", "{tmp}/out"],
    ],
    ids=["sql", "headline", "export"],
)
def test_a_held_write_lock_gives_one_line_naming_the_holder(
    command: list[str], held: subprocess.Popen, small_db: Path, tmp_path: Path
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in command] + ["--db", str(small_db)]
    proc = python_m("warehouse", *args, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    message = lines[0]
    assert f"PID {held.pid}" in message and "duckdb.connect" in message  # who holds it: its pid and command line
    assert "open for writing" in message and "read-only" in message and "try again" in message  # what to do
    assert str(small_db) in message
    assert not (tmp_path / "out").exists()


def test_the_same_commands_run_once_the_lock_is_gone(held: subprocess.Popen, small_db: Path) -> None:
    held.stdin.close()
    held.wait(timeout=30)
    proc = python_m("warehouse", "sql", "select 1 as one", "--db", str(small_db), "--format", "csv", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.lstrip("\ufeff").splitlines() == ["one", "1"]
