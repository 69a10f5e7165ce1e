"""What the map's labels say where areas are small or sit in another's hole (the City of London in the
Metropolitan Police's area), drawn by QGIS's own labelling engine."""

import pytest
from qgis.core import QgsGeometry, QgsMapRendererSequentialJob, QgsMapSettings, QgsRectangle
from qgis.PyQt.QtCore import QSize

from crimemap_plugin.layers.boundaries import force_areas_layer


def labels_drawn(layer, extent, size=(800, 600)):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(*size))
    settings.setExtent(extent)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.takeLabelingResults().allLabels()


@pytest.mark.parametrize("half_width", [4000, 12000, 40000])
def test_the_city_keeps_its_name_and_the_met_is_labelled_on_its_own_land(qgis_app, half_width):
    layer = force_areas_layer()
    city = next(f for f in layer.getFeatures() if f["force"] == "city-of-london")
    met = next(f for f in layer.getFeatures() if f["force"] == "metropolitan")
    centre = city.geometry().centroid().asPoint()
    extent = QgsRectangle(centre.x() - half_width, centre.y() - half_width * 0.75,
                          centre.x() + half_width, centre.y() + half_width * 0.75)
    labels = {p.labelText: p for p in labels_drawn(layer, extent)}
    assert "City of London" in labels
    assert city.geometry().intersects(QgsGeometry.fromPointXY(labels["City of London"].labelRect.center()))
    met_label = labels["Metropolitan Police"]   # labelled too, and never inside the City
    point = QgsGeometry.fromPointXY(met_label.labelRect.center())
    assert not city.geometry().contains(point) and met.geometry().contains(point)
