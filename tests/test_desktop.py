"""The Linux desktop files: the menu entry, the .bodymap file type, the icon, the metainfo."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bodymap.gui.app import DESKTOP_ID
from bodymap.ids import SESSION_SUFFIX

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    parser.read(LINUX / f"{DESKTOP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_opens_sessions_and_names_its_icon() -> None:
    entry = _entry()
    assert entry["Exec"] == "bodymap %f" and entry["Icon"] == DESKTOP_ID
    assert entry["StartupWMClass"] == "bodymap"
    assert "application/x-bodymap-session" in entry["MimeType"].split(";")


def test_the_file_type_matches_session_files() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(LINUX / f"{DESKTOP_ID}.xml").getroot()
    (mime,) = root.findall("m:mime-type", ns)
    assert mime.get("type") == "application/x-bodymap-session"
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == [f"*{SESSION_SUFFIX}"]


def test_the_icon_comes_in_every_size_the_installer_copies() -> None:
    assert (LINUX / f"{DESKTOP_ID}.svg").is_file()
    for size in (48, 128, 256):
        png = (LINUX / f"{DESKTOP_ID}-{size}.png").read_bytes()
        assert png.startswith(b"\x89PNG")
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (size, size)


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_desktop_file_validate_passes() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / f"{DESKTOP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream absent")
def test_the_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{DESKTOP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
