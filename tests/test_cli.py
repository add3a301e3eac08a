"""CLI errors: one clear line naming the fix, a non-zero exit code, no traceback."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

runner = CliRunner()


def invoke(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env=env)


def assert_clean_error(result, code: int, words: str) -> None:
    assert result.exit_code == code, result.output
    assert words in result.output, result.output
    assert "Traceback" not in result.output


def test_missing_file(tmp_path: Path) -> None:
    assert_clean_error(invoke("summarize", str(tmp_path / "nope.txt")), 2, "does not exist")


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "is empty"), (b"\x00\xff\x00", "looks binary"), (b"caf\xe9 au lait", "--encoding cp1252")],
)
def test_bad_files(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert_clean_error(invoke("summarize", str(path)), 2, words)


def test_missing_model_names_the_fix(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Rebels took the city on Friday.")
    result = invoke("summarize", str(article), "--backend", "embedded", "--model-path", str(tmp_path / "none.gguf"))
    assert_clean_error(result, 4, "SUMMARIZER_MODEL_PATH")


def test_corrupt_model_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Rebels took the city on Friday.")
    fake_model = tmp_path / "m.gguf"
    fake_model.write_bytes(b"not a model at all")
    result = invoke("summarize", str(article), "--backend", "embedded", "--model-path", str(fake_model))
    assert_clean_error(result, 4, "not a GGUF model file")


def test_unreachable_server_names_the_fix(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Rebels took the city on Friday.")
    result = invoke(
        "summarize",
        str(article),
        "--base-url",
        "http://127.0.0.1:9/v1",
        "--model",
        "m",
        "--no-cache",
        env={"SUMMARIZER_MAX_ATTEMPTS": "2"},
    )
    assert_clean_error(result, 5, "is the server running at http://127.0.0.1:9/v1")
    assert "after 2 attempt(s)" in result.output


def test_bad_date_flag(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Rebels took the city on Friday.")
    assert_clean_error(invoke("summarize", str(article), "--date", "6/12/2024"), 3, "ISO date")


def test_schema_command_prints_and_exports(tmp_path: Path) -> None:
    result = invoke("schema", "article-summary.schema.json")
    assert result.exit_code == 0 and '"ArticleSummary"' in result.output
    result = invoke("schema", "--export", str(tmp_path))
    assert result.exit_code == 0 and (tmp_path / "article-summary.schema.json").exists()


def test_python_dash_m_works() -> None:
    done = subprocess.run([sys.executable, "-m", "summarizer", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "summarize" in done.stdout


def test_date_flag_takes_any_whole_day_but_not_an_all_number_one() -> None:
    from summarizer.cli.options import resolve_settings
    from summarizer.core.errors import ConfigError

    assert resolve_settings(date="6 December 2024").reference_date == dt.date(2024, 12, 6)
    assert resolve_settings(date="2024-12-06").reference_date == dt.date(2024, 12, 6)
    with pytest.raises(ConfigError, match="ISO date"):
        resolve_settings(date="6/12/2024")
