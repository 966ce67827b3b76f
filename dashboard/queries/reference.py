"""What the filters and footers list: periods, parks, chains, the build, the service catalogue."""

from __future__ import annotations

from dashboard.queries.reader import Reader, Result


def periods(reader: Reader) -> Result:
    """Every period the warehouse covers, newest first."""
    return reader.result("select period from headline_metrics order by period desc")


def parks(reader: Reader) -> Result:
    """The zone's parks, in name order."""
    return reader.result("select distinct park from enterprise_directory where park is not null order by park")


def chains(reader: Reader) -> Result:
    """The industry chains, in name order, 其他 last."""
    return reader.result(
        "select distinct chain from enterprise_directory where chain is not null order by chain = '其他', chain"
    )


def build_info(reader: Reader) -> Result:
    """When and as what build the published warehouse was made."""
    return reader.result("select build_id, built_at from build_info limit 1", one_row=True)


def warehouse_info(reader: Reader) -> Result:
    """Build id, build time and (if the warehouse records one) the zone's name."""
    columns = reader.run(
        "select column_name from information_schema.columns where table_schema = 'main' and table_name = 'build_info'",
        (),
    )["column_name"].tolist()
    wanted = [c for c in ("build_id", "built_at", "zone_name") if c in columns]
    if not wanted:
        return reader.result("select 1 where false", one_row=True)
    return reader.result(f"select {', '.join(wanted)} from build_info limit 1", one_row=True)


def matter_count(reader: Reader) -> Result:
    """How many high-frequency service matters the catalogue lists."""
    return reader.result("select count(*) as n from service_matter_catalog", one_row=True)
