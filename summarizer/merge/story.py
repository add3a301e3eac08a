"""What a reader sees of a merge: a story event per group, titled by its happening, and a plain summary.

Titles are built from the events' own fields (type, the thing hit or the actor, the place), with a small
table of head nouns found in the evidence ("bombing", "earthquake", "offensive"), so no model call is
needed: "bus bombing in Mirsad", "takeover of Deir ez-Zor by Syrian Democratic Forces". The summary is a
few sentences built from the story events, the most widely reported first, and the disagreements.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ..core.schema import (
    Actor,
    Conflict,
    Event,
    EventDate,
    EventType,
    FieldCheck,
    Location,
    Precision,
    QuantityKind,
    Role,
    SourceReport,
    StoryEvent,
)
from ..text.names import NameTable
from .checks import field_checks
from .items import Item
from .titles import DEFAULT_NOUN, MEDOID_PANEL, by_count, title
from .trusted import trusted, trusted_fields

__all__ = ["consolidate", "title", "story_summary", "conflict_description"]

# What a source report copies from its article's event: the fields the two shapes share (core.schema).
_AS_REPORTED = tuple(name for name in SourceReport.model_fields if name in Event.model_fields)
_REPORTED = operator.attrgetter(*_AS_REPORTED)  # those fields of an event at once (100k reports at 10k articles)


# A story event's date, places and actors are frozen values that recur across story events: one shared
# object per value instead of one per story event (a 10k-article merge would build ~70k of them). Bounded,
# so a long-running process does not keep every name it ever merged.
@functools.lru_cache(maxsize=8192)
def _date(value: dt.date | None, precision: Precision, implied: bool) -> EventDate:
    return EventDate.model_construct(value=value, precision=precision, text=None, implied=implied)


@functools.lru_cache(maxsize=8192)
def _location(canonical: str, country: str | None) -> Location:
    return Location.model_construct(name=canonical, canonical=canonical, country=country)


@functools.lru_cache(maxsize=8192)
def _actor(canonical: str, role: Role) -> Actor:
    return Actor.model_construct(name=canonical, canonical=canonical, role=role)


def consolidate(group: list[Item], story_id: str, names: NameTable) -> StoryEvent:
    """One story event from the article events of one happening."""
    group = sorted(group, key=lambda i: (i.article_id, i.event.id))
    # One pass counts what the story event is made of; each count keeps the order its values are first met.
    types: dict[EventType, int] = {}
    dates: dict[tuple[dt.date, Precision, bool], int] = {}
    place_count: dict[str, int] = {}
    countries: dict[str, str | None] = {}
    actor_count: dict[tuple[str, Role], int] = {}
    for i in group:
        event = i.event
        types[event.type] = types.get(event.type, 0) + 1
        if event.date.value is not None:
            said = (event.date.value, event.date.precision, event.date.implied)
            dates[said] = dates.get(said, 0) + 1
        for loc in event.locations:
            place_count[loc.canonical] = place_count.get(loc.canonical, 0) + 1
            countries[loc.canonical] = loc.country
        for a in event.actors:
            who = (a.canonical, a.role)
            actor_count[who] = actor_count.get(who, 0) + 1
    story_type = max(types, key=lambda t: (types[t], t is not EventType.other, t.value))
    if dates:
        # Stated dates before implied ones, then the most reported, then the most precise.
        (value, precision, implied), _ = max(
            dates.items(), key=lambda kv: (not kv[0][2], kv[1], kv[0][1] is Precision.day, kv[0][0])
        )
        date = _date(value, precision, implied)
    else:
        date = _date(None, Precision.unknown, False)
    lead = _medoid(group[:MEDOID_PANEL])
    return trusted(  # every part comes from already validated events
        StoryEvent,
        id=story_id,
        type=story_type,
        description=title(story_type, group, names, lead.event.description),
        date=date,
        locations=[_location(p, countries.get(p)) for p, _ in by_count(place_count)],
        actors=[_actor(c, r) for (c, r), _ in by_count(actor_count)],
        historical=all(i.event.historical for i in group),
        sources=[_report(i) for i in group],
        checks=field_checks(group, names),
    )


def _report(item: Item) -> SourceReport:
    """An article's event as its source report: where it came from, and the fields the two shapes share."""
    fields = {"article_id": item.article_id, "source": item.source, "event_id": item.event.id}
    fields.update(zip(_AS_REPORTED, _REPORTED(item.event), strict=True))
    return trusted_fields(SourceReport, fields)  # built for this report: taken without a copy


