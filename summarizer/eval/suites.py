"""Run eval suites: summarise their articles (replayed, live, or recording), merge, score, gate, pool.

The suite layout (any folder, so users keep their own gold sets): ``gold.yaml`` (see summarizer.eval.gold and
evals/LABELLING.md), the article files under its ``articles_dir``, an optional alias pack named by its
``aliases`` key, ``recordings.jsonl`` (written by ``--record``) and ``baseline.json`` (the headline metrics
CI holds the line on, with a tolerance). Every suite is also scored for the trivial predictors of
summarizer.eval.baselines under the same matching, so each number has a floor beside it. Several suites are
run one after another; a suite that cannot run (no recording, broken gold) is reported and the others
still are, and their articles are pooled into one headline.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Literal

import jsonschema
from pydantic import BaseModel, ConfigDict, Field

from ..core.errors import RecordingMissingError, SummarizerError
from ..core.schema import ANSWER_SCHEMA_VERSION, SCHEMA_VERSION, ArticleOutcome, ArticleSummary
from ..core.settings import Settings
from ..extract.pipeline import summarize_article
from ..extract.prompts import load_prompts
from ..llm import make_backend
from ..llm.base import Backend
from ..llm.cache import ResponseCache
from ..llm.recording import RecordingCache, ReplayBackend, load_recording, write_recording
from ..merge import merge_summaries
from ..text.articles import Article, read_articles
from .baselines import BASELINES
from .gold import GoldSuite, gold_problems, load_gold
from .score import ArticleScore, MergeScore, prf, score_article, score_merge

__all__ = [
    "EvalReport",
    "TrivialScore",
    "SuiteOutcome",
    "PooledReport",
    "run_suite",
    "run_suites",
    "find_suites",
    "pool",
    "suite_regressions",
    "record_command",
    "HEADLINE",
    "check_baseline",
    "Baseline",
]

Mode = Literal["replay", "live", "record"]
# The metrics the regression gate holds (all "higher is better").
HEADLINE = (
    "event_f1",
    "strict_f1",
    "core_recall",
    "grounding_rate",
    "schema_validity",
    "date_accuracy",
    "type_accuracy",
    "bcubed_f1",
    "pairwise_f1",
    "conflict_recall",
)


class ArticleRun(BaseModel):
    """One article of an eval run."""

    model_config = ConfigDict(extra="forbid")

    article_id: str
    ok: bool
    error: str | None
    schema_valid: bool
    seconds: float
    prompt_tokens: int
    completion_tokens: int
    attempts: int
    score: ArticleScore | None


class TrivialScore(BaseModel):
    """What a trivial predictor (summarizer.eval.baselines) scores on a suite under the same matching."""

    model_config = ConfigDict(extra="forbid")

    headline: dict[str, float] = Field(description="Its overall metrics, as for the real run.")
    articles: list[ArticleRun] = Field(description="Its per-article scores.")
    merge: MergeScore | None = Field(description="Its story-level scores.")


class EvalReport(BaseModel):
    """Everything an eval run measured."""

    model_config = ConfigDict(extra="forbid")

    suite: str
    folder: str = Field(default="", description="The suite folder.")
    mode: Mode
    backend: str
    model: str
    prompt_sha256: str
    schema_version: str
    wall_s: float
    articles: list[ArticleRun]
    headline: dict[str, float] = Field(description="Overall metrics (micro-averaged over articles).")
    merge: MergeScore | None
    baselines: dict[str, TrivialScore] = Field(
        default_factory=dict, description="Trivial predictor name -> its scores (the floor under each number)."
    )


class SuiteOutcome(BaseModel):
    """One suite of a multi-suite run: its report, or why it could not be scored."""

    model_config = ConfigDict(extra="forbid")

    folder: str
    report: EvalReport | None
    error: str | None = Field(description="Why the suite was not scored (one line naming the fix).")
    exit_code: int = Field(description="The exit code of that error's class, 0 when scored.")


class PooledReport(BaseModel):
    """Several suites: each one's outcome and one headline over all their articles."""

    model_config = ConfigDict(extra="forbid")

    suites: list[SuiteOutcome]
    headline: dict[str, float] = Field(description="Metrics pooled over the articles of every scored suite.")
    baselines: dict[str, dict[str, float]] = Field(description="Trivial predictor -> its pooled metrics.")


