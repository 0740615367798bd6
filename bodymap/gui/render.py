"""``bodymap render`` and the window's Export: the body map drawn to PNG, SVG or PDF.

A picture that will be pasted into a letter far from the app says what it shows: a title,
the patient's name and the visit's date when there are some, the views side by side each
with a caption, a key to the marks naming the muscle shown, and the not-a-diagnosis
footer. A PNG or an SVG is laid out at one pixel per view unit; a PDF page is laid out in
tenths of a point, its type sized for paper (the footer 8 pt) and the views scaled into
the room left, so nothing on it is too small to read however many views there are.

Every file is written whole or not at all (:mod:`bodymap.gui.output`): to a temporary
file beside it, checked (a PDF writer does not say when the disk fills up), then moved
into place. Every piece of text is recorded with its box on the device, which is what the
tests check (inside the page, no two overlapping).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bodymap.advice import NOT_A_DIAGNOSIS, SEE_A_DOCTOR
from bodymap.api import BodyMap
from bodymap.catalogue import Pattern
from bodymap.drawing import PainDrawing
from bodymap.gui.output import begin_painting, prepare_output, save_png, written_whole
from bodymap.ids import SHOWN_LARGER, VIEW_CAPTIONS, side_label

if TYPE_CHECKING:
    from PySide6.QtCore import QPointF, QRectF

    from bodymap.atlas import View

DISCLAIMER = f"{NOT_A_DIAGNOSIS} {SEE_A_DOCTOR}"
PDF_MARGIN_MM = 10.0
PDF_UNITS_PER_POINT = 10.0
"""A PDF page is laid out in tenths of a point, so its type has an exact size on paper."""
PAIN_KEY = "Blue: pain the patient marked, mild to severe"
"""The key's words for the patient's marks, for a reader who never saw the app."""


@dataclass(frozen=True)
class Sizes:
    """The page's type and spacing in its own units: pixels for a PNG or an SVG (where
    the views are drawn one pixel per view unit), tenths of a point on a PDF page."""

    title: float
    meta: float
    caption: float
    key: float
    footer: float
    margin: float
    gap: float


PIXELS = Sizes(title=30, meta=21, caption=17, key=17, footer=17, margin=30, gap=30)
POINTS = Sizes(title=150, meta=110, caption=85, key=85, footer=80, margin=0, gap=100)
"""On paper: a 15 pt title, the patient's name and date in 11 pt, 8.5 pt captions and key,
and an 8 pt footer, whatever the number of views."""


@dataclass
class RenderReport:
    """What was drawn: the page size and each text's box, in device units; on a PDF also
    each text's size in points on paper; the key's samples by kind, with their boxes."""

    page: tuple[float, float]
    texts: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)
    points: dict[str, float] = field(default_factory=dict)
    samples: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)


def key_entries(
    drawing: PainDrawing, pattern: Pattern | None, views: Sequence[str]
) -> list[tuple[str, str]]:
    """(sample kind, words) for the key of a picture of ``views``: the kinds of zone the
    pattern has there, its trigger points, and the patient's marks if there are any."""
    from bodymap.gui.painting import pattern_legend

    entries: list[tuple[str, str]] = []
    if pattern is not None:
        entries += pattern_legend(pattern, views)
    if any(drawing.levels.get(view) for view in views):
        entries.append(("pain", PAIN_KEY))
    return entries


def patient_line(patient: str, date: str) -> str:
    """The name and the date in words ("Jane Doe · 21 November 2026"), or ""."""
    from bodymap.handout import date_in_words

    return " · ".join(p for p in (patient.strip(), date_in_words(date.strip())) if p)


