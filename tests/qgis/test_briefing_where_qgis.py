"""A neighbourhood briefing shows where crime happened: Gi* hot spot cells inside St Marks (checked
against a direct Gi* written here with NumPy over cells found with GEOS), or the crimes as points when
there are few, the top five locations (counted here from the real API answers), on a street map
served by a local tile server (the page's map shows the tiles' colour), and without a server a plain
background, no error, within a bounded time. The Options page's street map settings; dates in the
user's language; a batch of pages built as one layout a page."""

import json
import math
import re
import subprocess
import time
import unicodedata
from collections import Counter

import numpy as np
import pytest
from osgeo import ogr
from pyproj import Transformer
from qgis.core import QgsLayoutExporter, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage

from crimemap_plugin.core.api import PoliceApi
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.neighbourhoods import import_force
from crimemap_plugin.core.store import open_store
from tests.api_server import FAST, FakePoliceUk, UrllibTransport
from tests.cheltenham import api_crimes, st_marks_polygon, write_street_csvs
from tests.independent import months
from tests.shared_data import shared_data
from tests.stores import BACKENDS, drop, new_store
from tests.tile_server import TileServer

PERIOD, BEFORE = months("2021-05", 3), months("2021-02", 3)
TILE_RGB = (214, 31, 201)            # a colour nothing else on the page has
ST_MARKS_PAGE = "http://www.gloucestershire.police.uk/neighbourhood-policing/cheltenham/st-marks/"


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """Gloucestershire's neighbourhoods from the local police.uk (St Marks with its web page) and the real
    crimes around St Marks, on each backend."""
    folder = tmp_path_factory.mktemp("where")
    path = new_store(request.param, folder, "where")
    detail = json.loads((shared_data() / "api" / "gloucestershire_AA3_neighbourhood.json").read_text())
    detail["url_force"] = ST_MARKS_PAGE
    with FakePoliceUk(rate=1000, burst=1000, answers={"/api/gloucestershire/AA3": detail}) as server:
        api = PoliceApi(UrllibTransport(), server.url, FAST, backoff=0.01)
        with open_store(path) as s:
            import_force(api, s, "gloucestershire")
    write_street_csvs(folder / "csv")
    import_path(folder / "csv", path)
    yield path
    drop(path)


@pytest.fixture()
def street_map():
    """The street map's settings as a test sets them, put back afterwards."""
    from crimemap_plugin import settings
    from crimemap_plugin.layers import basemap
    before = (settings.BASEMAP_ENABLED.value(), settings.BASEMAP_URL.value())

    def use(url, enabled=True):
        settings.BASEMAP_ENABLED.set_value(enabled)
        settings.BASEMAP_URL.set_value(url)
        basemap.forget_looks()

    yield use
    settings.BASEMAP_ENABLED.set_value(before[0])
    settings.BASEMAP_URL.set_value(before[1])
    basemap.forget_looks()


def make(store, **kw):
    from crimemap_plugin.layers.briefing import make_briefings
    kw.setdefault("end", "2021-05")
    kw.setdefault("baseline", "previous_period")
    return make_briefings(str(store), "gloucestershire", kw.pop("neighbourhood", "AA3"), **kw)


def pdf_text(layout, path) -> str:
    """The text of the PDF the layout is written to (None: of the PDF already at `path`), on one line."""
    from crimemap_plugin.layers.briefing import export
    if layout is not None:
        export(layout, str(path))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())      # "ﬁ" ligatures back to "fi"


# -- independent counts -------------------------------------------------------------------------------
def crimes_inside(month_list, category="all-crime"):
    """(lon, lat, street name) of the API's crimes inside St Marks (GEOS), in those months."""
    polygon = st_marks_polygon()
    out = []
    for month, crimes in api_crimes().items():
        if month not in month_list:
            continue
        for c in crimes:
            if category not in ("all-crime", c["category"]):
                continue
            lon, lat = float(c["location"]["longitude"]), float(c["location"]["latitude"])
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(lon, lat)
            if polygon.Contains(point):
                out.append((round(lon, 6), round(lat, 6), c["location"]["street"]["name"].strip()))
    return out


