"""The one-page handout a clinician gives the patient: their drawing, the muscles worth
having examined (each with a small picture of its pattern and what may help), their
notes, and the notice that this is not a diagnosis.

The page is laid out in tenths of a millimetre inside the 10 mm margins of an A4 sheet,
with fonts sized in the same units, and then scaled onto whatever paints it: a PDF page,
a PNG, or the printer the print dialog chose. So Ctrl+P and ``bodymap render --session
FILE --out handout.pdf`` give the same page.

It must stay one page. The layout is measured before it is painted: the drawing shrinks
first, then fewer self-care lines are shown and the pattern pictures shrink; the notes
are shown whole as long as that can be done. Only then are the notes cut (at a word,
ending "… (continued in the session file)"), then fewer muscles shown, and only then is
the whole page scaled down. Long text wraps between words and is cut after a whole word
with an ellipsis rather than run off the page. Every text's box is recorded, as
``bodymap render`` does, so the tests can check that nothing overlaps or leaves the page.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import shapely
from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer

from bodymap.advice import NOT_A_DIAGNOSIS, SEE_A_DOCTOR
from bodymap.api import BodyMap
from bodymap.atlas import View
from bodymap.catalogue import Pattern
from bodymap.errors import BodymapError
from bodymap.gui import painting
from bodymap.gui.render import RenderReport, _begin, _save_png, prepare_output, written_whole
from bodymap.ids import VIEW_TITLES, side_label
from bodymap.kinds import ZoneKind
from bodymap.marks import Intensity, PainDrawing
from bodymap.session import Session

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

MAX_CANDIDATES = 3
MARGIN_MM = 10.0
UNITS_PER_MM = 10.0
WIDTH = (210.0 - 2 * MARGIN_MM) * UNITS_PER_MM
"""The printable area of an A4 page inside the margins, in layout units (0.1 mm)."""
HEIGHT = (297.0 - 2 * MARGIN_MM) * UNITS_PER_MM
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
PICTURE_MARGIN = 45.0
MIN_CROP_HEIGHT = 400.0
"""View units a pattern picture shows at least: a small pattern keeps enough of the body
around it to be recognisable."""
COLUMN = PICTURE_WIDTH + 40.0
HEADER_FIELDS = 760.0
"""Where the name and date fields start, right of the title."""

INK = (17, 24, 39)
MUTED = (75, 85, 99)
RULE = QColor(209, 213, 219)
ALARM = (153, 27, 27)

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class _Style:
    size: float
    colour: tuple[int, int, int] = INK
    bold: bool = False

    @property
    def font(self) -> QFont:
        return _font(self.size, self.bold)


TITLE = _Style(72, bold=True)
HEADING = _Style(50, bold=True)
NAME = _Style(42, bold=True)
BODY = _Style(36)
BODY_BOLD = _Style(36, bold=True)
REASON = _Style(34, MUTED)
NOTICE = _Style(34)
NOTICE_BOLD = _Style(34, bold=True)
LABEL = _Style(30, MUTED)
LABEL_BOLD = _Style(30, MUTED, bold=True)
ALARM_HEADING = _Style(42, ALARM, bold=True)


@functools.cache
def _font(size: float, bold: bool) -> QFont:
    """A font sized in layout units, unhinted so that what is measured is what prints."""
    font = painting.unit_font(size, bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@dataclass(frozen=True)
class HandoutCandidate:
    """One muscle worth having examined, in the words the patient reads."""

    title: str
    fit: str
    reason: str
    self_care: tuple[str, ...]
    pattern: Pattern
    view: View
    """The view its picture shows: where its pattern is largest."""


@dataclass(frozen=True)
class HandoutContent:
    """Everything the page says; ``flags`` are (title, advice) of location red flags."""

    patient: str
    date: str
    """The visit's date in words ("21 November 2026"), or empty for a line to fill in."""
    notes: str
    drawing: PainDrawing
    candidates: tuple[HandoutCandidate, ...]
    flags: tuple[tuple[str, str], ...] = ()


