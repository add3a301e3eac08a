"""The one place tests make result shapes by hand: an ArticleSummary around given events, and its provenance.

Every field a test does not care about gets a neutral value; pass the ones it does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from summarizer.core.schema import SCHEMA_VERSION, ArticleMeta, ArticleSummary, Event, Provenance, Timings, Usage


def provenance(**fields: Any) -> Provenance:
    """A provenance of a run that cost nothing, with ``fields`` overriding."""
    values: dict[str, Any] = {
        "backend": "fake",
        "model": "m",
        "prompt_sha256": "0" * 64,
        "schema_version": SCHEMA_VERSION,
        "usage": Usage(prompt_tokens=0, completion_tokens=0),
        "timings": Timings(total_s=0, model_s=0),
        "requests": 0,
        "cached_requests": 0,
        "attempts": 0,
        "dropped_events": 0,
    }
    return Provenance(**(values | fields))


def article_summary(
    article_id: str,
    events: list[Event],
    *,
    summary: str = "s",
    published: dt.date | None = dt.date(2024, 12, 6),
    sentences: int = 3,
    **meta: Any,
) -> ArticleSummary:
    """An ArticleSummary of ``events``: published (and resolved against) ``published``; ``meta`` sets other
    ArticleMeta fields (source, url, title, content_sha256: by default the id, so articles differ)."""
    fields: dict[str, Any] = {
        "id": article_id,
        "source": None,
        "url": None,
        "published": published,
        "reference_date": published,
        "title": None,
        "content_sha256": article_id,
        "sentences": sentences,
    }
    return ArticleSummary(
        article=ArticleMeta(**(fields | meta)), summary=summary, events=events, provenance=provenance()
    )
