"""The embedded default: llama-cpp-python running a GGUF model in-process, JSON-schema constrained.

The Llama object keeps its KV cache between calls and reuses the longest common token prefix, so the
fixed instructions and the article (the shared head of every request for one article) are processed
once; each further request pays only for its short task. The instructions' state is also kept on disk
(prefix_state), so a new process does not evaluate them again.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..core.errors import BackendError
from ..core.settings import Settings
from .base import InstructorBackend
from .formats import to_llama_cpp_request
from .model_store import resolve_model
from .prefix_state import PrefixState
from .selfcheck import ensure_runtime_ok, runtime_key

__all__ = ["EmbeddedBackend"]


def _complete_json(response: Any) -> bool:
    choice = response.choices[0]
    if choice.finish_reason == "length":
        return False
    try:
        return isinstance(json.loads(choice.message.content or ""), dict)
    except ValueError:
        return False


class EmbeddedBackend(InstructorBackend):
    """A local GGUF model, loaded once per process."""

    name = "embedded"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        path = resolve_model(settings.model_path, settings.cache_dir)
        try:
            from .grammar_first import FastGrammarLlama
        except ImportError as exc:  # pragma: no cover - a broken install
            raise BackendError(f"llama-cpp-python is not importable ({exc}); reinstall with pip install -e .") from None
        # A build made for other CPU instructions dies with SIGILL (no message) on the first real prompt:
        # check once per build, CPU and model in a child process, and fail with the rebuild command instead.
        ensure_runtime_ok(path, settings.cache_dir, settings.n_threads)
        try:
            # Greedy grammar-constrained answers check the grammar on the chosen token first (grammar_first):
            # the same tokens as llama-cpp-python's own sampler chain, without its per-step full-vocabulary pass.
            self._llama = FastGrammarLlama(
                model_path=str(path),
                n_ctx=settings.n_ctx,
                n_threads=settings.n_threads or os.cpu_count() or 2,
                seed=settings.seed,
                verbose=False,
                jump_forward=settings.jump_forward,
            )
        except (ValueError, RuntimeError) as exc:
            raise BackendError(
                f"llama.cpp could not load {path} ({exc}); check the file or set SUMMARIZER_MODEL_PATH to another GGUF"
            ) from None
        self.model = path.stem
        self._prefix = PrefixState(
            self._llama, settings.cache_dir / "prefix" if settings.use_cache else None, runtime_key(path)
        )

    def _raw_create(self, **kwargs: Any) -> Any:
        kwargs.pop("model", None)
        self._prefix.warm(kwargs.get("messages", []))
        free_first = kwargs.pop("summarizer_free_first", True)
        first_try = not any(m.get("role") == "assistant" for m in kwargs.get("messages", []))
        if self.settings.grammar == "fallback" and free_first and first_try and "response_format" in kwargs:
            # Grammar-constrained sampling costs about a third of the generation speed here, and a small
            # model shown a worked example mostly answers valid JSON without it. An answer that is not
            # one complete JSON object is generated again at once with the grammar on; one that parses
            # but fails validation is re-asked by instructor, also with the grammar on.
            response = self._generate({k: v for k, v in kwargs.items() if k != "response_format"})
            if _complete_json(response):
                return response
            constrained = self._generate(to_llama_cpp_request(kwargs))
            # The discarded free answer was paid for too: its tokens count in the request's usage.
            if response.usage is not None and constrained.usage is not None:
                constrained.usage.prompt_tokens += response.usage.prompt_tokens
                constrained.usage.completion_tokens += response.usage.completion_tokens
                constrained.usage.total_tokens += response.usage.total_tokens
            return constrained
        return self._generate(to_llama_cpp_request(kwargs))

    def _generate(self, kwargs: dict[str, Any]) -> Any:
        try:
            return self._llama.create_chat_completion_openai_v1(**kwargs)
        except ValueError as exc:  # e.g. the prompt does not fit the context window
            raise BackendError(
                f"the embedded model refused the request ({exc}); raise SUMMARIZER_N_CTX or shorten the input"
            ) from None
