"""Canonical names for actors and places, from the shipped alias table plus fuzzy matching.

A name is matched, in order: exactly (after folding case, apostrophes, hyphens and a leading "the");
by the longest alias it contains as whole words (multi-word aliases and acronyms only for actors, so
that "anti-regime groups" never reads as "regime"); then by rapidfuzz similarity. An unknown name is
its own canonical form. The name as written is always kept by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from .errors import ConfigError
from .resources import data_dir

__all__ = ["NameTable", "load_names", "fold"]

_FUZZY_CUTOFF = 88


def fold(name: str) -> str:
    """Fold a name for comparison: case, apostrophes, hyphens, possessives, a leading article."""
    text = name.casefold().replace("’", "'").replace("ʼ", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[‐-–—_'`.]", " ", text).replace("-", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(the|a|an) ", "", text)


def _words(folded: str) -> str:
    """Words only: "base," and "base" are the same word when looking for a name in running text."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", folded)).strip()


@dataclass
class NameTable:
    """Alias lookups for actors and places."""

    actors: dict[str, str] = field(default_factory=dict)  # folded alias -> canonical
    places: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str | None] = field(default_factory=dict)  # canonical place -> country
    labels: dict[str, str] = field(default_factory=dict)  # folded loaded label -> canonical actor
    parents: dict[str, str] = field(default_factory=dict)  # canonical -> the wider canonical it is part of
    _keys: list[tuple[str, str]] | None = field(default=None, repr=False, compare=False)
    _loaded: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def add(self, data: dict, source: str) -> None:
        """Merge one alias document into the table."""
        self._loaded.clear()
        self._keys = None
        try:
            for canonical, aliases in (data.get("actors") or {}).items():
                for alias in [canonical, *aliases]:
                    self.actors[fold(alias)] = canonical
            for canonical, labels in (data.get("labels") or {}).items():
                for label in labels:
                    self.labels[fold(label)] = canonical
                    self.actors.setdefault(fold(label), canonical)
            for canonical, entry in (data.get("places") or {}).items():
                self.countries[canonical] = entry.get("country")
                for alias in [canonical, *entry.get("aliases", [])]:
                    self.places[fold(alias)] = canonical
            for narrow, wide in (data.get("part_of") or {}).items():
                self.parents[str(narrow)] = str(wide)
        except (AttributeError, TypeError):
            raise ConfigError(
                f"{source} is not an alias file: expected 'actors: {{canonical: [alias, ...]}}', "
                "'places: {canonical: {country: ..., aliases: [...]}}' and 'part_of: {canonical: wider}'"
            ) from None

    def lineage(self, canonical: str) -> frozenset[str]:
        """``canonical`` and every wider name it is part of ("Tal Rifaat" -> also "Aleppo")."""
        found = [canonical]
        while found[-1] in self.parents and self.parents[found[-1]] not in found:
            found.append(self.parents[found[-1]])
        return frozenset(found)

    def widen(self, canonicals: Iterable[str]) -> frozenset[str]:
        """The names and every wider name each is part of."""
        return frozenset().union(*(self.lineage(c) for c in canonicals))

    def is_country(self, canonical: str) -> bool:
        """True for a place that is a whole country ("Syria")."""
        return self.countries.get(canonical) == canonical

    def actor(self, name: str) -> str:
        """Canonical name of an actor."""
        return _lookup(name, self.actors, whole_word_single=False)

    def places_named_in(self, text: str) -> list[str]:
        """Canonical names of the known places that ``text`` names (whole words), longest alias first."""
        padded = f" {_words(fold(text))} "
        found: list[str] = []
        for key, canonical in self._place_keys():
            if key in padded and canonical not in found:
                found.append(canonical)
                padded = padded.replace(key, " ")
        return found

    def _place_keys(self) -> list[tuple[str, str]]:
        """(" alias words ", canonical), longest alias first; built once per table."""
        if self._keys is None:
            self._keys = [
                (f" {_words(alias)} ", self.places[alias]) for alias in sorted(self.places, key=len, reverse=True)
            ]
        return self._keys

    def is_loaded_label(self, name: str) -> bool:
        """True when ``name`` is (or contains) a loaded label from the alias file."""
        if name not in self._loaded:  # a merge asks about the same few names again and again
            key = f" {fold(name)} "
            self._loaded[name] = any(f" {label} " in key for label in self.labels)
        return self._loaded[name]

    def find_alias(self, text: str, canonical: str, *, place: bool) -> str | None:
        """The words in ``text`` that are an alias of ``canonical`` (longest first), exactly as written."""
        table = self.places if place else self.actors
        aliases = sorted((a for a, c in table.items() if c == canonical), key=len, reverse=True)
        folded_text = text.casefold()
        for alias in aliases:
            pattern = r"(?<![\w])" + r"[\s\-'’.]*".join(re.escape(w) for w in alias.split()) + r"(?![\w])"
            found = re.search(pattern, folded_text)
            if found:
                return text[found.start() : found.end()]
        return None

    def place(self, name: str) -> tuple[str, str | None]:
        """Canonical name and country of a place; a place the table does not know is named by its own
        proper name, without the kind of place or whose it is ("Indonesia's Aceh province" -> "Aceh")."""
        canonical = _lookup(name, self.places, whole_word_single=True)
        if canonical not in self.countries:
            bare = _bare_place(canonical)
            known = self.places.get(fold(bare))
            if known is None or not self.is_country(known):  # never widen a place into a country
                canonical = known or bare
        return canonical, self.countries.get(canonical)


