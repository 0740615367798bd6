"""The handout page's units (tenths of a millimetre) and size, and text in them: the
styles, fonts sized in those units and unhinted (what is measured is what prints), text
wrapped between words and cut after a whole word, and the :class:`Canvas` that measures
text and paints it too when it has a painter, so that sizing the page and drawing it
cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextLayout, QTextOption

from bodymap.gui import painting
from bodymap.gui.render import RenderReport

MARGIN_MM = 10.0
UNITS_PER_MM = 10.0
WIDTH = (210.0 - 2 * MARGIN_MM) * UNITS_PER_MM
"""The printable area of an A4 page inside the margins, in layout units (0.1 mm)."""
HEIGHT = (297.0 - 2 * MARGIN_MM) * UNITS_PER_MM

INK = (17, 24, 39)
MUTED = (75, 85, 99)
RULE = QColor(209, 213, 219)
ALARM = (153, 27, 27)


@dataclass(frozen=True)
class Style:
    size: float
    colour: tuple[int, int, int] = INK
    bold: bool = False

    @property
    def font(self) -> QFont:
        return painting.layout_font(self.size, self.bold)


TITLE = Style(72, bold=True)
HEADING = Style(50, bold=True)
NAME = Style(42, bold=True)
BODY = Style(36)
BODY_BOLD = Style(36, bold=True)
REASON = Style(34, MUTED)
NOTICE = Style(34)
NOTICE_BOLD = Style(34, bold=True)
LABEL = Style(30, MUTED)
LABEL_BOLD = Style(30, MUTED, bold=True)
ALARM_HEADING = Style(42, ALARM, bold=True)


class Canvas:
    """Measures text, and paints it too when it has a painter: one layout function both
    sizes the page and draws it, so the two cannot disagree."""

    def __init__(self, painter: QPainter | None = None, report: RenderReport | None = None):
        self.painter = painter
        self.report = report

    def text(
        self,
        x: float,
        y: float,
        width: float,
        words: str,
        style: Style,
        max_lines: int = 1,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        more: str = "…",
    ) -> float:
        """Write ``words`` wrapped to ``width`` from (x, y); return the height used."""
        text = "\n".join(wrap(words, style.font, width, max_lines, more))
        flags = int(align | Qt.AlignmentFlag.AlignTop)
        metrics = QFontMetricsF(style.font)
        height = metrics.boundingRect(QRectF(x, y, width, 1e5), flags, text).height()
        if self.painter is not None and self.report is not None:
            rect = QRectF(x, y, width, height)
            self.painter.setFont(style.font)
            self.painter.setPen(QColor(*style.colour))
            box = self.painter.transform().mapRect(self.painter.boundingRect(rect, flags, text))
            self.painter.drawText(rect, flags, text)
            self.report.texts.append((text, (box.x(), box.y(), box.width(), box.height())))
        return height

    def draw(self, paint: Callable[[QPainter], None]) -> None:
        """Shapes: painted only when painting, and always inside save/restore."""
        if self.painter is not None:
            self.painter.save()
            paint(self.painter)
            self.painter.restore()


def wrap(text: str, font: QFont, width: float, max_lines: int, more: str = "…") -> list[str]:
    """Lines no wider than ``width``, broken between words (inside a word only when it is
    wider than a line), at most ``max_lines`` of them: a long name or note must never
    push the page over. When there is more, the last line ends with ``more`` after the
    last whole word that fits, never in the middle of one."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            start = line.textStart()
            lines.append(paragraph[start : start + line.textLength()].strip())
        layout.endLayout()
    max_lines = max(1, max_lines)
    if len(lines) <= max_lines:
        return lines
    return [*lines[: max_lines - 1], cut_at_word(lines[max_lines - 1], font, width, more)]


def cut_at_word(line: str, font: QFont, width: float, more: str) -> str:
    """``line`` shortened by whole words until it and ``more`` fit ``width``."""
    metrics = QFontMetricsF(font)

    def ending(words: str) -> str:
        words = words.rstrip(" ,;:.-\u2013\u2014")
        joiner = " " if words and not more.startswith("…") else ""
        return f"{words}{joiner}{more}" if words else more.lstrip()

    words = line.split(" ")
    while len(words) > 1 and metrics.horizontalAdvance(ending(" ".join(words))) > width:
        words.pop()
    tail = " ".join(words)
    while tail and metrics.horizontalAdvance(ending(tail)) > width:
        tail = tail[:-1]  # one word wider than the line: only then inside a word
    return ending(tail)


def line_height(style: Style) -> float:
    return QFontMetricsF(style.font).height()


def rule(canvas: Canvas, x: float, y: float, width: float) -> None:
    def paint(p: QPainter) -> None:
        p.setPen(QPen(RULE, 2.5))
        p.drawLine(QPointF(x, y), QPointF(x + width, y))

    canvas.draw(paint)
