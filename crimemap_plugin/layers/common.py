"""Helpers shared by the layer builders: the "Crime Map" group, roles, attribution metadata."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsDatumTransform,
    QgsLayerMetadata,
    QgsLayerTreeGroup,
    QgsProject,
    QgsVectorFileWriter,
)

from ..i18n import tr, tr_noop

GROUP_NAME = tr_noop("Crime Map")   # shown in the user's language
ROLE_PROPERTY = "crimemap/role"

OGL = tr_noop("Contains public sector information licensed under the Open Government Licence v3.0.")
ONS_OS = tr_noop("Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
                 "Contains OS data © Crown copyright and database right 2022.")
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def attribution_metadata(title: str, abstract: str, rights) -> QgsLayerMetadata:
    md = QgsLayerMetadata()
    md.setTitle(title)
    md.setAbstract(abstract)
    md.setRights([tr(r) for r in rights])   # marked English, shown translated
    md.setLicenses(["Open Government Licence v3.0 (" + OGL_URL + ")"])
    md.setKeywords({"gmd:topicCategory": ["boundaries", "society"]})
    return md


def crimemap_group(project: QgsProject = None) -> QgsLayerTreeGroup:
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    # The group of a project saved in another language is the same group.
    group = root.findGroup(tr(GROUP_NAME)) or root.findGroup(GROUP_NAME)
    if group is None:
        group = root.insertGroup(0, tr(GROUP_NAME))
    return group


def find_layer(role: str, project: QgsProject = None):
    project = project or QgsProject.instance()
    for layer in project.mapLayers().values():
        if layer.customProperty(ROLE_PROPERTY) == role:
            return layer
    return None


BNG, WGS84, WEB_MERCATOR = "EPSG:27700", "EPSG:4326", "EPSG:3857"


def best_available_operation(source: str, destination: str):
    """The most accurate coordinate operation between two CRSs that this installation can run (PROJ
    grids it lacks, such as OSTN15 on Debian's default proj-data, rule theirs out), as a PROJ string;
    None when QGIS offers none."""
    ops = [o for o in QgsDatumTransform.operations(QgsCoordinateReferenceSystem(source),
                                                   QgsCoordinateReferenceSystem(destination)) if o.isAvailable]
    known = [o for o in ops if o.accuracy >= 0]
    best = min(known, key=lambda o: o.accuracy) if known else (ops[0] if ops else None)
    return best.proj if best is not None else None


PAIRS = tuple((a, b) for other in (WGS84, WEB_MERCATOR) for a, b in ((BNG, other), (other, BNG)))


def _add_missing(context: QgsCoordinateTransformContext) -> bool:
    """Give `context` the best available operation for each of PAIRS it has none for; True if any."""
    have = context.coordinateOperations()
    changed = False
    for source, destination in PAIRS:
        if (source, destination) in have:
            continue
        proj = best_available_operation(source, destination)
        if proj:
            context.addCoordinateOperation(QgsCoordinateReferenceSystem(source),
                                           QgsCoordinateReferenceSystem(destination), proj, True)
            changed = True
    return changed


def settle_transforms(project: QgsProject = None) -> None:
    """Choose how British National Grid and the CRSs the plugin's layers come in (WGS84; Web Mercator
    for a street basemap) are transformed, each way: the most accurate operation available here (PROJ
    grids this installation lacks, such as OSTN15 on Debian's default proj-data, rule theirs out).
    Recorded in the project's transform context, so QGIS neither warns that its preferred transform is
    missing nor asks which to use when the project is opened again; and among QGIS's default
    transformations (Options ▸ Transformations, which every new or opened project starts from), so
    closing or opening a project does not warn either. Choices already made (the user's) stay."""
    project = project or QgsProject.instance()
    context = project.transformContext()
    if _add_missing(context):
        project.setTransformContext(context)
    defaults = QgsCoordinateTransformContext()
    defaults.readSettings()
    if _add_missing(defaults):
        defaults.writeSettings()


def add_to_group(layer, role: str, project: QgsProject = None, position: int = -1):
    """Add `layer` to the project's "Crime Map" group. Into an empty project the plugin brings British
    National Grid (its areas' own CRS) deliberately, whatever the first layer's CRS."""
    project = project or QgsProject.instance()
    settle_transforms(project)   # first: changing the project's CRS transforms the view already
    if not project.mapLayers():
        project.setCrs(QgsCoordinateReferenceSystem(BNG))
    layer.setCustomProperty(ROLE_PROPERTY, role)
    project.addMapLayer(layer, False)
    group = crimemap_group(project)
    if position < 0:
        group.addLayer(layer)
    else:
        group.insertLayer(position, layer)
    return layer


def write_gpkg_layer(layer, path: str, name: str, new_file: bool, spatial_index: bool = True) -> None:
    """Write `layer` as layer `name` of the GeoPackage at `path` (a new file, or a layer added to or
    replaced in an existing one); RuntimeError naming the file when it cannot be written. Without a
    spatial index, rewriting attributes leaves the geometry index alone (the comparison layers are
    small enough to draw without one, and are rewritten at every change in the dock)."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    if not spatial_index:
        options.layerOptions = ["SPATIAL_INDEX=NO"]
    options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile if new_file
                                    else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer)
    context = QgsCoordinateTransformContext()
    if hasattr(QgsVectorFileWriter, "writeAsVectorFormatV3"):
        error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, context, options)
    else:
        error = QgsVectorFileWriter.writeAsVectorFormatV2(layer, path, context, options)
    if error[0] != QgsVectorFileWriter.WriterError.NoError:
        raise RuntimeError(f"{path}: layer {name} cannot be written ({error[1]})")
