"""The output shapes of the tool: articles, events and the per-article summary.

These pydantic models are the single source of truth for every published shape; ``schemas/*.json`` is
generated from them (``summarizer schema --export``) and a test fails when the committed files drift.
Field descriptions matter: they end up in the JSON Schema that users and models read. The closed
vocabularies they use (event types, statuses, roles, precisions, quantity kinds) are defined in
``core.vocabulary`` and exported here too.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import vocabulary
from .vocabulary import EVENT_TYPE_GUIDE as EVENT_TYPE_GUIDE
from .vocabulary import TYPE_FAMILY as TYPE_FAMILY
from .vocabulary import (
    EventType,
    Precision,
    QuantityBasis,
    QuantityKind,
    QuantityQualifier,
    Role,
    Status,
)

__all__ = [
    *vocabulary.__all__,  # re-exported: the shapes' vocabularies are imported from here too
    "SCHEMA_VERSION",
    "ANSWER_SCHEMA_VERSION",
    "Actor",
    "Location",
    "EventDate",
    "Quantity",
    "Evidence",
    "EventDescription",
    "EventActors",
    "EventLocations",
    "EventWhen",
    "EventStatus",
    "EventQuantities",
    "EventEvidence",
    "EventFacts",
    "Event",
    "ArticleMeta",
    "Usage",
    "Timings",
    "Provenance",
    "ArticleSummary",
    "FrozenModel",
    "SourceValue",
    "FieldCheck",
    "SourceReport",
    "StoryEvent",
    "Conflict",
    "ArticleOutcome",
    "StoryReport",
]

# Bump when any output shape below changes meaning; it is recorded in every output (provenance).
SCHEMA_VERSION = "1.2"
# Bump when the shape of the model's *answer* (drafts.py) changes meaning: it is part of every cache key and
# recording key. Output shapes computed in code from an answer (dates, quantities) do not change the answer,
# so changing them keeps recorded answers valid.
ANSWER_SCHEMA_VERSION = "1.0"


class FrozenModel(BaseModel):
    """A value that never changes once made and refuses unknown fields (the house default for shapes)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Actor(FrozenModel):
    """A participant in an event."""

    name: str = Field(description="The actor's name exactly as the article writes it.")
    canonical: str = Field(description="One canonical name for this actor across spellings and outlets.")
    role: Role = Field(description="agent: did it; target: it was done to them; other: otherwise involved.")


class Location(FrozenModel):
    """A place where an event happened."""

    name: str = Field(description="The place name exactly as the article writes it.")
    canonical: str = Field(description="One canonical spelling of the place across transliterations.")
    country: str | None = Field(description="The country the place is in, when known.")
    admin1: str | None = Field(
        None, description="The first-level region (province, governorate, state) the place lies in, when known."
    )


class EventDate(FrozenModel):
    """When an event happened, resolved in code against the article date (never guessed by the model)."""

    value: dt.date | None = Field(
        description="The resolved date (first day of the period for week/month/year precision), or null."
    )
    precision: Precision = Field(description="How precisely the date is known.")
    text: str | None = Field(description="The words in the article that give the time, as written, or null.")
    implied: bool = Field(
        default=False,
        description="True when the event's own sentence gives no time and the date is taken from the happening "
        "it continues or from the article's date (a timeline can place it; it is not a stated date).",
    )


class Quantity(FrozenModel):
    """A number the article states about an event."""

    kind: QuantityKind = Field(description="What the number counts.")
    value: float = Field(
        description="The number, parsed from the text; a range's lower bound; a vague count's lowest value by "
        "ACLED's convention ('dozens' 12, 'hundreds' 100, 'thousands' 1000)."
    )
    upper: float | None = Field(default=None, description="A range's upper bound ('between 30 and 40'), else null.")
    qualifier: QuantityQualifier = Field(
        default=QuantityQualifier.exact,
        description="exact, at_least ('at least', 'more than'), at_most ('up to'), about ('about', 'some'), "
        "range (value..upper) or vague ('dozens').",
    )
    unit: str = Field(description="The unit or what is counted: 'people', an ISO 4217 code such as 'USD', '%'.")
    basis: QuantityBasis | None = Field(
        default=None,
        description="For money and percent: total, per_share, component (a part of a total) or change; for a "
        "count, component when its sentence goes on with the rest ('170,000 in the province and tens of thousands "
        "more'); else null.",
    )
    text: str = Field(description="The words that state the number, as written.")