def date_in_words(iso: str) -> str:
    """ "2026-11-21" as "21 November 2026", the same in every locale; "" stays ""."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def handout_content(
    bm: BodyMap, session: Session, flags: Sequence[tuple[str, str]] = (), top: int = 3
) -> HandoutContent:
    """The handout of a session: its drawing ranked, the best ``top`` (at most three)."""
    drawing, _ = bm.drawing(session.marks)
    ranking = bm.rank_drawing(drawing, top=max(0, min(top, MAX_CANDIDATES)))
    candidates = []
    for c in ranking:
        pattern = bm.catalogue.pattern(c.muscle, c.side)
        matched = {m.view for m in c.matches}
        candidates.append(
            HandoutCandidate(
                title=f"{c.name} ({side_label(c.side)})",
                fit=f"{c.fit} fit",
                reason=c.plain_reason,
                self_care=bm.catalogue.muscle(c.muscle).card.self_care,
                pattern=pattern,
                view=bm.atlas.view(_picture_view(pattern, matched)),
            )
        )
    return HandoutContent(
        session.patient.strip(),
        date_in_words(session.date),
        session.notes.strip(),
        drawing,
        tuple(candidates),
        tuple(flags),
    )


def _picture_view(pattern: Pattern, matched: set[str]) -> str:
    """Where the pattern is largest, among the views the pain touched when it touched any
    (the picture should show the part of the pattern the patient recognises)."""
    views = [v for v in pattern.layers if v in matched] or list(pattern.layers)
    return max(views, key=lambda v: sum(g.area for _, g in pattern.layers[v].by_kind()))


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
    _lay_out(_Canvas(painter, report), content, fit)
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
    _begin(painter, writer, out)
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
    _begin(painter, image, out)
    try:
        report = paint_handout(painter, content, page)
    finally:
        painter.end()
    _save_png(image, tmp, out)
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
    measure = _Canvas()
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


def _most_note_lines(measure: _Canvas, content: HandoutContent, fit: _Fit) -> tuple[_Fit, float]:
    """``fit`` with as many note lines as the page holds (``fit.note_lines`` does)."""
    low, high = fit.note_lines, len(_wrap(content.notes, BODY.font, WIDTH, ALL_LINES))
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


class _Canvas:
    """Measures text, and paints it too when it has a painter: one layout function both
    sizes the page and draws it, so the two cannot disagree."""

    def __init__(self, painter: QPainter | None = None, report: RenderReport | None = None):
        self.painter = painter
        self.report = report

    def text(
        self,
        x: float,
        y: float,
        width: float,
        words: str,
        style: _Style,
        max_lines: int = 1,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        more: str = "…",
    ) -> float:
        """Write ``words`` wrapped to ``width`` from (x, y); return the height used."""
        text = "\n".join(_wrap(words, style.font, width, max_lines, more))
        flags = int(align | Qt.AlignmentFlag.AlignTop)
        metrics = QFontMetricsF(style.font)
        height = metrics.boundingRect(QRectF(x, y, width, 1e5), flags, text).height()
        if self.painter is not None and self.report is not None:
            rect = QRectF(x, y, width, height)
            self.painter.setFont(style.font)
            self.painter.setPen(QColor(*style.colour))
            box = self.painter.transform().mapRect(self.painter.boundingRect(rect, flags, text))
            self.painter.drawText(rect, flags, text)
            self.report.texts.append((text, (box.x(), box.y(), box.width(), box.height())))
        return height

    def draw(self, paint: Callable[[QPainter], None]) -> None:
        """Shapes: painted only when painting, and always inside save/restore."""
        if self.painter is not None:
            self.painter.save()
            paint(self.painter)
            self.painter.restore()


def _wrap(text: str, font: QFont, width: float, max_lines: int, more: str = "…") -> list[str]:
    """Lines no wider than ``width``, broken between words (inside a word only when it is
    wider than a line), at most ``max_lines`` of them: a long name or note must never
    push the page over. When there is more, the last line ends with ``more`` after the
    last whole word that fits, never in the middle of one."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            start = line.textStart()
            lines.append(paragraph[start : start + line.textLength()].strip())
        layout.endLayout()
    max_lines = max(1, max_lines)
    if len(lines) <= max_lines:
        return lines
    return [*lines[: max_lines - 1], _cut(lines[max_lines - 1], font, width, more)]


def _cut(line: str, font: QFont, width: float, more: str) -> str:
    """``line`` shortened by whole words until it and ``more`` fit ``width``."""
    metrics = QFontMetricsF(font)

    def ending(words: str) -> str:
        words = words.rstrip(" ,;:.-\u2013\u2014")
        joiner = " " if words and not more.startswith("…") else ""
        return f"{words}{joiner}{more}" if words else more.lstrip()

    words = line.split(" ")
    while len(words) > 1 and metrics.horizontalAdvance(ending(" ".join(words))) > width:
        words.pop()
    tail = " ".join(words)
    while tail and metrics.horizontalAdvance(ending(tail)) > width:
        tail = tail[:-1]  # one word wider than the line: only then inside a word
    return ending(tail)


