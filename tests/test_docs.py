"""The generated parts of the docs match the shipped data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_muscle_tables_in_the_docs_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "muscle_table.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_landmark_tables_in_the_docs_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "landmark_table.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = (ROOT / "docs" / "landmarks.md").read_text(encoding="utf-8")
    assert result.stdout == page, "run: python tools/landmark_table.py > docs/landmarks.md"