def all_crimes(month_list):
    return [(float(c["location"]["longitude"]), float(c["location"]["latitude"]))
            for month, crimes in api_crimes().items() if month in month_list for c in crimes]


def top_five(category="all-crime"):
    now, before = Counter(crimes_inside(PERIOD, category)), Counter(crimes_inside(BEFORE, category))
    ranked = sorted(now, key=lambda k: (-now[k], k[2], k[0], k[1]))[:5]
    return [(k[2], now[k], before.get(k, 0)) for k in ranked]


def independent_hotspots(size: float):
    """cell (col, row) -> (crimes, class) for the cells of St Marks (centre inside, GEOS in British
    National Grid), Gi* written out directly: binary weights within 1.5 cells, the cell itself included."""
    bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    ring = ogr.Geometry(ogr.wkbLinearRing)
    points = json.loads((shared_data() / "api" / "gloucestershire_AA3_boundary.json").read_text())
    for p in points + points[:1]:
        ring.AddPoint_2D(*bng.transform(float(p["longitude"]), float(p["latitude"])))
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometry(ring)
    xmin, xmax, ymin, ymax = polygon.GetEnvelope()
    cells = []
    for col in range(math.floor(xmin / size), math.floor(xmax / size) + 1):
        for row in range(math.floor(ymin / size), math.floor(ymax / size) + 1):
            centre = ogr.Geometry(ogr.wkbPoint)
            centre.AddPoint_2D((col + 0.5) * size, (row + 0.5) * size)
            if polygon.Contains(centre):
                cells.append((col, row))
    index = {c: i for i, c in enumerate(cells)}
    x = np.zeros(len(cells))
    for lon, lat in all_crimes(PERIOD):
        e, n = bng.transform(lon, lat)
        k = index.get((math.floor(e / size), math.floor(n / size)))
        if k is not None:
            x[k] += 1
    centres = np.array([((c + 0.5) * size, (r + 0.5) * size) for c, r in cells])
    d = np.hypot(centres[:, None, 0] - centres[None, :, 0], centres[:, None, 1] - centres[None, :, 1])
    w = (d <= 1.5 * size * (1 + 1e-9)).astype(float)
    n = len(cells)
    mean, s = x.mean(), math.sqrt((x ** 2).mean() - x.mean() ** 2)
    wi, li = w.sum(axis=1), w @ x
    z = (li - mean * wi) / (s * np.sqrt((n * wi - wi ** 2) / (n - 1)))
    p = np.array([math.erfc(abs(v) / math.sqrt(2)) for v in z])
    order = np.argsort(p, kind="stable")
    q = np.empty(n)
    running = 1.0
    for rank in range(n, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * n / rank)
        q[i] = running
    out = {}
    for (col, row), crimes, zz, qq in zip(cells, x, z, q):
        level = next((lv for lv, cut in ((99, 0.01), (95, 0.05), (90, 0.10)) if qq < cut), None)
        kind = "not significant" if level is None else f"{'hot' if zz > 0 else 'cold'} {level}"
        out[(col, row)] = (int(crimes), kind)
    return out


# -- what the map shows ---------------------------------------------------------------------------------
def test_the_neighbourhood_map_shows_its_hot_spots(store, street_map, tmp_path):
    street_map("", enabled=False)
    layout, layers, briefs = make(store)
    where = briefs[0].where
    assert where.mode == "hotspots" and where.crimes == len(crimes_inside(PERIOD)) >= 50
    assert where.cell_size in (50, 100, 250) and where.band == 1.5 * where.cell_size
    cells = next(la for la in layers if la.fields().indexOf("hotspot") >= 0)
    shown = {}
    for f in cells.getFeatures():
        box = f.geometry().boundingBox()
        assert abs(box.width() - where.cell_size) < 1e-6 and abs(box.height() - where.cell_size) < 1e-6
        shown[(round(box.xMinimum() / where.cell_size), round(box.yMinimum() / where.cell_size))] = (
            f["crimes"], f["hotspot"])
    expected = independent_hotspots(where.cell_size)
    assert shown == expected
    hot = {k for k, (_n, kind) in expected.items() if kind.startswith("hot")}
    assert hot, "St Marks has hot spots at this size"
    # The legend lists only the classes on the map, in words; the footer says the method and sizes.
    text = pdf_text(layout, tmp_path / "hot.pdf")
    assert "Hot spots of all crime, Mar–May 2021 (Getis–Ord Gi*, " in text
    present = {kind for _n, kind in expected.values()}
    for kind, words in (("hot 99", "Hot spot, 99 % confidence"), ("hot 95", "Hot spot, 95 % confidence"),
                        ("cold 99", "Cold spot, 99 % confidence")):
        assert (words in text) == (kind in present), kind
    assert f"Getis–Ord Gi* over the neighbourhood's {where.cell_size:,.0f} m cells, each with the cells within " \
           f"{where.band:,.0f} m" in text


