"""Resolving the time words of an event ("on Thursday", "Nov. 27", "next month", "in 2017") in code.

The model only copies the words as written; the date is computed here against the article's reference
date, in the direction the event points: a past happening takes the latest matching day, month or week
on or before the reference date, a planned one ("will", "would", "due to", "set to", "next") the next one
after it. Without a reference date only expressions that name their year resolve; a year is never
invented. A period ("last week", "in November") is given by its first day with week/month/year precision.

Full dates and month names in other languages are parsed by ``dateparser``; words it cannot read whole
because of a small word in front ("el 30 de diciembre", "am 30. Dezember", "ce mardi") are read by its
search, when what it finds names a month or a weekday and ends the words. Weekday names in other languages
come from CLDR through ``babel`` (dateparser reads "mardi" but not "lundi prochain"), with the words CLDR
writes "last", "this" and "next" with ("lundi dernier", "ce lundi", "w przyszły poniedziałek") and the names
of the parts of a day ("mardi soir", "Dienstagabend"); a short hand table adds the words for "next" and
"last" CLDR does not use ("kommenden", "vergangenen"). The relative English forms news uses most (a weekday
with a time of day or a week, "this coming Monday", a month-day without a year, this/last/next week or
month, "earlier this year", "N days ago", "in two days") are resolved here by hand: dateparser resolves them
without regard to tense (its past/future preference is one global setting) and reads some of them a year
off, which is the fault this module exists to avoid. A date dateparser gives is moved a year only when the
words name a month or day without a year; a form that states its direction ("la semaine prochaine", "in two
days") keeps the date it gives.

Words that count from the day the story told last ("later that day", "the next day", "a day later", "le
lendemain") are not resolved against the reference date at all: ``story_offset`` gives their distance in
days, and summarizer.text.implied_dates applies it to the happening they follow. These phrases are
hand-written: no library reads them relative to another event.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from babel import Locale
from babel.dates import get_day_names, get_month_names
from dateparser.date import DateDataParser
from dateparser.search import search_dates

from ..core.schema import EventDate, Precision
from .holiday_dates import holiday_date

__all__ = ["resolve_date", "is_historical", "points_forward", "story_offset", "STORY_WORDS"]

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_YEAR_ONLY = re.compile(
    r"^(?:in|since|from|during|by|until|of|early|late|mid-?)?\s*(?:the\s+)?(?:year\s+)?"
    r"(1[89]\d\d|20\d\d)s?$",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(
    r"^(?:(?:as early as|as of|on|since|by|from|in|at|during|until|till|before|after|"
    r"around|about|the|of|starting|beginning|sometime|some time|(?:early|small|wee) hours of)\s+)+",
    re.IGNORECASE,
)
# "Monday's robbery", "Tuesday's vote": the weekday is the time, what it owns is not.
_POSSESSIVE_WEEKDAY = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\b.*$", re.IGNORECASE
)
_TIME_OF_DAY = re.compile(
    r"\b(?:early|late|mid|in the|on|(?:in )?the early hours of|morning|afternoon|evening|night|overnight|"
    r"tonight|midday|noon|at dawn|at dusk)\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(r"^(?:recently|soon|meanwhile|lately|previously|eventually)$", re.I)
_PRESENT = re.compile(r"^(?:currently|now|today|tonight|until today|to date|so far|at present|at the moment)$", re.I)
_PERIOD_TO_PRECISION = {
    "day": Precision.day,
    "time": Precision.day,
    "week": Precision.week,
    "month": Precision.month,
    "year": Precision.year,
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}
_MONTHS["sept"] = 9
# "Friday", "last Friday", "this coming Monday", "the previous Sunday", "Monday next week", "Friday of last week".
_WEEKDAY = re.compile(
    r"^(?:(last|next|this|coming|past|this coming|this past|previous|following)\s+)?(" + "|".join(_WEEKDAYS) + r")"
    r"(?:\s+(?:of\s+)?(last|next|this)\s+week)?$",
    re.IGNORECASE,
)
# "last week on Friday", "next week Monday" (read as "Friday last week").
_WEEK_THEN_WEEKDAY = re.compile(r"^(last|next|this)\s+week\s+(?:on\s+)?(" + "|".join(_WEEKDAYS) + r")$", re.I)
_MONTH_DAY = re.compile(
    r"^(?:(?P<m1>[a-z]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<m2>[a-z]+)\.?)$",
    re.IGNORECASE,
)
_MONTH_OF_YEAR = re.compile(
    r"^(?:(?:early|late|mid-?|end of)\s*)?([a-z]+)\.?\s+(?:of\s+)?(last|this|next)\s+year$", re.I
)
_MONTH_ALONE = re.compile(
    r"^(?:(last|next|this|coming|past|early|late|mid|end of)(?:\s+|\s*-\s*))?([a-z]+)\.?$", re.I
)  # "in mid-January" as "in mid January"
_RELATIVE_PERIOD = re.compile(
    r"^(?:(?P<part>earlier|later|early|late|mid-?|(?:the )?(?:end|start|beginning|middle) of)\s+)?"
    r"(?:(?P<which>this|last|next|the coming|coming|the past|past|the previous|previous|the following)\s+)"
    r"(?P<unit>week|month|year|weekend)$",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
    r"(?P<unit>day|week|month|year)s?\s+ago$",
    re.IGNORECASE,
)
# "in two days", "in a week's time", "two weeks from now": counted forward from the reference date. Matched on
# the words as written ("in" is one of the lead words cleaning drops, and "two days" alone says no direction).
# Years are left to dateparser: "the highest in 16 years" counts back.
_AHEAD = re.compile(
    r"^(?:in\s+(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week|month)s?"
    r"(?:['’]s?\s+time)?|(?P<n2>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit2>day|week|month)s?\s+from\s+(?:now|today))$",
    re.IGNORECASE,
)
_SMALL = {
    "a": 1,
    "an": 1,
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
}
# Weekday names of the languages news arrives in (CLDR, through babel), and their words for next and last
# that CLDR's relative forms do not use (hand-written: "am kommenden Montag", "am vergangenen Dienstag").
_LOCALES = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "nb", "pl", "tr", "id", "ro", "cs")
_FOREIGN_NEXT = (
    r"prochaine?|n[äa]chste[nrs]?|kommende[nrs]?|pr[óo]xim[oa]|prossim[oa]|volgende|n[äa]sta|n[æa]ste|neste|"
    r"przysz[łl]\w*|gelecek|depan|viitoare|p[řr][íi]št[íi]"
)
_FOREIGN_LAST = (
    r"derni[eè]re?|letzte[nrs]?|vergangene[nrs]?|pasad[oa]|[úu]ltim[oa]|scors[oa]|vorige|f[öo]rra|sidste|forrige|"
    r"ostatni\w*|ge[çc]en|lalu|trecut[ăa]?|minul[ýy]"
)
# Small words that may stand before a weekday without changing which day it is (hand-written: prepositions
# and articles CLDR's relative forms do not show).
_BESIDE_WEEKDAY = frozenset({"le", "la", "el", "il", "am", "de", "op", "on", "por", "na", "no", "em", "i", "w", "dans"})
_RELATIVE_STEP = {-1: "last", 0: "this", 1: "next"}
_CLDR_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _tokens(text: str) -> list[str]:
    """The words of ``text`` in lower case, hyphenated words whole, elisions apart ("l'après-midi": l, après-midi)."""
    return re.findall(r"[^\W_]+(?:-[^\W_]+)*", text.casefold())


@lru_cache(maxsize=1)
def _weekday_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in _LOCALES:
        for index, name in get_day_names("wide", locale=locale).items():
            names[name.casefold()] = index
    return names


@lru_cache(maxsize=1)
def _month_names() -> frozenset[str]:
    """Month names and abbreviations of the languages news arrives in (CLDR), lower case, without dots."""
    names: set[str] = set()
    for locale in _LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names.update(_tokens(" ".join(get_month_names(width, context, locale=locale).values())))
    return frozenset(names - {"de", "i"})  # pieces of "de janeiro", not month names


@lru_cache(maxsize=1)
def _weekday_words() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """The words CLDR writes "last", "this" and "next" weekday with ("lundi dernier", "ce lundi", "el próximo
    lunes") that it also writes "last", "this" and "next" month or year with ("le mois dernier": not the
    "veckan" of "måndag förra veckan"), the words that may stand beside a weekday without changing it (those
    of more than one of the weekday forms, "el" or "w", the small words above, the parts of a day), and the
    names of the parts of a day ("soir", "Abend", "noche")."""
    directions: dict[str, set[str]] = {}
    steps: dict[str, set[str]] = {}
    beside: set[str] = set(_BESIDE_WEEKDAY)
    periods: set[str] = set()
    names = _weekday_names()
    for code in _LOCALES:
        try:
            locale = Locale.parse(code)
            fields = locale._data["date_fields"]  # CLDR's relative fields; babel has no public accessor
            for step, which in _RELATIVE_STEP.items():
                other = " ".join(fields[unit]["relative"].get(step, "") for unit in ("month", "year"))
                for day in _CLDR_DAYS:
                    for word in _tokens(fields[day]["relative"].get(step, "")):
                        if word not in names:
                            steps.setdefault(word, set()).add(which)
                            if word in _tokens(other):
                                directions.setdefault(word, set()).add(which)
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    for key, name in locale.day_periods.get(context, {}).get(width, {}).items():
                        if key not in {"am", "pm"}:
                            periods.update(_tokens(name))
        except (KeyError, AttributeError, TypeError, ValueError):  # a babel without these data: no words added
            continue
    beside.update(word for word, found in steps.items() if len(found) > 1)
    single = {word: next(iter(found)) for word, found in directions.items() if len(found) == 1}
    return single, frozenset(beside | periods), frozenset(periods)


def _foreign_weekday(cleaned: str) -> tuple[str, int] | None:
    """("next" | "last" | "this" | "", weekday index) for a weekday written in another language ("mardi",
    "lundi prochain", "ce mardi", "mardi soir", "martes por la noche", "am Dienstagabend"), else None."""
    names = _weekday_names()
    directions, beside, periods = _weekday_words()
    found: list[int] = []
    which: set[str] = set()
    for word in _tokens(cleaned):
        if word in names:
            found.append(names[word])
            continue
        # A weekday joined to the part of the day ("Dienstagabend", "Sonntagnacht").
        joined = next(
            (index for name, index in names.items() if word.startswith(name) and word[len(name) :] in periods), None
        )
        if joined is not None:
            found.append(joined)
        elif word in directions:
            which.add(directions[word])
        elif re.fullmatch(_FOREIGN_NEXT, word):
            which.add("next")
        elif re.fullmatch(_FOREIGN_LAST, word):
            which.add("last")
        elif word not in beside:
            return None
    if len(found) != 1 or len(which) > 1:
        return None
    return (which.pop() if which else ""), found[0]


def _names_month_or_day(words: str) -> bool:
    """Whether ``words`` name a month (any of the languages above) or a numeric day and month ("30.12.")."""
    return bool(re.search(r"\b\d{1,2}\s*[./-]\s*\d{1,2}\b", words)) or any(
        word in _month_names() or word in _MONTHS for word in _tokens(words)
    )


# English time words the CLDR fields below do not give as words of their own (hand-written: the units and
# parts of a day news dates events with).
_ENGLISH_TIME_WORDS = frozenset(
    "today tonight yesterday tomorrow day days week weeks weekend weekends fortnight month months year years "
    "decade decades century ago morning afternoon evening night overnight noon midnight dawn dusk daybreak "
    "hour hours minute minutes mon tue tues wed thu thur thurs fri sat sun".split()
)


@lru_cache(maxsize=1)
def _time_vocabulary() -> frozenset[str]:
    """The words that make words a time in some language of ``_LOCALES``: weekday and month names, CLDR's
    names and relative forms of a day, week, month and year ("gestern", "la semaine dernière", "hace 3
    días"), the parts of a day, and the English ones above. Words of one or two letters are left out: they
    are prepositions and articles ("in", "de", "la") or abbreviations that are English words ("to." for
    torsdag, "So." for Sonntag), never a time by themselves."""
    words: set[str] = set(_ENGLISH_TIME_WORDS) | set(_weekday_names()) | set(_month_names()) | set(_MONTHS)
    words |= _weekday_words()[2]
    for code in _LOCALES:
        try:
            fields = Locale.parse(code)._data["date_fields"]  # CLDR's relative fields; babel has no public accessor
            for unit in ("day", "week", "month", "year"):
                field = fields[unit]
                forms = [field.get("displayName") or "", *field.get("relative", {}).values()]
                for direction in field.get("relativeTime", {}).values():
                    forms.extend(pattern.replace("{0}", " ") for pattern in direction.values())
                words.update(word for form in forms for word in _tokens(form))
        except (KeyError, AttributeError, TypeError, ValueError):  # a babel without these data: no words added
            continue
    return frozenset(word for word in words if len(word) > 2) - {"this", "last", "next", "the"}


def _names_time(words: str) -> bool:
    """Whether ``words`` hold a number or a word of time (``_time_vocabulary``). dateparser, reading every
    language at once, takes an English word for another language's abbreviation ("too" and "to" as Thursday,
    "so" as Sunday, "two" as a month): a date read from words with neither is not a date. Words outside ASCII
    ("周二", "août") are no English word mistaken, and are left to dateparser."""
    return bool(re.search(r"\d", words)) or any(
        word in _time_vocabulary() or not word.isascii() for word in _tokens(words)
    )


def _names_calendar_word(words: str) -> bool:
    """Whether ``words`` name a month or a weekday, in any of the languages above."""
    return _names_month_or_day(words) or any(word in _weekday_names() for word in _tokens(words))


# What makes a clause point forward: the event is planned, scheduled or expected.
_FORWARD = re.compile(
    r"\b(?:will|would|shall|'ll|is to|are to|due to|set to|set for|slated|scheduled|expected to|plans? to|planning to|"
    r"planned|going to|intends? to|aims? to|to be held|to be [a-z]+ed|upcoming|coming|next|later this|tomorrow|"
    r"threaten(?:s|ed)? to|vow(?:s|ed)? to|pledge[sd]? to|promise[sd]? to|hopes? to|"
    # a forecast in the present: "Forecasters expect more rain over the weekend"
    r"expects?|forecasts?|predicts?|anticipates?)\b",
    re.IGNORECASE,
)
# English schedules in the present tense: "The summit opens on Friday", "The new law takes effect on Jan. 1",
# "Voters go to the polls on Sunday", "Elections are due in January", "The vote is this Friday". Only forms
# that are verbs whatever stands around them (a third-person "-s" of a verb of schedule, "take(s) effect",
# "go(es) to the polls", "is/are due", and "is/are" right before the time words); "the vote on Friday" is a
# noun and says nothing of direction. Hand-written: the verbs of a timetable, not a grammar.
_SCHEDULED = re.compile(
    r"\b(?:(?:opens|begins|starts|resumes|reconvenes|convenes|meets|votes|expires|ends|closes|kicks\s+off|"
    r"reports|releases|publishes|"
    r"gets\s+under\s+way|takes?\s+effect|comes?\s+into\s+force|go(?:es)?\s+to\s+the\s+polls|"
    r"(?:is|are)\s+due|[a-z]+s\s+(?:open|begin|start|resume|reconvene|convene|meet|vote|expire|end|close))\b"
    r"(?:\s+\S+){0,4}|(?:is|are)|for)\s*$",
    re.IGNORECASE,
)
_FOR_TIME = re.compile(r"for\s+(?!the\s+(?:first|last|second|third)\b)", re.IGNORECASE)
# What follows time words that were not the clause's time: a possessive ("Friday's attack") or, before any
# clause break, the clause's own verb in the past ("The votes on Friday were counted").
_PAST_AFTER = re.compile(r"^(?:['\u2019]s\b|[^,;]*?\b(?:was|were|had|did|said|told|[a-z]{3,}ed)\b)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;,]\s+|\b(?:that|after|before|when|while|as|and)\s+", re.IGNORECASE)
# The same in the languages whose future is written in the verb (hand-written): the simple future ("reprendront",
# "rouvrira", "se reanudarán", "riprenderanno"), "going to" ("va manifester", "van a protestar") and German's
# "wird"/"soll". Looked for only when the time words are in that language ("lundi", "el martes", "am Montag").
_FOREIGN_FORWARD = {
    "fr": re.compile(r"\b(?:\w*[eiduv](?:ront|ra)|(?:va|vont)\s+\w+(?:er|ir|re))\b", re.I),
    "es": re.compile(r"\b(?:\w+(?:rá|rán|ré|rás)|(?:va|van|vamos)\s+a\s+\w+(?:ar|er|ir))\b", re.I),
    "it": re.compile(r"\b\w+(?:rà|ranno)\b", re.I),
    "pt": re.compile(r"\b(?:\w+(?:rá|rão)|(?:vai|vão)\s+\w+(?:ar|er|ir))\b", re.I),
    "de": re.compile(r"\b(?:wird|werden|soll|sollen)\b", re.I),
}
_HISTORICAL_DAYS = 60
_UNKNOWN = EventDate(value=None, precision=Precision.unknown, text=None)


@lru_cache(maxsize=128)
def _parser(reference: dt.date | None, forward: bool) -> DateDataParser:
    base = dt.datetime.combine(reference or dt.date(1900, 1, 1), dt.time(12, 0))
    return DateDataParser(
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "future" if forward else "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


# A month and day written the Chinese/Japanese way ("12月26日"): dateparser reads the month as a year.
_CJK_MONTH_DAY = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _clean(text: str) -> str:
    text = text.strip().strip(".,;:()\"'").strip()
    text = _CJK_MONTH_DAY.sub(
        lambda m: f"{_MONTH_NAMES[int(m.group(1)) - 1]} {m.group(2)}" if 1 <= int(m.group(1)) <= 12 else m.group(0),
        text,
    )
    return _POSSESSIVE_WEEKDAY.sub(r"\1", _LEAD_WORDS.sub("", text)).strip()


@lru_cache(maxsize=1)
def _languages_of_names() -> dict[str, frozenset[str]]:
    """The languages (of _FOREIGN_FORWARD) each weekday and month name belongs to (CLDR)."""
    found: dict[str, set[str]] = {}
    for locale in _FOREIGN_FORWARD:
        names = " ".join(get_day_names("wide", locale=locale).values())
        names += " " + " ".join(get_month_names("wide", locale=locale).values())
        for word in _tokens(names):
            found.setdefault(word, set()).add(locale)
    english = set(_tokens(" ".join(_MONTH_NAMES + tuple(_WEEKDAYS))))
    return {word: frozenset(langs) for word, langs in found.items() if word not in english}


def points_forward(sentence: str | None, words: str | None) -> bool:
    """True when the clause that holds ``words`` in ``sentence`` speaks of what is planned or expected."""
    if not words:
        return False
    if _FORWARD.search(words):
        return True
    if not sentence or words not in sentence:
        return False
    at = sentence.index(words)
    before, after = sentence[:at], sentence[at + len(words) :]
    # The clause the time words belong to: back to the last clause break, at most ten words.
    pieces = _CLAUSE_BREAK.split(before)
    clause = " ".join(pieces[-1].split()[-10:]) if pieces else ""
    if _FORWARD.search(clause):
        return True
    if (_SCHEDULED.search(clause) or _FOR_TIME.match(words)) and not _PAST_AFTER.match(after):
        # "The summit opens on Friday", "a strike for Friday"; not "the votes on Friday were counted" (the
        # clause's verb comes after: a noun stood before) nor "jailed for Friday's attack"
        return True
    languages = set().union(*(_languages_of_names().get(word, ()) for word in _tokens(words)))
    return any(_FOREIGN_FORWARD[language].search(clause) for language in languages)


# A verb in the past right before the time words ("agreed at the weekend to slash spending", "voted on
# Friday to strike"): the words date that deed, done, whatever the plan it sets.
_PAST_VERB_BEFORE = re.compile(
    r"\b(?:[a-z]{3,}ed|said|met|took|made|gave|held|sent|set|won|lost|left|began|struck|fled|fell|rose|told|"
    r"came|went|saw|spoke|chose|wrote|signed|sold|bought|paid|led|fought|broke|brought|kept|found)"
    r"(?:\s+(?:on|in|at|during|over|early|late))?\s*$",
)


def _told_as_done(sentence: str | None, words: str) -> bool:
    """Whether ``words`` follow a verb in the past tense in ``sentence`` (see ``_PAST_VERB_BEFORE``)."""
    if not sentence or words not in sentence:
        return False
    return bool(_PAST_VERB_BEFORE.search(sentence[: sentence.index(words)]))


# A span of days is reported by its first ("Jan. 8-10", "between Jan. 8 and 10", "Sunday night into Monday").
_DAY_SPAN = re.compile(
    r"^(?:between\s+)?(?P<first>.*?\b\d{1,2})(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and|through|until)\s*"
    r"\d{1,2}(?:st|nd|rd|th)?\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_INTO_NEXT_DAY = re.compile(
    rf"^(?P<first>.*?\b(?:{'|'.join(_WEEKDAYS)})\b.*?)\s+(?:into|to|and)\s+(?:early\s+)?(?:{'|'.join(_WEEKDAYS)})\b.*$",
    re.IGNORECASE,
)


def _first_day(cleaned: str) -> str:
    """``cleaned`` with a span of days cut to its first day, when the words name a month or a weekday."""
    span = _DAY_SPAN.match(cleaned)
    if span and any(word in _MONTHS for word in re.findall(r"[a-z]+", span.group("first").lower())):
        return f"{span.group('first')}{span.group('rest')}".strip()
    into = _INTO_NEXT_DAY.match(cleaned)
    return into.group("first").strip() if into else cleaned


# "before the new tax law takes effect on Jan. 1", "until the court rules on Monday": the time of the happening
# that bounds the event, told in its own clause (a verb in it), not the event's time.
_BOUND_CLAUSE = re.compile(r"\b(?:before|until|till|ahead\s+of|by\s+the\s+time)\b(?P<clause>[^,;]*)$", re.IGNORECASE)
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|takes?|took|comes?|came|goes?|went|gets?|got|"
    r"begins?|began|starts?|ends?|expires?|opens?|closes?|rules?|meets?|votes?|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)


def dates_a_bound(sentence: str, words: str) -> bool:
    """Whether ``words`` (time words of ``sentence``) date a happening that bounds the event, in a clause of
    its own after "before", "until" or "ahead of" ("before the new tax law takes effect on Jan. 1"); "before
    dawn on Monday" (no verb) still dates the event."""
    if not words or words not in sentence:
        return False
    bound = _BOUND_CLAUSE.search(sentence[: sentence.index(words)])
    return bool(bound and _FINITE_VERB.search(bound.group("clause")))


