"""Counting points in polygons, vectorised: the fast path behind crimemap:countinpolygons.

Points are tested with even-odd ray casting: a point is inside a polygon when an odd number of its
edges with lo <= y < hi (lo, hi: the edge's lowest and highest y) cross the point's horizontal line
to its right (x below the crossing). Rings of one polygon (outer rings, holes, parts) all toggle the
same parity. Nothing loops in Python per polygon, edge or point, so thousands of detailed polygons
cost about as much as a few:

1. Candidates. The points are put in a grid of square cells and sorted by cell; a row of cells is
   then one slice of that order. Each polygon takes the points of the cells its bounding box meets,
   row by row, and keeps those inside the box.
2. Slabs. Each polygon's height is cut into slabs, and each of its edges is listed under every slab
   its band [lo, hi] meets. A candidate is tested only against the edges of its own slab: the slab
   of a y is found with the same arithmetic for points and edges, so an edge whose band holds the
   point's y is always among them.
3. The crossings are counted for every (candidate, edge) pair at once.

The work is done in chunks of bounded size, so memory stays bounded however many there are.
"""

from typing import Iterator, List, Sequence, Tuple

import numpy as np

Ring = Tuple[np.ndarray, np.ndarray]   # x, y arrays of a closed ring

_CANDIDATES = 400_000   # (polygon, point) candidates handled at once
_PAIRS = 2_000_000      # (candidate, edge) or (point, edge) tests made at once
_MAX_CELLS = 1 << 20    # cells along one side of a grid, at most
_SLAB_ENTRIES = 1_000_000   # (slab, edge) entries allowed: this many, or 8 an edge if more
_ENTRIES_PER_EDGE = 8
_FEW_POLYGONS = 64      # up to this many polygons are taken one by one (see _few_inside_pairs)
_DENSE_CELLS = 8_000_000   # grids of up to this many cells are looked up in a table
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


def _spread(starts: np.ndarray, lengths: np.ndarray):
    """For the slices [start, start + length) of some array: (which slice, position in the array)
    of every element of every slice, in order."""
    lengths = np.asarray(lengths, dtype=np.int64)
    owner = np.repeat(np.arange(len(lengths)), lengths)
    shift = np.repeat(np.asarray(starts, dtype=np.int64) - (np.cumsum(lengths) - lengths), lengths)
    return owner, shift + np.arange(len(owner), dtype=np.int64)


def _batches(lengths: np.ndarray, budget: int) -> Iterator[Tuple[int, int]]:
    """(first, last) runs of consecutive slices holding about `budget` elements each (one slice at
    least, however long)."""
    cumulative = np.cumsum(lengths)
    first = 0
    while first < len(lengths):
        base = cumulative[first - 1] if first else 0
        last = max(int(np.searchsorted(cumulative, base + budget, side="right")), first + 1)
        yield first, last
        first = last


class _Grid:
    """Square cells of side `size` from (x0, y0); a cell's id runs along rows. Cells of values
    beyond the points are clipped to the grid's edge, which keeps every comparison monotonic: a
    value between two others has its cell between theirs."""

    def __init__(self, x: np.ndarray, y: np.ndarray, size: float):
        self.x0, self.y0 = float(x.min()), float(y.min())
        extent = max(float(x.max()) - self.x0, float(y.max()) - self.y0)
        if not size > 0 or not np.isfinite(size):
            size = extent / 1024 or 1.0
        self.size = max(size, extent / (_MAX_CELLS - 1))
        self.columns = int((float(x.max()) - self.x0) / self.size) + 1
        self.rows = int((float(y.max()) - self.y0) / self.size) + 1

    def column(self, x):
        return np.clip(np.floor((np.asarray(x) - self.x0) / self.size), 0, self.columns - 1).astype(np.int64)

    def row(self, y):
        return np.clip(np.floor((np.asarray(y) - self.y0) / self.size), 0, self.rows - 1).astype(np.int64)

    def cell(self, x, y):
        return self.row(y) * self.columns + self.column(x)


