"""The dock's "Where" view: where the selected area's crimes of the period concentrate.

- The top locations: police.uk publishes each crime at an anonymous snap point named "On or near …";
  the table lists the busiest, with their crimes in the baseline period and the change.
- How concentrated crime is: the share of the crimes at the busiest 1 %, 5 % and 10 % of locations
  and the Gini coefficient, in a sentence, and the Lorenz curve.
- "Hot spots…" runs crimemap:hotspots for the area and period in Processing's own task and adds the
  styled grid to the project's Crime Map group.

The figures are core.concentration's, with the definitions crimemap:concentration uses: a location is
(longitude, latitude to 6 decimals, name); only crimes whose point lies inside the area count,
whichever force recorded them; crimes without a location are counted and said, never placed. A
period whose force lacks a month, or has only part of one, shows "no data" (a hole would read as a
fall); a baseline with a hole leaves out the before and change columns and says why.
"""

from typing import Optional

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
)
from qgis.PyQt.QtCore import QSize, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core import concentration as co
from ..core import forces
from ..core.compare import FORCE
from ..i18n import tr
from ..layers.common import add_to_group
from ..layers.hotspot_layers import HOTSPOT_ROLE
from ..log import CRITICAL, SUCCESS, log
from .charts import LorenzChart, percent
from .results import signed
from .view_context import ContextView, ViewContext
from .where_work import WhereFigures, where_work

TOP = 20                   # locations listed
PREFIX = "On or near "     # police.uk's wording before every location name
HOTSPOTS = "crimemap:hotspots"
COLUMNS = ("location", "crimes", "before", "change")
NARROW_PX = 340            # below this width the curve goes under the sentence


def location_name(text: str) -> str:
    """A location without police.uk's "On or near " (the column says it once)."""
    text = str(text or "").strip()
    return text[len(PREFIX):] if text.startswith(PREFIX) else text


class CompactTable(QTableWidget):
    """A table that asks for no more height than its minimum: it takes what the view has left and
    scrolls its rows."""

    def sizeHint(self):  # noqa: N802
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumHeight())


class _Feedback(QgsProcessingFeedback):
    """Keeps what the algorithm reports as errors (the reason it refused, in words)."""

    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(str(error))
        super().reportError(error, fatalError)


