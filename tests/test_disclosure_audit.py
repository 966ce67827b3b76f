"""The disclosure audit: what a leader can read, taken together, determines no withheld cell.

Issue #15's two critical findings, reproduced as an attacker would: the leader's SQL copy
subtracted from itself (all-enterprise value added less the paired), and the growth page's
filter views solved as a linear system. Both on the demo warehouse and on a small warehouse
built so that the line-by-line suppression alone leaves a cell solvable from five views.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from dashboard.queries import growth
from dashboard.queries.reader import open_reader
from warehouse import confidentiality as conf
from warehouse import disclosure
from warehouse.safe_sql import QueryError, leader_read_model, run_query

# --- a warehouse built to be attacked ------------------------------------------------------------
# One month (January: the month is the year to date), three parks × three chains × three
# divisions, fifteen cells. Withheld line by line, 东区 × 医药 × 26 (one enterprise) is withheld
# with complements in its park, its chain and its division, yet the zone, the parks' and the
# chains' totals by division and the park × chain selections add up to it.
PERIOD = "2025-01"
PARKS, CHAINS = ("东区", "西区", "南区"), ("装备", "医药", "信息")
ATTACK_CELLS = [  # park, chain, division, enterprises, gross output (万元)
    ("东区", "装备", "26", 8, 861.0),
    ("东区", "装备", "39", 3, 343.0),
    ("东区", "医药", "13", 1, 111.0),
    ("东区", "医药", "26", 1, 130.0),
    ("东区", "信息", "13", 2, 267.0),
    ("西区", "装备", "13", 4, 439.0),
    ("西区", "装备", "39", 5, 555.0),
    ("西区", "医药", "13", 5, 541.0),
    ("西区", "信息", "26", 5, 510.0),
    ("西区", "信息", "39", 8, 897.0),
    ("南区", "装备", "13", 5, 552.0),
    ("南区", "装备", "26", 2, 232.0),
    ("南区", "医药", "26", 4, 439.0),
    ("南区", "医药", "39", 6, 646.0),
    ("南区", "信息", "13", 8, 884.0),
]
TARGET = ("东区", "医药", "26")
DIVISION_NAMES = {"13": "农副食品加工业", "26": "化学原料和化学制品制造业", "39": "计算机、通信和其他电子设备制造业"}


def build_attackable_warehouse(path: Path) -> Path:
    """industrial_output_monthly of ATTACK_CELLS (every column the mart has), at `path`."""
    rows = []
    for park, chain, division, n, output in ATTACK_CELLS:
        va = round(output * 0.3, 2)
        rows.append(
            {
                "period": PERIOD,
                "period_start": pd.Timestamp("2025-01-01"),
                "period_end": pd.Timestamp("2025-01-31"),
                "period_year": 2025,
                "period_month": 1,
                "park": park,
                "chain": chain,
                "division": division,
                "division_name": DIVISION_NAMES[division],
                "is_manufacturing": True,
                "enterprise_count": n,
                "paired_enterprise_count": n,
                "enterprise_count_ytd": n,
                "paired_enterprise_count_ytd": n,
                **{c: output for c in ("gross_output", "gross_output_ytd")},
                **{c: round(output * 0.9, 2) for c in ("revenue", "revenue_ytd")},
                **{c: round(output * 0.05, 2) for c in ("profit", "profit_ytd")},
                **{c: va for c in ("value_added", "value_added_ytd", "value_added_comparable")},
                "value_added_comparable_ytd": va,
                **{c: va for c in ("paired_value_added_comparable", "paired_value_added_comparable_ytd")},
                **{
                    c: round(va / 1.08, 2)
                    for c in ("paired_prior_year_value_added", "paired_prior_year_value_added_ytd")
                },
            }
        )
    frame = pd.DataFrame(rows)
    with duckdb.connect(str(path)) as con:
        con.register("cells", frame)
        con.execute("create table main.industrial_output_monthly as select * from cells")
        con.execute("checkpoint")
    return path


@pytest.fixture
def attackable(tmp_path: Path) -> Path:
    return build_attackable_warehouse(tmp_path / "attack.duckdb")


def leader_totals(db: Path, period: str) -> list[tuple[tuple[str, str, str], float]]:
    """Every gross-output total the growth page shows a leader at the period: each park × chain
    selection (and the zone) by chain, park and division, and the selection's own KPI."""
    with open_reader(db, leader=True) as reader:
        parks = [None, *sorted(reader.run("select distinct park from industrial_output_monthly", ())["park"])]
        chains = [None, *sorted(reader.run("select distinct chain from industrial_output_monthly", ())["chain"])]
        out = []
        for park, chain in itertools.product(parks, chains):
            scope = (park or conf.ALL, chain or conf.ALL)
            kpi = growth.output_scope_monthly(reader, period, park, chain, months=1).frame
            out += [((*scope, conf.ALL), v) for v in kpi.loc[kpi["period"] == period, "gross_output_ytd"]]
            for by in ("chain", "park", "division"):
                if (by == "park" and park) or (by == "chain" and chain):
                    continue
                frame = growth.output_breakdown(reader, period, by, park, chain).frame
                for r in frame.itertuples():
                    key = {
                        "chain": (scope[0], r.category, conf.ALL),
                        "park": (r.category, scope[1], conf.ALL),
                        "division": (*scope, r.division),
                    }[by]
                    out.append((key, r.gross_output_ytd))
    return [(k, v) for k, v in out if pd.notna(v)]


