"""Presentation mode: one muscle at a time, full screen, in large type, for a patient.

The views where the muscle's pain goes fill the left of the screen (the others are left
out, so a pattern drawn on one view gets all the room; the patient's own marks stay on
them), its name and card in large type the right. The arrow keys step through the
muscles (the compared ones after a comparison, else the ranked ones when there is a
ranking, else the whole catalogue): left and right for the previous and next muscle, up
and down through its trigger points; Esc leaves. It follows the window's
:class:`DisplayState`, so the muscle shown when it closes stays shown (the window puts
a comparison back as it was).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget
from typing_extensions import override

from bodymap.gui.legend import LegendOverlay
from bodymap.gui.scene import BodyScene, BodyView
from bodymap.gui.state import DisplayState, Key
from bodymap.ids import SHOWN_LARGER, VIEW_TITLES, VIEWS, side_label

KEYS = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Space,
}
HINT = "← → previous and next muscle   ·   ↑ ↓ trigger points   ·   Esc to leave"
COMPARED_HINT = "← → the compared muscles   ·   ↑ ↓ trigger points   ·   Esc back to the comparison"
LINK = "#1d4ed8"  # on the white paper, whichever the theme


class PresentationWindow(QWidget):
    closed = Signal()

    def __init__(
        self,
        state: DisplayState,
        scenes: Mapping[str, BodyScene],
        order: Callable[[], Sequence[Key]],
        card_html: Callable[[Key], str],
        comparing: bool = False,
    ) -> None:
        """``order``: the muscles the arrow keys step through; ``comparing``: they are
        the muscles of a comparison (the hint and the subtitle say so)."""
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("bodymap — presentation")
        self.setAccessibleName("Presentation")
        self.state = state
        self.scenes = scenes
        self.order = order
        self.card_html = card_html
        self.comparing = comparing
        self.setStyleSheet("background: white; color: #111827;")

        self.views: dict[str, BodyView] = {}
        self.captions: dict[str, QLabel] = {}
        self.columns: dict[str, QWidget] = {}
        body = QHBoxLayout()
        body.setSpacing(12)
        body.setContentsMargins(0, 0, 0, 0)
        for name in VIEWS:
            if name not in scenes:
                continue
            # A column is a widget, so a hidden one takes no room at all.
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(VIEW_TITLES[name])
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setFont(_font(16))
            view = BodyView(scenes[name])
            view.setFrameShape(BodyView.Shape.NoFrame)
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys step muscles
            view.setAccessibleName(f"{VIEW_TITLES[name]} view")
            column.addWidget(caption)
            column.addWidget(view, 1)
            body.addWidget(holder, round(view.fit_rect.width() * SHOWN_LARGER.get(name, 1.0)))
            self.views[name] = view
            self.captions[name] = caption
            self.columns[name] = holder
        self.bodies = QWidget()
        self.bodies.setLayout(body)
        self.legend = LegendOverlay(self)
        self.legend.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self.legend.scale = 1.5

        self.title = QLabel()
        self.title.setFont(_font(34, bold=True))
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Muscle")
        self.subtitle = QLabel()
        self.subtitle.setFont(_font(18))
        self.subtitle.setStyleSheet("color: #4b5563;")
        self.card = QTextBrowser()
        self.card.setFont(_font(18))
        self.card.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.card.setAccessibleName("Knowledge card")
        self.card.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.card.document().setDefaultStyleSheet(f"a {{ color: {LINK}; }}")
        hint = QLabel(COMPARED_HINT if comparing else HINT)
        hint.setFont(_font(14))
        hint.setStyleSheet("color: #6b7280;")
        side = QVBoxLayout()
        side.addWidget(self.title)
        side.addWidget(self.subtitle)
        side.addWidget(self.legend)
        side.addWidget(self.card, 1)
        side.addWidget(hint)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.addWidget(self.bodies, 3)
        layout.addLayout(side, 2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        state.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        key = self.state.selected
        pattern = self.state.pattern()
        compared = self.state.compared_patterns()
        shown = {v for p in ([pattern] if pattern else compared) for v in p.layers}
        for name, column in self.columns.items():
            column.setVisible(not shown or name in shown)
        if key is None:
            self.title.setText("Choose a muscle")
            self.subtitle.setText("Use the arrow keys to step through the muscles.")
            self.card.clear()
        else:
            name = self.state.catalogue.muscle(key[0]).name
            self.title.setText(f"{name} ({side_label(key[1])})")
            position = self.state.trigger_point_position()
            what = f"Trigger point {position[0]} of {position[1]}" if position else "Whole pattern"
            keys = list(self.order()) if self.comparing else []
            if key in keys:
                what = f"Compared muscle {keys.index(key) + 1} of {len(keys)}   ·   {what}"
            self.subtitle.setText(what)
            self.card.setHtml(self.card_html(key))
        self.legend.show_state(
            pattern,
            compared,
            self.state.trigger_point_position(),
            any(s.pain.paths for s in self.scenes.values()),
            self.state.whole_pattern(),
        )
        self.legend.setFixedSize(self.legend.sizeHint())
        for view in self.views.values():
            view.reset_zoom()

    def step_muscle(self, step: int) -> None:
        keys = list(self.order())
        if not keys:
            return
        current = self.state.selected
        muscles = [k[0] for k in keys]
        if current in keys:  # the same muscle may be compared on both sides
            index = (keys.index(current) + step) % len(keys)
        elif current is not None and current[0] in muscles:
            index = (muscles.index(current[0]) + step) % len(keys)
        else:
            index = 0 if step > 0 else len(keys) - 1
        self.state.select(keys[index])

    @override
    def event(self, event: QEvent) -> bool:
        # Its keys are its own: the window behind has shortcuts on Esc and the letters.
        override_ = event.type() == QEvent.Type.ShortcutOverride
        if override_ and isinstance(event, QKeyEvent) and event.key() in KEYS:
            event.accept()
            return True
        return super().event(event)

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.step_muscle(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.step_muscle(-1)
        elif key == Qt.Key.Key_Down:
            self.state.step_trigger_point(1)
        elif key == Qt.Key.Key_Up:
            self.state.step_trigger_point(-1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        self.state.changed.disconnect(self.refresh)
        self.closed.emit()
        super().closeEvent(event)


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font