# How long, not when: "around 15 seconds", "for 30 minutes", "nearly two hours" (dateparser reads "15 seconds"
# as fifteen seconds ago, the paper's day).
_DURATION = re.compile(
    r"^(?:(?:for|around|about|some|nearly|almost|over|more than|less than|up to|roughly|lasted|lasting)\s+)*"
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
    r"(?:seconds?|minutes?|hours?|secs?|mins?)$",
    re.IGNORECASE,
)


def _shift_year(value: dt.date, years: int) -> dt.date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def _month_start(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, 1)


def _weekday(match: re.Match[str], reference: dt.date, forward: bool) -> dt.date:
    which = (match.group(1) or "").lower().replace("this ", "")  # "this coming", "this past"
    target = _WEEKDAYS.index(match.group(2).lower())
    back = (reference.weekday() - target) % 7
    ahead = (target - reference.weekday()) % 7
    week = match.group(3) if match.re is _WEEKDAY else None
    if week:
        # "Monday next week", "Friday of last week": that day of the week named.
        monday = reference - dt.timedelta(days=reference.weekday())
        return monday + dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[week.lower()], days=target)
    if which in {"next", "following", "coming"} or (which == "this" and forward) or (not which and forward):
        # "next Tuesday", "this coming Monday", "on Friday" of what will happen: the first such day after the
        # reference date (the same weekday as the paper's means that day only when nothing says "next").
        return reference + dt.timedelta(days=ahead or (7 if which in {"next", "following"} else 0))
    if which in {"last", "past", "previous"}:
        return reference - dt.timedelta(days=back or 7)
    # News convention: "on Friday" in a Friday paper is that day, otherwise the latest one before it.
    return reference - dt.timedelta(days=back)


