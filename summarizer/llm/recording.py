"""Recorded model answers, so an eval replays offline and deterministically.

A recording is the response-cache entries of one live run, written as JSONL (a header line, then one
``{"key", "doc"}`` line per answer, sorted). Replaying serves them through the ordinary cache path; a
request the recording does not hold means the prompt, schema or model changed, and says how to re-record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.errors import InputError, RecordingMissingError
from .base import Completion, ModelRequest
from .cache import ResponseCache

__all__ = ["RecordingCache", "ReplayBackend", "load_recording", "write_recording"]


class RecordingCache:
    """A cache that remembers every answer it serves or stores (over an optional persistent cache)."""

    def __init__(self, inner: ResponseCache | None = None, entries: dict[str, dict[str, Any]] | None = None) -> None:
        self.inner = inner
        self.entries: dict[str, dict[str, Any]] = dict(entries or {})
        self.read_only = entries is not None

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry, from the recording or the inner cache."""
        if key in self.entries:
            return self.entries[key]
        found = self.inner.get(key) if self.inner is not None else None
        if found is not None:
            self.entries[key] = found
        return found

    def put(self, key: str, document: dict[str, Any]) -> None:
        """Remember (and pass on to the inner cache)."""
        if self.read_only:
            return
        self.entries[key] = document
        if self.inner is not None:
            self.inner.put(key, document)

    def delete(self, key: str) -> None:
        """Forget an entry that no longer validates."""
        self.entries.pop(key, None)
        if self.inner is not None:
            self.inner.delete(key)


class ReplayBackend:
    """Stands in for the recorded backend; any request that reaches it was never recorded."""

    def __init__(self, name: str, model: str, path: Path, rerecord: str = "summarizer eval --record") -> None:
        self.name = name
        self.model = model
        self.path = path
        self.rerecord = rerecord

    def complete(self, request: ModelRequest) -> Completion:
        """Always fails: the cache in front of it holds every recorded answer."""
        raise RecordingMissingError(
            f"{self.path} has no recorded answer for a request of this run: the prompt, schema, model or article "
            f"changed since it was recorded; re-record with `{self.rerecord}` (runs the live model), "
            "then commit the new recording and baseline"
        )


def write_recording(path: Path, header: dict[str, Any], entries: dict[str, dict[str, Any]]) -> None:
    """Write a recording atomically."""
    lines = [json.dumps(header, sort_keys=True)]
    lines += [json.dumps({"key": k, "doc": entries[k]}, sort_keys=True) for k in sorted(entries)]
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def load_recording(
    path: Path, rerecord: str = "summarizer eval --record"
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Read a recording: its header and its entries (``rerecord`` is the command named when it is missing)."""
    if not path.is_file():
        raise RecordingMissingError(f"{path} does not exist; record it with `{rerecord}` (runs the live model)")
    try:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return lines[0], {item["key"]: item["doc"] for item in lines[1:]}
    except (ValueError, KeyError, IndexError):
        raise InputError(f"{path} is not a recording; re-record it with `{rerecord}`") from None