def _line_height(style: _Style) -> float:
    return QFontMetricsF(style.font).height()


def _rule(canvas: _Canvas, x: float, y: float, width: float) -> None:
    def paint(p: QPainter) -> None:
        p.setPen(QPen(RULE, 2.5))
        p.drawLine(QPointF(x, y), QPointF(x + width, y))

    canvas.draw(paint)


# --- the sections, top to bottom ---------------------------------------------------------


def _lay_out(canvas: _Canvas, content: HandoutContent, fit: _Fit) -> float:
    """Lay the page out from the top; return the height it needs. The notice sits at the
    foot of the page when there is room, like the small print of a form."""
    y = _header(canvas, content, 0.0)
    y = _drawing(canvas, content.drawing, y, fit.drawing)
    y = _candidates(canvas, content, y, fit)
    y = _notes(canvas, content.notes, y, fit.note_lines)
    height = _notice(_Canvas(), content.flags, 0.0)
    _notice(canvas, content.flags, max(y, HEIGHT - height))
    return y + height


def _header(canvas: _Canvas, content: HandoutContent, y: float) -> float:
    """The title, and beside it the name and date on lines like a form's (blank ones to
    fill in by hand)."""
    title = canvas.text(0, y, HEADER_FIELDS - 40, "Where it hurts", TITLE, max_lines=1)
    width = WIDTH - HEADER_FIELDS
    below_name = _field(canvas, "Name", content.patient, HEADER_FIELDS, y, width) + 16
    below_date = _field(canvas, "Date", content.date, HEADER_FIELDS, below_name, width)
    return max(y + title, below_date) + SECTION_GAP


def _field(canvas: _Canvas, label: str, value: str, x: float, y: float, width: float) -> float:
    """A label and its value on a rule; return where the rule is."""
    label_width = 120.0
    ascent = QFontMetricsF(NAME.font).ascent() - QFontMetricsF(LABEL.font).ascent()
    canvas.text(x, y + ascent, label_width, label, LABEL)
    height = _line_height(NAME)
    if value:
        height = canvas.text(x + label_width, y, width - label_width, value, NAME, max_lines=2)
    _rule(canvas, x, y + height + 6, width)
    return y + height + 6


def _drawing(canvas: _Canvas, drawing: PainDrawing, y: float, height: float) -> float:
    """The four views in a row, each cropped to the body and captioned, and what the
    blues mean."""
    views = list(drawing.atlas)
    crops = [painting.body_rect(v, 10) for v in views]
    scale = height / max(c.height() for c in crops)
    widths = [c.width() * scale for c in crops]
    gap = min(VIEW_GAP * 3, (WIDTH - sum(widths)) / max(1, len(views) - 1))
    x = (WIDTH - sum(widths) - gap * (len(views) - 1)) / 2
    caption = _line_height(LABEL) + 14
    for view, crop, width in zip(views, crops, widths, strict=True):
        words = VIEW_TITLES.get(view.name, view.name)
        centre = Qt.AlignmentFlag.AlignHCenter
        canvas.text(x - gap / 2, y, width + gap, words, LABEL, align=centre)
        canvas.draw(_view_painter(drawing, view, crop, QPointF(x, y + caption), scale))
        x += width + gap
    y += caption + height + 24
    if not drawing.is_empty():
        y = _intensity_legend(canvas, y)
    return y + SECTION_GAP


def _view_painter(
    drawing: PainDrawing, view: View, crop: QRectF, at: QPointF, scale: float
) -> Callable[[QPainter], None]:
    def paint(p: QPainter) -> None:
        p.translate(at)
        p.scale(scale, scale)
        p.translate(-crop.topLeft())
        p.setClipRect(crop)
        painting.paint_art(p, QSvgRenderer(str(view.art_path)), view)
        painting.paint_pain(p, painting.pain_paths(drawing.levels.get(view.name)))

    return paint


def _intensity_legend(canvas: _Canvas, y: float) -> float:
    items = [
        (
            level.value.capitalize(),
            _swatch(painting.INTENSITY_FILL[level], painting.INTENSITY_EDGE[level]),
        )
        for level in Intensity
    ]
    return _legend(canvas, "How much it hurts:", items, y, centred=True)


Swatch = Callable[[QRectF, QPainter], None]
"""Paints a legend's sample in a box (the box first, so it can be bound ahead)."""


