"""crimemap:compareperiods and crimemap:countinpolygons in QGIS: fields, styling, counts."""

import shutil

import pytest
from qgis.core import NULL, QgsRuleBasedRenderer, QgsVectorLayer

from crimemap_plugin.layers.boundaries import FORCE_AREAS_PATH
from tests.independent import street_counts, street_files
from tests.shared_data import city_of_london_street

FIELDS = ["area_code", "area_name", "current", "baseline", "change", "change_pct", "rate_per_1000",
          "annual_rate_per_1000", "significant", "complete"]


@pytest.fixture()
def run(plugin, qgis_processing):
    import processing
    return processing.run


def test_compareperiods_fields_values_and_style_saved_in_geopackage(run, sample_store, tmp_path):
    out = tmp_path / "comparison.gpkg"
    result = run("crimemap:compareperiods", {"STORE": str(sample_store), "LEVEL": "force", "CATEGORY": "all-crime",
                                             "END_MONTH": "2025-03", "MONTHS": 3,
                                             "BASELINE": "same_period_last_year", "OUTPUT": str(out)})
    # Opened fresh, the layer comes styled from the GeoPackage's layer_styles.
    layer = QgsVectorLayer(str(result["OUTPUT"]), "reopened", "ogr")
    assert layer.isValid() and layer.featureCount() == 45   # 43 areas, BTP and PSNI without geometry
    assert set(FIELDS) <= {f.name() for f in layer.fields()}
    assert isinstance(layer.renderer(), QgsRuleBasedRenderer)
    labels = [r.label() for r in layer.renderer().rootRule().children()]
    city = next(f for f in layer.getFeatures() if f["area_code"] == "E23000034")
    # The legend lists what the map shows: the City's class (−9.7 %), no data for the other forces,
    # and the thick outline of a change larger than chance (one area compared).
    assert labels == ["down 5% to 10%", "no data (a month is missing)",
                      "thick outline: larger than chance would explain"]
    assert (city["current"], city["baseline"], city["change"]) == (2093, 2317, -224)
    assert city["complete"] and city["significant"]
    met = next(f for f in layer.getFeatures() if f["area_code"] == "E23000001")
    assert not met["complete"]
    assert met["change_pct"] == NULL and met["current"] == NULL


def test_compareperiods_loaded_output_is_styled_with_a_meaningful_title(run, run_and_load, sample_store):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = run_and_load("crimemap:compareperiods", {
        "STORE": str(sample_store), "CATEGORY": "burglary", "END_MONTH": "2025-12", "MONTHS": 3,
        "BASELINE": "previous_period", "OUTPUT": "TEMPORARY_OUTPUT"}, context=context, feedback=QgsProcessingFeedback())
    layer = QgsProject.instance().mapLayer(result["OUTPUT"])
    assert isinstance(layer.renderer(), QgsRuleBasedRenderer)
    assert "Open Government Licence" in " ".join(layer.metadata().rights())
    assert layer.name() == ("Change % · Burglary · October–December 2025 vs July–September 2025")


