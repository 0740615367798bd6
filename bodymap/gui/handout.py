"""The one-page handout a clinician gives the patient: their drawing, the muscles worth
having examined (each with a small picture of its pattern and what may help), their
notes, and the notice that this is not a diagnosis.

The page is laid out in tenths of a millimetre inside the 10 mm margins of an A4 sheet,
with fonts sized in the same units, and then scaled onto whatever paints it: a PDF page,
a PNG, or the printer the print dialog chose. So Ctrl+P and ``bodymap render --session
FILE --out handout.pdf`` give the same page.

What the page says (which muscles, their reasons, what may help, the flags, the notes)
is worked out without Qt, in :mod:`bodymap.handout`; this module lays it out and paints it.

It must stay one page. The layout is measured before it is painted: the drawing shrinks
first, then fewer self-care lines are shown and the pattern pictures shrink; the notes
are shown whole as long as that can be done. Only then are the notes cut (at a word,
ending "… (continued in the session file)"), then fewer muscles shown, and only then is
the whole page scaled down. Long text wraps between words and is cut after a whole word
with an ellipsis rather than run off the page. Every text's box is recorded, as
``bodymap render`` does, so the tests can check that nothing overlaps or leaves the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from bodymap.advice import NOT_A_DIAGNOSIS, SEE_A_DOCTOR
from bodymap.api import BodyMap
from bodymap.drawing import PainDrawing
from bodymap.errors import BodymapError
from bodymap.files.session import Session
from bodymap.gui import painting
from bodymap.gui.handout_pictures import (
    intensity_legend,
    pattern_legend,
    pattern_painter,
    view_painter,
)
from bodymap.gui.handout_text import (
    ALARM_HEADING,
    BODY,
    BODY_BOLD,
    HEADING,
    HEIGHT,
    LABEL,
    LABEL_BOLD,
    MARGIN_MM,
    NAME,
    NOTICE,
    NOTICE_BOLD,
    REASON,
    RULE,
    TITLE,
    WIDTH,
    Canvas,
    Style,
    line_height,
    rule,
    wrap,
)
from bodymap.gui.output import begin_painting, prepare_output, save_png, written_whole
from bodymap.gui.render import RenderReport
from bodymap.handout import (
    INTRO,
    MAX_CANDIDATES,
    HandoutCandidate,
    HandoutContent,
    date_in_words,
    handout_content,
    sentence,
)
from bodymap.ids import SHOWN_LARGER, VIEW_TITLES, views_to_show

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

__all__ = [
    "MAX_CANDIDATES",
    "NOTES_CONTINUED",
    "HandoutCandidate",
    "HandoutContent",
    "date_in_words",
    "handout_content",
    "handout_page_layout",
    "paint_handout",
    "print_handout",
    "render_handout",
]

PNG_DPI = 150

SECTION_GAP = 45.0
VIEW_GAP = 50.0
MIN_DRAWING, COMFORTABLE_DRAWING, MAX_DRAWING = 520.0, 680.0, 900.0
"""How tall the four views may be (52 to 90 mm), and how tall they are before the
self-care lines start to give way to them."""
PICTURE_WIDTH, PICTURE_HEIGHT, SMALL_PICTURE_HEIGHT = 300.0, 330.0, 250.0
"""A candidate's pattern picture: 30 mm wide, 33 mm tall, or 25 mm on a crowded page."""
TINY_PICTURE_HEIGHT = 210.0
"""The picture on a page that would otherwise cut the patient's notes: 21 mm."""
COLUMN = PICTURE_WIDTH + 40.0
HEADER_FIELDS = 760.0
"""Where the name and date fields start, right of the title."""


def handout_page_layout() -> QPageLayout:
    """A4 portrait with 10 mm margins: give it to a printer before its dialog opens."""
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )


def paint_handout(painter: QPainter, content: HandoutContent, page: QRectF) -> RenderReport:
    """Paint the handout into ``page`` (device units, inside the paper's margins): the
    layout is scaled to the page's width, or its height if that is tighter."""
    fit, natural = _choose_fit(content)
    scale = min(page.width() / WIDTH, page.height() / max(HEIGHT, natural))
    device = painter.device()
    report = RenderReport(page=(float(device.width()), float(device.height())))
    painter.save()
    painter.translate(page.left() + (page.width() - WIDTH * scale) / 2, page.top())
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _lay_out(Canvas(painter, report), content, fit)
    painter.restore()
    return report


def print_handout(printer: QPrinter, content: HandoutContent) -> RenderReport:
    """Print the handout on the page the print dialog set up: any paper size works, and
    :func:`handout_page_layout` is the one to offer first."""
    painter = QPainter()
    if not painter.begin(printer):
        raise BodymapError("the printer could not start printing")
    try:
        return paint_handout(painter, content, QRectF(0, 0, printer.width(), printer.height()))
    finally:
        painter.end()


