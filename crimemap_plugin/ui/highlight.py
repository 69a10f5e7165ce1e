"""The chosen area outlined on the map canvas: a dark line on a white halo, never a fill, so the area
keeps the comparison's colour and stands out on any of them."""

from qgis.core import Qgis, QgsCoordinateTransform, QgsProject, QgsWkbTypes
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

# Qgis.GeometryType from QGIS 3.30 (QGIS 4 has only that); QgsWkbTypes.GeometryType before.
POLYGON = getattr(getattr(Qgis, "GeometryType", None), "Polygon", None) or QgsWkbTypes.GeometryType.PolygonGeometry


class Highlight:
    def __init__(self, canvas):
        self.canvas = canvas
        self.bands = []

    def _band(self, colour: str, width: float) -> QgsRubberBand:
        band = QgsRubberBand(self.canvas, POLYGON)
        band.setFillColor(QColor(0, 0, 0, 0))
        band.setStrokeColor(QColor(colour))
        band.setWidth(width)
        band.setLineStyle(Qt.PenStyle.SolidLine)
        return band

    def show_geometry(self, geometry, crs) -> None:
        """Outline `geometry` (in `crs`)."""
        self.clear()
        if self.canvas is None:
            return
        for colour, width in (("#ffffff", 5), ("#111111", 2)):
            band = self._band(colour, width)
            band.setToGeometry(self._on_canvas(geometry, crs), None)
            self.bands.append(band)

    def zoom_to(self, geometry, crs, margin: float = 0.35) -> None:
        if self.canvas is None:
            return
        box = self._on_canvas(geometry, crs).boundingBox()
        box.scale(1 + margin)
        self.canvas.setExtent(box)
        self.canvas.refresh()

    def _on_canvas(self, geometry, crs):
        target = self.canvas.mapSettings().destinationCrs()
        out = type(geometry)(geometry)
        if crs != target:
            out.transform(QgsCoordinateTransform(crs, target, QgsProject.instance().transformContext()))
        return out

    def clear(self) -> None:
        for band in self.bands:
            band.reset(POLYGON)
            if self.canvas is not None:
                self.canvas.scene().removeItem(band)
        self.bands = []
