"""Dates an event's own sentence does not state: taken from the happening it continues, marked implied.

A timeline can place such an event, but its date is not a stated one (the eval scores the two apart). The
rules are evals/LABELLING.md §15.8's: a step or an immediate consequence of a dated happening (casualties,
damage, service cuts caused by a dated quake) takes that happening's date; a statement, an investigation,
rescue, relief or aid with no time words of its own stays undated; any other current event is news of the
article's day. Time words that count from the day the story told last ("later that day", "the next day",
"le lendemain"; summarizer.text.dates.story_offset) are resolved here from the dated happening told before,
and are stated, not implied (§15.8: a time relative to another event). Hand-written: the cues are ours.
"""

from __future__ import annotations

import datetime as dt
import re

from ..core.schema import Event, EventDate, EventType, Precision
from .dates import is_historical, story_offset

__all__ = ["imply_dates"]


def imply_dates(events: list[Event], reference: dt.date | None) -> list[Event]:
    """Date the current events whose sentences give no time, marked ``implied``.

    An event with no time words of its own that is neither historical nor planned takes the date of the
    happening it continues: an earlier dated event of the same type that shares a place or an agent, else
    an event of the sentence just before it (the story carried on: "on Tuesday. In the morning, ..."),
    else the article's reference date. ``events`` are in sentence order; a new list is returned.
    """
    dated: list[Event] = []
    out: list[Event] = []
    for event in events:
        offset = story_offset(event.date.text) if event.date.value is None else None
        if offset is not None and _in_own_clause(event.date.text or "", event.evidence[0].text):
            # "The next day, the river burst its banks": a day counted from the happening told before.
            event = _counted_from(event, offset, out, reference)
            if event.date.value is not None and not event.historical and event.status != "planned":
                dated.append(event)
            out.append(event)
            continue
        if event.date.value is None and event.date.text is None and not event.historical and event.status != "planned":
            source = _continued(event, dated) or _caused_by(event, dated)
            if source is None and _never_news_of_the_day(event):
                out.append(event)  # a statement, an investigation, relief: its own time or none
                continue
            value, precision = (source.date.value, source.date.precision) if source else (reference, Precision.day)
            if value is not None:
                event = event.model_copy(
                    update={"date": EventDate(value=value, precision=precision, text=None, implied=True)}
                )
        elif event.date.value is not None and not event.historical and event.status != "planned":
            dated.append(event)
        out.append(event)
    return out


# What a violent or natural happening causes: casualties, damage, service cuts.
_CONSEQUENCE = re.compile(
    r"\b(?:killed|dead|died|deaths?|toll|injured|wounded|hurt|missing|hospital\w*|damag\w*|destroy\w*|"
    r"collaps\w*|flatten\w*|razed|levell?ed|cut|outages?|blackouts?|homeless)\b",
    re.I,
)
_HAPPENINGS = (EventType.disaster, EventType.attack, EventType.fighting)
# A statement about the happening rather than the happening: "said", "told AFP", "quoted by IRNA".
# A bare speech act ("said", "told AFP", "was quoted by IRNA"), not a happening it reports ("said a
# stone-throwing assault on its troops"), which takes its time as the happening would.
_STATEMENT = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:said|says|told|quoted|reported|announced|confirmed|stated)\b(?:\s+\S+){0,3}\s*$", re.I
)
_INVESTIGATION = re.compile(r"\b(?:investigat\w*|forensic\w*|probe|inquiry|manhunt|examin\w*)\b", re.I)
_RELIEF = re.compile(r"\b(?:rescu\w*|aid|relief|distribut\w*|deliver\w*|evacuat\w*|tents|blankets|shelter\w*)\b", re.I)


def _caused_by(event: Event, dated: list[Event]) -> Event | None:
    """The article's first dated violent or natural happening, when ``event`` is a consequence of it
    (casualties, damage, a service cut) typed as the happening or as humanitarian."""
    if event.type not in (*_HAPPENINGS, EventType.humanitarian) or not _CONSEQUENCE.search(event.description):
        return None
    return next((e for e in dated if e.type in _HAPPENINGS and not e.date.implied), None)


def _never_news_of_the_day(event: Event) -> bool:
    """A statement, an investigation, rescue, relief or aid: with no time words of its own it is undated,
    never the article's day (LABELLING.md §15.8, settled)."""
    if _STATEMENT.match(event.description) or (
        event.type is EventType.legal and _INVESTIGATION.search(event.description)
    ):
        return True
    return event.type is EventType.humanitarian and bool(_RELIEF.search(event.description))


def _continued(event: Event, dated: list[Event]) -> Event | None:
    places = {loc.canonical for loc in event.locations}
    agents = {a.canonical for a in event.actors if a.role == "agent"}
    for earlier in reversed(dated):
        if earlier.type == event.type and (
            places & {loc.canonical for loc in earlier.locations}
            or agents & {a.canonical for a in earlier.actors if a.role == "agent"}
        ):
            return earlier
    if event.type in _HAPPENINGS and not places and not agents:
        # "It hit at 1:53 p.m.", "Three strong aftershocks were felt": a step of the happening the article
        # dated, told with nothing of its own to tell it apart (LABELLING.md §15.8).
        same = next((e for e in reversed(dated) if e.type == event.type and not e.date.implied), None)
        if same is not None:
            return same
    first = event.evidence[0].sentence_id
    for earlier in reversed(dated):
        if earlier.evidence[0].sentence_id == first - 1 and not earlier.date.implied:
            return earlier
    return None


# A word that opens another clause: time words after it belong to that clause ("slept outside after a second
# quake jolted the area several hours later": the hours date the second quake, not the sleeping out).
_SUBORDINATE = re.compile(r"\b(?:after|before|when|while|as|because|since|until|once|which|who|where)\b", re.I)


def _in_own_clause(words: str, sentence: str) -> bool:
    """Whether ``words`` stand in the main clause of ``sentence`` (no clause-opening word before them)."""
    at = sentence.find(words)
    return at < 0 or not _SUBORDINATE.search(sentence[:at])


def _counted_from(event: Event, offset: int, told: list[Event], reference: dt.date | None) -> Event:
    """``event`` dated ``offset`` days from the latest happening told before it with a stated day (one to come
    for one to come, else one that happened); unchanged when there is none."""
    planned = event.status == "planned"
    sentence = event.evidence[0].sentence_id
    source = next(
        (
            e
            for e in reversed(told)
            if e.date.value is not None
            and e.date.precision is Precision.day
            and not e.date.implied
            and (e.status == "planned") == planned
            and e.evidence[0].sentence_id <= sentence
        ),
        None,
    )
    if source is None or source.date.value is None:
        return event
    date = EventDate(value=source.date.value + dt.timedelta(days=offset), precision=Precision.day, text=event.date.text)
    return event.model_copy(update={"date": date, "historical": is_historical(date, reference)})
