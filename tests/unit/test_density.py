"""Quartic kernel density on the real Kent crimes: the integral equals the number of crimes, pixels
equal a direct sum of the kernel over every crime, nodata follows the area, and the geotransform puts
each value where it belongs."""

import csv
import math

import numpy as np
import pytest
from osgeo import ogr, osr

from crimemap_plugin.core import density as de
from tests.shared_data import shared_data

ogr.UseExceptions()
osr.UseExceptions()

KENT_JAN = shared_data() / "police_uk" / "kent-2018-10_2019-02" / "2019-01-kent-street.csv"
PFA = shared_data() / "boundaries" / "ons-pfa-dec2022-buc" / "PFA_DEC_2022_EW_BUC_V2.shp"


def kent_geometry() -> ogr.Geometry:
    ds = ogr.Open(str(PFA))
    for feature in ds.GetLayer():
        if feature.GetField("PFA22NM") == "Kent":
            return feature.GetGeometryRef().Clone()
    raise AssertionError("no Kent")


def polygons_of(geometry) -> list:
    parts = ([geometry.GetGeometryRef(k) for k in range(geometry.GetGeometryCount())]
             if geometry.GetGeometryType() == ogr.wkbMultiPolygon else [geometry])
    out = []
    for part in parts:
        rings = []
        for k in range(part.GetGeometryCount()):
            pts = np.array(part.GetGeometryRef(k).GetPoints(), dtype=float)
            rings.append((pts[:, 0].copy(), pts[:, 1].copy()))
        out.append(rings)
    return out


def rectangle(x0, y0, x1, y1):
    return [[(np.array([x0, x1, x1, x0, x0], float), np.array([y0, y0, y1, y1, y0], float))]]


