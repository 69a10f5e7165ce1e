"""The results table of the dock: plain numbers, 'no data' where a month is missing, sortable,
exportable as CSV and copyable (tab-separated, no thousands separators)."""

import csv
import io
import math

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QTableWidgetItem

CODE_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2

COLUMNS = (
    ("Area", "The police force area"),
    ("Crimes", "Crimes in the period"),
    ("Before", "Crimes in the baseline period"),
    ("Change", "Crimes in the period minus crimes in the baseline"),
    ("Change %", "Change as a percentage of the baseline (empty when the baseline is 0)"),
    ("Per 1,000", "Crimes in the period per 1,000 residents (Census 2021)"),
    ("Per 1,000, 12 months", "Crimes in the 12 months to the end month per 1,000 residents"),
    ("Beyond chance?", "Is the change larger than chance would explain? Exact test for two Poisson counts, "
                       "p < 0.05; the p-value is in each cell's tooltip"),
)
NO_DATA = "no data"


class SortableItem(QTableWidgetItem):
    """A cell that sorts by a key (numbers numerically; missing values last)."""

    def __lt__(self, other):
        a, b = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if a is None or b is None:
            # "no data" goes to the bottom whichever way the column is sorted.
            table = self.tableWidget()
            descending = table is not None and table.horizontalHeader().sortIndicatorOrder() == Qt.DescendingOrder
            return (a is None and b is not None) if descending else (a is not None and b is None)
        return a < b


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


def cell_values(row: dict) -> list:
    """Display text, sort key and tooltip for each column of one comparison row."""
    name = short_name(row["area_name"])
    out = [(name, name.lower(), row["area_name"])]
    complete = bool(row["complete"]) if not _missing(row["complete"]) else False
    for key in ("current", "baseline", "change"):
        v = row[key]
        out.append((NO_DATA, None, "A month of this period has no data for this force") if _missing(v)
                   else (str(int(v)), int(v), None))
    pct = row["change_pct"]
    if not complete:
        out.append((NO_DATA, None, "A month of either period has no data for this force"))
    elif _missing(pct):
        out.append(("n/a", None, "No crimes in the baseline: a percentage is not defined"))
    else:
        out.append((f"{pct:.1f}", float(pct), None))
    for key in ("rate_per_1000", "annual_rate_per_1000"):
        v = row[key]
        out.append((NO_DATA, None, "A month has no data") if _missing(v) else (f"{v:.2f}", float(v), None))
    p = row["p_value"]
    if not complete or _missing(p):
        out.append((NO_DATA, None, None))
    else:
        rising = (row["change"] or 0) > 0
        if p < 0.05:
            text = "▲ yes" if rising else "▼ yes"
            tip = f"p = {p:.2g}: larger than chance would explain (p < 0.05)"
        else:
            text = "no"
            tip = f"p = {p:.2g}: within what chance would explain"
        out.append((text, p, tip))
    return out


def fill(table, rows) -> None:
    """Fill the QTableWidget with comparison rows (dicts with the comparison fields)."""
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    table.clearContents()
    table.setColumnCount(len(COLUMNS))
    for i, (title, tip) in enumerate(COLUMNS):
        header = QTableWidgetItem(title)
        header.setToolTip(tip)
        table.setHorizontalHeaderItem(i, header)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, (text, key, tip) in enumerate(cell_values(row)):
            item = SortableItem(text)
            item.setData(SORT_ROLE, key)
            item.setData(CODE_ROLE, row["area_code"])
            if tip:
                item.setToolTip(tip)
            if c:
                item.setTextAlignment(int(Qt.AlignRight | Qt.AlignVCenter))
            if text == NO_DATA:
                item.setForeground(Qt.gray)
            table.setItem(r, c, item)
    table.setSortingEnabled(sorting)


def table_text(table, delimiter: str) -> str:
    """The table as delimited text with a header row, exactly as shown (numbers plain)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["area_code"] + [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())])
    for r in range(table.rowCount()):
        code = table.item(r, 0).data(CODE_ROLE)
        writer.writerow([code] + [table.item(r, c).text() for c in range(table.columnCount())])
    return buf.getvalue()

