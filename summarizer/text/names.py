"""Canonical names for actors and places: alias tables, the gazetteer, and the article's own words.

The shipped table holds only general knowledge (international bodies); a story pack (--aliases) adds
one story's sides, labels and villages. An actor is matched, in order: exactly (after folding case,
apostrophes, hyphens and a leading "the"); by the longest alias it contains as whole words, unless the
name adds a capitalised word of its own ("Sudanese government forces" is not the pack's "government
forces"); by the article's own words (a definition "Syrian Democratic Forces (SDF)", or the fullest form
the article uses: "government forces" beside "Sudanese government forces"); by rapidfuzz similarity to
another name of the same article only, never to a table. A place: by the story pack, then by the
gazetteer (summarizer.text.gazetteer) on its proper name ("the northern Indonesian province of Aceh" ->
"Aceh"), else as the article spells it, lying in what the article says it lies in ("Bener Meriah in
Aceh"). The name as written is always kept by the caller.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from nameparser import HumanName
from rapidfuzz import fuzz, process

from ..core.errors import ConfigError
from ..core.resources import data_dir
from .gazetteer import gazetteer_country, gazetteer_place, region_country
from .states import is_demonym

__all__ = ["NameTable", "load_names", "fold", "is_description", "words_within", "RULES"]

_FUZZY_CUTOFF = 88

# Every hand rule of this module and extract.py, by name, so that each can be switched off to measure it
# (docs/rules.md has the ablation). True is the shipped behaviour.
RULES: dict[str, bool] = {
    "own_capital_word": True,
    "fuzzy_in_story": True,
    "definitions": True,
    "fullest_form": True,
    "bare_place": True,
    "cue_economic": True,
    "cue_deal": True,
    "cue_takeover": True,
    "cue_deployment": True,
    "cue_fighting": True,
    "status_denied": True,
    "status_planned": True,
    "status_claimed": True,
    "status_plan_kind": True,
    "role_loss": True,
    "role_reporting": True,
    "speaker_of_statement": True,
    "speaker_did_it": True,
    "movement_needs_forces": True,
    "fold_disclosures": True,
    "retype_with_cues": True,
    "fold_consequences": True,
    "fold_felt": True,
    "happening_head": True,
    "place_not_actor": True,
    "passive_by_agent": True,
    "shares_are_the_company": True,
    "state_not_place": True,
    "reported_doer": True,
    "source_title_not_place": True,
    "planned_against_done": True,
    "money_of_another_scale": True,
    "when_of_statement": True,
    "role_passive": True,
    "role_source": True,
    "role_happening": True,
    "drop_prediction": True,
    "drop_hedged_plan": True,
    "drop_state_foretold": True,
    "drop_negated": True,
    "fold_disaster_restatements": True,
    "cue_property_crime": True,
    "numbers_to_their_events": True,
    "numbers_of_their_clause": True,
    "whom_at_place": True,
    "fold_act_restatements": True,
    "fold_figure_parts": True,
    "cue_legal": True,
    "cue_protest": True,
    "cue_diplomatic": True,
    "cue_attack": True,
    "cue_assault": True,
    "cue_disaster": True,
    "bare_speech_act": True,
    "when_compared": True,
    "who_from_subject": True,
    "place_in_sentence": True,
    "when_of_bound": True,
    "happening_not_its_fame": True,
    "denied_needs_the_deed": True,
    "drop_empty_speech": True,
    "protest_needs_protest": True,
    "common_noun_lowercase": True,
    "description_opens_sentence": True,
    "coordinated_place": True,
    "doer_of_when": True,
    "shop_is_business": True,
    "and_active": True,
    "person_pronoun": True,
    "quotes_are_words": True,
    "extent_dispute": True,
    "affected_not_agent": True,
    "who_as_written": True,
    "claimed_by_its_clause": True,
    "region_names_its_country": True,
    "victim_not_agent": True,
    "drop_generic": True,
    "cue_court_actor": True,
    "cue_relief": True,
    "cue_accident": True,
    "cue_election": True,
    "place_coreference": True,
    "cue_set_fire": True,
    "cue_toll": True,
    "disaster_needs_hazard": True,
    "fold_setting_restatements": True,
    "cue_finance": True,
    "drop_witness_quote": True,
    "offence_of_a_case": True,
    "manner_dispute": True,
    "setting_by_its_noun": True,
    "who_clause": True,
    "own_act_by_author": True,
    "dated_disclosure": True,
    "fold_named_figure": True,
    "moved_from_is_withdrawal": True,
    "plan_across_stories": True,
    "teller_not_toll": True,
}


def fold(name: str) -> str:
    """Fold a name for comparison: case, apostrophes, hyphens, possessives, a leading article."""
    text = name.casefold().replace("’", "'").replace("ʼ", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[‐-–—_'`.]", " ", text).replace("-", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(the|a|an) ", "", text)


# Words before the head of a description that count or point rather than name ("four men", "some
# protesters", "the 24 victims").
_QUANTIFIERS = frozenset(
    """
    a an the some several many few most all both other another dozens hundreds thousands scores two three
    four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand
    """.split()
)


@lru_cache(maxsize=65536)
def is_description(name: str) -> bool:
    """True when ``name`` describes rather than names: after its counting or pointing words, every word is
    in lower case ("thieves", "Four men", "the armed man", "police"). "Goldman", "Syrian government
    forces" and "Four Seasons" are names. Cached: a merge asks about the same few names."""
    words = name.split()
    while words and (words[0].casefold() in _QUANTIFIERS or words[0][:1].isdigit()):
        words.pop(0)
    return bool(words) and all(not w[:1].isupper() for w in words)


