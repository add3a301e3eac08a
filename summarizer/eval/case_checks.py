"""Checking a case's expectations: pure functions over ArticleSummary / StoryReport values, no I/O.

Every expectation becomes one or more ``Check`` lines (what was expected, what the output gave, pass or
fail), so a failure reads as "expected X, got Y". How events are found and compared:

- An event expectation applies to the events whose evidence contains ``evidence_contains`` (exact,
  case-sensitive). ``type``/``type_in``, ``status``/``status_in``, ``date``, ``historical``,
  ``locations_include`` and ``evidence_text_equals`` must all hold for ONE of those events (a sentence may
  also carry another event, e.g. a "said on Wednesday" statement next to a planned restart);
  ``quantities_include`` may be met by any of them (a toll may sit on a second event of the sentence);
  ``quantities_exclude`` and ``locations_exclude`` must hold for all of them. ``optional`` expectations
  pass when no event cites the sentence.
- A quantity matches on kind and value (the lower bound of a range), and on unit (case-insensitive) and
  ``text_contains`` (case-sensitive, within the quantity's words) where given.
- A place is named when the expected name, folded as in summarizer.text.names, is the location's name or
  canonical or a whole-word part of either.
- Type names are a careful reader's: ``case_spec.READER_TYPES`` maps them onto the project's EventType vocabulary
  (documented in evals/cases/README.md); an unmapped name fails the check rather than being guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..core.schema import ArticleMeta, ArticleSummary, Event, FrozenModel, Quantity
from ..text.names import fold
from .case_spec import (
    ArticleSpec,
    EventSpec,
    NeverCheck,
    QuantitySpec,
    SentenceStart,
    SummarySpec,
    reader_type,
)

__all__ = [
    "Check",
    "events_citing",
    "check_event",
    "check_article",
    "check_sentences",
    "check_summary",
    "check_never",
    "named_in",
    "check_no_chars",
    "check_evidence_contains_any",
    "char_range",
]


class Check(FrozenModel):
    """One checked expectation."""

    where: str
    expectation: str
    expected: str
    got: str
    ok: bool


def events_citing(events: Sequence[Event], phrase: str) -> list[Event]:
    """The events with an evidence sentence that contains ``phrase`` (case-sensitive)."""
    return [e for e in events if any(phrase in ev.text for ev in e.evidence)]


def named_in(name: str, written: Iterable[str]) -> bool:
    """True when ``name``, folded, is one of ``written`` or a whole-word part of one (see the module docstring)."""
    want = fold(name)
    for value in written:
        have = fold(value)
        if have == want or re.search(rf"(?<!\w){re.escape(want)}(?!\w)", have):
            return True
    return False


def _place_named(event: Event, name: str) -> bool:
    return named_in(name, [x for loc in event.locations for x in (loc.name, loc.canonical)])


def _quantity_matches(q: Quantity, spec: QuantitySpec) -> bool:
    return (
        q.kind == spec.kind
        and q.value == spec.value
        and (spec.unit is None or q.unit.casefold() == spec.unit.casefold())
        and (spec.text_contains is None or spec.text_contains in q.text)
    )


def _show_quantity(spec: QuantitySpec) -> str:
    extra = "".join(f", {k} {v!r}" for k, v in (("unit", spec.unit), ("text", spec.text_contains)) if v)
    return f"{spec.kind.value} {spec.value:g}{extra}"


def _show_quantities(events: Iterable[Event]) -> str:
    shown = [f"{e.id}: {q.kind.value} {q.value:g} {q.unit} ({q.text!r})" for e in events for q in e.quantities]
    return "; ".join(shown) or "no quantities"


def _per_event(spec: EventSpec, event: Event) -> list[tuple[str, str, str, bool]]:
    """(expectation, expected, got, ok) for every field that must hold of one event."""
    out = []
    if spec.type is not None or spec.type_in is not None:
        wanted = [spec.type] if spec.type is not None else list(spec.type_in or [])
        mapped = [reader_type(t) for t in wanted]
        shown = " | ".join(
            f"{t} (= {m.value})" if m and m.value != t else t for t, m in zip(wanted, mapped, strict=True)
        )
        ok = all(m is not None for m in mapped) and event.type in mapped
        if any(m is None for m in mapped):
            shown += " [unmapped reader type: add it to READER_TYPES]"
        out.append(("type", shown, event.type.value, ok))
    if spec.status is not None or spec.status_in is not None:
        wanted_status = [spec.status] if spec.status is not None else list(spec.status_in or [])
        out.append(
            ("status", " | ".join(s.value for s in wanted_status), event.status.value, event.status in wanted_status)
        )
    if spec.date is not None:
        expected = f"{spec.date.value} ({spec.date.precision.value})"
        got = f"{event.date.value} ({event.date.precision.value}, text {event.date.text!r})"
        ok = event.date.value == spec.date.value and event.date.precision == spec.date.precision
        out.append(("date", expected, got, ok))
    if spec.historical is not None:
        out.append(("historical", str(spec.historical), str(event.historical), event.historical == spec.historical))
    for name in spec.locations_include:
        got = ", ".join(f"{loc.name} ({loc.canonical})" for loc in event.locations) or "no locations"
        out.append((f"locations_include {name}", name, got, _place_named(event, name)))
    if spec.evidence_text_equals is not None:
        texts = [ev.text for ev in event.evidence]
        out.append(
            ("evidence_text_equals", spec.evidence_text_equals, " | ".join(texts), spec.evidence_text_equals in texts)
        )
    return out


def check_event(spec: EventSpec, events: Sequence[Event], where: str) -> list[Check]:
    """Check one event expectation against an article's events."""
    label = f"{where} event [{spec.evidence_contains}]"
    found = events_citing(events, spec.evidence_contains)
    if not found:
        if spec.optional:
            return [
                Check(where=label, expectation="optional event", expected="if extracted", got="not extracted", ok=True)
            ]
        return [
            Check(
                where=label,
                expectation="an event cites the sentence",
                expected=spec.evidence_contains,
                got=f"no event cites it ({len(events)} events)",
                ok=False,
            )
        ]
    # The event that meets most of the per-event expectations stands for the sentence.
    scored = [(e, _per_event(spec, e)) for e in found]
    best, lines = min(scored, key=lambda pair: sum(not ok for *_, ok in pair[1]))
    checks = [
        Check(where=f"{label} {best.id}", expectation=x, expected=exp, got=got, ok=ok) for x, exp, got, ok in lines
    ]
    for q in spec.quantities_include:
        ok = any(_quantity_matches(have, q) for e in found for have in e.quantities)
        checks.append(
            Check(
                where=label,
                expectation="quantities_include",
                expected=_show_quantity(q),
                got=_show_quantities(found),
                ok=ok,
            )
        )
    for q in spec.quantities_exclude:
        ok = not any(_quantity_matches(have, q) for e in found for have in e.quantities)
        checks.append(
            Check(
                where=label,
                expectation="quantities_exclude",
                expected=f"no {_show_quantity(q)}",
                got=_show_quantities(found),
                ok=ok,
            )
        )
    for name in spec.locations_exclude:
        bad = [f"{e.id}: {loc.name}" for e in found for loc in e.locations if named_in(name, [loc.name, loc.canonical])]
        checks.append(
            Check(
                where=label,
                expectation="locations_exclude",
                expected=f"no {name}",
                got="; ".join(bad) or "none",
                ok=not bad,
            )
        )
    return checks


