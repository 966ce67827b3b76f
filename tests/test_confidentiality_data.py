"""Statistical confidentiality on the real marts: the dashboard's data module, the leader's SQL read
model, and the press kit of a zone too small to publish."""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from dashboard_helpers import DEMO_PERIOD

from dashboard import auth, data
from warehouse import confidentiality as conf
from warehouse.safe_sql import leader_read_model, run_query

PARK, CHAIN = "明水经济开发区", "生物医药"  # the park has one enterprise of the chain


@pytest.fixture
def as_role(demo_warehouse, monkeypatch: pytest.MonkeyPatch):
    """Point the data module at the demo warehouse and pick the role it serves."""
    monkeypatch.setenv("ZONE_DB", str(demo_warehouse.db))

    def pick(role: str) -> None:
        monkeypatch.setattr(auth, "role", lambda: role)

    return pick


def ytd_counts(db: Path, by: str, park: str | None = None, chain: str | None = None) -> pd.Series:
    """Enterprises behind each category's YTD sums at the demo period, straight from the mart."""
    column = {"chain": "chain", "park": "park", "division": "division_name"}[by]
    with duckdb.connect(str(db), read_only=True) as con:
        df = con.execute(
            f"select {column} as category, sum(enterprise_count_ytd) as n from industrial_output_monthly "
            "where period = ? and (?::varchar is null or park = ?) and (?::varchar is null or chain = ?) group by all",
            [DEMO_PERIOD, park, park, chain, chain],
        ).df()
    return df.set_index("category")["n"]


VIEWS = [
    (by, park, chain)
    for by in ("chain", "park", "division")
    for park, chain in [(None, None), (PARK, None), (None, CHAIN)]
    if not (by == "park" and park) and not (by == "chain" and chain)
]


@pytest.mark.parametrize(("by", "park", "chain"), VIEWS)
def test_leader_breakdowns_withhold_small_cells_and_a_complement(as_role, demo_warehouse, by, park, chain) -> None:
    as_role("leader")
    df = data.output_breakdown(DEMO_PERIOD, by, park, chain).set_index("category")
    counts = ytd_counts(demo_warehouse.db, by, park, chain)
    small = counts[(counts > 0) & (counts < 3)].index
    assert df.loc[small, "gross_output_ytd"].isna().all()
    hidden = df["gross_output_ytd"].isna()
    assert hidden.sum() != 1, "one withheld bar next to its total would be given away"
    if hidden.any():
        assert counts[hidden[hidden].index].sum() >= 3
        assert df[conf.FLAG].any()
        # withheld bars come last: where a bar ranks would tell its size
        assert not hidden.iloc[: (~hidden).sum()].any()
    as_role("analyst")
    full = data.output_breakdown(DEMO_PERIOD, by, park, chain).set_index("category")
    assert full["gross_output_ytd"].notna().all()
    shown = df["gross_output_ytd"].dropna()
    assert (full.loc[shown.index, "gross_output_ytd"] == shown).all()


def test_one_pattern_for_every_view_of_a_cell(as_role, demo_warehouse) -> None:
    """A park × chain cell is withheld in the park's chain view exactly when it is in the chain's park view."""
    as_role("leader")
    parks = [p for p in data.parks()]
    chains = [c for c in data.chains()]
    by_park = {
        p: data.output_breakdown(DEMO_PERIOD, "chain", p, None).set_index("category")["gross_output_ytd"] for p in parks
    }
    by_chain = {
        c: data.output_breakdown(DEMO_PERIOD, "park", None, c).set_index("category")["gross_output_ytd"] for c in chains
    }
    for p, c in itertools.product(parks, chains):
        if c in by_park[p].index:
            assert pd.isna(by_park[p][c]) == pd.isna(by_chain[c][p]), (p, c)


