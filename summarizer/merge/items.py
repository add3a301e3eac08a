"""What the merge compares about one article event, derived once per event.

A happening is compared by its type family, the actors that acted (agents only), its places through the
``part_of`` hierarchy of the name table (and the country a place lies in), its date with its precision,
its tolls, the things it was done to, and the distinctive words of its evidence. Everything here is
computed once per event: a 10k-article merge compares hundreds of thousands of pairs.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.schema import (
    TYPE_FAMILY,
    ArticleSummary,
    Event,
    EventDate,
    EventType,
    Location,
    Precision,
    Quantity,
    QuantityKind,
    Role,
)
from ..text.acts import act_of
from ..text.gazetteer import gazetteer_key, gazetteer_place
from ..text.layout import find_dateline
from ..text.names import NameTable, fold
from .places import WORD as _WORD
from .places import place_facts, resolve_place

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
    "resolve_place",
    "head_name",
    "figures",
    "is_actor",
    "THINGS",
]

FAMILY = TYPE_FAMILY  # one happening seen from different angles (core.schema)
_MARKET_ACTS = frozenset({"rise", "fall"})  # text.acts: a price moving up or down
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
# A target that is a count of people is a victim ("24 people", "civilians"), not a thing an attack hit.
_VICTIMS = re.compile(
    r"^\d|\b(people|persons|civilians|children|women|men|residents|victims|passengers|pedestrians|"
    r"worshippers|students|workers|soldiers|dead|wounded|injured|killed|casualties|survivors)\b",
    re.I,
)
# Agents that are not someone who acted: the weapon, the blast, the quake, the video or filing a fact comes
# from. "Who" is a question about people and organisations only.
_NOT_ACTOR = re.compile(
    r"\b(bombs?|bombing|explosives?|explosions?|blasts?|devices?|ied|shells?|shelling|rockets?|missiles?|"
    r"mortars?|grenades?|mines?|drones?|vehicles?|car|truck|weapons?|guns?|gunfire|fire|blaze|quake|earthquake|"
    r"tremors?|aftershocks?|storms?|floods?|flooding|landslides?|videos?|footage|images?|photos?|reports?|"
    r"statements?|filings?|documents?|data|figures|survey|poll|shares|stocks?|prices?|markets?|buses|bus|"
    r"trains?|planes?|aircraft|helicopters?|ships?|boats?|tanks?|"
    # the undertaking itself, standing for whoever ran it: "the operation cleared the town", "the offensive"
    r"operations?|offensives?|campaigns?|attacks?|raids?|assaults?|strikes?|incursions?)$",
    re.I,
)


@functools.lru_cache(maxsize=65536)
def is_actor(name: str) -> bool:
    """True when an agent can be someone who acted: not a count of people (a victim), not a thing.

    A name is read by its heads: each part of "bomb and crowded commuter bus", and the words before "of"
    ("Shares of Goldman Sachs"); it is no actor when every head is a thing."""
    if _VICTIMS.search(name):
        return False
    parts = [p.split(" of ")[0].strip(" .,") for p in re.split(r",| and | & ", name) if p.strip()]
    return not parts or not all(_NOT_ACTOR.search(p) for p in parts)


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
    place_words: frozenset[str]  # the proper-name words of its places, folded ("~vendome", "~paris")
    vague_places: bool  # a place of its own the tables and gazetteer do not know (located, if at all, by its words)
    located: frozenset[str]  # the written places the tables or the gazetteer know
    countries: frozenset[str]  # the countries its places lie in (a coarser, last-resort level)
    agents: frozenset[str]
    wide_agents: frozenset[str]
    parties: frozenset[str]  # everyone it involves whatever their role (victims left out), and their head names
    heads: frozenset[str]  # the head names of its agents ("~trump" for "President Donald Trump")
    figures: frozenset[str]  # the telling numbers it states (a sum of money, a toll): "money:5e+09:usd"
    act: str | None  # what was done, when its description names an act we know ("arrest", "charge", "fall")
    targets: frozenset[str]  # things it was done to, victims (counts of people) left out
    wide_written: frozenset[str]  # the written places (less destinations), widened, and their countries
    destinations: frozenset[str]  # for a movement: where the forces went, not where it happened
    national: bool  # every place it names is a whole country ("in Oman and the United Arab Emirates")
    tolls: dict[QuantityKind, tuple[float, float]]  # casualty kind -> (low, high) the article allows
    magnitudes: frozenset[float]  # a quake's magnitudes the event states
    stems: frozenset[str]  # distinctive words of description and evidence (4-letter prefixes)
    speech: bool  # the event is an attribution ("told AFP"), not a happening of its own
    wording: str  # its description and evidence sentences, one a line: the text searched for words

    @functools.cached_property
    def thing_hit(self) -> str | None:
        """The first thing an attack hits that its description, else its evidence names ("bus", "market"), for
        a title; a dateline is the desk's place, never what was hit ("OFER PRISON, West Bank (Reuters) - ...
        punching an Israeli soldier" is no prison attack). Read on first use only (few story events need it),
        then kept."""
        texts = [self.event.description]
        for evidence in self.event.evidence:
            dateline = find_dateline(evidence.text)
            texts.append(evidence.text[dateline.end :] if dateline and dateline.place else evidence.text)
        return next((m.group(1).lower() for text in texts if (m := THINGS.search(text))), None)


# Things an attack hits that read well before its noun ("bus bombing", "market bombing").
THINGS = re.compile(
    r"\b(bus|train|car|market|hospital|school|camp|mosque|church|synagogue|temple|checkpoint|convoy|station|"
    r"airport|hotel|restaurant|cafe|wedding|funeral|bridge|port|embassy|prison|village|building)\b",
    re.I,
)


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


@functools.lru_cache(maxsize=65536)
def _stems(wording: str, place_words: frozenset[str]) -> frozenset[str]:
    """Cached: outlets that copy one wire story repeat its sentences word for word."""
    # Distinct words first: a description and its evidence repeat most of their words. One search over the
    # texts joined by a newline (no word spans it) instead of one per text.
    words = {w.strip("'-") for w in set(_WORD.findall(wording.casefold()))}
    return frozenset(w[:4] for w in words - _STOP - place_words if len(w) >= 3)


# Words that a name of a person or company carries around its head name ("President Donald Trump",
# "Goldman Sachs Group Inc."): the head is what two outlets' spellings of one name share.
_NAME_AFFIXES = frozenset(
    """
    inc inc. corp corp. corporation co co. ltd ltd. plc llc sa ag nv se group holdings company companies
    jr jr. sr sr.
    """.split()
)


_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


@functools.lru_cache(maxsize=65536)
def _named(description: str) -> frozenset[str]:
    """The runs of capitalised words of a description (cached: a feed repeats its wordings)."""
    return frozenset(_NAME_RUN.findall(description))


@functools.lru_cache(maxsize=65536)
def _heads(names: frozenset[str]) -> frozenset[str]:
    """The head names of some names (cached: the same casts recur)."""
    return frozenset(h for c in names if (h := head_name(c)) is not None)


@functools.lru_cache(maxsize=65536)
def head_name(name: str) -> str | None:
    """The head of a proper name written in capitals ("President Donald Trump" -> "~trump"), else None.

    Two outlets name one person or company at different lengths ("Trump", "President Donald Trump",
    "Goldman Sachs Group Inc."); their last proper word, less company suffixes, is shared. A name with a
    word in lower case ("government forces", "Shares of Goldman") is a description, not a name."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    while words and words[-1].casefold().strip(",") in _NAME_AFFIXES:
        words.pop()
    if not words or not all(w[:1].isupper() for w in words):
        return None
    key = gazetteer_key(words[-1])
    return f"~{key}" if len(key) > 2 else None