def render_to_file(
    bm: BodyMap,
    drawing: PainDrawing,
    pattern: Pattern | None,
    views: Sequence[str],
    out: Path,
    labels: bool = False,
    patient: str = "",
    date: str = "",
) -> RenderReport:
    """Draw the views to ``out`` (.png, .svg or .pdf): a title, the patient's name and
    the visit's date (ISO) when given, the views, a key to the marks and the muscle shown,
    and the not-a-diagnosis footer. Written whole or not at all."""
    prepare_output(out)
    from PySide6.QtCore import QMarginsF, QRectF, QSize
    from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
    from PySide6.QtSvg import QSvgGenerator

    frames = [bm.atlas.view(v) for v in views]
    title = "bodymap"
    if pattern is not None:
        title = f"{pattern.muscle.name} ({side_label(pattern.side)}): where its pain goes"
    elif not drawing.is_empty():
        title = "Pain drawing"
    heading = "Key"
    if pattern is not None:
        heading = f"Muscle shown: {pattern.muscle.name} ({side_label(pattern.side)})"
    page = _Page(
        frames,
        title,
        patient_line(patient, date),
        heading,
        key_entries(drawing, pattern, views),
        labels,
    )
    suffix = out.suffix.lower()
    painter = QPainter()
    with written_whole(out) as tmp:
        if suffix == ".png":
            plan = page.plan(PIXELS)
            image = QImage(round(plan.width), round(plan.height), QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            report = RenderReport(page=(float(image.width()), float(image.height())))
            begin_painting(painter, image, out)
            page.draw(painter, plan, drawing, pattern, report)
            painter.end()
            save_png(image, tmp, out)
        elif suffix == ".svg":
            plan = page.plan(PIXELS)
            generator = QSvgGenerator()
            generator.setFileName(str(tmp))
            generator.setSize(QSize(round(plan.width), round(plan.height)))
            generator.setViewBox(QRectF(0, 0, plan.width, plan.height))
            generator.setTitle(" - ".join(p for p in (title, page.meta) if p))
            report = RenderReport(page=(plan.width, plan.height))
            begin_painting(painter, generator, out)
            page.draw(painter, plan, drawing, pattern, report)
            painter.end()
        else:
            natural = page.plan(PIXELS)
            landscape = natural.width > natural.height
            writer = QPdfWriter(str(tmp))
            writer.setPageLayout(
                QPageLayout(
                    QPageSize(QPageSize.PageSizeId.A4),
                    QPageLayout.Orientation.Landscape
                    if landscape
                    else QPageLayout.Orientation.Portrait,
                    QMarginsF(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM),
                    QPageLayout.Unit.Millimeter,
                )
            )
            writer.setTitle(" - ".join(p for p in (title, page.meta) if p))
            writer.setCreator("bodymap")
            begin_painting(painter, writer, out)
            report = RenderReport(page=(float(writer.width()), float(writer.height())))
            per_unit = writer.resolution() / 72 / PDF_UNITS_PER_POINT
            painter.scale(per_unit, per_unit)
            plan = page.plan(POINTS, (writer.width() / per_unit, writer.height() / per_unit))
            page.draw(painter, plan, drawing, pattern, report, PDF_UNITS_PER_POINT)
            painter.end()
    return report


@dataclass
class _Plan:
    """Where everything goes on a page, in the page's units."""

    sizes: Sizes
    width: float
    height: float
    scale: float
    """Page units per view unit."""
    title: QRectF
    meta: QRectF | None
    captions: list[QRectF]
    views: list[QPointF]
    key: list[tuple[QRectF | None, QRectF, str, str]]
    """(sample box or none for the heading, text box, kind, words)."""
    footer: QRectF


def _label_size(zoom: float) -> float:
    """The landmark names' size in a view drawn ``zoom`` times the body's scale, so
    that every view's names come out the same size."""
    from bodymap.gui.painting import LABEL_SIZE

    return LABEL_SIZE / zoom


class _Page:
    """One picture's page, planned in any units (:class:`Sizes`) and then drawn."""

    def __init__(
        self,
        frames: Sequence[View],
        title: str,
        meta: str,
        heading: str,
        entries: Sequence[tuple[str, str]],
        labels: bool,
    ) -> None:
        self.frames = list(frames)
        # Side by side, a view may be drawn larger than the body's scale (the soles).
        side_by_side = len(self.frames) > 1
        self.zoom = [SHOWN_LARGER.get(f.name, 1.0) if side_by_side else 1.0 for f in self.frames]
        self.labels = labels
        self.shown = [self._shown(f, z) for f, z in zip(self.frames, self.zoom, strict=True)]
        """Each view's part drawn (view units): the whole frame, or, when drawn larger,
        the soles and their labels alone (their frame is mostly empty)."""
        self.title = title
        self.meta = meta
        self.heading = heading
        self.entries = list(entries)

    def _shown(self, frame: View, zoom: float) -> tuple[float, float, float, float]:
        if zoom == 1.0:
            return 0.0, 0.0, frame.width, frame.height
        from bodymap.gui import painting

        rect = painting.body_rect(frame, 10)
        if self.labels:
            rect = rect.united(
                painting.labels_rect(frame, _label_size(zoom)).adjusted(-4, -4, 4, 4)
            )
        return rect.x(), rect.y(), rect.width(), rect.height()

    def plan(self, sizes: Sizes, page: tuple[float, float] | None = None) -> _Plan:
        """The layout on a page of ``page`` units, or at one unit per view unit on a
        page as large as that needs when ``page`` is None."""
        from PySide6.QtCore import QPointF, QRectF

        from bodymap.gui.painting import layout_font

        n = len(self.frames)
        frames_width = sum(s[2] * z for s, z in zip(self.shown, self.zoom, strict=True))
        frames_height = max(s[3] * z for s, z in zip(self.shown, self.zoom, strict=True))
        m, gap = sizes.margin, sizes.gap
        width = page[0] if page else frames_width + gap * (n - 1) + 2 * m
        text_width = width - 2 * m
        title_h = _height(layout_font(sizes.title, True), text_width, self.title)
        meta_h = _height(layout_font(sizes.meta, True), text_width, self.meta) if self.meta else 0.0
        key, key_h = self._key(sizes, text_width)
        footer_h = _height(layout_font(sizes.footer), text_width, DISCLAIMER)
        head = m + title_h + meta_h + gap / 3
        # Below the views: the key, then the footer; between the parts, a little room.
        tail = gap / 2 + key_h + (gap / 2 if key_h else 0.0) + footer_h + m
        if page is None:
            scale = 1.0
            caption_h = self._captions_height(sizes, scale)
            height = head + caption_h + gap / 6 + frames_height + tail
        else:
            height = page[1]
            across = (text_width - gap * (n - 1)) / frames_width
            scale = across
            for _ in range(4):  # captions wrap more as the views narrow: settle both
                caption_h = self._captions_height(sizes, scale)
                room = height - head - caption_h - gap / 6 - tail
                scale = min(across, room / frames_height)
            caption_h = self._captions_height(sizes, scale)
        row = frames_width * scale + gap * (n - 1)
        x = (width - row) / 2
        top = head + caption_h + gap / 6
        captions, origins = [], []
        for shown, zoom in zip(self.shown, self.zoom, strict=True):
            w = shown[2] * zoom * scale
            # A caption may use half the gaps beside its view, but never the margins.
            left, right = max(m, x - gap * 0.45), min(width - m, x + w + gap * 0.45)
            captions.append(QRectF(left, head, right - left, caption_h))
            origins.append(QPointF(x, top))
            x += w + gap
        y = top + frames_height * scale + gap / 2
        placed = [
            (
                None if box is None else box.translated(m, y),
                text.translated(m, y),
                kind,
                words,
            )
            for box, text, kind, words in key
        ]
        footer = QRectF(m, height - m - footer_h, text_width, footer_h)
        return _Plan(
            sizes,
            width,
            height,
            scale,
            QRectF(m, m, text_width, title_h),
            QRectF(m, m + title_h, text_width, meta_h) if self.meta else None,
            captions,
            origins,
            placed,
            footer,
        )

    def _captions_height(self, sizes: Sizes, scale: float) -> float:
        from bodymap.gui.painting import layout_font

        font = layout_font(sizes.caption)
        return max(
            _height(font, s[2] * z * scale + sizes.gap * 0.9, VIEW_CAPTIONS.get(f.name, f.name))
            for f, z, s in zip(self.frames, self.zoom, self.shown, strict=True)
        )

    def _key(
        self, sizes: Sizes, width: float
    ) -> tuple[list[tuple[QRectF | None, QRectF, str, str]], float]:
        """The key's items flowed into rows ``width`` wide from (0, 0), and its height."""
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QFontMetricsF

        from bodymap.gui.painting import layout_font

        if not self.entries:
            return [], 0.0
        size = sizes.key
        plain, bold = QFontMetricsF(layout_font(size)), QFontMetricsF(layout_font(size, True))
        line = plain.height() * 1.3
        items: list[tuple[float, str, str, QFontMetricsF]] = [(0.0, "", self.heading, bold)]
        items += [(size * (2.6 if k == "pain" else 1.5), k, w, plain) for k, w in self.entries]
        placed: list[tuple[QRectF | None, QRectF, str, str]] = []
        x = y = 0.0
        for sample, kind, words, metrics in items:
            room = sample + (size * 0.4 if sample else 0.0)
            text = min(metrics.horizontalAdvance(words) + 2, width - room)
            if x > 0 and x + room + text > width:
                x, y = 0.0, y + line
            box = None
            if sample:
                box = QRectF(x, y + (line - size * 0.8) / 2, sample, size * 0.8)
            placed.append((box, QRectF(x + room, y, text, line), kind, words))
            x += room + text + size * 1.4
        return placed, y + line

    def draw(
        self,
        painter: Any,
        plan: _Plan,
        drawing: PainDrawing,
        pattern: Pattern | None,
        report: RenderReport,
        units_per_point: float | None = None,
    ) -> None:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor, QFontMetricsF, QPainter

        from bodymap.gui import painting

        sizes = plan.sizes
        wrap = int(Qt.TextFlag.TextWordWrap)

        def text(
            rect: QRectF, words: str, size: float, bold: bool, colour: QColor, flags: int
        ) -> None:
            font = painting.layout_font(size, bold)
            painter.setFont(font)
            painter.setPen(colour)
            if flags & int(Qt.TextFlag.TextSingleLine):
                words = QFontMetricsF(font).elidedText(
                    words, Qt.TextElideMode.ElideRight, rect.width()
                )
            box = painter.boundingRect(rect, flags, words)
            painter.drawText(rect, flags, words)
            device = painter.transform().mapRect(box)
            report.texts.append((words, (device.x(), device.y(), device.width(), device.height())))
            if units_per_point:
                report.points[words] = size / units_per_point

        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, plan.width, plan.height), QColor("white"))
        ink, muted, faint = QColor(17, 24, 39), QColor(75, 85, 99), QColor(90, 98, 110)
        text(plan.title, self.title, sizes.title, True, ink, wrap)
        if plan.meta is not None:
            text(plan.meta, self.meta, sizes.meta, True, ink, wrap)
        centred = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop) | wrap
        for frame, zoom, shown, caption, origin in zip(
            self.frames, self.zoom, self.shown, plan.captions, plan.views, strict=True
        ):
            text(
                caption,
                VIEW_CAPTIONS.get(frame.name, frame.name),
                sizes.caption,
                False,
                muted,
                centred,
            )
            painter.save()
            painter.translate(origin)
            painter.scale(plan.scale * zoom, plan.scale * zoom)
            painter.translate(-shown[0], -shown[1])
            painter.setClipRect(QRectF(*shown))
            painting.paint_art(painter, frame)
            if pattern is not None:
                painting.paint_pattern(painter, pattern, frame.name)
            painting.paint_pain(painter, painting.pain_paths(drawing.levels.get(frame.name)))
            if self.labels:
                # At the body's type size, however large the view is drawn.
                painting.paint_labels(painter, frame, size=_label_size(zoom))
            painter.restore()
        single = int(Qt.TextFlag.TextSingleLine | Qt.AlignmentFlag.AlignVCenter)
        for box, rect, kind, words in plan.key:
            if box is not None:
                # The samples are drawn at their on-screen size, scaled to the key's type.
                grow = sizes.key / PIXELS.key
                painter.save()
                painter.translate(box.topLeft())
                painter.scale(grow, grow)
                painting.paint_swatch(
                    painter, QRectF(0, 0, box.width() / grow, box.height() / grow), kind
                )
                painter.restore()
                device = painter.transform().mapRect(box)
                report.samples.append(
                    (kind, (device.x(), device.y(), device.width(), device.height()))
                )
            text(rect, words, sizes.key, box is None, ink, single)
        text(plan.footer, DISCLAIMER, sizes.footer, False, faint, wrap)


def _height(font: Any, width: float, words: str) -> float:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFontMetricsF

    wrap = int(Qt.TextFlag.TextWordWrap)
    return float(QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e5), wrap, words).height())
