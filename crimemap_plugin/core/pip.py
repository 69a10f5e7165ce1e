"""Counting points in polygons, vectorised: the fast path behind crimemap:countinpolygons.

Points are tested with even-odd ray casting: a point is inside a polygon when an odd number of its
edges with lo <= y < hi (lo, hi: the edge's lowest and highest y) cross the point's horizontal line
to its right (x below the crossing). Rings of one polygon (outer rings, holes, parts) all toggle the
same parity. Nothing loops in Python per edge or point, nor per polygon once there are more than a
few, so thousands of detailed polygons cost about as much as a few (the indexes: pip_index):

1. Candidates. The points are put in a grid of square cells and sorted by cell; a row of cells is
   then one slice of that order. Each polygon takes the points of the cells its bounding box meets,
   row by row, and keeps those inside the box.
2. Slabs. Each polygon's height is cut into slabs, and each of its edges is listed under every slab
   its band [lo, hi] meets. A candidate is tested only against the edges of its own slab: the slab
   of a y is found with the same arithmetic for points and edges, so an edge whose band holds the
   point's y is always among them.
3. The crossings are counted for every (candidate, edge) pair at once.

A few polygons holding many points each are taken one by one instead, each edge against exactly
the points of its band. To count, points that stand together are tested once: in a grid cell that
no edge passes through, one point stands for all; elsewhere, one location for its points.
"""

from typing import Iterator, List, Sequence, Tuple

import numpy as np

from . import pip_index as index
from .pip_index import Ring

_CANDIDATES = 400_000   # (polygon, point) candidates handled at once
_FEW_POLYGONS = 64      # up to this many polygons are taken one by one (see _few_inside_pairs)
_GROUPED_POINTS = 20_000   # points grouped by grid cell from this many on


def unique_points(x: np.ndarray, y: np.ndarray):
    """Distinct locations and how many points stand on each, in increasing y."""
    keys = np.empty(len(x), dtype=complex)   # one sortable value per location, y first (exact: the
    keys.real, keys.imag = y, x              # original floats), sorted in place
    keys.sort()
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(keys)))
    uniq = keys[starts]
    return uniq.imag.copy(), uniq.real.copy(), counts


def _few_inside_pairs(px, py, edges, boxes, live):
    """inside_pairs for a few polygons (each holding many points): polygon by polygon, each edge
    tested against exactly the points of its band among those in the polygon's box, sorted by y."""
    take = np.take
    x1, y1, x2, y2, owner = edges
    left, right, bottom, top = boxes
    order = np.argsort(py, kind="stable")
    sx, sy = take(px, order), take(py, order)
    first_edge = np.searchsorted(owner, live, side="left")
    last_edge = np.searchsorted(owner, live, side="right")
    for k, e0, e1 in zip(live.tolist(), first_edge.tolist(), last_edge.tolist()):
        s, e = np.searchsorted(sy, bottom[k], side="left"), np.searchsorted(sy, top[k], side="right")
        box = s + np.flatnonzero((sx[s:e] >= left[k]) & (sx[s:e] <= right[k]))
        if not len(box):
            continue
        qx, qy = take(sx, box), take(sy, box)
        ex1, ey1, ex2, ey2 = x1[e0:e1], y1[e0:e1], x2[e0:e1], y2[e0:e1]
        start = np.searchsorted(qy, np.minimum(ey1, ey2), side="left")
        lengths = np.searchsorted(qy, np.maximum(ey1, ey2), side="left") - start
        crossings = np.zeros(len(qx), dtype=np.int64)
        for first, last in index.batches(lengths, index.PAIRS):
            edge, point = index.spread(start[first:last], lengths[first:last])
            edge += first
            crossing = index.crosses(take(qx, point), take(qy, point), take(ex1, edge), take(ey1, edge),
                                     take(ex2, edge), take(ey2, edge))
            crossings += np.bincount(point[crossing], minlength=len(qx))
        inside = crossings % 2 == 1
        if inside.any():
            yield np.full(int(inside.sum()), k, dtype=np.int64), take(order, box[inside])


class Prepared:
    """The polygons' side of a count, made from the polygons alone, so that it can be made while the
    points are still being read or grouped: every vertex, the edges that can cross a point's line,
    each polygon's box, and the slabs (made on first use, or ahead with `slabs()`)."""

    def __init__(self, polygons: Sequence[Sequence[Ring]]):
        self.count = len(polygons)
        self.vertices = vertices = index.Vertices(polygons)
        x1, y1, x2, y2, owner = vertices.edges()
        self.boxes = left, right, bottom, top = vertices.boxes()
        self.boxed = np.isfinite(left + right + bottom + top)   # a polygon with a NaN vertex holds no point
        if not self.boxed.all():
            x1, y1, x2, y2, owner = (a[self.boxed[owner]] for a in (x1, y1, x2, y2, owner))
        self.edges = x1, y1, x2, y2, owner
        # Whether the points are found through the slabs (more than a few polygons with edges).
        self.many = int(np.count_nonzero(np.bincount(owner, minlength=self.count))) > _FEW_POLYGONS
        self._slabs = None

    def slabs(self) -> index.Slabs:
        if self._slabs is None:
            x1, y1, x2, y2, owner = self.edges
            self._slabs = index.Slabs(x1, y1, x2, y2, owner, self.boxes[2], self.boxes[3], self.count)
        return self._slabs


