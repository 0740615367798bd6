"""The bundle's build recipe (building it takes PyInstaller and minutes: docs/install.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import Script

ROOT = Path(__file__).resolve().parent.parent


def test_the_bundle_carries_the_data_where_an_installed_wheel_keeps_it(
    tmp_path: Path, script: Script
) -> None:
    args = script("packaging/build.py").arguments(tmp_path)
    data = [a.split("=", 1)[1] for a in args if a.startswith("--add-data=")]
    targets = {d.rsplit(":", 1)[1] for d in data}
    assert targets == {"bodymap/_data/assets", "bodymap/_data/regions"}
    assert all(Path(d.rsplit(":", 1)[0]).is_dir() for d in data)
    assert "--onedir" in args and "--name=bodymap" in args
    assert not any(a.startswith("--copy-metadata") for a in args)  # bodymap/_version.py
    assert "--hidden-import=pkgutil" in args  # svg/__init__.py imports it unseen
    excluded = {a.split("=", 1)[1] for a in args if a.startswith("--exclude-module=")}
    assert {"PySide6.QtQml", "PySide6.QtQuick", "tkinter"} <= excluded
    # Nothing bodymap imports is left out.
    used = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"}
    assert not used & excluded and "PySide6.QtPrintSupport" not in excluded


@pytest.mark.parametrize(
    ("module", "package"), [("PyInstaller", "pyinstaller"), ("elftools", "pyelftools")]
)
def test_building_without_a_tool_says_how_to_get_it(
    tmp_path: Path,
    script: Script,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    module: str,
    package: str,
) -> None:
    build = script("packaging/build.py")
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    assert build.main(["--out", str(tmp_path)]) == 2
    message = capsys.readouterr().err
    assert "pip install" in message and package in message.split("pip install", 1)[1].split()
    assert not (tmp_path / "bodymap").exists()


def _imports_and_numpy_attributes(path: Path) -> set[str]:
    """The modules a file imports, and ``numpy.X`` for each ``np.X``/``numpy.X`` it uses
    (numpy imports its optional parts, np.random and the like, when first used)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in {"np", "numpy"}
        ):
            found.add(f"numpy.{node.attr}")
    return found


def test_the_bundle_leaves_out_nothing_bodymap_imports(script: Script) -> None:
    build = script("packaging/build.py")
    left_out = (*build.UNUSED_QT, *build.UNUSED_PYTHON, *build.UNUSED_NUMPY)
    for path in sorted((ROOT / "bodymap").rglob("*.py")):
        for module in _imports_and_numpy_attributes(path):
            missing = [m for m in left_out if module == m or module.startswith(m + ".")]
            assert not missing, (
                f"{path.relative_to(ROOT)} uses {module}, which the bundle leaves out"
            )


# What a module the bundle keeps imports only when called, from one it leaves out.
NEEDS_LEFT_OUT = {
    "ProcessPoolExecutor": "multiprocessing",  # concurrent.futures; bodymap's pools are threads
    "HTTPHandler": "http",  # logging.handlers
    "SMTPHandler": "smtplib",  # logging.handlers
    "make_archive": "tarfile",  # shutil
    "unpack_archive": "tarfile",  # shutil
    "DataSource": "urllib.request",  # numpy
    "info": "pydoc",  # np.info
}


