"""Grounding checks: every quoted span the model gives must stand in the sentence it cites.

The messages are written for the model, because instructor sends them back verbatim on a re-ask.
A quote that differs from the sentence only in case, spacing or a letter or two is snapped to the
exact words of the sentence, so names as written are always verbatim.
"""

from __future__ import annotations

from rapidfuzz import fuzz

__all__ = ["find_quote", "QuoteNotFound"]

_SNAP_CUTOFF = 90.0


class QuoteNotFound(ValueError):
    """The quote does not stand in the sentence."""


def find_quote(quote: str, sentence: str) -> str:
    """Return the exact words of ``sentence`` that ``quote`` stands for, or raise QuoteNotFound."""
    wanted = " ".join(quote.split())
    if not wanted:
        raise QuoteNotFound("empty quote")
    lowered = sentence.lower()
    index = lowered.find(wanted.lower())
    if index >= 0:
        return sentence[index : index + len(wanted)]
    alignment = fuzz.partial_ratio_alignment(wanted.lower(), lowered, score_cutoff=_SNAP_CUTOFF)
    if alignment is not None and alignment.dest_end - alignment.dest_start >= len(wanted) * 0.8:
        return _widen_to_words(sentence, alignment.dest_start, alignment.dest_end)
    raise QuoteNotFound(wanted)


def _widen_to_words(text: str, start: int, end: int) -> str:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end].strip(" ,;:")
