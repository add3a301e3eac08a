"""Checking a merge case's expectations: story events that hold their members, field checks, conflicts.

Pure functions over a StoryReport, no I/O; each expectation becomes ``Check`` lines as in
summarizer.eval.case_checks, whose event and place matching they share.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.schema import FieldCheck, StoryReport
from .case_checks import Check, events_citing, named_in
from .case_spec import ConflictSpec, FieldCheckSpec, StorySpec

__all__ = ["check_story", "check_conflict"]


def _member_ids(report: StoryReport, article: str, phrase: str) -> set[str]:
    summary = next((s for s in report.summaries if s.article.id == article), None)
    return {e.id for e in events_citing(summary.events, phrase)} if summary else set()


def _values_match(expected: dict[str, str], values: Iterable) -> bool:
    return all(any(v.value == value and article in v.articles for v in values) for article, value in expected.items())


def _show_values(values: Iterable) -> str:
    return "; ".join(f"{v.value} ({', '.join(v.articles)})" for v in values) or "none"


def check_story(spec: StorySpec, report: StoryReport, where: str = "story") -> list[Check]:
    """Check that one story event holds every member, and its places and per-field checks."""
    members = " + ".join(f"{a}: {p!r}" for m in spec.members for a, p in m.items())
    label = f"{where} [{members}]"
    wanted = [(a, _member_ids(report, a, p)) for m in spec.members for a, p in m.items()]
    story = next(
        (
            s
            for s in report.story_events
            if all(any((x.article_id, x.event_id) in {(a, i) for i in ids} for x in s.sources) for a, ids in wanted)
        ),
        None,
    )
    if story is None:
        holding = sorted(
            {
                s.id
                for s in report.story_events
                for x in s.sources
                for a, ids in wanted
                if x.article_id == a and x.event_id in ids
            }
        )
        return [
            Check(
                where=label,
                expectation="one story event holds all members",
                expected=members,
                got=f"members are in story events {', '.join(holding) or 'none'}",
                ok=False,
            )
        ]
    checks = [
        Check(where=label, expectation="one story event holds all members", expected=members, got=story.id, ok=True)
    ]
    for name in spec.locations_include:
        got = ", ".join(loc.canonical for loc in story.locations) or "no locations"
        ok = named_in(name, [x for loc in story.locations for x in (loc.name, loc.canonical)])
        checks.append(
            Check(where=f"{label} {story.id}", expectation="locations_include", expected=name, got=got, ok=ok)
        )
    for field, want in spec.checks.items():
        candidates = [c for c in story.checks if c.field == field]

        expected = ", ".join(
            x for x in (want.verdict, want.values and str(want.values), want.value and f"value {want.value}") if x
        )
        got = " / ".join(f"{c.verdict}: {_show_values(c.values)}" for c in candidates) or f"no {field} check"
        checks.append(
            Check(
                where=f"{label} {story.id}",
                expectation=f"check {field}",
                expected=expected,
                got=got,
                ok=any(_check_meets(want, c) for c in candidates),
            )
        )
    return checks


def _check_meets(want: FieldCheckSpec, check: FieldCheck) -> bool:
    return (
        (want.verdict is None or check.verdict == want.verdict)
        and (want.values is None or _values_match(want.values, check.values))
        and (want.value is None or any(v.value == want.value for v in check.values))
    )


def check_conflict(spec: ConflictSpec, report: StoryReport, where: str = "conflicts") -> Check:
    """Check that the merge reports a conflict on the field, scope and values given."""
    found = any(
        c.field == spec.field and (spec.scope is None or c.scope == spec.scope) and _values_match(spec.values, c.values)
        for c in report.conflicts
    )
    got = "; ".join(f"{c.field} {c.scope}: {_show_values(c.values)}" for c in report.conflicts) or "no conflicts"
    expected = f"{spec.field} {spec.scope or ''}: {spec.values}"
    return Check(where=where, expectation="conflicts_include", expected=expected, got=got, ok=found)
