"""summarizer: structured, source-grounded event summaries of news articles.

The Python API is ``summarizer.api`` (``summarize``, ``merge``, ``evaluate``; also importable from here),
configured by one ``Settings``. The folders are the stages, each importing only those below it:
``core`` (shapes, errors, settings) < ``text`` (reading articles) | ``llm`` (model backends) <
``extract`` < ``merge`` < ``eval`` < ``report`` < ``api`` < ``cli`` (see docs/architecture.md).
"""

from typing import Any

from .core.schema import SCHEMA_VERSION, ArticleSummary, Event, StoryReport
from .core.settings import Settings
from .core.version import __version__

__all__ = [
    "SCHEMA_VERSION",
    "ArticleSummary",
    "Event",
    "StoryReport",
    "Settings",
    "summarize",
    "merge",
    "evaluate",
    "__version__",
]


def __getattr__(name: str) -> Any:
    # The API loads the model clients: imported on first use, so `import summarizer.core.schema` stays light.
    if name in ("summarize", "merge", "evaluate"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
