"""The command line's options, each declared once, and the one place flags become ``Settings``.

A command asks for the settings options it takes with ``@with_settings(...)`` and a ``settings: Settings``
parameter: the decorator puts those options in that parameter's place (so ``--help`` lists them there)
and calls the command with the ``Settings`` they resolve to: flag > environment > config file > default.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import typer
from pydantic import ValidationError

from ..core.errors import ConfigError, SummarizerError, UsageError, first_problem
from ..core.settings import Settings
from ..text.articles import publication_day
from .console import fail

__all__ = [
    "OutputFormat",
    "QuietOpt",
    "CacheDirOpt",
    "RUN",
    "EVAL",
    "SETTINGS",
    "with_settings",
    "resolve_settings",
]

Command = TypeVar("Command", bound=Callable[..., Any])

SETTINGS = cast(Settings, None)
"""The default of a command's ``settings`` parameter, which ``with_settings`` replaces by the options."""

CacheDirOpt = Annotated[Path | None, typer.Option("--cache-dir", help="Cache folder [env: SUMMARIZER_CACHE_DIR]")]
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="No progress or notes on stderr; only results and errors", envvar="SUMMARIZER_QUIET"
    ),
]

# name -> (annotation, default): every option that sets a field of Settings (date and no_cache are mapped).
_SETTING_OPTIONS: dict[str, tuple[Any, Any]] = {
    "backend": (
        Annotated[str | None, typer.Option("--backend", help="embedded | openai | auto [env: SUMMARIZER_BACKEND]")],
        None,
    ),
    "model": (
        Annotated[str | None, typer.Option("--model", help="Model name on the server [env: SUMMARIZER_MODEL]")],
        None,
    ),
    "base_url": (
        Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible server URL [env: OPENAI_BASE_URL]")],
        None,
    ),
    "model_path": (
        Annotated[Path | None, typer.Option("--model-path", help="A GGUF file [env: SUMMARIZER_MODEL_PATH]")],
        None,
    ),
    "date": (
        Annotated[str | None, typer.Option("--date", help="Reference date YYYY-MM-DD for articles without one")],
        None,
    ),
    "no_cache": (Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the response cache")], False),
    "cache_dir": (CacheDirOpt, None),
    "response_format": (
        Annotated[
            str | None,
            typer.Option("--response-format", help="json_schema | llama_cpp (for llama-cpp-python's server)"),
        ],
        None,
    ),
    "aliases": (
        Annotated[
            Path | None,
            typer.Option(
                "--aliases",
                help="A story pack: alias file of this story's actors and places [env: SUMMARIZER_ALIASES]",
            ),
        ],
        None,
    ),
    "encoding": (
        Annotated[str | None, typer.Option("--encoding", help="Text encoding of input files (default utf-8)")],
        None,
    ),
    "concurrency": (
        Annotated[
            int | None,
            typer.Option("--concurrency", help="Articles in flight on a server backend [env: SUMMARIZER_CONCURRENCY]"),
        ],
        None,
    ),
    "batch_poll_s": (
        Annotated[
            float | None,
            typer.Option("--batch-poll-s", help="Seconds between batch status checks [env: SUMMARIZER_BATCH_POLL_S]"),
        ],
        None,
    ),
}

# The settings options of the commands that run the model on articles (summarize, merge) and of eval.
EVAL = ("backend", "model", "base_url", "model_path", "no_cache", "cache_dir", "response_format", "aliases")
RUN = ("backend", "model", "base_url", "model_path", "date", "no_cache", "cache_dir", "response_format", "aliases")
RUN += ("encoding", "concurrency")


class OutputFormat(StrEnum):
    """How summarize prints its results (merge takes csv or tsv for its story table)."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


def resolve_settings(**flags: Any) -> Settings:
    """Resolve settings once: flags given on the command line win over environment and config file.

    Raises ConfigError (exit 3) for a --date that names no whole day (``publication_day``), UsageError
    (exit 1) for any other value a setting does not take.
    """
    given = {k: v for k, v in flags.items() if v is not None and v is not False}
    if given.pop("no_cache", False):
        given["use_cache"] = False
    if "date" in given:
        day = publication_day(given.pop("date"))
        if day is None:
            raise ConfigError("--date must be a whole day: an ISO date such as 2024-12-06, or 6 December 2024")
        given["reference_date"] = day
    try:
        return Settings(**given)
    except ValidationError as exc:
        raise UsageError(f"setting {first_problem(exc)}; fix the flag, SUMMARIZER_* variable or config file") from None


def with_settings(*names: str) -> Callable[[Command], Command]:
    """Give a command the settings options ``names`` in place of its ``settings`` parameter."""

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            if parameter.name != "settings":
                parameters.append(parameter)
                continue
            for name in names:
                annotation, default = _SETTING_OPTIONS[name]
                kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
                parameters.append(inspect.Parameter(name, kind, default=default, annotation=annotation))

        @functools.wraps(command)
        def run(**values: Any) -> Any:
            flags = {name: values.pop(name) for name in names}
            try:
                settings = resolve_settings(**flags)
            except SummarizerError as error:
                raise fail(error) from None
            return command(settings=settings, **values)

        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run  # type: ignore[return-value]

    return decorate
