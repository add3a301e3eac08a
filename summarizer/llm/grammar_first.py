"""Grammar-constrained greedy decoding that applies the grammar to the whole vocabulary only when it must.

llama-cpp-python 0.3.36 runs a JSON-schema grammar over every one of the vocabulary's ~150k candidate
tokens at every step, then takes the greedy maximum; on two CPU cores that costs about a third of the
generation speed. llama.cpp's own sampler (``common_sampler_sample``) first takes the unconstrained choice
and checks only that one token against the grammar, applying it to the whole vocabulary when the token is
rejected. :class:`GrammarFirstGreedy` does the same for greedy decoding: the chosen token is the greatest
logit among the tokens the grammar allows either way (ties go to the lowest token id in both), so the
answers are identical and only the time changes.

**Jump-forward decoding.** Most of a JSON answer is fixed by its schema: after the value of "who" the grammar
admits only ``, "what": "``; after ``"type": "w`` only ``ithdrawal"``. Sampling those characters one token at a
time costs a full model step each (about 33 ms on two cores), while evaluating them together with the token
before them costs about 20 ms a token (a batch of k tokens is cheaper than k steps). After each sampled token
:meth:`GrammarFirstGreedy.forced_run` reads from the grammar which characters it allows next, probing it with
the vocabulary's one-character tokens; while it allows exactly one character (a JSON space aside, see
:data:`SPACE_AFTER`), that character is taken. The forced text is tokenized, accepted into the grammar, and
:meth:`FastGrammarLlama.generate` evaluates it with the sampled token in one batch; the model samples again
only where it has a choice (SGLang calls the same idea jump-forward decoding with a compressed FSM). The
answers are not those of step-by-step decoding: llama.cpp computes a batch with other kernels than a single
step (logits differ by up to ~1 on this model), and the forced stretches are tokenized canonically, so close
greedy choices can flip. It is therefore off unless asked for (``Settings.jump_forward``); BENCHMARKS.md
("Jump-forward decoding") has what it saves and what the live eval gave with it.

Written by hand because llama-cpp-python has no such option. It uses llama.cpp's public sampler API only
(``llama_sampler_init_grammar``, ``llama_sampler_apply``, ``llama_sampler_accept``), and :class:`FastGrammarLlama`
uses it only for what it reproduces exactly: temperature 0 with a grammar, no repetition penalties and no
Python logits processors; everything else goes through llama-cpp-python's own sampler chain.
"""

from __future__ import annotations

import ctypes
from collections import deque
from collections.abc import Callable, Generator, Sequence
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp import llama_cpp as C

__all__ = ["GrammarFirstGreedy", "FastGrammarLlama", "CharProbe", "SPACE_AFTER"]

_TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)

SPACE_AFTER = frozenset(":,")
"""A JSON grammar allows a space (optionally) between any two tokens of the answer; where it also allows exactly
one other character, the forced run writes the space only after these characters, as the worked example in
the instructions does (``{"s": 1, "kind": "event"}``), and leaves it out elsewhere."""

_SPACES = frozenset(" \n\t")
_MAX_FORCED = 64  # characters per forced run: far more than any key of an answer schema


def _apply(sampler: Any, data: Any, size: int) -> None:
    """Apply a llama.cpp sampler (here a grammar) to ``size`` candidates at ``data``, in place: a token the
    grammar rejects gets logit -inf."""
    array = C.llama_token_data_array(data=data, size=size, selected=-1, sorted=False)
    C.llama_sampler_apply(sampler, ctypes.byref(array))


class CharProbe:
    """The one-character tokens of a vocabulary, to read which characters a grammar allows next.

    ``ids`` maps each printable ASCII character (and newline and tab) to its token id; a few characters outside
    ASCII are probed too: a grammar that allows one of them is inside free text (a JSON string), where nothing
    is forced. ``tokenize(text) -> token ids`` and ``piece(token) -> text`` come from the model.
    """

    def __init__(self, tokenize: Callable[[str], list[int]], piece: Callable[[int], str]) -> None:
        self.tokenize = tokenize
        self.piece = piece
        self.ids: dict[str, int] = {}
        for char in [chr(code) for code in range(32, 127)] + ["\n", "\t"]:
            tokens = tokenize(char)
            if len(tokens) == 1 and piece(tokens[0]) == char:
                self.ids[char] = tokens[0]
        free = [tokens[0] for tokens in (tokenize(c) for c in "\u00e9\u4e2d\u0416") if len(tokens) == 1]
        self._chars = list(self.ids)
        ids = list(self.ids.values()) + free
        self._n_ascii = len(self.ids)
        self._candidates = np.zeros(len(ids), dtype=_TOKEN_DATA)
        self._ids = np.array(ids, dtype=np.intc)

    @classmethod
    def of(cls, llama: Any) -> CharProbe:
        """The probe for a ``llama_cpp.Llama``'s vocabulary."""

        def piece(token: int) -> str:
            return llama.detokenize([token]).decode("utf-8", errors="replace")

        def tokenize(text: str) -> list[int]:
            return llama.tokenize(text.encode("utf-8"), add_bos=False, special=False)

        return cls(tokenize, piece)

    def allowed(self, sampler: Any) -> set[str] | None:
        """The ASCII characters ``sampler`` (a llama.cpp grammar sampler) allows next, or None when it also
        allows characters outside ASCII."""
        self._candidates["id"] = self._ids
        self._candidates["logit"] = 0.0
        self._candidates["p"] = 0.0
        _apply(sampler, self._candidates.ctypes.data_as(ctypes.POINTER(C.llama_token_data)), len(self._candidates))
        ok = np.isfinite(self._candidates["logit"])
        if ok[self._n_ascii :].any():
            return None
        return {self._chars[i] for i in np.flatnonzero(ok[: self._n_ascii])}


