"""Grammar-constrained greedy decoding that applies the grammar to the whole vocabulary only when it must.

llama-cpp-python 0.3.36 runs a JSON-schema grammar over every one of the vocabulary's ~150k candidate
tokens at every step, then takes the greedy maximum; on two CPU cores that costs about a third of the
generation speed. llama.cpp's own sampler (``common_sampler_sample``) first takes the unconstrained choice
and checks only that one token against the grammar, applying it to the whole vocabulary when the token is
rejected. :class:`GrammarFirstGreedy` does the same for greedy decoding: the chosen token is the greatest
logit among the tokens the grammar allows either way (ties go to the lowest token id in both), so the
answers are identical and only the time changes.

Written by hand because llama-cpp-python has no such option. It uses llama.cpp's public sampler API only
(``llama_sampler_init_grammar``, ``llama_sampler_apply``, ``llama_sampler_accept``), and :class:`FastGrammarLlama`
uses it only for what it reproduces exactly: temperature 0 with a grammar, no repetition penalties and no
Python logits processors; everything else goes through llama-cpp-python's own sampler chain.
"""

from __future__ import annotations

import ctypes
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp import llama_cpp as C

__all__ = ["GrammarFirstGreedy", "FastGrammarLlama"]

_TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


class GrammarFirstGreedy:
    """A sampler with llama-cpp-python's ``sample(ctx, idx) -> token`` interface: greedy, grammar-checked.

    ``steps`` counts sampled tokens and ``full_checks`` those whose unconstrained choice the grammar
    rejected (the grammar then ran over the whole vocabulary).
    """

    def __init__(self, vocab: Any, grammar: Any, n_vocab: int) -> None:
        self._sampler = C.llama_sampler_init_grammar(
            vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        if not self._sampler:
            raise ValueError("llama.cpp could not build the grammar sampler")
        self._n_vocab = n_vocab
        self._one = (C.llama_token_data * 1)()
        self._candidates = np.zeros(n_vocab, dtype=_TOKEN_DATA)
        self._ids = np.arange(n_vocab, dtype=np.intc)
        self.steps = 0
        self.full_checks = 0

    def _allowed(self, data: Any, size: int) -> None:
        array = C.llama_token_data_array(data=data, size=size, selected=-1, sorted=False)
        C.llama_sampler_apply(self._sampler, ctypes.byref(array))

    def sample(self, ctx: Any, idx: int = -1) -> int:
        """The greedy token among those the grammar allows after what was accepted so far; accepts it."""
        logits = np.ctypeslib.as_array(C.llama_get_logits_ith(ctx.ctx, idx), shape=(self._n_vocab,))
        token = int(np.argmax(logits))
        self._one[0].id, self._one[0].logit, self._one[0].p = token, float(logits[token]), 0.0
        self._allowed(self._one, 1)
        if not np.isfinite(self._one[0].logit):  # rejected: constrain the whole vocabulary
            self.full_checks += 1
            self._candidates["id"] = self._ids
            self._candidates["logit"] = logits
            self._candidates["p"] = 0.0
            pointer = self._candidates.ctypes.data_as(ctypes.POINTER(C.llama_token_data))
            self._allowed(pointer, self._n_vocab)
            token = int(self._candidates["id"][int(np.argmax(self._candidates["logit"]))])
        C.llama_sampler_accept(self._sampler, token)
        self.steps += 1
        return token

    def __del__(self) -> None:
        sampler, self._sampler = getattr(self, "_sampler", None), None
        if sampler:
            C.llama_sampler_free(sampler)


class FastGrammarLlama(llama_cpp.Llama):
    """``llama_cpp.Llama`` whose greedy grammar-constrained generations use :class:`GrammarFirstGreedy`."""

    def _init_sampler(self, **kwargs: Any) -> Any:  # type: ignore[override]
        grammar = kwargs.get("grammar")
        exact = (
            grammar is not None
            and kwargs.get("temp") == 0.0
            and kwargs.get("repeat_penalty", 1.0) == 1.0
            and kwargs.get("frequency_penalty", 0.0) == 0.0
            and kwargs.get("presence_penalty", 0.0) == 0.0
            and kwargs.get("logits_processor") is None
            and kwargs.get("mirostat_mode", 0) == 0
        )
        if exact:
            return GrammarFirstGreedy(self._model.vocab, grammar, self._n_vocab)
        return super()._init_sampler(**kwargs)
