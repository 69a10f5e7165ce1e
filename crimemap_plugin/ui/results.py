"""The results table of the dock: plain numbers, 'no data' where a month is missing, sortable,
exportable as CSV and copyable (tab-separated, no thousands separators).

A model (not a widget per cell): at neighbourhood level the table holds thousands of areas, and
filling and sorting them must stay within the dock's 100 ms per update. Each cell is computed once
per update as (text, sort key, tooltip); Qt asks for what it shows.
"""

import csv
import io
import math

from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, Qt
from qgis.PyQt.QtGui import QColor

from ..core.safe_text import spreadsheet_safe
from ..i18n import tr, tr_noop

CODE_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2
NO_DATA_COLOUR = QColor(128, 128, 128)

COLUMNS = (
    (tr_noop("Area"), tr_noop("The area")),
    (tr_noop("Crimes"), tr_noop("Crimes in the period")),
    (tr_noop("Before"), tr_noop("Crimes in the baseline period")),
    (tr_noop("Change"), tr_noop("Crimes in the period minus crimes in the baseline")),
    (tr_noop("Change %"), tr_noop("Change as a percentage of the baseline (empty when the baseline is 0)")),
    (tr_noop("Per 1,000"), tr_noop("Crimes in the period per 1,000 residents (Census 2021)")),
    (tr_noop("Per 1,000, 12 months"), tr_noop("Crimes in the 12 months to the end month per 1,000 residents")),
    (tr_noop("Beyond chance?"), tr_noop("Is the change larger than chance would explain? Exact test for two "
                                        "Poisson counts, allowing for the number of areas compared "
                                        "(Benjamini–Hochberg q < 0.05); p and q are in each cell's tooltip")),
)
NO_DATA = tr_noop("no data")
PARTIAL = tr_noop("partial data")


def short_name(area_name: str) -> str:
    for suffix in (" Police Service", " Constabulary", " Police"):
        if area_name.endswith(suffix):
            return area_name[: -len(suffix)]
    return area_name


def _missing(v) -> bool:
    try:
        return v is None or v != v or (isinstance(v, float) and math.isnan(v))
    except TypeError:  # pandas NA
        return True


WORDS = {
    "no_data": NO_DATA,
    "partial": PARTIAL,
    "partial_tip": tr_noop("Partial submission in {}: the force published far fewer rows than in the months "
                           "around it, so this is not compared"),
    "missing_tip": tr_noop("No data for {}"),
    "period_gap": tr_noop("A month of this period has no data for this force"),
    "either_gap": tr_noop("A month of either period has no data for this force"),
    "not_defined": tr_noop("n/a"),
    "not_defined_tip": tr_noop("No crimes in the baseline: a percentage is not defined"),
    "no_residents": tr_noop("No residents (British Transport Police polices the railways): a rate is not "
                            "defined"),
    "month_gap": tr_noop("A month has no data"),
    "up": tr_noop("▲ yes"),
    "down": tr_noop("▼ yes"),
    "no": tr_noop("no"),
    "beyond": tr_noop("p = {p}, q = {q}: larger than chance would explain, allowing for the {n} areas "
                      "compared (q < 0.05)"),
    "within": tr_noop("p = {p}, q = {q}: within what chance would explain, allowing for the {n} areas "
                      "compared"),
}


def words() -> dict:
    """WORDS in the user's language (looked up once per table fill, not once per cell)."""
    return {key: tr(text) for key, text in WORDS.items()}


def _gap(row: dict, said: dict, fallback: str) -> tuple:
    """The text and tooltip for a cell that has no value: "partial data" when only partial months are
    to blame, else "no data", naming the months."""
    missing, partial = row.get("missing_months") or "", row.get("partial_months") or ""
    if partial and not missing:
        return said["partial"], said["partial_tip"].format(partial.replace(",", ", "))
    if missing:
        return said["no_data"], said["missing_tip"].format(missing.replace(",", ", "))
    return said["no_data"], fallback