def _nearest_month_day(month: int, day: int, reference: dt.date, forward: bool) -> dt.date | None:
    try:
        this_year = dt.date(reference.year, month, day)
    except ValueError:
        return None
    if forward:
        return this_year if this_year >= reference else _shift_year(this_year, 1)
    return this_year if this_year <= reference else _shift_year(this_year, -1)


def _relative_period(match: re.Match[str], reference: dt.date) -> EventDate | None:
    which = match.group("which").lower().replace("the ", "")
    unit = match.group("unit").lower()
    step = {"this": 0, "coming": 1, "next": 1, "following": 1, "last": -1, "past": -1, "previous": -1}[which]
    if unit in {"week", "weekend"}:
        monday = reference - dt.timedelta(days=reference.weekday())
        if which == "past":  # "in the past week": the seven days up to the reference date
            return EventDate(value=reference - dt.timedelta(days=6), precision=Precision.week, text=None)
        start = monday + dt.timedelta(weeks=step)
        if unit == "weekend":
            start += dt.timedelta(days=5)
        return EventDate(value=start, precision=Precision.week, text=None)
    if unit == "month":
        if which == "past":
            return EventDate(value=reference - dt.timedelta(days=30), precision=Precision.month, text=None)
        return EventDate(
            value=_month_start(reference.year, reference.month + step), precision=Precision.month, text=None
        )
    if which == "past":
        return EventDate(value=_shift_year(reference, -1), precision=Precision.year, text=None)
    return EventDate(value=dt.date(reference.year + step, 1, 1), precision=Precision.year, text=None)


