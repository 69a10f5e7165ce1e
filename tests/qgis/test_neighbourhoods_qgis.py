"""crimemap:importneighbourhoods through QGIS's network stack against the local police.uk."""

import sqlite3

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer

from crimemap_plugin.core.api import PoliceApi
from crimemap_plugin.network import QgisTransport
from tests.api_server import FakePoliceUk


def test_qgis_transport_answers_errors_and_headers():
    with FakePoliceUk(rate=0.001, burst=1) as server:
        transport = QgisTransport()
        first = transport.request("GET", server.url + "gloucestershire/neighbourhoods")
        assert first.status == 200 and b"AA3" in first.body
        limited = transport.request("GET", server.url + "gloucestershire/neighbourhoods")
        assert limited.status == 429 and limited.headers.get("Retry-After") == "1"
        assert transport.request("GET", server.url + "nowhere/at/all").status in (404, 429)


def test_importneighbourhoods_algorithm(plugin, qgis_processing, tmp_path, monkeypatch):
    import processing
    store = tmp_path / "n.gpkg"
    with FakePoliceUk(rate=1000, burst=1000) as server:
        monkeypatch.setenv("CRIMEMAP_API_URL", server.url)
        result = processing.run("crimemap:importneighbourhoods", {"FORCE": "gloucestershire", "STORE": str(store)})
    assert result["NEIGHBOURHOODS"] == 55 and result["FAILED"] == 0
    layer = QgsVectorLayer(f"{store}|layername=neighbourhoods", "n", "ogr")
    assert layer.isValid() and layer.featureCount() == 55 and layer.crs().authid() == "EPSG:4326"
    del layer  # the frame below outlives the test in the raised exception's traceback
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT COUNT(*) FROM neighbourhood_details").fetchone()[0] == 55
    with pytest.raises(QgsProcessingException, match="FORCE"):
        processing.run("crimemap:importneighbourhoods", {"FORCE": "atlantis", "STORE": str(store)})
    # The force is offered as the list of forces (each as models and qgis_process give it), and the
    # help says how the archive's files are named in words (Processing shows the help as HTML).
    alg = QgsApplication.processingRegistry().algorithmById("crimemap:importneighbourhoods")
    options = alg.parameterDefinition("FORCE").options()
    assert "gloucestershire" in options and "metropolitan" in options and "btp" not in options
    assert "<" not in alg.shortHelpString() and "gloucestershire/AA3.kml" in alg.shortHelpString()


def test_importneighbourhoods_from_a_kml_zip_without_the_api(plugin, qgis_processing, tmp_path, monkeypatch):
    import processing

    from tests.kml_fixture import write_kml_zip
    monkeypatch.setenv("CRIMEMAP_API_URL", "http://127.0.0.1:9/api/")  # nothing listens: never asked
    archive = tmp_path / "neighbourhoods.zip"
    write_kml_zip(archive)
    store = tmp_path / "k.gpkg"
    result = processing.run("crimemap:importneighbourhoods", {"FORCE": "gloucestershire", "STORE": str(store),
                                                               "INPUT": str(archive)})
    assert result["NEIGHBOURHOODS"] == 55 and result["FAILED"] == 4   # BAD1-3 and ../evil.kml
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT COUNT(*) FROM neighbourhoods").fetchone()[0] == 55
        rings = conn.execute("SELECT geom FROM neighbourhoods WHERE neighbourhood_id = 'AA3'").fetchone()[0]
    from crimemap_plugin.core.store.gpkg import polygon_rings
    assert len(polygon_rings(rings)) == 2  # St Marks keeps its hole


def test_api_client_over_qgis_transport_handles_rate_limit():
    with FakePoliceUk(rate=20, burst=3) as server:
        api = PoliceApi(QgisTransport(), server.url, backoff=0.01)
        listing = api.neighbourhoods("gloucestershire")[:8]
        names = [api.neighbourhood("gloucestershire", n["id"])["name"] for n in listing]
        assert len(names) == 8 and server.rate_limited > 0


def test_a_trickling_server_cannot_hold_a_request_open():
    """One byte every two seconds: the transfer timeout alone would never fire; the deadline does."""
    import time

    from crimemap_plugin.core.api import TransportError
    with FakePoliceUk(rate=1000, burst=1000, trickle=2.0) as server:
        started = time.monotonic()
        with pytest.raises(TransportError, match="within 3 s"):
            QgisTransport().request("GET", server.url + "gloucestershire/neighbourhoods", timeout=3.0)
        assert time.monotonic() - started < 8


def test_a_silent_server_is_retried_then_reported():
    from crimemap_plugin.core.api import ApiError, RateLimiter
    with FakePoliceUk(silent=True) as server:
        api = PoliceApi(QgisTransport(), server.url, RateLimiter(rate=1000, burst=1000), retries=1, backoff=0.01,
                        timeout=1.0)
        with pytest.raises(ApiError, match="no answer .* after 2 attempts"):
            api.neighbourhoods("gloucestershire")
        assert server.hits == 2


def test_cancel_ends_a_request_at_once():
    import time

    from crimemap_plugin.core.api import TransportError
    with FakePoliceUk(silent=True) as server:
        started = time.monotonic()
        cancel_at = started + 0.5
        transport = QgisTransport(cancelled=lambda: time.monotonic() > cancel_at)
        with pytest.raises(TransportError, match="cancelled"):
            transport.request("GET", server.url + "gloucestershire/neighbourhoods", timeout=60.0)
        assert time.monotonic() - started < 3
