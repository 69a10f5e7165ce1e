"""PostgreSQL's COPY formats for the PostGIS store: the text format the points are written in (hex
EWKB geometry, escaped values) and the binary format millions of coordinates are read back in."""

import io
import struct

import numpy as np
import pandas as pd

from ..errors import StoreError


def escape(values) -> list:
    """COPY text format for a column: backslash, tab, newline and carriage return escaped; None -> \\N."""
    values = [None if v is None or v != v else str(v) for v in values]
    joined = "\x00".join(v for v in values if v is not None)
    if any(ch in joined for ch in "\\\t\n\r"):
        values = [None if v is None else v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                  .replace("\r", "\\r") for v in values]
    return ["\\N" if v is None else v for v in values]


_EWKB = np.dtype([("order", "u1"), ("type", "<u4"), ("srid", "<u4"), ("x", "<f8"), ("y", "<f8")])


def ewkb_points_hex(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Hex EWKB of SRID 4326 points, as COPY's text format takes a geometry; "\\N" where NaN."""
    rec = np.zeros(len(lon), dtype=_EWKB)
    rec["order"], rec["type"], rec["srid"], rec["x"], rec["y"] = 1, 0x20000001, 4326, lon, lat
    hexed = np.frombuffer(rec.tobytes().hex().upper().encode(), dtype=f"S{2 * _EWKB.itemsize}").astype(str)
    return np.where(np.isnan(lon) | np.isnan(lat), "\\N", hexed)


def copy_text(frame: pd.DataFrame, names, import_id: int, first_fid: int) -> str:
    n = len(frame)
    columns = [[str(i) for i in range(first_fid, first_fid + n)],
               ewkb_points_hex(frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float))]
    for c in names:
        columns.append(escape(frame[c].tolist()) if c in frame else ["\\N"] * n)
    columns.append([str(int(import_id))] * n)
    lines = ["\t".join(row) for row in zip(*columns)]
    return "\n".join(lines) + ("\n" if lines else "")


def copy_floats(conn, sql: str, ncols: int) -> list:
    """Columns of float8 from a query, through COPY's binary format (fast for millions of rows)."""
    buf = io.BytesIO()
    with conn.cursor() as cur:
        cur.copy_expert(f"COPY ({sql}) TO STDOUT WITH (FORMAT binary)", buf)
    data = buf.getvalue()
    header = 11 + 4 + 4 + struct.unpack_from(">I", data, 15)[0]
    body = data[header:-2]   # the trailer is a field count of -1
    row = np.dtype([("count", ">i2")] + [(f"l{i}", ">i4") if j == 0 else (f"v{i}", ">f8")
                                           for i in range(ncols) for j in (0, 1)])
    if len(body) % row.itemsize:
        raise StoreError("unexpected answer from the database while reading points")
    rec = np.frombuffer(body, dtype=row)
    return [rec[f"v{i}"].astype(np.float64) for i in range(ncols)]