def _ago(match: re.Match[str], reference: dt.date) -> EventDate | None:
    raw = match.group("n").lower()
    if raw in {"a few", "several"}:
        return None
    n = int(raw) if raw.isdigit() else _SMALL[raw]
    unit = match.group("unit").lower()
    if unit == "day":
        return EventDate(value=reference - dt.timedelta(days=n), precision=Precision.day, text=None)
    if unit == "week":  # a week is reported by its Monday, as "last week" is
        day = reference - dt.timedelta(weeks=n)
        return EventDate(value=day - dt.timedelta(days=day.weekday()), precision=Precision.week, text=None)
    if unit == "month":
        return EventDate(value=_month_start(reference.year, reference.month - n), precision=Precision.month, text=None)
    return EventDate(value=dt.date(reference.year - n, 1, 1), precision=Precision.year, text=None)


def _ahead(match: re.Match[str], reference: dt.date) -> EventDate:
    raw = (match.group("n") or match.group("n2")).lower()
    n = int(raw) if raw.isdigit() else _SMALL[raw]
    unit = (match.group("unit") or match.group("unit2")).lower()
    if unit == "day":
        return EventDate(value=reference + dt.timedelta(days=n), precision=Precision.day, text=None)
    if unit == "week":
        value = reference + dt.timedelta(weeks=n)
        return EventDate(value=value - dt.timedelta(days=value.weekday()), precision=Precision.week, text=None)
    return EventDate(value=_month_start(reference.year, reference.month + n), precision=Precision.month, text=None)


