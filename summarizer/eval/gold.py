"""The gold file of an eval suite: hand-labelled events, stories and conflicts, and its loader.

A suite is a folder with ``gold.yaml`` (this shape; see evals/LABELLING.md for the labelling rules),
the articles it names (``articles_dir``, relative to the folder), and, once recorded, ``recordings.jsonl``
and ``baseline.json``. The checks here make sure every evidence string is verbatim in its article and
every reference resolves, so a broken gold file fails loudly instead of scoring nonsense.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError

from ..core.errors import InputError, first_problem
from ..core.schema import Event, EventFacts, EventQuantities, Evidence, FrozenModel, MergeField

__all__ = [
    "GoldEvent",
    "GoldArticle",
    "GoldStory",
    "GoldClaim",
    "GoldConflict",
    "GoldSuite",
    "load_gold",
    "gold_problems",
]


class GoldEvent(EventFacts):
    """One event a careful reader finds stated in the article: an Event's fields, with verbatim evidence."""

    id: str = Field(description="Unique id in the gold file, '<article prefix>-eNN'.")
    quantities: EventQuantities = Field(default_factory=list)
    core: bool = Field(description="True when a good summary of this article must mention it.")
    evidence: list[str] = Field(min_length=1, description="Whole sentences of the article, verbatim.")

    def as_event(self, evidence: list[Evidence]) -> Event:
        """This gold event as a predicted ``Event`` (every field they share), with ``evidence`` located in
        the article text."""
        shared = {name: getattr(self, name) for name in EventFacts.model_fields}
        return Event(**shared, evidence=evidence)


class GoldArticle(FrozenModel):
    """One article of the suite with its events."""

    id: str = Field(description="Article id (the file stem).")
    file: str = Field(description="File name inside the suite's articles_dir.")
    published: dt.date | None = Field(description="Publication date from the file, or null.")
    reference_date: dt.date | None = Field(description="The date passed as --date when the article has none.")
    events: list[GoldEvent] = Field(description="Every event the article states.")


class GoldStory(FrozenModel):
    """Article events that are the same real-world happening."""

    id: str = Field(description="Story id, 'SNN'.")
    description: str = Field(description="The happening.")
    events: list[str] = Field(min_length=1, description="Ids of its article events.")


class GoldClaim(FrozenModel):
    """One side of a disagreement, resting on an article event."""

    event: str = Field(description="Id of the article event the claim rests on.")
    value: str = Field(description="What that source says.")


class GoldConflict(FrozenModel):
    """A disagreement between sources, or inside one article."""

    id: str = Field(description="Conflict id, 'CNN'.")
    story: str = Field(description="The story it is about.")
    field: MergeField = Field(description="What is disputed.")
    scope: Literal["across_sources", "within_article"] = Field(description="Between articles or inside one.")
    description: str = Field(description="One line.")
    claims: list[GoldClaim] = Field(min_length=2, description="The competing claims.")


class GoldSuite(FrozenModel):
    """A whole gold file."""

    suite: str = Field(description="Suite name.")
    articles_dir: str = Field(description="Folder of the article files, relative to the gold file.")
    description: str = Field(description="What the suite covers.")
    domain: str | None = Field(
        default=None,
        description="The news domain its story belongs to (evals/LABELLING.md §15: conflict, disaster, business, "
        "courts, crime, ...); the eval pools every metric per domain as well as over all suites.",
    )
    aliases: str | None = Field(
        default=None,
        description="A story pack of aliases (YAML, relative to the suite folder) used for this suite only; "
        "absent: the default names apply.",
    )
    articles: list[GoldArticle] = Field(description="The labelled articles.")
    stories: list[GoldStory] = Field(description="Cross-article groupings of events.")
    conflicts: list[GoldConflict] = Field(description="Disagreements.")

    def event(self, event_id: str) -> GoldEvent:
        """Look an event up by id."""
        for article in self.articles:
            for event in article.events:
                if event.id == event_id:
                    return event
        raise KeyError(event_id)

    def article_of(self, event_id: str) -> str:
        """The id of the article an event belongs to."""
        for article in self.articles:
            if any(e.id == event_id for e in article.events):
                return article.id
        raise KeyError(event_id)


def load_gold(folder: Path) -> GoldSuite:
    """Load and validate ``folder/gold.yaml``; raises InputError (exit 2) when it is missing or invalid."""
    path = Path(folder) / "gold.yaml"
    if not path.is_file():
        raise InputError(f"{path} does not exist; a suite folder needs a gold.yaml (see evals/LABELLING.md)")
    try:
        return GoldSuite.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as exc:
        raise InputError(f"{path} is not valid YAML: {exc}") from None
    except ValidationError as exc:
        raise InputError(f"{path}: {first_problem(exc)} ({exc.error_count()} problem(s)); fix the gold file") from None


def gold_problems(suite: GoldSuite, folder: Path) -> list[str]:
    """Everything wrong with a gold file: missing articles, non-verbatim evidence, dangling references."""
    problems: list[str] = []
    articles_dir = (Path(folder) / suite.articles_dir).resolve()
    ids: dict[str, str] = {}
    for article in suite.articles:
        path = articles_dir / article.file
        if not path.is_file():
            problems.append(f"article file {path} is missing")
            continue
        text = path.read_text(encoding="utf-8")
        for event in article.events:
            if event.id in ids:
                problems.append(f"event id {event.id} is used twice")
            ids[event.id] = article.id
            for evidence in event.evidence:
                if evidence not in text:
                    problems.append(f"{event.id}: evidence is not verbatim in {article.file}: {evidence[:60]!r}")
            if event.date.text and not any(event.date.text in e for e in event.evidence):
                problems.append(f"{event.id}: date text {event.date.text!r} is not in its evidence")
    if suite.aliases and not (Path(folder) / suite.aliases).is_file():
        problems.append(f"alias pack {Path(folder) / suite.aliases} is missing")
    in_stories: dict[str, int] = {}
    for story in suite.stories:
        for event_id in story.events:
            if event_id not in ids:
                problems.append(f"story {story.id} names unknown event {event_id}")
            in_stories[event_id] = in_stories.get(event_id, 0) + 1
    for event_id in ids:
        if in_stories.get(event_id, 0) != 1:
            problems.append(f"event {event_id} is in {in_stories.get(event_id, 0)} stories; it must be in exactly one")
    story_ids = {s.id for s in suite.stories}
    for conflict in suite.conflicts:
        if conflict.story not in story_ids:
            problems.append(f"conflict {conflict.id} names unknown story {conflict.story}")
        for claim in conflict.claims:
            if claim.event not in ids:
                problems.append(f"conflict {conflict.id} names unknown event {claim.event}")
    return problems
