"""CrimeMapDock: the Crime Map at the analyst's fingertips.

Controls (object names are part of the interface): areaLevelCombo, categoryCombo, periodEndCombo,
periodLengthSpin, baselineCombo, compareAreaCombo, resultsTable. Every change recomputes the
comparison from the store's aggregate tables and updates the table, the trend and the map layer
(updated in place, never a new layer per change).
"""

import time
from pathlib import Path

from qgis.core import QgsProject
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QTabWidget, QVBoxLayout, QWidget

from ..core import categories, forces, periods
from ..core.classify import MAP_MEASURES, MEASURES
from ..core.compare import FORCE, NEIGHBOURHOOD, compare, monthly_trend
from ..core.errors import CrimeMapError
from ..core.periods import PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR, Period
from ..i18n import tr, tr_noop
from ..log import CRITICAL, log
from ..stores import shown_name
from . import results
from .collector import collector_paused
from .dock_actions import DockActions
from .dock_map import DockMap
from .dock_state import DockState
from .dock_store import DockStore
from .dock_view import AREA, view
from .highlight import Highlight
from .trend import TrendChart
from .view_context import context_from

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("dock.ui")))

LEVEL_ITEMS = ((FORCE, tr_noop("Forces")), (NEIGHBOURHOOD, tr_noop("Neighbourhoods")))
LEVEL_PROPERTY = "crimemap/level"
# Short, to fit the dock at a laptop's size; the title under the controls says it in full.
BASELINE_ITEMS = ((SAME_PERIOD_LAST_YEAR, tr_noop("A year before")),
                  (PREVIOUS_PERIOD, tr_noop("Period before")), (AREA, tr_noop("Another area")))
BASELINE_TIPS = {SAME_PERIOD_LAST_YEAR: tr_noop("The same months a year earlier (seasons alike)"),
                 PREVIOUS_PERIOD: tr_noop("As many months, just before the period"),
                 AREA: tr_noop("Another area over the same months, by crimes per 1,000 residents")}
# The category names as police.uk writes them (core/categories.py), marked for translation here.
CATEGORY_NAMES = (
    tr_noop("All crime"), tr_noop("Anti-social behaviour"), tr_noop("Bicycle theft"), tr_noop("Burglary"),
    tr_noop("Criminal damage and arson"), tr_noop("Drugs"), tr_noop("Other theft"),
    tr_noop("Possession of weapons"), tr_noop("Public order"), tr_noop("Robbery"), tr_noop("Shoplifting"),
    tr_noop("Theft from the person"), tr_noop("Vehicle crime"), tr_noop("Violence and sexual offences"),
    tr_noop("Other crime"),
)
TREND_MONTHS = 36
AREA_COLUMN_PX = 110
MEASURED_TEXTS = 12    # of a column's first rows, the longest that set its width


def category_items():
    """'All crime' first, then the 2009 headline groups, then every other police.uk category."""
    order = list(categories.HEADLINE) + [s for s in categories.CATEGORIES if s not in categories.HEADLINE]
    return [(slug, tr(categories.label(slug))) for slug in order]


