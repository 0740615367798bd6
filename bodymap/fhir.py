"""Sessions as one FHIR R4 ``Bundle`` (JSON), for a notes system that reads FHIR.

Per session the bundle holds:

- a ``Patient`` (the name as text) when the session names one;
- an ``Observation`` per painted region (each separate patch of paint on one view): its
  ``bodySite`` in words (the landmarks it covers and the view, the side included), its
  area as a ``valueQuantity`` in cm² on a 1.70 m adult, and a ``component`` with the pain
  severity under LOINC 72514-3 (0-10 numeric rating). bodymap records three levels, not a
  number: mild, moderate and severe are given as 2, 5 and 8, the middle of the usual bands
  (1-3, 4-6, 7-10), and a note says so;
- a ``Media`` with the drawing as a PNG (when the caller rendered one);
- an ``Observation`` with the ranking as text (the top candidates with their fit, and the
  answers), with the not-a-diagnosis notice in its note.

No SNOMED CT codes are written: body sites and laterality are text. No Qt: the caller
passes the pictures in.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from bodymap.advice import NOT_A_DIAGNOSIS
from bodymap.ids import VIEW_TITLES, landmark_label, side_label
from bodymap.kinds import Intensity
from bodymap.visits import Visit, cm2, top_words

PAIN_SEVERITY = {"system": "http://loinc.org", "code": "72514-3"}
PAIN_SEVERITY_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
SCORE = {Intensity.MILD: 2, Intensity.MODERATE: 5, Intensity.SEVERE: 8}
"""The 0-10 score given for each of bodymap's three levels: the middle of its band."""
SCORE_NOTE = (
    "bodymap records pain as mild, moderate or severe; the score is the middle of the "
    "usual 0-10 band for that level (1-3, 4-6, 7-10)."
)
UCUM = "http://unitsofmeasure.org"


def _urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _regions(visit: Visit) -> list[tuple[str, BaseGeometry, Intensity]]:
    """Each separate patch of paint (view, shape, its worst intensity)."""
    order = list(Intensity)
    out = []
    for view, painted in visit.drawing.areas.items():
        levels = visit.drawing.levels.get(view, {})
        for patch in shapely.get_parts(painted):
            worst = max(
                (level for level, g in levels.items() if g.intersection(patch).area > 0.5),
                key=order.index,
                default=Intensity.MODERATE,
            )
            out.append((view, patch, worst))
    return out


def _site(visit: Visit, view: str, patch: BaseGeometry) -> str:
    """The patch in words: the landmarks under it (or the nearest), and the view."""
    frame = visit.drawing.atlas.view(view)
    names = frame.landmarks_in(patch)
    if not names:
        centre = patch.representative_point()
        near = frame.nearest_landmark(centre.x, centre.y, within=80.0)
        names = [near] if near else []
    words = ", ".join(landmark_label(n) for n in names) or "the body"
    sides = {n.split("-", 1)[0] for n in names if n.startswith(("left-", "right-"))}
    side = side_label("both" if len(sides) > 1 else next(iter(sides), "midline"))
    return f"{words} ({side}; {VIEW_TITLES.get(view, view).lower()} view)"


def _resource(kind: str, body: Mapping[str, Any]) -> dict[str, Any]:
    return {"fullUrl": _urn(), "resource": {"resourceType": kind, **body}}


def session_entries(
    visit: Visit, picture: bytes | None = None, subject: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The bundle entries of one session (``subject``: a reference to its Patient)."""
    session = visit.session
    when = session.date or None
    entries: list[dict[str, Any]] = []
    common: dict[str, Any] = {"status": "final"}
    if subject:
        common["subject"] = dict(subject)
    if when:
        common["effectiveDateTime"] = when
    for view, patch, level in _regions(visit):
        entries.append(
            _resource(
                "Observation",
                {
                    **common,
                    "code": {"text": "Pain marked on a body diagram (bodymap)"},
                    "bodySite": {"text": _site(visit, view, patch)},
                    "valueQuantity": {
                        "value": round(cm2(patch.area), 1),
                        "unit": "cm2",
                        "system": UCUM,
                        "code": "cm2",
                    },
                    "component": [
                        {
                            "code": {
                                "coding": [{**PAIN_SEVERITY, "display": PAIN_SEVERITY_DISPLAY}],
                                "text": f"Pain severity: {level.value}",
                            },
                            "valueInteger": SCORE[level],
                        }
                    ],
                    "note": [{"text": SCORE_NOTE}],
                },
            )
        )
    if picture is not None:
        media: dict[str, Any] = {
            "status": "completed",
            "content": {
                "contentType": "image/png",
                "data": base64.b64encode(picture).decode("ascii"),
                "title": f"Pain drawing {session.date or visit.path.name}",
            },
        }
        if subject:
            media["subject"] = dict(subject)
        if when:
            media["createdDateTime"] = when
        entries.append(_resource("Media", media))
    ranked = top_words(visit) if visit.top else ""
    answers = "; ".join(f"{q}={a}" for q, a in session.answers.replies.items())
    notes = [{"text": NOT_A_DIAGNOSIS}]
    if answers:
        notes.append({"text": f"Answers: {answers}"})
    entries.append(
        _resource(
            "Observation",
            {
                **common,
                "code": {"text": "Muscles worth examining (bodymap ranking)"},
                "valueString": ranked or "No muscle in the catalogue refers pain to the marks.",
                "note": notes,
            },
        )
    )
    return entries


def bundle(visits: Sequence[Visit], pictures: Mapping[Path, bytes] | None = None) -> dict[str, Any]:
    """One ``Bundle`` of type ``collection`` holding every session's entries."""
    pictures = pictures or {}
    entries: list[dict[str, Any]] = []
    patients: dict[str, dict[str, Any]] = {}  # one Patient per name, however many visits
    for visit in visits:
        name = visit.session.patient
        if name and name not in patients:
            patient = _resource("Patient", {"name": [{"text": name}]})
            entries.append(patient)
            patients[name] = {"reference": patient["fullUrl"], "display": name}
        subject = patients.get(name) if name else None
        entries.extend(session_entries(visit, pictures.get(visit.path), subject))
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "entry": entries,
    }
