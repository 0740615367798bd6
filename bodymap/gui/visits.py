"""The Visits window: one patient's sessions over time, two of them overlaid.

A table lists the visits in date order with the painted area and its change, the overlap
with the visit before and the leading muscle. Below, two visits chosen from it are drawn
on the same bodies in two colours (the earlier in orange, the later in blue, where both
painted the colours mix), with the areas, the change and the overlap between them and
the top candidates of each. The figures come from :mod:`bodymap.visits` (no Qt); this
module only shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from typing_extensions import override

from bodymap.advice import NOT_A_DIAGNOSIS
from bodymap.api import BodyMap
from bodymap.gui import painting
from bodymap.gui.output import begin_painting, written_whole
from bodymap.ids import VIEW_TITLES, side_label
from bodymap.visits import (
    Visit,
    change,
    change_words,
    changes,
    cm2,
    label,
    read_visits,
    top_words,
)

EARLIER = QColor(230, 120, 20, 120)
LATER = QColor(40, 90, 220, 120)
EDGE_EARLIER = QColor(200, 95, 0)
EDGE_LATER = QColor(25, 60, 170)
Write = Callable[[Path, str, str, str, Callable[[], object]], bool]
"""Save a file with a drawing function and tell the user how it went (``Exports.write``)."""
MARGIN = 120.0
"""View units shown around the painted areas (about 15 cm)."""


class Overlay(QWidget):
    """The views either visit painted, side by side, each visit's paint in its colour."""

    def __init__(self, bm: BodyMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bm = bm
        self.pair: tuple[Visit, Visit] | None = None
        self.setMinimumSize(480, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("The two visits' drawings overlaid")

    def show_pair(self, earlier: Visit, later: Visit) -> None:
        self.pair = (earlier, later)
        self.update()

    def views(self) -> list[str]:
        if self.pair is None:
            return []
        painted = set(self.pair[0].area) | set(self.pair[1].area)
        return [v for v in self.bm.atlas.names if v in painted]

    def crop(self, name: str) -> QRectF:
        """The part of a view to show: the painted areas of both visits with a wide
        margin (about 15 cm), within the body's bounds."""
        assert self.pair is not None
        body = painting.body_rect(self.bm.atlas.view(name), 10)
        shown = QRectF()
        for visit in self.pair:
            area = visit.drawing.areas.get(name)
            if area is not None:
                x0, y0, x1, y1 = area.bounds
                shown = shown.united(QRectF(x0, y0, x1 - x0, y1 - y0))
        return shown.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN).intersected(body)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        self.paint(painter, QRectF(self.rect()))

    def paint(self, painter: QPainter, box: QRectF) -> None:
        """The overlaid views in ``box`` (the window's widget, or a report page)."""
        views = self.views()
        if not views or self.pair is None:
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "Nothing painted")
            return
        crops = [self.crop(v) for v in views]
        gap = 16.0
        caption = painter.fontMetrics().height() + 6
        scale = min(
            (box.height() - caption - 8) / max(c.height() for c in crops),
            (box.width() - gap * (len(views) + 1)) / sum(c.width() for c in crops),
        )
        row = sum(c.width() for c in crops) * scale + gap * (len(views) - 1)
        x = box.left() + (box.width() - row) / 2
        for name, crop in zip(views, crops, strict=True):
            view = self.bm.atlas.view(name)
            width = crop.width() * scale
            painter.setPen(QColor("#444"))
            painter.drawText(
                QRectF(x, box.top() + 2, width, caption),
                Qt.AlignmentFlag.AlignCenter,
                VIEW_TITLES[name],
            )
            painter.save()
            painter.translate(x, box.top() + caption + 4)
            painter.scale(scale, scale)
            painter.translate(-crop.left(), -crop.top())
            painter.setClipRect(crop)  # the art is drawn whole: show only the crop
            painting.paint_art(painter, view)
            for visit, fill, edge in (
                (self.pair[0], EARLIER, EDGE_EARLIER),
                (self.pair[1], LATER, EDGE_LATER),
            ):
                area = visit.drawing.areas.get(name)
                if area is None:
                    continue
                painter.setBrush(QBrush(fill))
                painter.setPen(QPen(edge, 1.5 / scale))
                painter.drawPath(painting.shape_to_path(area))
            painter.restore()
            x += width + gap


