"""The results table of the dock: plain numbers, 'no data' where a month is missing, sortable,
exportable as CSV and copyable (tab-separated, no thousands separators).

A model (not a widget per cell): at neighbourhood level the table holds thousands of areas, and
filling and sorting them must stay within the dock's 100 ms per update. Each cell is computed once
per update as (text, sort key, tooltip); Qt asks for what it shows.
"""

import csv
import functools
import io
import math

from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, Qt
from qgis.PyQt.QtGui import QColor

from ..core.safe_text import spreadsheet_safe
from ..i18n import tr, tr_noop

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
NO_DATA_COLOUR = QColor(128, 128, 128)

# (key, title, tooltip), in the order shown: what matters most first, so it is visible at the dock's width.
COLUMNS = (
    ("area", tr_noop("Area"), tr_noop("The area")),
    ("current", tr_noop("Crimes"), tr_noop("Crimes in the period")),
    ("change_pct", tr_noop("Change %"), tr_noop("Change as a percentage of the baseline (empty when the baseline "
                                                "is 0)")),
    ("beyond", tr_noop("Beyond\nchance?"), tr_noop("Is the change larger than chance would explain? Exact test for "
                                                  "two Poisson counts, allowing for the number of areas compared "
                                                  "(Benjamini–Hochberg q < 0.05); p and q are in each cell's "
                                                  "tooltip")),
    ("baseline", tr_noop("Before"), tr_noop("Crimes in the baseline period")),
    ("change", tr_noop("Change"), tr_noop("Crimes in the period minus crimes in the baseline")),
    ("rate_per_1000", tr_noop("Per\n1,000"), tr_noop("Crimes in the period per 1,000 residents (Census 2021)")),
    ("annual_rate_per_1000", tr_noop("Per 1,000,\n12 months"), tr_noop("Crimes in the 12 months to the end month "
                                                                      "per 1,000 residents")),
)
KEYS = tuple(c[0] for c in COLUMNS)


def column(key: str) -> int:
    """The position of a column by its key."""
    return KEYS.index(key)


NO_DATA = tr_noop("no data")
PARTIAL = tr_noop("partial data")


@functools.lru_cache(maxsize=65_536)   # (the same thousands of names at every update)
def short_name(area_name: str) -> str:
    for suffix in (" Police Service", " Constabulary", " Police"):
        if area_name.endswith(suffix):
            return area_name[: -len(suffix)]
    return area_name


@functools.lru_cache(maxsize=65_536)
def _name_key(area_name: str) -> str:
    return short_name(area_name).lower()


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
    "beyond_one": tr_noop("p = {p}: larger than chance would explain (p < 0.05)"),
    "within_one": tr_noop("p = {p}: within what chance would explain"),
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


def area_key(row: dict) -> str:
    """The sort key of a row's area column."""
    return _name_key(row["area_name"])


def cell_values(row: dict, said: dict = None, tested: int = 0) -> list:
    """Display text, sort key and tooltip for each column (in COLUMNS order) of one comparison row;
    `tested` is how many areas the significance test allowed for."""
    said = said or words()
    name = short_name(row["area_name"])
    cells = {"area": (name, area_key(row), row["area_name"])}
    complete = bool(row["complete"]) if not _missing(row["complete"]) else False
    for key in ("current", "baseline", "change"):
        v = row[key]
        if _missing(v):
            text, tip = _gap(row, said, said["period_gap"])
            cells[key] = (text, None, tip)
        else:
            cells[key] = (signed(int(v)) if key == "change" else str(int(v)), int(v), None)
    pct = row["change_pct"]
    if not complete:
        text, tip = _gap(row, said, said["either_gap"])
        cells["change_pct"] = (text, None, tip)
    elif _missing(pct):
        cells["change_pct"] = (said["not_defined"], None, said["not_defined_tip"])
    else:
        cells["change_pct"] = (signed(pct, 1), float(pct), None)
    for key in ("rate_per_1000", "annual_rate_per_1000"):
        v = row[key]
        if not _missing(v):
            cells[key] = (f"{v:.2f}", float(v), None)
        elif not _missing(row.get("population")) and not row.get("population"):
            cells[key] = (said["not_defined"], None, said["no_residents"])
        else:
            text, tip = _gap(row, said, said["month_gap"])
            cells[key] = (text, None, tip)
    p, q = row["p_value"], row.get("q_value")
    if not complete or _missing(p):
        text, tip = _gap(row, said, said["either_gap"])
        cells["beyond"] = (text, None, tip)
    else:
        q = p if _missing(q) else q
        tip = dict(p=f"{p:.2g}", q=f"{q:.2g}", n=tested or 1)
        one = "_one" if (tested or 1) == 1 else ""   # one area compared: nothing to allow for
        if row["significant"]:
            cells["beyond"] = (said["up"] if (row["change"] or 0) > 0 else said["down"], q,
                               said["beyond" + one].format(**tip))
        else:
            cells["beyond"] = (said["no"], q, said["within" + one].format(**tip))
    return [cells[key] for key in KEYS]


