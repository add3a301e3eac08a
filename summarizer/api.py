"""The Python API: summarise articles, merge them into a story, evaluate against gold. The CLI uses it.

Every entry point takes one resolved ``Settings`` (``Settings()`` reads the environment and the config
file; pass fields to override) and raises a ``SummarizerError`` subclass whose ``exit_code`` is the CLI's
(see README, "Exit codes")::

    from summarizer import Settings, api

    settings = Settings(base_url="http://localhost:8080/v1")
    done = api.summarize(api.expand_inputs(["seeds/"]), settings)
    merged = api.merge(api.expand_inputs(["seeds/"]), settings)
    checked = api.evaluate([Path("evals/seeds")], settings)          # replays the recorded answers

Printing, progress bars and fetching the embedded model on first use are the caller's (the CLI's).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .core.errors import CasesFailedError, RecordingMissingError, RegressionError
from .core.outputs import write_atomic
from .core.schema import ArticleOutcome, ArticleSummary, StoryReport
from .core.settings import Settings
from .eval.cases import is_case_suite, run_cases
from .eval.headline import pool, suite_regressions
from .eval.results import HEADLINE, Baseline, CaseSuiteReport, Mode, PooledReport, SuiteOutcome
from .eval.suites import find_suites, run_suites
from .extract.batch import BatchResult, Input, expand_inputs, run_batch
from .extract.context import RunContext
from .llm import make_backend
from .llm.base import Backend
from .llm.cache import response_cache
from .merge import merge_summaries
from .report.html import render_html
from .report.markdown import render_markdown
from .report.tables import StoryEventRow, TableWriter, story_rows
from .text.names import NameTable, load_names

__all__ = [
    "expand_inputs",
    "summarize",
    "merge",
    "Merged",
    "write_merge",
    "evaluate",
    "Evaluation",
    "find_suites",
    "write_baseline",
]


def _workers(backend: Backend, settings: Settings) -> int:
    # One in-process model computes one thing at a time; a server takes several requests at once.
    return 1 if backend.name == "embedded" else settings.concurrency


def summarize(
    files: Sequence[Input],
    settings: Settings,
    *,
    backend: Backend | None = None,
    on_summary: Callable[[ArticleSummary], None] | None = None,
    on_progress: Callable[[str, int, int, str], None] | None = None,
    on_done: Callable[[ArticleOutcome], None] | None = None,
    stdin_bytes: bytes | None = None,
) -> BatchResult:
    """Summarise every article of ``files`` (from ``expand_inputs``) through the response cache.

    ``backend`` defaults to the one the settings select. Returns every article's summary or failure
    (``BatchResult.failed``; one article's failure costs the others nothing). Callbacks are those of
    ``summarizer.extract.batch.run_batch``. Raises ConfigError/BackendError/ModelFileError when no backend
    can be built.
    """
    run = RunContext.build(settings, backend or make_backend(settings), response_cache(settings))
    return run_batch(
        files,
        run,
        workers=_workers(run.backend, settings),
        on_summary=on_summary,
        on_progress=on_progress,
        on_done=on_done,
        stdin_bytes=stdin_bytes,
    )


@dataclass
class Merged:
    """A merge: the batch it stands on, the story report, and the name table both were read with."""

    batch: BatchResult
    report: StoryReport
    names: NameTable


def merge(
    files: Sequence[Input],
    settings: Settings,
    *,
    batch_api: bool = False,
    on_done: Callable[[ArticleOutcome], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Merged:
    """Summarise ``files`` and merge them into story events with each field's agreement and the conflicts.

    ``batch_api`` sends the uncached requests ahead as one OpenAI Batch API job (``on_note`` gets its
    status lines); it raises ConfigError on the embedded backend. Failed articles are in
    ``Merged.batch.failed`` and in the report's ``articles``.
    """
    if batch_api:
        from .extract.batch_api import run_batch_api  # the batch client loads httpx and openai: only when asked

        batch = run_batch_api(files, settings, response_cache(settings), on_note=on_note, on_done=on_done)
    else:
        batch = summarize(files, settings, on_done=on_done)
    names = load_names(settings.aliases)
    return Merged(batch, merge_summaries(batch.summaries, batch.texts, batch.outcomes, names=names), names)


def write_merge(merged: Merged, out_dir: Path, table_format: str | None = None) -> list[Path]:
    """Write story.json, timeline.md and report.html (and story.csv/.tsv for ``table_format``) atomically."""
    report = merged.report
    written = [
        write_atomic(out_dir / "story.json", report.model_dump_json(indent=2)),
        write_atomic(out_dir / "timeline.md", render_markdown(report)),
        write_atomic(out_dir / "report.html", render_html(report)),
    ]
    if table_format is not None:
        buffer = io.StringIO()
        TableWriter(buffer, StoryEventRow, table_format).write(story_rows(report, merged.names))
        written.append(write_atomic(out_dir / f"story.{table_format}", buffer.getvalue()))
    return written


@dataclass
class Evaluation:
    """Every suite of one eval run: gold suites scored and pooled, case suites checked."""

    suites: list[SuiteOutcome] = field(default_factory=list)
    pooled: PooledReport | None = None
    regressions: dict[str, list[str]] = field(default_factory=dict)  # suite folder -> what dropped
    cases: list[tuple[Path, CaseSuiteReport]] = field(default_factory=list)

    def exit_code(self, *, gated: bool = True) -> int:
        """The run's exit code: a regression (7) outranks a missing recording (6), which outranks failed
        cases (9); then the highest other error code; 0 when all is well. ``gated=False`` ignores
        regressions (a run that rewrites the baselines)."""
        codes = [o.exit_code for o in self.suites if o.report is None]
        if gated and any(self.regressions.values()):
            codes.append(RegressionError.exit_code)
        for _, cases in self.cases:
            if cases.error:
                codes.append(cases.exit_code)
            elif not cases.passed:
                codes.append(CasesFailedError.exit_code)
        for code in (RegressionError.exit_code, RecordingMissingError.exit_code, CasesFailedError.exit_code):
            if code in codes:
                return code
        return max(codes, default=0)


def evaluate(folders: Sequence[Path], settings: Settings, mode: Mode = "replay") -> Evaluation:
    """Score every gold suite in ``folders`` (pooled, gated against each suite's baseline.json) and check
    every case suite. ``mode``: replay the recordings, run ``live``, or ``record`` (live, rewriting them).

    A suite that cannot run is reported in its outcome (``error``, ``exit_code``), never raised.
    """
    evaluation = Evaluation()
    case_folders = [Path(f) for f in folders if is_case_suite(Path(f))]
    gold_folders = [Path(f) for f in folders if Path(f) not in case_folders]
    if gold_folders:
        evaluation.suites = run_suites(gold_folders, settings, mode)
        evaluation.pooled = pool(evaluation.suites)
        evaluation.regressions = {o.folder: suite_regressions(o) for o in evaluation.suites if o.report is not None}
    evaluation.cases = [(folder, run_cases(folder, settings, mode)) for folder in case_folders]
    return evaluation


def write_baseline(outcome: SuiteOutcome) -> Path:
    """Accept a scored suite's headline metrics as its ``baseline.json`` (keeping its tolerance)."""
    assert outcome.report is not None, "only a scored suite has metrics to accept"
    path = Path(outcome.folder) / "baseline.json"
    tolerance = Baseline.model_validate_json(path.read_text()).tolerance if path.exists() else 0.02
    headline = outcome.report.headline
    fresh = Baseline(tolerance=tolerance, metrics={k: headline[k] for k in HEADLINE if k in headline})
    return write_atomic(path, fresh.model_dump_json(indent=2) + "\n")
