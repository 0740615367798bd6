"""Checks made before the window opens: a Qt build that is safe, and the system libraries
Qt's X11 plugin needs. Each failure is one line that names the fix.
"""

from __future__ import annotations

import ctypes
import os
import sys

PROBE_CALLS = 256

# Qt's xcb platform plugin (libqxcb.so and libQt6XcbQpa.so.6) links against these; the
# Debian/Ubuntu package that provides each. Qt's own message, when one is missing, names
# only libxcb-cursor0 whatever is really missing.
XCB_LIBRARIES: dict[str, str] = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def none_references_lost(calls: int = PROBE_CALLS) -> int:
    """How many references to ``None`` that many void Qt calls take away.

    A sound build loses none. PySide6 6.12.0 on Python 3.11 loses one per call, and the
    interpreter aborts once the count reaches zero (Python 3.12 and newer make ``None``
    immortal, so the count cannot fall there).
    """
    from PySide6.QtGui import QPainterPath

    path = QPainterPath()
    before = sys.getrefcount(None)
    for _ in range(calls):
        path.lineTo(1.0, 1.0)
    return max(0, before - sys.getrefcount(None))


def broken_qt_message() -> str | None:
    """Why this Qt/Python pair must not run the window, or ``None`` when it is sound."""
    lost = none_references_lost()
    if lost < PROBE_CALLS // 2:
        return None
    import PySide6

    python = ".".join(map(str, sys.version_info[:2]))
    return (
        f"PySide6 {PySide6.__version__} on Python {python} is a known-broken pair that "
        "corrupts memory and would crash mid-session; install a sound Qt with "
        "pip install 'PySide6-Essentials<6.12', or use Python 3.12 or newer"
    )


def _uses_xcb() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    return (
        sys.platform.startswith("linux")
        and bool(os.environ.get("DISPLAY"))
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def missing_libraries(names: dict[str, str] = XCB_LIBRARIES) -> list[str]:
    """The Debian packages of the libraries in ``names`` that cannot be loaded."""
    missing = []
    for soname, package in names.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def no_display_message() -> str | None:
    """The one line to print when there is no screen to open a window on, or ``None``."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); run it "
        "from a desktop session. The commands (bodymap rank, render, ...) need no display."
    )


def missing_xcb_message() -> str | None:
    """The one-line fix when Qt's X11 plugin will not load, or ``None``."""
    if not _uses_xcb():
        return None
    packages = missing_libraries()
    if not packages:
        return None
    return (
        "the window cannot open on X11: system libraries are missing; on Debian or Ubuntu "
        f"install them with: sudo apt-get install {' '.join(packages)}"
    )
