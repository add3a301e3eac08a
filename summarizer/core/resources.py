"""Where the files that ship with the package live (prompt templates, alias table).

prompts/ sits at the top of the repository; a wheel carries a copy inside the package (see
pyproject's force-include), so a non-editable install looks there first and a source checkout falls
back to the repository folder.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["prompts_dir", "data_dir"]

_PACKAGE = Path(__file__).resolve().parent.parent  # summarizer/, above core/


def prompts_dir() -> Path:
    """Return the folder holding the prompt templates."""
    for candidate in (_PACKAGE / "prompts", _PACKAGE.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("prompt templates not found; reinstall the package (pip install .)")


def data_dir() -> Path:
    """Return the folder holding packaged data files (aliases.yaml)."""
    return _PACKAGE / "data"
