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
from typing import Any

__all__ = ["ResponseCache", "cache_key"]


def cache_key(**parts: Any) -> str:
    """A stable sha256 over the named parts (JSON with sorted keys)."""
    blob = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseCache:
    """A key -> JSON document store in one SQLite file (WAL mode, one transaction per write)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS responses ("
                "key TEXT PRIMARY KEY, value TEXT NOT NULL, checksum TEXT NOT NULL, created REAL NOT NULL)"
            )

    def _connect(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored document, or None when absent or corrupted (a corrupted entry is removed)."""
        row = self._connect().execute("SELECT value, checksum FROM responses WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        value, checksum = row
        try:
            if hashlib.sha256(value.encode("utf-8")).hexdigest() != checksum:
                raise ValueError("checksum mismatch")
            document = json.loads(value)
            if not isinstance(document, dict):
                raise ValueError("not an object")
        except (ValueError, UnicodeEncodeError):
            self.delete(key)
            return None
        return document

    def put(self, key: str, document: dict[str, Any]) -> None:
        """Store a document atomically (readers see the old entry or the new one, never half of it)."""
        value = json.dumps(document, sort_keys=True)
        checksum = hashlib.sha256(value.encode("utf-8")).hexdigest()
        self._connect().execute(
            "INSERT OR REPLACE INTO responses (key, value, checksum, created) VALUES (?, ?, ?, ?)",
            (key, value, checksum, time.time()),
        )

    def delete(self, key: str) -> None:
        """Remove one entry."""
        self._connect().execute("DELETE FROM responses WHERE key = ?", (key,))

    def __len__(self) -> int:
        return int(self._connect().execute("SELECT COUNT(*) FROM responses").fetchone()[0])
