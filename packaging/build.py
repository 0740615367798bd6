"""Build a one-folder bundle of bodymap that runs without Python: ``DIR/bodymap/bodymap``.

    python packaging/build.py --out DIR

PyInstaller (one-folder mode) gathers Python, bodymap, its data (``assets/`` and
``regions/``, placed where an installed wheel keeps them) and the parts of
PySide6-Essentials bodymap uses. Qt modules bodymap never imports (QML, Quick, the
network and the multimedia modules) are left out, and so are Qt's translations, which
bodymap does not ship, and the parts of numpy it never uses. On Linux the build then leaves
out the Qt plugins bodymap has no use for, the libraries only they linked and the libraries
every desktop has, and strips symbols where that is safe (see ``prune``). Run it in an
environment installed from the lock (``requirements/app.txt``), with ``pip install
pyinstaller pyelftools`` and bodymap itself installed; see docs/install.md.
"""

# pyelftools is the build's, not in the test environment's lock: mypy checks its use where
# it is installed (it ships its types) and takes it as untyped elsewhere.

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import Path
from typing import NamedTuple

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
# mypy comes in (5 MB) when the build environment has it: pydantic's hook gathers every
# pydantic module, pydantic.mypy (the type checker's plugin) among them. readline edits the
# lines of Python's interactive prompt, which the bundle has none of; only typing_extensions
# imports asyncio, for a deprecated coroutine function. Nothing in the bundle imports the
# rest, or only on a path bodymap never takes (named in brackets): the web, mail and
# remote-call clients and servers (logging's HTTP and SMTP handlers, numpy's loading from
# URLs), TLS, the interactive help (np.info), the debugger, doctest, multiprocessing
# (ProcessPoolExecutor: bodymap's pools are threads), tar files (shutil's archives), SAX and
# the pure-Python decimal (when the C one is missing); pydantic.v1 (a type with V1-style
# validators). Together 1.9 MB. tests/test_packaging.py checks that bodymap imports none of
# these, nor calls what would.
UNUSED_PYTHON = (
    "tkinter",
    "unittest",
    "pydoc_data",
    "IPython",
    "pytest",
    "hypothesis",
    "mypy",
    "readline",
    "asyncio",
    "http",
    "urllib.request",
    "xmlrpc",
    "smtplib",
    "ftplib",
    "ssl",
    "pydoc",
    "pdb",
    "doctest",
    "multiprocessing",
    "tarfile",
    "xml.sax",
    "_pydecimal",
    "pydantic.v1",
)
# Parts of numpy that numpy imports only when asked for (np.random, np.fft, ...) and that
# bodymap and shapely never ask for (tests/test_packaging.py checks bodymap's code). numpy's
# hook gathers every numpy extension module all the same, so prune drops their folders.
UNUSED_NUMPY = ("numpy.random", "numpy.fft", "numpy.f2py", "numpy.polynomial", "numpy.testing")

# Qt plugins bodymap has no use for, as paths under PySide6/Qt/plugins (a folder goes
# whole). Leaving them out leaves out what only they link, too: GTK 3, Pango and Cairo for
# the GTK theme, Qt OpenGL, Qt Network and the EGL device libraries for the others.
UNUSED_QT_PLUGINS = (
    # GTK-styled dialogs and colours: Qt's own dialogs serve.
    "platformthemes/libqgtk3.so",
    # Screens without a desktop (EGL full screen, frame buffer, VNC, Vulkan display) and
    # Qt's test platforms: bodymap runs on xcb (X11), wayland or offscreen.
    "platforms/libqeglfs.so",
    "platforms/libqlinuxfb.so",
    "platforms/libqminimal.so",
    "platforms/libqminimalegl.so",
    "platforms/libqvnc.so",
    "platforms/libqvkkhrdisplay.so",
    "egldeviceintegrations",
    "generic",  # evdev and TUIO input, for those screens
    # OpenGL on X11 and Wayland: bodymap paints with QPainter into raster windows.
    "xcbglintegrations",
    "wayland-graphics-integration-client",
    # Wayland shells of kiosks, cars and Qt's own compositor; desktops speak xdg-shell.
    "wayland-shell-integration/libfullscreen-shell-v1.so",
    "wayland-shell-integration/libivi-shell.so",
    "wayland-shell-integration/libqt-shell.so",
    "wayland-shell-integration/libwl-shell-plugin.so",
    # Image formats bodymap neither reads nor writes (PNG is built into Qt Gui; the SVG
    # and JPEG plugins stay).
    "imageformats/libqgif.so",
    "imageformats/libqicns.so",
    "imageformats/libqico.so",
    "imageformats/libqtga.so",
    "imageformats/libqtiff.so",
    "imageformats/libqwbmp.so",
    "imageformats/libqwebp.so",
)

