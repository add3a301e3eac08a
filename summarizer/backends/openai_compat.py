"""Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, a llama.cpp server) through openai + instructor.

The SDK's own retries are off (``max_retries=0``): the project's one retry policy handles transient
failures. Errors become one-line messages that name the fix and never contain the key.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any

import openai

from ..errors import BackendError, ConfigError
from ..retry import TransientError
from ..settings import Settings
from .base import InstructorBackend
from .formats import to_llama_cpp_request

__all__ = ["OpenAIBackend"]

_DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


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
        self.model = settings.model or (_DEFAULT_OPENAI_MODEL if settings.base_url is None else "")
        self._llama_cpp_format = settings.response_format == "llama_cpp"

    def _served_model(self) -> str:
        """With a local server and no --model, use the first model it serves."""
        try:
            models = self._client.models.list().data
        except openai.APIConnectionError:
            raise TransientError(
                f"cannot connect to {self.base_url}",
                hint=f"is the server running at {self.base_url}? start it or fix --base-url",
            ) from None
        except openai.APIStatusError as exc:
            raise BackendError(
                f"{self.base_url} did not list its models (HTTP {exc.status_code}); pass --model"
            ) from None
        if not models:
            raise BackendError(f"{self.base_url} serves no models; load one or pass --model")
        return models[0].id

    def _raw_create(self, **kwargs: Any) -> Any:
        kwargs.pop("summarizer_free_first", None)
        if not self.model:
            self.model = self._served_model()
        kwargs["model"] = self.model
        if self._llama_cpp_format:
            kwargs = to_llama_cpp_request(kwargs)
        try:
            return self._client.chat.completions.create(**kwargs)
        except openai.RateLimitError as exc:
            raise TransientError(
                f"HTTP 429 rate limited by {self.base_url}",
                retry_after=_retry_after(exc.response),
                hint="rate limited: lower --concurrency or wait",
            ) from None
        except openai.InternalServerError as exc:
            raise TransientError(
                f"HTTP {exc.status_code} from {self.base_url}",
                retry_after=_retry_after(exc.response),
                hint="the server is failing",
            ) from None
        except openai.APITimeoutError:
            raise TransientError(
                f"no answer from {self.base_url} within {self.settings.timeout_s:g} s",
                hint="the server is slow: raise --timeout",
            ) from None
        except openai.APIConnectionError:
            raise TransientError(
                f"cannot connect to {self.base_url}",
                hint=f"is the server running at {self.base_url}? start it or fix --base-url",
            ) from None
        except openai.AuthenticationError:
            raise BackendError(
                f"{self.base_url} rejected the API key (HTTP 401); set OPENAI_API_KEY to a valid key"
            ) from None
        except openai.PermissionDeniedError:
            raise BackendError(f"{self.base_url} refused access (HTTP 403); check the key's permissions") from None
        except openai.NotFoundError:
            raise BackendError(
                f"{self.base_url} has no model {self.model!r} (HTTP 404); pass --model with one it "
                "serves, and check --base-url ends in /v1"
            ) from None
        except openai.APIStatusError as exc:
            raise BackendError(
                f"{self.base_url} answered HTTP {exc.status_code}; if it is llama-cpp-python's server, "
                "pass --response-format llama_cpp"
            ) from None
