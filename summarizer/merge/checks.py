"""Per-field checks of one story event: where its sources agree, and the disagreements that are real.

Only like is compared with like. "Who" is the actors that acted (role agent), never the targets, the
instruments or the people a report is attributed to, and a name that contains the other ("local official"
/ "official") is the same actor. How-many compares killed with killed and a price per share with a price
per share, never a total with one of its parts; a range, "at least N" or "about N" is a span of values, and
two spans that meet are no conflict. Every check is linear in the number of sources: values are grouped
first and only the few distinct values are compared pairwise.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from babel.numbers import format_compact_decimal, format_decimal
from rapidfuzz import fuzz

from ..core.formats import format_date
from ..core.schema import (
    Actor,
    EventDate,
    EventType,
    FieldCheck,
    Precision,
    Quantity,
    QuantityBasis,
    QuantityKind,
    Role,
    SourceValue,
    Status,
    StoryEvent,
)
from ..text.manners import manners
from ..text.names import RULES, NameTable, fold, is_description, words_within
from ..text.states import state_of
from .items import Item, days_apart, interval, intervals_meet, is_actor
from .trusted import trusted

__all__ = ["field_checks", "date_text", "plan_against_done_across", "quantity_text", "same_actor"]

_MONEY_LIKE = frozenset({QuantityKind.money, QuantityKind.percent})
_MEASURES = frozenset({"magnitude"})
_BOUNDS = frozenset({"at_least", "at_most"})  # units of kind "other" that measure rather than count
# A price read at two hours of one day moves a little; a different offer moves more than this.
_TOLERANCE = {QuantityBasis.per_share: 0.05, QuantityBasis.total: 0.01, QuantityBasis.change: 0.01}


def date_text(date: EventDate) -> str:
    """A date at its precision: 2024, 2024-12 or 2024-12-05."""
    return _plain_date(date.value, date.precision)


@functools.lru_cache(maxsize=8192)
def _plain_date(value: dt.date | None, precision: Precision) -> str:
    """Cached: a merge writes the same few dates tens of thousands of times (the text is not used)."""
    return format_date(EventDate(value=value, precision=precision, text=None), "plain")


def _number(value: float) -> str:
    """A number as a reader writes it (babel, English): "1,400", "63.2", "38 billion", never "3.8e+10"."""
    if abs(value) >= 1e6:
        return format_compact_decimal(value, format_type="long", locale="en", fraction_digits=2)
    return format_decimal(value, locale="en")


def quantity_text(q: Quantity) -> str:
    """A number as a reader says it: "at least 10", "30-40", "about 100", "38 billion USD"."""
    number = _number(q.value)
    match q.qualifier.value:
        case "at_least":
            number = f"at least {number}"
        case "at_most":
            number = f"up to {number}"
        case "about":
            number = f"about {number}"
        case "range":
            number = f"{number}-{_number(q.upper)}" if q.upper is not None else number
        case "vague":
            number = q.text
    unit = f" {q.unit}" if q.kind in _MONEY_LIKE and q.unit else ""
    basis = f" ({q.basis.value.replace('_', ' ')})" if q.basis and q.basis is not QuantityBasis.total else ""
    return f"{number}{unit}{basis}"


def _values(per_article: dict[str, str]) -> list[SourceValue]:
    if len(per_article) == 1:  # a single source (half the checks): one value, one article
        ((article, value),) = per_article.items()
        return [trusted(SourceValue, value=value, articles=[article])]
    grouped: dict[str, list[str]] = defaultdict(list)
    for article, value in per_article.items():
        grouped[value].append(article)
    # Built from values this module has already validated: do not re-validate (a 10k-article merge builds
    # over a hundred thousand of these).
    return [trusted(SourceValue, value=v, articles=sorted(a)) for v, a in sorted(grouped.items())]


def _check(field: str, per_article: dict[str, str], conflict: bool) -> FieldCheck:
    values = _values(per_article)
    if len(per_article) < 2:
        verdict = "single_source"
    elif conflict:
        verdict = "conflict"
    else:
        verdict = "agree"
    return trusted(FieldCheck, field=field, verdict=verdict, values=values)


def _any_apart(sets: Iterable[frozenset], related: Callable[[frozenset, frozenset], bool]) -> bool:
    """True when two of the distinct values are unrelated (distinct values are few, so pairs stay cheap)."""
    distinct = list(dict.fromkeys(sets))
    return any(not related(a, b) for a, b in itertools.combinations(distinct, 2))


def same_actor(a: str, b: str, names: NameTable) -> bool:
    """One actor under two names: equal, one the wider side of the other, one country's state ("Sudan" /
    "Sudanese government", text.states), an officer and their organisation ("Tan" / "Broadcom", named so in
    the story's texts), or one name inside the other ("local official" / "official")."""
    if a == b or (names.lineage(a) & names.lineage(b)) or (state_of(a) & state_of(b)) or names.affiliated(a, b):
        return True
    return fuzz.token_set_ratio(fold(a), fold(b)) >= 85


def _per_article(group: list[Item], get: Callable[[Item], frozenset]) -> dict[str, frozenset]:
    out: dict[str, frozenset] = {}
    for item in group:
        value = get(item)
        if value:
            known = out.get(item.article_id)
            out[item.article_id] = value if known is None else known | value
    return out


@functools.lru_cache(maxsize=65536)
def _acting(agents: frozenset[str]) -> frozenset[str]:
    """The agents that can be someone who acted (items.is_actor) and are named: a lower-case description
    ("armed man", "masked bandit", "the firm") cannot contradict another outlet's. Cached, casts recur."""
    return frozenset(a for a in agents if is_actor(a) and not is_description(a))


def _who(group: list[Item], names: NameTable) -> FieldCheck | None:
    # Nature is the agent of an earthquake, and the "agent" of "told AFP" is whom a report is attributed
    # to: neither is a claim about who did it.
    if all(i.family == "disaster" or i.speech for i in group):
        return None
    # Only someone who acted: an agent that is the bomb, the blast, a count of people or the video a fact
    # comes from says nothing about who did it.
    agents = _per_article(group, lambda i: _acting(i.agents))
    if not agents:
        return None
    # In a clash the side one source names as acting may be the side another names as hit: both fought.
    parties = _per_article(
        group,
        lambda i: (
            _acting(i.agents)
            | (
                frozenset(a.canonical for a in i.event.actors if a.role is Role.target)
                if i.event.type is EventType.fighting
                else frozenset()
            )
        ),
    )

    def related(a: str, b: str) -> bool:
        return any(same_actor(x, y, names) for x in agents[a] for y in parties[b]) or any(
            same_actor(x, y, names) for x in agents[b] for y in parties[a]
        )

    # Compare one article per distinct set of agents: distinct sets are few.
    distinct = list({(agents[k], parties[k]): k for k in agents}.values())
    conflict = any(not related(a, b) for a, b in itertools.combinations(distinct, 2))
    return _check("who", {k: ", ".join(sorted(v)) for k, v in agents.items()}, conflict)


def _where(group: list[Item], names: NameTable) -> list[FieldCheck]:
    checks = []
    written = origin = _per_article(group, lambda i: i.written - i.destinations)
    if origin and not all(i.family == "disaster" for i in group):  # a disaster strikes many places at once
        # A place inside the other's ("Tal Rifaat" in "Aleppo", or a town in the country the other names)
        # is more detail, not a contradiction; and a place nothing locates ("the Casty store", "southern
        # Iran") cannot be shown to be elsewhere: only two located places that do not nest disagree.
        inside = _per_article(group, lambda i: i.wide_written)
        if any(i.vague_places for i in group):
            origin = _per_article(group, lambda i: i.located - i.destinations)
        distinct = {(origin[k], inside[k]) for k in origin}
        conflict = any(
            not (_nests(a, wide_b) or _nests(b, wide_a))
            for (a, wide_a), (b, wide_b) in itertools.combinations(distinct, 2)
        )
        checks.append(_check("where", {k: ", ".join(sorted(v)) for k, v in written.items()}, conflict))
    going = _per_article(group, lambda i: i.destinations if i.family == "move" else frozenset())
    if going:
        # Where the forces went: sources that send them to places neither of which contains the other.
        checks.append(
            _check(
                "where",
                {k: ", ".join(f"to {d}" for d in sorted(v)) for k, v in going.items()},
                _any_apart(going.values(), lambda a, b: bool(a & names.widen(b) or b & names.widen(a))),
            )
        )
    return checks


def _nests(places: frozenset[str], wide: frozenset[str]) -> bool:
    """Every place of ``places`` lies in ``wide`` (the other source's places and what they lie in), or is
    one of them named more or less fully: "Carlton Hotel" is the "Carlton Intercontinental Hotel" (every
    word of the one stands in the other), "Rue de Castiglione" is not "Rue de Rivoli", "District 9" is not
    "District 6"."""
    return all(place in wide or any(words_within(place, other) for other in wide) for place in places)


def _when(group: list[Item]) -> FieldCheck | None:
    # A date taken from the article's own date (implied) is where a timeline can place the event, not a
    # statement of when it happened: it cannot contradict a stated one.
    stated = [i for i in group if i.event.date.value is not None and not i.event.date.implied]
    if not stated:
        return None
    when = {i.article_id: date_text(i.event.date) for i in stated}
    dates = list({(i.event.date.value, i.event.date.precision): i.event.date for i in stated}.values())
    conflict = any((days_apart(a, b) or 0) > 0 for a, b in itertools.combinations(dates, 2))
    if conflict and len({i.article_id for i in stated}) < 2:
        conflict = False  # one article's restatements: not a disagreement between sources
    if conflict:
        # A date that holds every other ("2017" beside 28 and 29 December) takes no side: only the sources
        # whose dates exclude another's are in the dispute.
        apart = {i.article_id for i in stated if any((days_apart(i.event.date, d) or 0) > 0 for d in dates)}
        when = {aid: text for aid, text in when.items() if aid in apart}
    return _check("when", when, conflict)


def _quantity_key(q: Quantity) -> tuple[QuantityKind, QuantityBasis | None, str] | None:
    """What a number can be compared with; None when it cannot be compared with anything (a part of a
    total, or a money figure whose basis is unknown)."""
    if q.kind in _MONEY_LIKE:
        if q.basis is None or q.basis is QuantityBasis.component:
            return None
        return q.kind, q.basis, q.unit.casefold()
    if q.basis is QuantityBasis.component:
        return None  # "170,000 in the province and tens of thousands more": a part of the toll
    # Any other count is compared only with one of the same unit: a magnitude with a magnitude, never
    # with a number of villages.
    return q.kind, None, q.unit.casefold() if q.kind is QuantityKind.other else ""


# The hour a market figure is quoted at: a share price or its move changes through the day, so "fell 1.5 percent
# to $65.09 at 9:34 a.m." and "fell 4.3 percent to $63.20 at mid-afternoon" are two readings, not a dispute.
_TIME_OF_DAY = re.compile(
    r"\b(?:at\s+\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|ET|EST|EDT)|at\s+mid-?(?:morning|day|afternoon)|"
    r"in\s+(?:early|late|midday|morning|afternoon|after-hours|extended|pre-?market)\s+trading|"
    r"at\s+the\s+(?:open|opening|close|closing bell)|before\s+the\s+opening\s+bell|after\s+hours|pre-?market|"
    r"in\s+(?:New York|London|Tokyo|Hong Kong|Frankfurt)\s+trading)",
    re.I,
)


def _market_reading(q: Quantity, item: Item) -> str | None:
    """For a share price or a price move, the time of day its sentence quotes it at ("" for none); None for
    any other figure."""
    if not (q.basis is QuantityBasis.per_share or (q.kind is QuantityKind.percent and q.basis is QuantityBasis.change)):
        return None
    return _hour_quoted(item.event.evidence[0].text)


@functools.lru_cache(maxsize=65536)
def _hour_quoted(sentence: str) -> str:
    """The time of day ``sentence`` quotes, folded, or "" (cached: an item's figures share one sentence, and
    wire copy repeats it across outlets)."""
    found = _TIME_OF_DAY.search(sentence)
    return found.group(0).casefold() if found else ""


def _how_many(group: list[Item]) -> list[FieldCheck]:
    spans: dict[tuple, dict[str, frozenset[tuple[float, float]]]] = defaultdict(dict)
    texts: dict[tuple, dict[str, str]] = defaultdict(dict)
    bounded: dict[tuple, set[str]] = defaultdict(set)  # articles that give a bound of this kind
    counted: dict[tuple, set[str]] = defaultdict(set)  # ... and those that give a count
    for item in group:
        for q in item.event.quantities:
            key = _quantity_key(q)
            if key is None:
                continue
            reading = _market_reading(q, item)
            if reading:  # compared only with readings at the same hour
                key = (*key, reading)
            # One article stating several numbers of one kind (an update, or a second toll it quotes): it
            # agrees with another source when one of its numbers does, and disagrees when none does.
            spans[key][item.article_id] = spans[key].get(item.article_id, frozenset()) | {interval(q)}
            if q.qualifier.value in _BOUNDS:
                bounded[key].add(item.article_id)
            else:
                counted[key].add(item.article_id)
            said = texts[key].get(item.article_id)
            texts[key][item.article_id] = f"{said} / {quantity_text(q)}" if said else quantity_text(q)
    # An outlet that gives a count ("50 were injured", "about 50") and also a bound ("at least 50") means the
    # count: its open bound does not make it agree with another outlet's 80 (LABELLING.md §15.9).
    for key, articles in counted.items():
        for article in articles & bounded[key]:
            spans[key][article] = (
                frozenset(span for span in spans[key][article] if span[1] != float("inf") and span[0] != 0.0)
                or spans[key][article]
            )
    checks = []
    for key in sorted(spans, key=lambda k: (k[0].value, k[1].value if k[1] else "", k[2])):
        kind, basis = key[0], key[1]
        tolerance = _TOLERANCE.get(basis, 0.0) if basis else 0.0
        distinct = list(dict.fromkeys(spans[key].values()))
        if kind is QuantityKind.other and key[2] in _MEASURES:
            # A measure (a magnitude) is not updated the way a toll rises: any two sources' values that cannot
            # both be right disagree, even when one source also quotes the other's figure ("5.9 per Tehran,
            # 6.1 per the USGS" against "6.1"). A count of things (villages, houses, aftershocks) is a toll.
            conflict = any(
                not intervals_meet(x, y, tolerance)
                for a, b in itertools.combinations(distinct, 2)
                for x in a
                for y in b
            )
        else:
            conflict = any(
                not any(intervals_meet(x, y, tolerance) for x in a for y in b)
                and not (kind is QuantityKind.money and RULES["money_of_another_scale"] and _other_scale(a, b))
                for a, b in itertools.combinations(distinct, 2)
            )
        label = key[2] if kind is QuantityKind.other and key[2] else kind.value  # "magnitude: 5.9"
        values = {aid: f"{label}: {text}" for aid, text in texts[key].items()}
        checks.append(_check("how_many", values, conflict))
    return checks


_DONE = frozenset({Status.asserted, Status.claimed})
# A plan in so many words ("is planning to relocate its forces"), not any future ("will take a big hit",
# a disclosure's effect, says nothing about whether something was done).
_A_PLAN = re.compile(
    r"\b(?:plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|prepar(?:es|ed|ing)|(?:is|are|was|were)\s+set|aim(?:s|ed|ing)?|"
    r"consider(?:s|ed|ing)?|mull(?:s|ed|ing)?)\s+(?:to|on)\b",
    re.I,
)


def _only_planned_against_done(group: list[Item]) -> bool:
    """One source reports the happening as done and another, no earlier, as only planned in so many words
    ("the regime is relocating forces" against "the regime is planning to relocate its forces"), both naming
    the deed with one word: a disagreement over whether it happened. A plan reported before the deed (a
    Friday article's "talks will resume", Tuesday's "talks resumed") is the story moving on, not a dispute;
    a plan and a deed of other kinds that the clustering put together ("plans to nominate a slate of
    directors" / "argued that the phones infringe six patents") are none either. Undated reports count as the
    same day."""
    planned = [i for i in group if i.event.status is Status.planned and _A_PLAN.search(i.event.description)]
    done = [i for i in group if i.event.status in _DONE]
    return any(
        p.article_id != d.article_id
        and (p.published is None or d.published is None or p.published >= d.published)
        and bool((_deed_words(p.event.description) & _deed_words(d.event.description)) - _party_words(p, d))
        for p in planned
        for d in done
    )


_MOVES = frozenset({EventType.withdrawal, EventType.deployment})


def plan_against_done_across(
    stories: list[StoryEvent], published_of: dict[str, dt.date | None]
) -> list[tuple[list[str], FieldCheck]]:
    """A movement of forces one source reports as done and another, no earlier, as only planned, when the
    merge put the two reports in different story events: "The regime is relocating forces from Deir el-Zour"
    (a withdrawal from there) against "the regime is planning to relocate its forces from Deir ez-Zor to
    Damascus" (a deployment to Damascus). The two ends of one movement are typed apart, so the story event's
    own check (``_only_planned_against_done``) never sees both. Same agent, a place both name, a deed word
    both use (rule ``plan_across_stories``). Returns, per dispute, the two story event ids (done first) and an
    ``outcome`` check whose values are each article's status ("asserted", "planned")."""
    if not RULES["plan_across_stories"]:
        return []
    moves = [s for s in stories if s.type in _MOVES and not s.historical]
    # Each plan is compared only with the movements that share one of its agents and places (a feed holds
    # thousands of movements and a few plans).
    by_side_and_place: dict[tuple[str, str], list[StoryEvent]] = defaultdict(list)
    for story in moves:
        keys = {
            (a.canonical, loc.canonical)
            for d in story.sources
            for a in d.actors
            if a.role is Role.agent
            for loc in d.locations
        }
        for key in keys:
            by_side_and_place[key].append(story)
    found: dict[tuple[str, str], dict[str, str]] = {}
    for story in moves:
        for p in story.sources:
            if p.status is not Status.planned or not _A_PLAN.search(p.description):
                continue
            agents = {a.canonical for a in p.actors if a.role is Role.agent}
            places = {loc.canonical for loc in p.locations}
            deed = _deed_words(p.description) - _actors_words(p.actors)
            if not (agents and places and deed):
                continue
            near = {o.id: o for a in agents for loc in places for o in by_side_and_place.get((a, loc), [])}
            for other in near.values():
                if other.id == story.id:
                    continue
                done = {
                    d.article_id: d.status.value
                    for d in other.sources
                    if d.status in _DONE
                    and d.article_id != p.article_id
                    and (published_of.get(p.article_id) or dt.date.max)
                    >= (published_of.get(d.article_id) or dt.date.min)
                    and agents & {a.canonical for a in d.actors if a.role is Role.agent}
                    and places & {loc.canonical for loc in d.locations}
                    and deed & (_deed_words(d.description) - _actors_words(d.actors))
                }
                if done:
                    found.setdefault((other.id, story.id), {}).update({**done, p.article_id: p.status.value})
    return [([done_id, plan_id], _check("outcome", said, True)) for (done_id, plan_id), said in found.items()]


def _word_prefixes(text: str) -> frozenset[str]:
    """The words of five letters or more in ``text``, by their first five (so "relocate" meets "relocating")."""
    return frozenset(w[:5] for w in re.findall(r"[a-z]{5,}", text.casefold()))


def _party_words(*items: Item) -> frozenset[str]:
    """The words of the parties' names: "the regime" names no deed."""
    return _actors_words(a for i in items for a in i.event.actors)


def _actors_words(actors: Iterable[Actor]) -> frozenset[str]:
    """The words of some actors' names, as written and canonical (``_word_prefixes``)."""
    return _word_prefixes(" ".join(f"{a.name} {a.canonical}" for a in actors))


def _deed_words(description: str) -> frozenset[str]:
    """The content words of a description, less planning's."""
    return _word_prefixes(_A_PLAN.sub(" ", description))


_SCALE_APART = 2.0  # outlets that disagree on one sum of money differ by less than this factor


def _other_scale(a: frozenset[tuple[float, float]], b: frozenset[tuple[float, float]]) -> bool:
    """Two sources' sums of money that are all at least twice or half each other's ("$38 billion", the rival
    deal a sentence mentions, against "more than $121 billion", the bid): sums of different things, not two
    readings of one; outlets that disagree on one price or charge stay within a factor of two."""

    def apart(x: tuple[float, float], y: tuple[float, float]) -> bool:
        (_, lower_high), (higher_low, _) = sorted((x, y))
        return lower_high > 0 and higher_low / lower_high >= _SCALE_APART

    return all(apart(x, y) for x in a for y in b)


_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?)\b", re.I
)


