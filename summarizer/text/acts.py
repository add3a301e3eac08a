"""What was done, as the event's own description words it: the act that tells two happenings of one type
apart ("was arrested" / "was charged", "shares fell" / "shares rose", the quake / its aftershocks).

Two reports of one happening word its act alike or leave it out ("hit", "said"); two happenings of one type,
one place and one week (an arrest and then an indictment, a fall and then a rise) are worded with different
acts. Only a description is read, not its evidence sentence: a sentence often names several acts ("arrested
in December and charged on Monday"), a description names the one the event is. The table is ours and
small on purpose; an act it does not know is no evidence either way.
"""

from __future__ import annotations

import functools
import re

__all__ = ["CASUALTY", "act_of"]

# Words that tell of people killed, hurt, missing or held: a toll, whatever verb carries it.
CASUALTY = re.compile(
    r"\b(?:killed|dead|died|deaths?|toll|injured|wounded|hurt|missing|hospital\w*|casualties|arrested)\b", re.I
)

# "were down about 1 percent", "is up 3%": a copula with up/down is a price move only before a figure.
_BY_FIGURE = r"(?= (?:about |nearly |almost |some |roughly |more than |by )?[$€£]?\d| sharply| slightly| steeply)"

# First match wins: the more specific pattern first.
_ACTS: list[tuple[str, str]] = [
    (r"aftershock", "aftershock"),
    # The verb, not the noun: "gave her lawyer time to study the charges" is no charging.
    (r"indict|charg(ed|ing)\b|(?:filed|brought|pressed|laid)\s+(?:\w+\s+)?charges|prosecut", "charge"),
    (r"remand|bail\b|adjourn|hearing", "hearing"),
    (r"arrest|detain|in custody|taken into custody", "arrest"),
    (r"convict|sentenc|verdict|acquit|found guilty", "ruling"),
    # Saying that a party did something, or that it did not: two statements, not one told two ways ("Kiir
    # denied those claims" / "accused the Sudanese government of planning to invade").
    (r"\bden(?:y|ies|ied|ying|ial)\b", "denial"),
    (r"\baccus(?:e|es|ed|ing|ation|ations)\b", "accusation"),
    # Making something known (details, figures, results), before "release" of a prisoner.
    (r"reveal|disclos|releas\w*\s+(?:\w+\s+)?(?:details|figures|results|data)", "disclosure"),
    (r"releas|freed|set free", "release"),
    (r"resign|stepp(ed|ing) down|quit\b", "resignation"),
    (r"appoint|nominat|sworn in", "appointment"),
    (r"evacuat", "evacuation"),
    # Blows to a person, however many ("pushing, kicking and slapping", "punched"): one act, an assault. Not
    # "push" alone ("pushing towards Homs" is an advance) nor "hit" (a quake, a charge).
    (
        r"\b(?:punch|slap|kick(?!ed off|s off|ing off)|bit(?:e|es|ing|ten)\b|beat(?:en|ing)?\s+(?:up|him|her|them)\b|"
        r"shov|assault(?:ed|ing)\b|headbutt)",
        "assault",
    ),
    (
        r"\b(fell|fall|falls|falling|drop|dropp|declin|slid|slump|tumbl|plung|los(t|es|ing) \d|dipp?ed|dips|"
        r"slipp?ed|slips|eased|sank|edg\w* (?:down|lower)|(?:was|were|is|are) (?:\w+ly )?down" + _BY_FIGURE + ")",
        "fall",
    ),
    (
        r"\b(rose|rise|rises|rising|gain|climb|jump|surg|soar|rall(y|ied)|edg\w* (?:up|higher)|ticked up|"
        r"(?:was|were|is|are) (?:\w+ly )?up" + _BY_FIGURE + ")",
        "rise",
    ),
]
_COMPILED = [(re.compile(p, re.I), act) for p, act in _ACTS]
_ANY = re.compile("|".join(f"(?:{p})" for p, _ in _ACTS), re.I)  # most descriptions name no act: one search


# A denial is of the deed it names: "has denied accusing South Sudan of ..." is the accusation, denied.
_DENIED = re.compile(r"^(?:(?:has|have|had)\s+)?den(?:y|ies|ied|ying)\s+", re.I)


@functools.lru_cache(maxsize=65536)
def act_of(description: str) -> str | None:
    """The act a description names ("was indicted" -> "charge"), or None when it names none we know. A
    denial names the act it denies ("denied accusing ..." -> "accusation"), else it is a denial ("denied
    those claims", "denied striking the territory")."""
    if not _ANY.search(description):
        return None
    denied = _DENIED.match(description)
    if denied:
        return act_of(description[denied.end() :]) or "denial"
    for pattern, act in _COMPILED:
        if pattern.search(description):
            return act
    return None
