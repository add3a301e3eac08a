"""Grouping article events into story events: which events report one happening.

Events are only compared within blocks (a shared place and a compatible type family, or for events with
no place a shared agent). Inside a block an event dated to the day meets only events within a few days of
it, and an undated one only events of its exact type or that share one of its agents, so the number of
scored pairs grows with the number of events, not with its square. Pairs are merged best-first by average
link; an article's restatements of one happening are joined first, and two different events of one
article never end up in one story event otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from ..schema import Precision
from .items import COMPATIBLE, Item, days_apart, intervals_meet

__all__ = ["cluster_events", "score", "MERGE_THRESHOLD", "RESTATEMENT_THRESHOLD"]

MERGE_THRESHOLD = 0.55
RESTATEMENT_THRESHOLD = 0.8  # one article naming one happening twice must be very alike
_MAX_DAYS_APART = 3
_BLOCK_LIMIT = 400  # a block this large (a country name shared by everything) is not a useful key
_SIBLINGS = -1.0  # not a likeness: two different groups of one side


def _agent_likeness(a: Item, b: Item) -> float:
    """1 for the same agents, less when one names the wider side of the other ("HTS" / "the opposition"),
    0.5 when either names none, 0 for unrelated agents, _SIBLINGS for two groups of one side ("HTS" /
    "SNA")."""
    if not a.agents or not b.agents:
        return 0.5
    if a.agents & b.agents:
        return len(a.agents & b.agents) / len(a.agents | b.agents)
    if (a.agents & b.wide_agents) or (b.agents & a.wide_agents):
        return 0.75
    return _SIBLINGS if a.wide_agents & b.wide_agents else 0.0


def _type_likeness(a: Item, b: Item) -> float:
    if a.event.type == b.event.type:
        return 1.0
    if a.family == b.family:
        return 0.5
    if b.family in COMPATIBLE.get(a.family, ()) or a.family in COMPATIBLE.get(b.family, ()):
        return 0.5
    return 0.0


def _place_likeness(a: Item, b: Item) -> float | None:
    """How well two events' places fit (None: they cannot be one happening)."""
    if a.places and b.places:
        # Overlap, not Jaccard: one outlet naming the destination as well must not split the happening.
        shared = len(a.places & b.places)
        if shared:
            return shared / min(len(a.places), len(b.places))
        # One names a place inside the other's ("Tal Rifaat" and "Aleppo"): likely, not certain.
        if (a.places & b.wide_places) or (b.places & a.wide_places):
            return 0.75
        # One names only the country the other's place lies in.
        if (a.places & b.countries) or (b.places & a.countries):
            return 0.5
        return None
    if a.places or b.places:
        return 0.3
    return 0.5 if a.wide_agents & b.wide_agents else None


def _word_likeness(a: Item, b: Item) -> float:
    """How alike the two events read: their descriptions, or the distinctive words of their evidence."""
    words = fuzz.token_set_ratio(a.event.description, b.event.description) / 100
    if a.stems and b.stems:
        words = max(words, len(a.stems & b.stems) / min(len(a.stems), len(b.stems)))
    return words


def _evidence_says_one(a: Item, b: Item) -> bool:
    """Two reports share enough distinctive words ("commuter bus") to be one happening despite a
    different toll or target."""
    shared = len(a.stems & b.stems)
    return shared >= 2 and shared / max(1, min(len(a.stems), len(b.stems))) >= 0.3


def _apart_in_what(a: Item, b: Item) -> bool:
    """Different things hit, or tolls that cannot both be right: on the same day and place these are more
    often two happenings than one reported differently."""
    if a.targets and b.targets and not (a.targets & b.targets):
        if max(fuzz.token_set_ratio(x, y) for x in a.targets for y in b.targets) < 80:
            return True
    return any(kind in b.tolls and not intervals_meet(span, b.tolls[kind]) for kind, span in a.tolls.items())


def score(a: Item, b: Item) -> float:
    """How likely two article events are the same happening (0 when they cannot be)."""
    if a.event.historical != b.event.historical or a.speech or b.speech:
        return 0.0
    same_type = _type_likeness(a, b)
    if same_type == 0.0:
        return 0.0
    apart = days_apart(a.event.date, b.event.date)
    if apart is not None and apart > _MAX_DAYS_APART:
        return 0.0
    place = _place_likeness(a, b)
    if place is None:
        return 0.0
    agents = _agent_likeness(a, b)
    if agents == _SIBLINGS:
        if apart != 0:
            # Two different groups of one side ("HTS" and "the SNA") with nothing dating them to the same
            # day (undated included): two operations, not one reported twice.
            return 0.0
        agents = 0.25
    if _apart_in_what(a, b) and not _evidence_says_one(a, b):
        return 0.0
    words = _word_likeness(a, b)
    dated = 1.0 if apart == 0 else 0.5
    return 0.40 * place + 0.15 * agents + 0.15 * words + 0.15 * same_type + 0.15 * dated


