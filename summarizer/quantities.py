"""Numbers stated about an event (killed, injured, displaced, money), read from its evidence in code.

Hand-written because it is small and ours: a number (digits with separators, or a number word),
an optional scale word, and a counted noun or currency close after it.
"""

from __future__ import annotations

import re

from .schema import Quantity, QuantityKind

__all__ = ["find_quantities"]

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "twenty": 20,
    "hundred": 100,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(_WORDS) + r")"
_SCALE_RE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
_MONEY = re.compile(r"(?P<cur>\$|US\$|€|£)\s?" + _NUMBER + _SCALE_RE, re.IGNORECASE)
_COUNT = re.compile(
    r"(?:at least |more than |over |about |nearly |some |around |up to )?"
    + _NUMBER
    + _SCALE_RE
    + r"(?P<gap>(?:\s+[\w-]+){0,3}?)\s+(?P<noun>dead|killed|deaths|died|injured|wounded|hurt|displaced|"
    r"refugees|people|civilians|soldiers|fighters|children|residents)\b",
    re.IGNORECASE,
)
_KILLED = re.compile(r"\b(dead|killed|deaths|died|death toll)\b", re.I)
_INJURED = re.compile(r"\b(injured|wounded|hurt)\b", re.I)
# A verb just before the number ("..., killing at least three people and injuring dozens").
_KILLING = re.compile(r"\b(killing|kills|killed)\s*$", re.I)
_INJURING = re.compile(r"\b(injuring|wounding|injures|wounds)\s*$", re.I)
_DISPLACED = re.compile(r"\b(displaced|fled|fleeing|refugees|evacuated)\b", re.I)
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}


def _value(match: re.Match[str]) -> float:
    raw = match.group("num").lower()
    number = float(_WORDS[raw]) if raw in _WORDS else float(raw.replace(",", ""))
    scale = (match.group("scale") or "").lower()
    return number * _SCALE.get(scale, 1.0)


def find_quantities(sentence: str) -> list[Quantity]:
    """Quantities stated in one sentence."""
    found: list[Quantity] = []
    for match in _MONEY.finditer(sentence):
        found.append(
            Quantity(
                kind=QuantityKind.money,
                value=_value(match),
                unit=_CURRENCY.get(match.group("cur").lower(), match.group("cur")),
                text=match.group(0),
            )
        )
    for match in _COUNT.finditer(sentence):
        tail = sentence[match.start() : min(len(sentence), match.end() + 40)]
        head = sentence[max(0, match.start() - 25) : match.start()]
        if _KILLING.search(head):
            kind = QuantityKind.killed
        elif _INJURING.search(head):
            kind = QuantityKind.injured
        elif _KILLED.search(tail):
            kind = QuantityKind.killed
        elif _INJURED.search(tail):
            kind = QuantityKind.injured
        elif _DISPLACED.search(sentence):
            kind = QuantityKind.displaced
        else:
            continue
        found.append(Quantity(kind=kind, value=_value(match), unit="people", text=match.group(0)))
    return found
