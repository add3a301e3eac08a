"""A self-contained HTML page for a merged story: timeline, source matrix, conflicts, highlighted articles.

Python builds small view objects (dates formatted, conflicts looked up, each article text cut into
highlighted and plain segments); the Jinja2 template ``templates/report.html.j2`` only lays them out. The
template is autoescaped and never marks article-derived data ``|safe``, so text such as ``<script>``
renders as visible characters. The page loads nothing: styles are inline, there is no script, and a
Content-Security-Policy forbids every fetch.

The segmentation of an article into highlighted spans is ours (``report.segments``); templating is
Jinja2's.

The timeline chart is inline SVG whose geometry is computed here (``timeline_chart``: one lane per source,
one mark per source and story event at the date that source gives, conflicts in their own colour) and
drawn by the template. Hand-written on purpose: a charting library would bring JavaScript or a network
fetch into a page that must load nothing, and the chart is a few rectangles, lines and circles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

import jinja2

from ..core.formats import format_date
from ..core.schema import Actor, Evidence, Role, SourceReport, Status, StoryEvent, StoryReport
from .segments import Highlight, Segment, locate_evidence, segment_text

__all__ = ["render_html", "timeline_chart", "CHART_MARK", "CHART_CONFLICT"]

# Colours used only by the chart (a browser test looks for them in a screenshot).
CHART_MARK = "#1f6fd1"
CHART_CONFLICT = "#e4002b"


def _who(actors: list[Actor], written: bool) -> str:
    def names(role: Role) -> str:
        return ", ".join(a.name if written else a.canonical for a in actors if a.role is role)

    agents, targets, others = names(Role.agent), names(Role.target), names(Role.other)
    if agents:
        who = agents + (f" → {targets}" if targets else "")
    else:
        who = f"{targets} (target)" if targets else ""
    if others:
        who = f"{who} (with {others})" if who else others
    return who


@dataclass
class _SourceView:
    label: str
    event_id: str
    description: str
    status: str | None
    who: str
    where: str
    when: str
    numbers: str
    evidence: list[tuple[int, str]]
    anchor: str | None


@dataclass
class _StoryEventView:
    anchor: str
    id: str
    date: str
    type: str
    description: str
    where: str
    who: str
    historical: bool
    n_sources: int
    conflict: bool
    checks: list[dict[str, object]]
    sources: list[_SourceView]
    conflicts: list[tuple[str, str, str]]


@dataclass
class _ArticleView:
    anchor: str
    article_id: str
    label: str
    title: str | None
    url: str | None
    published: str | None
    summary: str | None
    segments: list[Segment]
    unlocated: list[str]
    highlighted: int


@dataclass
class _Cell:
    entries: list[dict[str, str | None]] = field(default_factory=list)


class _Index:
    """Lookups shared by the sections: labels of articles, anchors of story events and evidence."""

    def __init__(self, report: StoryReport) -> None:
        self.source: dict[str, str | None] = {a.article_id: a.source for a in report.articles}
        for s in report.summaries:
            self.source.setdefault(s.article.id, s.article.source)
        self.order = list(self.source)
        for event in report.story_events:
            for src in event.sources:
                if src.article_id not in self.source:
                    self.source[src.article_id] = src.source
                    self.order.append(src.article_id)
        # Ids made here, never from article data, so anchors are always valid and unique.
        self.article_anchor = {a: f"art-{i}" for i, a in enumerate(self.order)}
        self.event_anchor: dict[tuple[str, str], str] = {}
        self.story_anchor = {e.id: f"se-{i}" for i, e in enumerate(report.story_events)}
        self.conflict_anchor = {c.id: f"c-{i}" for i, c in enumerate(report.conflicts)}

    def label(self, article_id: str) -> str:
        source = self.source.get(article_id)
        return f"{source} ({article_id})" if source else article_id

    def evidence_anchor(self, article_id: str, event_id: str) -> str:
        key = (article_id, event_id)
        if key not in self.event_anchor:
            self.event_anchor[key] = f"ev-{len(self.event_anchor)}"
        return self.event_anchor[key]


def _status(status: Status) -> str | None:
    return None if status is Status.asserted else status.value


def _source_view(src: SourceReport, index: _Index, located: set[str]) -> _SourceView:
    anchor = index.evidence_anchor(src.article_id, src.event_id)
    return _SourceView(
        label=index.label(src.article_id),
        event_id=src.event_id,
        description=src.description,
        status=_status(src.status),
        who=_who(src.actors, written=True),
        where=", ".join(loc.name for loc in src.locations),
        when=src.date.text or "",
        numbers=", ".join(q.text for q in src.quantities),
        evidence=[(e.sentence_id, e.text) for e in src.evidence],
        anchor=anchor if anchor in located else None,
    )


def _article_views(report: StoryReport, index: _Index) -> tuple[list[_ArticleView], set[str]]:
    """Each article with its text cut into segments; also the evidence anchors that landed in a text."""
    summaries = {s.article.id: s for s in report.summaries}
    story_of = {(src.article_id, src.event_id): e for e in report.story_events for src in e.sources}
    # Every event of every article: the merged ones (via their sources) and any the merge left out.
    events: dict[str, dict[str, tuple[str, list[Evidence]]]] = {}
    for story in report.story_events:
        for src in story.sources:
            events.setdefault(src.article_id, {}).setdefault(src.event_id, (src.description, list(src.evidence)))
    for summary in report.summaries:
        for ev in summary.events:
            events.setdefault(summary.article.id, {}).setdefault(ev.id, (ev.description, list(ev.evidence)))

    views, located = [], set()
    for article_id in index.order:
        text = report.texts.get(article_id)
        summary = summaries.get(article_id)
        if text is None and summary is None:
            continue  # a failed article: listed in its own section
        spans, unlocated = [], []
        for event_id, (description, evidence) in events.get(article_id, {}).items():
            story = story_of.get((article_id, event_id))
            label = f"{story.id} · {story.type.value}: " if story else f"{event_id}: "
            anchor = index.evidence_anchor(article_id, event_id)
            for ev in evidence:
                where = locate_evidence(text, ev) if text else None
                if where is None:
                    unlocated.append(f"{event_id} sentence {ev.sentence_id}: {ev.text}")
                    continue
                spans.append(Highlight(where[0], where[1], label + description, anchor))
                located.add(anchor)
        meta = summary.article if summary else None
        views.append(
            _ArticleView(
                anchor=index.article_anchor[article_id],
                article_id=article_id,
                label=index.label(article_id),
                title=meta.title if meta else None,
                url=meta.url if meta else None,
                published=meta.published.isoformat() if meta and meta.published else None,
                summary=summary.summary if summary else None,
                segments=segment_text(text, spans) if text else [],
                unlocated=unlocated,
                highlighted=len(spans),
            )
        )
    return views, located


def _story_views(report: StoryReport, index: _Index, located: set[str]) -> list[_StoryEventView]:
    conflicts_of: dict[str, list[tuple[str, str, str]]] = {}
    for c in report.conflicts:
        for sid in c.story_event_ids:
            conflicts_of.setdefault(sid, []).append((index.conflict_anchor[c.id], c.id, c.description))
    views = []
    ordered = sorted(report.story_events, key=lambda e: (e.date.value is None, e.date.value or 0))
    for event in ordered:
        checks = [
            {
                "field": check.field,
                "verdict": check.verdict,
                "values": [(v.value, [index.label(a) for a in v.articles]) for v in check.values],
            }
            for check in event.checks
        ]
        views.append(
            _StoryEventView(
                anchor=index.story_anchor[event.id],
                id=event.id,
                date=format_date(event.date),
                type=event.type.value,
                description=event.description,
                where=", ".join(
                    f"{loc.canonical} ({loc.country})" if loc.country else loc.canonical for loc in event.locations
                ),
                who=_who(event.actors, written=False),
                historical=event.historical,
                n_sources=len({s.article_id for s in event.sources}),
                conflict=any(c.verdict == "conflict" for c in event.checks) or event.id in conflicts_of,
                checks=checks,
                sources=[_source_view(s, index, located) for s in event.sources],
                conflicts=conflicts_of.get(event.id, []),
            )
        )
    return views


def _matrix(index: _Index, columns: list[StoryEvent], located: set[str]) -> list[dict]:
    """One row per reporting article: for each story event, how (if at all) that article reports it."""
    rows = []
    for article_id in index.order:
        cells = []
        for event in columns:
            cell = _Cell()
            for src in event.sources:
                if src.article_id != article_id:
                    continue
                anchor = index.evidence_anchor(article_id, src.event_id)
                cell.entries.append(
                    {
                        "who": _who(src.actors, written=True) or src.event_id,
                        "status": _status(src.status),
                        "numbers": ", ".join(q.text for q in src.quantities),
                        "description": src.description,
                        "anchor": anchor if anchor in located else None,
                    }
                )
            cells.append(cell)
        if any(c.entries for c in cells):
            rows.append({"label": index.label(article_id), "anchor": index.article_anchor[article_id], "cells": cells})
    return rows


def timeline_chart(report: StoryReport, width: int = 1040) -> dict | None:
    """Geometry of the SVG timeline: a lane per source, a mark per source and dated story event, an axis."""
    index = _Index(report)
    conflicted = {sid for c in report.conflicts for sid in c.story_event_ids}
    marks: list[tuple[str, dt.date, StoryEvent, SourceReport]] = []
    for story in report.story_events:
        if story.historical:
            continue
        for src in story.sources:
            when = src.date.value or story.date.value
            if when is not None:
                marks.append((src.article_id, when, story, src))
    if not marks:
        return None
    lanes = [a for a in index.order if any(m[0] == a for m in marks)]
    left, right, top, lane_h = 190, 40, 16, 30
    first, last = min(m[1] for m in marks), max(m[1] for m in marks)
    span = max((last - first).days, 1)
    plot = width - left - right

    def x(day: dt.date) -> float:
        return round(left + plot / 2 if first == last else left + (day - first).days / span * plot, 1)

    bottom = top + lane_h * len(lanes)
    steps = min(span, 6)
    ticks = [first + dt.timedelta(days=round(i * span / steps)) for i in range(steps + 1)] if first != last else [first]
    story_conflict = {
        e.id: e.id in conflicted or any(c.verdict == "conflict" for c in e.checks) for e in report.story_events
    }
    # Story events a source dates to the same day sit side by side, not on top of each other.
    same_day: dict[tuple[str, dt.date], list[str]] = {}
    for article_id, when, story, _ in marks:
        same_day.setdefault((article_id, when), []).append(story.id)

    def shift(article_id: str, when: dt.date, story_id: str) -> float:
        group = same_day[(article_id, when)]
        return (group.index(story_id) - (len(group) - 1) / 2) * 16

    bands = sorted({(x(m[1]) + shift(m[0], m[1], m[2].id), m[2].id) for m in marks if story_conflict[m[2].id]})
    return {
        "width": width,
        "height": bottom + 44,
        "left": left,
        "right": width - right,
        "bottom": bottom,
        "mark": CHART_MARK,
        "conflict": CHART_CONFLICT,
        "lanes": [
            {"label": index.label(a), "y": top + lane_h * i + lane_h / 2, "line": top + lane_h * (i + 1)}
            for i, a in enumerate(lanes)
        ],
        "ticks": [{"x": x(t), "label": t.isoformat()} for t in dict.fromkeys(ticks)],
        "bands": [{"x": bx, "id": sid} for bx, sid in bands],
        "marks": [
            {
                "x": x(when) + shift(article_id, when, story.id),
                "y": top + lane_h * lanes.index(article_id) + lane_h / 2,
                "conflict": story_conflict[story.id],
                "title": f"{story.id} · {when.isoformat()} · {index.label(article_id)}: {src.description}",
                "anchor": index.story_anchor[story.id],
            }
            for article_id, when, story, src in marks
        ],
    }


@cache
def _template() -> jinja2.Template:
    # PackageLoader reads through importlib.resources, so the template is found in a wheel as well.
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("summarizer.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2")


def render_html(report: StoryReport) -> str:
    """Render a story report as one self-contained HTML page (no network, no scripts)."""
    index = _Index(report)
    articles, located = _article_views(report, index)
    stories = _story_views(report, index, located)
    columns = [s for s in stories if not s.historical] + [s for s in stories if s.historical]
    by_id = {e.id: e for e in report.story_events}
    conflicts = [
        {
            "anchor": index.conflict_anchor[c.id],
            "id": c.id,
            "field": c.field,
            "scope": "across sources" if c.scope == "across_sources" else "within one article",
            "description": c.description,
            "events": [(index.story_anchor.get(sid), sid) for sid in c.story_event_ids],
            "values": [(v.value, [index.label(a) for a in v.articles]) for v in c.values],
        }
        for c in report.conflicts
    ]
    failed = [
        {"label": index.label(a.article_id), "path": a.path, "error": a.error or "unknown error"}
        for a in report.articles
        if not a.ok
    ]
    return _template().render(
        summary=report.summary,
        n_articles=len(report.articles),
        timeline=[s for s in stories if not s.historical],
        # What several sources report leads, most widely reported first; single-source detail folds under it.
        shared=sorted((s for s in stories if not s.historical and s.n_sources > 1), key=lambda s: -s.n_sources),
        single=[s for s in stories if not s.historical and s.n_sources <= 1],
        background=[s for s in stories if s.historical],
        columns=columns,
        matrix=_matrix(index, [by_id[s.id] for s in columns], located),
        conflicts=conflicts,
        articles=articles,
        failed=failed,
        chart=timeline_chart(report),
    )
