"""Deterministic demo data that tells the seed article's story, one CSV per contract table.

`write_demo(out_dir, seed, scale)` writes `<table>.csv` for every table of
`warehouse.contract.TABLES`. The data are synthetic but shaped like the zone's statistics:
about 430 above-scale industrial enterprises (times `scale`) that enter and leave the list,
division price indices and value-added rates, national / provincial / city benchmarks,
about 800 projects with Gantt milestones and monthly investment, tier recognitions renewed
on their cycles, talent, 48 service matters and tens of thousands of cases.

Read at P = 2025-06 with the contract's headline definitions, the data give what the seed
article publishes (story.py). Growth rates, the output level, the investment total and the
city shares are calibrated exactly after the random draws; counts are built to the
article's numbers. `scale` multiplies volumes and keeps every ratio.

Modules, in the order the driver (write.py) builds them: timeline (calendar), story (the
article's figures), run (seed, scale, random streams), draws (sampling helpers),
enterprises, prices, industrial, benchmarks, projects, tiers, talent, services, targets,
csv_files. Everything is vectorised numpy, so `scale=100` runs in minutes. Each section
draws from its own stream `default_rng([seed, section])`, so the output is a pure function
of (seed, scale).
"""

from warehouse.demo.write import write_demo

__all__ = ["write_demo"]
