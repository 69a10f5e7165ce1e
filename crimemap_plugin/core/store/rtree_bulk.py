"""Bulk-load the R-tree of a GeoPackage point layer (Sort-Tile-Recursive), writing SQLite's R-tree
shadow tables directly.

Inserting points one by one into SQLite's R-tree costs several microseconds each, far more than the
row itself; a national month is half a million points. Packing the tree in one pass is more than ten
times faster and gives a better tree. The node layout is SQLite's documented R-tree format: a 4-byte
header (tree depth on the root, then the cell count, big-endian) and 24-byte cells (big-endian 64-bit
id, then min x, max x, min y, max y as 32-bit floats, rounded outwards), padded to the node size.
`SELECT rtreecheck(...)` verifies the result in the tests.
"""

import sqlite3

import numpy as np

from .sqlite_io import insert_rows

MAX_CELLS = 51                      # SQLite's RTREE_MAXCELLS
NODE_SIZE = 4 + 24 * MAX_CELLS      # min(page size - 64, 4 + 24 * 51) for pages of 2048 bytes or more
_CELL = np.dtype([("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"), ("maxy", ">f4")])


def _down(v: np.ndarray) -> np.ndarray:
    f = v.astype(np.float32)
    return np.where(f.astype(np.float64) > v, np.nextafter(f, np.float32(-np.inf)), f)


def _up(v: np.ndarray) -> np.ndarray:
    f = v.astype(np.float32)
    return np.where(f.astype(np.float64) < v, np.nextafter(f, np.float32(np.inf)), f)


def rounded_out(v) -> tuple:
    """(below, above): 64-bit values as the 32-bit floats an R-tree box stores, rounded outwards."""
    v = np.asarray(v, dtype=float)
    return _down(v), _up(v)


