"""The dock's choices remembered: between sessions (QgsSettings) and in the project."""

import json

from qgis.core import QgsProject

from .. import settings
from ..log import WARNING, log

PROJECT_SCOPE, PROJECT_KEY = "crimemap", "dock_state"


def saved_state() -> dict:
    """The dock's last choices (level, category, end, length, baseline, ...), {} when none."""
    try:
        return json.loads(settings.DOCK_STATE.value() or "{}")
    except ValueError:
        return {}


class DockState:
    """Mixed into CrimeMapDock: needs ui, controls(), update_comparison() and the level helpers."""

    def save_state(self) -> None:
        if not self._loading:
            settings.DOCK_STATE.set_value(json.dumps(self.controls()))

    def restore_state(self, state: dict, fallback_end=None) -> None:
        """Set the controls from a saved state (unknown values fall back to the defaults: the latest
        3 months against the same period last year, all crime, force level) and update once."""
        ui = self.ui
        self._loading = True
        try:
            for combo, key in ((ui.areaLevelCombo, "level"), (ui.categoryCombo, "category"),
                               (ui.baselineCombo, "baseline"),
                               (ui.measureCombo, "measure")):
                value = state.get(key)
                index = combo.findData(value) if value is not None else -1
                combo.setCurrentIndex(index if index >= 0 else 0)
            self._enable_levels()
            self._fill_compare_areas(ui.areaLevelCombo.currentData())
            index = ui.compareAreaCombo.findData(state.get("compare_area"))
            ui.compareAreaCombo.setCurrentIndex(max(index, 0))
            end = ui.periodEndCombo.findData(state["end"]) if state.get("end") else -1
            if end < 0 and fallback_end:
                end = ui.periodEndCombo.findData(fallback_end)
            ui.periodEndCombo.setCurrentIndex(max(end, 0))
            ui.periodLengthSpin.setValue(int(state.get("length") or 3))
            self.selected_code = state.get("selected")
        finally:
            self._loading = False
        self.update_comparison()

    def _on_project_write(self, _document) -> None:
        QgsProject.instance().writeEntry(PROJECT_SCOPE, PROJECT_KEY, json.dumps(self.controls()))

    def _on_project_read(self, _document) -> None:
        text, ok = QgsProject.instance().readEntry(PROJECT_SCOPE, PROJECT_KEY, "")
        if ok and text:
            try:
                self.restore_state(json.loads(text))
            except ValueError:
                log("The project's Crime Map state cannot be read; using the defaults.", WARNING)
