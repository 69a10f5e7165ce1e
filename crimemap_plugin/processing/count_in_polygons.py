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
    QgsProcessingParameterString,
)

from ..core import categories
from ..core.errors import CrimeMapError
from ..core.periods import parse
from ..core.pip import count_in_polygons, max_edge, near_edges, unique_points
from ..i18n import tr_noop
from ..layers.field_types import LONG
from ..stores import open_user_store
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
    DISPLAY_NAME = tr_noop("Count crimes in polygons")
    GROUP = tr_noop("Comparisons")
    GROUP_ID = "comparisons"
    HELP = tr_noop("Counts the stored street crimes (with a location) inside each polygon of any layer, "
                   "optionally for one category (API slug) and a month range. The output is the input polygons "
                   "with their fields plus crime_count: the same counts as native:countpointsinpolygon on the "
                   "store's crimes layer (points are counted in the polygons' CRS, as there), many times "
                   "faster.")

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.addParameter(QgsProcessingParameterFeatureSource(self.POLYGONS, self.tr("Polygons"),
                                                              [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterString(self.CATEGORY, self.tr("Category (API slug; empty = all)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(self.START_MONTH, self.tr("First month (YYYY-MM)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(self.END_MONTH, self.tr("Last month (YYYY-MM)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Polygons with crime counts"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))

    @staticmethod
    def _count_across_crs(ux, uy, weights, features, polygons, to_source, to_wgs84):
        """Counts as native:countpointsinpolygon gives them (points transformed into the polygons'
        CRS), without transforming every point: points far from every edge fall the same side of the
        boundary whether the edges are straight in WGS84 or in the layer's CRS, so they are counted
        against the polygons transformed to WGS84; only points near an edge are transformed exactly
        (through QGIS) and counted in the layer's CRS."""
        wgs_polygons = []
        for feature in features:
            geometry = QgsGeometry(feature.geometry())
            if not geometry.isEmpty():
                geometry.transform(to_wgs84)
            wgs_polygons.append(rings_of(geometry))
        longest = max_edge(wgs_polygons)
        if longest > 1.0:  # very long straight edges bend too much between the two CRSs: do it all exactly
            x, y = _qgis_transform(ux, uy, to_source)
            return count_in_polygons(x, y, polygons, weights)
        # A straight edge in one CRS and the same edge straight in the other are metres apart at most
        # for edges of a few km; the margin below is hundreds of metres, and grows with edge length.
        tol = 0.002 + 0.02 * longest * longest
        near = near_edges(ux, uy, wgs_polygons, tol, presorted=True)   # unique_points sorts by y
        far = ~near
        counts = count_in_polygons(ux[far], uy[far], wgs_polygons, weights[far], presorted=True)
        if near.any():
            x, y = _qgis_transform(ux[near], uy[near], to_source)
            counts = counts + count_in_polygons(x, y, polygons, weights[near])
        return counts

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
            with open_user_store(self.store_value(parameters, context), create=False) as store:
                x, y = store.points(category, start, end)
        except (CrimeMapError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.pushInfo(f"{len(x):,} located crimes selected.")
        feedback.setProgress(30)
        ux, uy, weights = unique_points(x, y)
        features = list(source.getFeatures())
        polygons = [rings_of(feature.geometry()) for feature in features]
        if source.sourceCrs() == WGS84:
            counts = count_in_polygons(ux, uy, polygons, weights, presorted=True)
        else:
            crs, transforms = source.sourceCrs(), context.transformContext()
            counts = self._count_across_crs(ux, uy, weights, features, polygons,
                                            QgsCoordinateTransform(WGS84, crs, transforms),
                                            QgsCoordinateTransform(crs, WGS84, transforms))
        feedback.setProgress(80)
        fields = QgsFields(source.fields())
        if fields.indexOf(self.FIELD) < 0:
            fields.append(QgsField(self.FIELD, LONG))
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
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        return {self.OUTPUT: dest}
