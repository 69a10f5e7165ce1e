"""The bundled force areas as QGIS geometries (EPSG:27700), and which forces lie near a study area or
over it: the forces whose crimes the "where crime concentrates" algorithms read and check."""

from typing import Dict, List, Sequence, Tuple

import numpy as np
from qgis.core import QgsGeometry, QgsProcessingException, QgsVectorLayer

from ..i18n import tr
from ..layers.boundaries import force_areas_uri

READ_MARGIN = 5000.0             # metres around the study area's bounding box
OVERLAP_SHARE = 0.005            # a force area overlapping a layer's polygons by less is a sliver
NO_AREA_FORCES = ("btp", "northern-ireland")   # forces without a bundled area: always read


def polygons_of(geometry: QgsGeometry) -> List[list]:
    """A QGIS (multi)polygon geometry as hotspots.Polygon parts: each part's rings as (x, y) arrays."""
    if geometry is None or geometry.isEmpty():
        return []
    parts = geometry.asMultiPolygon() if geometry.isMultipart() else [geometry.asPolygon()]
    out = []
    for part in parts:
        rings = [(np.array([p.x() for p in ring]), np.array([p.y() for p in ring])) for ring in part if len(ring) >= 4]
        if rings:
            out.append(rings)
    return out


_FORCE_AREAS: Dict[str, QgsGeometry] = {}


def force_area_geometries() -> Dict[str, QgsGeometry]:
    """police.uk force id -> its bundled area (EPSG:27700), read once."""
    if not _FORCE_AREAS:
        layer = QgsVectorLayer(force_areas_uri(), "force areas", "ogr")
        if not layer.isValid():
            raise QgsProcessingException(tr("The bundled force areas cannot be opened: {}").format(force_areas_uri()))
        for feature in layer.getFeatures():
            _FORCE_AREAS[str(feature["force"])] = QgsGeometry(feature.geometry())
        del layer
    return _FORCE_AREAS


def _bbox(polygons: Sequence[list]) -> Tuple[float, float, float, float]:
    xs = np.concatenate([r[0] for rings in polygons for r in rings])
    ys = np.concatenate([r[1] for rings in polygons for r in rings])
    return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def forces_near(polygons: Sequence[list], margin: float = READ_MARGIN) -> Tuple[str, ...]:
    """Forces whose bundled area's bounding box comes within `margin` of the polygons' bounding box."""
    xmin, ymin, xmax, ymax = _bbox(polygons)
    near = []
    for slug, geometry in force_area_geometries().items():
        box = geometry.boundingBox()
        if (box.xMinimum() <= xmax + margin and box.xMaximum() >= xmin - margin
                and box.yMinimum() <= ymax + margin and box.yMaximum() >= ymin - margin):
            near.append(slug)
    return tuple(sorted(near))


def forces_overlapping(geometries: Sequence[QgsGeometry]) -> Tuple[str, ...]:
    """Forces whose bundled area overlaps any of the geometries (EPSG:27700) by more than a sliver."""
    found = set()
    for slug, area in force_area_geometries().items():
        for geometry in geometries:
            if geometry.isEmpty() or not area.boundingBox().intersects(geometry.boundingBox()):
                continue
            overlap = area.intersection(geometry).area()
            if overlap > OVERLAP_SHARE * min(area.area(), geometry.area()):
                found.add(slug)
                break
    return tuple(sorted(found))
