"""'Briefing map…' from the dock and the neighbourhood panel: the briefing built as a print layout in
the project and opened in the layout designer, for last edits, printing or export.

The layers its map draws are saved in a GeoPackage of their own beside the store (never overwritten,
so no layer the project still shows is ever rewritten), and added to the project without a place in
the layer tree: a saved project reopens with its briefing intact.
"""

import time
from pathlib import Path

from qgis.core import QgsLayoutItemMap, QgsProject, QgsVectorLayer

from ..core import categories, forces
from ..core.briefing import choice_note, choose_period
from ..core.errors import CrimeMapError
from ..core.periods import BASELINES, SAME_PERIOD_LAST_YEAR, Period
from ..i18n import tr
from ..layers.briefing import BRIEFING_LAYER, make_briefings
from ..layers.common import write_gpkg_layer
from ..log import CRITICAL, WARNING, log
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

    def save(layer, key: str):
        if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "memory":
            # The street map (tiles from the web) is kept as it is: the project saves its source.
            project.addMapLayer(layer, False)
            saved_ids.append(layer.id())
            return layer
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


def _period_for(store_path: str, force: str, choices: dict):
    """(Choice or None, the period the dock asked for or None), from the store's coverage audit."""
    with open_user_store(store_path, create=False) as store:
        status = store.month_status()
    try:
        asked = Period(choices["end"], choices["months"]) if choices["end"] else None
    except ValueError:
        asked = None
    end = asked.end if asked else ""
    return choose_period(status, force, end, choices["months"], choices["baseline"]), asked


def open_briefing(iface, store_path: str, force: str, neighbourhood: str = ""):
    """Build the briefing of a force (or one of its neighbourhoods) with the dock's choices, add it to
    the project's layouts (replacing one of the same name) and open it in the layout designer.

    The period is the dock's when the store holds all its months (and the baseline's) whole for the
    force; otherwise the latest months it does hold whole, and the message bar and the page say so.
    With no such months there is no page: the message bar says why."""
    project = QgsProject.instance()
    choices = dock_choices()
    name = forces.BY_SLUG[force].name if force in forces.BY_SLUG else force
    try:
        choice, asked = _period_for(store_path, force, choices)
    except CrimeMapError as exc:
        log(tr("No briefing: {reason}").format(reason=exc), CRITICAL, bar=True)
        return None
    if choice is None:
        log(tr("No briefing for {force}: the store does not hold {n} whole months of it with whole months to "
               "compare them with. Import more of its months, or choose a shorter period in the dock.").format(
            force=name, n=choices["months"]), WARNING, bar=True)
        return None
    note = choice_note(choice, name, asked, choices["baseline"], tr)
    saved_ids = []
    try:
        layout, _layers, briefs = make_briefings(store_path, force, neighbourhood, False, choices["category"],
                                                 choice.period.end, choice.period.length, choice.baseline_kind,
                                                 persist=_saver(store_path, project, saved_ids), note=note)
    except (CrimeMapError, ValueError, RuntimeError) as exc:
        project.removeMapLayers(saved_ids)
        log(tr("No briefing: {reason}").format(reason=exc), CRITICAL, bar=True)
        return None
    manager = project.layoutManager()
    old = manager.layoutByName(layout.name())
    if old is not None:
        # The briefing made again: the old layout goes, and with it the layers only it drew.
        folder = str(_folder(store_path))
        drawn = {la.id() for item in old.items() if isinstance(item, QgsLayoutItemMap) for la in item.layers()
                 if la.source().startswith(folder) or la.customProperty(BRIEFING_LAYER)}
        manager.removeLayout(old)
        project.removeMapLayers(list(drawn))
    manager.addLayout(layout)
    if iface is not None:
        iface.openLayoutDesigner(layout)
    said = tr("Briefing '{name}': {period}.").format(name=layout.name(), period=briefs[0].period_words(tr))
    log(" ".join(part for part in (said, note, tr("Export it from the layout designer.")) if part), bar=True)
    return layout
