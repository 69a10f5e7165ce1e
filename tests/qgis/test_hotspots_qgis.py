"""crimemap:hotspots, emerginghotspots, density and concentration on the real police.uk data, against
calculations written here apart from the code.

The reference reads the CSV files with pandas, projects the points with its own pyproj transformer
(EPSG:4326 → EPSG:27700, always_xy), decides which cells belong to the study area with GEOS (OGR's
Contains on each cell centre against the bundled force boundary), counts crimes per cell by flooring
the coordinates, and computes Gi* from the formula of Getis & Ord (1995) with neighbours found by brute
force over every pair of cell centres; p from scipy, BH q-values by their textbook definition, the
Mann–Kendall statistic by counting pairs.
"""

import math
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from osgeo import gdal, ogr
from pyproj import Transformer
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsSingleBandPseudoColorRenderer,
    QgsVectorLayer,
)
from scipy import stats

from crimemap_plugin.core.importer import import_path
from crimemap_plugin.layers.boundaries import FORCE_AREAS_PATH
from tests.shared_data import city_of_london_street, shared_data

ogr.UseExceptions()
gdal.UseExceptions()

KENT = shared_data() / "police_uk" / "kent-2018-10_2019-02"
TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
CLASS_ORDER = ["hot 99", "hot 95", "hot 90", "not significant", "cold 90", "cold 95", "cold 99"]


# --------------------------------------------------------------------------- fixtures

@pytest.fixture()
def run(plugin, qgis_processing):
    import processing
    return processing.run


@pytest.fixture(scope="module")
def kent_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("kent") / "kent.gpkg"
    import_path(KENT, path)
    return path


class Recorder(QgsProcessingFeedback):
    """Keeps what an algorithm says in the log."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, text):  # noqa: N802
        self.lines.append(text)

    def pushWarning(self, text):  # noqa: N802
        self.lines.append("WARNING " + text)

    def reportError(self, text, fatalError=False):  # noqa: N802, N803
        self.lines.append("ERROR " + text)

    def text(self) -> str:
        return "\n".join(self.lines)


# --------------------------------------------------------------------------- the independent reference

def street_rows(folder: Path, first: str, last: str) -> pd.DataFrame:
    """Every row of the street files of first..last: Month, Falls within, Location, lon, lat (NaN
    without a location: empty, or 0,0) and x, y in British National Grid."""
    frames = [pd.read_csv(f, dtype=str, keep_default_na=False) for f in sorted(folder.glob("*-street.csv"))]
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[(rows["Month"] >= first) & (rows["Month"] <= last)].reset_index(drop=True)
    lon = pd.to_numeric(rows["Longitude"].str.strip().replace("", np.nan)).to_numpy()
    lat = pd.to_numeric(rows["Latitude"].str.strip().replace("", np.nan)).to_numpy()
    nowhere = (lon == 0) & (lat == 0)
    lon[nowhere], lat[nowhere] = np.nan, np.nan
    rows["lon"], rows["lat"] = lon, lat
    x, y = np.full(len(rows), np.nan), np.full(len(rows), np.nan)
    ok = np.isfinite(lon) & np.isfinite(lat)
    x[ok], y[ok] = TO_BNG.transform(lon[ok], lat[ok])
    rows["x"], rows["y"] = x, y
    return rows


def force_geometry(slug: str) -> ogr.Geometry:
    ds = ogr.Open(str(FORCE_AREAS_PATH))
    for feature in ds.GetLayer():
        if feature.GetField("force") == slug:
            return feature.GetGeometryRef().Clone()
    raise AssertionError(f"no bundled area for {slug}")


def rectangle(x0, y0, x1, y1) -> ogr.Geometry:
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")


def reference_cells(geometry: ogr.Geometry, size: float):
    """(col, row) of every cell whose centre GEOS finds inside the geometry, as two arrays."""
    xmin, xmax, ymin, ymax = geometry.GetEnvelope()
    cols, rows = [], []
    point = ogr.Geometry(ogr.wkbPoint)
    for row in range(math.floor(ymin / size), math.floor(ymax / size) + 1):
        for col in range(math.floor(xmin / size), math.floor(xmax / size) + 1):
            point.SetPoint_2D(0, (col + 0.5) * size, (row + 0.5) * size)
            if geometry.Contains(point):
                cols.append(col)
                rows.append(row)
    return np.array(cols), np.array(rows)


def counts_per_cell(rows: pd.DataFrame, cols, cells_rows, size) -> np.ndarray:
    located = rows[np.isfinite(rows["x"])]
    per_cell = Counter(zip(np.floor(located["x"] / size).astype(int), np.floor(located["y"] / size).astype(int)))
    return np.array([per_cell.get((c, r), 0) for c, r in zip(cols.tolist(), cells_rows.tolist())], dtype=float)


def neighbour_matrix(cols, rows, size, band) -> np.ndarray:
    """w_ij = 1 when the centres of cells i and j are within the band (i itself included)."""
    cx, cy = (cols + 0.5) * size, (rows + 0.5) * size
    return (np.hypot(cx[:, None] - cx[None, :], cy[:, None] - cy[None, :]) <= band).astype(float)


def gi_star(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Getis & Ord (1995) Gi*: (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))."""
    n = len(x)
    xbar = x.sum() / n
    s = math.sqrt((x * x).sum() / n - xbar ** 2)
    sw, sw2 = w.sum(axis=1), (w * w).sum(axis=1)
    return (w @ x - xbar * sw) / (s * np.sqrt((n * sw2 - sw ** 2) / (n - 1)))


