"""The eval command: score gold suites and check case suites (summarizer.api.evaluate), print, gate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from .. import api
from ..core.errors import SummarizerError, UsageError
from ..core.outputs import write_atomic
from ..core.settings import Settings
from ..report.console import print_cases, print_eval, print_pooled
from ..report.eval_markdown import cases_markdown, eval_markdown, pooled_markdown
from .app import app
from .console import ensure_model, err, fail, out
from .options import EVAL, SETTINGS, with_settings

__all__ = ["eval_cmd"]


@app.command("eval")
@with_settings(*EVAL)
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
    settings: Settings = SETTINGS,
) -> None:
    """Score extraction and merge against each suite's gold, and check case suites; fail on a regression."""
    try:
        mode = "record" if record else "live" if live else "replay"
        folders = list(suite) if suite else api.find_suites(Path("evals"))
        if not folders:
            raise UsageError("no suite found: evals/ has no folder with a gold.yaml; pass --suite DIR")
        if mode != "replay":
            ensure_model(settings)
        with err.status(f"eval {', '.join(map(str, folders))} ({mode})…"):
            evaluation = api.evaluate(folders, settings, mode)  # type: ignore[arg-type]
        _show_suites(evaluation, out_dir, update_baseline)
        for folder, cases in evaluation.cases:
            target = out_dir / folder.name if out_dir else folder / "reports"
            write_atomic(target / "cases.json", cases.model_dump_json(indent=2))
            write_atomic(target / "cases.md", cases_markdown(cases))
            print_cases(out, cases)
            err.print(f"wrote {target / 'cases.json'} and {target / 'cases.md'}", highlight=False)
            if cases.error:
                err.print(f"[bold red]error:[/] {escape(cases.error)}", highlight=False, soft_wrap=True)
            elif not cases.passed:
                err.print(f"[bold red]cases failed:[/] {cases.failed} of {len(cases.cases)} in {escape(str(folder))}")
        code = evaluation.exit_code(gated=not update_baseline)
        if code:
            raise typer.Exit(code)
    except SummarizerError as error:
        raise fail(error) from None


def _show_suites(evaluation: api.Evaluation, out_dir: Path | None, update_baseline: bool) -> None:
    """Write, print and gate the gold suites: each one's report, the pooled one, then the baselines."""
    if evaluation.pooled is None:
        return
    for outcome in evaluation.suites:
        folder = out_dir / Path(outcome.folder).name if out_dir else Path(outcome.folder) / "reports"
        if outcome.report is None:
            err.print(f"[bold red]error:[/] {escape(outcome.folder)}: {escape(outcome.error or '')}", soft_wrap=True)
            continue
        write_atomic(folder / "eval.json", outcome.report.model_dump_json(indent=2))
        write_atomic(folder / "eval.md", eval_markdown(outcome.report))
        print_eval(out, outcome.report)
        err.print(f"wrote {folder / 'eval.json'} and {folder / 'eval.md'}", highlight=False)
    pooled_dir = out_dir or Path("evals") / "reports"
    write_atomic(pooled_dir / "eval.json", evaluation.pooled.model_dump_json(indent=2))
    write_atomic(pooled_dir / "eval.md", pooled_markdown(evaluation.pooled))
    print_pooled(out, evaluation.pooled)
    err.print(f"wrote {pooled_dir / 'eval.json'} and {pooled_dir / 'eval.md'}", highlight=False)
    for outcome in evaluation.suites:
        if outcome.report is None:
            continue
        if update_baseline:
            err.print(f"wrote {api.write_baseline(outcome)}", highlight=False)
            continue
        drops = evaluation.regressions.get(outcome.folder, [])
        for drop in drops:
            err.print(f"[bold red]regression:[/] {escape(drop)}", highlight=False)
        if not drops:
            err.print(f"[green]no regression[/] against {escape(str(Path(outcome.folder) / 'baseline.json'))}")
    if not update_baseline and any(evaluation.regressions.values()):
        err.print(
            "Quality dropped below the committed baseline; fix the change, or if the drop is intended, "
            "re-run with --update-baseline and commit baseline.json with a reason.",
            highlight=False,
        )
