"""The bundled police force areas of England and Wales (ONS, December 2022, ultra-generalised)."""

from qgis.core import (
    Qgis,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsProperty,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from ..about import RESOURCES
from ..core.errors import CrimeMapError
from ..core.store import open_store
from ..i18n import tr, tr_noop
from ..stores import auth_config, resolve_store
from .common import OGL, ONS_OS, add_to_group, attribution_metadata, find_layer

# Qgis.LabelPlacement from QGIS 3.26 (where QgsPalLayerSettings.OverPoint names another enum's member);
# QgsPalLayerSettings.Placement before.
OVER_POINT = (getattr(getattr(Qgis, "LabelPlacement", None), "OverPoint", None)
              or QgsPalLayerSettings.Placement.OverPoint)

FORCE_AREAS_PATH = RESOURCES / "boundaries" / "police_force_areas.gpkg"
FORCE_AREAS_NAME = tr_noop("Police force areas")
ROLE = "force_areas"
NEIGHBOURHOODS_ROLE = "neighbourhoods"
STORE_PROPERTY = "crimemap/store"
# ONS's name in the order people say it: "London, City of" is labelled "City of London".
AREA_LABEL = r"""regexp_replace("ons_name", '^(.+), (.+)$', '\\2 \\1')"""
# Labels drawn first where areas are small: the City of London's name wins over the Metropolitan
# Police's, whose own label goes to a point inside the Met (never in the City's hole). log10 of the area
# in m²: the City is about 6.5, the largest force areas about 10.
SMALL_FIRST = "scale_linear(log10(max(area($geometry), 1)), 6, 10.5, 10, 1)"


def force_areas_uri() -> str:
    return f"{FORCE_AREAS_PATH}|layername=police_force_areas"


def force_areas_layer(name: str = "") -> QgsVectorLayer:
    """A new, styled and labelled layer of the 43 force areas (read-only: it is bundled data)."""
    layer = QgsVectorLayer(force_areas_uri(), name or tr(FORCE_AREAS_NAME), "ogr")
    if not layer.isValid():
        raise RuntimeError(f"bundled force areas cannot be opened: {FORCE_AREAS_PATH}")
    layer.setReadOnly(True)
    symbol = QgsFillSymbol.createSimple({
        "color": "241,243,245,90", "outline_color": "29,53,87,255", "outline_width": "0.3"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(label_settings(AREA_LABEL, expression=True)))
    layer.setLabelsEnabled(True)
    layer.setMetadata(attribution_metadata(
        tr(FORCE_AREAS_NAME),
        "The 43 police force areas of England and Wales (ONS Police Force Areas, December 2022, "
        "ultra-generalised), with ONS code and name, police.uk slug (field 'force') and police.uk name.",
        [ONS_OS]))
    return layer


def label_settings(field: str, size: float = 8.0, expression: bool = False) -> QgsPalLayerSettings:
    fmt = QgsTextFormat()
    fmt.setFont(QFont("Sans Serif"))
    fmt.setSize(size)
    fmt.setColor(QColor(20, 33, 61))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.8)
    buf.setColor(QColor(255, 255, 255, 220))
    fmt.setBuffer(buf)
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.isExpression = expression
    settings.setFormat(fmt)
    settings.placement = OVER_POINT
    # A label point inside the area itself (an area's centroid can fall in a hole or outside it).
    settings.centroidInside = True
    settings.dataDefinedProperties().setProperty(QgsPalLayerSettings.Property.Priority,
                                                 QgsProperty.fromExpression(SMALL_FIRST))
    return settings


def ensure_force_areas(project: QgsProject = None) -> QgsVectorLayer:
    """Add the force areas to the project's "Crime Map" group unless they are there already."""
    project = project or QgsProject.instance()
    layer = find_layer(ROLE, project)
    if layer is None:
        layer = add_to_group(force_areas_layer(), ROLE, project)   # into an empty project: British National Grid
    return layer


def store_layer(store_spec: str, table: str, name: str, where: str = "") -> QgsVectorLayer:
    """A table of the store as a QGIS layer (through OGR for a GeoPackage, the postgres provider for
    PostGIS, so a saved project opens on another analyst's machine against the same database: its
    source holds no password, only the saved connection's authentication configuration, if any)."""
    with open_store(resolve_store(store_spec), create=False, read_only=True) as store:
        source = store.layer_source(table, where)
    uri = source.uri
    authcfg = auth_config(store_spec) if source.provider == "postgres" else None
    if authcfg:
        uri = _without(uri, ("user", "password")) + f" authcfg={authcfg}"
    return QgsVectorLayer(uri, name, source.provider)


def _without(uri: str, keys) -> str:
    import re
    return " ".join(w for w in re.findall(r"\w+=(?:'(?:[^'\\]|\\.)*'|\"[^\"]*\"(?: \([^)]*\))?|\S+)", uri)
                    if w.split("=", 1)[0] not in keys)


def neighbourhoods_layer(store_path: str, name: str = "Neighbourhoods") -> QgsVectorLayer:
    """The store's neighbourhood boundaries (WGS84; area_code is "force/id", as in comparisons)."""
    try:
        layer = store_layer(store_path, "neighbourhoods", name)
    except CrimeMapError as exc:
        raise RuntimeError(str(exc)) from None
    if not layer.isValid() or layer.featureCount() == 0:
        raise RuntimeError(f"{store_path}: the store holds no neighbourhood boundaries; import a force's "
                           "neighbourhoods first (crimemap:importneighbourhoods)")
    return layer


def neighbourhood_outlines(store_path: str) -> QgsVectorLayer:
    """The stored neighbourhoods as outlines named on the map (drawn over the comparison, so they
    show whatever the map is coloured by)."""
    layer = neighbourhoods_layer(store_path, "Neighbourhoods")
    layer.setReadOnly(True)
    symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": "60,60,60,200", "outline_width": "0.2"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    labels = label_settings("name", size=7.0)
    # Names once a few neighbourhoods fill the screen (tens of them at a force's scale, hundreds
    # nationally would be noise).
    labels.scaleVisibility = True
    labels.maximumScale, labels.minimumScale = 0.0, 400000.0
    layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    layer.setLabelsEnabled(True)
    layer.setMetadata(attribution_metadata(
        "Neighbourhoods", "police.uk neighbourhood boundaries from the Crime Map store, with their names.", [OGL]))
    return layer


def ensure_neighbourhoods(store_path: str, project: QgsProject = None, replace: bool = True):
    """The store's neighbourhoods on the map, in the "Crime Map" group; None when the store holds
    none. With `replace`, drawn again from the store (its neighbourhoods changed); without, kept when
    the layer shown is of this store already."""
    project = project or QgsProject.instance()
    old = find_layer(NEIGHBOURHOODS_ROLE, project)
    if old is not None and not replace and old.customProperty(STORE_PROPERTY) == str(store_path):
        return old
    try:
        layer = neighbourhood_outlines(store_path)
    except RuntimeError:
        layer = None
    if old is not None:
        project.removeMapLayer(old.id())
    if layer is not None:
        layer.setCustomProperty(STORE_PROPERTY, str(store_path))
        add_to_group(layer, NEIGHBOURHOODS_ROLE, project, position=0)
    return layer


def comparison_areas(level: str, store_path: str):
    """(boundary layer, code field) for a comparison level with bundled or stored boundaries."""
    if level == "force":
        return force_areas_layer(), "ons_code"
    if level == "neighbourhood":
        return neighbourhoods_layer(store_path), "area_code"
    raise ValueError(f"{level} boundaries are not bundled: give a boundary layer")
