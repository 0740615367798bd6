"""The pictures on the handout page: a view of the body with the pain painted on it, a
muscle's pattern cropped around it with some body to recognise, and the legends with
their samples."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from bodymap.atlas import View
from bodymap.drawing import PainDrawing
from bodymap.gui import painting
from bodymap.gui.handout_text import LABEL, LABEL_BOLD, RULE, WIDTH, Canvas, line_height
from bodymap.handout import HandoutCandidate
from bodymap.kinds import Intensity, ZoneKind

PICTURE_MARGIN = 45.0
MIN_CROP_HEIGHT = 400.0
"""View units a pattern picture shows at least: a small pattern keeps enough of the body
around it to be recognisable."""


def view_painter(
    drawing: PainDrawing, view: View, crop: QRectF, at: QPointF, scale: float
) -> Callable[[QPainter], None]:
    def paint(p: QPainter) -> None:
        p.translate(at)
        p.scale(scale, scale)
        p.translate(-crop.topLeft())
        p.setClipRect(crop)
        painting.paint_art(p, view)
        painting.paint_pain(p, painting.pain_paths(drawing.levels.get(view.name)))

    return paint


Swatch = Callable[[QRectF, QPainter], None]
"""Paints a legend's sample in a box (the box first, so it can be bound ahead)."""


def swatch_painter(fill: QColor, edge: QColor, hatched: bool = False) -> Swatch:
    def paint(box: QRectF, p: QPainter) -> None:
        p.setPen(QPen(edge, 2.0))
        p.setBrush(fill)
        p.drawRoundedRect(box, 5, 5)
        if hatched:
            square = shapely.box(box.left(), box.top(), box.right(), box.bottom())
            p.setPen(QPen(edge, 1.6))
            p.drawPath(painting.lines_to_path(painting.hatch(square, 8.0)))

    return paint


def trigger_point_cross(box: QRectF, p: QPainter) -> None:
    p.setPen(QPen(painting.TRP_COLOUR, 3.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawPath(painting.crosses_path([(box.center().x(), box.center().y())], arm=10.0))


def pattern_painter(candidate: HandoutCandidate, box: QRectF) -> Callable[[QPainter], None]:
    """The body art and the pattern, cropped around the pattern with some body around it."""
    view = candidate.view
    crop = crop_around(painting.pattern_paths(candidate.pattern, view.name).bounds, view, box)

    def paint(p: QPainter) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(250, 250, 249))
        p.drawRoundedRect(box, 12, 12)
        p.save()
        p.setClipRect(box)
        p.translate(box.topLeft())
        p.scale(box.width() / crop.width(), box.height() / crop.height())
        p.translate(-crop.topLeft())
        painting.paint_art(p, view)
        painting.paint_pattern(p, candidate.pattern, view.name)
        p.restore()
        p.setPen(QPen(RULE, 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(box, 12, 12)

    return paint


def crop_around(bounds: QRectF, view: View, box: QRectF) -> QRectF:
    """The part of ``view`` to show in ``box``: the pattern with a margin, at least
    ``MIN_CROP_HEIGHT`` tall, widened or heightened to the box's shape, kept inside the
    view's frame where it fits."""
    rect = bounds.adjusted(-PICTURE_MARGIN, -PICTURE_MARGIN, PICTURE_MARGIN, PICTURE_MARGIN)
    aspect = box.width() / box.height()
    height = max(rect.height(), MIN_CROP_HEIGHT, rect.width() / aspect)
    width = height * aspect
    centre = rect.center()
    left = slide_within(centre.x() - width / 2, width, view.width)
    top = slide_within(centre.y() - height / 2, height, view.height)
    return QRectF(left, top, width, height)


def slide_within(start: float, length: float, limit: float) -> float:
    """Slide [start, start + length] inside [0, limit], or centre it if it is longer."""
    if length >= limit:
        return (limit - length) / 2
    return min(max(start, 0.0), limit - length)


def intensity_legend(canvas: Canvas, y: float) -> float:
    items = [
        (
            level.value.capitalize(),
            swatch_painter(painting.INTENSITY_FILL[level], painting.INTENSITY_EDGE[level]),
        )
        for level in Intensity
    ]
    return legend(canvas, "How much it hurts:", items, y, centred=True)


def legend(
    canvas: Canvas, title: str, items: Sequence[tuple[str, Swatch]], y: float, centred: bool
) -> float:
    """One line of swatches with their words (measured, so it can be centred)."""
    metrics = QFontMetricsF(LABEL.font)
    swatch, gap = 44.0, 14.0
    widths = [metrics.horizontalAdvance(words) + 4 for words, _ in items]
    title_width = QFontMetricsF(LABEL_BOLD.font).horizontalAdvance(title) + 8
    total = title_width + sum(swatch + gap + w for w in widths) + 40 * len(items)
    x = (WIDTH - total) / 2 if centred else 0.0
    height = line_height(LABEL)
    canvas.text(x, y, title_width, title, LABEL_BOLD)
    x += title_width + 40
    for (words, paint), width in zip(items, widths, strict=True):
        box = QRectF(x, y + (height - 28) / 2, swatch, 28)
        canvas.draw(functools.partial(paint, box))
        canvas.text(x + swatch + gap, y, width, words, LABEL)
        x += swatch + gap + width + 40
    return y + height


def pattern_legend(canvas: Canvas, y: float) -> float:
    items = [
        (
            "Where its pain usually goes",
            swatch_painter(
                painting.ZONE_FILL[ZoneKind.ESSENTIAL], painting.ZONE_EDGE[ZoneKind.ESSENTIAL]
            ),
        ),
        (
            "Where it can spread",
            swatch_painter(
                painting.ZONE_FILL[ZoneKind.SPILLOVER],
                painting.ZONE_EDGE[ZoneKind.SPILLOVER],
                hatched=True,
            ),
        ),
        ("The trigger point", trigger_point_cross),
    ]
    return legend(canvas, "In the pictures:", items, y, centred=False)
