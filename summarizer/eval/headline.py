"""Headline metrics of an eval run, pooled over suites, and the regression gate against baseline.json.

``headline`` micro-averages the per-article scores of summarizer.eval.score into the numbers a suite is
judged by; ``pool`` does the same over the articles of several suites; ``check_baseline`` and
``suite_regressions`` name each headline metric that dropped more than the tolerance.
"""

from __future__ import annotations

from pathlib import Path

from .baselines import BASELINES
from .results import ArticleRun, Baseline, EvalReport, PooledReport, SuiteOutcome
from .score import MergeScore, f1, prf

__all__ = ["headline", "pool", "suite_regressions", "check_baseline"]


def headline(runs: list[ArticleRun], merge: MergeScore | None) -> dict[str, float]:
    """The headline metrics of ``runs`` (micro-averaged over articles) and of the merge, rounded to 4 places."""
    scored = [r.score for r in runs if r.score is not None]
    matched = sum(len(s.matches) for s in scored)
    strict = sum(sum(m.strict for m in s.matches) for s in scored)
    predicted = sum(s.predicted for s in scored)
    gold = sum(r.score.gold for r in runs if r.score) + 0
    _, _, event_f1 = prf(matched, predicted, gold)
    _, _, strict_f1 = prf(strict, predicted, gold)

    def weighted(attr: str, weight: str) -> float:
        num = sum((getattr(s, attr) or 0.0) * getattr(s, weight) for s in scored if getattr(s, attr) is not None)
        den = sum(getattr(s, weight) for s in scored if getattr(s, attr) is not None)
        return num / den if den else 0.0

    out = {
        "event_precision": matched / predicted if predicted else 0.0,
        "event_recall": matched / gold if gold else 0.0,
        "event_f1": event_f1,
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
        bcubed_f1=f1(bp, br),
        pairwise_precision=pp,
        pairwise_recall=pr,
        pairwise_f1=pf,
        conflict_precision=cp,
        conflict_recall=cr,
        conflict_f1=f1(cp, cr),
        matched_conflicts=[m for s in scores for m in s.matched_conflicts],
        items=items,
    )


def pool(outcomes: list[SuiteOutcome]) -> PooledReport:
    """One headline over the articles of every scored suite, for the real run and each trivial predictor, and
    one per news domain (the suites' ``domain``; none named: "unspecified")."""
    reports = [o.report for o in outcomes if o.report is not None]
    pooled = headline(
        [r for rep in reports for r in rep.articles], _pool_merge([rep.merge for rep in reports if rep.merge])
    )
    baselines = {
        name: headline(
            [r for rep in reports for r in rep.baselines[name].articles],
            _pool_merge([m for rep in reports if (m := rep.baselines[name].merge) is not None]),
        )
        for name in BASELINES
        if reports and all(name in rep.baselines for rep in reports)
    }
    by_domain: dict[str, list[EvalReport]] = {}
    for rep in reports:
        by_domain.setdefault(rep.domain or "unspecified", []).append(rep)
    domains = {
        domain: headline(
            [r for rep in reps for r in rep.articles], _pool_merge([rep.merge for rep in reps if rep.merge])
        )
        for domain, reps in sorted(by_domain.items())
    }
    return PooledReport(suites=outcomes, headline=pooled if reports else {}, baselines=baselines, domains=domains)


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
