"""What the merge compares about one article event, derived once per event.

A happening is compared by its type family, the actors that acted (agents only), its places through the
``part_of`` hierarchy of the name table (and the country a place lies in), its date with its precision,
its tolls, the things it was done to, and the distinctive words of its evidence. Everything here is
computed once per event: a 10k-article merge compares hundreds of thousands of pairs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..core.schema import TYPE_FAMILY, ArticleSummary, Event, EventDate, Precision, Quantity, QuantityKind, Role
from ..text.names import NameTable, fold

__all__ = [
    "Item",
    "make_item",
    "focus_place",
    "destinations",
    "days_apart",
    "interval",
    "intervals_meet",
    "TOLL_KINDS",
    "FAR",
]

FAMILY = TYPE_FAMILY  # one happening seen from different angles (core.schema)
# A casualty toll or displacement (humanitarian) is the consequence of a violent or natural happening:
# outlets type "the quake killed 10" as either.
COMPATIBLE = {"humanitarian": frozenset({"armed", "disaster"})}
TOLL_KINDS = frozenset(
    {QuantityKind.killed, QuantityKind.injured, QuantityKind.missing, QuantityKind.displaced, QuantityKind.arrested}
)
FAR = 10_000

# Words that say nothing about *which* happening a sentence states: attribution, time, generic casualty
# words, numbers. What is left ("commuter bus", "market", "airport") tells two same-day attacks apart.
_STOP = frozenset(
    """
    a an the and or but of to in on at by for from with without as into onto over under after before during
    is are was were be been being has have had do does did will would could should may might can this that
    these those there their they them its it his her he she we our you your who whom which what when where
    while than then also more most least less very far first last other others some any all each every one
    said says say told tells reported reports reporting according added adding announced stated statement
    officials official spokesman spokeswoman spokesperson source sources media news agency afp reuters ap
    killed killing kill kills dead death deaths died die dying toll injured injuring wounded wounding hurt
    people persons person least about nearly around almost some several many dozens hundreds thousands
    two three four five six seven eight nine ten eleven twelve twenty hundred thousand million billion
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning afternoon
    evening night week month year day days hours hour earlier later ago since until
    january february march april may june july august september october november december
    city town village province region district country area near local late early
    """.split()
)
_WORD = re.compile(r"[a-z][a-z'-]+")
# A target that is a count of people is a victim ("24 people", "civilians"), not a thing an attack hit.
_VICTIMS = re.compile(
    r"^\d|\b(people|persons|civilians|children|women|men|residents|victims|passengers|pedestrians|"
    r"worshippers|students|workers|soldiers|dead|wounded|injured|killed|casualties|survivors)\b",
    re.I,
)
# A "happening" that is someone speaking about another ("told AFP", "said on Friday"): its agent is the
# person a report is attributed to.
_SPEECH = re.compile(r"^\W*(\w+\s+){0,3}?(told|said|says|say|tell|tells|reported|according)\b", re.I)


@dataclass(frozen=True)
class Item:
    """One article event with what the merge compares."""

    index: int
    article_id: str
    source: str | None
    published: dt.date | None
    event: Event
    when: EventDate  # the date it is clustered by: a stated one; an implied date is weak evidence (unknown)
    family: str
    written: frozenset[str]  # the event's places as its article gives them
    places: frozenset[str]  # the places it is compared by (for a movement: where it left from)
    wide_places: frozenset[str]  # those and every wider place they are part of (named hierarchy)
    countries: frozenset[str]  # the countries its places lie in (a coarser, last-resort level)
    agents: frozenset[str]
    wide_agents: frozenset[str]
    targets: frozenset[str]  # things it was done to, victims (counts of people) left out
    wide_written: frozenset[str]  # the written places (less destinations), widened, and their countries
    destinations: frozenset[str]  # for a movement: where the forces went, not where it happened
    tolls: dict[QuantityKind, tuple[float, float]]  # casualty kind -> (low, high) the article allows
    stems: frozenset[str]  # distinctive words of description and evidence (4-letter prefixes)
    speech: bool  # the event is an attribution ("told AFP"), not a happening of its own


# Words before a place that make it where a movement went ("to fortify Damascus", "heading towards the
# central Palmyra region"), not where it started or happened.
_DESTINATION_CUE = re.compile(
    r"(?<!due )(?<!close )(?<!next )(?<!according )(?<!prior )"
    r"\b(to|towards?|into|reinforce|fortify|bolster|heading (to|towards?)|head(ed|s)? (to|for))\s+"
    r"(the\s+)?([a-z]+\s+){0,2}$",
    re.I,
)
# ...but not the "to" of a verb: "forced to withdraw from Deir ez-Zor" names where they left.
_NOT_DESTINATION = re.compile(r"\b(from|of|out|in|at|near|by|around)\s+(the\s+)?([a-z]+\s+)?$", re.I)


def destinations(event: Event, names: NameTable) -> frozenset[str]:
    """The places a movement's evidence sends forces to ("moving its forces ... to Damascus")."""
    found = set()
    for evidence in event.evidence:
        text = evidence.text
        for canonical in names.places_named_in(text):
            written = names.find_alias(text, canonical, place=True)
            if not written or names.is_country(canonical):
                continue
            at = text.find(written)
            before = text[max(0, at - 40) : at]
            if at >= 0 and _DESTINATION_CUE.search(before) and not _NOT_DESTINATION.search(before):
                found.add(canonical)
    return frozenset(found)


