"""The Markdown eval report (the JSON one is EvalReport itself)."""

from __future__ import annotations

from .evalsuite import EvalReport

__all__ = ["eval_markdown"]


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
    lines += ["", "## Overall", "", "| metric | value |", "|---|---:|"]
    lines += [f"| {name} | {value:.3f} |" for name, value in report.headline.items()]
    if report.merge is not None:
        lines += ["", f"Conflicts matched: {', '.join(report.merge.matched_conflicts) or 'none'}."]
    return "\n".join(lines) + "\n"
