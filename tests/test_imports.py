"""The package's modules import each other without cycles and never from a package
above them (``tools/imports.py``); and starting the command line or reading the
compiled data keeps YAML and pydantic out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.conftest import Script

ROOT = Path(__file__).resolve().parent.parent


def test_bodymap_has_no_import_cycles_and_no_up_imports() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "imports.py"), str(ROOT / "bodymap")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_tool_finds_cycles_lazy_imports_and_up_imports(tmp_path: Path, script: Script) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("VERSION = '1'\n")
    (package / "a.py").write_text("from pkg import b\n")
    (package / "b.py").write_text("def f():\n    from pkg.c import g\n")  # lazy: it runs
    (package / "c.py").write_text("from . import a\ndef g(): ...\n")
    (package / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n"
    )
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "low.py").write_text("from pkg import VERSION\nfrom pkg.sub import x\n")
    (package / "sub" / "x.py").write_text("")
    tool = script("tools/imports.py")
    graph, up = tool.import_graph(package)
    assert graph["pkg.typed"] == set()  # never runs
    assert graph["pkg.sub.low"] == {"pkg", "pkg.sub.x"}
    assert tool.cycles(graph) == [["pkg.a", "pkg.b", "pkg.c", "pkg.a"]]
    assert up == [("pkg.sub.low", "pkg")]
    assert tool.main([str(package)]) == 1


CODE = """
import sys
from bodymap.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(sorted({m.split('.')[0] for m in sys.modules} & {'yaml', 'pydantic', 'PySide6'}))
"""


def _loaded_by(*argv: str, code: str = CODE) -> str:
    """What ``code`` (by default: which of YAML, pydantic and PySide6 were imported) prints
    after running ``bodymap ARGV`` in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_help_and_a_cached_start_import_neither_yaml_nor_pydantic() -> None:
    assert _loaded_by("--help") == "[]"
    assert _loaded_by("--version") == "[]"
    _loaded_by("rank", "--at", "posterior:right-psis")  # fills the cache (the tests' own)
    assert _loaded_by("rank", "--at", "posterior:right-psis") == "[]"


def test_a_cached_rank_imports_no_file_reader() -> None:
    # The readers of the data files (YAML, the SVG art's XML, the checks) are needed only
    # when the compiled copy is built; a cached start does without them.
    readers = (
        "bodymap.data.yamlfile",
        "bodymap.atlas_loader",
        "bodymap.catalogue_loader",
        "bodymap.data.validation",
        "xml.etree.ElementTree",
    )
    code = CODE.replace("print(sorted(", f"print(sorted(set(sys.modules) & {set(readers)!r} | ")
    _loaded_by("rank", "--at", "posterior:right-psis")  # fills the cache (the tests' own)
    assert _loaded_by("rank", "--at", "posterior:right-psis", code=code) == "[]"


def test_a_cached_rank_does_not_read_the_installed_metadata() -> None:
    # importlib.metadata (with the email parser it needs) costs some 25 ms of every start;
    # the version is read from bodymap/_version.py instead.
    code = CODE.replace(
        "print(sorted(", "print(sorted({m for m in sys.modules if m == 'importlib.metadata'} | "
    )
    _loaded_by("rank", "--at", "posterior:right-psis")
    assert _loaded_by("rank", "--at", "posterior:right-psis", code=code) == "[]"


def test_the_version_is_the_one_the_package_was_built_with() -> None:
    from importlib import metadata

    from bodymap.about import version

    assert version() == metadata.version("bodymap")
    assert (
        f"bodymap {version()}"
        in subprocess.run(
            [sys.executable, "-m", "bodymap", "--version"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    )
