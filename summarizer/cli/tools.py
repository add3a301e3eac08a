"""Commands around the runtime and the published shapes: model fetch, model path, doctor, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..core.errors import InputError, ModelFileError, SummarizerError
from ..core.settings import Settings
from ..llm import model_store
from ..llm.doctor import diagnose
from ..llm.selfcheck import ensure_runtime_ok
from ..report.json_schemas import export_schemas, render_schemas
from .app import app, model_app
from .console import err, fail, fetch_model, out
from .options import with_settings

__all__ = ["model_fetch", "model_path_cmd", "doctor", "schema"]


@model_app.command("fetch")
@with_settings("cache_dir")
def model_fetch(settings: Settings) -> None:
    """Download, assemble and verify the default model, then self-check it on a 512-token prompt."""
    try:
        path = fetch_model(settings)
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
        raise fail(error) from None


@app.command()
@with_settings("cache_dir", "model_path", "backend", "base_url")
def doctor(settings: Settings) -> None:
    """Print versions, CPU features, the llama.cpp build, backend, model and cache; self-check the model."""
    try:
        report = diagnose(settings)
    except SummarizerError as error:
        raise fail(error) from None
    for row in report.rows:
        mark = "[green]ok[/]" if row.ok else "[bold red]!![/]"
        out.print(f"{mark} [bold]{escape(row.check)}[/]: {escape(row.value)}", highlight=False, soft_wrap=True)
    if not report.healthy:
        err.print("[bold red]unhealthy:[/] fix the rows marked !! (each says how)", highlight=False)
        raise typer.Exit(ModelFileError.exit_code)
    out.print("[green]healthy[/]", highlight=False)


@model_app.command("path")
@with_settings("cache_dir", "model_path")
def model_path_cmd(settings: Settings) -> None:
    """Print the path of the model the embedded backend would load, after checking it."""
    try:
        out.print(str(model_store.resolve_model(settings.model_path, settings.cache_dir)), highlight=False)
    except SummarizerError as error:
        raise fail(error) from None


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
            raise typer.Exit(InputError.exit_code)
        print(schemas[name], end="")
        return
    for file, text in schemas.items():
        print(f"# {file}\n{text}", end="")