def test_countinpolygons_equals_native_countpointsinpolygon(run, sample_store, tmp_path):
    crimes = QgsVectorLayer(f"{sample_store}|layername=crimes", "crimes", "ogr")
    areas = str(FORCE_AREAS_PATH)
    ours = run("crimemap:countinpolygons", {"STORE": str(sample_store), "POLYGONS": areas, "OUTPUT": "memory:"})
    native = run("native:countpointsinpolygon", {"POLYGONS": areas, "POINTS": crimes, "FIELD": "n",
                                                 "OUTPUT": "memory:"})
    mine = {f["force"]: f["crime_count"] for f in ours["OUTPUT"].getFeatures()}
    theirs = {f["force"]: int(f["n"]) for f in native["OUTPUT"].getFeatures()}
    assert mine == theirs and mine["city-of-london"] > 10000
    # Filtered by category and months, and with polygons in WGS84.
    crimes.setSubsetString("\"category\" = 'burglary' AND \"month\" >= '2025-01' AND \"month\" <= '2025-06'")
    wgs = run("native:reprojectlayer", {"INPUT": areas, "TARGET_CRS": "EPSG:4326", "OUTPUT": "memory:"})["OUTPUT"]
    ours = run("crimemap:countinpolygons", {"STORE": str(sample_store), "POLYGONS": wgs, "CATEGORY": "burglary",
                                            "START_MONTH": "2025-01", "END_MONTH": "2025-06", "OUTPUT": "memory:"})
    native = run("native:countpointsinpolygon", {"POLYGONS": wgs, "POINTS": crimes, "FIELD": "n",
                                                 "OUTPUT": "memory:"})
    mine = {f["force"]: f["crime_count"] for f in ours["OUTPUT"].getFeatures()}
    theirs = {f["force"]: int(f["n"]) for f in native["OUTPUT"].getFeatures()}
    assert mine == theirs
    # And both equal the independent count of located burglaries inside the City (from the CSV files).
    located = sum(n for (f, m, c), n in street_counts(street_files(city_of_london_street())).items()
                  if c == "burglary" and "2025-01" <= m <= "2025-06")
    assert 0 < mine["city-of-london"] <= located


