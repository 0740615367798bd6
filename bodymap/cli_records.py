"""``bodymap visits`` and ``bodymap export``: one patient's sessions over time, and the
sessions as records for another program (CSV, FHIR). See docs/cli.md."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bodymap.cli_parser import EXIT_OK, load_data
from bodymap.errors import MarkError
from bodymap.ids import VIEW_TITLES, views_to_show

if TYPE_CHECKING:
    from bodymap.api import BodyMap
    from bodymap.visits import Visit


def cmd_visits(args: argparse.Namespace) -> int:
    from bodymap.visits import (
        change_words,
        changes,
        cm2,
        label,
        read_visits,
        top_words,
        visits_json,
    )

    bm = load_data(args)
    visits = read_visits(bm, args.files)
    report = visits_json(visits)
    if args.json:
        print(json.dumps(report, indent=2))
        return EXIT_OK
    names = ", ".join(report["patients"]) or "no name given"
    print(f"{len(visits)} visit(s) of {names}")
    for visit, delta in zip(visits, changes(visits), strict=True):
        views = ", ".join(f"{VIEW_TITLES[v].lower()} {cm2(a):.0f}" for v, a in visit.area.items())
        print(f"{label(visit)}: painted {cm2(visit.total_area):.0f} cm2 ({views or 'nothing'})")
        if delta is not None:
            both = f"; overlap with then {delta.overlap:.2f}" if delta.overlap is not None else ""
            print(f"  since {delta.since}: {change_words(delta, 'cm2')}{both}")
        print(f"  top: {top_words(visit)}")
    if len(report["patients"]) > 1:
        print("bodymap: these sessions name more than one patient", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from bodymap.records import write_csv
    from bodymap.visits import read_visits

    bm = load_data(args)
    visits = read_visits(bm, args.session)
    try:
        if args.format == "fhir":
            _write_fhir(bm, visits, args.out)
        else:
            write_csv(args.out, visits)
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise MarkError(f"cannot write {args.out}: {why}; nothing was written") from None
    print(f"wrote {args.out}: {len(visits)} session(s)")
    return EXIT_OK


def _write_fhir(bm: BodyMap, visits: Sequence[Visit], out: Path) -> None:
    """The FHIR bundle, each session's drawing rendered to a PNG (offscreen Qt)."""
    import tempfile

    from bodymap.fhir import bundle
    from bodymap.files.atomic import replacing
    from bodymap.gui.render import render_to_file

    pictures: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for n, visit in enumerate(visits):
            if visit.drawing.is_empty():
                continue
            png = Path(scratch) / f"{n}.png"
            views = views_to_show(bm.atlas.names, visit.area)
            session = visit.session
            render_to_file(
                bm, visit.drawing, None, views, png, False, session.patient, session.date
            )
            pictures[visit.path] = png.read_bytes()
    text = json.dumps(bundle(visits, pictures), indent=2)
    with replacing(out) as temporary:
        temporary.write_text(text, encoding="utf-8")
