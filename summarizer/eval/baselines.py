"""Trivial predictors that put a floor under every eval number.

Each turns an article into an ``ArticleSummary`` without a model, so the eval scores it with the very
same matcher as the real pipeline. If a trivial predictor scores well, the matching is too lenient.

- ``sentences``: every sentence of the article is one event of type ``other`` with no actors, places or
  date, citing that sentence.
- ``lead_words``: the same events, described by the sentence's first few words.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.schema import (
    SCHEMA_VERSION,
    ArticleSummary,
    Event,
    EventDate,
    EventType,
    Evidence,
    Precision,
    Provenance,
    Status,
    Timings,
    Usage,
)
from ..text.articles import Article

__all__ = ["BASELINES", "sentence_baseline", "lead_words_baseline"]

_LEAD_WORDS = 6


def _summary(article: Article, name: str, describe: Callable[[str], str]) -> ArticleSummary:
    events = [
        Event(
            id=f"e{s.id}",
            type=EventType.other,
            description=describe(s.text),
            actors=[],
            locations=[],
            date=EventDate(value=None, precision=Precision.unknown, text=None),
            status=Status.asserted,
            historical=False,
            quantities=[],
            evidence=[Evidence(sentence_id=s.id, start=s.start, end=s.end, text=article.original[s.start : s.end])],
        )
        for s in article.sentences
    ]
    return ArticleSummary(
        article=article.meta(article.published),
        summary=article.sentences[0].text if article.sentences else "",
        events=events,
        provenance=Provenance(
            backend="baseline",
            model=name,
            prompt_sha256="",
            schema_version=SCHEMA_VERSION,
            usage=Usage(prompt_tokens=0, completion_tokens=0),
            timings=Timings(total_s=0.0, model_s=0.0),
            requests=0,
            cached_requests=0,
            attempts=0,
            dropped_events=0,
        ),
    )


def sentence_baseline(article: Article) -> ArticleSummary:
    """Every sentence as one event: type other, no actors, places or date."""
    return _summary(article, "sentences", lambda text: text)


def lead_words_baseline(article: Article) -> ArticleSummary:
    """Every sentence as one event described by its first few words."""
    return _summary(article, "lead_words", lambda text: " ".join(text.split()[:_LEAD_WORDS]))


# Name -> predictor, in the order reports show them.
BASELINES: dict[str, Callable[[Article], ArticleSummary]] = {
    "sentences": sentence_baseline,
    "lead_words": lead_words_baseline,
}