def solvable_cells(db: Path, period: str) -> dict[tuple[str, str, str], float]:
    """The cells of 1 or 2 enterprises that the leader's totals determine, with the value solved for."""
    with duckdb.connect(str(db), read_only=True) as con:
        cells = con.execute(
            "select park, chain, division, enterprise_count_ytd as n from industrial_output_monthly "
            "where period = ? and enterprise_count_ytd > 0 order by all",
            [period],
        ).df()
    keys = list(zip(cells["park"], cells["chain"], cells["division"], strict=True))
    totals = leader_totals(db, period)
    a = np.array([[all(t in (conf.ALL, c) for t, c in zip(k, cell, strict=True)) for cell in keys] for k, _ in totals])
    b = np.array([v for _, v in totals], dtype=float)
    solution = np.linalg.lstsq(a.astype(float), b, rcond=None)[0]
    basis = np.linalg.svd(a.astype(float))[2][: np.linalg.matrix_rank(a.astype(float))]
    out = {}
    for j, (key, n) in enumerate(zip(keys, cells["n"], strict=True)):
        unit = np.eye(len(keys))[j]
        if 0 < n < conf.MIN_ENTERPRISES and np.linalg.norm(unit - unit @ basis.T @ basis) < 1e-8:
            out[key] = round(float(solution[j]), 2)
    return out


def view_totals(view: tuple[str | None, str | None, str], hidden: frozenset) -> list[tuple[list, float]]:
    """The totals one view of the growth page shows under a pattern: (cells added up, total) per bar."""
    park, chain, by = view
    groups: dict[tuple, list] = {}
    for p, c, d, _, _ in ATTACK_CELLS:
        if (park is None or p == park) and (chain is None or c == chain):
            group = {
                "division": (park or conf.ALL, chain or conf.ALL, d),
                "chain": (park or conf.ALL, c, conf.ALL),
                "park": (p, chain or conf.ALL, conf.ALL),
            }[by]
            groups.setdefault(group, []).append((p, c, d))
    values = {k[:3]: k[4] for k in ATTACK_CELLS}
    return [(cells, sum(values[c] for c in cells)) for g, cells in groups.items() if g not in hidden]