def render_handout(
    bm: BodyMap, session: Session, out: Path, flags: Sequence[tuple[str, str]] = ()
) -> RenderReport:
    """Write the handout to ``out``: a PDF, or with a .png suffix an image of the whole
    sheet at 150 dots per inch. Written whole or not at all: to a temporary file beside
    ``out``, checked, then moved into place, so a failure leaves any old file as it was."""
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".png"):
        raise BodymapError(f"{out}: the handout is written as .pdf or .png")
    prepare_output(out)
    content = handout_content(bm, session, flags)
    with written_whole(out) as tmp:
        if suffix == ".png":
            return _write_png(content, tmp, out)
        return _write_pdf(content, tmp, out)


def _write_pdf(content: HandoutContent, tmp: Path, out: Path) -> RenderReport:
    writer = QPdfWriter(str(tmp))
    writer.setPageLayout(handout_page_layout())
    writer.setTitle(" - ".join(p for p in ("Where it hurts", content.patient) if p))
    writer.setCreator("bodymap")
    painter = QPainter()
    begin_painting(painter, writer, out)
    try:
        return paint_handout(painter, content, QRectF(0, 0, writer.width(), writer.height()))
    finally:
        painter.end()


def _write_png(content: HandoutContent, tmp: Path, out: Path) -> RenderReport:
    dots_per_mm = PNG_DPI / 25.4
    image = QImage(round(210 * dots_per_mm), round(297 * dots_per_mm), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dots_per_mm * 1000))
    image.setDotsPerMeterY(round(dots_per_mm * 1000))
    image.fill(QColor("white"))
    margin = MARGIN_MM * dots_per_mm
    page = QRectF(0, 0, image.width(), image.height()).adjusted(margin, margin, -margin, -margin)
    painter = QPainter()
    begin_painting(painter, image, out)
    try:
        report = paint_handout(painter, content, page)
    finally:
        painter.end()
    save_png(image, tmp, out)
    return report


# --- fitting the page ------------------------------------------------------------------


ALL_LINES = 1_000_000
"""As many note lines as the notes have: the whole of them."""
MIN_NOTE_LINES = 4
"""Cut notes keep at least this many lines while a muscle can give way to them."""
NOTES_CONTINUED = "… (continued in the session file)"
"""How notes cut short end, after the last whole word that fits."""


@dataclass(frozen=True)
class _Fit:
    """How much of the content the page shows."""

    bullets: int
    note_lines: int
    candidates: int
    drawing: float
    """The smallest the drawing may be: the fuller fits keep it comfortably large, since
    the drawing is what the page is about."""
    picture: float = PICTURE_HEIGHT


FITS = (
    _Fit(4, ALL_LINES, 3, COMFORTABLE_DRAWING),
    _Fit(3, ALL_LINES, 3, COMFORTABLE_DRAWING),
    _Fit(3, ALL_LINES, 3, MIN_DRAWING),
    _Fit(2, ALL_LINES, 3, MIN_DRAWING),
    _Fit(2, ALL_LINES, 3, MIN_DRAWING, SMALL_PICTURE_HEIGHT),
    _Fit(2, ALL_LINES, 3, MIN_DRAWING, TINY_PICTURE_HEIGHT),
    _Fit(1, ALL_LINES, 3, MIN_DRAWING, SMALL_PICTURE_HEIGHT),
    _Fit(1, ALL_LINES, 3, MIN_DRAWING, TINY_PICTURE_HEIGHT),
)
"""From the fullest to the tightest, every one with the notes whole: the patient's own
words give way last. The first that fits the page is used."""
CUT_FITS = (
    _Fit(1, MIN_NOTE_LINES, 3, MIN_DRAWING, TINY_PICTURE_HEIGHT),
    _Fit(1, MIN_NOTE_LINES, 2, MIN_DRAWING, TINY_PICTURE_HEIGHT),
    _Fit(1, 2, 2, MIN_DRAWING, TINY_PICTURE_HEIGHT),
)
"""When even the tightest fit cannot hold the whole notes: they take every line left on
the page (at least ``note_lines``), cut at a word with :data:`NOTES_CONTINUED`."""


def _choose_fit(content: HandoutContent) -> tuple[_Fit, float]:
    """The fullest fit whose natural height fits the page, with the drawing grown into
    whatever room is left; and that height (above ``HEIGHT`` only if nothing fits)."""
    measure = Canvas()
    for fit in FITS:
        used = _lay_out(measure, content, fit)
        if used <= HEIGHT:
            grow = min(MAX_DRAWING - fit.drawing, HEIGHT - used)
            return replace(fit, drawing=fit.drawing + grow), used + grow
    for fit in CUT_FITS:
        used = _lay_out(measure, content, fit)
        if used <= HEIGHT:
            return _most_note_lines(measure, content, fit)
    return CUT_FITS[-1], _lay_out(measure, content, CUT_FITS[-1])