def test_the_top_five_locations_are_listed_and_numbered_on_the_map(store, street_map, tmp_path):
    street_map("", enabled=False)
    layout, layers, briefs = make(store)
    text = pdf_text(layout, tmp_path / "top.pdf")
    assert "Top 5 locations, Mar–May 2021 (in brackets: Dec 2020–Feb 2021)" in text
    for rank, (name, now, before) in enumerate(top_five(), start=1):
        assert f"{rank}. {name}: {now:,} ({before:,})" in text, (rank, name)
    markers = next(la for la in layers if la.fields().indexOf("rank") >= 0)
    assert [f["rank"] for f in markers.getFeatures()] == [1, 2, 3, 4, 5]
    assert [f["location"] for f in markers.getFeatures()] == [name for name, _n, _b in top_five()]


def test_few_crimes_are_drawn_as_points(store, street_map, tmp_path):
    street_map("", enabled=False)
    layout, layers, briefs = make(store, category="burglary")
    inside = crimes_inside(PERIOD, "burglary")
    assert 0 < len(inside) < 50 and briefs[0].where.mode == "points"
    points = next(la for la in layers if la.geometryType() == 0 and la.fields().indexOf("rank") < 0)
    bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    drawn = sorted((round(f.geometry().asPoint().x(), 1), round(f.geometry().asPoint().y(), 1))
                   for f in points.getFeatures())
    assert drawn == sorted(tuple(round(v, 1) for v in bng.transform(lon, lat)) for lon, lat, _ in inside)
    text = pdf_text(layout, tmp_path / "points.pdf")
    assert f"Crimes shown as points: {len(inside)} located in the period, too few for hot spots (50 or more)." in text
    for rank, (name, now, before) in enumerate(top_five("burglary"), start=1):
        assert f"{rank}. {name}: {now:,} ({before:,})" in text


def test_the_neighbourhoods_web_page_is_on_its_briefing(store, street_map, tmp_path):
    street_map("", enabled=False)
    layout, _layers, briefs = make(store)
    assert briefs[0].web_page == ST_MARKS_PAGE.replace("http://", "https://")
    squeezed = re.sub(r"\s+", "", pdf_text(layout, tmp_path / "page.pdf"))
    assert "Neighbourhoodpage:" + ST_MARKS_PAGE.replace("http://", "https://") in squeezed


# -- the street map -------------------------------------------------------------------------------------
def map_pixels(layout, dpi=60):
    """The pixels of the page's map item (the map's frame left out)."""
    image = QgsLayoutExporter(layout).renderPageToImage(0, QSize(), dpi)
    rect = layout.itemById("map1").sceneBoundingRect()
    scale = image.width() / 297.0
    return [QColor(image.pixel(x, y)).getRgb()[:3]
            for y in range(int(rect.top() * scale) + 3, int(rect.bottom() * scale) - 3, 2)
            for x in range(int(rect.left() * scale) + 3, int(rect.right() * scale) - 3, 2)]


