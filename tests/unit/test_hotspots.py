"""Gi* hot spots against an independent calculation on the real Kent data.

The reference is written apart from the code: crimes read with the csv module and projected with
GDAL's OSR, cells in the study area decided by GEOS (OGR Contains on each cell centre), counts with a
Counter, neighbours from an explicit matrix of centre-to-centre distances, and the Getis–Ord (1995)
Gi* formula written out term by term; p from scipy, BH q-values by the textbook definition.
"""

import csv
import math
from collections import Counter

import numpy as np
import pytest
from osgeo import ogr, osr
from scipy import signal, stats

from crimemap_plugin.core import gi_star as gi
from crimemap_plugin.core import hotspots as hs
from tests.shared_data import shared_data

ogr.UseExceptions()
osr.UseExceptions()

KENT = shared_data() / "police_uk" / "kent-2018-10_2019-02"
PFA = shared_data() / "boundaries" / "ons-pfa-dec2022-buc" / "PFA_DEC_2022_EW_BUC_V2.shp"


# --------------------------------------------------------------------------- independent reference

def force_geometry(name: str) -> ogr.Geometry:
    ds = ogr.Open(str(PFA))
    for feature in ds.GetLayer():
        if feature.GetField("PFA22NM") == name:
            return feature.GetGeometryRef().Clone()
    raise AssertionError(f"no force area {name}")


def polygons_of(geometry: ogr.Geometry) -> list:
    """The code's input: one list of (x, y) rings per polygon part."""
    parts = ([geometry.GetGeometryRef(k) for k in range(geometry.GetGeometryCount())]
             if geometry.GetGeometryType() in (ogr.wkbMultiPolygon, ogr.wkbMultiPolygon25D) else [geometry])
    out = []
    for part in parts:
        rings = []
        for k in range(part.GetGeometryCount()):
            pts = np.array(part.GetGeometryRef(k).GetPoints(), dtype=float)
            rings.append((pts[:, 0].copy(), pts[:, 1].copy()))
        out.append(rings)
    return out


def read_crimes(files) -> list:
    """(lon, lat) per row as floats, None for a row without coordinates."""
    rows = []
    for path in files:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                lon, lat = row["Longitude"].strip(), row["Latitude"].strip()
                rows.append((float(lon), float(lat)) if lon and lat else None)
    return rows


def project(points) -> list:
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(27700)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(src, dst)
    located = [p for p in points if p is not None]
    return [(x, y) for x, y, _ in transform.TransformPoints(located)]


def reference_cells(geometry: ogr.Geometry, size: float) -> list:
    """(col, row) of every cell whose centre GEOS finds inside the geometry."""
    xmin, xmax, ymin, ymax = geometry.GetEnvelope()
    cells = []
    for row in range(math.floor(ymin / size), math.floor(ymax / size) + 1):
        for col in range(math.floor(xmin / size), math.floor(xmax / size) + 1):
            centre = ogr.Geometry(ogr.wkbPoint)
            centre.AddPoint_2D((col + 0.5) * size, (row + 0.5) * size)
            if geometry.Contains(centre):
                cells.append((col, row))
    return cells


def reference_gi(values: np.ndarray, cols: np.ndarray, rows: np.ndarray, size: float, band: float) -> np.ndarray:
    """Gi* (Getis & Ord 1995, binary weights, the cell itself included) from explicit distances."""
    n = len(values)
    x = values.astype(float)
    xbar = x.sum() / n
    s = math.sqrt((x * x).sum() / n - xbar * xbar)
    cx, cy = (cols + 0.5) * size, (rows + 0.5) * size
    z = np.empty(n)
    for start in range(0, n, 500):
        block = slice(start, start + 500)
        d = np.hypot(cx[block, None] - cx[None, :], cy[block, None] - cy[None, :])
        w = (d <= band).astype(float)
        sum_w, sum_w2 = w.sum(axis=1), (w * w).sum(axis=1)
        z[block] = (w @ x - xbar * sum_w) / (s * np.sqrt((n * sum_w2 - sum_w ** 2) / (n - 1)))
    return z


