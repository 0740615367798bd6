"""The main window: body diagram, ranking panel, knowledge card, menus and undo."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from bodymap.advice import NOT_A_DIAGNOSIS, RED_FLAGS
from bodymap.api import BodyMap
from bodymap.errors import BodymapError
from bodymap.gui.model import AddMarkCommand, DrawingModel, SetMarksCommand
from bodymap.gui.panel import CandidateDelegate, CandidateRole, RankingModel, card_html
from bodymap.gui.scene import BodyScene, BodyView
from bodymap.gui.views import TAB_NAMES, BodyPanel
from bodymap.ids import VIEW_CAPTIONS, Side, landmark_label, side_label
from bodymap.marks import DEFAULT_RADIUS, Mark, PainDrawing
from bodymap.ranking import NOTE_NONE, Candidate
from bodymap.session import SUFFIX, Session, load_session, save_session

DISCLAIMER = f"<b>{html.escape(NOT_A_DIAGNOSIS)}</b> <a href='redflags'>When to see a doctor</a>"
RED_FLAGS_HTML = (
    "<h3>See a doctor promptly if the pain comes with</h3><ul>"
    + "".join(f"<li>{html.escape(flag)}</li>" for flag in RED_FLAGS)
    + "</ul>"
)
SESSION_FILTER = f"bodymap sessions (*{SUFFIX});;All files (*)"
RADII = (10.0, DEFAULT_RADIUS, 28.0, 40.0)


class MainWindow(QMainWindow):
    def __init__(self, bm: BodyMap, settings: QSettings | None = None) -> None:
        super().__init__()
        self.bm = bm
        self.settings = settings
        self.path: Path | None = None
        self.notes = ""  # kept from an opened session; no editor for them yet
        self.selected: tuple[str, Side] | None = None
        self.candidates: list[Candidate] = []
        self.undo = QUndoStack(self)
        self.model = DrawingModel(bm.atlas, bm.ranker, self)
        self.scenes = {v.name: BodyScene(v, self) for v in bm.atlas}
        self.panel = BodyPanel(self.scenes)
        for scene in self.scenes.values():
            scene.markDrawn.connect(self.add_mark)
            scene.hovered.connect(lambda info, name=scene.view.name: self._show_hover(name, info))
        self.panel.show_page(str(settings.value("view", "posterior")) if settings else "posterior")
        self.panel.pageChanged.connect(self._on_page)

        self.ranking = RankingModel()
        self.list = QListView()
        self.list.setModel(self.ranking)
        self.list.setItemDelegate(CandidateDelegate(self.list))
        self.list.setMouseTracking(True)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.entered.connect(self._on_entered)
        self.list.viewportEntered.connect(self._clear_preview)
        # Leaving the list (for the body, say) ends the preview too; Qt says nothing.
        self.list.viewport().installEventFilter(self)
        self.list.setAccessibleName("Ranked muscles")

        self.empty_hint = QLabel(
            "Click or drag on the body where it hurts.\nThe muscles that most often "
            "refer pain there will be listed here."
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #6b7280; padding: 24px;")

        self.browse = QComboBox()
        self.browse.addItem("Show a muscle's pattern…", None)
        for muscle in bm.catalogue:
            for pattern in bm.catalogue.patterns_of(muscle.id):
                self.browse.addItem(f"{muscle.name} ({side_label(pattern.side)})", pattern.key)
        self.browse.activated.connect(self._on_browse)

        self.card = QTextBrowser()
        self.card.setOpenExternalLinks(True)
        self.card.setPlaceholderText("Select a muscle to see its knowledge card.")

        self.ranking_notes = QLabel()
        self.ranking_notes.setWordWrap(True)
        self.ranking_notes.setAccessibleName("Notes on the ranking")
        self.ranking_notes.setStyleSheet(
            "background:#fff7ed; color:#7c2d12; padding:6px; border-radius:4px;"
        )
        self.ranking_notes.hide()

        self.notice = QLabel(DISCLAIMER)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.linkActivated.connect(lambda _: self.show_red_flags())
        self.notice.setStyleSheet(
            "background:#fef3c7; color:#78350f; padding:8px; border-radius:4px;"
        )

        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(6, 6, 6, 6)
        title = QLabel("<b>Candidate muscles</b>")
        layout.addWidget(title)
        layout.addWidget(self.ranking_notes)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.browse)
        layout.addWidget(self.card, 4)
        layout.addWidget(self.notice)

        splitter = QSplitter()
        splitter.addWidget(self.panel)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 440])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self._build_actions()
        self.model.changed.connect(self.refresh)
        self.undo.cleanChanged.connect(self._on_clean_changed)
        self.statusBar().showMessage(
            "Click to mark a spot, drag to paint an area. E switches to the eraser."
        )
        self.resize(QSize(1100, 860))
        self._update_title()
        self.refresh()

    # ----- actions -------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString()})" if shortcut else tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&New session", self.new_session, QKeySequence.StandardKey.New
        )
        self.open_action = self._action("&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.save_action = self._action("&Save", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(
            "Save &as…", self.save_as, QKeySequence.StandardKey.SaveAs
        )
        self.export_action = self._action(
            "&Export image or PDF…",
            self.export_dialog,
            "Ctrl+E",
            "Save the body map as PNG, SVG or PDF",
        )
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.undo_action = self.undo.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.clear_action = self._action(
            "&Clear all marks", self.clear, "Ctrl+Shift+Backspace", "Remove every mark"
        )

        tools = QActionGroup(self)
        self.paint_action = self._action(
            "&Paint", lambda: self.set_erasing(False), "P", "Mark where it hurts"
        )
        self.erase_action = self._action(
            "&Eraser", lambda: self.set_erasing(True), "E", "Rub out painted area"
        )
        for a in (self.paint_action, self.erase_action):
            a.setCheckable(True)
            tools.addAction(a)
        self.paint_action.setChecked(True)
        self.smaller_action = self._action("Smaller brush", lambda: self.step_radius(-1), "[")
        self.larger_action = self._action("Larger brush", lambda: self.step_radius(1), "]")

        self.labels_action = self._action(
            "Landmark &labels", self.toggle_labels, "L", "Show the names of the main landmarks"
        )
        self.labels_action.setCheckable(True)
        self.zoom_in_action = self._action(
            "Zoom &in", lambda: self.panel.zoom_by(1.25), QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_out_action = self._action(
            "Zoom &out", lambda: self.panel.zoom_by(0.8), QKeySequence.StandardKey.ZoomOut
        )
        self.reset_zoom_action = self._action(
            "&Fit body to window", self.panel.reset_zoom, "Ctrl+0"
        )
        self.view_actions = []
        for number, page in enumerate(self.panel.pages, 1):
            self.view_actions.append(
                self._action(
                    f"{TAB_NAMES[page]}",
                    lambda _=False, page=page: self.panel.show_page(page),
                    f"Ctrl+{number}",
                    VIEW_CAPTIONS.get(page, "All four views side by side"),
                )
            )
        self.hide_pattern_action = self._action("&Hide pattern", lambda: self.select(None), "Esc")
        red_flags = self._action("When to see a &doctor", self.show_red_flags)
        about = self._action("&About bodymap", self.show_about)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for a in (self.new_action, self.open_action, self.save_action, self.save_as_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = menu.addMenu("&Edit")
        for a in (self.undo_action, self.redo_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.clear_action)
        tool_menu = menu.addMenu("&Tools")
        for a in (self.paint_action, self.erase_action, self.smaller_action, self.larger_action):
            tool_menu.addAction(a)
        view_menu = menu.addMenu("&View")
        for a in self.view_actions:
            view_menu.addAction(a)
        view_menu.addSeparator()
        for a in (
            self.labels_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.reset_zoom_action,
            self.hide_pattern_action,
        ):
            view_menu.addAction(a)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(red_flags)
        help_menu.addAction(about)

        bar = QToolBar("Tools")
        bar.setObjectName("tools")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.paint_action, self.erase_action):
            bar.addAction(a)
        self.radius_box = QComboBox()
        for r in RADII:
            self.radius_box.addItem(
                {10.0: "Fine", DEFAULT_RADIUS: "Fingertip", 28.0: "Broad", 40.0: "Palm"}[r], r
            )
        self.radius_box.setCurrentIndex(RADII.index(DEFAULT_RADIUS))
        self.radius_box.setToolTip("Brush size ([ and ])")
        self.radius_box.currentIndexChanged.connect(lambda _: self._apply_radius())
        bar.addWidget(self.radius_box)
        bar.addSeparator()
        for a in (self.undo_action, self.redo_action, self.clear_action):
            bar.addAction(a)
        bar.addSeparator()
        bar.addAction(self.labels_action)
        bar.addAction(self.reset_zoom_action)
        self.addToolBar(bar)

    # ----- drawing -------------------------------------------------------------------
    def add_mark(self, mark: Mark) -> None:
        command = AddMarkCommand(self.model, mark)
        self.undo.push(command)  # runs redo(); a mark that changes nothing leaves no step
        if not command.applied:
            where = "on bare skin" if mark.erase else "outside the body or already painted"
            self.statusBar().showMessage(f"That mark is {where}; nothing changed.", 4000)

    def clear(self) -> None:
        if self.model.marks:
            self.undo.push(SetMarksCommand(self.model, (), "Clear all marks"))

    def set_erasing(self, erasing: bool) -> None:
        for scene in self.scenes.values():
            scene.erasing = erasing
        (self.erase_action if erasing else self.paint_action).setChecked(True)
        self.panel.set_cursor(
            Qt.CursorShape.PointingHandCursor if erasing else Qt.CursorShape.CrossCursor
        )

    def step_radius(self, step: int) -> None:
        index = min(max(self.radius_box.currentIndex() + step, 0), self.radius_box.count() - 1)
        self.radius_box.setCurrentIndex(index)

    def _apply_radius(self) -> None:
        for scene in self.scenes.values():
            scene.radius = float(self.radius_box.currentData())

    def toggle_labels(self) -> None:
        for scene in self.scenes.values():
            scene.labels.setVisible(self.labels_action.isChecked())

    # ----- ranking and patterns -----------------------------------------------------
    def refresh(self) -> None:
        levels = self.model.drawing.levels
        dirty = self.model.dirty
        for name, scene in self.scenes.items():
            if dirty is None or name in dirty:
                scene.set_pain(levels.get(name), dirty[name] if dirty else None)
        self.candidates = self.model.ranking(top=15)
        notes = self.bm.notes(self.model.drawing, self.candidates)
        shown_notes = [n for n in notes if n != NOTE_NONE]
        self.ranking_notes.setText("\n\n".join(shown_notes))
        self.ranking_notes.setVisible(bool(shown_notes))
        keep = self.selected
        self.ranking.set_candidates(self.candidates)
        has = bool(self.candidates)
        self.list.setVisible(has)
        self.empty_hint.setVisible(not has)
        if not has and self.model.marks:
            self.empty_hint.setText(NOTE_NONE)
        elif not has:
            self.empty_hint.setText(
                "Click or drag on the body where it hurts.\nThe muscles that most often "
                "refer pain there will be listed here."
            )
        row = self.ranking.row_of(keep)
        if row >= 0:
            self.list.selectionModel().blockSignals(True)
            self.list.setCurrentIndex(self.ranking.index(row))
            self.list.selectionModel().blockSignals(False)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        candidate: Candidate | None = current.data(CandidateRole) if current.isValid() else None
        self.select((candidate.muscle, candidate.side) if candidate else None)

    def _on_entered(self, index: QModelIndex) -> None:
        candidate: Candidate | None = index.data(CandidateRole)
        self.preview((candidate.muscle, candidate.side) if candidate else None)

    def _on_browse(self, index: int) -> None:
        key = self.browse.itemData(index)
        if key is not None:
            self.select(tuple(key))
            row = self.ranking.row_of(self.selected)
            if row < 0:
                self.list.clearSelection()
        self.browse.setCurrentIndex(0)

    def select(self, key: tuple[str, Side] | None) -> None:
        """Overlay a muscle's pattern on the body and show its knowledge card."""
        self.selected = key
        pattern = self.bm.catalogue.pattern(*key) if key else None
        for scene in self.scenes.values():
            scene.pattern.set_pattern(pattern)
            scene.preview.set_pattern(None)
        self.panel.mark_tabs(set(pattern.layers) if pattern else set())
        if pattern is None:
            self.card.clear()
            self.list.setCurrentIndex(QModelIndex())  # so clicking it again selects it again
            return
        self.card.setHtml(card_html(pattern.muscle, self.bm.catalogue, pattern.side))

    def _clear_preview(self) -> None:
        self.preview(None)

    def preview(self, key: tuple[str, Side] | None) -> None:
        """A lighter overlay while the pointer rests on a candidate."""
        pattern = self.bm.catalogue.pattern(*key) if key and key != self.selected else None
        for scene in self.scenes.values():
            scene.preview.set_pattern(pattern)

    def _show_hover(self, view: str, info: tuple[float, float, str | None] | None) -> None:
        if info is None:
            self.statusBar().showMessage("Outside the body")
            return
        _, _, name = info
        where = f"near {landmark_label(name)}" if name else "on the body"
        self.statusBar().showMessage(f"{TAB_NAMES.get(view, view)} view: {where}")

    def _on_page(self, page: str) -> None:
        if self.settings is not None:
            self.settings.setValue("view", page)

    @property
    def body(self) -> BodyView:
        """The body view in front (the back view on the "All views" page)."""
        return self.panel.current

    @property
    def scene(self) -> BodyScene:
        scene = self.body.scene()
        assert isinstance(scene, BodyScene)
        return scene

    # ----- files ----------------------------------------------------------------------
    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_title(self) -> None:
        name = self.path.name if self.path else "Untitled"
        self.setWindowTitle(f"{name}[*] — bodymap")

    def session(self) -> Session:
        return Session(self.model.marks, self.selected, self.notes)

    def new_session(self) -> None:
        if not self.confirm_discard():
            return
        self.undo.clear()
        self.model.set_marks(())
        self.select(None)
        self.panel.reset_zoom()
        self.path = None
        self._update_title()

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        name, _ = QFileDialog.getOpenFileName(
            self, "Open session", self._last_dir(), SESSION_FILTER
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open a session; if anything in it is wrong, the current work stays as it was."""
        try:
            session = load_session(path)
            for mark in session.marks:
                self.bm.atlas.view(mark.view)
            PainDrawing(self.bm.atlas, session.marks)  # every mark can be applied
        except Exception as exc:  # a bad file must never cost the open session
            QMessageBox.warning(self, "Cannot open session", str(exc))
            return False
        self.undo.clear()
        self.model.set_marks(session.marks)
        self.path = path
        self.notes = session.notes
        self._remember_dir(path)
        selected = (
            session.selected
            if session.selected and session.selected[0] in self.bm.catalogue
            else None
        )
        self.select(selected)
        self.refresh()
        self.undo.setClean()
        self._update_title()
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        start = str(self.path) if self.path else str(Path(self._last_dir()) / f"session{SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self, "Save session", start, SESSION_FILTER)
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
            # The dialog asked about the name without the suffix; ask about this one.
            if path.exists() and (
                QMessageBox.question(
                    self, "Replace file?", f"{path.name} already exists. Replace it?"
                )
                != QMessageBox.StandardButton.Yes
            ):
                return False
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            save_session(path, self.session())
        except BodymapError as exc:
            QMessageBox.warning(self, "Cannot save", str(exc))
            return False
        self.path = path
        self._remember_dir(path)
        self.undo.setClean()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def export_dialog(self) -> None:
        start = str(Path(self._last_dir()) / "bodymap.png")
        name, _ = QFileDialog.getSaveFileName(
            self, "Export", start, "PNG image (*.png);;PDF (*.pdf);;SVG (*.svg)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        from bodymap.gui.render import render_to_file

        if path.suffix.lower() not in (".png", ".pdf", ".svg"):
            path = path.with_suffix(".png")
        pattern = self.bm.catalogue.pattern(*self.selected) if self.selected else None
        try:
            render_to_file(
                self.bm,
                self.model.drawing,
                pattern,
                list(self.scenes),
                path,
                labels=self.labels_action.isChecked(),
            )
        except BodymapError as exc:
            QMessageBox.warning(self, "Cannot export", str(exc))
            return False
        self.statusBar().showMessage(f"Exported {path}", 4000)
        return True

    def confirm_discard(self) -> bool:
        """True when there is nothing unsaved, or the user chose to save or discard it."""
        if self.undo.isClean():
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "This session has marks that are not saved. Save them first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _last_dir(self) -> str:
        value = self.settings.value("last_dir", "") if self.settings else ""
        return str(value) if value else str(Path.home())

    def _remember_dir(self, path: Path) -> None:
        if self.settings is not None:
            self.settings.setValue("last_dir", str(path.parent))

    # ----- dialogs and window events ------------------------------------------------
    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list.viewport() and event.type() == QEvent.Type.Leave:
            self._clear_preview()
        return super().eventFilter(watched, event)

    def show_red_flags(self) -> None:
        QMessageBox.information(self, "When to see a doctor", RED_FLAGS_HTML)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About bodymap",
            "<h3>bodymap 0.1</h3><p>Marks where it hurts and lists the muscles whose trigger "
            "points most often refer pain there, from published referred-pain descriptions "
            "drawn in our own words. It is an aid to examination, not a diagnosis.</p>",
        )

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_discard():
            if self.settings is not None:
                self.settings.setValue("geometry", self.saveGeometry())
            event.accept()
        else:
            event.ignore()
