"""Merging article events into story events: who reports what, where they agree and contradict.

Pure functions over ArticleSummary values (no model, no network). Events are compared only within
blocks that share a canonical place (or, for events with no place, a type family and an agent), so the
cost grows close to linearly with the number of events. Pairs are merged best-first, and never so that
one story event holds two events of the same article (an article already de-duplicated its own).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
_BLOCK_LIMIT = 400  # a block this large (a country name shared by everything) is not a useful key


@dataclass(frozen=True)
class _Item:
    """One article event with what the merge compares."""

    index: int
    article_id: str
    source: str | None
    event: Event
    # Derived once here, not per comparison: a 10k-article merge compares millions of pairs.
    family: str = field(init=False)
    places: frozenset[str] = field(init=False)
    agents: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "family", _FAMILY.get(self.event.type, self.event.type.value))
        object.__setattr__(self, "places", frozenset(loc.canonical for loc in self.event.locations))
        agents = frozenset(a.canonical for a in self.event.actors if a.role is Role.agent)
        object.__setattr__(self, "agents", agents)


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
            return 0.0
    elif a.places or b.places:
        place = 0.3
    else:
        if not (a.agents & b.agents):
            return 0.0
        place = 0.5
    agents = len(a.agents & b.agents) / len(a.agents | b.agents) if a.agents and b.agents else 0.5
    words = fuzz.token_set_ratio(a.event.description, b.event.description) / 100
    same_type = 1.0 if a.event.type == b.event.type else 0.5
    dated = 1.0 if apart == 0 else 0.5
    return 0.40 * place + 0.15 * agents + 0.15 * words + 0.15 * same_type + 0.15 * dated


def _blocks(items: Sequence[_Item]) -> Iterable[list[_Item]]:
    by_key: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for item in items:
        keys = [("place", p) for p in item.places] or [("agent", f"{item.family}:{a}") for a in item.agents]
        for key in keys:
            by_key[key].append(item)
    for block in by_key.values():
        if 1 < len(block) <= _BLOCK_LIMIT:
            yield block


def cluster_events(items: Sequence[_Item]) -> list[list[_Item]]:
    """Group items into story events: best pairs first, never two events of one article together."""
    pairs: dict[tuple[int, int], float] = {}
    for block in _blocks(items):
        for a, b in itertools.combinations(block, 2):
            key = (min(a.index, b.index), max(a.index, b.index))
            if key not in pairs:
                score = _score(a, b)
                if score >= MERGE_THRESHOLD:
                    pairs[key] = score
    cluster_of = {item.index: item.index for item in items}
    members: dict[int, list[_Item]] = {item.index: [item] for item in items}
    articles: dict[int, set[str]] = {item.index: {item.article_id} for item in items}
    for (i, j), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or articles[ci] & articles[cj]:
            continue
        for item in members[cj]:
            cluster_of[item.index] = ci
        members[ci].extend(members.pop(cj))
        articles[ci] |= articles.pop(cj)
    return list(members.values())


def _values(per_article: dict[str, str]) -> list[SourceValue]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for article, value in per_article.items():
        grouped[value].append(article)
    return [SourceValue(value=v, articles=sorted(a)) for v, a in sorted(grouped.items())]


def _check(field: str, per_article: dict[str, str], *, conflict: bool | None = None) -> FieldCheck:
    values = _values(per_article)
    if len(per_article) < 2:
        verdict = "single_source"
    elif conflict if conflict is not None else len(values) > 1:
        verdict = "conflict"
    else:
        verdict = "agree"
    return FieldCheck(field=field, verdict=verdict, values=values)  # type: ignore[arg-type]


def _date_text(date: EventDate) -> str:
    if date.value is None:
        return "unknown"
    return {Precision.year: f"{date.value.year}", Precision.month: date.value.strftime("%Y-%m")}.get(
        date.precision, date.value.isoformat()
    )


def _field_checks(group: list[_Item], names: NameTable) -> list[FieldCheck]:
    checks = []
    who = {i.article_id: ", ".join(sorted(i.agents)) for i in group if i.agents}
    agent_sets = [i.agents for i in group if i.agents]
    checks.append(_check("who", who, conflict=any(not (a & b) for a, b in itertools.combinations(agent_sets, 2))))
    where = {i.article_id: ", ".join(sorted(i.places)) for i in group if i.places}
    place_sets = [i.places for i in group if i.places]
    checks.append(
        _check("where", where, conflict=any(a - b and b - a for a, b in itertools.combinations(place_sets, 2)))
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
    lead = max(
        group,
        key=lambda i: (
            sum(fuzz.token_set_ratio(i.event.description, j.event.description) for j in group),
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
            SourceReport(
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


def _control_conflicts(stories: list[StoryEvent], start: int) -> list[Conflict]:
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
    items = [
        _Item(index=n, article_id=s.article.id, source=s.article.source, event=e)
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
            description=f"{c.field} of '{s.description}' differs between sources",
            values=c.values,
        )
        for n, (s, c) in enumerate(((s, c) for s in stories for c in s.checks if c.verdict == "conflict"), start=1)
    ]
    conflicts += _control_conflicts(stories, start=len(conflicts) + 1)
    return StoryReport(
        summary=_story_summary(stories, conflicts, list(outcomes)),
        articles=list(outcomes),
        story_events=stories,
        conflicts=conflicts,
        summaries=list(summaries),
        texts=dict(texts),
    )
