"""The landing store: every submitted file as received, and what became of it.

Layout of a store folder (default warehouse/landing/, git-ignored):

    intake.sqlite        submissions (who, when, table, file name, hash, periods, rows, state,
                         errors) and findings (rule, row, message, 审核说明, clearance)
    files/<sha256>.<ext> each file exactly as received, named by its content hash
    rows/<id>.parquet    the rows of an accepted or held submission, typed as the contract says
    .lock                submissions, explanations and clearances take turns (flock)

A submission is validated by the existing ingest (warehouse.ingest.load_raw: the same errors,
naming file, row, column and value) against what is already accepted, then reviewed
(warehouse.intake.review). A rejected file adds a record and its file, and changes nothing
that `materialize` writes. A by-period submission replaces exactly the periods in its file;
a whole-table one replaces the table.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard.i18n import tr
from warehouse import audit
from warehouse.contract import TABLES, TABLES_BY_NAME, Table
from warehouse.ingest import SUFFIXES, IngestError, Problem, fields_in, load_raw, read_table_file
from warehouse.intake import review

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_STORE = ROOT / "warehouse" / "landing"
STATES = ("accepted", "held", "rejected", "superseded")  # superseded: a held file a newer one replaced

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    stored TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    mode TEXT NOT NULL,
    periods TEXT NOT NULL,          -- JSON list of the periods the file holds ([] for a whole table)
    rows INTEGER NOT NULL,
    state TEXT NOT NULL,
    errors TEXT NOT NULL,           -- JSON list of the validation problems
    decided_by TEXT,
    decided_at TEXT
);
CREATE TABLE IF NOT EXISTS findings (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    row INTEGER,
    enterprise_id TEXT,
    period TEXT,
    key TEXT NOT NULL,
    message TEXT NOT NULL,
    detail TEXT NOT NULL,           -- JSON: the values the rule found
    explanation TEXT,               -- 审核说明
    explained_by TEXT,
    explained_at TEXT,
    cleared_by TEXT,
    cleared_at TEXT,
    PRIMARY KEY (submission_id, seq)
);
CREATE INDEX IF NOT EXISTS submissions_by_table ON submissions (table_name, state);
"""


class IntakeError(Exception):
    """A request the store cannot carry out (unknown table, submission or finding).

    `code` and `fields` name the message (LABELS "intake.<code>" of dashboard/i18n.py); str()
    is its English text. One made with a message and no code says that in every language.
    """

    def __init__(self, message: str = "", *, code: str | None = None, **fields: object) -> None:
        self.code, self.fields = code, fields
        super().__init__(self.text("en") if code else message)

    def text(self, language: str = "en") -> str:
        """The message in `language` ('zh' or 'en')."""
        return tr(language, f"intake.{self.code}", **fields_in(self.fields, language)) if self.code else str(self)


@dataclass
class SubmitResult:
    """What became of one submission."""

    id: int
    table: str
    state: str  # accepted | held | rejected
    rows: int
    periods: list[str]
    errors: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        """`submit --json`: id, table, state, rows, periods, errors, findings."""
        return dataclasses.asdict(self)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def period_sql(table: Table) -> str:
    """SQL for the period a row of the table belongs to ('YYYY-MM', 'YYYY'), or NULL for a whole table."""
    if table.mode == "table" or table.period_column is None:
        return "NULL"
    col = table.column(table.period_column)
    name = '"' + col.name + '"'
    if col.kind in ("date", "timestamp"):
        return f"strftime({name}, '%Y-%m')"
    return f"CAST({name} AS VARCHAR)"


def _problem_json(p: Problem) -> dict:
    """A problem as a submission's errors keep it: the English texts, and the code and fields to say it in Chinese."""
    return {
        "file": p.file,
        "row": p.row,
        "column": p.column,
        "value": p.value,
        "message": p.message,
        "text": str(p),
        "code": p.code,
        "fields": p.fields,
    }


def _referenced(table: Table) -> set[str]:
    """Tables a table's rows must find their references in."""
    out = {c.ref[0] for c in table.columns if c.ref}
    if "prices_for_division" in table.extra_checks:
        out |= {"enterprises", "industry_prices"}
    return out - {table.name}


