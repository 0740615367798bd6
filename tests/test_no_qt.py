"""The engine never imports Qt: ranking and importing every core module keeps PySide6 out."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from bodymap import BodyMap
bm = BodyMap.load()
ranking = bm.rank(["posterior:right-psis", "posterior:412.5,630"], top=5)
assert ranking and ranking[0].score > 0
import importlib, pkgutil, bodymap
for info in pkgutil.walk_packages(bodymap.__path__, "bodymap."):
    # every core module, in bodymap/data/ and bodymap/files/ too, the ones added later too
    if info.name.split(".")[1] not in ("gui", "__main__"):
        importlib.import_module(info.name)
leaked = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(leaked)
"""


def test_ranking_does_not_import_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
