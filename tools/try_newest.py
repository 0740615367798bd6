"""Try today's newest releases: a throwaway venv, no lock, the whole test suite.

The README's commands and CI install from the lock in ``requirements/``, so a release
upstream cannot turn main red overnight. This is the other half: it installs bodymap with
the newest releases its ``pyproject.toml`` ranges allow, says which differ from the lock,
and runs the suite against them. When it passes, ``--refresh-lock`` rewrites the lock
from the same resolution (with ``uv pip compile``, installed into the throwaway venv).

    python tools/try_newest.py                       # this Python
    python tools/try_newest.py --python python3.12   # another one
    python tools/try_newest.py --refresh-lock        # and refresh the lock if it passes
    python tools/try_newest.py -- -x tests/test_cli.py   # pytest arguments after --

It exits with pytest's status, so a script or a person can tell at once.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")

# How each lock file is made. The same lines head each file, as the tool writes them.
LOCK_ARGS = {
    "app.txt": [],
    "test.txt": ["--extra", "test"],
}
COMPILE = [
    "pip",
    "compile",
    "pyproject.toml",
    "requirements/build.in",
    "--universal",
    "--python-version",
    "3.11",
    "--generate-hashes",
    "-c",
    "requirements/constraints.in",
    "--custom-compile-command",
    "python tools/try_newest.py --refresh-lock",
]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class Pin(NamedTuple):
    """One ``name==version`` line of a lock: the normalised name, the version, the
    environment marker (``None`` where it applies everywhere) and the hashes after it."""

    name: str
    version: str
    marker: str | None
    hashes: int


def pins(lock: Path) -> list[Pin]:
    """Every pin of ``lock``, in order (tests/test_lock.py checks the lock with these)."""
    found: list[Pin] = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        pin = PIN.match(line)
        if pin:
            found.append(Pin(_normal(pin[1]), pin[2], pin[3], 0))
        elif line.strip().startswith("--hash=sha256:") and found:
            found[-1] = found[-1]._replace(hashes=found[-1].hashes + 1)
    return found


def locked_versions(lock: Path) -> dict[str, set[str]]:
    """Each package's pinned versions in ``lock`` (one per Python where the lock forks)."""
    versions: dict[str, set[str]] = {}
    for pin in pins(lock):
        versions.setdefault(pin.name, set()).add(pin.version)
    return versions


def run(
    cmd: list[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    capture_output: bool = False,
) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(cmd), flush=True)
    return subprocess.run(
        cmd, text=True, check=False, cwd=cwd, env=env, capture_output=capture_output
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--python", default=sys.executable, help="the Python to try (a path or name)"
    )
    parser.add_argument(
        "--refresh-lock", action="store_true", help="rewrite requirements/*.txt if the suite passes"
    )
    parser.add_argument("--keep", action="store_true", help="keep the throwaway venv and say where")
    parser.add_argument("pytest_args", nargs="*", help="arguments for pytest (after --)")
    args = parser.parse_args(argv)

    python = shutil.which(args.python) or args.python
    work = Path(tempfile.mkdtemp(prefix="bodymap-newest-"))
    venv = work / "venv"
    try:
        if run([python, "-m", "venv", str(venv)]).returncode:
            print(f"try_newest: could not make a venv with {python}", file=sys.stderr)
            return 2
        vpy = str(venv / ("Scripts" if os.name == "nt" else "bin") / "python")
        quiet = ["-q", "--disable-pip-version-check"]
        steps = [
            [vpy, "-m", "pip", "install", *quiet, "--upgrade", "pip"],
            # No lock, no cache: what a fresh machine resolves today.
            [vpy, "-m", "pip", "install", *quiet, "--no-cache-dir", f"{ROOT}[test]"],
        ]
        for step in steps:
            if run(step).returncode:
                print("try_newest: the install failed (see above)", file=sys.stderr)
                return 2
        frozen = run([vpy, "-m", "pip", "freeze"], capture_output=True).stdout
        newest = dict(
            (_normal(name), version)
            for name, _, version in (line.partition("==") for line in frozen.splitlines())
            if version
        )
        locked = locked_versions(LOCKS / "test.txt")
        moved = {
            name: (sorted(locked.get(name, {"(not locked)"})), version)
            for name, version in sorted(newest.items())
            if name != "bodymap" and version not in locked.get(name, set())
        }
        print(f"\nnewest releases that differ from the lock ({len(moved)}):")
        for name, (was, now) in moved.items():
            print(f"  {name}: {' / '.join(was)} -> {now}")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        tests = run(
            [vpy, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args.pytest_args],
            cwd=ROOT,
            env=env,
        )
        verdict = "passed" if tests.returncode == 0 else f"FAILED (pytest exit {tests.returncode})"
        print(f"\ntry_newest: the suite {verdict} on the newest releases")
        if tests.returncode == 0 and args.refresh_lock:
            if run([vpy, "-m", "pip", "install", *quiet, "uv"]).returncode:
                return 2
            uv = str(Path(vpy).with_name("uv"))
            for name, extra in LOCK_ARGS.items():
                out = ["-o", f"requirements/{name}", "--upgrade", "-q"]
                if run([uv, *COMPILE, *extra, *out], cwd=ROOT).returncode:
                    return 2
            print("try_newest: requirements/*.txt refreshed; review `git diff requirements/`")
        return tests.returncode
    finally:
        if args.keep:
            print(f"try_newest: the venv is at {venv}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