def test_a_one_enterprise_selection_has_no_figures_for_a_leader(as_role) -> None:
    as_role("leader")
    series = data.output_scope_monthly(DEMO_PERIOD, PARK, CHAIN)
    this_year = series[series["period"].str.startswith(DEMO_PERIOD[:4])]
    for col in ("gross_output_ytd", "revenue_ytd", "profit_ytd", "gross_output", "va_growth_ytd", "mfg_growth_ytd"):
        assert this_year[col].isna().all(), col
    assert this_year["enterprise_count"].notna().all()
    as_role("analyst")
    assert data.output_scope_monthly(DEMO_PERIOD, PARK, CHAIN)["gross_output_ytd"].notna().all()


def test_a_months_own_figure_shows_only_between_two_shown_ytd_figures(as_role) -> None:
    as_role("leader")
    for park, chain in [(None, None), (PARK, None), (None, CHAIN), ("齐鲁软件园", "其他")]:
        s = data.output_scope_monthly(DEMO_PERIOD, park, chain, months=30).reset_index(drop=True)
        for i in range(1, len(s)):
            if s.loc[i, "period"].endswith("-01"):
                continue
            if pd.notna(s.loc[i, "gross_output"]):
                assert pd.notna(s.loc[i, "gross_output_ytd"]) and pd.notna(s.loc[i - 1, "gross_output_ytd"])


def test_leader_division_contributions_withhold_small_divisions(as_role, demo_warehouse) -> None:
    as_role("leader")
    df = data.division_contributions(DEMO_PERIOD, None, None, limit=100)
    assert df.loc[df["enterprise_count"] < 3, "contribution_pp"].isna().all()
    assert df["contribution_pp"].isna().sum() != 1
    assert data.top_contributors(DEMO_PERIOD, None, None).empty


def test_the_zone_headline_is_published(as_role) -> None:
    as_role("leader")
    h = data.headline(DEMO_PERIOD)
    assert h["gross_output_ytd"] and h["industrial_va_growth_ytd"]


# --- the leader's SQL read model ----------------------------------------------------------------


@pytest.fixture(scope="module")
def leader_model(demo_warehouse, tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ZONE_SQL_CACHE", str(tmp_path_factory.mktemp("sql-cache")))
        return leader_read_model(demo_warehouse.db)


def test_leader_sql_names_no_enterprise_that_did_not_consent(leader_model: Path, demo_warehouse) -> None:
    with duckdb.connect(str(demo_warehouse.db), read_only=True) as con:
        hidden_ids = {
            r[0]
            for r in con.execute("select enterprise_id from enterprise_directory where not consent_public").fetchall()
        }
        hidden_names = {
            r[0]
            for r in con.execute("select enterprise_name from enterprise_directory where not consent_public").fetchall()
        }
    with duckdb.connect(str(leader_model), read_only=True) as con:
        tables = [r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()]
        for table in tables:
            cols = {
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns where table_name = ?", [table]
                ).fetchall()
            }
            for col, hidden in (("enterprise_id", hidden_ids), ("enterprise_name", hidden_names)):
                if col in cols:
                    values = {r[0] for r in con.execute(f'select distinct "{col}" from "{table}"').fetchall()}
                    assert not values & hidden, (table, col)
        figures = con.execute("select count(contribution_pp), count(*) from growth_contributions").fetchall()[0]
        assert figures[0] == 0 < figures[1], "consenting names only, never one enterprise's figures"


def test_leader_sql_withholds_small_industrial_cells(leader_model: Path, demo_warehouse) -> None:
    with duckdb.connect(str(leader_model), read_only=True) as con:
        small = con.execute(
            "select count(*), count(gross_output_ytd) from industrial_output_monthly "
            "where enterprise_count_ytd between 1 and 2"
        ).fetchall()[0]
        assert small[0] > 0 and small[1] == 0
        rows = con.execute("select count(*) from industrial_output_monthly").fetchall()[0][0]
    with duckdb.connect(str(demo_warehouse.db), read_only=True) as con:
        assert con.execute("select count(*) from industrial_output_monthly").fetchall()[0][0] == rows


