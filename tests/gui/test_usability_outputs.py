"""Findings of the usability test (issue 15) about what leaves the app and what the
smallest window shows: the handout keeps the patient's notes whole, an exported picture
says whose it is and what its marks mean in type that can be read on paper, and at the
smallest window the whole body, heels included, is in view and clear of the legend."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from bodymap import BodyMap
from bodymap.cli import main
from bodymap.errors import BodymapError
from bodymap.files.session import Session, save_session
from bodymap.gui.handout import NOTES_CONTINUED, render_handout
from bodymap.gui.output import check_written
from bodymap.gui.render import (
    DISCLAIMER,
    PAIN_KEY,
    RenderReport,
    render_to_file,
)
from bodymap.gui.views import ALL
from bodymap.gui.window import MainWindow

NOTES = (
    "Pain began three weeks ago after a long drive to the coast and has been getting "
    "slowly worse. It is worst when getting up from a chair after sitting for more than "
    "half an hour, and it eases a little with walking. Sleeping on the right side wakes "
    "her at night. Paracetamol helps for a few hours. She has had no numbness, no "
    "weakness in the leg, no change in bladder or bowel, no fever and no weight loss. "
    "Previous episode two years ago settled with physiotherapy in about six weeks. Works "
    "at a desk, cycles at weekends, and would like to keep running twice a week."
)
CALF = (
    "Pain in the calf",
    "A calf that is also swollen, warm, red or tender may have a blood clot (DVT) and "
    "needs a doctor the same day.",
)
WHO = "Jane Doe · 21 November 2026"


def _words(report: RenderReport) -> str:
    """All the page's text as one string, line breaks and wrapping undone."""
    return " ".join(" ".join(text.split()) for text, _ in report.texts)


def _sciatica(bm: BodyMap, notes: str = NOTES) -> Session:
    """Pain down the side of the right leg to the ankle, with a name, a date and notes:
    three muscles, a calf flag, a full page."""
    marks = bm.marks(
        [
            "posterior:right-upper-outer-buttock",
            "posterior:right-greater-trochanter",
            "right-lateral:right-lateral-thigh-mid",
            "right-lateral:right-lateral-leg-mid",
            "posterior:right-calf-mid",
        ]
    )
    return Session(tuple(marks), None, notes, patient="Jane Doe", date="2026-11-21")


def _pdf_text(pdf: Path) -> str | None:
    """What a PDF reader finds on the page (pdftotext), or None without poppler."""
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())


# ----- 1. the handout keeps the notes -----------------------------------------------------
def test_a_paragraph_of_notes_is_printed_whole_with_three_muscles_and_a_flag(
    bm: BodyMap, tmp_path: Path
) -> None:
    assert 550 <= len(NOTES) <= 650
    session = _sciatica(bm)
    out = tmp_path / "handout.pdf"
    report = render_handout(bm, session, out, [CALF])
    words = _words(report)
    assert " ".join(NOTES.split()) in words, "a word of the notes is missing"
    assert "continued" not in words and "…" not in words
    assert words.count("What may help") == 3  # no muscle gave way to the notes
    assert CALF[0] in words
    text = _pdf_text(out)
    if text is not None:  # and a PDF reader finds every word on the page too
        assert "weakness in the leg" in text and "running twice a week." in text


def test_notes_too_long_for_the_page_are_cut_after_a_whole_word_and_say_so(
    bm: BodyMap, tmp_path: Path
) -> None:
    paragraph = "It started after moving house three weeks ago and wakes me at night. " * 8
    notes = "\n".join([paragraph.strip()] * 12)
    report = render_handout(bm, _sciatica(bm, notes), tmp_path / "long.pdf", [CALF])
    (drawn,) = [t for t, _ in report.texts if t.startswith("It started")]
    assert drawn.endswith(NOTES_CONTINUED)
    shown = " ".join(drawn[: -len(NOTES_CONTINUED)].split())
    whole = " ".join(notes.split())
    assert whole.startswith(shown) and whole[len(shown)] == " ", shown[-40:]  # a whole word
    # ... and the notes take the room there is: the next thing down the page (the red
    # box) starts less than three lines below them.
    (box,) = [b for t, b in report.texts if t == drawn]
    line = box[3] / len(drawn.splitlines())
    below = min(b[1] for _, b in report.texts if b[1] > box[1] + box[3])
    assert below - (box[1] + box[3]) < 3 * line


