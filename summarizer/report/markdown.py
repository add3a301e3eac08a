"""Markdown rendering of a merged story: disagreements and shared happenings first, then the rest.

The output is meant to be pasted into an issue, a wiki or a chat, so every piece of article-derived text is
escaped for CommonMark/GFM here: it is flattened to one line (it can never open a heading, list, quote or
code fence of its own), ``&``, ``<`` and ``>`` become entities (so ``<script>`` stays visible text), and
Markdown punctuation, ``|`` (table cells) and backticks are backslash-escaped. That escaper is ours because
no well-kept library escapes *for* Markdown; everything else is plain string assembly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.formats import format_date
from ..core.schema import (
    Actor,
    Conflict,
    FieldCheck,
    Location,
    Role,
    SourceReport,
    SourceValue,
    Status,
    StoryEvent,
    StoryReport,
)

__all__ = ["render_markdown", "escape_markdown"]

# ASCII punctuation that can start or end inline Markdown constructs (emphasis, links, code, tables,
# strikethrough, headings). CommonMark lets any ASCII punctuation be backslash-escaped, so over-escaping
# is harmless; under-escaping is not.
_INLINE = re.compile(r"([\\`*_{}\[\]#|~!])")
# What would start a block (list item, quote, setext underline, ordered list) at the start of a line.
_BLOCK_START = re.compile(r"^([-+>=])")
# An ordered-list marker ("2. ", "3) "): its punctuation is escaped, not its digits (a backslash before a digit
# is no escape in CommonMark and would show in the text; "2.9 aftershock" starts no list at all).
_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
_WHITESPACE = re.compile(r"\s+")


def escape_markdown(text: str | None) -> str:
    """Return ``text`` as one line of inert Markdown: no structure, no HTML, every character visible."""
    if not text:
        return ""
    flat = _WHITESPACE.sub(" ", text).strip()
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _INLINE.sub(r"\\\1", flat)
    return _ORDERED_START.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", flat))


def _sorted_by_date(events: Iterable[StoryEvent]) -> list[StoryEvent]:
    # Stable: events without a date keep their merge order, after the dated ones.
    return sorted(events, key=lambda e: (e.date.value is None, e.date.value or 0))


def _actors(actors: list[Actor], written: bool = False) -> str:
    parts = []
    for actor in actors:
        name = escape_markdown(actor.name if written else actor.canonical)
        parts.append(name if actor.role is Role.other else f"{name} ({actor.role.value})")
    return ", ".join(parts) or "—"


def _places(locations: list[Location], written: bool = False) -> str:
    parts = []
    for loc in locations:
        name = escape_markdown(loc.name if written else loc.canonical)
        parts.append(f"{name} ({escape_markdown(loc.country)})" if loc.country and not written else name)
    return ", ".join(parts) or "—"


class _Labels:
    """How an article is named in the report: its outlet and its id."""

    def __init__(self, report: StoryReport) -> None:
        self._source = {a.article_id: a.source for a in report.articles}
        for s in report.summaries:
            self._source.setdefault(s.article.id, s.article.source)

    def article(self, article_id: str) -> str:
        source = self._source.get(article_id)
        ident = escape_markdown(article_id)
        return f"{escape_markdown(source)} ({ident})" if source else ident


def _values(values: list[SourceValue], labels: _Labels) -> str:
    return "; ".join(f"{escape_markdown(v.value)} — {', '.join(labels.article(a) for a in v.articles)}" for v in values)


def _check_row(check: FieldCheck, labels: _Labels) -> str:
    verdict = {"agree": "✅ agree", "conflict": "⚠️ **CONFLICT**", "single_source": "single source"}[check.verdict]
    return f"| {check.field} | {verdict} | {_values(check.values, labels)} |"


def _source_lines(source: SourceReport, labels: _Labels) -> list[str]:
    status = "" if source.status is Status.asserted else f" *({source.status.value})*"
    lines = [
        f"- **{labels.article(source.article_id)}**, event {escape_markdown(source.event_id)}{status}: "
        f"{escape_markdown(source.description)}",
        f"  - as written: who {_actors(source.actors, written=True)}; where "
        f"{_places(source.locations, written=True)}; when {escape_markdown(source.date.text) or '—'}"
        + (f"; numbers {', '.join(escape_markdown(q.text) for q in source.quantities)}" if source.quantities else ""),
    ]
    for evidence in source.evidence:
        lines.append(f"  > “{escape_markdown(evidence.text)}” (sentence {evidence.sentence_id})")
        lines.append("")  # a blank line ends the quote, so the next source starts a new list item
    return lines


def _story_event(event: StoryEvent, conflicts: list[Conflict], labels: _Labels) -> list[str]:
    disputed = [c for c in event.checks if c.verdict == "conflict"]
    flag = " — ⚠️ CONFLICT" if disputed or conflicts else ""
    lines = [
        f"### {escape_markdown(format_date(event.date))} · {event.type.value} · {escape_markdown(event.id)}{flag}",
        "",
        f"**{escape_markdown(event.description)}**",
        "",
        f"- **Where:** {_places(event.locations)}",
        f"- **Who:** {_actors(event.actors)}",
        f"- **Reported by:** {len({s.article_id for s in event.sources})} source(s)",
    ]
    for conflict in conflicts:
        lines.append(
            f"- ⚠️ **Conflict {escape_markdown(conflict.id)} ({conflict.field}):** "
            f"{escape_markdown(conflict.description)}"
        )
    lines += ["", "Sources:", ""]
    for source in event.sources:
        lines += _source_lines(source, labels)
    if event.checks:
        if lines[-1]:
            lines.append("")  # a table needs a blank line before it
        lines += ["| Field | Verdict | Values — sources |", "|---|---|---|"]
        lines += [_check_row(check, labels) for check in event.checks]
        lines.append("")
    return lines


def _conflict(conflict: Conflict, labels: _Labels) -> list[str]:
    scope = "across sources" if conflict.scope == "across_sources" else "within one article"
    events = ", ".join(escape_markdown(i) for i in conflict.story_event_ids) or "—"
    lines = [
        f"### ⚠️ {escape_markdown(conflict.id)} · {conflict.field} · {scope}",
        "",
        f"{escape_markdown(conflict.description)} (story events: {events})",
        "",
    ]
    for value in conflict.values:
        sources = ", ".join(labels.article(a) for a in value.articles)
        lines.append(f"- **{escape_markdown(value.value)}** — {sources}")
    lines.append("")
    return lines


def _sources(event: StoryEvent) -> int:
    return len({s.article_id for s in event.sources})


def render_markdown(report: StoryReport) -> str:
    """Render a story report that leads with what matters: the disagreements and the happenings several
    sources report; single-source detail and background follow, then failed articles."""
    labels = _Labels(report)
    conflicts_of: dict[str, list[Conflict]] = {}
    for conflict in report.conflicts:
        for story_event_id in conflict.story_event_ids:
            conflicts_of.setdefault(story_event_id, []).append(conflict)
    ordered = _sorted_by_date(report.story_events)
    current = [e for e in ordered if not e.historical]
    # Most widely reported first; among equals, date order (a stable sort of the dated list).
    shared = sorted((e for e in current if _sources(e) > 1), key=lambda e: -_sources(e))
    single = [e for e in current if _sources(e) <= 1]
    background = [e for e in ordered if e.historical]
    failed = [a for a in report.articles if not a.ok]

    lines = ["# Story report", "", escape_markdown(report.summary) or "*(no summary)*", ""]
    lines += [
        f"*{len(report.articles)} article(s), {len(failed)} failed · {len(current)} story event(s), "
        f"{len(shared)} reported by several sources, {len(background)} background · "
        f"{len(report.conflicts)} conflict(s)*",
        "",
        "## Disagreements",
        "",
    ]
    if not report.conflicts:
        lines += ["*(the sources do not contradict each other)*", ""]
    for conflict in report.conflicts:
        lines += _conflict(conflict, labels)
    lines += ["## Reported by several sources", ""]
    if not shared:
        lines += ["*(no happening is reported by more than one source)*", ""]
    for event in shared:
        lines += _story_event(event, conflicts_of.get(event.id, []), labels)
    if single:
        lines += ["## Reported by one source", "", "*In date order.*", ""]
        for event in single:
            lines += _story_event(event, conflicts_of.get(event.id, []), labels)
    if background:
        lines += ["## Background", "", "*Events the sources place well before the story.*", ""]
        for event in background:
            lines += _story_event(event, conflicts_of.get(event.id, []), labels)
    if failed:
        lines += ["## Failed articles", ""]
        for article in failed:
            where = f" from {escape_markdown(article.path)}" if article.path else ""
            lines.append(f"- **{labels.article(article.article_id)}**{where}: {escape_markdown(article.error)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
