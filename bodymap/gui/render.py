"""``bodymap render``: the body map drawn to PNG, SVG or PDF without a window.

The page is laid out in view units (a title, the views side by side each with a caption,
and a wrapped footer), with fonts sized in the same units, so the layout is identical on
every device: a PNG at one pixel per unit, an SVG, or a PDF page that the drawing is
scaled to fit. Every piece of text is recorded with its box on the device, which is what
the tests check (inside the page, no two overlapping).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bodymap.advice import NOT_A_DIAGNOSIS, SEE_A_DOCTOR
from bodymap.api import BodyMap
from bodymap.catalogue import Pattern
from bodymap.errors import BodymapError
from bodymap.ids import VIEW_CAPTIONS, side_label
from bodymap.marks import PainDrawing

DISCLAIMER = f"{NOT_A_DIAGNOSIS} {SEE_A_DOCTOR}"
MARGIN = 30.0
GAP = 30.0
TITLE_SIZE = 30.0
CAPTION_SIZE = 17.0
FOOTER_SIZE = 17.0
PDF_MARGIN_MM = 10.0


@dataclass
class RenderReport:
    """What was drawn: the page size and each text's box, in device units."""

    page: tuple[float, float]
    texts: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)


def _ensure_gui_platform() -> None:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_app: object = None
"""The QGuiApplication made for drawing without a window, kept for the process."""


def prepare_output(out: Path) -> None:
    """Before drawing to ``out`` without a window: a folder that can be written, and a
    Qt that is safe to run (offscreen when there is no display)."""
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise BodymapError(f"{out}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise BodymapError(f"{out}: cannot write into {folder}")
    _ensure_gui_platform()
    from PySide6.QtGui import QGuiApplication

    from bodymap.gui.qtcheck import broken_qt_message

    broken = broken_qt_message()
    if broken:
        raise BodymapError(broken)
    if QGuiApplication.instance() is None:
        global _app
        _app = QGuiApplication([])


def check_written(out: Path) -> None:
    if not out.exists() or out.stat().st_size == 0:
        raise BodymapError(f"{out}: could not write the file")


def render_to_file(
    bm: BodyMap,
    drawing: PainDrawing,
    pattern: Pattern | None,
    views: Sequence[str],
    out: Path,
    labels: bool = False,
) -> RenderReport:
    prepare_output(out)
    from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt
    from PySide6.QtGui import (
        QColor,
        QFontMetricsF,
        QImage,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
    )
    from PySide6.QtSvg import QSvgGenerator, QSvgRenderer

    from bodymap.gui import painting

    frames = [bm.atlas.view(v) for v in views]
    width = sum(f.width for f in frames) + GAP * (len(frames) - 1) + 2 * MARGIN
    title = "bodymap"
    if pattern is not None:
        title = f"{pattern.muscle.name} ({side_label(pattern.side)}): where its pain goes"
    elif not drawing.is_empty():
        title = "Pain drawing"
    title_font = painting.unit_font(TITLE_SIZE, bold=True)
    caption_font = painting.unit_font(CAPTION_SIZE)
    footer_font = painting.unit_font(FOOTER_SIZE)
    text_width = width - 2 * MARGIN
    wrap = int(Qt.TextFlag.TextWordWrap)
    title_height = (
        QFontMetricsF(title_font).boundingRect(QRectF(0, 0, text_width, 1e4), wrap, title).height()
    )
    caption_height = QFontMetricsF(caption_font).height() * 1.4
    footer_height = (
        QFontMetricsF(footer_font)
        .boundingRect(QRectF(0, 0, text_width, 1e4), wrap, DISCLAIMER)
        .height()
    )
    top = MARGIN + title_height + 10 + caption_height
    body_height = max(f.height for f in frames)
    height = top + body_height + footer_height + MARGIN
    report = RenderReport(page=(0.0, 0.0))

    def text(painter: QPainter, rect: QRectF, words: str, flags: int) -> None:
        box = painter.boundingRect(rect, flags, words)
        painter.drawText(rect, flags, words)
        device = painter.transform().mapRect(box)
        report.texts.append((words, (device.x(), device.y(), device.width(), device.height())))

    def draw(painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, width, height), QColor("white"))
        painter.setPen(QColor(17, 24, 39))
        painter.setFont(title_font)
        text(painter, QRectF(MARGIN, MARGIN, text_width, title_height), title, wrap)
        x = MARGIN
        for frame in frames:
            painter.setFont(caption_font)
            painter.setPen(QColor(75, 85, 99))
            caption = VIEW_CAPTIONS.get(frame.name, frame.name)
            text(
                painter,
                QRectF(x, top - caption_height, frame.width, caption_height),
                caption,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            )
            painter.save()
            painter.translate(x, top)
            painting.paint_art(painter, QSvgRenderer(str(frame.art_path)), frame)
            if pattern is not None:
                painting.paint_pattern(painter, pattern, frame.name)
            painting.paint_pain(painter, painting.pain_paths(drawing.levels.get(frame.name)))
            if labels:
                painting.paint_labels(painter, frame)
            painter.restore()
            x += frame.width + GAP
        painter.setFont(footer_font)
        painter.setPen(QColor(107, 114, 128))
        footer = QRectF(MARGIN, top + body_height, text_width, footer_height)
        text(painter, footer, DISCLAIMER, wrap)

    suffix = out.suffix.lower()
    painter = QPainter()
    if suffix == ".png":
        image = QImage(round(width), round(height), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        report.page = (float(image.width()), float(image.height()))
        _begin(painter, image, out)
        draw(painter)
        painter.end()
        if not image.save(str(out)):
            raise BodymapError(f"{out}: could not write the image")
    elif suffix == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(out))
        generator.setSize(QSize(round(width), round(height)))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setTitle(title)
        report.page = (width, height)
        _begin(painter, generator, out)
        draw(painter)
        painter.end()
    else:
        writer = QPdfWriter(str(out))
        orientation = (
            QPageLayout.Orientation.Landscape
            if width > height
            else QPageLayout.Orientation.Portrait
        )
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                orientation,
                QMarginsF(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(title)
        writer.setCreator("bodymap")
        _begin(painter, writer, out)
        page_w, page_h = float(writer.width()), float(writer.height())
        report.page = (page_w, page_h)
        scale = min(page_w / width, page_h / height)
        painter.translate((page_w - width * scale) / 2, 0)
        painter.scale(scale, scale)
        draw(painter)
        painter.end()
    check_written(out)
    return report


def _begin(painter: Any, device: Any, out: Path) -> None:
    if not painter.begin(device):
        raise BodymapError(f"{out}: could not write the file")
