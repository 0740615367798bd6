"""The legend on the diagram: the muscle shown, by name, and what each mark means.

It floats in the corner of the body panel, on the same white paper as the body, and
lets mouse events through so that painting under it still works. It is drawn once into a
pixmap for what it shows and its size: the body under it repaints after every stroke,
and drawing its swatches and text again cost some 2 ms each time.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget
from typing_extensions import override

from bodymap.catalogue import Pattern
from bodymap.gui import painting
from bodymap.ids import side_label
from bodymap.wording import LEGEND

Entry = tuple[str, int, str]  # (swatch kind, compare index, text)
PAIN_ENTRIES: tuple[Entry, ...] = tuple((kind, 0, text) for kind, text in LEGEND if kind == "pain")
INK = QColor(17, 24, 39)
PAPER = QColor(255, 255, 255, 232)


class LegendOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Legend")
        self._scale = 1.0
        self._drawn: QPixmap | None = None
        """What the legend shows, drawn at its size and the screen's pixel ratio."""
        self._one_line = True  # the subtitle is cut to one line, not wrapped
        self.title = ""
        self.subtitle = ""
        self.entries: tuple[Entry, ...] = ()
        self.hide()

    def set_content(self, title: str, subtitle: str, entries: Sequence[Entry]) -> None:
        if (title, subtitle, tuple(entries)) == (self.title, self.subtitle, self.entries):
            return  # a stroke that changes nothing here costs no repaint
        self.title, self.subtitle, self.entries = title, subtitle, tuple(entries)
        self._drawn = None
        self.setAccessibleDescription(
            ". ".join(t for t in (title, subtitle, *(e[2] for e in entries)) if t)
        )
        self.setVisible(bool(title or entries))
        self.resize(self.sizeHint())
        self.update()

    def show_state(
        self,
        pattern: Pattern | None,
        compared: Sequence[Pattern],
        trigger_point: tuple[int, int] | None,
        has_pain: bool,
        whole: Pattern | None = None,
    ) -> None:
        """The legend for what the diagram shows now. ``whole`` is the muscle's whole
        pattern when ``pattern`` is one trigger point of it: the legend keeps the whole
        pattern's rows, one line for the trigger point, and so its size, while one steps
        through them."""
        pain = PAIN_ENTRIES if has_pain else ()
        self._one_line = not compared
        if compared:
            rows = [
                ("compare", i, f"{p.muscle.name} ({side_label(p.side)})")
                for i, p in enumerate(compared)
            ]
            self.set_content(
                "Comparing",
                "solid: main area · hatched: spreads · X: trigger point",
                [*rows, *pain],
            )
        elif pattern is not None:
            whole = whole or pattern
            subtitle = ""
            if trigger_point is not None:
                index, count = trigger_point
                trp = pattern.trigger_points[0]
                subtitle = f"Trigger point {index} of {count}: {trp.name}"
            elif len(whole.trigger_point_ids) > 1:
                subtitle = f"Whole pattern: {len(whole.trigger_point_ids)} trigger points"
            rows = [(kind, 0, text) for kind, text in painting.pattern_legend(whole)]
            self.set_content(
                f"{pattern.muscle.name} ({side_label(pattern.side)})", subtitle, [*rows, *pain]
            )
        else:
            self.set_content("", "", pain)

    @property
    def scale(self) -> float:
        """How much larger than the window's font it is drawn (presentation mode: 1.5)."""
        return self._scale

    @scale.setter
    def scale(self, value: float) -> None:
        self._scale = value
        self._drawn = None
        self.update()

    # ----- layout and painting -------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        base = QFont(self.font())
        size = base.pointSizeF() if base.pointSizeF() > 0 else 9.0
        title = QFont(base)
        title.setPointSizeF(size * 1.2 * self.scale)
        title.setBold(True)
        small = QFont(base)
        small.setPointSizeF(size * 0.9 * self.scale)
        return title, small, small

    def _rows(self) -> list[tuple[str, QFont, Entry | None]]:
        title, sub, entry = self._fonts()
        rows: list[tuple[str, QFont, Entry | None]] = []
        if self.title:
            rows.append((self.title, title, None))
        rows.extend((e[2], entry, e) for e in self.entries)
        if self.subtitle:
            # A trigger point's name, or how to read a comparison, can be long: it keeps
            # to the key's own width, so the legend (and the body kept clear of it) does
            # not widen and jump about as one steps through the trigger points.
            width = max(max(self._row_width(text, font, e) for text, font, e in rows), 120)
            metrics = QFontMetricsF(sub)
            if self._one_line:  # a trigger point's name; the card has it whole
                lines = [metrics.elidedText(self.subtitle, Qt.TextElideMode.ElideRight, width)]
            else:
                lines = _wrap(self.subtitle, metrics, width)
            at = 1 if self.title else 0
            rows[at:at] = [(line, sub, None) for line in lines]
        return rows

    def _row_width(self, text: str, font: QFont, entry: Entry | None) -> float:
        extra = self._swatch_width(entry[0]) + 6 * self.scale if entry else 0.0
        return QFontMetricsF(font).horizontalAdvance(text) + extra

    def _swatch_width(self, kind: str = "") -> float:
        return (42.0 if kind == "pain" else 20.0) * self.scale

    @override
    def sizeHint(self) -> QSize:
        pad = 6 * self.scale
        width = height = 0.0
        for text, font, entry in self._rows():
            width = max(width, self._row_width(text, font, entry))
            height += QFontMetricsF(font).height() + 2 * self.scale
        return QSize(round(width + 2 * pad), round(height + 2 * pad))

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
        ):
            self._drawn = None
        super().changeEvent(event)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        drawn = self._drawn
        if (
            drawn is None
            or drawn.deviceIndependentSize() != self.size().toSizeF()
            or (drawn.devicePixelRatio() != ratio)
        ):
            drawn = QPixmap(self.size() * ratio)
            drawn.setDevicePixelRatio(ratio)
            drawn.fill(Qt.GlobalColor.transparent)
            painter = QPainter(drawn)
            self._draw(painter)
            painter.end()
            self._drawn = drawn
        painter = QPainter(self)
        painter.drawPixmap(0, 0, drawn)
        painter.end()

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(209, 213, 219), 1))
        painter.setBrush(PAPER)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        pad = 6 * self.scale
        y = pad
        for text, font, entry in self._rows():
            m = QFontMetricsF(font)
            x = pad
            if entry is not None:
                kind, index, _ = entry
                h = m.height() * 0.7
                box = QRectF(x, y + (m.height() - h) / 2, self._swatch_width(kind), h)
                painting.paint_swatch(painter, box, kind, index)
                x += self._swatch_width(kind) + 6 * self.scale
            painter.setFont(font)
            painter.setPen(INK)
            painter.drawText(QRectF(x, y, self.width() - x, m.height()), 0, text)
            y += m.height() + 2 * self.scale


def _wrap(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` (a word longer than that has a line of
    its own), broken between words."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        wider = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(wider) > width:
            lines.append(line)
            line = word
        else:
            line = wider
    if line:
        lines.append(line)
    return lines
