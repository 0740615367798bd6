"""``bodymap check``: the data files validated, every problem one line naming the file and
the line. See docs/cli.md."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from bodymap.cli_parser import EXIT_OK, EXIT_USAGE
from bodymap.errors import DataError, DataErrors

if TYPE_CHECKING:
    from bodymap.atlas import Atlas


def _is_landmark_file(path: Path) -> bool:
    from bodymap.data.yamlfile import load_yaml

    try:
        data = load_yaml(path).data
    except DataError:
        return False
    return isinstance(data, dict) and "midline_x" in data


def check_folder(root: Path) -> int:
    """The muscles of a data folder, checked; a bad view stops the check (it is needed),
    bad red flags and region files are all reported."""
    from bodymap.answers import QUESTIONS_FILE, load_questions
    from bodymap.api import load_optional
    from bodymap.atlas_loader import load_atlas
    from bodymap.catalogue_loader import load_catalogue
    from bodymap.redflags import RED_FLAGS_FILE, load_red_flags

    atlas = load_atlas(root / "assets")
    problems: list[DataError] = []
    load_optional(root / "assets" / RED_FLAGS_FILE, lambda p: load_red_flags(p, atlas), problems)
    questions = load_optional(root / "assets" / QUESTIONS_FILE, load_questions, problems)
    ids = questions.ids if questions is not None else None
    try:
        count = len(load_catalogue(root / "regions", atlas, questions=ids))
    except DataErrors as exc:
        problems.extend(exc.errors)
    if problems:
        raise DataErrors(problems)
    return count


def cmd_check(args: argparse.Namespace) -> int:
    from bodymap.data.resources import default_data_root

    check = _Check(args.data or default_data_root())
    if not args.paths:
        check.collect(lambda: check_folder(check.root))
    for path in args.paths:
        check.path(path)
    for p in check.problems:
        print("bodymap: " + " ".join(str(p).splitlines()), file=sys.stderr)
    if check.problems:
        return EXIT_USAGE
    print(
        f"ok: {check.checked} file(s) checked"
        if args.paths
        else f"ok: {check.checked} muscles and their views are valid"
    )
    return EXIT_OK


class _Check:
    """``bodymap check``: what was checked, and every problem found, file by file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        """The data folder whose views check a region or red-flags file."""
        self.problems: list[DataError] = []
        self.checked = 0

    def collect(self, action: Callable[[], int]) -> None:
        """Count what ``action`` checked, or keep the problems it raised."""
        try:
            self.checked += action()
        except DataErrors as exc:
            self.problems.extend(exc.errors)
        except DataError as exc:
            self.problems.append(exc)

    def path(self, path: Path) -> None:
        """A data folder, a folder of files, or one file."""
        if not os.path.lexists(path):
            self.problems.append(DataError(path, "no such file or folder"))
        elif path.is_dir() and (path / "assets").is_dir() and (path / "regions").is_dir():
            self.collect(lambda: check_folder(path))
        else:
            self.files(sorted(path.glob("*.yaml")) if path.is_dir() else [path])

    def files(self, files: list[Path]) -> None:
        """Art, red-flags, landmark and region files, each by its own loader."""
        from bodymap.answers import QUESTIONS_FILE, load_questions
        from bodymap.atlas_loader import load_view, read_outline
        from bodymap.redflags import RED_FLAGS_FILE

        art = [f for f in files if f.suffix.lower() == ".svg"]
        flag_files = [f for f in files if f.name == RED_FLAGS_FILE]
        question_files = [f for f in files if f.name == QUESTIONS_FILE]
        views = [
            f
            for f in files
            if f not in (*flag_files, *question_files, *art) and _is_landmark_file(f)
        ]
        regions = [f for f in files if f not in (*views, *flag_files, *question_files, *art)]
        for question_file in question_files:
            self.collect(partial(_one, load_questions, question_file))
        for art_file in art:
            self.collect(partial(_one, read_outline, art_file))
        for flag_file in flag_files:
            self.collect(partial(_one, self.red_flags, flag_file))
        for view_file in views:
            self.collect(partial(_one, load_view, view_file))
        if regions:
            self.collect(partial(self.regions, regions))

    @cached_property
    def atlas(self) -> Atlas:
        """The data folder's views, read once for every red-flags and region file."""
        from bodymap.atlas_loader import load_atlas

        return load_atlas(self.root / "assets")

    def red_flags(self, path: Path) -> object:
        from bodymap.redflags import load_red_flags

        return load_red_flags(path, self.atlas)

    def regions(self, files: list[Path]) -> int:
        """How many muscles the region files hold."""
        from bodymap.answers import QUESTIONS_FILE, load_questions
        from bodymap.api import load_optional
        from bodymap.catalogue_loader import load_catalogue

        questions = load_optional(self.root / "assets" / QUESTIONS_FILE, load_questions)
        known = questions.ids if questions is not None else None
        return len(load_catalogue(files[0].parent, self.atlas, files, questions=known))


def _one(load: Callable[[Path], object], path: Path) -> int:
    """One file checked (``load`` raises if it is not valid)."""
    load(path)
    return 1