def _polygon_layer(crs, polygons):
    """A memory layer of polygons (lists of rings of (x, y)), each with its index as `code`."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}&field=code:integer", "polygons", "memory")
    features = []
    for k, rings in enumerate(polygons):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromMultiPolygonXY([[[QgsPointXY(x, y) for x, y in r] for r in rings]]))
        feature.setAttributes([k])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


@pytest.mark.parametrize("vertices, split, located", [(4, 1, "either"), (200, 1, "either"),
                                                      (200, 10 ** 9, "either"), (200, 1, "points")])
def test_countinpolygons_on_many_polygons_equals_native(run, sample_store, vertices, split, located, monkeypatch):
    """Hundreds of small polygons over the City in EPSG:27700 and in WGS84: with few vertices (the
    polygons are taken to WGS84) and with many (every point is taken to the layer's CRS); the points
    transformed and counted in two halves, one in another thread (split 1), or in one pass; read as
    distinct locations or (whichever the reading thread gave) as the points themselves."""
    import threading

    import numpy as np

    from crimemap_plugin.processing import count_in_polygons
    monkeypatch.setattr(count_in_polygons, "SPLIT_POINTS", split)
    if located == "points":   # as when the points are read before the polygons are indexed
        read = count_in_polygons.CountInPolygonsAlgorithm._read_points
        monkeypatch.setattr(count_in_polygons.CountInPolygonsAlgorithm, "_read_points",
                            staticmethod(lambda *a: read(*a[:4], threading.Event())))
    crimes = QgsVectorLayer(f"{sample_store}|layername=crimes", "crimes", "ogr")
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False) + np.pi / 4
    wobble = 1 + (0.15 * np.sin(7 * angles) if vertices > 4 else 0)
    polygons = []
    for cx in np.arange(531000, 534000, 150):
        for cy in np.arange(180500, 182000, 150):
            ring = list(zip(cx + 90 * wobble * np.cos(angles), cy + 90 * wobble * np.sin(angles)))
            polygons.append([ring + ring[:1], [(cx + 10, cy + 10), (cx + 20, cy + 10), (cx + 20, cy + 20),
                                               (cx + 10, cy + 10)]])   # and a small hole
    bng = _polygon_layer("EPSG:27700", polygons)
    wgs = run("native:reprojectlayer", {"INPUT": bng, "TARGET_CRS": "EPSG:4326", "OUTPUT": "memory:"})["OUTPUT"]
    for layer in (bng, wgs):
        ours = run("crimemap:countinpolygons", {"STORE": str(sample_store), "POLYGONS": layer, "OUTPUT": "memory:"})
        native = run("native:countpointsinpolygon", {"POLYGONS": layer, "POINTS": crimes, "FIELD": "n",
                                                     "OUTPUT": "memory:"})
        mine = {f["code"]: f["crime_count"] for f in ours["OUTPUT"].getFeatures()}
        theirs = {f["code"]: int(f["n"]) for f in native["OUTPUT"].getFeatures()}
        assert mine == theirs and len(mine) == 200 and sum(mine.values()) > 5000


def test_read_points_gives_the_points_or_their_distinct_locations(sample_store):
    import threading

    import numpy as np

    from crimemap_plugin.processing.count_in_polygons import CountInPolygonsAlgorithm
    many = threading.Event()
    total, x, y, weights = CountInPolygonsAlgorithm._read_points(str(sample_store), "burglary", None, None, many)
    assert weights is None and len(x) == len(y) == total > 100
    many.set()
    again, ux, uy, counts = CountInPolygonsAlgorithm._read_points(str(sample_store), "burglary", None, None, many)
    assert again == total and int(counts.sum()) == total and len(ux) < total   # crimes share locations
    assert np.all(np.diff(uy) >= 0)
    held = {}
    for px, py in zip(x.tolist(), y.tolist()):
        held[(px, py)] = held.get((px, py), 0) + 1
    assert held == dict(zip(zip(ux.tolist(), uy.tolist()), counts.tolist()))
    # Read before the polygons are: the points wait for the word on them, and then take it.
    many, decided = threading.Event(), threading.Event()
    threading.Timer(0.3, lambda: (many.set(), decided.set())).start()
    late, lx, ly, lcounts = CountInPolygonsAlgorithm._read_points(str(sample_store), "burglary", None, None, many,
                                                                  decided)
    assert late == total and lcounts.tolist() == counts.tolist() and lx.tolist() == ux.tolist()


def test_rings_of_reads_every_kind_of_polygon_as_qgis_does():
    """The rings read straight from the WKB are QGIS's own polygon rings, for plain, multi, Z, M and
    ZM polygons with holes; curved polygons are made polygons by QGIS."""
    import numpy as np
    from qgis.core import QgsGeometry

    from crimemap_plugin.processing.count_in_polygons import _wkb_rings, rings_of
    texts = ["POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))",
             "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5), (5.2 5.2, 5.4 5.2, 5.4 5.4, 5.2 5.2)))",
             "POLYGON Z((0 0 1, 4 0 2, 4 4 3, 0 0 1))", "POLYGON M((0 0 7, 4 0 7, 4 4 7, 0 0 7))",
             "MULTIPOLYGON ZM(((0 0 1 2, 4 0 1 2, 4 4 1 2, 0 0 1 2)), ((9 9 0 0, 8 9 0 0, 8 8 0 0, 9 9 0 0)))",
             "POLYGON((0 0, 1 1, 0 0))", "CURVEPOLYGON(CIRCULARSTRING(0 0, 2 0, 2 2, 0 2, 0 0))", "POLYGON EMPTY"]
    for text in texts:
        geometry = QgsGeometry.fromWkt(text)
        polygons = geometry.asMultiPolygon() if geometry.isMultipart() else [geometry.asPolygon()]
        want = [([p.x() for p in ring], [p.y() for p in ring]) for polygon in polygons for ring in polygon
                if len(ring) >= 3]
        got = [(rx.tolist(), ry.tolist()) for rx, ry in rings_of(geometry)]
        assert got == want, text
        assert all(rx.dtype == np.float64 for rx, _ in rings_of(geometry))
        if text.startswith("CURVE"):
            assert _wkb_rings(bytes(geometry.asWkb())) is None and len(got[0][0]) > 8


def test_points_are_transformed_as_qgis_transforms_each_one():
    import numpy as np
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    from crimemap_plugin.processing.count_in_polygons import _qgis_transform
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                       QgsCoordinateReferenceSystem("EPSG:27700"), QgsProject.instance())
    rng = np.random.default_rng(5)
    for n in (0, 1, 2, 1000):
        x, y = rng.uniform(-5, 1.7, n), rng.uniform(50, 55.8, n)
        tx, ty = _qgis_transform(x, y, transform)
        want = [transform.transform(QgsPointXY(a, b)) for a, b in zip(x.tolist(), y.tolist())]
        assert tx.tolist() == [p.x() for p in want] and ty.tolist() == [p.y() for p in want]


def test_compareperiods_refuses_bad_input_clearly(run, sample_store, tmp_path):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="unknown category"):
        run("crimemap:compareperiods", {"STORE": str(sample_store), "CATEGORY": "fraud", "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="not a month"):
        run("crimemap:compareperiods", {"STORE": str(sample_store), "END_MONTH": "May 2025", "OUTPUT": "memory:"})
    copy = tmp_path / "copy.gpkg"
    shutil.copy(sample_store, copy)
    with pytest.raises(QgsProcessingException, match="importneighbourhoods"):
        run("crimemap:compareperiods", {"STORE": str(copy), "LEVEL": "neighbourhood", "OUTPUT": "memory:"})


def test_compareperiods_at_neighbourhood_level(run, tmp_path):
    from crimemap_plugin.core.importer import import_path
    from tests.api_server import imported_force
    from tests.cheltenham import counts_inside, st_marks_polygon, write_street_csvs
    store = imported_force(tmp_path)
    write_street_csvs(tmp_path / "csv")
    import_path(tmp_path / "csv", store)
    out = tmp_path / "neighbourhoods.gpkg"
    result = run("crimemap:compareperiods", {"STORE": str(store), "LEVEL": "neighbourhood", "CATEGORY": "all-crime",
                                             "END_MONTH": "2021-05", "MONTHS": 3, "BASELINE": "previous_period",
                                             "OUTPUT": str(out)})
    layer = QgsVectorLayer(str(result["OUTPUT"]), "reopened", "ogr")
    assert layer.featureCount() == 55 and layer.crs().authid() == "EPSG:4326"
    expected = counts_inside(st_marks_polygon())
    st_marks = next(f for f in layer.getFeatures() if f["area_code"] == "gloucestershire/AA3")
    assert st_marks["area_name"] == "St Marks"
    assert st_marks["current"] == sum(n for (m, _), n in expected.items() if m in ("2021-03", "2021-04", "2021-05"))
    assert st_marks["baseline"] == sum(n for (m, _), n in expected.items() if m in ("2020-12", "2021-01", "2021-02"))
    assert st_marks["complete"]
    assert isinstance(layer.renderer(), QgsRuleBasedRenderer)


def test_crime_points_layer_categorised_and_heatmap(sample_store):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsHeatmapRenderer

    from crimemap_plugin.layers.points import crime_points_layer
    layer = crime_points_layer(str(sample_store), "burglary", "2025-01", "2025-03")
    expected = sum(n for (f, m, c), n in street_counts(street_files(city_of_london_street())).items()
                   if c == "burglary" and "2025-01" <= m <= "2025-03")
    assert layer.featureCount() == expected
    assert isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
    labels = {c.value(): c.label() for c in layer.renderer().categories()}
    assert labels["violent-crime"] == "Violence and sexual offences"
    heat = crime_points_layer(str(sample_store), heatmap=True)
    assert isinstance(heat.renderer(), QgsHeatmapRenderer) and heat.featureCount() == 18867


def test_compareperiods_lsoa_level_with_a_boundary_layer(run, sample_store):
    from tests.shared_data import shared_data
    lsoas = str(shared_data() / "boundaries" / "manchester-lsoa-2021" / "manchester_lsoa_2021.shp")
    layer = QgsVectorLayer(lsoas, "lsoas", "ogr")
    code_field = next(f.name() for f in layer.fields() if f.name().lower().startswith("lsoa21cd"))
    result = run("crimemap:compareperiods", {"STORE": str(sample_store), "LEVEL": "lsoa", "AREAS": lsoas,
                                             "AREA_CODE_FIELD": code_field, "END_MONTH": "2025-03",
                                             "OUTPUT": "memory:"})["OUTPUT"]
    assert result.featureCount() == layer.featureCount() == 295
    first = next(result.getFeatures())
    # Manchester's force published nothing in this store: every LSOA reads "no data", not zero.
    assert not first["complete"] and first["current"] == NULL
    assert first["population"] > 0 and first["area_name"].startswith("Manchester")