def _needs(table: Table) -> set[str]:
    """The tables a table's rows refer to, directly or through them (projects: enterprises)."""
    out: set[str] = set()
    todo = list(_referenced(table))
    while todo:
        name = todo.pop()
        if name not in out and name != table.name:
            out.add(name)
            todo += _referenced(TABLES_BY_NAME[name])
    return out


def _referencing(name: str) -> set[str]:
    """Tables whose rows refer to the named table."""
    return {t.name for t in TABLES if name in _referenced(t)}


def _closure(name: str) -> set[str]:
    """The tables a check of the named table with everything that refers to it needs."""
    out = {name} | _needs(TABLES_BY_NAME[name])
    for other in _referencing(name):
        out |= {other} | _needs(TABLES_BY_NAME[other])
    return out


def _header_only(table: Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow([c.name for c in table.columns])


class Store:
    """One landing store folder."""

    def __init__(self, root: Path | str = DEFAULT_STORE) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "files").mkdir(exist_ok=True)
        (self.root / "rows").mkdir(exist_ok=True)
        self.db_path = self.root / "intake.sqlite"
        with self._db() as db:
            db.executescript(_SCHEMA)

    # --- plumbing --------------------------------------------------------------------

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.db_path, timeout=60, isolation_level=None)
        db.row_factory = sqlite3.Row
        # WAL: readers (the console, status) never wait for a submission being written
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        try:
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def _lock(self, shared: bool = False) -> Iterator[None]:
        """Submissions, explanations and clearances take turns; reading the accepted state shares."""
        with (self.root / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _keep_file(self, path: Path) -> tuple[str, Path]:
        """Copy the file, as received, to files/<sha256><suffix> (once per content)."""
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        sha = digest.hexdigest()
        target = self.root / "files" / f"{sha}{path.suffix.lower()}"
        if not target.exists():
            tmp = target.with_name(target.name + ".part")
            shutil.copyfile(path, tmp)
            tmp.replace(target)
        return sha, target

    # --- the accepted state ------------------------------------------------------------

    def _accepted_sources(self, db: sqlite3.Connection, table: Table) -> list[tuple[int, list[str] | None]]:
        """(submission id, periods taken from it, None = all its rows) making up the table as accepted."""
        subs = db.execute(
            "SELECT id, periods FROM submissions WHERE table_name = ? AND state = 'accepted' ORDER BY id",
            [table.name],
        ).fetchall()
        if not subs:
            return []
        if table.mode == "table":
            return [(subs[-1]["id"], None)]
        latest: dict[str, int] = {}
        for s in subs:
            for p in json.loads(s["periods"]):
                latest[p] = s["id"]
        by_sub: dict[int, list[str]] = {}
        for p, sid in sorted(latest.items()):
            by_sub.setdefault(sid, []).append(p)
        return sorted(by_sub.items())

    def _accepted_select(self, table: Table, sources: list[tuple[int, list[str] | None]]) -> str | None:
        """SQL selecting the table's accepted rows (contract columns, then _period, _row), or None if none."""
        if not sources:
            return None
        parts = []
        for sid, periods in sources:
            path = str(self.root / "rows" / f"{sid}.parquet").replace("'", "''")
            where = ""
            if periods is not None:
                where = " WHERE _period IN (" + ", ".join("'" + p.replace("'", "''") + "'" for p in periods) + ")"
            parts.append(f"SELECT * FROM read_parquet('{path}'){where}")
        # extra columns (enterprises.consent_public) travel with the rows; files may differ in them
        return " UNION ALL BY NAME ".join(parts)

    def _write_table(
        self, con: duckdb.DuckDBPyConnection, db: sqlite3.Connection, table: Table, out: Path, only: str | None = None
    ) -> None:
        """Write the accepted rows of a table to out (CSV with the contract's headers)."""
        select = self._accepted_select(table, self._accepted_sources(db, table))
        if select is None:
            _header_only(table, out)
            return
        where = f" WHERE {only}" if only else ""
        target = str(out).replace("'", "''")
        con.execute(
            f"COPY (SELECT * EXCLUDE (_period, _row) FROM ({select}){where} ORDER BY _period NULLS FIRST, _row) TO '{target}' "
            "(FORMAT csv, HEADER true)"
        )

    def materialize(self, out_dir: Path | str, tables: set[str] | None = None) -> Path:
        """Write the build's input to out_dir: one CSV per contract table, from its latest accepted submissions.

        A table nobody has submitted yet is written with its header only. `tables` limits
        which tables get their rows (the others are header-only), for validation.
        """
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        with self._lock(shared=True), self._db() as db, duckdb.connect() as con:
            self._materialize(con, db, out, tables)
        return out

    def _materialize(
        self, con: duckdb.DuckDBPyConnection, db: sqlite3.Connection, out: Path, tables: set[str] | None
    ) -> None:
        for table in TABLES:
            path = out / f"{table.name}.csv"
            if tables is not None and table.name not in tables:
                _header_only(table, path)
            else:
                self._write_table(con, db, table, path)

    # --- submitting --------------------------------------------------------------------

    def submit(
        self,
        table_name: str,
        file: Path | str,
        by: str,
        explanations: dict[tuple[str, str], str] | None = None,
        file_name: str | None = None,
    ) -> SubmitResult:
        """Validate, review and record one file for one table; accepted, held or rejected.

        `explanations` maps (rule code, key) — key being the finding's spreadsheet row, or the
        enterprise id (matter code) of a finding without a row — to its 审核说明.
        """
        table = TABLES_BY_NAME.get(table_name)
        if table is None:
            raise IntakeError(code="unknown_table", table=table_name, tables=", ".join(TABLES_BY_NAME))
        file = Path(file)
        if not file.is_file():
            raise IntakeError(code="file_not_found", file=str(file))
        shown_name = file_name or file.name
        sha, stored = self._keep_file(file)
        with (
            self._lock(),
            self._db() as db,
            tempfile.TemporaryDirectory(prefix="intake_") as tmp,
            duckdb.connect() as con,
        ):
            errors, findings, rows, periods, new_rows = self._check(con, db, table, file, shown_name, Path(tmp))
            state = "rejected" if errors or any(f.level == review.ERROR for f in findings) else "held"
            if state == "held":
                notes = explanations or {}
                if all((f.rule, f.key) in notes for f in findings if f.level == review.QUERY):
                    state = "accepted"
            sid = self._record(
                db, table, shown_name, sha, stored, by, periods, rows, state, errors, findings, explanations or {}
            )
            if new_rows is not None and state != "rejected":
                target = self.root / "rows" / f"{sid}.parquet"
                con.execute(f"COPY ({new_rows}) TO '{str(target).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)")
                self._supersede(db, table, sid, periods)
                db.execute("UPDATE submissions SET state = ? WHERE id = ?", [state, sid])
        result = SubmitResult(
            sid, table.name, state, rows, periods, errors, [f.as_json() | {"explanation": None} for f in findings]
        )
        for f in result.findings:
            f["explanation"] = (explanations or {}).get((f["rule"], f["key"]))
        audit.record(
            "submit",
            by,
            what=f"{table.name}: {shown_name}",
            rows=rows,
            submission=sid,
            state=state,
            periods=",".join(periods) or None,
            sha256=sha,
            errors=len(errors),
            findings=len(findings),
        )
        for (rule, key), text in (explanations or {}).items():
            if any(f.rule == rule and f.key == key for f in findings):
                audit.record("explain", by, what=f"{table.name} #{sid} {rule}:{key}", submission=sid, text=text)
        return result

    def _record(
        self,
        db: sqlite3.Connection,
        table: Table,
        file_name: str,
        sha: str,
        stored: Path,
        by: str,
        periods: list[str],
        rows: int,
        state: str,
        errors: list[dict],
        findings: list[review.Finding],
        explanations: dict[tuple[str, str], str],
    ) -> int:
        """Insert the submission (state 'pending' until its rows are written, for a non-rejected one)."""
        now = _now()
        db.execute("BEGIN IMMEDIATE")
        try:
            cur = db.execute(
                "INSERT INTO submissions (table_name, file_name, sha256, stored, submitted_by, submitted_at, mode, "
                "periods, rows, state, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    table.name,
                    file_name,
                    sha,
                    str(stored.relative_to(self.root)),
                    by,
                    now,
                    table.mode,
                    json.dumps(periods),
                    rows,
                    "rejected" if state == "rejected" else "pending",
                    json.dumps(errors, ensure_ascii=False),
                ],
            )
            sid = int(cur.lastrowid)
            for seq, f in enumerate(findings):
                note = explanations.get((f.rule, f.key)) if f.level == review.QUERY else None
                db.execute(
                    "INSERT INTO findings (submission_id, seq, rule, name, level, row, enterprise_id, period, key, "
                    "message, detail, explanation, explained_by, explained_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        sid,
                        seq,
                        f.rule,
                        f.name,
                        f.level,
                        f.row,
                        f.enterprise_id,
                        f.period,
                        f.key,
                        f.message,
                        json.dumps(f.values, ensure_ascii=False, default=str),
                        note,
                        by if note else None,
                        now if note else None,
                    ],
                )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return sid

    def _supersede(self, db: sqlite3.Connection, table: Table, sid: int, periods: list[str]) -> None:
        """A held submission whose periods the new one covers no longer waits for review."""
        held = db.execute(
            "SELECT id, periods FROM submissions WHERE table_name = ? AND state = 'held' AND id < ?", [table.name, sid]
        ).fetchall()
        for h in held:
            if table.mode == "table" or set(json.loads(h["periods"])) <= set(periods):
                db.execute(
                    "UPDATE submissions SET state = 'superseded', decided_at = ? WHERE id = ?", [_now(), h["id"]]
                )

    @staticmethod
    def _as_received(p: Problem, table: Table, suffix: str, shown_name: str) -> dict:
        """A problem of the submitted file named by the file's own name (the others as they are)."""
        out = _problem_json(p)
        checked = f"{table.name}{suffix}"
        if p.file == checked:
            out["file"] = shown_name
            out["text"] = shown_name + out["text"][len(checked) :]
        return out

    def _check(
        self,
        con: duckdb.DuckDBPyConnection,
        db: sqlite3.Connection,
        table: Table,
        file: Path,
        shown_name: str,
        tmp: Path,
    ) -> tuple[list[dict], list[review.Finding], int, list[str], str | None]:
        """Validate and review a file: (errors, findings, rows, periods, SQL of the new rows or None)."""
        suffix = file.suffix.lower()
        if suffix not in SUFFIXES:
            code, fields = ("store.suffix", {"suffix": suffix}) if suffix else ("store.no_suffix", {})
            return [_problem_json(Problem(shown_name, None, None, None, code=code, fields=fields))], [], 0, [], None
        # 1. the file as received, beside the accepted tables it refers to (the others empty)
        first = tmp / "file"
        first.mkdir()
        needed = _needs(table)
        for other in TABLES:
            if other.name == table.name:
                shutil.copyfile(file, first / f"{table.name}{suffix}")
            elif other.name in needed:
                self._write_table(con, db, other, first / f"{other.name}.csv")
            else:
                _header_only(other, first / f"{other.name}.csv")
        try:
            load_raw(first, con)
        except IngestError as exc:
            errors = [self._as_received(p, table, suffix, shown_name) for p in exc.problems]
            return errors, [], 0, _periods_in(first / f"{table.name}{suffix}", table), None
        # spreadsheet rows: the ingest keeps the file's order and drops wholly empty rows, as read_table_file does
        n = con.execute(f'SELECT count(*) FROM raw."{table.name}"').fetchall()[0][0]
        try:
            index = [int(i) for i in read_table_file(first / f"{table.name}{suffix}").index]
        except IngestError:
            index = []
        if len(index) != n:
            index = list(range(2, n + 2))
        con.execute("CREATE OR REPLACE TEMP TABLE _rows (_ord BIGINT, _row BIGINT)")
        con.executemany("INSERT INTO _rows VALUES (?, ?)", [[k, r] for k, r in enumerate(index)])
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE sub AS SELECT t.* EXCLUDE (_ord), {period_sql(table)} AS _period, r._row "
            f'FROM (SELECT *, row_number() OVER () - 1 AS _ord FROM raw."{table.name}") t JOIN _rows r USING (_ord) '
            "ORDER BY r._row"
        )
        periods = [
            p
            for (p,) in con.execute("SELECT DISTINCT _period FROM sub WHERE _period IS NOT NULL ORDER BY 1").fetchall()
        ]
        accepted = self._accepted_select(table, self._accepted_sources(db, table))
        keep = "false" if table.mode == "table" or accepted is None else "_period NOT IN (SELECT _period FROM sub)"
        empty = "SELECT * FROM sub WHERE false"
        con.execute(f"CREATE OR REPLACE TEMP TABLE prior AS SELECT * FROM ({accepted or empty}) WHERE {keep}")
        con.execute("CREATE OR REPLACE TEMP VIEW merged AS SELECT * FROM prior UNION ALL BY NAME SELECT * FROM sub")
        # 2. what refers to this table must still find it: the merged table beside the accepted rest
        referencing = _referencing(table.name)
        if referencing and any(self._accepted_sources(db, TABLES_BY_NAME[r]) for r in referencing):
            second = tmp / "merged"
            second.mkdir()
            self._materialize(con, db, second, _closure(table.name))
            con.execute(
                f"COPY (SELECT * EXCLUDE (_period, _row) FROM merged) TO '{second / (table.name + '.csv')}' (FORMAT csv, HEADER)"
            )
            check = duckdb.connect()
            try:
                load_raw(second, check)
            except IngestError as exc:
                return [_problem_json(p) for p in exc.problems], [], n, periods, None
            finally:
                check.close()
        findings = review.run_rules(con, table.name)
        return [], findings, n, periods, "SELECT * FROM sub ORDER BY _row"

    def seed(self, table_name: str, con: duckdb.DuckDBPyConnection, select: str, by: str, at) -> list[int]:
        """Record rows already validated (the demo's history) as accepted submissions, one per period.

        `select` is SQL on `con` giving the table's contract columns in file order; each
        period's file kept is its rows as a CSV with the contract's headers; `at(period)` dates
        it. A whole table is one submission. Returns the ids.
        """
        table = TABLES_BY_NAME[table_name]
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _seed AS SELECT * EXCLUDE (_ord), {period_sql(table)} AS _period, "
            f"row_number() OVER (PARTITION BY {period_sql(table)} ORDER BY _ord) + 1 AS _row "
            f"FROM (SELECT *, row_number() OVER () AS _ord FROM ({select})) ORDER BY _period, _row"
        )
        periods = [p for (p,) in con.execute("SELECT DISTINCT _period FROM _seed ORDER BY 1").fetchall()]
        ids = []
        with self._lock(), self._db() as db, tempfile.TemporaryDirectory(prefix="intake_") as tmp:
            for period in periods:
                where = "_period IS NULL" if period is None else f"_period = '{period}'"
                name = f"{table.name}.csv" if period is None else f"{table.name}_{period}.csv"
                path = Path(tmp) / name
                con.execute(
                    f"COPY (SELECT * EXCLUDE (_period, _row) FROM _seed WHERE {where} ORDER BY _row) TO '{path}' (FORMAT csv, HEADER true)"
                )
                sha, stored = self._keep_file(path)
                rows = con.execute(f"SELECT count(*) FROM _seed WHERE {where}").fetchall()[0][0]
                sid = self._record(
                    db, table, name, sha, stored, by, [] if period is None else [period], rows, "accepted", [], [], {}
                )
                target = self.root / "rows" / f"{sid}.parquet"
                con.execute(f"COPY (SELECT * FROM _seed WHERE {where} ORDER BY _row) TO '{target}' (FORMAT parquet)")
                db.execute(
                    "UPDATE submissions SET state = 'accepted', submitted_at = ? WHERE id = ?", [at(period), sid]
                )
                ids.append(sid)
        con.execute("DROP TABLE _seed")
        return ids

    def set_time(self, sid: int, at: str) -> None:
        """Date a submission (the demo dates its history as the months it stands for)."""
        with self._lock(), self._db() as db:
            db.execute("UPDATE submissions SET submitted_at = ? WHERE id = ?", [at, sid])
            db.execute(
                "UPDATE findings SET explained_at = CASE WHEN explained_at IS NULL THEN NULL ELSE ? END "
                "WHERE submission_id = ?",
                [at, sid],
            )

    # --- review ------------------------------------------------------------------------

    def explain(self, submission_id: int, rule: str, key: str, text: str, by: str) -> str:
        """Store the 审核说明 of one finding; the submission is accepted once every 疑问 is answered.

        Returns the submission's state after it.
        """
        return self._answer(submission_id, rule, key, by, text=text)

    def clear(self, submission_id: int, rule: str, key: str, by: str) -> str:
        """A reviewer clears one finding without an explanation; returns the submission's state."""
        return self._answer(submission_id, rule, key, by, text=None)

    def _answer(self, sid: int, rule: str, key: str, by: str, text: str | None) -> str:
        if text is not None and not text.strip():
            raise IntakeError(code="empty_explanation")
        with self._lock(), self._db() as db:
            sub = db.execute("SELECT table_name, state FROM submissions WHERE id = ?", [sid]).fetchone()
            if sub is None:
                raise IntakeError(code="no_submission", id=sid)
            if sub["state"] != "held":
                state = sub["state"]
                said = {"en": state, "zh": tr("zh", f"in.state.{state}")}
                raise IntakeError(code="not_held", id=sid, state=said)
            now = _now()
            db.execute("BEGIN IMMEDIATE")
            try:
                if text is not None:
                    cur = db.execute(
                        "UPDATE findings SET explanation = ?, explained_by = ?, explained_at = ? "
                        "WHERE submission_id = ? AND rule = ? AND key = ? AND level = ?",
                        [text.strip(), by, now, sid, rule, str(key), review.QUERY],
                    )
                else:
                    cur = db.execute(
                        "UPDATE findings SET cleared_by = ?, cleared_at = ? "
                        "WHERE submission_id = ? AND rule = ? AND key = ? AND level = ?",
                        [by, now, sid, rule, str(key), review.QUERY],
                    )
                if cur.rowcount == 0:
                    raise IntakeError(code="no_finding", id=sid, rule=rule, subject=key)
                open_ = db.execute(
                    "SELECT count(*) FROM findings WHERE submission_id = ? AND level = ? "
                    "AND explanation IS NULL AND cleared_by IS NULL",
                    [sid, review.QUERY],
                ).fetchone()[0]
                state = "held"
                if open_ == 0:
                    state = "accepted"
                    db.execute(
                        "UPDATE submissions SET state = 'accepted', decided_by = ?, decided_at = ? WHERE id = ?",
                        [by, now, sid],
                    )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        what = f"{sub['table_name']} #{sid} {rule}:{key}"
        if text is not None:
            audit.record("explain", by, what=what, submission=sid, text=text.strip(), state=state)
        else:
            audit.record("clear", by, what=what, submission=sid, state=state)
        return state

    # --- reading -----------------------------------------------------------------------

    def held(self) -> list[dict]:
        """Submissions held for review (a publish waits while there is one), oldest first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT s.id, s.table_name, s.file_name, s.submitted_by, s.submitted_at, s.periods, s.rows, "
                "(SELECT count(*) FROM findings f WHERE f.submission_id = s.id AND f.level = ? "
                " AND f.explanation IS NULL AND f.cleared_by IS NULL) AS open "
                "FROM submissions s WHERE s.state = 'held' ORDER BY s.id",
                [review.QUERY],
            ).fetchall()
        return [
            {
                "id": r["id"],
                "table": r["table_name"],
                "file": r["file_name"],
                "by": r["submitted_by"],
                "at": r["submitted_at"],
                "periods": json.loads(r["periods"]),
                "rows": r["rows"],
                "open_findings": r["open"],
            }
            for r in rows
        ]

    def submissions(self, table: str | None = None, limit: int = 200) -> list[dict]:
        """The latest submissions, newest first."""
        sql = "SELECT * FROM submissions" + (" WHERE table_name = ?" if table else "") + " ORDER BY id DESC LIMIT ?"
        with self._db() as db:
            rows = db.execute(sql, [table, limit] if table else [limit]).fetchall()
        return [self._row_json(r) for r in rows]

    def submission(self, sid: int) -> dict:
        """One submission with its findings."""
        with self._db() as db:
            r = db.execute("SELECT * FROM submissions WHERE id = ?", [sid]).fetchone()
            if r is None:
                raise IntakeError(code="no_submission", id=sid)
            fs = db.execute("SELECT * FROM findings WHERE submission_id = ? ORDER BY seq", [sid]).fetchall()
        out = self._row_json(r)
        out["findings"] = [self._finding_json(f) for f in fs]
        return out

    @staticmethod
    def _row_json(r: sqlite3.Row) -> dict:
        return _as_json(r, {"table_name": "table", "file_name": "file", "submitted_by": "by", "submitted_at": "at"})

    @staticmethod
    def _finding_json(f: sqlite3.Row) -> dict:
        return _as_json(f, {"detail": "values"}, drop=("submission_id", "seq"))

    def status(self, period: str) -> dict:
        """The 报送情况 of one month: every table's latest submission covering it, 缺报, 新进规, held."""
        year = period[:4]
        tables: dict[str, dict] = {}
        with self._db() as db:
            for table in TABLES:
                wanted = None if table.mode == "table" else (period if table.mode == "month" else year)
                rows = db.execute(
                    "SELECT * FROM submissions WHERE table_name = ? AND state != 'superseded' ORDER BY id DESC",
                    [table.name],
                ).fetchall()
                # the latest accepted or held file stands; a rejected one shows only when nothing else was handed
                # in (it counts for the periods its well-formed cells name, see _periods_in)
                covering = [r for r in rows if wanted is None or wanted in json.loads(r["periods"])]
                latest = next((r for r in covering if r["state"] != "rejected"), covering[0] if covering else None)
                tables[table.name] = (
                    {"state": "missing", "by": None, "at": None, "rows": 0, "id": None, "file": None}
                    if latest is None
                    else {
                        "state": latest["state"],
                        "by": latest["submitted_by"],
                        "at": latest["submitted_at"],
                        "rows": latest["rows"],
                        "id": latest["id"],
                        "file": latest["file_name"],
                    }
                )
            lists: dict[str, list[str]] = {"IM06": [], "IM07": []}
            im = tables["industrial_monthly"]
            if im["id"] is not None and im["state"] in ("accepted", "held"):
                for f in db.execute(
                    "SELECT rule, enterprise_id FROM findings WHERE submission_id = ? AND period = ? "
                    "AND rule IN ('IM06', 'IM07') ORDER BY seq",
                    [im["id"], period],
                ).fetchall():
                    lists[f["rule"]].append(f["enterprise_id"])
        return {
            "period": period,
            "tables": tables,
            "missing_reporters": lists["IM06"],
            "new_reporters": lists["IM07"],
            "held": self.held(),
        }


