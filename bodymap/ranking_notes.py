"""What a ranking cannot say, in plain notes: pain too widespread to be a trigger-point
pattern, a weak best fit, no fit at all. :meth:`bodymap.api.BodyMap.notes` gives them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from bodymap.atlas import Atlas
from bodymap.candidate import Candidate
from bodymap.catalogue import Muscle
from bodymap.ids import REGION_TITLES

WIDESPREAD = 0.3
"""Pain over this share of the body in any one view is not a trigger-point pattern (the
widest pattern in the catalogue, gluteus minimus, covers about a fifth of the side view)."""
WEAK = 0.3

NOTE_WIDESPREAD = (
    "The pain covers much of the body. Pain this widespread is not a trigger-point "
    "pattern; it needs a doctor's assessment."
)
NOTE_WEAK = (
    "No muscle in the catalogue explains this pain well (the best fit is weak). It may "
    "come from a muscle that is not in the catalogue, or from something other than a "
    "muscle."
)
NOTE_NONE = "No muscle in the catalogue refers pain to the marked area."


def widespread(painted: Mapping[str, float], atlas: Atlas) -> bool:
    """Whether the pain covers :data:`WIDESPREAD` or more of the body in some view.

    Each view counts on its own, so painting more of the body never takes the note away:
    a back painted all over stays widespread when a little of the front is added (a share
    of all the views marked together would shrink)."""
    return any(
        area / atlas.view(v).outline.area >= WIDESPREAD
        for v, area in painted.items()
        if area > 0 and v in atlas and atlas.view(v).outline.area > 0
    )


def notes(painted: Mapping[str, float], ranking: Sequence[Candidate], atlas: Atlas) -> list[str]:
    """Plain notes on what the ranking cannot say: widespread pain, weak or no fits.
    ``painted`` is the painted area of each view (``PainDrawing.view_areas()``).

    Widespread pain gets that note alone: that no muscle explains it well follows from
    it, and "it may come from a muscle that is not in the catalogue" would mislead."""
    if widespread(painted, atlas):
        return [NOTE_WIDESPREAD]
    marked = [v for v, area in painted.items() if area > 0 and v in atlas]
    if marked and not ranking:
        return [NOTE_NONE]
    if ranking and ranking[0].score < WEAK:
        return [NOTE_WEAK]
    return []


def coverage(muscles: Iterable[Muscle]) -> tuple[str, str]:
    """What the catalogue covers, so that a short list does not read as complete: a line
    for under the ranked list, and a sentence naming the parts of the body it covers."""
    regions = Counter(m.region for m in muscles)
    count = sum(regions.values())
    # Head to foot, as the muscle browser lists them; a title may hold commas itself.
    order = [*REGION_TITLES, *sorted(set(regions) - set(REGION_TITLES))]
    listed = "; ".join(REGION_TITLES.get(r, r).lower() for r in order if regions[r])
    muscles_word = "muscle" if count == 1 else "muscles"
    line = (
        f"Ranked from the {count} {muscles_word} bodymap knows. Others, or something other "
        "than a muscle, can cause pain too."
    )
    return line, f"bodymap knows {count} {muscles_word}: {listed}."