def interval(q: Quantity) -> tuple[float, float]:
    """The values a stated number allows: "at least 10" is 10..inf, "about 100" 90..110, "30-40" 30..40."""
    match q.qualifier.value:
        case "at_least":
            return q.value, float("inf")
        case "at_most":
            return 0.0, q.value
        case "about":
            return q.value * 0.9, q.value * 1.1
        case "range":
            return q.value, q.upper if q.upper is not None else q.value
        case "vague":  # "dozens" is 12 or more, but fewer than ten times that
            return q.value, q.value * 10
        case _:
            return q.value, q.value


def intervals_meet(a: tuple[float, float], b: tuple[float, float], tolerance: float = 0.0) -> bool:
    """True when two allowed ranges overlap (``tolerance`` widens both by that fraction)."""
    return a[0] * (1 - tolerance) <= b[1] * (1 + tolerance) and b[0] * (1 - tolerance) <= a[1] * (1 + tolerance)


@functools.lru_cache(maxsize=65536)
def _thing(target: str) -> str | None:
    """A target as compared (folded), or None for victims; the same few targets recur across a feed."""
    return None if _VICTIMS.search(target) else fold(target)


def _stems(texts: list[str], place_words: set[str]) -> frozenset[str]:
    # Distinct words first: a description and its evidence repeat most of their words.
    words = {w.strip("'-") for text in texts for w in _WORD.findall(text.casefold())}
    return frozenset(w[:4] for w in words - _STOP - place_words if len(w) >= 3)


def make_item(
    index: int,
    summary: ArticleSummary,
    event: Event,
    names: NameTable,
    focus: str | None,
    widen: Callable[[frozenset[str]], frozenset[str]] | None = None,
) -> Item:
    """Derive what the merge compares about ``event`` of ``summary`` (``widen``: a memoised
    ``names.widen``, since a large merge widens the same few sets again and again)."""
    widen = widen or names.widen
    family = FAMILY.get(event.type, event.type.value)
    written = frozenset(loc.canonical for loc in event.locations)
    places = written
    going = destinations(event, names) if family == "move" else frozenset()
    if family == "move":
        # A movement is compared by where it left from. With no such place in its sentence ("troops were
        # moved westward to reinforce Damascus") it is taken to leave from the place the article is about;
        # this only steers the comparison: the event's own places are reported as written.
        places = (places - going) or (frozenset({focus}) if focus and going and focus not in going else frozenset())
    agents = frozenset(a.canonical for a in event.actors if a.role is Role.agent)
    targets = frozenset(
        thing for a in event.actors if a.role is Role.target and (thing := _thing(a.canonical)) is not None
    )
    tolls: dict[QuantityKind, tuple[float, float]] = {}
    for q in event.quantities:
        if q.kind in TOLL_KINDS and q.kind not in tolls:
            tolls[q.kind] = interval(q)
    place_words = {w for loc in event.locations for w in _WORD.findall(f"{loc.name} {loc.canonical}".casefold())}
    countries = frozenset(loc.country for loc in event.locations if loc.country and loc.country not in written)
    return Item(
        index=index,
        article_id=summary.article.id,
        source=summary.article.source,
        when=_UNDATED if event.date.implied else event.date,
        published=summary.article.published,
        event=event,
        family=family,
        written=written,
        places=places,
        wide_places=widen(places),
        countries=countries,
        agents=agents,
        wide_agents=widen(agents),
        targets=targets,
        wide_written=widen(written - going) | countries,
        destinations=going,
        tolls=tolls,
        stems=_stems([event.description, *(e.text for e in event.evidence)], place_words),
        speech=bool(_SPEECH.search(event.description)),
    )


def focus_place(summary: ArticleSummary, names: NameTable) -> str | None:
    """The place an article is about: the first place its current events name, in sentence order (a
    news lead says where)."""
    events = sorted(summary.events, key=lambda e: e.evidence[0].sentence_id if e.evidence else 0)
    for event in events:
        for loc in event.locations:
            if not event.historical and not names.is_country(loc.canonical):
                return loc.canonical
    return None


# An implied date (the event's sentence gives no time; the date comes from the article or the happening it
# continues) neither joins nor separates events across articles: they are clustered as undated.
_UNDATED = EventDate(value=None, precision=Precision.unknown, text=None)


def days_apart(a: EventDate, b: EventDate) -> int | None:
    """Days between two dates, compared at the coarser precision (0 when they may be the same day)."""
    if a.value is None or b.value is None:
        return None
    if a.precision is Precision.day and b.precision is Precision.day:
        return abs((a.value - b.value).days)
    if Precision.year in (a.precision, b.precision):
        return 0 if a.value.year == b.value.year else FAR
    if Precision.week in (a.precision, b.precision):
        return max(0, abs((a.value - b.value).days) - 6)
    return 0 if (a.value.year, a.value.month) == (b.value.year, b.value.month) else FAR
