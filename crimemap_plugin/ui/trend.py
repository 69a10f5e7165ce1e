"""A monthly trend drawn with Qt itself: one bar a month, the two periods shaded, gaps marked."""

import math

from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFont, QPainter, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

CURRENT = QColor(253, 141, 60, 70)     # shading of the current period
BASELINE = QColor(103, 169, 207, 70)   # shading of the baseline
BAR = QColor(29, 53, 87)
NO_DATA = QColor(189, 189, 189)
PARTIAL = QColor(158, 154, 200)        # a partial submission: drawn, hatched


class TrendChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.months, self.values, self.current, self.baseline, self.title = [], [], set(), set(), ""
        self.partial = set()

    def set_data(self, months, values, current, baseline, title: str, partial=()) -> None:
        """values: a number per month, or None where the area's force has no data that month;
        `partial`: months that are partial submissions (drawn hatched)."""
        self.months, self.values = list(months), list(values)
        self.current, self.baseline, self.title = set(current), set(baseline), title
        self.partial = set(partial)

        def said(m, v):
            if v is None:
                return "no data"
            return f"{int(v)} (partial data)" if m in self.partial else str(int(v))
        self.setToolTip(title + "\n" + "\n".join(f"{m}: {said(m, v)}" for m, v in zip(self.months, self.values)))
        self.update()

    def paintEvent(self, event):  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        p.setFont(font)
        fm = p.fontMetrics()
        w, h = self.width(), self.height()
        p.setPen(self.palette().text().color())
        key_width = fm.horizontalAdvance("period baseline") + 40
        title = fm.elidedText(self.title, Qt.ElideRight, int(w - 8 - key_width))
        p.drawText(QRectF(4, 2, w - 8, fm.height()), Qt.AlignLeft | Qt.AlignVCenter, title)
        if not self.months:
            p.end()
            return
        known = [v for v in self.values if v is not None]
        top = max(known) if known else 0
        top = _nice_ceiling(top)
        left, right = fm.horizontalAdvance(f"{top:,}") + 8, 6
        plot = QRectF(left, fm.height() + 8, w - left - right, h - 2 * fm.height() - 12)
        n = len(self.months)
        step = plot.width() / n
        for i, month in enumerate(self.months):
            shade = CURRENT if month in self.current else BASELINE if month in self.baseline else None
            if shade is not None:
                p.fillRect(QRectF(plot.left() + i * step, plot.top(), step, plot.height()), shade)
        p.setPen(QPen(QColor(150, 150, 150), 0.5))
        p.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(0, plot.top() - fm.height() / 2, left - 4, fm.height()), Qt.AlignRight, f"{top:,}")
        p.drawText(QRectF(0, plot.bottom() - fm.height(), left - 4, fm.height()), Qt.AlignRight, "0")
        for i, value in enumerate(self.values):
            x = plot.left() + i * step + step * 0.15
            if value is None:
                p.fillRect(QRectF(x, plot.bottom() - 6, step * 0.7, 6), QBrush(NO_DATA, Qt.BDiagPattern))
                continue
            bar_h = 0 if top == 0 else plot.height() * value / top
            if self.months[i] in self.partial:
                p.fillRect(QRectF(x, plot.bottom() - bar_h, step * 0.7, bar_h), QBrush(PARTIAL, Qt.CrossPattern))
                continue
            p.fillRect(QRectF(x, plot.bottom() - bar_h, step * 0.7, bar_h), BAR)
        labels = [i for i, m in enumerate(self.months) if m.endswith("-01")] or [0]
        for i in labels:
            p.drawText(QRectF(plot.left() + i * step - 20, plot.bottom() + 2, 60, fm.height()), Qt.AlignLeft,
                       self.months[i][:4])
        # Key, top right on the title line.
        x = w - 4
        for colour, text in ((BASELINE, "baseline"), (CURRENT, "period")):
            x -= fm.horizontalAdvance(text) + 16
            p.fillRect(QRectF(x, 4, 10, fm.height() - 6), QColor(colour.red(), colour.green(), colour.blue(), 160))
            p.drawText(QRectF(x + 13, 2, fm.horizontalAdvance(text) + 2, fm.height()), Qt.AlignLeft, text)
        p.end()


def _nice_ceiling(v: float) -> int:
    if v <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(v))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * exp >= v:
            return int(math.ceil(m * exp))
    return int(10 * exp)