def check_article(spec: ArticleSpec, meta: ArticleMeta, where: str = "article") -> list[Check]:
    """Check the article metadata keys that the spec gives."""
    checks = []
    for key in sorted(spec.model_fields_set):
        expected, got = getattr(spec, key), getattr(meta, key)
        checks.append(Check(where=where, expectation=key, expected=str(expected), got=str(got), ok=expected == got))
    return checks


def check_sentences(spec: list[str] | SentenceStart, sentences: Sequence[str], where: str = "sentences") -> list[Check]:
    """Check the body's segmentation: every sentence exactly and in order, or how the first one starts."""
    if isinstance(spec, SentenceStart):
        first = sentences[0] if sentences else ""
        return [
            Check(
                where=where,
                expectation="first sentence starts with",
                expected=spec.first_sentence_starts_with,
                got=first,
                ok=first.startswith(spec.first_sentence_starts_with),
            )
        ]
    checks = [
        Check(
            where=where,
            expectation="sentence count",
            expected=str(len(spec)),
            got=str(len(sentences)),
            ok=len(spec) == len(sentences),
        )
    ]
    for n, want in enumerate(spec, start=1):
        got = sentences[n - 1] if n <= len(sentences) else "(none)"
        checks.append(Check(where=where, expectation=f"sentence {n}", expected=want, got=got, ok=want == got))
    return checks


