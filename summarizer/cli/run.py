"""The summarize and merge commands: read articles, run them through summarizer.api, print or write."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from .. import api
from ..core.errors import BatchFailedError, SummarizerError, UsageError
from ..core.schema import ArticleSummary
from ..core.settings import Settings
from ..llm import make_backend
from ..report.console import print_story, print_summary
from ..report.tables import EventRow, TableWriter, event_rows
from ..text.names import load_names
from .app import app
from .console import ensure_model, err, fail, out, progress_bar, report_failures
from .options import RUN, SETTINGS, OutputFormat, QuietOpt, with_settings

__all__ = ["summarize", "merge"]


@app.command()
@with_settings(*RUN)
def summarize(
    articles: Annotated[
        list[str],
        typer.Argument(help="Article files (.txt, .jsonl, .html), folders, globs, http(s):// URLs, or - for stdin"),
    ],
    json_output: Annotated[bool, typer.Option("--json", help="Print the ArticleSummary JSON (schemas/)")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One ArticleSummary JSON object per line (for jq)")] = False,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            help="text, json, jsonl, or csv/tsv with one row per event (columns: docs/tables.md)",
            envvar="SUMMARIZER_FORMAT",
        ),
    ] = None,
    settings: Settings = SETTINGS,
    quiet: QuietOpt = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show progress and timings on stderr")] = False,
) -> None:
    """Summarise articles: a short summary and a schema-valid, source-grounded event list for each.

    Several inputs are summarised one after the other (up to --concurrency at once on a server); an input
    that fails is reported on stderr and the others still print; the exit code is then 8.
    """
    try:
        fmt = output_format or (
            OutputFormat.jsonl if jsonl else OutputFormat.json if json_output else OutputFormat.text
        )
        inputs = api.expand_inputs(articles)
        stdin = sys.stdin.buffer.read() if "-" in inputs else None
        ensure_model(settings)
        backend = make_backend(settings)  # before the table's header: a backend that cannot be built prints nothing
        table = TableWriter(sys.stdout, EventRow, fmt.value) if fmt in (OutputFormat.csv, OutputFormat.tsv) else None
        names = load_names(settings.aliases) if table else None

        def emit(result: ArticleSummary) -> None:
            if fmt is OutputFormat.json:
                out.print_json(result.model_dump_json()) if out.is_terminal else print(result.model_dump_json())
            elif fmt is OutputFormat.jsonl:
                print(result.model_dump_json(), flush=True)
            elif table is not None and names is not None:
                table.write(event_rows([result], names))
                sys.stdout.flush()
            else:
                print_summary(out, result)
            if verbose:
                p = result.provenance
                err.print(
                    f"{escape(result.article.id)}: {p.timings.total_s:.1f} s, "
                    f"{p.usage.prompt_tokens}+{p.usage.completion_tokens} tokens, {p.attempts} calls, "
                    f"{p.cached_requests} cached, {p.dropped_events} dropped",
                    highlight=False,
                )

        with progress_bar(quiet) as progress:
            task = progress.add_task("articles", total=None) if progress else None

            def show(article_id: str, done: int, total: int, step: str) -> None:
                if progress is not None and task is not None:
                    # One article's requests (the summary, then one per chunk of sentences), with time left.
                    progress.update(task, description=f"{escape(article_id)}: {step}", completed=done, total=total)

            result = api.summarize(
                inputs, settings, backend=backend, on_summary=emit, on_progress=show, stdin_bytes=stdin
            )
        if result.failed:
            if len(result.outcomes) == 1 and result.errors:
                raise next(iter(result.errors.values()))  # one input: its own error and exit code
            report_failures(result.failed, len(result.outcomes), "the others were printed")
            raise typer.Exit(BatchFailedError.exit_code)
    except SummarizerError as error:
        raise fail(error) from None


@app.command()
@with_settings(*RUN, "batch_poll_s")
def merge(
    paths: Annotated[
        list[str], typer.Argument(help="Article files (.txt, .jsonl, .html), folders, globs or http(s):// URLs")
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for story.json, timeline.md, report.html")] = Path(
        "merge-out"
    ),
    settings: Settings = SETTINGS,
    table_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            help="Also write story.csv or story.tsv: a row per story event and source (docs/tables.md)",
            envvar="SUMMARIZER_MERGE_FORMAT",
        ),
    ] = None,
    batch_api: Annotated[
        bool,
        typer.Option(
            "--batch-api",
            help="Send the uncached requests ahead as one OpenAI Batch API job (half the price, answered within "
            "24 h; a re-run resumes it); needs an OpenAI-compatible server",
        ),
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Summarise many articles (cached, resumable) and merge them into story events with conflicts."""
    try:
        if table_format not in (None, OutputFormat.csv, OutputFormat.tsv):
            raise UsageError("merge --format takes csv or tsv (story.json is always written)")
        files = api.expand_inputs(paths)
        if batch_api:
            note = None if quiet else lambda line: err.print(escape(line), highlight=False)
            merged = api.merge(files, settings, batch_api=True, on_note=note)
        else:
            ensure_model(settings)
            with progress_bar(quiet) as progress:
                task = progress.add_task("articles", total=len(files)) if progress else None
                merged = api.merge(
                    files, settings, on_done=lambda _: progress.advance(task) if progress and task is not None else None
                )
        written = api.write_merge(merged, out_dir, table_format.value if table_format else None)
        if not quiet:
            print_story(out, merged.report)
            for path in written:
                err.print(f"wrote {escape(str(path))}", highlight=False)
        if merged.batch.failed:
            report_failures(merged.batch.failed, len(merged.batch.outcomes), "the others are in the report")
            raise typer.Exit(BatchFailedError.exit_code)
    except SummarizerError as error:
        raise fail(error) from None
