"""Merging article events into story events: who reports what, where they agree and contradict.

Pure functions over ArticleSummary values (no model, no network). Events are compared only within
blocks that share a canonical place (or, for events with no place, a type family and an agent), so the
cost grows close to linearly with the number of events. Pairs are merged best-first, and never so that
one story event holds two events of the same article (an article already de-duplicated its own).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from .names import NameTable, load_names
from .schema import (
    Actor,
    ArticleOutcome,
    ArticleSummary,
    Conflict,
    Event,
    EventDate,
    EventType,
    FieldCheck,
    Location,
    Precision,
    Role,
    SourceReport,
    SourceValue,
    StoryEvent,
    StoryReport,
)

__all__ = ["merge_summaries", "cluster_events", "MERGE_THRESHOLD"]

MERGE_THRESHOLD = 0.55
_MAX_DAYS_APART = 3
_FAMILY = {
    EventType.fighting: "armed",
    EventType.attack: "armed",
    EventType.withdrawal: "move",
    EventType.deployment: "move",
}
_MEDOID_PANEL = 12  # a story's name is chosen among (and against) its first 12 sources: cost stays flat
_BLOCK_LIMIT = 400  # a block this large (a country name shared by everything) is not a useful key


@dataclass(frozen=True)
class _Item:
    """One article event with what the merge compares, derived once (a 10k-article merge compares millions
    of pairs)."""

    index: int
    article_id: str
    source: str | None
    event: Event
    family: str
    written: frozenset[str]  # the event's places as its article gives them
    places: frozenset[str]  # the places it is compared by (for a movement: where it left from)
    wide_places: frozenset[str]  # those and every wider place they are part of
    agents: frozenset[str]
    wide_agents: frozenset[str]
    sides: frozenset[str]  # every actor, widened: in a clash both sides are taking part
    destinations: frozenset[str]  # for a movement: where the forces went, not where it happened


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


def _destinations(event: Event, names: NameTable) -> frozenset[str]:
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


def _item(index: int, summary: ArticleSummary, event: Event, names: NameTable, focus: str | None) -> _Item:
    family = _FAMILY.get(event.type, event.type.value)
    written = frozenset(loc.canonical for loc in event.locations)
    places = written
    destinations = _destinations(event, names) if family == "move" else frozenset()
    if family == "move":
        # A movement is compared by where it left from. With no such place in its sentence ("troops were
        # moved westward to reinforce Damascus") it is taken to leave from the place the article is about;
        # this only steers the comparison: the event's own places are reported as written.
        places = (places - destinations) or (
            frozenset({focus}) if focus and destinations and focus not in destinations else frozenset()
        )
    agents = frozenset(a.canonical for a in event.actors if a.role is Role.agent)
    return _Item(
        index=index,
        article_id=summary.article.id,
        source=summary.article.source,
        event=event,
        family=family,
        written=written,
        places=places,
        wide_places=names.widen(places),
        agents=agents,
        wide_agents=names.widen(agents),
        sides=names.widen(a.canonical for a in event.actors if a.role is not Role.other),
        destinations=destinations,
    )


def _focus(summary: ArticleSummary, names: NameTable) -> str | None:
    """The place an article is about: the first place its current events name, in sentence order (a
    news lead says where)."""
    events = sorted(summary.events, key=lambda e: e.evidence[0].sentence_id if e.evidence else 0)
    for event in events:
        for loc in event.locations:
            if not event.historical and not names.is_country(loc.canonical):
                return loc.canonical
    return None


_FAR = 10_000


def _days_apart(a: EventDate, b: EventDate) -> int | None:
    """Days between two dates, compared at the coarser precision (0 when they may be the same day)."""
    if a.value is None or b.value is None:
        return None
    if a.precision is Precision.day and b.precision is Precision.day:
        return abs((a.value - b.value).days)
    if Precision.year in (a.precision, b.precision):
        return 0 if a.value.year == b.value.year else _FAR
    return 0 if (a.value.year, a.value.month) == (b.value.year, b.value.month) else _FAR


_SIBLINGS = -1.0  # not a likeness: two different groups of one side


def _agent_likeness(a: _Item, b: _Item) -> float:
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


def _score(a: _Item, b: _Item) -> float:
    """How likely two article events are the same happening (0 when they cannot be)."""
    if a.article_id == b.article_id or a.family != b.family:
        return 0.0
    if a.event.historical != b.event.historical:
        return 0.0
    apart = _days_apart(a.event.date, b.event.date)
    if apart is not None and apart > _MAX_DAYS_APART:
        return 0.0
    if a.places and b.places:
        # Overlap, not Jaccard: one outlet naming the destination as well must not split the happening.
        place = len(a.places & b.places) / min(len(a.places), len(b.places))
        if place == 0.0:
            # One names a place inside the other's ("Tal Rifaat" and "Aleppo"): likely, not certain.
            place = 0.75 if (a.places & b.wide_places) or (b.places & a.wide_places) else 0.0
        if place == 0.0:
            return 0.0
    elif a.places or b.places:
        place = 0.3
    else:
        if not (a.wide_agents & b.wide_agents):
            return 0.0
        place = 0.5
    agents = _agent_likeness(a, b)
    if agents == _SIBLINGS:
        if apart != 0:
            # Two different groups of one side ("HTS" and "the SNA") with nothing dating them to the same
            # day (undated included): two operations, not one reported twice.
            return 0.0
        agents = 0.25
    words = fuzz.token_set_ratio(a.event.description, b.event.description) / 100
    same_type = 1.0 if a.event.type == b.event.type else 0.5
    dated = 1.0 if apart == 0 else 0.5
    return 0.40 * place + 0.15 * agents + 0.15 * words + 0.15 * same_type + 0.15 * dated


def _blocks(items: Sequence[_Item]) -> Iterable[list[_Item]]:
    by_key: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for item in items:
        # Keyed by type family too: events of different families never score above 0.
        keys = [("place", f"{item.family}:{p}") for p in item.wide_places] or [
            ("agent", f"{item.family}:{a}") for a in item.wide_agents
        ]
        for key in keys:
            by_key[key].append(item)
    for block in by_key.values():
        if 1 < len(block) <= _BLOCK_LIMIT:
            yield block


def _candidate_pairs(block: list[_Item]) -> Iterable[tuple[_Item, _Item]]:
    """The pairs of a block that can score above 0, lower index first: events dated to the day are only
    paired within _MAX_DAYS_APART of each other (a sliding window over the sorted dates); an event dated
    less precisely, or not at all, is paired with every other."""
    by_day: list[_Item] = []
    loose: list[_Item] = []
    for item in block:
        dated = item.event.date.precision is Precision.day and item.event.date.value is not None
        (by_day if dated else loose).append(item)
    by_day.sort(key=lambda i: i.event.date.value)  # type: ignore[arg-type, return-value]

    for n, a in enumerate(by_day):
        for b in by_day[n + 1 :]:
            if (b.event.date.value - a.event.date.value).days > _MAX_DAYS_APART:  # type: ignore[operator]
                break
            yield (a, b) if a.index < b.index else (b, a)
    for n, a in enumerate(loose):
        for b in loose[n + 1 :]:
            yield a, b  # a block keeps item order, so loose is in index order
        for b in by_day:
            yield (a, b) if a.index < b.index else (b, a)


def cluster_events(items: Sequence[_Item]) -> list[list[_Item]]:
    """Group items into story events, best pairs first.

    Two groups join only when their events are, on average over every cross pair, as alike as the threshold
    asks (so one bridging pair cannot chain two happenings together), and never so that one story event
    holds two events of one article.
    """
    pairs: dict[tuple[int, int], float] = {}
    seen: set[tuple[int, int]] = set()
    for block in _blocks(items):
        for a, b in _candidate_pairs(block):
            key = (a.index, b.index)
            if key not in seen:
                seen.add(key)
                score = _score(a, b)
                if score > 0.0:  # the average-link check reads a missing pair as 0
                    pairs[key] = score
    cluster_of = {item.index: item.index for item in items}
    members: dict[int, list[_Item]] = {item.index: [item] for item in items}
    articles: dict[int, set[str]] = {item.index: {item.article_id} for item in items}
    # Sum of pair scores between every two groups that have any scored pair: average link in O(1) per
    # candidate, kept up to date as groups join (a missing pair counts as 0).
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), score in pairs.items():
        links[i][j] = score
        links[j][i] = score
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


def _values(per_article: dict[str, str]) -> list[SourceValue]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for article, value in per_article.items():
        grouped[value].append(article)
    # Built from values this module has already validated: construct, do not re-validate (a 10k-article
    # merge builds tens of thousands of these).
    return [SourceValue.model_construct(value=v, articles=sorted(a)) for v, a in sorted(grouped.items())]


def _check(field: str, per_article: dict[str, str], *, conflict: bool | None = None) -> FieldCheck:
    values = _values(per_article)
    if len(per_article) < 2:
        verdict = "single_source"
    elif conflict if conflict is not None else len(values) > 1:
        verdict = "conflict"
    else:
        verdict = "agree"
    return FieldCheck.model_construct(field=field, verdict=verdict, values=values)


def _date_text(date: EventDate) -> str:
    if date.value is None:
        return "unknown"
    return {Precision.year: f"{date.value.year}", Precision.month: date.value.strftime("%Y-%m")}.get(
        date.precision, date.value.isoformat()
    )


def _field_checks(group: list[_Item], names: NameTable) -> list[FieldCheck]:
    checks = []
    # In a clash both sides take part: each source's value is every side it names, not only its subject.
    who = {
        i.article_id: (
            " and ".join(sorted({a.canonical for a in i.event.actors if a.role is not Role.other}))
            if i.family == "armed"
            else ", ".join(sorted(i.agents))
        )
        for i in group
        if i.agents
    }
    # Sources disagree on who when they name no common side, counting a group as its wider side (HTS as
    # the opposition) and, in a clash, either side of it ("regime forces and opposition groups").
    sides = [i.sides if i.family == "armed" else i.wide_agents for i in group if i.agents]
    checks.append(_check("who", who, conflict=any(not (a & b) for a, b in itertools.combinations(sides, 2))))
    # Where it happened (for a movement: where it left from); where the forces went is the next check.
    origin = {i.article_id: i.written - i.destinations for i in group}
    where = {aid: ", ".join(sorted(places)) for aid, places in origin.items() if places}
    placed = [i for i in group if origin[i.article_id]]
    # A place inside the other's ("Tal Rifaat" in "Aleppo") is more detail, not a contradiction.
    checks.append(
        _check(
            "where",
            where,
            conflict=any(
                not (a.places <= b.wide_places or b.places <= a.wide_places)
                for a, b in itertools.combinations(placed, 2)
            ),
        )
    )
    going = {i.article_id: ", ".join(f"to {d}" for d in sorted(i.destinations)) for i in group if i.destinations}
    if going:
        # Where the forces went: sources that send them to places neither of which contains the other.
        moved = [i for i in group if i.destinations]
        checks.append(
            _check(
                "where",
                going,
                conflict=any(
                    not (a.destinations & names.widen(b.destinations) or b.destinations & names.widen(a.destinations))
                    for a, b in itertools.combinations(moved, 2)
                ),
            )
        )
    dated = [i for i in group if i.event.date.value is not None]
    when = {i.article_id: _date_text(i.event.date) for i in dated}
    checks.append(
        _check(
            "when",
            when,
            conflict=any(
                (_days_apart(a.event.date, b.event.date) or 0) > 0 for a, b in itertools.combinations(dated, 2)
            ),
        )
    )
    kinds = {q.kind for i in group for q in i.event.quantities}
    for kind in sorted(kinds):
        numbers = {
            i.article_id: f"{kind.value}: {q.value:g}" for i in group for q in i.event.quantities if q.kind == kind
        }
        checks.append(_check("how_many", numbers))
    checks.append(
        _check(
            "outcome",
            {i.article_id: i.event.status.value for i in group},
            conflict=len({i.event.status.value for i in group} & {"asserted", "denied"}) == 2,
        )
    )
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
    if labels:
        framed = {aid for aid, v in labels.items() if names.is_loaded_label(v)}
        checks.append(_check("label", labels, conflict=0 < len(framed) < len(labels)))
    return checks


def _consolidate(group: list[_Item], story_id: str, names: NameTable) -> StoryEvent:
    group = sorted(group, key=lambda i: (i.article_id, i.event.id))
    types = Counter(i.event.type for i in group)
    dates = Counter((i.event.date.value, i.event.date.precision) for i in group if i.event.date.value is not None)
    if dates:
        (value, precision), _ = max(dates.items(), key=lambda kv: (kv[1], kv[0][1] is Precision.day, kv[0][0]))
        date = EventDate(value=value, precision=precision, text=None)
    else:
        date = EventDate(value=None, precision=Precision.unknown, text=None)
    place_count = Counter(loc.canonical for i in group for loc in i.event.locations)
    countries = {loc.canonical: loc.country for i in group for loc in i.event.locations}
    actor_count = Counter((a.canonical, a.role) for i in group for a in i.event.actors)
    # The description closest to all the others (the medoid), not the longest: one odd wording must not
    # name the happening.
    panel = group[:_MEDOID_PANEL]
    lead = max(
        panel,
        key=lambda i: (
            sum(fuzz.token_set_ratio(i.event.description, j.event.description) for j in panel),
            len(i.event.evidence),
            i.event.description,
        ),
    )
    return StoryEvent(
        id=story_id,
        type=types.most_common(1)[0][0],
        description=lead.event.description,
        date=date,
        locations=[Location(name=p, canonical=p, country=countries.get(p)) for p, _ in place_count.most_common()],
        actors=[Actor(name=c, canonical=c, role=r) for (c, r), _ in actor_count.most_common()],
        historical=all(i.event.historical for i in group),
        sources=[
            SourceReport.model_construct(  # every part is a field of an already validated Event
                article_id=i.article_id,
                source=i.source,
                event_id=i.event.id,
                description=i.event.description,
                actors=i.event.actors,
                locations=i.event.locations,
                date=i.event.date,
                status=i.event.status,
                quantities=i.event.quantities,
                evidence=i.event.evidence,
            )
            for i in group
        ],
        checks=_field_checks(group, names),
    )


_HOLDS = ("control", "hold", "held", "maintain", "in the hands")


def _control_conflicts(stories: list[StoryEvent], start: int, names: NameTable) -> list[Conflict]:
    """Who holds a place, per source: takeovers and statements of control that name different holders."""
    claims: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    for story in stories:
        if story.historical:
            continue
        for src in story.sources:
            holds = story.type is EventType.takeover or (
                story.type is EventType.other and any(w in src.description.lower() for w in _HOLDS)
            )
            agents = [a.canonical for a in src.actors if a.role is Role.agent]
            if not holds or not agents:
                continue
            for loc in src.locations:
                if names.is_country(loc.canonical):
                    continue  # "holds Syria" is not a claim about any place on the ground
                for agent in agents:
                    claims[loc.canonical][agent][src.article_id].add(story.id)
    conflicts = []
    for place, by_holder in sorted(claims.items()):
        if len(by_holder) < 2:
            continue
        values = [
            SourceValue(value=f"{holder} holds {place}", articles=sorted(arts))
            for holder, arts in sorted(by_holder.items())
        ]
        story_ids = sorted({s for arts in by_holder.values() for ids in arts.values() for s in ids})
        all_articles = [set(arts) for arts in by_holder.values()]
        shared = set.intersection(*all_articles)
        scope = "within_article" if shared and all(len(a) == 1 for a in all_articles) else "across_sources"
        conflicts.append(
            Conflict(
                id=f"c{start + len(conflicts)}",
                story_event_ids=story_ids,
                field="who",
                scope=scope,
                description=f"Who holds {place}: the sources name different holders",
                values=values,
            )
        )
    return conflicts


def _story_summary(stories: list[StoryEvent], conflicts: list[Conflict], outcomes: list[ArticleOutcome]) -> str:
    ok = sum(o.ok for o in outcomes)
    current = [s for s in stories if not s.historical]
    widest = sorted(current, key=lambda s: (-len(s.sources), s.id))[:3]
    lines = [
        f"{ok} of {len(outcomes)} articles merged into {len(stories)} story events "
        f"({sum(len(s.sources) > 1 for s in stories)} reported by more than one source)."
    ]
    for story in widest:
        when = f" ({_date_text(story.date)})" if story.date.value else ""
        lines.append(f"Most reported: {story.description}{when}, by {len(story.sources)} sources.")
    if conflicts:
        disputed = "; ".join(c.description for c in conflicts[:3])
        lines.append(f"{len(conflicts)} disagreements, among them: {disputed}.")
    return " ".join(lines)


def _timeline_key(story: StoryEvent) -> tuple[bool, bool, dt.date, str]:
    """Background first, then dated happenings in date order, then undated ones."""
    return (not story.historical, story.date.value is None, story.date.value or dt.date.max, story.description)


def merge_summaries(
    summaries: Sequence[ArticleSummary],
    texts: dict[str, str],
    outcomes: Sequence[ArticleOutcome],
    *,
    names_file: Path | None = None,
) -> StoryReport:
    """Merge per-article results into a StoryReport."""
    names = load_names(names_file)
    focus = {s.article.id: _focus(s, names) for s in summaries}
    items = [
        _item(n, s, e, names, focus[s.article.id])
        for n, (s, e) in enumerate((s, e) for s in summaries for e in s.events)
    ]
    groups = cluster_events(items)
    stories = sorted((_consolidate(g, "", names) for g in groups), key=_timeline_key)
    stories = [s.model_copy(update={"id": f"s{n}"}) for n, s in enumerate(stories, start=1)]
    conflicts = [
        Conflict(
            id=f"c{n}",
            story_event_ids=[s.id],
            field=c.field,
            scope="across_sources",
            description=(
                f"where the forces of '{s.description}' went differs between sources"
                if c.field == "where" and all(v.value.startswith("to ") for v in c.values)
                else f"{c.field} of '{s.description}' differs between sources"
            ),
            values=c.values,
        )
        for n, (s, c) in enumerate(((s, c) for s in stories for c in s.checks if c.verdict == "conflict"), start=1)
    ]
    conflicts += _control_conflicts(stories, start=len(conflicts) + 1, names=names)
    return StoryReport(
        summary=_story_summary(stories, conflicts, list(outcomes)),
        articles=list(outcomes),
        story_events=stories,
        conflicts=conflicts,
        summaries=list(summaries),
        texts=dict(texts),
    )
