"""The shape of a case's ``expect.yaml`` (see evals/cases/README.md), and its loader.

A case is a small article (or two, for a merge) with the values a careful reader expects of the output.
Keys are closed (``extra="forbid"``): a key the checker does not understand fails loudly instead of
being skipped silently.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError, field_validator

from ..core.errors import InputError, first_problem
from ..core.schema import EventType, FrozenModel, MergeField, Precision, QuantityKind, Status, Verdict

__all__ = [
    "READER_TYPES",
    "reader_type",
    "QuantitySpec",
    "DateSpec",
    "EventSpec",
    "ArticleSpec",
    "SentenceStart",
    "SummarySpec",
    "FieldCheckSpec",
    "StorySpec",
    "ConflictSpec",
    "Expect",
    "CommandSpec",
    "InputSpec",
    "CaseSpec",
    "NeverCheck",
    "load_case",
    "load_never",
]


class QuantitySpec(FrozenModel):
    """A quantity an event must (or must not) carry: kind and value, and where given unit and words."""

    kind: QuantityKind
    value: float
    unit: str | None = None
    text_contains: str | None = None


class DateSpec(FrozenModel):
    """An expected date: its value (a period by its first day) and precision."""

    value: dt.date | None
    precision: Precision


class EventSpec(FrozenModel):
    """The event(s) whose evidence contains ``evidence_contains``, and what must hold of them."""

    evidence_contains: str
    type: str | None = None
    type_in: list[str] | None = None
    status: Status | None = None
    status_in: list[Status] | None = None
    date: DateSpec | None = None
    historical: bool | None = None
    quantities_include: list[QuantitySpec] = Field(default_factory=list)
    quantities_exclude: list[QuantitySpec] = Field(default_factory=list)
    locations_include: list[str] = Field(default_factory=list)
    locations_exclude: list[str] = Field(default_factory=list)
    evidence_text_equals: str | None = None
    optional: bool = False
    note: str | None = None


class ArticleSpec(FrozenModel):
    """Expected article metadata; only the keys given are checked."""

    published: dt.date | None = None
    reference_date: dt.date | None = None
    sentences: int | None = None


class SentenceStart(FrozenModel):
    """A segmentation expectation on the first sentence only."""

    first_sentence_starts_with: str


class SummarySpec(FrozenModel):
    """Words the summary must or must not contain (case-insensitive)."""

    must_mention_any: list[str] = Field(default_factory=list)
    must_mention_all: list[str] = Field(default_factory=list)
    must_not_contain: list[str] = Field(default_factory=list)


def _text(value: Any) -> Any:
    # YAML reads 2024-09-11 as a date; the merge shows values as text.
    return value.isoformat() if isinstance(value, dt.date) else value


class FieldCheckSpec(FrozenModel):
    """What a story event's agreement check on one field must say."""

    verdict: Verdict | None = None
    values: dict[str, str] | None = Field(default=None, description="Article id -> the value it gives.")
    value: str | None = Field(default=None, description="A value some source gives.")

    _as_text = field_validator("value", mode="before")(_text)


class StorySpec(FrozenModel):
    """One story event: which article events it holds, and its places and checks."""

    members: list[dict[str, str]] = Field(description="[{article id: evidence phrase}, ...]")
    locations_include: list[str] = Field(default_factory=list)
    checks: dict[MergeField, FieldCheckSpec] = Field(default_factory=dict)


class ConflictSpec(FrozenModel):
    """A conflict the merge must report."""

    field: MergeField
    scope: Literal["across_sources", "within_article"] | None = None
    values: dict[str, str] = Field(default_factory=dict)


class Expect(FrozenModel):
    """Everything expected of one run (a case, or one command of an input case)."""

    article: ArticleSpec | None = None
    events: list[EventSpec] = Field(default_factory=list)
    sentences: list[str] | SentenceStart | None = None
    never: list[str] = Field(default_factory=list)
    summary: SummarySpec | None = None
    article_events: dict[str, EventSpec] = Field(default_factory=dict)
    story_events: list[StorySpec] = Field(default_factory=list)
    conflicts_include: list[ConflictSpec] = Field(default_factory=list)
    exit_code: int | None = None
    either: list[Expect] | None = None
    stderr_mentions_any: list[str] = Field(default_factory=list)
    evidence_text_has_no_chars_in: str | None = None
    evidence_text_contains_any: list[str] = Field(default_factory=list)
    summary_has_no_chars_in: str | None = None
    note: str | None = None