@lru_cache(maxsize=65536)
def words_within(a: str, b: str) -> bool:
    """Every word of one name stands in the other, folded: one name given more or less fully ("Tamimi" /
    "Ahed Tamimi", "Carlton Hotel" / "Carlton Intercontinental Hotel"; never "District 9" / "District 6")."""
    left, right = set(fold(a).split()), set(fold(b).split())
    return bool(left and right) and (left <= right or right <= left)


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
    # a person -> the organisation the story's texts make them an officer of ("Broadcom chief executive Hock
    # Tan"): one side in a dispute about who acted, though not part of it as a group is (see ``affiliated``)
    officers: dict[str, str] = field(default_factory=dict)
    admin1: dict[str, str | None] = field(default_factory=dict)  # canonical place -> its first-level region
    local: dict[str, str] = field(default_factory=dict)  # folded name -> canonical, from this story's own words
    prefer: frozenset[str] = frozenset()  # countries this story names: a place name in one of them wins
    story: bool = False  # a copy scoped to one story (scoped()): only it may learn what the article says
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
        """``canonical`` and every wider name it is part of ("Tal Rifaat" -> also "Aleppo"): the story
        pack's ``part_of``, what this story's table learnt, else the gazetteer's region of a known place."""
        found = [canonical]
        while True:
            wider = self.parents.get(found[-1]) or _gazetteer_region(found[-1])
            if wider is None or wider in found:
                return frozenset(found)
            found.append(wider)

    def with_officers(self, texts: Iterable[str]) -> NameTable:
        """A copy of the table that knows which person the ``texts`` (a story's articles) name as an officer
        of which organisation: "Broadcom chief executive Hock Tan", "Hock Tan, Broadcom's chief executive",
        "Tan, the chief executive of Broadcom". Each person is keyed by their name and by their surname."""
        table = copy.copy(self)
        table.officers = dict(self.officers)
        for text in texts:
            for found in (m for pattern in _OFFICER for m in pattern.finditer(text)):
                person, org = found.group("person").strip(), self.actor(found.group("org").strip())
                for key in {person, self.actor(person), person.split()[-1]}:
                    table.officers.setdefault(key, org)
        return table

    def affiliated(self, a: str, b: str) -> bool:
        """One of two canonical names is an officer of the other (``with_officers``)."""
        return (
            self.officers.get(a) == b
            or self.officers.get(b) == a
            or (a in self.officers and self.officers.get(a) == self.officers.get(b))
        )

    def widen(self, canonicals: Iterable[str]) -> frozenset[str]:
        """The names and every wider name each is part of."""
        return frozenset().union(*(self.lineage(c) for c in canonicals))

    def is_country(self, canonical: str) -> bool:
        """True for a place that is a whole country ("Syria")."""
        return self.countries.get(canonical) == canonical

    def actor(self, name: str) -> str:
        """Canonical name of an actor: the tables, then this story's own names, else the name itself; a
        person's title is no part of it ("U.S. President Donald Trump" is Donald Trump, not the United
        States the table finds in "U.S.")."""
        if fold(name) not in self.actors:
            name = _without_title(_plain(name))
        found = _lookup(name, self.actors, whole_word_single=False)
        if found is not None:
            return found
        key = fold(name)
        if key in self.local:
            return self.local[key]
        if RULES["fuzzy_in_story"] and self.local:
            match = process.extractOne(key, self.local.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
            if match is not None:
                return self.local[match[0]]
        return _without_title(_plain(name))

    def is_known_actor(self, canonical: str) -> bool:
        """True for a canonical actor of the tables or of this story's definitions."""
        return canonical in self.actors.values() or canonical in self.local.values()

    def country_of(self, canonical: str) -> str | None:
        """The country of a canonical place, when known."""
        return self.countries.get(canonical)

    def scoped(self, text: str, names_used: Iterable[str] = ()) -> NameTable:
        """A copy of the table that also knows one story's own words: ``text`` (an article, or several) and
        the actor names its events use."""
        table = copy.copy(self)
        for name in ("actors", "places", "countries", "labels", "parents", "admin1", "local", "_loaded"):
            setattr(table, name, dict(getattr(self, name)))
        table._keys = self._keys
        table.story = True
        table.prefer = self.prefer | _countries_named(text)
        table.local.update(_story_names(text, [n for n in names_used if n], self))
        return table

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
        """Canonical name and country of a place."""
        canonical, country, _ = self.place_info(name)
        return canonical, country

    def place_info(self, name: str) -> tuple[str, str | None, str | None]:
        """Canonical name, country and first-level region of a place.

        The story pack first; then the gazetteer on the place's proper name, without the kind of place or
        whose it is ("Indonesia's Aceh province" -> "Aceh"); else that proper name as the article spells it,
        inside the place the article puts it in ("Bener Meriah regency in Aceh" lies in Aceh)."""
        canonical = _lookup(name, self.places, whole_word_single=True)
        if canonical is not None:
            return canonical, self.countries.get(canonical), self.admin1.get(canonical)
        bare, container = _bare_place(_plain(name))
        canonical = _lookup(bare, self.places, whole_word_single=False) if RULES["bare_place"] else None
        if canonical is not None and not self.is_country(canonical):  # never widen a place into a country
            return canonical, self.countries.get(canonical), self.admin1.get(canonical)
        # A place name is a proper name: "the bank" is no town of India, "police" none of Poland. The country
        # the words put it in wins ("the city of Bam in central Iran" is not Bam, Burkina Faso).
        prefer = self.prefer | _countries_named(container) if container else self.prefer
        found = gazetteer_place(bare, prefer) if not bare.islower() else None
        if found is not None and found.kind == "region" and fold(found.canonical) in _GENERIC_REGIONS:
            # "the Gulf island" is not Papua New Guinea's Gulf province, nor "Central" Kenya's: a region named
            # by a common word counts only in a country the story names
            found = found if found.country in prefer else None
        if found is not None:
            canonical, country, admin1 = found.canonical, found.country, found.admin1
        else:
            canonical, country, admin1 = bare, None, None
            wider = self.place_info(container) if container else None
            if wider is not None and wider[1] is not None:
                country = wider[1]
                admin1 = wider[2] or (None if self.is_country(wider[0]) else wider[0])
        if not self.story:
            # The shared table never learns (it is frozen once loaded): what a lookup found would otherwise
            # change later answers of the same process, so a merge would depend on what was looked up before.
            return canonical, country, admin1
        self.countries.setdefault(canonical, country)
        self.admin1.setdefault(canonical, admin1)
        if admin1 and admin1 != canonical:
            self.parents.setdefault(canonical, admin1)  # a city is part of its region (never of its country)
        return canonical, country, admin1


@lru_cache(maxsize=65536)
def _gazetteer_region(canonical: str) -> str | None:
    """The first-level region a gazetteer place of exactly this name lies in (a city is part of its
    region, never of its country), or None."""
    found = gazetteer_place(canonical)
    if found is None or found.canonical != canonical or found.kind == "country":
        return None
    return found.admin1 if found.admin1 and found.admin1 != canonical else None


_PLACE_KINDS = (
    "province|district|region|governorate|city|town|village|island|county|prefecture|municipality|regency|state"
)
_PLACE_KIND = f"(?:{_PLACE_KINDS})"
_KIND_OF = re.compile(
    # "the northern Indonesian province of Aceh", "city of Banda Aceh", "the Northern Province of Aceh": a kind
    # of place in lower case, or capitalised after a describing word (so "District of Columbia" and "the City
    # of London" stay whole), then "of" and the name.
    # A kind in lower case is a description whatever words describe it ("the Persian Gulf island of Qeshm").
    r"^(?:the\s+)?(?:[\w'’-]+\s+){0,4}?" + _PLACE_KIND + r"\s+of\s+(?P<name>[A-Z].*)$"
    r"|^(?:the\s+)?(?:(?:[a-z]+|[A-Z][a-z]+(?:n|ese|ish|i))\s+)+"
    r"(?:Province|District|Region|Governorate|City|Town|Village|Island|County)\s+of\s+(?P<name2>[A-Z].*)$"
)
# "in central Iran", "in northern Sumatra": where a place lies, told with a compass word.
_COMPASS = r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
_COMPASS += r"south-?eastern|south-?western)\s+)"
_NEAR = re.compile(r"\s+(?:near|close to|outside|next to|beside)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}(?=[A-Z])")
_OWNER = re.compile(r"^(?:the\s+)?(?:[\w-]+\s+)*?[A-Z][\w-]*['’]s\s+(?:[a-z]+\s+)*(?=[A-Z])")
# A trailing kind of place: any in lower case ("Aceh province"); capitalised only the administrative ones
# and "Island" ("Sumatra Island"), never part of a name such as "Mexico City".
_KIND_AFTER = re.compile(r"\s+(?:" + _PLACE_KINDS + r"|Province|District|Region|Governorate|Prefecture|Island)$")


# An officer named with their organisation (written by hand: the titles news uses). The person is two or three
# capitalised words ("Hock Tan", "Lloyd C. Blankfein"); the organisation one to four.
_TITLE = (
    r"(?:chief\s+executive(?:\s+officer)?|CEO|chief\s+financial\s+officer|CFO|chief\s+operating\s+officer|COO|"
    r"chairman|chairwoman|chair|president|vice\s+president|founder|co-founder|spokes(?:man|woman|person)|"
    r"general\s+counsel|managing\s+director|director|head|chief)"
)
_ORG = r"[A-Z][\w&.'’-]*(?:\s+(?:of\s+)?[A-Z][\w&.'’-]*){0,3}"
_PERSON = r"[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}"
_OFFICER = (
    re.compile(rf"(?P<org>{_ORG})(?:['’]s)?\s+(?:(?i:{_TITLE}))\s+(?P<person>{_PERSON})"),
    re.compile(rf"(?P<person>{_PERSON}),\s+(?:the\s+)?(?P<org>{_ORG})['’]s\s+(?:(?i:{_TITLE}))\b"),
    re.compile(rf"(?P<person>{_PERSON}),\s+(?:the\s+|its\s+)?(?:(?i:{_TITLE}))\s+(?:of|at)\s+(?P<org>{_ORG})"),
)
# Regions of the gazetteer named by a common geographic word (written by hand: which words are common).
_GENERIC_REGIONS = frozenset(
    "gulf central western eastern northern southern north south east west coast capital islands lakes highlands "
    "plateau centre center upper lower interior littoral midlands".split()
)
# "State" capitalised after a name is a kind of place only when the name before it is a region of the
# gazetteer ("Unity State"), not part of a name ("Islamic State", "Ohio State").
_STATE_AFTER = re.compile(r"\s+State$")


def _bare_place(name: str) -> tuple[str, str | None]:
    """A place's proper name without the kind of place or its owner (unchanged when nothing is left), and
    the wider place the words put it in ("Bukit Sama village in Central Aceh" -> Central Aceh), if any."""
    text = name.strip()
    if not RULES["bare_place"]:
        return text, None
    near = _NEAR.split(text, maxsplit=1)
    if len(near) == 2 and not any(ch.isupper() for ch in near[0]):
        text = near[1]  # "an upmarket jewellery store near the Place Vendôme": the place is the named one
    match = _KIND_OF.match(text)
    if match:
        text = match.group("name") or match.group("name2")
    if _KIND_AFTER.search(text) or _OWNER.match(text) and gazetteer_country(_OWNER.match(text).group(0)):
        text = _OWNER.sub("", text)  # "Indonesia's Aceh province", never "Martha's Vineyard"
    # "Lampahan city in the district": a place it lies in named by its kind only says nothing here
    text = re.sub(r"\s+in\s+the\s+(?:[a-z][\w-]*\s+){0,2}?" + _PLACE_KIND + r"$", "", text)
    # "Bukit Sama village in Central Aceh", "Yida camp in oil-rich Unity State": a describing word or two may
    # stand before the place it lies in
    parts = re.split(r"\s+in\s+(?:" + _COMPASS + r"|[a-z][\w-]*\s+){0,2}(?=[A-Z])|,\s+(?=[A-Z])", text, maxsplit=1)
    text, container = parts[0], (parts[1].strip(" ,.") if len(parts) > 1 else None)
    if container:  # "Unity State, which borders Sudan": the place, not what is said of it
        container = re.split(r",\s+(?:which|who|where|that|whose)\b", container, maxsplit=1)[0].strip(" ,.")
    text = _KIND_AFTER.sub("", text).strip(" ,")
    state = _STATE_AFTER.search(text)
    if state and (region := gazetteer_place(text[: state.start()])) is not None and region.kind == "region":
        text = text[: state.start()]  # "Unity State", "Blue Nile State"; never "Islamic State"
    if not text[:1].isupper() or fold(text) in {"", "the", "a", "an"}:  # "the province" names no place of its own
        return name.strip(), None
    return text, container


def _lookup(name: str, table: dict[str, str], *, whole_word_single: bool) -> str | None:
    """The canonical a table gives ``name``: exactly, or by the longest alias it contains as whole words
    when the name adds no capitalised word of its own ("M23 rebel forces" is not the table's "rebel
    forces"); None when the table does not know it. Never fuzzy: a table is not this story's names."""
    key = fold(name)
    if not key:
        return None
    if key in table:
        return table[key]
    padded = f" {key} "
    best: str | None = None
    for alias in table:
        # Table keys are folded (lower case), so an acronym is recognised by its length, not its case.
        usable = whole_word_single or " " in alias or len(alias) <= 4
        if usable and f" {alias} " in padded and (best is None or len(alias) > len(best)):
            best = alias
    if best is not None and not (RULES["own_capital_word"] and _adds_a_name(name, best)):
        return table[best]
    return None


def _adds_a_name(name: str, alias: str) -> bool:
    """True when the word just before ``alias`` in ``name`` is capitalised or has a digit: "Sudanese
    government forces", "M23 rebel forces" name another side than "government forces", "rebel forces";
    "eastern Deir el-Zour province" and "Syrian troops and their Iran-backed allies" do not."""
    words = re.findall(r"[\w'’.-]+", name)
    folded = [fold(w) for w in words]
    size = len(alias.split())
    for start in range(len(words) - size + 1):
        if " ".join(w for w in folded[start : start + size] if w) == alias and start > 0:
            before = words[start - 1]
            if re.search(r"-(backed|led|allied|aligned|supported|funded)$", before, re.I):
                return False  # who backs a side does not make it another side ("US-backed SDF")
            return (before[:1].isupper() and fold(before) not in {"", "the"}) or any(c.isdigit() for c in before)
    return False


def _plain(name: str) -> str:
    """An unknown name as its own canonical form, without a leading article."""
    return re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)