def _most_note_lines(measure: Canvas, content: HandoutContent, fit: _Fit) -> tuple[_Fit, float]:
    """``fit`` with as many note lines as the page holds (``fit.note_lines`` does)."""
    low, high = fit.note_lines, len(wrap(content.notes, BODY.font, WIDTH, ALL_LINES))
    used = _lay_out(measure, content, fit)
    while low < high:
        middle = (low + high + 1) // 2
        height = _lay_out(measure, content, replace(fit, note_lines=middle))
        if height <= HEIGHT:
            low, used = middle, height
        else:
            high = middle - 1
    return replace(fit, note_lines=low), used


# --- drawing text and shapes -------------------------------------------------------------


# --- the sections, top to bottom ---------------------------------------------------------


def _lay_out(canvas: Canvas, content: HandoutContent, fit: _Fit) -> float:
    """Lay the page out from the top; return the height it needs. The notice sits at the
    foot of the page when there is room, like the small print of a form."""
    y = _header(canvas, content, 0.0)
    y = _drawing(canvas, content.drawing, y, fit.drawing)
    y = _candidates(canvas, content, y, fit)
    y = _notes(canvas, content.notes, y, fit.note_lines)
    height = _notice(Canvas(), content.flags, 0.0)
    _notice(canvas, content.flags, max(y, HEIGHT - height))
    return y + height


def _header(canvas: Canvas, content: HandoutContent, y: float) -> float:
    """The title, and beside it the name and date on lines like a form's (blank ones to
    fill in by hand)."""
    title = canvas.text(0, y, HEADER_FIELDS - 40, "Where it hurts", TITLE, max_lines=1)
    width = WIDTH - HEADER_FIELDS
    below_name = _field(canvas, "Name", content.patient, HEADER_FIELDS, y, width) + 16
    below_date = _field(canvas, "Date", content.date, HEADER_FIELDS, below_name, width)
    return max(y + title, below_date) + SECTION_GAP


def _field(canvas: Canvas, label: str, value: str, x: float, y: float, width: float) -> float:
    """A label and its value on a rule; return where the rule is."""
    label_width = 120.0
    ascent = QFontMetricsF(NAME.font).ascent() - QFontMetricsF(LABEL.font).ascent()
    canvas.text(x, y + ascent, label_width, label, LABEL)
    height = line_height(NAME)
    if value:
        height = canvas.text(x + label_width, y, width - label_width, value, NAME, max_lines=2)
    rule(canvas, x, y + height + 6, width)
    return y + height + 6


def _drawing(canvas: Canvas, drawing: PainDrawing, y: float, height: float) -> float:
    """The body's views in a row, each cropped to the body and captioned, and what the
    blues mean. The soles show only when they are marked (:func:`~bodymap.ids.views_to_show`),
    and then larger than the body's scale (:data:`~bodymap.ids.SHOWN_LARGER`)."""
    marked = {mark.view for mark in drawing.marks}
    views = [drawing.atlas.view(v) for v in views_to_show(drawing.atlas.names, marked)]
    crops = [painting.body_rect(v, 10) for v in views]
    zooms = [SHOWN_LARGER.get(v.name, 1.0) for v in views]
    scale = height / max(c.height() * z for c, z in zip(crops, zooms, strict=True))
    scales = [scale * z for z in zooms]
    widths = [c.width() * s for c, s in zip(crops, scales, strict=True)]
    gap = min(VIEW_GAP * 3, (WIDTH - sum(widths)) / max(1, len(views) - 1))
    x = (WIDTH - sum(widths) - gap * (len(views) - 1)) / 2
    caption = line_height(LABEL) + 14
    for view, crop, width, view_scale in zip(views, crops, widths, scales, strict=True):
        words = VIEW_TITLES.get(view.name, view.name)
        centre = Qt.AlignmentFlag.AlignHCenter
        canvas.text(x - gap / 2, y, width + gap, words, LABEL, align=centre)
        canvas.draw(view_painter(drawing, view, crop, QPointF(x, y + caption), view_scale))
        x += width + gap
    y += caption + height + 24
    if not drawing.is_empty():
        y = intensity_legend(canvas, y)
    return y + SECTION_GAP