def signed(v, places: int = 0) -> str:
    """'+12', '−8', '0' (a real minus sign, and a plus for rises): signs alike everywhere."""
    text = f"{abs(v):.{places}f}"
    if float(text) == 0:
        return f"{0:.{places}f}"
    return ("+" if v > 0 else "−") + text


class ResultsModel(QAbstractTableModel):
    """Comparison rows as a sortable table; "no data" sorts last whichever the direction."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows = []           # the comparison rows shown, in the table's order
        self._cells = []          # per row: [(text, key, tooltip)] per column, worked out when first asked for
        self._said, self._tested = {}, 0
        self._codes = []
        self._has_data = []
        self._sort = None         # (column, order) last asked for
        self._no_data = (NO_DATA, PARTIAL)

    def set_rows(self, rows, keep_order: bool = False, tested: int = 0) -> None:
        """Show `rows`: sorted as last asked, areas with data first; or in the order given, with
        keep_order."""
        self.beginResetModel()
        said = words()
        self._no_data = (said["no_data"], said["partial"])
        self._said, self._tested = said, tested
        self._rows = list(rows)
        self._cells = [None] * len(self._rows)   # thousands of neighbourhoods: only the rows drawn are worked out
        self._codes = [r["area_code"] for r in self._rows]
        self._has_data = [not (_missing(r["current"]) and _missing(r["baseline"])) for r in self._rows]
        if not keep_order:
            self._order(*(self._sort or (0, Qt.SortOrder.AscendingOrder)))
        self.endResetModel()

    def _row_cells(self, row: int) -> list:
        cells = self._cells[row]
        if cells is None:
            cells = self._cells[row] = cell_values(self._rows[row], self._said, self._tested)
        return cells

    def _key(self, row: int, column: int):
        if column == 0:   # the area: no need to work out the other cells of the row
            cells = self._cells[row]
            return cells[0][1] if cells is not None else area_key(self._rows[row])
        return self._row_cells(row)[column][1]

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        text, key, tip = self._row_cells(index.row())[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == CODE_ROLE:
            return self._codes[index.row()]
        if role == SORT_ROLE:
            return key
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if index.column() else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and text in self._no_data:
            return NO_DATA_COLOUR
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(COLUMNS[section][2])
        return None

    def _order(self, column: int, order) -> list:
        """Areas with data first, then by the column (its "no data" cells last, whichever direction)."""
        rows = range(len(self._rows))
        keys = [self._key(i, column) for i in rows]
        with_data = [i for i in rows if self._has_data[i]]
        without = [i for i in rows if not self._has_data[i]]
        ranking = []
        for group in (with_data, without):
            known = [i for i in group if keys[i] is not None]
            missing = [i for i in group if keys[i] is None]
            known.sort(key=lambda i: keys[i], reverse=order == Qt.SortOrder.DescendingOrder)
            missing.sort(key=lambda i: keys[i] if column == 0 else self._key(i, 0))
            ranking += known + missing
        self._rows = [self._rows[i] for i in ranking]
        self._cells = [self._cells[i] for i in ranking]
        self._codes = [self._codes[i] for i in ranking]
        self._has_data = [self._has_data[i] for i in ranking]
        return ranking

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
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
        return self._row_cells(row)[column][0]

    def key(self, row: int, column: int):
        """The cell's value (its sort key): a number, or None where there is none."""
        return self._key(row, column)


PLAIN = {"current": "{:d}", "baseline": "{:d}", "change": "{:d}", "change_pct": "{:.1f}", "rate_per_1000": "{:.2f}",
         "annual_rate_per_1000": "{:.2f}"}


def table_text(model: ResultsModel, delimiter: str) -> str:
    """The table as delimited text with a header row, its numbers plain (no thousands separators, a
    minus sign a spreadsheet reads), its words as shown. Text that a spreadsheet would run as a
    formula (an area named "=HYPERLINK(…)" from a KML file or the API) is neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["area_code"] + [" ".join(tr(title).split()) for _, title, _ in COLUMNS])
    for r in range(model.rowCount()):
        cells = [model.code(r)]
        for c, key in enumerate(KEYS):
            number = model.key(r, c)
            cells.append(PLAIN[key].format(number) if key in PLAIN and number is not None else model.text(r, c))
        writer.writerow([spreadsheet_safe(v) for v in cells])
    return buf.getvalue()
