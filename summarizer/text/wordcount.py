"""How many words a text has, for scripts written with and without spaces.

Counting only, by hand: whitespace-separated tokens, except that the letters of scripts written without
spaces between words count by characters: Chinese and Japanese (kanji, kana) one word per two characters,
Thai, Lao, Khmer and Myanmar one per four (their vowel and tone marks are characters too), about the
average word length of news text in those scripts. A real segmenter (jieba,
a Thai tokenizer) would give the words themselves; the thresholds that use this count (a heading is short,
a sentence of fewer than four words states no event, a summary sentence has 4-60 words) only need their
number, and a split on spaces counts a whole Chinese sentence as one word.
"""

from __future__ import annotations

import math
import re

__all__ = ["count_words"]

_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")  # kana, ideographs
_SOUTHEAST_ASIAN = re.compile("[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]")  # Thai, Lao, Myanmar, Khmer


def count_words(text: str) -> int:
    """The number of words in ``text`` (see the module docstring for scripts without spaces)."""
    words = 0
    for token in text.split():
        cjk, southeast = len(_CJK.findall(token)), len(_SOUTHEAST_ASIAN.findall(token))
        if not cjk and not southeast:
            words += 1
            continue
        rest = _SOUTHEAST_ASIAN.sub("", _CJK.sub("", token))
        words += math.ceil(cjk / 2) + math.ceil(southeast / 4) + (1 if re.search(r"\w", rest) else 0)
    return words
