"""Which event of a sentence a stated number belongs to.

Numbers are read from an event's evidence sentence (``text.quantities``), so every event of a sentence
with two happenings got both happenings' numbers: "A major earthquake killed more than 31,000 in Bam in
2003, and 600 were killed in Zarand in February" gave the Zarand quake a toll of 31,000, a false how-many
conflict and a figure that ties the two quakes together in a merge. When several events share a sentence,
a number goes to the events whose description states it; a number no description states stays with all
of them (it may be any one's). Hand-written: it compares the model's descriptions with the sentence's
numbers, which no library does.

A number told in a clause about an earlier or later happening is that happening's, not the event's: "The
island was hit almost two years after the city of Bam was destroyed in a quake that killed tens of thousands
of people" gave the island's quake a toll of tens of thousands. A number after "after", "before" or "since"
(up to the clause's end: a comma not followed by "which", "who", "that" or "when") leaves an event whose
description stands before that word and not in that clause ("Power was restored ... after a blackout caused
by the quake, which struck on Sunday with a force of about 6.0": the magnitude is the quake's), unless the
event ranks itself against that happening and is dated by it ("It was the deadliest accident on the lake
since a 2019 sinking that killed 17 people": the model's event dated 2019 is the sinking).
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..core.schema import Event, Quantity
from ..text.names import RULES
from .attribution import drawn_from

__all__ = ["numbers_to_their_events", "numbers_of_their_clause"]

_DIGITS = re.compile(r"\d[\d,.]*")
# A clause about another happening in time: "two years after <it> was destroyed in a quake that killed ...".
_OTHER_TIME = re.compile(r"\b(?:after|before|since)\b", re.I)
# "the deadliest accident on the lake since a 2019 sinking that killed 17": a ranking against that happening.
# A superlative by its word, not by "-est" alone ("protest", "interest", "west" are none).
_COMPARED = re.compile(
    r"\b(?:\w+iest|worst|best|most|least|first|only|biggest|largest|greatest|strongest|highest|lowest|"
    r"longest|heaviest|hottest|coldest|wettest|driest)\b[^,;]*$",
    re.I,
)
# Where such a clause ends: a comma, unless a relative clause goes on telling it (", which killed 230,000").
_CLAUSE_END = re.compile(r",(?!\s*(?:which|who|that|when)\b)|;|\s[-–—]\s")


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


def _told_of_another_time(event: Event, sentence: str, quantity: Quantity) -> bool:
    """``quantity`` stands in an after / before / since clause of ``sentence`` that the event's description
    is not drawn from, the description is drawn from the words before that clause, and the event is not
    dated by that clause (an event dated "since a 2019 sinking" is the sinking)."""
    at = sentence.find(quantity.text)
    if at < 0:
        return False
    for marker in _OTHER_TIME.finditer(sentence, 0, at):
        end = _CLAUSE_END.search(sentence, marker.end())
        clause_end = end.start() if end else len(sentence)
        if clause_end > at:  # the number stands inside this clause
            break
    else:
        return False
    before, clause = sentence[: marker.start()], sentence[marker.start() : clause_end]
    if (
        event.date.text
        and sentence.find(event.date.text) >= marker.start()
        and _COMPARED.search(before)
        and marker.group(0).lower() == "since"
    ):
        return False
    return drawn_from(event.description, before) >= 0.5 and drawn_from(event.description, clause) < 0.5


def numbers_of_their_clause(events: list[Event]) -> list[Event]:
    """``events``, each without the numbers its sentence tells of another happening in time (see the module
    docstring). Returns a new list in the same order."""
    if not RULES["numbers_of_their_clause"]:
        return events
    out = []
    for event in events:
        if len(event.evidence) == 1 and event.quantities:
            sentence = event.evidence[0].text
            keep = [q for q in event.quantities if not _told_of_another_time(event, sentence, q)]
            if len(keep) != len(event.quantities):
                event = event.model_copy(update={"quantities": keep})
        out.append(event)
    return out
