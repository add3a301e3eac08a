"""The one retry policy for transient failures: tenacity, exponential backoff with jitter.

Backends translate their own transient failures (429, 5xx, timeouts, dropped connections) into
``TransientError``; nothing else is retried here. Validation failures are instructor's business
(re-asks), and the OpenAI SDK's own retries are switched off, so the two never multiply.
A server's Retry-After is honoured (up to ``max_wait_s``) in place of the computed backoff.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from tenacity import RetryCallState, RetryError, Retrying, retry_if_exception_type, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from ..core.errors import GaveUpError

__all__ = ["TransientError", "call_with_retry"]

T = TypeVar("T")


class TransientError(Exception):
    """A failure worth trying again; ``retry_after`` is the server's requested wait, if any."""

    def __init__(self, message: str, *, retry_after: float | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.hint = hint


def call_with_retry(
    fn: Callable[[], T],
    *,
    max_attempts: int,
    initial_wait_s: float = 1.0,
    max_wait_s: float = 60.0,
    sleep: Callable[[float], None] | None = None,
    on_attempt: Callable[[], None] | None = None,
) -> T:
    """Call ``fn``, retrying TransientError; on give-up raise GaveUpError with attempts and last cause."""
    backoff = wait_exponential_jitter(multiplier=initial_wait_s, max=max_wait_s, jitter=initial_wait_s)

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, TransientError) and error.retry_after is not None:
            return min(max(error.retry_after, 0.0), max_wait_s)
        return float(backoff(state))

    def attempt() -> T:
        if on_attempt:
            on_attempt()
        return fn()

    options = {"sleep": sleep} if sleep is not None else {}
    retrying = Retrying(
        stop=stop_after_attempt(max_attempts),
        wait=wait,
        retry=retry_if_exception_type(TransientError),
        **options,
    )
    try:
        return retrying(attempt)
    except RetryError as exc:
        last = exc.last_attempt.exception()
        hint = getattr(last, "hint", "")
        raise GaveUpError(
            "the model backend kept failing" + (f" ({hint})" if hint else ""),
            attempts=exc.last_attempt.attempt_number,
            last_cause=str(last),
        ) from None
