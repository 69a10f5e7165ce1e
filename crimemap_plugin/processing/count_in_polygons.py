"""crimemap:countinpolygons — stored crimes counted inside any polygon layer, fast."""

import struct
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
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
from ..core.pip import Prepared, count_grouped, grouped_points, max_edge, near_edges, unique_points
from ..i18n import tr_noop
from ..layers.field_types import LONG
from ..stores import open_user_store
from .base import CrimeMapAlgorithm

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def _qgis_transform(x: np.ndarray, y: np.ndarray, transform: QgsCoordinateTransform):
    """Many points through QGIS in one call: as the vertices of one line passed in and out as WKB
    (a line's vertices are transformed as two arrays, in one call to PROJ)."""
    n = len(x)
    if n == 0:
        return np.empty(0), np.empty(0)
    xy = np.empty((max(n, 2), 2))   # a line has two vertices at least
    xy[:n, 0], xy[:n, 1] = x, y
    xy[n:] = xy[0]
    geometry = QgsGeometry()
    geometry.fromWkb(struct.pack("<BII", 1, 2, len(xy)) + xy.tobytes())
    geometry.transform(transform)
    wkb = bytes(geometry.asWkb())
    out = np.frombuffer(wkb, dtype="<f8" if wkb[0] == 1 else ">f8", offset=9, count=2 * len(xy)).reshape(-1, 2)
    return out[:n, 0].astype(float), out[:n, 1].astype(float)


