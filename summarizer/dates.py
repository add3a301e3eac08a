"""Resolving the time words of an event ("on Thursday", "Nov. 27", "last week", "in 2017") in code.

The model only copies the words as written; the date itself is computed here with dateparser against
the article's reference date. Without a reference date only expressions that name their year resolve;
the rest stay unresolved with precision ``unknown``. A year is never invented.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateparser.date import DateDataParser

from .schema import EventDate, Precision

__all__ = ["resolve_date", "is_historical", "find_time_words", "looks_like_time"]

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_YEAR_ONLY = re.compile(
    r"^(?:in|since|from|during|by|until|of|early|late|mid-?)?\s*(?:the\s+)?(?:year\s+)?"
    r"(1[89]\d\d|20\d\d)s?$",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(
    r"^(?:(?:as early as|as of|earlier|later|on|since|by|from|in|at|during|until|till|before|after|"
    r"around|about|early|late|the|this|that|of|starting|beginning)\s+)+",
    re.IGNORECASE,
)
_VAGUE = re.compile(r"^(?:recently|soon|meanwhile|lately|previously|eventually)$", re.I)
_PRESENT = re.compile(r"^(?:currently|now|today|until today|to date|so far|at present|at the moment)$", re.I)
_PERIOD_TO_PRECISION = {
    "day": Precision.day,
    "time": Precision.day,
    "week": Precision.week,
    "month": Precision.month,
    "year": Precision.year,
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_ONLY = re.compile(r"^(?:last\s+)?(" + "|".join(_WEEKDAYS) + r")$", re.IGNORECASE)
_HISTORICAL_DAYS = 60
_UNKNOWN = EventDate(value=None, precision=Precision.unknown, text=None)


@lru_cache(maxsize=64)
def _parser(reference: dt.date | None) -> DateDataParser:
    base = dt.datetime.combine(reference or dt.date(1900, 1, 1), dt.time(12, 0))
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


def _clean(text: str) -> str:
    text = text.strip().strip(".,;:()\"'").strip()
    return _LEAD_WORDS.sub("", text).strip()


def resolve_date(text: str | None, reference: dt.date | None) -> EventDate:
    """Resolve ``text`` (the words as written) against ``reference``; never guesses a missing year."""
    if not text or not text.strip():
        return _UNKNOWN
    words = text.strip()
    cleaned = _clean(words)
    if not cleaned or _VAGUE.match(cleaned):
        return EventDate(value=None, precision=Precision.unknown, text=words)
    if _PRESENT.match(words.strip(" .,")) or _PRESENT.match(cleaned):
        if reference is None:
            return EventDate(value=None, precision=Precision.unknown, text=words)
        return EventDate(value=reference, precision=Precision.day, text=words)
    year_only = _YEAR_ONLY.match(cleaned)
    if year_only:
        return EventDate(value=dt.date(int(year_only.group(1)), 1, 1), precision=Precision.year, text=words)
    weekday = _WEEKDAY_ONLY.match(cleaned)
    if weekday:
        if reference is None:
            return EventDate(value=None, precision=Precision.unknown, text=words)
        # News convention: "on Friday" in a Friday paper is that day, otherwise the latest one before it.
        back = (reference.weekday() - _WEEKDAYS.index(weekday.group(1).lower())) % 7
        return EventDate(value=reference - dt.timedelta(days=back), precision=Precision.day, text=words)
    names_year = bool(_YEAR.search(cleaned))
    if reference is None and not names_year:
        return EventDate(value=None, precision=Precision.unknown, text=words)
    data = _parser(reference).get_date_data(cleaned)
    if data is None or data.date_obj is None:
        years = set(_YEAR.findall(cleaned))
        if len(years) == 1:  # "since the start of the war in 2011": the one year it names
            return EventDate(value=dt.date(int(years.pop()), 1, 1), precision=Precision.year, text=words)
        return EventDate(value=None, precision=Precision.unknown, text=words)
    value = data.date_obj.date()
    precision = _PERIOD_TO_PRECISION.get(data.period or "day", Precision.day)
    if reference is not None and value > reference and not names_year:
        # "Nov. 27" read on Jan. 3 means last November: dateparser's past preference misses some forms.
        try:
            value = value.replace(year=value.year - 1)
        except ValueError:  # 29 February
            value = value.replace(year=value.year - 1, day=28)
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


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME_WORDS = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{4}}|"
    rf"(?:on\s+|last\s+)?{_WEEKDAY}|last\s+(?:week|month|year)|yesterday|today|in\s+(?:1[89]|20)\d\d)\b",
)


def looks_like_time(text: str) -> bool:
    """True when ``text`` contains a time expression at all (a date, weekday, year or relative time)."""
    cleaned = _clean(text)
    return bool(
        _TIME_WORDS.search(text)
        or _YEAR.search(text)
        or _PRESENT.match(cleaned)
        or re.search(r"\b(week|month|year|day|ago|since|earlier|later|recent)", text, re.I)
    )


def find_time_words(sentence: str) -> str | None:
    """The one time expression a sentence contains, or None when it has none or several."""
    found = {m.group(0) for m in _TIME_WORDS.finditer(sentence)}
    return found.pop() if len(found) == 1 else None
