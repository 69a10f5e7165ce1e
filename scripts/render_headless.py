"""`make run` without a display: render the force areas (and the sample's crimes) to a PNG."""

import sys
from pathlib import Path

from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def main(profiles: str) -> int:
    sys.path.insert(0, str(Path(profiles) / "profiles" / "default" / "python" / "plugins"))
    app = QgsApplication([], False)
    app.initQgis()
    from crimemap_plugin import settings
    from crimemap_plugin.core.importer import import_path
    from crimemap_plugin.layers.boundaries import ensure_force_areas
    from crimemap_plugin.ui.import_task import sample_path

    store = settings.store_path()
    report = import_path(sample_path(), store)
    print(f"Sample imported into {store}: {report.summary()}")
    project = QgsProject.instance()
    areas = ensure_force_areas(project)
    crimes = QgsVectorLayer(f"{store}|layername=crimes", "Crimes (sample)", "ogr")
    layers = [crimes, areas] if crimes.isValid() else [areas]
    ms = QgsMapSettings()
    ms.setLayers(layers)
    ms.setDestinationCrs(areas.crs())
    ms.setExtent(areas.extent().buffered(10000))
    ms.setOutputSize(QSize(1000, 1100))
    ms.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(ms)
    job.start()
    job.waitForFinished()
    out = Path(profiles) / "crimemap-map.png"
    job.renderedImage().save(str(out))
    print(f"Map rendered to {out}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