# Titles that only a person bears: after one of these a single name is that person's ("President Trump");
# after another title ("General"), only a name of two words or more is ("General Motors" is a company), and a
# monarch's or cleric's title stays with a single name ("King Salman", "Pope Francis").
_PERSON_TITLES = frozenset(
    "president minister prime premier chancellor gov governor mr mrs ms dr sen senator rep mayor judge ceo".split()
)


@lru_cache(maxsize=65536)
def _without_title(name: str) -> str:
    """A person's name without the title before it ("President Donald Trump", "U.S. President Donald Trump",
    "Qeshm Gov. Heidar Alishvandi" -> "Heidar Alishvandi"); titles are nameparser's, which knows several
    hundred. Only a name written wholly in capitals is read (never "the military court"); unchanged when no
    title leads it."""
    tokens = name.split()
    if len(tokens) < 2 or not all(t[:1].isupper() or t in ("of", "and") for t in tokens):
        return name
    for start in range(min(3, len(tokens) - 1)):  # up to two words before the title: "U.S.", "Russian"
        title = HumanName(" ".join(tokens[start:])).title
        if not title:
            continue
        rest = tokens[start + len(title.split()) :]
        if rest and (len(rest) >= 2 or title.split()[0].casefold().rstrip(".") in _PERSON_TITLES):
            return " ".join(rest)
        return name
    return name