_NO_MAGNITUDES: frozenset[float] = frozenset()  # shared by the events that state none (most)


def figures(quantities: list[Quantity]) -> frozenset[str]:
    """The numbers that single a happening out: exact sums of money (a charge, a price) and tolls above
    one, by kind and value, and a quake's magnitude with its decimal. Two reports stating one such figure
    report one happening, whatever type or wording each gives it; percentages and small counts are too common
    to tell anything."""
    out = set()
    for q in quantities:
        if q.qualifier.value in ("vague", "at_most"):
            continue
        if q.kind is QuantityKind.money and q.value >= 1000:
            out.add(f"{q.kind.value}:{q.value:.3g}:{q.unit.casefold()}")
        elif q.kind in TOLL_KINDS and q.value >= 2:
            out.add(f"{q.kind.value}:{q.value:g}")
        elif q.kind is QuantityKind.other and q.unit == "magnitude" and q.value % 1:
            out.add(f"magnitude:{q.value:g}")  # "a magnitude 4.6 earthquake": one quake, however its place is told
    return frozenset(out)


@functools.lru_cache(maxsize=65536)
def _is_speech(description: str) -> bool:
    """The event is someone speaking ("told AFP"); cached, outlets repeat wordings."""
    return bool(_SPEECH.search(description))


