"""A long session in the real window, in a child process (an abort fails the test).

This is the test that would have caught PySide6 6.12.0 on Python 3.11: every Qt call that
returns nothing took a reference off ``None`` until the interpreter aborted, after a minute
or two of painting. Short tests never got there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SOAK = Path(__file__).with_name("soak_window.py")
DRAGS = 120


def test_the_window_survives_a_long_painting_session(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(SOAK), "--drags", str(DRAGS)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, (
        f"the window died (exit {done.returncode}) during the soak:\n{done.stderr[-3000:]}"
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["drags"] == DRAGS
    assert report["marks"] >= DRAGS * 0.8, report  # the drags really painted
    samples = report["none_refcounts"]
    # A healthy build holds steady or grows as the session holds more objects; the broken
    # one loses one reference per call, thousands per drag.
    assert min(samples) >= samples[0] - 200, f"None's reference count keeps falling: {samples}"
