"""What the ``bodymap`` command line accepts: the commands, their options, their help
and examples. :mod:`bodymap.cli` runs them."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bodymap.ids import DEFAULT_RADIUS, VIEWS

if TYPE_CHECKING:
    from bodymap.api import BodyMap

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
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show program's version number and exit"
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for add in (
        *(_gui, _rank, _questions, _landmarks, _muscles, _check, _render, _schema),
        *(_visits, _export),
    ):
        add(sub)
    return parser


def _gui(sub: Any) -> None:
    gui = _command(
        sub,
        "gui",
        "open the window (the default)",
        "Open the bodymap window, empty or with a saved session.",
        "bodymap gui",
        "bodymap gui examples/pseudo-sciatica.bodymap",
    )
    gui.add_argument("session", nargs="?", type=Path, help="a session file to open")


def _rank(sub: Any) -> None:
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
        "bodymap rank --at posterior:right-iliac-crest --answer worse-turning-in-bed=yes",
        "bodymap rank --at anterior:right-temple --pressed temporalis:right=yes",
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
    rank.add_argument(
        "--answer",
        action="append",
        default=[],
        metavar="ID=yes|no",
        help="a symptom answer ('bodymap questions' lists the ids); moves only muscles "
        "the marks already fit (repeatable)",
    )
    rank.add_argument(
        "--pressed",
        action="append",
        default=[],
        metavar="MUSCLE[:SIDE]=yes|no",
        help="whether pressing the muscle's trigger point brings on the familiar pain "
        "(the press test; repeatable)",
    )
    rank.add_argument("--json", action="store_true", help="print JSON")


def _questions(sub: Any) -> None:
    q = _command(
        sub,
        "questions",
        "list the symptom questions the ranking can use",
        "List the yes/no questions about what makes the pain worse. Answer them with\n"
        "'bodymap rank ... --answer ID=yes|no'. An answer moves only the muscles whose\n"
        "location already fits; numbness or weakness raise a warning instead.",
        "bodymap questions",
        "bodymap questions --json",
    )
    q.add_argument("--json", action="store_true", help="print JSON")


def _landmarks(sub: Any) -> None:
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


def _muscles(sub: Any) -> None:
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


def _check(sub: Any) -> None:
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


def _render(sub: Any) -> None:
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


def _schema(sub: Any) -> None:
    _command(
        sub,
        "schema",
        "print the JSON Schema of a region file (for editors and other tools)",
        "Print the JSON Schema that every regions/*.yaml file meets, for editors that\n"
        "check YAML against a schema.",
        "bodymap schema > region.schema.json",
    )


class _Version(argparse.Action):
    """``--version``: the version is looked up only when asked for, so that every other
    command (and ``--help``) starts without reading the package's metadata."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from bodymap.about import version

        print(f"bodymap {version()}")
        parser.exit()


def _visits(sub: Any) -> None:
    visits = _command(
        sub,
        "visits",
        "one patient's sessions in date order, and what changed",
        "For each session, in date order: its date, the painted area of each view, its top\n"
        "candidates, and from the second on the change since the one before (area, and\n"
        "the overlap of the two drawings: painted both times over painted either time).",
        "bodymap visits examples/visits/*.bodymap",
        "bodymap visits week1.bodymap week4.bodymap --json",
    )
    visits.add_argument("files", nargs="+", type=Path, metavar="FILE", help="session files")
    visits.add_argument("--json", action="store_true", help="print JSON")


def _export(sub: Any) -> None:
    export = _command(
        sub,
        "export",
        "write sessions for another program (CSV)",
        "Write the sessions as records another program can read: csv, one row per\n"
        "session (patient, date, painted area per view, the landmarks the marks cover,\n"
        "the answers, the top three candidates). The FHIR format is not built yet.",
        "bodymap export --session examples/visits/*.bodymap --format csv --out visits.csv",
    )
    export.add_argument(
        "--session", nargs="+", type=Path, required=True, metavar="FILE", help="session files"
    )
    export.add_argument("--format", required=True, choices=("csv", "fhir"), help="csv or fhir")
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write")


def load_data(args: argparse.Namespace) -> BodyMap:
    """The data the ``--data`` option names (the shipped data without it). Imported only
    here, so that ``bodymap --help`` and a mistyped option stay quick."""
    from bodymap.api import BodyMap

    return BodyMap.load(args.data)
