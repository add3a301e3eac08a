"""From the model's drafts to grounded events: names, dates and numbers resolved in code, duplicates merged.

Pure functions over typed values; no model, no network. What the small model is bad at (years, canonical
names, counting, not repeating itself) is done here instead.
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from .articles import Article
from .dates import find_time_words, is_historical, resolve_date
from .drafts import EventDraft
from .names import NameTable, fold
from .quantities import find_quantities
from .schema import Actor, Event, EventType, Evidence, Location, Role, Status

__all__ = ["build_events", "evidence_for"]

_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def evidence_for(article: Article, sentence_id: int) -> Evidence:
    """The evidence record of one sentence, with its exact text from the original."""
    sentence = article.sentence(sentence_id)
    return Evidence(
        sentence_id=sentence_id,
        start=sentence.start,
        end=sentence.end,
        text=article.original[sentence.start : sentence.end],
    )


def _places(text: str | None, names: NameTable) -> list[Location]:
    if not text:
        return []
    parts = [p.strip() for p in _LIST_SPLIT.split(text) if p.strip()]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        parts = [text.strip()]
    locations = []
    for part in parts:
        if not any(ch.isupper() for ch in part):
            continue  # "east of the country", "key areas": a description, not a place name
        canonical, country = names.place(part)
        if all(loc.canonical != canonical for loc in locations):
            locations.append(Location(name=part, canonical=canonical, country=country))
    return locations


def _known_places(text: str, spelled_in: str, names: NameTable) -> list[Location]:
    """The known places that ``text`` names, each as ``spelled_in`` writes it (so it stays a quote)."""
    return [
        Location(name=written, canonical=c, country=names.countries.get(c))
        for c in names.places_named_in(text)
        if (written := names.find_alias(spelled_in, c, place=True))
    ]


def _widest_places(locations: list[Location], what: str, sentence: str, names: NameTable) -> list[Location]:
    """Each place as the longest known name the description spells around it.

    "Deir el-Zour" quoted for "pulled troops from the Deir el-Zour military air base" is the air base, not
    the province; for "consolidating its forces in the province" it stays the province.
    """
    # A country next to a place inside it adds nothing ("Syria-Iraq border" beside "Albu Kamal").
    inside = {names.countries.get(loc.canonical) for loc in locations if not names.is_country(loc.canonical)}
    locations = [loc for loc in locations if not (names.is_country(loc.canonical) and loc.canonical in inside)]
    widened: list[Location] = []
    for loc in locations:
        best = loc
        for canonical in names.places_named_in(what):
            written = names.find_alias(sentence, canonical, place=True)
            if (
                canonical != loc.canonical
                and written
                and len(written) > len(best.name)
                and fold(loc.name) in fold(written)
            ):
                best = Location(name=written, canonical=canonical, country=names.countries.get(canonical))
        if all(w.canonical != best.canonical for w in widened):
            widened.append(best)
    return widened


# A takeover written from the losing side ("the regime handed over control to the SDF", "lost control of
# Aleppo"): the side that gains control is the event's agent, the side that loses it the target.
_LOSS = re.compile(
    r"^(?:(?:has|have|had|was|were|been|reportedly|also|effectively|decided to|agreed to|chose to)\s+){0,2}"
    r"(hand(ed|s|ing)? over|cede[ds]?|ceding|relinquish\w*|los(t|e|es|ing) control|surrender\w*|gave up|"
    r"give up|abandon\w*)\b",
    re.I,
)
# "confirmed that columns were seen heading to Palmyra": the one who confirms is the source of the report,
# not the one who acts. Only a reporting verb followed by "that" ("reportedly captured" is an action).
_REPORTING = re.compile(
    r"^\s*(confirmed|reported|reports|said|says|stated|states|noted|notes|announced|told \w+|warned|added)"
    r"\s+that\s+",
    re.I,
)


def _actors(draft: EventDraft, kind: EventType, names: NameTable) -> tuple[list[Actor], list[Location]]:
    """Actors with their roles, and the places the model wrote as the target."""
    who = Actor(name=draft.who, canonical=names.actor(draft.who), role=Role.agent) if draft.who else None
    whom = None
    places: list[Location] = []
    if draft.whom:
        whom_canonical = names.actor(draft.whom)
        as_places = _places(draft.whom, names)
        named = _known_places(draft.whom, draft.whom, names)
        if whom_canonical not in names.actors.values() and named:
            # "Idlib, Aleppo and Hama", "Deir ez-Zor's city center to the Al-Bukamal district": places, not a side.
            places = named
        elif as_places and all(loc.canonical in names.countries for loc in as_places):
            places = as_places  # a spelling the alias table only knows by fuzzy match ("Idleb")
        elif who is None or whom_canonical != who.canonical:
            whom = Actor(name=draft.whom, canonical=whom_canonical, role=Role.target)
    if who is not None and _REPORTING.match(draft.what):
        who = who.model_copy(update={"role": Role.other})
    elif kind is EventType.takeover and _LOSS.match(draft.what.strip()):
        who = who.model_copy(update={"role": Role.target}) if who is not None else None
        whom = whom.model_copy(update={"role": Role.agent}) if whom is not None else None
    return [a for a in (who, whom) if a is not None], places


def _draft_to_event(draft: EventDraft, article: Article, reference: dt.date | None, names: NameTable) -> Event:
    sentence = article.sentence(draft.s).text
    what = " ".join(draft.what.split())
    reported = _REPORTING.sub("", what, count=1)
    if len(reported.split()) >= 2:
        what = reported  # the happening, not "confirmed that ..." (the source stays an actor, role other)
    kind = event_type(draft.type, what)
    locations = _places(draft.where, names)
    actors, target_places = _actors(draft, kind, names)
    locations += [p for p in target_places if all(p.canonical != loc.canonical for loc in locations)]
    if not locations:
        # The model left "where" empty or vague but its own words name a known place ("took control of Deir
        # ez-Zor"): take the place as the sentence spells it, so it stays a quote of the article.
        locations = _known_places(draft.what, sentence, names)
    locations = _widest_places(locations, what, sentence, names)
    when = draft.when or find_time_words(sentence)
    status = event_status(sentence)
    date = resolve_date(when, reference, sentence=sentence, planned=status is Status.planned)
    return Event(
        id="e0",
        type=kind,
        description=what,
        actors=actors,
        locations=locations,
        date=date,
        status=status,
        historical=is_historical(date, reference),
        quantities=find_quantities(sentence),
        evidence=[evidence_for(article, draft.s)],
    )


def _same_happening(a: Event, b: Event) -> bool:
    if a.type != b.type:
        return False
    agents_a = {x.canonical for x in a.actors if x.role is Role.agent}
    agents_b = {x.canonical for x in b.actors if x.role is Role.agent}
    places_a = {x.canonical for x in a.locations}
    places_b = {x.canonical for x in b.locations}
    same_sentence = a.evidence[0].sentence_id == b.evidence[0].sentence_id
    if same_sentence:
        # Two readings of one sentence: the same happening unless they name different places or agents.
        return (
            (places_a == places_b or not places_a or not places_b)
            and (agents_a == agents_b or not agents_a or not agents_b)
            and fuzz.token_set_ratio(a.description, b.description) >= 60
        )
    if not places_a or places_a != places_b or agents_a != agents_b or a.historical != b.historical:
        return False
    if a.date.value is not None:
        return a.date.value == b.date.value  # the same day
    # Neither dated: a restatement only if it is also worded alike ("withdraw from Deir Ezzor" and "withdrawn
    # from Deir Ezzor and other areas", not "is relocating forces" and "consolidating its remaining forces").
    return b.date.value is None and fuzz.token_set_ratio(a.description, b.description) >= 60


def _merge(kept: Event, other: Event) -> Event:
    seen = {e.sentence_id for e in kept.evidence}
    evidence = sorted(
        [*kept.evidence, *(e for e in other.evidence if e.sentence_id not in seen)], key=lambda e: e.sentence_id
    )
    actors = list(kept.actors) + [x for x in other.actors if x.canonical not in {y.canonical for y in kept.actors}]
    locations = list(kept.locations) + [
        x for x in other.locations if x.canonical not in {y.canonical for y in kept.locations}
    ]
    date = kept.date if kept.date.value is not None else other.date
    return kept.model_copy(
        update={
            "evidence": evidence,
            "actors": actors,
            "locations": locations,
            "date": date,
            "historical": kept.historical and other.historical,
        }
    )


def build_events(
    drafts: list[EventDraft], article: Article, reference: dt.date | None, names: NameTable
) -> list[Event]:
    """Turn validated drafts into numbered, de-duplicated events in sentence order."""
    events: list[Event] = []
    for draft in sorted(drafts, key=lambda d: d.s):
        event = _draft_to_event(draft, article, reference, names)
        for index, kept in enumerate(events):
            if _same_happening(kept, event):
                events[index] = _merge(kept, event)
                break
        else:
            events.append(event)
    return [event.model_copy(update={"id": f"e{number}"}) for number, event in enumerate(events, start=1)]


# Lexical cues, checked in this order, that decide the type of a conflict-family event whatever the
# small model said: "seized the city after heavy fighting" is a takeover, not fighting.
_TYPE_CUES: tuple[tuple[EventType, re.Pattern[str]], ...] = (
    (
        EventType.takeover,
        re.compile(
            r"\b(seiz|captur|recaptur|took control|taken control|take control|takes control|taking control|"
            r"gain(ed)? control|hand(ed|s|ing)? over|cede|ceded|ceding|liberat|overr[au]n|fell to|fall of|"
            r"under .{0,20}control|broke through|cleared|los(t|e|es|ing) control|relinquish)",
            re.I,
        ),
    ),
    (
        EventType.withdrawal,
        re.compile(
            r"\b(withdr|pull(ed|s|ing)? (out|back|troops|forces)|pulled|retreat|vacat|evacuat|left |leav(e|ing))", re.I
        ),
    ),
    (
        EventType.deployment,
        re.compile(
            r"\b(redeploy|deploy|relocat|reinforc|mobili[sz]|consolidat|"
            r"mov(ed|ing|e) (troops|forces)|bolster|head(ed|ing|s)? (to|toward|towards|for)\b|"
            r"sen(t|d|ds|ding) (troops|forces|reinforcements))",
            re.I,
        ),
    ),
    (EventType.fighting, re.compile(r"\b(clash|fight|battle|offensive|operation|advanc|assault)", re.I)),
)
# The model's type is overruled only inside these: "disaster" for "lost control of Aleppo" is one of the small
# model's slips, while the cues never fire on an economic, legal or diplomatic description.
_CONFLICT_FAMILY = {
    EventType.fighting,
    EventType.attack,
    EventType.takeover,
    EventType.withdrawal,
    EventType.deployment,
    EventType.protest,
    EventType.disaster,
    EventType.political,
    EventType.other,
}
_DENIED = re.compile(r"\b(den(y|ies|ied)|rejected claims)\b", re.I)
_PLANNED = re.compile(r"\b(plan(s|ned|ning)? to|intend(s|ed)? to|aim(s|ed)? to|(is|are) set to|will|would)\b", re.I)
_CLAIMED = re.compile(
    r"\b(said|says|say|according to|reported|reports|report|claim(s|ed)?|told|sources?|"
    r"confirmed|stated)\b",
    re.I,
)


def event_type(model_type: EventType, what: str) -> EventType:
    """The model's type, unless the description carries an unambiguous cue of another conflict type."""
    if model_type not in _CONFLICT_FAMILY:
        return model_type
    for candidate, cue in _TYPE_CUES:
        if cue.search(what):
            return candidate
    return model_type


def event_status(sentence: str) -> Status:
    """How the sentence presents what it states: denied, planned, claimed (attributed) or asserted."""
    if _DENIED.search(sentence):
        return Status.denied
    if _PLANNED.search(sentence):
        return Status.planned
    if _CLAIMED.search(sentence):
        return Status.claimed
    return Status.asserted