def bh(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg by its definition: q_i = min over the p_j ≥ p_i of p_j m / rank_j, capped at 1."""
    m = len(p)
    ranks = np.empty(m)
    ranks[np.argsort(p, kind="stable")] = np.arange(1, m + 1)
    adjusted = p * m / ranks
    return np.array([min(1.0, adjusted[p >= v].min()) for v in p])


def class_of(z: float, q) -> str:
    if q is None or not q < 0.10:
        return "not significant"
    return ("hot " if z > 0 else "cold ") + ("99" if q < 0.01 else "95" if q < 0.05 else "90")


def output_frame(layer: QgsVectorLayer) -> pd.DataFrame:
    names = [f.name() for f in layer.fields()]
    records = [dict(zip(names, [None if v is None or str(v) == "NULL" else v for v in f.attributes()]))
               for f in layer.getFeatures()]
    return pd.DataFrame.from_records(records).set_index("cell_id")


def open_output(result) -> QgsVectorLayer:
    layer = QgsVectorLayer(str(result["OUTPUT"]), "output", "ogr")
    assert layer.isValid()
    return layer


def check_gi_against_reference(layer, rows, geometry, size, band):
    """The output grid: its cells, crimes and gi_z against the reference; gi_p, gi_q and classes."""
    cols, cell_rows = reference_cells(geometry, size)
    frame = output_frame(layer)
    ids = [f"{c}_{r}" for c, r in zip(cols.tolist(), cell_rows.tolist())]
    assert sorted(frame.index) == sorted(ids)
    frame = frame.loc[ids]
    x = counts_per_cell(rows, cols, cell_rows, size)
    assert frame["crimes"].tolist() == x.astype(int).tolist()
    z = gi_star(x, neighbour_matrix(cols, cell_rows, size, band))
    assert np.isfinite(z).all()
    np.testing.assert_allclose(frame["gi_z"].to_numpy(dtype=float), z, rtol=1e-9, atol=1e-9)
    p = 2 * stats.norm.sf(np.abs(z))
    np.testing.assert_allclose(frame["gi_p"].to_numpy(dtype=float), p, rtol=1e-8, atol=1e-300)
    q = frame["gi_q"].to_numpy(dtype=float)
    np.testing.assert_allclose(q, bh(frame["gi_p"].to_numpy(dtype=float)), rtol=1e-12)
    assert frame["hotspot"].tolist() == [class_of(a, b) for a, b in zip(frame["gi_z"], q)]
    # every geometry is its cell: a square of side `size` at (col, row) · size
    for feature in list(layer.getFeatures())[:50]:
        col, row = map(int, feature["cell_id"].split("_"))
        box = feature.geometry().boundingBox()
        assert (box.xMinimum(), box.yMinimum(), box.width(), box.height()) == (col * size, row * size, size, size)
    return frame, x, z


# --------------------------------------------------------------------------- hot spots

def test_hotspots_of_the_city_match_the_direct_formula(run, sample_store, tmp_path):
    log = Recorder()
    out = tmp_path / "city.gpkg"
    result = run("crimemap:hotspots", {"STORE": str(sample_store), "AREA": "city-of-london", "CELL_SIZE": 100,
                                       "DISTANCE_BAND": 250, "OUTPUT": str(out)}, feedback=log)
    rows = street_rows(city_of_london_street(), "2025-01", "2025-12")      # the default: latest 12 months
    assert result["PERIOD"] == "2025-01 to 2025-12"
    frame, x, z = check_gi_against_reference(open_output(result), rows, force_geometry("city-of-london"), 100, 250)
    assert (result["CELL_SIZE_USED"], result["DISTANCE_BAND_USED"], result["CELLS"]) == (100, 250, len(frame))
    assert result["CRIMES_IN_CELLS"] == int(x.sum())
    unlocated = int(rows["x"].isna().sum())
    assert unlocated > 0 and result["ROWS_WITHOUT_LOCATION"] == unlocated
    assert result["CRIMES_OUTSIDE"] == int(rows["x"].notna().sum()) - int(x.sum())
    assert f"{unlocated:,}" in log.text() and "never placed" in log.text()
    assert result["HOT_CELLS"] == sum(frame["hotspot"].str.startswith("hot")) > 0
    # reopened from the GeoPackage: styled from its layer_styles
    reopened = QgsVectorLayer(str(out), "reopened", "ogr")
    assert isinstance(reopened.renderer(), QgsCategorizedSymbolRenderer)
    assert reopened.renderer().classAttribute() == "hotspot"


def test_kent_with_its_partial_month_is_refused_then_goes_ahead_when_allowed(run, kent_store, tmp_path):
    params = {"STORE": str(kent_store), "AREA": "kent", "CELL_SIZE": 1000, "DISTANCE_BAND": 2500,
              "OUTPUT": str(tmp_path / "kent.gpkg")}
    with pytest.raises(QgsProcessingException, match=r"kent: 2018-12 is a partial submission \(8,438 rows"):
        run("crimemap:hotspots", params)
    log = Recorder()
    result = run("crimemap:hotspots", {**params, "ALLOW_INCOMPLETE": True}, feedback=log)
    assert "WARNING Incomplete data for 2018-10 to 2019-02: kent: 2018-12" in log.text()
    rows = street_rows(KENT, "2018-10", "2019-02")
    frame, x, z = check_gi_against_reference(open_output(result), rows, force_geometry("kent"), 1000, 2500)
    assert len(frame) > 3000 and {"hot 99", "hot 95", "hot 90"} <= set(frame["hotspot"])
    assert result["ROWS_WITHOUT_LOCATION"] == int(rows["x"].isna().sum()) > 1000


def test_a_period_without_the_partial_month_goes_ahead_by_default(run, kent_store, tmp_path):
    result = run("crimemap:hotspots", {"STORE": str(kent_store), "AREA": "kent", "START_MONTH": "2019-01",
                                       "END_MONTH": "2019-02", "CELL_SIZE": 1000, "DISTANCE_BAND": 2500,
                                       "OUTPUT": str(tmp_path / "kent.gpkg")})
    rows = street_rows(KENT, "2019-01", "2019-02")
    check_gi_against_reference(open_output(result), rows, force_geometry("kent"), 1000, 2500)


def polygon_layer(wkt: str, crs: str = "EPSG:27700") -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Polygon?crs={crs}", "Maidstone window", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(wkt))
    layer.dataProvider().addFeatures([feature])
    return layer


def test_an_area_layer_wins_over_area_and_its_forces_are_checked(run, kent_store, tmp_path):
    # Maidstone and around, 15 × 12 km, inside Kent: its only force is Kent.
    window = rectangle(572000, 148000, 587000, 160000)
    layer = polygon_layer(window.ExportToWkt())
    result = run("crimemap:hotspots", {"STORE": str(kent_store), "AREA": "city-of-london", "AREA_LAYER": layer,
                                       "START_MONTH": "2019-01", "END_MONTH": "2019-01", "CELL_SIZE": 250,
                                       "DISTANCE_BAND": 750, "OUTPUT": str(tmp_path / "window.gpkg")})
    rows = street_rows(KENT, "2019-01", "2019-01")
    frame, _, _ = check_gi_against_reference(open_output(result), rows, window, 250, 750)
    assert len(frame) == 60 * 48
    assert result["ROWS_WITHOUT_LOCATION"] == int(rows["x"].isna().sum())
    # A window over the Thames estuary also covers Essex, of which the store holds nothing.
    estuary = polygon_layer(rectangle(570000, 170000, 600000, 190000).ExportToWkt())
    with pytest.raises(QgsProcessingException, match="essex: no data for 2019-01"):
        run("crimemap:hotspots", {"STORE": str(kent_store), "AREA_LAYER": estuary, "START_MONTH": "2019-01",
                                  "END_MONTH": "2019-01", "CELL_SIZE": 1000, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_a_stored_neighbourhood_is_a_study_area(run, sample_store, tmp_path):
    import shutil

    from crimemap_plugin.core.store import NeighbourhoodRecord, open_store
    store = tmp_path / "store.gpkg"
    shutil.copy(sample_store, store)
    # a neighbourhood around Bank and Moorgate, as police.uk gives boundaries: longitude, latitude
    ring = [(-0.0950, 51.5105), (-0.0800, 51.5110), (-0.0805, 51.5205), (-0.0935, 51.5190), (-0.0950, 51.5105)]
    with open_store(str(store), create=False) as s:
        s.store_neighbourhoods("city-of-london", [NeighbourhoodRecord(
            "city-of-london", "BANK", "Bank and Moorgate", [[ring]], {}, [], [], [], "2026-01-01T00:00:00",
            has_details=False)])
    log = Recorder()
    result = run("crimemap:hotspots", {"STORE": str(store), "AREA": "city-of-london/BANK", "CELL_SIZE": 100,
                                       "DISTANCE_BAND": 250, "OUTPUT": str(tmp_path / "bank.gpkg")}, feedback=log)
    # the boundary's vertices projected here, its edges straight in British National Grid
    xs, ys = TO_BNG.transform([p[0] for p in ring], [p[1] for p in ring])
    polygon = ogr.CreateGeometryFromWkt("POLYGON((" + ",".join(f"{x!r} {y!r}" for x, y in zip(xs, ys)) + "))")
    rows = street_rows(city_of_london_street(), "2025-01", "2025-12")
    frame, x, _ = check_gi_against_reference(open_output(result), rows, polygon, 100, 250)
    assert 80 < len(frame) < 200 and x.sum() > 1000
    assert "Study area: Bank and Moorgate (stored neighbourhood)" in log.text()
    # the City's rows without a location: the neighbourhood's force cannot place them anywhere
    assert result["ROWS_WITHOUT_LOCATION"] == int(rows["x"].isna().sum())


def test_chosen_cell_size_and_band_are_reported(run, kent_store):
    log = Recorder()
    result = run("crimemap:hotspots", {"STORE": str(kent_store), "AREA": "kent", "START_MONTH": "2019-01",
                                       "END_MONTH": "2019-01", "OUTPUT": "TEMPORARY_OUTPUT"}, feedback=log)
    # Kent's distinct crime locations in January 2019, spread evenly over its area, are about 500 m apart
    rows = street_rows(KENT, "2019-01", "2019-01")
    located = rows[rows["x"].notna()]
    geometry = force_geometry("kent")
    distinct = set()
    point = ogr.Geometry(ogr.wkbPoint)
    for x, y in set(zip(located["x"], located["y"])):
        point.SetPoint_2D(0, x, y)
        if geometry.Contains(point):
            distinct.add((x, y))
    spacing = math.sqrt(geometry.GetArea() / len(distinct))
    nice = (50, 100, 250, 500, 1000, 2500, 5000, 10000)
    expected = min(nice, key=lambda s: abs(math.log(s / spacing)))
    assert result["CELL_SIZE_USED"] == expected and result["DISTANCE_BAND_USED"] == 1.5 * expected
    assert f"Cell size: {expected:g} m: the" in log.text() and "Distance band: " in log.text()


def test_bad_areas_are_refused_clearly(run, sample_store):
    with pytest.raises(QgsProcessingException, match="Unknown force: atlantis"):
        run("crimemap:hotspots", {"STORE": str(sample_store), "AREA": "atlantis", "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="importneighbourhoods"):
        run("crimemap:hotspots", {"STORE": str(sample_store), "AREA": "city-of-london/XX1",
                                  "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="btp has no bundled boundary"):
        run("crimemap:hotspots", {"STORE": str(sample_store), "AREA": "btp", "OUTPUT": "TEMPORARY_OUTPUT"})


# --------------------------------------------------------------------------- emerging hot spots

def mann_kendall_z(values) -> float:
    xs = [v for v in values if not math.isnan(v)]
    n = len(xs)
    s = sum((xs[j] > xs[i]) - (xs[j] < xs[i]) for i in range(n) for j in range(i + 1, n))
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in Counter(xs).values())) / 18
    if var <= 0:
        return math.nan
    return (s - 1) / math.sqrt(var) if s > 0 else (s + 1) / math.sqrt(var) if s < 0 else 0.0


def test_emerging_hotspots_of_kent_leave_the_partial_month_out(run, kent_store, tmp_path):
    params = {"STORE": str(kent_store), "AREA": "kent", "TIME_STEP": "month", "CELL_SIZE": 1000,
              "DISTANCE_BAND": 2500, "OUTPUT": str(tmp_path / "emerging.gpkg")}
    with pytest.raises(QgsProcessingException, match="kent: 2018-12 is a partial submission"):
        run("crimemap:emerginghotspots", params)
    result = run("crimemap:emerginghotspots", {**params, "ALLOW_INCOMPLETE": True})
    assert (result["STEPS"], result["STEPS_MISSING"], result["MISSING_STEPS"]) == (5, 1, "2018-12")
    frame = output_frame(open_output(result))

    rows = street_rows(KENT, "2018-10", "2019-02")
    cols, cell_rows = reference_cells(force_geometry("kent"), 1000)
    ids = [f"{c}_{r}" for c, r in zip(cols.tolist(), cell_rows.tolist())]
    assert sorted(frame.index) == sorted(ids)
    frame = frame.loc[ids]
    months = ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]
    per_month = np.column_stack([counts_per_cell(rows[rows["Month"] == m], cols, cell_rows, 1000) for m in months])
    assert frame["step_counts"].tolist() == [", ".join(str(int(v)) for v in r) for r in per_month]
    assert frame["crimes"].tolist() == per_month.sum(axis=1).astype(int).tolist()
    assert (frame["steps"] == 4).all()                       # 2018-12 is missing, not zero

    w = neighbour_matrix(cols, cell_rows, 1000, 2500)
    z = np.full(per_month.shape, np.nan)
    q = np.full(per_month.shape, np.nan)
    for t, month in enumerate(months):
        if month == "2018-12":
            continue
        z[:, t] = gi_star(per_month[:, t], w)
        q[:, t] = bh(2 * stats.norm.sf(np.abs(z[:, t])))
    hot = ((q < 0.10) & (z > 0)).sum(axis=1)
    cold = ((q < 0.10) & (z < 0)).sum(axis=1)
    assert frame["hot_steps"].tolist() == hot.tolist() and frame["cold_steps"].tolist() == cold.tolist()
    trend = np.array([mann_kendall_z(row) for row in z.tolist()])
    got = frame["trend_z"].to_numpy(dtype=float)
    assert np.array_equal(np.isnan(got), np.isnan(trend))
    np.testing.assert_allclose(got[~np.isnan(trend)], trend[~np.isnan(trend)], rtol=1e-9, atol=1e-12)
    # a cell hot in every step it has is persistent, intensifying or diminishing, never anything else
    always = frame[(frame["hot_steps"] == 4)]
    assert len(always) > 100
    assert set(always["pattern"]) <= {"persistent hot spot", "intensifying hot spot", "diminishing hot spot"}
    # a cell never significant has no pattern
    assert set(frame[(frame["hot_steps"] == 0) & (frame["cold_steps"] == 0)]["pattern"]) == {"no pattern detected"}


def test_emerging_hotspots_by_quarter_on_the_city(run, sample_store, tmp_path):
    result = run("crimemap:emerginghotspots", {"STORE": str(sample_store), "AREA": "city-of-london",
                                               "TIME_STEP": "quarter", "CELL_SIZE": 100, "DISTANCE_BAND": 250,
                                               "OUTPUT": str(tmp_path / "quarters.gpkg")})
    assert (result["PERIOD"], result["STEPS"], result["STEPS_MISSING"]) == ("2025-01 to 2025-12", 4, 0)
    frame = output_frame(open_output(result))
    rows = street_rows(city_of_london_street(), "2025-01", "2025-12")
    cols, cell_rows = reference_cells(force_geometry("city-of-london"), 100)
    frame = frame.loc[[f"{c}_{r}" for c, r in zip(cols.tolist(), cell_rows.tolist())]]
    quarters = [("2025-01", "2025-03"), ("2025-04", "2025-06"), ("2025-07", "2025-09"), ("2025-10", "2025-12")]
    per_quarter = np.column_stack([counts_per_cell(rows[(rows["Month"] >= a) & (rows["Month"] <= b)], cols,
                                                   cell_rows, 100) for a, b in quarters])
    assert frame["step_counts"].tolist() == [", ".join(str(int(v)) for v in r) for r in per_quarter]
    assert (frame["steps"] == 4).all()
    layer = open_output(result)
    labels = [c.label() for c in layer.renderer().categories()]
    assert "No pattern detected" in labels and any(label.startswith("Persistent hot spot") for label in labels)


# --------------------------------------------------------------------------- density

def crimes_in_area_cells(rows: pd.DataFrame, geometry: ogr.Geometry, size: float) -> int:
    """Located crimes whose size-metre cell has its centre inside the geometry (GEOS, per occupied cell)."""
    located = rows[rows["x"].notna()]
    cells = Counter(zip(np.floor(located["x"] / size).astype(int), np.floor(located["y"] / size).astype(int)))
    point = ogr.Geometry(ogr.wkbPoint)
    total = 0
    for (col, row), n in cells.items():
        point.SetPoint_2D(0, (col + 0.5) * size, (row + 0.5) * size)
        total += n if geometry.Contains(point) else 0
    return total


def loaded_layer(source):
    return next(layer for layer in QgsProject.instance().mapLayers().values()
                if layer.source().split("|")[0] == str(source))


def as_layer(value, context):
    return value if isinstance(value, QgsVectorLayer) else context.getMapLayer(value)


def raster_values(path):
    ds = gdal.Open(str(path))
    band = ds.GetRasterBand(1)
    values = band.ReadAsArray().astype(float)
    return values, ds.GetGeoTransform(), ds.GetProjection(), band.GetNoDataValue()


def kernel_at(cx, cy, x, y, h) -> float:
    d2 = (x - cx) ** 2 + (y - cy) ** 2
    near = d2 < h * h
    return float(np.sum(3 / (math.pi * h * h) * (1 - d2[near] / (h * h)) ** 2)) * 1e6


def test_density_sums_to_the_crimes_and_equals_the_kernel_sum(run, kent_store, tmp_path):
    rows = street_rows(KENT, "2019-01", "2019-02")
    located = rows[rows["x"].notna()]
    x, y = located["x"].to_numpy(), located["y"].to_numpy()
    # a rectangle on the 100 m grid 5 km beyond every crime: nothing of the kernel spills out of it
    x0, y0 = math.floor(x.min() / 100) * 100 - 5000, math.floor(y.min() / 100) * 100 - 5000
    x1, y1 = math.ceil(x.max() / 100) * 100 + 5000, math.ceil(y.max() / 100) * 100 + 5000
    layer = polygon_layer(rectangle(x0, y0, x1, y1).ExportToWkt())
    out = tmp_path / "density.tif"
    params = {"STORE": str(kent_store), "AREA_LAYER": layer, "START_MONTH": "2019-01", "END_MONTH": "2019-02",
              "BANDWIDTH": 500, "PIXEL_SIZE": 100, "OUTPUT": str(out)}
    with pytest.raises(QgsProcessingException, match="essex: no data"):   # the rectangle covers Essex too
        run("crimemap:density", params)
    result = run("crimemap:density", {**params, "ALLOW_INCOMPLETE": True})
    assert result["CRIMES_USED"] == len(located) and result["METHOD"] == "exact"
    values, transform, projection, nodata = raster_values(out)
    assert "27700" in projection or "British National Grid" in projection
    assert transform[1] == 100 and transform[5] == -100 and transform[0] % 100 == 0 and transform[3] % 100 == 0
    total = np.nansum(values) * (100 * 100) / 1e6        # crimes per km² × km² per pixel
    # The quartic kernel integrates to one crime; sampled at 100 m pixel centres with a 500 m bandwidth
    # the sum differs from the integral by the sampling error only (about 1e-6 here), plus Float32 rounding.
    assert total == pytest.approx(len(located), rel=1e-4)
    rng = np.random.default_rng(1)
    busiest = np.unravel_index(np.nanargmax(values), values.shape)
    picks = [tuple(v) for v in np.argwhere(values > 0)[rng.choice(int((values > 0).sum()), 25, replace=False)]]
    for r, c in picks + [busiest]:
        cx, cy = transform[0] + (c + 0.5) * 100, transform[3] - (r + 0.5) * 100
        assert values[r, c] == pytest.approx(kernel_at(cx, cy, x, y, 500), rel=1e-5)   # Float32
    assert values[busiest] > 1000                           # a town centre: over 1,000 crimes per km²


def test_density_over_kent_loses_only_what_spreads_beyond_its_edge(run_and_load, kent_store, tmp_path):
    out = tmp_path / "kent.tif"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = run_and_load("crimemap:density", {
        "STORE": str(kent_store), "AREA": "kent", "START_MONTH": "2019-01", "END_MONTH": "2019-02",
        "BANDWIDTH": 500, "PIXEL_SIZE": 100, "OUTPUT": str(out)}, context=context, feedback=QgsProcessingFeedback())
    rows = street_rows(KENT, "2019-01", "2019-02")
    inside = crimes_in_area_cells(rows, force_geometry("kent"), 100)
    assert result["CRIMES_USED"] == inside
    values, _, _, _ = raster_values(out)
    total = np.nansum(values) * 0.01
    # Crimes within 500 m of the coast or the boundary spread part of their kernel outside Kent, where
    # pixels are nodata: about 1 % of the total here.
    assert 0.98 * inside < total < 0.999 * inside
    layer = loaded_layer(out)
    assert isinstance(layer, QgsRasterLayer)
    assert layer.name() == "Crime density · Kent Police · All crime · January–February 2019 · crimes per km²"
    check_density_style(layer)
    assert Path(str(out).replace(".tif", ".qml")).exists()         # opens styled elsewhere too
    reopened = QgsRasterLayer(str(out), "reopened", "gdal")
    reopened.loadDefaultMetadata()                                    # the .qmd beside it
    check_density_style(reopened)
    tags = gdal.Open(str(out)).GetMetadata()                          # and in the GeoTIFF itself
    assert "Open Government Licence" in tags["TIFFTAG_COPYRIGHT"]
    assert "quartic kernel, bandwidth 500 m" in tags["TIFFTAG_IMAGEDESCRIPTION"]


def check_density_style(layer):
    renderer = layer.renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    items = renderer.shader().rasterShaderFunction().colorRampItemList()
    assert items[0].value == 0 and items[0].color.alpha() == 0              # zero is transparent
    colours = [i.color for i in items[1:]]
    assert colours[0].red() > 240 and colours[0].green() > 200              # light yellow first
    assert colours[-1].red() > 150 and colours[-1].green() < 60             # dark red last
    assert [i.value for i in items] == sorted(i.value for i in items)
    assert "Open Government Licence" in " ".join(layer.metadata().rights())


# --------------------------------------------------------------------------- concentration

def location_counts(rows: pd.DataFrame, geometry: ogr.Geometry) -> Counter:
    """Crimes per (lon, lat to 6 decimals, location name) among the located rows inside the geometry."""
    located = rows[rows["x"].notna()]
    point = ogr.Geometry(ogr.wkbPoint)
    inside = {}
    for x, y in set(zip(located["x"], located["y"])):
        point.SetPoint_2D(0, x, y)
        inside[(x, y)] = geometry.Contains(point)
    keep = located[[inside[(x, y)] for x, y in zip(located["x"], located["y"])]]
    keys = pd.DataFrame({"lon": keep["lon"].map("{:.6f}".format), "lat": keep["lat"].map("{:.6f}".format),
                         "location": keep["Location"].str.strip()})
    return Counter({k: int(n) for k, n in keys.value_counts().items()})


def test_concentration_against_value_counts_of_the_csv_files(run, sample_store):
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    log = Recorder()
    result = run("crimemap:concentration", {"STORE": str(sample_store), "END_MONTH": "2025-03", "MONTHS": 3,
                                            "BASELINE": "same_period_last_year", "TOP": 25,
                                            "OUTPUT": "TEMPORARY_OUTPUT", "LORENZ": "TEMPORARY_OUTPUT"},
                 context=context, feedback=log)
    geometry = force_geometry("city-of-london")
    now = street_rows(city_of_london_street(), "2025-01", "2025-03")
    before = street_rows(city_of_london_street(), "2024-01", "2024-03")
    counts, base = location_counts(now, geometry), location_counts(before, geometry)
    ranked = sorted(counts.values(), reverse=True)
    assert result["CRIMES"] == sum(ranked) and result["LOCATIONS"] == len(ranked)
    assert result["BASELINE_CRIMES"] == sum(base.values())
    assert result["ROWS_WITHOUT_LOCATION"] == int(now["x"].isna().sum())
    table = as_layer(result["OUTPUT"], context)
    assert table.wkbType() == 100 or not any(f.hasGeometry() for f in table.getFeatures())   # NoGeometry
    features = list(table.getFeatures())
    assert [f["crimes"] for f in features] == ranked[:25]
    assert [f["rank"] for f in features] == list(range(1, 26))
    for f in features:
        key = (f"{f['lon']:.6f}", f"{f['lat']:.6f}", f["location"])
        assert f["location"].startswith("On or near")
        assert (f["crimes"], f["baseline"], f["change"]) == (counts[key], base.get(key, 0),
                                                            counts[key] - base.get(key, 0))
        assert f["share"] == pytest.approx(counts[key] / sum(ranked))
    for p, name in ((1, "SHARE_TOP_1"), (5, "SHARE_TOP_5"), (10, "SHARE_TOP_10")):
        k = math.ceil(p / 100 * len(ranked))
        assert result[name] == pytest.approx(sum(ranked[:k]) / sum(ranked), rel=1e-12)
        assert f"Top {p} % of locations ({k:,}): {sum(ranked[:k]):,} crimes" in log.text()
    ascending = ranked[::-1]
    n, total = len(ascending), sum(ascending)
    gini = 2 * sum((i + 1) * c for i, c in enumerate(ascending)) / (n * total) - (n + 1) / n
    assert result["GINI"] == pytest.approx(gini, rel=1e-12)
    lorenz = as_layer(result["LORENZ"], context)
    points = [(f["share_of_locations"], f["share_of_crimes"]) for f in lorenz.getFeatures()]
    assert len(points) == n + 1 and points[0] == (0.0, 0.0) and points[-1] == pytest.approx((1.0, 1.0))


def test_concentration_refuses_a_baseline_the_store_does_not_hold(run, sample_store):
    with pytest.raises(QgsProcessingException, match="city-of-london: no data for 2023-01 to 2023-03"):
        run("crimemap:concentration", {"STORE": str(sample_store), "END_MONTH": "2024-03", "MONTHS": 3,
                                       "OUTPUT": "TEMPORARY_OUTPUT"})


# --------------------------------------------------------------------------- styles

def is_red(c):
    return c.red() > c.green() + 40 and c.red() > c.blue() + 40


def is_blue(c):
    return c.blue() > c.red() + 40


def is_grey(c):
    return max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) < 12 and c.red() > 180


def test_the_hotspot_legend_says_what_the_classes_mean_in_red_blue_and_grey():
    from crimemap_plugin.layers.hotspot_layers import hotspot_renderer
    renderer = hotspot_renderer()
    categories = renderer.categories()
    assert [c.value() for c in categories] == CLASS_ORDER
    assert [c.label() for c in categories] == [
        "Hot spot, 99 % confidence", "Hot spot, 95 % confidence", "Hot spot, 90 % confidence", "Not significant",
        "Cold spot, 90 % confidence", "Cold spot, 95 % confidence", "Cold spot, 99 % confidence"]
    colours = {c.value(): c.symbol().color() for c in categories}
    assert all(is_red(colours[k]) for k in ("hot 99", "hot 95", "hot 90"))
    assert all(is_blue(colours[k]) for k in ("cold 99", "cold 95", "cold 90"))
    assert is_grey(colours["not significant"])
    # darker for more confidence
    lightness = [colours[k].lightness() for k in CLASS_ORDER]
    assert lightness[0] < lightness[1] < lightness[2] and lightness[6] < lightness[5] < lightness[4]


def test_loaded_hotspot_output_is_styled_named_and_attributed(run_and_load, sample_store):
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = run_and_load("crimemap:hotspots", {
        "STORE": str(sample_store), "AREA": "city-of-london", "CATEGORY": "theft-from-the-person",
        "CELL_SIZE": 100, "OUTPUT": "TEMPORARY_OUTPUT"}, context=context, feedback=QgsProcessingFeedback())
    layer = QgsProject.instance().mapLayer(result["OUTPUT"])
    assert layer.name() == ("Hot spots · City of London Police · Theft from the person · January–December 2025 · "
                            "100 m cells")
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    present = {f["hotspot"] for f in layer.getFeatures()}
    shown = [c.value() for c in renderer.categories()]
    assert set(shown) == present and shown == [c for c in CLASS_ORDER if c in present]   # what the map shows
    assert "Hot spot, 99 % confidence" in [c.label() for c in renderer.categories()]
    assert "Open Government Licence" in " ".join(layer.metadata().rights())
    assert "Getis–Ord Gi*" in layer.metadata().abstract()


def test_emerging_legend_has_distinct_colours_and_plain_words():
    from crimemap_plugin.core import emerging
    from crimemap_plugin.layers.hotspot_layers import emerging_renderer
    categories = emerging_renderer().categories()
    assert [c.value() for c in categories] == list(emerging.PATTERNS)
    assert len({c.symbol().color().name() for c in categories}) == len(categories)
    for c in categories:
        words = c.value().split()[0]
        assert c.label().lower().startswith(words) and c.label() != c.value()
