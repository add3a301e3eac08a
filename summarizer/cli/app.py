"""The Typer application and its ``model`` sub-command group; the commands register themselves on them."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core.version import __version__

__all__ = ["app", "model_app"]

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Structured, source-grounded event summaries of news articles.",
)
model_app = typer.Typer(no_args_is_help=True, help="The embedded local model: fetch, verify, locate.")
app.add_typer(model_app, name="model")


def _version(value: bool) -> None:
    if value:
        print(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Structured, source-grounded event summaries of news articles."""