class DockContents(FORM_CLASS, QWidget):
    """The widgets of dock.ui."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)


class CrimeMapDock(DockActions, DockState, DockStore, DockMap, QDockWidget):
    storeChanged = pyqtSignal(str)
    storeLoaded = pyqtSignal()                      # the store was (re)read, or could not be
    closed = pyqtSignal()                           # the user closed the dock (its close button)
    updated = pyqtSignal()
    briefingRequested = pyqtSignal(str, str, str)   # store, force, neighbourhood id ("" = the force)

    def __init__(self, iface=None, parent=None):
        super().__init__(tr("Crime Map"), parent)
        self.setObjectName("CrimeMapDock")
        self.iface = iface
        self.ui = DockContents()
        self.setWidget(self.ui)
        self.task = None
        self.store = None
        self.comparison = None
        self.selected_code = None
        self.last_update_ms = None
        self._shown_once = False
        self._ready = False
        self._loading = False
        self._open_task = None
        self._prefetched = None     # (controls key, comparison) made by the opening task
        self.has_neighbourhoods = False
        self.pending_go = None      # (month, forces) to show once the store is read again (after an import)
        self.zoom_pending = []      # forces the map moves to then
        self.store_months = []
        self.shown = None
        self.highlight = Highlight(iface.mapCanvas() if iface is not None else None)
        self.trend = TrendChart(self.ui.trendPlaceholder)
        QVBoxLayout(self.ui.trendPlaceholder).addWidget(self.trend)
        self.ui.trendPlaceholder.layout().setContentsMargins(0, 0, 0, 0)
        self._build_views()
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
            ui.baselineCombo.setItemData(ui.baselineCombo.count() - 1, tr(BASELINE_TIPS[value]),
                                         Qt.ItemDataRole.ToolTipRole)
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
        ui.resultsTable.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by area until the user picks a column
        ui.resultsTable.horizontalHeader().setStretchLastSection(False)
        # Column widths from the first rows only: thousands of neighbourhoods would cost a measure each.
        ui.resultsTable.horizontalHeader().setResizeContentsPrecision(200)
        # Compact rows, and the table gets most of the height the dock has (the trend the rest).
        ui.resultsTable.verticalHeader().setDefaultSectionSize(ui.resultsTable.fontMetrics().height() + 6)
        ui.resultsSplitter.setStretchFactor(0, 3)
        ui.resultsSplitter.setStretchFactor(1, 2)
        ui.resultsSplitter.setSizes([300, 160])
        ui.compareLayout.setColumnStretch(1, 1)   # the two columns of choices share the width alike
        ui.compareLayout.setColumnStretch(3, 1)


    def _build_views(self) -> None:
        """The comparison (table and trend) and, as tabs beside it, where crime concentrates, what
        happened to the crimes and stop and search, for the area and period chosen: each view works
        only while its tab is shown, and again only when what is chosen changes."""
        from .outcomes_view import OutcomesView
        from .stopsearch_view import StopSearchView
        from .where_view import WhereView
        layout = self.ui.mainLayout
        index = layout.indexOf(self.ui.resultsSplitter)
        tabs = QTabWidget(self.ui)
        tabs.setObjectName("viewTabs")
        tabs.setDocumentMode(True)
        layout.removeWidget(self.ui.resultsSplitter)
        tabs.addTab(self.ui.resultsSplitter, tr("Compare"))
        self.views = [WhereView(tabs), OutcomesView(tabs), StopSearchView(tabs)]
        for page, title in zip(self.views, (tr("Where"), tr("Outcomes"), tr("Stop and search"))):
            tabs.addTab(page, title)
        layout.insertWidget(index, tabs, 1)
        tabs.currentChanged.connect(lambda _index: self._update_view())
        self.ui.viewTabs = tabs

    def _update_view(self) -> None:
        """The view of the tab shown, for what the dock shows now (nothing to do when unchanged)."""
        tabs = self.ui.viewTabs
        page = tabs.currentWidget()
        if page not in self.views or not self.isVisible():
            return
        context = context_from(self) if self.store is not None else None
        if context is None:
            page.clear(tr("Choose an area and a period above."))
        elif context != getattr(page, "context", None):
            page.show_for(context)

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

    def _forget_compare_areas(self) -> None:
        """Fill the areas "Another area" offers again when next needed."""
        self.ui.compareAreaCombo.setProperty(LEVEL_PROPERTY, None)

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
        ui.resultsTable.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
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
        self.highlight.clear()
        for v in self.views:
            v.clear("")   # drops any work under way
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
        with collector_paused():
            updated = self._update_comparison()
        if updated:
            self._update_view()
            self.updated.emit()

    def _update_comparison(self) -> bool:
        started = time.perf_counter()
        self._fill_compare_areas(self.ui.areaLevelCombo.currentData())
        c = self.controls()
        area_mode = c["baseline"] == AREA
        self.ui.compareAreaCombo.setVisible(area_mode)
        self.ui.compareAreaLabel.setVisible(area_mode)
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
            return False
        except Exception as exc:  # noqa: BLE001 - a damaged store must not raise out of a Qt slot
            log(tr("The comparison failed: {}").format(f"{type(exc).__name__}: {exc}"), CRITICAL, bar=True)
            return False
        self.comparison = comparison
        self.shown = shown = view(comparison, c, self.selected_code)
        self._sync_measure(shown)
        self.ui.titleLabel.setText(shown.title)
        self.results.set_rows(shown.rows, keep_order=shown.area_mode, tested=comparison.tested)
        self._fit_columns(shown)
        self._update_map(comparison, shown.measure)
        self._update_trend()
        self._highlight_selected(zoom=False)
        self.ui.briefingButton.setEnabled(shown.selected is not None and not shown.area_mode)
        self.save_state()
        self.last_update_ms = (time.perf_counter() - started) * 1000.0
        return True

    def _sync_measure(self, shown) -> None:
        """Map shows what the map shows: against another area there is no change to map, so the
        change measure is not offered and the combo says which rate is drawn."""
        combo = self.ui.measureCombo
        item = combo.model().item(combo.findData("change_pct"))
        item.setEnabled(not shown.area_mode)
        if combo.currentData() != shown.measure:
            was, self._loading = self._loading, True
            combo.setCurrentIndex(combo.findData(shown.measure))
            self._loading = was

    def _fit_columns(self, shown) -> None:
        """Each column as wide as its values (the first rows: thousands of neighbourhoods would cost a
        measure each) or its header's longest line, the area column capped (long names are elided):
        the area, crimes, change % and the test fit the dock's width."""
        table = self.ui.resultsTable
        metrics = table.fontMetrics()
        header = table.horizontalHeader()
        head_metrics = header.fontMetrics()
        model = self.results
        rows = range(min(model.rowCount(), 200))
        for c, key in enumerate(results.KEYS):
            hidden = key in shown.hidden_columns
            table.setColumnHidden(c, hidden)
            if hidden:
                continue
            # The longest texts only: a font's digits share one width, and a measure costs.
            longest = sorted({model.text(r, c) for r in rows}, key=lambda text: (len(text), text))[-MEASURED_TEXTS:]
            cells = max([metrics.horizontalAdvance(text) for text in longest] or [0])
            heading = str(model.headerData(c, Qt.Orientation.Horizontal))
            title = max(head_metrics.horizontalAdvance(line) for line in heading
                        .split("\n"))
            width = max(cells, title) + metrics.averageCharWidth() * 3 // 2 + (
                12 if c == header.sortIndicatorSection() else 0)
            header.resizeSection(c, min(width, AREA_COLUMN_PX) if key == "area" else width)

    def _update_trend(self) -> None:
        shown = self.shown
        if shown is None or shown.selected is None:
            self.trend.set_data([], [], [], [], tr("No area with data in this period"))
            return
        comparison = shown.comparison
        code = shown.selected
        area = forces.by_area_code(code).slug if comparison.level == FORCE else code
        end = periods.parse(comparison.period.end)
        first = periods.parse(self.store_months[0]) if self.store_months else end
        months = [periods.fmt(n) for n in range(max(end - TREND_MONTHS + 1, first), end + 1)]
        trend = monthly_trend(self.store, comparison.level, area, comparison.category, months)
        values = list(trend.values)
        # Only the months the store covers for this area: none of the years before its data starts.
        first = next((i for i, v in enumerate(values) if v is not None), len(values))
        months, values = months[first:], values[first:]
        baseline = [] if shown.area_mode else comparison.baseline.months
        self.trend.set_data(months, values, comparison.period.months, baseline,
                            f"{results.short_name(shown.names[code])} · {tr(categories.label(comparison.category))}",
                            partial=trend.partial)

    def _current_code(self):
        """The area the trend and the briefing are about (one source: the view shown)."""
        return self.shown.selected if self.shown is not None else None

    def _on_row_selected(self, *_args) -> None:
        rows = self.ui.resultsTable.selectionModel().selectedRows()
        if not rows or self.shown is None:
            return
        code = rows[0].data(results.CODE_ROLE)
        if self.shown.area_mode or code not in self.shown.with_data:
            return
        self.selected_code = code
        with collector_paused():
            self.shown = view(self.comparison, self.controls(), code)
            self._update_trend()
            self.save_state()
            self._highlight_selected(zoom=True)
        self._update_view()

    def closeEvent(self, event):  # noqa: N802
        self.closed.emit()
        super().closeEvent(event)
