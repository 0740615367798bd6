"""The catalogue says what it covers, so that a short list does not read as complete."""

from __future__ import annotations

from bodymap import BodyMap
from bodymap.catalogue import Muscle
from bodymap.ranking_notes import coverage


def test_the_coverage_counts_the_muscles_and_names_every_part_head_to_foot(bm: BodyMap) -> None:
    line, parts = coverage(bm.catalogue)
    assert f"the {len(bm.catalogue)} muscles bodymap knows" in line
    assert "something other than a muscle" in line
    named = ["head, jaw and neck", "shoulder", "forearm and hand", "thigh", "ankle and foot"]
    positions = [parts.index(p) for p in named]
    assert positions == sorted(positions)  # head to foot


def test_a_part_with_no_muscle_is_not_claimed(bm: BodyMap) -> None:
    legs = [m for m in bm.catalogue if m.region in ("leg", "foot")]
    _, parts = coverage(legs)
    assert parts == f"bodymap knows {len(legs)} muscles: leg and calf; ankle and foot."
    just_one: list[Muscle] = legs[:1]
    assert coverage(just_one)[1].startswith("bodymap knows 1 muscle: ")
