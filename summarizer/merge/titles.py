"""Titles of story events: the happening named by its head noun, what it hit or who did it, and where.

Built from the events' own fields (type, the thing hit or the actor, the place) and a small table of head
nouns found in the sources' descriptions and evidence ("bombing", "earthquake", "offensive"), so no model
call is needed: "bus bombing in Mirsad", "takeover of Deir ez-Zor by Syrian Democratic Forces". Written by
hand: the table is this project's own wording of event types.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from operator import itemgetter
from typing import TypeVar

from rapidfuzz import fuzz

from ..core.schema import (
    EventType,
    QuantityKind,
    Role,
)
from ..text.names import NameTable
from ..text.quotes import without_quotes
from .items import THINGS, Item, is_actor

__all__ = ["title", "tally", "by_count", "DEFAULT_NOUN", "MEDOID_PANEL"]

T = TypeVar("T")

MEDOID_PANEL = 12  # a story's wording is chosen among (and against) its first 12 sources: cost stays flat

_PRICE_MOVE = "share price move"
# Head nouns per type, first match wins; searched in the sources' descriptions and evidence.
_NOUNS: dict[EventType, list[tuple[str, str]]] = {
    EventType.attack: [
        (r"suicide (bomb|attack)", "suicide bombing"),
        (r"car bomb", "car bombing"),
        (r"drone", "drone strike"),
        (r"air ?strike|air raid|warplane|bombard", "air strike"),
        (r"bomb|explosi|blast|explod", "bombing"),
        (r"shell", "shelling"),
        (r"rocket|missile", "missile strike"),
        (r"stabb", "stabbing"),
        (r"shoot|gunm[ae]n|opened fire|shot", "shooting"),
        # blows to a person: "punching an Israeli soldier", "pushing, kicking and slapping the soldiers"
        (r"punch|slap|kick|assault", "assault"),
    ],
    EventType.fighting: [(r"offensive", "offensive"), (r"clash", "clashes"), (r"battle", "battle")],
    EventType.disaster: [
        (r"earthquake|quake|tremor", "earthquake"),
        (r"tsunami", "tsunami"),
        (r"flood", "flood"),
        (r"landslide|mudslide", "landslide"),
        (r"wildfire|blaze|fire", "fire"),
        (r"typhoon|hurricane|cyclone|storm", "storm"),
        (r"derail", "derailment"),
        (r"crash", "crash"),
        (r"collapse", "collapse"),
        (r"explosi|blast", "explosion"),
    ],
    EventType.humanitarian: [
        (r"rescue|rescuer|survivor", "rescue effort"),
        (r"evacuat", "evacuation"),
        (r"displac|fled|refugee", "displacement"),
        (r"\baid\b|relief", "aid"),
        (r"killed|dead|death|toll", "death toll"),
    ],
    EventType.economic: [
        (r"merger", "merger"),
        (r"acqui|takeover|bid\b|offer", "takeover offer"),
        (r"sanction", "sanctions"),
        (r"budget", "budget"),
        (r"(?:stock|share) (?:awards?|grants?)|stock options", "stock awards"),
        (r"shares\b|share price|stocks?\b", _PRICE_MOVE),
        (r"deal|agreement", "deal"),
        (r"charge|write-?down|impairment|(?:big|\d+ ?(?:[mb]illion|bn|m)?) hit\b", "charge"),
        (r"profit|earnings|net income|revenue", "earnings"),
    ],
    EventType.legal: [
        (r"arrest|detain", "arrests"),
        (r"charge", "charges"),
        (r"trial", "trial"),
        (r"ruling|ruled|verdict|sentenc", "ruling"),
        (r"investigat|probe", "investigation"),
    ],
    EventType.political: [
        (r"resign", "resignation"),
        (r"appoint", "appointment"),
        (r"election|elected", "election"),
        (r"vote", "vote"),
        (r"into law", "signing into law"),
        (r"\b(bill|law|legislation|reform)\b", "legislation"),
    ],
    EventType.diplomatic: [
        (r"ceasefire|truce", "ceasefire"),
        (r"agreement|accord|deal", "agreement"),
        (r"talks|negotiat", "talks"),
        (r"appeal|urged|called on", "appeal"),
        (r"meeting|met\b", "meeting"),
    ],
    EventType.protest: [(r"riot", "riot"), (r"strike", "strike"), (r"(?-i:march)", "march")],
}
# A theft is named as such whatever type the sentence was given (a ram-raid reads as an attack, a heist
# as a disaster).
_CRIME = [(r"robber|robbed|heist|\bstole|stolen|theft|thie(f|ves)|burglar|ram-raid|looted", "robbery")]
_CRIME_FIRST = frozenset({EventType.attack, EventType.disaster, EventType.other, EventType.economic})
DEFAULT_NOUN = {
    EventType.attack: "attack",
    EventType.fighting: "fighting",
    EventType.takeover: "takeover",
    EventType.withdrawal: "withdrawal",
    EventType.deployment: "deployment",
    EventType.protest: "protest",
    EventType.political: "decision",
    EventType.diplomatic: "diplomatic move",
    EventType.economic: "business move",
    EventType.legal: "legal action",
    EventType.disaster: "disaster",
    EventType.humanitarian: "humanitarian situation",
    EventType.other: "event",
}
# A theft is named after the type's own nouns (a ram-raid that "set fire" to the car is still named by
# the fire only when the type is disaster), before the type's bare default.
# Each noun at the start of a word: "trial" is not in "industrial", "riot" not in "patriot", "appoint" not in
# "disappointed"; a month is no march.
_COMPILED = {
    t: [(re.compile(rf"\b(?:{p})", re.I), n) for p, n in _NOUNS.get(t, []) + (_CRIME if t in _CRIME_FIRST else [])]
    for t in EventType
}
_PRONOUNS = frozenset("it they he she we this these those".split())
_TITLE_WORDING = 80  # characters of a wording a title keeps
_CLAUSE = re.compile(r"(?:\S+\s+){1,6}?(?:was|were|is|are|had|has|have|will|would)\b", re.I)
# A wording that is a report of a clause with its own subject and verb: "say that officials in Egypt have urged
# Assad to leave", "report that at least seven villages have been vacated" (not "said" alone, "told AFP"). The
# title is the reported happening; who reports it stays in each source report.
_REPORTED = re.compile(
    r"(?:said|says|say|reported|reports|report|added|claimed|claims|claim|confirmed|announced)\s+(?:that\s+)?"
    r"(?P<clause>(?:\S+\s+){1,8}?(?:was|were|is|are|has|have|had|\w+ed)\b.*)$",
    re.I,
)
# A reported forecast or possibility stays the speaker's: "said moving funds back could cost the bank $2 billion".
_MODAL = re.compile(r"\b(?:could|would|will|might|may|can|should|must)\b", re.I)
_PASSIVE = re.compile(r"(?:was|were|is|are|has been|have been|had been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t)\b", re.I)
_AUXILIARY = re.compile(r"(?:was|were|is|are|has|have|had|will|would|has been|have been)\b", re.I)


def _noun(story_type: EventType, group: list[Item]) -> str:
    patterns = _COMPILED.get(story_type, [])
    # The first pattern of the list that some event's wording (description and evidence, one a line)
    # matches. No pattern above can match a newline (letters, spaces, word boundaries), so that is the
    # smallest of each wording's first pattern, found once per wording: outlets repeat descriptions and
    # wire sentences across stories.
    # A share or a stock named without a price moving ("delivered shares to its executives", "stock
    # awards") is no price move: that noun names only a group whose events move a price (items.FAMILY
    # "market", from the act of the description).
    market = any(i.family == "market" for i in group[:MEDOID_PANEL])
    first = min((_first_pattern(story_type, i.wording, market) for i in group[:MEDOID_PANEL]), default=len(patterns))
    return patterns[first][1] if first < len(patterns) else DEFAULT_NOUN[story_type]


@functools.lru_cache(maxsize=65536)
def _first_pattern(story_type: EventType, wording: str, market: bool = True) -> int:
    """The position of the first of ``story_type``'s noun patterns that ``wording`` matches (their count if
    none); ``market`` False skips the price-move noun."""
    patterns = _COMPILED.get(story_type, [])
    said = without_quotes(wording)  # a chant or a quote is someone's words: "chanted 'Thieves, thieves!'"
    return next(
        (n for n, (pattern, noun) in enumerate(patterns) if (market or noun != _PRICE_MOVE) and pattern.search(said)),
        len(patterns),
    )


def tally(values: Iterable[T]) -> dict[T, int]:
    """How often each value occurs, in the order first met: a Counter without its per-call cost (a merge
    counts a few values at a time, 200k times at 10k articles)."""
    counts: dict[T, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def by_count(counts: dict[T, int]) -> list[tuple[T, int]]:
    """The values, most frequent first, ties in the order first met (Counter.most_common())."""
    return sorted(counts.items(), key=itemgetter(1), reverse=True)


def _most_common(values: list[str]) -> str | None:
    """The most frequent value, the first met among equals (Counter.most_common(1))."""
    return max(tally(values).items(), key=itemgetter(1))[0] if values else None


# Lower-case words a place's name may keep ("central Paris", "southern Iran"); any other lower-case word
# makes it a description ("upmarket jewellery store near Place Vendome"), named by its last proper name.
_PLACE_QUALIFIERS = frozenset(
    "north south east west northern southern eastern western central northeastern northwestern southeastern "
    "southwestern upper lower greater".split()
)
_PROPER_RUN = re.compile(r"[A-Z\u00C0-\u00DE][\w'’.-]*(?:\s+(?:de |of |la |al-|d’|d')?[A-Z\u00C0-\u00DE][\w'’.-]*)*")


@functools.lru_cache(maxsize=65536)
def _place_name(place: str) -> str:
    """A place as a title names it: a description is shortened to its last proper name
    ("Casty store near Paris's chic Place Vendôme" -> "Place Vendôme")."""
    lower = [w for w in re.findall(r"\b[a-z][\w'-]*", place) if w not in _PLACE_QUALIFIERS]
    runs = _PROPER_RUN.findall(place)
    return runs[-1] if lower and runs else place


def _title_place(group: list[Item], names: NameTable) -> str | None:
    """The most reported place of the group: places the tables know first, then the others by name."""
    located = [p for i in group for p in sorted(i.located - i.destinations) if not names.is_country(p)]
    if located:
        return _most_common(located)
    if all(i.located == i.written for i in group):  # nothing but countries and destinations
        return _most_common([p for i in group for p in sorted(i.written)])
    written = [_place_name(p) for i in group for p in sorted(i.written - i.destinations) if not names.is_country(p)]
    return _most_common(written or [_place_name(p) for i in group for p in sorted(i.written)])


def _said(lead: str, who: str | None, joined: bool = False) -> str:
    """A wording as a title, cut to ``_TITLE_WORDING`` characters, with its subject ``who`` unless it has one
    ("Bolivia: accused Peru of ...", "the island's airport was damaged"; ``joined``: "thieves set fire to
    the vehicle", for a title that already has its colon)."""
    reported = _REPORTED.match(lead)
    if reported and not _MODAL.search(reported.group("clause")):
        # "said the villages of Karavan and Kousheh were worst hit": the happening, not that someone told it
        lead, who = reported.group("clause"), None
    if len(lead) > _TITLE_WORDING:  # a title, not the whole clause
        lead = lead[:_TITLE_WORDING].rsplit(" ", 1)[0] + " ..."
    if who and (who.casefold() in _PRONOUNS or _CLAUSE.match(lead)):
        who = None  # "It: killed 612 people" names nobody; "several buildings were damaged" has its subject
    if not who or fuzz.partial_ratio(who.casefold(), lead.casefold()) > 80:
        return lead
    if joined or _AUXILIARY.match(lead):
        return f"{who} {lead}"  # "the island's airport was damaged", not "island's airport: was damaged"
    return f"{who}: {lead}"


# What was taken, in a description's own words ("made off with 2m euros", "stole £88m worth of stones").
_THEFT_DEED = re.compile(
    r"\b(?:robb|heist|stole|stolen|steal|theft|burgl|ram-raid|loot|made off with|got away with|escaped with|"
    r"raided|snatch|smash-and-grab)",
    re.I,
)


def _names_the_theft(group: list[Item]) -> bool:
    """Whether a story event titled as a robbery is the theft itself: a source's description says what was
    taken, or most of its sources give the money it was worth (not a step of it told beside
    "after Monday's robbery")."""
    panel = group[:MEDOID_PANEL]
    if any(_THEFT_DEED.search(i.event.description) for i in panel):
        return True
    priced = sum(1 for i in panel if any(q.kind is QuantityKind.money for q in i.event.quantities))
    return 2 * priced > len(panel)


def title(story_type: EventType, group: list[Item], names: NameTable, lead: str) -> str:
    """A short name for the happening: type + what + place ("bus bombing in Mirsad")."""
    noun = _noun(story_type, group)
    place = _title_place(group, names)
    agent = _most_common([a for i in group for a in sorted(i.agents) if is_actor(a)])
    targets = [a.canonical for i in group for a in i.event.actors if a.role is Role.target]
    where = f" in {place}" if place else ""
    if noun == "robbery":
        if _names_the_theft(group):
            return f"{noun}{where}"
        # A step of a robbery (the ram, the fire, the getaway) is named by what was done, under its crime:
        # told by the evidence's "after Monday's robbery", all its steps were "robbery" alike.
        said = _said(lead, agent, joined=True)
        return f"robbery: {said}{where}" if place and place.casefold() not in said.casefold() else f"robbery: {said}"
    if story_type is EventType.takeover:
        whom = f" by {agent}" if agent else ""
        return f"takeover of {place}{whom}" if place else f"takeover{whom}"
    if story_type is EventType.withdrawal:
        who = f" of {agent}" if agent else ""
        return f"withdrawal{who} from {place}" if place else f"withdrawal{who}"
    if story_type is EventType.deployment:
        going = _most_common([d for i in group for d in sorted(i.destinations)])
        who = f" of {agent}" if agent else ""
        return f"deployment{who} to {going}" if going else f"deployment{who}{where}"
    if story_type is EventType.attack:
        thing = next((m.group(1).lower() for t in targets for m in [THINGS.search(t)] if m), None)
        if thing is None:
            thing = next((i.thing_hit for i in group[:MEDOID_PANEL] if i.thing_hit), None)
        return f"{thing} {noun}{where}" if thing else f"{noun}{where}"
    generic = noun == DEFAULT_NOUN[story_type]
    named_by_noun = (EventType.disaster, EventType.humanitarian, EventType.protest, EventType.fighting)
    if story_type in named_by_noun and not generic:
        return f"{noun}{where}"
    if story_type is EventType.other or generic:
        # No type to name it by, or no head noun ("disaster", "decision", "diplomatic move" say only its
        # type): its most typical wording; for `other`, said by its actor (or of whom it is said).
        target = _most_common([t for t in targets if is_actor(t)])
        # A passive wording's subject is what it was done to, before its doer ("the school was evacuated", not
        # "the army was evacuated"); with no target, the agent is the model's name for that subject.
        said = _said(lead, (target or agent) if _PASSIVE.match(lead) else (agent or target))
        return f"{said}{where}" if place and place.casefold() not in said.casefold() else said
    whom = f" by {agent}" if agent else ""
    return f"{noun}{whom}{where}"