class _Vertices:
    """Every ring's vertices in one pair of arrays: x, y, the polygon of each ring, and each ring's
    first vertex (rings in polygon order)."""

    def __init__(self, polygons: Sequence[Sequence[Ring]]):
        xs, ys, owner = [], [], []
        for k, rings in enumerate(polygons):
            for rx, ry in rings:
                if len(rx):
                    xs.append(rx)
                    ys.append(ry)
                    owner.append(k)
        lengths = np.array([len(a) for a in xs], dtype=np.int64)
        self.x = np.concatenate(xs).astype(float) if xs else np.empty(0)
        self.y = np.concatenate(ys).astype(float) if ys else np.empty(0)
        self.ring_polygon = np.array(owner, dtype=np.int64)
        self.ring_start = np.cumsum(lengths) - lengths
        self.ring_length = lengths
        self.count = len(polygons)

    def edges(self, keep_level: bool = False):
        """x1, y1, x2, y2 and polygon of every edge of every ring (consecutive vertices), with NaN
        edges dropped and, unless keep_level, horizontal ones too (they never cross)."""
        if len(self.x) < 2:
            empty = np.empty(0)
            return empty, empty, empty, empty, np.empty(0, dtype=np.int64)
        keep = np.ones(len(self.x) - 1, dtype=bool)
        keep[(self.ring_start + self.ring_length - 1)[:-1]] = False   # a ring's last vertex to the next ring
        owner = np.repeat(self.ring_polygon, self.ring_length)[:-1]
        x1, y1, x2, y2 = self.x[:-1], self.y[:-1], self.x[1:], self.y[1:]
        keep &= np.isfinite(x1) & np.isfinite(y1) & np.isfinite(x2) & np.isfinite(y2)
        if not keep_level:
            keep &= y1 != y2
        return x1[keep], y1[keep], x2[keep], y2[keep], owner[keep]

    def boxes(self):
        """min x, max x, min y, max y of each polygon's vertices (NaN where it has none, or a NaN)."""
        box = np.full((4, self.count), np.nan)
        if len(self.ring_start):
            for row, (values, reduce) in enumerate(((self.x, np.minimum), (self.x, np.maximum),
                                                    (self.y, np.minimum), (self.y, np.maximum))):
                per_ring = reduce.reduceat(values, self.ring_start)
                first = np.flatnonzero(np.diff(self.ring_polygon, prepend=-1))   # rings in polygon order
                box[row, self.ring_polygon[first]] = reduce.reduceat(per_ring, first)
        return box


