"""What the model is asked to fill in: small, flat shapes with grounding validators.

These are the model-facing shapes (the published ones are in schema.py). The sentence a draft cites is
constrained to the request's sentences by the JSON schema itself; the validators then check that every
quoted span stands in that sentence, and their messages tell the model exactly what to fix.
"""

from __future__ import annotations

import copy
import json
import re
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from ..core.schema import EventType
from ..llm.base import answer_context, current_answer_context
from ..text.articles import Article
from ..text.grounding import QuoteNotFound, find_quote
from ..text.names import NameTable
from ..text.time_words import find_time_words, looks_like_time
from ..text.wordcount import count_words
from .summary_check import summary_problems

__all__ = [
    "EventFields",
    "EventDraft",
    "kept_events",
    "SummaryDraft",
    "SentenceKind",
    "STATES_EVENTS",
    "chunk_model",
    "GroundingContext",
    "grounding_scope",
]

_STATING = ("event", "plan")
_NOT_STATING = ("description", "comment")
SentenceKind = Literal[_STATING + _NOT_STATING]  # type: ignore[valid-type]
"""What a sentence states, as the model classifies it before listing events (meanings in prompts/system.j2):
an event (something happened or is happening, a statement or decision included, history too), a plan (an act
announced or scheduled), description (what a place, person or organisation is: no happening), or comment
(analysis, opinion,
prediction, mood, or only who reported something)."""

STATES_EVENTS: frozenset[str] = frozenset(_STATING)
"""The sentence kinds whose events are kept; events the model lists for the others are set aside."""

_QUOTED = ("who", "whom", "where", "when")
_QUOTE = 120
_WHAT = 100


