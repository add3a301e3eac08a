"""Where an event happened: its places resolved in one walk, each as the article spells it.

The model writes a place in "where", sometimes as the target ("took Idlib, Aleppo and Hama"), or only in
its own words ("took control of Deir ez-Zor"). :func:`event_places` reads all three against the name
table (``names``: story pack, then gazetteer) and widens each place to the longest known name the
description spells around it, so extraction asks one question of one module.
"""

from __future__ import annotations

import calendar
import re

from ..core.schema import Location
from .names import RULES, NameTable, fold

__all__ = ["event_places", "places_in_clause", "places_written"]

_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_ARTICLE = re.compile(r"^the\s+", re.I)
_SELECTING = re.compile(r"^(?:including|such\s+as|especially|notably|particularly|mainly|mostly|chiefly)\s+", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w.]*")
# English month and weekday names and their abbreviations: a "where" whose capitalised words are only
# these is a time, not a place.
_CALENDAR = frozenset(
    name.lower()
    for name in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr)
    if name
) | {"sept", "tues", "thur", "thurs"}


# A shop named by its business ("the Casty store", "the Harry Winston jewellery store", "an upmarket jewellery
# boutique"): the business, an actor (what was robbed or raided), not a place; where it stands is said by the
# place around it ("near Place Vendôme", "in central Paris"), which a longer "where" still carries. A hotel,
# an airport, a hospital or a station is a site one can stand in and stays a place (LABELLING.md §5).
_SHOP = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:[\w'’&.-]+\s+){0,4}?(?:store|shop|boutique|showroom|supermarket|jewell?er(?:['’]?s)?)$",
    re.I,
)


def places_written(text: str | None, names: NameTable) -> list[Location]:
    """The places ``text`` lists ("Idlib, Aleppo and Hama"), each with its canonical name, country and
    region; words with no capital ("east of the country") name no place."""
    if not text:
        return []
    text = _SELECTING.sub("", text.strip())  # "including Deir el-Zour": the place, not the word that picks it
    parts = [p.strip() for p in _LIST_SPLIT.split(text) if p.strip()]
    if len(parts) < 2 or _one_known_place(text, names) or not all(_ARTICLE.sub("", p)[:1].isupper() for p in parts):
        parts = [text.strip()]
    locations = []
    for part in parts:
        if not any(ch.isupper() for ch in part):
            continue  # "east of the country", "key areas": a description, not a place name
        if all(word.casefold().rstrip(".") in _CALENDAR for word in _CAPITALISED.findall(part)):
            continue  # "on Sunday night", "mid-January": time words the model put in "where"
        if RULES["shop_is_business"] and _SHOP.match(part):
            continue  # "the Casty store": the business robbed, not where (LABELLING.md §4, §15.11)
        canonical, country, admin1 = names.place_info(part)
        if all(loc.canonical != canonical for loc in locations):
            locations.append(Location(name=part, canonical=canonical, country=country, admin1=admin1))
    return locations


def _one_known_place(text: str, names: NameTable) -> bool:
    """``text`` is the exact name of one place the tables or the gazetteer know ("Bosnia and Herzegovina")."""
    whole = _ARTICLE.sub("", text.strip())
    canonical, country, _ = names.place_info(whole)
    return country is not None and fold(canonical) == fold(whole)


def _known_places(text: str, spelled_in: str, names: NameTable) -> list[Location]:
    """The known places that ``text`` names, each as ``spelled_in`` writes it (so it stays a quote)."""
    return [
        Location(name=written, canonical=c, country=names.countries.get(c))
        for c in names.places_named_in(text)
        if (written := names.find_alias(spelled_in, c, place=True))
    ]


