"""The body is drawn in the anatomical position: palms forward, thumbs on the outer side.

The front view shows the palms, the back view the backs of the hands; in both the thumb
points away from the body and the little finger lies on the body side. The feet of the
front view have toes, and the face landmarks sit where a clinician would point.
"""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point, box

from bodymap import BodyMap
from bodymap.atlas import View

SIDES = ("right", "left")


@pytest.fixture(scope="module")
def front(bm: BodyMap) -> View:
    return bm.atlas.view("anterior")


@pytest.fixture(scope="module")
def back(bm: BodyMap) -> View:
    return bm.atlas.view("posterior")


@pytest.fixture(scope="module")
def side_view(bm: BodyMap) -> View:
    return bm.atlas.view("right-lateral")


def _out(view: View, name: str) -> float:
    """How far a landmark lies from the body's midline (the outer side is farther)."""
    return abs(view.landmark(name)[0] - view.midline_x)


def _y(view: View, name: str) -> float:
    return view.landmark(name)[1]


# --- the hands ------------------------------------------------------------------------


@pytest.mark.parametrize("side", SIDES)
def test_the_thumb_is_on_the_outer_side_of_the_palm_in_the_front_view(
    front: View, side: str
) -> None:
    thumb = _out(front, f"{side}-thumb")
    for other in ("palm", "hand", "index-finger", "little-finger", "hypothenar", "volar-wrist"):
        assert thumb > _out(front, f"{side}-{other}") + 15, other
    # the ball of the thumb is on the thumb side of the palm, the hypothenar on the other
    assert _out(front, f"{side}-thenar") > _out(front, f"{side}-palm")
    assert _out(front, f"{side}-palm") > _out(front, f"{side}-hypothenar")


@pytest.mark.parametrize("side", SIDES)
def test_the_thumb_is_on_the_outer_side_of_the_back_of_the_hand(back: View, side: str) -> None:
    thumb = _out(back, f"{side}-thumb")
    for other in ("hand", "wrist", "back-of-fingers", "index-finger", "little-finger"):
        assert thumb > _out(back, f"{side}-{other}") + 15, other
    assert _out(back, f"{side}-thumb-web") > _out(back, f"{side}-back-of-fingers")


@pytest.mark.parametrize("view_name", ["anterior", "posterior"])
@pytest.mark.parametrize("side", SIDES)
def test_the_little_finger_is_on_the_body_side(bm: BodyMap, view_name: str, side: str) -> None:
    view = bm.atlas.view(view_name)
    assert _out(view, f"{side}-little-finger") < _out(view, f"{side}-index-finger")
    # and the outer knob of the elbow is on the thumb side, the inner knob on the body side
    assert _out(view, f"{side}-lateral-elbow") > _out(view, f"{side}-medial-elbow")


@pytest.mark.parametrize("side", SIDES)
def test_the_front_and_back_views_show_the_same_hand(front: View, back: View, side: str) -> None:
    for name in ("thumb", "index-finger", "little-finger", "hand", "medial-elbow"):
        assert _out(front, f"{side}-{name}") == pytest.approx(_out(back, f"{side}-{name}"), abs=6)
        assert _y(front, f"{side}-{name}") == pytest.approx(_y(back, f"{side}-{name}"), abs=6)


@pytest.mark.parametrize("view_name", ["anterior", "posterior"])
@pytest.mark.parametrize("side", SIDES)
def test_the_thumb_stands_apart_from_the_fingers(bm: BodyMap, view_name: str, side: str) -> None:
    """A straight line from the thumb to the index finger crosses the web, outside the body."""
    view = bm.atlas.view(view_name)
    line = LineString([view.landmark(f"{side}-thumb"), view.landmark(f"{side}-index-finger")])
    assert line.difference(view.outline).length > 5


