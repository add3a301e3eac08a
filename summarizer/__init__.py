"""summarizer: structured, source-grounded event summaries of news articles."""

from .core.schema import SCHEMA_VERSION, ArticleSummary, Event
from .core.version import __version__

__all__ = ["SCHEMA_VERSION", "ArticleSummary", "Event", "__version__"]
