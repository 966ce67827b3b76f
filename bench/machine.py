"""The machine and the software versions a benchmark ran on, and how busy the machine was."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages."""
    return os.getloadavg()


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def wait_quiet(busy_below: float = 0.25, window: float = 0.5, needed: int = 2, timeout: float = 30.0) -> float:
    """Wait until the CPUs are less than `busy_below` busy for `needed` windows in a row (a
    browser closing 20 contexts keeps both cores busy for seconds); the seconds waited."""
    import time

    started = time.monotonic()
    quiet = 0
    while quiet < needed and time.monotonic() - started < timeout:
        b0, t0 = _cpu_ticks()
        time.sleep(window)
        b1, t1 = _cpu_ticks()
        quiet = quiet + 1 if (b1 - b0) < busy_below * max(1, t1 - t0) else 0
    return time.monotonic() - started


def load_text(load: tuple[float, float, float] | list[float]) -> str:
    """'2.07 / 5.08 / 4.71' (1 / 5 / 15 min)."""
    return " / ".join(f"{x:.2f}" for x in load)


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024**2
    return float("nan")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False)
        return out.stdout.strip() or out.stderr.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc})"


def machine_info() -> dict[str, str]:
    """Cores, RAM, CPU model, OS and the versions of everything measured."""
    return {
        "cores": str(os.cpu_count()),
        "ram": f"{_ram_gib():.1f} GiB",
        "cpu": _cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "duckdb": _version("duckdb"),
        "dbt-core": _version("dbt-core"),
        "dbt-duckdb": _version("dbt-duckdb"),
        "streamlit": _version("streamlit"),
        "playwright": _version("playwright"),
        "chromium": _chromium_version(),
    }