def test_the_street_map_is_drawn_from_the_tile_server(store, street_map, tmp_path):
    with TileServer(TILE_RGB) as tiles:
        street_map(tiles.url)
        layout, layers, _briefs = make(store)
        png = tmp_path / "tiles.png"
        from crimemap_plugin.layers.briefing import export
        export(layout, str(png))
        text = pdf_text(layout, tmp_path / "tiles.pdf")
        assert len(tiles.hits) > 1                    # the probe, and the tiles the map drew
    raster = [la for la in layers if la.providerType() == "wms"]
    assert len(raster) == 1 and "type=xyz" in raster[0].source() and "zmax=19" in raster[0].source()
    image = QImage(str(png))
    rect = layout.itemById("map1").sceneBoundingRect()
    scale = image.width() / 297.0
    samples = [QColor(image.pixel(x, y)).getRgb()[:3]
               for y in range(int(rect.top() * scale) + 5, int(rect.bottom() * scale) - 5, 7)
               for x in range(int(rect.left() * scale) + 5, int(rect.right() * scale) - 5, 7)]
    share = sum(1 for c in samples if all(abs(a - b) <= 6 for a, b in zip(c, TILE_RGB))) / len(samples)
    assert share > 0.5, share                          # most of the map is the tiles' own colour
    assert "Street map: 127.0.0.1; map data © OpenStreetMap contributors" in text


def test_offline_the_map_has_a_plain_background_without_error(store, street_map, tmp_path):
    """No server on the port (refused at once), and a server that never answers (given up at the
    bound): the page renders, says why there is no street map, within a bounded time."""
    from crimemap_plugin.layers.basemap import PROBE_SECONDS
    with TileServer() as closed:
        url = closed.url
    street_map(url)
    start = time.monotonic()
    layout, layers, _briefs = make(store)
    text = pdf_text(layout, tmp_path / "offline.pdf")
    assert time.monotonic() - start < 20
    assert not [la for la in layers if la.providerType() == "wms"]
    assert "Street map not drawn: 127.0.0.1 could not be reached (offline?)." in text
    assert "OpenStreetMap contributors" not in text
    pixels = map_pixels(layout)
    assert Counter(pixels).most_common(1)[0][0] == QColor("#f4f6f7").getRgb()[:3]     # the plain background
    with TileServer(silent=True) as silent:
        street_map(silent.url)
        start = time.monotonic()
        layout, layers, _briefs = make(store)
        assert time.monotonic() - start < PROBE_SECONDS + 10
        assert "could not be reached" in pdf_text(layout, tmp_path / "silent.pdf")
        assert len(silent.hits) == 1                   # looked once, then not again
        layout, layers, _briefs = make(store)          # remembered: no second wait
        assert len(silent.hits) == 1


def test_the_street_map_can_be_switched_off(store, street_map, tmp_path):
    with TileServer(TILE_RGB) as tiles:
        street_map(tiles.url, enabled=False)
        layout, layers, _briefs = make(store)
        text = pdf_text(layout, tmp_path / "off.pdf")
        assert not tiles.hits
    assert "Street map" not in text and not [la for la in layers if la.providerType() == "wms"]


def test_the_options_page_holds_the_street_map_settings(qgis_app, street_map):
    from crimemap_plugin import settings
    from crimemap_plugin.ui.options import CrimeMapOptionsPage
    street_map(settings.OSM_TILES)
    page = CrimeMapOptionsPage()
    assert page.basemap_url.text() == settings.OSM_TILES and page.basemap_enabled.isChecked()
    page.basemap_url.setText("http://127.0.0.1:9/{z}/{x}/{y}.png")
    page.basemap_enabled.setChecked(False)
    page.apply()
    assert settings.BASEMAP_URL.value() == "http://127.0.0.1:9/{z}/{x}/{y}.png"
    assert settings.BASEMAP_ENABLED.value() is False
    assert not page.basemap_url.isEnabled()            # greyed while the map is switched off


# -- dates and batches ----------------------------------------------------------------------------------
WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
                "Tachwedd", "Rhagfyr")


