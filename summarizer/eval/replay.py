"""Where an eval's answers come from: a suite's recording (replay) or the configured model (live, record).

Shared by gold suites and case suites: both keep ``recordings.jsonl`` in the suite folder, replay it
through the ordinary cache path, and rewrite it after a ``--record`` run.
"""

from __future__ import annotations

from pathlib import Path

from ..core.schema import ANSWER_SCHEMA_VERSION
from ..core.settings import Settings
from ..extract.prompts import load_prompts
from ..llm import make_backend
from ..llm.base import Backend
from ..llm.cache import response_cache
from ..llm.recording import RecordingCache, ReplayBackend, load_recording, write_recording
from .results import Mode

__all__ = ["record_command", "suite_backend", "save_recording"]


def record_command(folder: Path) -> str:
    """The command that records ``folder``'s answers with the live model."""
    return f"summarizer eval --suite {folder} --record"


def suite_backend(folder: Path, settings: Settings, mode: Mode) -> tuple[Backend, RecordingCache]:
    """The backend and cache of one suite run: the recording's answers for replay, else the live model.

    Raises RecordingMissingError (exit 6) when a replay has no recording, InputError when it is not one.
    """
    if mode == "replay":
        path = Path(folder) / "recordings.jsonl"
        header, entries = load_recording(path, record_command(folder))
        return ReplayBackend(header["backend"], header["model"], path, record_command(folder)), RecordingCache(
            entries=entries
        )
    return make_backend(settings), RecordingCache(inner=response_cache(settings))


def save_recording(folder: Path, backend: Backend, cache: RecordingCache) -> None:
    """Rewrite ``folder/recordings.jsonl`` with every answer the run served or stored."""
    header = {
        "backend": backend.name,
        "model": backend.model,
        "prompt_sha256": load_prompts().sha256,
        "schema_version": ANSWER_SCHEMA_VERSION,
    }
    write_recording(Path(folder) / "recordings.jsonl", header, cache.entries)
