"""What the dock's menu and buttons do: change the store, import data or neighbourhoods, export or copy
the table, ask for a briefing."""

from pathlib import Path

from qgis.core import QgsApplication, QgsExpression, QgsFeatureRequest, QgsGeometry, QgsRectangle
from qgis.PyQt.QtWidgets import QApplication, QFileDialog, QInputDialog, QMenu, QMessageBox

from .. import settings
from ..core import forces, periods
from ..core.compare import FORCE, area_force
from ..core.coverage import WHOLE
from ..core.errors import CrimeMapError
from ..core.periods import Period
from ..i18n import tr
from ..layers.boundaries import ROLE as FORCE_AREAS_ROLE
from ..layers.common import find_layer
from ..log import CRITICAL, log
from ..stores import saved_connection_names
from . import results
from .import_task import ImportTask, sample_path


class DockActions:
    """Mixed into CrimeMapDock: needs ui, results, store_path(), refresh(), _close_store(), the
    signals storeChanged and briefingRequested, and the comparison shown."""

    def choose_store(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Crime Map store"), self.store_path(), "GeoPackage (*.gpkg)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            if not path.lower().endswith(".gpkg"):
                path += ".gpkg"
            self.use_store(path)

    def choose_team_store(self) -> None:
        """A team's PostGIS store: one of the PostgreSQL connections saved in QGIS, or a URI."""
        names = saved_connection_names()
        current = self.store_path()
        choices = names + [tr("Another (postgresql:// URI)…")]
        chosen, ok = QInputDialog.getItem(
            self, tr("Team store on PostgreSQL"),
            tr("A PostgreSQL connection saved in QGIS (Data Source Manager ▸ PostgreSQL); its store is in schema "
               "crimemap:"), choices, names.index(current) if current in names else 0, False)
        if not ok:
            return
        if chosen == choices[-1]:
            chosen, ok = QInputDialog.getText(self, tr("Team store on PostgreSQL"),
                                              tr("postgresql://user@host:5432/database?schema=crimemap"))
            if not ok or not chosen.strip():
                return
        self.use_store(chosen.strip())

    def use_store(self, spec: str) -> None:
        settings.STORE_PATH.set_value(spec)
        self.refresh()
        self.storeChanged.emit(spec)

    def import_neighbourhoods(self) -> None:
        """Processing's dialog for crimemap:importneighbourhoods, on this store; the dock re-reads the
        store when it closes."""
        import processing
        self._close_store()
        try:
            processing.execAlgorithmDialog("crimemap:importneighbourhoods", {"STORE": self.store_path()})
        finally:
            self.refresh()
            self.storeChanged.emit(self.store_path())
        self.show_neighbourhoods()

    def choose_import(self) -> None:
        """Files (several at once: CSV or zip archives) or a folder, from the place used last."""
        menu = QMenu(self)
        menu.addAction(tr("Files or archives (CSV, zip)…"), self.choose_import_files)
        menu.addAction(tr("A folder (searched through)…"), self.choose_import_folder)
        button = self.sender() if hasattr(self.sender(), "mapToGlobal") else self.ui.storeMenuButton
        menu.exec(button.mapToGlobal(button.rect().bottomLeft()))

    def choose_import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Import police.uk data"), settings.LAST_IMPORT_DIR.value(),
                                                tr("police.uk data (*.csv *.zip);;All files (*)"))
        if paths:
            settings.LAST_IMPORT_DIR.set_value(str(Path(paths[0]).parent))
            self.start_import(paths)

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Import a folder of police.uk data"),
                                                  settings.LAST_IMPORT_DIR.value())
        if folder:
            settings.LAST_IMPORT_DIR.set_value(str(Path(folder).parent))
            self.start_import(folder)

    def load_sample(self) -> ImportTask:
        return self.start_import(str(sample_path()))

    def start_import(self, path) -> ImportTask:
        if self.task is not None:
            log(tr("An import is already running."), bar=True)
            return self.task
        self._close_store()  # the import writes; the dock reopens the store when it is done
        task = ImportTask(path, self.store_path())
        task.progressChanged.connect(lambda value: self.ui.importProgress.setValue(int(value)))
        task.done.connect(lambda ok, task=task: self._on_import_done(task, ok))
        self.task = task
        self.ui.importProgress.setValue(0)
        self.ui.importProgress.setVisible(True)
        self.ui.importButton.setEnabled(False)
        self.ui.loadSampleButton.setEnabled(False)
        QgsApplication.taskManager().addTask(task)
        return task

    def _on_import_done(self, task, ok: bool) -> None:
        self.task = None
        self.ui.importProgress.setVisible(False)
        self.ui.importButton.setEnabled(True)
        self.ui.loadSampleButton.setEnabled(True)
        newest = task.newest_month()
        if newest:
            # Afterwards the dock shows the newest period of what was just imported, on its forces.
            self.go_to(newest, task.forces_imported())
        self.refresh()
        self.storeChanged.emit(self.store_path())

    def go_to(self, month: str, force_slugs) -> None:
        """After an import: once the store has been read again, the dock moves to the newest month of
        what was imported (its other choices kept; a shorter period when the store holds fewer months
        up to it), that force chosen when it was one, and the map to the imported forces' areas."""
        self.pending_go = (month, list(force_slugs))

    def _went_to(self, state: dict, store_months) -> dict:
        """`state` moved as go_to asked (called with the store's months when it has been read)."""
        month, force_slugs = self.pending_go
        self.pending_go = None
        state = dict(state, end=month)
        held = set(store_months)
        run, n = 0, periods.parse(month)
        while periods.fmt(n - run) in held:
            run += 1
        state["length"] = max(1, min(int(state.get("length") or 3), run))
        areas = [forces.area_code(f) for f in force_slugs if f in forces.BY_SLUG]
        if len(areas) == 1 and (state.get("level") or FORCE) == FORCE:
            state["selected"] = areas[0]
        self.zoom_pending = [f for f in force_slugs if forces.has_area(f)]
        return state

    def zoom_to_forces(self, force_slugs) -> bool:
        """The map canvas to the bundled areas of these forces (False when none is drawn)."""
        layer = find_layer(FORCE_AREAS_ROLE)
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if layer is None or canvas is None or not force_slugs:
            return False
        names = ", ".join(QgsExpression.quotedString(f) for f in force_slugs)
        box = QgsRectangle()
        for feature in layer.getFeatures(QgsFeatureRequest().setFilterExpression(f'"force" IN ({names})')):
            if feature.hasGeometry():
                box.combineExtentWith(feature.geometry().boundingBox())
        if box.isEmpty():
            return False
        self.highlight.zoom_to(QgsGeometry.fromRect(box), layer.crs(), margin=0.15)
        return True

    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export the table", "crime-comparison.csv", "CSV (*.csv)")
        if path:
            self.write_csv(path)

    def write_csv(self, path: str) -> None:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            fh.write(results.table_text(self.results, ","))

    def request_briefing(self) -> None:
        """A briefing for the selected area (or the one the trend shows)."""
        code = self._current_code()
        if self.comparison is None or not code:
            return
        if self.comparison.level == FORCE:
            force = forces.by_area_code(code)
            if force is not None:
                self.briefingRequested.emit(self.store_path(), force.slug, "")
        else:
            force, nid = code.split("/", 1)
            self.briefingRequested.emit(self.store_path(), force, nid)

    def copy_table(self) -> None:
        QApplication.clipboard().setText(results.table_text(self.results, "\t"))

    # -- the coverage audit from the table ---------------------------------------------------------
    def table_menu(self, pos) -> None:
        """Right-click on a row: mark a partial month of its force whole (or let the audit decide
        again), for the months of the comparison shown."""
        table = self.ui.resultsTable
        index = table.indexAt(pos)
        if self.comparison is None or self.store is None or not index.isValid():
            return
        code = index.data(results.CODE_ROLE)
        level = self.comparison.level
        force = forces.by_area_code(code).slug if level == FORCE else area_force(level, code)
        months = set(self.comparison.period.months) | set(self.comparison.baseline.months)
        audited = [fm for fm in self.store.coverage("street") if fm.force == force and fm.month in months]
        menu = QMenu(table)
        name = results.short_name(forces.BY_SLUG[force].name) if force in forces.BY_SLUG else force
        for fm in audited:
            month = Period(fm.month, 1).label()
            if fm.status == "partial":
                menu.addAction(tr("Treat {force}'s {month} as whole (the audit finds it partial: {rows:,} rows, "
                                  "about {expected:,.0f} expected)…").format(
                    force=name, month=month, rows=fm.rows, expected=fm.expected),
                    lambda fm=fm: self.mark_whole(fm, True))
            elif fm.status == WHOLE and fm.overridden:
                menu.addAction(tr("Let the audit decide {force}'s {month} again (marked whole)").format(
                    force=name, month=month), lambda fm=fm: self.mark_whole(fm, False))
        if not menu.actions():
            return
        menu.exec(table.viewport().mapToGlobal(pos))

    def mark_whole(self, fm, whole: bool, ask: bool = True) -> None:
        if ask and whole:
            answer = QMessageBox.question(
                self, tr("Mark a month whole"),
                tr("The coverage audit finds {force} {month} partial: {rows:,} rows against about {expected:,.0f} "
                   "expected from the months around it. Compare it as a whole month anyway? (Kept in the store; "
                   "you can take it back here.)").format(force=fm.force, month=fm.month, rows=fm.rows,
                                                        expected=fm.expected))
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.store.mark_whole(fm.kind, fm.force, fm.month, whole)
        except CrimeMapError as exc:
            log(str(exc), CRITICAL, bar=True)
            return
        self.update_comparison()