# ICU's data that Qt never reads, by folder of ICU's data package (``icupkg -l``). Qt Core
# calls ICU for character set converters, collation (QCollator, which sorts the file dialog),
# case mapping and time zones (their IDs and names): the converters (``*.cnv``), ``coll``,
# ``zone`` and the locales' own data stay. These serve the rest of ICU: text segmentation
# (``brkitr``: Qt has its own Unicode tables), the names of currencies, languages, regions
# and units (QLocale has its own CLDR data), transliteration and spelled-out numbers
# (``rbnf``): 15 MB of ICU's 32. tests/test_packaging.py checks that Qt's answers stay the
# same.
UNUSED_ICU_DATA = ("brkitr", "curr", "lang", "rbnf", "region", "translit", "unit")

# System libraries every Linux desktop has, left to the system instead of bundled, with
# the libraries they link (which the system then provides too). The system's copies match
# its fonts configuration, D-Bus, printers and graphics drivers and get its security
# updates; a bundled copy, older or newer, would stand in for them for every library loaded
# (the bundle puts its folder first on LD_LIBRARY_PATH). docs/install.md names the packages.
DESKTOP_LIBRARIES = (
    "libX11.so.*",
    "libX11-xcb.so.*",
    "libxkbcommon.so.*",  # reads the system's keyboard layouts: GTK and Qt link it
    # libxcb's extensions that Cairo (render, shm) and Mesa's EGL (randr, xfixes, sync)
    # link; the bundle needs libxcb itself and libEGL from the system anyway. The ones a
    # bare desktop may lack (libxcb-cursor, -icccm, -keysyms, ...) stay bundled.
    "libxcb-render.so.*",
    "libxcb-shm.so.*",
    "libxcb-randr.so.*",
    "libxcb-xfixes.so.*",
    "libxcb-sync.so.*",
    "libfontconfig.so.*",
    "libfreetype.so.*",
    "libglib-2.0.so.*",
    "libgthread-2.0.so.*",
    "libdbus-1.so.*",
    "libcups.so.*",  # without it the print dialog offers PDF files only
    "libssl.so.*",
    "libcrypto.so.*",
    "libstdc++.so.*",
    "libgcc_s.so.*",
)
# What the build needs besides the app's environment, by module and pip name: PyInstaller,
# and pyelftools, with which prune reads the ELF files (the libraries they link, their
# sections and segments).
TOOLS = {"PyInstaller": "pyinstaller", "elftools": "pyelftools"}
# The C library's parts, which no bundle carries.
GLIBC = ("libc.so.*", "libm.so.*", "libdl.so.*", "libpthread.so.*", "librt.so.*", "ld-linux*")


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
        "--hidden-import=svg.path",
        # svg/__init__.py makes svg a namespace package with __import__("pkgutil"), which
        # PyInstaller cannot see; pydoc brought pkgutil in before it was left out.
        "--hidden-import=pkgutil",
    ]
    args += [f"--exclude-module={m}" for m in (*UNUSED_QT, *UNUSED_PYTHON, *UNUSED_NUMPY)]
    if sys.platform == "darwin":
        args.append("--windowed")
    return args


