"""The FHIR export (it draws each session's picture with Qt, so it lives with the window's
tests)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from bodymap.cli import main

VISITS = sorted((Path(__file__).resolve().parents[2] / "examples" / "visits").glob("*.bodymap"))


def test_the_fhir_bundle_validates_and_holds_each_session(tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle  # R4B: the models closest to R4 it ships

    out = tmp_path / "visits.json"
    args = ["export", "--session", *map(str, VISITS), "--format", "fhir", "--out", str(out)]
    assert main(args) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    Bundle.model_validate(data)  # raises on anything FHIR does not allow
    resources = [e["resource"] for e in data["entry"]]
    kinds = [r["resourceType"] for r in resources]
    assert kinds.count("Patient") == 1 and kinds.count("Media") == 3
    painted = [r for r in resources if "bodySite" in r]
    assert {r["effectiveDateTime"] for r in painted} == {"2026-09-01", "2026-09-22", "2026-10-13"}
    for r in painted:
        (severity,) = r["component"]
        assert severity["code"]["coding"][0]["code"] == "72514-3"
        assert 0 <= severity["valueInteger"] <= 10
        assert "right" in r["bodySite"]["text"] and r["valueQuantity"]["unit"] == "cm2"
    for media in (r for r in resources if r["resourceType"] == "Media"):
        png = base64.b64decode(media["content"]["data"])
        assert png.startswith(b"\x89PNG") and media["content"]["contentType"] == "image/png"
    rankings = [r for r in resources if "valueString" in r]
    assert len(rankings) == 3 and all(
        "Gluteus medius (right)" in r["valueString"] for r in rankings
    )
    assert all(any("Not a diagnosis" in n["text"] for n in r["note"]) for r in rankings)
