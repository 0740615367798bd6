"""The ranking list (name, side, score bar, reason) and the knowledge card."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem
from typing_extensions import override

from bodymap.catalogue import Catalogue, Muscle
from bodymap.ids import side_label
from bodymap.ranking import Candidate

CandidateRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class RankingModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.candidates: list[Candidate] = []

    def set_candidates(self, candidates: Sequence[Candidate]) -> None:
        self.beginResetModel()
        self.candidates = list(candidates)
        self.endResetModel()

    def row_of(self, key: tuple[str, str] | None) -> int:
        for i, c in enumerate(self.candidates):
            if (c.muscle, c.side) == key:
                return i
        return -1

    @override
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.candidates)

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.candidates[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{c.name} ({side_label(c.side)}) {c.score:.2f}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{c.name}, {side_label(c.side)}: {c.reason}"
        if role == CandidateRole:
            return c
        return None


class CandidateDelegate(QStyledItemDelegate):
    """Draws a candidate as: rank and name, a score bar, and the reason in grey."""

    PAD = 8
    BAR = 7

    @override
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        fm = option.fontMetrics
        width = max(option.rect.width(), 240) - 2 * self.PAD
        candidate: Candidate = index.data(CandidateRole)
        reason = fm.boundingRect(
            QRect(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, candidate.reason
        )
        return QSize(width, self.PAD * 3 + fm.height() + self.BAR + 4 + reason.height())

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        candidate: Candidate = index.data(CandidateRole)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        painter.save()
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight).lighter(175))
        elif hovered:
            painter.fillRect(rect, QColor(243, 244, 246))
        fm = option.fontMetrics
        x, y, w = rect.x() + self.PAD, rect.y() + self.PAD, rect.width() - 2 * self.PAD
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title = f"{index.row() + 1}. {candidate.name} ({side_label(candidate.side)})"
        score = f"{candidate.fit} fit {candidate.score:.2f}"
        score_width = fm.horizontalAdvance(score) + 12
        painter.drawText(
            QRect(x, y, w - score_width, fm.height()),
            Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(title, Qt.TextElideMode.ElideRight, w - score_width),
        )
        painter.drawText(QRect(x, y, w, fm.height()), Qt.AlignmentFlag.AlignRight, score)
        y += fm.height() + 4
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(229, 231, 235))
        painter.drawRoundedRect(QRect(x, y, w, self.BAR), 3, 3)
        painter.setBrush(QColor(220, 38, 38))
        painter.drawRoundedRect(QRect(x, y, max(4, int(w * candidate.score)), self.BAR), 3, 3)
        y += self.BAR + self.PAD
        painter.setFont(option.font)
        painter.setPen(QColor(75, 85, 99))
        painter.drawText(
            QRect(x, y, w, rect.bottom() - y), Qt.TextFlag.TextWordWrap, candidate.reason
        )
        painter.setPen(QColor(229, 231, 235))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()


def _items(values: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(v)}</li>" for v in values) + "</ul>"


def card_html(muscle: Muscle, catalogue: Catalogue, side: str | None = None) -> str:
    """The knowledge card of a muscle as simple HTML for a QTextBrowser."""
    c = muscle.card

    def names(ids: Sequence[str]) -> str:
        return ", ".join(
            html.escape(catalogue.muscle(i).name if i in catalogue else i.replace("_", " "))
            for i in ids
        )

    parts = [f"<h2>{html.escape(muscle.name)}{f' ({side_label(side)})' if side else ''}</h2>"]
    parts.append(f"<p>{html.escape(c.summary)}</p>")
    parts.append(f"<h3>Trigger points</h3><p>{html.escape(c.trigger_points)}</p>")
    parts.append(f"<h3>Where the pain goes</h3><p>{html.escape(c.referral)}</p>")
    parts.append(f"<h3>Symptoms</h3>{_items(c.symptoms)}")
    parts.append(f"<h3>What makes it worse</h3>{_items(c.aggravating)}")
    if c.check_also:
        parts.append(f"<h3>Check with it</h3><p>{names(c.check_also)}</p>")
    if c.similar_patterns:
        parts.append(f"<h3>Similar patterns</h3><p>{names(c.similar_patterns)}</p>")
    if c.mistaken_for:
        parts.append(f"<h3>Often mistaken for</h3>{_items(c.mistaken_for)}")
    parts.append(f"<h3>Self-care</h3>{_items(c.self_care)}")
    if c.red_flags:
        parts.append(
            "<h3 style='color:#b91c1c'>See a doctor if</h3>"
            f"<div style='color:#7f1d1d'>{_items(c.red_flags)}</div>"
        )
    sources = "".join(
        f"<li><a href='{html.escape(s.url)}'>{html.escape(s.title)}</a></li>"
        if s.url
        else f"<li>{html.escape(s.title)}</li>"
        for s in muscle.sources.values()
    )
    parts.append(f"<h3>Sources</h3><ul style='font-size:small'>{sources}</ul>")
    return "\n".join(parts)
