"""The example sessions in examples/: they open, rank as they say, and are current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bodymap.cli import main
from bodymap.files.session import load_session

if TYPE_CHECKING:
    from tests.conftest import Script

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# name: (the muscle that must rank first, on this side)
EXPECTED = {
    "gluteus-medius-low-back": ("gluteus_medius", "right"),
    "pseudo-sciatica": ("gluteus_minimus", "left"),
    "neck-and-shoulder": ("upper_trapezius", "right"),
    "quadratus-lumborum": ("quadratus_lumborum", "left"),
}


def test_every_example_is_listed(script: Script) -> None:
    assert {p.stem for p in EXAMPLES.glob("*.bodymap")} == set(EXPECTED)
    assert set(script("examples/make_examples.py").EXAMPLES) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_loads_with_patient_date_notes_and_selection(name: str) -> None:
    session = load_session(EXAMPLES / f"{name}.bodymap")
    assert session.patient.startswith("Example: ")
    assert session.date.startswith("2026-")
    assert session.notes.strip()
    assert len(session.marks) >= 4
    assert {m.intensity for m in session.marks} == {"mild", "moderate", "severe"}
    assert session.selected == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_ranks_the_expected_muscle_first(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["rank", "--session", str(EXAMPLES / f"{name}.bodymap"), "--json"])
    out = capsys.readouterr().out
    assert code == 0
    first = json.loads(out)["ranking"][0]
    assert (first["muscle"], first["side"]) == EXPECTED[name]
    assert first["fit"] in {"strong", "good"}


def test_examples_are_current(tmp_path: Path, script: Script) -> None:
    """Regenerating gives the files in examples/, apart from when they were saved."""
    written = script("examples/make_examples.py").write_examples(tmp_path)
    assert {p.name for p in written} == {f"{name}.bodymap" for name in EXPECTED}
    for path in written:
        fresh = json.loads(path.read_text(encoding="utf-8"))
        shipped = json.loads((EXAMPLES / path.name).read_text(encoding="utf-8"))
        fresh.pop("saved_at")
        shipped.pop("saved_at")
        assert fresh == shipped, (
            f"examples/{path.name} is out of date: run python examples/make_examples.py"
        )


def test_the_script_writes_to_a_given_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], script: Script
) -> None:
    assert script("examples/make_examples.py").main([str(tmp_path)]) == 0
    assert sorted(p.stem for p in tmp_path.glob("*.bodymap")) == sorted(EXPECTED)
    assert "wrote" in capsys.readouterr().out
