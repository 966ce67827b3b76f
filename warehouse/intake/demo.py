"""`python -m warehouse demo-store`: fill a landing store with the demo's history.

The demo folder (python -m warehouse demo-data) is validated once, as a build would; every
month before the last is then recorded as the office's accepted submission of that month
(whole tables once, year tables once a year), dated in the month after. The last month goes
through the real path (Store.submit, validation and review): first a file of 规上工业月报
with a thousands separator the contract refuses (rejected), then the corrected file as a
GBK CSV with Chinese headers, its 疑问 explained; the project office's and the services
centre's files of the month likewise.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

import duckdb

from warehouse.contract import TABLES, TABLES_BY_NAME
from warehouse.ingest import load_raw
from warehouse.intake.offices import DEMO_STEWARDS, office_of
from warehouse.intake.store import Store, period_sql

# 审核说明 the demo's stewards write, per rule
EXPLANATIONS = {
    "IM01": "企业新增产线投产（或检修停线），产值波动属实，已电话核实。",
    "IM02": "企业订单变化较大，同比波动属实，已与企业财务核实。",
    "IM03": "企业当月集中确认上月订单收入，营收与产值比例波动属实。",
    "IM05": "企业本月停产检修，产值为零属实。",
    "IM06": "企业本月停产，已联系企业，下月恢复报送。",
    "IM07": "本月新纳入规上工业企业名录（新进规），已核对入库批复。",
    "PI01": "项目设备集中采购到货，已核对发票和合同。",
    "PI02": "项目已申请调增概算，调整批复在办。",
    "SC02": "该事项办理系统升级，当月办理时长增加导致评价下降，已整改。",
}
# the live submissions of the last month: (table, file kind)
LIVE = ("industrial_monthly", "project_investment", "service_cases")


def _at(period: str, day: int = 8, hour: int = 10) -> str:
    """A time in the month after `period` ('YYYY-MM' or 'YYYY'), when its files were handed in."""
    year, month = (int(period[:4]), int(period[5:7])) if len(period) > 4 else (int(period) - 1, 12)
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:00:00Z"


def _write(con: duckdb.DuckDBPyConnection, table: str, period: str, path: Path, chinese_gbk: bool) -> None:
    """The month's rows of a table as a file: UTF-8 with contract names, or GBK with the Chinese headers."""
    t = TABLES_BY_NAME[table]
    rows = con.execute(
        f'SELECT * FROM raw."{table}" WHERE {period_sql(t)} = ?',
        [period],
    ).fetchall()
    with path.open("w", encoding="gbk" if chinese_gbk else "utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([c.alias if chinese_gbk else c.name for c in t.columns])
        for r in rows:
            w.writerow(["" if v is None else _text(v) for v in r[: len(t.columns)]])


def _text(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, float):
        return repr(v)
    return str(v)


def fill(raw_dir: Path, store_root: Path) -> dict:
    """Fill store_root (emptied first) from the demo folder raw_dir; counts of what was recorded."""
    raw_dir, store_root = Path(raw_dir), Path(store_root)
    for old in ("intake.sqlite",):
        (store_root / old).unlink(missing_ok=True)
    for sub in ("files", "rows"):
        for p in (store_root / sub).glob("*") if (store_root / sub).is_dir() else ():
            p.unlink()
    store = Store(store_root)
    con = duckdb.connect()
    load_raw(raw_dir, con)
    last = con.execute("SELECT max(period) FROM raw.industrial_monthly").fetchall()[0][0]
    seeded = 0
    for table in TABLES:
        by = DEMO_STEWARDS[office_of(table.name)]
        select = f'SELECT * FROM raw."{table.name}"'
        if table.name in LIVE:
            select += f" WHERE {period_sql(table)} != '{last}'"
        seeded += len(store.seed(table.name, con, select, by, lambda p: _at(p or "2022-12", 3 if p is None else 8)))
    live = {}
    with tempfile.TemporaryDirectory(prefix="demo_store_") as tmp:
        tmp = Path(tmp)
        # the statistics office's first try: a thousands separator in one cell
        good = tmp / f"规上工业月报_{last}.csv"
        _write(con, "industrial_monthly", last, good, chinese_gbk=True)
        lines = good.read_bytes().decode("gbk").splitlines()
        cells = lines[1].split(",")
        cells[2] = '"' + f"{float(cells[2]):,.2f}" + '"'
        lines[1] = ",".join(cells)
        bad = tmp / f"规上工业月报_{last}_初稿.csv"
        bad.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
        by = DEMO_STEWARDS[office_of("industrial_monthly")]
        r = store.submit("industrial_monthly", bad, by)
        store.set_time(r.id, _at(last, 6, 9))
        live["rejected"] = r.id
        for day, table in enumerate(LIVE, start=7):
            path = good if table == "industrial_monthly" else tmp / f"{TABLES_BY_NAME[table].title}_{last}.csv"
            if table != "industrial_monthly":
                _write(con, table, last, path, chinese_gbk=False)
            by = DEMO_STEWARDS[office_of(table)]
            first = store.submit(table, path, by)
            if first.state == "held":
                # the steward answers every 疑问 in the console
                for f in first.findings:
                    if f["level"] == "疑问":
                        store.explain(
                            first.id, f["rule"], f["key"], EXPLANATIONS.get(f["rule"], "已核实，数据属实。"), by
                        )
            store.set_time(first.id, _at(last, day, 10))
            live[table] = (first.state, len(first.findings))
    con.close()
    return {"seeded": seeded, "last_period": last, "live": live}
