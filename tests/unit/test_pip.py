"""The vectorised point-in-polygon helpers against plain one-point-at-a-time reckonings."""

import numpy as np
import pytest

from crimemap_plugin.core import pip


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


@pytest.mark.parametrize("presorted", [True, False])
def test_near_edges_marks_exactly_the_points_in_an_edges_widened_box(presorted):
    rng = np.random.default_rng(11)
    x, y = rng.uniform(-1.5, 2.5, 20_000), rng.uniform(50.5, 53.5, 20_000)
    x[:50], y[:50] = POLYGONS[0][0][0][:50] + 0.05, POLYGONS[0][0][1][:50]   # just beside vertices
    if presorted:
        order = np.argsort(y, kind="stable")
        x, y = x[order], y[order]
    for tol in (0.0, 0.01, 0.1):
        got = pip.near_edges(x, y, POLYGONS, tol, presorted=presorted)
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
