"""An article's text cut into plain and highlighted segments, and each evidence sentence found in it.

Hand-written: a boundary sweep over evidence offsets that tolerates overlapping and repeated spans, and a
nearest-copy search for evidence whose offsets drifted (the page changed since it was summarised).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.schema import Evidence

__all__ = ["Highlight", "Segment", "segment_text", "locate_evidence"]


@dataclass(frozen=True)
class Highlight:
    """A stretch of an article to highlight: ``text[start:end]``, what it is evidence of, and its anchor."""

    start: int
    end: int
    label: str
    anchor: str | None = None


@dataclass(frozen=True)
class Segment:
    """A piece of article text and the labels of every evidence span covering it (none: plain text)."""

    text: str
    labels: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()


def segment_text(text: str, spans: Sequence[Highlight]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece lists the spans covering it (overlaps allowed)."""
    clamped = [
        Highlight(max(0, s.start), min(len(text), s.end), s.label, s.anchor)
        for s in spans
        if min(len(text), s.end) > max(0, s.start)
    ]
    cuts = sorted({0, len(text), *(s.start for s in clamped), *(s.end for s in clamped)})
    segments: list[Segment] = []
    placed: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in clamped if s.start <= a and s.end >= b]
        labels = tuple(dict.fromkeys(s.label for s in covering))
        anchors = tuple(dict.fromkeys(s.anchor for s in covering if s.anchor and s.anchor not in placed))
        placed.update(anchors)
        piece = text[a:b]
        if segments and segments[-1].labels == labels and not anchors:
            segments[-1] = Segment(segments[-1].text + piece, labels, segments[-1].anchors)
        else:
            segments.append(Segment(piece, labels, anchors))
    return segments


def locate_evidence(text: str, evidence: Evidence) -> tuple[int, int] | None:
    """Where the evidence sentence stands in ``text``: its offsets when they match, else its nearest copy."""
    if text[evidence.start : evidence.end] == evidence.text and evidence.end > evidence.start:
        return evidence.start, evidence.end
    if not evidence.text:
        return None
    best, at = None, text.find(evidence.text)
    while at != -1:
        if best is None or abs(at - evidence.start) < abs(best - evidence.start):
            best = at
        at = text.find(evidence.text, at + 1)
    return (best, best + len(evidence.text)) if best is not None else None