def inside_pairs(x: np.ndarray, y: np.ndarray, polygons: Sequence[Sequence[Ring]], prepared=None
                 ) -> Iterator[Tuple[np.ndarray, np.ndarray]]:
    """(polygon indices, point indices) of every point inside every polygon, in chunks. NaN points
    are never inside. A point inside two overlapping polygons is in both. `prepared`: the polygons'
    Prepared, when the caller made it already."""
    take = np.take
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    located = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if prepared is None:
        prepared = Prepared(polygons)
    x1, y1, x2, y2, owner = prepared.edges
    if not len(located) or not len(owner):
        return
    left, right, bottom, top = prepared.boxes
    px, py = take(x, located), take(y, located)
    live = np.flatnonzero(prepared.boxed & (np.bincount(owner, minlength=len(polygons)) > 0)
                          & (right >= px.min()) & (left <= px.max()) & (top >= py.min()) & (bottom <= py.max()))
    if not len(live):
        return
    if len(live) <= _FEW_POLYGONS:
        for k, points in _few_inside_pairs(px, py, prepared.edges, prepared.boxes, live):
            yield k, take(located, points)
        return
    slabs = prepared.slabs()
    grid = index.Grid(px, py, float(np.median(np.maximum(right - left, top - bottom)[live])) / 4)
    cells = grid.cell(px, py)
    order = np.argsort(cells, kind="stable")
    cells = take(cells, order)
    # One slice of the points (sorted by cell) per polygon and row of cells its box meets.
    first_row, last_row = grid.row(bottom[live]), grid.row(top[live])
    row_of, row = index.spread(first_row, last_row - first_row + 1)
    polygon = take(live, row_of)
    starts = np.searchsorted(cells, row * grid.columns + grid.column(take(left, polygon)), side="left")
    stops = np.searchsorted(cells, row * grid.columns + grid.column(take(right, polygon)), side="right")
    for first, last in index.batches(stops - starts, _CANDIDATES):
        which, position = index.spread(starts[first:last], stops[first:last] - starts[first:last])
        k = take(polygon[first:last], which)
        point = take(order, position)
        qx, qy = take(px, point), take(py, point)
        box = np.flatnonzero((qx >= take(left, k)) & (qx <= take(right, k)) & (qy >= take(bottom, k))
                             & (qy <= take(top, k)))
        k, point, qx, qy = take(k, box), take(point, box), take(qx, box), take(qy, box)
        inside = slabs.inside(k, qx, qy)
        if inside.any():
            yield k[inside], take(located, point[inside])


def inside(x: np.ndarray, y: np.ndarray, rings: Sequence[Ring]) -> np.ndarray:
    """Whether each point is inside one polygon (its rings)."""
    out = np.zeros(len(x), dtype=bool)
    for _, points in inside_pairs(x, y, [rings]):
        out[points] = True
    return out


def count_in_polygons(x: np.ndarray, y: np.ndarray, polygons: List[List[Ring]], weights=None,
                      prepared=None) -> np.ndarray:
    """How many points (or their integer weights) fall inside each polygon (a list of rings). NaN
    points are ignored. Points standing together are tested once for all of them (_grouped).
    `prepared`: the polygons' Prepared, when the caller made it already."""
    prepared = Prepared(polygons) if prepared is None else prepared
    x, y, w = grouped_points(x, y, prepared, weights)
    return count_grouped(x, y, w, polygons, prepared)


