"""Small charts drawn with Qt itself for the dock's views: a Lorenz curve (how concentrated crime is
among locations) and a stacked horizontal bar with its key (what became of a period's crimes).

Both are sized for a dock a few hundred pixels wide, label their axes or parts in words, keep text
inside their own rectangle (elided, never cut off mid-glyph) and say their numbers in tooltips.
"""

from dataclasses import dataclass
from typing import List, Optional, Sequence

from qgis.PyQt.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF
from qgis.PyQt.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..i18n import tr

CURVE = QColor(29, 53, 87)
CURVE_FILL = QColor(29, 53, 87, 40)
EQUALITY = QColor(140, 140, 140)
AXIS = QColor(120, 120, 120)
MAX_POINTS = 400          # points of the curve drawn (a force has thousands of locations)


def _small(font: QFont, smaller: float = 1.0) -> QFont:
    out = QFont(font)
    out.setPointSizeF(max(7.0, font.pointSizeF() - smaller))
    return out


class LorenzChart(QWidget):
    """The Lorenz curve of crimes over locations: x the share of locations (fewest crimes first), y
    the share of crimes they have; the diagonal is equality (every location with as many crimes)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lorenzChart")
        self.setMinimumSize(130, 130)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.x: List[float] = []
        self.y: List[float] = []
        self.setToolTip(tr("Lorenz curve: the locations with the fewest crimes on the left; a point (x, y) says "
                           "that x % of the locations have y % of the crimes. The dashed diagonal is equality "
                           "(every location with as many crimes); the further the curve sags below it, the more "
                           "crime is concentrated at a few places."))

    def sizeHint(self):  # noqa: N802
        return QSize(160, 160)

    def set_curve(self, x: Sequence[float], y: Sequence[float]) -> None:
        """The curve's points (shares from 0 to 1, x ascending); empty to draw the axes only."""
        x, y = list(x), list(y)
        if len(x) > MAX_POINTS:
            step = (len(x) - 1) / (MAX_POINTS - 1)
            keep = sorted({round(i * step) for i in range(MAX_POINTS)} | {len(x) - 1})
            x, y = [x[i] for i in keep], [y[i] for i in keep]
        self.x, self.y = x, y
        self.update()

    def chart_font(self) -> QFont:
        return _small(self.font(), 2.0)

    def plot_rect(self) -> QRectF:
        """The square the curve is drawn in, inside room for the caption, the tick and the axis labels."""
        small = QFontMetrics(self.chart_font())
        tick = small.horizontalAdvance("100")
        left = tick + 4 + small.height() + 2      # the y ticks, and the rotated axis label beside them
        top = small.height() + 4                   # the caption
        bottom = 2 * small.height() + 5            # the x ticks, and the axis label under them
        right = tick / 2 + 2                       # half of the last x tick
        side = max(10.0, min(self.width() - left - right, self.height() - top - bottom))
        return QRectF(left, top, side, side)

    def paintEvent(self, event):  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        text = self.palette().text().color()
        font = self.chart_font()
        p.setFont(font)
        fm = p.fontMetrics()
        plot = self.plot_rect()

        def at(x: float, y: float) -> QPointF:
            return QPointF(plot.left() + x * plot.width(), plot.bottom() - y * plot.height())

        bold = QFont(font)
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text)
        p.drawText(QRectF(0, 0, self.width(), fm.height() + 2), Qt.AlignmentFlag.AlignHCenter
                   | Qt.AlignmentFlag.AlignVCenter, tr("Lorenz curve"))
        p.setFont(font)
        # Axes with ticks at 0, 50 and 100 %.
        p.setPen(QPen(AXIS, 1))
        p.drawLine(at(0, 0), at(1, 0))
        p.drawLine(at(0, 0), at(0, 1))
        for v in (0.0, 0.5, 1.0):
            p.setPen(QPen(AXIS, 1))
            p.drawLine(at(v, 0), at(v, 0) + QPointF(0, 3))
            p.drawLine(at(0, v), at(0, v) - QPointF(3, 0))
            p.setPen(text)
            label = f"{int(v * 100)}"
            xb = at(v, 0)
            p.drawText(QRectF(xb.x() - 20, plot.bottom() + 3, 40, fm.height()), Qt.AlignmentFlag.AlignHCenter, label)
            yl = at(0, v)
            p.drawText(QRectF(plot.left() - 4 - fm.horizontalAdvance("100"), yl.y() - fm.height() / 2,
                              fm.horizontalAdvance("100"), fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        # Axis labels: under the x ticks, and rotated beside the y ticks.
        x_label = fm.elidedText(tr("% of locations"), Qt.TextElideMode.ElideRight, int(plot.width() + 10))
        p.drawText(QRectF(plot.left() - 5, plot.bottom() + 2 + fm.height(), plot.width() + 10, fm.height()),
                   Qt.AlignmentFlag.AlignHCenter, x_label)
        p.save()
        p.translate(1, plot.center().y())
        p.rotate(-90)
        y_label = fm.elidedText(tr("% of crimes"), Qt.TextElideMode.ElideRight, int(plot.height()))
        p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), fm.height()), Qt.AlignmentFlag.AlignHCenter, y_label)
        p.restore()
        # Equality: the diagonal, dashed, named along itself.
        p.setPen(QPen(EQUALITY, 1, Qt.PenStyle.DashLine))
        p.drawLine(at(0, 0), at(1, 1))
        p.save()
        p.translate(at(0.5, 0.5))
        p.rotate(-45)
        p.setPen(EQUALITY)
        word = tr("equality")
        p.drawText(QRectF(-fm.horizontalAdvance(word), -fm.height() - 1, 2 * fm.horizontalAdvance(word),
                          fm.height()), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, word)
        p.restore()
        if len(self.x) >= 2:
            points = [at(x, y) for x, y in zip(self.x, self.y)]
            area = QPolygonF(points + [at(1, 1)])
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(CURVE_FILL)
            p.drawPolygon(area)
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(CURVE, 2))
            p.drawPath(path)
        p.end()


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    count: int
    colour: str


