"""Marks written as the command line and ``BodyMap.rank`` take them, for the tests."""

from __future__ import annotations

from bodymap import BodyMap


def stroke_through(bm: BodyMap, view: str, *landmarks: str) -> str:
    """A painted stroke through the named landmarks of one view, in order ("VIEW:X,Y;...")."""
    frame = bm.atlas.view(view)
    return view + ":" + ";".join("{:g},{:g}".format(*frame.landmark(n)) for n in landmarks)