class Evidence(FrozenModel):
    """A sentence of the article that states the event, located in the original text."""

    sentence_id: int = Field(description="1-based number of the sentence in the article.")
    start: int = Field(description="Character offset of the sentence start in the original text.")
    end: int = Field(description="Character offset one past the sentence end in the original text.")
    text: str = Field(description="The sentence exactly as it stands in the original text.")


# What an article states about one event, each field defined once: an article's ``Event``, a gold event
# (eval/gold.py) and one source's report inside a story event (``SourceReport``) all declare these.
EventDescription = Annotated[str, Field(description="One line saying who did what to whom.")]
EventActors = Annotated[
    list[Actor],
    Field(description="Participants, agents first: each as the article names it, with its canonical name and role."),
]
EventLocations = Annotated[
    list[Location],
    Field(description="Where it happened: each place as the article names it, with its canonical name and country."),
]
EventWhen = Annotated[
    EventDate, Field(description="When it happened: the resolved date, its precision and the article's words.")
]
EventStatus = Annotated[
    Status, Field(description="Whether the article asserts, reports a claim of, denies or plans it.")
]
EventQuantities = Annotated[
    list[Quantity], Field(description="Numbers the article states about the event (casualties, money...).")
]
EventEvidence = Annotated[list[Evidence], Field(min_length=1, description="The sentences that state the event.")]


class EventFacts(FrozenModel):
    """Every field of an event but its evidence: shared by ``Event`` and the gold event, whose evidence
    is verbatim sentences to be located rather than located ones."""

    id: str = Field(description="Identifier of the event within its article, e.g. 'e3'.")
    type: EventType = Field(description="Event type from the closed vocabulary.")
    description: EventDescription
    actors: EventActors
    locations: EventLocations
    date: EventWhen
    status: EventStatus
    historical: bool = Field(description="True when the event lies well before the article's date.")
    quantities: EventQuantities


class Event(EventFacts):
    """One thing the article says happened, grounded in its sentences."""

    evidence: EventEvidence


class ArticleMeta(FrozenModel):
    """Identity of a summarised article."""

    id: str = Field(description="Article identifier (file stem or the JSONL record's id).")
    source: str | None = Field(description="The outlet, when known.")
    url: str | None = Field(description="Where the article was published, when known.")
    published: dt.date | None = Field(description="Publication date, when known.")
    reference_date: dt.date | None = Field(
        description="The date relative expressions were resolved against (published date or --date)."
    )
    title: str | None = Field(description="The headline, when known.")
    content_sha256: str = Field(description="sha256 of the normalised article text.")
    sentences: int = Field(description="Number of sentences the article was split into.")


class Usage(FrozenModel):
    """Tokens spent on one article, re-asks included."""

    prompt_tokens: int = Field(description="Prompt tokens sent to the model.")
    completion_tokens: int = Field(description="Tokens the model generated.")


class Timings(FrozenModel):
    """Where the wall time of one article went, in seconds."""

    total_s: float = Field(description="Wall time of the whole article.")
    model_s: float = Field(description="Time spent waiting for the model (all requests).")


class Provenance(FrozenModel):
    """How a summary was produced, so that any output can be traced and reproduced."""

    backend: str = Field(description="Backend name: embedded, openai or fake.")
    model: str = Field(description="Model identifier.")
    prompt_sha256: str = Field(description="Hash of all prompt templates used.")
    schema_version: str = Field(description="Version of these output shapes.")
    usage: Usage = Field(description="Token usage, re-asks included.")
    timings: Timings = Field(description="Wall time split.")
    requests: int = Field(description="Model requests made (cache hits excluded).")
    cached_requests: int = Field(description="Requests answered from the response cache.")
    attempts: int = Field(description="Model calls including transient retries and validation re-asks.")
    dropped_events: int = Field(
        description="Events the model proposed that stayed ungrounded after re-asks and were dropped."
    )


