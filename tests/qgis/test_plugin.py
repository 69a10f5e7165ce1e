"""Load, unload and reload the plugin; dock, provider, options page and bundled force areas."""

import shutil
from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEvent
from qgis.PyQt.QtWidgets import QDockWidget, QPushButton

try:   # QAction lives in QtGui from Qt 6; QGIS 3.22's bindings have it in QtWidgets only
    from qgis.PyQt.QtGui import QAction
except ImportError:
    from qgis.PyQt.QtWidgets import QAction

import crimemap_plugin
from crimemap_plugin import about
from crimemap_plugin.layers.boundaries import FORCE_AREAS_NAME, force_areas_layer


def _crimemap_docks(iface):
    return [d for d in iface.mainWindow().findChildren(QDockWidget) if d.objectName().startswith("CrimeMap")]


def test_load_unload_reload_leaves_qgis_as_it_was(qgis_iface, recorder, store_path):
    registry = QgsApplication.processingRegistry()
    before = recorder.registered()
    providers_before = {p.id() for p in registry.providers()}
    assert "crimemap" not in providers_before

    for _ in range(2):  # load, unload, then the same again: reload must work
        plugin = crimemap_plugin.classFactory(qgis_iface)
        plugin.initGui()
        assert registry.providerById("crimemap") is not None
        assert registry.algorithmById("crimemap:importcrimes") is not None
        docks = _crimemap_docks(qgis_iface)
        assert [d.objectName() for d in docks] == ["CrimeMapDock"]
        after = recorder.registered()
        assert after["menus"] == before["menus"] + 2  # the dock's toggle and the identify action
        assert after["toolbar"] == before["toolbar"] + 2
        window = qgis_iface.mainWindow()
        assert window.findChild(QAction, "CrimeMapIdentifyAction") is not None
        assert after["docks"] == before["docks"] + 1
        assert after["options"] == before["options"] + 1

        plugin.unload()
        QgsApplication.processEvents()
        assert registry.providerById("crimemap") is None
        assert {p.id() for p in registry.providers()} == providers_before
        assert recorder.registered() == before
        QgsApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # run deleteLater
        assert _crimemap_docks(qgis_iface) == []
        assert window.findChild(QAction, "CrimeMapIdentifyAction") is None


def test_name_and_version_come_from_metadata(plugin):
    assert about.name() == "Crime Map for QGIS"
    assert about.version().count(".") == 2
    assert about.metadata()["qgisminimumversion"] == "3.22"
    assert about.metadata()["hasprocessingprovider"] == "yes"
    provider = QgsApplication.processingRegistry().providerById("crimemap")
    assert provider.longName() == f"{about.name()} {about.version()}"


def test_force_areas_bundled_with_codes_slugs_and_attribution():
    layer = force_areas_layer()
    assert layer.isValid()
    assert layer.featureCount() == 43
    names = [f.name() for f in layer.fields()]
    assert {"ons_code", "ons_name", "force", "name"} <= set(names)
    by_code = {f["ons_code"]: (f["force"], f["ons_name"], f["name"]) for f in layer.getFeatures()}
    assert by_code["E23000034"] == ("city-of-london", "London, City of", "City of London Police")
    assert by_code["E23000035"] == ("devon-and-cornwall", "Devon & Cornwall", "Devon & Cornwall Police")
    assert by_code["W15000004"][0] == "dyfed-powys"
    assert len({v[0] for v in by_code.values()}) == 43
    rights = " ".join(layer.metadata().rights())
    assert "Open Government Licence" in rights and "Crown copyright" in rights
    assert layer.labelsEnabled()
    # Labelled with ONS's names in the order people say them: "City of London", not "London, City of".
    from qgis.core import QgsExpression, QgsExpressionContext
    settings = layer.labeling().settings()
    assert settings.isExpression and settings.centroidInside
    city = next(f for f in layer.getFeatures() if f["force"] == "city-of-london")
    context = QgsExpressionContext()
    context.setFeature(city)
    assert QgsExpression(settings.fieldName).evaluate(context) == "City of London"


def test_dock_shows_force_areas_when_first_opened(plugin, qtbot, qgis_iface, recorder):
    dock = plugin.dock
    dock.setVisible(True)
    # Loaded at start-up (no event loop yet), the dock waits for QGIS to finish starting.
    assert QgsProject.instance().mapLayersByName(FORCE_AREAS_NAME) == []
    assert QgsProject.instance().isDirty() is False
    with qtbot.waitSignal(dock.storeLoaded, timeout=30_000):
        recorder.signals.initializationCompleted.emit()
    qtbot.waitUntil(lambda: QgsProject.instance().mapLayersByName(FORCE_AREAS_NAME) != [], timeout=3000)
    layers = QgsProject.instance().mapLayersByName(FORCE_AREAS_NAME)
    assert len(layers) == 1
    group = QgsProject.instance().layerTreeRoot().findGroup("Crime Map")
    assert group is not None and group.findLayer(layers[0].id()) is not None
    dock.show_force_areas()  # a second request does not add the layer twice
    assert len(QgsProject.instance().mapLayersByName(FORCE_AREAS_NAME)) == 1
    assert "empty" in dock.ui.storeSummaryLabel.text()
    assert dock.ui.loadSampleButton.isEnabled() and dock.ui.importButton.isEnabled()
    assert not QgsProject.instance().isDirty(), "showing the dock is not an edit of the project"


