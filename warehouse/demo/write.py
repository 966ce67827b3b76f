"""The driver: build each subject in dependency order and write its tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from warehouse.contract import TABLES, load_divisions
from warehouse.demo.benchmarks import region_benchmarks_table
from warehouse.demo.csv_files import write_csv
from warehouse.demo.enterprises import build_enterprises, enterprises_table
from warehouse.demo.industrial import build_industrial_panel, generic_pool_size, industrial_monthly_table
from warehouse.demo.prices import build_division_prices, industry_prices_table
from warehouse.demo.projects import build_project_tables
from warehouse.demo.run import DemoRun
from warehouse.demo.services import service_cases_table, service_matters_table
from warehouse.demo.talent import build_talent_tables
from warehouse.demo.targets import targets_table
from warehouse.demo.tiers import build_tiers_table


def write_demo(out_dir: Path, seed: int = 20250630, scale: float = 1.0) -> dict[str, int]:
    """Write the demo data set (one UTF-8 CSV per contract table) and return row counts."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    run = DemoRun(seed, scale)
    divisions = load_divisions()
    manufacturing_divisions = {d for d, r in divisions.items() if r["is_manufacturing"] == "true"}
    industry_divisions = sorted(d for d, r in divisions.items() if r["is_industry"] == "true")
    counts: dict[str, int] = {}

    def write(table: str, columns: dict[str, np.ndarray]) -> None:
        counts[table] = write_csv(out_dir / f"{table}.csv", table, columns)

    ent = build_enterprises(run, generic_pool_size(run))
    prices = build_division_prices(run, industry_divisions)
    write("industry_prices", industry_prices_table(prices))
    panel = build_industrial_panel(run, ent, prices, manufacturing_divisions)
    write("industrial_monthly", industrial_monthly_table(ent, panel))
    write("enterprises", enterprises_table(run, ent, panel.size_at_entry))
    write("region_benchmarks", region_benchmarks_table(run, panel))
    for table, columns in build_project_tables(run, ent).items():
        write(table, columns)
    write("enterprise_tiers", build_tiers_table(run, ent, panel.size_at_entry, manufacturing_divisions))
    for table, columns in build_talent_tables(run, ent).items():
        write(table, columns)
    write("service_matters", service_matters_table())
    write("service_cases", service_cases_table(run, ent))
    write("targets", targets_table(run))
    return {t.name: counts[t.name] for t in TABLES}