def _denied_against_done(group: list[Item]) -> bool:
    """One source reports the deed as done and another that it was denied, both naming the same deed with a
    word that is not a party's name: "Sudan has denied striking South Sudanese territory" is no dispute with
    "Sudan has accused South Sudan of arming pro-South Sudan groups", which the clustering put together
    (rule ``denied_needs_the_deed``; without it any asserted and denied pair disputes)."""
    denied = [i for i in group if i.event.status is Status.denied]
    done = [i for i in group if i.event.status is Status.asserted]
    if not RULES["denied_needs_the_deed"]:
        return bool(denied and done)
    return any(
        n.article_id != d.article_id
        and bool(
            (_deed_words(_DENIAL.sub(" ", n.event.description)) & _deed_words(d.event.description)) - _party_words(n, d)
        )
        for n in denied
        for d in done
    )


def _outcome(group: list[Item]) -> FieldCheck:
    statuses = {i.article_id: i.event.status for i in group}
    disputed = _denied_against_done(group) or (RULES["planned_against_done"] and _only_planned_against_done(group))
    return _check("outcome", {k: v.value for k, v in statuses.items()}, disputed)


# A part of a place: "took control of most of Aleppo's city center", "withdrew from parts of the province".
_PART_OF = re.compile(
    r"\b(?:most|much|parts?|some|half|a\s+(?:third|quarter)|areas|districts|neighbou?rhoods|outskirts|sections?|"
    r"portions?|several\s+(?:areas|districts|neighbou?rhoods|positions|villages))\s+of\b",
    re.I,
)
_CONTROL = frozenset({EventType.takeover, EventType.withdrawal})


