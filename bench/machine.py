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