def cell_values(row: dict, said: dict = None, tested: int = 0) -> list:
    """Display text, sort key and tooltip for each column of one comparison row; `tested` is how many
    areas the significance test allowed for."""
    said = said or words()
    name = short_name(row["area_name"])
    out = [(name, name.lower(), row["area_name"])]
    complete = bool(row["complete"]) if not _missing(row["complete"]) else False
    for key in ("current", "baseline", "change"):
        v = row[key]
        if _missing(v):
            text, tip = _gap(row, said, said["period_gap"])
            out.append((text, None, tip))
        else:
            out.append((str(int(v)), int(v), None))
    pct = row["change_pct"]
    if not complete:
        text, tip = _gap(row, said, said["either_gap"])
        out.append((text, None, tip))
    elif _missing(pct):
        out.append((said["not_defined"], None, said["not_defined_tip"]))
    else:
        out.append((f"{pct:.1f}", float(pct), None))
    for key in ("rate_per_1000", "annual_rate_per_1000"):
        v = row[key]
        if not _missing(v):
            out.append((f"{v:.2f}", float(v), None))
        elif not _missing(row.get("population")) and not row.get("population"):
            out.append((said["not_defined"], None, said["no_residents"]))
        else:
            text, tip = _gap(row, said, said["month_gap"])
            out.append((text, None, tip))
    p, q = row["p_value"], row.get("q_value")
    if not complete or _missing(p):
        text, tip = _gap(row, said, said["either_gap"])
        out.append((text, None, tip))
    else:
        q = p if _missing(q) else q
        tip = dict(p=f"{p:.2g}", q=f"{q:.2g}", n=tested or 1)
        if row["significant"]:
            out.append((said["up"] if (row["change"] or 0) > 0 else said["down"], q, said["beyond"].format(**tip)))
        else:
            out.append((said["no"], q, said["within"].format(**tip)))
    return out


class ResultsModel(QAbstractTableModel):
    """Comparison rows as a sortable table; "no data" sorts last whichever the direction."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cells = []          # per row: [(text, key, tooltip)] per column
        self._codes = []
        self._sort = None         # (column, order) last asked for
        self._no_data = (NO_DATA, PARTIAL)

    def set_rows(self, rows, keep_order: bool = False, tested: int = 0) -> None:
        """Show `rows`, sorted as last asked (or in the order given, with keep_order)."""
        self.beginResetModel()
        said = words()
        self._no_data = (said["no_data"], said["partial"])
        self._cells = [cell_values(r, said, tested) for r in rows]
        self._codes = [r["area_code"] for r in rows]
        if self._sort is not None and not keep_order:
            self._order(*self._sort)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        text, key, tip = self._cells[index.row()][index.column()]
        if role == Qt.DisplayRole:
            return text
        if role == CODE_ROLE:
            return self._codes[index.row()]
        if role == SORT_ROLE:
            return key
        if role == Qt.ToolTipRole:
            return tip
        if role == Qt.TextAlignmentRole:
            return int((Qt.AlignRight if index.column() else Qt.AlignLeft) | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and text in self._no_data:
            return NO_DATA_COLOUR
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.DisplayRole:
            return tr(COLUMNS[section][0])
        if role == Qt.ToolTipRole:
            return tr(COLUMNS[section][1])
        return None

    def _order(self, column: int, order) -> list:
        known = [i for i, cells in enumerate(self._cells) if cells[column][1] is not None]
        missing = [i for i, cells in enumerate(self._cells) if cells[column][1] is None]
        known.sort(key=lambda i: self._cells[i][column][1], reverse=order == Qt.DescendingOrder)
        ranking = known + missing
        self._cells = [self._cells[i] for i in ranking]
        self._codes = [self._codes[i] for i in ranking]
        return ranking

    def sort(self, column, order=Qt.AscendingOrder):
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ranking = self._order(column, order)
        moved = {before: after for after, before in enumerate(ranking)}
        self.changePersistentIndexList(old, [self.index(moved[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def code(self, row: int) -> str:
        return self._codes[row]

    def text(self, row: int, column: int) -> str:
        return self._cells[row][column][0]


def table_text(model: ResultsModel, delimiter: str) -> str:
    """The table as delimited text with a header row, exactly as shown (numbers plain). Text that a
    spreadsheet would run as a formula (an area named "=HYPERLINK(…)" from a KML file or the API) is
    neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["area_code"] + [tr(title) for title, _ in COLUMNS])
    for r in range(model.rowCount()):
        cells = [model.code(r)] + [model.text(r, c) for c in range(len(COLUMNS))]
        writer.writerow([spreadsheet_safe(v) for v in cells])
    return buf.getvalue()

