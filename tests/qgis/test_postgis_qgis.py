"""A team store on PostGIS inside QGIS: named by a saved QGIS connection, its layers through the
postgres provider, Processing and the dock giving exactly the GeoPackage's numbers."""

import pytest
from qgis.core import QgsDataSourceUri, QgsProviderRegistry, QgsVectorLayer

from crimemap_plugin.core.importer import import_path
from tests.api_server import imported_force
from tests.qgis.conftest import open_dock
from tests.shared_data import city_of_london_street
from tests.stores import drop, new_store, postgres_url

CONNECTION = "Crime Map team (test)"


@pytest.fixture()
def run(plugin, qgis_processing):
    import processing
    return processing.run


@pytest.fixture()
def saved_connection():
    """A PostgreSQL connection saved in QGIS, as a GIS team would set one up (its store in schema
    crimemap of the test database)."""
    url = postgres_url()
    drop(f"{url}?schema=crimemap")   # what an interrupted run left
    host_port, database = url.split("@", 1)[1].split("/", 1)
    host, port = host_port.split(":")
    uri = QgsDataSourceUri()
    uri.setConnection(host, port, database, "postgres", "")
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    connection = metadata.createConnection(uri.uri(False), {"saveUsername": True})
    metadata.saveConnection(connection, CONNECTION)
    yield CONNECTION
    metadata.deleteConnection(CONNECTION)
    drop(f"{url}?schema=crimemap")


def features(layer, key="area_code"):
    return {f[key]: {n: f[n] for n in layer.fields().names() if n not in ("fid",)} for f in layer.getFeatures()}


def test_a_saved_connection_names_the_store_and_gives_the_geopackages_numbers(run, saved_connection, tmp_path):
    gpkg = tmp_path / "same.gpkg"
    for store in (saved_connection, str(gpkg)):
        result = run("crimemap:importcrimes", {"INPUT": str(city_of_london_street()), "STORE": store})
        assert result["ROWS_IMPORTED"] == 18867
    outputs = {}
    for name, store in (("pg", saved_connection), ("gpkg", str(gpkg))):
        out = tmp_path / f"output-{name}.gpkg"
        run("crimemap:compareperiods", {"STORE": store, "LEVEL": "force", "END_MONTH": "2025-06", "MONTHS": 6,
                                        "BASELINE": "previous_period", "OUTPUT": str(out)})
        outputs[name] = features(QgsVectorLayer(str(out), name, "ogr"))
    assert outputs["pg"] == outputs["gpkg"] and outputs["pg"]["E23000034"]["current"] > 0


def test_layers_of_a_postgis_store_come_through_the_postgres_provider(tmp_path):
    from crimemap_plugin.layers.boundaries import neighbourhoods_layer, store_layer
    spec = imported_force(tmp_path, new_store("postgis", tmp_path, "layers"))
    try:
        layer = neighbourhoods_layer(spec)
        assert layer.providerType() == "postgres" and layer.isValid() and layer.featureCount() == 55
        assert "password" not in layer.source() and layer.crs().authid() == "EPSG:4326"
        crimes = store_layer(spec, "crimes", "crimes")
        assert crimes.providerType() == "postgres" and crimes.isValid()
    finally:
        drop(spec)


def test_the_dock_on_a_postgis_store(qgis_iface, qtbot, tmp_path, monkeypatch):
    spec = new_store("postgis", tmp_path, "dock")
    import_path(city_of_london_street(), spec)
    monkeypatch.setenv("CRIMEMAP_STORE", spec)
    from crimemap_plugin import settings
    settings.DOCK_STATE.set_value("")
    dock = open_dock(qgis_iface, qtbot)
    try:
        model = dock.ui.resultsTable.model()
        from crimemap_plugin.ui.results import CODE_ROLE
        rows = {model.index(r, 0).data(CODE_ROLE): model.index(r, 1).data() for r in range(model.rowCount())}
        assert rows["E23000034"].isdigit() and int(rows["E23000034"]) > 0
        assert "18,867</b> crimes" in dock.ui.storeSummaryLabel.text()
        assert "schema=" in dock.ui.storeSummaryLabel.text() or "crimemap_test" in dock.ui.storeSummaryLabel.toolTip()
    finally:
        dock.teardown()
        drop(spec)
