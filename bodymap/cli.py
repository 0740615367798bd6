"""The ``bodymap`` command line (docs/cli.md describes it): running its commands.
What it accepts (options, help, examples) is :mod:`bodymap.cli_parser`.

Without a sub-command it opens the window. Every error a user can cause prints one line
on stderr and exits with status 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bodymap.advice import NOT_A_DIAGNOSIS, SEE_A_DOCTOR
from bodymap.cli_check import cmd_check
from bodymap.cli_parser import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, build_parser, load_data
from bodymap.cli_records import cmd_export, cmd_visits
from bodymap.errors import BodymapError, MarkError
from bodymap.ids import SESSION_SUFFIX, muscle_and_side, side_label

if TYPE_CHECKING:
    from bodymap.answers import Answers
    from bodymap.api import BodyMap
    from bodymap.candidate import Candidate
    from bodymap.catalogue import Pattern
    from bodymap.drawing import PainDrawing
    from bodymap.files.session import Session
    from bodymap.marks import Mark
    from bodymap.redflags import RedFlag

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main"]


def _session(args: argparse.Namespace) -> Session:
    """The session of ``--session``, or an empty one."""
    from bodymap.files.session import Session, load_session

    return load_session(args.session) if args.session is not None else Session()


def _drawing(
    bm: BodyMap, args: argparse.Namespace, session: Session
) -> tuple[PainDrawing, list[Mark]]:
    """The session's marks and the ``--at`` marks painted together, and every mark; the
    marks outside the body are left out, with one line on stderr."""
    marks = [*session.marks, *bm.marks(args.at, args.radius)]
    drawing, dropped = bm.drawing(marks)
    _warn_dropped(dropped)
    return drawing, marks


def _cmd_rank(args: argparse.Namespace) -> int:
    if not args.at and args.session is None:
        raise MarkError("nothing to rank: give at least one --at MARK or a --session FILE")
    if args.top < 1:
        raise MarkError(f"--top must be at least 1, not {args.top}")
    bm = load_data(args)
    session = _session(args)
    drawing, _ = _drawing(bm, args, session)
    answers = _answers(bm, args, session)
    ranking = bm.rank_drawing(drawing, top=args.top, answers=answers)
    notes = bm.notes(drawing, ranking)
    flags = bm.red_flags(drawing, answers)
    if args.json:
        print(json.dumps(_ranking_json(ranking, notes, flags), indent=2))
    else:
        _print_ranking(ranking, notes, flags)
    return EXIT_OK


def _answers(bm: BodyMap, args: argparse.Namespace, session: Session) -> Answers:
    """The session's answers, then ``--answer ID=yes|no`` and ``--pressed MUSCLE[:SIDE]=yes|no``
    over them."""
    from bodymap.answers import Answers, parse_pressed

    replies = {**session.answers.replies, **bm.questions.parse(args.answer)}
    pressed = {**session.answers.pressed, **parse_pressed(args.pressed, bm.catalogue)}
    return Answers(replies, pressed)


def _cmd_questions(args: argparse.Namespace) -> int:
    bm = load_data(args)
    if args.json:
        print(json.dumps({"questions": [q.to_json() for q in bm.questions]}, indent=2))
        return EXIT_OK
    width = max((len(q.id) for q in bm.questions), default=0)
    for q in bm.questions:
        kind = {"nerve": "  (a yes raises a warning)", "neutral": "  (recorded only)"}
        print(f"{q.id:<{width}}  {q.text}{kind.get(q.kind, '')}")
    return EXIT_OK


def _ranking_json(
    ranking: Sequence[Candidate], notes: Sequence[str], flags: Sequence[RedFlag]
) -> dict[str, Any]:
    return {
        "ranking": [c.to_json() for c in ranking],
        "notes": list(notes),
        "red_flags": [
            {
                "id": f.id,
                "title": f.title,
                "advice": f.advice,
                "urgency": f.urgency,
                "places": list(f.places),
            }
            for f in flags
        ],
    }


def _print_ranking(
    ranking: Sequence[Candidate], notes: Sequence[str], flags: Sequence[RedFlag]
) -> None:
    if ranking:
        width = max(len(f"{c.name} ({side_label(c.side)})") for c in ranking)
        for i, c in enumerate(ranking, 1):
            label = f"{c.name} ({side_label(c.side)})"
            print(f"{i:2d}. {label:<{width}}  {c.score:4.2f} {c.fit:<7}  {c.reason}")
        print()
    for note in notes:
        print(f"Note: {note}")
    for flag in flags:
        print(f"See a doctor: {flag.title}. {flag.advice}")
    print(f"{NOT_A_DIAGNOSIS} {SEE_A_DOCTOR}")


def _warn_dropped(dropped: Sequence[Mark]) -> None:
    """One line on stderr for the marks outside the body, however many there are."""
    if len(dropped) == 1:
        print(
            f"bodymap: a mark at {_describe(dropped[0])} lies outside the body and was left out",
            file=sys.stderr,
        )
    elif dropped:
        print(
            f"bodymap: {len(dropped)} marks lie outside the body and were left out",
            file=sys.stderr,
        )


def _describe(mark: Mark) -> str:
    pts = ";".join(f"{x:g},{y:g}" for x, y in mark.points[:3])
    return f"{mark.view}:{pts}{'...' if len(mark.points) > 3 else ''}"


def _cmd_landmarks(args: argparse.Namespace) -> int:
    bm = load_data(args)
    views = [bm.atlas.view(args.view)] if args.view else list(bm.atlas)
    rows = [(v.name, name, x, y) for v in views for name, (x, y) in v.landmarks.items()]
    if args.json:
        print(
            json.dumps(
                {"landmarks": [{"view": v, "name": n, "x": x, "y": y} for v, n, x, y in rows]},
                indent=2,
            )
        )
    else:
        for v, n, x, y in rows:
            print(f"{v:<14} {n:<34} {x:7.1f} {y:7.1f}")
    return EXIT_OK


def _cmd_muscles(args: argparse.Namespace) -> int:
    bm = load_data(args)
    items: list[dict[str, Any]] = []
    for m in bm.catalogue:
        zones = [
            {"trigger_point": t.id, "view": z.view, "kind": z.kind.value, "label": z.label}
            for t in m.trigger_points
            for z in t.zones
        ]
        sides = sorted({p.side for p in bm.catalogue.patterns_of(m.id)})
        items.append(
            {
                "id": m.id,
                "name": m.name,
                "region": m.region,
                "views": list(m.views),
                "sides": sides,
                "trigger_points": [t.id for t in m.trigger_points],
                "zones": zones,
            }
        )
    if args.json:
        print(json.dumps({"muscles": items}, indent=2))
    else:
        id_width = max(len(it["id"]) for it in items)
        name_width = max(len(it["name"]) for it in items)
        for it in items:
            print(
                f"{it['id']:<{id_width}}  {it['name']:<{name_width}}  {','.join(it['views'])}  "
                f"{len(it['trigger_points'])} trigger point(s), {len(it['zones'])} zone(s)"
            )
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    handout = _render_kind(args)
    bm = load_data(args)
    session = _session(args)
    views = list(bm.atlas.names) if args.view == "all" else [bm.atlas.view(args.view).name]
    pattern = _pattern(bm, args.muscle) if args.muscle else None
    drawing, marks = _drawing(bm, args, session)
    if handout:
        from bodymap.gui.handout import render_handout

        flags = bm.red_flags(drawing, session.answers)
        everything = replace(session, marks=tuple(marks))
        render_handout(bm, everything, args.out, [(f.title, f.advice) for f in flags])
    else:
        from bodymap.gui.render import render_to_file

        render_to_file(
            bm,
            drawing,
            pattern,
            views,
            args.out,
            labels=args.labels,
            patient=session.patient,
            date=session.date,
        )
    print(f"wrote {args.out}")
    return EXIT_OK


def _render_kind(args: argparse.Namespace) -> bool:
    """Whether ``render`` writes the handout (or else the body map); a request that
    cannot be met raises :class:`MarkError`."""
    suffix = args.out.suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise MarkError(f"--out must end in .png, .svg or .pdf, not '{args.out.name}'")
    if not args.at and args.session is None and not args.muscle:
        raise MarkError("nothing to draw: give --at MARK, --session FILE or --muscle ID")
    if args.handout and args.muscle:
        raise MarkError("the handout picks its own muscles: leave out --muscle or --handout")
    if args.handout and suffix == ".svg":
        raise MarkError(f"the handout is written as .pdf or .png, not '{args.out.name}'")
    # A session written to a PDF is for the patient: the handout, unless asked otherwise.
    return bool(args.handout) or (
        args.session is not None and suffix == ".pdf" and not (args.map_only or args.muscle)
    )


def _pattern(bm: BodyMap, muscle: str) -> Pattern:
    """The pattern ``--muscle ID[:SIDE]`` names (the right side when none is named)."""
    try:
        muscle_id, side = muscle_and_side(muscle, "right")
        return bm.catalogue.pattern(muscle_id, side)
    except ValueError as exc:
        raise MarkError(f"{exc} in --muscle") from None
    except KeyError as exc:
        raise MarkError(str(exc.args[0])) from None


def _cmd_schema(args: argparse.Namespace) -> int:
    from bodymap.data.schema import region_json_schema

    print(json.dumps(region_json_schema(), indent=2))
    return EXIT_OK


def _cmd_gui(args: argparse.Namespace) -> int:
    from bodymap.gui.app import run

    return run(data=args.data, session=getattr(args, "session", None))


COMMANDS = {
    "rank": _cmd_rank,
    "questions": _cmd_questions,
    "visits": cmd_visits,
    "export": cmd_export,
    "landmarks": _cmd_landmarks,
    "muscles": _cmd_muscles,
    "check": cmd_check,
    "render": _cmd_render,
    "schema": _cmd_schema,
    "gui": _cmd_gui,
    None: _cmd_gui,
}


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="bodymap: %(levelname)s: %(message)s")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0].endswith(SESSION_SUFFIX):  # `bodymap patient.bodymap`, as a file
        argv.insert(0, "gui")  # manager opens a session: the window with it
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BodymapError as exc:
        print(f"bodymap: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader has gone (`bodymap rank ... | head -1`): nothing more to say, and
        # Python's own flush at exit must not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_USAGE
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("BODYMAP_DEBUG"):
            traceback.print_exc()
        print(
            f"bodymap: internal error: {exc!r} (set BODYMAP_DEBUG=1 for details)", file=sys.stderr
        )
        return EXIT_PROBLEMS
