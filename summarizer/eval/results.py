"""What an eval run returns: the report shapes of gold suites and case suites, and the gated metrics.

These are plain pydantic shapes with no behaviour beyond counting, so the report layer can render them
without importing the runners (which reach the model layer).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..core.schema import Provenance
from .case_checks import Check
from .score import ArticleScore, MergeScore

__all__ = [
    "Mode",
    "HEADLINE",
    "DOMAIN_METRICS",
    "ArticleRun",
    "TrivialScore",
    "EvalReport",
    "SuiteOutcome",
    "PooledReport",
    "Baseline",
    "CaseResult",
    "CaseSuiteReport",
]

Mode = Literal["replay", "live", "record"]
# The metrics the regression gate holds (all "higher is better"). Precision, place and actor accuracy and
# conflict precision are held too: issue 13 and 14 set targets on them, and a rule that trades them for
# recall or a false disagreement must show up as a regression.
HEADLINE = (
    "event_f1",
    "event_precision",
    "strict_f1",
    "core_recall",
    "grounding_rate",
    "schema_validity",
    "date_accuracy",
    "type_accuracy",
    "location_accuracy",
    "actor_accuracy",
    "bcubed_f1",
    "pairwise_f1",
    "conflict_precision",
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

    @classmethod
    def of(
        cls,
        article_id: str,
        score: ArticleScore,
        provenance: Provenance | None = None,
        *,
        error: str | None = None,
        schema_valid: bool = True,
    ) -> ArticleRun:
        """One article's row: its cost from the summary's ``provenance``, or none (a failure: ``error``; a
        trivial predictor: no provenance)."""
        failed = error is not None
        return cls(
            article_id=article_id,
            ok=not failed,
            error=error,
            schema_valid=schema_valid and not failed,
            seconds=provenance.timings.total_s if provenance else 0.0,
            prompt_tokens=provenance.usage.prompt_tokens if provenance else 0,
            completion_tokens=provenance.usage.completion_tokens if provenance else 0,
            attempts=provenance.attempts if provenance else 0,
            score=score,
        )


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
    domain: str | None = Field(default=None, description="The suite's news domain (gold.yaml), when it names one.")
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


# What the by-domain table shows: extraction and merge quality, the figures the issues set targets on.
DOMAIN_METRICS = (
    "event_precision",
    "event_recall",
    "event_f1",
    "strict_f1",
    "type_accuracy",
    "location_accuracy",
    "actor_accuracy",
    "bcubed_f1",
    "pairwise_f1",
    "conflict_precision",
    "conflict_recall",
)


class PooledReport(BaseModel):
    """Several suites: each one's outcome and one headline over all their articles."""

    model_config = ConfigDict(extra="forbid")

    suites: list[SuiteOutcome]
    headline: dict[str, float] = Field(description="Metrics pooled over the articles of every scored suite.")
    baselines: dict[str, dict[str, float]] = Field(description="Trivial predictor -> its pooled metrics.")
    domains: dict[str, dict[str, float]] = Field(
        default_factory=dict,
        description="News domain -> the metrics pooled over its suites' articles (suites naming no domain: "
        "'unspecified').",
    )


class Baseline(BaseModel):
    """The committed headline metrics and how far each may drop before the gate fails."""

    model_config = ConfigDict(extra="forbid")

    tolerance: float = Field(description="Allowed drop of any headline metric (absolute).")
    metrics: dict[str, float] = Field(description="Headline metric -> committed value.")


class CaseResult(BaseModel):
    """One case: pass, fail, or not recorded (only the model-free checks ran), with every check."""

    model_config = ConfigDict(extra="forbid")

    case: str
    kind: str
    status: Literal["pass", "fail", "not_recorded"]
    checks: list[Check]


class CaseSuiteReport(BaseModel):
    """Every case of a case suite."""

    model_config = ConfigDict(extra="forbid")

    folder: str
    mode: Mode
    cases: list[CaseResult]
    error: str | None = Field(description="Why some cases could not run (e.g. no recording), naming the fix.")
    exit_code: int = Field(description="The exit code of that error's class, 0 when none.")

    @property
    def failed(self) -> int:
        """How many cases failed."""
        return sum(c.status == "fail" for c in self.cases)

    @property
    def passed(self) -> bool:
        """True when every case passed."""
        return all(c.status == "pass" for c in self.cases)