def _swatch(fill: QColor, edge: QColor, hatched: bool = False) -> Swatch:
    def paint(box: QRectF, p: QPainter) -> None:
        p.setPen(QPen(edge, 2.0))
        p.setBrush(fill)
        p.drawRoundedRect(box, 5, 5)
        if hatched:
            square = shapely.box(box.left(), box.top(), box.right(), box.bottom())
            p.setPen(QPen(edge, 1.6))
            p.drawPath(painting.lines_to_path(painting.hatch(square, 8.0)))

    return paint


def _cross(box: QRectF, p: QPainter) -> None:
    p.setPen(QPen(painting.TRP_COLOUR, 3.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawPath(painting.crosses_path([(box.center().x(), box.center().y())], arm=10.0))


def _legend(
    canvas: _Canvas, title: str, items: Sequence[tuple[str, Swatch]], y: float, centred: bool
) -> float:
    """One line of swatches with their words (measured, so it can be centred)."""
    metrics = QFontMetricsF(LABEL.font)
    swatch, gap = 44.0, 14.0
    widths = [metrics.horizontalAdvance(words) + 4 for words, _ in items]
    title_width = QFontMetricsF(LABEL_BOLD.font).horizontalAdvance(title) + 8
    total = title_width + sum(swatch + gap + w for w in widths) + 40 * len(items)
    x = (WIDTH - total) / 2 if centred else 0.0
    height = _line_height(LABEL)
    canvas.text(x, y, title_width, title, LABEL_BOLD)
    x += title_width + 40
    for (words, paint), width in zip(items, widths, strict=True):
        box = QRectF(x, y + (height - 28) / 2, swatch, 28)
        canvas.draw(functools.partial(paint, box))
        canvas.text(x + swatch + gap, y, width, words, LABEL)
        x += swatch + gap + width + 40
    return y + height


def _candidates(canvas: _Canvas, content: HandoutContent, y: float, fit: _Fit) -> float:
    """The muscles worth having examined, or plainly why there are none."""
    y += canvas.text(0, y, WIDTH, "Muscles worth having examined", HEADING) + 14
    if content.drawing.is_empty():
        message = "No pain was marked on the body diagrams, so there are no muscles to suggest."
        return y + canvas.text(0, y, WIDTH, message, BODY, max_lines=2) + SECTION_GAP
    if not content.candidates:
        message = (
            "No muscle that bodymap knows usually sends pain to where you marked it. "
            "Your clinician can look for other causes."
        )
        return y + canvas.text(0, y, WIDTH, message, BODY, max_lines=2) + SECTION_GAP
    intro = "Tender spots (trigger points) in these muscles often send pain to where you marked it."
    y += canvas.text(0, y, WIDTH, intro, REASON, max_lines=2) + 16
    y = _pattern_legend(canvas, y) + 30
    for number, candidate in enumerate(content.candidates[: fit.candidates], 1):
        _rule(canvas, 0, y, WIDTH)
        y = _candidate(canvas, number, candidate, y + 20, fit) + 20
    return y + SECTION_GAP - 20


def _pattern_legend(canvas: _Canvas, y: float) -> float:
    items = [
        (
            "Where its pain usually goes",
            _swatch(painting.ZONE_FILL[ZoneKind.ESSENTIAL], painting.ZONE_EDGE[ZoneKind.ESSENTIAL]),
        ),
        (
            "Where it can spread",
            _swatch(
                painting.ZONE_FILL[ZoneKind.SPILLOVER],
                painting.ZONE_EDGE[ZoneKind.SPILLOVER],
                hatched=True,
            ),
        ),
        ("The trigger point", _cross),
    ]
    return _legend(canvas, "In the pictures:", items, y, centred=False)


def _candidate(
    canvas: _Canvas, number: int, candidate: HandoutCandidate, y: float, fit: _Fit
) -> float:
    """Picture on the left; name, fit, the plain reason and what may help on the right."""
    picture = QRectF(0, y, PICTURE_WIDTH, fit.picture)
    canvas.draw(_pattern_painter(candidate, picture))
    caption = f"{VIEW_TITLES.get(candidate.view.name, candidate.view.name)} view"
    below = canvas.text(
        0,
        picture.bottom() + 8,
        PICTURE_WIDTH,
        caption,
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
            y += canvas.text(x + 40, y, width - 40, _sentence(line), BODY, max_lines=2) + 4
    return max(y, picture.bottom() + 8 + below)


def _sentence(text: str) -> str:
    """A self-care line as a sentence: capital first, full stop last."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _pill(canvas: _Canvas, words: str, right: float, y: float) -> float:
    """The fit in words in a rounded tag at the right; return its width."""
    width = QFontMetricsF(LABEL_BOLD.font).horizontalAdvance(words) + 40
    height = _line_height(LABEL_BOLD) + 10
    rect = QRectF(right - width, y + (_line_height(NAME) - height) / 2, width, height)

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
        _Style(31, (55, 48, 163), True),
        align=Qt.AlignmentFlag.AlignHCenter,
    )
    return width


def _pattern_painter(candidate: HandoutCandidate, box: QRectF) -> Callable[[QPainter], None]:
    """The body art and the pattern, cropped around the pattern with some body around it."""
    view = candidate.view
    crop = _crop(painting.pattern_paths(candidate.pattern, view.name).bounds, view, box)

    def paint(p: QPainter) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(250, 250, 249))
        p.drawRoundedRect(box, 12, 12)
        p.save()
        p.setClipRect(box)
        p.translate(box.topLeft())
        p.scale(box.width() / crop.width(), box.height() / crop.height())
        p.translate(-crop.topLeft())
        painting.paint_art(p, QSvgRenderer(str(view.art_path)), view)
        painting.paint_pattern(p, candidate.pattern, view.name)
        p.restore()
        p.setPen(QPen(RULE, 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(box, 12, 12)

    return paint


def _crop(bounds: QRectF, view: View, box: QRectF) -> QRectF:
    """The part of ``view`` to show in ``box``: the pattern with a margin, at least
    ``MIN_CROP_HEIGHT`` tall, widened or heightened to the box's shape, kept inside the
    view's frame where it fits."""
    rect = bounds.adjusted(-PICTURE_MARGIN, -PICTURE_MARGIN, PICTURE_MARGIN, PICTURE_MARGIN)
    aspect = box.width() / box.height()
    height = max(rect.height(), MIN_CROP_HEIGHT, rect.width() / aspect)
    width = height * aspect
    centre = rect.center()
    left = _within(centre.x() - width / 2, width, view.width)
    top = _within(centre.y() - height / 2, height, view.height)
    return QRectF(left, top, width, height)


def _within(start: float, length: float, limit: float) -> float:
    """Slide [start, start + length] inside [0, limit], or centre it if it is longer."""
    if length >= limit:
        return (limit - length) / 2
    return min(max(start, 0.0), limit - length)


def _notes(canvas: _Canvas, notes: str, y: float, max_lines: int) -> float:
    if not notes:
        return y
    y += canvas.text(0, y, WIDTH, "Notes", NAME) + 8
    height = canvas.text(0, y, WIDTH, notes, BODY, max_lines=max_lines, more=NOTES_CONTINUED)
    return y + height + SECTION_GAP


def _notice(canvas: _Canvas, flags: Sequence[tuple[str, str]], y: float) -> float:
    """The red flags for where the pain is, boxed in red, then the not-a-diagnosis notice;
    return the height used."""
    top = y
    if flags:

        def write_flags(c: _Canvas, x: float, y: float, width: float) -> float:
            start = y
            y += c.text(x, y, width, "Because of where you marked pain", ALARM_HEADING) + 10
            for title, advice in flags:
                y += c.text(x, y, width, title, BODY_BOLD, max_lines=2) + 2
                y += c.text(x, y, width, advice, BODY, max_lines=5) + 12
            return y - 12 - start

        y += _boxed(canvas, y, QColor(254, 242, 242), QColor(220, 38, 38), write_flags) + 24

    def write_notice(c: _Canvas, x: float, y: float, width: float) -> float:
        height = c.text(x, y, width, NOT_A_DIAGNOSIS, NOTICE_BOLD, max_lines=3) + 6
        return height + c.text(x, y + height, width, SEE_A_DOCTOR, NOTICE, max_lines=3)

    y += _boxed(canvas, y, QColor(243, 244, 246), RULE, write_notice)
    return y - top


Writer = Callable[[_Canvas, float, float, float], float]


def _boxed(canvas: _Canvas, y: float, fill: QColor, edge: QColor, write: Writer) -> float:
    """Words in a full-width rounded box: measured first, so the box goes under them."""
    pad = 30.0
    height = write(_Canvas(), pad, y + pad, WIDTH - 2 * pad) + 2 * pad

    def paint(p: QPainter) -> None:
        p.setPen(QPen(edge, 3.0))
        p.setBrush(fill)
        p.drawRoundedRect(QRectF(0, y, WIDTH, height), 14, 14)

    canvas.draw(paint)
    write(canvas, pad, y + pad, WIDTH - 2 * pad)
    return height
