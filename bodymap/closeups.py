"""Close-ups: the head, an arm, a hand, a knee or a foot, framed on the views.

The face, the hand and the forearm are small on a whole-body view; a close-up zooms a view
to one part so that neighbouring landmarks are far enough apart to mark. Each close-up is
framed by landmarks rather than by numbers, so it follows the art when the art is redrawn:
its area on a view is the box around the named landmarks there, grown by a margin. A
close-up of a part that has two (an arm, a knee) is of the person's right or left one.

The window only zooms; a mark made in a close-up is the same mark as anywhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bodymap.atlas import Atlas

Box = tuple[float, float, float, float]
"""left, top, right, bottom in view units."""

MARGIN = 45.0
"""How far the frame reaches beyond its outermost landmarks, in view units (about 4.5 cm
on an adult): enough to show the edge of the part and a fingertip's mark on it."""


@dataclass(frozen=True)
class CloseUp:
    """One part of the body to zoom to, with the landmarks that frame it on each view.

    Names in ``landmarks`` are written without a side; :meth:`names` adds ``right-`` or
    ``left-`` to the sided ones. ``midline`` names are taken as they are."""

    id: str
    title: str
    key: str
    landmarks: Mapping[str, tuple[str, ...]]
    midline: Mapping[str, tuple[str, ...]]
    sided: bool
    preferred_view: str

    def names(self, view: str, side: str) -> list[str]:
        """The landmarks that frame this close-up on ``view`` (empty where it has none)."""
        sides = (side,) if self.sided else ("right", "left")
        sided = [f"{s}-{name}" for s in sides for name in self.landmarks.get(view, ())]
        return [*self.midline.get(view, ()), *sided]

    def box(self, atlas: Atlas, view: str, side: str = "right") -> Box | None:
        """The area of ``view`` to show, or None when the view does not show this part."""
        if view not in atlas:
            return None
        known = atlas.view(view).landmarks
        points = [known[name] for name in self.names(view, side) if name in known]
        if len(points) < 2:
            return None
        xs, ys = [x for x, _ in points], [y for _, y in points]
        return (
            min(xs) - MARGIN,
            min(ys) - MARGIN,
            max(xs) + MARGIN,
            max(ys) + MARGIN,
        )

    def view_for(self, atlas: Atlas, current: str | None, side: str = "right") -> str:
        """The view to show it on: the one in front when it shows the part, else the
        close-up's preferred view."""
        if current is not None and self.box(atlas, current, side) is not None:
            return current
        return self.preferred_view


_SIDE_VIEWS = ("right-lateral", "left-lateral")


def _lateral(*names: str) -> dict[str, tuple[str, ...]]:
    return dict.fromkeys(_SIDE_VIEWS, names)


CLOSE_UPS: tuple[CloseUp, ...] = (
    CloseUp(
        "head-neck",
        "Head and neck",
        "H",
        {
            "anterior": ("temple", "anterior-neck", "cheek", "jaw"),
            "posterior": ("mastoid", "neck-shoulder-angle", "back-of-head"),
            **_lateral("top-of-head", "back-of-head", "eye", "jaw-angle", "lateral-neck"),
        },
        {
            "anterior": ("vertex", "throat"),
            "posterior": ("vertex", "occiput", "c7"),
        },
        sided=False,
        preferred_view="anterior",
    ),
    CloseUp(
        "shoulder-arm",
        "Shoulder and arm",
        "A",
        {
            "anterior": (
                "anterior-shoulder",
                "axilla",
                "antecubital",
                "lateral-elbow",
                "volar-wrist",
            ),
            "posterior": ("acromion", "posterior-shoulder", "elbow", "lateral-elbow", "wrist"),
            **_lateral("lateral-shoulder", "lateral-chest", "lateral-elbow", "lateral-forearm"),
        },
        {},
        sided=True,
        preferred_view="anterior",
    ),
    CloseUp(
        "hand",
        "Hand",
        "N",
        {
            "anterior": (
                "volar-wrist",
                "thenar",
                "thumb",
                "index-finger",
                "little-finger",
                "hypothenar",
            ),
            "posterior": (
                "wrist",
                "thumb-web",
                "thumb",
                "back-of-fingers",
                "little-finger",
                "hand",
            ),
        },
        {},
        sided=True,
        preferred_view="anterior",
    ),
    CloseUp(
        "knee",
        "Knee",
        "K",
        {
            "anterior": ("anterior-thigh-lower", "medial-knee", "lateral-knee", "anterior-knee"),
            "posterior": ("posterior-thigh-lower", "popliteal-fossa", "calf-upper"),
            **_lateral("lateral-thigh-lower", "lateral-knee", "lateral-leg-upper"),
        },
        {},
        sided=True,
        preferred_view="anterior",
    ),
    CloseUp(
        "foot",
        "Ankle and foot",
        "F",
        {
            "anterior": ("anterior-ankle", "dorsal-foot", "big-toe", "toes"),
            "posterior": ("achilles", "heel", "medial-ankle", "lateral-ankle"),
            **_lateral("lateral-ankle", "lateral-foot", "heel"),
            "plantar": ("heel-pad", "medial-heel", "lateral-sole", "big-toe-pad", "toe-pads"),
        },
        {},
        sided=True,
        preferred_view="plantar",
    ),
)
"""The close-ups, head to foot, each with its key (Shift and the letter in the window)."""


def close_up(close_up_id: str) -> CloseUp:
    """The close-up of that id (KeyError for an unknown one)."""
    for c in CLOSE_UPS:
        if c.id == close_up_id:
            return c
    raise KeyError(close_up_id)
