"""Run an eval suite: summarise its articles (replayed, live, or recording), merge, score, gate.

The suite layout (any folder, so users keep their own gold sets): ``gold.yaml`` (see summarizer.gold and
evals/LABELLING.md), the article files under its ``articles_dir``, ``recordings.jsonl`` (written by
``--record``) and ``baseline.json`` (the headline metrics CI holds the line on, with a tolerance).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Literal

import jsonschema
from pydantic import BaseModel, ConfigDict, Field

from .articles import read_articles
from .backends import make_backend
from .backends.base import Backend
from .cache import ResponseCache
from .errors import RecordingMissingError, SummarizerError
from .exports import render_schemas
from .gold import GoldSuite, gold_problems, load_gold
from .merge import merge_summaries
from .pipeline import summarize_article
from .prompts import load_prompts
from .recording import RecordingCache, ReplayBackend, load_recording, write_recording
from .schema import ANSWER_SCHEMA_VERSION, SCHEMA_VERSION, ArticleOutcome, ArticleSummary
from .score import ArticleScore, MergeScore, prf, score_article, score_merge
from .settings import Settings

__all__ = ["EvalReport", "run_suite", "HEADLINE", "check_baseline", "Baseline"]

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


class EvalReport(BaseModel):
    """Everything an eval run measured."""

    model_config = ConfigDict(extra="forbid")

    suite: str
    mode: Mode
    backend: str
    model: str
    prompt_sha256: str
    schema_version: str
    wall_s: float
    articles: list[ArticleRun]
    headline: dict[str, float] = Field(description="Overall metrics (micro-averaged over articles).")
    merge: MergeScore | None


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
        "type_accuracy": weighted("type_accuracy", "gold"),
        "location_accuracy": weighted("location_accuracy", "gold"),
        "actor_accuracy": weighted("actor_accuracy", "gold"),
        "tokens_per_article": sum(r.prompt_tokens + r.completion_tokens for r in runs) / len(runs) if runs else 0.0,
        "attempts_per_article": sum(r.attempts for r in runs) / len(runs) if runs else 0.0,
    }
    if merge is not None:
        out.update(
            bcubed_f1=merge.bcubed_f1,
            pairwise_f1=merge.pairwise_f1,
            conflict_precision=merge.conflict_precision,
            conflict_recall=merge.conflict_recall,
            conflict_f1=merge.conflict_f1,
        )
    return {k: round(v, 4) for k, v in out.items()}


def run_suite(folder: Path, settings: Settings, mode: Mode) -> EvalReport:
    """Summarise, merge and score every article of the suite in ``folder``."""
    started = time.perf_counter()
    suite: GoldSuite = load_gold(folder)
    problems = gold_problems(suite, folder)
    if problems:
        raise SummarizerError(f"{folder}/gold.yaml has {len(problems)} problem(s), first: {problems[0]}")
    if suite.aliases and settings.aliases is None:  # the suite's story pack, unless --aliases names another
        settings = settings.model_copy(update={"aliases": (Path(folder) / suite.aliases).resolve()})
    recording_path = Path(folder) / "recordings.jsonl"
    backend: Backend
    if mode == "replay":
        header, entries = load_recording(recording_path)
        cache = RecordingCache(entries=entries)
        backend = ReplayBackend(header["backend"], header["model"], recording_path)
    else:
        backend = make_backend(settings)
        inner = ResponseCache(settings.cache_dir / "responses.sqlite") if settings.use_cache else None
        cache = RecordingCache(inner=inner)
    run_settings = settings.model_copy(update={"use_cache": True})
    schema = json.loads(render_schemas()["article-summary.schema.json"])
    articles_dir = (Path(folder) / suite.articles_dir).resolve()
    runs: list[ArticleRun] = []
    summaries: list[ArticleSummary] = []
    outcomes: list[ArticleOutcome] = []
    texts: dict[str, str] = {}
    for gold_article in suite.articles:
        article = read_articles(articles_dir / gold_article.file)[0]
        texts[article.id] = article.original
        tick = time.perf_counter()
        try:
            result = summarize_article(
                article, _settings_for(run_settings, gold_article.reference_date), backend, cache
            )  # type: ignore[arg-type]
        except RecordingMissingError:
            raise
        except SummarizerError as exc:
            runs.append(
                ArticleRun(
                    article_id=article.id,
                    ok=False,
                    error=str(exc),
                    schema_valid=False,
                    seconds=round(time.perf_counter() - tick, 3),
                    prompt_tokens=0,
                    completion_tokens=0,
                    attempts=0,
                    score=score_article(article.id, [], gold_article.events, article.original),
                )
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
    report = merge_summaries(summaries, texts, outcomes, names_file=settings.aliases)
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
        mode=mode,
        backend=backend.name,
        model=backend.model,
        prompt_sha256=load_prompts().sha256,
        schema_version=SCHEMA_VERSION,
        wall_s=round(time.perf_counter() - started, 3),
        articles=runs,
        headline=_headline(runs, merge_score),
        merge=merge_score,
    )


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
