"""A fake backend for unit tests only: queued answers, a request history, real instructor validation.

Answers are served as OpenAI chat-completion objects, so instructor's parsing and re-asks run exactly
as they do against a server. Never selectable from the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from openai.types.chat import ChatCompletion

from ..core.settings import Settings
from .base import InstructorBackend

__all__ = ["FakeBackend"]

Answer = str | dict | Exception | Callable[[dict[str, Any]], "str | dict"]


class FakeBackend(InstructorBackend):
    """Answers from a queue (strings, JSON-able dicts, exceptions to raise, or callables of the request)."""

    name = "fake"

    def __init__(self, settings: Settings | None = None, model: str = "fake-model") -> None:
        super().__init__(settings or Settings(backend="fake", use_cache=False))
        self.model = model
        self.queue: list[Answer] = []
        self.history: list[dict[str, Any]] = []

    def enqueue(self, *answers: Answer) -> FakeBackend:
        """Add answers, served in order."""
        self.queue.extend(answers)
        return self

    def _raw_create(self, **kwargs: Any) -> Any:
        kwargs.pop("summarizer_free_first", None)
        self.history.append(kwargs)
        if not self.queue:
            raise AssertionError("FakeBackend: no answer queued for this request")
        answer = self.queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            answer = answer(kwargs)
        text = answer if isinstance(answer, str) else json.dumps(answer)
        prompt_words = sum(len(str(m.get("content", "")).split()) for m in kwargs.get("messages", []))
        return ChatCompletion.model_validate(
            {
                "id": f"fake-{len(self.history)}",
                "object": "chat.completion",
                "created": 0,
                "model": self.model,
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
                "usage": {
                    "prompt_tokens": prompt_words,
                    "completion_tokens": len(text.split()),
                    "total_tokens": prompt_words + len(text.split()),
                },
            }
        )
