"""The dock's "Stop and search" view: the selected force's (or neighbourhood's) searches in the period.

Force level: searches, the find rate (outcome linked to the object searched for), the share without
a location, and per 1,000 residents of each broad ethnic group (Census 2021) with the ratio to the
White rate and its 95 % interval, counted by officer-defined ethnicity unless the combo says
self-defined. Neighbourhood level: the searches located inside the neighbourhood and their find
rate; no rates by ethnic group (Census 2021 residents by ethnic group are held per force area only),
and searches without a location cannot be placed. The figures are processing.stopsearch_table's.

"Show searches on the map" adds the located searches as points coloured by what they led to
(layers.outcome_layers' style), in the project's Crime Map group.
"""

from dataclasses import dataclass
from typing import Optional

import pandas as pd
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core import stopsearch as ss
from ..core.compare import FORCE, NEIGHBOURHOOD, force_areas
from ..core.ethnicity import GROUPS, REFERENCE
from ..i18n import tr, tr_noop
from ..layers.common import add_to_group
from ..layers.outcome_layers import point_features, point_fields, points_title, style_points
from ..log import CRITICAL, log
from ..processing.area_points import with_areas
from ..processing.stopsearch_table import KIND, SEARCH_COLUMNS, StopSearchTable, search_results, stopsearch_table
from .charts import percent
from .view_context import ContextView, ViewContext, area_reach, gap_words, open_read_only

POINTS_ROLE = "stopsearch_points"
ETHNICITY_ITEMS = ((ss.OFFICER, tr_noop("Officer-defined")), (ss.SELF, tr_noop("Self-defined")))
GROUP_WORDS = {"asian": tr_noop("Asian"), "black": tr_noop("Black"), "mixed": tr_noop("Mixed"),
               "white": tr_noop("White"), "other": tr_noop("Other")}
COLUMNS = (tr_noop("Group"), tr_noop("Searches"), tr_noop("Per\n1,000"),
           tr_noop("Ratio to White\n(95\u00a0% interval)"))


@dataclass(frozen=True)
class SearchFigures:
    table: StopSearchTable
    points: pd.DataFrame          # the located searches of the area, with their result


def stopsearch_work(context: ViewContext, store_spec: str, ethnicity: str):
    """The task's work: the area's stop-and-search table and its located searches."""
    def work(cancelled):
        start, end = context.period.start, context.period.end
        with open_read_only(store_spec) as store:
            if context.level == FORCE:
                areas = force_areas()
                frame = store.table_frame(KIND, SEARCH_COLUMNS, start, end, [context.force])
                assign = None
            else:
                reach = area_reach(store, context)
                areas = store.neighbourhood_areas(context.force)
                frame = store.table_frame(KIND, SEARCH_COLUMNS, start, end, reach.read)
                codes, rings = [context.area_code] * len(reach.rings), list(reach.rings)
                assign = lambda rows: with_areas(rows, codes, rings)  # noqa: E731
            areas = areas[areas["area_code"] == context.area_code]
            if areas.empty:
                raise ValueError(tr("{} is not a known area").format(context.area_code))
            if cancelled():
                return None
            table = stopsearch_table(store, context.level, start, end, areas, ethnicity, assign, frame)
        located = frame[frame["lon"].notna() & frame["lat"].notna()]
        points = located if assign is None else assign(located)
        return SearchFigures(table, points.assign(result=search_results(points)).reset_index(drop=True))
    return work


def _number(v) -> Optional[float]:
    if v is None or v is pd.NA:
        return None
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return None if v != v else v


