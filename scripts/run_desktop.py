# Run by `make run` inside the QGIS desktop (qgis --code): open the dock, load the sample when the
# store is empty, and frame England and Wales.
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins


def _start():
    plugin = plugins.get("crimemap_plugin")
    if plugin is None:
        iface.messageBar().pushCritical("Crime Map", "The plugin did not load: see the Plugins log.")
        return
    plugin.show_dock()
    dock = plugin.dock
    dock.show_force_areas()
    from qgis.core import QgsProject

    from crimemap_plugin.layers.boundaries import FORCE_AREAS_NAME
    layers = QgsProject.instance().mapLayersByName(FORCE_AREAS_NAME)
    if layers:
        canvas = iface.mapCanvas()
        canvas.setDestinationCrs(layers[0].crs())
        canvas.setExtent(layers[0].extent())
        canvas.refresh()
    if dock.is_empty():
        dock.load_sample()


QTimer.singleShot(500, _start)
