"""CrimeMapDock: the Crime Map at the analyst's fingertips.

Controls (object names are part of the interface): areaLevelCombo, categoryCombo, periodEndCombo,
periodLengthSpin, baselineCombo, compareAreaCombo, resultsTable. Every change recomputes the
comparison from the store's aggregate tables and updates the table, the trend and the map layer
(updated in place, never a new layer per change).
"""

import time
from pathlib import Path

from qgis.core import QgsApplication, QgsFeatureRequest, QgsProject
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QVBoxLayout, QWidget

from .. import settings
from ..core import categories, forces
from ..core.classify import MAP_MEASURES, MEASURES
from ..core.compare import FORCE, NEIGHBOURHOOD, compare, monthly_trend
from ..core.errors import CrimeMapError
from ..core.periods import PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR, Period
from ..i18n import tr, tr_noop
from ..layers.boundaries import comparison_areas, ensure_force_areas
from ..layers.common import add_to_group, find_layer
from ..layers.comparison import ROLE as COMPARISON_ROLE
from ..layers.comparison import update_layer, write_layer
from ..log import CRITICAL, log
from ..stores import beside, open_user_store, shown_name
from . import results
from .dock_actions import DockActions
from .dock_state import DockState, saved_state
from .store_task import OpenStoreTask
from .trend import TrendChart

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("dock.ui")))

AREA = "area"
LEVEL_ITEMS = ((FORCE, tr_noop("Police force areas")), (NEIGHBOURHOOD, tr_noop("Neighbourhoods")))
LEVEL_PROPERTY = "crimemap/level"
BASELINE_ITEMS = ((SAME_PERIOD_LAST_YEAR, tr_noop("Same period last year")),
                  (PREVIOUS_PERIOD, tr_noop("Previous period")), (AREA, tr_noop("Another area")))
# The category names as police.uk writes them (core/categories.py), marked for translation here.
CATEGORY_NAMES = (
    tr_noop("All crime"), tr_noop("Anti-social behaviour"), tr_noop("Bicycle theft"), tr_noop("Burglary"),
    tr_noop("Criminal damage and arson"), tr_noop("Drugs"), tr_noop("Other theft"),
    tr_noop("Possession of weapons"), tr_noop("Public order"), tr_noop("Robbery"), tr_noop("Shoplifting"),
    tr_noop("Theft from the person"), tr_noop("Vehicle crime"), tr_noop("Violence and sexual offences"),
    tr_noop("Other crime"),
)
TREND_MONTHS = 36


def category_items():
    """'All crime' first, then the 2009 headline groups, then every other police.uk category."""
    order = list(categories.HEADLINE) + [s for s in categories.CATEGORIES if s not in categories.HEADLINE]
    return [(slug, tr(categories.label(slug))) for slug in order]


