"""The ``bodymap`` command line (see shared/contract.md, section 4).

Without a sub-command it opens the window. Every error a user can cause prints one line
on stderr and exits with status 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bodymap.advice import NOT_A_DIAGNOSIS, SEE_A_DOCTOR
from bodymap.errors import BodymapError, DataError, DataErrors, MarkError
from bodymap.ids import DEFAULT_RADIUS, SESSION_SUFFIX, VIEWS, side_label

if TYPE_CHECKING:
    from bodymap.api import BodyMap
    from bodymap.marks import Mark

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, status 2, like every other error
        self.exit(EXIT_USAGE, f"bodymap: {message} (see '{self.prog} --help')\n")


def _radius(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: '{text}'") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"the radius must be a positive number, not {text}")
    return value


def _examples(*lines: str) -> str:
    """An epilog of example commands, one a line, as typed."""
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _command(
    sub: Any, name: str, summary: str, description: str, *examples: str
) -> argparse.ArgumentParser:
    """A sub-command with a one-line summary (in ``bodymap --help``), a description and
    examples (in ``bodymap NAME --help``)."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=description,
        epilog=_examples(*examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bodymap",
        description="Find the muscles most likely to be causing someone's pain. "
        "Run without a command to open the window. Not a diagnosis.",
        epilog=_examples(
            "bodymap",
            "bodymap rank --at posterior:right-psis",
            "bodymap rank --session examples/pseudo-sciatica.bodymap",
            "bodymap COMMAND --help   (each command's options and examples)",
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="a data folder with assets/ and regions/ (default: the shipped one)",
    )
    parser.add_argument("--version", action="version", version="bodymap 0.1.0")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gui = _command(
        sub,
        "gui",
        "open the window (the default)",
        "Open the bodymap window, empty or with a saved session.",
        "bodymap gui",
        "bodymap gui examples/pseudo-sciatica.bodymap",
    )
    gui.add_argument("session", nargs="?", type=Path, help="a session file to open")

    rank = _command(
        sub,
        "rank",
        "rank candidate muscles for pain marks",
        "List the muscles whose trigger points most often send pain to the marked places,\n"
        "best first, with the fit in words and why each is listed; then any note and the\n"
        "warning signs tied to where the pain is. A mark is a landmark (VIEW:LANDMARK), a\n"
        "point (VIEW:X,Y) or a painted stroke (VIEW:X1,Y1;X2,Y2;...); 'bodymap landmarks'\n"
        "lists the names. Marks outside the body are left out.",
        "bodymap rank --at posterior:right-psis",
        "bodymap rank --at posterior:right-psis --at right-lateral:right-greater-trochanter",
        'bodymap rank --at "posterior:430,700;450,720;470,760" --radius 25 --top 5',
        "bodymap rank --session examples/pseudo-sciatica.bodymap --json",
    )
    rank.add_argument(
        "--at",
        action="append",
        default=[],
        metavar="MARK",
        help="VIEW:LANDMARK, VIEW:X,Y or a stroke VIEW:X1,Y1;X2,Y2;... (repeatable)",
    )
    rank.add_argument(
        "--session", type=Path, metavar="FILE", help="rank the marks of a saved session"
    )
    rank.add_argument(
        "--radius",
        type=_radius,
        default=DEFAULT_RADIUS,
        help=f"radius of each mark in view units (default {DEFAULT_RADIUS:g}, a fingertip)",
    )
    rank.add_argument(
        "--top", type=int, default=10, help="how many candidates to list (default 10)"
    )
    rank.add_argument("--json", action="store_true", help="print JSON")

    lm = _command(
        sub,
        "landmarks",
        "list the landmarks with their coordinates",
        "List the named places of each view (or of one) with their coordinates, for\n"
        "writing marks such as posterior:right-psis.",
        "bodymap landmarks --view posterior",
        "bodymap landmarks --json",
    )
    lm.add_argument("--view", help=f"one view ({', '.join(VIEWS)})")
    lm.add_argument("--json", action="store_true", help="print JSON")

    mus = _command(
        sub,
        "muscles",
        "list the muscle catalogue",
        "List every muscle in the catalogue: its id, name, the views its pattern is drawn\n"
        "on, and how many trigger points and zones it has.",
        "bodymap muscles",
        "bodymap muscles --json",
    )
    mus.add_argument("--json", action="store_true", help="print JSON")

    check = _command(
        sub,
        "check",
        "validate data files (the shipped ones when no path is given)",
        "Check region files, landmark files, the art, the red-flags file or whole data\n"
        "folders; each problem is one line naming the file and line. Exit status 0 when\n"
        "everything is valid, 2 otherwise.",
        "bodymap check",
        "bodymap check regions/piriformis.yaml",
        "bodymap check assets/red-flags.yaml",
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="region files, landmark files, or data folders",
    )

    render = _command(
        sub,
        "render",
        "write a session's one-page handout (.pdf), or draw the body map to .png, .svg "
        "or .pdf, without a window",
        "Draw the body map with pain marks and/or a muscle's pattern to a .png, .svg or\n"
        ".pdf file, without opening a window. A session written to .pdf is the one-page\n"
        "patient handout unless --map-only is given.",
        "bodymap render --session examples/pseudo-sciatica.bodymap --out handout.pdf",
        "bodymap render --at posterior:right-psis --view all --out map.png",
        "bodymap render --muscle gluteus_minimus:left --view all --labels --out pattern.svg",
    )
    render.add_argument(
        "--at", action="append", default=[], metavar="MARK", help="a pain mark (repeatable)"
    )
    render.add_argument("--session", type=Path, metavar="FILE", help="draw a saved session's marks")
    render.add_argument(
        "--muscle",
        metavar="ID[:SIDE]",
        help="overlay a muscle's pattern (side right, left or both)",
    )
    render.add_argument(
        "--radius", type=_radius, default=DEFAULT_RADIUS, help="radius of each --at mark"
    )
    render.add_argument("--view", default="posterior", help="a view, or 'all' (default posterior)")
    render.add_argument("--labels", action="store_true", help="label the main landmarks")
    render.add_argument(
        "--out", type=Path, required=True, help="the file to write (.png, .svg or .pdf)"
    )
    kind = render.add_mutually_exclusive_group()
    kind.add_argument(
        "--handout",
        action="store_true",
        help="write the one-page patient handout, as .pdf or .png "
        "(what --session with a .pdf writes anyway)",
    )
    kind.add_argument(
        "--map-only",
        action="store_true",
        help="draw only the body map, also for --session with a .pdf",
    )
    _command(
        sub,
        "schema",
        "print the JSON Schema of a region file (for editors and other tools)",
        "Print the JSON Schema that every regions/*.yaml file meets, for editors that\n"
        "check YAML against a schema.",
        "bodymap schema > region.schema.json",
    )
    return parser


def _load(args: argparse.Namespace) -> BodyMap:
    from bodymap.api import BodyMap

    return BodyMap.load(args.data)


def _collect_marks(bm: BodyMap, args: argparse.Namespace) -> list[Mark]:
    from bodymap.session import load_session

    marks: list[Mark] = []
    if args.session is not None:
        marks.extend(load_session(args.session).marks)
    marks.extend(bm.marks(args.at, args.radius))
    return marks


def _cmd_rank(args: argparse.Namespace) -> int:
    if not args.at and args.session is None:
        raise MarkError("nothing to rank: give at least one --at MARK or a --session FILE")
    if args.top < 1:
        raise MarkError(f"--top must be at least 1, not {args.top}")
    bm = _load(args)
    marks = _collect_marks(bm, args)
    drawing, dropped = bm.drawing(marks)
    _warn_dropped(dropped)
    ranking = bm.rank_drawing(drawing, top=args.top)
    notes = bm.notes(drawing, ranking)
    flags = bm.red_flags(drawing)
    if args.json:
        out = {
            "ranking": [c.to_json() for c in ranking],
            "notes": notes,
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
        print(json.dumps(out, indent=2))
        return EXIT_OK
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
    return EXIT_OK


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
    bm = _load(args)
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
    bm = _load(args)
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


def _count(_loaded: object) -> int:
    """One file checked (the loader raised if it was not valid)."""
    return 1


def _is_landmark_file(path: Path) -> bool:
    from bodymap.yamlfile import load_yaml

    try:
        data = load_yaml(path).data
    except DataError:
        return False
    return isinstance(data, dict) and "midline_x" in data


def _check_folder(root: Path) -> int:
    """The muscles of a data folder, checked; a bad view stops the check (it is needed),
    bad red flags and region files are all reported."""
    from bodymap.atlas import load_atlas
    from bodymap.catalogue import load_catalogue
    from bodymap.redflags import RED_FLAGS_FILE, load_red_flags

    atlas = load_atlas(root / "assets")
    problems: list[DataError] = []
    flags = root / "assets" / RED_FLAGS_FILE
    if os.path.lexists(flags):
        try:
            load_red_flags(flags, atlas)
        except DataError as exc:
            problems.append(exc)
    try:
        count = len(load_catalogue(root / "regions", atlas))
    except DataErrors as exc:
        problems.extend(exc.errors)
    if problems:
        raise DataErrors(problems)
    return count


def _cmd_check(args: argparse.Namespace) -> int:
    from bodymap.atlas import load_atlas, load_view, read_outline
    from bodymap.catalogue import load_catalogue
    from bodymap.redflags import RED_FLAGS_FILE, load_red_flags
    from bodymap.resources import default_data_root

    problems: list[DataError] = []
    checked = 0
    root = args.data or default_data_root()

    def collect(action: Any) -> int:
        try:
            return int(action())
        except DataErrors as exc:
            problems.extend(exc.errors)
        except DataError as exc:
            problems.append(exc)
        return 0

    if not args.paths:
        checked += collect(lambda: _check_folder(root))
    for path in args.paths:
        if not os.path.lexists(path):
            problems.append(DataError(path, "no such file or folder"))
            continue
        if path.is_dir() and (path / "assets").is_dir() and (path / "regions").is_dir():
            checked += collect(lambda p=path: _check_folder(p))
            continue
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        art = [f for f in files if f.suffix.lower() == ".svg"]
        flag_files = [f for f in files if f.name == RED_FLAGS_FILE]
        views = [f for f in files if f not in flag_files and f not in art and _is_landmark_file(f)]
        regions = [f for f in files if f not in (*views, *flag_files, *art)]
        for art_file in art:
            checked += collect(lambda f=art_file: _count(read_outline(f)))
        for flag_file in flag_files:
            checked += collect(
                lambda f=flag_file: _count(load_red_flags(f, load_atlas(root / "assets")))
            )
        for view_file in views:
            checked += collect(lambda f=view_file: _count(load_view(f)))
        if regions:
            checked += collect(
                lambda r=regions: len(load_catalogue(r[0].parent, load_atlas(root / "assets"), r))
            )
    for p in problems:
        print("bodymap: " + " ".join(str(p).splitlines()), file=sys.stderr)
    if problems:
        return EXIT_USAGE
    print(
        f"ok: {checked} file(s) checked"
        if args.paths
        else f"ok: {checked} muscles and their views are valid"
    )
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
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
    handout = args.handout or (
        args.session is not None and suffix == ".pdf" and not (args.map_only or args.muscle)
    )
    from dataclasses import replace

    from bodymap.session import Session, load_session

    bm = _load(args)
    session = load_session(args.session) if args.session is not None else Session()
    marks = [*session.marks, *bm.marks(args.at, args.radius)]
    views = list(bm.atlas.names) if args.view == "all" else [bm.atlas.view(args.view).name]
    pattern = None
    if args.muscle:
        muscle_id, _, side = args.muscle.partition(":")
        if side and side not in ("left", "right", "both"):
            raise MarkError(f"unknown side '{side}' in --muscle (use right, left or both)")
        try:
            pattern = bm.catalogue.pattern(muscle_id, side or "right")
        except KeyError as exc:
            raise MarkError(str(exc.args[0])) from None
    drawing, dropped = bm.drawing(marks)
    _warn_dropped(dropped)
    if handout:
        from bodymap.gui.handout import render_handout

        flags = bm.red_flags(drawing)
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


def _cmd_schema(args: argparse.Namespace) -> int:
    from bodymap.schema import region_json_schema

    print(json.dumps(region_json_schema(), indent=2))
    return EXIT_OK


def _cmd_gui(args: argparse.Namespace) -> int:
    from bodymap.gui.app import run

    return run(data=args.data, session=getattr(args, "session", None))


COMMANDS = {
    "rank": _cmd_rank,
    "landmarks": _cmd_landmarks,
    "muscles": _cmd_muscles,
    "check": _cmd_check,
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
