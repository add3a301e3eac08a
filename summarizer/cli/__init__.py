"""The command line: parse options, call the library (summarizer.api), print, and map errors to exit codes.

Nothing else lives here: ``options`` declares every option once and resolves the settings, ``console``
prints errors and progress, and one module per group of commands (``run``: summarize, merge;
``evaluate``: eval; ``tools``: model, doctor, schema). See README, "Exit codes".
"""

from __future__ import annotations

# isort: off
# Importing a command module registers its commands, in this order in --help.
from . import run  # noqa: F401
from . import evaluate  # noqa: F401
from . import tools  # noqa: F401

# isort: on
from .app import app

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - console entry
    """Entry point for python -m summarizer."""
    app()
