"""Child process of the build benchmark: one `warehouse.build.build`, its result as JSON on stdout.

Run as a child so that its peak memory (and that of the dbt process it starts) is its own.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from warehouse.build import build


def main(raw: str, db: str) -> None:
    """Build `raw` into `db` and print the BuildResult's figures as one JSON line."""
    r = build(Path(raw), Path(db))
    print(
        json.dumps(
            {
                "seconds": r.seconds,
                "load_seconds": r.load_seconds,
                "dbt_seconds": r.dbt_seconds,
                "raw_rows": sum(r.row_counts.values()),
                "row_counts": r.row_counts,
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
