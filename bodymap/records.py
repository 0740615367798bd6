"""Sessions as records for another program: CSV, one row per session.

Each row holds what a notes system needs to file a visit without opening bodymap: the
file, the patient, the date, the painted area of each view (square centimetres on a
1.70 m adult), the landmarks the marks cover, the answers and press tests, and the top
three candidates with their fit in words. No Qt.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from bodymap.files.atomic import replacing
from bodymap.ids import VIEWS
from bodymap.visits import Visit, cm2

COLUMNS = (
    "file",
    "patient",
    "date",
    *(f"area_cm2_{view}" for view in VIEWS),
    "area_cm2_total",
    "landmarks",
    "answers",
    "pressed",
    *(f"{field}_{n}" for n in (1, 2, 3) for field in ("muscle", "side", "fit")),
)
"""The CSV's header, in order."""


def csv_rows(visits: Sequence[Visit]) -> list[dict[str, str]]:
    """One row per visit, keyed by :data:`COLUMNS`; lists inside a cell are joined by
    ``; ``."""
    rows = []
    for visit in visits:
        session = visit.session
        row = {
            "file": visit.path.name,
            "patient": session.patient,
            "date": session.date,
            **{f"area_cm2_{v}": f"{cm2(visit.area.get(v, 0.0)):.1f}" for v in VIEWS},
            "area_cm2_total": f"{cm2(visit.total_area):.1f}",
            "landmarks": "; ".join(visit.landmarks),
            "answers": "; ".join(f"{q}={a}" for q, a in session.answers.replies.items()),
            "pressed": "; ".join(f"{m}:{s}={a}" for (m, s), a in session.answers.pressed.items()),
        }
        for n in (1, 2, 3):
            c = visit.top[n - 1] if len(visit.top) >= n else None
            row[f"muscle_{n}"] = c.muscle if c else ""
            row[f"side_{n}"] = c.side if c else ""
            row[f"fit_{n}"] = c.fit if c else ""
        rows.append(row)
    return rows


def csv_text(visits: Sequence[Visit]) -> str:
    """The CSV of ``visits`` (a header line, then a row per visit)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(visits))
    return out.getvalue()


def write_csv(path: Path, visits: Sequence[Visit]) -> None:
    """Write the CSV all at once: a failed write leaves an older file as it was."""
    with replacing(path) as temporary:
        temporary.write_text(csv_text(visits), encoding="utf-8")