class Baseline(BaseModel):
    """The committed headline metrics and how far each may drop before the gate fails."""

    model_config = ConfigDict(extra="forbid")

    tolerance: float = Field(description="Allowed drop of any headline metric (absolute).")
    metrics: dict[str, float] = Field(description="Headline metric -> committed value.")


def _settings_for(settings: Settings, gold_date) -> Settings:  # type: ignore[no-untyped-def]
    return settings.model_copy(update={"reference_date": gold_date}) if gold_date else settings


def _headline(runs: list[ArticleRun], merge: MergeScore | None) -> dict[str, float]:
    scored = [r.score for r in runs if r.score is not None]
    matched = sum(len(s.matches) for s in scored)
    strict = sum(sum(m.strict for m in s.matches) for s in scored)
    predicted = sum(s.predicted for s in scored)
    gold = sum(r.score.gold for r in runs if r.score) + 0
    _, _, f1 = prf(matched, predicted, gold)
    _, _, strict_f1 = prf(strict, predicted, gold)

    def weighted(attr: str, weight: str) -> float:
        num = sum((getattr(s, attr) or 0.0) * getattr(s, weight) for s in scored if getattr(s, attr) is not None)
        den = sum(getattr(s, weight) for s in scored if getattr(s, attr) is not None)
        return num / den if den else 0.0

    out = {
        "event_precision": matched / predicted if predicted else 0.0,
        "event_recall": matched / gold if gold else 0.0,
        "event_f1": f1,
        "strict_f1": strict_f1,
        "core_recall": weighted("core_recall", "gold"),
        "grounding_rate": weighted("grounding_rate", "predicted"),
        "schema_validity": sum(r.schema_valid for r in runs) / len(runs) if runs else 0.0,
        "date_accuracy": weighted("date_accuracy", "gold"),
        "date_accuracy_stated": weighted("date_accuracy_stated", "dates_stated"),
        "date_accuracy_implied": weighted("date_accuracy_implied", "dates_implied"),
        "status_accuracy": weighted("status_accuracy", "gold"),
        "historical_accuracy": weighted("historical_accuracy", "gold"),
        "type_accuracy": weighted("type_accuracy", "gold"),
        "location_accuracy": weighted("location_accuracy", "gold"),
        "actor_accuracy": weighted("actor_accuracy", "gold"),
        "tokens_per_article": sum(r.prompt_tokens + r.completion_tokens for r in runs) / len(runs) if runs else 0.0,
        "attempts_per_article": sum(r.attempts for r in runs) / len(runs) if runs else 0.0,
    }
    if merge is not None:
        out.update(
            bcubed_precision=merge.bcubed_precision,
            bcubed_recall=merge.bcubed_recall,
            bcubed_f1=merge.bcubed_f1,
            pairwise_f1=merge.pairwise_f1,
            conflict_precision=merge.conflict_precision,
            conflict_recall=merge.conflict_recall,
            conflict_f1=merge.conflict_f1,
        )
    return {k: round(v, 4) for k, v in out.items()}


def record_command(folder: Path) -> str:
    """The command that records ``folder``'s answers with the live model."""
    return f"summarizer eval --suite {folder} --record"


def _replay(folder: Path) -> tuple[Backend, RecordingCache]:
    recording_path = Path(folder) / "recordings.jsonl"
    header, entries = load_recording(recording_path, record_command(folder))
    return ReplayBackend(header["backend"], header["model"], recording_path, record_command(folder)), RecordingCache(
        entries=entries
    )


def _live(settings: Settings) -> tuple[Backend, RecordingCache]:
    inner = ResponseCache(settings.cache_dir / "responses.sqlite") if settings.use_cache else None
    return make_backend(settings), RecordingCache(inner=inner)


def _failed_run(article_id: str, error: str, score: ArticleScore) -> ArticleRun:
    return ArticleRun(
        article_id=article_id,
        ok=False,
        error=error,
        schema_valid=False,
        seconds=0.0,
        prompt_tokens=0,
        completion_tokens=0,
        attempts=0,
        score=score,
    )