def reference_bh(p: np.ndarray) -> np.ndarray:
    """q_i = min over the p_j >= p_i of p_j · m / rank_j (rank in ascending order), capped at 1."""
    m = len(p)
    ranks = np.empty(m)
    ranks[np.argsort(p, kind="stable")] = np.arange(1, m + 1)
    adjusted = p * m / ranks
    return np.array([min(1.0, adjusted[p >= v].min()) for v in p])


def reference_class(z: float, q: float) -> str:
    if not (q < 0.10):
        return "not significant"
    level = "99" if q < 0.01 else "95" if q < 0.05 else "90"
    return ("hot " if z > 0 else "cold ") + level


def check_against_reference(geometry, files, size, band):
    points = read_crimes(files)
    lons = np.array([p[0] if p else np.nan for p in points])
    lats = np.array([p[1] if p else np.nan for p in points])
    result = hs.hotspots(lons, lats, polygons_of(geometry), size, band)

    cells = reference_cells(geometry, size)
    per_cell = Counter((math.floor(x / size), math.floor(y / size)) for x, y in project(points))
    study = set(cells)
    counts = np.array([per_cell.get(c, 0) for c in cells])
    cols = np.array([c for c, _ in cells], dtype=float)
    rows = np.array([r for _, r in cells], dtype=float)
    z = reference_gi(counts, cols, rows, size, band)

    frame = result.to_frame().set_index("cell_id")
    ids = [f"{c}_{r}" for c, r in cells]
    assert sorted(frame.index) == sorted(ids)
    frame = frame.loc[ids]
    assert frame["crimes"].tolist() == counts.tolist()
    assert result.crimes_unlocated == sum(p is None for p in points)
    located_in = sum(n for c, n in per_cell.items() if c in study)
    assert result.crimes_in_cells == located_in
    assert result.crimes_outside == sum(per_cell.values()) - located_in
    assert np.isfinite(z).all()
    np.testing.assert_allclose(frame["gi_z"].to_numpy(), z, rtol=1e-9, atol=1e-9)
    p = 2 * stats.norm.sf(np.abs(frame["gi_z"].to_numpy()))
    np.testing.assert_allclose(frame["gi_p"].to_numpy(), p, rtol=1e-9, atol=1e-300)
    q = frame["gi_q"].to_numpy()
    np.testing.assert_allclose(q, reference_bh(frame["gi_p"].to_numpy()), rtol=1e-12)
    assert frame["hotspot"].tolist() == [reference_class(a, b) for a, b in zip(frame["gi_z"], q)]
    return result, frame


# --------------------------------------------------------------------------- against the reference

def test_gi_z_over_kent_at_1000_m_matches_the_direct_formula():
    result, frame = check_against_reference(force_geometry("Kent"), sorted(KENT.glob("*.csv")), 1000, 2500)
    assert result.n_cells > 3000
    assert result.cell_size == 1000 and result.band == 2500
    # Kent's crime concentrates: there are hot spots, at every level
    assert {"hot 99", "hot 95", "hot 90"} <= set(frame["hotspot"])


def test_gi_z_at_250_m_with_a_band_on_cell_centres_matches_the_direct_formula():
    # Maidstone and around: Kent clipped to a 15 × 12 km window; a 750 m band reaches exactly three
    # cells along a row (distance 750.000 m), which counts as within the band.
    window = ogr.CreateGeometryFromWkt("POLYGON((572000 148000,587000 148000,587000 160000,572000 160000,"
                                       "572000 148000))")
    area = force_geometry("Kent").Intersection(window)
    result, frame = check_against_reference(area, [KENT / "2019-01-kent-street.csv"], 250, 750)
    assert 2000 < result.n_cells < 3000
    assert result.neighbours.max() == 29  # the disk of radius 3 cells: 29 cells
    assert (frame["hotspot"] != "not significant").any()


