"""Unicode and whitespace normalisation that keeps a map back to the original character offsets.

Written by hand because the offset map is ours: every normalised character remembers which original
character it came from, so evidence found in the clean text is reported at its true place in the file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["Normalised", "normalise"]

# Characters that carry no text: zero-width spaces and joiners, byte-order marks, soft hyphens.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus, for each of its characters, the index of the original character."""

    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to a span of the original text."""
        if end <= start:
            raise ValueError("empty span")
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(raw: str, base: int = 0) -> Normalised:
    """NFKC per character, line ends unified, runs of blanks folded, blank-line runs capped at one."""
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(raw):
        if char in _INVISIBLE:
            continue
        if char == "\r":
            char = "\n"
            if index + 1 < len(raw) and raw[index + 1] == "\n":
                continue
        piece = unicodedata.normalize("NFKC", char)
        for sub in piece:
            if sub != "\n" and (sub.isspace() or unicodedata.category(sub) == "Cc"):
                sub = " "
            if sub == " " and (not out or out[-1] in " \n"):
                continue
            if sub == "\n":
                while out and out[-1] == " ":
                    out.pop()
                    offsets.pop()
                if len(out) >= 2 and out[-1] == "\n" and out[-2] == "\n":
                    continue
                if not out:
                    continue
            out.append(sub)
            offsets.append(base + index)
    while out and out[-1] in " \n":
        out.pop()
        offsets.pop()
    return Normalised("".join(out), tuple(offsets))