def _trivial(suite: GoldSuite, articles: list[Article], names_file: Path | None) -> dict[str, TrivialScore]:
    """Score every trivial predictor of summarizer.eval.baselines exactly as the model's answers are scored."""
    out = {}
    golds = {a.id: a for a in suite.articles}
    for name, predict in BASELINES.items():
        summaries = [predict(article) for article in articles]
        runs = [
            ArticleRun(
                article_id=a.id,
                ok=True,
                error=None,
                schema_valid=True,
                seconds=0.0,
                prompt_tokens=0,
                completion_tokens=0,
                attempts=0,
                score=score_article(a.id, s.events, golds[a.id].events, a.original),
            )
            for a, s in zip(articles, summaries, strict=True)
        ]
        outcomes = [
            ArticleOutcome(
                article_id=a.id, path=None, source=a.source, ok=True, error=None, events=len(s.events), cached=True
            )
            for a, s in zip(articles, summaries, strict=True)
        ]
        report = merge_summaries(summaries, {a.id: a.original for a in articles}, outcomes, names_file=names_file)
        merge = score_merge(report, suite, {r.article_id: r.score.matches for r in runs if r.score is not None})
        out[name] = TrivialScore(headline=_headline(runs, merge), articles=runs, merge=merge)
    return out


def run_suite(folder: Path, settings: Settings, mode: Mode) -> EvalReport:
    """Summarise, merge and score every article of the suite in ``folder`` (and its trivial baselines)."""
    started = time.perf_counter()
    suite: GoldSuite = load_gold(folder)
    problems = gold_problems(suite, folder)
    if problems:
        raise SummarizerError(f"{folder}/gold.yaml has {len(problems)} problem(s), first: {problems[0]}")
    if suite.aliases and settings.aliases is None:  # the suite's story pack, unless --aliases names another
        settings = settings.model_copy(update={"aliases": (Path(folder) / suite.aliases).resolve()})
    recording_path = Path(folder) / "recordings.jsonl"
    backend, cache = _replay(folder) if mode == "replay" else _live(settings)
    # The suite's own alias pack, when it names one, replaces any user alias file for this suite only.
    names_file = (Path(folder) / suite.aliases).resolve() if suite.aliases else settings.aliases
    run_settings = settings.model_copy(update={"use_cache": True, "aliases": names_file})
    schema = ArticleSummary.model_json_schema()  # the published schemas/article-summary.schema.json
    articles_dir = (Path(folder) / suite.articles_dir).resolve()
    runs: list[ArticleRun] = []
    summaries: list[ArticleSummary] = []
    outcomes: list[ArticleOutcome] = []
    texts: dict[str, str] = {}
    articles: list[Article] = []
    for gold_article in suite.articles:
        article = read_articles(articles_dir / gold_article.file)[0]
        articles.append(article)
        texts[article.id] = article.original
        try:
            result = summarize_article(
                article, _settings_for(run_settings, gold_article.reference_date), backend, cache
            )  # type: ignore[arg-type]
        except RecordingMissingError:
            raise
        except SummarizerError as exc:
            runs.append(
                _failed_run(article.id, str(exc), score_article(article.id, [], gold_article.events, article.original))
            )
            outcomes.append(
                ArticleOutcome(
                    article_id=article.id,
                    path=str(gold_article.file),
                    source=article.source,
                    ok=False,
                    error=str(exc),
                    events=0,
                    cached=False,
                )
            )
            continue
        try:
            jsonschema.validate(json.loads(result.model_dump_json()), schema)
            valid = True
        except jsonschema.ValidationError:
            valid = False
        usage = result.provenance.usage
        runs.append(
            ArticleRun(
                article_id=article.id,
                ok=True,
                error=None,
                schema_valid=valid,
                seconds=result.provenance.timings.total_s,
                prompt_tokens=usage.prompt_tokens,
                completion_tokens=usage.completion_tokens,
                attempts=result.provenance.attempts,
                score=score_article(article.id, result.events, gold_article.events, article.original),
            )
        )
        summaries.append(result)
        outcomes.append(
            ArticleOutcome(
                article_id=article.id,
                path=str(gold_article.file),
                source=article.source,
                ok=True,
                error=None,
                events=len(result.events),
                cached=result.provenance.requests == 0,
            )
        )
    report = merge_summaries(summaries, texts, outcomes, names_file=names_file)
    matches = {r.article_id: r.score.matches for r in runs if r.score is not None}
    merge_score = score_merge(report, suite, matches)
    if mode == "record":
        write_recording(
            recording_path,
            {
                "backend": backend.name,
                "model": backend.model,
                "prompt_sha256": load_prompts().sha256,
                "schema_version": ANSWER_SCHEMA_VERSION,
            },
            cache.entries,
        )
    return EvalReport(
        suite=suite.suite,
        folder=str(folder),
        mode=mode,
        backend=backend.name,
        model=backend.model,
        prompt_sha256=load_prompts().sha256,
        schema_version=SCHEMA_VERSION,
        wall_s=round(time.perf_counter() - started, 3),
        articles=runs,
        headline=_headline(runs, merge_score),
        merge=merge_score,
        baselines=_trivial(suite, articles, names_file),
    )


