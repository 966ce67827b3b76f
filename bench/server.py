"""The dashboard served on a free loopback port, started as `make run` starts it and stopped by its pid."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.build_time import MeasureError
from bench.procs import tree_cpu_seconds, tree_rss_bytes

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "streamlit_app.py"  # the router script (AppTest runs it in-process)
ENTRY = ROOT / "dashboard" / "server.py"  # what is served: the router inside its ASGI app (dashboard/server.py)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """The running dashboard."""

    url: str
    db: Path
    process: subprocess.Popen
    log: Path
    warmup_s: float | None = None  # seconds from healthy to the end of the start-up warm-up (dashboard/warmup.py)

    def rss(self) -> int:
        """Resident memory of the server and its children, bytes."""
        return tree_rss_bytes(self.process.pid)

    def cpu(self) -> float:
        """CPU seconds the server and its children have used so far."""
        return tree_cpu_seconds(self.process.pid)

    def stop(self) -> None:
        """Terminate the server we started (by its pid only)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_server(
    db: Path,
    log: Path,
    query_log: Path | None = None,
    timeout: float = 90,
    env: dict[str, str] | None = None,
    app: Path = ENTRY,
) -> Server:
    """Serve the dashboard over `db` (ZONE_DEMO=1: demo mode signs in by itself); wait until healthy.

    `env` overrides the server's environment (the tests' sign-in server: ZONE_DEMO=0, a users file);
    `app` is the script served, the same way (the benchmark's floor app, bench/floor_app/).
    """
    port = free_port()
    child_env = {
        **os.environ,
        "ZONE_DB": str(db),
        "ZONE_DEMO": "1",
        "PYTHONUNBUFFERED": "1",
        # the benchmark's page views go to its own audit log, not the real one; no local users
        "ZONE_AUDIT_LOG": str(log.with_name("audit.jsonl")),
        "ZONE_USERS": str(log.with_name("users.toml")),
    }
    child_env.pop("ZONE_QUERY_LOG", None)
    if query_log is not None:
        child_env["ZONE_QUERY_LOG"] = str(query_log)
    child_env.update(env or {})
    cmd = [
        str(Path(sys.executable).with_name("streamlit")),
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=child_env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", db, proc, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise MeasureError(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    if app == ENTRY and child_env.get("ZONE_WARMUP", "1") != "0":
                        server.warmup_s = _wait_warmed(server, timeout=WARMUP_TIMEOUT)
                    return server
        except OSError:
            time.sleep(0.2)  # the port is not up yet
    server.stop()
    raise MeasureError(f"streamlit did not become healthy in {timeout} s:\n{log.read_text()[-4000:]}")


WARMUP_TIMEOUT = 900.0  # seconds; one round is about 10 s at 1x on a quiet machine


def _wait_warmed(server: Server, timeout: float) -> float:
    """Wait for the server's first warm-up round (its `warm-up round 1:` log line); the seconds it took.

    The dashboard serves while it warms (dashboard/server.py starts the warm-up in the background);
    the benchmark measures a started server as a leader meets it in the morning: warmed.
    """
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.process.poll() is not None:
            raise MeasureError(f"streamlit exited with {server.process.returncode}:\n{server.log.read_text()[-4000:]}")
        if "warm-up round 1:" in server.log.read_text(errors="replace"):
            return time.monotonic() - started
        time.sleep(0.2)
    server.stop()
    raise MeasureError(f"the server did not finish its warm-up in {timeout} s:\n{server.log.read_text()[-4000:]}")
