"""Exports a person would print or attach: the text fits the page and reads, zones keep
their look at print resolution."""

from __future__ import annotations

from itertools import combinations, pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from bodymap import BodyMap
from bodymap.gui import painting
from bodymap.gui.render import DISCLAIMER, render_to_file


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return QRectF(*a).intersects(QRectF(*b))


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".svg"])
@pytest.mark.parametrize("views", [["posterior"], "all"])
def test_every_text_lies_inside_the_page_and_none_overlap(
    bm: BodyMap, tmp_path: Path, suffix: str, views: list[str] | str
) -> None:
    names = list(bm.atlas.names) if views == "all" else views
    drawing, _ = bm.drawing(bm.marks(["posterior:right-psis"]))
    pattern = bm.catalogue.pattern("gluteus_medius", "right")
    out = tmp_path / f"map{suffix}"
    report = render_to_file(
        bm, drawing, pattern, names, out, labels=True, patient="Jane Doe", date="2026-11-21"
    )
    page = QRectF(0, 0, *report.page)
    texts = [t for t, _ in report.texts]
    assert DISCLAIMER in texts and any("Gluteus medius" in t for t in texts)
    assert "Jane Doe · 21 November 2026" in texts  # the header, the key and the footer too
    assert "Muscle shown: Gluteus medius (right)" in texts
    for text, box in report.texts:
        assert page.contains(QRectF(*box)), f"{text!r} at {box} runs off the {report.page} page"
    for (t1, b1), (t2, b2) in combinations(report.texts, 2):
        assert not _overlap(b1, b2), f"{t1!r} overlaps {t2!r}"
    if suffix == ".svg":  # it reads back without complaint (a Qt warning fails the test)
        assert QSvgRenderer(str(out)).isValid()
        assert 'd=""' not in out.read_text()
    # Readable, and no giant: the one-line title is 1% to 6% of the page's height.
    title = next(box for text, box in report.texts if "Gluteus medius" in text)
    assert 0.01 * report.page[1] < title[3] < 0.06 * report.page[1], title


def _crossings(image: QImage, y: int, x0: int, x1: int) -> int:
    """How many times a row of pixels goes from light to dark."""
    dark = [QColor(image.pixel(x, y)).lightness() < 200 for x in range(x0, x1)]
    return sum(1 for a, b in pairwise(dark) if b and not a)


def test_spillover_hatching_keeps_its_spacing_at_print_resolution(bm: BodyMap) -> None:
    """A device-pixel pattern brush turned to a grey wash at 1200 dpi; the hatching is
    geometry, so eight times the resolution crosses the same number of lines."""
    pattern = bm.catalogue.pattern("gluteus_minimus", "right")
    spill = pattern.layers["posterior"].spillover
    x0, y0, x1, y1 = spill.bounds
    cy = (y0 + y1) / 2
    counts = []
    for scale in (1, 8):
        image = QImage(int(760 * scale), int(1500 * scale), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.scale(scale, scale)
        painting.paint_pattern(painter, pattern, "posterior")
        painter.end()
        counts.append(_crossings(image, int(cy * scale), int(x0 * scale), int(x1 * scale)))
    assert counts[0] >= 2
    assert abs(counts[1] - counts[0]) <= max(2, counts[0] // 4), counts
