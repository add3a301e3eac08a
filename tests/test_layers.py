"""The layering contracts in pyproject.toml (import-linter): only backends touch the model or network."""

from __future__ import annotations

import shutil
import subprocess

from .conftest import ROOT


def test_import_contracts_hold() -> None:
    command = shutil.which("lint-imports")
    assert command, "import-linter is part of the dev extra: pip install -e '.[dev]'"
    done = subprocess.run([command], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