def _block_keys(item: Item) -> list[str]:
    families = [item.family, *COMPATIBLE.get(item.family, ())]
    if item.wide_places:
        return [f"{f}@{p}" for f in families for p in item.wide_places]
    # Placeless events meet the events of their agents (placed or not), but only through the agent.
    return [f"{f}#{a}" for f in families for a in item.wide_agents]


def _blocks(items: Sequence[Item]) -> Iterable[list[Item]]:
    by_key: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        for key in _block_keys(item):
            by_key[key].append(item)
    for block in by_key.values():
        if 1 < len(block) <= _BLOCK_LIMIT:
            yield block


def _ordered(a: Item, b: Item) -> tuple[Item, Item]:
    return (a, b) if a.index < b.index else (b, a)


def _candidate_pairs(block: list[Item]) -> Iterable[tuple[Item, Item]]:
    """The pairs of a block that can score above 0: events dated to the day only within _MAX_DAYS_APART
    of each other (a sliding window over the sorted dates); an event dated less precisely, or not at all,
    only with the events of its exact type or that share one of its agents."""
    by_day: list[Item] = []
    loose: list[Item] = []
    for item in block:
        dated = item.event.date.precision is Precision.day and item.event.date.value is not None
        (by_day if dated else loose).append(item)
    by_day.sort(key=lambda i: i.event.date.value)  # type: ignore[arg-type, return-value]
    for n, a in enumerate(by_day):
        for b in by_day[n + 1 :]:
            if (b.event.date.value - a.event.date.value).days > _MAX_DAYS_APART:  # type: ignore[operator]
                break
            yield _ordered(a, b)
    if not loose:
        return
    by_agent: dict[str, list[Item]] = defaultdict(list)
    by_type: dict[str, list[Item]] = defaultdict(list)
    for item in block:
        for agent in item.wide_agents:
            by_agent[agent].append(item)
        by_type[item.event.type.value].append(item)
    for a in loose:
        partners = {b.index: b for b in by_type[a.event.type.value]}
        if a.wide_agents:
            partners.update((b.index, b) for agent in a.wide_agents for b in by_agent[agent])
        for b in partners.values():
            if b.index != a.index:
                yield _ordered(a, b)


def _restatements(items: Sequence[Item], scores: dict[tuple[int, int], float]) -> list[list[Item]]:
    """Initial groups: each event alone, or with the events of its own article that restate it."""
    parent = {item.index: item.index for item in items}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_index = {item.index: item for item in items}
    for (i, j), s in scores.items():
        a, b = by_index[i], by_index[j]
        # An article names a happening twice in the same terms; a withdrawal and the deployment it feeds
        # are two of its events, however alike.
        if s >= RESTATEMENT_THRESHOLD and a.article_id == b.article_id and a.event.type == b.event.type:
            parent[root(j)] = root(i)
    groups: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        groups[root(item.index)].append(item)
    return list(groups.values())


def cluster_events(items: Sequence[Item]) -> list[list[Item]]:
    """Group items into story events, best pairs first.

    Two groups join only when their events are, on average over every cross pair, as alike as the threshold
    asks (so one bridging pair cannot chain two happenings together), and never so that one story event
    holds events of one article that do not restate each other.
    """
    pairs: dict[tuple[int, int], float] = {}
    seen: set[tuple[int, int]] = set()
    for block in _blocks(items):
        for a, b in _candidate_pairs(block):
            key = (a.index, b.index)
            if key not in seen:
                seen.add(key)
                s = score(a, b)
                if s > 0.0:  # the average-link check reads a missing pair as 0
                    pairs[key] = s
    start = _restatements(items, pairs)
    cluster_of: dict[int, int] = {}
    members: dict[int, list[Item]] = {}
    articles: dict[int, set[str]] = {}
    for group in start:
        head = group[0].index
        members[head] = group
        articles[head] = {i.article_id for i in group}
        for item in group:
            cluster_of[item.index] = head
    # Sum of pair scores between every two groups that have any scored pair: average link in O(1) per
    # candidate, kept up to date as groups join (a missing pair counts as 0).
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in pairs.items():
        ci, cj = cluster_of[i], cluster_of[j]
        if ci != cj:
            links[ci][cj] = links[ci].get(cj, 0.0) + s
            links[cj][ci] = links[cj].get(ci, 0.0) + s
    candidates = sorted(((s, k) for k, s in pairs.items() if s >= MERGE_THRESHOLD), key=lambda sk: (-sk[0], sk[1]))
    for _, (i, j) in candidates:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or articles[ci] & articles[cj]:
            continue
        if links[ci].get(cj, 0.0) / (len(members[ci]) * len(members[cj])) < MERGE_THRESHOLD:
            continue
        for item in members[cj]:
            cluster_of[item.index] = ci
        members[ci].extend(members.pop(cj))
        articles[ci] |= articles.pop(cj)
        for other, total in links.pop(cj).items():
            neighbour = links[other]
            del neighbour[cj]
            if other != ci:
                neighbour[ci] = neighbour.get(ci, 0.0) + total
                links[ci][other] = neighbour[ci]
        links[ci].pop(cj, None)
    return list(members.values())
