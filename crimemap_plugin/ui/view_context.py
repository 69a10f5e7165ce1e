"""What the dock's views (Where, Outcomes, Stop and search) are shown, and the frame they share.

- `ViewContext`: the store, the area level, the selected area, the category, the period and the
  baseline, as the dock shows them; `context_from(dock)` builds it from the dock's own view of what
  is shown (read only).
- `AreaReach`: the selected area's polygons and the forces whose rows can lie in it, so that a view
  reads only those forces' rows, not the whole store.
- `ContextView`: the QWidget every view is: a message page ("Working…", "no data", errors in words)
  over the view's content, and its figures worked out in a QgsTask so the interface never waits;
  a newer `show_for()` supersedes an older one, whose result is dropped.
"""

from dataclasses import dataclass
from typing import Callable, List, Optional, Set, Tuple

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QEvent, QObject, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ..core import categories, forces
from ..core import hotspots as hs
from ..core.compare import FORCE, NEIGHBOURHOOD
from ..core.errors import CrimeMapError
from ..core.periods import Period, fmt, parse
from ..i18n import tr
from ..log import CRITICAL, log
from ..stores import resolve_store
from .results import short_name

AREA_BASELINE = "area"   # the dock's baseline choice "another area" (dock_view.AREA): no baseline period


@dataclass(frozen=True)
class ViewContext:
    store_spec: str                  # the store as the user names it (path, URI or saved connection)
    level: str                       # "force" or "neighbourhood"
    area_code: Optional[str]         # ONS code of a force (forces.by_area_code), or "force/id"
    area_name: str
    force: Optional[str]             # police.uk id of the area's force
    category: str                    # an API slug, or all-crime
    period: Period
    baseline: Optional[Period]       # None when the dock compares with another area

    @property
    def neighbourhood_id(self) -> Optional[str]:
        if self.level != NEIGHBOURHOOD or not self.area_code or "/" not in self.area_code:
            return None
        return self.area_code.split("/", 1)[1]

    def force_name(self) -> str:
        """The area's force as police.uk names it ('City of London Police')."""
        force = forces.BY_SLUG.get(self.force or "")
        return force.name if force else (self.force or "")

    def area_label(self) -> str:
        """The area in a few words: 'City of London', 'St Marks (Gloucestershire)'."""
        name = short_name(self.area_name or self.area_code or "")
        if self.level == NEIGHBOURHOOD and self.force:
            return f"{name} ({short_name(self.force_name())})"
        return name

    def category_label(self) -> str:
        return tr(categories.label(self.category))


def _force_of(level: str, code: Optional[str]) -> Optional[str]:
    if not code:
        return None
    if level == FORCE:
        force = forces.by_area_code(code)
        return force.slug if force else None
    return code.split("/", 1)[0] if "/" in code else None


def context_from(dock) -> Optional[ViewContext]:
    """The context the dock shows now (None before it has compared anything). Reads dock.shown,
    dock.controls() and dock.store_path(); changes nothing."""
    shown = getattr(dock, "shown", None)
    if shown is None:
        return None
    controls = dock.controls()
    comparison = shown.comparison
    code = shown.selected
    baseline = None if controls.get("baseline") == AREA_BASELINE or shown.area_mode else comparison.baseline
    return ViewContext(store_spec=str(dock.store_path()), level=comparison.level, area_code=code,
                       area_name=shown.names.get(code, code or "") if code else "",
                       force=_force_of(comparison.level, code), category=comparison.category,
                       period=comparison.period, baseline=baseline)


# -- the area's reach ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AreaReach:
    """The selected area as the views read it."""
    polygons: List[list]             # hotspots.Polygon parts in EPSG:27700 (point-in-area tests)
    rings: List[list]                # the same in WGS84, as the store keeps neighbourhoods (None for a force)
    read: Tuple[str, ...]            # forces whose rows can lie in the area


