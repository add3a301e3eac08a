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


def test_one_exhaustive_layers_contract_names_every_subpackage() -> None:
    """The folder is the architecture: one layers contract, exhaustive, over every top-level module and
    subpackage of summarizer/, and no contract exempts indirect imports."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    layers = [c for c in contracts if c["type"] == "layers"]
    assert len(layers) == 1 and layers[0]["exhaustive"] is True and layers[0]["containers"] == ["summarizer"]
    named = {name.strip() for layer in layers[0]["layers"] for name in layer.split("|")}
    package = ROOT / "summarizer"
    present = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    present |= {p.parent.name for p in package.glob("*/__init__.py")}
    assert named == present
    assert not any(c.get("allow_indirect_imports") for c in contracts)


def test_exit_codes_come_from_one_error_class_each() -> None:
    """Each exit code has one error class (subclasses only refine it), and the CLI never exits with a
    number literal or raises the base class itself."""
    import ast

    from summarizer.core import errors

    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.SummarizerError)]
    for code in {c.exit_code for c in classes if c is not errors.SummarizerError}:
        roots = [
            c
            for c in classes
            if c.exit_code == code
            and c is not errors.SummarizerError
            and (c.__base__ is errors.SummarizerError or c.__base__.exit_code != code)  # type: ignore[attr-defined]
        ]
        assert len(roots) == 1, (code, roots)
    for path in (ROOT / "summarizer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                literal = any(isinstance(a, ast.Constant) and isinstance(a.value, int) for a in node.args)
                assert not (name == "Exit" and literal), f"{path}:{node.lineno} exits with a literal code"
                assert name != "SummarizerError", f"{path}:{node.lineno} raises the base class"