def _extent(group: list[Item]) -> FieldCheck | None:
    """How much of a place changed hands: one source says a part ("took control of most of Aleppo's city
    center"), another the whole ("lost control of Aleppo"), of one place, for a takeover or a withdrawal; None
    when no two sources differ so (rule ``extent_dispute``). The values read "part: ..." and "whole: ..."."""
    if not RULES["extent_dispute"] or any(i.event.type not in _CONTROL for i in group):
        return None
    reads: dict[str, tuple[str, str, frozenset[str]]] = {}
    for item in group:
        places = frozenset(loc.canonical for loc in item.event.locations)
        if places and item.event.status in _DONE:
            kind = "part" if _PART_OF.search(item.event.description) else "whole"
            reads.setdefault(item.article_id, (kind, item.event.description, places))
    disputing = {
        side
        for (x, a), (y, b) in itertools.combinations(reads.items(), 2)
        if a[0] != b[0] and a[2] & b[2]
        for side in (x, y)
    }
    if not disputing:
        return None
    return _check(
        "outcome", {aid: f"{kind}: {what}" for aid, (kind, what, _) in reads.items() if aid in disputing}, True
    )


def _label(group: list[Item], names: NameTable) -> FieldCheck | None:
    if not names.labels:
        return None  # a table without loaded labels finds none, loaded or neutral
    labels: dict[str, str] = {}
    for item in group:
        loaded = [a.name for a in item.event.actors if names.is_loaded_label(a.name)]
        neutral = [
            a.name
            for a in item.event.actors
            if names.labels and a.canonical in names.labels.values() and not names.is_loaded_label(a.name)
        ]
        if loaded or neutral:
            labels[item.article_id] = "; ".join(sorted(set(loaded or neutral)))
    if not labels:
        return None
    framed = {aid for aid, v in labels.items() if names.is_loaded_label(v)}
    return _check("label", labels, 0 < len(framed) < len(labels))


