"""The bundled police force areas of England and Wales (ONS, December 2022, ultra-generalised)."""

from qgis.core import (
    Qgis,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsProject,
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
from ..stores import auth_config, resolve_store
from .common import ONS_OS, add_to_group, attribution_metadata, find_layer

# Qgis.LabelPlacement from QGIS 3.26 (where QgsPalLayerSettings.OverPoint names another enum's member);
# QgsPalLayerSettings.Placement before.
OVER_POINT = getattr(getattr(Qgis, "LabelPlacement", None), "OverPoint", None) or QgsPalLayerSettings.OverPoint

FORCE_AREAS_PATH = RESOURCES / "boundaries" / "police_force_areas.gpkg"
FORCE_AREAS_NAME = "Police force areas"
ROLE = "force_areas"


def force_areas_uri() -> str:
    return f"{FORCE_AREAS_PATH}|layername=police_force_areas"


def force_areas_layer(name: str = FORCE_AREAS_NAME) -> QgsVectorLayer:
    """A new, styled and labelled layer of the 43 force areas (read-only: it is bundled data)."""
    layer = QgsVectorLayer(force_areas_uri(), name, "ogr")
    if not layer.isValid():
        raise RuntimeError(f"bundled force areas cannot be opened: {FORCE_AREAS_PATH}")
    layer.setReadOnly(True)
    symbol = QgsFillSymbol.createSimple({
        "color": "241,243,245,90", "outline_color": "29,53,87,255", "outline_width": "0.3"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(label_settings("ons_name")))
    layer.setLabelsEnabled(True)
    layer.setMetadata(attribution_metadata(
        FORCE_AREAS_NAME,
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
    return settings


def ensure_force_areas(project: QgsProject = None) -> QgsVectorLayer:
    """Add the force areas to the project's "Crime Map" group unless they are there already."""
    project = project or QgsProject.instance()
    layer = find_layer(ROLE, project)
    if layer is None:
        layer = force_areas_layer()
        if not project.mapLayers():
            # British National Grid for an empty project: no datum shift needed to draw the areas.
            project.setCrs(layer.crs())
        layer = add_to_group(layer, ROLE, project)
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


def comparison_areas(level: str, store_path: str):
    """(boundary layer, code field) for a comparison level with bundled or stored boundaries."""
    if level == "force":
        return force_areas_layer(), "ons_code"
    if level == "neighbourhood":
        return neighbourhoods_layer(store_path), "area_code"
    raise ValueError(f"{level} boundaries are not bundled: give a boundary layer")