def test_leader_and_admin_queries_are_what_they_may_see(demo_warehouse, leader_model) -> None:
    leader = run_query(demo_warehouse.db, "select count(*) as n from enterprise_directory", role="leader").df["n"][0]
    admin = run_query(demo_warehouse.db, "select count(*) as n from enterprise_directory", role="admin").df["n"][0]
    assert 0 < leader < admin
    assert len(run_query(demo_warehouse.db, "select * from staging.stg_raw__enterprises limit 1", role="admin").df) == 1


# --- a zone of two enterprises (conftest's two_enterprise_zone) -------------------------------------


def test_talking_points_leave_out_a_two_enterprise_zones_figures(two_enterprise_zone: Path) -> None:
    from dashboard.talking_points import talking_points

    keys = {p.key for p in talking_points(two_enterprise_zone, "2025-06")}
    assert not keys & {"output", "growth", "manufacturing", "revenue_share", "shares"}
    assert "services" in keys  # government service records are not enterprises' statistics


def test_kit_charts_of_a_two_enterprise_zone_carry_no_zone_figure(two_enterprise_zone: Path) -> None:
    from dashboard.chart_images import kit_charts

    for chart in kit_charts(two_enterprise_zone, "2025-06"):
        for col in set(chart.data.columns) & set(conf.METRIC_FAMILIES):
            assert chart.data[col].isna().all(), (chart.key, col)


def test_dashboard_and_sql_withhold_a_two_enterprise_zones_headline(
    two_enterprise_zone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONE_DB", str(two_enterprise_zone))
    monkeypatch.setenv("ZONE_SQL_CACHE", str(tmp_path))
    monkeypatch.setattr(auth, "role", lambda: "leader")
    h = data.headline("2025-06")
    assert h["gross_output_ytd"] is None and h["industrial_va_growth_ytd"] is None
    assert h["above_scale_count"] == 2
    row = run_query(
        two_enterprise_zone,
        "select gross_output_ytd, above_scale_count from headline_metrics where period = '2025-06'",
        role="leader",
    ).df.iloc[0]
    assert pd.isna(row["gross_output_ytd"]) and row["above_scale_count"] == 2
    monkeypatch.setattr(auth, "role", lambda: "analyst")
    assert data.headline("2025-06")["gross_output_ytd"] > 0


def test_sql_withholds_a_two_enterprise_zones_pair_sums_beside_its_growth(
    two_enterprise_zone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The zone's growth is withheld, so are the pair sums it is the ratio of (issue #15)."""
    monkeypatch.setenv("ZONE_SQL_CACHE", str(tmp_path))
    columns = [
        "paired_value_added_comparable_ytd",
        "paired_prior_year_value_added_ytd",
        "manufacturing_paired_value_added_comparable_ytd",
        "manufacturing_paired_prior_year_value_added_ytd",
    ]
    sql = f"select {', '.join(columns)} from industrial_growth_monthly where period = '2025-06'"
    leader = run_query(two_enterprise_zone, sql, role="leader").df.iloc[0]
    assert leader.isna().all(), leader.to_dict()
    assert run_query(two_enterprise_zone, sql, role="analyst").df.iloc[0].notna().any()


def test_the_leader_sql_copy_reads_the_stored_audited_pattern(leader_model: Path, demo_warehouse) -> None:
    """Every finest cell the build's audited pattern withholds is NULL in the leader's SQL copy."""
    with duckdb.connect(str(demo_warehouse.db), read_only=True) as con:
        _, stored = conf.stored_patterns_sql()
        patterns = conf.patterns_from_rows(con.execute(stored, ["%"]).df())
    with duckdb.connect(str(leader_model), read_only=True) as con:
        shown = con.execute(
            "select period, coalesce(park, '__none__'), coalesce(chain, '__none__'), coalesce(division, '__none__') "
            "from industrial_output_monthly where gross_output_ytd is not null"
        ).fetchall()
    leaked = [(p, *k) for p, *k in shown if tuple(k) in patterns.get(p, (frozenset(),))[0]]
    assert not leaked, leaked[:5]
