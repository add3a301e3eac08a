"""Which country's state an actor's name stands for: "Sudan", "the Sudanese government", "Sudan's army" and
"the government of Sudan" all name the Sudanese state acting.

One outlet writes that "Sudan" bombed a camp, another that "the Sudanese government" did: the merge's "who"
check must not call that a disagreement. Country names, their other spellings and their demonyms come from
``countryinfo`` (its per-country data: name, ``altSpellings``, ``demonym``, ISO 3166 codes), with the
gazetteer's country names (GeoNames, ``text/gazetteer``) as a second source of names. Which words name a
state institution ("government", "army", "forces", ...) is a short list of our own: no library lists them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import gazetteer_country

__all__ = ["is_demonym", "state_of"]

# The institutions through which a state acts, as news names them.
_INSTITUTION = (
    r"(?:(?:government|regime|army|military|security|armed) (?:forces|troops|soldiers)|"
    r"government|administration|authorities|regime|state|army|military|forces|troops|soldiers|"
    r"air force|navy|police|security forces|officials|warplanes|jets|ministry|foreign ministry|defen[cs]e ministry|"
    # its courts and prosecutors: "Israel indicted" and "an Israeli military court indicted" tell one act
    r"(?:military |supreme |high |federal |district |criminal )?courts?|prosecutors?|prosecution|judiciary)"
)
_WORD = re.compile(r"[^\w\s'’-]")


def _fold(text: str) -> str:
    return " ".join(_WORD.sub(" ", text.casefold().replace("’", "'")).split())


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(folded country name -> ISO codes, short codes written in capitals -> ISO codes, folded demonym -> ISO
    codes). A demonym may be several countries' ("Congolese")."""
    from countryinfo import all_countries

    names: dict[str, set[str]] = {}
    short: dict[str, set[str]] = {}
    demonyms: dict[str, set[str]] = {}
    for country in all_countries():
        code = (country.iso() or {}).get("alpha2")
        if not code:
            continue
        for name in [country.name(), *(country.alt_spellings() or [])]:
            if not name:
                continue
            # "US", "UK", "USA": only as written in capitals ("us" is a pronoun, "IN" a word).
            (short if len(name) <= 3 else names).setdefault(name if len(name) <= 3 else _fold(name), set()).add(code)
        if country.demonym():
            demonyms.setdefault(_fold(country.demonym()), set()).add(code)
    freeze = lambda table: {k: frozenset(v) for k, v in table.items()}  # noqa: E731
    return freeze(names), freeze(short), freeze(demonyms)


def is_demonym(word: str) -> bool:
    """``word`` is a country's demonym ("Sudanese", "Israeli"), from countryinfo."""
    return _fold(word) in _index()[2]


def _country(name: str) -> frozenset[str]:
    names, short, _ = _index()
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    compact = bare.replace(".", "")
    if compact.isupper() and compact in short:
        return short[compact]
    found = names.get(_fold(bare))
    if found:
        return found
    other = gazetteer_country(bare)  # GeoNames' own country names
    return names.get(_fold(other), frozenset()) if other else frozenset()


@lru_cache(maxsize=8192)
def state_of(name: str) -> frozenset[str]:
    """The ISO 3166 alpha-2 codes of the country whose state ``name`` names, or an empty set.

    A country ("Sudan", "the United States", "US"), a demonym with an institution ("the Sudanese
    government", "South Sudanese troops", "Israeli forces"), "the army of Sudan" or "Sudan's government". A
    demonym shared by two countries ("Congolese") gives both."""
    text = " ".join(name.split())
    if not text:
        return frozenset()
    country = _country(text)
    if country:
        return country
    names, short, demonyms = _index()
    coded = re.fullmatch(r"(?:the\s+)?([A-Z](?:\.?[A-Z]){1,2})\.?\s+(.+)", text)  # "U.S. forces", "UK troops"
    if coded and coded.group(1).replace(".", "") in short and re.fullmatch(_INSTITUTION, _fold(coded.group(2))):
        return short[coded.group(1).replace(".", "")]
    folded = _fold(text)
    found = re.fullmatch(rf"(?:the )?(?P<adj>.+?) {_INSTITUTION}", folded)
    if found and found.group("adj") in demonyms:
        return demonyms[found.group("adj")]
    found = re.fullmatch(rf"(?:the )?{_INSTITUTION} of (?P<country>.+)", folded)
    if found:
        return _country(found.group("country"))
    found = re.fullmatch(rf"(?P<country>.+?)'s? {_INSTITUTION}", folded)
    if found:
        return _country(found.group("country"))
    return frozenset()
