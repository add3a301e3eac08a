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

import jsonschema

from ..core.errors import RecordingMissingError, SummarizerError, UsageError
from ..core.schema import SCHEMA_VERSION, ArticleOutcome, ArticleSummary
from ..core.settings import Settings
from ..extract.batch import summarize_batch
from ..extract.context import RunContext
from ..extract.prompts import load_prompts
from ..merge import merge_summaries
from ..text.articles import Article, read_articles
from ..text.names import NameTable, load_names
from .baselines import BASELINES
from .gold import GoldSuite, gold_problems, load_gold
from .headline import headline
from .replay import save_recording, suite_backend
from .results import ArticleRun, EvalReport, Mode, SuiteOutcome, TrivialScore
from .score import score_article, score_merge

__all__ = ["run_suite", "run_suites", "find_suites"]


def _trivial(suite: GoldSuite, articles: list[Article], names: NameTable) -> dict[str, TrivialScore]:
    """Score every trivial predictor of summarizer.eval.baselines exactly as the model's answers are scored."""
    out = {}
    golds = {a.id: a for a in suite.articles}
    for name, predict in BASELINES.items():
        summaries = [predict(article) for article in articles]
        runs = [
            ArticleRun.of(a.id, score_article(a.id, s.events, golds[a.id].events, a.original))
            for a, s in zip(articles, summaries, strict=True)
        ]
        outcomes = [
            ArticleOutcome(
                article_id=a.id, path=None, source=a.source, ok=True, error=None, events=len(s.events), cached=True
            )
            for a, s in zip(articles, summaries, strict=True)
        ]
        report = merge_summaries(summaries, {a.id: a.original for a in articles}, outcomes, names=names)
        merge = score_merge(report, suite, {r.article_id: r.score.matches for r in runs if r.score is not None})
        out[name] = TrivialScore(headline=headline(runs, merge), articles=runs, merge=merge)
    return out


def run_suite(folder: Path, settings: Settings, mode: Mode) -> EvalReport:
    """Summarise, merge and score every article of the suite in ``folder`` (and its trivial baselines).

    Raises InputError for a gold file that cannot be read, SummarizerError for one with problems, and
    RecordingMissingError (exit 6) when a replay lacks an answer.
    """
    started = time.perf_counter()
    suite: GoldSuite = load_gold(folder)
    problems = gold_problems(suite, folder)
    if problems:
        raise UsageError(f"{folder}/gold.yaml has {len(problems)} problem(s), first: {problems[0]}")
    backend, cache = suite_backend(folder, settings, mode)
    # The suite's own alias pack, when it names one, replaces any user alias file for this suite only.
    names_file = (Path(folder) / suite.aliases).resolve() if suite.aliases else settings.aliases
    # The recording (or, live, the cache in front of the model) serves every request, --no-cache or not.
    run = RunContext(settings, backend, cache, names=load_names(names_file), prompts=load_prompts())
    articles_dir = (Path(folder) / suite.articles_dir).resolve()
    articles = [
        read_articles(articles_dir / gold.file)[0].model_copy(
            update={"reference_date": gold.reference_date or settings.reference_date}
        )
        for gold in suite.articles
    ]
    batch = summarize_batch([(a, str(g.file)) for a, g in zip(articles, suite.articles, strict=True)], run, workers=1)
    missing = [e for e in batch.errors.values() if isinstance(e, RecordingMissingError)]
    if missing:
        raise missing[0]
    schema = ArticleSummary.model_json_schema()  # the published schemas/article-summary.schema.json
    summary_of = {s.article.id: s for s in batch.summaries}
    outcome_of = {o.article_id: o for o in batch.outcomes}
    runs: list[ArticleRun] = []
    for gold_article, article in zip(suite.articles, articles, strict=True):
        result = summary_of.get(article.id)
        if result is None:
            error = outcome_of[article.id].error or "failed"
            score = score_article(article.id, [], gold_article.events, article.original)
            runs.append(ArticleRun.of(article.id, score, error=error))
            continue
        try:
            jsonschema.validate(json.loads(result.model_dump_json()), schema)
            valid = True
        except jsonschema.ValidationError:
            valid = False
        score = score_article(article.id, result.events, gold_article.events, article.original)
        runs.append(ArticleRun.of(article.id, score, result.provenance, schema_valid=valid))
    report = merge_summaries(batch.summaries, batch.texts, batch.outcomes, names=run.names)
    matches = {r.article_id: r.score.matches for r in runs if r.score is not None}
    merge_score = score_merge(report, suite, matches)
    if mode == "record":
        save_recording(folder, backend, cache)
    return EvalReport(
        suite=suite.suite,
        folder=str(folder),
        domain=suite.domain,
        mode=mode,
        backend=backend.name,
        model=backend.model,
        prompt_sha256=run.prompts.sha256,
        schema_version=SCHEMA_VERSION,
        wall_s=round(time.perf_counter() - started, 3),
        articles=runs,
        headline=headline(runs, merge_score),
        merge=merge_score,
        baselines=_trivial(suite, articles, run.names),
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
