"""Which pairs of article events are scored at all: blocks, and date windows inside them.

Events are only compared within blocks (a shared place and a compatible type family, or for events with
no place a shared agent); a block larger than ``BLOCK_LIMIT`` (a country named by everything) is no useful
key and is dropped. Inside a block an event dated to the day meets only events within ``MAX_DAYS_APART``
days of it, and an event dated less precisely, or not at all, only the events of its exact type or that
share one of its agents. So the number of pairs grows with the number of events, not with its square.

Vectorised with numpy because a 10k-article merge has about two million candidate pairs: making them one
by one in Python cost more than scoring them. Every step works on flat arrays of (block, event)
memberships sorted by a key; "each member with every member of its window" is one ``np.repeat`` over the
window lengths (``_spans``). Only the block keys themselves are built per event in Python.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core.schema import Precision
from .items import COMPATIBLE, Item
from .vectors import MAX_DAYS_APART

__all__ = ["candidate_pairs", "BLOCK_LIMIT"]

BLOCK_LIMIT = 400  # a block this large (a country name shared by everything) is not a useful key


def _block_keys(item: Item) -> list[str]:
    families = [item.family, *COMPATIBLE.get(item.family, ())]
    if item.wide_places:
        return [f"{f}@{p}" for f in families for p in item.wide_places]
    # Placeless events meet the events of their agents (placed or not), but only through the agent.
    return [f"{f}#{a}" for f in families for a in item.wide_agents]


def _spans(starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row r, every position in starts[r]..stops[r]-1: (the row, the position), flattened."""
    counts = np.maximum(stops - starts, 0)
    rows = np.repeat(np.arange(len(starts)), counts)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return rows, starts[rows] + offsets


def _with_group(group: np.ndarray, member: np.ndarray, loose: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each loose member paired with every other member of its group (``group``: one id per membership)."""
    order = np.argsort(group, kind="stable")
    group, member = group[order], member[order]
    rows = np.flatnonzero(loose[member])
    which, partner = _spans(np.searchsorted(group, group[rows], "left"), np.searchsorted(group, group[rows], "right"))
    a, b = member[rows][which], member[partner]
    return a[a != b], b[a != b]


def candidate_pairs(items: Sequence[Item]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct pairs (first[k] < second[k], item indexes, in increasing order) that can score above 0."""
    n = len(items)
    keys: dict[str, int] = {}
    member_list: list[int] = []
    block_list: list[int] = []
    for item in items:
        for key in _block_keys(item):
            member_list.append(item.index)
            block_list.append(keys.setdefault(key, len(keys)))
    member = np.array(member_list, dtype=np.int64)
    block = np.array(block_list, dtype=np.int64)
    size = np.bincount(block, minlength=len(keys))
    useful = (size[block] > 1) & (size[block] <= BLOCK_LIMIT)
    member, block = member[useful], block[useful]

    day = np.array(
        [
            i.when.value.toordinal() if i.when.precision is Precision.day and i.when.value is not None else -1
            for i in items
        ],
        dtype=np.int64,
    )
    firsts, seconds = [], []

    # Dated to the day: a sliding window over (block, day), each member with the later ones in reach.
    dated = day[member] >= 0
    span = int(day.max(initial=0)) + MAX_DAYS_APART + 1
    key = block[dated] * span + day[member[dated]]
    order = np.argsort(key, kind="stable")
    key, by_day = key[order], member[dated][order]
    rows, partner = _spans(np.arange(1, len(key) + 1), np.searchsorted(key, key + MAX_DAYS_APART, "right"))
    firsts.append(by_day[rows])
    seconds.append(by_day[partner])

    # Dated less precisely or not at all: the events of its exact type, and those sharing a wider agent.
    loose = day < 0
    types = {t: n for n, t in enumerate(dict.fromkeys(i.event.type for i in items))}
    kind = np.array([types[i.event.type] for i in items], dtype=np.int64)
    a, b = _with_group(block * max(1, len(types)) + kind[member], member, loose)
    firsts.append(a)
    seconds.append(b)
    agents: dict[str, int] = {}
    agent_lists = [[agents.setdefault(x, len(agents)) for x in i.wide_agents] for i in items]
    per_item = np.array([len(x) for x in agent_lists], dtype=np.int64)
    flat = np.array([x for row in agent_lists for x in row], dtype=np.int64)
    start = np.cumsum(per_item) - per_item
    row, at = _spans(start[member], start[member] + per_item[member])
    a, b = _with_group(block[row] * max(1, len(agents)) + flat[at], member[row], loose)
    firsts.append(a)
    seconds.append(b)

    first, second = np.concatenate(firsts), np.concatenate(seconds)
    pair = np.minimum(first, second) * n + np.maximum(first, second)
    pair.sort()
    pair = pair[np.concatenate(([True], pair[1:] != pair[:-1]))] if len(pair) else pair
    return pair // max(1, n), pair % max(1, n)
