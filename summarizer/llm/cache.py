"""Persistent response cache in SQLite: atomic writes, safe for concurrent runs, self-checking.

Keys are built by ``cache_key`` from everything that can change an answer (backend, model, prompt hash,
schema version, article content hash, the request itself and the generation parameters). Only validated
answers are stored, never errors. Each entry carries a checksum; a corrupted entry is dropped and
recomputed rather than trusted.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from ..core.settings import Settings

__all__ = ["AnswerCache", "ResponseCache", "cache_key", "response_cache"]


class AnswerCache(Protocol):
    """Where validated answers are kept by cache key: the SQLite ``ResponseCache`` or a recording."""

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored document, or None."""
        ...

    def put(self, key: str, document: dict[str, Any]) -> None:
        """Store a validated answer."""
        ...

    def delete(self, key: str) -> None:
        """Forget an entry that no longer validates."""
        ...


def cache_key(**parts: Any) -> str:
    """A stable sha256 over the named parts (JSON with sorted keys)."""
    blob = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


_LOCK_WAIT_S = 30.0


def _while_locked(statement: Any) -> Any:
    """Run ``statement()`` (one SQLite statement), again while another handle holds the lock it needs.

    SQLite's busy timeout does not cover every case: two handles opening a new cache file at once (one
    creating the table while the other switches it to WAL) get "database is locked" at once, to avoid a
    deadlock; CI saw it with several runs on one file. Written by hand: a local lock wait, not a transient
    network failure (those go through llm.retry). Raises the last OperationalError after _LOCK_WAIT_S.
    """
    deadline = time.monotonic() + _LOCK_WAIT_S
    while True:
        try:
            return statement()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class ResponseCache:
    """A key -> JSON document store in one SQLite file (WAL mode, one transaction per write)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        try:
            self._create()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):  # locked, read-only, ...: not corruption
                raise
            # Not a database at all (a truncated copy, a stray file). It is only a cache: set the file
            # aside for inspection and start an empty one, so every answer is recomputed.
            if getattr(self._local, "db", None) is not None:
                self._local.db.close()
                self._local.db = None
            path.replace(path.with_name(path.name + ".corrupt"))
            for suffix in ("-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            self._create()

    def _create(self) -> None:
        db = self._connect()
        _while_locked(
            lambda: db.execute(
                "CREATE TABLE IF NOT EXISTS responses ("
                "key TEXT PRIMARY KEY, value TEXT NOT NULL, checksum TEXT NOT NULL, created REAL NOT NULL)"
            )
        )

    def _connect(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=_LOCK_WAIT_S, isolation_level=None)
            _while_locked(lambda: db.execute("PRAGMA journal_mode=WAL"))
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored document, or None when absent or corrupted (a corrupted entry is removed)."""
        try:
            # As bytes: a torn or bit-flipped entry need not be valid UTF-8, and sqlite3 would raise on it.
            row = (
                self._connect()
                .execute("SELECT CAST(value AS BLOB), CAST(checksum AS BLOB) FROM responses WHERE key = ?", (key,))
                .fetchone()
            )
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise
            return None  # a damaged page ("disk image is malformed"): a miss, so the answer is recomputed
        if row is None:
            return None
        raw, checksum = row
        try:
            if hashlib.sha256(raw).hexdigest().encode("ascii") != checksum:
                raise ValueError("checksum mismatch")
            document = json.loads(raw.decode("utf-8"))
            if not isinstance(document, dict):
                raise ValueError("not an object")
        except (ValueError, TypeError):  # UnicodeDecodeError is a ValueError; TypeError: no value at all
            self.delete(key)
            return None
        return document

    def put(self, key: str, document: dict[str, Any]) -> None:
        """Store a document atomically (readers see the old entry or the new one, never half of it)."""
        value = json.dumps(document, sort_keys=True)
        checksum = hashlib.sha256(value.encode("utf-8")).hexdigest()
        try:
            self._connect().execute(
                "INSERT OR REPLACE INTO responses (key, value, checksum, created) VALUES (?, ?, ?, ?)",
                (key, value, checksum, time.time()),
            )
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise
            # A damaged page: the answer in hand is still good; it is only not kept for the next run.

    def delete(self, key: str) -> None:
        """Remove one entry."""
        self._connect().execute("DELETE FROM responses WHERE key = ?", (key,))

    def __len__(self) -> int:
        return int(self._connect().execute("SELECT COUNT(*) FROM responses").fetchone()[0])


def response_cache(settings: Settings) -> ResponseCache | None:
    """The persistent response cache the settings ask for (``cache_dir/responses.sqlite``), or None."""
    return ResponseCache(settings.cache_dir / "responses.sqlite") if settings.use_cache else None