class _Slabs:
    """Each polygon's edges listed under the horizontal slabs of its box that their bands meet."""

    def __init__(self, x1, y1, x2, y2, owner, bottom, top, count: int):
        lo, hi = np.minimum(y1, y2), np.maximum(y1, y2)
        per_polygon = np.bincount(owner, minlength=count)
        slabs = np.maximum(per_polygon // 2, 1)
        edge_bottom = np.take(bottom, owner)
        while True:
            height = np.where(top > bottom, (top - bottom) / slabs, 1.0)
            self.bottom, self.height, self.slabs = bottom, height, slabs
            # as slab() has it, for each edge's polygon once
            edge_height, edge_last = np.take(height, owner), np.take(slabs, owner) - 1
            first = np.clip(np.floor((lo - edge_bottom) / edge_height), 0, edge_last).astype(np.int64)
            last = np.clip(np.floor((hi - edge_bottom) / edge_height), 0, edge_last).astype(np.int64)
            spans = last - first + 1
            if spans.sum() <= max(_ENTRIES_PER_EDGE * len(owner), _SLAB_ENTRIES) or slabs.max() == 1:
                break
            slabs = np.maximum(slabs // 4, 1)   # long edges over many slabs: fewer, taller slabs
        self.offset = np.cumsum(slabs) - slabs
        entry, slab_id = _spread(np.take(self.offset, owner) + first, spans)
        self.edge = entry[np.argsort(slab_id, kind="stable")]   # fast: runs of rising or falling slabs
        self.start = np.concatenate([[0], np.cumsum(np.bincount(slab_id, minlength=int(slabs.sum())))])
        self.x1, self.y1, self.x2, self.y2, self.lo, self.hi = x1, y1, x2, y2, lo, hi

    def slab(self, polygon, y):
        """Each y's slab within its polygon's box (clipped to the box's first and last)."""
        index = np.floor((y - np.take(self.bottom, polygon)) / np.take(self.height, polygon))
        return np.clip(index, 0, np.take(self.slabs, polygon) - 1).astype(np.int64)

    def inside(self, polygon, px, py) -> np.ndarray:
        """Whether each point (px, py) is inside its polygon, by the even-odd rule."""
        take = np.take   # (much faster than indexing with an array, in the NumPy of QGIS 3.22)
        slab_id = take(self.offset, polygon) + self.slab(polygon, py)
        starts = take(self.start, slab_id)
        lengths = take(self.start, slab_id + 1) - starts
        crossings = np.zeros(len(px), dtype=np.int64)
        for first, last in _batches(lengths, _PAIRS):
            which, position = _spread(starts[first:last], lengths[first:last])
            which += first
            e = take(self.edge, position)
            qy = take(py, which)
            band = np.flatnonzero((take(self.lo, e) <= qy) & (qy < take(self.hi, e)))
            e, which, qy = take(e, band), take(which, band), take(qy, band)
            crossing = _crosses(take(px, which), qy, take(self.x1, e), take(self.y1, e), take(self.x2, e),
                                take(self.y2, e))
            crossings += np.bincount(which[crossing], minlength=len(px))
        return crossings % 2 == 1


def _crosses(px, py, x1, y1, x2, y2) -> np.ndarray:
    """Whether the edge crosses the horizontal line of each point (whose y is in its band) to the
    point's right."""
    t = (py - y1) / (y2 - y1)
    return px < x1 + t * (x2 - x1)


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
        for first, last in _batches(lengths, _PAIRS):
            edge, point = _spread(start[first:last], lengths[first:last])
            edge += first
            crossing = _crosses(take(qx, point), take(qy, point), take(ex1, edge), take(ey1, edge),
                                take(ex2, edge), take(ey2, edge))
            crossings += np.bincount(point[crossing], minlength=len(qx))
        inside = crossings % 2 == 1
        if inside.any():
            yield np.full(int(inside.sum()), k, dtype=np.int64), take(order, box[inside])


def inside_pairs(x: np.ndarray, y: np.ndarray, polygons: Sequence[Sequence[Ring]]
                 ) -> Iterator[Tuple[np.ndarray, np.ndarray]]:
    """(polygon indices, point indices) of every point inside every polygon, in chunks. NaN points
    are never inside. A point inside two overlapping polygons is in both."""
    take = np.take
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    located = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    vertices = _Vertices(polygons)
    x1, y1, x2, y2, owner = vertices.edges()
    if not len(located) or not len(owner):
        return
    left, right, bottom, top = vertices.boxes()
    boxed = np.isfinite(left + right + bottom + top)   # a polygon with a NaN vertex holds no point
    if not boxed.all():
        x1, y1, x2, y2, owner = (a[boxed[owner]] for a in (x1, y1, x2, y2, owner))
    px, py = take(x, located), take(y, located)
    live = np.flatnonzero(boxed & (np.bincount(owner, minlength=len(polygons)) > 0)
                          & (right >= px.min()) & (left <= px.max()) & (top >= py.min()) & (bottom <= py.max()))
    if not len(live):
        return
    if len(live) <= _FEW_POLYGONS:
        for k, points in _few_inside_pairs(px, py, (x1, y1, x2, y2, owner), (left, right, bottom, top), live):
            yield k, take(located, points)
        return
    slabs = _Slabs(x1, y1, x2, y2, owner, bottom, top, len(polygons))
    grid = _Grid(px, py, float(np.median(np.maximum(right - left, top - bottom)[live])) / 4)
    cells = grid.cell(px, py)
    order = np.argsort(cells, kind="stable")
    cells = take(cells, order)
    # One slice of the points (sorted by cell) per polygon and row of cells its box meets.
    first_row, last_row = grid.row(bottom[live]), grid.row(top[live])
    row_of, row = _spread(first_row, last_row - first_row + 1)
    polygon = take(live, row_of)
    starts = np.searchsorted(cells, row * grid.columns + grid.column(take(left, polygon)), side="left")
    stops = np.searchsorted(cells, row * grid.columns + grid.column(take(right, polygon)), side="right")
    for first, last in _batches(stops - starts, _CANDIDATES):
        which, position = _spread(starts[first:last], stops[first:last] - starts[first:last])
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


def count_in_polygons(x: np.ndarray, y: np.ndarray, polygons: List[List[Ring]], weights=None) -> np.ndarray:
    """How many points (or their integer weights) fall inside each polygon (a list of rings). NaN
    points are ignored. Points standing together are tested once for all of them (_grouped)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    located = np.isfinite(x) & np.isfinite(y)
    w = np.ones(len(x), dtype=np.int64) if weights is None else np.asarray(weights, dtype=np.int64)
    x, y, w = x[located], y[located], w[located]
    out = np.zeros(len(polygons), dtype=np.int64)
    if not len(x):
        return out
    x, y, w = _grouped(x, y, w, _Vertices(polygons), weights is None)
    exact = int(np.abs(w).sum()) < 2 ** 53   # sums of floats are exact below that
    for k, points in inside_pairs(x, y, polygons):
        if exact:
            out += np.bincount(k, weights=np.take(w, points), minlength=len(polygons)).astype(np.int64)
        else:
            np.add.at(out, k, np.take(w, points))
    return out


def _grouped(x, y, w, vertices: _Vertices, unweighted: bool):
    """The points to test, each with the total weight it stands for. Where the points far outnumber
    the edges and every ring is closed, the points in a grid cell that no edge's box meets are all
    on one side of every boundary (the cell is in one piece, and no boundary passes through it), so
    one of them stands for all; the points in the other cells are kept as they are. Otherwise
    unweighted points on one location are tested once (weighted ones are distinct already, as
    unique_points gives them, or as the LSOA centroids are)."""
    ends = vertices.ring_start + vertices.ring_length - 1
    closed = (np.array_equal(np.take(vertices.x, vertices.ring_start), np.take(vertices.x, ends))
              and np.array_equal(np.take(vertices.y, vertices.ring_start), np.take(vertices.y, ends)))
    if not closed or len(x) < max(_GROUPED_POINTS, 4 * len(vertices.x)):   # (about as many edges as vertices)
        return unique_points(x, y) if unweighted else (x, y, w)
    x1, y1, x2, y2, _ = vertices.edges(keep_level=True)
    # A margin far beyond rounding (an ulp of a coordinate) keeps a point a hair beyond an edge's box
    # from being taken as clear of it.
    margin = 1e-9 * max(1.0, float(np.abs(x).max()), float(np.abs(y).max()))
    cells = _EdgeCells(x, y, np.minimum(x1, x2) - margin, np.maximum(x1, x2) + margin,
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


class _EdgeCells:
    """The grid cells each of some boxes (edges' bounding boxes, widened) meets, listed by cell.
    Cells are about the size of a typical box, made bigger while the boxes would have too many
    entries (long edges over very many cells)."""

    def __init__(self, px, py, left, right, bottom, top):
        size = float(np.median(np.maximum(right - left, top - bottom)))
        while True:
            grid = _Grid(px, py, size)
            c0, c1, r0, r1 = grid.column(left), grid.column(right), grid.row(bottom), grid.row(top)
            if ((c1 - c0 + 1) * (r1 - r0 + 1)).sum() <= max(4 * len(left), 4_000_000):
                break   # (it ends: with one cell, each box has one entry)
            size = grid.size * 2
        # (box, cell) entries: each box's rows of cells, then each row's cells.
        box_of, row = _spread(r0, r1 - r0 + 1)
        entry_of, column = _spread(np.take(c0, box_of), np.take(c1 - c0 + 1, box_of))
        cell = np.take(row, entry_of) * grid.columns + column
        order = np.argsort(cell, kind="stable")
        self.grid, self.box = grid, np.take(np.take(box_of, entry_of), order)
        cell = np.take(cell, order)
        cells = grid.rows * grid.columns
        self.dense = cells <= _DENSE_CELLS
        if self.dense:   # a table of every cell's first entry: no search
            self._start = np.concatenate([[0], np.cumsum(np.bincount(cell, minlength=cells))])
        else:
            self._cell = cell

    def entries(self, cells):
        """(first entry, number of entries) of each cell."""
        if self.dense:
            starts = np.take(self._start, cells)
            return starts, np.take(self._start, cells + 1) - starts
        starts = np.searchsorted(self._cell, cells, side="left")
        return starts, np.searchsorted(self._cell, cells, side="right") - starts


def near_edges(x: np.ndarray, y: np.ndarray, polygons: List[List[Ring]], tol: float) -> np.ndarray:
    """True for points within `tol` (in both x and y) of the bounding box of any edge of any ring.
    A point is tested only against the edges whose widened box meets its grid cell."""
    take = np.take
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    near = np.zeros(len(x), dtype=bool)
    located = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    x1, y1, x2, y2, _ = _Vertices(polygons).edges(keep_level=True)
    if not len(located) or not len(x1):
        return near
    left, right = np.minimum(x1, x2) - tol, np.maximum(x1, x2) + tol
    bottom, top = np.minimum(y1, y2) - tol, np.maximum(y1, y2) + tol
    px, py = take(x, located), take(y, located)
    cells = _EdgeCells(px, py, left, right, bottom, top)
    starts, lengths = cells.entries(cells.grid.cell(px, py))
    for first, last in _batches(lengths, _PAIRS):
        which, position = _spread(starts[first:last], lengths[first:last])
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
