"""The suppression rules on hand-made tables whose small cells are known in advance."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from warehouse.confidentiality import ALL, MIN_ENTERPRISES, footnote, is_primary, suppress, suppress_table


def withheld(df: pd.DataFrame, key: str = "cat") -> set:
    return set(df.loc[df["suppressed"], key])


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, False), (1, True), (2, True), (3, False), (40, False), (None, False), (float("nan"), False)],
)
def test_a_cell_of_one_or_two_enterprises_is_withheld(count, expected) -> None:
    assert is_primary(count) is expected


def test_no_small_cell_nothing_withheld() -> None:
    df = pd.DataFrame({"cat": list("ABC"), "n": [3, 10, 4], "v": [30.0, 100.0, 40.0]})
    out = suppress(df, "n", ["v"])
    assert not out["suppressed"].any()
    assert out["v"].tolist() == [30.0, 100.0, 40.0]


def test_one_small_cell_takes_the_next_smallest_with_it() -> None:
    """A total is shown, so hiding B alone would let total − A − C − D give B away."""
    df = pd.DataFrame({"cat": list("ABCDE"), "n": [10, 2, 5, 4, 9], "v": [100.0, 20.0, 50.0, 30.0, 95.0]})
    out = suppress(df, "n", ["v"])
    assert withheld(out) == {"B", "D"}  # D: fewest enterprises after B
    assert out.loc[out["cat"] == "B", "v"].isna().all() and out.loc[out["cat"] == "D", "v"].isna().all()
    assert out.loc[out["cat"] == "A", "v"].item() == 100.0


def test_ties_in_enterprises_go_to_the_smaller_value() -> None:
    df = pd.DataFrame({"cat": list("ABCD"), "n": [1, 5, 5, 8], "v": [7.0, 900.0, 60.0, 10.0]})
    assert withheld(suppress(df, "n", ["v"])) == {"A", "C"}


def test_empty_cells_are_never_complements() -> None:
    """A cell of no enterprises says nothing about anyone and protects nothing when hidden."""
    df = pd.DataFrame({"cat": list("ABC"), "n": [0, 2, 7], "v": [0.0, 12.0, 70.0]})
    assert withheld(suppress(df, "n", ["v"])) == {"B", "C"}


def test_two_single_company_cells_need_a_third_enterprise() -> None:
    """Two one-company cells: their sum follows from the total, and each company knows its own share."""
    df = pd.DataFrame({"cat": list("ABCD"), "n": [1, 1, 6, 4], "v": [5.0, 6.0, 60.0, 40.0]})
    assert withheld(suppress(df, "n", ["v"])) == {"A", "B", "D"}


def test_two_small_cells_that_together_reach_three_are_enough() -> None:
    df = pd.DataFrame({"cat": list("ABCD"), "n": [1, 2, 6, 4], "v": [5.0, 6.0, 60.0, 40.0]})
    assert withheld(suppress(df, "n", ["v"])) == {"A", "B"}


def test_without_a_total_shown_only_the_small_cells_go() -> None:
    df = pd.DataFrame({"cat": list("ABC"), "n": [2, 5, 9], "v": [1.0, 2.0, 3.0]})
    assert withheld(suppress(df, "n", ["v"], groups=())) == {"A"}


def test_rows_and_columns_with_totals_are_revisited_until_safe() -> None:
    """A 3×3 table with row and column totals shown: one small cell ends in a rectangle of four."""
    rows = [
        ("r1", "c1", 2),
        ("r1", "c2", 5),
        ("r1", "c3", 9),
        ("r2", "c1", 6),
        ("r2", "c2", 4),
        ("r2", "c3", 8),
        ("r3", "c1", 7),
        ("r3", "c2", 12),
        ("r3", "c3", 10),
    ]
    df = pd.DataFrame(rows, columns=["row", "col", "n"]).assign(v=lambda d: d["n"] * 10.0)
    out = suppress(df, "n", ["v"], groups=(["row"], ["col"]))
    hidden = set(zip(out.loc[out["suppressed"], "row"], out.loc[out["suppressed"], "col"], strict=True))
    assert ("r1", "c1") in hidden
    assert_lines_safe(out, hidden)
    assert hidden == {("r1", "c1"), ("r1", "c2"), ("r2", "c1"), ("r2", "c2")}


def assert_lines_safe(out: pd.DataFrame, hidden: set) -> None:
    """No row or column of a table with totals has exactly one withheld cell."""
    for key in ("row", "col"):
        for _, line in out.groupby(key):
            assert line["suppressed"].sum() != 1, line


def test_every_value_column_is_withheld_and_integers_become_missing() -> None:
    df = pd.DataFrame({"cat": list("AB"), "n": [1, 9], "output": [5, 90], "growth": [3.5, 7.0], "name": ["a", "b"]})
    out = suppress(df, "n", ["output", "growth"], groups=())
    assert out.loc[0, ["output", "growth"]].isna().all()
    assert out.loc[1, "output"] == 90 and out.loc[0, "name"] == "a"
    assert out["n"].tolist() == [1, 9]  # the counts themselves are not withheld


def test_the_frame_keeps_its_index_and_order() -> None:
    df = pd.DataFrame({"cat": list("ABC"), "n": [9, 2, 9], "v": [1.0, 2.0, 3.0]}, index=[10, 20, 30])
    out = suppress(df, "n", ["v"], groups=())
    assert list(out.index) == [10, 20, 30] and out["cat"].tolist() == ["A", "B", "C"]


# --- tables with margins (park × chain × division) ---------------------------------------------

CELLS = pd.DataFrame(
    [("P1", "a", 5, 50.0), ("P1", "b", 1, 9.0), ("P2", "a", 6, 60.0), ("P2", "b", 7, 70.0), ("P3", "a", 4, 40.0)],
    columns=["park", "chain", "n", "v"],
)


def test_margins_add_up_and_are_cells_of_the_table() -> None:
    table = suppress_table(CELLS, ["park", "chain"], "n", ["v"])
    total = table[(table["park"] == ALL) & (table["chain"] == ALL)]
    assert total["n"].item() == CELLS["n"].sum()
    p1 = table[(table["park"] == "P1") & (table["chain"] == ALL)]
    assert p1["n"].item() == 6
    assert len(table) == len(CELLS) + 3 + 2 + 1  # cells, park margins, chain margins, grand total


def test_a_small_cell_in_a_table_is_covered_in_its_row_and_its_column() -> None:
    table = suppress_table(CELLS, ["park", "chain"], "n", ["v"])
    hidden = {(r.park, r.chain) for r in table.itertuples() if r.suppressed}
    assert ("P1", "b") in hidden
    assert hidden == {("P1", "a"), ("P1", "b"), ("P2", "a"), ("P2", "b")}
    assert_table_safe(table, ["park", "chain"])
    # every published margin is still there
    assert not table.loc[(table["park"] == ALL) | (table["chain"] == ALL), "suppressed"].any()


def test_a_small_margin_is_withheld_with_its_complement() -> None:
    """P3 has one enterprise in all: its margin is a small cell too, and so is its only cell."""
    cells = pd.DataFrame(
        [("P1", "a", 5, 50.0), ("P1", "b", 4, 40.0), ("P2", "a", 6, 60.0), ("P2", "b", 7, 70.0), ("P3", "b", 1, 3.0)],
        columns=["park", "chain", "n", "v"],
    )
    table = suppress_table(cells, ["park", "chain"], "n", ["v"])
    hidden = {(r.park, r.chain) for r in table.itertuples() if r.suppressed}
    assert {("P3", "b"), ("P3", ALL)} <= hidden
    assert_table_safe(table, ["park", "chain"])


def test_extra_primary_cells_are_protected_like_small_ones() -> None:
    table = suppress_table(
        CELLS, ["park", "chain"], "n", ["v"], primary=lambda t: (t["park"] == "P3") & (t["chain"] == "a")
    )
    hidden = {(r.park, r.chain) for r in table.itertuples() if r.suppressed}
    assert ("P3", "a") in hidden and ("P3", ALL) in hidden  # P3's only cell: its margin would tell
    assert_table_safe(table, ["park", "chain"])


def assert_table_safe(table: pd.DataFrame, dims: list[str]) -> None:
    """Every line (cells along one dimension + their margin) has 0 or ≥ 2 withheld entries, and
    the withheld members of a line with a visible total hold at least 3 enterprises."""
    for d in dims:
        others = [o for o in dims if o != d]
        for _, line in table.groupby(others):
            n_hidden = int(line["suppressed"].sum())
            assert n_hidden != 1, line
            total = line[line[d] == ALL]
            members = line[line[d] != ALL]
            if n_hidden and len(total) and not total["suppressed"].item():
                assert members.loc[members["suppressed"], "n"].sum() >= MIN_ENTERPRISES, line


def test_random_tables_are_always_safe() -> None:
    """Random three-dimensional tables: the invariant holds on every line, every time."""
    rng = np.random.default_rng(7)
    dims = ["park", "chain", "division"]
    for _ in range(40):
        combos = [
            c
            for c in itertools.product(["P1", "P2", "P3"], ["a", "b", "c"], ["10", "20", "30", "40"])
            if rng.random() < 0.6
        ]
        if not combos:
            continue
        cells = pd.DataFrame(combos, columns=dims)
        cells["n"] = rng.choice([1, 1, 2, 3, 4, 6, 10], size=len(cells))
        cells["v"] = cells["n"] * rng.uniform(5, 50, size=len(cells))
        table = suppress_table(cells, dims, "n", ["v"])
        assert table.loc[table["primary"], "suppressed"].all()
        assert table.loc[table["suppressed"], "v"].isna().all()
        assert_table_safe(table, dims)


def test_the_footnote_cites_the_statistics_law() -> None:
    assert footnote() == "注：涉及企业少于3家的数据按《统计法》不予公布"
    assert "Statistics Law" in footnote("en")