def prune(bundle: Path) -> None:
    """Qt's translations (bodymap ships none), the numpy parts of ``UNUSED_NUMPY`` and, on
    Linux, the unused Qt plugins, the libraries nothing left links or the desktop provides,
    the ICU data Qt does not read and the symbols the loader does not use."""
    for translations in bundle.rglob("translations"):
        if translations.is_dir() and "PySide6" in translations.parts:
            shutil.rmtree(translations)
    for module in UNUSED_NUMPY:
        shutil.rmtree(bundle / "_internal" / Path(*module.split(".")), ignore_errors=True)
    if not sys.platform.startswith("linux"):
        return
    drop_qt_plugins(bundle)
    files = elf_files(bundle)
    for library in unneeded_libraries(bundle, files):
        library.unlink()
        del files[library]
    for link in (bundle / "_internal").iterdir():
        if link.is_symlink() and not link.exists():  # pointed at a Qt library left out
            link.unlink()
    for library in [p for p in files if p.name.startswith("libicudata.so")]:
        failure = trim_icu_data(library)
        if failure is not None:
            print(f"build.py: ICU's data kept whole: {failure}", file=sys.stderr)
        files[library] = read_elf(library) or files[library]
    strip_symbols(bundle, files)


def drop_qt_plugins(bundle: Path) -> None:
    """The plugins of ``UNUSED_QT_PLUGINS``."""
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins"
    for name in UNUSED_QT_PLUGINS:
        path = plugins / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


class Elf(NamedTuple):
    """What pruning needs to know of an ELF file (a program or a shared library)."""

    needed: list[str]  # the libraries it links (DT_NEEDED)
    sections: set[str]
    segments: list[tuple[int, int, int]]  # each loadable one's file offset, address, alignment

    @property
    def loadable(self) -> bool:
        """Whether each segment's file offset agrees with its address modulo its alignment,
        which the loader requires ("ELF load command address/offset not page-aligned")."""
        return all(
            align < 2 or (offset - address) % align == 0 for offset, address, align in self.segments
        )


def read_elf(path: Path) -> Elf | None:
    """``path``'s ELF facts, read with pyelftools, or ``None`` when it is not an ELF file or
    not a well-formed one."""
    from elftools.common.exceptions import ELFError
    from elftools.construct import ConstructError
    from elftools.elf.dynamic import DynamicSegment
    from elftools.elf.elffile import ELFFile

    with path.open("rb") as file:
        try:
            elf = ELFFile(file)
            needed = [
                str(vars(tag)["needed"])  # pyelftools sets it from the string table
                for segment in elf.iter_segments("PT_DYNAMIC")
                if isinstance(segment, DynamicSegment)
                for tag in segment.iter_tags("DT_NEEDED")
            ]
            sections = {str(section.name) for section in elf.iter_sections()}
            loads = [
                (int(s["p_offset"]), int(s["p_vaddr"]), int(s["p_align"]))
                for s in elf.iter_segments("PT_LOAD")
            ]
        # ELFError for a file that is not ELF (or is, but malformed); the others for a
        # malformed one whose numbers point outside the file or overflow.
        except (ELFError, ConstructError, ArithmeticError, LookupError, ValueError):
            return None
    return Elf(needed, sections, loads)


def elf_files(bundle: Path) -> dict[Path, Elf]:
    """Every ELF file of the bundle (links aside)."""
    files = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink() and (elf := read_elf(path)):
            files[path] = elf
    return files


def gathered_libraries(bundle: Path, files: Iterable[Path]) -> set[Path]:
    """The shared libraries PyInstaller gathered because something linked them: the
    system's (at the top of ``_internal``) and Qt's. Python's library, extension modules, Qt plugins
    and the libraries wheels vendor (``numpy.libs``, ...) are not among them."""
    internal = bundle / "_internal"
    qt = internal / "PySide6" / "Qt" / "lib"
    return {
        path
        for path in files
        if path.parent == qt
        or (path.parent == internal and path.name.startswith("lib") and "python" not in path.name)
    }


