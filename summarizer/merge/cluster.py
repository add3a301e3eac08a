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
from dataclasses import replace

import numpy as np

from ..schema import Precision
from .items import COMPATIBLE, Item
from .vectors import MAX_DAYS_APART, Features, score_pairs

__all__ = ["cluster_events", "score", "MERGE_THRESHOLD", "RESTATEMENT_THRESHOLD"]

MERGE_THRESHOLD = 0.55
RESTATEMENT_THRESHOLD = 0.8  # one article naming one happening twice must be very alike
_BLOCK_LIMIT = 400  # a block this large (a country name shared by everything) is not a useful key


def score(a: Item, b: Item) -> float:
    """How likely two article events are the same happening (0 when they cannot be); for one pair."""
    pair = [replace(a, index=0), replace(b, index=1)]
    return float(score_pairs(Features(pair), np.array([0]), np.array([1]))[0])


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
    """The pairs of a block that can score above 0: events dated to the day only within MAX_DAYS_APART
    of each other (a sliding window over the sorted dates); an event dated less precisely, or not at all,
    only with the events of its exact type or that share one of its agents."""
    by_day: list[Item] = []
    loose: list[Item] = []
    for item in block:
        dated = item.when.precision is Precision.day and item.when.value is not None
        (by_day if dated else loose).append(item)
    by_day.sort(key=lambda i: i.when.value)  # type: ignore[arg-type, return-value]
    for n, a in enumerate(by_day):
        for b in by_day[n + 1 :]:
            if (b.when.value - a.when.value).days > MAX_DAYS_APART:  # type: ignore[operator]
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
    assert all(item.index == n for n, item in enumerate(items)), "items are indexed by position"
    firsts: list[int] = []
    seconds: list[int] = []
    for block in _blocks(items):
        for a, b in _candidate_pairs(block):
            firsts.append(a.index)
            seconds.append(b.index)
    keys = np.unique(np.array(firsts, dtype=np.int64) * len(items) + np.array(seconds, dtype=np.int64))
    first, second = keys // max(1, len(items)), keys % max(1, len(items))
    scores = score_pairs(Features(items), first, second) if len(keys) else np.zeros(0)
    kept = np.flatnonzero(scores > 0.0)  # the average-link check reads a missing pair as 0
    pairs = dict(zip(zip(first[kept].tolist(), second[kept].tolist(), strict=True), scores[kept].tolist(), strict=True))
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
    # Best pair first; ties in index order (a stable sort of pairs already in index order).
    order = kept[np.argsort(-scores[kept], kind="stable")]
    order = order[scores[order] >= MERGE_THRESHOLD]
    for i, j in zip(first[order].tolist(), second[order].tolist(), strict=True):
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
