"""How a happening was done, as a description words it, in sets of ways that exclude each other.

Two outlets that report one happening can name it differently: "punched an Israeli soldier" against
"pushing, kicking and slapping the soldiers", a riot against a vigil, a fire against an explosion, a merger
against a takeover (LABELLING.md §13, §15.9: a ``label`` conflict). Each *family* below is a set of ways of
doing one kind of thing; two descriptions that each name a way of one family and share none disagree about
how it was done. A description that names no way of a family ("attacked the soldiers", "the blaze and the
blast") says nothing against another, and one that names several ("an explosion and fire") agrees with a
report of any of them.

Written by hand: a closed list of English words of this project's choosing (rule ``manner_dispute`` in
``text.names.RULES``); a thesaurus (WordNet) would make siblings of words news uses for one happening ("said"
/ "told", "shelling" / "bombardment") and is not packaged with its data on PyPI.
"""

from __future__ import annotations

import functools
import re

__all__ = ["FAMILIES", "manners"]

# family -> (way, pattern). A way's name is how a reader is told it ("punched", "riot").
FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    # Blows by hand or foot (not "push" alone: "pushing towards Homs" is an advance of forces).
    "blows": (
        ("punched", r"\bpunch(?:ed|es|ing)?\b"),
        ("slapped", r"\bslap(?:ped|s|ping)?\b"),
        ("kicked", r"\bkick(?:ed|s|ing)?\b(?!\s+off)"),
        (
            "pushed",
            r"\b(?:pushed|shov\w*)\b|\bpushing(?:\s+(?:him|her|them|the\s+(?:soldier|officer|guard|police)\w*)|"
            r"(?=,?\s+(?:and\s+)?\w+ing\b))",
        ),
        ("bit", r"\b(?:bit|bites?|biting|bitten)\b(?!\s+(?:of|more|less|better|worse)\b)"),
        ("headbutted", r"\bhead-?butt\w*\b"),
    ),
    # What was used to harm people.
    "weapon": (
        ("shot", r"\b(?:shot|shoot\w*|gunfire|gunm[ae]n|opened\s+fire|fired\s+(?:on|at))\b"),
        ("stabbed", r"\b(?:stabb\w*|knife|knives|knifed)\b"),
        ("bombed", r"\b(?:bomb\w*|explosives?|suicide\s+attack\w*)\b"),
        ("rammed", r"\b(?:ramm(?:ed|ing)|ploughed\s+into|plowed\s+into|drove\s+(?:a|his|her|the)\s+\w+\s+into)\b"),
    ),
    # What destroyed a place, when no one is said to have done it on purpose.
    "blaze": (
        ("fire", r"\b(?:fire|fires|blaze|burn(?:ed|t|ing|s)?)\b"),
        ("explosion", r"\b(?:explo(?:sion|sions|ded|de|des)|blasts?)\b"),
    ),
    # A gathering, as the reports call it.
    "gathering": (
        ("riot", r"\b(?:riot\w*)\b"),
        ("vigil", r"\bvigils?\b"),
        ("peaceful protest", r"\bpeaceful(?:ly)?\b"),
    ),
    # How two companies come together.
    "deal": (
        ("merger", r"\b(?:merg(?:er|ers|e|ed|ing))\b"),
        ("takeover", r"\b(?:take-?overs?|took\s+over|acqui(?:re|res|red|ring|sition|sitions)|buyouts?|bought)\b"),
    ),
}
_COMPILED = {family: tuple((way, re.compile(p, re.I)) for way, p in ways) for family, ways in FAMILIES.items()}
# Most descriptions name no way at all: one search over every pattern rules them out.
_ANY = re.compile("|".join(f"(?:{p})" for ways in FAMILIES.values() for _, p in ways), re.I)
# "ceasefire" and "opened fire" are no blaze: read the description without them.
_NOT_A_BLAZE = re.compile(r"\b(?:cease-?fires?|opened\s+fire|fired\s+(?:on|at)|under\s+fire|set\s+fire)\b", re.I)


@functools.lru_cache(maxsize=65536)
def manners(description: str) -> dict[str, frozenset[str]]:
    """The ways of doing each family that ``description`` names: {"blows": {"pushed", "kicked", "slapped"}};
    families it names no way of are left out (an empty dict for most descriptions). Cached: a merge reads
    the same wordings again and again."""
    out: dict[str, frozenset[str]] = {}
    if not _ANY.search(description):
        return out
    for family, ways in _COMPILED.items():
        text = _NOT_A_BLAZE.sub(" ", description) if family == "blaze" else description
        found = frozenset(way for way, pattern in ways if pattern.search(text))
        if found:
            out[family] = found
    return out
