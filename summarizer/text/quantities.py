"""Numbers stated about an event, read from its evidence sentence in code.

What is found: counts of people by what happened to them (killed, injured, missing, displaced, arrested,
participants, jobs), money with what it is (a total, a price per share, a component of an offer),
percentages (a change when a share price moved) and an earthquake's magnitude (kind ``other``, unit
``magnitude``, as evals/LABELLING.md §15.7 records it: outlets and agencies often give different ones). Each
keeps the words as written, its bound ("at least", "up to", "about") and a range's both ends. Vague counts
follow ACLED's convention: the lowest number the word allows ("dozens" 12, "scores" 20, "hundreds" 100,
"thousands" 1000), qualifier ``vague``.

Never a count: a year ("a 2019 sinking"), a day of a month ("Dec. 26"), an ordinal, a clock time, an age, a
magnitude (which is read as a magnitude instead). Word numbers ("Twenty-three", "Thirty two") are parsed by
``text2num``.

The patterns that tie a number to what it counts (the verb before it, "killing 3"; the noun or verb after
it, "3 people were killed") are written by hand: no library reads news tolls; quantity extractors such as
quantulum3 find physical units, not casualties, and read "Twenty-three people" as 3.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from text_to_num import text2num

from ..core.schema import Quantity, QuantityBasis, QuantityKind, QuantityQualifier

__all__ = ["find_quantities"]

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
_WORD_NUMBER = (
    r"(?:(?:" + "|".join(_UNITS) + r")(?:[\s-]+(?:and[\s-]+)?(?:" + "|".join(_UNITS) + r"|hundred|thousand|million))*"
    r"|a\s+hundred|a\s+thousand|a\s+dozen|hundred|thousand)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# "$2.6-million", "a 4.5-billion-dollar deal": a scale word joined by a hyphen scales the number too.
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|bn|mn|m|k)\b|-(?:thousand|million|billion|trillion)\b)"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})"
_VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10000,
    "hundreds of thousands": 100000,
    "millions": 1000000,
}
_VAGUE_RE = r"(?:tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions)"
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_AT_LEAST = r"at least|more than|over|upwards of|in excess of|no fewer than|no less than"
_AT_MOST = r"up to|at most|as many as|as much as|fewer than|less than|no more than|under"
_ABOUT = r"about|around|some|roughly|approximately|nearly|almost|close to|an estimated|estimated|just over|just under"
_QUALIFIER = rf"(?P<qual>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+"
_AMOUNT = (
    rf"(?:between\s+(?P<lo>{_NUMBER})\s+and\s+(?P<hi>{_NUMBER})"
    rf"|(?P<lo2>{_DIGITS})\s*(?:-|–|to)\s*(?P<hi2>{_DIGITS})"
    rf"|(?P<vague>{_VAGUE_RE})"
    rf"|(?P<num>{_NUMBER}))(?P<scale>{_SCALE})?"
)
_COUNT = re.compile(rf"(?<![\w$€£¥.,])(?:{_QUALIFIER})?{_AMOUNT}(?![\w%])", re.IGNORECASE)

_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "c$": "CAD", "a$": "AUD"}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
    "francs": "CHF",
    "rupees": "INR",
    "yuan": "CNY",
}
_CODES = ("USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "CAD", "AUD")
_MONEY = re.compile(
    rf"(?:(?P<qual>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+)?(?:between\s+)?"
    rf"(?:(?P<sign>US\$|C\$|A\$|\$|€|£|¥)\s?|(?P<code>{'|'.join(_CODES)})\s?)"
    rf"(?P<num>{_DIGITS})(?P<scale>{_SCALE})?"
    rf"(?:\s*(?:to|-|–|and)\s*(?:US\$|\$|€|£|¥)?\s?(?P<hi>{_DIGITS})(?P<hiscale>{_SCALE})?)?"
    rf"|(?:(?P<qual2>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+)?(?P<num2>{_DIGITS}|{_WORD_NUMBER})(?P<scale2>{_SCALE})?"
    rf"[\s-]*(?P<word>dollars?|euros?|pounds|yen|francs|rupees|yuan)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    rf"(?:(?P<qual>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+)?(?P<num>{_DIGITS}|{_WORD_NUMBER})"
    r"\s*(?:%|per\s?cent\b|pct\b|percentage points?\b)",
    re.IGNORECASE,
)
_MOVED = re.compile(
    r"\b(?:fell|rose|dropped|declined|gained|jumped|climbed|slid|slumped|surged|sank|soared|tumbled|lost|added|"
    r"up|down|increased|decreased|grew|shrank|plunged|rallied)\s+(?:by\s+)?(?:about\s+|nearly\s+|some\s+)?$",
    re.IGNORECASE,
)
# A company's name between the words around a figure ("per Qualcomm share", "in Broadcom stock").
_NAME = r"[A-Z][\w.&'’-]*\s+"
# "$82 a share", "$82 per Qualcomm share", "$70 per common share".
_PER_SHARE_AFTER = re.compile(
    rf"^\s*(?i:a|per|for\s+each)\s+(?:{_NAME}|(?i:common|ordinary)\s+){{0,2}}(?i:share|unit|ADR)\b"
)
# A part of a price or a sum: "$60 in cash", "$22 in Broadcom stock", "$22 per share in Broadcom stock", "... of
# which". An all-cash price per share ("$110 per share in cash") stays per share.
_IN_KIND_AFTER = re.compile(rf"^\s*(?i:in)\s+(?:{_NAME}){{0,2}}(?i:cash|stock|shares|debt)\b")
_STOCK_PART_AFTER = re.compile(rf"^\s*(?i:a|per)\s+(?i:share)\s+(?i:in)\s+(?:{_NAME}){{0,2}}(?i:stock|shares)\b")
_COMPONENT_AFTER = re.compile(r"^\s*of\s+(?:it|which)\b", re.IGNORECASE)
_SHARE_PRICE_BEFORE = re.compile(r"\b(?:to|at|from)\s+$", re.IGNORECASE)

# A verb right before the number says what happened to those counted ("killing 3", "arrested 14").
_VERB_BEFORE = [
    (
        QuantityKind.killed,
        r"killing|killed|kills|claimed the lives of|left dead|"
        # "the death toll rose to 23", "bringing the toll to twenty-three", "put the toll at 40", "a toll of 12"
        r"toll\s+(?:(?:from|in)\s+(?:[\w'’-]+\s+){1,4}?)?(?:has\s+|had\s+)?(?:(?:rose|risen|climbed|jumped|increased|grew|stood|stands|reached|hit|was|is)\s+)?"
        r"(?:to|at|of)",
    ),
    (QuantityKind.injured, r"injuring|injured|wounding|wounded|hurting|injures|wounds"),
    (QuantityKind.arrested, r"arrested|arresting|arrests|detained|detaining|rounded up|held"),
    (QuantityKind.displaced, r"evacuated|evacuating|displacing|displaced|forcing|forced"),
    (QuantityKind.jobs, r"cut|cutting|cuts|axe|axing|shed|shedding|lay off|laying off|laid off|eliminate|eliminating"),
]
_VERB_BEFORE_RE = [
    (kind, re.compile(rf"\b(?:{words})\s+(?:a total of\s+|nearly\s+|about\s+)?$", re.I)) for kind, words in _VERB_BEFORE
]
# The noun or verb after the number (within a few words of its clause) says what it counts.
_AFTER = [
    (QuantityKind.killed, r"killed|dead|deaths?|died|fatalities|lives|bodies|death toll|perished|drowned"),
    (QuantityKind.injured, r"injured|wounded|hurt|injuries|casualties"),
    (QuantityKind.missing, r"missing|unaccounted"),
    (QuantityKind.arrested, r"arrested|detained|arrests|in custody"),
    (QuantityKind.displaced, r"displaced|fled|flee|fleeing|homeless|evacuated|refugees|evacuees|relocated"),
    (
        QuantityKind.participants,
        r"marched|protesters|demonstrators|rallied|protested|gathered|marchers|strikers|"
        r"took to the streets|joined the (?:march|protest|strike|rally)|walked out",
    ),
    (QuantityKind.jobs, r"jobs|job cuts|positions|layoffs|redundancies|employees were laid off|workers were laid off"),
]
_AFTER_RE = [(kind, re.compile(rf"\b(?:{words})\b", re.I)) for kind, words in _AFTER]
# Counts of things (LABELLING.md §15.7: kind ``other``, the unit says what is counted): what a disaster,
# an attack or a strike destroys, damages or cancels, and aftershocks. The noun follows the number, after at
# most two describing words ("four strong aftershocks", "1,500 mud-brick houses"); the unit is the noun's
# plural, so "one house" and "two houses" compare.
_THINGS = {
    singular: f"{singular}s"
    for singular in """
    village town house home building dwelling apartment school hospital clinic mosque church bridge road shop
    store business factory farm aftershock tremor vehicle car truck tank boat ship vessel plane helicopter drone
    flight train container well
    """.split()
} | {"business": "businesses", "bus": "buses", "aircraft": "aircraft"}
_THING_AFTER = re.compile(
    r"^\s+(?:[a-z][\w-]*\s+){0,2}?(?P<thing>"
    + "|".join(sorted({*_THINGS, *_THINGS.values()}, key=len, reverse=True))
    + r")\b",
    re.I,
)
# A prison term ("sentenced to 10 years", "could face up to 14 years in jail"): kind ``other``, unit years.
_TERM_BEFORE = re.compile(
    r"\b(?:sentenc\w*|jail\w*|imprison\w*|prison|face[sd]?|facing|term of|serve[sd]?|serving)\b[^.;]{0,25}$", re.I
)
_TERM_AFTER = re.compile(r"^[\s-]*years?\b", re.I)
_PLURAL = {form: plural for singular, plural in _THINGS.items() for form in (singular, plural)}
_CLAUSE_END = re.compile(r"[,;:()]|\s(?:and|but|when|while|after|as|who|which)\s", re.I)
_AFTER_WORDS = 8
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_BEFORE = re.compile(rf"\b{_MONTHS}\s+$", re.I)
_NOT_A_COUNT_AFTER = re.compile(
    r"^(?:\s*(?:-year-old|year-old|years? old|a\.m\.|p\.m\.|am\b|pm\b|GMT|:\d\d|st\b|nd\b|rd\b|th\b|"
    rf"{_MONTHS}|-?magnitude|-?strength|degrees?\b|km\b|kilomet|miles?\b|metres|meters|feet|tonnes|tons|kg\b|"
    r"hours?\b|minutes?\b|seconds?\b|days?\b|weeks?\b|months?\b|years?\b|percent|per cent|pct\b|%))",
    re.I,
)
_MAGNITUDE_BEFORE = re.compile(r"\b(?:magnitude(?: of)?|measuring|No\.|number|Article|Section|Resolution)\s+$", re.I)
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
# An earthquake's magnitude, in the ways news writes it: "magnitude 5.9", "magnitude-6.1", "a 6.1-magnitude
# quake", "a magnitude of 6.4", "put the magnitude at 5.9", "measuring 6.4 on the Richter scale".
_SCALE_VALUE = r"\d(?:\.\d{1,2})?"
_MAGNITUDE = re.compile(
    rf"(?:(?P<qual>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+)?(?:"
    rf"(?:a\s+)?(?:preliminary\s+)?magnitude(?:\s+of|\s+at)?[\s-]+(?P<a>{_SCALE_VALUE})(?![\d.]*\d)"
    rf"|(?<![\d.])(?P<b>{_SCALE_VALUE})[\s-]+magnitude\b"
    rf"|(?<![\d.])(?P<c>{_SCALE_VALUE})\s+on\s+the\s+(?:open-ended\s+)?(?:Richter|moment[\s-]magnitude)\s+scale"
    r")",
    re.IGNORECASE,
)


def _parse_number(raw: str) -> float | None:
    text = raw.strip().lower().replace("\u2013", "-")
    if re.fullmatch(_DIGITS, text):
        return float(text.replace(",", ""))
    if text in {"hundred", "a hundred"}:
        return 100.0
    if text in {"thousand", "a thousand"}:
        return 1000.0
    if text == "a dozen":
        return 12.0
    text = re.sub(r"^a\s+", "one ", text)
    try:
        return float(text2num(re.sub(r"\s+", " ", text), "en"))
    except ValueError:
        try:  # "thirty two": the library wants the compound hyphenated or spaced one way only
            return float(text2num(text.replace(" ", "-"), "en"))
        except ValueError:
            return None


def _scaled(value: float | None, scale: str | None) -> float | None:
    if value is None:
        return None
    # Rounded to a millionth: "$4.1 billion" is 4100000000, not the float product 4099999999.9999995.
    return round(value * _SCALES.get((scale or "").strip(" -").lower(), 1.0), 6)


def _qualifier(word: str | None) -> QuantityQualifier:
    if not word:
        return QuantityQualifier.exact
    word = word.lower()
    if re.fullmatch(_AT_LEAST, word):
        return QuantityQualifier.at_least
    if re.fullmatch(_AT_MOST, word):
        return QuantityQualifier.at_most
    return QuantityQualifier.about


def _kind(sentence: str, start: int, end: int) -> QuantityKind | None:
    before = sentence[max(0, start - 40) : start]
    for kind, pattern in _VERB_BEFORE_RE:
        if pattern.search(before):
            return kind
    if _THING_AFTER.match(sentence[end:]):
        return None  # "Two helicopters began moving the injured": helicopters are counted, not the injured
    tail = sentence[end:]
    stop = _CLAUSE_END.search(tail)
    tail = tail[: stop.start()] if stop else tail
    tail = " ".join(tail.split()[:_AFTER_WORDS])
    found = [(m.start(), kind) for kind, pattern in _AFTER_RE for m in [pattern.search(tail)] if m]
    return min(found)[1] if found else None


def _not_a_count(sentence: str, match: re.Match[str]) -> bool:
    raw = (match.group("num") or "").strip()
    before = sentence[max(0, match.start() - 20) : match.start()]
    after = sentence[match.end() : match.end() + 14]
    if _DATE_BEFORE.search(before) or _MAGNITUDE_BEFORE.search(before) or _NOT_A_COUNT_AFTER.match(after):
        return True
    return bool(_YEAR.match(raw)) and not re.match(r"\s+(?:people|persons|residents|civilians)\b", after, re.I)


def _found(
    pattern: re.Pattern[str], read: Callable[[re.Match[str], str], Quantity | None], sentence: str
) -> tuple[list[Quantity], list[tuple[int, int]]]:
    """What ``read`` makes of each match of ``pattern`` in ``sentence`` (None: not a quantity), with the
    spans it took, so that a count does not read those numbers again."""
    found, spans = [], []
    for match in pattern.finditer(sentence):
        quantity = read(match, sentence)
        if quantity is not None:
            found.append(quantity)
            spans.append(match.span())
    return found, spans


def _money(match: re.Match[str], sentence: str) -> Quantity | None:
    if match.group("num"):
        value = _scaled(float(match.group("num").replace(",", "")), match.group("scale"))
        sign = (match.group("sign") or "").lower()
        unit = _CURRENCY_SIGNS.get(sign) or (match.group("code") or "").upper() or "USD"
        qualifier = _qualifier(match.group("qual"))
        upper = None
        if match.group("hi"):
            upper = _scaled(float(match.group("hi").replace(",", "")), match.group("hiscale") or match.group("scale"))
            qualifier = QuantityQualifier.range
    else:
        value = _scaled(_parse_number(match.group("num2")), match.group("scale2"))
        unit = _CURRENCY_WORDS.get(match.group("word").lower(), match.group("word"))
        qualifier, upper = _qualifier(match.group("qual2")), None
    if value is None:
        return None
    after = sentence[match.end() :]
    before = sentence[: match.start()]
    if _COMPONENT_AFTER.match(after) or _STOCK_PART_AFTER.match(after):
        basis = QuantityBasis.component
    elif _PER_SHARE_AFTER.match(after) or (
        re.search(r"\bshares?\b|\bstock\b", sentence, re.I) and _SHARE_PRICE_BEFORE.search(before) and value < 1e4
    ):
        basis = QuantityBasis.per_share
    elif _IN_KIND_AFTER.match(after):
        basis = QuantityBasis.component
    else:
        basis = QuantityBasis.total
    return Quantity(
        kind=QuantityKind.money,
        value=value,
        upper=upper,
        qualifier=qualifier,
        unit=unit,
        basis=basis,
        text=match.group(0).strip(),
    )


def _percent(match: re.Match[str], sentence: str) -> Quantity | None:
    value = _parse_number(match.group("num"))
    if value is None:
        return None
    moved = _MOVED.search(sentence[max(0, match.start() - 30) : match.start()])
    return Quantity(
        kind=QuantityKind.percent,
        value=value,
        qualifier=_qualifier(match.group("qual")),
        unit="%",
        basis=QuantityBasis.change if moved else None,
        text=match.group(0).strip(),
    )


def _magnitude(match: re.Match[str], sentence: str) -> Quantity | None:
    value = float(match.group("a") or match.group("b") or match.group("c"))
    if not 0 < value <= 10:
        return None
    return Quantity(
        kind=QuantityKind.other,
        value=value,
        qualifier=_qualifier(match.group("qual")),
        unit="magnitude",
        text=match.group(0).strip(),
    )


def _count(match: re.Match[str], sentence: str, taken: list[tuple[int, int]]) -> Quantity | None:
    """A count of people or jobs, unless its number is part of one already ``taken`` (money, a percentage)."""
    if any(start < match.end() and match.start() < end for start, end in taken):
        return None
    term = bool(_TERM_AFTER.match(sentence[match.end() :]) and _TERM_BEFORE.search(sentence[: match.start()]))
    if match.group("num") and _not_a_count(sentence, match) and not term:
        return None
    kind = None if term else _kind(sentence, match.start(), match.end())
    thing = "years" if term else None
    if kind is None and term:
        kind = QuantityKind.other
    elif kind is None:
        counted = _THING_AFTER.match(sentence[match.end() :])
        if counted is None:
            return None
        kind, thing = QuantityKind.other, _PLURAL[counted.group("thing").lower()]
    upper = None
    if match.group("vague"):
        value = float(_VAGUE[" ".join(match.group("vague").lower().split())])
        qualifier = QuantityQualifier.vague
    elif match.group("lo") or match.group("lo2"):
        value = _scaled(_parse_number(match.group("lo") or match.group("lo2")), match.group("scale"))
        upper = _scaled(_parse_number(match.group("hi") or match.group("hi2")), match.group("scale"))
        qualifier = QuantityQualifier.range
    else:
        value = _scaled(_parse_number(match.group("num")), match.group("scale"))
        qualifier = _qualifier(match.group("qual"))
    if value is None or (upper is not None and upper < value):
        return None
    unit = thing or ("jobs" if kind is QuantityKind.jobs else "people")
    return Quantity(kind=kind, value=value, upper=upper, qualifier=qualifier, unit=unit, text=match.group(0).strip())


def find_quantities(sentence: str) -> list[Quantity]:
    """Quantities stated in one sentence: money, percentages, counts of people and magnitudes, in that order.

    Returns Quantity values (``value`` a float in the unit given: people, an ISO 4217 code, %, magnitude)."""
    money, taken = _found(_MONEY, _money, sentence)
    percents, more = _found(_PERCENT, _percent, sentence)
    taken += more
    magnitudes, more = _found(_MAGNITUDE, _magnitude, sentence)
    taken += more
    counts, _ = _found(_COUNT, lambda match, text: _count(match, text, taken), sentence)
    return money + percents + counts + magnitudes
