"""The dock's store: read in a task when the dock is first shown or the store changes, then shown (its
summary, its months) or, when it cannot be read, said so in the dock and the message bar."""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt

from .. import settings
from ..core import categories
from ..core.compare import FORCE
from ..core.periods import PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR, Period
from ..i18n import tr
from ..log import CRITICAL, log
from ..stores import open_user_store, shown_name
from .dock_state import saved_state
from .store_task import OpenStoreTask


class DockStore:
    """Mixed into CrimeMapDock: needs ui, the storeLoaded signal, restore_state(), _went_to(),
    zoom_to_forces() and _forget_compare_areas()."""

    def store_path(self) -> str:
        return settings.store_path()

    def is_empty(self) -> bool:
        return self.store is None or not self.ui.periodEndCombo.count()

    def _close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def refresh(self) -> None:
        """Read the store again (after an import or a change of store) in a task, then update
        everything. Errors show in the dock and the message bar; the dock stays usable."""
        self._close_store()
        self._forget_compare_areas()   # its neighbourhoods may have changed
        path = self.store_path()
        self._change_store_action.setEnabled(not settings.STORE_PATH.overridden())
        self._team_store_action.setEnabled(not settings.STORE_PATH.overridden())
        self.ui.storeSummaryLabel.setToolTip(shown_name(path))
        self.ui.storeSummaryLabel.setText(tr("Opening {}…").format(shown_name(path)))
        if self._open_task is not None:
            self._open_task.loaded.disconnect(self._on_store_loaded)
            self._open_task.cancel()
        state = saved_state()
        first = (state.get("level") or FORCE, state.get("category") or categories.ALL_CRIME, state.get("end"),
                 int(state.get("length") or 3), state.get("baseline") if state.get("baseline") in
                 (SAME_PERIOD_LAST_YEAR, PREVIOUS_PERIOD) else SAME_PERIOD_LAST_YEAR)
        task = OpenStoreTask(path, first)
        task.loaded.connect(self._on_store_loaded)
        self._open_task = task
        QgsApplication.taskManager().addTask(task)

    def _on_store_loaded(self, info) -> None:
        if self.sender() is not self._open_task:
            return   # an older opening, overtaken by a newer one
        self._open_task = None
        try:
            self._show_store(info)
        except Exception as exc:  # noqa: BLE001 - whatever the store holds, the dock stays up and says why
            self._store_failed(f"{info.path}: {type(exc).__name__}: {exc}")
        self.storeLoaded.emit()

    def _store_failed(self, error: str) -> None:
        self._close_store()
        self.ui.storeSummaryLabel.setText(tr("The store cannot be read: {}").format(error))
        log(tr("The store cannot be read: {}").format(error), CRITICAL, bar=True)
        self._show_empty(True)

    def _show_store(self, info) -> None:
        path = info.path
        if info.error:
            self._store_failed(info.error)
            return
        if not info.exists or not info.months:
            self.ui.storeSummaryLabel.setText(tr("Store: {} (empty)").format(shown_name(path)))
            self._show_empty(True)
            return
        if info.upgraded:
            log(tr("{}: upgraded ({})").format(shown_name(path), "; ".join(info.upgraded)), bar=True)
        self.store = open_user_store(path, create=False)   # quick now: the task brought it up to date
        self.has_neighbourhoods = info.has_neighbourhoods
        self.store_months = list(info.months)
        summary = info.summary
        forces_text = (tr("1 force") if summary.forces == 1 else tr("{} forces").format(summary.forces))
        self.ui.storeSummaryLabel.setText(tr("<b>{crimes}</b> crimes · {forces} · {first} to {last}").format(
            crimes=f"{summary.crimes:,}", forces=forces_text, first=summary.first_month, last=summary.last_month))
        self._show_empty(False)
        self._loading = True
        combo = self.ui.periodEndCombo
        previous = combo.currentData()
        combo.clear()
        for month in reversed(info.months):   # "Dec 2025": the whole name fits the narrow box; in the tooltip
            combo.addItem(Period(month, 1).short_label(), month)
            combo.setItemData(combo.count() - 1, Period(month, 1).label(), Qt.ItemDataRole.ToolTipRole)
        self._loading = False
        if info.first is not None:
            c = info.first
            self._prefetched = ((c.level, c.category, c.period.end, c.period.length, c.baseline_kind), c)
        state = saved_state()
        if self.pending_go is not None:
            state = self._went_to(state, info.months)
        self.restore_state(state, fallback_end=previous)
        if self.zoom_pending:
            self.zoom_to_forces(self.zoom_pending)
            self.zoom_pending = []

    def _show_empty(self, empty: bool) -> None:
        self.ui.emptyFrame.setVisible(empty)
        for w in (self.ui.compareGroup, self.ui.titleLabel, self.ui.viewTabs,
                  self.ui.copyButton, self.ui.exportButton, self.ui.briefingButton):
            w.setVisible(not empty)
