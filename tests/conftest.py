"""Shared fixtures: a fake backend wired to answer per request, and a small article."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer.core.settings import Settings
from summarizer.llm.fake import FakeBackend

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# The seeds suite's story pack: tests about the Syrian seed story name its actors and places through it.
SEEDS_PACK = Path(__file__).resolve().parent.parent / "evals" / "seeds" / "aliases.yaml"

SMALL_ARTICLE = (
    " date 2024-12-06 Rebels seized the city of Hama on Thursday after heavy fighting, the U.S. monitor said.\n\n"
    "Government forces withdrew from Deir ez-Zor on Nov. 27 and moved to Palmyra.\n"
    "Analysts say the war could end soon.\n"
)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's keys, servers, config or cache."""
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SUMMARIZER_BACKEND",
        "SUMMARIZER_MODEL",
        "SUMMARIZER_BASE_URL",
        "SUMMARIZER_API_KEY",
        "SUMMARIZER_CACHE_DIR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture
def one_sentence_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests that reason about requests sentence by sentence (fault injection, re-asks, batch lines):
    one sentence per extraction request instead of the default chunks of three."""
    monkeypatch.setenv("SUMMARIZER_CHUNK_SENTENCES", "1")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(backend="fake", cache_dir=tmp_path / "cache")


def task_sentence_ids(kwargs: dict) -> list[int]:
    """The sentence numbers an events request asks about (parsed from its TASK line)."""
    last = kwargs["messages"][-1]["content"]
    match = re.search(r"TASK: List the events stated in sentences? ([\d, ]+) only", last)
    return [int(x) for x in match.group(1).split(",")] if match else []


_NUMBERED_LINE = re.compile(r"^\[(\d+)\] (.+)$", re.MULTILINE)


def opening_summary(kwargs: dict) -> list[str]:
    """A grounded summary, as a cooperative model writes one: the first words of the first two sentences."""
    shown = {int(m.group(1)): m.group(2) for m in _NUMBERED_LINE.finditer(kwargs["messages"][-1]["content"])}
    opening = [" ".join(shown[i].split()[:12]).rstrip(".") + "." for i in sorted(shown)[:2]]
    return opening if len(opening) == 2 else [*opening, *opening][:2]


def scripted(events_by_sentence: dict[int, list[dict]], summary: tuple[str, ...] | None = None):
    """An answer function for FakeBackend: the summary (by default the article's opening words), or the
    scripted events of the asked sentences."""

    def answer(kwargs: dict) -> str:
        ids = task_sentence_ids(kwargs)
        if not ids:
            return json.dumps({"sentences": list(summary) if summary else opening_summary(kwargs)})
        entries = [
            {"s": i, "kind": "event", "events": events_by_sentence[i]}
            if events_by_sentence.get(i)
            else {"s": i, "kind": "comment"}
            for i in ids
        ]
        return json.dumps({"sentences": entries})

    return answer


@pytest.fixture
def fake(settings: Settings) -> FakeBackend:
    return FakeBackend(settings)