_DEFINITION = re.compile(
    r"\b((?:[A-Z][\w'’.-]*\s+)(?:(?:of|for|the|and|al|el)\s+|[A-Z][\w'’.-]*\s+){0,6}?"
    r"[A-Z][\w'’.-]*)\s+\(([A-Z][A-Za-z0-9./-]{1,9})\)"
)


def _countries_named(text: str) -> frozenset[str]:
    """The countries ``text`` names by a capitalised word or two ("Indonesia", "South Sudan"), or through a
    region of one country only ("Somerset": the United Kingdom, so its "Wellington" is not New Zealand's)."""
    words = re.findall(r"[A-Z][\w'’-]*", text)
    spans = {" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    found = {gazetteer_country(span) for span in spans}
    if RULES["region_names_its_country"]:
        found |= {region_country(span) for span in spans}
    return frozenset(c for c in found if c)


# The endings of plural nouns for people ("robbers", "thieves", "militants", "gunmen", "Ram-raiders").
_PEOPLE_PLURAL = re.compile(r"(?:ers|ors|ists|ants|ents|ves|men|ians|ites)$")


def _only_opens_sentences(word: str, text: str) -> bool:
    """Every place ``text`` writes ``word`` opens a line or a sentence: its capital says nothing of a name."""
    places = [m.start() for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text)]
    return bool(places) and all(
        re.search(r"(?:^|\n|[.!?][\"”’']?\s+|[\"“‘]\s*)$", text[max(0, at - 4) : at]) for at in places
    )