class GrammarFirstGreedy:
    """A sampler with llama-cpp-python's ``sample(ctx, idx) -> token`` interface: greedy, grammar-checked.

    ``steps`` counts sampled tokens and ``full_checks`` those whose unconstrained choice the grammar
    rejected (the grammar then ran over the whole vocabulary). With a ``probe`` it also finds forced runs
    (:meth:`forced_run`); ``forced`` counts their tokens, which :meth:`sample` then hands out in order.
    """

    def __init__(self, vocab: Any, grammar: Any, n_vocab: int, probe: CharProbe | None = None) -> None:
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
        self.forced = 0
        self._probe = probe
        self._queue: deque[int] = deque()
        self._chosen: int | None = None  # the token sample() last chose; None after handing out a forced one

    def sample(self, ctx: Any, idx: int = -1) -> int:
        """The greedy token among those the grammar allows after what was accepted so far; accepts it.

        While a forced run is pending, its next token instead (already accepted; ``idx`` is then not read)."""
        if self._queue:
            self._chosen = None
            return self._queue.popleft()
        logits = np.ctypeslib.as_array(C.llama_get_logits_ith(ctx.ctx, idx), shape=(self._n_vocab,))
        token = int(np.argmax(logits))
        self._one[0].id, self._one[0].logit, self._one[0].p = token, float(logits[token]), 0.0
        _apply(self._sampler, self._one, 1)
        if not np.isfinite(self._one[0].logit):  # rejected: constrain the whole vocabulary
            self.full_checks += 1
            self._candidates["id"] = self._ids
            self._candidates["logit"] = logits
            self._candidates["p"] = 0.0
            pointer = self._candidates.ctypes.data_as(ctypes.POINTER(C.llama_token_data))
            _apply(self._sampler, pointer, self._n_vocab)
            token = int(self._candidates["id"][int(np.argmax(self._candidates["logit"]))])
        C.llama_sampler_accept(self._sampler, token)
        self.steps += 1
        self._chosen = token
        return token

    def forced_run(self) -> list[int]:
        """The tokens of the text the grammar forces right after the token :meth:`sample` just chose: empty
        when the model has a choice at once, or when the last token came from a forced run. The run is
        accepted into the grammar and queued for :meth:`sample`."""
        if self._probe is None or self._chosen is None:
            return []
        text, last = [], self._probe.piece(self._chosen)[-1:]
        self._chosen = None
        while len(text) < _MAX_FORCED:
            allowed = self._probe.allowed(self._sampler)
            if not allowed:  # free text (None), or the end of the answer (nothing more is allowed)
                break
            rest = allowed - _SPACES
            if len(rest) != 1:
                break
            char = " " if " " in allowed and last in SPACE_AFTER else next(iter(rest))
            if char == " " and not self._forced_after_space():
                break  # the model writes the space itself, joined to its next word (' "the', ' null', ' 4')
            C.llama_sampler_accept(self._sampler, self._probe.ids[char])
            text.append(char)
            last = char
        if not text:
            return []
        tokens = self._probe.tokenize("".join(text))
        self._queue.extend(tokens)
        self.forced += len(tokens)
        return tokens

    def _forced_after_space(self) -> bool:
        """Whether the grammar, after a space, forces one character (a key's quote): only then is the
        space part of a forced run. A run never ends in a space: tokenizers join a space to the word after
        it, and a lone space token before the model's next word is text it has rarely seen."""
        assert self._probe is not None
        trial = C.llama_sampler_clone(self._sampler)
        try:
            C.llama_sampler_accept(trial, self._probe.ids[" "])
            after = self._probe.allowed(trial)
        finally:
            C.llama_sampler_free(trial)
        return bool(after) and len(after - _SPACES) == 1

    def __del__(self) -> None:
        sampler, self._sampler = getattr(self, "_sampler", None), None
        if sampler:
            C.llama_sampler_free(sampler)


class FastGrammarLlama(llama_cpp.Llama):
    """``llama_cpp.Llama`` whose greedy grammar-constrained generations use :class:`GrammarFirstGreedy`,
    with jump-forward decoding of the forced stretches when ``jump_forward=True``."""

    def __init__(self, *args: Any, jump_forward: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # llama-cpp-python's generator reads one row of its logits buffer (n_batch rows) per token of a forced
        # run (for its stop check): a run must fit in it, or it raises IndexError (seen with n_batch=1).
        self._probe = CharProbe.of(self) if jump_forward and self.n_batch > _MAX_FORCED else None

    def generate(self, tokens: Sequence[int], *args: Any, **kwargs: Any) -> Generator[int, Any, None]:  # type: ignore[override]
        """llama-cpp-python's token generator; after a token whose successors the grammar forces, those are
        sent into it so that it evaluates them with the token in one batch (its draft-token path) and
        samples only after them."""
        inner = super().generate(tokens, *args, **kwargs)
        if self._probe is None:
            yield from inner
            return
        try:
            token = next(inner)
        except StopIteration:
            return
        sampler = self._sampler
        if not isinstance(sampler, GrammarFirstGreedy):  # llama-cpp-python's own sampler chain: nothing forced
            yield token
            yield from inner
            return
        while True:
            yield token
            forced = sampler.forced_run()
            try:
                token = inner.send(forced or None)
            except StopIteration:
                return

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
            return GrammarFirstGreedy(self._model.vocab, grammar, self._n_vocab, self._probe)
        return super()._init_sampler(**kwargs)