@pytest.mark.parametrize("side", SIDES)
def test_the_hand_runs_from_the_wrist_to_the_fingers(front: View, back: View, side: str) -> None:
    assert _y(front, f"{side}-volar-wrist") < _y(front, f"{side}-palm")
    assert _y(front, f"{side}-palm") < _y(front, f"{side}-index-finger")
    assert (
        _y(back, f"{side}-wrist") < _y(back, f"{side}-hand") < _y(back, f"{side}-back-of-fingers")
    )
    # the hand is about 0.108 of the body's height from the wrist crease to the fingertips
    wrist_x, wrist_y = front.landmark(f"{side}-volar-wrist")
    below_wrist = box(wrist_x - 90, wrist_y, wrist_x + 90, front.body_bottom_y)
    pieces = front.outline.intersection(below_wrist)
    palm = Point(front.landmark(f"{side}-palm"))
    hand = next(p for p in getattr(pieces, "geoms", [pieces]) if p.contains(palm))
    assert (hand.bounds[3] - wrist_y) / front.body_height == pytest.approx(0.108, abs=0.01)


# --- the feet of the front view --------------------------------------------------------


@pytest.mark.parametrize("side", SIDES)
def test_the_front_view_has_toes_below_the_ankle(front: View, side: str) -> None:
    for name in ("big-toe", "toes"):
        x, y = front.landmark(f"{side}-{name}")
        assert front.contains(x, y), name
        assert _y(front, f"{side}-anterior-ankle") < y < front.body_bottom_y, name
        assert y > _y(front, f"{side}-dorsal-foot"), name
    # the big toe is on the inner side of the foot
    assert _out(front, f"{side}-big-toe") < _out(front, f"{side}-toes")
    assert _out(front, f"{side}-anterolateral-ankle") > _out(front, f"{side}-anterior-ankle")


# --- the face and head -----------------------------------------------------------------


def _in_head(view: View, name: str) -> None:
    x, y = view.landmark(name)
    assert view.contains(x, y), name
    assert view.body_top_y < y < view.landmark("chin")[1], name
    assert abs(x - view.midline_x) < 70, name


@pytest.mark.parametrize("side", SIDES)
def test_face_landmarks_sit_on_the_face_in_order(front: View, side: str) -> None:
    face = ("forehead", "eyebrow", "eye", "cheek", "jaw", "temple")
    for name in face:
        _in_head(front, f"{side}-{name}")
    ys = [_y(front, n) for n in ("vertex", *(f"{side}-{n}" for n in face[:5]))]
    assert ys == sorted(ys)  # crown, forehead, brow, eye, cheek, jaw: top to bottom
    assert _y(front, "chin") < _y(front, "throat") < _y(front, f"{side}-anterior-neck") + 15
    # the temple lies beside the eye, toward the side of the head
    assert _out(front, f"{side}-temple") > _out(front, f"{side}-eye")


def test_back_of_the_head_and_the_suboccipital_area(back: View) -> None:
    for side in SIDES:
        ys = [_y(back, n) for n in ("vertex", f"{side}-back-of-head", "occiput")]
        assert ys == sorted(ys)
        assert _y(back, "occiput") < _y(back, f"{side}-suboccipital") < _y(back, "c7")
        assert _out(back, f"{side}-suboccipital") < _out(back, f"{side}-mastoid")


def test_side_view_of_the_face(side_view: View) -> None:
    def x(name: str) -> float:
        return side_view.landmark(f"right-{name}")[0]

    def y(name: str) -> float:
        return side_view.landmark(f"right-{name}")[1]

    for name in ("ear", "jaw-joint", "cheek", "upper-teeth", "lower-teeth", "eye"):
        assert side_view.contains(*side_view.landmark(f"right-{name}")), name
        assert y("top-of-head") < y(name) < y("lateral-neck"), name
    # the face looks toward +x: the jaw joint just in front of the ear, the eye and the
    # teeth further forward, the back of the head behind the ear
    assert x("back-of-head") < x("ear") < x("jaw-joint") < x("upper-teeth") < x("eye")
    assert x("jaw-joint") - x("ear") < 30
    assert y("eye") < y("cheek") < y("lower-teeth")
    assert y("upper-teeth") < y("lower-teeth")