def test_dates_on_the_page_are_in_the_users_language(store, street_map, tmp_path):
    street_map("", enabled=False)
    qs = QgsSettings()
    before = (qs.value("locale/overrideFlag"), qs.value("locale/userLocale"))
    qs.setValue("locale/overrideFlag", True)
    qs.setValue("locale/userLocale", "cy")
    try:
        from datetime import datetime
        layout, _layers, _briefs = make(store, now=datetime(2026, 12, 10))
        text = pdf_text(layout, tmp_path / "cy.pdf")
    finally:
        qs.setValue("locale/overrideFlag", before[0] if before[0] is not None else False)
        qs.setValue("locale/userLocale", before[1] or "")
    assert f"Made on 10 {WELSH_MONTHS[11]} 2026" in text                    # the day it was made
    assert f"(since 1 {WELSH_MONTHS[2]} 2024)" in text and f"(1 {WELSH_MONTHS[3]} 2024)" in text   # priority
    assert "December 2026" not in text and "March 2024" not in text


def test_a_batch_is_one_layout_a_page(store, street_map, tmp_path):
    street_map("", enabled=False)
    from crimemap_plugin.layers.briefing import make_briefings
    layouts, _layers, briefs = make_briefings(str(store), "gloucestershire", "", True, end="2021-05")
    assert len(layouts) == len(briefs) == 55
    assert all(la.pageCollection().pageCount() == 1 for la in layouts)
    assert [la.name() for la in layouts] == [b.title() for b in briefs]
    assert not any(la in QgsProject.instance().layoutManager().printLayouts() for la in layouts)
    # Written as one PDF (the pages in order) or one PNG a page.
    from crimemap_plugin.layers.briefing import export
    assert export(layouts[:3], str(tmp_path / "three.pdf")) == [str(tmp_path / "three.pdf")]
    info = subprocess.run(["pdfinfo", str(tmp_path / "three.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+3\b", info)
    text = pdf_text(None, tmp_path / "three.pdf")
    assert [text.index(b.title()) for b in briefs[:3]] == sorted(text.index(b.title()) for b in briefs[:3])
    written = export(layouts[:3], str(tmp_path / "three.png"))
    assert written == [str(tmp_path / n) for n in ("three.png", "three_2.png", "three_3.png")]
    assert all(QImage(p).width() > QImage(p).height() > 1000 for p in written)


def test_the_panels_briefing_keeps_its_street_map_in_the_project(plugin, qgis_iface, store, street_map, tmp_path,
                                                                 monkeypatch):
    """From the panel: the street map is a layer of the project (saved with it, reopened with it), and
    making the briefing again replaces it like the briefing's other layers."""
    from crimemap_plugin import settings
    from crimemap_plugin.ui.briefing import open_briefing
    monkeypatch.setattr(qgis_iface, "openLayoutDesigner", lambda layout: None, raising=False)
    settings.DOCK_STATE.set_value('{"category": "all-crime", "end": "2021-05", "length": 3, '
                                  '"baseline": "previous_period"}')
    project = QgsProject.instance()
    try:
        with TileServer(TILE_RGB) as tiles:
            street_map(tiles.url)
            layout = open_briefing(qgis_iface, str(store), "gloucestershire", "AA3")
            drawn = layout.itemById("map1").layers()
            raster = [la.id() for la in drawn if la.providerType() == "wms"]
            assert len(drawn) == 4 and len(raster) == 1 and project.mapLayer(raster[0]) is not None
            before = set(project.mapLayers())
            layout = open_briefing(qgis_iface, str(store), "gloucestershire", "AA3")
            assert raster[0] not in project.mapLayers()
            assert len(set(project.mapLayers()) - before) == 4 and len(before - set(project.mapLayers())) == 4
            path = tmp_path / "with-street-map.qgz"
            assert project.write(str(path))
            project.clear()
            assert project.read(str(path))
            reopened = project.layoutManager().layoutByName("St Marks (Gloucestershire Constabulary): crime briefing")
            layers = reopened.itemById("map1").layers()
            # the outline, the cells and the top locations saved in a GeoPackage beside the store (or in the
            # profile for PostGIS); the street map by its tile URL
            assert sorted(la.providerType() for la in layers) == ["ogr", "ogr", "ogr", "wms"]
            assert all(la.isValid() for la in layers)
    finally:
        project.clear()
        settings.DOCK_STATE.set_value("")
