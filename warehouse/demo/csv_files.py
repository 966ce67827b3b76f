"""CSV output: one UTF-8 file per contract table, in the contract's column order and formats."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from warehouse.contract import TABLES_BY_NAME


def arrow_column(kind: str, values: np.ndarray | pa.Array) -> pa.Array:
    """One column as an Arrow array whose CSV text follows the contract's formats."""
    if isinstance(values, pa.Array):
        return values
    v = np.asarray(values)
    if kind in ("date",):
        return pa.array(v.astype("datetime64[D]"), from_pandas=True)
    if kind == "timestamp":
        return pa.array(v.astype("datetime64[s]"), from_pandas=True)
    if kind == "money":
        return pc.cast(pa.array(v.astype(float), from_pandas=True), pa.decimal128(18, 2), safe=False)
    if kind in ("int",):
        return pa.array(v.astype(float), from_pandas=True).cast(pa.int64())
    if kind == "bool":
        return pa.array(v.astype(bool))
    if v.dtype == object:
        return pa.array(v.tolist(), type=pa.string())
    if v.dtype.kind in "fiu" and kind == "number":
        return pa.array(v.astype(float), from_pandas=True)
    return pa.array(v.astype(str), type=pa.string())


# Numbers written with fixed decimals, as the statistics publish them (no binary float noise).
NUMBER_DECIMALS = {("industry_prices", "ppi_yoy"): 1, ("industry_prices", "va_rate"): 4, ("targets", "target"): 0}


def write_csv(path: Path, table: str, columns: dict[str, np.ndarray]) -> int:
    """Write one table in contract column order (extra columns after); return its row count."""
    spec = TABLES_BY_NAME[table]
    names = [c.name for c in spec.columns]
    missing = set(names) - set(columns)
    if missing:
        raise KeyError(f"{table}: generator is missing {sorted(missing)}")
    arrays, fields = [], []
    for col in spec.columns:
        kind = col.kind
        values = columns[col.name]
        if kind == "number" and (table, col.name) in NUMBER_DECIMALS:
            d = NUMBER_DECIMALS[(table, col.name)]
            arr = pc.cast(pa.array(np.asarray(values, dtype=float)), pa.decimal128(18, d), safe=False)
            if d == 0:
                arr = arr.cast(pa.int64())
        else:
            arr = arrow_column(kind, values)
        arrays.append(arr)
        fields.append(col.name)
    for extra, values in columns.items():
        if extra not in names:
            arrays.append(arrow_column("bool" if np.asarray(values).dtype == bool else "text", values))
            fields.append(extra)
    t = pa.table(arrays, names=fields)
    # Arrow quotes header names whatever the quoting style; spreadsheets' exports do not.
    with path.open("wb") as f:
        f.write((",".join(fields) + "\n").encode("utf-8"))
        pacsv.write_csv(t, f, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    return t.num_rows
