"""`make run` without a display: import the sample, write the comparison map of its force (City of London)
as a PNG with a title and a legend, zoomed to the force, and make the force's briefing (PDF and PNG)."""

import sys
from pathlib import Path

from qgis.core import QgsApplication


def main(profiles: str) -> int:
    sys.path.insert(0, str(Path(profiles) / "profiles" / "default" / "python" / "plugins"))
    app = QgsApplication([], False)
    app.initQgis()
    from crimemap_plugin import settings
    from crimemap_plugin.core.importer import import_path
    from crimemap_plugin.layers.briefing import export, make_briefings
    from crimemap_plugin.layers.map_sheet import map_sheet
    from crimemap_plugin.ui.import_task import sample_path

    store = settings.store_path()
    report = import_path(sample_path(), store)
    print(f"Sample imported into {store}: {report.summary()}")
    sheet, layers, comparison = map_sheet(store, "city-of-london")
    city = next(r for r in comparison.records() if r["force"] == "city-of-london")
    print(f"{comparison.title()}: City of London {city['current']} against {city['baseline']} "
          f"({city['change_pct']:+.1f} %, p = {city['p_value']:.2g})")
    written = export(sheet, str(Path(profiles) / "crimemap-map.png"))
    print(f"Map rendered to {written[0]}")
    layout, briefing_layers, briefs = make_briefings(store, "city-of-london")
    for name in ("crimemap-briefing.pdf", "crimemap-briefing.png"):
        written = export(layout, str(Path(profiles) / name))
        print(f"Briefing ({briefs[0].title()}, {briefs[0].period_words()}) written to {written[0]}")
    del sheet, layers, layout, briefing_layers
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
