"""Grouping article events into story events: which events report one happening.

Candidate pairs come from ``candidates`` (blocks and date windows) and are scored by ``vectors``. Pairs
are then merged best-first by average link; an article's restatements of one happening are joined
first, and two different events of one article never end up in one story event otherwise.

Everything up to the merge loop is numpy: the restatement groups are the connected components of the
restating pairs (scipy), and the summed scores between two groups are one ``np.bincount`` over the
pairs in their original order (so every sum is added in the same order as a pair-by-pair loop would, and
comes out bit for bit the same). Only the best-first loop itself is Python: each step depends on the
merges before it. The distinct pairs of groups are found by hand (``_distinct_pairs``) rather than with
``np.unique``: it is the same result, but np.unique sorts with quicksort, which cannot use that the keys
come nearly in order, and a stable sort (timsort) can.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..core.schema import EventType, QuantityKind
from ..text.acts import CASUALTY
from .candidates import candidate_pairs
from .items import COMPATIBLE, Item, intervals_meet
from .vectors import Features, score_pairs

__all__ = ["cluster_events", "score", "MERGE_THRESHOLD", "RESTATEMENT_THRESHOLD"]

MERGE_THRESHOLD = 0.55
RESTATEMENT_THRESHOLD = 0.8  # one article naming one happening twice must be very alike


def score(a: Item, b: Item) -> float:
    """How likely two article events are the same happening (0 when they cannot be); for one pair."""
    pair = [replace(a, index=0), replace(b, index=1)]
    return float(score_pairs(Features(pair), np.array([0]), np.array([1]))[0])


def _codes(values: list) -> np.ndarray:
    """One small integer per distinct value."""
    seen: dict = {}
    return np.array([seen.setdefault(v, len(seen)) for v in values], dtype=np.int64)


def _restatements(items: Sequence[Item], first: np.ndarray, second: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The head (lowest index) of each item's initial group: itself, or with the events of its own
    article that restate it."""
    n = len(items)
    article = _codes([i.article_id for i in items])
    kind = _codes([i.event.type for i in items])
    # An article names a happening twice in the same terms; a withdrawal and the deployment it feeds
    # are two of its events, however alike.
    same = (scores >= RESTATEMENT_THRESHOLD) & (article[first] == article[second]) & (kind[first] == kind[second])
    graph = sparse.coo_matrix((np.ones(int(same.sum())), (first[same], second[same])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    head = np.full(label.max(initial=-1) + 1, n, dtype=np.int64)
    np.minimum.at(head, label, np.arange(n))
    return head[label]


_TOLL_STATED = frozenset({QuantityKind.killed, QuantityKind.injured, QuantityKind.missing})
_HAPPENING_FAMILIES = COMPATIBLE["humanitarian"]  # what a toll is the toll of: a violent or natural happening


def _tolls_told_apart(items: Sequence[Item]) -> dict[int, list[int]]:
    """Toll statement -> the happenings it may be the toll of (item indexes, in article order).

    An article's casualty toll stated on its own ("50 were injured, the governor said", typed humanitarian)
    restates the toll of one of the article's violent or natural happenings (not historical, stating no
    toll of that kind or one within a factor of ten) and belongs in its story event (evals/LABELLING.md
    §15.9: competing figures for one toll go in the story of the event that carries them). Linear: one pass
    per article."""
    statements = [
        item
        for item in items
        if item.tolls
        and item.event.type is EventType.humanitarian
        and not item.event.historical
        and _TOLL_STATED.intersection(item.tolls)
        and CASUALTY.search(item.event.description)  # "handed out blankets" beside a toll
    ]
    if not statements:  # most feeds: one pass over the items and nothing more
        return {}
    wanted = {item.article_id for item in statements}
    happenings: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.article_id in wanted and item.family in _HAPPENING_FAMILIES and not item.event.historical:
            happenings[item.article_id].append(item)
    candidates: dict[int, list[int]] = {}
    for item in statements:
        told = _TOLL_STATED.intersection(item.tolls)
        mains = [
            m.index
            for m in happenings[item.article_id]
            if all(kind not in m.tolls or _near(item.tolls[kind], m.tolls[kind]) for kind in told)
        ]
        if mains:
            candidates[item.index] = mains
    return candidates


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two spans of one toll within a factor of ten: a toll restated or updated in one report (10 and 12), not
    another happening's figure that its sentence also gives (10 and "tens of thousands" at Bam in 2003)."""
    return intervals_meet(a, b, 0.0) or (min(a[1], b[1]) > 0 and max(a[0], b[0]) <= 10 * min(a[1], b[1]))


def _links(head: np.ndarray, first: np.ndarray, second: np.ndarray, scores: np.ndarray) -> dict[int, dict[int, float]]:
    """Sum of pair scores between every two initial groups that have a scored pair, both ways round."""
    gi, gj = head[first], head[second]
    cross = gi != gj
    gi, gj, s = gi[cross], gj[cross], scores[cross]
    lo, hi, where = _distinct_pairs(np.minimum(gi, gj), np.maximum(gi, gj), len(head))
    total = np.bincount(where, weights=s, minlength=len(lo))  # in pair order, as a loop would add them
    rows, cols, vals = np.concatenate((lo, hi)), np.concatenate((hi, lo)), np.concatenate((total, total))
    order = np.argsort(rows, kind="stable")
    rows, cols_list, vals_list = rows[order], cols[order].tolist(), vals[order].tolist()
    cuts = np.flatnonzero(np.diff(rows)) + 1
    links: dict[int, dict[int, float]] = defaultdict(dict)
    heads = rows.tolist()
    for begin, end in zip([0, *cuts.tolist()], [*cuts.tolist(), len(rows)], strict=True):
        if end > begin:
            links[heads[begin]] = dict(zip(cols_list[begin:end], vals_list[begin:end], strict=True))
    return links


def _distinct_pairs(lo: np.ndarray, hi: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (lo, hi) pairs in increasing order, and for each input pair the position of its own:
    ``np.unique(lo * n + hi, return_inverse=True)`` by a stable sort. The pairs come sorted by item and
    most items head their own group, so the keys are nearly in order already (99% of neighbours at 10k
    synthetic articles): a stable sort (timsort) runs through them in about linear time, where np.unique's
    quicksort does not (0.13 -> 0.03 s at 10k)."""
    key = lo * n + hi
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    new = np.ones(len(key), dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    where = np.empty(len(key), dtype=np.int64)
    where[order] = np.cumsum(new) - 1
    distinct = ordered[new]
    return distinct // max(1, n), distinct % max(1, n), where


def cluster_events(items: Sequence[Item]) -> list[list[Item]]:
    """Group items into story events, best pairs first.

    Two groups join only when their events are, on average over every cross pair, as alike as the threshold
    asks (so one bridging pair cannot chain two happenings together), and never so that one story event
    holds events of one article that do not restate each other.
    """
    assert all(item.index == n for n, item in enumerate(items)), "items are indexed by position"
    first, second = candidate_pairs(items)
    scores = score_pairs(Features(items), first, second) if len(first) else np.zeros(0)
    # A toll stated on its own joins its happening's story event after the groups are made (below): it takes
    # no part in them, so that it never weakens that happening's average link with other outlets' reports.
    tolls = _tolls_told_apart(items)
    told_apart = np.zeros(len(items), dtype=bool)
    told_apart[list(tolls)] = True
    kept = np.flatnonzero((scores > 0.0) & ~told_apart[first] & ~told_apart[second])  # missing pairs read 0
    first, second, scores = first[kept], second[kept], scores[kept]
    head = _restatements(items, first, second, scores)
    cluster_of: list[int] = head.tolist()
    # Per group, indexed by its head (a list is cheaper than a dict in a loop of a million steps): its
    # events, how many, its articles, and the summed scores to every group it has a scored pair with.
    members: dict[int, list[Item]] = {}
    count = [0] * len(items)
    articles: list[set[str]] = [set() for _ in items]
    for item, h in zip(items, cluster_of, strict=True):  # heads come in increasing order
        members.setdefault(h, []).append(item)
        count[h] += 1
        articles[h].add(item.article_id)
    # Average link in O(1) per candidate, kept up to date as groups join (a missing pair counts as 0).
    links: list[dict[int, float]] = [{} for _ in items]
    for h, row in _links(head, first, second, scores).items():
        links[h] = row
    # Best pair first; ties in index order (a stable sort of pairs already in index order).
    order = np.argsort(-scores, kind="stable")
    order = order[scores[order] >= MERGE_THRESHOLD]
    threshold = MERGE_THRESHOLD
    for i, j in zip(first[order].tolist(), second[order].tolist(), strict=True):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or not articles[ci].isdisjoint(articles[cj]):
            continue
        if links[ci].get(cj, 0.0) / (count[ci] * count[cj]) < threshold:
            continue
        joining = members.pop(cj)
        for item in joining:
            cluster_of[item.index] = ci
        members[ci].extend(joining)
        count[ci] += count[cj]
        articles[ci] |= articles[cj]
        to_ci = links[ci]
        for other, total in links[cj].items():
            neighbour = links[other]
            del neighbour[cj]
            if other != ci:
                neighbour[ci] = neighbour.get(ci, 0.0) + total
                to_ci[other] = neighbour[ci]
        links[cj] = {}
        to_ci.pop(cj, None)
    # Of its article's happenings, the one that most outlets report is the one the toll is told of.
    for toll, mains in tolls.items():
        cm = cluster_of[max(mains, key=lambda m: len(articles[cluster_of[m]]))]  # ties: the first
        ct = cluster_of[toll]
        if ct != cm:
            members[cm].extend(members.pop(ct))
            cluster_of[toll] = cm
    return list(members.values())
