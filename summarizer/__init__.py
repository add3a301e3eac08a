"""summarizer: structured, source-grounded event summaries of news articles."""

from .core.schema import SCHEMA_VERSION, ArticleSummary, Event

__all__ = ["SCHEMA_VERSION", "ArticleSummary", "Event", "__version__"]

__version__ = "0.1.0"