class DockContents(FORM_CLASS, QWidget):
    """The widgets of dock.ui."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)


class CrimeMapDock(DockActions, DockState, QDockWidget):
    storeChanged = pyqtSignal(str)
    storeLoaded = pyqtSignal()                      # the store was (re)read, or could not be
    updated = pyqtSignal()
    briefingRequested = pyqtSignal(str, str, str)   # store, force, neighbourhood id ("" = the force)

    def __init__(self, iface=None, parent=None):
        super().__init__("Crime Map", parent)
        self.setObjectName("CrimeMapDock")
        self.iface = iface
        self.ui = DockContents()
        self.setWidget(self.ui)
        self.task = None
        self.store = None
        self.comparison = None
        self.selected_code = None
        self._default_code = None
        self.last_update_ms = None
        self._shown_once = False
        self._ready = False
        self._loading = False
        self._open_task = None
        self._prefetched = None     # (controls key, comparison) made by the opening task
        self.has_neighbourhoods = False
        self.trend = TrendChart(self.ui.trendPlaceholder)
        QVBoxLayout(self.ui.trendPlaceholder).addWidget(self.trend)
        self.ui.trendPlaceholder.layout().setContentsMargins(0, 0, 0, 0)
        self._build_controls()
        self._connect()
        # Nothing is read from the store until the dock is first shown, and then in a task: the
        # plugin's start never waits on the store and never fails with it.
        self.ui.storeSummaryLabel.setText(tr("Store: {}").format(shown_name(self.store_path())))
        self._show_empty(True)

    # -- set-up ----------------------------------------------------------------------------------
    def _build_controls(self) -> None:
        ui = self.ui
        for value, text in LEVEL_ITEMS:
            ui.areaLevelCombo.addItem(tr(text), value)
        for value, text in category_items():
            ui.categoryCombo.addItem(text, value)
        ui.categoryCombo.insertSeparator(len(categories.HEADLINE))
        for value, text in BASELINE_ITEMS:
            ui.baselineCombo.addItem(tr(text), value)
        for value in MAP_MEASURES:
            ui.measureCombo.addItem(tr(MEASURES[value]), value)
        self._fill_compare_areas(FORCE)
        menu = QMenu(ui.storeMenuButton)
        menu.addAction(tr("Import data…"), self.choose_import)
        menu.addAction(tr("Load sample"), self.load_sample)
        menu.addAction(tr("Import neighbourhoods…"), self.import_neighbourhoods)
        menu.addSeparator()
        menu.addAction(tr("Show police force areas"), self.show_force_areas)
        self._change_store_action = menu.addAction(tr("Change store…"), self.choose_store)
        self._team_store_action = menu.addAction(tr("Use a team store (PostgreSQL)…"), self.choose_team_store)
        ui.storeMenuButton.setMenu(menu)
        self.results = results.ResultsModel(self)
        ui.resultsTable.setModel(self.results)
        ui.resultsTable.sortByColumn(0, Qt.AscendingOrder)  # by area until the user picks a column
        ui.resultsTable.horizontalHeader().setStretchLastSection(False)
        # Column widths from the first rows only: thousands of neighbourhoods would cost a measure each.
        ui.resultsTable.horizontalHeader().setResizeContentsPrecision(200)


    def _fill_compare_areas(self, level: str) -> None:
        """The areas "Another area" offers: the forces, or the stored neighbourhoods."""
        combo = self.ui.compareAreaCombo
        if combo.property(LEVEL_PROPERTY) == level:
            return
        was = self._loading
        self._loading = True
        combo.clear()
        if level == NEIGHBOURHOOD and self.store is not None:
            for row in self.store.neighbourhood_areas().itertuples(index=False):
                force = forces.BY_SLUG.get(row.force)
                combo.addItem(f"{row.area_name} ({results.short_name(force.name) if force else row.force})",
                              row.area_code)
        else:
            for force in forces.published():
                combo.addItem(results.short_name(force.name), forces.area_code(force.slug))
        combo.setProperty(LEVEL_PROPERTY, level)
        self._loading = was

    def _enable_levels(self) -> None:
        """Neighbourhoods are offered once the store holds some."""
        has = self.store is not None and self.has_neighbourhoods
        item = self.ui.areaLevelCombo.model().item(self.ui.areaLevelCombo.findData(NEIGHBOURHOOD))
        item.setEnabled(has)
        item.setToolTip("" if has else tr("Import a force's neighbourhoods first (store menu, or "
                                          "crimemap:importneighbourhoods in Processing)"))
        if not has and self.ui.areaLevelCombo.currentData() == NEIGHBOURHOOD:
            self.ui.areaLevelCombo.setCurrentIndex(0)

    def _connect(self) -> None:
        ui = self.ui
        for combo in (ui.areaLevelCombo, ui.categoryCombo, ui.periodEndCombo, ui.baselineCombo,
                      ui.compareAreaCombo, ui.measureCombo):
            combo.currentIndexChanged.connect(self.update_comparison)
        ui.periodLengthSpin.valueChanged.connect(self.update_comparison)
        ui.resultsTable.selectionModel().selectionChanged.connect(self._on_row_selected)
        ui.resultsTable.setContextMenuPolicy(Qt.CustomContextMenu)
        ui.resultsTable.customContextMenuRequested.connect(self.table_menu)
        ui.loadSampleButton.clicked.connect(self.load_sample)
        ui.importButton.clicked.connect(self.choose_import)
        ui.exportButton.clicked.connect(self.export_csv)
        ui.copyButton.clicked.connect(self.copy_table)
        ui.briefingButton.clicked.connect(self.request_briefing)
        self.visibilityChanged.connect(self._on_visibility)
        project = QgsProject.instance()
        project.readProject.connect(self._on_project_read)
        project.writeProject.connect(self._on_project_write)

    def teardown(self) -> None:
        """Undo what __init__ connected outside the dock (called by the plugin's unload)."""
        project = QgsProject.instance()
        project.readProject.disconnect(self._on_project_read)
        project.writeProject.disconnect(self._on_project_write)
        if self.task is not None:
            self.task.cancel()
        if self._open_task is not None:
            self._open_task.loaded.disconnect(self._on_store_loaded)
            self._open_task.cancel()
            self._open_task = None
        self._close_store()

    # -- store -----------------------------------------------------------------------------------
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
        self.ui.compareAreaCombo.setProperty(LEVEL_PROPERTY, None)  # its neighbourhoods may have changed
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
        summary = info.summary
        forces_text = (tr("1 force") if summary.forces == 1 else tr("{} forces").format(summary.forces))
        self.ui.storeSummaryLabel.setText(tr("<b>{crimes}</b> crimes · {forces} · {first} to {last}").format(
            crimes=f"{summary.crimes:,}", forces=forces_text, first=summary.first_month, last=summary.last_month))
        self._show_empty(False)
        self._loading = True
        combo = self.ui.periodEndCombo
        previous = combo.currentData()
        combo.clear()
        for month in reversed(info.months):
            combo.addItem(Period(month, 1).label(), month)
        self._loading = False
        if info.first is not None:
            c = info.first
            self._prefetched = ((c.level, c.category, c.period.end, c.period.length, c.baseline_kind), c)
        self.restore_state(saved_state(), fallback_end=previous)

    def _show_empty(self, empty: bool) -> None:
        self.ui.emptyFrame.setVisible(empty)
        for w in (self.ui.compareGroup, self.ui.titleLabel, self.ui.resultsTable, self.ui.trendPlaceholder,
                  self.ui.copyButton, self.ui.exportButton, self.ui.briefingButton):
            w.setVisible(not empty)

    # -- the comparison ----------------------------------------------------------------------------
    def controls(self) -> dict:
        ui = self.ui
        return {"level": ui.areaLevelCombo.currentData(), "category": ui.categoryCombo.currentData(),
                "end": ui.periodEndCombo.currentData(), "length": ui.periodLengthSpin.value(),
                "baseline": ui.baselineCombo.currentData(), "compare_area": ui.compareAreaCombo.currentData(),
                "measure": ui.measureCombo.currentData(), "selected": self.selected_code}

    def update_comparison(self, *_args) -> None:
        if self._loading or self.store is None or self.ui.periodEndCombo.currentData() is None:
            return
        started = time.perf_counter()
        self._fill_compare_areas(self.ui.areaLevelCombo.currentData())
        c = self.controls()
        area_mode = c["baseline"] == AREA
        self.ui.compareAreaCombo.setEnabled(area_mode)
        self.ui.compareAreaLabel.setEnabled(area_mode)
        try:
            period = Period(c["end"], c["length"])
            baseline = SAME_PERIOD_LAST_YEAR if area_mode else c["baseline"]
            key = (c["level"], c["category"], period.end, period.length, baseline)
            prefetched, self._prefetched = self._prefetched, None
            if prefetched is not None and prefetched[0] == key:
                comparison = prefetched[1]
            else:
                comparison = compare(self.store, c["level"], c["category"], period, baseline)
        except (CrimeMapError, ValueError) as exc:
            log(str(exc), CRITICAL, bar=True)
            return
        except Exception as exc:  # noqa: BLE001 - a damaged store must not raise out of a Qt slot
            log(tr("The comparison failed: {}").format(f"{type(exc).__name__}: {exc}"), CRITICAL, bar=True)
            return
        self.comparison = comparison
        rows = comparison.records()
        self._default_code = self._default_area(rows)
        measure = c["measure"]
        if area_mode:
            first = self._current_code()
            rows = [r for r in rows if r["area_code"] in (first, c["compare_area"])]
            rows.sort(key=lambda r: r["area_code"] != first)
            self.ui.titleLabel.setText(self._area_title(rows, comparison))
            if measure == "change_pct":
                measure = "rate_per_1000"
        else:
            self.ui.titleLabel.setText(f"<b>{comparison.title()}</b>" + self._not_on_map(comparison))
        self.results.set_rows(rows, keep_order=area_mode, tested=comparison.tested)  # area mode: chosen first
        table = self.ui.resultsTable
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        header.resizeSection(0, min(header.sectionSize(0), 160))  # long neighbourhood names are elided
        self._update_map(comparison, measure)
        self._update_trend()
        self.save_state()
        self.last_update_ms = (time.perf_counter() - started) * 1000.0
        self.updated.emit()

    @staticmethod
    def _not_on_map(comparison) -> str:
        """A line naming the compared forces with data that the map cannot draw."""
        if comparison.level != FORCE:
            return ""
        rows = comparison.rows
        held = rows[~rows["force"].map(forces.has_area) & (rows["current"].notna() | rows["baseline"].notna()
                                                           | (rows["partial_months"] != ""))]
        if held.empty:
            return ""
        names = ", ".join(results.short_name(n) for n in held["area_name"])
        return "<br><small>" + tr("In the table, not on the map (no area boundary): {}").format(names) + "</small>"

    @staticmethod
    def _default_area(rows) -> str:
        complete = [r for r in rows if r["complete"]]
        pick = max(complete or rows, key=lambda r: -1 if r["current"] is None else r["current"])
        return pick["area_code"]

    @staticmethod
    def _area_title(rows, comparison) -> str:
        if len(rows) < 2:
            return f"<b>{comparison.period.label()}</b>: choose two different areas"
        a, b = rows[0], rows[1]
        text = f"<b>{results.short_name(a['area_name'])} against {results.short_name(b['area_name'])}</b>, " \
               f"{categories.label(comparison.category).lower()}, {comparison.period.label()}"
        ra, rb = a["rate_per_1000"], b["rate_per_1000"]
        if ra is not None and rb:
            text += f": {ra / rb:.2f} times the rate per 1,000 residents"
        return text

    def comparison_path(self, level: str = FORCE) -> str:
        """The comparison layer's GeoPackage, beside the store (one per level, so switching levels
        never overwrites a file a layer being drawn still has open)."""
        suffix = "" if level == FORCE else f"_{level}"
        return str(beside(self.store_path(), f"_comparison{suffix}.gpkg"))

    def _update_map(self, comparison, measure: str) -> None:
        # Nothing goes into the project before QGIS has finished starting and the dock is shown.
        if not self._ready or not self._shown_once:
            return
        project = QgsProject.instance()
        layer = find_layer(COMPARISON_ROLE, project)
        path = self.comparison_path(comparison.level)
        if layer is not None and (not layer.isValid() or layer.featureCount() == 0
                                  or Path(layer.source().split("|")[0]) != Path(path)):
            # Another level or another store: other areas, so a new layer.
            if self.iface is not None:
                self.iface.mapCanvas().waitWhileRendering()
            project.removeMapLayer(layer.id())
            layer = None
        if layer is None:
            try:
                areas, code_field = comparison_areas(comparison.level, self.store_path())
                layer = write_layer(comparison, areas, code_field, path, measure)
            except RuntimeError as exc:
                log(str(exc), CRITICAL, bar=True)
                return
            add_to_group(layer, COMPARISON_ROLE, project, position=0)
        else:
            update_layer(layer, comparison, measure)  # renames it to the new legend title too

    def _update_trend(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        names = dict(zip(comparison.rows["area_code"], comparison.rows["area_name"]))
        code = self._current_code()
        if code not in names:
            return
        area = forces.by_area_code(code).slug if comparison.level == FORCE else code
        end = comparison.period.end
        months = Period(end, TREND_MONTHS).months
        trend = monthly_trend(self.store, comparison.level, area, comparison.category, months)
        baseline = [] if self.ui.baselineCombo.currentData() == AREA else comparison.baseline.months
        self.trend.set_data(months, trend.values, comparison.period.months, baseline,
                            f"{results.short_name(names[code])} · {categories.label(comparison.category)} · "
                            f"crimes a month", partial=trend.partial)

    def _current_code(self):
        """The selected area where it belongs to the shown level, else the default one."""
        if self.comparison is not None and self.selected_code in set(self.comparison.rows["area_code"]):
            return self.selected_code
        return self._default_code

    def _on_row_selected(self, *_args) -> None:
        rows = self.ui.resultsTable.selectionModel().selectedRows()
        if not rows:
            return
        code = rows[0].data(results.CODE_ROLE)
        if self.ui.baselineCombo.currentData() == AREA:
            return
        self.selected_code = code
        self._update_trend()
        self.save_state()
        layer = find_layer(COMPARISON_ROLE)
        if layer is not None:
            ids = [f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterExpression(
                f"\"area_code\" = '{code}'"))]
            layer.selectByIds(ids)
            if self.iface is not None and ids:
                self.iface.mapCanvas().zoomToSelected(layer)

    # -- first showing: force areas ----------------------------------------------------------------
    def set_ready(self) -> None:
        """QGIS has finished starting (its start-up project exists): layers may be added now."""
        self._ready = True
        self._on_visibility(self.isVisible())

    def _on_visibility(self, visible: bool) -> None:
        if visible and self._ready and not self._shown_once:
            self._shown_once = True
            # Showing the dock is not an edit of the user's project: keep a clean project clean.
            project = QgsProject.instance()
            was_dirty = project.isDirty()
            self.show_force_areas()
            self.refresh()
            if not was_dirty:
                project.setDirty(False)

    def show_force_areas(self) -> None:
        try:
            ensure_force_areas(QgsProject.instance())
        except RuntimeError as exc:
            log(str(exc), CRITICAL, bar=True)
