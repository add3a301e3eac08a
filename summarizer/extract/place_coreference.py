"""A place named only by its kind ("the island", "the province"): the place of that kind the article named
before it.

evals/LABELLING.md §5: "take the name from the antecedent if the evidence only says 'it', 'the province'
or 'the region'". A report says "an earthquake struck the island of Qeshm" and then "residents of the
island slept outside"; the second event happened on Qeshm, and a merge that does not know it cannot put it
with the other outlets' reports from Qeshm. The mention keeps its own words as the location's name (so it
stays a quote of its sentence); the antecedent gives the canonical name, country and region.

Hand-written: the patterns are English phrases ("the island of X", "X Province", "the island"); no
coreference resolver is a dependency of this project (they need a neural model several times the size of
this one's whole install).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.schema import Location
from ..text.names import NameTable

__all__ = ["PlaceAntecedents"]

_KINDS = "island|city|town|village|province|region|district|county|state"
_NAME = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|[a-z]{1,3}-[\w'’]+))*"  # "Deir ez-Zor", "Ras al-Ain"
# "the island of Qeshm", "the southeastern city of Bam"; then "Qeshm Island", "Hormozgan province" (read
# second: in "the Persian Gulf island of Qeshm" the island is Qeshm, not "Persian Gulf").
_NAMED = (
    re.compile(rf"\b(?P<kind>(?i:{_KINDS}))\s+of\s+(?P<name>{_NAME})"),
    re.compile(rf"(?P<name>{_NAME})\s+(?P<kind>(?i:{_KINDS}))\b"),
)
# "the island", "the rocky and barren island", never "the island of Kish" (named) or "the island's
# airport" (a place of its own).
_BARE = re.compile(
    rf"\b(?i:the)\s+(?:[a-z][\w-]*\s+){{0,3}}?(?P<kind>{_KINDS})\b(?!\s+of\s+[A-Z])(?!['’]s)",
)


# "it" as the place that changed hands: its subject when it fell or was taken, its object when taken.
_IT_CHANGED_HANDS = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?P<it>It)\s+(?:(?:first|then|later|soon|quickly|eventually)\s+)?(?:fell|was\s+(?:captured|"
    r"taken|seized|recaptured|retaken|overrun|lost)|changed\s+hands)\b"
    r"|\b(?:captured|recaptured|took|retook|seized|overran|lost|regained|liberated)\s+(?P<it2>it)\b",
)


class PlaceAntecedents:
    """The places an article has named by kind so far, read sentence by sentence in order."""

    def __init__(self, names: NameTable) -> None:
        self.names = names
        self.latest: dict[str, str] = {}  # kind ("island") -> the place last named as one ("Qeshm")
        self.last: str | None = None  # the place last named by kind, of any kind

    def read(self, sentences: Iterable[str]) -> None:
        """Note every place the sentences name by kind ("the island of Qeshm"), later ones winning."""
        for sentence in sentences:
            named: dict[str, str] = {}  # kind -> place, the first pattern first
            for pattern in _NAMED:
                for found in pattern.finditer(sentence):
                    kind, name = found.group("kind").casefold(), found.group("name")
                    if kind in named or name.split()[0].casefold() in ("the", "a", "an"):
                        continue
                    canonical, country, _ = self.names.place_info(name)
                    if country is not None or canonical != name:
                        named[kind] = name
            self.latest.update(named)
            if named:
                self.last = list(named.values())[-1]

    def changed_hands(self, sentence: str) -> list[Location]:
        """The place a takeover's "it" stands for ("It first fell into the hands of the rebels", "The army
        recaptured it in 2017"): the place last named by kind, with "it" as the mention's words; empty when
        the sentence has no such "it" or nothing came before."""
        found = _IT_CHANGED_HANDS.search(sentence)
        if found is None or self.last is None:
            return []
        canonical, country, admin1 = self.names.place_info(self.last)
        it = found.group("it") or found.group("it2")
        return [Location(name=it, canonical=canonical, country=country, admin1=admin1)]

    def locations(self, sentence: str) -> list[Location]:
        """The places ``sentence`` names only by their kind, as locations: the mention's words as the name,
        the antecedent's canonical name, country and region; empty when it names none or nothing came
        before."""
        out: list[Location] = []
        for found in _BARE.finditer(sentence):
            antecedent = self.latest.get(found.group("kind").casefold())
            if antecedent is None:
                continue
            canonical, country, admin1 = self.names.place_info(antecedent)
            if all(loc.canonical != canonical for loc in out):
                out.append(Location(name=found.group(0), canonical=canonical, country=country, admin1=admin1))
        return out
