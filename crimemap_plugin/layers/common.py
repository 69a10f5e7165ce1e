"""Helpers shared by the layer builders: the "Crime Map" group, roles, attribution metadata."""

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsLayerMetadata,
    QgsLayerTreeGroup,
    QgsProject,
    QgsVectorFileWriter,
)

GROUP_NAME = "Crime Map"
ROLE_PROPERTY = "crimemap/role"

OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
ONS_OS = ("Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
          "Contains OS data © Crown copyright and database right 2022.")
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def attribution_metadata(title: str, abstract: str, rights) -> QgsLayerMetadata:
    md = QgsLayerMetadata()
    md.setTitle(title)
    md.setAbstract(abstract)
    md.setRights(list(rights))
    md.setLicenses(["Open Government Licence v3.0 (" + OGL_URL + ")"])
    md.setKeywords({"gmd:topicCategory": ["boundaries", "society"]})
    return md


def crimemap_group(project: QgsProject = None) -> QgsLayerTreeGroup:
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    group = root.findGroup(GROUP_NAME)
    if group is None:
        group = root.insertGroup(0, GROUP_NAME)
    return group


def find_layer(role: str, project: QgsProject = None):
    project = project or QgsProject.instance()
    for layer in project.mapLayers().values():
        if layer.customProperty(ROLE_PROPERTY) == role:
            return layer
    return None


def add_to_group(layer, role: str, project: QgsProject = None, position: int = -1):
    project = project or QgsProject.instance()
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
    options.actionOnExistingFile = (QgsVectorFileWriter.CreateOrOverwriteFile if new_file
                                    else QgsVectorFileWriter.CreateOrOverwriteLayer)
    context = QgsCoordinateTransformContext()
    if hasattr(QgsVectorFileWriter, "writeAsVectorFormatV3"):
        error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, context, options)
    else:
        error = QgsVectorFileWriter.writeAsVectorFormatV2(layer, path, context, options)
    if error[0] != QgsVectorFileWriter.NoError:
        raise RuntimeError(f"{path}: layer {name} cannot be written ({error[1]})")
