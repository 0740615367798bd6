"""Symptom answers and the press test re-rank the muscles whose location already fits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bodymap import BodyMap
from bodymap.answers import HISTORY_BOUND, PRESSED, Answers
from bodymap.catalogue import FACTORS
from bodymap.cli import main
from bodymap.files.session import Session, load_session, save_session

SIDES = ["right", "left"]

TEMPLE_AND_JAW = [
    "anterior:{s}-temple",
    "{lat}:{s}-temple",
    "{lat}:{s}-upper-teeth",
    "{lat}:{s}-jaw-angle",
]
BELT_AND_BUTTOCK = [
    "posterior:{s}-iliac-crest",
    "posterior:{s}-upper-buttock",
    "posterior:{s}-psis",
]
FRONT_OF_SHOULDER = ["anterior:{s}-anterior-shoulder", "anterior:{s}-anterior-arm"]


def marks(template: list[str], side: str) -> list[str]:
    return [t.format(s=side, lat=f"{side}-lateral") for t in template]


def first(bm: BodyMap, template: list[str], side: str, **replies: str) -> str:
    answers = Answers({k.replace("_", "-"): v for k, v in replies.items()})
    top = bm.rank(marks(template, side), top=3, answers=answers)[0]
    assert top.side == side
    return top.muscle


@pytest.mark.parametrize("side", SIDES)
def test_chewing_or_turning_the_head_decides_a_temple_and_jaw_drawing(
    bm: BodyMap, side: str
) -> None:
    assert first(bm, TEMPLE_AND_JAW, side, worse_chewing="yes") in {"temporalis", "masseter"}
    turning = first(bm, TEMPLE_AND_JAW, side, worse_turning_head="yes")
    assert turning in {"upper_trapezius", "sternocleidomastoid"}


@pytest.mark.parametrize("side", SIDES)
def test_rolling_over_and_coughing_or_lying_on_it_and_walking_decide_the_belt_line(
    bm: BodyMap, side: str
) -> None:
    ql = first(bm, BELT_AND_BUTTOCK, side, worse_turning_in_bed="yes", worse_coughing="yes")
    assert ql == "quadratus_lumborum"
    gm = first(bm, BELT_AND_BUTTOCK, side, worse_lying_on_side="yes", worse_walking="yes")
    assert gm == "gluteus_medius"


@pytest.mark.parametrize("side", SIDES)
def test_reaching_behind_the_back_puts_infraspinatus_first_at_the_front_of_the_shoulder(
    bm: BodyMap, side: str
) -> None:
    assert first(bm, FRONT_OF_SHOULDER, side) != "infraspinatus"  # by place alone
    assert first(bm, FRONT_OF_SHOULDER, side, worse_reaching_back="yes") == "infraspinatus"


def test_no_answers_give_exactly_the_location_ranking(bm: BodyMap) -> None:
    spots = marks(BELT_AND_BUTTOCK, "right")
    plain = [c.to_json() for c in bm.rank(spots)]
    assert [c.to_json() for c in bm.rank(spots, answers=Answers())] == plain
    # An answer about none of these muscles changes nothing either.
    jaw_only = Answers({"worse-chewing": "yes"})
    assert [c.to_json() for c in bm.rank(spots, answers=jaw_only)] == plain


@pytest.mark.parametrize("reply", ["yes", "no"])
def test_an_answer_never_lists_a_muscle_the_marks_do_not_touch(bm: BodyMap, reply: str) -> None:
    for template in (TEMPLE_AND_JAW, BELT_AND_BUTTOCK, FRONT_OF_SHOULDER):
        spots = marks(template, "right")
        touched = {(c.muscle, c.side) for c in bm.rank(spots)}
        for question in bm.questions:
            ranked = bm.rank(spots, answers=Answers({question.id: reply}))
            assert {(c.muscle, c.side) for c in ranked} == touched, question.id
            assert all(0.0 < c.score <= 1.0 for c in ranked)


def test_a_no_counts_the_other_way(bm: BodyMap) -> None:
    spots = marks(TEMPLE_AND_JAW, "right")

    def score(reply: str) -> float:
        ranked = bm.rank(spots, answers=Answers({"worse-chewing": reply}))
        return next(c.score for c in ranked if c.muscle == "temporalis")

    assert score("yes") > score("no")
    ranked = bm.rank(spots, answers=Answers({"worse-chewing": "no"}))
    temporalis = next(c for c in ranked if c.muscle == "temporalis")
    assert "Fits less well because the pain is not worse when chewing" in temporalis.plain_reason
    assert "worse-chewing=no" in temporalis.reason


def test_the_reason_says_why_in_plain_words_with_the_figures(bm: BodyMap) -> None:
    answers = Answers({"worse-chewing": "yes"})
    ranked = bm.rank(marks(TEMPLE_AND_JAW, "right"), answers=answers)
    temporalis = next(c for c in ranked if c.muscle == "temporalis")
    assert "Fits better because the pain is worse when chewing" in temporalis.plain_reason
    assert temporalis.location_score is not None and temporalis.score > temporalis.location_score
    assert [(e.question, e.reply) for e in temporalis.effects] == [("worse-chewing", "yes")]


def test_the_press_test_moves_more_than_any_history_answer(bm: BodyMap) -> None:
    strongest = max(yes for yes, _ in FACTORS.values())
    assert PRESSED["yes"] > strongest and PRESSED["no"] < min(no for _, no in FACTORS.values())
    assert HISTORY_BOUND[1] >= strongest
    spots = marks(BELT_AND_BUTTOCK, "right")
    # Quadratus lumborum favoured by two answers, gluteus medius pressed: the press wins.
    answers = Answers(
        {"worse-turning-in-bed": "yes", "worse-coughing": "yes"},
        {("gluteus_medius", "right"): "yes"},
    )
    assert bm.rank(spots, answers=answers)[0].muscle == "gluteus_medius"


def test_numbness_or_weakness_never_raise_a_muscle_but_warn(
    bm: BodyMap, capsys: pytest.CaptureFixture[str]
) -> None:
    spots = marks(BELT_AND_BUTTOCK, "left")
    plain = [c.to_json() for c in bm.rank(spots)]
    for question in ("numbness", "weakness"):
        assert (
            main(["rank", *(f"--at={s}" for s in spots), "--answer", f"{question}=yes", "--json"])
            == 0
        )
        out = json.loads(capsys.readouterr().out)
        assert [f["id"] for f in out["red_flags"]].count("nerve_signs") == 1
        assert out["ranking"] == plain[:10]
    assert main(["rank", f"--at={spots[0]}", "--answer", "tingling=yes", "--json"]) == 0
    assert "nerve_signs" not in capsys.readouterr().out  # pins and needles alone: no flag


def test_an_unknown_question_or_answer_is_one_line_with_the_closest_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rank", "--at", "posterior:right-psis", "--answer", "worse-chewin=yes"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "worse-chewing" in err
    assert main(["rank", "--at", "posterior:right-psis", "--answer", "worse-chewing=maybe"]) == 2
    assert "yes or no" in capsys.readouterr().err
    assert main(["rank", "--at", "posterior:right-psis", "--pressed", "gluteus_medus=yes"]) == 2
    assert "gluteus_medius" in capsys.readouterr().err


def test_bodymap_questions_lists_every_contract_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--json"]) == 0
    ids = {q["id"] for q in json.loads(capsys.readouterr().out)["questions"]}
    contract = {
        "worse-sitting", "worse-getting-up", "worse-lying-on-side", "worse-walking",
        "worse-stairs", "worse-turning-in-bed", "worse-coughing", "worse-bending",
        "worse-turning-head", "worse-chewing", "worse-reaching-back", "worse-reaching-up",
        "worse-gripping", "worse-first-steps", "worse-deep-breath", "knee-gives-way",
        "dizziness", "numbness", "weakness",
    }  # fmt: skip
    assert contract <= ids


def test_a_session_keeps_the_answers_and_rank_uses_them(
    tmp_path: Path, bm: BodyMap, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = Answers(
        {"worse-lying-on-side": "yes", "worse-walking": "yes"},
        {("gluteus_medius", "right"): "no"},
    )
    drawing_marks = tuple(bm.marks(marks(BELT_AND_BUTTOCK, "right")))
    path = tmp_path / "answers.bodymap"
    save_session(path, Session(drawing_marks, answers=answers))
    assert load_session(path).answers == answers
    assert main(["rank", "--session", str(path), "--json"]) == 0
    from_file = json.loads(capsys.readouterr().out)["ranking"]
    expected = [c.to_json() for c in bm.rank(list(drawing_marks), top=10, answers=answers)]
    assert from_file == expected


def test_check_names_the_file_and_line_of_an_unknown_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bodymap.data.resources import default_data_root

    source = default_data_root() / "regions" / "temporalis.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "question: worse-chewing", "question: worse-chewng", 1
    )
    assert "worse-chewng" in text
    bad = tmp_path / "temporalis.yaml"
    bad.write_text(text, encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    line = text[: text.index("worse-chewng")].count("\n") + 1
    assert f"temporalis.yaml:{line}:" in err and "worse-chewing" in err


def test_the_questions_that_tell_the_leaders_apart_come_first(bm: BodyMap) -> None:
    from bodymap.answers import separating

    ranking = bm.rank(marks(BELT_AND_BUTTOCK, "right"), top=5)
    asked = [q.id for q in separating(ranking, bm.answer_links, bm.questions)]
    nerve = asked.index("numbness")
    # Questions on which the leaders differ, then the nerve signs, then the rest.
    assert "worse-turning-in-bed" in asked[:nerve] and "worse-lying-on-side" in asked[:nerve]
    assert "worse-chewing" in asked[nerve:]
    assert "tingling" not in asked  # recorded, never asked to separate
    answered = separating(ranking, bm.answer_links, bm.questions, ["worse-turning-in-bed"])
    assert "worse-turning-in-bed" not in [q.id for q in answered]


def test_muscles_the_answers_leave_alone_keep_their_order(bm: BodyMap) -> None:
    plain = [c.muscle for c in bm.rank(["posterior:right-psis"], top=6)]
    assert plain[:2] == ["gluteus_medius", "quadratus_lumborum"]  # tied at 1.0 by place
    # Sitting bears on neither of them (piriformis, gluteus maximus, longissimus ...).
    moved = bm.rank(["posterior:right-psis"], answers=Answers({"worse-sitting": "yes"}))
    left_alone = [c.muscle for c in moved if not c.effects]
    assert left_alone.index("gluteus_medius") < left_alone.index("quadratus_lumborum")
    assert any(c.effects for c in moved)
