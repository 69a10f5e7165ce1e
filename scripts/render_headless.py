"""`make run` without a display: import the sample, render the comparison map to a PNG and make the
sample force's briefing (PDF and PNG)."""

import sys
from pathlib import Path

from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsProject
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def main(profiles: str) -> int:
    sys.path.insert(0, str(Path(profiles) / "profiles" / "default" / "python" / "plugins"))
    app = QgsApplication([], False)
    app.initQgis()
    from crimemap_plugin import settings
    from crimemap_plugin.core.compare import compare
    from crimemap_plugin.core.importer import import_path
    from crimemap_plugin.core.periods import Period
    from crimemap_plugin.core.store import open_store
    from crimemap_plugin.layers.boundaries import ensure_force_areas, force_areas_layer
    from crimemap_plugin.layers.comparison import build_layer
    from crimemap_plugin.ui.import_task import sample_path

    store = settings.store_path()
    report = import_path(sample_path(), store)
    print(f"Sample imported into {store}: {report.summary()}")
    with open_store(store, create=False) as s:
        comparison = compare(s, "force", "all-crime", Period(s.months()[-1], 3))
    city = next(r for r in comparison.records() if r["force"] == "city-of-london")
    print(f"{comparison.title()}: City of London {city['current']} against {city['baseline']} "
          f"({city['change_pct']:+.1f} %, p = {city['p_value']:.2g})")
    project = QgsProject.instance()
    areas = ensure_force_areas(project)
    layer = build_layer(comparison, force_areas_layer(), "ons_code")
    ms = QgsMapSettings()
    ms.setLayers([layer, areas])  # first is drawn on top
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
    from crimemap_plugin.layers.briefing import export
    from crimemap_plugin.processing.briefing_map import make_briefings
    layout, layers, briefs = make_briefings(store, "city-of-london")
    for name in ("crimemap-briefing.pdf", "crimemap-briefing.png"):
        written = export(layout, str(Path(profiles) / name))
        print(f"Briefing ({briefs[0].title()}, {briefs[0].period_words()}) written to {written[0]}")
    del layout, layers
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
