"""Merging article events into story events: who reports what, where they agree and contradict.

Pure functions over ArticleSummary values (no model, no network), one step per module: ``items`` derives
what is compared about each event, ``candidates`` picks the pairs worth scoring, ``vectors`` scores them,
``cluster`` groups the events of one happening, ``checks`` compares the sources of a story event field by
field, ``story`` names the happenings and writes the summary (``trusted`` builds their already validated
parts cheaply), and this module puts them together and adds the story-wide "who holds a place" check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..core.schema import (
    ArticleOutcome,
    ArticleSummary,
    Conflict,
    EventType,
    FieldCheck,
    Role,
    SourceValue,
    StoryEvent,
    StoryReport,
)
from ..text.names import NameTable, load_names
from .checks import plan_against_done_across
from .cluster import MERGE_THRESHOLD, cluster_events
from .items import destinations as _destinations
from .items import focus_place, make_item
from .story import conflict_description, consolidate, reads_as_wording, story_summary
from .trusted import trusted

__all__ = ["merge_summaries", "cluster_events", "MERGE_THRESHOLD", "_destinations"]

_HOLDS = ("control", "hold", "held", "maintain", "in the hands")
# Who holds a place is a question about war: it is asked of takeovers, and of plain statements that
# someone holds or controls a place (typed "other"), never of a quake, a deal or a trial.
_CONTROL_TYPES = (EventType.takeover, EventType.other)


def _control_conflicts(
    stories: list[StoryEvent], start: int, names: NameTable, source_of: dict[str, str]
) -> list[Conflict]:
    """Who holds a place, per source: takeovers and statements of control that name different holders."""
    claims: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    for story in stories:
        if story.historical or story.type not in _CONTROL_TYPES:
            continue
        for src in story.sources:
            holds = story.type is EventType.takeover or any(w in src.description.lower() for w in _HOLDS)
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
        who_says = "; ".join(
            f"{', '.join(source_of.get(a, a) for a in sorted(arts))} say{'s' if len(arts) == 1 else ''} {holder}"
            for holder, arts in sorted(by_holder.items())
        )
        conflicts.append(
            Conflict(
                id=f"c{start + len(conflicts)}",
                story_event_ids=story_ids,
                field="who",
                scope=scope,
                description=f"Who holds {place}: {who_says}",
                values=values,
            )
        )
    return conflicts


def _with_year(story: StoryEvent) -> StoryEvent:
    """A past happening's title with its year ("2004 earthquake in Aceh"; a title that is a wording keeps it
    after: "killed 31,000 people (2003)")."""
    year = story.date.value.year if story.date.value else None
    if year is None or str(year) in story.description:
        return story
    noun_phrase = story.description[:1].islower() and not reads_as_wording(story.description)
    titled = f"{year} {story.description}" if noun_phrase else f"{story.description} ({year})"
    return trusted(StoryEvent, **{**story.__dict__, "description": titled})


def _distinct_titles(stories: list[StoryEvent]) -> list[StoryEvent]:
    """Story events that got one title told apart: a past happening by its year ("2004 earthquake in Aceh"
    beside today's "earthquake in Aceh"), the others by what their first source says happened: "robbery:
    rammed an SUV into the front of the Casty store", "robbery: made off with 2m euros". The one most
    outlets report keeps the plain title: it is the happening the title names ("earthquake in Aceh" for the
    quake five outlets report, "earthquake in Aceh: ran outside in panic" for a scene of it)."""
    count: dict[str, int] = {}
    for story in stories:
        count[story.description] = count.get(story.description, 0) + 1
    stories = [_with_year(s) if count[s.description] > 1 and s.historical else s for s in stories]
    count = {}
    reach = {story.id: len({s.article_id for s in story.sources}) for story in stories}
    widest: dict[str, StoryEvent] = {}
    for story in stories:
        count[story.description] = count.get(story.description, 0) + 1
        held = widest.get(story.description)
        if held is None or reach[story.id] > reach[held.id]:
            widest[story.description] = story
    out = []
    for story in stories:
        wording = story.sources[0].description
        plain = widest[story.description] is story and reach[story.id] > 1
        if count[story.description] > 1 and not plain and wording.casefold() not in story.description.casefold():
            cut = wording if len(wording) <= 70 else wording[:70].rsplit(" ", 1)[0] + " ..."
            story = trusted(StoryEvent, **{**story.__dict__, "description": f"{story.description}: {cut}"})
        out.append(story)
    return out


def _timeline_key(story: StoryEvent) -> tuple[bool, bool, dt.date, str]:
    """Background first, then dated happenings in date order, then undated ones."""
    return (not story.historical, story.date.value is None, story.date.value or dt.date.max, story.description)


def merge_summaries(
    summaries: Sequence[ArticleSummary],
    texts: dict[str, str],
    outcomes: Sequence[ArticleOutcome],
    *,
    names: NameTable | None = None,
) -> StoryReport:
    """Merge per-article results into a StoryReport.

    ``texts`` maps article id -> original text (for the report's evidence); ``names`` is the run's name
    table (default: the shipped aliases alone).
    """
    with _collector_paused():
        return _merge(summaries, texts, outcomes, names if names is not None else load_names())


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the merge.

    A merge allocates millions of small objects that live until it returns (items, story events, their
    checks) and makes no reference cycles, so the collector finds nothing; but each of its full passes
    walks the whole heap, the articles included. At 10k articles that was about half of the time spent
    building story events. Reference counting still frees everything as usual. On the way out, what the
    merge made is handed to the oldest generation unexamined (see below) rather than walked at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled and not gc.get_freeze_count():
            # Everything the merge made is still in the youngest generation, so the first allocation
            # after enable() would walk all of it (1.5 s at 10k articles) and then again as it ages.
            # freeze() + unfreeze() moves it to the oldest generation without a walk; it is examined
            # with the rest of the heap at the next full collection. Skipped when the caller froze
            # objects itself, since unfreeze() would release those too.
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def _merge(
    summaries: Sequence[ArticleSummary], texts: dict[str, str], outcomes: Sequence[ArticleOutcome], names: NameTable
) -> StoryReport:
    # Who the texts make officers of which organisation: the "who" check's "Tan" is Broadcom's side.
    names = names.with_officers(texts.values())
    focus = {s.article.id: focus_place(s, names) for s in summaries}
    source_of = {s.article.id: s.article.source or s.article.id for s in summaries}
    published_of = {s.article.id: s.article.published for s in summaries}
    widen = functools.lru_cache(maxsize=None)(names.widen)
    memo: dict = {}
    items = [
        make_item(n, s, e, names, focus[s.article.id], widen, memo)
        for n, (s, e) in enumerate((s, e) for s in summaries for e in s.events)
    ]
    groups = cluster_events(items)
    stories = sorted((consolidate(g, "", names) for g in groups), key=_timeline_key)
    # Numbered in timeline order; built as consolidate built them (model_copy walks every field per copy).
    stories = [trusted(StoryEvent, **{**s.__dict__, "id": f"s{n}"}) for n, s in enumerate(stories, start=1)]
    stories = _distinct_titles(stories)

    def conflict(n: int, ids: list[str], check: FieldCheck) -> Conflict:
        """A disagreement between sources from a check that found one, told of the first story event."""
        return Conflict.model_construct(
            id=f"c{n}",
            story_event_ids=ids,
            field=check.field,
            scope="across_sources",
            description=conflict_description(by_id[ids[0]], check, source_of, published_of),
            values=check.values,
        )

    by_id = {s.id: s for s in stories}
    found = [([s.id], c) for s in stories for c in s.checks if c.verdict == "conflict"]
    conflicts = [conflict(n, ids, c) for n, (ids, c) in enumerate(found, start=1)]
    conflicts += _control_conflicts(stories, start=len(conflicts) + 1, names=names, source_of=source_of)
    across = plan_against_done_across(stories, published_of)
    conflicts += [conflict(n, ids, c) for n, (ids, c) in enumerate(across, start=len(conflicts) + 1)]
    ok = sum(o.ok for o in outcomes)
    return StoryReport(
        summary=story_summary(stories, conflicts, ok, len(outcomes), source_of),
        articles=list(outcomes),
        story_events=stories,
        conflicts=conflicts,
        summaries=list(summaries),
        texts=dict(texts),
    )