def _str_order(cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
    """Sort-Tile-Recursive order: vertical slices by x, each sorted by y (sorted in place: one array
    of indices)."""
    n = len(cx)
    pages = -(-n // MAX_CELLS)
    slices = max(1, int(np.ceil(np.sqrt(pages))))
    per_slice = slices * MAX_CELLS
    order = np.argsort(cx, kind="stable")
    for start in range(0, n, per_slice):
        part = order[start:start + per_slice]
        order[start:start + per_slice] = part[np.argsort(cy[part], kind="stable")]
    return order


def _blob(cells: np.ndarray, depth: int) -> bytes:
    body = cells.tobytes()
    return depth.to_bytes(2, "big") + len(cells).to_bytes(2, "big") + body + bytes(NODE_SIZE - 4 - len(body))


def load_points(conn: sqlite3.Connection, rtree: str, points: list) -> None:
    """load() for points given as a list [ids, x, y], which it empties: only 32-bit copies of the
    coordinates are kept while the tree is built."""
    ids, x, y = points
    points.clear()
    x0, x1 = _down(np.asarray(x, dtype=float)), _up(np.asarray(x, dtype=float))
    del x
    y0, y1 = _down(np.asarray(y, dtype=float)), _up(np.asarray(y, dtype=float))
    del y
    _load(conn, rtree, np.asarray(ids, dtype=np.int64), x0, x1, y0, y1)


def load_bounds(conn: sqlite3.Connection, rtree: str, ids, x0, x1, y0, y1) -> None:
    """load() for points whose boxes are already rounded outwards to 32 bits (rounded_out): nothing
    64-bit is made."""
    _load(conn, rtree, np.asarray(ids, dtype=np.int64), x0, x1, y0, y1, points=True)


def load(conn: sqlite3.Connection, rtree: str, ids, minx, maxx, miny, maxy, chunk_nodes: int = 4000) -> None:
    """Replace the content of R-tree `rtree` (which must exist) with the given boxes.

    The leaf level is written as it is built, a few thousand nodes at a time, so memory stays at a
    few arrays of the input's size. Nodes are numbered bottom-up; the root is node 1, as SQLite wants.
    """
    # Entries of the level being grouped: ids, and boxes rounded outwards to 32-bit floats.
    _load(conn, rtree, np.asarray(ids, dtype=np.int64),
          _down(np.asarray(minx, dtype=float)), _up(np.asarray(maxx, dtype=float)),
          _down(np.asarray(miny, dtype=float)), _up(np.asarray(maxy, dtype=float)), chunk_nodes)


def _load(conn, rtree, ids, x0, x1, y0, y1, chunk_nodes: int = 4000, points: bool = False) -> None:
    """`points`: the leaves are points (their boxes a float's rounding wide), ordered by their lower
    corner rather than by centres made for them."""
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    if page - 64 < NODE_SIZE:
        raise ValueError(f"page size {page} too small for bulk loading")
    for suffix in ("node", "parent", "rowid"):
        conn.execute(f'DELETE FROM "{rtree}_{suffix}"')
    leaves = True
    depth = 0
    next_no = 2
    node_sql = f'INSERT INTO "{rtree}_node" (nodeno, data) VALUES (?, ?)'
    link_head = {True: f'INSERT INTO "{rtree}_rowid" (rowid, nodeno)',
                 False: f'INSERT INTO "{rtree}_parent" (nodeno, parentnode)'}
    while len(ids) > MAX_CELLS:
        order = _str_order(x0, y0) if points and leaves else _str_order((x0 + x1) / 2, (y0 + y1) / 2)
        count = -(-len(ids) // MAX_CELLS)
        numbers = np.arange(next_no, next_no + count, dtype=np.int64)
        next_no += count
        boxes = np.empty((count, 4), dtype=np.float32)
        owners_of = np.empty(len(ids), dtype=np.int32)   # each entry's node, by the entry's position
        for first in range(0, count, chunk_nodes):
            last = min(first + chunk_nodes, count)
            idx = order[first * MAX_CELLS: last * MAX_CELLS]
            cells = np.empty(len(idx), dtype=_CELL)
            cells["id"], cells["minx"], cells["maxx"] = ids[idx], x0[idx], x1[idx]
            cells["miny"], cells["maxy"] = y0[idx], y1[idx]
            starts = np.arange(0, len(idx), MAX_CELLS)
            ends = np.append(starts[1:], len(idx))
            conn.executemany(node_sql, ((int(numbers[first + k]), _blob(cells[s:e], 0))
                                        for k, (s, e) in enumerate(zip(starts.tolist(), ends.tolist()))))
            owners_of[idx] = np.repeat(numbers[first:last], ends - starts)
            boxes[first:last, 0] = np.minimum.reduceat(cells["minx"], starts)
            boxes[first:last, 1] = np.maximum.reduceat(cells["maxx"], starts)
            boxes[first:last, 2] = np.minimum.reduceat(cells["miny"], starts)
            boxes[first:last, 3] = np.maximum.reduceat(cells["maxy"], starts)
        _write_links(conn, link_head[leaves], ids, owners_of)
        del owners_of
        ids, x0, x1, y0, y1 = numbers, boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
        leaves = False
        depth += 1
    cells = np.empty(len(ids), dtype=_CELL)
    cells["id"], cells["minx"], cells["maxx"], cells["miny"], cells["maxy"] = ids, x0, x1, y0, y1
    conn.execute(node_sql, (1, _blob(cells, depth)))
    _write_links(conn, link_head[leaves], ids, np.ones(len(ids), dtype=np.int32))


def _write_links(conn, head: str, ids: np.ndarray, owners: np.ndarray, chunk: int = 100_000) -> None:
    """The rowid (or parent) table's rows, (id, node), in the order of id: each goes in at the end of
    the table's B-tree, where rows in the tree's order went in all over it (most of the packing's
    time on a national month). The ids of a layer's points come in order already; others are sorted.
    They go in many a statement, as the layers' rows do."""
    order = None if len(ids) < 2 or bool(np.all(ids[1:] > ids[:-1])) else np.argsort(ids, kind="stable")
    for start in range(0, len(ids), chunk):
        part = slice(start, start + chunk)
        if order is None:
            keys, nodes = ids[part], owners[part]
        else:
            keys, nodes = ids[order[part]], owners[order[part]]
        insert_rows(conn, head, 2, zip(keys.tolist(), nodes.tolist()))
