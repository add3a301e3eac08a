"""The run context: what every article of one run shares, built once at the edge and passed down.

Settings, the name table (the shipped aliases with the run's story pack), the prompt templates, the
backend and the answer cache. The CLI (or ``summarizer.api``) builds it once per run; an eval builds
one per suite (its recording, its story pack). Nothing below reads them from globals.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.settings import Settings
from ..llm.base import Backend
from ..llm.cache import AnswerCache
from ..text.names import NameTable, load_names
from .prompts import Prompts, load_prompts

__all__ = ["RunContext"]


@dataclass(frozen=True)
class RunContext:
    """Everything one run's articles share; frozen, so one article cannot change it for the next."""

    settings: Settings
    backend: Backend
    cache: AnswerCache | None
    names: NameTable
    prompts: Prompts

    @classmethod
    def build(
        cls,
        settings: Settings,
        backend: Backend,
        cache: AnswerCache | None = None,
        *,
        names: NameTable | None = None,
    ) -> RunContext:
        """The context of a run: ``cache`` only when ``settings.use_cache``; the names of ``settings.aliases``
        over the shipped table unless ``names`` is given (an eval suite's story pack)."""
        return cls(
            settings=settings,
            backend=backend,
            cache=cache if settings.use_cache else None,
            names=names if names is not None else load_names(settings.aliases),
            prompts=load_prompts(),
        )