class VisitsWindow(QDialog):
    """The visits of one patient, and two of them compared."""

    def __init__(
        self, bm: BodyMap, paths: Sequence[Path], write: Write, parent: QWidget | None = None
    ) -> None:
        """``write`` saves a file and says how it went (``Exports.write``)."""
        super().__init__(parent)
        self.write = write
        self.setWindowTitle("Visits")
        self.setSizeGripEnabled(True)
        self.visits = read_visits(bm, paths)
        names = sorted({v.session.patient for v in self.visits if v.session.patient})
        heading = QLabel(
            f"<b>{len(self.visits)} visits of {self.patient_names()}</b>"
            + (" <span style='color:#a33'>(more than one name)</span>" if len(names) > 1 else "")
        )
        self.table = QTableWidget(len(self.visits), 5)
        self.table.setHorizontalHeaderLabels(
            ["Date", "Painted (cm²)", "Change", "Overlap with the one before", "Leading muscle"]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName("Visits")
        for row, (visit, delta) in enumerate(zip(self.visits, changes(self.visits), strict=True)):
            top = visit.top[0] if visit.top else None
            cells = [
                label(visit),
                f"{cm2(visit.total_area):.0f}",
                "" if delta is None else change_words(delta),
                "" if delta is None or delta.overlap is None else f"{delta.overlap:.2f}",
                "" if top is None else f"{top.name} ({side_label(top.side)}), {top.fit}",
            ]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setMaximumHeight(rows + self.table.horizontalHeader().height() + 6)
        self.earlier, self.later = QComboBox(), QComboBox()
        for box, chosen in ((self.earlier, 0), (self.later, len(self.visits) - 1)):
            for visit in self.visits:
                box.addItem(label(visit))
            box.setCurrentIndex(max(chosen, 0))
            box.currentIndexChanged.connect(self.compare)
        self.earlier.setAccessibleName("Earlier visit")
        self.later.setAccessibleName("Later visit")
        self.overlay = Overlay(bm)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        pick = QHBoxLayout()
        pick.addWidget(_swatch(EDGE_EARLIER, "Earlier"))
        pick.addWidget(self.earlier)
        pick.addSpacing(16)
        pick.addWidget(_swatch(EDGE_LATER, "Later"))
        pick.addWidget(self.later)
        pick.addStretch(1)
        self.report = QPushButton("Save report…")
        self.report.setToolTip("The two visits compared on one page (PDF), for the patient's file")
        self.report.clicked.connect(self.save_report_dialog)
        pick.addWidget(self.report)
        layout = QGridLayout(self)
        layout.addWidget(heading, 0, 0)
        layout.addWidget(self.table, 1, 0)
        layout.addLayout(pick, 2, 0)
        below = QHBoxLayout()
        below.addWidget(self.overlay, 3)
        below.addWidget(self.summary, 2)
        layout.addLayout(below, 3, 0)
        layout.setRowStretch(3, 1)
        self.resize(1100, 760)
        self.compare()

    def save_report(self, path: Path) -> None:
        """The two visits compared on one A4 page (PDF), for the patient's file: the
        drawings overlaid, the areas, the change, the overlap and the candidates then and
        now. Written whole or not at all."""
        from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

        with written_whole(path) as temporary:
            writer = QPdfWriter(str(temporary))
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setPageOrientation(QPageLayout.Orientation.Portrait)
            writer.setResolution(150)
            writer.setTitle("bodymap: visits")
            painter = QPainter()
            begin_painting(painter, writer, path)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            margin = writer.width() * 0.08
            width = writer.width() - 2 * margin
            height = writer.height() - 2 * margin
            painter.translate(margin, margin)

            def block(html: str) -> QTextDocument:
                doc = QTextDocument()
                font = painter.font()
                font.setPointSizeF(10.5)
                doc.setDefaultFont(font)
                doc.setTextWidth(width)
                doc.setHtml(html)
                return doc

            title = block(f"<h2>Visits: {self.patient_names()}</h2>")
            title.drawContents(painter)
            top = title.size().height()
            self.overlay.paint(painter, QRectF(0, top, width, height * 0.55))
            painter.translate(0, top + height * 0.57)
            notes = block(f"{self.summary.text()}<p style='color:#666'>{NOT_A_DIAGNOSIS}</p>")
            notes.drawContents(painter, QRectF(0, 0, width, height * 0.4))
            painter.end()

    def save_report_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the visits report", "bodymap-visits.pdf", "PDF (*.pdf)"
        )
        if name:
            path = Path(name)
            done = f"Saved the visits report to {path.name}"
            self.write(path, "report", "Visits report", done, lambda: self.save_report(path))

    def patient_names(self) -> str:
        names = sorted({v.session.patient for v in self.visits if v.session.patient})
        return ", ".join(names) or "a patient with no name"

    def compare(self) -> None:
        """Draw and describe the two visits chosen."""
        if not self.visits:
            self.summary.setText("No visits.")
            return
        a, b = self.visits[self.earlier.currentIndex()], self.visits[self.later.currentIndex()]
        self.overlay.show_pair(a, b)
        delta = change(a, b)
        overlap = (
            "" if delta.overlap is None else f"<br>Overlap of the drawings: {delta.overlap:.2f}"
        )
        self.summary.setText(
            f"<span style='color:{EDGE_EARLIER.name()}'>■</span> "
            f"<b>{label(a)}</b> (orange): {cm2(a.total_area):.0f} cm² painted<br>"
            f"<span style='color:{EDGE_LATER.name()}'>■</span> "
            f"<b>{label(b)}</b> (blue): {cm2(b.total_area):.0f} cm² painted<br>"
            f"Change: {change_words(delta)}{overlap}"
            f"<p><b>Then</b>: {top_words(a)}<br><b>Now</b>: {top_words(b)}</p>"
            "<p style='color:#666'>Overlap: the area painted both times over the area "
            "painted either time (1: the same drawing, 0: no common area). Areas in cm² on "
            "an adult of 1.70 m.</p>"
        )


def _swatch(colour: QColor, words: str) -> QLabel:
    swatch = QLabel(f"<span style='color:{colour.name()}'>■</span> {words}:")
    return swatch
