"""The vectorised point-in-polygon helpers against plain one-point-at-a-time reckonings."""

import numpy as np
import pytest

from crimemap_plugin.core import pip, pip_index


def ring(cx, cy, r, n, wobble=0.0):
    a = np.linspace(0, 2 * np.pi, n, endpoint=False)
    rr = r * (1 + wobble * np.sin(5 * a))
    x, y = cx + rr * np.cos(a), cy + rr * np.sin(a)
    return np.append(x, x[0]), np.append(y, y[0])


POLYGONS = [[ring(0, 52, 1.0, 60, 0.2)], [ring(1.2, 52.5, 0.6, 9), ring(1.2, 52.5, 0.2, 7)], []]


def near_reference(x, y, polygons, tol):
    near = np.zeros(len(x), dtype=bool)
    for rings in polygons:
        for rx, ry in rings:
            for x1, y1, x2, y2 in zip(rx[:-1], ry[:-1], rx[1:], ry[1:]):
                near |= ((x >= min(x1, x2) - tol) & (x <= max(x1, x2) + tol)
                         & (y >= min(y1, y2) - tol) & (y <= max(y1, y2) + tol))
    return near


def inside_reference(px, py, rings):
    inside = False
    for rx, ry in rings:
        for x1, y1, x2, y2 in zip(rx[:-1], ry[:-1], rx[1:], ry[1:]):
            if min(y1, y2) <= py < max(y1, y2) and px < x1 + (py - y1) / (y2 - y1) * (x2 - x1):
                inside = not inside
    return inside


@pytest.mark.parametrize("sort", [True, False])
def test_near_edges_marks_exactly_the_points_in_an_edges_widened_box(sort):
    rng = np.random.default_rng(11)
    x, y = rng.uniform(-1.5, 2.5, 20_000), rng.uniform(50.5, 53.5, 20_000)
    x[:50], y[:50] = POLYGONS[0][0][0][:50] + 0.05, POLYGONS[0][0][1][:50]   # just beside vertices
    x[50:60] = np.nan
    if sort:
        order = np.argsort(y, kind="stable")
        x, y = x[order], y[order]
    for tol in (0.0, 0.01, 0.1):
        got = pip.near_edges(x, y, POLYGONS, tol)
        want = near_reference(x, y, POLYGONS, tol)
        assert np.array_equal(got, want) and 0 < want.sum() < len(x)
    assert pip.near_edges(np.empty(0), np.empty(0), POLYGONS, 0.1).shape == (0,)


def test_count_in_polygons_counts_each_point_as_ray_casting_does():
    rng = np.random.default_rng(12)
    x, y = rng.uniform(-1.5, 2.5, 3_000), rng.uniform(50.5, 53.5, 3_000)
    x[::100] = np.nan
    weights = rng.integers(1, 4, len(x))
    got = pip.count_in_polygons(x, y, POLYGONS, weights)
    ok = ~np.isnan(x)
    want = [sum(int(w) for px, py, w in zip(x[ok], y[ok], weights[ok]) if rings and inside_reference(px, py, rings))
            for rings in POLYGONS]
    assert got.tolist() == want and want[0] > 0 and want[1] > 0 and want[2] == 0


def test_unique_points_as_numpy_unique_gives_them():
    rng = np.random.default_rng(13)
    x, y = rng.choice(rng.uniform(-3, 1, 500), 5_000), rng.choice(rng.uniform(50, 54, 400), 5_000)
    x[:10], y[:10] = -0.0, 0.0   # signed zeros are one location, as numpy.unique has them
    ux, uy, counts = pip.unique_points(x, y)
    keys, want = np.unique(y + 1j * x, return_counts=True)
    assert np.array_equal(ux, keys.imag) and np.array_equal(uy, keys.real) and np.array_equal(counts, want)
    assert counts.sum() == len(x) and np.all(np.diff(uy) >= 0)
    assert [a.tolist() for a in pip.unique_points(np.empty(0), np.empty(0))] == [[], [], []]


