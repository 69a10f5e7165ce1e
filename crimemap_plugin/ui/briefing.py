"""'Briefing map…' from the dock and the neighbourhood panel: the briefing built as a print layout in
the project and opened in the layout designer, for last edits, printing or export.

The layers its map draws are saved in a GeoPackage of their own beside the store (never overwritten,
so no layer the project still shows is ever rewritten), and added to the project without a place in
the layer tree: a saved project reopens with its briefing intact.
"""

import time
from pathlib import Path

from qgis.core import QgsLayoutItemMap, QgsProject, QgsVectorLayer

from ..core import categories
from ..core.errors import CrimeMapError
from ..core.periods import BASELINES, SAME_PERIOD_LAST_YEAR
from ..layers.briefing import make_briefings
from ..layers.common import write_gpkg_layer
from ..log import CRITICAL, log
from ..stores import beside, open_user_store
from .dock_state import saved_state


def dock_choices() -> dict:
    """Category, period and baseline as last chosen in the dock (defaults otherwise)."""
    state = saved_state()
    baseline = state.get("baseline")
    return {"category": state.get("category") or categories.ALL_CRIME, "end": state.get("end") or "",
            "months": int(state.get("length") or 3),
            "baseline": baseline if baseline in BASELINES else SAME_PERIOD_LAST_YEAR}


def _folder(store_path: str) -> Path:
    return beside(store_path, "_briefings")


def _saver(store_path: str, project: QgsProject, saved_ids: list):
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = _folder(store_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"briefing-{stamp}-{int(time.time() * 1000) % 1000:03d}.gpkg"

    def save(layer: QgsVectorLayer, key: str) -> QgsVectorLayer:
        try:
            write_gpkg_layer(layer, str(path), key, new_file=not path.exists())
        except RuntimeError as exc:
            raise CrimeMapError(f"the briefing's layers cannot be saved: {exc}") from exc
        saved = QgsVectorLayer(f"{path}|layername={key}", layer.name(), "ogr")
        saved.setRenderer(layer.renderer().clone())
        if layer.labeling() is not None:
            saved.setLabeling(layer.labeling().clone())
            saved.setLabelsEnabled(layer.labelsEnabled())
        saved.setMetadata(layer.metadata())
        project.addMapLayer(saved, False)   # in the project (saved with it), not in the layer tree
        saved_ids.append(saved.id())
        return saved

    return save


def open_briefing(iface, store_path: str, force: str, neighbourhood: str = ""):
    """Build the briefing of a force (or one of its neighbourhoods) with the dock's choices, add it to
    the project's layouts (replacing one of the same name) and open it in the layout designer."""
    project = QgsProject.instance()
    choices = dock_choices()
    try:
        with open_user_store(store_path, create=False) as store:
            held = sorted(store.available_force_months().get(force, ()))
    except CrimeMapError as exc:
        log(f"No briefing: {exc}", CRITICAL, bar=True)
        return None
    if held and choices["end"] not in held:
        # The dock shows a month this force has no data for: brief on the force's latest before it
        # (or its latest of all).
        earlier = [m for m in held if m <= choices["end"]] if choices["end"] else []
        choices["end"] = earlier[-1] if earlier else held[-1]
    saved_ids = []
    try:
        layout, _layers, briefs = make_briefings(store_path, force, neighbourhood, False, choices["category"],
                                                 choices["end"], choices["months"], choices["baseline"],
                                                 persist=_saver(store_path, project, saved_ids))
    except (CrimeMapError, ValueError, RuntimeError) as exc:
        project.removeMapLayers(saved_ids)
        log(f"No briefing: {exc}", CRITICAL, bar=True)
        return None
    manager = project.layoutManager()
    old = manager.layoutByName(layout.name())
    if old is not None:
        # The briefing made again: the old layout goes, and with it the layers only it drew.
        folder = str(_folder(store_path))
        drawn = {la.id() for item in old.items() if isinstance(item, QgsLayoutItemMap) for la in item.layers()
                 if la.source().startswith(folder)}
        manager.removeLayout(old)
        project.removeMapLayers(list(drawn))
    manager.addLayout(layout)
    if iface is not None:
        iface.openLayoutDesigner(layout)
    log(f"Briefing '{layout.name()}': {briefs[0].period_words()}. Export it from the layout designer.", bar=True)
    return layout
