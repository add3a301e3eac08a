"""Is a summary sentence grounded in its article? Its numbers, names and words must stand in the text.

A small model's summary borrows from its worked example ("flooding in Karvia killed at least 12 people"),
glues words ("thatfollow. ed."), or drifts into another script ("another冬季"). Every summary sentence is
checked here: each number must occur in the article, each character outside the Latin script must occur
there too, and each content word must share its first five letters with a word of the article (so
inflections pass: "relocated" for "relocating", "fighters" for "fighter"). Function words and a few words
every summary needs ("said", "reported", "according") are free; in an article written in another script
(Chinese, Arabic) a paraphrase may use a few characters of that script the article does not. Numbers are
compared by value on both sides,
written as figures or as words (``text2num``): "killed 9 people" is grounded in "nine people were killed",
"killed twelve" is not grounded in an article that never says twelve. A currency's name is grounded in its
sign ("2.5 million euro" for "€2.5 million").

Written by hand: the check is this project's own rule of grounding; it needs only a tokeniser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from text_to_num import alpha2digit

from ..text.wordcount import count_words

__all__ = ["summary_problems", "grounded_fallback"]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PREFIX = 5
# Function words and the glue of a summary: free to use.
_FREE = frozenset(
    """a an the and or but nor so yet for of in on at to from by with without within into onto over under about
    after before during since until while as than then that this these those there here it its it's they them
    their he him his she her we our you your i who whom whose which what when where why how not no also more
    most less least very much many some any all both each other another such same own only just even still
    again further once up down out off between among against through across along around near amid amidst
    is are was were be been being am has have had having do does did will would shall should can could may
    might must said says say saying told reported reports according claimed added stated announced
    article report reports news including include includes included following followed one two three four
    five six seven eight nine ten first second third new latest recent recently several""".split()
)


# The names a summary may give a currency whose sign the article writes.
_CURRENCY_NAMES = {"€": ("euro", "euros"), "$": ("dollar", "dollars"), "£": ("pound", "pounds"), "¥": ("yen",)}


def _numbers(text: str) -> set[str]:
    """The numbers ``text`` states, as digits, whether written as figures or as words ("nine", "twenty-three")."""
    try:
        as_figures = alpha2digit(text, "en", threshold=0)
    except Exception:  # noqa: BLE001 - text2num's parser on unexpected text: the figures alone still count
        as_figures = text
    return {n.replace(",", "") for n in _NUMBER.findall(f"{text} {as_figures}")}


@lru_cache(maxsize=64)
def _vocabulary(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    words = {w.casefold() for w in _WORD.findall(text)}
    words |= {name for sign, names in _CURRENCY_NAMES.items() if sign in text for name in names}
    prefixes = {w[:_PREFIX] for w in words if len(w) >= _PREFIX}
    numbers = _numbers(text)
    foreign = {c for c in set(text) if _non_latin(c)}
    return frozenset(words), frozenset(prefixes), frozenset(numbers), frozenset(foreign)


_OWN_SCRIPT = 30  # distinct characters outside the Latin script: an article written in another script
_NEW_CHARACTERS = 0.25  # the share of a paraphrase's characters the article need not use


def _script(char: str) -> str:
    """The script of a character by its Unicode name's first word ("CJK", "ARABIC", "HIRAGANA")."""
    try:
        return unicodedata.name(char).split()[0]
    except ValueError:
        return ""


@lru_cache(maxsize=64)
def _scripts(foreign: frozenset[str]) -> frozenset[str]:
    """The scripts an article's characters outside the Latin script belong to (read once per article)."""
    return frozenset(map(_script, foreign))


def _non_latin(char: str) -> bool:
    if char.isascii():  # a Latin letter or no letter at all; asked of every character of every article
        return False
    if not char.isalpha():
        return False
    try:
        return not unicodedata.name(char).startswith("LATIN")
    except ValueError:
        return True


# Small words a model may glue to the word before ("resumeon" for "resume on"): a word that is an article's
# word followed by one of these is two words run together, not an inflection of the first.
_GLUED = ("on", "in", "at", "of", "to", "the", "and", "by", "for")


def _word_known(word: str, words: frozenset[str], prefixes: frozenset[str]) -> bool:
    folded = word.casefold()
    if folded in _FREE or folded in words:
        return True
    if any(folded.endswith(small) and folded[: -len(small)] in words for small in _GLUED):
        return False
    parts = re.split(r"['’-]", folded)
    if len(parts) > 1 and all(p in words or p in _FREE or p[:_PREFIX] in prefixes for p in parts if p):
        return True
    return len(folded) >= _PREFIX and folded[:_PREFIX] in prefixes


def summary_problems(sentence: str, article_text: str) -> list[str]:
    """What in one summary sentence the article does not contain (empty when grounded)."""
    words, prefixes, numbers, foreign = _vocabulary(article_text)
    problems: list[str] = []
    own = {c for c in set(sentence) if _non_latin(c)}
    strange = sorted(c for c in own if c not in foreign)
    # An article written in a script of its own (Chinese, Arabic) is paraphrased in it: a few characters of its
    # script the article does not use are words of the paraphrase, not a leak; characters of a script the
    # article does not write at all, or many new ones, are.
    paraphrase = len(foreign) >= _OWN_SCRIPT and len(strange) <= _NEW_CHARACTERS * len(own)
    if strange and not (paraphrase and all(_script(c) in _scripts(foreign) for c in strange)):
        problems.append("characters " + " ".join(strange))
    missing_numbers = sorted(n for n in _numbers(sentence) if n not in numbers)
    if missing_numbers:
        problems.append("the number(s) " + ", ".join(missing_numbers))
    unknown = [w for w in _WORD.findall(sentence) if not _non_latin(w[0]) and not _word_known(w, words, prefixes)]
    if unknown:
        problems.append("the word(s) " + ", ".join(f"'{w}'" for w in dict.fromkeys(unknown)))
    return problems


def _whole_sentences(sentences: Iterable[str]) -> list[str]:
    """The summary's items with an item that stops mid-sentence (no closing punctuation) joined to the next:
    "... ferry services would resume on" + "Wednesday once inspectors had checked the quays." is one
    sentence, and is kept or replaced whole, never as a fragment."""
    out: list[str] = []
    for sentence in sentences:
        if out and not re.search(r"[.!?\"”’)\]]\s*$", out[-1]):
            out[-1] = f"{out[-1].rstrip()} {sentence.lstrip()}"
        else:
            out.append(sentence)
    return out


def grounded_fallback(sentences: Iterable[str], article_sentences: Iterable[str], article_text: str) -> list[str]:
    """Keep the grounded summary sentences; put the article's own sentences, in order, in place of the rest."""
    # Sentences a summary can hold (SummaryDraft: at most 240 characters, 4-60 words, counted so that
    # scripts written without spaces count too).
    spare = [s for s in article_sentences if 12 <= len(s) <= 240 and 4 <= count_words(s) <= 60]
    out: list[str] = []
    for sentence in _whole_sentences(sentences):
        if not summary_problems(sentence, article_text):
            out.append(sentence)
        else:
            replacement = next((s for s in spare if s not in out), None)
            if replacement is not None:
                out.append(replacement)
    for extra in spare:
        if len(out) >= 2:
            break
        if extra not in out:
            out.append(extra)
    return out[:3]
