"""The read layer: one function per figure, with no Streamlit in it.

Each figure function takes a Reader (how to run SQL, and whether the reader sees
aggregates only) and returns a Result: the SQL it ran, the parameters bound to it and the
frame, with the leader's withheld cells already withheld (confidential.py, the one place
that does it). Pages (through dashboard/data.py, which adds Streamlit's caching and the
session's role), downloads, chart images, talking points and the deck all read here.

    from dashboard import queries
    with queries.open_reader("warehouse/zone.duckdb") as reader:
        queries.overview.headline(reader, "2025-06").row
"""

from dashboard.queries import alerts, confidential, growth, overview, projects, reference, services, talent, tiers
from dashboard.queries.reader import Reader, Result, connection_runner, open_reader

__all__ = [
    "Reader",
    "Result",
    "alerts",
    "confidential",
    "connection_runner",
    "growth",
    "open_reader",
    "overview",
    "projects",
    "reference",
    "services",
    "talent",
    "tiers",
]