def test_settings_environment_overrides(monkeypatch, qgis_app):
    from crimemap_plugin import settings
    monkeypatch.setenv("CRIMEMAP_API_URL", "http://127.0.0.1:9/api")
    assert settings.api_url() == "http://127.0.0.1:9/api/"
    monkeypatch.delenv("CRIMEMAP_API_URL")
    assert settings.api_url() == "https://data.police.uk/api/"
    settings.API_URL.set_value("https://example.test/api/")
    try:
        assert settings.api_url() == "https://example.test/api/"
    finally:
        settings.API_URL.set_value("")
    monkeypatch.setenv("CRIMEMAP_STORE", "/tmp/elsewhere.gpkg")
    assert settings.store_path() == "/tmp/elsewhere.gpkg"
    assert settings.STORE_PATH.overridden()


def test_identify_tool_shows_the_stored_neighbourhood(plugin, qgis_iface, qtbot, tmp_path, monkeypatch):
    import json

    from qgis.PyQt.QtWidgets import QTextBrowser

    from crimemap_plugin.core.api import PoliceApi, RateLimiter
    from crimemap_plugin.core.neighbourhoods import import_force
    from crimemap_plugin.core.store import open_store
    from crimemap_plugin.network import QgisTransport
    from tests.api_server import FakePoliceUk
    from tests.shared_data import shared_data

    store = tmp_path / "store.gpkg"
    monkeypatch.setenv("CRIMEMAP_STORE", str(store))
    with FakePoliceUk(rate=1000, burst=1000) as server:
        api = PoliceApi(QgisTransport(), server.url, RateLimiter(rate=10_000, burst=10_000))
        with open_store(store) as s:
            import_force(api, s, "gloucestershire")
    # From here on the API is gone: the panel works from the store alone.
    action = qgis_iface.mainWindow().findChild(QAction, "CrimeMapIdentifyAction")
    action.trigger()
    assert qgis_iface.mapCanvas().mapTool() is plugin.identify_tool
    boundary = json.loads((shared_data() / "api" / "gloucestershire_AA3_boundary.json").read_text())
    lon = sum(float(p["longitude"]) for p in boundary) / len(boundary)
    lat = sum(float(p["latitude"]) for p in boundary) / len(boundary)
    plugin.identify_tool.identified.emit(lon, lat)  # what a click at that place emits
    panel = qgis_iface.mainWindow().findChild(QDockWidget, "CrimeMapNeighbourhoodDock")
    text = panel.findChild(QTextBrowser, "neighbourhoodText")
    shown = text.toPlainText()
    assert "PC Jane Doe" in shown and "Speeding on Tewkesbury Road" in shown and "Street briefing" in shown
    # The heading names the neighbourhood and its force, never raw ids; the date is said with its age.
    assert shown.splitlines()[0] == "St Marks" and "Gloucestershire Constabulary" in shown.splitlines()[1]
    assert "Details as of" in shown and "(today)" in shown
    assert "alert" not in text.toHtml() and "evil.example" not in text.toHtml()
    grab = tmp_path / "neighbourhood-panel.png"
    panel.resize(420, 700)
    assert panel.grab().save(str(grab)) and grab.stat().st_size > 10_000
    keep = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(grab, keep / grab.name)
    # The API is down (its address now refuses connections): refresh keeps the stored details on screen.
    monkeypatch.setenv("CRIMEMAP_API_URL", server.url)
    with qtbot.waitSignal(panel.findChild(QPushButton, "refreshButton").clicked):
        panel.findChild(QPushButton, "refreshButton").click()
    qtbot.waitUntil(lambda: panel.task is None, timeout=60000)
    shown = text.toPlainText()
    assert "police.uk could not be reached just now" in shown and "PC Jane Doe" in shown
    assert "Error" not in shown and "127.0.0.1" not in shown   # in words, not the raw exception
    # Nothing stored at a point and police.uk unreachable: said plainly.
    plugin.identify_tool.identified.emit(1.3, 52.6)  # Norwich
    qtbot.waitUntil(lambda: panel.task is None, timeout=60000)
    assert "No neighbourhood is saved here, and police.uk could not be reached" in panel.status.text()


