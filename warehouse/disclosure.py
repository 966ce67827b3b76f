"""The disclosure audit: no withheld cell of fewer than 3 enterprises can be solved from what a leader sees.

warehouse/confidentiality.py withholds cells line by line (a row, a column, a margin), which
keeps each line safe on its own but not the system of all of them: five filter views of one
period and measure (the zone, a park, a park by division, two park × chain selections) can
be added and subtracted to give a withheld cell exactly. This module treats everything a
leader can obtain for one period and one measure as a linear system over the finest cells
(park × chain × division, each with its enterprise count) and proves by rank that no
sensitive quantity is determined by it:

* the published totals: every cell and margin of the park × chain × division table that is
  not withheld. The filters give exactly these (the zone, a park, a chain, a park × chain
  selection, each by chain, park or division; the leader's SQL copy holds the finest cells
  and the zone's figures), and the downloads, chart images and talking points read the same
  figures. For the growth pairs also the manufacturing part of every park × chain selection
  (its manufacturing growth), shown where the selection is and its manufacturing count is
  not primary.
* the sensitive quantities: every cell withheld as primary (1 or 2 enterprises, or a month
  whose reports came from 1 or 2 enterprises), and the manufacturing and non-manufacturing
  parts of a selection with 1 or 2 enterprises. None may lie in the row space of the
  published totals. Nor may any pair of them held by two different single enterprises: if
  a combination of the two is determined (their sum, their difference), each of the two
  companies, knowing its own figure, computes the other's.

Determinacy by rank is independent of the values, so one system serves every measure that
shares a pattern (output, revenue, profit share the YTD pattern; the pair numerator and
denominator share the pair pattern). A month's own figures are shown only where this month's
and last month's YTD both are, so each period's system is a block of its own; a month of
one or two reporting enterprises is a primary cell of its period, so its YTD is not
determined and neither is the month's figure. Interval bounds (an LP with the values'
signs) would say more than rank where values are known to be non-negative; scipy is not in
the environment, and an exactly determined cell is what the rank test finds.

`protect` is called by confidentiality.industrial_patterns: where a sensitive quantity is
determined it withholds one more cell (the smallest that breaks the determination), lets the
line rules add complements, and audits again until nothing is determined. `audit` checks
a finished pattern (the build runs it on the published warehouse and fails when anything
is determined).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

ALL = "__all__"  # confidentiality.ALL (a margin)
TOL = 1e-9
FAMILIES = ("ytd", "paired")
COUNTS = {"ytd": "enterprise_count_ytd", "paired": "paired_enterprise_count_ytd"}


class DisclosureError(Exception):
    """A pattern leaves a withheld cell of fewer than 3 enterprises determined."""


@dataclass(frozen=True)
class Finding:
    """A sensitive quantity (one cell, or a pair of single-enterprise cells) that the published totals determine."""

    period: str
    family: str
    cells: tuple[str, ...]  # a label per cell: 'park|chain|division' ('*' for a margin, ' mfg' / ' non-mfg' for a part)

    def __str__(self) -> str:
        kind = "pair" if len(self.cells) == 2 else "cell"
        return f"{self.period} {self.family} {kind}: {' + '.join(self.cells)}"


def _label(key: Sequence[object], part: str = "") -> str:
    return "|".join("*" if k == ALL else str(k) for k in key) + part


class System:
    """One period and one pattern family: the table with its margins as rows over the finest cells.

    `table` is confidentiality.margins' table of the period (one row per cell or margin, the
    count column `count`, optional `enterprise_count` of the month); `mfg` maps a division to
    whether it is manufacturing (the pair family's extra rows); `primary` marks the table rows
    withheld as primary.
    """

    def __init__(
        self,
        table: pd.DataFrame,
        dims: Sequence[str],
        count: str,
        primary: np.ndarray,
        mfg: dict[str, bool] | None = None,
        month_count: str | None = None,
        threshold: int = 3,
    ) -> None:
        self.dims = list(dims)
        self.threshold = threshold
        self.keys = list(zip(*(table[d].tolist() for d in self.dims), strict=True))
        self.counts = pd.to_numeric(table[count], errors="coerce").fillna(0).to_numpy(dtype=float)
        month = (
            pd.to_numeric(table[month_count], errors="coerce").fillna(0).to_numpy(dtype=float)
            if month_count and month_count in table
            else np.zeros(len(table))
        )
        finest = [i for i, k in enumerate(self.keys) if ALL not in k and self.counts[i] > 0]
        self.finest = finest
        fkeys = [self.keys[i] for i in finest]
        incidence = np.zeros((len(self.keys), len(finest)))
        for j, fk in enumerate(fkeys):
            for i, k in enumerate(self.keys):
                if all(a == ALL or a == b for a, b in zip(k, fk, strict=True)):
                    incidence[i, j] = 1.0
        self.incidence = incidence
        self.primary = np.asarray(primary, dtype=bool)
        # sensitive table rows: (row, enterprises that could learn from it)
        self.sensitive: list[tuple[str, np.ndarray, float, int | None]] = []
        for i, k in enumerate(self.keys):
            if not self.primary[i] or not incidence[i].any():
                continue
            small = 0 < self.counts[i] < threshold
            people = self.counts[i] if small else (month[i] if 0 < month[i] < threshold else threshold)
            self.sensitive.append((_label(k), incidence[i], people, i))
        # the manufacturing part of each park × chain selection (the pair family only)
        self.parts: list[tuple[int, np.ndarray, float]] = []  # (selection row, vector, enterprises)
        if mfg is not None:
            column_counts = self.counts[finest]
            is_mfg = np.array([bool(mfg.get(str(fk[self.dims.index("division")]), False)) for fk in fkeys])
            for i, k in enumerate(self.keys):
                if k[-1] != ALL or not incidence[i].any():
                    continue
                for part, mask in ((" mfg", is_mfg), (" non-mfg", ~is_mfg)):
                    vec = incidence[i] * mask
                    n = float((column_counts * vec).sum())
                    if part == " mfg" and vec.any():
                        self.parts.append((i, vec, n))
                    if 0 < n < threshold and vec.any() and not np.array_equal(vec, incidence[i]):
                        self.sensitive.append((_label(k, part), vec, n, None))

        # one entry per quantity: a margin over a single cell is that cell (the finest label is kept)
        unique: dict[bytes, tuple[str, np.ndarray, float, int | None]] = {}
        for entry in self.sensitive:
            k = entry[1].tobytes()
            if k not in unique or entry[2] < unique[k][2]:
                unique[k] = entry if k not in unique else (unique[k][0], entry[1], entry[2], unique[k][3])
        self.sensitive = list(unique.values())

    def published(self, withheld: np.ndarray) -> tuple[np.ndarray, list[list[int]]]:
        """The distinct rows of every total a leader can read under this pattern, and for each the
        table rows that publish it (withholding all of them withholds the row)."""
        found: dict[bytes, int] = {}
        rows: list[np.ndarray] = []
        owners: list[list[int]] = []

        def add(vec: np.ndarray, owner: int) -> None:
            k = vec.tobytes()
            if k not in found:
                found[k] = len(rows)
                rows.append(vec)
                owners.append([])
            owners[found[k]].append(owner)

        for i in range(len(self.keys)):
            if not withheld[i] and self.incidence[i].any():
                add(self.incidence[i], i)
        for i, vec, n in self.parts:
            if not withheld[i] and not (0 < n < self.threshold):
                add(vec, i)
        return (np.array(rows) if rows else np.zeros((0, len(self.finest)))), owners


class _Solved:
    """The published totals of one pattern, decomposed once (thin SVD)."""

    def __init__(self, system: System, withheld: np.ndarray) -> None:
        self.rows, self.owners = system.published(withheld)
        if len(self.rows):
            u, s, vt = np.linalg.svd(self.rows, full_matrices=False)
            rank = int((s > TOL * max(self.rows.shape) * s[0]).sum()) if len(s) else 0
        else:
            u, vt, rank = np.zeros((0, 0)), np.zeros((0, self.rows.shape[1])), 0
        self.u, self.basis = u[:, :rank], vt[:rank]

    def residuals(self, vectors: np.ndarray) -> np.ndarray:
        return vectors - (vectors @ self.basis.T) @ self.basis if len(self.basis) else vectors.copy()


def _determined(system: System, solved: _Solved) -> tuple[list[tuple[int, ...]], list[np.ndarray]]:
    """Indices (into system.sensitive) of each determined quantity or pair, and a determined vector for each."""
    if not system.sensitive:
        return [], []
    vectors = np.array([v for _, v, _, _ in system.sensitive])
    res = solved.residuals(vectors)
    norms = np.linalg.norm(res, axis=1)
    determined = norms <= 1e-7 * np.maximum(np.linalg.norm(vectors, axis=1), 1)
    hits: list[tuple[int, ...]] = [(i,) for i in np.nonzero(determined)[0]]
    combos = [vectors[i] for i in np.nonzero(determined)[0]]
    # pairs of single enterprises: some combination of the two is determined = their residuals are parallel
    single = [i for i, (_, _, n, _) in enumerate(system.sensitive) if n <= system.threshold - 2 and not determined[i]]
    if len(single) > 1:
        unit = res[single] / norms[single, None]
        gram = unit @ unit.T
        support = (vectors[single] > 0).astype(float)
        apart = (support @ support.T) == 0
        for a, b in zip(*np.nonzero(np.triu(np.abs(gram) > 1 - 1e-7, 1) & apart), strict=True):
            i, j = single[a], single[b]
            hits.append((i, j))
            combos.append(vectors[i] - (norms[i] / norms[j]) * np.sign(gram[a, b]) * vectors[j])
    return hits, combos


def findings(system: System, withheld: np.ndarray, period: str = "", family: str = "") -> list[Finding]:
    """Every sensitive quantity of the system that the published totals determine, alone or in a pair."""
    hits, _ = _determined(system, _Solved(system, withheld))
    out = {Finding(period, family, tuple(sorted(system.sensitive[i][0] for i in hit))) for hit in hits}
    return sorted(out, key=lambda f: (len(f.cells), f.cells))


def _breakers(solved: _Solved, target: np.ndarray) -> list[list[int]]:
    """The published totals whose withholding takes `target` (a determined vector) out of their span,
    each as the table rows that publish it.

    A total breaks every representation of the target when no combination of the other
    totals replaces it (its row of U has norm 1: it has no component in the left null
    space) and a representation uses it (its coefficient is not zero).
    """
    coef = np.linalg.lstsq(solved.rows.T, target, rcond=None)[0]
    replaceable = (solved.u**2).sum(axis=1) < 1 - 1e-7
    used = np.abs(coef) > 1e-7
    first = np.nonzero(used & ~replaceable)[0]
    return [solved.owners[j] for j in (first if len(first) else np.nonzero(used)[0])]


def protect(
    system: System,
    withheld: np.ndarray,
    ties: np.ndarray,
    complete: Callable[[np.ndarray], np.ndarray],
) -> np.ndarray:
    """Withhold more cells until no sensitive quantity is determined.

    For the first determined quantity, of the published totals its every representation
    uses, the smallest is withheld (finest cells before margins, then fewest enterprises,
    then smallest value); `complete` lets the line rules add their complements, and the
    system is audited again. Withheld cells only grow, so this ends.
    """
    withheld = np.asarray(withheld, dtype=bool).copy()

    def size(owners: list[int]) -> tuple:
        i = min(owners)
        return (sum(k == ALL for k in system.keys[i]), system.counts[i], abs(ties[i]), i)

    for _ in range(len(withheld) + 1):
        solved = _Solved(system, withheld)
        _, combos = _determined(system, solved)
        if not combos:
            return withheld
        candidates = _breakers(solved, combos[0])
        if not candidates:  # pragma: no cover - a determined non-zero vector has a representation
            raise DisclosureError("a determined cell has no published total to withhold")
        withheld[min(candidates, key=size)] = True
        withheld = complete(withheld)
    raise DisclosureError("the disclosure audit did not settle")  # pragma: no cover - withheld only grows


# --- the audit of a finished pattern ---------------------------------------------------------------


def audit(cells: pd.DataFrame, patterns: dict | None = None, threshold: int = 3) -> list[Finding]:
    """Every determined sensitive quantity under `patterns` (confidentiality.industrial_patterns of the cells).

    `cells` are confidentiality.INDUSTRIAL_CELLS_SQL rows. Without `patterns` the audited
    ones are computed.
    """
    from warehouse import confidentiality as conf

    if patterns is None:
        patterns = conf.industrial_patterns(cells, threshold)
    out: list[Finding] = []
    for period, systems in conf.industrial_systems(cells, patterns, threshold):
        for family, system in systems.items():
            hidden = patterns[period][FAMILIES.index(family)]
            withheld = np.array([k in hidden for k in system.keys], dtype=bool)
            out += findings(system, withheld, period, family)
    return out


def audit_db(con) -> list[Finding]:
    """The audit of a warehouse (an open DuckDB connection to it)."""
    from warehouse import confidentiality as conf

    return audit(conf.industrial_cells(con))


def publish(con) -> dict:
    """The build's step: the audited patterns of the warehouse open (writable) on `con`, audited
    once more as published and stored (confidentiality.PATTERN_TABLE) for every reader.

    Raises DisclosureError, and the build publishes nothing, if the audit still finds a
    determined cell (the extra suppressions should leave none: this is the proof, kept apart
    from the search). Returns counts for the build's log.
    """
    from warehouse import confidentiality as conf

    tables = {n for (n,) in con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()}
    if "industrial_output_monthly" not in tables:
        return {}
    cells = conf.industrial_cells(con)
    patterns = conf.industrial_patterns(cells)
    left = audit(cells, patterns)
    if left:
        shown = "\n".join(str(f) for f in left[:20])
        raise DisclosureError(f"{len(left)} withheld cells would be determined by what a leader sees:\n{shown}")
    conf.store_patterns(con, patterns)
    return {"periods": len(patterns), "withheld": sum(len(s) for sets in patterns.values() for s in sets)}


def publish_in_child(db_path) -> subprocess.CompletedProcess:
    """`publish` on the warehouse file at db_path, in a child process with single-threaded BLAS.

    The audit is many small decompositions: OpenBLAS threads cost more than they give on
    them (8.5 s of CPU for the demo single-threaded, several times that with threads that
    spin on a busy machine), and the variable must be set before numpy loads.
    """
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    args = [sys.executable, "-m", "warehouse.disclosure", str(db_path)]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return subprocess.run(args, env=env, cwd=root, capture_output=True, text=True, check=False)


def main(argv: list[str] | None = None) -> int:
    """python -m warehouse.disclosure DB: audit the warehouse, store its withheld cells (exit 1 if determined)."""
    import duckdb

    (db_path,) = sys.argv[1:] if argv is None else argv
    try:
        with duckdb.connect(db_path) as con:
            result = publish(con)
    except DisclosureError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"disclosure audit: nothing determined; {result.get('withheld', 0):,} cells withheld")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
