"""The candidates panel (ranked muscles, notes, warning signs) and the card panel."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from bodymap.advice import NOT_A_DIAGNOSIS
from bodymap.candidate import Candidate
from bodymap.catalogue import Catalogue, Muscle
from bodymap.gui import theme
from bodymap.gui.flags import FlagsBox
from bodymap.gui.state import MAX_COMPARED
from bodymap.ids import side_label
from bodymap.ranking_notes import NOTE_NONE
from bodymap.redflags import RedFlag
from bodymap.wording import FIT_MEANING

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
            return f"{c.name} ({side_label(c.side)}), {c.fit} fit"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"<b>{html.escape(c.name)} ({side_label(c.side)})</b>: {c.fit} fit"
                f" ({c.score:.2f})<br>{html.escape(c.plain_reason)}"
                f"<br><small>{html.escape(c.reason)}</small>"
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{index.row() + 1}. {c.name} ({side_label(c.side)}), {c.fit} fit"
        if role == CandidateRole:
            return c
        return None


class CandidateDelegate(QStyledItemDelegate):
    """Draws a candidate as its rank and whole name (wrapped, never cut), the fit in
    words, and a bar: readable without colour, six or more to a screen. The reasons
    are in the tooltip and at the top of the card."""

    PAD = 6
    BAR = 6

    def _layout(self, option: QStyleOptionViewItem, index: AnyIndex) -> tuple[str, str, int]:
        candidate: Candidate = index.data(CandidateRole)
        fm = option.fontMetrics
        title = f"{index.row() + 1}. {candidate.name} ({side_label(candidate.side)})"
        fit = f"{candidate.fit} fit"
        return title, fit, fm.horizontalAdvance(fit) + 12

    def _title_rect(self, option: QStyleOptionViewItem, title: str, fit_width: int) -> QRect:
        """The box the bold title wraps into, beside the fit."""
        width = max(option.rect.width(), 200) - 2 * self.PAD - fit_width
        return QFontMetrics(_bold(option.font)).boundingRect(
            QRect(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, title
        )

    @override
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        title, _, fit_width = self._layout(option, index)
        height = self._title_rect(option, title, fit_width).height()
        return QSize(option.rect.width(), self.PAD * 2 + height + 4 + self.BAR)

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        candidate: Candidate = index.data(CandidateRole)
        colours = theme.current()
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        painter.save()
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            text = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            if state & QStyle.StateFlag.State_MouseOver:
                painter.fillRect(rect, QColor(colours.hover_bg))
            text = palette.color(QPalette.ColorRole.Text)
        title, fit, fit_width = self._layout(option, index)
        fm = option.fontMetrics
        x, y, w = rect.x() + self.PAD, rect.y() + self.PAD, rect.width() - 2 * self.PAD
        box = self._title_rect(option, title, fit_width)
        painter.setFont(_bold(option.font))
        painter.setPen(text)
        painter.drawText(
            QRect(x, y, w - fit_width, box.height() + 2), Qt.TextFlag.TextWordWrap, title
        )
        painter.setFont(option.font)
        painter.drawText(QRect(x, y, w, fm.height()), Qt.AlignmentFlag.AlignRight, fit)
        y += box.height() + 4
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours.bar_track))
        painter.drawRoundedRect(QRect(x, y, w, self.BAR), 3, 3)
        painter.setBrush(QColor(colours.bar_fill))
        painter.drawRoundedRect(QRect(x, y, max(4, int(w * candidate.score)), self.BAR), 3, 3)
        painter.setPen(QColor(colours.rule))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def _items(values: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(v)}</li>" for v in values) + "</ul>"


WHY_PARAGRAPHS = 2
"""The paragraphs of :func:`why_html`."""


def why_html(candidate: Candidate) -> str:
    """Why a candidate is listed: in plain words, then the clinician's figures (two
    paragraphs: :data:`WHY_PARAGRAPHS`)."""
    colours = theme.current()
    return (
        f"<p><b>{candidate.fit.capitalize()} fit.</b> {html.escape(candidate.plain_reason)}"
        f" <span style='color:{colours.secondary_fg}'>"
        f"{html.escape(FIT_MEANING[candidate.fit].capitalize())}.</span></p>"
        f"<p style='color:{colours.secondary_fg}; font-size:small'>For clinicians: score "
        f"{candidate.score:.2f}; {html.escape(candidate.reason)}.</p>"
    )


def card_html(
    muscle: Muscle,
    catalogue: Catalogue,
    side: str | None = None,
    candidate: Candidate | None = None,
    heading: bool = True,
) -> str:
    """The knowledge card of a muscle as simple HTML for a QTextBrowser; with the
    ranking's ``candidate``, why it is listed comes first."""
    title, body = card_sections(muscle, catalogue, side, heading)
    return joined_card(title, why_html(candidate) if candidate is not None else "", body)


def joined_card(title: str, why: str, body: str) -> str:
    """A card from its heading, why the muscle is listed and the rest (any may be empty)."""
    return "\n".join(part for part in (title, why, body) if part)