def area_reach(store, context: ViewContext) -> AreaReach:
    """The area's polygons and the forces to read: for a force its bundled area, for a neighbourhood
    its stored boundary; read are the forces whose bundled area comes near it, British Transport
    Police and Northern Ireland (no bundled area), as crimemap:hotspots and crimemap:concentration
    read them. CrimeMapError when the area is not known."""
    from ..processing import force_geometry
    if context.level == FORCE:
        areas = force_geometry.force_area_geometries()
        if context.force not in areas:
            raise CrimeMapError(tr("{} has no bundled boundary").format(context.force_name()))
        polygons = force_geometry.polygons_of(areas[context.force])
        rings: List[list] = []
    else:
        found = store.neighbourhood_polygons(context.force, only={context.neighbourhood_id}) \
            if context.force and context.neighbourhood_id else []
        if not found:
            raise CrimeMapError(tr("The store holds no neighbourhood {}: import the force's neighbourhoods "
                                   "first").format(context.area_code))
        rings = [r for _, _, r in found]
        polygons = [[hs.to_bng(lon, lat) for lon, lat in part] for part in rings]
    read: Set[str] = set(force_geometry.forces_near(polygons)) | set(force_geometry.NO_AREA_FORCES)
    if context.force:
        read.add(context.force)
    return AreaReach(polygons, rings, tuple(sorted(read)))


