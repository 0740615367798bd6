"""One patient's visits over time, and the CSV record of them."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bodymap import BodyMap
from bodymap.cli import main
from bodymap.files.session import Session, save_session
from bodymap.visits import change, read_visits

if TYPE_CHECKING:
    from tests.conftest import Script

ROOT = Path(__file__).resolve().parent.parent
VISITS = sorted((ROOT / "examples" / "visits").glob("*.bodymap"))


def test_visits_are_listed_in_date_order_with_the_pain_shrinking(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert len(VISITS) == 3
    assert main(["visits", *map(str, reversed(VISITS)), "--json"]) == 0  # given in any order
    report = json.loads(capsys.readouterr().out)
    visits = report["visits"]
    assert [v["date"] for v in visits] == sorted(v["date"] for v in visits)
    areas = [v["total_area"] for v in visits]
    assert areas[0] > areas[1] > areas[2] > 0
    assert visits[0]["change"] is None
    for later in visits[1:]:
        assert later["change"]["area"] < 0 and 0.0 < later["change"]["overlap"] < 1.0
    assert report["patients"] == ["Example: Lena Okafor"]
    assert visits[0]["top"][0]["muscle"] == "gluteus_medius"
    assert main(["visits", *map(str, VISITS)]) == 0
    text = capsys.readouterr().out
    assert "3 visit(s) of Example: Lena Okafor" in text and "since 2026-09-01" in text


def test_the_overlap_is_one_for_the_same_drawing_and_zero_for_another_place(
    tmp_path: Path, bm: BodyMap
) -> None:
    def saved(name: str, marks: list[str], date: str) -> Path:
        path = tmp_path / f"{name}.bodymap"
        save_session(path, Session(tuple(bm.marks(marks)), date=date))
        return path

    same = [
        saved("a", ["posterior:right-psis"], "2026-01-01"),
        saved("b", ["posterior:right-psis"], "2026-01-08"),
    ]
    first, second = read_visits(bm, same)
    assert change(first, second).overlap == pytest.approx(1.0)
    assert change(first, second).area == pytest.approx(0.0)
    moved = saved("c", ["anterior:right-temple"], "2026-01-15")
    _, third = read_visits(bm, [same[1], moved])
    delta = change(second, third)
    assert delta.overlap == 0.0 and set(delta.by_view) == {"posterior", "anterior"}


def test_the_csv_holds_a_row_per_session_with_what_a_reader_needs(tmp_path: Path) -> None:
    out = tmp_path / "visits.csv"
    assert (
        main(["export", "--session", *map(str, VISITS), "--format", "csv", "--out", str(out)]) == 0
    )
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["date"] for r in rows] == ["2026-09-01", "2026-09-22", "2026-10-13"]
    assert {r["patient"] for r in rows} == {"Example: Lena Okafor"}
    totals = [float(r["area_cm2_total"]) for r in rows]
    assert totals == sorted(totals, reverse=True) and totals[-1] > 0
    assert float(rows[0]["area_cm2_posterior"]) == totals[0]
    assert "posterior:right-psis" in rows[0]["landmarks"].split("; ")
    assert "worse-lying-on-side=yes" in rows[0]["answers"].split("; ")
    assert rows[0]["muscle_1"] == "gluteus_medius" and rows[0]["fit_1"] == "strong"


def test_export_errors_are_one_line_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", "--session", str(VISITS[0]), "--format"]
    with pytest.raises(SystemExit) as refused:  # argparse: one line, status 2
        main([*args, "json", "--out", str(tmp_path / "x.json")])
    assert refused.value.code == 2 and "invalid choice" in capsys.readouterr().err
    missing = tmp_path / "no-such-folder" / "x.csv"
    assert main([*args, "csv", "--out", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nothing was written" in err
    assert not missing.exists()


def test_the_visits_example_is_current(tmp_path: Path, script: Script) -> None:
    written = script("examples/make_examples.py").write_visits(tmp_path)
    assert sorted(p.name for p in written) == [p.name for p in VISITS]
    for path in written:
        fresh = json.loads(path.read_text(encoding="utf-8"))
        shipped = json.loads((ROOT / "examples" / "visits" / path.name).read_text(encoding="utf-8"))
        assert {**fresh, "saved_at": ""} == {**shipped, "saved_at": ""}