def _medoid(panel: list[Item]) -> Item:
    """The event whose wording is closest to all the others' (summed token-set likeness), not the longest:
    one odd wording must not name the happening. Ties go to more evidence, then to the wording that sorts last.

    Outlets repeat one wording (at 10k synthetic articles most panels hold a single one): each distinct
    wording is compared with the others once, in C, and its row summed over the panel in order, as a
    matrix over every member would sum it. With one wording every row sums alike."""
    wordings = [i.event.description for i in panel]
    distinct = list(dict.fromkeys(wordings))
    if len(distinct) == 1:
        closeness = dict.fromkeys(distinct, 0.0)
    else:
        likeness = cdist(distinct, distinct, scorer=fuzz.token_set_ratio, dtype=np.float64).tolist()
        column = {w: n for n, w in enumerate(distinct)}
        columns = [column[w] for w in wordings]
        closeness = {w: sum([row[c] for c in columns]) for w, row in zip(distinct, likeness, strict=True)}
    return max(panel, key=lambda i: (closeness[i.event.description], len(i.event.evidence), i.event.description))


def _the(name: str) -> str:
    """A title as a noun phrase in a sentence: "the earthquake in Qeshm"; a title taken from a wording
    ("several buildings were damaged", "levelled several villages", "a total of 10 killed") stays as it is."""
    if not name[:1].islower() or _WORDING.match(name):
        return name
    return f"the {name}"


# A title that is a wording, not a noun phrase: a determiner or number first, a past verb first, or a verb
# within its first words.
_WORDING = re.compile(
    r"^(?:(?:a|an|the|several|some|many|all|each|one|two|three|four|five|\d[\d,.]*)\b|\w+ed\b|"
    r"(?:\S+\s+){0,5}(?:was|were|is|are|had|has|have|will|would)\b)",
    re.I,
)


def reads_as_wording(name: str) -> bool:
    """Whether a title is a source's wording ("several buildings were damaged") rather than a noun phrase."""
    return bool(_WORDING.match(name))


# A wording that opens with its verb, with no subject: "has accused ...", "seceded from ...", "will withdraw".
_VERB_FIRST = re.compile(r"^(?:has|have|had|is|are|was|were|will|would|could|did|does|\w+ed)\b", re.I)
# A wording with a subject and an auxiliary: "Bolivia has accused Peru of ...", "several buildings were damaged".
_CLAUSE_TITLE = re.compile(r"^(?:\S+\s+){1,5}(?:has|have|had|is|are|was|were|will|would)\s+\w", re.I)


_KIND_VERB = {
    QuantityKind.killed: "were killed",
    QuantityKind.injured: "were injured",
    QuantityKind.missing: "are missing",
    QuantityKind.displaced: "were displaced",
    QuantityKind.arrested: "were arrested",
    QuantityKind.participants: "took part",
    QuantityKind.jobs: "jobs are concerned",
}


def conflict_description(
    story: StoryEvent, check: FieldCheck, source_of: dict[str, str], published_of: dict[str, dt.date | None]
) -> str:
    """One plain line: what differs, and who says what (with each report's publication date for a figure,
    so a reader sees a toll rising rather than two guesses)."""
    name = _the(story.description)

    def says(value: str) -> str:
        if check.field == "label" and value.startswith("done: "):
            return value.removeprefix("done: ")
        return value.split(": ", 1)[1] if check.field == "how_many" and ": " in value else value

    def who(article: str) -> str:
        when = published_of.get(article)
        return (
            f"{source_of.get(article, article)} (published {when})"
            if check.field == "how_many" and when
            else (source_of.get(article, article))
        )

    who_says = "; ".join(
        f"{', '.join(who(a) for a in v.articles)} say{'s' if len(v.articles) == 1 else ''} {says(v.value)}"
        for v in check.values
    )
    if check.field == "how_many":
        kind = check.values[0].value.split(":", 1)[0]
        verb = _KIND_VERB.get(QuantityKind(kind)) if kind in QuantityKind.__members__ else None
        if verb:
            question = f"How many {verb} in {name}"
        elif kind in QuantityKind.__members__:
            question = f"The {kind} figure of {name}"
        else:  # a count of another unit, named by it: "The magnitude of the earthquake"
            question = f"The {kind} of {name}"
    else:
        # A title taken from a wording is a clause ("Bolivia has accused Peru of ..."), asked as one; one that
        # opens with its verb ("has accused South Sudan of arming rebels") takes the side that acted as subject.
        happened = f"{name} happened"
        verb_first = _VERB_FIRST.match(story.description)
        agent = next((a.canonical for a in story.actors if a.role is Role.agent), None) if verb_first else None
        if agent:
            happened = f"{agent} {story.description}"
        elif verb_first or _CLAUSE_TITLE.match(story.description):
            happened = story.description
        forces_went = all(v.value.startswith("to ") for v in check.values)
        question = {
            "who": f"Who acted in {name}",
            "where": f"Where the forces of {name} went" if forces_went else f"Where {happened}",
            "when": f"When {happened}",
            "outcome": f"How far {name} reached"
            if all(v.value.startswith(("part: ", "whole: ")) for v in check.values)
            else f"Whether {happened}",
            "label": f"What was done in {name}"
            if all(v.value.startswith("done: ") for v in check.values)
            else f"What the sources call the actors of {name}",
        }[check.field]
    return f"{question}: {who_says}"