def linked(start: Iterable[Path], files: dict[Path, Elf], by_name: dict[str, Path]) -> set[Path]:
    """``start`` and the libraries of ``by_name`` they link, directly or not."""
    found = set(start)
    pending = list(found)
    while pending:
        for name in files[pending.pop()].needed:
            library = by_name.get(name)
            if library is not None and library not in found:
                found.add(library)
                pending.append(library)
    return found


def unneeded_libraries(bundle: Path, files: dict[Path, Elf]) -> set[Path]:
    """The gathered libraries to leave out: the desktop's (``DESKTOP_LIBRARIES`` and what
    they link) and those nothing else in the bundle links any more."""
    gathered = gathered_libraries(bundle, files)
    desktop = {p for p in gathered if any(fnmatch(p.name, d) for d in DESKTOP_LIBRARIES)}
    desktop = linked(desktop, files, {p.name: p for p in gathered})
    bundled = {p.name: p for p in gathered - desktop}
    needed = linked((p for p in files if p not in gathered), files, bundled)
    return gathered - needed


def strip_symbols(bundle: Path, files: dict[Path, Elf]) -> None:
    """Symbols the loader does not use (``strip --strip-unneeded``, as distributions strip
    their libraries): debug symbols, most of the size of a Python built from source, and
    symbol tables. Only under ``_internal``: the program itself carries the bundle's
    archive after its ELF part, which strip would cut off. Wheels' vendored libraries
    (``*.libs``) are left alone: patchelf has rewritten them, and strip moves their segments
    off alignment, which the loader refuses (numpy's OpenBLAS did with PyInstaller's
    ``--strip``); any other file strip would leave so gets its original back."""
    strip = shutil.which("strip")  # binutils, which PyInstaller needs on Linux too
    for path, elf in files.items():
        inside = path.is_relative_to(bundle / "_internal")
        vendored = any(part.endswith(".libs") for part in path.relative_to(bundle).parts)
        symbols = ".symtab" in elf.sections or any(s.startswith(".debug") for s in elf.sections)
        if strip is None or not inside or vendored or not symbols:
            continue
        original = path.read_bytes()
        subprocess.run([strip, "--strip-unneeded", str(path)], check=True)
        stripped = read_elf(path)
        if stripped is None or not stripped.loadable:
            path.write_bytes(original)


ICU_DATA_LIBRARY = """\
	.section .rodata
	.globl {symbol}
	.type {symbol}, @object
	.balign 16
{symbol}:
	.incbin "{data}"
	.size {symbol}, . - {symbol}
	.section .note.GNU-stack, "", @progbits
"""


def icu_data(library: Path) -> tuple[str, str, bytes] | None:
    """The data package a library of ICU's data holds, as its symbol (``icudt73_dat``), its
    file's name (``icudt73l``: ICU names the items after it, l for little-endian) and its
    bytes; ``None`` if ``library`` holds none."""
    from elftools.elf.elffile import ELFFile
    from elftools.elf.sections import SymbolTableSection

    with library.open("rb") as file:
        elf = ELFFile(file)
        dynsym = elf.get_section_by_name(".dynsym")
        if not isinstance(dynsym, SymbolTableSection):
            return None
        for symbol in dynsym.iter_symbols():
            if re.fullmatch(r"icudt\d+_dat", symbol.name) and symbol["st_size"]:
                for offset in elf.address_offsets(symbol["st_value"]):
                    file.seek(offset)
                    package = symbol.name.removesuffix("_dat") + ("l" if elf.little_endian else "b")
                    return str(symbol.name), package, file.read(symbol["st_size"])
    return None