def card_sections(
    muscle: Muscle, catalogue: Catalogue, side: str | None = None, heading: bool = True
) -> tuple[str, str]:
    """A muscle's card in two: its heading (empty without ``heading``) and everything
    under why it is listed, which :func:`joined_card` puts between them."""
    c = muscle.card

    def names(ids: Sequence[str]) -> str:
        return ", ".join(
            html.escape(catalogue.muscle(i).name if i in catalogue else i.replace("_", " "))
            for i in ids
        )

    title = f"{html.escape(muscle.name)}{f' ({side_label(side)})' if side else ''}"
    parts = [f"<p>{html.escape(c.summary)}</p>"]
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
    return (f"<h2>{title}</h2>" if heading else ""), "\n".join(parts)


HINT = "Click a muscle to see where its pain goes and read its card."
PAINTING = "Let go of the mouse to see the muscles that fit this mark."
EMPTY = (
    "Click or drag on the body where it hurts.\nThe muscles that most often refer pain "
    "there will be listed here."
)


class CandidatesPanel(QWidget):
    """The ranked muscles, with notes on the ranking, warning signs for where the pain
    is, and the not-a-diagnosis notice, which is always in view."""

    redFlagsRequested = Signal()

    def __init__(self, coverage: tuple[str, str] = ("", ""), parent: QWidget | None = None) -> None:
        """``coverage`` says under the list what the catalogue covers, in a line and (its
        tool tip) the parts of the body (:func:`bodymap.ranking_notes.coverage`), so that
        a short list does not read as complete."""
        super().__init__(parent)
        self.model = RankingModel()
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(CandidateDelegate(self.list))
        self.list.setMouseTracking(True)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setAccessibleName("Ranked muscles")
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.empty = QLabel(EMPTY)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Notes on the ranking")
        # Never less than two muscles, however many signs and notes share the panel
        # (they scroll instead): the height of two rows whose names fit on one line.
        row = 2 * CandidateDelegate.PAD + self.list.fontMetrics().height() + 4
        self.list.setMinimumHeight(2 * (row + CandidateDelegate.BAR) + 2 * self.list.frameWidth())
        self.coverage = QLabel(coverage[0])
        self.coverage.setToolTip(coverage[1])
        self.coverage.setWordWrap(True)
        self.coverage.setAccessibleName("What the catalogue covers")
        self.flags = FlagsBox()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setAccessibleName("Not a diagnosis")
        self.notice.linkActivated.connect(lambda _: self.redFlagsRequested.emit())
        self.column = layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.notes)
        layout.addWidget(self.empty, 1)
        # The list and the warning signs share what is left, the signs taking no more
        # than they need; both scroll.
        layout.addWidget(self.list, 1)
        layout.addWidget(self.coverage)
        layout.addWidget(self.flags, 1)
        layout.addWidget(self.notice)
        self.restyle()
        self.show_ranking([], [], [], has_marks=False)

    def restyle(self) -> None:
        colours = theme.current()
        self.hint.setStyleSheet(f"color: {colours.hint_fg};")
        self.empty.setStyleSheet(f"color: {colours.hint_fg}; padding: 24px;")
        self.coverage.setStyleSheet(f"color: {colours.hint_fg}; font-size: small;")
        box = "padding: 6px; border-radius: 4px;"
        self.notes.setStyleSheet(f"background:{colours.note_bg}; color:{colours.note_fg}; {box}")
        self.flags.restyle(colours)
        self.notice.setStyleSheet(
            f"background:{colours.notice_bg}; color:{colours.notice_fg}; {box}"
        )
        # The link's colour is fixed when the text is set: set it again in this theme.
        self.notice.setText(
            f"<b>{html.escape(NOT_A_DIAGNOSIS)}</b> <a href='redflags' "
            f"style='color:{colours.notice_link}'>When to see a doctor</a>"
        )

    def show_ranking(
        self,
        candidates: Sequence[Candidate],
        notes: Sequence[str],
        flags: Sequence[RedFlag],
        has_marks: bool,
    ) -> None:
        self.model.set_candidates(candidates)
        shown = [n for n in notes if n != NOTE_NONE]
        self.notes.setText("\n\n".join(shown))
        self.notes.setVisible(bool(shown))
        self.flags.set_flags(flags)
        self.flags.setVisible(bool(flags))
        self.list.setVisible(bool(candidates))
        self.hint.setVisible(bool(candidates))
        self.coverage.setVisible(bool(candidates) and bool(self.coverage.text()))
        self.empty.setVisible(not candidates)
        self.empty.setText(NOTE_NONE if has_marks else EMPTY)
        self.column.activate()  # the list where it goes now, not after the next event

    def show_painting(self) -> None:
        """A mark is being drawn: say the list comes when it is let go, rather than
        inviting the user to do what they are already doing."""
        if self.empty.isVisible() and self.empty.text() == EMPTY:
            self.empty.setText(PAINTING)

    def end_painting(self) -> None:
        """The mark was let go: if it changed nothing (off the body, say), the list is
        as it was, and so is what it says."""
        if self.empty.text() == PAINTING:
            self.empty.setText(EMPTY)

    def show_current(self, key: tuple[str, str] | None) -> None:
        """Highlight ``key``'s row (if it is ranked) without emitting a selection."""
        row = self.model.row_of(key)
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        else:
            self.list.clearSelection()
            self.list.setCurrentIndex(QModelIndex())
        selection.blockSignals(False)
        self.list.viewport().update()