def _when_said(story: StoryEvent) -> str:
    """When, as a sentence says it: " on 27 November 2005", " in November 2005", " in 2005"."""
    day = story.date.value
    if day is None or story.date.precision is Precision.unknown:
        return ""
    match story.date.precision:
        case Precision.day:
            return f" on {day.day} {day:%B %Y}"
        case Precision.week:
            return f" in the week of {day.day} {day:%B %Y}"
        case Precision.month:
            return f" in {day:%B %Y}"
        case _:
            return f" in {day.year}"


def _outlets(story: StoryEvent, source_of: dict[str, str], most: int = 3) -> str:
    names = sorted({source_of.get(x.article_id, x.source or x.article_id) for x in story.sources})
    shown = ", ".join(names[:most])
    return f"{shown} and {len(names) - most} more" if len(names) > most else shown


def _specific(story: StoryEvent) -> bool:
    """A title that names more than the bare type ("disaster", "decision by Paris", "business move")."""
    return not any(story.description == n or story.description.startswith(f"{n} ") for n in DEFAULT_NOUN.values())


def story_summary(
    stories: list[StoryEvent], conflicts: list[Conflict], ok: int, total: int, source_of: dict[str, str]
) -> str:
    """A few plain sentences grounded in the story events: how much was merged, the happenings most sources
    report (with who reports them, when, and an agreed toll), and what the sources dispute."""
    # How many articles report each story event, counted once (it is asked up to three times per event).
    reach_of = {id(s): len({src.article_id for src in s.sources}) for s in stories}

    def reach(s: StoryEvent) -> int:
        return reach_of[id(s)]

    current = [s for s in stories if not s.historical]
    shared = [s for s in current if reach(s) > 1]
    outlets = sorted({src.source or src.article_id for s in stories for src in s.sources})
    lines = [
        f"{ok} of {total} articles ({len(outlets)} outlets) merged into {len(stories)} happenings, "
        f"{len(shared)} of them reported by more than one source."
    ]
    disputed = {sid for c in conflicts for sid in c.story_event_ids}
    # Most sources first; among equals a happening the title can name before a bare "disaster", and a happening
    # of a kind before `other` and `political`, which hold most statements and descriptions ("SeaMicro has a
    # proven technology" before "AMD will buy SeaMicro" misled a reader of a held-out business story).
    widest = sorted(
        shared or current,
        key=lambda s: (-reach(s), s.type in (EventType.other, EventType.political), not _specific(s), s.id),
    )[:3]
    for n, story in enumerate(widest):
        tolls = [c for c in story.checks if c.field == "how_many" and c.values[0].value.startswith("killed")]
        toll = ""
        if tolls and tolls[0].verdict != "conflict":
            toll = f", with {tolls[0].values[0].value.split(': ', 1)[1]} killed"
        flag = " (disputed, see below)" if story.id in disputed else ""
        count = reach(story)
        by = f"by {_outlets(story, source_of)}" if count > 1 else "by 1 source"
        what = f"{_the(story.description)}{_when_said(story)}{toll}"
        lead = "The most widely reported is" if n == 0 else "Also reported:"
        lines.append(f"{lead} {what}, {by}{flag}.")
    if conflicts:
        # The disputes about the most widely reported happenings first.
        sources = {s.id: reach(s) for s in stories}
        ranked = sorted(conflicts, key=lambda c: -max((sources.get(i, 0) for i in c.story_event_ids), default=0))
        first = ". ".join(c.description for c in ranked[:3])
        more = f", {len(conflicts) - 3} more in the report" if len(conflicts) > 3 else ""
        noun = "disagreement" if len(conflicts) == 1 else "disagreements"
        lines.append(f"{len(conflicts)} {noun} between the sources{more}. {first}.")
    else:
        lines.append("The sources do not contradict each other.")
    return " ".join(lines)
