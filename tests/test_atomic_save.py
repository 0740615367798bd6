"""A process killed while saving leaves the old file or the new one, never a broken one.

A helper process with bodymap already imported forks writers; each writer saves two
large sessions in turn, over and over, into the same file, and is killed with SIGKILL
at a random moment. After every kill the file must load and be one of the two.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bodymap.files.recovery import clean_stale_temp_files
from bodymap.files.session import Session, load_session, parse_session, save_session
from bodymap.kinds import Intensity
from bodymap.marks import Mark

KILLS = 40

# Reads "go N" (fork a writer that starts with session N % 2, answer its pid) and "reap PID" (wait for it, answer "reaped").
FORKER = """
import json, os, sys
from pathlib import Path
from bodymap.files.session import parse_session, save_session
path = Path(sys.argv[1])
sessions = [parse_session(json.loads(Path(p).read_text())) for p in sys.argv[2:4]]
print("ready", flush=True)
for line in sys.stdin:
    command, *rest = line.split()
    if command == "go":
        pid = os.fork()
        if pid == 0:
            try:
                n = int(rest[0])
                while True:
                    save_session(path, sessions[n % 2])
                    n += 1
            finally:
                os._exit(1)
        print(pid, flush=True)
    elif command == "reap":
        os.waitpid(int(rest[0]), 0)
        print("reaped", flush=True)
"""


def big_session(seed: int, strokes: int) -> Session:
    rng = random.Random(seed)
    marks = tuple(
        Mark(
            "posterior",
            tuple((rng.uniform(320, 560), rng.uniform(300, 1300)) for _ in range(40)),
            rng.choice((10.0, 18.0, 25.0)),
            intensity=rng.choice(list(Intensity)),
        )
        for _ in range(strokes)
    )
    # Read back from JSON, as load_session will, so that equality is exact.
    return parse_session(Session(marks, None, f"session {seed}", patient="Jane").to_json())


def wait_for_temp_file(folder: Path, pid: int, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not any(folder.glob(".jane.bodymap.*.tmp")):
        assert time.monotonic() < deadline, f"writer {pid} never started a save"
        time.sleep(0.0005)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_a_writer_killed_mid_save_leaves_a_whole_file(tmp_path: Path) -> None:
    a, b = big_session(1, 150), big_session(2, 90)
    sources = []
    for name, session in (("a.json", a), ("b.json", b)):
        (tmp_path / name).write_text(json.dumps(session.to_json()))
        sources.append(str(tmp_path / name))
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "jane.bodymap"
    started = time.perf_counter()
    save_session(path, a)
    one_save = time.perf_counter() - started

    forker = subprocess.Popen(
        [sys.executable, "-c", FORKER, str(path), *sources],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert forker.stdin is not None and forker.stdout is not None

    def ask(command: str) -> str:
        assert forker.stdin is not None and forker.stdout is not None
        forker.stdin.write(command + "\n")
        forker.stdin.flush()
        return forker.stdout.readline().strip()

    rng = random.Random(7)
    seen = {"a": 0, "b": 0}
    mid_save = 0
    try:
        assert forker.stdout.readline().strip() == "ready"
        for kill in range(KILLS):
            pid = int(ask(f"go {kill // 2}"))
            if kill % 2:  # any moment: building the text, writing, replacing
                time.sleep(rng.uniform(0, 2.5 * one_save))
            else:  # while the new file is being written
                wait_for_temp_file(folder, pid)
                time.sleep(rng.uniform(0, 0.0005))  # soon: a small save is quick
            os.kill(pid, signal.SIGKILL)
            assert ask(f"reap {pid}") == "reaped"
            loaded = load_session(path)  # never raises: whole, and a session
            assert loaded in (a, b)
            seen["a" if loaded == a else "b"] += 1
            leftovers = list(folder.glob(".jane.bodymap.*.tmp"))
            mid_save += bool(leftovers)
            for leftover in leftovers:  # evidence of a kill inside save_session
                leftover.unlink()
    finally:
        forker.stdin.close()
        forker.wait(timeout=30)
        forker.stdout.close()
    assert seen["a"] and seen["b"], seen  # the kills landed at different moments
    assert mid_save >= KILLS // 4, f"only {mid_save} of {KILLS} kills landed inside a save"


def test_leftovers_of_killed_saves_are_hidden_and_cleaned_later(tmp_path: Path) -> None:
    path = tmp_path / "jane.bodymap"
    session = big_session(3, 5)
    save_session(path, session)
    leftover = tmp_path / ".jane.bodymap.k1ll3d.tmp"
    leftover.write_text(json.dumps(session.to_json())[:100])  # a save cut short
    assert leftover.name.startswith(".") and leftover.suffix == ".tmp"  # not a .bodymap
    assert clean_stale_temp_files(path) == []  # young: it may be a save in progress
    os.utime(leftover, (time.time() - 3600,) * 2)
    assert clean_stale_temp_files(path) == [leftover]
    assert load_session(path) == session
