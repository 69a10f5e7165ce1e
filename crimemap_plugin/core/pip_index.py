"""The indexes behind core.pip: every polygon's vertices in flat arrays, square grid cells, the
horizontal slabs of each polygon with the edges that cross them, and the cells that edges' boxes
meet. Everything works on whole arrays at once, in chunks of bounded size.
"""

from typing import Iterator, Sequence, Tuple

import numpy as np

Ring = Tuple[np.ndarray, np.ndarray]   # x, y arrays of a closed ring

PAIRS = 2_000_000      # (candidate, edge) or (point, edge) tests made at once
MAX_CELLS = 1 << 20    # cells along one side of a grid, at most
SLAB_ENTRIES = 1_000_000   # (slab, edge) entries allowed: this many, or 8 an edge if more
ENTRIES_PER_EDGE = 8
DENSE_CELLS = 8_000_000   # grids of up to this many cells are looked up in a table


def spread(starts: np.ndarray, lengths: np.ndarray):
    """For the slices [start, start + length) of some array: (which slice, position in the array)
    of every element of every slice, in order."""
    lengths = np.asarray(lengths, dtype=np.int64)
    owner = np.repeat(np.arange(len(lengths)), lengths)
    shift = np.repeat(np.asarray(starts, dtype=np.int64) - (np.cumsum(lengths) - lengths), lengths)
    return owner, shift + np.arange(len(owner), dtype=np.int64)


def batches(lengths: np.ndarray, budget: int) -> Iterator[Tuple[int, int]]:
    """(first, last) runs of consecutive slices holding about `budget` elements each (one slice at
    least, however long)."""
    cumulative = np.cumsum(lengths)
    first = 0
    while first < len(lengths):
        base = cumulative[first - 1] if first else 0
        last = max(int(np.searchsorted(cumulative, base + budget, side="right")), first + 1)
        yield first, last
        first = last


class Grid:
    """Square cells of side `size` from (x0, y0); a cell's id runs along rows. Cells of values
    beyond the points are clipped to the grid's edge, which keeps every comparison monotonic: a
    value between two others has its cell between theirs."""

    def __init__(self, x: np.ndarray, y: np.ndarray, size: float):
        self.x0, self.y0 = float(x.min()), float(y.min())
        extent = max(float(x.max()) - self.x0, float(y.max()) - self.y0)
        if not size > 0 or not np.isfinite(size):
            size = extent / 1024 or 1.0
        self.size = max(size, extent / (MAX_CELLS - 1))
        self.columns = int((float(x.max()) - self.x0) / self.size) + 1
        self.rows = int((float(y.max()) - self.y0) / self.size) + 1

    def column(self, x):
        return np.clip(np.floor((np.asarray(x) - self.x0) / self.size), 0, self.columns - 1).astype(np.int64)

    def row(self, y):
        return np.clip(np.floor((np.asarray(y) - self.y0) / self.size), 0, self.rows - 1).astype(np.int64)

    def cell(self, x, y):
        return self.row(y) * self.columns + self.column(x)


class Vertices:
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


class Slabs:
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
            if spans.sum() <= max(ENTRIES_PER_EDGE * len(owner), SLAB_ENTRIES) or slabs.max() == 1:
                break
            slabs = np.maximum(slabs // 4, 1)   # long edges over many slabs: fewer, taller slabs
        self.offset = np.cumsum(slabs) - slabs
        entry, slab_id = spread(np.take(self.offset, owner) + first, spans)
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
        for first, last in batches(lengths, PAIRS):
            which, position = spread(starts[first:last], lengths[first:last])
            which += first
            e = take(self.edge, position)
            qy = take(py, which)
            band = np.flatnonzero((take(self.lo, e) <= qy) & (qy < take(self.hi, e)))
            e, which, qy = take(e, band), take(which, band), take(qy, band)
            crossing = crosses(take(px, which), qy, take(self.x1, e), take(self.y1, e), take(self.x2, e),
                               take(self.y2, e))
            crossings += np.bincount(which[crossing], minlength=len(px))
        return crossings % 2 == 1


def crosses(px, py, x1, y1, x2, y2) -> np.ndarray:
    """Whether the edge crosses the horizontal line of each point (whose y is in its band) to the
    point's right."""
    t = (py - y1) / (y2 - y1)
    return px < x1 + t * (x2 - x1)


class EdgeCells:
    """The grid cells each of some boxes (edges' bounding boxes, widened) meets, listed by cell.
    Cells are about the size of a typical box, made bigger while the boxes would have too many
    entries (long edges over very many cells)."""

    def __init__(self, px, py, left, right, bottom, top):
        size = float(np.median(np.maximum(right - left, top - bottom)))
        while True:
            grid = Grid(px, py, size)
            c0, c1, r0, r1 = grid.column(left), grid.column(right), grid.row(bottom), grid.row(top)
            if ((c1 - c0 + 1) * (r1 - r0 + 1)).sum() <= max(4 * len(left), 4_000_000):
                break   # (it ends: with one cell, each box has one entry)
            size = grid.size * 2
        # (box, cell) entries: each box's rows of cells, then each row's cells.
        box_of, row = spread(r0, r1 - r0 + 1)
        entry_of, column = spread(np.take(c0, box_of), np.take(c1 - c0 + 1, box_of))
        cell = np.take(row, entry_of) * grid.columns + column
        order = np.argsort(cell, kind="stable")
        self.grid, self.box = grid, np.take(np.take(box_of, entry_of), order)
        cell = np.take(cell, order)
        cells = grid.rows * grid.columns
        self.dense = cells <= DENSE_CELLS
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
