"""Where the embedded model is looked for: a --cache-dir elsewhere never costs a second 1.1 GB download."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.core.errors import ModelFileError
from summarizer.llm import model_store


def _gguf(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"GGUF" + b"\0" * 60)
    return path


def test_a_model_in_the_default_cache_serves_another_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    home, elsewhere = tmp_path / "default", tmp_path / "elsewhere"
    monkeypatch.setattr(model_store, "default_cache_dir", lambda: home)
    monkeypatch.setattr(model_store, "verify_model", lambda path: None)  # the real check hashes 1.1 GB
    shared = _gguf(model_store.default_model_path(home))
    assert model_store.resolve_model(None, elsewhere) == shared
    assert model_store.fetch_model(elsewhere) == shared  # found: nothing is downloaded
    own = _gguf(model_store.default_model_path(elsewhere))
    assert model_store.resolve_model(None, elsewhere) == own  # a folder's own copy comes first


def test_no_model_anywhere_is_a_clear_exit_4(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(model_store, "default_cache_dir", lambda: tmp_path / "default")
    with pytest.raises(ModelFileError, match="not downloaded yet"):
        model_store.resolve_model(None, tmp_path / "elsewhere")