def _widest_places(locations: list[Location], what: str, sentence: str, names: NameTable) -> list[Location]:
    """Each place as the longest known name the description spells around it.

    "Deir el-Zour" quoted for "pulled troops from the Deir el-Zour military air base" is the air base, not
    the province; for "consolidating its forces in the province" it stays the province.
    """
    # A country next to a place inside it adds nothing ("Syria-Iraq border" beside "Albu Kamal").
    inside = {names.countries.get(loc.canonical) for loc in locations if not names.is_country(loc.canonical)}
    locations = [loc for loc in locations if not (names.is_country(loc.canonical) and loc.canonical in inside)]
    widened: list[Location] = []
    for loc in locations:
        best = loc
        for canonical in names.places_named_in(what):
            written = names.find_alias(sentence, canonical, place=True)
            if (
                canonical != loc.canonical
                and written
                and len(written) > len(best.name)
                and fold(loc.name) in fold(written)
            ):
                best = Location(name=written, canonical=canonical, country=names.countries.get(canonical))
        if all(w.canonical != best.canonical for w in widened):
            widened.append(best)
    return widened


# A target the model wrote as a place phrase ("in Idlib, Aleppo and Hama"): a preposition of place opens it.
# After "to" or "from" only places the tables or gazetteer know: "handed control to the SDF", "took the town
# from the army" name a side.
_FROM_OR_TO = re.compile(r"(?:from|to)\s+", re.I)
_AT_PLACE = re.compile(r"(?:in|into|near|at|across|towards?|around|inside|outside|throughout|within)\s+", re.I)


def _target_places(whom: str | None, names: NameTable) -> list[Location]:
    """The places a target names when it is places, not a side ("Idlib, Aleppo and Hama", "Deir ez-Zor's
    city center to the Al-Bukamal district"); empty when it is a side."""
    if not whom:
        return []
    if RULES["whom_at_place"]:
        located = _AT_PLACE.match(whom)
        if located:  # "in Idlib, Aleppo and Hama": where, never whom
            return places_written(whom[located.end() :], names)
        away = _FROM_OR_TO.match(whom)
        known = places_written(whom[away.end() :], names) if away else []
        if known and all(loc.country is not None for loc in known):
            return known  # "from Peru" is where from; "from the army" is a side
    as_places = places_written(whom, names)
    named = _known_places(whom, whom, names)
    if not names.is_known_actor(names.actor(whom)) and named:
        return named
    if as_places and all(loc.country is not None for loc in as_places):
        return as_places  # places the gazetteer knows ("Idlib and Hama"), not a side
    return []


def event_places(
    names: NameTable, sentence: str, *, where: str | None, whom: str | None, words: str, description: str
) -> tuple[list[Location], bool]:
    """Where an event happened, and whether its target (``whom``) was places rather than a side.

    ``where`` and ``whom`` are the model's fields, ``words`` its own description, ``description`` the
    event's final one; ``sentence`` is the evidence, so every place stays a quote of it. The places of
    ``where`` come first, then those of a target that is places; with neither, the known places the model's
    words name, as the sentence spells them. Each is widened to the longest known name around it.
    """
    locations = places_written(where, names)
    targets = _target_places(whom, names)
    locations += [p for p in targets if all(p.canonical != loc.canonical for loc in locations)]
    if not locations:
        # The model left "where" empty or vague but its own words name a known place ("took control of Deir
        # ez-Zor"): take the place as the sentence spells it, so it stays a quote of the article.
        locations = _known_places(words, sentence, names)
    locations = [loc for loc in locations if not _named_as_source(loc.name, sentence)]
    return _widest_places(locations, description, sentence, names), bool(targets)


