"""The Visits window: one patient's sessions in date order, two of them overlaid."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from bodymap.gui.window import MainWindow

VISITS = sorted((Path(__file__).resolve().parents[2] / "examples" / "visits").glob("*.bodymap"))


def test_the_visits_are_listed_in_date_order_and_the_first_and_last_compared(
    qtbot: QtBot, window: MainWindow
) -> None:
    shown = window.show_visits(list(reversed(VISITS)))
    assert shown is not None
    qtbot.addWidget(shown)
    table = shown.table

    def cell(row: int, col: int) -> str:
        item = table.item(row, col)
        assert item is not None
        return item.text()

    dates = [cell(r, 0) for r in range(table.rowCount())]
    assert dates == ["2026-09-01", "2026-09-22", "2026-10-13"]
    painted = [float(cell(r, 1)) for r in range(table.rowCount())]
    assert painted[0] > painted[1] > painted[2]
    assert cell(0, 2) == "" and cell(1, 2).startswith("-")
    # The first and the last visit, overlaid, and said in words.
    assert (shown.earlier.currentIndex(), shown.later.currentIndex()) == (0, 2)
    text = shown.summary.text()
    assert "2026-09-01" in text and "2026-10-13" in text and "Overlap of the drawings" in text
    assert shown.overlay.views() == ["posterior"]
    shown.later.setCurrentIndex(1)
    assert "2026-09-22" in shown.summary.text()
    image = shown.overlay.grab().toImage()
    assert not image.isNull() and image.width() > 100


def test_a_damaged_session_is_refused_plainly(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.bodymap"
    bad.write_text(json.dumps({"format": "something else"}))
    said: list[Any] = []
    monkeypatch.setattr(window.dialogs, "alert", lambda *args: said.append(args))
    assert window.show_visits([VISITS[0], bad]) is None
    ((title, plain, details),) = said
    assert title == "Visits" and "not a bodymap session" in plain and "bad.bodymap" in details


def test_the_report_is_one_page_for_the_patient_s_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    shown = window.show_visits(VISITS)
    assert shown is not None
    qtbot.addWidget(shown)
    out = tmp_path / "visits.pdf"
    shown.save_report(out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1


def test_a_report_that_cannot_be_written_is_said_plainly_and_leaves_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = window.show_visits(VISITS)
    assert shown is not None
    qtbot.addWidget(shown)
    said: list[Any] = []
    monkeypatch.setattr(window.dialogs, "alert", lambda *args: said.append(args))
    out = tmp_path / "missing-folder" / "visits.pdf"
    assert not shown.write(out, "report", "Visits report", "saved", lambda: shown.save_report(out))
    ((title, plain, details),) = said
    assert title == "Visits report" and "could not be saved" in plain and "visits.pdf" in details
    assert not out.exists()