def test_the_attack_is_real_on_the_line_by_line_pattern(attackable: Path) -> None:
    """The fixture is what it claims: the line rules alone withhold 东区 × 医药 × 26 (one
    enterprise, 130 万元) and three views give it back: the zone by chain, 医药 by division
    and 医药 by park."""
    with duckdb.connect(str(attackable), read_only=True) as con:
        cells = conf.industrial_cells(con)
    lines_only = conf.industrial_patterns(cells, audited=False)
    hidden = lines_only[PERIOD][0]
    assert TARGET in hidden
    assert disclosure.Finding(PERIOD, "ytd", ("|".join(TARGET),)) in disclosure.audit(cells, lines_only)
    rows = [
        total
        for view in [(None, None, "chain"), (None, "医药", "division"), (None, "医药", "park")]
        for total in view_totals(view, hidden)
    ]
    keys = [k[:3] for k in ATTACK_CELLS]
    a = np.array([[k in members for k in keys] for members, _ in rows], dtype=float)
    b = np.array([total for _, total in rows])
    j = keys.index(TARGET)
    basis = np.linalg.svd(a)[2][: np.linalg.matrix_rank(a)]
    unit = np.eye(len(keys))[j]
    assert np.linalg.norm(unit - unit @ basis.T @ basis) < 1e-8  # a combination of the totals is the cell
    assert round(float(np.linalg.lstsq(a, b, rcond=None)[0][j]), 2) == 130.0
    # the audited pattern withholds more, and the same views no longer give it
    audited = conf.industrial_patterns(cells)[PERIOD][0]
    assert hidden < audited


def test_no_leader_view_of_the_attackable_warehouse_solves_a_small_cell(attackable: Path) -> None:
    """Through the read layer, every filter view of the growth page: no cell of 1 or 2 enterprises is solvable."""
    assert solvable_cells(attackable, PERIOD) == {}


def test_the_audit_finds_nothing_on_the_attackable_warehouse(attackable: Path) -> None:
    with duckdb.connect(str(attackable), read_only=True) as con:
        assert disclosure.audit_db(con) == []