def find_suites(root: Path) -> list[Path]:
    """Every suite folder directly under ``root`` that has a gold.yaml, in name order."""
    return sorted(p for p in Path(root).iterdir() if (p / "gold.yaml").is_file()) if Path(root).is_dir() else []


def run_suites(folders: list[Path], settings: Settings, mode: Mode) -> list[SuiteOutcome]:
    """Run every suite; one that cannot run is reported with its error and does not stop the others."""
    outcomes = []
    for folder in folders:
        try:
            report = run_suite(folder, settings, mode)
            outcomes.append(SuiteOutcome(folder=str(folder), report=report, error=None, exit_code=0))
        except SummarizerError as exc:
            outcomes.append(SuiteOutcome(folder=str(folder), report=None, error=str(exc), exit_code=exc.exit_code))
    return outcomes


def _pool_merge(scores: list[MergeScore]) -> MergeScore | None:
    """Merge scores of several suites pooled exactly: B-cubed over all items, pairs and conflicts counted."""
    if not scores:
        return None
    items = sum(s.items for s in scores)
    bp = sum(s.bcubed_precision * s.items for s in scores) / items if items else 0.0
    br = sum(s.bcubed_recall * s.items for s in scores) / items if items else 0.0
    pp, pr, pf = prf(
        sum(s.pairs_shared for s in scores), sum(s.pairs_predicted for s in scores), sum(s.pairs_gold for s in scores)
    )
    cp = prf(sum(s.conflicts_predicted_matched for s in scores), sum(s.conflicts_predicted for s in scores), 1)[0]
    cr = prf(sum(len(s.matched_conflicts) for s in scores), 1, sum(s.conflicts_gold for s in scores))[1]
    return MergeScore(
        bcubed_precision=bp,
        bcubed_recall=br,
        bcubed_f1=2 * bp * br / (bp + br) if bp + br else 0.0,
        pairwise_precision=pp,
        pairwise_recall=pr,
        pairwise_f1=pf,
        conflict_precision=cp,
        conflict_recall=cr,
        conflict_f1=2 * cp * cr / (cp + cr) if cp + cr else 0.0,
        matched_conflicts=[m for s in scores for m in s.matched_conflicts],
        items=items,
    )


def pool(outcomes: list[SuiteOutcome]) -> PooledReport:
    """One headline over the articles of every scored suite, for the real run and each trivial predictor."""
    reports = [o.report for o in outcomes if o.report is not None]
    headline = _headline(
        [r for rep in reports for r in rep.articles], _pool_merge([rep.merge for rep in reports if rep.merge])
    )
    baselines = {
        name: _headline(
            [r for rep in reports for r in rep.baselines[name].articles],
            _pool_merge([m for rep in reports if (m := rep.baselines[name].merge) is not None]),
        )
        for name in BASELINES
        if reports and all(name in rep.baselines for rep in reports)
    }
    return PooledReport(suites=outcomes, headline=headline if reports else {}, baselines=baselines)


def suite_regressions(outcome: SuiteOutcome) -> list[str]:
    """The gate for one scored suite against its own baseline.json, each line naming the suite and metric."""
    if outcome.report is None:
        return []
    path = Path(outcome.folder) / "baseline.json"
    if not path.is_file():
        return [f"{outcome.folder}: {path} does not exist; create it with --update-baseline"]
    baseline = Baseline.model_validate_json(path.read_text(encoding="utf-8"))
    return [f"{outcome.folder}: {drop}" for drop in check_baseline(outcome.report, baseline)]


def check_baseline(report: EvalReport, baseline: Baseline) -> list[str]:
    """The headline metrics that dropped more than the tolerance below the baseline."""
    drops = []
    for name, committed in baseline.metrics.items():
        current = report.headline.get(name)
        if current is None:
            drops.append(f"{name}: missing from this run (baseline {committed:.3f})")
        elif current < committed - baseline.tolerance:
            drops.append(f"{name}: {current:.3f} < baseline {committed:.3f} - tolerance {baseline.tolerance:.3f}")
    return drops
