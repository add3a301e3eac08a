"""Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, a llama.cpp server) through openai + instructor.

The SDK's own retries are off (``max_retries=0``): the project's one retry policy handles transient
failures. Errors become one-line messages that name the fix and never contain the key.
"""

from __future__ import annotations

import email.utils
import inspect
import json
import threading
import time
from typing import Any

import openai
from openai.resources.chat.completions import Completions
from openai.types.chat import ChatCompletion

from ..core.errors import BackendError, ConfigError
from ..core.settings import Settings
from .base import InstructorBackend
from .formats import to_llama_cpp_request
from .retry import TransientError, call_with_retry

__all__ = ["OpenAIBackend"]

_DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# The order of the body's fields as chat.completions.create() writes them, so that posting the body
# ourselves sends the same bytes.
_FIELD_ORDER = {name: n for n, name in enumerate(inspect.signature(Completions.create).parameters)}


def _retry_after(response: Any) -> float | None:
    headers = getattr(response, "headers", None) or {}
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


class OpenAIBackend(InstructorBackend):
    """Chat completions over HTTP."""

    name = "openai"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        if settings.api_key is None and settings.base_url is None:
            raise ConfigError(
                "no server configured: set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL / "
                "--base-url for Ollama, vLLM or a llama.cpp server"
            )
        key = settings.api_key.get_secret_value() if settings.api_key else "unused"  # local servers need none
        self.base_url = settings.base_url or "https://api.openai.com/v1"
        self._client = openai.OpenAI(api_key=key, base_url=settings.base_url, max_retries=0, timeout=settings.timeout_s)
        self._model = settings.model or (_DEFAULT_OPENAI_MODEL if settings.base_url is None else "")
        self._model_lock = threading.Lock()
        self._llama_cpp_format = settings.response_format == "llama_cpp"

    @property  # type: ignore[override]
    def model(self) -> str:
        """The model name; with a server and no --model, the first one it serves.

        Resolved on first use, before any cache key is made: a key made with an empty model name would
        never be found again, and a re-run would redo finished work.
        """
        if not self._model:
            with self._model_lock:
                if not self._model:
                    self._model = call_with_retry(
                        self._served_model,
                        max_attempts=self.settings.max_attempts,
                        initial_wait_s=self.settings.retry_initial_s,
                        max_wait_s=self.settings.retry_max_wait_s,
                    )
        return self._model

    def _served_model(self) -> str:
        """With a local server and no --model, use the first model it serves."""
        try:
            models = self._client.models.list().data
        except (openai.APIConnectionError, openai.APIStatusError) as exc:
            raise self._translated(exc, listing=True) from None
        if not models:
            raise BackendError(f"{self.base_url} serves no models; load one or pass --model")
        return models[0].id

    def request_body(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The chat-completions body one call sends for instructor's create() arguments."""
        body = {k: v for k, v in kwargs.items() if k != "summarizer_free_first"}
        body["model"] = self.model
        return to_llama_cpp_request(body) if self._llama_cpp_format else body

    def _raw_create(self, **kwargs: Any) -> Any:
        body = self.request_body(kwargs)
        try:
            # The body is plain JSON already (what the Batch API sends too), so it is posted as it is:
            # chat.completions.create() would first walk it against the SDK's typed-dict declarations
            # (its messages against every message type), which cost a sixth of our CPU per request to a
            # fast server (benchmarks/batch_throughput.py) and changes nothing in such a body.
            response = self._client.post(
                "/chat/completions",
                body=dict(sorted(body.items(), key=lambda item: _FIELD_ORDER.get(item[0], len(_FIELD_ORDER)))),
                cast_to=ChatCompletion,
                options={"security": {"bearer_auth": True}},  # the credentials create() asks for
            )
        except json.JSONDecodeError:
            # A cut-off or garbled body is a transport failure, not the model's answer: retried by the one
            # policy, never re-asked or salvaged (a salvaged empty answer would be cached as the result).
            raise TransientError(
                f"{self.base_url} sent a body that is not JSON", hint="the server sent a broken answer"
            ) from None
        except (openai.APIConnectionError, openai.APIStatusError) as exc:
            raise self._translated(exc) from None
        if not getattr(response, "choices", None):  # e.g. a proxy's HTML page served with 200
            raise TransientError(
                f"{self.base_url} answered with something that is not a chat completion",
                hint="the server sent a broken answer; check --base-url ends in /v1",
            )
        return response

    def _translated(self, exc: openai.APIError, *, listing: bool = False) -> TransientError | BackendError:
        """Our error for an OpenAI SDK error, for every call this backend makes: TransientError for what the
        one retry policy retries (connection, 429 with its Retry-After, 5xx, timeout), BackendError naming the
        fix for the rest. ``listing``: the error of listing the served models (no --model given)."""
        where = self.base_url
        if isinstance(exc, openai.APIConnectionError) and (listing or not isinstance(exc, openai.APITimeoutError)):
            return TransientError(
                f"cannot connect to {where}", hint=f"is the server running at {where}? start it or fix --base-url"
            )
        if isinstance(exc, openai.AuthenticationError):
            return BackendError(f"{where} rejected the API key (HTTP 401); set OPENAI_API_KEY to a valid key")
        if isinstance(exc, openai.APITimeoutError):
            return TransientError(
                f"no answer from {where} within {self.settings.timeout_s:g} s",
                hint="the server is slow: raise SUMMARIZER_TIMEOUT_S",
            )
        assert isinstance(exc, openai.APIStatusError)
        if listing:
            return BackendError(f"{where} did not list its models (HTTP {exc.status_code}); pass --model")
        if isinstance(exc, openai.RateLimitError):
            return TransientError(
                f"HTTP 429 rate limited by {where}",
                retry_after=_retry_after(exc.response),
                hint="rate limited: lower --concurrency or wait",
            )
        if isinstance(exc, openai.InternalServerError):
            return TransientError(
                f"HTTP {exc.status_code} from {where}",
                retry_after=_retry_after(exc.response),
                hint="the server is failing",
            )
        if isinstance(exc, openai.PermissionDeniedError):
            return BackendError(f"{where} refused access (HTTP 403); check the key's permissions")
        if isinstance(exc, openai.NotFoundError):
            return BackendError(
                f"{where} has no model {self.model!r} (HTTP 404); pass --model with one it "
                "serves, and check --base-url ends in /v1"
            )
        return BackendError(
            f"{where} answered HTTP {exc.status_code}; if it is llama-cpp-python's server, "
            "pass --response-format llama_cpp"
        )
