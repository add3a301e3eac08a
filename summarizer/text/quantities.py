"""Numbers stated about an event, read from its evidence sentence in code.

What is found: counts of people by what happened to them (killed, injured, missing, displaced, arrested,
participants, jobs), money with what it is (a total, a price per share, a component of an offer),
percentages (a change when a share price moved) and an earthquake's magnitude (kind ``other``, unit
``magnitude``, as evals/LABELLING.md §15.7 records it: outlets and agencies often give different ones). Each
keeps the words as written, its bound ("at least", "up to", "about") and a range's both ends, in words as in
digits ("Thirty to forty", "30 or 40", "Two to three hundred" 200-300, "between 1.5 million and 2 million").
Vague counts follow ACLED's convention: the lowest number the word allows ("dozens" 12, "scores" 20,
"hundreds" and "several hundred" 100, "thousands" 1000), qualifier ``vague``. One person named with "a" counts
1 when a verb says what happened to them ("A child was killed", "killed a man"). A changed toll is its new
figure ("rose from 24 to 31" 31, as "rose to 31 from 24").

What it counts is the verb's word before the noun's: "Three protesters were killed" is a toll, not
participants; an aside ("75 people, including 12 children, were killed") is skipped. Never a count: a
denied one ("No one was killed", "None of the 40 passengers was hurt", "were not hurt"), a year ("a 2019
sinking"), a day of a month ("Dec. 26"), an ordinal, a clock time, an age ("aged 70"), a magnitude (which is
read as a magnitude instead).

Word numbers ("Twenty-three", "Thirty two") are parsed by ``text2num``, after the multipliers it does not read
("three dozen" 36, "half a million", "a hundred and twenty"). Money takes scales ("bn", "bln", "$3.4B",
"crore"), thousands grouped by spaces or, before a currency written after the amount, by dots ("60 000
euros", "60.000 euros", read by babel's ``parse_decimal``), ISO codes after the amount ("2.5 million EUR")
and currency names from babel's CLDR data ("US dollars", "Swiss francs").

The patterns that tie a number to what it counts (the verb before it, "killing 3"; the noun or verb after
it, "3 people were killed") are written by hand: no library reads news tolls; quantity extractors such as
quantulum3 find physical units, not casualties, and read "Twenty-three people" as 3.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from babel import Locale
from babel.numbers import get_currency_name, parse_decimal
from text_to_num import text2num

from ..core.schema import Quantity, QuantityBasis, QuantityKind, QuantityQualifier
from .names import RULES

__all__ = ["find_quantities"]

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
# Words that multiply the number before them ("three dozen", "two hundred", "half a million"). text2num reads
# hundreds, thousands and millions but not "dozen", "half a" or "a hundred": _parse_number applies those.
_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_NUMBER_WORD = r"(?:" + "|".join([*_UNITS, *_MULTIPLIERS]) + r")"
_CHAIN = rf"(?:[\s-]+(?:and[\s-]+)?{_NUMBER_WORD})*"
_WORD_NUMBER = (
    rf"(?:(?:{'|'.join(_UNITS)}){_CHAIN}"
    rf"|(?:half\s+)?an?\s+(?:{'|'.join(_MULTIPLIERS)}){_CHAIN}"  # "a hundred and twenty", "half a dozen"
    rf"|(?:hundred|thousand){_CHAIN})"
)
# Thousands grouped by commas ("60,000") or by a no-break, narrow no-break or thin space ("60 000").
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)|\d+(?:\.\d+)?"
# "$2.6-million", "a 4.5-billion-dollar deal": a scale word joined by a hyphen scales the number too.
_SCALE = (
    r"(?:\s*(?:thousand|million|billion|trillion|bn|bln|mn|mln|tn|m|k|lakh|crore)\b"
    r"|-(?:thousand|million|billion|trillion)\b)"
)
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
# "several hundred", "a few dozen": vague, the lowest number the multiplier allows (as "hundreds", "dozens").
_VAGUE_RE = (
    r"(?:tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions"
    r"|(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million)\b)"
)
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "lakh": 1e5,  # Indian numbering: "Rs 500 crore" is 5,000,000,000 rupees
    "crore": 1e7,
}
_AT_LEAST = r"at least|more than|over|upwards of|in excess of|no fewer than|no less than"
_AT_MOST = r"up to|at most|as many as|as much as|fewer than|less than|no more than|under"
_ABOUT = r"about|around|some|roughly|approximately|nearly|almost|close to|an estimated|estimated|just over|just under"
_QUALIFIER = rf"(?P<qual>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+"
# A range in digits or in words goes one way: "between 30 and 40", "30-40", "30 to 40", "30 or 40", "Thirty to
# forty", "Two to three hundred" (the multiplier of the upper end scales the lower one too), "between 1.5
# million and 2 million" (each end its own scale).
_AMOUNT = (
    rf"(?:between\s+(?P<lo>{_NUMBER})(?P<loscale>{_SCALE})?\s+and\s+(?P<hi>{_NUMBER})"
    rf"|(?P<lo2>{_DIGITS})(?P<loscale2>{_SCALE})?(?:\s*(?:-|–|to)\s*|\s+or\s+)(?P<hi2>{_DIGITS})"
    rf"|(?P<lo3>{_WORD_NUMBER})\s+(?:to|or)\s+(?P<hi3>{_WORD_NUMBER})"
    rf"|(?P<vague>{_VAGUE_RE})"
    rf"|(?P<num>{_NUMBER}))(?P<scale>{_SCALE})?"
)
_COUNT = re.compile(rf"(?<![\w$€£¥.,])(?:{_QUALIFIER})?{_AMOUNT}(?![\w%])", re.IGNORECASE)

_CURRENCY_SIGNS = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "c$": "CAD",
    "a$": "AUD",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "u.s. dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "yen": "JPY",
    "francs": "CHF",
    "rupees": "INR",
    "yuan": "CNY",
}
# A currency named after the amount with the words CLDR gives it ("US dollars", "Swiss francs", "Hong Kong
# dollar", "South African rand"), read from babel; the bare words above keep their meaning ("dollars" USD).
# Codes starting with X are metals, funds and test codes, except the CFA and CFP francs and the East Caribbean
# dollar.
_CLDR_NAMES = {
    " ".join(name.lower().split()): code
    for code, display in Locale("en").currencies.items()
    if not code.startswith("X") or code in {"XAF", "XOF", "XPF", "XCD"}
    for name in (display, get_currency_name(code, 1, "en"), get_currency_name(code, 2, "en"))
    if " " in name.strip() and re.fullmatch(r"[A-Za-z][A-Za-z' ]*", name)
}
_CURRENCY_WORDS = _CLDR_NAMES | _CURRENCY_WORDS
_CODES = ("USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "CAD", "AUD")
_CODES_AFTER = (*_CODES, "HKD", "SGD", "NZD", "ZAR", "RUB", "BRL", "MXN", "KRW", "SEK", "NOK", "DKK", "PLN", "TRY")
_CURRENCY_WORD_RE = "|".join(
    r"\s+".join(re.escape(word) for word in name.split()) for name in sorted(_CURRENCY_WORDS, key=len, reverse=True)
)
# Thousands grouped the continental way, read only before a currency written after the amount ("60.000 euros",
# "60 000 euros"): a dot with three digits after it is a decimal point in "$1.125" and "1.125 billion euros".
_GROUPED = r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?(?![\d.,]\d)|\d{1,3}(?:\s\d{3})+(?!\d)"
_MONEY = re.compile(
    rf"(?:(?P<qual>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+)?(?:between\s+)?"
    rf"(?:(?P<sign>US\$|C\$|A\$|\$|€|£|¥|₹|(?<!\w)(?-i:Rs)\.?)\s?|(?P<code>{'|'.join(_CODES)})\s?)"
    rf"(?P<num>{_DIGITS})(?P<scale>{_SCALE}|(?-i:B)\b)?"
    rf"(?:\s*(?:to|-|–|and)\s*(?:US\$|\$|€|£|¥)?\s?(?P<hi>{_DIGITS})(?P<hiscale>{_SCALE}|(?-i:B)\b)?)?"
    rf"|(?:(?P<qual2>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+)?"
    rf"(?<![\w.,])(?P<num2>{_GROUPED}|{_DIGITS}|{_WORD_NUMBER})(?P<scale2>{_SCALE})?"
    rf"[\s-]*(?P<word>{_CURRENCY_WORD_RE}|(?-i:{'|'.join(_CODES_AFTER)}))\b",
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
        # "the death toll rose to 23", "bringing the toll to twenty-three", "put the toll at 40", "a toll of 12",
        # "the toll reached 1,000", "the toll rose from 24 to 31", "revised the toll down to 18",
        # "the number of dead was 40"
        r"(?:toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|victims|people\s+killed))\s+"
        r"(?:(?:from|in)\s+(?:[\w'’-]+\s+){1,4}?)?(?:(?:has|had|have)\s+)?"
        r"(?:(?:been\s+|was\s+|is\s+)?(?:revised|raised|lowered|updated|put|brought)\s+)?"
        r"(?:reached|hit|was|is"
        r"|(?:(?:rose|risen|climbed|jumped|increased|grew|fell|dropped|stood|stands|reached|hit|was|is)\s+)?"
        r"(?:(?:up|down)(?:wards?)?\s+)?(?:from\s+(?:\S+\s+){1,3}?)?(?:to|at|of))",
    ),
    (QuantityKind.injured, r"injuring|injured|wounding|wounded|hurting|injures|wounds"),
    (QuantityKind.arrested, r"arrested|arresting|arrests|detained|detaining|rounded up|held"),
    (QuantityKind.displaced, r"evacuated|evacuating|displacing|displaced|forcing|forced"),
    (QuantityKind.jobs, r"cut|cutting|cuts|axe|axing|shed|shedding|lay off|laying off|laid off|eliminate|eliminating"),
]
_VERB_BEFORE_RE = [
    (kind, re.compile(rf"\b(?:{words})\s+(?:a total of\s+|nearly\s+|about\s+)?$", re.I)) for kind, words in _VERB_BEFORE
]
# The noun or verb after the number (within a few words of its clause) says what it counts. A noun that says
# who they are (protesters, refugees) gives way to a word saying what happened to them: "Three protesters were
# killed" is a toll, "Dozens of demonstrators were detained" arrests.
_AFTER = [
    (QuantityKind.killed, r"killed|dead|deaths?|died|fatalities|lives|bodies|death toll|perished|drowned"),
    (QuantityKind.injured, r"injured|wounded|hurt|injuries|casualties"),
    (QuantityKind.missing, r"missing|unaccounted"),
    (QuantityKind.arrested, r"arrested|detained|arrests|in custody"),
    (QuantityKind.displaced, r"displaced|fled|flee|fleeing|homeless|evacuated|relocated"),
    (
        QuantityKind.participants,
        r"marched|rallied|protested|gathered|took to the streets|joined the (?:march|protest|strike|rally|walkout)|"
        r"walked out|walked off the job|took part|went on strike|stopped work|staged a (?:strike|walkout|protest)|"
        r"demonstrated",
    ),
    (QuantityKind.jobs, r"jobs|job cuts|positions|layoffs|redundancies|employees were laid off|workers were laid off"),
]
_AFTER_RE = [(kind, re.compile(rf"\b(?:{words})\b", re.I)) for kind, words in _AFTER]
_WHO_AFTER = [
    (QuantityKind.displaced, r"refugees|evacuees"),
    (QuantityKind.participants, r"protesters|demonstrators|marchers|strikers"),
]
_WHO_AFTER_RE = [(kind, re.compile(rf"\b(?:{words})\b", re.I)) for kind, words in _WHO_AFTER]
# A count denied: "No one was killed", "None of the 40 passengers was hurt", "not one", "neither of the two";
# "40 passengers were not hurt", "has not killed 3".
_NEGATED_BEFORE = re.compile(
    r"(?:\b(?:no|not|none\s+of(?:\s+(?:the|its|their|those|these))?|neither\s+of(?:\s+(?:the|its|their))?)\s+|"
    r"\bno[-\u2010\u2011]\s*)$",  # "no-one has been hurt"
    re.I,
)
_NEGATED_VERB = re.compile(r"(?:\b(?:not|never)\s+(?:(?!only\b)\w+\s+)?|n't\s+)$", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)
# The whole a part is taken from: "12 of the 40 passengers were killed", "half of the 40 passengers were hurt"
# (40 is how many there were, not how many were killed).
_GROUP_OF = re.compile(
    r"(?:\d[\d,.]*|half|a\s+third|a\s+quarter|most|many|some|all|several|dozens|hundreds|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve)\s+(?:of|out\s+of)\s+(?:the|its|their|those|these|all)?\s*$",
    re.I,
)
# A whole that is itself a toll: "30 of the 80 wounded remained in hospital" states 80 wounded; the 30 are a
# part of them whose count is of what the rest of the clause says (in hospital), no toll of its own.
_TOLL_NOUN = r"(?:wounded|injured|hurt|dead|casualties)\b"
_WHOLE_IS_TOLL = re.compile(rf"^\s+{_TOLL_NOUN}", re.I)
_PART_OF_TOLL = re.compile(rf"^\s+(?:of|out\s+of)\s+(?:the|its|their|those|these|all)?\s*[\w,.-]+\s+{_TOLL_NOUN}", re.I)
# An aside between a count and its verb: "Seventy-five people, including 12 children, were killed", "Four people,
# aged 18, 19, 22 and 40, were arrested", "40 people (mostly women) were hurt".
_ASIDE = re.compile(
    r"^(?P<head>(?:\s+[\w'’-]+){0,3}?)\s*(?:,\s*(?:including|among\s+(?:them|whom)|aged|mostly|mainly|"
    r"(?:most|many|some|all|both|half|several)\s+of\s+(?:them|whom))\b[^;()]*?,|\s*\([^()]*\))"
    r"(?=\s+(?:were|was|are|is|have|has|had|\w+ed)\b)",
    re.I,
)
# An age is no count: "Two people aged 70", "Four people, aged 18, 19, 22 and 40", "aged between 20 and 35".
_AGE_BEFORE = re.compile(
    r"\b(?:aged|ages(?:\s+of)?|age\s+of)\s+(?:between\s+|from\s+)?(?:\d+\s*(?:,|-|–|and|to|or)\s*)*$", re.I
)
_AGES = re.compile(r"(?:,\s*|\s+)aged\s+(?:between\s+|from\s+)?\d+(?:\s*(?:,|-|–|and|to|or)\s*\d+)*(?:\s*,)?", re.I)
# A toll that changed: "the toll rose from 24 to 31" is 31, as "the toll rose to 31 from 24" is.
_CHANGED_FROM = re.compile(
    r"\b(?:rose|risen|rising|climbed|jumped|increased|grew|went\s+up|fell|dropped|declined|decreased|went\s+down|"
    r"revised|raised|lowered|up|down|upwards?|downwards?)\s+from\s+$",
    re.I,
)
_RAISED = re.compile(r"\b(?:revised|raised|rose|risen|climbed|jumped|increased|toll)\s+$", re.I)
# One person named with "a" or "an" and what happened to them: "A child was killed", "a man was shot dead",
# "The blast killed a child", "A 54-year-old man was killed". Not "a woman and her son" (two), nor "a group of".
_PERSON = (
    "person man woman child boy girl baby infant toddler teenager teen youth student pupil soldier officer "
    "policeman policewoman civilian protester demonstrator journalist reporter photographer worker labourer "
    "laborer farmer fisherman pilot passenger driver motorist cyclist pedestrian resident villager tourist "
    "migrant refugee guard firefighter paramedic doctor nurse teacher suspect gunman attacker militant fighter "
    "bystander shopkeeper trader miner worshipper pensioner mother father son daughter husband wife citizen "
    "national employee official prisoner inmate hostage"
).split()
_A_PERSON = re.compile(
    r"(?<![\w'’-])an?\s+(?:(?!(?:of|and|or|number|group|total|couple|few|lot|handful|dozen|hundred|thousand|"
    r"million)\b)[\w'’-]+\s+){0,3}?(?:" + "|".join(_PERSON) + r")\b(?![\w'’-]|\s+(?:and|or|of)\b)",
    re.I,
)
# Two counts of people joined by "and" are one count of their sum: "killed two women and a man" (3), "Two soldiers
# and three civilians were killed" (5), "arrested 12 men and two women" (14); what happened to them is read for
# the whole group. Only people named by a noun of a person (the list above, singular or plural) on both sides;
# "Two soldiers were killed and three civilians wounded" is two counts, as the verb comes between.
_IRREGULAR_PLURALS = {
    "man": "men",
    "woman": "women",
    "child": "children",
    "person": "people",
    "policeman": "policemen",
    "policewoman": "policewomen",
    "fisherman": "fishermen",
    "gunman": "gunmen",
    "youth": "youths",
}
_PEOPLE = "|".join(
    sorted({*_PERSON, *(_IRREGULAR_PLURALS.get(w, w + "s") for w in _PERSON), "persons"}, key=len, reverse=True)
)
_GROUP_PART = rf"(?:{_NUMBER}|an?|one)\s+(?:(?!and\b|or\b|of\b)[\w'’-]+\s+){{0,2}}?(?:{_PEOPLE})"
_COORDINATED = re.compile(
    rf"(?<![\w'’$€£-])(?P<first>{_GROUP_PART}),?\s+and\s+(?P<second>{_GROUP_PART})\b(?![\w'’-]|\s+of\b)",
    re.IGNORECASE,
)
_PART_NUMBER = re.compile(rf"^(?:(?P<num>{_NUMBER})|an?|one)\b", re.IGNORECASE)


_ONE_BEFORE = [
    (QuantityKind.killed, r"killing|killed|kills"),
    (QuantityKind.injured, r"injuring|injured|wounding|wounded"),
    (QuantityKind.arrested, r"arrested|arresting|detained|detaining"),
]
_ONE_BEFORE_RE = [(kind, re.compile(rf"\b(?:{words})\s+$", re.I)) for kind, words in _ONE_BEFORE]
# After "a man": "was killed", "was shot dead", "is missing", "was among the dead"; or "died" (no "was": "a
# gunman killed 3" is what he did, not what happened to him).
_ONE_AFTER = [
    (
        QuantityKind.killed,
        r"killed|dead|(?:shot|stabbed|beaten|burned|burnt|crushed)\s+(?:dead|to\s+death)|shot\s+and\s+killed|"
        r"(?:found|pronounced)\s+dead|among\s+the\s+dead",
        r"died|drowned|perished",
    ),
    (QuantityKind.injured, r"injured|wounded|hurt|among\s+the\s+(?:injured|wounded)", None),
    (QuantityKind.missing, r"missing|reported\s+missing|among\s+the\s+missing", None),
    (QuantityKind.arrested, r"arrested|detained|taken\s+into\s+custody", None),
]
_ONE_AFTER_RE = [
    (
        kind,
        re.compile(
            rf"^\s+(?:(?:was|is|has\s+been|had\s+been|got)\s+(?:(?:also|later|then|\w+ly)\s+)?(?:{passive})"
            + (rf"|(?:\w+ly\s+)?(?:{active})" if active else "")
            + r")\b",
            re.I,
        ),
    )
    for kind, passive, active in _ONE_AFTER
]
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
# Who tells, counted: "One report said ...", "two witnesses told AFP ...", "one official said": no toll, however
# many the sentence then says were killed.
_TELLER_AFTER = re.compile(
    r"^\s+(?:[a-z][\w-]*\s+){0,2}?(?:reports?|witness(?:es)?|officials?|sources?|residents?|survivors?|doctors?|"
    r"medics?|officers?|policemen|journalists?|reporters?|correspondents?|diplomats?|analysts?|spokes(?:man|men|woman))"
    r"\s+(?:\w+\s+)?(?:said|says|say|told|tells|reported|added|confirmed|described|recalled|estimated|claimed)\b",
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
    r"hours?\b|minutes?\b|seconds?\b|days?\b|weeks?\b|months?\b|years?\b|percent|per cent|pct\b|%|"
    # happenings counted, not people: "Two quakes killed 12 people", "three blasts"
    r"(?:earth)?quakes\b|tremors\b|aftershocks\b|blasts\b|explosions\b|bombs\b|attacks\b|storms\b|"
    r"(?:air ?)?strikes\b|shots\b|rockets\b|missiles\b))",
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
    # "an earthquake measuring 4.6", "a 2.9 aftershock", "a 6.1 quake": a decimal before or after a quake's word
    rf"|(?:earthquake|quake|tremor|aftershock|temblor|shock)s?\s+(?:measuring|of)\s+(?P<d>\d\.\d)(?![\d.]*\d)"
    rf"|(?<![\d.])(?P<e>\d\.\d)[\s-]+(?:earthquake|quake|tremor|aftershock|temblor)s?\b"
    r")",
    re.IGNORECASE,
)


def _digits(text: str, continental: bool = False) -> float:
    """Digits as written: "60,000", "60 000" (any space between groups), "60.000" when ``continental``."""
    if re.search(r"\s", text):
        return float(parse_decimal(re.sub(r"\s", "\u202f", text), locale="fr"))
    if continental:
        return float(parse_decimal(text, locale="de"))
    return float(text.replace(",", ""))


def _parse_number(raw: str) -> float | None:
    """A number in digits or words. Multipliers text2num does not read are applied first: "half a million"
    500000, "three dozen" 36, "half a dozen" 6, "a hundred and twenty" 120."""
    if re.fullmatch(_DIGITS, raw.strip()):
        return _digits(raw.strip())
    text = " ".join(raw.strip().lower().replace("\u2013", "-").split())
    half = text.startswith("half ")
    text = re.sub(r"^(?:half\s+)?an?\s+", "one ", text)
    words = text.replace("-", " ").split()
    if "dozen" in words:
        if words.index("dozen") != len(words) - 1:
            return None
        dozens = _parse_number(" ".join(words[:-1])) if words[:-1] else 1.0
        value = dozens * 12 if dozens is not None else None
    elif text in _MULTIPLIERS:
        value = float(_MULTIPLIERS[text])
    else:
        try:
            value = float(text2num(text, "en"))
        except ValueError:
            try:  # "thirty two": the library wants the compound hyphenated or spaced one way only
                value = float(text2num(text.replace(" ", "-"), "en"))
            except ValueError:
                return None
    return value / 2 if half and value is not None else value


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


def _kind(sentence: str, start: int, end: int) -> tuple[QuantityKind | None, bool]:
    """What the number at ``start:end`` counts, and whether the sentence denies it ("were not hurt")."""
    before = sentence[max(0, start - 40) : start]
    for kind, pattern in _VERB_BEFORE_RE:
        verb = pattern.search(before)
        if verb:
            return kind, bool(_NEGATED_VERB.search(before[: verb.start()]))
    if _THING_AFTER.match(sentence[end:]):
        return None, False  # "Two helicopters began moving the injured": helicopters are counted, not the injured
    if RULES["teller_not_toll"] and _TELLER_AFTER.match(sentence[end:]):
        return None, False  # "One report said six children were killed": the reports are counted, not the dead
    tail = _AGES.sub("", sentence[end:])
    aside = _ASIDE.match(tail)
    if aside:
        tail = aside.group("head") + tail[aside.end() :]
    stop = _CLAUSE_END.search(tail)
    tail = tail[: stop.start()] if stop else tail
    tail = " ".join(tail.split()[:_AFTER_WORDS])
    found = [(m.start(), kind) for kind, pattern in _AFTER_RE for m in [pattern.search(tail)] if m]
    found = found or [(m.start(), kind) for kind, pattern in _WHO_AFTER_RE for m in [pattern.search(tail)] if m]
    if not found:
        return None, False
    at, kind = min(found)
    return kind, bool(_NEGATION.search(tail[:at]))


def _not_a_count(sentence: str, raw: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - 20) : start]
    after = sentence[end : end + 14]
    if _DATE_BEFORE.search(before) or _MAGNITUDE_BEFORE.search(before) or _NOT_A_COUNT_AFTER.match(after):
        return True
    return bool(_YEAR.match(raw.strip())) and not re.match(r"\s+(?:people|persons|residents|civilians)\b", after, re.I)


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
        value = _scaled(_digits(match.group("num")), match.group("scale"))
        sign = (match.group("sign") or "").lower()
        unit = _CURRENCY_SIGNS.get(sign) or (match.group("code") or "").upper() or "USD"
        qualifier = _qualifier(match.group("qual"))
        upper = None
        if match.group("hi"):
            upper = _scaled(_digits(match.group("hi")), match.group("hiscale") or match.group("scale"))
            qualifier = QuantityQualifier.range
    else:
        raw, scale = match.group("num2"), match.group("scale2")
        # "60.000 euros" is sixty thousand; "1.125 billion euros" keeps its decimal point.
        continental = re.fullmatch(_GROUPED, raw) and (not scale or raw.count(".") > 1)
        value = _scaled(_digits(raw, continental=True) if continental else _parse_number(raw), scale)
        word = " ".join(match.group("word").split())
        unit = _CURRENCY_WORDS.get(word.lower()) or word.upper()
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
    value = float(match.group("a") or match.group("b") or match.group("c") or match.group("d") or match.group("e"))
    if not 0 < value <= 10:
        return None
    text = match.group(0).strip()
    if match.group("d"):
        # "a quake measuring 6.4 on the Richter scale": the words of the figure, from the number on
        scale = _SCALE_AFTER.match(sentence, match.end("d"))
        text = sentence[match.start("d") : scale.end() if scale else match.end("d")]
    return Quantity(
        kind=QuantityKind.other,
        value=value,
        qualifier=_qualifier(match.group("qual")),
        unit="magnitude",
        text=text,
    )


_SCALE_AFTER = re.compile(r"\s+on\s+the\s+(?:open-ended\s+)?(?:Richter|moment[\s-]magnitude)\s+scale", re.I)


# After a count: "and" then, before the clause ends, "more" or "others" ("... and tens of thousands more",
# "... and 12 others in Mosul"): the count is one part of a toll the sentence goes on with.
_MORE_BESIDES = re.compile(
    r"^[^.;,]{0,40}?\band\s+(?:(?!\w+ed\b|hurt\b|left\b)[\w,-]+\s+){0,5}?(?:more|others)\b", re.I
)


def _count(match: re.Match[str], sentence: str, taken: list[tuple[int, int]]) -> Quantity | None:
    """A count of people or jobs, unless its number is part of one already ``taken`` (money, a percentage),
    denied ("No one was killed", "None of the 40 passengers was hurt") or an age ("aged 70")."""
    start, end = match.span()
    if any(a < end and start < b for a, b in taken):
        return None
    if (
        _NEGATED_BEFORE.search(sentence[max(0, start - 40) : start])
        or _AGE_BEFORE.search(sentence[max(0, start - 60) : start])
        or (_GROUP_OF.search(sentence[max(0, start - 40) : start]) and not _WHOLE_IS_TOLL.match(sentence[end:]))
        or _PART_OF_TOLL.match(sentence[end:])
    ):
        return None
    num, lo, hi = match.group("num"), None, None
    if (match.group("qual") or "").lower() == "up to" and _RAISED.search(sentence[max(0, start - 40) : start]):
        # "revised the toll up to 40": a direction, not a bound
        start = match.end("qual") + len(sentence[match.end("qual") :]) - len(sentence[match.end("qual") :].lstrip())
    for low, high in (("lo", "hi"), ("lo2", "hi2"), ("lo3", "hi3")):
        if match.group(low):
            lo, hi = match.group(low), match.group(high)
            if (
                low != "lo"
                and re.search(r"\bto\b", sentence[match.end(low) : match.start(high)], re.I)
                and _CHANGED_FROM.search(sentence[max(0, start - 40) : start])
            ):
                # "the toll rose from 24 to 31": the new figure, as "the toll rose to 31 from 24" reads
                start, num, lo, hi = match.start(high), hi, None, None
            break
    text = sentence[start:end].strip()
    term = bool(_TERM_AFTER.match(sentence[end:]) and _TERM_BEFORE.search(sentence[:start]))
    raw = num or lo
    if raw and _not_a_count(sentence, raw, start, end) and not term:
        return None
    kind, denied = (None, False) if term else _kind(sentence, start, end)
    if denied:
        return None
    thing = "years" if term else None
    if kind is None and term:
        kind = QuantityKind.other
    elif kind is None:
        counted = _THING_AFTER.match(sentence[end:])
        if counted is None:
            return None
        kind, thing = QuantityKind.other, _PLURAL[counted.group("thing").lower()]
    upper = None
    scale = match.group("scale")
    if match.group("vague"):
        words = " ".join(match.group("vague").lower().split())
        value = _scaled(float(_VAGUE.get(words) or _MULTIPLIERS[words.split()[-1]]), scale)
        qualifier = QuantityQualifier.vague
    elif lo:
        low, upper = _parse_number(lo), _scaled(_parse_number(hi), scale)
        own = match.group("loscale") or match.group("loscale2")
        if own:
            value = _scaled(low, own)  # "between 1.5 million and 2 million"
        elif low is not None and upper is not None and _scaled(low, scale) <= upper:
            value = _scaled(low, scale)  # "between 1 and 2 million", "10 to 15 thousand"
        else:
            value = low  # "between 500,000 and 1 million"
        last = hi.lower().replace("-", " ").split()[-1]
        if (
            value is not None
            and upper is not None
            and last in _MULTIPLIERS
            and not any(word in _MULTIPLIERS for word in lo.lower().replace("-", " ").split())
            and value * _MULTIPLIERS[last] <= upper
        ):
            value *= _MULTIPLIERS[last]  # "Two to three hundred": 200 to 300
        qualifier = QuantityQualifier.range
    else:
        value = _scaled(_parse_number(num or ""), scale)
        qualifier = _qualifier(match.group("qual")) if start == match.start() else QuantityQualifier.exact
    if value is None or (upper is not None and upper < value):
        return None
    unit = thing or ("jobs" if kind is QuantityKind.jobs else "people")
    # "killed 170,000 people in the province and tens of thousands more in countries around the Indian Ocean":
    # a part of the toll, which another outlet's whole ("230,000 in 14 countries") does not contradict
    part = QuantityBasis.component if _MORE_BESIDES.match(sentence[end:]) else None
    return Quantity(kind=kind, value=value, upper=upper, qualifier=qualifier, unit=unit, basis=part, text=text)


def _one_person(match: re.Match[str], sentence: str, taken: list[tuple[int, int]]) -> Quantity | None:
    """One person, named with "a" or "an", when a verb says what happened to them: "A child was killed", "a man
    was shot dead", "The blast killed a child"."""
    if any(a < match.end() and match.start() < b for a, b in taken):
        return None
    before = sentence[max(0, match.start() - 40) : match.start()]
    found = None
    for kind, pattern in _ONE_BEFORE_RE:
        verb = pattern.search(before)
        if verb:
            found = None if _NEGATED_VERB.search(before[: verb.start()]) else kind
            break
    else:
        found = next((kind for kind, pattern in _ONE_AFTER_RE if pattern.match(sentence[match.end() :])), None)
    if found is None:
        return None
    return Quantity(kind=found, value=1.0, unit="people", text=match.group(0).strip())