_JSON_COLUMNS = ("periods", "errors", "detail")


def _as_json(row: sqlite3.Row, names: dict[str, str], drop: tuple[str, ...] = ()) -> dict:
    """A database row as a dict: columns renamed as `names` says, JSON columns parsed."""
    keys = row.keys()  # a sqlite3.Row iterates over its values, not its keys
    return {names.get(k, k): json.loads(row[k]) if k in _JSON_COLUMNS else row[k] for k in keys if k not in drop}


def _periods_in(path: Path, table: Table) -> list[str]:
    """The periods a file the contract rejected seems to hold (its well-formed period cells), for the board."""
    if table.mode == "table" or table.period_column is None:
        return []
    col = table.column(table.period_column)
    try:
        frame = read_table_file(path)
    except IngestError:
        return []
    wanted = {col.name.lower(), col.alias.lower()}
    column = next((c for c in frame.columns if str(c).lower() in wanted), None)
    if column is None:
        return []
    cells = frame[column].dropna().astype(str)
    pattern = {"month": r"^\d{4}-(0[1-9]|1[0-2])", "year": r"^\d{4}$"}[table.mode]
    found = cells[cells.str.match(pattern)].str[: 7 if table.mode == "month" else 4]
    return sorted(set(found))


def parse_explanations(items: list[str]) -> dict[tuple[str, str], str]:
    """`RULE:KEY=TEXT` strings (the CLI's --explain) as {(rule, key): text}."""
    out: dict[tuple[str, str], str] = {}
    for item in items:
        head, sep, text = item.partition("=")
        rule, colon, key = head.partition(":")
        if not sep or not colon or not rule.strip() or not key.strip() or not text.strip():
            raise IntakeError(code="bad_explain", item=item)
        out[(rule.strip(), key.strip())] = text.strip()
    return out
