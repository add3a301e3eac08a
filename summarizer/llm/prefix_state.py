"""The KV state of the fixed instructions, kept on disk so that a new process skips evaluating them.

Every request to the embedded model starts with the same system message (~700 tokens). Within one
process llama.cpp reuses it from its KV cache, but each new process (one ``summarizer summarize``) paid
~10 s on two cores to evaluate it again before reading a word of the article. This module stores the
evaluated prefix with llama.cpp's own session files (``llama_state_save_file`` /
``llama_state_load_file``, what ``llama-cli --prompt-cache`` uses) and restores it at the next start.

A state file is keyed by the runtime (llama.cpp libraries, CPU flags, model file: the self-check's key),
the context size and the prefix tokens themselves, so a changed prompt, model or build never loads a
stale state. Correctness does not rest on the key alone: llama-cpp-python compares the restored tokens
with each request's tokens and evaluates everything after the first difference.

Files live in ``CACHE/prefix/`` (about 20 MB each); the newest :data:`KEEP` are kept.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
from pathlib import Path
from typing import Any

__all__ = ["PrefixState", "KEEP"]

KEEP = 4
_MARK = "\u2063summarizer-user-content\u2063"


class PrefixState:
    """Warms a ``llama_cpp.Llama`` with the KV state of a request's chat head (system message and the
    start of the user turn), from disk when stored, else by evaluating it once and storing it.

    ``folder`` None keeps nothing on disk (the head is still evaluated once per process).
    """

    def __init__(self, llama: Any, folder: Path | None, runtime_key: str) -> None:
        self._llama = llama
        self._folder = folder
        self._runtime_key = runtime_key
        self._formatter = _formatter(llama)
        self._done: set[str] = set()

    def warm(self, messages: list[dict[str, str]]) -> str:
        """Make the KV cache hold the chat head of ``messages``.

        Returns what it did: "held" (already there, or nothing to warm), "loaded" (from a state file) or
        "evaluated" (computed, and stored when a folder is set)."""
        if self._formatter is None or not messages or messages[0].get("role") != "system":
            return "held"
        system = messages[0]["content"]
        if system in self._done:
            return "held"  # once per process: later requests share the head through llama.cpp's prefix reuse
        self._done.add(system)
        tokens = self._head_tokens(system)
        if not tokens or self._holds(tokens):
            return "held"
        path = self._path(tokens)
        if path is not None and path.is_file() and self._load(path, tokens):
            return "loaded"
        self._llama.reset()
        self._llama.eval(tokens)
        if path is not None:
            self._save(path, tokens)
        return "evaluated"

    def _head_tokens(self, system: str) -> list[int]:
        result = self._formatter(messages=[{"role": "system", "content": system}, {"role": "user", "content": _MARK}])
        head = result.prompt.split(_MARK, 1)[0]
        if head == result.prompt:
            return []
        return list(self._llama.tokenize(head.encode("utf-8"), add_bos=not result.added_special, special=True))

    def _holds(self, tokens: list[int]) -> bool:
        llama = self._llama
        return llama.n_tokens >= len(tokens) and list(llama.input_ids[: len(tokens)]) == tokens

    def _path(self, tokens: list[int]) -> Path | None:
        if self._folder is None:
            return None
        digest = hashlib.sha256(f"{self._runtime_key}\n{self._llama.n_ctx()}\n{tokens}".encode()).hexdigest()[:32]
        return self._folder / f"{digest}.session"

    def _load(self, path: Path, tokens: list[int]) -> bool:
        import llama_cpp

        llama = self._llama
        capacity = llama.n_ctx()
        out = (llama_cpp.llama_token * capacity)()
        count = ctypes.c_size_t(0)
        llama.reset()
        if not llama_cpp.llama_state_load_file(llama.ctx, str(path).encode(), out, capacity, ctypes.byref(count)):
            path.unlink(missing_ok=True)  # unreadable (another build wrote it, or a torn write): rebuilt below
            return False
        loaded = list(out[: count.value])
        if loaded != tokens:
            llama.reset()
            return False
        llama.input_ids[: len(loaded)] = loaded
        llama.n_tokens = len(loaded)
        if hasattr(llama, "_requires_eval"):
            llama._requires_eval = True  # restored state has no fresh logits: the next request decodes first
        os.utime(path)
        return True

    def _save(self, path: Path, tokens: list[int]) -> None:
        import llama_cpp

        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(f".{os.getpid()}.tmp")
        array = (llama_cpp.llama_token * len(tokens))(*tokens)
        if llama_cpp.llama_state_save_file(self._llama.ctx, str(scratch).encode(), array, len(tokens)):
            os.replace(scratch, path)
            stored = sorted(path.parent.glob("*.session"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in stored[KEEP:]:
                old.unlink(missing_ok=True)
        else:
            scratch.unlink(missing_ok=True)


def _formatter(llama: Any) -> Any:
    """The chat formatter llama-cpp-python itself uses for this model (its GGUF chat template), or None."""
    template = getattr(llama, "metadata", {}).get("tokenizer.chat_template")
    if not template:
        return None
    from llama_cpp import llama_chat_format

    eos, bos = llama.token_eos(), llama.token_bos()
    return llama_chat_format.Jinja2ChatFormatter(
        template=template,
        eos_token=llama._model.token_get_text(eos) if eos != -1 else "",
        bos_token=llama._model.token_get_text(bos) if bos != -1 else "",
        stop_token_ids=[eos],
    )