def _wkb_rings(wkb: bytes):
    """The rings of a polygon or multipolygon WKB (any of Z, M, 2.5D) as (x, y) numpy arrays, or
    None for any other type."""
    def header(offset):
        order = "<" if wkb[offset] == 1 else ">"
        code = struct.unpack_from(order + "I", wkb, offset + 1)[0]
        if code & 0x80000000:   # 2.5D: x, y, z
            return order, code & 0xFFFF, 3, offset + 5
        return order, code % 1000, (2, 3, 3, 4)[min(code // 1000, 3)], offset + 5

    def polygon(order, dims, offset, rings):
        count = struct.unpack_from(order + "I", wkb, offset)[0]
        offset += 4
        for _ in range(count):
            points = struct.unpack_from(order + "I", wkb, offset)[0]
            xy = np.frombuffer(wkb, dtype=order + "f8", count=points * dims, offset=offset + 4)
            offset += 4 + 8 * points * dims
            if points >= 3:
                xy = xy.reshape(points, dims)
                rings.append((xy[:, 0].astype(float), xy[:, 1].astype(float)))
        return offset

    order, kind, dims, offset = header(0)
    rings = []
    if kind == 3:
        polygon(order, dims, offset, rings)
    elif kind == 6:
        parts = struct.unpack_from(order + "I", wkb, offset)[0]
        offset += 4
        for _ in range(parts):
            order, kind, dims, offset = header(offset)
            if kind != 3:
                return None
            offset = polygon(order, dims, offset, rings)
    else:
        return None
    return rings


def _vertices(polygons) -> int:
    return sum(len(rx) for rings in polygons for rx, _ in rings)


def rings_of(geometry):
    """A QGIS polygon geometry as a list of (x, y) numpy rings, every part, holes included."""
    if geometry is None or geometry.isEmpty():
        return []
    rings = _wkb_rings(bytes(geometry.asWkb()))
    if rings is not None:
        return rings
    rings = []   # curved and other types, as QGIS makes polygons of them
    polygons = geometry.asMultiPolygon() if geometry.isMultipart() else [geometry.asPolygon()]
    for polygon in polygons:
        for ring in polygon:
            if len(ring) >= 3:
                rings.append((np.array([p.x() for p in ring]), np.array([p.y() for p in ring])))
    return rings


DECIDING_SECONDS = 10   # the longest the points read wait for the polygons to be read (see _read_points)
SPLIT_POINTS = 50_000   # points counted in two halves at once (one a core) from this many on


def transformed(pool, x, y, transform: QgsCoordinateTransform):
    """_qgis_transform of many points, half of them in the pool's thread (QGIS lets go of Python's
    lock while it transforms, and each point is transformed the same wherever it is done)."""
    half = len(x) // 2 if len(x) >= SPLIT_POINTS else 0
    first = pool.submit(_qgis_transform, x[:half], y[:half], transform)
    tx, ty = _qgis_transform(x[half:], y[half:], transform)
    fx, fy = first.result()
    return np.concatenate([fx, tx]), np.concatenate([fy, ty])


def count_split(pool, x, y, weights, polygons, prepared: Prepared) -> np.ndarray:
    """count_in_polygons of weighted points, with the polygons `prepared`: the points grouped, then
    counted in two halves at once, one in the pool's thread (NumPy lets go of Python's lock in
    its work on whole arrays); each half's counts are exact, and so is their sum."""
    gx, gy, gw = grouped_points(x, y, prepared, weights)
    if len(gx) < SPLIT_POINTS or not prepared.many:   # (a few polygons are taken one by one, in Python)
        return count_grouped(gx, gy, gw, polygons, prepared)
    prepared.slabs()   # made once, before both halves use it
    half = len(gx) // 2   # (the grouped points run in rising y: two bands of the map)
    first = pool.submit(count_grouped, gx[:half], gy[:half], gw[:half], polygons, prepared)
    return count_grouped(gx[half:], gy[half:], gw[half:], polygons, prepared) + first.result()


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
    def _wgs84_polygons(features, to_wgs84):
        polygons = []
        for feature in features:
            geometry = QgsGeometry(feature.geometry())
            if not geometry.isEmpty():
                geometry.transform(to_wgs84)
            polygons.append(rings_of(geometry))
        return polygons

    @classmethod
    def _count_across_crs(cls, pool, points, features, polygons, prepared, to_source, to_wgs84, wgs_polygons=None):
        """Counts as native:countpointsinpolygon gives them (points transformed into the polygons'
        CRS). Where the polygons have fewer vertices than there are points, not every point is
        transformed: points far from every edge fall the same side of the boundary whether the
        edges are straight in WGS84 or in the layer's CRS, so they are counted against the polygons
        transformed to WGS84 (`wgs_polygons`, when already made); only points near an edge are
        transformed exactly (through QGIS) and counted in the layer's CRS. Otherwise (thousands of
        detailed polygons) every location is transformed, which then costs less than transforming
        the polygons. `points`: as _read_points gives them."""
        total, x, y, weights = points

        def exactly(keep=slice(None)):   # each location transformed once
            ux, uy, w = unique_points(x[keep], y[keep]) if weights is None else (x[keep], y[keep], weights[keep])
            tx, ty = transformed(pool, ux, uy, to_source)
            return count_split(pool, tx, ty, w, polygons, prepared)

        if _vertices(polygons) * 2 > total:
            return exactly()
        if wgs_polygons is None:
            wgs_polygons = cls._wgs84_polygons(features, to_wgs84)
        longest = max_edge(wgs_polygons)
        if longest > 1.0:  # very long straight edges bend too much between the two CRSs: do it all exactly
            return exactly()
        # A straight edge in one CRS and the same edge straight in the other are metres apart at most
        # for edges of a few km; the margin below is hundreds of metres, and grows with edge length.
        tol = 0.002 + 0.02 * longest * longest
        near = near_edges(x, y, wgs_polygons, tol)
        far = ~near
        counts = count_split(pool, x[far], y[far], None if weights is None else weights[far], wgs_polygons,
                             Prepared(wgs_polygons))
        if near.any():
            counts = counts + exactly(near)
        return counts

    @staticmethod
    def _read_points(spec, category, start, end, many: threading.Event, decided=None):
        """(how many, x, y, weight) of the selected crimes. Where `many` is set (the polygons, read
        meanwhile, are many and take a while to index), their distinct locations, in rising y, each
        with how many crimes stand on it (police.uk's locations are anonymised to a list of points);
        else the points themselves, weight None, which the grouping that suits the polygons is left
        to (grouped_points). `decided`, when given, is set once `many` is known: the points read
        first wait for it (a while at most: either answer counts right), so that their sorting is
        done here, beside the indexing of the polygons, rather than after it."""
        with open_user_store(spec, create=False) as store:
            x, y = store.points(category, start, end)
        if decided is not None:
            decided.wait(DECIDING_SECONDS)
        if many.is_set():
            return (len(x), *unique_points(x, y))
        return len(x), x, y, None

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
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from None
        spec = self.store_value(parameters, context)
        crs, transforms = source.sourceCrs(), context.transformContext()
        to_wgs84 = QgsCoordinateTransform(crs, WGS84, transforms)
        # The store's points are read in a second thread (SQLite and PostgreSQL let go of Python's
        # lock while they work), and their locations sorted, while this one reads the polygons and
        # indexes them; then both threads count.
        with ThreadPoolExecutor(max_workers=1) as pool:
            many, decided = threading.Event(), threading.Event()
            reading = pool.submit(self._read_points, spec, category, start, end, many, decided)
            try:
                features = list(source.getFeatures())
                polygons = [rings_of(feature.geometry()) for feature in features]
                prepared = Prepared(polygons)
                if prepared.many:
                    many.set()
            finally:
                decided.set()
            wgs_polygons = None
            if crs != WGS84 and _vertices(polygons) <= 100_000:   # likely wanted, and cheap
                wgs_polygons = self._wgs84_polygons(features, to_wgs84)
            if prepared.many:
                prepared.slabs()
            try:
                points = reading.result()
            except (CrimeMapError, ValueError) as exc:
                raise QgsProcessingException(str(exc)) from None
            feedback.pushInfo(f"{points[0]:,} located crimes selected.")
            feedback.setProgress(30)
            if crs == WGS84:
                counts = count_split(pool, *points[1:], polygons, prepared)
            else:
                counts = self._count_across_crs(pool, points, features, polygons, prepared,
                                                QgsCoordinateTransform(WGS84, crs, transforms), to_wgs84, wgs_polygons)
        feedback.setProgress(80)
        fields = QgsFields(source.fields())
        if fields.indexOf(self.FIELD) < 0:
            fields.append(QgsField(self.FIELD, LONG))
        index = fields.indexOf(self.FIELD)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, source.wkbType(),
                                          source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for feature, count in zip(features, counts.tolist()):   # the input features, given their count
            attributes = feature.attributes()
            attributes += [None] * (len(fields) - len(attributes))
            attributes[index] = count
            feature.setFields(fields, False)
            feature.setAttributes(attributes)
        if not sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert):
            raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
        return {self.OUTPUT: dest}