def months_words(months) -> str:
    """'Jan–Mar 2023, Jun 2023' for a list of months (runs of months as one period)."""
    numbers = sorted({parse(m) for m in months})
    runs: List[List[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(Period(fmt(b), b - a + 1).short_label() for a, b in runs)


def gap_words(what: str, force_name: str, missing, partial) -> str:
    """'' when nothing is missing; else a plain sentence: "No data: the store has no street crimes of
    Kent for Dec 2018." (missing months), or that a partial submission keeps the figures back."""
    if missing:
        return tr("No data: the store has no {what} of {force} for {months}.").format(
            what=what, force=force_name, months=months_words(missing))
    if partial:
        return tr("Partial data: {force} published only part of its {what} for {months}, so no figures are "
                  "shown (a partial month would read as a fall).").format(
            what=what, force=force_name, months=months_words(partial))
    return ""


def open_read_only(spec: str):
    """The store, opened read only (in the thread that reads it: a database connection stays in its
    thread). `spec` is already resolved (resolve_store) on the main thread."""
    from ..core.store import open_store
    return open_store(spec, create=False, read_only=True)


# -- the work in a task ----------------------------------------------------------------------------------

Work = Callable[[Callable[[], bool]], object]   # (cancelled) -> result


class _ViewTask(QgsTask):
    """Runs `work(cancelled)` off the main thread; errors are kept as text for the view."""

    done = pyqtSignal(object)

    def __init__(self, description: str, work: Work):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.work = work
        self.result = None
        self.error = ""

    def run(self) -> bool:
        try:
            self.result = self.work(self.isCanceled)
        except (CrimeMapError, ValueError) as exc:
            self.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - shown in the view, never raised in a thread
            self.error = f"{type(exc).__name__}: {exc}"
        return not self.error and not self.isCanceled()

    def finished(self, ok: bool) -> None:
        self.done.emit(self)


class Background(QObject):
    """One piece of work at a time for a view: starting another cancels the one before, whose
    result is never delivered. `finished(result, error)` fires on the main thread."""

    finished = pyqtSignal(object, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._current = None
        self._running = set()       # Python references, kept until the task manager is done with them

    def busy(self) -> bool:
        return self._current is not None

    def start(self, description: str, work: Work) -> None:
        self.cancel()
        task = _ViewTask(description, work)
        task.done.connect(self._on_done)
        self._current = task
        self._running.add(task)
        QgsApplication.taskManager().addTask(task)

    def cancel(self) -> None:
        task, self._current = self._current, None
        if task is not None:
            task.cancel()

    def _on_done(self, task) -> None:
        self._running.discard(task)
        if task is not self._current:
            return          # superseded or cancelled
        self._current = None
        self.finished.emit(task.result, task.error or ("" if task.result is not None else tr("cancelled")))


class ContextView(QWidget):
    """A view of the dock's selected area: `show_for(context)` works out its figures in a task and
    shows them; `clear(message)` shows a message instead. `updated` fires whenever what the view
    shows has changed (figures shown, or a message)."""

    updated = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.context: Optional[ViewContext] = None
        self._pages = QStackedWidget(self)
        self.message_label = QLabel(self._pages)
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setContentsMargins(6, 6, 6, 6)
        # The figures scroll when the dock is shorter than they are (never squeezed over each other).
        self._scroll = QScrollArea(self._pages)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget(self._scroll)
        self._scroll.setWidget(self.content)
        self._pages.addWidget(self.message_label)
        self._pages.addWidget(self._scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)
        self.background = Background(self)
        self.background.finished.connect(self._on_finished)

    # -- what subclasses provide ------------------------------------------------------------------------
    def task_name(self, context: ViewContext) -> str:
        return tr("Crime Map")

    def work(self, context: ViewContext, store_spec: str) -> Work:
        """The function the task runs for `context` (store_spec resolved); returns what present() shows."""
        raise NotImplementedError

    def present(self, context: ViewContext, result) -> Optional[str]:
        """Show `result`; return a message instead when there is nothing to show (no data)."""
        raise NotImplementedError

    def refusal(self, context: ViewContext) -> Optional[str]:
        """A message when the context cannot be shown at all (checked before any work)."""
        return None

    # -- the interface ---------------------------------------------------------------------------------
    def show_for(self, context: ViewContext) -> None:
        """Show the view for `context` (called by the dock when the view is visible and the context
        changed). Never raises: errors become a message in the view."""
        try:
            self.context = context
            if context is None or not context.area_code:
                self.clear(tr("Choose an area in the table: this view shows the area selected there."))
                return
            refused = self.refusal(context)
            if refused:
                self.clear(refused)
                return
            self.show_message(tr("Working…"))
            self.background.start(self.task_name(context), self.work(context, resolve_store(context.store_spec)))
        except Exception as exc:  # noqa: BLE001 - called from the dock's slots
            self.show_message(tr("This view cannot be shown: {}").format(f"{type(exc).__name__}: {exc}"))

    def clear(self, message: str) -> None:
        """Show `message` instead of figures (any work under way is dropped)."""
        self.background.cancel()
        self.show_message(message)

    def again(self) -> None:
        """Work the current context out again (after a choice inside the view changed)."""
        if self.context is not None:
            self.show_for(self.context)

    def message(self) -> str:
        """The message shown, or '' when the view shows its figures."""
        return self.message_label.text() if self._pages.currentWidget() is self.message_label else ""

    def showing_figures(self) -> bool:
        return self._pages.currentWidget() is self._scroll

    def relayout(self) -> None:
        """Fit the figures to the view again after their layout changed (the scroll area only
        measures them when it is resized itself)."""
        self.content.updateGeometry()
        QApplication.postEvent(self._scroll, QEvent(QEvent.Type.LayoutRequest))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self._pages.setCurrentWidget(self.message_label)
        self.updated.emit()

    def show_content(self) -> None:
        self._pages.setCurrentWidget(self._scroll)
        self.updated.emit()

    def _on_finished(self, result, error: str) -> None:
        context = self.context
        try:
            if error or context is None:
                self.show_message(tr("This view cannot be shown: {}").format(error or tr("no area")))
                if error and error != tr("cancelled"):
                    log(tr("Crime Map view: {}").format(error), CRITICAL)
                return
            said = self.present(context, result)
            if said:
                self.show_message(said)
            else:
                self.show_content()
        except Exception as exc:  # noqa: BLE001 - a slot: never raise
            self.show_message(tr("This view cannot be shown: {}").format(f"{type(exc).__name__}: {exc}"))
