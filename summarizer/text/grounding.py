"""Grounding checks: every quoted span the model gives must stand in the sentence it cites.

The messages are written for the model, because instructor sends them back verbatim on a re-ask.
A quote that differs from the sentence only in how it is written is snapped to the exact words of the
sentence, so names as written are always verbatim:

1. case, spacing (the quote as it stands);
2. the forms of one character: accents ("Sao Paulo" for "São Paulo"), width ("３人" for "3人"),
   apostrophes and quotation marks, dashes ("--" for "—"), Arabic letter variants (ة/ه, ى/ي, hamza
   seats) and a space or hyphen inside a name ("Orel Dol" for "Oreldol", "Port Amsel" for "Port-Amsel");
3. a letter or two ("Anna Varga" for "Ana Varga", "Jon Smith" for "John Smith"): the run of whole words
   of the sentence most like the quote (rapidfuzz), at a ratio of 90 or more; in Chinese or Japanese, which
   write no spaces, a run of characters of the quote's length with one character different, for quotes
   of four or more.

The folding of step 2 is hand-written because it must keep, for every folded character, the index of the
character it came from in the sentence (as summarizer.text.textnorm does for whole articles).
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

__all__ = ["find_quote", "QuoteNotFound"]

_SNAP_CUTOFF = 90.0
_CJK_MIN = 4  # a CJK quote of this many characters may differ from the sentence in one
_ONE_FORM = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        # Arabic: ta marbuta and ha, alif maqsura and ya, the hamza seats of alif
        "\u0629": "\u0647",
        "\u0649": "\u064a",
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
    }
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


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
    found = _folded_match(wanted, sentence) or _near_words(wanted, sentence) or _near_characters(wanted, sentence)
    if found is None:
        raise QuoteNotFound(wanted)
    return found


def _fold(text: str, *, joined: bool = False) -> tuple[str, list[int]]:
    """``text`` in one form per character (see the module docstring), with each folded character's index
    in ``text``; ``joined`` also leaves out spaces and hyphens."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFKD", char).translate(_ONE_FORM).casefold():
            if unicodedata.combining(piece) or piece == "\u0640":  # accents, Arabic vowel marks, tatweel
                continue
            if piece.isspace() or (joined and piece == "-"):
                if joined or (out and out[-1] == " "):
                    continue
                piece = " "
            if piece == "-" and out and out[-1] == "-":  # "--" for a dash
                continue
            out.append(piece)
            where.append(index)
    return "".join(out), where


def _at_word_edges(sentence: str, start: int, end: int) -> bool:
    """Whether [start, end) of ``sentence`` neither starts nor ends inside a word (CJK has no word edges)."""
    if _CJK.search(sentence[start:end]):
        return True
    return not (start > 0 and sentence[start - 1].isalnum()) and not (end < len(sentence) and sentence[end].isalnum())


def _folded_match(wanted: str, sentence: str) -> str | None:
    """The words of ``sentence`` that fold to what ``wanted`` folds to (steps 1 and 2)."""
    for joined in (False, True):
        folded, where = _fold(sentence, joined=joined)
        target, _ = _fold(wanted, joined=joined)
        target = target.strip()
        at = folded.find(target) if target else -1
        while at >= 0:
            start, end = where[at], where[at + len(target) - 1] + 1
            if _at_word_edges(sentence, start, end):
                return sentence[start:end]
            at = folded.find(target, at + 1)
    return None


def _near_words(wanted: str, sentence: str) -> str | None:
    """The run of whole words of ``sentence`` most like ``wanted`` (ratio >= 90 of the folded forms)."""
    target, _ = _fold(wanted)
    words = [m.span() for m in re.finditer(r"[^\s,;:.!?()\"\u201c\u201d]+(?:[.'\u2019][^\s,;:.!?()]+)*", sentence)]
    count = len(target.split())
    best: tuple[float, int, int] | None = None
    for size in (count, count - 1, count + 1):
        if size < 1:
            continue
        for first in range(len(words) - size + 1):
            start, end = words[first][0], words[first + size - 1][1]
            score = fuzz.ratio(target, _fold(sentence[start:end])[0], score_cutoff=_SNAP_CUTOFF)
            if score and (best is None or score > best[0]):
                best = (score, start, end)
    return sentence[best[1] : best[2]] if best else None


def _near_characters(wanted: str, sentence: str) -> str | None:
    """For a Chinese or Japanese quote of four or more characters: the run of the sentence of its length
    that differs from it in one character."""
    target, _ = _fold(wanted)
    if len(target) < _CJK_MIN or not all(_CJK.match(char) for char in target):
        return None
    folded, where = _fold(sentence)
    for at in range(len(folded) - len(target) + 1):
        if Levenshtein.distance(target, folded[at : at + len(target)], score_cutoff=1) <= 1:
            return sentence[where[at] : where[at + len(target) - 1] + 1]
    return None
