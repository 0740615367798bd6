"""Build a one-folder bundle of bodymap that runs without Python: ``DIR/bodymap/bodymap``.

    python packaging/build.py --out DIR

PyInstaller (one-folder mode) gathers Python, bodymap, its data (``assets/`` and
``regions/``, placed where an installed wheel keeps them) and the parts of
PySide6-Essentials bodymap uses. Qt modules bodymap never imports (QML, Quick, the
network and the multimedia modules) are left out, and so are Qt's translations, which
bodymap does not ship. Run it in an environment installed from the lock
(``requirements/app.txt``), with ``pip install pyinstaller`` and bodymap itself
installed; see docs/install.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNUSED_QT = (
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtMultimedia",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
)
UNUSED_PYTHON = ("tkinter", "unittest", "pydoc_data", "IPython", "pytest", "hypothesis")


def arguments(out: Path) -> list[str]:
    """PyInstaller's command line for the bundle."""
    sep = ";" if sys.platform == "win32" else ":"
    args = [
        str(ROOT / "packaging" / "entry.py"),
        "--name=bodymap",
        "--onedir",
        "--noconfirm",
        "--clean",
        f"--distpath={out}",
        f"--workpath={out / 'build'}",
        f"--specpath={out / 'build'}",
        f"--add-data={ROOT / 'assets'}{sep}bodymap/_data/assets",
        f"--add-data={ROOT / 'regions'}{sep}bodymap/_data/regions",
        "--copy-metadata=bodymap",
        "--hidden-import=svg.path",
    ]
    args += [f"--exclude-module={m}" for m in (*UNUSED_QT, *UNUSED_PYTHON)]
    if sys.platform == "darwin":
        args.append("--windowed")
    return args


def prune(bundle: Path) -> None:
    """Qt's translations: bodymap ships none."""
    for translations in bundle.rglob("translations"):
        if translations.is_dir() and "PySide6" in translations.parts:
            shutil.rmtree(translations)


def size_mb(folder: Path) -> float:
    """The bundle's size on disk (links counted once, as ``du`` counts them)."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the folder to build in")
    args = parser.parse_args(argv)
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        print("build.py: PyInstaller is not installed: pip install pyinstaller", file=sys.stderr)
        return 2
    out = args.out.resolve()
    pyinstaller.run(arguments(out))
    bundle = out / "bodymap"
    prune(bundle)
    shutil.rmtree(out / "build", ignore_errors=True)
    print(f"built {bundle / 'bodymap'}: {size_mb(bundle):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