# ----- 2. exported pictures say whose they are and what they show ----------------------
KEY = ("Muscle shown: Gluteus minimus (right)", "Main area", "X: trigger point", PAIN_KEY)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
@pytest.mark.parametrize("views", [["posterior"], ALL])
def test_every_export_has_the_name_the_date_a_key_and_a_readable_footer(
    bm: BodyMap, tmp_path: Path, suffix: str, views: list[str] | str
) -> None:
    names = list(bm.atlas.names) if views == ALL else list(views)
    session = _sciatica(bm)
    drawing, _ = bm.drawing(session.marks)
    pattern = bm.catalogue.pattern("gluteus_minimus", "right")
    out = tmp_path / f"map{suffix}"
    report = render_to_file(
        bm, drawing, pattern, names, out, patient=session.patient, date=session.date
    )
    texts = [t for t, _ in report.texts]
    assert WHO in texts and DISCLAIMER in texts
    for words in KEY:
        assert any(t.startswith(words) for t in texts), words
    if suffix == ".pdf":
        assert report.points[DISCLAIMER] >= 7, "the footer is too small to read on paper"
        assert min(report.points.values()) >= 7
        text = _pdf_text(out)
        if text is not None:
            for words in (WHO, "Muscle shown: Gluteus minimus (right)", "Not a diagnosis"):
                assert words in text
    elif suffix == ".svg":
        svg = out.read_text(encoding="utf-8")
        for words in (WHO, "Muscle shown: Gluteus minimus (right)", "Blue: pain the patient"):
            assert words in svg
    else:  # the key's samples are painted where the report says: red zone, blue marks
        image = QImage(str(out))
        samples = dict(report.samples)
        assert set(samples) >= {"essential", "trigger_point", "pain"}
        x, y, w, h = samples["essential"]
        red = QColor(image.pixel(round(x + w / 2), round(y + h / 2)))
        assert red.red() > red.blue() + 60, red.name()
        x, y, w, h = samples["pain"]
        severe = QColor(image.pixel(round(x + w * 5 / 6), round(y + h / 2)))
        assert severe.blue() > severe.red() + 30, severe.name()


def test_a_picture_without_a_name_or_date_does_not_invent_them(bm: BodyMap, tmp_path: Path) -> None:
    drawing, _ = bm.drawing(bm.marks(["posterior:right-psis"]))
    report = render_to_file(bm, drawing, None, ["posterior"], tmp_path / "map.svg")
    texts = [t for t, _ in report.texts]
    assert not any("·" in t for t in texts)
    assert "Key" in texts and PAIN_KEY in texts  # the marks are still explained
    assert not any(t.startswith("Muscle shown") for t in texts)