class GroundingContext(BaseModel):
    """What the validators need: the article and the sentence numbers this request may cite."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    article: Article
    sentence_ids: tuple[int, ...]
    names: NameTable
    # An ungroundable who/whom/where becomes null instead of an error (no re-ask): the default for event
    # requests (Settings.reask_ungrounded), and how a salvaged answer is read.
    lenient: bool = False


class EventFields(BaseModel):
    """One event as the model states it, inside the answer for its sentence (the sentence number is the
    enclosing entry's)."""

    model_config = ConfigDict(extra="forbid")

    # Every string is bounded in the schema (so in the decoding grammar): an answer cannot run away.
    who: str | None = Field(max_length=_QUOTE, description="Who did it, copied exactly from the sentence, or null.")
    what: str = Field(max_length=_WHAT, description="What happened, in a few plain words.")
    whom: str | None = Field(
        max_length=_QUOTE, description="Who or what it was done to, copied exactly from the sentence, or null."
    )
    where: str | None = Field(
        max_length=_QUOTE, description="Where it happened, copied exactly from the sentence, or null."
    )
    when: str | None = Field(
        max_length=_QUOTE,
        description="The time words, copied exactly from the sentence (e.g. 'on Nov. 27', 'Thursday'), or null.",
    )
    type: EventType = Field(description="Event type.")

    @field_validator("what", mode="before")
    @classmethod
    def _short_what(cls, value: Any) -> Any:
        """An unconstrained answer may run long; cut it at a word rather than re-ask for it."""
        if isinstance(value, str) and len(value) > _WHAT:
            return value[:_WHAT].rsplit(" ", 1)[0]
        return value

    @field_validator("who", "whom", "where", "when", mode="before")
    @classmethod
    def _short_quote(cls, value: Any) -> Any:
        """A quote longer than the bound is no name, place or time: treat it as not given."""
        return None if isinstance(value, str) and len(value) > _QUOTE else value


class EventDraft(EventFields):
    """One event with the number of the sentence that states it: the unit the extraction works on (and
    the flat answer shape, ``{"events": [{"s": 2, ...}]}``, that simple servers and fakes may still give)."""

    s: int = Field(description="Number of the sentence that states the event.")
    # What the model classed the sentence as ("event" or "plan"; None in the flat shape): not part of any
    # answer schema, carried from the entry by kept_events.
    _sentence_kind: str | None = PrivateAttr(default=None)

    @property
    def sentence_kind(self) -> str | None:
        """The model's class of the cited sentence ("event", "plan"), when the answer gave one."""
        return self._sentence_kind

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> EventDraft:
        ctx = _context(info)
        if ctx is not None:
            _ground_quotes(self, self.s, ctx)
        return self


def _ground_quotes(event: EventFields, s: int, ctx: GroundingContext) -> None:
    """Snap every quoted field of ``event`` to the words of sentence ``s``, in place.

    Raises ValueError (the re-ask message) when ``s`` was not asked about, or, unless the context is
    lenient, when a who/whom/where does not stand in the sentence; a lenient context sets it to None.
    """
    if s not in ctx.sentence_ids:
        ids = ", ".join(map(str, ctx.sentence_ids))
        raise ValueError(f"sentence {s} is not one of the sentences asked about ({ids}); cite one of them")
    sentence = ctx.article.sentence(s).text
    problems = []
    for name in _QUOTED:
        value = getattr(event, name)
        if value is None or not value.strip() or value.strip().lower() in {"null", "none", "n/a", "unknown"}:
            setattr(event, name, None)
            continue
        grounded = _ground(name, value, sentence, ctx.names)
        if grounded is None and name != "when" and not ctx.lenient:
            problems.append(
                f'"{name}": "{value}" does not appear in sentence {s} ("{sentence}"); '
                f"copy the words exactly as sentence {s} writes them, or use null"
            )
        setattr(event, name, grounded)
    if problems:
        raise ValueError("; ".join(problems))


def _ground(field: str, value: str, sentence: str, names: NameTable) -> str | None:
    """The exact words of ``sentence`` that ``value`` stands for, or None.

    Tries the quote itself (exact, then near-exact), then another spelling of the same actor or place
    that the sentence does contain ("Syrian regime" for a sentence that says "the Assad regime").
    An ungrounded time expression is replaced by the sentence's own time words: dates are code's job.
    """
    if field == "when" and not looks_like_time(value):
        return find_time_words(sentence)  # "when": "to bolster defenses" is no time at all
    try:
        return find_quote(value, sentence)
    except QuoteNotFound:
        pass
    if field == "when":
        return find_time_words(sentence)
    place = field == "where"
    canonical = names.place(value)[0] if place else names.actor(value)
    return names.find_alias(sentence, canonical, place=place)


def grounding_scope(context: GroundingContext | None) -> AbstractContextManager[None]:
    """Make ``context`` the grounding that draft validators check against, for the duration."""
    return answer_context(context)


def _context(info: ValidationInfo) -> GroundingContext | None:
    ctx: Any = info.context
    if isinstance(ctx, dict):
        ctx = ctx.get("grounding")
    if isinstance(ctx, GroundingContext):
        return ctx
    return current_answer_context()


_SCHEMAS: dict[tuple[Any, ...], str | dict[str, Any]] = {}  # as JSON text, or the schema when JSON would change it


class _Answer(BaseModel):
    """An answer shape whose JSON schema is generated once: instructor asks for it twice per request, and
    generating it cost more CPU than the rest of a request to a fast server (benchmarks/batch_throughput)."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        key = (cls, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:
            schema = super().model_json_schema(*args, **kwargs)
            # The model is asked for every top-level field, never null (a decoding grammar then writes them
            # all, in order); a default only keeps validation lenient towards answers recorded without one.
            properties = schema.get("properties", {})
            schema["required"] = list(properties)
            for name, spec in properties.items():
                options = [o for o in spec.get("anyOf", []) if o.get("type") != "null"]
                if len(options) == 1 and len(spec["anyOf"]) == 2:
                    properties[name] = {
                        **{k: v for k, v in spec.items() if k not in ("anyOf", "default")},
                        **options[0],
                    }
            text = json.dumps(schema)
            _SCHEMAS[key] = text if json.loads(text) == schema else schema
        kept = _SCHEMAS[key]
        # Callers may edit what they get, so each gets its own copy: parsed from the JSON text, four times
        # cheaper than a deep copy, and asked for twice per request (the request and its cache key).
        return json.loads(kept) if isinstance(kept, str) else copy.deepcopy(kept)


@lru_cache(maxsize=512)
def chunk_model(sentence_ids: tuple[int, ...], max_events: int) -> type[BaseModel]:
    """The answer shape for one request: one entry per asked sentence, ``{"s": 4, "kind": "comment"}`` or
    ``{"s": 5, "kind": "event", "events": [...]}`` with at most ``max_events`` events.

    Saying what a sentence states before listing events is a cheap triage: a small model asked only for
    events lists "events" for analysis and descriptive sentences too, while it tells them apart well when
    asked. The two entry shapes make the triage binding: after "description" or "comment" the schema (so
    the decoding grammar) closes the entry, so no event is generated for it and no token is spent.
    Built once per shape (a class, not per article data: grounding comes from the context)."""
    allowed = Literal[sentence_ids]  # type: ignore[valid-type]
    note = create_model(
        "SentenceNote",
        __base__=_Entry,
        s=(allowed, Field(description="Number of the sentence.")),
        kind=(Literal[_NOT_STATING], Field(description="What the sentence states.")),  # type: ignore[valid-type]
    )
    stated = create_model(
        "SentenceEvents",
        __base__=_Entry,
        s=(allowed, Field(description="Number of the sentence.")),
        kind=(Literal[_STATING], Field(description="What the sentence states.")),  # type: ignore[valid-type]
        events=(
            list[EventFields],
            Field(min_length=1, max_length=max_events, description="The events the sentence states."),
        ),
    )
    flat = create_model(
        "EventDraft",
        __base__=EventDraft,
        s=(allowed, Field(description="Number of the sentence that states the event.")),
    )
    return create_model(
        "ChunkEvents",
        __base__=_Answer,
        sentences=(
            list[stated | note],  # type: ignore[valid-type]
            Field(
                default_factory=list,
                max_length=len(sentence_ids),
                json_schema_extra={"minItems": len(sentence_ids)},
                description="One entry per asked sentence.",
            ),
        ),
        # The flat shape is still read (a server in plain JSON mode, simple fakes) but never asked for.
        events=(SkipJsonSchema[list[flat]], Field(default_factory=list)),  # type: ignore[valid-type]
    )


class _Entry(BaseModel):
    """One sentence's entry in an answer; its events are grounded in that sentence."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> _Entry:
        ctx = _context(info)
        if ctx is not None:
            for event in getattr(self, "events", []):
                _ground_quotes(event, self.s, ctx)  # type: ignore[attr-defined]
        return self


def kept_events(answer: BaseModel) -> list[EventDraft]:
    """The events of an answer as drafts with their sentence number: those of the sentences the model
    classed as stating an event or a plan, and any given in the flat shape."""
    drafts = []
    for entry in getattr(answer, "sentences", []):
        if getattr(entry, "kind", None) not in STATES_EVENTS:
            continue
        for e in entry.events:
            draft = EventDraft.model_construct(s=entry.s, **{k: getattr(e, k) for k in EventFields.model_fields})
            draft._sentence_kind = entry.kind
            drafts.append(draft)
    return drafts + list(getattr(answer, "events", []))


class SummaryDraft(_Answer):
    """The article summary as the model writes it: the schema itself holds it to 2-3 sentences."""

    # Bounded in the schema itself (so in the decoding grammar): the answer can never be cut off mid-way.
    sentences: list[Annotated[str, Field(max_length=240)]] = Field(
        min_length=2, max_length=3, description="2 or 3 short sentences: what happened, who, where, when."
    )

    @model_validator(mode="after")
    def _plain_sentences(self) -> SummaryDraft:
        for number, sentence in enumerate(self.sentences, start=1):
            words = count_words(sentence)
            if words < 4 or words > 60:
                raise ValueError(f"summary sentence {number} has {words} words; write 4 to 60 words per sentence")
        return self

    @model_validator(mode="after")
    def _grounded_summary(self, info: ValidationInfo) -> SummaryDraft:
        ctx = _context(info)
        if ctx is None or ctx.lenient:
            return self
        problems = []
        for number, sentence in enumerate(self.sentences, start=1):
            missing = summary_problems(sentence, ctx.article.text)
            if missing:
                problems.append(
                    f"summary sentence {number} uses {' and '.join(missing)}, which the article does not have"
                )
        if problems:
            raise ValueError(
                "; ".join(problems) + "; write each sentence with the article's own words and numbers only"
            )
        return self

    @property
    def text(self) -> str:
        """The summary as one paragraph; a sentence another one says whole (every word of it stands in a
        longer or earlier one) is said once: "The strike was staged as a protest." beside "The strike was
        staged as a protest against austerity." """
        words = [frozenset(re.findall(r"\w+", s.casefold())) for s in self.sentences]
        kept = [
            s.strip()
            for n, s in enumerate(self.sentences)
            if not any(
                m != n and words[n] <= words[m] and (len(words[n]) < len(words[m]) or m < n) for m in range(len(words))
            )
        ]
        return " ".join(s if s.endswith((".", "!", "?")) else s + "." for s in kept)
