"""One disaster stated several times in an article is one event (evals/LABELLING.md §2.2, §15.3).

Disaster coverage restates its main happening sentence after sentence: the lead ("An earthquake ... shook
southern Iran on Sunday"), the agencies' measurements ("Tehran's seismologic center put the magnitude at
5.9", "the U.S. Geological Survey ... said the quake measured 6.1"), the epicentre. A small model gives
each its own event, so the happening splits within the article and, in a merge, across the story (and the
outlets' different magnitudes never meet). Here the later restatements of an article's first disaster
event are folded into it: evidence and numbers join it, its own places and date stay. What is not the
hazard itself stays apart: damage to a named place, tolls stated on their own, an aftershock or a second
quake, anything on another day, anything historical.

Hand-written: the cue words are ours (the hazards of ``classify``'s disaster cue plus measurement words);
no library knows which sentences of a news article restate its main happening.
"""

from __future__ import annotations

import re

from ..core.schema import Event, EventType
from ..text.names import RULES

__all__ = ["fold_disaster_restatements"]

# The hazard itself, or a measurement of it, named in an event's description or actors.
_HAZARD = re.compile(
    r"\b(?:earthquakes?|quakes?|temblors?|tremors?|floods?|flooding|landslides?|mudslides?|avalanches?|storms?|"
    r"hurricanes?|typhoons?|cyclones?|tornado(?:es)?|wildfires?|bushfires?|tsunamis?|eruptions?|magnitude|"
    r"epicent(?:re|er)|Richter)\b",
    re.I,
)
# A measurement of the happening, not the happening (LABELLING.md §15.3: its figure goes on the main event).
_MEASUREMENT = re.compile(r"\b(?:magnitude|measur\w*|epicent(?:re|er)|Richter)\b", re.I)
# A second happening of the same hazard: its own event (LABELLING.md §15.3).
_ANOTHER = re.compile(r"\b(?:aftershocks?|after-shocks?|second|another|new|further|later)\b", re.I)


def _names_hazard(event: Event) -> bool:
    """The event's own words (description, actors) name the hazard or a measurement of it."""
    text = " ".join([event.description, *(a.name for a in event.actors)])
    return bool(_HAZARD.search(text)) and not _ANOTHER.search(event.description)


def _is_the_happening(event: Event) -> bool:
    """A (not historical) disaster event told in a sentence that names the hazard, and not itself a mere
    measurement: "Ten people were killed ... when an earthquake razed mud-brick villages"."""
    return (
        event.type is EventType.disaster
        and not event.historical
        and bool(_HAZARD.search(event.evidence[0].text))
        and not _MEASUREMENT.search(event.description)
        and not _ANOTHER.search(event.description)
    )


def _folded(main: Event, other: Event) -> Event:
    seen = {e.sentence_id for e in main.evidence}
    evidence = sorted(
        [*main.evidence, *(e for e in other.evidence if e.sentence_id not in seen)], key=lambda e: e.sentence_id
    )
    said = {(q.kind, q.value, q.unit, q.text) for q in main.quantities}
    quantities = [*main.quantities, *(q for q in other.quantities if (q.kind, q.value, q.unit, q.text) not in said)]
    return main.model_copy(
        update={
            "evidence": evidence,
            "quantities": quantities,
            "date": main.date if main.date.value is not None else other.date,
        }
    )


def fold_disaster_restatements(events: list[Event]) -> list[Event]:
    """``events`` of one article in sentence order, with every restatement of its main disaster folded into
    it. The main one is the first (not historical) disaster event whose sentence names the hazard and that is
    not a bare measurement; a restatement is any other disaster event of that day (or undated) whose own words
    name the hazard or measure it. Returns a new list in the same order; ids are left to the caller."""
    if not RULES["fold_disaster_restatements"]:
        return events
    main_index = next((n for n, e in enumerate(events) if _is_the_happening(e)), None)
    if main_index is None:
        return events
    main = events[main_index]
    kept: list[Event | None] = []
    for n, event in enumerate(events):
        same_day = event.date.value is None or main.date.value is None or event.date.value == main.date.value
        if (
            n != main_index
            and event.type is EventType.disaster
            and not event.historical
            and same_day
            and _names_hazard(event)
        ):
            main = _folded(main, event)
            continue
        kept.append(None if n == main_index else event)
    return [main if e is None else e for e in kept]