def test_identify_asks_police_uk_where_nothing_is_stored(plugin, qgis_iface, qtbot, tmp_path, monkeypatch):
    from qgis.PyQt.QtWidgets import QTextBrowser

    from tests.api_server import FakePoliceUk
    monkeypatch.setenv("CRIMEMAP_STORE", str(tmp_path / "empty.gpkg"))
    qgis_iface.mainWindow().findChild(QAction, "CrimeMapIdentifyAction").trigger()
    panel = plugin.neighbourhood_dock
    with FakePoliceUk(rate=1000, burst=1000) as server:
        monkeypatch.setenv("CRIMEMAP_API_URL", server.url)
        plugin.identify_tool.identified.emit(-2.08, 51.91)  # police.uk's locate answers AA3 (St Marks)
        qtbot.waitUntil(lambda: panel.task is None, timeout=60000)
    shown = panel.findChild(QTextBrowser, "neighbourhoodText").toPlainText()
    assert "St Marks" in shown and "PC Jane Doe" in shown and panel.current == ("gloucestershire", "AA3")


def test_identify_on_a_boundary_from_kml_fetches_its_details(plugin, qgis_iface, qtbot, tmp_path, monkeypatch):
    """Boundaries from a KML zip carry no team: a click asks police.uk for it, and says so if it cannot."""
    from qgis.PyQt.QtWidgets import QTextBrowser

    from crimemap_plugin.core.kml import import_force_kml
    from crimemap_plugin.core.store import open_store
    from tests.api_server import FakePoliceUk
    from tests.kml_fixture import boundaries, write_kml_zip
    archive = tmp_path / "n.zip"
    write_kml_zip(archive, hostile=False)
    store = tmp_path / "kml.gpkg"
    with open_store(store) as s:
        import_force_kml(s, archive, "gloucestershire")
    monkeypatch.setenv("CRIMEMAP_STORE", str(store))
    qgis_iface.mainWindow().findChild(QAction, "CrimeMapIdentifyAction").trigger()
    panel = plugin.neighbourhood_dock
    ring = boundaries()["AA3"][1]
    lon, lat = sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)  # in St Marks
    width = max(x for x, _ in ring) - min(x for x, _ in ring)  # the next copy east is one width along
    with FakePoliceUk(rate=1000, burst=1000) as server:
        monkeypatch.setenv("CRIMEMAP_API_URL", server.url)
        plugin.identify_tool.identified.emit(lon, lat)
        assert panel.current == ("gloucestershire", "AA3") and "asking police.uk" in panel.status.text()
        qtbot.waitUntil(lambda: panel.task is None, timeout=60000)
    assert "PC Jane Doe" in panel.findChild(QTextBrowser, "neighbourhoodText").toPlainText()
    # police.uk gone, and another neighbourhood without details: the panel says so.
    plugin.identify_tool.identified.emit(lon + width, lat)
    qtbot.waitUntil(lambda: panel.task is None, timeout=60000)
    assert "no team details are saved, and police.uk could not be reached" in panel.status.text()
    assert "Traceback" not in panel.status.text() and "http" not in panel.status.text()


def test_processing_help_reads_as_written(plugin, qgis_processing):
    """Processing shows the help as HTML: nothing in it may look like a tag (it would vanish)."""
    import re
    algorithms = [a for a in QgsApplication.processingRegistry().algorithms() if a.provider().id() == "crimemap"]
    assert len(algorithms) >= 8
    for alg in algorithms:
        assert not re.search(r"<[A-Za-z/!]", alg.shortHelpString()), alg.id()


def test_only_the_user_closing_the_dock_is_remembered(qgis_iface, recorder, store_path):
    """QGIS quitting (the plugin unloaded) never leaves the next start without the dock; the user's own
    close does, until they open it again."""
    from crimemap_plugin import settings
    settings.DOCK_VISIBLE.set_value(True)
    plugin = crimemap_plugin.classFactory(qgis_iface)
    plugin.initGui()
    plugin._first_width()
    assert plugin.dock.isVisible()
    plugin.unload()                         # as QGIS does when it quits
    QgsApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert settings.DOCK_VISIBLE.value() is True
    plugin = crimemap_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        plugin.dock.hide()                  # QGIS restoring a window state that had it hidden
        plugin._first_width()               # the end of QGIS's start
        assert plugin.dock.isVisible()
        plugin.dock.close()                 # the dock's own close button
        assert settings.DOCK_VISIBLE.value() is False
        plugin.dock.hide()
        plugin._first_width()
        assert not plugin.dock.isVisible()  # the user's choice holds; the toolbar button opens it again
        plugin.dock.toggleViewAction().trigger()
        assert plugin.dock.isVisible() and settings.DOCK_VISIBLE.value() is True
    finally:
        plugin.unload()
        QgsApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
