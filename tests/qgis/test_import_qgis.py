"""crimemap:importcrimes through Processing, and the dock's import task."""

import sqlite3

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer

from tests.independent import street_counts, street_files
from tests.shared_data import city_of_london_street


@pytest.fixture()
def provider(plugin, qgis_processing):
    import processing  # noqa: F401 - importable once the fixture has initialised Processing
    return QgsApplication.processingRegistry().providerById("crimemap")


def test_importcrimes_algorithm_outputs_and_counts(provider, tmp_path):
    import processing
    store = tmp_path / "alg.gpkg"
    result = processing.run("crimemap:importcrimes", {"INPUT": str(city_of_london_street()), "STORE": str(store)})
    files = street_files(city_of_london_street())
    assert result["STORE"] == str(store)
    assert result["ROWS_IMPORTED"] == sum(street_counts(files).values()) == 18867
    assert result["ROWS_REJECTED"] == 0
    assert result["FILES_REFUSED"] == 0
    assert result["FORCE_MONTHS"] == 24
    with sqlite3.connect(store) as conn:
        nulls = conn.execute("SELECT COUNT(*) FROM crimes WHERE geom IS NULL").fetchone()[0]
    assert result["ROWS_WITHOUT_LOCATION"] == nulls > 0
    layer = QgsVectorLayer(f"{store}|layername=crimes", "crimes", "ogr")
    assert layer.isValid() and layer.featureCount() == 18867
    assert layer.crs().authid() == "EPSG:4326"


def test_importcrimes_refused_single_file_fails_with_the_reason(provider, tmp_path):
    import processing
    bad = tmp_path / "2024-01-city-of-london-street.csv"
    bad.write_text("<html><body>502 Bad Gateway</body></html>")
    with pytest.raises(QgsProcessingException, match="HTML"):
        processing.run("crimemap:importcrimes", {"INPUT": str(bad), "STORE": str(tmp_path / "s.gpkg")})


def test_dock_imports_sample_in_a_task(plugin, qtbot, store_path):
    dock = plugin.dock
    with qtbot.waitSignal(dock.storeLoaded, timeout=60000):
        task = dock.load_sample()
        assert task is not None
    assert dock.task is None
    assert "18,867</b> crimes" in dock.ui.storeSummaryLabel.text()
    assert "2024-01 to 2025-12" in dock.ui.storeSummaryLabel.text()
    with sqlite3.connect(store_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM crimes").fetchone()[0] == 18867


def test_import_task_can_be_cancelled(plugin, qtbot, store_path):
    dock = plugin.dock
    with qtbot.waitSignal(dock.storeLoaded, timeout=60000):
        task = dock.load_sample()
        # Cancel once the first force-months are in: they stay, the one in progress is rolled back.
        qtbot.waitUntil(lambda: task.progress() > 10, timeout=30000)
        task.cancel()
    with sqlite3.connect(store_path) as conn:
        units = conn.execute("SELECT force, month, rows FROM force_months").fetchall()
        for _force, month, rows in units:
            assert conn.execute("SELECT COUNT(*) FROM crimes WHERE month=?", (month,)).fetchone()[0] == rows
        assert conn.execute("SELECT COUNT(DISTINCT month) FROM crimes").fetchone()[0] == len(units)
    assert 0 < len(units) < 24
    assert dock.ui.importButton.isEnabled()