class ArticleSummary(BaseModel):
    """The result for one article: a short summary and its grounded events."""

    model_config = ConfigDict(extra="forbid")

    article: ArticleMeta = Field(description="Which article this is.")
    summary: str = Field(description="A 2-4 sentence summary of the article.")
    events: list[Event] = Field(description="The events the article states, each grounded in its sentences.")
    provenance: Provenance = Field(description="How this result was produced.")
    text: str | None = Field(
        default=None,
        description="The article text as read (for a web page: the text extracted from it); every evidence "
        "start/end offset refers to this text, so evidence can always be shown in place.",
    )


# ---- The merged story: what several outlets say about the same happenings ---------------------------

MergeField = Literal["who", "where", "when", "how_many", "outcome", "label"]
Verdict = Literal["agree", "conflict", "single_source"]


class SourceValue(FrozenModel):
    """One value of a field and the articles that give it."""

    value: str = Field(description="The value as a source gives it (canonical where one exists).")
    articles: list[str] = Field(description="Ids of the articles that give this value.")


class FieldCheck(FrozenModel):
    """Whether the sources of a story event agree on one field."""

    field: MergeField = Field(description="who, where, when, how_many, outcome or label.")
    verdict: Verdict = Field(description="agree, conflict, or single_source (only one source speaks to it).")
    values: list[SourceValue] = Field(description="Each distinct value with the articles that give it.")


class SourceReport(FrozenModel):
    """One article's event inside a story event, as that article gives it."""

    article_id: str = Field(description="The article.")
    source: str | None = Field(description="The outlet, when known.")
    event_id: str = Field(description="The event's id within its article.")
    description: EventDescription
    actors: EventActors
    locations: EventLocations
    date: EventWhen
    status: EventStatus
    quantities: EventQuantities
    evidence: EventEvidence


class StoryEvent(FrozenModel):
    """One real-world happening, as reported by one or more articles."""

    id: str = Field(description="Identifier within the merge, e.g. 's4'.")
    type: EventType = Field(description="Event type (the most common among its sources).")
    description: str = Field(description="One line: the happening.")
    date: EventDate = Field(description="Consolidated date: the most precise date the sources agree on.")
    locations: list[Location] = Field(description="Consolidated places (canonical).")
    actors: list[Actor] = Field(description="Consolidated actors (canonical).")
    historical: bool = Field(description="True when the happening lies well before the story.")
    sources: list[SourceReport] = Field(min_length=1, description="Every article event in this story event.")
    checks: list[FieldCheck] = Field(description="Agreement per field across the sources.")


class Conflict(FrozenModel):
    """A disagreement between sources (or inside one article) about a happening."""

    id: str = Field(description="Identifier within the merge, e.g. 'c2'.")
    story_event_ids: list[str] = Field(description="The story events the disagreement is about.")
    field: MergeField = Field(description="What is disputed.")
    scope: Literal["across_sources", "within_article"] = Field(description="Between articles or inside one.")
    description: str = Field(description="One line saying what is disputed.")
    values: list[SourceValue] = Field(min_length=2, description="The competing values and who gives each.")


class ArticleOutcome(FrozenModel):
    """What happened to one input article in a batch."""

    article_id: str = Field(description="The article.")
    path: str | None = Field(description="The file it came from.")
    source: str | None = Field(description="The outlet, when known.")
    ok: bool = Field(description="True when it was summarised.")
    error: str | None = Field(description="Why it failed, when it did.")
    events: int = Field(description="How many events it gave.")
    cached: bool = Field(description="True when every answer came from the response cache.")


class StoryReport(BaseModel):
    """The merge of a batch of articles: story events, agreements and contradictions."""

    model_config = ConfigDict(extra="forbid")

    summary: str = Field(description="A few lines: what happened and what is disputed.")
    articles: list[ArticleOutcome] = Field(description="Every input article and whether it succeeded.")
    story_events: list[StoryEvent] = Field(description="The happenings, in date order.")
    conflicts: list[Conflict] = Field(description="Every disagreement found.")
    summaries: list[ArticleSummary] = Field(description="The per-article results the merge stands on.")
    texts: dict[str, str] = Field(description="Article id -> original text, for showing evidence in place.")
