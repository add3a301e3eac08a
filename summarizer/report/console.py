"""Terminal rendering of results with rich: the summary and an event table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..core.formats import format_date
from ..core.schema import ArticleSummary, Event, Role, StoryEvent, StoryReport
from ..eval.results import DOMAIN_METRICS

if TYPE_CHECKING:
    from ..eval.results import CaseSuiteReport, EvalReport, PooledReport

__all__ = ["summary_view", "print_summary", "print_story", "print_eval", "print_pooled", "print_cases"]


def _who(event: Event) -> str:
    agents = [a.name for a in event.actors if a.role is Role.agent]
    targets = [a.name for a in event.actors if a.role is Role.target]
    if not agents:  # as the HTML report says it: "Iranian forces (target)", not " → Iranian forces"
        return f"{', '.join(targets)} (target)" if targets else ""
    return ", ".join(agents) + (f" → {', '.join(targets)}" if targets else "")


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
            Text(format_date(event.date, "stamp")),
            Text(_who(event)),
            Text(", ".join(loc.name for loc in event.locations)),
            Text(event.description + status),
            Text(evidence, style="dim"),
        )
    return Group(panel, table, footer)


# Below this many columns (a pipe or a log gets 80) the seven-column table folds every cell to a few
# characters (six events took 410 lines): each event is printed as a short block instead.
_TABLE_MIN_WIDTH = 110


def compact_view(result: ArticleSummary) -> Group:
    """The summary and one block per event ("3  legal · 2011-08-09 · claimed", then who, where, what and the
    evidence on their own lines): readable at any width."""
    meta = result.article
    byline = " · ".join(x for x in (meta.source, meta.published.isoformat() if meta.published else None) if x)
    parts: list[Text] = [Text(meta.title or meta.id, style="bold")]
    if byline:
        parts.append(Text(byline, style="dim"))
    parts += [Text(result.summary), Text("")]
    for event in result.events:
        head = [event.type.value, format_date(event.date, "stamp")]
        if event.status.value != "asserted":
            head.append(event.status.value)
        if event.historical:
            head.append("historical")
        lines = [Text(f"{event.id.lstrip('e'):>3}  " + " · ".join(head), style="bold")]
        for label, value in (
            ("who", _who(event)),
            ("where", ", ".join(loc.name for loc in event.locations)),
            ("what", event.description),
        ):
            if value:
                lines.append(Text(f"     {label + ':':7}{value}"))
        for evidence in event.evidence:
            lines.append(Text(f"     [{evidence.sentence_id}] {evidence.text}", style="dim"))
        parts += [*lines, Text("")]
    usage = result.provenance.usage
    parts.append(
        Text(
            f"{len(result.events)} events · {result.provenance.backend}:{result.provenance.model} · "
            f"{usage.prompt_tokens}+{usage.completion_tokens} tokens · {result.provenance.timings.total_s:.1f} s",
            style="dim",
        )
    )
    return Group(*parts)


def print_summary(console: Console, result: ArticleSummary) -> None:
    """Print one result: the table on a wide terminal, one block per event on a narrow one or a pipe."""
    console.print(summary_view(result) if console.width >= _TABLE_MIN_WIDTH else compact_view(result))


def _story_table(title: str, stories: list[StoryEvent]) -> Table:
    table = Table(show_lines=False, expand=True, title=title)
    for column, options in (
        ("id", {"width": 4}),
        ("when", {}),
        ("type", {}),
        ("what", {"ratio": 4}),
        ("where", {"ratio": 2}),
        ("sources", {"ratio": 2}),
        ("checks", {"ratio": 2}),
    ):
        table.add_column(column, overflow="fold", **options)
    for story in stories:
        disputed = [c.field for c in story.checks if c.verdict == "conflict"]
        table.add_row(
            Text(story.id),
            Text(format_date(story.date, "stamp") + (" (bg)" if story.historical else "")),
            Text(story.type.value),
            Text(story.description),
            Text(", ".join(loc.canonical for loc in story.locations[:3])),
            Text(", ".join(sorted({s.source or s.article_id for s in story.sources}))),
            Text("conflict: " + ", ".join(disputed), style="bold red") if disputed else Text(""),
        )
    return table


def _story_blocks(title: str, stories: list[StoryEvent]) -> Group:
    """``_story_table`` for a narrow console: one short block per story event ("s3  disaster · 2013-03-14",
    then what, where, sources and what is disputed on their own lines)."""
    parts: list[Text] = [Text(title, style="bold underline"), Text("")]
    for story in stories:
        head = [story.type.value, format_date(story.date, "stamp") + (" (bg)" if story.historical else "")]
        parts.append(Text(f"{story.id:>4}  " + " · ".join(head), style="bold"))
        disputed = [c.field for c in story.checks if c.verdict == "conflict"]
        for label, value in (
            ("what", story.description),
            ("where", ", ".join(loc.canonical for loc in story.locations[:3])),
            ("by", ", ".join(sorted({s.source or s.article_id for s in story.sources}))),
        ):
            if value:
                parts.append(Text(f"      {label + ':':7}{value}"))
        if disputed:
            parts.append(Text("      conflict: " + ", ".join(disputed), style="bold red"))
        parts.append(Text(""))
    return Group(*parts)


def _conflict_blocks(report: StoryReport) -> Group:
    """The disagreements for a narrow console: what differs, then each value with who says it."""
    parts: list[Text] = [Text("disagreements", style="bold underline"), Text("")]
    for conflict in report.conflicts:
        parts.append(Text(f"{conflict.id:>4}  {conflict.field}: {conflict.description}", style="bold"))
        parts += [Text(f"      {v.value} — {', '.join(v.articles)}") for v in conflict.values]
        parts.append(Text(""))
    return Group(*parts)


def print_story(console: Console, report: StoryReport) -> None:
    """Print what matters first: the summary, the disagreements, the happenings several sources report;
    then single-source happenings (in date order), and background only as a count. Tables on a wide
    console, one block per story event on a narrow one or a pipe."""
    console.print(Panel(Text(report.summary), title=Text("story", style="bold")))
    wide = console.width >= _TABLE_MIN_WIDTH
    stories = _story_table if wide else _story_blocks
    if report.conflicts and not wide:
        console.print(_conflict_blocks(report))
    elif report.conflicts:
        conflicts = Table(expand=True, title="disagreements")
        for column in ("id", "field", "about", "values"):
            conflicts.add_column(column, overflow="fold")
        for conflict in report.conflicts:
            values = "\n".join(f"{v.value} — {', '.join(v.articles)}" for v in conflict.values)
            conflicts.add_row(Text(conflict.id), Text(conflict.field), Text(conflict.description), Text(values))
        console.print(conflicts)

    def reach(story: StoryEvent) -> int:
        return len({s.article_id for s in story.sources})

    current = [s for s in report.story_events if not s.historical]
    shared = sorted((s for s in current if reach(s) > 1), key=lambda s: -reach(s))  # stable: date order kept
    single = [s for s in current if reach(s) <= 1]
    background = len(report.story_events) - len(current)
    if shared:
        console.print(stories("reported by several sources", shared))
    if single:
        console.print(stories("reported by one source", single))
    if background:
        console.print(Text(f"{background} background event(s) (well before the story): see the story report files."))


def print_eval(console: Console, report: EvalReport) -> None:
    """Print per-article and overall eval scores."""
    table = Table(title=f"eval {report.suite} ({report.mode}, {report.backend}:{report.model})", expand=True)
    for column in (
        "article",
        "pred",
        "gold",
        "P",
        "R",
        "F1",
        "strict F1",
        "core R",
        "dates",
        "types",
        "grounded",
        "tokens",
        "calls",
        "s",
    ):
        table.add_column(column, justify="right" if column != "article" else "left")

    def pct(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    for run in report.articles:
        score = run.score
        if score is None or not run.ok:
            table.add_row(Text(run.article_id), *[Text("failed", style="red")] + [Text("")] * 12)
            continue
        table.add_row(
            Text(run.article_id[:12]),
            str(score.predicted),
            str(score.gold),
            pct(score.precision),
            pct(score.recall),
            pct(score.f1),
            pct(score.strict_f1),
            pct(score.core_recall),
            pct(score.date_accuracy),
            pct(score.type_accuracy),
            pct(score.grounding_rate),
            str(run.prompt_tokens + run.completion_tokens),
            str(run.attempts),
            f"{run.seconds:.0f}",
        )
    console.print(table)
    console.print(
        _overall(f"overall {report.suite}", report.headline, {n: b.headline for n, b in report.baselines.items()})
    )


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.3f}" if value < 100 else f"{value:.0f}"


def _overall(title: str, headline: dict[str, float], floors: dict[str, dict[str, float]]) -> Table:
    """Headline metrics beside what each trivial predictor scores under the same matching."""
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name in floors:
        table.add_column(f"{name} (trivial)", justify="right", style="dim")
    for metric, value in headline.items():
        table.add_row(metric, _number(value), *[_number(floors[n].get(metric)) for n in floors])
    return table


def print_pooled(console: Console, report: PooledReport) -> None:
    """Print each suite's outcome and the headline pooled over every scored suite."""
    if len(report.suites) > 1 or any(o.report is None for o in report.suites):
        for outcome in report.suites:
            if outcome.report is None:
                console.print(Text(f"{outcome.folder}: not scored: {outcome.error}", style="red"))
        if report.headline:
            console.print(_overall("pooled over all scored suites", report.headline, report.baselines))
        if len(report.domains) > 1:
            console.print(_by_domain(report.domains))


def _by_domain(domains: dict[str, dict[str, float]]) -> Table:
    """The domain metrics side by side: one column per news domain."""
    table = Table(title="pooled by news domain")
    table.add_column("metric")
    for name in domains:
        table.add_column(name, justify="right")
    for metric in DOMAIN_METRICS:
        table.add_row(metric, *[_number(values.get(metric)) for values in domains.values()])
    return table


def print_cases(console: Console, report: CaseSuiteReport) -> None:
    """Print PASS / FAIL per case and every failed expectation, expected vs got."""
    styles = {"pass": "green", "fail": "bold red", "not_recorded": "yellow"}
    for case in report.cases:
        console.print(Text(f"{case.status.upper().replace('_', ' '):>12}  {case.case}", style=styles[case.status]))
        for check in case.checks:
            if not check.ok:
                console.print(
                    Text(
                        " " * 14 + f"{check.where}: {check.expectation}: expected {check.expected!r}, got {check.got!r}"
                    )
                )
    passed = sum(c.status == "pass" for c in report.cases)
    console.print(Text(f"{passed} of {len(report.cases)} cases pass; {report.failed} fail", style="bold"))