def test_the_leader_sql_copy_of_the_attackable_warehouse_withholds_the_audited_pattern(
    attackable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONE_SQL_CACHE", str(tmp_path / "cache"))
    with duckdb.connect(str(attackable), read_only=True) as con:
        patterns = conf.industrial_patterns(conf.industrial_cells(con))
    finest = {k for k in patterns[PERIOD][0] if conf.ALL not in k}
    shown = run_query(
        attackable,
        "select park, chain, division from industrial_output_monthly where gross_output_ytd is not null",
        role="leader",
    ).df
    assert finest and not finest & set(shown.itertuples(index=False, name=None))
    assert TARGET in finest


def test_the_builds_audit_step_stores_the_audited_pattern(attackable: Path) -> None:
    done = disclosure.publish_in_child(attackable)
    assert done.returncode == 0, done.stderr
    assert "nothing determined" in done.stdout
    with duckdb.connect(str(attackable), read_only=True) as con:
        exists, stored = conf.stored_patterns_sql()
        assert con.execute(exists).fetchall()[0][0] == 1
        assert conf.patterns_from_rows(con.execute(stored, ["%"]).df()) == conf.industrial_patterns(
            conf.industrial_cells(con)
        )
        comment = con.execute("select comment from duckdb_tables() where table_name = 'withheld_cells'").fetchall()
        assert "Statistical confidentiality" in comment[0][0]


# --- pairs ---------------------------------------------------------------------------------------


def test_two_single_enterprises_whose_sum_is_determined_are_a_finding() -> None:
    """A park of three cells with its total shown: the two one-company cells withheld together
    (2 enterprises), the third shown. Neither company's figure follows, but their sum does, and
    each company, knowing its own, computes the other's."""
    rows = [("A", "x", 1, 5.0), ("A", "y", 1, 6.0), ("A", "z", 9, 90.0)]  # park, chain, enterprises, value
    cells = pd.DataFrame([{"park": p, "chain": c, "division": "13", "n": n, "v": v} for p, c, n, v in rows])
    table = conf.margins(cells, conf.DIMS, ["n", "v"])
    primary = np.array([0 < n < 3 for n in table["n"]])
    system = disclosure.System(table, conf.DIMS, "n", primary)
    x_or_y = [system.finest.index(i) for i in system.finest if table.loc[i, "chain"] in ("x", "y")]
    # withheld: everything over the two one-company cells only (what "two cells withheld" leaves)
    withheld = np.array([row.any() and not np.delete(row, x_or_y).any() for row in system.incidence])
    found = disclosure.findings(system, withheld)
    assert found == [disclosure.Finding("", "", ("A|x|13", "A|y|13"))]
    fixed = disclosure.protect(system, withheld, table["v"].to_numpy(), lambda w: w)
    assert disclosure.findings(system, fixed) == []
    assert fixed.sum() > withheld.sum()


def test_protected_patterns_keep_the_line_rules() -> None:
    """The audit only adds withheld cells: every cell the line rules withhold stays withheld."""
    cells = pd.DataFrame(
        [
            {
                "period": PERIOD,
                "park": p,
                "chain": c,
                "division": d,
                "is_manufacturing": True,
                "enterprise_count": n,
                "enterprise_count_ytd": n,
                "paired_enterprise_count_ytd": n,
                "gross_output_ytd": v,
                "paired_change": v / 10,
            }
            for p, c, d, n, v in ATTACK_CELLS
        ]
    )
    lines_only, audited = conf.industrial_patterns(cells, audited=False), conf.industrial_patterns(cells)
    for family in (0, 1):
        assert lines_only[PERIOD][family] <= audited[PERIOD][family]
    assert lines_only[PERIOD][0] < audited[PERIOD][0]


# --- the demo warehouse --------------------------------------------------------------------------


def test_the_demo_build_stored_an_audited_pattern_that_leaves_nothing_determined(demo_db: Path) -> None:
    with duckdb.connect(str(demo_db), read_only=True) as con:
        exists, stored = conf.stored_patterns_sql()
        assert con.execute(exists).fetchall()[0][0] == 1
        patterns = conf.patterns_from_rows(con.execute(stored, ["%"]).df())
        cells = conf.industrial_cells(con)
    assert disclosure.audit(cells, patterns) == []
    # the line rules alone would not have been enough on the demo either
    assert disclosure.audit(cells, conf.industrial_patterns(cells, audited=False))


@pytest.mark.parametrize("period", ["2022-01", "2025-06"])
def test_no_leader_view_of_the_demo_solves_a_small_cell(demo_db: Path, period: str) -> None:
    assert solvable_cells(demo_db, period) == {}


# the first reproduction, exactly as the leader typed it
DIFFERENCING_SQL = (
    "select park, chain, division, value_added_comparable_ytd - paired_value_added_comparable_ytd "
    "from industrial_output_monthly where period='2025-06' and enterprise_count_ytd - "
    "paired_enterprise_count_ytd = 1"
)


@pytest.fixture
def leader_sql(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZONE_SQL_CACHE", str(tmp_path / "sql-cache"))
    return demo_db


def test_the_differencing_query_returns_nothing_to_a_leader(leader_sql: Path) -> None:
    with pytest.raises(QueryError, match="value_added_comparable_ytd"):
        run_query(leader_sql, DIFFERENCING_SQL, role="leader")
    analyst = run_query(leader_sql, DIFFERENCING_SQL, role="analyst").df
    assert len(analyst) > 0  # the attack was real: the analyst (who sees everything) gets the rows


def test_the_leader_reads_one_measure_of_value_added(leader_sql: Path) -> None:
    model = leader_read_model(leader_sql)
    with duckdb.connect(str(model), read_only=True) as con:
        columns = {
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_name = 'industrial_output_monthly'"
            ).fetchall()
        }
    assert not columns & set(conf.ALL_ENTERPRISE_VALUE_ADDED)
    assert {"paired_value_added_comparable_ytd", "paired_prior_year_value_added_ytd", "gross_output_ytd"} <= columns


def test_the_read_layer_reads_one_measure_of_value_added() -> None:
    """No figure of the read layer selects the all-enterprise value added (the pages use the pairs)."""
    import re

    folder = Path(growth.__file__).parent
    for source in folder.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for column in conf.ALL_ENTERPRISE_VALUE_ADDED:
            assert not re.search(rf"(?<![a-z_]){column}(?![a-z_])", text), (source.name, column)


def test_the_leaders_directory_does_not_date_an_enterprises_first_report(leader_sql: Path) -> None:
    for column in conf.REPORT_PERIOD_COLUMNS:
        with pytest.raises(QueryError, match=column):
            run_query(leader_sql, f"select enterprise_name, {column} from enterprise_directory", role="leader")
    shown = run_query(leader_sql, "select * from enterprise_directory limit 1", role="leader").df
    assert not set(shown.columns) & set(conf.REPORT_PERIOD_COLUMNS) and len(shown.columns) > 5