def _described_at_start(name: str, text: str, table: NameTable) -> bool:
    """``name`` is a description whose first word is capitalised only where it opens a sentence ("Forensic
    teams", "Armed police"): every later word is in lower case, and the first is no actor, place or
    nationality the tables or the gazetteer know and is never written with its capital inside a sentence
    of ``text`` (or is written in lower case there)."""
    found = re.fullmatch(r"(?P<first>[A-Z][a-z]+(?:-[a-z]+)*)(?:\s+[a-z][a-z'’-]*)+", name)
    if found is None:
        return False
    first = found.group("first")
    if _lookup(first, table.actors, whole_word_single=False) is not None or gazetteer_country(first) is not None:
        return False
    if table.place_info(first)[1] is not None or is_demonym(first):
        return False  # "Syrian government forces", "Paris police": a name's word
    lower = re.search(rf"(?<![\w'’-]){re.escape(first.lower())}(?![\w'’-])", text)
    # a word the text never writes in lower case must at least look like an English adjective ("Forensic",
    # "Armed", "Local"): "Hamas fighters" opening every sentence that names them stays a name
    return bool(lower) or (bool(_ADJECTIVE_ENDING.search(first)) and _only_opens_sentences(first, text))


_ADJECTIVE_ENDING = re.compile(r"(?:ic|al|ed|ive|ous|ful|less|ary|ory|ent|ant|ile|able|ible)$")


