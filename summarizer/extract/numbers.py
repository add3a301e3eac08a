"""Which event of a sentence a stated number belongs to.

Numbers are read from an event's evidence sentence (``text.quantities``), so every event of a sentence
with two happenings got both happenings' numbers: "A major earthquake killed more than 31,000 in Bam in
2003, and 600 were killed in Zarand in February" gave the Zarand quake a toll of 31,000, a false how-many
conflict and a figure that ties the two quakes together in a merge. When several events share a sentence,
a number goes to the events whose description states it; a number no description states stays with all
of them (it may be any one's). Hand-written: it compares the model's descriptions with the sentence's
numbers, which no library does.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..core.schema import Event, Quantity
from ..text.names import RULES

__all__ = ["numbers_to_their_events"]

_DIGITS = re.compile(r"\d[\d,.]*")


def _states(description: str, quantity: Quantity) -> bool:
    """The description states the number: its written words, or the same digits ("31,000" / "31000")."""
    text = description.casefold()
    if quantity.text.casefold() in text:
        return True
    wanted = {d.replace(",", "").rstrip(".") for d in _DIGITS.findall(quantity.text)}
    found = {d.replace(",", "").rstrip(".") for d in _DIGITS.findall(description)}
    return bool(wanted) and wanted <= found


def numbers_to_their_events(events: list[Event]) -> list[Event]:
    """``events`` of one article, each keeping of its sentence's numbers those it states when another event
    of that sentence states some of them. Returns a new list in the same order."""
    if not RULES["numbers_to_their_events"]:
        return events
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for n, event in enumerate(events):
        if len(event.evidence) == 1 and event.quantities:
            by_sentence[event.evidence[0].sentence_id].append(n)
    out = list(events)
    for members in by_sentence.values():
        if len(members) < 2:
            continue
        for n in members:
            event = events[n]
            keep = [
                q
                for q in event.quantities
                if _states(event.description, q)
                or not any(_states(events[m].description, q) for m in members if m != n)
            ]
            if len(keep) != len(event.quantities):
                out[n] = event.model_copy(update={"quantities": keep})
    return out