class CommandSpec(FrozenModel):
    """One command of an input case and what it must give."""

    run: str
    expect: Expect


class InputSpec(FrozenModel):
    """The case's input files and the date its header carries."""

    file: str | None = None
    files: list[str] | None = None
    header_date: dt.date | None = None


class CaseSpec(FrozenModel):
    """A whole expect.yaml."""

    case: str
    kind: Literal["summarize", "merge", "input"]
    command: str | None = None
    commands: list[CommandSpec] = Field(default_factory=list)
    input: InputSpec
    expect: Expect | None = None
    failure_looks_like: list[str] = Field(default_factory=list)
    notes: str | None = None
    convention: str | None = None


class NeverCheck(FrozenModel):
    """The checkable form of one prose ``never`` line (evals/cases/never.yaml)."""

    quantity_value: float | None = Field(default=None, description="No quantity has this value or upper bound.")
    event_evidence_contains: str | None = Field(default=None, description="No event cites a sentence with this.")
    names_any: list[str] = Field(
        default_factory=list, description="No location, actor or event description names any of these."
    )


def _load(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path} is not valid YAML: {exc}") from None


def load_case(folder: Path) -> CaseSpec:
    """Load and validate ``folder/expect.yaml``; raises InputError (exit 2) when it is unreadable or invalid."""
    path = Path(folder) / "expect.yaml"
    try:
        return CaseSpec.model_validate(_load(path))
    except ValidationError as exc:
        raise InputError(f"{path}: {first_problem(exc)}; fix the case (keys: evals/cases/README.md)") from None


def load_never(path: Path) -> dict[str, NeverCheck]:
    """The checkable form of every prose ``never`` line, keyed by the line as written."""
    if not Path(path).is_file():
        return {}
    try:
        return {k: NeverCheck.model_validate(v) for k, v in (_load(path) or {}).items()}
    except ValidationError as exc:
        raise InputError(f"{path}: {first_problem(exc)}; fix the never table") from None


# A careful reader's name for a kind of happening -> the project's EventType. Vocabulary names map to
# themselves; the rest follow EVENT_TYPE_GUIDE (schema.py).
READER_TYPES: dict[str, EventType] = {t.value: t for t in EventType} | {
    "accident": EventType.disaster,
    "fire": EventType.disaster,
    "flood": EventType.disaster,
    "earthquake": EventType.disaster,
    "landslide": EventType.disaster,
    "strike": EventType.protest,
    "walkout": EventType.protest,
    "demonstration": EventType.protest,
    "march": EventType.protest,
    "riot": EventType.protest,
    "bombing": EventType.attack,
    "airstrike": EventType.attack,
    "shelling": EventType.attack,
    "clash": EventType.fighting,
    "battle": EventType.fighting,
    "offensive": EventType.fighting,
    "capture": EventType.takeover,
    "retreat": EventType.withdrawal,
    "arrest": EventType.legal,
    "trial": EventType.legal,
    "ruling": EventType.legal,
    "charge": EventType.legal,
    "investigation": EventType.legal,
    "talks": EventType.diplomatic,
    "appeal": EventType.diplomatic,
    "request": EventType.diplomatic,
    "agreement": EventType.diplomatic,
    "truce": EventType.diplomatic,
    "statement": EventType.political,
    "decision": EventType.political,
    "appointment": EventType.political,
    "vote": EventType.political,
    "election": EventType.political,
    "deal": EventType.economic,
    "grant": EventType.economic,
    "budget": EventType.economic,
    "sanctions": EventType.economic,
    "acquisition": EventType.economic,
    "displacement": EventType.humanitarian,
    "evacuation": EventType.humanitarian,
    "aid": EventType.humanitarian,
    "casualties": EventType.humanitarian,
    "rescue": EventType.humanitarian,
}


def reader_type(name: str) -> EventType | None:
    """The EventType a careful reader's type name stands for, or None when it is not mapped."""
    return READER_TYPES.get(name.strip().casefold())