@pytest.fixture(scope="module")
def crimes():
    lon, lat = [], []
    with open(KENT_JAN, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            a, b = row["Longitude"].strip(), row["Latitude"].strip()
            lon.append(float(a) if a else math.nan)
            lat.append(float(b) if b else math.nan)
    lon, lat = np.array(lon), np.array(lat)
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(27700)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ok = np.isfinite(lon)
    xy = np.array(osr.CoordinateTransformation(src, dst).TransformPoints(np.column_stack([lon[ok], lat[ok]]).tolist()))
    return lon, lat, xy[:, 0], xy[:, 1]


def pixel_centre(raster, r, c):
    x0, px, _, top, _, neg = raster.geotransform
    return x0 + (c + 0.5) * px, top + (r + 0.5) * neg


def direct_density(cx, cy, x, y, h):
    """Σ over every crime of 3/(π h²)(1 − d²/h²)² for d < h, per km², written out."""
    d2 = (x - cx) ** 2 + (y - cy) ** 2
    near = d2 < h * h
    return float(np.sum(3.0 / (math.pi * h * h) * (1.0 - d2[near] / (h * h)) ** 2)) * 1e6


def test_the_integral_over_a_large_area_is_the_number_of_crimes(crimes):
    lon, lat, x, y = crimes
    area = rectangle(x.min() - 5000, y.min() - 5000, x.max() + 5000, y.max() + 5000)
    raster = de.kernel_density(lon, lat, area, bandwidth=800, pixel_size=100)
    assert raster.method == de.EXACT
    assert raster.crimes_used == len(x) and raster.crimes_unlocated == int(np.isnan(lon).sum())
    integral = np.nansum(raster.values) * (100 * 100) / 1e6     # crimes per km² × km² per pixel
    assert integral == pytest.approx(len(x), rel=2e-3)


def test_pixels_equal_the_direct_sum_over_every_crime(crimes):
    lon, lat, x, y = crimes
    geometry = kent_geometry()
    raster = de.kernel_density(lon, lat, polygons_of(geometry), bandwidth=600, pixel_size=200)
    used = np.zeros(len(x), dtype=bool)          # crimes in a pixel whose centre is in Kent (GEOS)
    for k, (px, py) in enumerate(zip(x, y)):
        centre = ogr.Geometry(ogr.wkbPoint)
        centre.AddPoint_2D((math.floor(px / 200) + 0.5) * 200, (math.floor(py / 200) + 0.5) * 200)
        used[k] = geometry.Contains(centre)
    assert raster.crimes_used == int(used.sum()) and raster.crimes_outside == int((~used).sum())
    rng = np.random.default_rng(5)
    valid = np.argwhere(np.isfinite(raster.values))
    busiest = np.unravel_index(np.nanargmax(raster.values), raster.values.shape)
    picks = [tuple(v) for v in valid[rng.choice(len(valid), 40, replace=False)]] + [busiest]
    for r, c in picks:
        cx, cy = pixel_centre(raster, r, c)
        assert raster.values[r, c] == pytest.approx(direct_density(cx, cy, x[used], y[used], 600), rel=1e-9, abs=1e-9)
    assert raster.values[busiest] > 100        # a town centre: hundreds of crimes per km² in a month


def test_nodata_outside_the_area_and_the_grid_is_aligned(crimes):
    lon, lat, x, y = crimes
    geometry = kent_geometry()
    raster = de.kernel_density(lon, lat, polygons_of(geometry), bandwidth=1000, pixel_size=500)
    x0, px, rot1, top, rot2, neg = raster.geotransform
    assert px == 500 and neg == -500 and rot1 == rot2 == 0 and x0 % 500 == 0 and top % 500 == 0
    xmin, xmax, ymin, ymax = geometry.GetEnvelope()
    assert x0 <= xmin < x0 + 500 and top - 500 < ymax <= top
    rows, cols = raster.values.shape
    for r in range(0, rows, 7):
        for c in range(0, cols, 7):
            centre = ogr.Geometry(ogr.wkbPoint)
            centre.AddPoint_2D(*pixel_centre(raster, r, c))
            assert np.isnan(raster.values[r, c]) != geometry.Contains(centre)


def test_one_crime_peaks_at_its_pixel_with_the_kernel_height():
    # a crime at a pixel centre: the density there is K(0) = 3/(π h²) per m²
    x, y = 550050.0, 150050.0
    raster = de.kernel_density_bng(np.array([x]), np.array([y]), rectangle(548000, 148000, 552000, 152000),
                                   bandwidth=500, pixel_size=100)
    r, c = np.unravel_index(np.nanargmax(raster.values), raster.values.shape)
    assert pixel_centre(raster, r, c) == (x, y)
    assert raster.values[r, c] == pytest.approx(3 / (math.pi * 500 ** 2) * 1e6, rel=1e-12)
    assert de.quartic(np.array([0.0, 250.0, 500.0, 600.0]), 500).tolist() == pytest.approx(
        [3 / (math.pi * 500 ** 2), 3 / (math.pi * 500 ** 2) * 0.75 ** 2, 0.0, 0.0])


def test_binned_fallback_sums_the_kernel_from_pixel_centres(crimes, monkeypatch):
    lon, lat, x, y = crimes
    monkeypatch.setattr(de, "EXACT_BUDGET", 0)
    area = rectangle(x.min() - 5000, y.min() - 5000, x.max() + 5000, y.max() + 5000)
    raster = de.kernel_density(lon, lat, area, bandwidth=800, pixel_size=100)
    assert raster.method == de.BINNED
    assert np.nansum(raster.values) * 0.01 == pytest.approx(len(x), rel=2e-3)
    bx, by = (np.floor(x / 100) + 0.5) * 100, (np.floor(y / 100) + 0.5) * 100
    busiest = np.unravel_index(np.nanargmax(raster.values), raster.values.shape)
    cx, cy = pixel_centre(raster, *busiest)
    assert raster.values[busiest] == pytest.approx(direct_density(cx, cy, bx, by, 800), rel=1e-9)
