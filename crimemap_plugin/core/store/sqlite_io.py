"""How the GeoPackage store talks to SQLite in bulk: its page cache, and many rows an INSERT statement
(the same rows in the same order as one a statement, a third faster)."""

from itertools import chain, islice

from ..errors import Cancelled
from .tables import marks

CHUNK = 50_000
ROWS_PER_STATEMENT = 32   # rows an INSERT writes at once (the fewest statements for the least binding)
MAX_VARIABLES = 999       # values one statement may bind on every SQLite QGIS ships
CACHE_KIB = 65_536        # SQLite page cache (KiB)


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
