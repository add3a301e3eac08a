"""Scoring many candidate pairs at once: the pair likeness of ``cluster`` over numpy arrays.

What an event states (its places, wider places, countries, agents, wider agents, targets, evidence stems,
type, act and description) becomes a row of small integer features and of sparse 0/1 matrices over one
shared vocabulary; events stated alike (outlets copy one wire story) share a row. The overlap of two rows'
sets is the row-wise product of two sparse rows, and description likeness is rapidfuzz's ``cpdist``
(element-wise pairs, in C), each asked once per distinct pair of rows; what was read with each event (its
date, whether it is background, its tolls) is then added per pair of events. Only the rare pairs whose
targets or tolls must be compared one by one go through Python."""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist
from scipy import sparse

from ..core.schema import EventType, Precision
from ..text.names import RULES, is_description
from .items import COMPATIBLE, FAMILY, Item, intervals_meet

__all__ = ["Features", "score_pairs", "lay_out", "MAX_DAYS_APART", "SIBLINGS"]

MAX_DAYS_APART = 3
SIBLINGS = -1.0
_CHUNK = 200_000  # pairs per step: bounds the memory of the row-wise products
_TYPES = list(EventType)
_TYPE_INDEX = {t: n for n, t in enumerate(_TYPES)}
# Types whose event is an act of its author: a statement, an appeal, a decision, a policy.
_AUTHORED = frozenset({EventType.diplomatic, EventType.political})
_PRECISION = {Precision.day: 0, Precision.week: 1, Precision.month: 2, Precision.year: 3, Precision.unknown: 4}


def _type_table() -> np.ndarray:
    family = [FAMILY.get(t, t.value) for t in _TYPES]
    table = np.zeros((len(_TYPES), len(_TYPES)))
    for a, fa in enumerate(family):
        for b, fb in enumerate(family):
            if a == b:
                table[a, b] = 1.0
            elif fa == fb or fb in COMPATIBLE.get(fa, ()) or fa in COMPATIBLE.get(fb, ()):
                table[a, b] = 0.5
    # "other" is no type: it may be any happening, as weakly as a related type.
    other = _TYPES.index(EventType.other)
    table[other, :] = np.maximum(table[other, :], 0.5)
    table[:, other] = np.maximum(table[:, other], 0.5)
    return table


_TYPE_TABLE = _type_table()


# What two events stated alike share (everything the matrices and the per-row arrays below hold): outlets
# that copy one wire story state an event word for word, so at 10k synthetic articles 102k events have 39k
# distinct rows.
_COMPARED = (
    "places",
    "wide_places",
    "place_words",
    "countries",
    "agents",
    "wide_agents",
    "parties",
    "heads",
    "figures",
    "targets",
    "stems",
    "speech",
    "vague_places",
    "act",
    "event.type",
    "event.description",
)
_SETS = _COMPARED[:11]
_compared = operator.attrgetter(*_COMPARED)