def compare_header(count: int) -> str:
    """The card's header while comparing ``count`` muscles: how to add more, or that the
    comparison is full and how to leave it."""
    if count >= MAX_COMPARED:
        return f"{count} of {MAX_COMPARED} compared (full): Esc to stop comparing"
    return f"Comparing {count} of {MAX_COMPARED}: click muscles to add"


class CardPanel(QWidget):
    """The knowledge card, and above it the controls for the pattern shown: step
    through its trigger points one at a time, or compare it with others; below them the
    press test for the muscle shown."""

    pressedChosen = Signal(str)  # "yes", "no" or "" (not tried)

    def __init__(self, coverage: str = "", parent: QWidget | None = None) -> None:
        """``coverage`` names the parts of the body the catalogue covers, shown while no
        muscle is."""
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.previous = QToolButton()
        self.previous.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous.setAccessibleName("Previous trigger point")
        self.next = QToolButton()
        self.next.setArrowType(Qt.ArrowType.RightArrow)
        self.next.setAccessibleName("Next trigger point")
        self.compare = QToolButton()
        self.compare.setAccessibleName("Compare")
        self.card = QTextBrowser()
        self.card.setOpenExternalLinks(True)
        self.card.setAccessibleName("Knowledge card")
        # While no muscle is shown, what the card would hold: how to get one, and what the
        # catalogue covers.
        self.empty = QLabel(f"Select a muscle to see its knowledge card.\n\n{coverage}".strip())
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setAccessibleName("No muscle shown")
        self._rest = self._why = ""
        """The card shown without why it is listed, and why (HTML)."""
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.card)
        bar = QHBoxLayout()
        bar.addWidget(self.previous)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.next)
        bar.addWidget(self.compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        self.press = QWidget()
        press = QHBoxLayout(self.press)
        press.setContentsMargins(0, 0, 0, 0)
        press_label = QLabel("Pressing its trigger point brings on the pain:")
        press_label.setWordWrap(True)
        press.addWidget(press_label, 1)
        self.press_buttons: dict[str, QToolButton] = {}
        for text, reply in (("Yes", "yes"), ("No", "no"), ("Not tried", "")):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setAccessibleName(f"Press test: {text}")
            button.clicked.connect(lambda _=False, r=reply: self.pressedChosen.emit(r))
            press.addWidget(button)
            self.press_buttons[reply] = button
        self.press.setToolTip(
            "The strongest clinical sign: does pressing this muscle's trigger point bring on "
            "the patient's familiar pain? It moves the ranking more than any question."
        )
        self.press.hide()
        layout.addWidget(self.press)
        layout.addWidget(self.pages, 1)
        self.restyle()

    def restyle(self) -> None:
        colours = theme.current()
        self.empty.setStyleSheet(f"color: {colours.hint_fg}; padding: 6px;")

    def show_press_test(self, shown: bool, reply: str | None) -> None:
        """The press test row for the muscle shown (hidden while none is, or comparing)."""
        self.press.setVisible(shown)
        for value, button in self.press_buttons.items():
            button.setChecked(value == (reply or ""))

    def show_card(self, whole: str, why: str, rest: str) -> None:
        """A muscle's card: ``whole`` (HTML, :func:`card_html`), made of ``why`` it is
        listed (:func:`why_html`; empty when it is not) under its heading and ``rest``.

        Why changes with nearly every stroke, the rest only with the muscle; when only
        why has changed, its paragraphs are replaced in place, which gives the very
        document that ``setHtml(whole)`` would, without laying out the whole card again
        (some 3 ms a stroke) or moving it."""
        if rest == self._rest and why and self._why and why.count("<p") == WHY_PARAGRAPHS:
            if why != self._why:
                document = self.card.document()
                first = document.findBlockByNumber(1)  # under the heading
                last = document.findBlockByNumber(WHY_PARAGRAPHS)
                cursor = QTextCursor(first)
                cursor.setPosition(
                    last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.insertHtml(why)
        else:
            scroll = self.card.verticalScrollBar().value()
            self.card.setHtml(whole)
            self.card.verticalScrollBar().setValue(scroll)
        self._rest, self._why = rest, why

    def clear_card(self) -> None:
        self._rest = self._why = ""
        self.card.clear()

    def show_pattern(self, text: str, can_step: bool) -> None:
        """The title of the pattern shown and whether it can be stepped; no text: none."""
        self.pages.setCurrentWidget(self.card if text else self.empty)
        self.title.setText(text)
        for button in (self.previous, self.next):
            # The window gives the buttons its actions (and their keys, T and Shift+T):
            # those are what must be on or off, or the next change of theirs undoes this.
            (button.defaultAction() or button).setEnabled(can_step)
