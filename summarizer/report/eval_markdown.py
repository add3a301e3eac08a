"""The Markdown eval reports: one suite, several suites pooled, and a case suite (the JSON ones are the models)."""

from __future__ import annotations

from ..eval.results import DOMAIN_METRICS, CaseSuiteReport, EvalReport, PooledReport

__all__ = ["eval_markdown", "pooled_markdown", "cases_markdown", "FLOOR_METRICS"]

# The metrics shown beside each trivial predictor's (its floor).
FLOOR_METRICS = (
    "event_precision",
    "event_recall",
    "event_f1",
    "strict_f1",
    "core_recall",
    "date_accuracy",
    "type_accuracy",
    "bcubed_f1",
    "conflict_recall",
)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def eval_markdown(report: EvalReport) -> str:
    """Per-article and overall scores as Markdown tables."""
    lines = [
        f"# Eval: {report.suite}",
        "",
        f"Mode `{report.mode}`, backend `{report.backend}`, model `{report.model}`, "
        f"prompt `{report.prompt_sha256[:12]}`, schema {report.schema_version}, wall time {report.wall_s:.1f} s.",
        "",
        "| article | predicted | gold | P | R | F1 | strict F1 | core recall | dates | types | places | actors |"
        " grounded | tokens | calls | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in report.articles:
        s = run.score
        if s is None or not run.ok:
            lines.append(f"| {run.article_id} | failed: {run.error} |" + " |" * 14)
            continue
        lines.append(
            f"| {run.article_id} | {s.predicted} | {s.gold} | {_pct(s.precision)} | {_pct(s.recall)} | {_pct(s.f1)} | "
            f"{_pct(s.strict_f1)} | {_pct(s.core_recall)} | {_pct(s.date_accuracy)} | {_pct(s.type_accuracy)} | "
            f"{_pct(s.location_accuracy)} | {_pct(s.actor_accuracy)} | {_pct(s.grounding_rate)} | "
            f"{run.prompt_tokens + run.completion_tokens} | {run.attempts} | {run.seconds:.1f} |"
        )
    lines += ["", "## Overall", ""]
    lines += _headline_table(report.headline, {n: b.headline for n, b in report.baselines.items()})
    if report.merge is not None:
        lines += ["", f"Conflicts matched: {', '.join(report.merge.matched_conflicts) or 'none'}."]
    return "\n".join(lines) + "\n"


def _headline_table(headline: dict[str, float], floors: dict[str, dict[str, float]]) -> list[str]:
    """Metric, value, and each trivial predictor's value under the same matching."""
    names = list(floors)
    lines = [
        "| metric | value |" + "".join(f" {n} (trivial) |" for n in names),
        "|---|---:|" + "---:|" * len(names),
    ]
    for metric, value in headline.items():
        cells = "".join(
            f" {floors[n][metric]:.3f} |" if metric in floors[n] and metric in FLOOR_METRICS else " |" for n in names
        )
        lines.append(f"| {metric} | {value:.3f} |{cells}")
    return lines


def pooled_markdown(report: PooledReport) -> str:
    """The pooled headline over every suite, with each suite's outcome."""
    lines = [
        "# Eval: all suites",
        "",
        "| suite | articles | event F1 | strict F1 | B-cubed F1 | status |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for outcome in report.suites:
        r = outcome.report
        if r is None:
            lines.append(f"| {outcome.folder} | | | | | not scored: {outcome.error} |")
            continue
        lines.append(
            f"| {r.suite} | {len(r.articles)} | {r.headline['event_f1']:.3f} | {r.headline['strict_f1']:.3f} | "
            f"{r.headline.get('bcubed_f1', 0.0):.3f} | scored |"
        )
    lines += ["", "## Pooled over all scored suites", ""]
    lines += _headline_table(report.headline, report.baselines)
    if report.domains:
        names = list(report.domains)
        lines += ["", "## Pooled by news domain", ""]
        lines += ["| metric |" + "".join(f" {n} |" for n in names), "|---|" + "---:|" * len(names)]
        for metric in DOMAIN_METRICS:
            cells = "".join(
                f" {report.domains[n][metric]:.3f} |" if metric in report.domains[n] else " |" for n in names
            )
            lines.append(f"| {metric} |{cells}")
    return "\n".join(lines) + "\n"


def cases_markdown(report: CaseSuiteReport) -> str:
    """PASS / FAIL per case, and every failed expectation with what was expected and what came out."""
    lines = [f"# Cases: {report.folder}", "", f"Mode `{report.mode}`."]
    if report.error:
        lines += ["", f"**{report.error}**"]
    lines += ["", "| case | kind | result | failed checks |", "|---|---|---|---:|"]
    for case in report.cases:
        failed = sum(not c.ok for c in case.checks)
        lines.append(f"| {case.case} | {case.kind} | {case.status.upper().replace('_', ' ')} | {failed} |")
    for case in report.cases:
        misses = [c for c in case.checks if not c.ok]
        if misses:
            lines += ["", f"## {case.case}", ""]
            lines += [f"- {c.where}: {c.expectation}: expected `{c.expected}`, got `{c.got}`" for c in misses]
    return "\n".join(lines) + "\n"
