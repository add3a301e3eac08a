"""Sentence splitting with pysbd, paragraph by paragraph, keeping character spans.

Lines are paragraphs in news text (headlines, bylines and body paragraphs each stand on their own
line), so every line is segmented on its own; pysbd then handles abbreviations such as "Nov. 27" and
"U.S.", which a naive split on full stops gets wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pysbd

__all__ = ["Span", "split_sentences"]


@dataclass(frozen=True)
class Span:
    """One sentence: its [start, end) in the text it was split from, and its text."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[Span]:
    """Split text into sentences, each a trimmed span of ``text``."""
    spans: list[Span] = []
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            for piece in _segmenter().segment(line):
                start = line_start + piece.start
                end = line_start + piece.end
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    spans.append(Span(start, end, text[start:end]))
        line_start += len(line) + 1
    return spans
