"""How the GeoPackage store talks to SQLite in bulk: its page cache, many rows an INSERT statement
(the same rows in the same order as one a statement, a third faster), and whole columns bound as one
value each for SQLite to take apart."""

from itertools import chain, islice

import numpy as np

from ..errors import Cancelled
from .tables import marks

CHUNK = 50_000
ROWS_PER_STATEMENT = 32   # rows an INSERT writes at once (the fewest statements for the least binding)
MAX_VARIABLES = 999       # values one statement may bind on every SQLite QGIS ships
CACHE_KIB = 65_536        # SQLite page cache (KiB)
SEPARATOR = "\x1f"        # joins one chunk's texts of a column into one value (ASCII's unit separator)
OFFSET_DIGITS = 10        # an offset into such a value, written as this many decimal digits
PACKED = True             # columns written packed by insert_columns (False: every value bound on its own)


def insert_rows(conn, head: str, width: int, rows, cancelled=None, what: str = "") -> None:
    """`head` (INSERT INTO table [(columns)]) for every row of `rows` (tuples of `width` values), many
    rows a statement: one statement per row costs a third more. Rows go in in their order, so the
    file is the same either way; `cancelled` is asked between chunks."""
    per = ROWS_PER_STATEMENT if ROWS_PER_STATEMENT * width <= MAX_VARIABLES else max(1, MAX_VARIABLES // width)
    one = f"({marks(width)})"
    many = f"{head} VALUES {','.join([one] * per)}"
    rows = iter(rows)
    while True:
        if cancelled and cancelled():
            raise Cancelled(f"cancelled while writing {what}")
        chunk = list(islice(rows, CHUNK))
        if not chunk:
            return
        whole = len(chunk) // per * per
        if per > 1 and whole:
            conn.executemany(many, [tuple(chain.from_iterable(chunk[i:i + per])) for i in range(0, whole, per)])
        else:
            whole = 0
        if whole < len(chunk):
            conn.executemany(f"{head} VALUES {one}", chunk[whole:])


class Blobs:
    """A column of blobs of `size` bytes each, end to end in `data`; NULL where `missing` (a bool array,
    whose rows' bytes in `data` are never read)."""

    def __init__(self, data: bytes, size: int, missing: np.ndarray):
        self.data, self.size, self.missing = data, size, np.asarray(missing, dtype=bool)

    def chunk(self, start: int, end: int):
        return self.data[start * self.size:end * self.size], self.missing[start:end].astype(np.uint8).tobytes()

    def values(self, start: int, end: int) -> list:
        data, size = self.data, self.size
        return [None if gone else data[i * size:(i + 1) * size]
                for i, gone in zip(range(start, end), self.missing[start:end].tolist())]


def insert_columns(conn, table: str, first_fid: int, columns: dict, count: int, cancelled=None,
                   what: str = "") -> None:
    """Rows fid `first_fid`.. of `table`, one per value of `columns` (column name: a list of `count`
    values, or Blobs), in order, one statement per CHUNK rows. Each column goes in as one bound value
    that SQLite takes apart: a text column's values joined, with the offset where each starts; a column
    with one value, that value; Blobs, their bytes and a NULL mask. No value is bound on its own, and
    SQLite's share of the work, which lets go of Python's lock, overlaps work in other threads (the
    import's parse of its next file). A chunk with a column that cannot be so packed (a value other than
    text, or one holding the separator) is written by insert_rows. The file is the same either way."""
    names = ", ".join(f'"{c}"' for c in columns)
    packed = PACKED and conn.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"
    for start in range(0, count, CHUNK):
        if cancelled and cancelled():
            raise Cancelled(f"cancelled while writing {what}")
        end = min(count, start + CHUNK)
        statement = _packed_insert(table, names, first_fid + start, columns, start, end) if packed else None
        if statement:
            conn.execute(*statement)
            continue
        values = [c.values(start, end) if isinstance(c, Blobs) else c[start:end] for c in columns.values()]
        insert_rows(conn, f'INSERT INTO "{table}" (fid, {names})', len(columns) + 1,
                    zip(range(first_fid + start, first_fid + end), *values), None, what)


def _packed_insert(table: str, names: str, first_fid: int, columns: dict, start: int, end: int):
    """(sql, parameters) writing rows start..end of `columns` in one statement; None if one of the
    columns cannot be packed."""
    digits = OFFSET_DIGITS
    params = {"rows": end - start, "first": first_fid}
    exprs = []
    for k, column in enumerate(columns.values()):
        key = f"c{k}"
        if isinstance(column, Blobs):
            params[key], params[f"{key}m"] = column.chunk(start, end)
            size = column.size
            exprs.append(f"CASE WHEN substr(:{key}m, i + 1, 1) = x'01' THEN NULL "
                         f"ELSE substr(:{key}, i * {size} + 1, {size}) END")
            continue
        values = column[start:end]
        if values.count(values[0]) == len(values):
            params[key] = values[0]
            exprs.append(f":{key}")
            continue
        texts = _joined_texts(values)
        if texts is None:
            return None
        params[key], params[f"{key}o"] = texts
        begin = f"CAST(substr(:{key}o, i * {digits} + 1, {digits}) AS INTEGER)"
        after = f"CAST(substr(:{key}o, i * {digits} + {digits + 1}, {digits}) AS INTEGER)"
        exprs.append(f"CAST(substr(:{key}, {begin} + 1, {after} - {begin} - 1) AS TEXT)")
    # INSERT first, so that Python's sqlite3 sees the statement for what it is (and, outside a
    # transaction, opens one as for any other INSERT).
    sql = (f'INSERT INTO "{table}" (fid, {names}) '
           f"WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i + 1 < :rows) "
           f'SELECT :first + i, {", ".join(exprs)} FROM r')
    return sql, params


def _joined_texts(values: list):
    """The texts `values` joined by SEPARATOR as UTF-8, and the byte offset where each starts (with one
    past the end: where a next would start) as fixed-width decimal digits; None if a value is not text
    or holds the separator (no byte of another character's UTF-8 is the separator's)."""
    try:
        joined = SEPARATOR.join(values).encode("utf-8")
    except (TypeError, UnicodeEncodeError):
        return None
    seps = np.flatnonzero(np.frombuffer(joined, dtype=np.uint8) == ord(SEPARATOR))
    if len(seps) != len(values) - 1:
        return None
    starts = np.empty(len(values) + 1, dtype=np.int64)
    starts[0] = 0
    starts[1:-1] = seps + 1
    starts[-1] = len(joined) + 1
    powers = 10 ** np.arange(OFFSET_DIGITS - 1, -1, -1, dtype=np.int64)
    digits = (starts[:, None] // powers) % 10 + ord("0")
    return joined, digits.astype(np.uint8).tobytes()
