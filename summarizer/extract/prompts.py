"""Prompt templates: files in prompts/, rendered with Jinja2, hashed into every output and cache key."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import jinja2

from ..core.resources import prompts_dir
from ..core.schema import EVENT_TYPE_GUIDE
from ..text.articles import Sentence

__all__ = ["Prompts", "load_prompts", "Message"]

Message = dict[str, str]
_TEMPLATES = ("system.j2", "article.j2", "events_task.j2", "summary_task.j2")


@dataclass(frozen=True)
class Prompts:
    """The rendered-on-demand prompt set and its content hash."""

    env: jinja2.Environment
    sha256: str

    def _render(self, name: str, **values: object) -> str:
        return self.env.get_template(name).render(**values)

    def system(self) -> str:
        """The fixed instructions: identical for every request, so the model's prefix cache reuses them."""
        return self._system

    @cached_property
    def _system(self) -> str:
        return self._render("system.j2", event_types=[(t.value, d) for t, d in EVENT_TYPE_GUIDE.items()])

    def article(self, sentences: Sequence[Sentence], published: str | None) -> str:
        """The numbered article (or the window of it a request needs)."""
        return self._render("article.j2", sentences=sentences, published=published)

    def events_task(self, chunk: Sequence[Sentence], max_events: int) -> str:
        """The focused request: events of a few sentences."""
        return self._render("events_task.j2", chunk=chunk, ids=[s.id for s in chunk], max_events=max_events)

    def summary_task(self) -> str:
        """The summary request."""
        return self._render("summary_task.j2")

    def messages(self, article_part: str, task: str) -> list[Message]:
        """Chat messages in an order that keeps the shared part (system + article) a common prefix."""
        return [{"role": "system", "content": self.system()}, {"role": "user", "content": article_part + task}]


@lru_cache(maxsize=1)
def load_prompts() -> Prompts:
    """Load the templates and hash their contents."""
    folder = prompts_dir()
    digest = hashlib.sha256()
    for name in _TEMPLATES:
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text for a model, not HTML
        keep_trailing_newline=True,
        auto_reload=False,  # the templates hashed above, not a file's later edit (and no stat per request)
    )
    return Prompts(env=env, sha256=digest.hexdigest())