def _story_names(text: str, names_used: list[str], table: NameTable) -> dict[str, str]:
    """Folded name -> canonical, from one story's own words.

    A definition in the text ("Syrian Democratic Forces (SDF)") makes the acronym and the full name one
    actor; a name is then the fullest form the story uses that ends in it and adds only capitalised words
    ("government forces" -> "Sudanese government forces"), when exactly one such form is used."""
    local: dict[str, str] = {}
    if RULES["common_noun_lowercase"]:
        # "Ram-raiders smashed ..." at a sentence's start is the "ram-raiders" the story writes elsewhere: a
        # common noun capitalised by its place, a description of who acted, not a name
        for name in names_used:
            word = name.strip()
            if (
                re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)*", word)
                and _lookup(word, table.actors, whole_word_single=False) is None
                and (
                    re.search(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w'’-])", text)
                    or (_PEOPLE_PLURAL.search(word) and _only_opens_sentences(word, text))
                )
            ):
                local[fold(word)] = word.lower()
    if RULES["definitions"]:
        for full, short in _DEFINITION.findall(text):
            if _initials(full).startswith(short.replace(".", "").upper()[:2]):
                canonical = table.actor(full)
                local[fold(short)] = local[fold(full)] = canonical
    if RULES["fullest_form"]:
        forms = {
            fold(n): _without_title(_plain(n))
            for n in names_used
            if _lookup(n, table.actors, whole_word_single=False) is None
        }
        forms.update({k: v for k, v in local.items()})
        for key in list(forms):
            if key in local or len(key.split()) < 2:
                continue
            longer = {forms[k] for k in forms if k != key and k.endswith(f" {key}") and _adds_a_name(forms[k], key)}
            if len(longer) == 1:
                local[key] = longer.pop()
    if RULES["description_opens_sentence"]:
        # "Forensic teams were examining the crime scene": "Forensic" is capitalised by its place only, so the
        # name is a description (and cannot contradict another outlet's in a "who" check)
        for name in names_used:
            word = name.strip()
            if fold(word) not in local and _described_at_start(word, text, table):
                local[fold(word)] = word[0].lower() + word[1:]
    return local


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


@lru_cache(maxsize=8)
def load_names(extra: Path | None = None) -> NameTable:
    """Load the shipped alias table (data/aliases.yaml), with ``extra`` (a story pack) merged over it.

    Cached per file for the process. Raises ConfigError (exit 3) for a file that cannot be read or is not an
    alias file.
    """
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