# Words that count from the day the story told last, not from the reference date (hand-written; the module
# docstring says why). Each pattern's offset in days; "N days later" counts N.
_PART_OF_DAY = r"(?:day|morning|afternoon|evening|night)"
_NUMBER = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_STORY_DAYS = (
    (
        re.compile(
            rf"(?:later|earlier)\s+(?:that|the same)\s+{_PART_OF_DAY}|(?:(?:on|by|in|at)\s+)?(?:that|the same)\s+"
            rf"{_PART_OF_DAY}|(?:(?:a few|several|some|\d+|a|an|one|two|three|four|five|six)\s+)?(?:hours?|minutes?)\s+"
            r"(?:later|earlier|afterwards)|le (?:jour|matin|soir) même|le même jour|"
            r"plus tard dans la (?:journée|soirée)|"
            r"(?:ese|el) mismo día|am (?:selben|gleichen) (?:tag|morgen|abend)",
            re.I,
        ),
        0,
    ),
    (
        re.compile(
            rf"(?:(?:on|by|in)\s+)?(?:the\s+)?(?:next|following)\s+{_PART_OF_DAY}|the day after(?!\s+[^\W\d_])|"
            r"le lendemain(?: (?:matin|soir))?|(?:al|el) día siguiente|a la mañana siguiente|"
            r"am (?:nächsten|folgenden) (?:tag|morgen|abend)|am folgetag|tags darauf",
            re.I,
        ),
        1,
    ),
    (
        re.compile(
            rf"(?:(?:on|by|in)\s+)?the\s+(?:previous|preceding)\s+{_PART_OF_DAY}|"
            r"the (?:day|night) before(?!\s+[^\W\d_])|"
            r"la veille|el día anterior|la víspera|am vortag|am tag zuvor",
            re.I,
        ),
        -1,
    ),
)
_DAYS_LATER = re.compile(
    rf"{_NUMBER}\s+days?\s+(?P<way>later|afterwards|earlier|(?:after|before)(?!\s+[^\W\d_]))", re.I
)
# The same words inside a sentence (summarizer.text.time_words finds them when a sentence has no other time).
STORY_WORDS = re.compile(
    r"(?<!\w)(?:" + "|".join([p.pattern for p, _ in _STORY_DAYS] + [_DAYS_LATER.pattern]) + r")(?!\w)", re.I
)


