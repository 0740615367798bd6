"""The one-page handout a patient takes home: everything on one A4 page, nothing
overlapping or cut off, and the things they need to read actually on it."""

from __future__ import annotations

import contextlib
import json
import locale
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from bodymap import BodyMap
from bodymap.advice import NOT_A_DIAGNOSIS
from bodymap.cli import main
from bodymap.files.session import Session, save_session
from bodymap.gui.handout import handout_page_layout, print_handout, render_handout
from bodymap.gui.render import RenderReport
from bodymap.handout import date_in_words, handout_content

NOTES = "Worse after sitting for an hour.\nEases when walking."
CALF = (
    "Pain in the calf",
    "A calf that is also swollen, warm, red or tender may have a blood clot (DVT) and "
    "needs a doctor the same day.",
)


def _session(bm: BodyMap, **changes: str) -> Session:
    marks = bm.marks(["posterior:right-psis", "posterior:right-upper-outer-buttock"])
    fields: dict[str, Any] = {
        "patient": "Jane Doe",
        "date": "2026-11-21",
        "notes": NOTES,
        **changes,
    }
    return Session(tuple(marks), **fields)


def _words(report: RenderReport) -> str:
    """All the page's text as one string, line breaks and wrapping undone."""
    return " ".join(" ".join(text.split()) for text, _ in report.texts)


def pdf_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def _assert_tidy(report: RenderReport) -> None:
    page = QRectF(0, 0, *report.page)
    for text, box in report.texts:
        assert page.contains(QRectF(*box)), f"{text!r} at {box} runs off the {report.page} page"
    for (t1, b1), (t2, b2) in combinations(report.texts, 2):
        assert not QRectF(*b1).intersects(QRectF(*b2)), f"{t1!r} overlaps {t2!r}"


@pytest.mark.parametrize("suffix", [".pdf", ".png"])
def test_the_handout_is_one_tidy_a4_page(bm: BodyMap, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"handout{suffix}"
    report = render_handout(bm, _session(bm), out)
    _assert_tidy(report)
    if suffix == ".pdf":
        assert pdf_pages(out) == 1
        assert b"Where it hurts - Jane Doe" in out.read_bytes()  # the PDF's title
    else:  # the whole sheet at 150 dots per inch
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1240, 1754)


def test_it_says_who_when_what_may_help_and_that_it_is_not_a_diagnosis(
    bm: BodyMap, tmp_path: Path
) -> None:
    session = _session(bm)
    report = render_handout(bm, session, tmp_path / "handout.pdf")
    words = _words(report)
    best = handout_content(bm, session).candidates[0]
    assert "Jane Doe" in words and "21 November 2026" in words
    assert " ".join(NOTES.split()) in words
    assert best.title in words and "fit" in best.fit
    assert best.self_care[0].lower() in words.lower()
    assert NOT_A_DIAGNOSIS in words
    assert "No pain was marked" not in words


def test_at_most_three_muscles_each_with_a_picture_view_the_pain_touched(bm: BodyMap) -> None:
    content = handout_content(bm, _session(bm), top=10)
    assert 1 <= len(content.candidates) <= 3
    assert all(c.view.name == "posterior" for c in content.candidates)


def test_a_long_name_and_very_long_notes_still_fit_one_page(bm: BodyMap, tmp_path: Path) -> None:
    name = "Maria Fernanda de los Angeles Gonzalez-Rodriguez y Vasconcelos " * 4
    notes = (
        "It started after moving house three weeks ago and wakes me at night. " * 8 + "\n"
    ) * 12
    out = tmp_path / "long.pdf"
    report = render_handout(bm, _session(bm, patient=name, notes=notes), out, [CALF])
    _assert_tidy(report)
    assert pdf_pages(out) == 1
    words = _words(report)
    assert "Maria Fernanda" in words and "…" in words  # cut, and shown to be cut
    assert CALF[0] in words and NOT_A_DIAGNOSIS in words