def test_the_windows_export_carries_the_patients_name_date_and_the_muscle(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    for mark in _sciatica(window.bm).marks:
        window.tools.add_mark(mark)
    window.details.set_values("Jane Doe", "2026-11-21", "")
    window.display.select(("gluteus_minimus", "right"))
    out = tmp_path / "map.svg"
    assert window.exports.export_to(out)
    svg = out.read_text(encoding="utf-8")
    assert (
        WHO in svg and "Muscle shown: Gluteus minimus (right)" in svg and "Not a diagnosis" in svg
    )


def test_bodymap_render_puts_the_sessions_name_and_date_on_the_picture(
    bm: BodyMap, tmp_path: Path
) -> None:
    path = tmp_path / "jane.bodymap"
    save_session(path, _sciatica(bm))
    out = tmp_path / "map.svg"
    args = ["render", "--session", str(path), "--muscle", "gluteus_minimus:right"]
    assert main([*args, "--view", "all", "--out", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert WHO in svg and "Muscle shown: Gluteus minimus (right)" in svg


def test_bodymap_render_into_a_missing_folder_is_one_line_and_writes_nothing(
    bm: BodyMap, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "map.pdf"
    assert main(["render", "--at", "posterior:right-psis", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not out.parent.exists()


@pytest.mark.parametrize("suffix", [".pdf", ".svg", ".png"])
def test_a_file_cut_short_is_refused_before_it_could_replace_anything(
    bm: BodyMap, tmp_path: Path, suffix: str
) -> None:
    """What a full disk leaves of a picture (a PDF writer does not even say) fails the
    check that runs before the old file is replaced; the whole file passes it."""
    drawing, _ = bm.drawing(bm.marks(["posterior:right-psis"]))
    out = tmp_path / f"map{suffix}"
    render_to_file(bm, drawing, None, ["posterior"], out)
    check_written(out)
    data = out.read_bytes()
    for cut in (b"", data[: len(data) // 2], data[:-12]):
        short = tmp_path / f".map{suffix}.cut.tmp"
        short.write_bytes(cut)
        with pytest.raises(BodymapError, match="incomplete"):
            check_written(short, out)


# ----- 4. the smallest window shows the whole body, clear of the legend ---------------
def _body_is_whole_and_clear(window: MainWindow) -> list[str]:
    """What is wrong on the page shown: a body not wholly in its view, or the legend over
    a body's outline."""
    problems = []
    legend = window.panel.legend
    assert not legend.isHidden(), "the legend should be up for this check"
    for view in window.panel.visible_views():
        name = view.body_scene.view.name
        port = view.viewport().rect()
        outline = view.body_scene.view.outline
        x0, y0, x1, y1 = outline.bounds
        body = view.mapFromScene(x0, y0, x1 - x0, y1 - y0).boundingRect()
        if not port.contains(body):
            problems.append(f"{name}: the body {body.getRect()} is cut by its view {port}")
        corner = view.viewport().mapFrom(window.panel, legend.pos())
        covered = QRect(corner, legend.size()).intersected(port)
        if covered.isEmpty():
            continue
        under = view.mapToScene(covered).boundingRect()
        box = shapely.box(under.left(), under.top(), under.right(), under.bottom())
        if outline.intersects(box):
            problems.append(f"{name}: the legend covers the body")
    return problems


def test_at_the_smallest_window_every_view_shows_the_body_to_the_heels_clear_of_the_legend(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    for mark in _sciatica(window.bm).marks:
        window.tools.add_mark(mark)
    window.display.select(("gluteus_minimus", "right"))  # the legend at its fullest
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: window.size() == window.minimumSize())
    problems = []
    for page in window.panel.pages:
        window.panel.show_page(page)
        qtbot.wait(20)
        problems += _body_is_whole_and_clear(window)
        window.actions["zoom_in"].trigger()
        window.actions["fit"].trigger()  # Ctrl+0 brings it all back
        problems += _body_is_whole_and_clear(window)
    window.grab().save(str(tmp_path / "smallest.png"))  # to look at when this fails
    assert problems == []


def test_the_legend_coming_and_going_refits_the_body(qtbot: QtBot, window: MainWindow) -> None:
    """A muscle chosen at the smallest size moves the body clear of the legend; with
    nothing to explain the legend goes and the body takes the room back."""
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: window.size() == window.minimumSize())
    window.panel.show_page("posterior")
    qtbot.wait(20)
    free = window.panel.current.transform().m11()
    window.display.select(("soleus", "right"))
    assert _body_is_whole_and_clear(window) == []
    assert window.panel.current.transform().m11() < free  # made room
    window.display.select(None)
    assert window.panel.legend.isHidden()
    assert window.panel.current.transform().m11() == pytest.approx(free)


def test_fitting_with_no_legend_fills_the_view_as_before(qtbot: QtBot, window: MainWindow) -> None:
    view = window.panel.current
    port = view.viewport().rect()
    x0, y0, x1, y1 = view.body_scene.view.outline.bounds
    body = view.mapFromScene(x0, y0, x1 - x0, y1 - y0).boundingRect()
    assert port.contains(body)
    # the body as large as the view allows: touching its top and bottom, or its sides
    assert body.height() > 0.85 * port.height() or body.width() > 0.85 * port.width()