def story_offset(words: str | None) -> int | None:
    """Days from the day the story told last that ``words`` name: 0 for "later that day", "hours later" or
    "on the same day", 1 for "the next day", "the following morning", "a day later" or "le lendemain", -1 for
    "the day before", N for "N days later"; None for words that do not count from the story's day."""
    if not words:
        return None
    cleaned = " ".join(words.strip(" .,;:()\"'").split())
    counted = _DAYS_LATER.fullmatch(cleaned)
    if counted:
        raw = counted.group("n").lower()
        n = int(raw) if raw.isdigit() else _SMALL[raw]
        return -n if counted.group("way").lower() in {"earlier", "before"} else n
    for pattern, offset in _STORY_DAYS:
        if pattern.fullmatch(cleaned):
            return offset
    return None


_ORDINAL_DAY = re.compile(r"^(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+the\s+month)?$", re.I)


def _ordinal_day(day: int, reference: dt.date, forward: bool) -> dt.date | None:
    """The ``day``-th of the reference month, moved a month back (past) or on (to come) when it lies on the
    wrong side of the reference date; a day the month lacks (the 31st of a 30-day month) is skipped over."""
    year, month = reference.year, reference.month
    for _ in range(3):
        try:
            value = dt.date(year, month, day)
        except ValueError:
            value = None
        if value is not None and (value <= reference if not forward else value >= reference):
            return value
        month += 1 if forward else -1
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1
    return None