class Features:
    """Per-event arrays, and sparse set matrices whose rows are the distinct combinations of what events
    state alike (``row``: an item's row, by ``Item.index``)."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = items
        rows: dict[tuple, int] = {}
        firsts: list[Item] = []  # the first item of each row
        days: dict[dt.date | None, int] = {}
        # One pass over the items (each pass over 100k events costs its memory traffic): an item's row, and
        # what was read with it rather than stated in it.
        read = np.array([_read(item, rows, firsts, days) for item in items], dtype=np.int64).reshape(-1, 5).T
        self.row, self.precision, code = read[0], read[3], read[4]
        self.historical, self.has_figures = read[1].astype(bool), read[2].astype(bool)
        articles: dict[str, int] = {}
        self.article = np.array([articles.setdefault(i.article_id, len(articles)) for i in items], dtype=np.int64)
        # A feed names a few hundred distinct days: each is taken apart once.
        self.undated = np.array([d is None for d in days], dtype=bool)[code] | (self.precision == 4)
        self.day = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)[code]
        self.year = np.array([d.year if d else 0 for d in days], dtype=np.int64)[code]
        self.month = np.array([d.year * 12 + d.month if d else 0 for d in days], dtype=np.int64)[code]
        # A year counted back from the paper ("two years ago"): told roughly, the year before or after may be meant.
        self.rough = np.array([bool(i.when.text) and _COUNTED_BACK.search(i.when.text) is not None for i in items])
        vocab: dict[str, int] = {}

        def matrix(sets: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
            # The same few sets recur (items share the cached ones): each distinct set gets its columns
            # once, in the order first met, so every value gets the column it would get one value at a
            # time.
            ids: dict[frozenset[str], int] = {}
            which = np.array([ids.setdefault(values, len(ids)) for values in sets], dtype=np.int64)
            return lay_out(which, [[vocab.setdefault(value, len(vocab)) for value in values] for values in ids])

        coords = {name: matrix([getattr(i, name) for i in firsts]) for name in _SETS}
        shape = (len(firsts), max(1, len(vocab)))
        self.m = {
            name: sparse.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=shape)
            for name, (r, c) in coords.items()
        }
        self.size = {name: np.diff(m.indptr) for name, m in self.m.items()}
        self.type = np.array([_TYPE_INDEX[i.event.type] for i in firsts], dtype=np.int64)
        self.speech = np.array([i.speech for i in firsts], dtype=bool)
        # A statement or a decision is its author's own act (rule ``own_act_by_author``).
        self.authored = np.array([i.event.type in _AUTHORED for i in firsts], dtype=bool)
        self.market = np.array([i.family == "market" for i in firsts], dtype=bool)
        self.vague = np.array([i.vague_places for i in firsts], dtype=bool)
        # Agents named only by lower-case descriptions ("thieves", "four men"): outlets word one gang
        # differently, so between outlets differing descriptions say nothing either way (one article's
        # own two descriptions still tell its two happenings apart).
        self.described = np.array([bool(i.agents) and all(map(is_description, i.agents)) for i in firsts], dtype=bool)
        acts: dict[str | None, int] = {None: 0}
        self.act = np.array([acts.setdefault(i.act, len(acts)) for i in firsts], dtype=np.int64)
        # Descriptions by number (one per row): outlets repeat one wording, so many pairs compare the same two.
        wordings: dict[str, int] = {}
        self.wording = np.array(
            [wordings.setdefault(i.event.description, len(wordings)) for i in firsts], dtype=np.int64
        )
        self.wordings = np.array(list(wordings), dtype=object)


def _read(
    item: Item, rows: dict[tuple, int], firsts: list[Item], days: dict[dt.date | None, int]
) -> tuple[int, bool, bool, int, int]:
    """(its row, historical, has tolls or a magnitude, its precision's code, its day's number in ``days``)."""
    when = item.when
    return (
        _row_of(item, rows, firsts),
        item.event.historical,
        bool(item.tolls or item.magnitudes),
        _PRECISION[when.precision],
        days.setdefault(when.value, len(days)),
    )


def _row_of(item: Item, rows: dict[tuple, int], firsts: list[Item]) -> int:
    """The row of what ``item`` states, a new one (with ``item`` as its first) when no earlier item stated it."""
    key = _compared(item)
    row = rows.get(key)
    if row is None:
        row = rows[key] = len(firsts)
        firsts.append(item)
    return row


def lay_out(which: np.ndarray, lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Row r holds the values of ``lists[which[r]]``: every (row, value), flattened in row order, in numpy."""
    sizes = np.array([len(values) for values in lists], dtype=np.int64)
    flat = np.array([value for values in lists for value in values], dtype=np.int64)
    counts = sizes[which] if len(which) else np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(len(which)), counts)
    starts = np.cumsum(sizes) - sizes
    at = np.repeat(starts[which] - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    return rows, flat[at]


def _shared(x: sparse.csr_matrix, y: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return np.asarray(x[i].multiply(y[j]).sum(axis=1)).ravel()


def _shared_where(
    x: sparse.csr_matrix, y: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, where: np.ndarray
) -> np.ndarray:
    """``_shared`` on the pairs ``where`` holds only (0 elsewhere): the rarer tests need not pay for all."""
    out = np.zeros(len(i), dtype=np.float32)
    rows = np.flatnonzero(where)
    if len(rows):
        out[rows] = _shared(x, y, i[rows], j[rows])
    return out


_COUNTED_BACK = re.compile(r"\b(?:years?|decades?)\s+ago\b", re.I)


def _days_apart(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Days apart at the coarser precision; -1 where either is undated (compare items.days_apart)."""
    far = 10_000
    pi, pj = f.precision[i], f.precision[j]
    coarse = np.maximum(pi, pj)
    diff = np.abs(f.day[i] - f.day[j])
    apart = np.where(
        coarse == 0,
        diff,
        np.where(
            coarse == 3,
            np.where(
                (f.year[i] == f.year[j]) | ((np.abs(f.year[i] - f.year[j]) == 1) & (f.rough[i] | f.rough[j])), 0, far
            ),
            np.where(
                coarse == 2,  # a month holds a week: the coarser precision decides
                np.where(f.month[i] == f.month[j], 0, far),
                np.maximum(0, diff - 6),
            ),
        ),
    )
    return np.where(f.undated[i] | f.undated[j], -1, apart)


def _apart_in_what(a: Item, b: Item) -> bool:
    """Different things hit, or tolls that cannot both be right: two happenings (an attack on a bus and one
    on a market). Not for a disaster: outlets count one quake's or flood's dead differently, and as the
    count rises; that is a disagreement to show, not a second disaster."""
    if a.targets and b.targets and not (a.targets & b.targets):
        if max(fuzz.token_set_ratio(x, y) for x in a.targets for y in b.targets) < 80:
            return True
    if a.article_id == b.article_id:
        # One article's two quakes of different magnitudes ("a 6.4-magnitude quake rocked the west coast ...
        # last year", "an 8.7-magnitude earthquake also hit off Banda Aceh"): two happenings. Across outlets a
        # magnitude differs by who measured it (5.9 per Tehran, 6.1 per the USGS): a dispute, not a second quake.
        if a.magnitudes and b.magnitudes and not a.magnitudes & b.magnitudes:
            return True
    if a.family == "disaster" and b.family == "disaster":
        return False
    return any(kind in b.tolls and not intervals_meet(span, b.tolls[kind]) for kind, span in a.tolls.items())


def _stated(f: Features, ri: np.ndarray, rj: np.ndarray) -> dict[str, np.ndarray]:
    """What two rows of stated facts say about a pair, for pairs of rows (``ri[k]``, ``rj[k]``): everything
    of a score that does not depend on when or how each event was read.

    ``valid``: not ruled out by what they state; ``place``, ``agents``, ``same_type``: those parts of the
    score (``agents`` with sibling groups at 0.25, ``siblings`` marking them); ``words``: the description
    likeness as the score counts it where the pair is valid."""
    m, size = f.m, f.size
    same_type = _TYPE_TABLE[f.type[ri], f.type[rj]]
    # One telling figure stated by both ("$5 billion", "12 killed") says they report one happening, even
    # when the two outlets' sentences were typed differently ("economic" / "political").
    figure = (
        _shared_where(m["figures"], m["figures"], ri, rj, (size["figures"][ri] > 0) & (size["figures"][rj] > 0)) > 0
    )
    same_type = np.where(figure & (same_type == 0), 0.5, same_type)
    valid = ~f.speech[ri] & ~f.speech[rj] & (same_type > 0)
    # Two different acts ("was arrested" / "was charged"): two happenings, unless a telling figure joins them.
    valid &= ~((f.act[ri] > 0) & (f.act[rj] > 0) & (f.act[ri] != f.act[rj]) & ~figure)
    # A price move and a deal or a disclosure of one company: two happenings, unless a telling figure joins them.
    valid &= (f.market[ri] == f.market[rj]) | figure

    # Places: overlap of the named places; else one inside the other's; else one the other's country.
    pa, pb = size["places"][ri], size["places"][rj]
    shared_places = _shared(m["places"], m["places"], ri, rj)
    inside = (_shared(m["places"], m["wide_places"], ri, rj) + _shared(m["wide_places"], m["places"], ri, rj)) > 0
    # Two descriptions of one spot share a proper-name word ("Place Vendome"); only asked of vague ones.
    vague = f.vague[ri] | f.vague[rj]
    inside |= _shared_where(m["place_words"], m["place_words"], ri, rj, vague & ~inside) > 0
    country = (_shared(m["places"], m["countries"], ri, rj) + _shared(m["countries"], m["places"], ri, rj)) > 0
    # A description located only through the places it names ("southern Iran", "near Qeshm") is as close
    # to a report of a place in there as a country is: it says no more.
    ask = vague & ~country
    country |= (
        _shared_where(m["wide_places"], m["wide_places"], ri, rj, ask)
        + _shared_where(m["wide_places"], m["countries"], ri, rj, ask)
        + _shared_where(m["countries"], m["wide_places"], ri, rj, ask)
    ) > 0
    wide_agents_shared = _shared(m["wide_agents"], m["wide_agents"], ri, rj) > 0
    aa, ab = size["agents"][ri], size["agents"][rj]
    # Parties matter where a side names no place or no agent; not asked of the other pairs.
    parties = _shared_where(m["parties"], m["parties"], ri, rj, (pa == 0) | (pb == 0) | (aa == 0) | (ab == 0)) > 0
    both = (pa > 0) & (pb > 0)
    # Two reports that name no place, no party and no figure ("set fire to the vehicle" in three outlets)
    # are one happening only when their words say the same thing and the model typed them alike.
    sa, sb = size["stems"][ri], size["stems"][rj]
    shared_stems = _shared(m["stems"], m["stems"], ri, rj)
    with np.errstate(divide="ignore", invalid="ignore"):
        stem_overlap = np.where((sa > 0) & (sb > 0), shared_stems / np.minimum(sa, sb), 0.0)
    worded_alike = (shared_stems >= 2) & (stem_overlap >= 0.5) & (f.type[ri] == f.type[rj])
    with np.errstate(divide="ignore", invalid="ignore"):
        overlap = shared_places / np.minimum(pa, pb)
    # A place nothing locates ("the store", "Place Vendome") is no evidence that two reports are apart.
    unknown = np.where(vague, 0.3, np.nan)
    place = np.where(
        both,
        np.where(shared_places > 0, overlap, np.where(inside, 0.75, np.where(country, 0.5, unknown))),
        np.where((pa > 0) | (pb > 0), 0.3, np.where(wide_agents_shared | parties | figure | worded_alike, 0.5, np.nan)),
    )
    # One telling figure ("10 killed") in places of one country: one happening told at two precisions
    # ("southern Iran", "the Persian Gulf island of Qeshm"): nearly as close as one place (a report of
    # damage on Qeshm, with no figure, is not closer).
    place = np.where(figure & both & (shared_places == 0) & country, np.maximum(place, 0.9), place)
    valid &= ~np.isnan(place)

    shared_agents = _shared(m["agents"], m["agents"], ri, rj)
    cross = (_shared(m["agents"], m["wide_agents"], ri, rj) + _shared(m["wide_agents"], m["agents"], ri, rj)) > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = shared_agents / (aa + ab - shared_agents)
    named = np.where(shared_agents > 0, jaccard, np.where(cross, 0.75, np.where(wide_agents_shared, SIBLINGS, 0.0)))
    agents = np.where((aa == 0) | (ab == 0), 0.5, named)
    described = (aa > 0) & (ab > 0) & (f.described[ri] | f.described[rj])
    # Two different groups of one side: two operations unless something dates them to the same day (asked
    # of each pair of events).
    siblings = (agents == SIBLINGS) & ~described
    agents = np.where(siblings, 0.25, agents)
    # One agent under two names ("Trump" / "President Donald Trump"): as close as a wider name. And where
    # one report names no agent, a party the other involves in any role (the company that files, the
    # company a filing is about) is more than nothing. Two reports that name different agents stay apart:
    # the one who acted in one may be the one acted on in the other, a second happening.
    heads = _shared_where(m["heads"], m["heads"], ri, rj, (agents < 0.75) & (size["heads"][ri] > 0)) > 0
    agents = np.where(heads & (agents < 0.75), 0.75, agents)
    agents = np.where(parties & ((aa == 0) | (ab == 0)) & (agents < 0.75), 0.75, agents)
    # Two statements or decisions by two named authors that are no one actor ("The United States made strong
    # overtures to Sudan" / "South Sudanese officials condemned Sudan"): two acts, not one told two ways.
    if RULES["own_act_by_author"]:
        valid &= ~(f.authored[ri] & f.authored[rj] & (aa > 0) & (ab > 0) & ~described & (agents == 0))

    words = np.zeros(len(ri))
    keep = np.flatnonzero(valid)
    if len(keep):
        # Each distinct pair of wordings is compared once.
        n = max(1, len(f.wordings))
        distinct, back = np.unique(f.wording[ri[keep]] * n + f.wording[rj[keep]], return_inverse=True)
        ratios = cpdist(
            f.wordings[distinct // n].tolist(),
            f.wordings[distinct % n].tolist(),
            scorer=fuzz.token_set_ratio,
            workers=-1,
        )
        words[keep] = ratios[back] / 100
    words = np.maximum(words, stem_overlap)
    words = np.where(figure, 1.0, words)  # one telling figure is the evidence saying the same thing
    # One act in other words ("indicted" / "was charged"): the descriptions say the same thing.
    same_act = (f.act[ri] > 0) & (f.act[ri] == f.act[rj])
    words = np.where(same_act, 1.0, words)
    return {
        "valid": valid,
        "same_type": same_type,
        "place": place,
        "agents": agents,
        "described": described,
        "siblings": siblings,
        "words": words,
        # Evidence that says one happening, which spares the pair the test of what was hit or counted.
        "says_one": ((shared_stems >= 2) & (stem_overlap >= 0.3)) | figure,
        "both_targets": (size["targets"][ri] > 0) & (size["targets"][rj] > 0),
        # One side names no place: it joins only what its date, act or figure ties it to.
        "one_sided": ((pa > 0) != (pb > 0)) & ~same_act & ~figure,
    }


def _score_chunk(f: Features, i: np.ndarray, j: np.ndarray, stated: dict[str, np.ndarray]) -> np.ndarray:
    """The scores of item pairs (``i[k]``, ``j[k]``) from what their rows state (``_stated``, one entry per
    pair) and when and how each event was read."""
    apart = _days_apart(f, i, j)
    valid = stated["valid"] & (f.historical[i] == f.historical[j]) & (apart <= MAX_DAYS_APART)
    # Two different groups of one side with nothing dating them to the same day: two operations.
    valid &= ~(stated["siblings"] & (apart != 0))
    # Different things hit, or tolls that cannot both be right: two happenings unless the evidence says one.
    check = valid & ~stated["says_one"] & (stated["both_targets"] | (f.has_figures[i] & f.has_figures[j]))
    for k in np.flatnonzero(check):
        if _apart_in_what(f.items[i[k]], f.items[j[k]]):
            valid[k] = False
    # A report that names no place joins one that does only when their dates agree, or they name one act
    # or state one telling figure: one side in a war withdraws from many places, one envoy holds many talks.
    valid &= ~(stated["one_sided"] & (apart != 0))
    dated = np.where(apart == 0, 1.0, 0.5)
    words = np.where(valid, stated["words"], 0.0)
    total = (
        0.40 * np.nan_to_num(stated["place"])
        # Across outlets a description counts as no name (0.5); within an article as the name it is.
        + 0.15 * np.where(stated["described"] & (f.article[i] != f.article[j]), 0.5, stated["agents"])
        + 0.15 * words
        + 0.15 * stated["same_type"]
        + 0.15 * dated
    )
    return np.where(valid, total, 0.0)


def score_pairs(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """How likely each pair (i[k], j[k]) of item indexes is one happening (0 when it cannot be).

    What the two events state is compared once per distinct pair of rows (a fifth of the pairs at 10k
    synthetic articles: outlets copy one wire story), then each pair of events adds when and how it was read."""
    out = np.zeros(len(i))
    if not len(i):
        return out
    rows = max(1, len(f.type))
    distinct, back = np.unique(f.row[i] * rows + f.row[j], return_inverse=True)
    parts = [
        _stated(f, distinct[s : s + _CHUNK] // rows, distinct[s : s + _CHUNK] % rows)
        for s in range(0, len(distinct), _CHUNK)
    ]
    stated = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
    for start in range(0, len(i), _CHUNK):
        stop = start + _CHUNK
        at = back[start:stop]
        out[start:stop] = _score_chunk(f, i[start:stop], j[start:stop], {k: v[at] for k, v in stated.items()})
    return out
