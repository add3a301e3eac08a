"""The backend interface: one method that turns a request into a validated pydantic object.

``InstructorBackend`` implements it for everything that speaks OpenAI's chat-completions shape: the
subclass supplies ``_raw_create`` (one HTTP call, one in-process generation, or a queued fake answer);
this class wraps it in the transient retry policy, meters tokens and calls, and lets instructor
validate and re-ask.
"""

from __future__ import annotations

import importlib
import logging
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Protocol

import instructor
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError

from ..core.errors import GaveUpError, SummarizerError, first_problem
from ..core.settings import Settings
from .retry import call_with_retry

# instructor logs every failed validation at ERROR level; for us a re-ask is normal flow, reported in
# the provenance, so its log lines would only be noise on the user's terminal.
logging.getLogger("instructor").setLevel(logging.CRITICAL)


def _once_per_class(check: Callable[[Any], None]) -> Callable[[Any], None]:
    """``check`` (which raises for a class it refuses), run once for each class it passes."""
    passed: weakref.WeakSet[type] = weakref.WeakSet()  # weak: a class made per call is not kept

    def checked(model: Any) -> None:
        if isinstance(model, type) and model in passed:
            return
        check(model)
        if isinstance(model, type):
            passed.add(model)

    checked.__wrapped__ = check  # type: ignore[attr-defined]
    return checked


def _check_answer_shapes_once() -> None:
    """instructor (1.17, v2 runtime) refuses answer shapes with async validators by walking the shape's
    classes, every member of every base, four times per request: 0.64 ms of the 2 ms a request for
    events costs us against a fast server, its largest single cost (benchmarks/batch_throughput.py).
    A class's members do not change, so a class it has passed is passed at once from then on; any
    other argument, and a class it refuses, is checked every time. Left as it is where instructor
    no longer has the function in the two places it is called from."""
    try:
        validators = importlib.import_module("instructor.v2.validation.async_validators")
        patch = importlib.import_module("instructor.v2.core.patch")
    except ImportError:
        return
    reject = getattr(validators, "reject_async_validators", None)
    if (
        reject is None
        or hasattr(reject, "__wrapped__")
        or getattr(patch, "reject_async_validators", None) is not reject
    ):
        return
    validators.reject_async_validators = patch.reject_async_validators = _once_per_class(reject)


_check_answer_shapes_once()

__all__ = [
    "ModelRequest",
    "Completion",
    "Backend",
    "InstructorBackend",
    "InvalidAnswerError",
    "answer_context",
    "current_answer_context",
]

_ANSWER_CONTEXT: ContextVar[Any] = ContextVar("summarizer_grounding", default=None)
_METER: ContextVar[_Meter] = ContextVar("summarizer_meter")  # what the request under way has cost so far


@contextmanager
def answer_context(context: Any) -> Iterator[None]:
    """Make ``context`` what the answer shape's validators see (``current_answer_context()``), for the duration.

    The backend never looks inside it: it is whatever the request's answer shape checks itself against
    (for extraction, ``summarizer.extract.drafts.GroundingContext``). It travels in a context variable, not
    in instructor's ``context=``: instructor renders every message as a Jinja template when a context is
    given, and article text must never be executed as a template.
    """
    token = _ANSWER_CONTEXT.set(context)
    try:
        yield
    finally:
        _ANSWER_CONTEXT.reset(token)


def current_answer_context() -> Any:
    """The context set by the innermost ``answer_context``, or None."""
    return _ANSWER_CONTEXT.get()


@dataclass(frozen=True)
class ModelRequest:
    """One structured request: chat messages, the answer shape, and what its validators check against.

    ``grounding`` is opaque to the backend: it is made visible to ``response_model``'s validators through
    ``answer_context`` while the answer is validated (and re-asked).
    """

    messages: list[dict[str, str]]
    response_model: type[BaseModel]
    grounding: Any
    max_tokens: int
    free_first: bool = True  # a backend may try without decoding constraints first (see EmbeddedBackend)


@dataclass(frozen=True)
class Completion:
    """A validated answer with what it cost."""

    value: BaseModel
    prompt_tokens: int
    completion_tokens: int
    attempts: int
    seconds: float


class InvalidAnswerError(GaveUpError):
    """The model's answers still failed validation after the re-asks; ``last_text`` is the final one."""

    def __init__(
        self,
        message: str,
        *,
        attempts: int,
        last_cause: str,
        tokens: int,
        last_text: str,
        prompt_tokens: int,
        completion_tokens: int,
    ) -> None:
        super().__init__(message, attempts=attempts, last_cause=last_cause, tokens=tokens)
        self.last_text = last_text
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens


class Backend(Protocol):
    """What the pipeline needs from a model."""

    name: str
    model: str

    def complete(self, request: ModelRequest) -> Completion:
        """Answer ``request`` with a validated ``request.response_model`` instance."""
        ...


@dataclass
class _Meter:
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    texts: list[str] = field(default_factory=list)

    def count(self) -> None:
        self.calls += 1

    def record(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
            self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        try:
            self.texts.append(response.choices[0].message.content or "")
        except (AttributeError, IndexError):
            self.texts.append("")


@lru_cache(maxsize=1024)
def _instructor_shape(model: type[BaseModel]) -> type[BaseModel]:
    """instructor's wrapper class of an answer shape, made once per shape.

    Given a plain pydantic model, instructor makes a new subclass of it on every call (pydantic's
    create_model) and then generates that new class's JSON schema from scratch; a class that is already
    its wrapper is used as it is. Made once, the per-request cost of both goes (about a third of our CPU
    per request to a fast server, benchmarks/batch_throughput.py), and the answer is the same class of
    object with the same schema and name in the request.
    """
    return instructor.response_schema(model)


def _describe(error: BaseException) -> str:
    """One line about why an answer failed: the first validation message, not pydantic's banner."""
    return first_problem(error) if isinstance(error, ValidationError) else str(error)


class InstructorBackend:
    """Shared machinery for backends that answer OpenAI-shaped chat completions."""

    name = "abstract"
    model = "unknown"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _raw_create(self, **kwargs: Any) -> Any:  # pragma: no cover - implemented by subclasses
        """One chat completion for ``kwargs`` (OpenAI's create() arguments plus ``summarizer_free_first``)."""
        raise NotImplementedError

    @cached_property
    def _patched(self) -> Any:
        """instructor's create() over ``_attempt``, made once per backend (making it costs 0.14 ms, a tenth
        of instructor's own CPU per request); each request's meter travels in a context variable."""
        return instructor.patch(create=self._attempt, mode=instructor.Mode.JSON_SCHEMA)

    def _attempt(self, **kwargs: Any) -> Any:
        """One of instructor's attempts: one call through the transient retry policy, metered."""
        meter = _METER.get()
        response = call_with_retry(
            lambda: self._raw_create(**kwargs),
            max_attempts=self.settings.max_attempts,
            initial_wait_s=self.settings.retry_initial_s,
            max_wait_s=self.settings.retry_max_wait_s,
            on_attempt=meter.count,
        )
        meter.record(response)
        return response

    def complete(self, request: ModelRequest) -> Completion:
        """Validate with instructor (re-asks on failure) over one transient-retried call per attempt."""
        meter = _Meter()
        started = time.perf_counter()
        patched = self._patched
        metering = _METER.set(meter)
        with answer_context(request.grounding):
            try:
                value = patched(
                    response_model=_instructor_shape(request.response_model),
                    messages=[dict(m) for m in request.messages],
                    max_retries=self.settings.max_reasks,
                    max_tokens=request.max_tokens,
                    temperature=self.settings.temperature,
                    seed=self.settings.seed,
                    model=self.model,
                    summarizer_free_first=request.free_first,
                )
            except InstructorRetryException as exc:
                cause = exc.__cause__
                if isinstance(cause, SummarizerError):
                    raise cause from None
                raise self._invalid(meter, _describe(cause or exc)) from None
            except IncompleteOutputException:
                raise self._invalid(meter, f"the answer was cut off at {request.max_tokens} tokens") from None
            finally:
                _METER.reset(metering)
        return Completion(
            value=value,
            prompt_tokens=meter.prompt_tokens,
            completion_tokens=meter.completion_tokens,
            attempts=meter.calls,
            seconds=time.perf_counter() - started,
        )

    @staticmethod
    def _invalid(meter: _Meter, cause: str) -> InvalidAnswerError:
        first_line = cause.strip().splitlines()[0] if cause.strip() else "invalid answer"
        return InvalidAnswerError(
            "the model's answer failed validation",
            attempts=meter.calls,
            last_cause=first_line[:300],
            tokens=meter.prompt_tokens + meter.completion_tokens,
            last_text=meter.texts[-1] if meter.texts else "",
            prompt_tokens=meter.prompt_tokens,
            completion_tokens=meter.completion_tokens,
        )