class WhereView(ContextView):
    """WhereView(parent=None): show_for(context), clear(message); `updated` fires when what it shows
    changed, `hotspotsAdded(layer_id)` when a hot spot layer was added to the project."""

    hotspotsAdded = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("CrimeMapWhereView")
        self.figures: Optional[WhereFigures] = None
        self._hotspots = None          # (task, context, feedback, processing context, algorithm) while running
        self._finished_run = None
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.title_label = QLabel(self.content)
        self.title_label.setObjectName("whereTitleLabel")
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)

        self.hotspots_button = QPushButton(tr("Hot spots…"), self.content)
        self.hotspots_button.setObjectName("hotspotsButton")
        self.hotspots_button.setToolTip(tr("Getis–Ord Gi* hot spots of these crimes in this area and period, "
                                           "added to the map (Processing: crimemap:hotspots; the cell size "
                                           "is chosen from the data)"))
        self.hotspots_button.clicked.connect(self._on_hotspots_clicked)
        self.hotspot_status = QLabel(self.content)
        self.hotspot_status.setObjectName("hotspotStatusLabel")
        self.hotspot_status.setWordWrap(True)
        self.hotspot_status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary_label = QLabel(self.content)
        self.summary_label.setObjectName("concentrationLabel")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.lorenz = LorenzChart(self.content)
        self.lorenz.setFixedSize(160, 150)
        # The sentence with the hot spot button under it, beside the curve.
        left = QVBoxLayout()
        left.setSpacing(4)
        left.addWidget(self.summary_label)
        left.addStretch(1)
        button_row = QHBoxLayout()
        button_row.addWidget(self.hotspots_button)
        button_row.addWidget(self.hotspot_status, 1)
        left.addLayout(button_row)
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.addLayout(left, 1)
        self.middle.addWidget(self.lorenz, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(self.middle)

        self.table = CompactTable(0, len(COLUMNS), self.content)
        self.table.setObjectName("topLocationsTable")
        self.table.setHorizontalHeaderLabels([tr("On or near"), tr("Crimes"), tr("Before"), tr("Change")])
        tips = (tr("police.uk's anonymised location: every crime is published at the nearest of its map points"),
                tr("Crimes in the period"), tr("Crimes in the baseline period"),
                tr("Crimes in the period minus crimes in the baseline"))
        for c, tip in enumerate(tips):
            self.table.horizontalHeaderItem(c).setToolTip(tip)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(COLUMNS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        # The table takes the height left (at least a few rows) and scrolls: it never asks for more.
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + 4 * self.table.verticalHeader().defaultSectionSize() + 4)
        layout.addWidget(self.table, 1)
        self.notes_label = QLabel(self.content)
        self.notes_label.setObjectName("whereNotesLabel")
        self.notes_label.setWordWrap(True)
        layout.addWidget(self.notes_label)

    def resizeEvent(self, event):  # noqa: N802
        """Beside the sentence when there is room, under it in a narrow dock."""
        super().resizeEvent(event)
        narrow = self.width() < NARROW_PX
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.middle.direction() != direction:
            self.middle.setDirection(direction)
            self.relayout()

    # -- ContextView ----------------------------------------------------------------------------------
    def task_name(self, context: ViewContext) -> str:
        return tr("Crime Map: where crime concentrates in {}").format(context.area_label())

    def refusal(self, context: ViewContext) -> Optional[str]:
        if context.level not in (FORCE, "neighbourhood"):
            return tr("Where crime concentrates is shown for a force or a neighbourhood.")
        if not context.force or (context.level == FORCE and not forces.has_area(context.force)):
            name = context.force_name() or context.area_label()
            return tr("{} has no area boundary to look in (it polices the railways everywhere).").format(name) \
                if context.force == "btp" else tr("{} has no area boundary to look in.").format(name)
        return None

    def work(self, context: ViewContext, store_spec: str):
        return where_work(context, store_spec)

    def present(self, context: ViewContext, result) -> Optional[str]:
        self.figures = None
        if isinstance(result, str):
            return result
        figures: WhereFigures = result
        c = figures.concentration
        title = tr("<b>{area}</b> · {category} · {period}").format(
            area=context.area_label(), category=context.category_label(), period=context.period.short_label())
        compared = context.baseline is not None and not figures.baseline_gap
        if compared:
            title += " " + tr("(before: {})").format(context.baseline.short_label())
        self.title_label.setText(title)
        if c.crimes == 0:
            return tr("No located crimes of this kind in {} in {}.").format(context.area_label(),
                                                                              context.period.label())
        self.figures = figures
        self.summary_label.setText(self.sentence(figures))
        self.notes_label.setText(self.notes(figures))
        self.notes_label.setVisible(bool(self.notes_label.text()))
        shares = {round(s.percent): s for s in c.shares}
        self.summary_label.setToolTip(tr("Gini coefficient: 0 when every location has as many crimes, near 1 "
                                         "when a few places have nearly all.") + "\n" + "\n".join(
            tr("Busiest {p} % of locations: {k} of {n} locations, {crimes} crimes").format(
                p=p, k=f"{shares[p].locations:,}", n=f"{c.locations:,}", crimes=f"{shares[p].crimes:,}")
            for p in co.SHARE_PERCENTS))
        self.lorenz.set_curve(c.lorenz_x.tolist(), c.lorenz_y.tolist())
        self._fill_table(c.top(TOP), c.crimes, compared)
        if self._hotspots is None:
            self.hotspot_status.setText("")
            self.hotspot_status.setToolTip("")
        return None

    # -- what is shown ---------------------------------------------------------------------------------
    @staticmethod
    def sentence(figures: WhereFigures) -> str:
        """How concentrated the crimes are, in one sentence (plain text)."""
        c = figures.concentration
        shares = {round(s.percent): s.share for s in c.shares}
        return tr("{crimes} crimes at {locations} locations. The busiest 1\u00a0%, 5\u00a0% and 10\u00a0% of "
                  "locations have {s1}, {s5} and {s10} of them; Gini coefficient {gini}.").format(
            crimes=f"{c.crimes:,}", locations=f"{c.locations:,}", s1=percent(shares[1]), s5=percent(shares[5]),
            s10=percent(shares[10]), gini=f"{c.gini:.2f}")

    @staticmethod
    def notes(figures: WhereFigures) -> str:
        """What the figures leave out: crimes without a location, a baseline with a hole."""
        said = []
        if figures.unlocated:
            said.append(tr("1 crime has no location and is not counted.") if figures.unlocated == 1 else
                        tr("{} crimes have no location and are not counted.").format(f"{figures.unlocated:,}"))
        if figures.baseline_gap:
            said.append(figures.baseline_gap)
        return " ".join(said)

    def _fill_table(self, top, total: int, compared: bool) -> None:
        table = self.table
        table.setRowCount(len(top))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, row in enumerate(top.itertuples(index=False)):
            name = QTableWidgetItem(location_name(row.location))
            name.setToolTip(tr("{location} ({lat:.6f}, {lon:.6f}): {crimes} crimes, {share} of the area's").format(
                location=str(row.location), lat=row.lat, lon=row.lon, crimes=f"{int(row.crimes):,}",
                share=percent(row.crimes / total if total else None)))
            cells = [name, QTableWidgetItem(f"{int(row.crimes):,}")]
            if compared:
                cells += [QTableWidgetItem(f"{int(row.baseline):,}"), QTableWidgetItem(signed(int(row.change)))]
            else:
                cells += [QTableWidgetItem(""), QTableWidgetItem("")]
            for c, item in enumerate(cells):
                if c:
                    item.setTextAlignment(int(right))
                table.setItem(r, c, item)
        table.setColumnHidden(2, not compared)
        table.setColumnHidden(3, not compared)
        table.scrollToTop()

    def rows(self) -> list:
        """The table as shown: one tuple of cell texts per row (visible columns only)."""
        shown = [c for c in range(self.table.columnCount()) if not self.table.isColumnHidden(c)]
        return [tuple(self.table.item(r, c).text() for c in shown) for r in range(self.table.rowCount())]

    # -- hot spots -----------------------------------------------------------------------------------
    def hotspot_parameters(self, context: ViewContext) -> dict:
        """crimemap:hotspots' parameters for the area and period (the cell size chosen from the data)."""
        area = context.force if context.level == FORCE else context.area_code
        return {"STORE": context.store_spec, "AREA": area, "CATEGORY": context.category,
                "START_MONTH": context.period.start, "END_MONTH": context.period.end, "CELL_SIZE": 0,
                "DISTANCE_BAND": 0, "ALLOW_INCOMPLETE": False,
                "OUTPUT": QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())}

    def hotspots_running(self) -> bool:
        return self._hotspots is not None

    def _on_hotspots_clicked(self) -> None:
        try:
            if self._hotspots is not None:
                self._hotspots[0].cancel()
                self.hotspot_status.setText(tr("Cancelling…"))
                return
            self.run_hotspots()
        except Exception as exc:  # noqa: BLE001 - a slot: never raise
            self._hotspot_failed(f"{type(exc).__name__}: {exc}")

    def run_hotspots(self) -> None:
        """Start crimemap:hotspots for the context shown, in Processing's task (cancellable)."""
        context = self.context
        if context is None or not context.area_code:
            return
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(HOTSPOTS)
        if algorithm is None:
            self._hotspot_failed(tr("the Crime Map Processing tools are not loaded"))
            return
        processing_context = QgsProcessingContext()
        processing_context.setProject(QgsProject.instance())
        feedback = _Feedback()
        task = QgsProcessingAlgRunnerTask(algorithm, self.hotspot_parameters(context), processing_context,
                                          feedback)
        task.executed.connect(self._on_hotspots_executed)
        self._hotspots = (task, context, feedback, processing_context, algorithm)
        self.hotspots_button.setText(tr("Cancel hot spots"))
        self.hotspot_status.setText(tr("Finding hot spots…"))
        QgsApplication.taskManager().addTask(task)

    def _on_hotspots_executed(self, ok: bool, results: dict) -> None:
        running, self._hotspots = self._hotspots, None
        self._finished_run = running    # the task may still refer to its context and feedback: kept until the next
        self.hotspots_button.setText(tr("Hot spots…"))
        if running is None:
            return
        _task, context, feedback, processing_context, _algorithm = running
        try:
            if not ok:
                if feedback.isCanceled():
                    self.hotspot_status.setText(tr("Hot spots cancelled."))
                    return
                self._hotspot_failed("\n".join(feedback.errors) or tr("the algorithm stopped"))
                return
            layer = self._load_hotspots(results, processing_context, feedback)
            if layer is None:
                self._hotspot_failed(tr("the algorithm made no layer"))
                return
            self.hotspot_status.setText(tr("Added to the map."))
            self.hotspot_status.setToolTip(layer.name())
            log(tr("Hot spots added to the map: {}").format(layer.name()), SUCCESS, bar=True)
            self.hotspotsAdded.emit(layer.id())
        except Exception as exc:  # noqa: BLE001 - a slot: never raise
            self._hotspot_failed(f"{type(exc).__name__}: {exc}")

    @staticmethod
    def _load_hotspots(results: dict, processing_context, feedback):
        """The output layer, named and styled as the algorithm asked, added to the Crime Map group."""
        output = results.get("OUTPUT")
        details = processing_context.layersToLoadOnCompletion()
        layer = processing_context.takeResultLayer(output) if output else None
        if layer is None:
            return None
        detail = details.get(output)
        if detail is not None:
            if detail.name:
                layer.setName(detail.name)
            post = detail.postProcessor()
            if post is not None:
                post.postProcessLayer(layer, processing_context, feedback)
        add_to_group(layer, HOTSPOT_ROLE, QgsProject.instance(), position=0)
        return layer

    def _hotspot_failed(self, error: str) -> None:
        self.hotspots_button.setText(tr("Hot spots…"))
        text = tr("Hot spots could not be made: {}").format(error)
        self.hotspot_status.setText(tr("Not made: see the message bar."))
        self.hotspot_status.setToolTip(text)
        log(text, CRITICAL, bar=True)