class StackedBar(QWidget):
    """One horizontal bar split into parts by count, with a key beneath: a row per part with its
    colour, its name, its count and its share of the total. Tooltips give each part's numbers."""

    BAR_HEIGHT = 18

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stackedBar")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.parts: List[Part] = []
        self.total = 0
        self.unit = ""
        self._fit()

    def set_parts(self, parts: Sequence[Part], total: Optional[int] = None, unit: str = "") -> None:
        """The parts, in order; `total` defaults to the sum of the counts; `unit` names what is
        counted in tooltips ("crimes")."""
        self.parts = list(parts)
        self.total = int(total if total is not None else sum(p.count for p in self.parts))
        self.unit = unit
        self._fit()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 2

    def _fit(self) -> None:
        height = self.BAR_HEIGHT + 6 + self._row_height() * max(1, len(self.parts)) + 2
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)

    def sizeHint(self):  # noqa: N802
        return QSize(300, self.minimumHeight())

    def share(self, part: Part) -> float:
        return part.count / self.total if self.total else 0.0

    def describe(self, part: Part) -> str:
        """'Charged or summonsed: 79 crimes, 6.4 % of 1,234'."""
        return tr("{label}: {count} {unit}, {share} of {total}").format(
            label=part.label, count=f"{part.count:,}", unit=self.unit, share=percent(self.share(part)),
            total=f"{self.total:,}").replace("  ", " ")

    def segments(self) -> List[tuple]:
        """(part, rectangle) of the bar's segments, parts with no count left out."""
        out, x = [], 0.0
        width = max(1.0, self.width() - 2.0)
        for part in self.parts:
            if part.count <= 0 or not self.total:
                continue
            w = width * part.count / self.total
            out.append((part, QRectF(1 + x, 1, w, self.BAR_HEIGHT)))
            x += w
        return out

    def key_rows(self) -> List[tuple]:
        """(part, rectangle) of the key's rows."""
        top = self.BAR_HEIGHT + 6
        h = self._row_height()
        return [(part, QRectF(0, top + i * h, self.width(), h)) for i, part in enumerate(self.parts)]

    def part_at(self, x: float, y: float) -> Optional[Part]:
        for part, rect in self.segments() + self.key_rows():
            if rect.contains(QPointF(x, y)):
                return part
        return None

    def event(self, event):
        if event.type() == QEvent.Type.ToolTip:
            position = event.pos()
            part = self.part_at(position.x(), position.y())
            if part is not None:
                QToolTip.showText(event.globalPos(), self.describe(part), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, event):  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        text = self.palette().text().color()
        muted = self.palette().placeholderText().color() if hasattr(self.palette(), "placeholderText") \
            else QColor(128, 128, 128)
        fm = p.fontMetrics()
        p.fillRect(QRectF(1, 1, max(1.0, self.width() - 2.0), self.BAR_HEIGHT), QColor(235, 235, 235))
        for part, rect in self.segments():
            p.fillRect(rect, QColor(part.colour))
        p.setPen(QPen(QColor(90, 90, 90), 1))
        p.drawRect(QRectF(1, 1, max(1.0, self.width() - 3.0), self.BAR_HEIGHT))
        # The key: swatch, name (elided to fit), count and share right-aligned.
        share_w = fm.horizontalAdvance(percent(1.0)) + 4
        count_w = max([fm.horizontalAdvance(f"{p_.count:,}") for p_ in self.parts] + [fm.horizontalAdvance("0")]) + 10
        for part, rect in self.key_rows():
            swatch = QRectF(rect.left() + 2, rect.top() + 3, 11, rect.height() - 6)
            p.fillRect(swatch, QColor(part.colour))
            p.setPen(QPen(QColor(90, 90, 90), 1))
            p.drawRect(swatch)
            p.setPen(text if part.count else muted)
            name_rect = QRectF(swatch.right() + 6, rect.top(), rect.width() - swatch.right() - 6 - count_w - share_w,
                               rect.height())
            p.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(part.label, Qt.TextElideMode.ElideRight, int(name_rect.width())))
            p.drawText(QRectF(name_rect.right(), rect.top(), count_w, rect.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{part.count:,}")
            p.drawText(QRectF(name_rect.right() + count_w, rect.top(), share_w - 2, rect.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, percent(self.share(part)))
        p.end()


def percent(share: Optional[float], places: int = 1) -> str:
    """'62.3 %' for 0.623; '—' when there is no value."""
    if share is None or share != share:
        return "—"
    return f"{100.0 * share:.{places}f}\u00a0%"   # never split from its number
