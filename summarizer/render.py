"""Terminal rendering of results with rich: the summary and an event table."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .schema import ArticleSummary, Event, Role

__all__ = ["summary_view", "print_summary"]


def _who(event: Event) -> str:
    agents = [a.name for a in event.actors if a.role is Role.agent]
    targets = [a.name for a in event.actors if a.role is Role.target]
    return ", ".join(agents) + (f" → {', '.join(targets)}" if targets else "")


def _when(event: Event) -> str:
    if event.date.value is None:
        return event.date.text or "?"
    stamp = {"day": "%Y-%m-%d", "week": "wk of %Y-%m-%d", "month": "%Y-%m", "year": "%Y"}.get(
        event.date.precision.value, "%Y-%m-%d"
    )
    return event.date.value.strftime(stamp)


def summary_view(result: ArticleSummary) -> Group:
    """A panel with the summary and provenance, and a table with one row per event."""
    meta = result.article
    title = meta.title or meta.id
    byline = " · ".join(x for x in (meta.source, meta.published.isoformat() if meta.published else None) if x)
    usage = result.provenance.usage
    footer = Text(
        f"{len(result.events)} events · {result.provenance.backend}:{result.provenance.model} · "
        f"{usage.prompt_tokens}+{usage.completion_tokens} tokens · {result.provenance.attempts} calls "
        f"({result.provenance.cached_requests} cached) · {result.provenance.timings.total_s:.1f} s",
        style="dim",
    )
    panel = Panel(Text(result.summary), title=Text(title, style="bold"), subtitle=byline or None)
    table = Table(show_lines=True, expand=True)
    for column, options in (
        ("#", {"width": 3}),
        ("type", {}),
        ("when", {}),
        ("who", {"ratio": 2}),
        ("where", {"ratio": 1}),
        ("what", {"ratio": 3}),
        ("evidence", {"ratio": 4}),
    ):
        table.add_column(column, overflow="fold", **options)
    for event in result.events:
        evidence = " ".join(f"[{e.sentence_id}] {e.text}" for e in event.evidence)
        status = "" if event.status.value == "asserted" else f" ({event.status.value})"
        # Every cell is a Text, never a markup string: article words must not become rich markup.
        table.add_row(
            Text(event.id.lstrip("e")),
            Text(event.type.value + ("\n(historical)" if event.historical else "")),
            Text(_when(event)),
            Text(_who(event)),
            Text(", ".join(loc.name for loc in event.locations)),
            Text(event.description + status),
            Text(evidence, style="dim"),
        )
    return Group(panel, table, footer)


def print_summary(console: Console, result: ArticleSummary) -> None:
    """Print one result."""
    console.print(summary_view(result))