def _by_hand(cleaned: str, reference: dt.date, forward: bool) -> EventDate | None:
    """The relative English forms resolved here (see the module docstring); None when none applies."""
    lowered = cleaned.lower()
    if lowered in {"yesterday", "last night"}:
        return EventDate(value=reference - dt.timedelta(days=1), precision=Precision.day, text=None)
    if lowered == "tomorrow":
        return EventDate(value=reference + dt.timedelta(days=1), precision=Precision.day, text=None)
    if re.fullmatch(r"(?:over the )?(?:(?:this )?past )?weekend", lowered):
        # The weekend just gone (or the one to come): reported by its Saturday, as "last weekend" is.
        saturday = reference + dt.timedelta(
            days=(5 - reference.weekday()) % 7
            if forward and "past" not in lowered
            else -((reference.weekday() - 5) % 7)
        )
        return EventDate(value=saturday, precision=Precision.week, text=None)
    period = _RELATIVE_PERIOD.match(cleaned)
    if period:
        return _relative_period(period, reference)
    ago = _AGO.match(cleaned)
    if ago:
        return _ago(ago, reference)
    # A weekday with a time of day ("late Sunday night", "early Monday morning", "Tuesday afternoon").
    bare = " ".join(_TIME_OF_DAY.sub(" ", cleaned).split())
    weekday = _WEEKDAY.match(bare)
    if weekday:
        return EventDate(value=_weekday(weekday, reference, forward), precision=Precision.day, text=None)
    week_first = _WEEK_THEN_WEEKDAY.match(bare)
    if week_first:
        as_weekday = _WEEKDAY.match(f"{week_first.group(2)} {week_first.group(1)} week")
        if as_weekday:
            return EventDate(value=_weekday(as_weekday, reference, forward), precision=Precision.day, text=None)
    foreign = _foreign_weekday(cleaned)
    if foreign:
        which, index = foreign
        as_english = _WEEKDAY.match(f"{which} {_WEEKDAYS[index]}".strip())
        if as_english:
            return EventDate(value=_weekday(as_english, reference, forward), precision=Precision.day, text=None)
    month_day = _MONTH_DAY.match(bare)
    if month_day:
        month = _MONTHS.get((month_day.group("m1") or month_day.group("m2") or "").lower())
        day = int(month_day.group("d1") or month_day.group("d2"))
        if month:
            value = _nearest_month_day(month, day, reference, forward)
            return EventDate(value=value, precision=Precision.day, text=None) if value else None
    ordinal = _ORDINAL_DAY.match(bare)
    if ordinal:
        # A day of the month alone ("on the 14th"): that day of the reference month, or of the month
        # before (after, when the event is to come) if it falls on the other side of the reference date.
        day = _ordinal_day(int(ordinal.group(1)), reference, forward)
        return EventDate(value=day, precision=Precision.day, text=None) if day else None
    month_of_year = _MONTH_OF_YEAR.match(cleaned)
    if month_of_year and month_of_year.group(1).lower() in _MONTHS:
        # "In April last year", "in March this year", "May of next year": that month of that year.
        year = reference.year + {"last": -1, "this": 0, "next": 1}[month_of_year.group(2).lower()]
        return EventDate(
            value=dt.date(year, _MONTHS[month_of_year.group(1).lower()], 1), precision=Precision.month, text=None
        )
    month_alone = _MONTH_ALONE.match(cleaned)
    if month_alone and month_alone.group(2).lower() in _MONTHS:
        which = (month_alone.group(1) or "").lower()
        month = _MONTHS[month_alone.group(2).lower()]
        start = dt.date(reference.year, month, 1)
        if which == "next" or (forward and which not in {"last", "past"}):
            start = start if start >= _month_start(reference.year, reference.month) else _shift_year(start, 1)
            if which == "next" and start.month == reference.month and start.year == reference.year:
                start = _shift_year(start, 1)
        elif start > reference or (which == "last" and start.month == reference.month):
            start = _shift_year(start, -1)
        return EventDate(value=start, precision=Precision.month, text=None)
    return None


def _found_at_end(cleaned: str, reference: dt.date | None, forward: bool) -> tuple[str, dt.datetime] | None:
    """The date dateparser's search finds in words its parser cannot read whole, when it names a month or a
    weekday and ends the words after at most two small words ("el 30 de diciembre", "am 30. Dezember", "na
    terça-feira"): the words it was read from and the date. A word for next, last or this, a number, or more
    words in front, and the date is not taken ("almost two years after" is no date)."""
    if not _names_calendar_word(cleaned):
        return None
    return _search(cleaned, reference, forward)