def _candidates(canvas: Canvas, content: HandoutContent, y: float, fit: _Fit) -> float:
    """The muscles worth having examined, or plainly why there are none."""
    y += canvas.text(0, y, WIDTH, "Muscles worth having examined", HEADING) + 14
    message = content.no_candidates
    if message is not None:
        return y + canvas.text(0, y, WIDTH, message, BODY, max_lines=2) + SECTION_GAP
    y += canvas.text(0, y, WIDTH, INTRO, REASON, max_lines=2) + 16
    y = pattern_legend(canvas, y) + 30
    for number, candidate in enumerate(content.candidates[: fit.candidates], 1):
        rule(canvas, 0, y, WIDTH)
        y = _candidate(canvas, number, candidate, y + 20, fit) + 20
    return y + SECTION_GAP - 20


def _candidate(
    canvas: Canvas, number: int, candidate: HandoutCandidate, y: float, fit: _Fit
) -> float:
    """Picture on the left; name, fit, the plain reason and what may help on the right."""
    picture = QRectF(0, y, PICTURE_WIDTH, fit.picture)
    canvas.draw(pattern_painter(candidate, picture))
    below = canvas.text(
        0,
        picture.bottom() + 8,
        PICTURE_WIDTH,
        candidate.caption,
        LABEL,
        align=Qt.AlignmentFlag.AlignHCenter,
    )
    x, width = COLUMN, WIDTH - COLUMN
    pill = _pill(canvas, candidate.fit, x + width, y)
    y += canvas.text(x, y, width - pill - 30, f"{number}. {candidate.title}", NAME, 2) + 8
    y += canvas.text(x, y, width, candidate.reason, REASON, max_lines=3) + 14
    if candidate.self_care[: fit.bullets]:
        y += canvas.text(x, y, width, "What may help", LABEL_BOLD) + 4
        for line in candidate.self_care[: fit.bullets]:
            canvas.text(x + 6, y, 30, "•", BODY)
            y += canvas.text(x + 40, y, width - 40, sentence(line), BODY, max_lines=2) + 4
    return max(y, picture.bottom() + 8 + below)


def _pill(canvas: Canvas, words: str, right: float, y: float) -> float:
    """The fit in words in a rounded tag at the right; return its width."""
    width = QFontMetricsF(LABEL_BOLD.font).horizontalAdvance(words) + 40
    height = line_height(LABEL_BOLD) + 10
    rect = QRectF(right - width, y + (line_height(NAME) - height) / 2, width, height)

    def paint(p: QPainter) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(238, 242, 255))
        p.drawRoundedRect(rect, height / 2, height / 2)

    canvas.draw(paint)
    canvas.text(
        rect.left(),
        rect.top() + 5,
        width,
        words,
        Style(31, (55, 48, 163), True),
        align=Qt.AlignmentFlag.AlignHCenter,
    )
    return width


def _notes(canvas: Canvas, notes: str, y: float, max_lines: int) -> float:
    if not notes:
        return y
    y += canvas.text(0, y, WIDTH, "Notes", NAME) + 8
    height = canvas.text(0, y, WIDTH, notes, BODY, max_lines=max_lines, more=NOTES_CONTINUED)
    return y + height + SECTION_GAP


def _notice(canvas: Canvas, flags: Sequence[tuple[str, str]], y: float) -> float:
    """The red flags for where the pain is, boxed in red, then the not-a-diagnosis notice;
    return the height used."""
    top = y
    if flags:

        def write_flags(c: Canvas, x: float, y: float, width: float) -> float:
            start = y
            y += c.text(x, y, width, "Because of where you marked pain", ALARM_HEADING) + 10
            for title, advice in flags:
                y += c.text(x, y, width, title, BODY_BOLD, max_lines=2) + 2
                y += c.text(x, y, width, advice, BODY, max_lines=5) + 12
            return y - 12 - start

        y += _boxed(canvas, y, QColor(254, 242, 242), QColor(220, 38, 38), write_flags) + 24

    def write_notice(c: Canvas, x: float, y: float, width: float) -> float:
        height = c.text(x, y, width, NOT_A_DIAGNOSIS, NOTICE_BOLD, max_lines=3) + 6
        return height + c.text(x, y + height, width, SEE_A_DOCTOR, NOTICE, max_lines=3)

    y += _boxed(canvas, y, QColor(243, 244, 246), RULE, write_notice)
    return y - top


Writer = Callable[[Canvas, float, float, float], float]


def _boxed(canvas: Canvas, y: float, fill: QColor, edge: QColor, write: Writer) -> float:
    """Words in a full-width rounded box: measured first, so the box goes under them."""
    pad = 30.0
    height = write(Canvas(), pad, y + pad, WIDTH - 2 * pad) + 2 * pad

    def paint(p: QPainter) -> None:
        p.setPen(QPen(edge, 3.0))
        p.setBrush(fill)
        p.drawRoundedRect(QRectF(0, y, WIDTH, height), 14, 14)

    canvas.draw(paint)
    write(canvas, pad, y + pad, WIDTH - 2 * pad)
    return height