def test_bodymap_calls_nothing_that_needs_what_the_bundle_leaves_out(script: Script) -> None:
    import ast

    left_out = script("packaging/build.py").UNUSED_PYTHON
    assert set(NEEDS_LEFT_OUT.values()) <= set(left_out)
    for path in sorted((ROOT / "bodymap").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        names.discard("info")  # logging's; numpy's is np.info, checked below
        used = names & NEEDS_LEFT_OUT.keys()
        assert not used, f"{path.relative_to(ROOT)} uses {used}, which the bundle cannot run"
        assert "numpy.info" not in _imports_and_numpy_attributes(path)


def test_pruning_keeps_what_the_bundle_links_and_leaves_the_desktop_its_own(
    tmp_path: Path, script: Script
) -> None:
    build = script("packaging/build.py")
    internal = tmp_path / "_internal"
    qt = internal / "PySide6" / "Qt"

    def elf(*needed: str) -> object:
        return build.Elf(list(needed), set(), [])

    files = {
        tmp_path / "bodymap": elf("libz.so.1"),
        internal / "libpython3.11.so.1.0": elf(),
        qt / "lib" / "libQt6Gui.so.6": elf("libQt6Core.so.6", "libfontconfig.so.1"),
        qt / "lib" / "libQt6Core.so.6": elf("libz.so.1", "libpcre2-8.so.0"),
        qt / "lib" / "libQt6OpenGL.so.6": elf("libQt6Gui.so.6"),  # only a plugin left out used it
        qt / "plugins" / "platforms" / "libqxcb.so": elf("libQt6Gui.so.6", "libxcb-cursor.so.0"),
        internal / "libxcb-cursor.so.0": elf(),
        internal / "libfontconfig.so.1": elf("libfreetype.so.6", "libexpat.so.1"),
        internal / "libfreetype.so.6": elf("libz.so.1"),
        internal / "libexpat.so.1": elf(),
        internal / "libz.so.1": elf(),
        internal / "libpcre2-8.so.0": elf(),
        internal / "libcairo.so.2": elf("libpixman-1.so.0"),  # the GTK theme's
        internal / "libpixman-1.so.0": elf(),
        internal / "numpy.libs" / "libopenblas.so": elf("libgfortran.so.5"),
        internal / "numpy.libs" / "libgfortran.so.5": elf(),
    }
    dropped = {
        p.relative_to(internal).as_posix() for p in build.unneeded_libraries(tmp_path, files)
    }
    # fontconfig is the desktop's, and so is what it links (zlib too, though Qt Core links
    # it: the system's fontconfig must find the system's); the Cairo pair and Qt OpenGL
    # have no user left.
    assert dropped == {
        "libfontconfig.so.1",
        "libfreetype.so.6",
        "libexpat.so.1",
        "libz.so.1",
        "libcairo.so.2",
        "libpixman-1.so.0",
        "PySide6/Qt/lib/libQt6OpenGL.so.6",
    }


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")
def test_stripping_spares_the_program_and_the_libraries_wheels_vendor(
    tmp_path: Path, script: Script
) -> None:
    import _ctypes
    import shutil

    pytest.importorskip("elftools")
    if shutil.which("strip") is None or getattr(_ctypes, "__file__", None) is None:
        pytest.skip("needs strip (binutils) and a Python whose _ctypes is a shared library")
    build = script("packaging/build.py")
    library = Path(_ctypes.__file__)
    places = [tmp_path / "bodymap", tmp_path / "_internal" / "x.so"]
    places.append(tmp_path / "_internal" / "numpy.libs" / "y.so")
    for place in places:
        place.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(library, place)
    build.strip_symbols(tmp_path, build.elf_files(tmp_path))
    original = library.read_bytes()
    assert places[0].read_bytes() == original  # its archive follows the ELF part
    assert places[2].read_bytes() == original  # patchelf has rewritten those
    stripped = build.read_elf(places[1])
    assert stripped.loadable and ".symtab" not in stripped.sections
    assert stripped.needed == build.read_elf(library).needed


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")
def test_reading_elf_files_skips_what_is_not_one_or_is_broken(
    tmp_path: Path, script: Script
) -> None:
    import _ctypes
    import re
    import shutil
    import subprocess

    pytest.importorskip("elftools")
    if getattr(_ctypes, "__file__", None) is None:
        pytest.skip("needs a Python whose _ctypes is a shared library")
    build = script("packaging/build.py")
    path = Path(_ctypes.__file__)
    elf = build.read_elf(path)
    assert ".dynsym" in elf.sections and ".text" in elf.sections
    assert elf.segments and elf.loadable
    if readelf := shutil.which("readelf"):  # binutils' reading of the same file
        dynamic = subprocess.run([readelf, "-dW", str(path)], capture_output=True, text=True)
        assert elf.needed == re.findall(r"\(NEEDED\).*\[(.+)\]", dynamic.stdout)
        program = subprocess.run([readelf, "-lW", str(path)], capture_output=True, text=True)
        loads = re.findall(r"^\s*LOAD\s+(\S+)\s+(\S+)\s.*\s(\S+)$", program.stdout, re.M)
        assert elf.segments == [tuple(int(n, 16) for n in load) for load in loads]
    library = path.read_bytes()
    broken = {
        "empty": b"",
        "text": b"not an ELF file\n",
        "magic-only": library[:4],
        "header-only": library[:64],
        "half": library[: len(library) // 2],
        # the section headers' offset pointing far beyond the end of the file
        "far": library[:0x28] + (2**63).to_bytes(8, "little") + library[0x30:],
    }
    for name, data in broken.items():
        (tmp_path / name).write_bytes(data)
        assert build.read_elf(tmp_path / name) is None, name
    assert build.elf_files(tmp_path) == {}


# Asks Qt what it asks ICU for: collation, case mapping, time zone names and character sets.
ICU_PROBE = """
import functools, sys
from PySide6.QtCore import (QBuffer, QByteArray, QCollator, QCoreApplication, QIODevice,
    QLocale, QStringConverter, QStringDecoder, QTimeZone, QXmlStreamReader, Qt)

app = QCoreApplication([])
print([line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line][:1])
words = ["apple", "Äpfel", "zebra", "Zürich", "öl", "ol", "ångström", "ch", "h", "\\u0131", "İ",
         "file10", "file2", "東京", "北京", "서울", "Москва", "résumé", "Resume", "co-op", "ß"]
locales = ["en_US", "de_DE", "sv_SE", "tr_TR", "cs_CZ", "ja_JP", "zh_CN", "ko_KR", "ar_EG"]
for name in locales:
    locale = QLocale(name)
    for numeric in (False, True):
        collator = QCollator(locale)
        collator.setNumericMode(numeric)
        collator.setCaseSensitivity(Qt.CaseInsensitive if numeric else Qt.CaseSensitive)
        print(name, sorted(words, key=functools.cmp_to_key(collator.compare)))
    print(name, [(locale.toUpper(w), locale.toLower(w)) for w in ("istanbul", "IŞIK", "straße")])
    for zone in QTimeZone.availableTimeZoneIds()[::7]:
        zone = QTimeZone(zone)
        print(name, bytes(zone.id()).decode(), [zone.displayName(t, n, locale)
            for t in (QTimeZone.StandardTime, QTimeZone.DaylightTime, QTimeZone.GenericTime)
            for n in (QTimeZone.LongName, QTimeZone.ShortName, QTimeZone.OffsetName)])
text = "Grüße 東京 서울 Москва € ¥"
for codec in QStringConverter.availableCodecs():
    try:
        data = text.encode(codec, "replace")
    except LookupError:
        data = bytes(range(0x20, 0x7F)).replace(b"<", b"").replace(b"&", b"")
    buffer = QBuffer()
    buffer.setData(QByteArray(b'<?xml version="1.0" encoding="%s"?><a>%s</a>' % (codec.encode(), data)))
    buffer.open(QIODevice.ReadOnly)
    reader = QXmlStreamReader(buffer)
    read = []
    while not reader.atEnd():
        reader.readNext()
        read.append(reader.text() if reader.isCharacters() else "")
    print(codec, QStringDecoder(codec).isValid(), "".join(read), reader.errorString())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")
def test_trimming_icu_data_leaves_qt_what_it_reads(tmp_path: Path, script: Script) -> None:
    import os
    import shutil
    import subprocess

    pytest.importorskip("elftools")
    import PySide6

    if not all(shutil.which(tool) for tool in ("icupkg", "as", "ld")):
        pytest.skip("needs icupkg (Debian's icu-devtools) and binutils")
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 carries no ICU")
    build = script("packaging/build.py")
    library = tmp_path / found[0].name
    shutil.copyfile(found[0], library)
    assert build.trim_icu_data(library) is None
    assert library.stat().st_size < found[0].stat().st_size - 10_000_000
    (tmp_path / "probe.py").write_text(ICU_PROBE, encoding="utf-8")

    def probe(**env: str) -> list[str]:
        command = [sys.executable, str(tmp_path / "probe.py")]
        done = subprocess.run(
            command, capture_output=True, text=True, env=os.environ | env, check=True
        )
        assert "Could not" not in done.stderr, done.stderr
        return done.stdout.splitlines()

    whole, trimmed = probe(), probe(LD_PRELOAD=str(library))
    assert whole[0] != trimmed[0] and str(library) in trimmed[0]  # the trimmed data is in use
    assert len(whole) > 500 and whole[1:] == trimmed[1:]


def test_sizes_are_told_in_megabytes_and_mebibytes(script: Script) -> None:
    build = script("packaging/build.py")
    assert build.describe_size(139_080_672) == "139.1 MB (132.6 MiB; 139,080,672 bytes)"
    assert build.describe_size(149_999_999) == "150.0 MB (143.1 MiB; 149,999,999 bytes)"