# "in Dubai", "near Aleppo", "the northern countryside of Aleppo": a capitalised name after a preposition of
# place (after "of" only when a lowercase noun precedes it: not "Bank of America", "Ministry of Defence").
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|inside|across|around|throughout|into)|(?<=[a-z]) of)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
)
# A place named as what a site belongs to: "a high end Paris store", "an Athens branch of the bank", "the Dubai
# airport", "a Cairo court". Only sites one can stand in: "the New York bank" (a firm) or "the Paris agreement"
# says nothing of where something happened.
_PLACE_OF_SITE = re.compile(
    r"\b(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,2}?(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+"
    r"(?:[a-z][\w-]*\s+)?(?:store|shop|boutique|branch|hotel|restaurant|cafe|nightclub|hospital|clinic|school|"
    r"university|airport|station|market|mall|mosque|church|synagogue|temple|prison|jail|camp|factory|plant|mine|"
    r"suburb|neighbou?rhood|courthouse|court|stadium|refinery|warehouse)s?\b"
)
# A clause that is only a coordinated verb of the clause before it (no subject of its own): ", and in less
# than a minute had escaped with ...", ", then fled in another car".
_COORDINATED_VERB = re.compile(
    r"^\W*(?:and|then|before)\s+(?:then\s+)?(?:(?:in|within|after)\s+[^,]{1,40}?\s+)?(?:had\s+|has\s+|have\s+)?"
    r"(?!(?:was|were|is|are)\b)[a-z]+(?:ed|t)\b"
)
# Where a clause ends: punctuation, or a word that opens another clause.
_CLAUSE_EDGE = re.compile(
    r"[,;:()\u2013\u2014]|\s-\s|\b(?:that|after|before|when|while|as|because|since|until|which|who|where|whose|"
    r"although|though|whereas|but)\b",
    re.IGNORECASE,
)
# A sentence that opens with where it happened: "In Aleppo, ...", "Meanwhile, in the countryside of Aleppo, ..."
_OPENS_WITH_PLACE = re.compile(r"(?:in|at|near|outside|inside|across|around|throughout)\s", re.I)
_FRONTED = re.compile(
    r"^(?:\W*(?:meanwhile|elsewhere|separately|also|earlier|later)\s*,\s*)?(?P<phrase>[^,]{3,80}),", re.I
)


def places_in_clause(sentence: str, words: str, names: NameTable) -> list[Location]:
    """The places the gazetteer knows that the clause holding ``words`` (the event's own words) names after a
    preposition of place, or that a phrase opening the sentence does ("In Aleppo, rebels ..."), each as the
    sentence spells it; empty when ``words`` do not stand in the sentence. For an event the model gave no
    place (rule ``place_in_sentence``); names that are actors of the tables or sources of the report are
    left out, and so are places of other clauses ("..., which lies off the port city of Bandar Abbas")."""
    at = sentence.casefold().find(words.casefold()) if words else -1
    if not RULES["place_in_sentence"] or at < 0:
        return []
    edges = [0, *(m.start() for m in _CLAUSE_EDGE.finditer(sentence)), len(sentence)]
    start = max(e for e in edges if e <= at)
    end = min(e for e in edges if e >= at + len(words)) if at + len(words) < len(sentence) else len(sentence)
    spans = [(start, end)]
    if RULES["coordinated_place"] and start > 0 and _COORDINATED_VERB.match(sentence[start:end]):
        # ", and in less than a minute had escaped with 11m euros": the same subject's next deed, at the scene
        # the clause before it names ("drove two cars through the window of a jewellery store in Dubai")
        spans.append((max(e for e in edges if e < start), start))
    fronted = _FRONTED.match(sentence)
    if fronted and _OPENS_WITH_PLACE.match(fronted.group("phrase").strip()):
        spans.append(fronted.span("phrase"))
    found: list[Location] = []
    for first, last in spans:
        clause = sentence[first:last]
        for match in [*_LOCATIVE.finditer(clause), *_PLACE_OF_SITE.finditer(clause)]:
            name = re.sub(r"['’]s$", "", match.group("name")).rstrip(".'’")  # "in Sudan's territory": Sudan
            if names.is_known_actor(names.actor(name)) or _named_as_source(name, sentence):
                continue
            canonical, country, admin1 = names.place_info(name)
            if country is not None and all(loc.canonical != canonical for loc in found):
                found.append(Location(name=name, canonical=canonical, country=country, admin1=admin1))
    return found


def _named_as_source(name: str, sentence: str) -> bool:
    """The sentence names ``name`` as the source of its report, not as a place: "told AFP", "according to
    Reuters", "quoted by IRNA", "RAMALLAH, West Bank (AP)"."""
    quoted = re.escape(name.strip())
    after_verb = rf"\b(?:told|according to|quoted by|cited by|reported by|citing)\s+(?:the\s+)?{quoted}\b"
    return bool(re.search(after_verb, sentence, re.I) or re.search(rf"\(\s*{quoted}\s*\)", sentence))
