"""Helpers shared by the reliability tests: generated articles, server-backed settings, measured figures.

Set ``RELIABILITY_FIGURES=/some/file.jsonl`` to have the tests append the figures they measure (one JSON
object per line); RELIABILITY.md quotes them.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from summarizer.core.settings import Settings

from .faultserver import Record

__all__ = ["SECRET", "article_text", "make_articles", "server_settings", "cli_env", "article_of", "note"]

# A unique marker: if it shows up anywhere but the Authorization header, the key leaked.
SECRET = "sk-test-SECRET-7f3c9a1e5b2d4c6e8a0f"

_TOWN = re.compile(r"Town(\d\d)")


def article_text(n: int) -> str:
    """A short article (2 or 3 sentences) about the made-up Town<n>; distinct for every n."""
    lines = [
        f"The council of Town{n:02d} approved a new budget of {n + 3} million on Monday, officials said.",
        f"Protesters from Town{n:02d} gathered outside the town hall later that day.",
    ]
    if n % 2:
        lines.append(f"Police in Town{n:02d} said the march of {n + 10} people ended peacefully on Tuesday.")
    return "\n".join(lines) + "\n"


def make_articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    """Write ``count`` generated articles into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"a{n:02d}.txt"
        path.write_text(article_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def server_settings(url: str, tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for the OpenAI backend against a local fault server: short timeouts and backoff."""
    values: dict[str, Any] = {
        "backend": "openai",
        "base_url": url,
        "api_key": SECRET,
        "model": "fault-model",
        "timeout_s": 1.0,
        "retry_initial_s": 0.05,
        "retry_max_wait_s": 2.0,
        "max_attempts": 6,
        "concurrency": 4,
        "cache_dir": tmp_path / "cache",
    }
    values.update(overrides)
    return Settings(**values)


def cli_env(**extra: str) -> dict[str, str]:
    """Environment for CLI runs against the fault server: the key, fast retries, a wide terminal."""
    env = {
        "OPENAI_API_KEY": SECRET,
        "SUMMARIZER_TIMEOUT_S": "1",
        "SUMMARIZER_RETRY_INITIAL_S": "0.02",
        "SUMMARIZER_RETRY_MAX_WAIT_S": "1.5",
        "SUMMARIZER_MAX_ATTEMPTS": "3",
        "COLUMNS": "400",
    }
    env.update(extra)
    return env


def article_of(record: Record) -> str | None:
    """The generated article a request is about (``a07``), from the Town number in its text."""
    match = _TOWN.search(record.task_text())
    return f"a{match.group(1)}" if match else None


def note(name: str, **figures: Any) -> None:
    """Append measured figures to $RELIABILITY_FIGURES (if set), for RELIABILITY.md."""
    target = os.environ.get("RELIABILITY_FIGURES")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"test": name, **figures}, default=str) + "\n")