class StopSearchView(ContextView):
    """StopSearchView(parent=None): show_for(context), clear(message); `updated` fires when what it
    shows changed, `pointsAdded(layer_id)` when the searches were added to the map."""

    pointsAdded = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("CrimeMapStopSearchView")
        self.figures: Optional[SearchFigures] = None
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(5)
        self.title_label = self._label("stopSearchTitleLabel", layout)
        row = QHBoxLayout()
        self.ethnicity_combo = QComboBox(self.content)
        self.ethnicity_combo.setObjectName("ethnicityCombo")
        self.ethnicity_combo.setToolTip(tr("Whose description of the person searched counts in the rates by "
                                           "ethnic group"))
        for value, text in ETHNICITY_ITEMS:
            self.ethnicity_combo.addItem(tr(text), value)
        self.ethnicity_combo.setItemData(0, tr("As the officer saw the person (the broad group police.uk "
                                               "publishes; recorded for nearly every search)"),
                                         Qt.ItemDataRole.ToolTipRole)
        self.ethnicity_combo.setItemData(1, tr("As the person described themselves (the Home Office's "
                                               "published rates count this); 'Not stated' is in no group"),
                                         Qt.ItemDataRole.ToolTipRole)
        self.ethnicity_combo.currentIndexChanged.connect(self._on_ethnicity)
        self.map_button = QPushButton(tr("Show searches on the map"), self.content)
        self.map_button.setObjectName("searchesMapButton")
        self.map_button.setToolTip(tr("Add the located searches of this area and period to the map, coloured by "
                                      "what they led to"))
        self.map_button.clicked.connect(self._on_map_clicked)
        self.ethnicity_label = QLabel(tr("Ethnicity:"), self.content)
        row.addWidget(self.ethnicity_label)
        row.addWidget(self.ethnicity_combo, 1)
        layout.addLayout(row)
        self.summary_label = self._label("searchSummaryLabel", layout)
        self.rates_table = QTableWidget(len(GROUPS), len(COLUMNS), self.content)
        self.rates_table.setObjectName("ratesTable")
        self.rates_table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.rates_table.horizontalHeaderItem(3).setToolTip(tr(
            "The group's rate divided by the White rate, with its 95 % confidence interval (log ratio, counts "
            "treated as Poisson, populations as exact)"))
        self.rates_table.verticalHeader().setVisible(False)
        self.rates_table.verticalHeader().setDefaultSectionSize(self.rates_table.fontMetrics().height() + 4)
        self.rates_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rates_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rates_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rates_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.rates_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        rows_height = self.rates_table.verticalHeader().defaultSectionSize() * len(GROUPS)
        header_height = 2 * header.fontMetrics().height() + 8      # two lines of title
        header.setFixedHeight(header_height)
        self.rates_table.setFixedHeight(rows_height + header_height + 2 * self.rates_table.frameWidth())
        layout.addWidget(self.rates_table)
        self.note_label = self._label("ratesNoteLabel", layout)
        layout.addWidget(self.map_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _label(self, name: str, layout) -> QLabel:
        label = QLabel(self.content)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(label)
        return label

    def ethnicity(self) -> str:
        return self.ethnicity_combo.currentData() or ss.OFFICER

    def set_ethnicity(self, value: str) -> None:
        """Count searches by officer-defined ("officer") or self-defined ("self") ethnicity."""
        self.ethnicity_combo.setCurrentIndex(max(0, self.ethnicity_combo.findData(value)))

    def _on_ethnicity(self, *_args) -> None:
        if self.context is not None and self.context.level == FORCE:
            self.again()

    # -- ContextView ----------------------------------------------------------------------------------
    def task_name(self, context: ViewContext) -> str:
        return tr("Crime Map: stop and search in {}").format(context.area_label())

    def refusal(self, context: ViewContext) -> Optional[str]:
        if context.level not in (FORCE, NEIGHBOURHOOD):
            return tr("Stop and search is shown for a force or a neighbourhood.")
        if not context.force:
            return tr("{} has no stop and search in police.uk's files.").format(context.area_label())
        return None

    def work(self, context: ViewContext, store_spec: str):
        return stopsearch_work(context, store_spec, self.ethnicity())

    def present(self, context: ViewContext, result) -> Optional[str]:
        self.figures = None
        figures: SearchFigures = result
        table = figures.table
        row = table.rows.iloc[0]
        gaps = table.gaps[context.area_code]
        self.title_label.setText(tr("<b>{area}</b> · {period}").format(
            area=context.area_label(), period=context.period.short_label()))
        said = gap_words(tr("stop and search"), context.force_name(), gaps.missing.get(KIND),
                         gaps.partial.get(KIND))
        searches = _number(row["searches"])
        if said or searches is None:
            return said or tr("No data for {} in {}.").format(context.area_label(), context.period.label())
        self.figures = figures
        force_level = context.level == FORCE
        self.summary_label.setText(self.summary(row, force_level))
        self.summary_label.setToolTip(tr("Found what was searched for: police.uk marks the search's outcome as "
                                         "linked to its object (drugs found in a search for drugs)."))
        self.ethnicity_combo.setVisible(force_level)     # rates by ethnic group: force areas only
        self.ethnicity_label.setVisible(force_level)
        self.rates_table.setVisible(force_level)
        if force_level:
            self._fill_rates(row)
            unknown = int(_number(row["searches_unknown_ethnicity"]) or 0)
            note = tr("Per 1,000 residents of each group (Census 2021); the ratio is to the White rate.")
            if unknown:
                note += " " + tr("{} of unknown ethnicity are in no group.").format(f"{unknown:,}")
        else:
            note = tr("Searches located in the neighbourhood; searches without a location cannot be placed in it. "
                      "Rates by ethnic group are not shown for a neighbourhood: Census 2021 residents by ethnic "
                      "group are held per police force area only.")
        self.note_label.setText(note)
        self.rates_table.setToolTip(tr("Searches counted by {}").format(self.ethnicity_words()) if force_level else "")
        self.map_button.setEnabled(len(figures.points) > 0)
        return None

    def ethnicity_words(self) -> str:
        return tr("officer-defined ethnicity") if self.ethnicity() == ss.OFFICER else tr("self-defined ethnicity")

    @staticmethod
    def summary(row, force_level: bool) -> str:
        n = int(_number(row["searches"]) or 0)
        if n == 0:
            return tr("No searches in the period.")
        text = (tr("1 search") if n == 1 else tr("{} searches").format(f"{n:,}"))
        find = _number(row["find_rate"])
        if find is not None:
            text += tr("; {} found what was searched for").format(percent(find))
        else:
            text += tr("; the find rate is not known (the files do not say whether outcomes were linked)")
        if force_level:
            nowhere = _number(row["no_location"])
            if nowhere is not None:
                text += tr("; {} have no location").format(percent(nowhere))
            rate = _number(row["rate_per_1000"])
            if rate is not None:
                text += tr("; {} per 1,000 residents").format(f"{rate:.2f}")
        return text + "."

    def _fill_rates(self, row) -> None:
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for r, g in enumerate(GROUPS):
            searches = _number(row[f"searches_{g}"])
            rate = _number(row[f"rate_{g}"])
            population = _number(row[f"population_{g}"])
            cells = [QTableWidgetItem(tr(GROUP_WORDS[g])),
                     QTableWidgetItem("—" if searches is None else f"{int(searches):,}"),
                     QTableWidgetItem("—" if rate is None else f"{rate:.2f}")]
            if population is not None:
                cells[2].setToolTip(tr("{} usual residents (Census 2021)").format(f"{int(population):,}"))
            if g == REFERENCE:
                ratio_item = QTableWidgetItem(tr("reference"))
            else:
                ratio, low, high = (_number(row[f"ratio_{g}"]), _number(row[f"ratio_{g}_low"]),
                                    _number(row[f"ratio_{g}_high"]))
                if ratio is None:
                    ratio_item = QTableWidgetItem("—")
                    ratio_item.setToolTip(str(row.get(f"ratio_{g}_reason") or tr("not defined")))
                else:
                    ratio_item = QTableWidgetItem(f"{ratio:.1f} ({low:.1f}–{high:.1f})")
                    ratio_item.setToolTip(tr("{g}: {ratio:.2f} times the White rate (95 % interval {low:.2f} to "
                                             "{high:.2f})").format(g=tr(GROUP_WORDS[g]), ratio=ratio, low=low,
                                                                   high=high))
            cells.append(ratio_item)
            for c, item in enumerate(cells):
                if c:
                    item.setTextAlignment(right)
                self.rates_table.setItem(r, c, item)

    def rates(self) -> dict:
        """The rates table as shown: group key -> (searches, per 1,000, ratio) texts."""
        return {g: tuple(self.rates_table.item(r, c).text() for c in (1, 2, 3)) for r, g in enumerate(GROUPS)}

    # -- the map -------------------------------------------------------------------------------------
    def _on_map_clicked(self) -> None:
        try:
            self.add_points()
        except Exception as exc:  # noqa: BLE001 - a slot: never raise
            log(tr("The searches could not be added to the map: {}").format(f"{type(exc).__name__}: {exc}"),
                CRITICAL, bar=True)

    def add_points(self) -> Optional[QgsVectorLayer]:
        """The located searches shown as a styled point layer in the Crime Map group."""
        if self.figures is None or self.context is None:
            return None
        context, points = self.context, self.figures.points
        name = f"{points_title(context.period.start, context.period.end)} · {context.area_label()}"
        layer = QgsVectorLayer("Point?crs=EPSG:4326", name, "memory")
        fields = point_fields()
        layer.dataProvider().addAttributes(fields.toList())
        layer.updateFields()
        layer.dataProvider().addFeatures(list(point_features(points, layer.fields())))
        layer.updateExtents()
        style_points(layer)
        add_to_group(layer, POINTS_ROLE, QgsProject.instance(), position=0)
        self.pointsAdded.emit(layer.id())
        return layer