def trim_icu_data(library: Path) -> str | None:
    """Rebuild ICU's data library (``libicudata.so.NN``) without ``UNUSED_ICU_DATA``, or say
    why not, leaving it as it was. The library is one symbol, ICU's data package: icupkg,
    ICU's own tool (Debian's icu-devtools), takes the items out, and the assembler and the
    linker (binutils) make a library of the rest, under the same name."""
    tools = {name: shutil.which(name) for name in ("icupkg", "as", "ld")}
    if missing := [name for name, path in tools.items() if path is None]:
        return f"{', '.join(missing)} not found (icupkg is in Debian's icu-devtools)"
    icupkg, assembler, linker = (str(path) for path in tools.values())
    if (found := icu_data(library)) is None:
        return f"{library.name} holds no ICU data package"
    symbol, package, data = found

    def run(*command: str | Path) -> str:
        args = [str(part) for part in command]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        (work / "whole").mkdir()
        (work / "trimmed").mkdir()
        whole, trimmed = work / "whole" / f"{package}.dat", work / "trimmed" / f"{package}.dat"
        whole.write_bytes(data)
        rebuilt = work / library.name
        try:
            items = run(icupkg, "-l", whole).split()
            unused = [item for item in items if item.split("/")[0] in UNUSED_ICU_DATA]
            kept = [item for item in items if item.split("/")[0] not in UNUSED_ICU_DATA]
            (work / "unused.txt").write_text("".join(f"{item}\n" for item in unused))
            run(icupkg, "-r", work / "unused.txt", whole, trimmed)
            (work / "data.s").write_text(ICU_DATA_LIBRARY.format(symbol=symbol, data=trimmed))
            run(assembler, "-o", work / "data.o", work / "data.s")
            run(linker, "-shared", f"-soname={library.name}", "-o", rebuilt, work / "data.o")
            left = run(icupkg, "-l", trimmed).split()
        except subprocess.CalledProcessError as error:
            return f"{Path(error.cmd[0]).name} failed: {error.stderr.strip()}"
        facts = read_elf(rebuilt)
        if left != kept or facts is None or not facts.loadable or icu_data(rebuilt) is None:
            return "the rebuilt library did not check out"
        shutil.copyfile(rebuilt, library)
    return None


def system_libraries(bundle: Path) -> list[str]:
    """The libraries the bundle links that it does not carry: the system must have them."""
    files = elf_files(bundle)
    carried = {p.name for p in files} | {p.name for p in bundle.rglob("*") if p.is_symlink()}
    wanted = {name for elf in files.values() for name in elf.needed}
    return sorted(n for n in wanted - carried if not any(fnmatch(n, g) for g in GLIBC))


def size(folder: Path) -> int:
    """The bundle's size in bytes: its files' (links counted once, as ``du`` counts them)."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files)


def describe_size(total: int) -> str:
    """``total`` bytes in megabytes (10⁶ bytes) and mebibytes (2²⁰ bytes, ``du -h``'s "M"),
    and exactly (149,999,999 bytes rounds to 150.0 MB)."""
    return f"{total / 1e6:.1f} MB ({total / 2**20:.1f} MiB; {total:,} bytes)"


def missing_tools() -> list[str]:
    """The pip names of the ``TOOLS`` that cannot be imported."""
    return [
        package for module, package in TOOLS.items() if importlib.util.find_spec(module) is None
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the folder to build in")
    args = parser.parse_args(argv)
    if missing := missing_tools():
        names = " and ".join(missing)
        print(
            f"build.py: {names} {'is' if len(missing) == 1 else 'are'} not installed:"
            f" pip install {' '.join(missing)}",
            file=sys.stderr,
        )
        return 2
    import PyInstaller.__main__ as pyinstaller

    out = args.out.resolve()
    pyinstaller.run(arguments(out))
    bundle = out / "bodymap"
    prune(bundle)
    shutil.rmtree(out / "build", ignore_errors=True)
    print(f"built {bundle / 'bodymap'}: {describe_size(size(bundle))}")
    if sys.platform.startswith("linux"):
        print("it needs from the system:", " ".join(system_libraries(bundle)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
