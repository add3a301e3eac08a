"""One error base class with a few subclasses whose messages say what to do next.

One class per exit code (subclasses only say more about the same failure); only the CLI turns them into
exit codes, and code never raises the base class itself or exits with a literal number.
"""

from __future__ import annotations

from pydantic import ValidationError

__all__ = [
    "SummarizerError",
    "UsageError",
    "InputError",
    "PageError",
    "ConfigError",
    "ModelFileError",
    "ModelRuntimeError",
    "BackendError",
    "GaveUpError",
    "RecordingMissingError",
    "RegressionError",
    "BatchFailedError",
    "CasesFailedError",
    "first_problem",
]


def first_problem(exc: ValidationError) -> str:
    """The first of pydantic's validation errors as one line: 'where: what'."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


class SummarizerError(Exception):
    """Base class: the message is one line that names the fix."""

    exit_code = 1


class UsageError(SummarizerError):
    """A command cannot run as given: a bad option or setting, no suite to evaluate, a broken gold file."""

    exit_code = 1


class InputError(SummarizerError):
    """The article input cannot be used (missing, empty, binary, undecodable, malformed)."""

    exit_code = 2


class PageError(InputError):
    """A web page cannot be used: not found, unreachable, not HTML, too big, or no article text in it."""


class ConfigError(SummarizerError):
    """A setting, flag or environment variable is wrong or missing."""

    exit_code = 3


class ModelFileError(SummarizerError):
    """The local GGUF model is missing, corrupt or cannot be fetched."""

    exit_code = 4


class BackendError(SummarizerError):
    """The model backend cannot be used: unreachable server, rejected key, runtime failure."""

    exit_code = 5


class GaveUpError(BackendError):
    """Transient failures or re-asks exhausted the attempt or token budget."""

    def __init__(self, message: str, *, attempts: int, last_cause: str, tokens: int = 0) -> None:
        super().__init__(f"{message} after {attempts} attempt(s) and {tokens} tokens; last cause: {last_cause}")
        self.attempts = attempts
        self.last_cause = last_cause
        self.tokens = tokens


class RecordingMissingError(SummarizerError):
    """A replayed eval asked for a model response that was never recorded."""

    exit_code = 6


class ModelRuntimeError(ModelFileError):
    """The model runtime cannot run here (e.g. llama.cpp built for instructions this CPU lacks)."""


class RegressionError(SummarizerError):
    """An eval's headline metric dropped below its suite's committed baseline."""

    exit_code = 7


class BatchFailedError(SummarizerError):
    """Some articles of a batch failed; the others' results were kept and written."""

    exit_code = 8


class CasesFailedError(SummarizerError):
    """A case of a case suite failed one of its expectations."""

    exit_code = 9