@functools.lru_cache(maxsize=65536)
def _actor_facts(actors: tuple[tuple[str, Role], ...]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(agents, everyone involved but victims, the things it was done to): the same casts recur."""
    agents = frozenset(c for c, role in actors if role is Role.agent)
    things = {c: _thing(c) for c, role in actors if role is not Role.agent}
    involved = agents | frozenset(c for c, thing in things.items() if thing is not None)
    targets = frozenset(thing for c, role in actors if role is Role.target and (thing := things.get(c)) is not None)
    return agents, involved, targets


def make_item(
    index: int,
    summary: ArticleSummary,
    event: Event,
    names: NameTable,
    focus: str | None,
    widen: Callable[[frozenset[str]], frozenset[str]] | None = None,
    memo: dict[tuple, dict[str, Any]] | None = None,
) -> Item:
    """Derive what the merge compares about ``event`` of ``summary`` (``widen``: a memoised
    ``names.widen``, since a large merge widens the same few sets again and again; ``memo``: what was
    derived for the events seen so far in this merge, by what they state)."""
    # (name, canonical, country, region) of each; region: the region an article put a place the tables do not
    # know in, else None
    locations = tuple(_place_of(loc, names) for loc in event.locations)
    actors = tuple(map(_ACTOR, event.actors))  # (canonical, role) of each
    texts = (event.description, *map(_TEXT, event.evidence))
    family = FAMILY.get(event.type, event.type.value)
    if event.type is EventType.economic and act_of(event.description) in _MARKET_ACTS:
        # A price move ("Qualcomm shares fell 4.3 percent") is a happening of its own kind: the company is
        # its target, and without a family of its own it joined the company's deal as an agentless report.
        family = "market"
    # Outlets that copy one wire story state the same event word for word, in many articles: everything
    # below depends only on what the event states (and, for a movement, on the article's place), so an
    # event stated before costs a lookup.
    key = (event.type, locations, actors, texts, tuple(event.quantities), focus if family == "move" else None)
    derived = memo.get(key) if memo is not None else None
    if derived is None:
        derived = _derive(event, family, locations, actors, texts, names, focus, widen or names.widen)
        if memo is not None:
            memo[key] = derived
    # Set up as Item's __init__ would set it up, without a frozen setattr per field (27 fields, 100k items).
    item = _new_item(Item)
    _set(
        item,
        "__dict__",
        {
            "index": index,
            "article_id": summary.article.id,
            "source": summary.article.source,
            "published": summary.article.published,
            "event": event,
            "when": _UNDATED if event.date.implied else event.date,
            **derived,
        },
    )
    return item


_new_item = object.__new__
# What make_item keys an event by, read in C (100k events at 10k articles).
_LOCATION = operator.attrgetter("name", "canonical", "country", "admin1")


def _place_of(location: Location, names: NameTable) -> tuple[str, str, str | None, str | None]:
    """(name, canonical, country, region) of a location. A place the story pack and the gazetteer do not know
    by its canonical name, which its article put in a region ("Yida camp in oil-rich Unity State", "Bener
    Meriah regency in Aceh": text.places, text.names), keeps that region, so that it meets the reports of
    the region as a city meets those of its region."""
    name, canonical, country, admin1 = _LOCATION(location)
    if admin1 is None or country is None or canonical in (country, admin1) or names.countries.get(canonical):
        return name, canonical, country, None
    known = gazetteer_place(canonical)
    if known is not None and known.canonical == canonical:
        return name, canonical, country, None
    return name, canonical, country, admin1


_ACTOR = operator.attrgetter("canonical", "role")
_TEXT = operator.attrgetter("text")
_set = object.__setattr__


def _derive(
    event: Event,
    family: str,
    locations: tuple[tuple[str, str, str | None], ...],
    actors: tuple[tuple[str, Role], ...],
    texts: tuple[str, ...],
    names: NameTable,
    focus: str | None,
    widen: Callable[[frozenset[str]], frozenset[str]],
) -> dict[str, Any]:
    """The fields of an Item that follow from what ``event`` states (all but where and when it was read)."""
    facts = place_facts(locations)
    written = facts.written
    places = written
    going = destinations(event, names) if family == "move" else frozenset()
    if family == "move":
        # A movement is compared by where it left from. With no such place in its sentence ("troops were
        # moved westward to reinforce Damascus") it is taken to leave from the place the article is about;
        # this only steers the comparison: the event's own places are reported as written.
        places = (places - going) or (frozenset({focus}) if focus and going and focus not in going else frozenset())
    agents, involved, targets = _actor_facts(actors)
    # The proper names its description gives are parties too ("indicted Ahed Tamimi"), places aside.
    parties = involved | _heads(involved | (_named(event.description) - written))
    tolls: dict[QuantityKind, tuple[float, float]] = {}
    magnitudes = _NO_MAGNITUDES
    for q in event.quantities:
        if q.kind in TOLL_KINDS and q.kind not in tolls:
            tolls[q.kind] = interval(q)
        elif q.unit == "magnitude":
            magnitudes = magnitudes | {q.value}
    if places == written:
        compared, words, vague = facts.within, facts.words, facts.vague
    else:  # a movement: where it left from, or the article's place
        resolved = facts.resolved
        compared = frozenset(p for c in places for p in resolved.get(c, (frozenset({c}),))[0])
        words = frozenset(w for c in places if c in resolved for w in resolved[c][2])
        vague = bool(places & facts.unlocated)
    wide_within = widen(facts.within)
    wording = "\n".join(texts)
    return dict(
        family=family,
        written=written,
        places=places,
        wide_places=wide_within if compared is facts.within else widen(compared),
        place_words=words,
        vague_places=vague,
        located=facts.located,
        countries=facts.countries,
        agents=agents,
        wide_agents=widen(agents),
        parties=parties,
        heads=_heads(agents),
        figures=figures(event.quantities) if event.quantities else frozenset(),
        act=act_of(event.description),
        targets=targets,
        # The written places are among those they lie in by name (within), so one widening covers both.
        wide_written=(wide_within if not going else widen(facts.within - going)) | facts.countries,
        destinations=going,
        national=bool(locations) and all(canonical == country for _, canonical, country, _ in locations),
        tolls=tolls,
        magnitudes=magnitudes,
        stems=_stems(wording, facts.name_words),
        speech=_is_speech(event.description),
        wording=wording,
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
    if Precision.month in (a.precision, b.precision):  # the coarser precision decides: a month holds a week
        return 0 if (a.value.year, a.value.month) == (b.value.year, b.value.month) else FAR
    return max(0, abs((a.value - b.value).days) - 6)
