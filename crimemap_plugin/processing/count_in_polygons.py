"""crimemap:countinpolygons — stored crimes counted inside any polygon layer, fast."""

import struct

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QVariant

from .. import settings
from ..core import categories
from ..core.errors import CrimeMapError
from ..core.periods import parse
from ..core.pip import count_in_polygons, unique_points
from ..core.store import open_store
from .base import CrimeMapAlgorithm

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
_WKB_POINT = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def _qgis_transform(x: np.ndarray, y: np.ndarray, transform: QgsCoordinateTransform):
    """Many points through QGIS in one call, as one multipoint geometry passed in and out as WKB."""
    n = len(x)
    rec = np.zeros(n, dtype=_WKB_POINT)
    rec["order"], rec["type"], rec["x"], rec["y"] = 1, 1, x, y
    geometry = QgsGeometry()
    geometry.fromWkb(struct.pack("<BII", 1, 4, n) + rec.tobytes())
    geometry.transform(transform)
    out = np.frombuffer(bytes(geometry.asWkb()), dtype=_WKB_POINT, offset=9, count=n)
    return out["x"].copy(), out["y"].copy()


def _crs_text(crs: QgsCoordinateReferenceSystem) -> str:
    return crs.authid() if crs.authid().upper().startswith("EPSG:") else crs.toWkt()


def transform_points(x: np.ndarray, y: np.ndarray, transform: QgsCoordinateTransform):
    """Transform points exactly as QGIS does (as native:countpointsinpolygon does).

    PROJ through pyproj is much faster on many points; it is used only when it gives bit-identical
    results to QGIS's own transformation on a sample of the points, so counts never differ.
    """
    if len(x) == 0:
        return x, y
    sample = np.unique(np.linspace(0, len(x) - 1, min(len(x), 2000)).astype(int))
    qx, qy = _qgis_transform(x[sample], y[sample], transform)
    try:
        from pyproj import Transformer
        fast = Transformer.from_crs(_crs_text(transform.sourceCrs()), _crs_text(transform.destinationCrs()),
                                    always_xy=True)
        px, py = fast.transform(x[sample], y[sample])
        if np.array_equal(px, qx) and np.array_equal(py, qy):
            return fast.transform(x, y)
    except Exception:  # noqa: BLE001 - any doubt about pyproj: QGIS does it
        pass
    return _qgis_transform(x, y, transform)


def rings_of(geometry):
    """A QGIS polygon geometry as a list of (x, y) numpy rings, every part, holes included."""
    rings = []
    if geometry is None or geometry.isEmpty():
        return rings
    polygons = geometry.asMultiPolygon() if geometry.isMultipart() else [geometry.asPolygon()]
    for polygon in polygons:
        for ring in polygon:
            if len(ring) >= 3:
                rings.append((np.array([p.x() for p in ring]), np.array([p.y() for p in ring])))
    return rings


class CountInPolygonsAlgorithm(CrimeMapAlgorithm):
    STORE, POLYGONS, CATEGORY, START_MONTH, END_MONTH, OUTPUT = (
        "STORE", "POLYGONS", "CATEGORY", "START_MONTH", "END_MONTH", "OUTPUT")
    FIELD = "crime_count"

    NAME = "countinpolygons"
    DISPLAY_NAME = "Count crimes in polygons"
    GROUP = "Comparisons"
    GROUP_ID = "comparisons"
    HELP = ("Counts the stored street crimes (with a location) inside each polygon of any layer, "
            "optionally for one category (API slug) and a month range. The output is the input polygons "
            "with their fields plus crime_count: the same counts as native:countpointsinpolygon on the "
            "store's crimes layer (points are counted in the polygons' CRS, as there), many times faster.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            self.STORE, self.tr("Store (GeoPackage)"), extension="gpkg", defaultValue=settings.store_path()))
        self.addParameter(QgsProcessingParameterFeatureSource(self.POLYGONS, self.tr("Polygons"),
                                                              [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterString(self.CATEGORY, self.tr("Category (API slug; empty = all)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(self.START_MONTH, self.tr("First month (YYYY-MM)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(self.END_MONTH, self.tr("Last month (YYYY-MM)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Polygons with crime counts"),
                                                            QgsProcessing.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.POLYGONS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.POLYGONS))
        category = self.parameterAsString(parameters, self.CATEGORY, context).strip() or None
        if category == categories.ALL_CRIME:
            category = None
        if category and category not in categories.CATEGORIES and category not in categories.LEGACY:
            raise QgsProcessingException(self.tr("Unknown category: ") + category)
        start = self.parameterAsString(parameters, self.START_MONTH, context).strip() or None
        end = self.parameterAsString(parameters, self.END_MONTH, context).strip() or None
        try:
            for month in (start, end):
                if month:
                    parse(month)
            with open_store(self.parameterAsFile(parameters, self.STORE, context), create=False) as store:
                x, y = store.points(category, start, end)
        except (CrimeMapError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(f"{len(x):,} located crimes selected.")
        feedback.setProgress(30)
        ux, uy, weights = unique_points(x, y)
        # Like native:countpointsinpolygon, count in the polygons' CRS: the points are transformed.
        if source.sourceCrs() != WGS84:
            ux, uy = transform_points(ux, uy, QgsCoordinateTransform(WGS84, source.sourceCrs(),
                                                                     context.transformContext()))
        features = list(source.getFeatures())
        polygons = [rings_of(feature.geometry()) for feature in features]
        counts = count_in_polygons(ux, uy, polygons, weights)
        feedback.setProgress(80)
        fields = QgsFields(source.fields())
        if fields.indexOf(self.FIELD) < 0:
            fields.append(QgsField(self.FIELD, QVariant.LongLong))
        index = fields.indexOf(self.FIELD)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, source.wkbType(),
                                          source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for feature, count in zip(features, counts.tolist()):
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            attributes = feature.attributes() + [None] * (len(fields) - len(feature.attributes()))
            attributes[index] = count
            out.setAttributes(attributes)
            sink.addFeature(out, QgsFeatureSink.FastInsert)
        return {self.OUTPUT: dest}