_PLACE_KINDS = "province|district|region|governorate|city|town|village|island|county|prefecture|municipality"
_PLACE_KIND = f"(?:{_PLACE_KINDS})"
_KIND_OF = re.compile(
    # "the northern Indonesian province of Aceh", "city of Banda Aceh", "the Northern Province of Aceh": a kind
    # of place in lower case, or capitalised after a describing word (so "District of Columbia" and "the City
    # of London" stay whole), then "of" and the name.
    r"^(?:the\s+)?(?:(?:[a-z]+|[A-Z][a-z]+(?:n|ese|ish|i))\s+)*" + _PLACE_KIND + r"\s+of\s+(?P<name>[A-Z].*)$"
    r"|^(?:the\s+)?(?:(?:[a-z]+|[A-Z][a-z]+(?:n|ese|ish|i))\s+)+"
    r"(?:Province|District|Region|Governorate|City|Town|Village|Island|County)\s+of\s+(?P<name2>[A-Z].*)$"
)
_OWNER = re.compile(r"^(?:the\s+)?(?:[\w-]+\s+)*?[A-Z][\w-]*['’]s\s+(?:[a-z]+\s+)*(?=[A-Z])")
# A trailing kind of place: any in lower case ("Aceh province"); capitalised only the administrative ones
# and "Island" ("Sumatra Island"), never part of a name such as "Mexico City".
_KIND_AFTER = re.compile(r"\s+(?:" + _PLACE_KINDS + r"|Province|District|Region|Governorate|Prefecture|Island)$")


def _bare_place(name: str) -> str:
    """A place's proper name without the kind of place or its owner; unchanged when nothing is left."""
    text = name.strip()
    match = _KIND_OF.match(text)
    if match:
        text = match.group("name") or match.group("name2")
    if _KIND_AFTER.search(text):  # "Indonesia's Aceh province", never "Martha's Vineyard"
        text = _OWNER.sub("", text)
    text = re.split(r"\s+in\s+(?=[A-Z])", text, maxsplit=1)[0]  # "Bukit Sama village in Central Aceh"
    text = _KIND_AFTER.sub("", text).strip(" ,")
    return text if text[:1].isupper() else name.strip()


def _lookup(name: str, table: dict[str, str], *, whole_word_single: bool) -> str:
    key = fold(name)
    if not key:
        return name.strip()
    if key in table:
        return table[key]
    padded = f" {key} "
    best: str | None = None
    for alias in table:
        usable = whole_word_single or " " in alias or alias.isupper() or len(alias) <= 4
        if usable and f" {alias} " in padded and (best is None or len(alias) > len(best)):
            best = alias
    if best is not None:
        return table[best]
    match = process.extractOne(key, table.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    if match is not None:
        return table[match[0]]
    return re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)


@lru_cache(maxsize=8)
def load_names(extra: Path | None = None) -> NameTable:
    """Load the shipped alias table, with ``extra`` (a user file) merged over it."""
    table = NameTable()
    shipped = data_dir() / "aliases.yaml"
    table.add(yaml.safe_load(shipped.read_text(encoding="utf-8")), str(shipped))
    if extra is not None:
        try:
            table.add(yaml.safe_load(Path(extra).read_text(encoding="utf-8")) or {}, str(extra))
        except OSError as exc:
            raise ConfigError(f"cannot read alias file {extra}: {exc.strerror}; fix SUMMARIZER_ALIASES") from None
        except yaml.YAMLError as exc:
            raise ConfigError(
                f"alias file {extra} is not valid YAML ({exc}); fix it or unset SUMMARIZER_ALIASES"
            ) from None
    return table