def inside_matrix(x, y, polygons):
    """Plain even-odd reckoning of every point against every polygon, edge by edge over all the
    points (no grid, no slabs): the same comparisons as inside_reference, on arrays. Only points in
    a polygon's box can be inside it (which matters only for a ring left open), and a polygon with
    a NaN vertex holds none."""
    out = np.zeros((len(polygons), len(x)), dtype=bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        for k, rings in enumerate(polygons):
            if not rings:
                continue
            xs, ys = np.concatenate([r[0] for r in rings]), np.concatenate([r[1] for r in rings])
            if not np.isfinite(xs).all() or not np.isfinite(ys).all():
                continue
            for rx, ry in rings:
                for x1, y1, x2, y2 in zip(rx[:-1], ry[:-1], rx[1:], ry[1:]):
                    if y1 != y2:
                        out[k] ^= (min(y1, y2) <= y) & (y < max(y1, y2)) & (x < x1 + (y - y1) / (y2 - y1) * (x2 - x1))
            out[k] &= (x >= xs.min()) & (x <= xs.max()) & (y >= ys.min()) & (y <= ys.max())
    return out


def many_polygons(rng):
    """Hundreds of detailed, overlapping polygons of every size: holes, parts, one huge polygon over
    all of them, a square with horizontal edges and points on its vertices and edges, a polygon with a
    NaN vertex, a sliver, an empty one and a ring too short to be one."""
    polygons = []
    for cx, cy, r in zip(rng.uniform(-1.4, 2.4, 300), rng.uniform(50.6, 53.4, 300), rng.uniform(0.005, 0.2, 300)):
        rings = [ring(cx, cy, r, int(rng.integers(4, 200)), 0.3)]
        if r > 0.1:
            rings.append(ring(cx, cy, r / 3, 11))   # a hole
        if r < 0.01:
            rings.append(ring(cx + 3 * r, cy, r, 5))   # a second part
        polygons.append(rings)
    polygons.append([ring(0.5, 52, 3.0, 1000, 0.05)])
    square = (np.array([0.0, 0.5, 0.5, 0.0, 0.0]), np.array([52.0, 52.0, 52.5, 52.5, 52.0]))
    polygons.append([square])
    bad = ring(1, 51, 0.3, 30)
    bad[0][5] = np.nan
    polygons.append([bad])
    polygons.append([(np.array([-1.0, 2.0, 2.0, -1.0]), np.array([51.0, 51.0000001, 51.0, 51.0]))])
    polygons.append([])
    polygons.append([(np.array([0.0, 1.0]), np.array([51.0, 52.0]))])
    return polygons, square


@pytest.mark.parametrize("few, grouped, dense", [(0, 0, 0), (10_000, 10 ** 9, 10 ** 9), (0, 0, 10 ** 9),
                                                 (10_000, 0, 0)])
def test_inside_pairs_on_many_polygons_as_plain_ray_casting(monkeypatch, few, grouped, dense):
    """Through the grid and slabs or polygon by polygon; counts with the points grouped by grid cell
    (cells found by search or in a table) or by location."""
    monkeypatch.setattr(pip, "_FEW_POLYGONS", few)
    monkeypatch.setattr(pip, "_GROUPED_POINTS", grouped)
    monkeypatch.setattr(pip_index, "DENSE_CELLS", dense)
    rng = np.random.default_rng(21)
    polygons, square = many_polygons(rng)
    x, y = rng.uniform(-1.6, 2.6, 6_000), rng.uniform(50.4, 53.6, 6_000)
    x[:5], y[:5] = square[0][:5], square[1][:5]                       # on the square's corners
    x[5:10], y[5:10] = [0.25, 0.5, 0.25, 0.0, 0.5], [52.0, 52.25, 52.5, 52.25, 52.5]   # on its edges
    x[10:20] = np.nan
    y[20:25] = np.inf
    want = inside_matrix(x, y, polygons)
    got = np.zeros_like(want)
    for k, points in pip.inside_pairs(x, y, polygons):
        assert not got[k, points].any()   # each (polygon, point) once
        got[k, points] = True
    assert np.array_equal(got, want)
    assert want[:300].any(axis=1).sum() > 100 and want.sum(axis=0).max() >= 3   # overlaps tested
    codes = rng.integers(0, 7, len(x))
    by_code = pip.count_by_code(x, y, codes, 7, polygons)
    assert by_code.tolist() == [[int((row & (codes == c)).sum()) for c in range(7)] for row in want]
    weights = rng.integers(1, 1000, len(x))
    assert pip.count_in_polygons(x, y, polygons, weights).tolist() == [int(weights[row].sum()) for row in want]
    assert pip.count_in_polygons(x, y, polygons).tolist() == want.sum(axis=1).tolist()
    assert np.array_equal(pip.inside(x, y, polygons[0]), want[0])


def test_inside_pairs_in_small_chunks_and_with_few_slabs(monkeypatch):
    """The chunking and the fallback to taller slabs give the same answer as one pass."""
    monkeypatch.setattr(pip, "_FEW_POLYGONS", 0)
    rng = np.random.default_rng(22)
    polygons, _ = many_polygons(rng)
    # a comb: many long edges over the whole height, which makes the slabs taller
    teeth = np.linspace(0, 1, 400)
    comb_x = np.append(np.repeat(teeth, 2), [1, 0, 0])
    comb_y = np.append(np.tile([50.5, 53.5, 53.5, 50.5], 200), [50.4, 50.4, 50.5])
    polygons.append([(comb_x, comb_y)])
    x, y = rng.uniform(-1.6, 2.6, 4_000), rng.uniform(50.4, 53.6, 4_000)
    want = inside_matrix(x, y, polygons)
    monkeypatch.setattr(pip, "_CANDIDATES", 97)
    monkeypatch.setattr(pip_index, "PAIRS", 89)
    monkeypatch.setattr(pip_index, "SLAB_ENTRIES", 1000)
    monkeypatch.setattr(pip_index, "ENTRIES_PER_EDGE", 1)
    made = []
    real = pip_index.Slabs.__init__
    monkeypatch.setattr(pip_index.Slabs, "__init__", lambda self, *a: made.append(self) or real(self, *a))
    got = np.zeros_like(want)
    for k, points in pip.inside_pairs(x, y, polygons):
        got[k, points] = True
    assert np.array_equal(got, want) and want[-1].sum() > 0
    assert made[0].slabs[-1] < 400 // 2   # the comb's slabs were made taller than an edge each


@pytest.mark.parametrize("few", [0, 10_000])
def test_inside_pairs_with_no_points_polygons_or_overlap(monkeypatch, few):
    monkeypatch.setattr(pip, "_FEW_POLYGONS", few)
    ring0 = [ring(0, 52, 1.0, 40)]
    assert list(pip.inside_pairs(np.empty(0), np.empty(0), [ring0])) == []
    assert list(pip.inside_pairs(np.array([0.0]), np.array([52.0]), [])) == []
    assert list(pip.inside_pairs(np.array([10.0]), np.array([10.0]), [ring0])) == []
    assert pip.count_in_polygons(np.array([0.0]), np.array([52.0]), [[], ring0]).tolist() == [0, 1]
    one = pip.count_in_polygons(np.array([0.0, 0.0]), np.array([52.0, 52.0]), [ring0])   # one point twice
    assert one.tolist() == [2]


@pytest.mark.parametrize("dense", [0, 10 ** 9])
def test_counts_with_points_grouped_by_cell_as_point_by_point(monkeypatch, dense):
    """Many more points than edges: each cell no edge meets is tested through one of its points.
    Points on vertices and edges, and a hair beyond an edge's box, are counted as themselves."""
    monkeypatch.setattr(pip_index, "DENSE_CELLS", dense)
    rng = np.random.default_rng(23)
    square = (np.array([0.0, 0.5, 0.5, 0.0, 0.0]), np.array([52.0, 52.0, 52.5, 52.5, 52.0]))
    polygons = POLYGONS + [[square], [ring(0.5, 52.2, 1.5, 300, 0.1)]]
    x, y = rng.uniform(-1.5, 2.5, 60_000), rng.uniform(50.5, 53.5, 60_000)
    x[:5], y[:5] = square[0], square[1]
    x[5:10], y[5:10] = [0.25, 0.5, 0.25, 0.0, 0.5], [52.0, 52.25, 52.5, 52.25, 52.5]
    x[10:20], y[10:20] = np.nextafter(0.5, 1), rng.uniform(52.0, 52.5, 10)   # just right of an edge
    x[20:30], y[20:30] = rng.uniform(0.0, 0.5, 10), np.nextafter(52.5, 53)     # just above one
    x[30:40], y[30:40] = POLYGONS[0][0][0][:10], POLYGONS[0][0][1][:10]       # on vertices
    x[40:1040], y[40:1040] = np.repeat(x[100:110], 100), np.repeat(y[100:110], 100)   # piled on one spot
    weights = rng.integers(1, 5, len(x))
    want = inside_matrix(x, y, polygons)
    grouped = []
    real = pip._grouped
    monkeypatch.setattr(pip, "_grouped", lambda *a: grouped.append(real(*a)) or grouped[-1])
    assert pip.count_in_polygons(x, y, polygons, weights).tolist() == [int(weights[row].sum()) for row in want]
    assert len(grouped[0][0]) < len(x) / 2 and grouped[0][2].sum() == weights.sum()
    assert pip.count_in_polygons(x, y, polygons).tolist() == want.sum(axis=1).tolist()
