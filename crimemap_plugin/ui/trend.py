"""A monthly trend drawn with Qt itself: one bar a month for the months the store covers, a labelled
count axis, month ticks, the two periods shaded and their totals written out, gaps and partial
submissions marked."""

import math

from qgis.PyQt.QtCore import QLocale, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFont, QPainter, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ..i18n import locale, tr

CURRENT = QColor(253, 141, 60, 70)     # shading of the current period
BASELINE = QColor(103, 169, 207, 70)   # shading of the baseline
BAR = QColor(29, 53, 87)
BAR_CURRENT = QColor(217, 95, 2)       # the current period's bars stand out from the rest
NO_DATA = QColor(189, 189, 189)
PARTIAL = QColor(158, 154, 200)        # a partial submission: drawn, hatched
GRID = QColor(0, 0, 0, 28)


def nice_ticks(top: float, most: int = 4) -> list:
    """0 and up to `most` round steps (1, 2, 2.5 or 5 × 10ⁿ) reaching at least `top`."""
    if top <= 0:
        return [0, 1]
    raw = top / most
    exp = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * exp >= raw:
            step = m * exp
            break
    n = int(math.ceil(top / step - 1e-9))
    ticks = [step * i for i in range(n + 1)]
    return [int(t) if float(t).is_integer() else t for t in ticks]


class TrendChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.months, self.values, self.current, self.baseline, self.title = [], [], set(), set(), ""
        self.partial = set()

    def sizeHint(self):  # noqa: N802
        return QSize(300, 160)

    def set_data(self, months, values, current, baseline, title: str, partial=()) -> None:
        """values: a number per month, or None where the area's force has no data that month;
        `partial`: months that are partial submissions (drawn hatched)."""
        self.months, self.values = list(months), list(values)
        self.current, self.baseline, self.title = set(current), set(baseline), title
        self.partial = set(partial)

        def said(m, v):
            if v is None:
                return tr("no data")
            return tr("{} (partial data)").format(f"{int(v):,}") if m in self.partial else f"{int(v):,}"
        self.setToolTip(title + "\n" + "\n".join(f"{self.month_name(m)}: {said(m, v)}"
                                                 for m, v in zip(self.months, self.values)))
        self.update()

    @staticmethod
    def month_name(month: str, short: bool = False) -> str:
        year, number = month.split("-")
        form = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
        name = locale().monthName(int(number), form)
        return f"{name} {year}"

    def totals(self) -> tuple:
        """(the current period's total, the baseline's) over the months drawn with data; None for a
        period with no month drawn."""
        def total(months):
            values = [v for m, v in zip(self.months, self.values) if m in months and v is not None]
            return int(sum(values)) if values else None
        return total(self.current), total(self.baseline)

    def paintEvent(self, event):  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        text_colour = self.palette().text().color()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        bold = QFont(font)
        bold.setBold(True)
        p.setFont(bold)
        w, h = self.width(), self.height()
        # The title on its own line(s): wrapped, never cut.
        title_rect = p.boundingRect(QRectF(4, 2, w - 8, 3 * p.fontMetrics().height()),
                                    Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, self.title)
        p.setPen(text_colour)
        p.drawText(QRectF(4, 2, w - 8, title_rect.height()), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                   self.title)
        p.setFont(font)
        fm = p.fontMetrics()
        if not self.months:
            p.end()
            return
        known = [v for v in self.values if v is not None]
        key_h = fm.height() + 4
        plot_top = title_rect.bottom() + 6
        plot_h = h - plot_top - 2 * fm.height() - key_h - 6
        if plot_h < 20:
            p.end()
            return
        # As many round steps as there is room for labels that do not touch.
        ticks = nice_ticks(max(known) if known else 0, most=max(1, min(4, int(plot_h // (fm.height() * 1.4)))))
        top = ticks[-1]
        left = max(fm.horizontalAdvance(f"{t:,}") for t in ticks) + 8
        plot = QRectF(left, plot_top, w - left - 6, plot_h)
        n = len(self.months)
        step = plot.width() / n

        def y(v):
            return plot.bottom() - (0 if top == 0 else plot.height() * v / top)
        for i, month in enumerate(self.months):
            shade = CURRENT if month in self.current else BASELINE if month in self.baseline else None
            if shade is not None:
                p.fillRect(QRectF(plot.left() + i * step, plot.top(), step, plot.height()), shade)
        # The count axis: gridlines at round numbers, labelled.
        for t in ticks:
            p.setPen(QPen(GRID if t else QColor(150, 150, 150), 0.6))
            p.drawLine(int(plot.left()), int(y(t)), int(plot.right()), int(y(t)))
            p.setPen(text_colour)
            p.drawText(QRectF(0, y(t) - fm.height() / 2, left - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{t:,}")
        for i, value in enumerate(self.values):
            x = plot.left() + i * step + step * 0.15
            if value is None:
                p.fillRect(QRectF(x, plot.bottom() - 6, step * 0.7, 6), QBrush(NO_DATA, Qt.BrushStyle.BDiagPattern))
                continue
            bar = QRectF(x, y(value), step * 0.7, plot.bottom() - y(value))
            if self.months[i] in self.partial:
                p.fillRect(bar, QBrush(PARTIAL, Qt.BrushStyle.CrossPattern))
            else:
                p.fillRect(bar, BAR_CURRENT if self.months[i] in self.current else BAR)
        # The period's own values over its bars, where they fit.
        p.setPen(text_colour)
        for i, (month, value) in enumerate(zip(self.months, self.values)):
            if month in self.current and value is not None:
                text = f"{int(value):,}"
                if fm.horizontalAdvance(text) <= step * 1.6 and y(value) - fm.height() >= plot.top() - fm.height():
                    p.drawText(QRectF(plot.left() + i * step - step, y(value) - fm.height(), 3 * step, fm.height()),
                               Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
        # Month ticks: every month a tick; names where there is room; the year under each January
        # (and under the first month).
        p.setPen(QPen(QColor(120, 120, 120), 0.6))
        every = next(k for k in (1, 2, 3, 6, 12) if step * k >= fm.horizontalAdvance("Mmm") + 6)
        for i, month in enumerate(self.months):
            x = plot.left() + (i + 0.5) * step
            number = int(month[5:])
            p.drawLine(int(x), int(plot.bottom()), int(x), int(plot.bottom() + (4 if (number - 1) % every == 0
                                                                                   else 2)))
            p.setPen(text_colour)
            if (number - 1) % every == 0:
                name = locale().monthName(number, QLocale.FormatType.ShortFormat)
                p.drawText(QRectF(x - 2 * step * every, plot.bottom() + 3, 4 * step * every, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter, name)
            if number == 1 or i == 0:
                p.drawText(QRectF(x - 40, plot.bottom() + 3 + fm.height(), 80, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter, month[:4])
            p.setPen(QPen(QColor(120, 120, 120), 0.6))
        # Key with the totals: "■ period 1,234  ■ baseline 1,100".
        p.setPen(text_colour)
        current_total, baseline_total = self.totals()
        x, key_y = 4.0, h - key_h
        for colour, text, total in ((BAR_CURRENT, tr("period"), current_total),
                                    (BASELINE, tr("baseline"), baseline_total)):
            if not (self.current if colour is BAR_CURRENT else self.baseline):
                continue
            words = f"{text} {total:,}" if total is not None else f"{text}: {tr('no data')}"
            p.fillRect(QRectF(x, key_y + 3, 10, fm.height() - 6),
                       QColor(colour.red(), colour.green(), colour.blue(), 200))
            p.drawText(QRectF(x + 13, key_y, fm.horizontalAdvance(words) + 4, fm.height()),
                       Qt.AlignmentFlag.AlignLeft, words)
            x += fm.horizontalAdvance(words) + 28
        if self.partial & set(self.months):
            words = tr("hatched: partial data")
            p.fillRect(QRectF(x, key_y + 3, 10, fm.height() - 6), QBrush(PARTIAL, Qt.BrushStyle.CrossPattern))
            p.drawText(QRectF(x + 13, key_y, fm.horizontalAdvance(words) + 4, fm.height()), Qt.AlignmentFlag.AlignLeft,
                       words)
        p.end()