def _manner(group: list[Item]) -> list[FieldCheck]:
    """How the happening was done, where two sources name ways of one family and share none ("punched" /
    "pushed, kicked, slapped"; a riot / a vigil: text.manners); values read "done: punched". Each source
    speaks through the descriptions of its reports; one that names no way of the family is silent (rule
    ``manner_dispute``)."""
    if not RULES["manner_dispute"] or len({item.article_id for item in group}) < 2:
        return []  # one source cannot disagree with another
    said: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)
    for item in group:
        if item.event.status not in _DONE:
            continue
        for family, ways in manners(item.event.description).items():
            known = said[family].get(item.article_id, frozenset())
            said[family][item.article_id] = known | ways
    checks = []
    for per_article in said.values():
        if len(per_article) > 1 and _any_apart(per_article.values(), lambda a, b: bool(a & b)):
            values = {aid: "done: " + ", ".join(sorted(ways)) for aid, ways in per_article.items()}
            checks.append(_check("label", values, True))
    return checks


def field_checks(group: list[Item], names: NameTable) -> list[FieldCheck]:
    """Agreement per field across the sources of one story event."""
    checks: list[FieldCheck | None] = [_who(group, names), *_where(group, names), _when(group)]
    checks += _how_many(group)
    checks += [_outcome(group), _extent(group), _label(group, names), *_manner(group)]
    return [c for c in checks if c is not None]