def check_summary(spec: SummarySpec, summary: str, where: str = "summary") -> list[Check]:
    """Check the words the summary must and must not contain (case-insensitive)."""
    text = summary.casefold()
    checks = []
    if spec.must_mention_any:
        ok = any(w.casefold() in text for w in spec.must_mention_any)
        checks.append(
            Check(
                where=where,
                expectation="must_mention_any",
                expected=" | ".join(spec.must_mention_any),
                got=summary,
                ok=ok,
            )
        )
    for word in spec.must_mention_all:
        checks.append(
            Check(where=where, expectation="must_mention", expected=word, got=summary, ok=word.casefold() in text)
        )
    for word in spec.must_not_contain:
        checks.append(
            Check(
                where=where,
                expectation="must_not_contain",
                expected=f"no {word!r}",
                got=summary,
                ok=word.casefold() not in text,
            )
        )
    return checks


def check_never(line: str, rule: NeverCheck | None, summary: ArticleSummary, where: str = "never") -> list[Check]:
    """Check one prose ``never`` line through its checkable form (a line without one fails)."""
    if rule is None:
        return [
            Check(
                where=where,
                expectation=line,
                expected="a checkable form in evals/cases/never.yaml",
                got="none",
                ok=False,
            )
        ]
    checks = []
    if rule.quantity_value is not None:
        bad = [
            f"{e.id}: {q.kind.value} {q.value:g} ({q.text!r})"
            for e in summary.events
            for q in e.quantities
            if rule.quantity_value in (q.value, q.upper)
        ]
        checks.append(
            Check(
                where=where,
                expectation=line,
                expected=f"no quantity {rule.quantity_value:g}",
                got="; ".join(bad) or "none",
                ok=not bad,
            )
        )
    if rule.event_evidence_contains is not None:
        bad_events = events_citing(summary.events, rule.event_evidence_contains)
        checks.append(
            Check(
                where=where,
                expectation=line,
                expected=f"no event from {rule.event_evidence_contains!r}",
                got="; ".join(f"{e.id}: {e.description}" for e in bad_events) or "none",
                ok=not bad_events,
            )
        )
    if rule.names_any:
        bad = []
        for e in summary.events:
            written = [x for a in e.actors for x in (a.name, a.canonical)]
            written += [x for loc in e.locations for x in (loc.name, loc.canonical)] + [e.description]
            bad += [f"{e.id}: {name}" for name in rule.names_any if named_in(name, written)]
        checks.append(
            Check(
                where=where,
                expectation=line,
                expected="none of " + ", ".join(rule.names_any),
                got="; ".join(bad) or "none",
                ok=not bad,
            )
        )
    return checks


def char_range(spec: str) -> tuple[int, int]:
    """``"U+0080-U+009F"`` -> (0x80, 0x9F)."""
    match = re.fullmatch(r"\s*U\+([0-9A-Fa-f]+)\s*-\s*U\+([0-9A-Fa-f]+)\s*", spec)
    if not match:
        raise ValueError(f"character range {spec!r} is not written as U+XXXX-U+YYYY")
    return int(match.group(1), 16), int(match.group(2), 16)


def check_no_chars(spec: str, texts: Sequence[str], what: str, where: str = "encoding") -> Check:
    """No text has a character in the range ``spec``."""
    low, high = char_range(spec)
    bad = sorted({f"U+{ord(ch):04X}" for t in texts for ch in t if low <= ord(ch) <= high})
    return Check(
        where=where,
        expectation=f"{what} has no chars in {spec}",
        expected="none",
        got=", ".join(bad) or "none",
        ok=not bad,
    )


def check_evidence_contains_any(words: Sequence[str], events: Sequence[Event], where: str = "encoding") -> Check:
    """Some evidence sentence contains one of ``words`` exactly (curly quotes and all)."""
    texts = [ev.text for e in events for ev in e.evidence]
    ok = any(w in t for t in texts for w in words)
    return Check(
        where=where,
        expectation="evidence_text_contains_any",
        expected=" | ".join(words),
        got=" | ".join(dict.fromkeys(texts)) or "no evidence",
        ok=ok,
    )