# --------------------------------------------------------------------------- the parts

@pytest.mark.parametrize("size,band", [(250, 750), (250, 1000), (100, 250), (250, 1250), (250, 200), (62.5, 530)])
def test_neighbour_sums_equal_a_convolution_with_the_disk(size, band):
    rng = np.random.default_rng(7)
    values = rng.poisson(0.7, size=(47, 61)).astype(np.int64)
    reach = int(band // size) + 1
    offsets = np.arange(-reach, reach + 1)
    kernel = (np.hypot(offsets[None, :] * size, offsets[:, None] * size) <= band).astype(np.int64)
    expected = signal.convolve2d(values, kernel, mode="same")
    assert np.array_equal(gi.disk_sum(values, gi.disk_chords(band, size)), expected)


def test_a_band_of_an_exact_pythagorean_distance_includes_it():
    # (3, 4) cells of 250 m are 1250 m apart
    chords = dict(gi.disk_chords(1250, 250))
    assert chords[4] == 3 and chords[3] == 4 and chords[0] == 5


def test_unlocated_crimes_are_counted_and_never_placed():
    geometry = force_geometry("Kent")
    lon = np.array([0.52, np.nan, 0.53, np.nan])
    lat = np.array([51.27, 51.27, np.nan, np.nan])
    result = hs.hotspots(lon, lat, polygons_of(geometry), 1000, 1500)
    assert result.crimes_unlocated == 3 and result.crimes_in_cells == 1 and result.crimes_outside == 0


def test_crimes_outside_the_study_area_are_left_out_and_counted():
    geometry = force_geometry("Kent")
    # one in Maidstone, one in central London (outside Kent)
    result = hs.hotspots([0.52, -0.1276], [51.27, 51.5072], polygons_of(geometry), 1000, 1500)
    assert result.crimes_in_cells == 1 and result.crimes_outside == 1 and result.crimes_total == 2


def square(x0, y0, side):
    xs = np.array([x0, x0 + side, x0 + side, x0, x0], dtype=float)
    ys = np.array([y0, y0, y0 + side, y0 + side, y0], dtype=float)
    return [[(xs, ys)]]


def test_no_variation_gives_nan_with_a_reason_not_a_crash():
    result = hs.hotspots_bng(np.array([]), np.array([]), square(500000, 100000, 5000), 1000, 1500)
    assert result.n_cells == 25
    assert np.isnan(result.gi.z).all() and np.isnan(result.gi.q).all()
    assert set(result.gi.hotspot) == {"not significant"}
    assert set(result.gi.reason) == {gi.REASON_NO_VARIATION}
    assert any("no variation" in w for w in result.warnings)


def test_a_neighbourhood_covering_the_whole_area_gives_nan_with_a_reason():
    x = np.array([500100.0, 500100.0, 502500.0])
    y = np.array([100100.0, 100100.0, 102500.0])
    result = hs.hotspots_bng(x, y, square(500000, 100000, 3000), 1000, 10000)
    assert result.n_cells == 9 and (result.neighbours == 9).all()
    assert np.isnan(result.gi.z).all() and set(result.gi.reason) == {gi.REASON_WHOLE_AREA}
    assert not np.isinf(result.gi.z).any()


def test_a_single_cell_area_gives_nan_with_a_reason():
    result = hs.hotspots_bng(np.array([500100.0]), np.array([100100.0]), square(500000, 100000, 1000), 1000, 1500)
    assert result.n_cells == 1 and np.isnan(result.gi.z).all()
    assert set(result.gi.reason) == {gi.REASON_FEW_CELLS}


def test_a_band_shorter_than_a_cell_standardises_each_cell_alone():
    rng = np.random.default_rng(3)
    x = 500000 + rng.uniform(0, 4000, 300)
    y = 100000 + rng.uniform(0, 4000, 300)
    result = hs.hotspots_bng(x, y, square(500000, 100000, 4000), 500, 100)
    counts = result.crimes.astype(float)
    expected = (counts - counts.mean()) / counts.std()       # population standard deviation, as S
    np.testing.assert_allclose(result.gi.z, expected, rtol=1e-12)
    assert (result.neighbours == 1).all()
    assert any("own neighbourhood" in w for w in result.warnings)


def test_cells_are_aligned_to_multiples_of_the_cell_size_and_ids_are_the_national_index():
    result = hs.hotspots_bng(np.array([500123.0]), np.array([100777.0]), square(499000, 99000, 3000), 1000, 1500)
    frame = result.to_frame()
    assert (frame["x0"] % 1000 == 0).all() and (frame["y0"] % 1000 == 0).all()
    hit = frame[frame["crimes"] == 1]
    assert hit["cell_id"].tolist() == ["500_100"] and hit["x0"].tolist() == [500000]


def test_classes_follow_from_q_and_the_sign_of_z():
    z = np.array([3.0, 2.0, 1.7, 0.5, -1.7, -2.0, -3.0, np.nan, 2.0])
    q = np.array([0.009, 0.049, 0.099, 0.5, 0.099, 0.049, 0.001, np.nan, 0.10])
    assert gi.hotspot_classes(z, q).tolist() == [reference_class(a, b) for a, b in zip(z, q)] == [
        "hot 99", "hot 95", "hot 90", "not significant", "cold 90", "cold 95", "cold 99", "not significant",
        "not significant"]


# --------------------------------------------------------------------------- chosen settings

def test_chosen_cell_size_follows_the_documented_rule_and_is_reported():
    geometry = force_geometry("Kent")
    files = [KENT / "2019-01-kent-street.csv"]
    points = read_crimes(files)
    lons = np.array([p[0] if p else np.nan for p in points])
    lats = np.array([p[1] if p else np.nan for p in points])
    result = hs.hotspots(lons, lats, polygons_of(geometry), 0, 0)
    # independently: distinct located points inside Kent (GEOS), Kent's area (GEOS), nearest nice size
    distinct = set()
    for x, y in set(project(points)):
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(x, y)
        if geometry.Contains(pt):
            distinct.add((x, y))
    spacing = math.sqrt(geometry.GetArea() / len(distinct))
    nice = (50, 100, 250, 500, 1000, 2500, 5000, 10000)
    expected = min(nice, key=lambda s: abs(math.log(s / spacing)))
    assert result.cell_size == expected
    assert result.band == 1.5 * expected
    assert "distinct crime locations" in result.cell_size_reason and "3 × 3" in result.band_reason
    assert (result.neighbours <= 9).all() and result.neighbours.max() == 9


def test_given_settings_are_reported_as_given():
    result = hs.hotspots_bng(np.array([500500.0]), np.array([100500.0]), square(500000, 100000, 3000), 1000, 1500)
    assert result.cell_size_reason == "1000 m: given" and result.band_reason == "1500 m: given"


def test_study_cells_follow_the_same_even_odd_rule_as_point_in_polygon_counting():
    from crimemap_plugin.core.pip import count_by_code

    area = polygons_of(force_geometry("Kent"))
    grid = hs.study_grid(area, 250)
    jj, ii = np.meshgrid(np.arange(grid.ncols), np.arange(grid.nrows))
    cx = (jj.ravel() + grid.col0 + 0.5) * 250
    cy = (ii.ravel() + grid.row0 + 0.5) * 250
    inside = np.zeros(len(cx), dtype=bool)
    for rings in area:
        inside |= count_by_code(cx, cy, np.arange(len(cx)), len(cx), [rings])[0] > 0
    assert grid.n > 50000
    assert np.array_equal(grid.mask.ravel(), inside)