def test_an_empty_session_says_plainly_that_no_pain_was_marked(bm: BodyMap, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    report = render_handout(bm, Session(), out)
    _assert_tidy(report)
    assert pdf_pages(out) == 1
    words = _words(report)
    assert "No pain was marked" in words and NOT_A_DIAGNOSIS in words
    assert "What may help" not in words
    assert not any(month in words for month in ("January", "November"))  # a blank date line


def test_pain_no_muscle_explains_is_said_plainly_too(bm: BodyMap, tmp_path: Path) -> None:
    session = Session(tuple(bm.marks(["posterior:t8"])))  # the spine itself, no muscle's
    report = render_handout(bm, session, tmp_path / "t8.pdf")
    _assert_tidy(report)
    assert "No muscle that bodymap knows" in _words(report)


def test_location_flags_passed_in_are_on_the_page(bm: BodyMap, tmp_path: Path) -> None:
    both_legs = (
        "Pain in both legs",
        "If your legs go numb or weak, go to an emergency department.",
    )
    report = render_handout(bm, _session(bm), tmp_path / "flags.pdf", [CALF, both_legs])
    _assert_tidy(report)
    words = _words(report)
    for title, advice in (CALF, both_legs):
        assert title in words and advice in words


def test_printing_paints_the_same_page(bm: BodyMap, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(handout_page_layout())
    content = handout_content(bm, _session(bm))
    printed = print_handout(printer, content)
    written = render_handout(bm, _session(bm), tmp_path / "written.pdf")
    _assert_tidy(printed)
    assert pdf_pages(tmp_path / "printed.pdf") == 1
    assert [t for t, _ in printed.texts] == [t for t, _ in written.texts]


LOCALES = ("de_DE", "ar_EG", "ja_JP")


def _set_c_locale(name: str) -> str | None:
    """Switch the C library's locale to ``name``; the name it took, or None."""
    for candidate in (f"{name}.UTF-8", f"{name}.utf8", name, name.replace("_", "-")):
        try:
            return locale.setlocale(locale.LC_ALL, candidate)
        except locale.Error:
            continue
    return None


@pytest.fixture(scope="session")
def compiled_locales(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A folder of :data:`LOCALES` for ``LOCPATH``, compiled with glibc's ``localedef``
    for a system that has the sources but not the locales installed (None: not needed,
    or not possible here)."""
    saved = locale.setlocale(locale.LC_ALL)
    try:
        missing = [name for name in LOCALES if _set_c_locale(name) is None]
    finally:
        locale.setlocale(locale.LC_ALL, saved)
    localedef = shutil.which("localedef")
    if not missing or localedef is None:
        return None
    folder = tmp_path_factory.mktemp("locales")
    for name in missing:
        subprocess.run(
            [localedef, "-i", name, "-f", "UTF-8", str(folder / f"{name}.UTF-8")],
            capture_output=True,
            check=False,
        )
    return folder


@contextlib.contextmanager
def switched_locale(name: str) -> Iterator[bool]:
    """Qt's default locale, and the C library's where it can be, as ``name``; both put
    back after. Yields whether the C library's was switched too."""
    qt_before = QLocale()
    c_before = locale.setlocale(locale.LC_ALL)
    QLocale.setDefault(QLocale(name))
    try:
        yield _set_c_locale(name) is not None
    finally:
        locale.setlocale(locale.LC_ALL, c_before)
        QLocale.setDefault(qt_before)


@pytest.mark.parametrize("name", LOCALES)
def test_dates_read_in_words_in_every_locale(
    bm: BodyMap,
    tmp_path: Path,
    name: str,
    compiled_locales: Path | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if compiled_locales is not None:
        monkeypatch.setenv("LOCPATH", str(compiled_locales))
    english_qt = QLocale().monthName(1)
    c_before = locale.setlocale(locale.LC_ALL)
    with switched_locale(name) as c_switched:
        # The switch is real: Qt (and the C library, when it has the locale) now name
        # the months in another language...
        assert QLocale().name() == name and QLocale().monthName(1) != english_qt
        if c_switched:
            assert time.strftime("%B", (2026, 1, 5, 0, 0, 0, 0, 5, 0)) != "January"
        # ...and the dates on the handout still read the same.
        assert date_in_words("2026-11-21") == "21 November 2026"
        assert date_in_words("2026-01-05") == "5 January 2026"
        assert date_in_words("") == ""
        assert date_in_words("2026-02-30") == "2026-02-30"  # shown as written, never a crash
        report = render_handout(bm, _session(bm), tmp_path / "handout.pdf")
        assert "21 November 2026" in _words(report)
    assert QLocale().monthName(1) == english_qt  # both put back
    assert locale.setlocale(locale.LC_ALL) == c_before


def _saved(bm: BodyMap, tmp_path: Path) -> Path:
    path = tmp_path / "jane.bodymap"
    save_session(path, _session(bm))
    return path


def test_cli_writes_the_handout_for_a_session(bm: BodyMap, tmp_path: Path) -> None:
    session = _saved(bm, tmp_path)
    out = tmp_path / "handout.pdf"
    assert main(["render", "--session", str(session), "--out", str(out)]) == 0
    assert pdf_pages(out) == 1 and b"Where it hurts - Jane Doe" in out.read_bytes()
    png = tmp_path / "handout.png"
    assert main(["render", "--session", str(session), "--handout", "--out", str(png)]) == 0
    assert QImage(str(png)).height() == 1754


def test_cli_map_only_still_draws_the_body_map(bm: BodyMap, tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    assert (
        main(["render", "--session", str(_saved(bm, tmp_path)), "--map-only", "--out", str(out)])
        == 0
    )
    assert pdf_pages(out) == 1 and b"Where it hurts" not in out.read_bytes()


def test_cli_a_truncated_session_is_one_line_naming_the_file(
    bm: BodyMap, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.bodymap"
    text = json.dumps(_session(bm).to_json(), indent=2)
    broken.write_text(text[: len(text) // 2])
    out = tmp_path / "handout.pdf"
    assert main(["render", "--session", str(broken), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(broken) in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("out", "message"),
    [("missing/handout.pdf", "does not exist"), ("handout.svg", "written as .pdf or .png")],
)
def test_cli_an_impossible_output_is_one_clear_line(
    bm: BodyMap, tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, message: str
) -> None:
    args = ["render", "--session", str(_saved(bm, tmp_path)), "--handout", "--out"]
    assert main([*args, str(tmp_path / out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