def _part_value(part: str) -> float | None:
    found = _PART_NUMBER.match(part)
    if found is None:
        return None
    return _parse_number(found.group("num")) if found.group("num") else 1.0


def _coordinated(match: re.Match[str], sentence: str, taken: list[tuple[int, int]]) -> Quantity | None:
    """One count for two groups of people joined by "and" ("two women and a man"), when a verb says what
    happened to them (before the group, or after it as after one person or a count)."""
    start, end = match.span()
    if any(a < end and start < b for a, b in taken):
        return None
    if _NEGATED_BEFORE.search(sentence[max(0, start - 40) : start]) or _GROUP_OF.search(
        sentence[max(0, start - 40) : start]
    ):
        return None
    first, second = _part_value(match.group("first")), _part_value(match.group("second"))
    if first is None or second is None:
        return None
    kind, denied = _kind(sentence, start, end)
    if kind is None:  # "a man and a woman was later found dead": as after one person
        kind = next((k for k, pattern in _ONE_AFTER_RE if pattern.match(sentence[end:])), None)
    if kind is None or denied or kind is QuantityKind.jobs:
        return None
    return Quantity(kind=kind, value=first + second, unit="people", text=match.group(0).strip())


def find_quantities(sentence: str) -> list[Quantity]:
    """Quantities stated in one sentence: money, percentages, counts of people and magnitudes, in that order.

    Returns Quantity values (``value`` a float in the unit given: people, an ISO 4217 code, %, magnitude)."""
    money, taken = _found(_MONEY, _money, sentence)
    percents, more = _found(_PERCENT, _percent, sentence)
    taken += more
    magnitudes, more = _found(_MAGNITUDE, _magnitude, sentence)
    taken += more
    groups, grouped = _found(_COORDINATED, lambda match, text: _coordinated(match, text, taken), sentence)
    taken += grouped
    # a group denied as a whole ("None of the two pilots and 40 passengers was hurt"): none of its parts counts
    taken += [m.span() for m in _COORDINATED.finditer(sentence) if _NEGATED_BEFORE.search(sentence[: m.start()])]
    counts, spans = _found(_COUNT, lambda match, text: _count(match, text, taken), sentence)
    counts, spans = counts + groups, spans + grouped
    ones, more = _found(_A_PERSON, lambda match, text: _one_person(match, text, taken + spans), sentence)
    counts = [count for _, count in sorted(zip(spans + more, counts + ones, strict=True), key=lambda x: x[0])]
    return money + percents + counts + magnitudes
