"""Where an article event happened, as the merge compares it: the places it names, what they lie in, their
countries and proper-name words, computed once per list of places (a feed repeats the same few).

Written by hand: which words of a place description name no place is this project's own table; the
places themselves come from the gazetteer (text.gazetteer, GeoNames).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..text.gazetteer import gazetteer_key, gazetteer_place

__all__ = ["resolve_place", "place_facts", "PlaceFacts", "WORD"]

WORD = re.compile(r"[a-z][a-z'-]+")


# Words of a place's description that name no place: where in it, what kind of place, generic nouns.
_NOT_PLACE_WORDS = frozenset(
    """
    north south east west northern southern eastern western central northeastern northwestern southeastern
    southwestern north-east north-west south-east south-west upper lower greater inner outer old new
    province district region governorate city town village island islands county prefecture municipality
    regency state capital centre center area place street road avenue square rue boulevard store shop
    airport station port base camp border coast gulf river valley mountain mountains lake sea bay
    near the of on in at and off outskirts suburbs
    """.split()
)
# A street or square is often named after a town ("Place Vendôme", "Oxford Street", "Damascus Gate"): the
# name beside such a word is the street's, not the town's, and locates nothing.
_STREET_BEFORE = frozenset("place rue avenue boulevard piazza plaza platz calle avenida via".split())
_STREET_AFTER = frozenset("street square road avenue boulevard lane gate".split())
_CAPITALISED = re.compile(r"[A-Z\u00C0-\u00DE][\w\u00C0-\u024F'’.-]*")


@functools.lru_cache(maxsize=65536)
def resolve_place(canonical: str, country: str | None) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What a place the event names is compared by: (the places it is, or lies in, by name; its countries;
    the proper-name words of its description, folded and prefixed "~").

    A known place (it has a country) is itself. A description the tables do not know ("southern Iran",
    "the Persian Gulf island of Qeshm", "central Paris") lies in the places the gazetteer knows among its
    capitalised words (longest run first), so it meets reports that name that place or what it lies in.
    The words let two descriptions of one unknown spot meet ("Casty store near Place Vendome" and
    "Place Vendôme"). Cached: a feed repeats the same few places.
    """
    words = frozenset(
        f"~{key}"
        for w in _CAPITALISED.findall(canonical)
        if (key := gazetteer_key(w)) and len(key) > 2 and key not in _NOT_PLACE_WORDS
    )
    if country is not None:
        return frozenset({canonical}), frozenset({country}), words
    found: set[str] = set()
    countries: set[str] = set()
    runs = [r.split() for r in re.findall(r"[A-Z][\w'’.-]*(?:\s+(?:de |of |la |al-)?[A-Z][\w'’.-]*)*", canonical)]
    for run in runs:
        n = len(run)
        taken = [False] * n
        for size in range(min(n, 4), 0, -1):
            for start in range(n - size + 1):
                if any(taken[start : start + size]):
                    continue
                name = " ".join(run[start : start + size])
                if gazetteer_key(name) in _NOT_PLACE_WORDS or name == canonical:
                    continue
                before = gazetteer_key(run[start - 1]) if start else ""
                after = gazetteer_key(run[start + size]) if start + size < n else ""
                if before in _STREET_BEFORE or after in _STREET_AFTER:
                    continue
                hit = gazetteer_place(re.sub(r"['’]s$", "", name))
                if hit is None:
                    continue
                taken[start : start + size] = [True] * size
                found.add(hit.canonical)
                if hit.admin1 and hit.admin1 != hit.canonical:
                    found.add(hit.admin1)
                if hit.country:
                    countries.add(hit.country)
    return frozenset({canonical} | found), frozenset(countries), words


def _put_in(canonical: str, country: str | None, region: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """``resolve_place`` for a place the tables do not know that its article put in ``region`` of ``country``:
    itself and the region, and the country."""
    _, _, words = resolve_place(canonical, None)
    return frozenset({canonical, region}), frozenset({country} if country else ()), words


@dataclass(frozen=True)
class PlaceFacts:
    """What an event's places (name, canonical, country) give the comparison; the same lists recur."""

    written: frozenset[str]  # the canonical places as the event gives them
    resolved: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]]  # canonical -> resolve_place
    within: frozenset[str]  # every place they are or lie in by name
    words: frozenset[str]  # their proper-name words ("~vendome")
    countries: frozenset[str]  # the countries they lie in, less the places written
    located: frozenset[str]  # the written places the tables or the gazetteer know
    unlocated: frozenset[str]  # the others
    vague: bool  # some place is unlocated
    name_words: frozenset[str]  # lower-case words of their names (not distinctive evidence words)


@functools.lru_cache(maxsize=65536)
def place_facts(locations: tuple[tuple[str, str, str | None, str | None], ...]) -> PlaceFacts:
    """``locations``: (name, canonical, country, region) of each; region: the first-level region an article put
    a place the tables do not know in ("Yida camp in oil-rich Unity State"), which it lies in as a city lies
    in its region; None for the others."""
    resolved = {
        canonical: _put_in(canonical, country, region) if region else resolve_place(canonical, country)
        for _, canonical, country, region in locations
    }
    written = frozenset(resolved)
    # A place its article put in a region is still one the tables do not know: other outlets may name the same
    # spot in other words ("Place Vendôme" / "the Casty store near Place Vendome").
    unlocated = frozenset(canonical for _, canonical, country, region in locations if country is None or region)
    return PlaceFacts(
        written=written,
        resolved=resolved,
        within=frozenset(p for r in resolved.values() for p in r[0]),
        words=frozenset(w for r in resolved.values() for w in r[2]),
        countries=frozenset(c for r in resolved.values() for c in r[1] if c not in written),
        located=written - unlocated,
        unlocated=unlocated,
        vague=bool(unlocated),
        name_words=frozenset(w for name, c, _, _ in locations for w in WORD.findall(f"{name} {c}".casefold())),
    )