def grouped_points(x: np.ndarray, y: np.ndarray, prepared: Prepared, weights=None):
    """The located points to test against the polygons, each with the integer weight it stands for
    (see _grouped): count_grouped's input. Needs only the polygons' vertices of `prepared`, so it
    can run beside the making of its slabs."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    located = np.isfinite(x) & np.isfinite(y)
    w = np.ones(len(x), dtype=np.int64) if weights is None else np.asarray(weights, dtype=np.int64)
    x, y, w = x[located], y[located], w[located]
    if not len(x):
        return x, y, w
    return _grouped(x, y, w, prepared.vertices, weights is None)


def count_grouped(x: np.ndarray, y: np.ndarray, w: np.ndarray, polygons: List[List[Ring]],
                  prepared: Prepared) -> np.ndarray:
    """The weights `w` of the points inside each polygon (the points as grouped_points gives them)."""
    out = np.zeros(len(polygons), dtype=np.int64)
    exact = int(np.abs(w).sum()) < 2 ** 53   # sums of floats are exact below that
    for k, points in inside_pairs(x, y, polygons, prepared):
        if exact:
            out += np.bincount(k, weights=np.take(w, points), minlength=len(polygons)).astype(np.int64)
        else:
            np.add.at(out, k, np.take(w, points))
    return out


def _grouped(x, y, w, vertices: index.Vertices, unweighted: bool):
    """The points to test, each with the total weight it stands for. Where the points far outnumber
    the edges and every ring is closed, the points in a grid cell that no edge's box meets are all
    on one side of every boundary (the cell is in one piece, and no boundary passes through it), so
    one of them stands for all; the points in the other cells are kept as they are. Otherwise
    unweighted points on one location are tested once (weighted ones are distinct already, as
    unique_points gives them, or as the LSOA centroids are)."""
    ends = vertices.ring_start + vertices.ring_length - 1
    closed = (np.array_equal(np.take(vertices.x, vertices.ring_start), np.take(vertices.x, ends))
              and np.array_equal(np.take(vertices.y, vertices.ring_start), np.take(vertices.y, ends)))
    if not closed or len(x) < max(_GROUPED_POINTS, 4 * len(vertices.x)):   # (a ring has an edge a vertex)
        return unique_points(x, y) if unweighted else (x, y, w)
    x1, y1, x2, y2, _ = vertices.edges(keep_level=True)
    # A margin far beyond rounding (an ulp of a coordinate) keeps a point a hair beyond an edge's box
    # from being taken as clear of it.
    margin = 1e-9 * max(1.0, float(np.abs(x).max()), float(np.abs(y).max()))
    cells = index.EdgeCells(x, y, np.minimum(x1, x2) - margin, np.maximum(x1, x2) + margin,
                            np.minimum(y1, y2) - margin, np.maximum(y1, y2) + margin)
    cell = cells.grid.cell(x, y)
    met = cells.entries(cell)[1] > 0
    clear = np.flatnonzero(~met)
    cell, weight = np.take(cell, clear), np.take(w, clear)
    if cells.dense:   # any one point of a cell stands for it
        stand = np.full(cells.grid.rows * cells.grid.columns, -1, dtype=np.int64)
        stand[cell] = clear
        total = np.bincount(cell, weights=weight, minlength=len(stand))
        used = np.flatnonzero(stand >= 0)
        stand, total = np.take(stand, used), np.take(total, used)
    else:
        _, first, inverse = np.unique(cell, return_index=True, return_inverse=True)
        stand, total = np.take(clear, first), np.bincount(inverse, weights=weight)
    rest = np.flatnonzero(met)
    keep = np.concatenate([stand, rest])
    return np.take(x, keep), np.take(y, keep), np.concatenate([total.astype(np.int64), np.take(w, rest)])


def count_by_code(x: np.ndarray, y: np.ndarray, codes: np.ndarray, ncodes: int,
                  polygons: List[List[Ring]]) -> np.ndarray:
    """Points inside each polygon broken down by an integer code in [0, ncodes) per point (such as
    month x category): an array of shape (len(polygons), ncodes). A point inside two overlapping
    polygons counts in both, as in QGIS's count points in polygon."""
    codes = np.asarray(codes, dtype=np.int64)
    out = np.zeros(len(polygons) * ncodes, dtype=np.int64)
    for k, points in inside_pairs(x, y, polygons):
        out += np.bincount(k * ncodes + codes[points], minlength=len(out))
    return out.reshape(len(polygons), ncodes)


def near_edges(x: np.ndarray, y: np.ndarray, polygons: List[List[Ring]], tol: float) -> np.ndarray:
    """True for points within `tol` (in both x and y) of the bounding box of any edge of any ring.
    A point is tested only against the edges whose widened box meets its grid cell."""
    take = np.take
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    near = np.zeros(len(x), dtype=bool)
    located = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    x1, y1, x2, y2, _ = index.Vertices(polygons).edges(keep_level=True)
    if not len(located) or not len(x1):
        return near
    left, right = np.minimum(x1, x2) - tol, np.maximum(x1, x2) + tol
    bottom, top = np.minimum(y1, y2) - tol, np.maximum(y1, y2) + tol
    px, py = take(x, located), take(y, located)
    cells = index.EdgeCells(px, py, left, right, bottom, top)
    starts, lengths = cells.entries(cells.grid.cell(px, py))
    for first, last in index.batches(lengths, index.PAIRS):
        which, position = index.spread(starts[first:last], lengths[first:last])
        which += first
        e = take(cells.box, position)
        qx, qy = take(px, which), take(py, which)
        hit = (qx >= take(left, e)) & (qx <= take(right, e)) & (qy >= take(bottom, e)) & (qy <= take(top, e))
        near[take(located, which[hit])] = True
    return near


def max_edge(polygons: List[List[Ring]]) -> float:
    longest = 0.0
    for rings in polygons:
        for rx, ry in rings:
            if len(rx) > 1:
                longest = max(longest, float(np.max(np.hypot(np.diff(rx), np.diff(ry)))))
    return longest