@lru_cache(maxsize=256)
def _search(cleaned: str, reference: dt.date | None, forward: bool) -> tuple[str, dt.datetime] | None:
    base = dt.datetime.combine(reference or dt.date(1900, 1, 1), dt.time(12, 0))
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future" if forward else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    found = search_dates(cleaned, languages=list(_LOCALES), settings=settings)
    if not found or len(found) != 1:
        return None
    read, when = found[0]
    whole = cleaned.rstrip(" .,;:")
    if not whole.endswith(read) or not _names_calendar_word(read):
        return None
    head = _tokens(whole[: len(whole) - len(read)])
    directions = _weekday_words()[0]
    if len(head) > 2 or any(
        word.isdigit() or word in directions or re.fullmatch(_FOREIGN_NEXT, word) or re.fullmatch(_FOREIGN_LAST, word)
        for word in head
    ):
        return None
    return read, when


def resolve_date(
    text: str | None, reference: dt.date | None, *, sentence: str | None = None, planned: bool = False
) -> EventDate:
    """Resolve ``text`` (the words as written) against ``reference``; never guesses a missing year.

    The direction (the latest such day before, or the next one after the reference date) comes from
    ``planned`` (the event's status) or from the clause of ``sentence`` that holds the words. Words that
    count from the story's last day ("the next day", see ``story_offset``) stay unresolved here.
    """
    if not text or not text.strip():
        return _UNKNOWN
    words = text.strip()
    cleaned = _clean(words)
    if not cleaned or _VAGUE.match(cleaned) or _DURATION.match(cleaned) or story_offset(words) is not None:
        return EventDate(value=None, precision=Precision.unknown, text=words)
    if _PRESENT.match(words.strip(" .,")) or _PRESENT.match(cleaned):
        if reference is None:
            return EventDate(value=None, precision=Precision.unknown, text=words)
        return EventDate(value=reference, precision=Precision.day, text=words)
    year_only = _YEAR_ONLY.match(cleaned)
    if year_only:
        return EventDate(value=dt.date(int(year_only.group(1)), 1, 1), precision=Precision.year, text=words)
    names_year = bool(_YEAR.search(cleaned))
    if reference is None and not names_year:
        return EventDate(value=None, precision=Precision.unknown, text=words)
    forward = points_forward(sentence, words) or (planned and not _told_as_done(sentence, words))
    cleaned = _first_day(cleaned)
    if reference is not None and not names_year:
        ahead = _AHEAD.match(words.strip(" .,;:"))
        if ahead:
            return _ahead(ahead, reference).model_copy(update={"text": words})
        by_hand = _by_hand(cleaned, reference, forward)
        if by_hand is not None:
            return by_hand.model_copy(update={"text": words})
        holiday = holiday_date(cleaned, reference, forward)
        if holiday is not None:
            return EventDate(value=holiday, precision=Precision.day, text=words)
    data = _parser(reference, forward).get_date_data(cleaned)
    read, value, period = cleaned, None, None
    if data is not None and data.date_obj is not None and _names_time(cleaned):
        value, period = data.date_obj.date(), data.period
    else:
        found = _found_at_end(cleaned, reference, forward)
        if found is not None:
            read, when = found
            if reference is not None and not names_year:
                by_hand = _by_hand(_clean(read), reference, forward)
                if by_hand is not None:
                    return by_hand.model_copy(update={"text": words})
            again = _parser(reference, forward).get_date_data(read)
            value, period = (again.date_obj.date(), again.period) if again.date_obj else (when.date(), "day")
    if value is None:
        years = set(_YEAR.findall(cleaned))
        if len(years) == 1:  # "since the start of the war in 2011": the one year it names
            return EventDate(value=dt.date(int(years.pop()), 1, 1), precision=Precision.year, text=words)
        return EventDate(value=None, precision=Precision.unknown, text=words)
    precision = _PERIOD_TO_PRECISION.get(period or "day", Precision.day)
    if reference is not None and not names_year and re.search(r"\d", cleaned) and abs(value.year - reference.year) > 1:
        # The words name no year, yet the parser put the date years away: it read one of their numbers as
        # a year. Unknown rather than an invented year ("a decade ago" has no number and stays).
        return EventDate(value=None, precision=Precision.unknown, text=words)
    if reference is not None and not names_year and _names_month_or_day(read):
        # A month or day without its year ("le 8 janvier"): dateparser's preference misses some, so the date
        # is kept on the side of the reference it points to. A form that states its direction ("la semaine
        # prochaine", "l'année prochaine") names no month and keeps the date it gives.
        if not forward and value > reference:
            value = _shift_year(value, -1)
        elif forward and value < reference - dt.timedelta(days=6):
            value = _shift_year(value, 1)
    if precision is Precision.month:
        value = value.replace(day=1)
    elif precision is Precision.year:
        value = value.replace(month=1, day=1)
    elif precision is Precision.week:
        value = value - dt.timedelta(days=value.weekday())
    return EventDate(value=value, precision=precision, text=words)


def is_historical(date: EventDate, reference: dt.date | None) -> bool:
    """True when the whole period of ``date`` ends well before the reference date."""
    if date.value is None or reference is None:
        return False
    end = date.value
    if date.precision is Precision.year:
        end = dt.date(date.value.year, 12, 31)
    elif date.precision is Precision.month:
        end = (date.value.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    elif date.precision is Precision.week:
        end = date.value + dt.timedelta(days=6)
    return (reference - end).days > _HISTORICAL_DAYS
