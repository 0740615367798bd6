"""``bodymap render``: the body map drawn to PNG, SVG or PDF without a window."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bodymap.advice import NOT_A_DIAGNOSIS, SEE_A_DOCTOR
from bodymap.api import BodyMap
from bodymap.catalogue import Pattern
from bodymap.errors import BodymapError
from bodymap.marks import PainDrawing

DISCLAIMER = f"{NOT_A_DIAGNOSIS} {SEE_A_DOCTOR}"
MARGIN = 30.0
HEADER = 70.0
FOOTER = 50.0


def render_to_file(
    bm: BodyMap,
    drawing: PainDrawing,
    pattern: Pattern | None,
    views: Sequence[str],
    out: Path,
    labels: bool = False,
) -> None:
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise BodymapError(f"{out}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise BodymapError(f"{out}: cannot write into {folder}")
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF
    from PySide6.QtGui import (
        QColor,
        QFont,
        QGuiApplication,
        QImage,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
    )
    from PySide6.QtSvg import QSvgGenerator, QSvgRenderer

    from bodymap.gui import painting

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt alive)
    frames = [bm.atlas.view(v) for v in views]
    width = sum(f.width for f in frames) + MARGIN * (len(frames) + 1)
    height = max(f.height for f in frames) + HEADER + FOOTER
    title = "bodymap"
    if pattern is not None:
        title = f"{pattern.muscle.name} ({pattern.side}): referred-pain pattern"
    elif not drawing.is_empty():
        title = "Pain drawing"

    def draw(painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, width, height), QColor("white"))
        font = QFont()
        font.setPointSizeF(16)
        painter.setFont(font)
        painter.setPen(QColor(17, 24, 39))
        painter.drawText(QPointF(MARGIN, 40), title)
        x = MARGIN
        for frame in frames:
            painter.save()
            painter.translate(x, HEADER)
            painting.paint_art(painter, QSvgRenderer(str(frame.art_path)), frame)
            if pattern is not None:
                painting.paint_pattern(painter, pattern, frame.name)
            area = drawing.areas.get(frame.name)
            if area is not None:
                painting.paint_pain(painter, area)
            if labels:
                painting.paint_labels(painter, frame)
            small = QFont()
            small.setPointSizeF(10)
            painter.setFont(small)
            painter.setPen(QColor(107, 114, 128))
            painter.drawText(QPointF(10, 20), frame.name)
            painter.restore()
            x += frame.width + MARGIN
        small = QFont()
        small.setPointSizeF(10)
        painter.setFont(small)
        painter.setPen(QColor(107, 114, 128))
        painter.drawText(QPointF(MARGIN, height - 20), DISCLAIMER)

    suffix = out.suffix.lower()
    painter = QPainter()
    if suffix == ".png":
        image = QImage(int(width), int(height), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        _begin(painter, image, out)
        draw(painter)
        painter.end()
        if not image.save(str(out)):
            raise BodymapError(f"{out}: could not write the image")
    elif suffix == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(out))
        generator.setSize(QSize(int(width), int(height)))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setTitle(title)
        _begin(painter, generator, out)
        draw(painter)
        painter.end()
    else:
        writer = QPdfWriter(str(out))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(10, 10, 10, 10),
            )
        )
        writer.setTitle(title)
        _begin(painter, writer, out)
        page = QSizeF(writer.width(), writer.height())
        s = min(page.width() / width, page.height() / height)
        painter.scale(s, s)
        draw(painter)
        painter.end()
    if not out.exists() or out.stat().st_size == 0:
        raise BodymapError(f"{out}: could not write the file")


def _begin(painter: Any, device: Any, out: Path) -> None:
    if not painter.begin(device):
        raise BodymapError(f"{out}: could not write the file")
