"""Finding the time words of a sentence ("on Thursday", "Nov. 27", "last week", "mardi"), not resolving them.

The grounding validators ask whether a quote is a time at all, the pipeline takes a sentence's one time
expression when the model gave none, and the attribution check asks whether a sentence dates something.
Resolving the words to a date is summarizer.text.dates, whose cleaning, parser, foreign-weekday table and
words that count from the story's last day ("the next day") are shared here so that both read the same forms.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .dates import (
    _MONTH_NAMES,
    _PRESENT,
    _WEEKDAYS,
    _YEAR,
    STORY_WORDS,
    _clean,
    _foreign_weekday,
    _month_names,
    _parser,
    _weekday_words,
    points_forward,
    resolve_date,
    story_offset,
)
from .holiday_dates import _CALENDAR_WORDS, holiday_names

__all__ = ["find_time_words", "has_time_words", "looks_like_time"]


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"
# The small words around a date may open the sentence ("In May, thieves ...", "Last week", "At the end of July"):
# they are read in any case, the month and weekday names only capitalised ("may" is a verb).
_TIME_WORDS = re.compile(
    rf"\b(?:(?:(?i:in)\s+)?{_MONTH}\s+(?:(?i:of)\s+)?(?i:last|this|next)\s+(?i:year)|"
    rf"(?:{_WEEKDAY_NAME},?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{4}}|"
    rf"(?:(?i:early|late)\s+)?(?:(?i:on|last|next|this)\s+)?{_WEEKDAY_NAME}{_DAYPART}(?!,?\s+{_MONTH}\s+\d)|"
    rf"(?:(?i:earlier|later|early|late)\s+)?(?i:last|next|this)\s+(?i:week|month|year)|"
    rf"(?:(?i:in|last|next|early|late|(?:at\s+)?the\s+(?:end|start|beginning|middle)\s+of)\s+)"
    rf"(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:,?\s+\d{{4}})?|"
    rf"(?i:yesterday|today|tomorrow|last\s+night)|"
    rf"(?i:(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:day|week|month|year)s?\s+ago)|"
    rf"(?i:(?:last|this|next|(?:this\s+|the\s+)?past|over\s+the(?:\s+past)?|at\s+the)\s+weekend)|"
    rf"(?:(?i:in)\s+)?(?i:mid)-?(?:January|February|March|April|May|June|July|August|September|October|November|"
    rf"December)|"
    # A day of the month alone, after "on" and before no noun ("on the 30th", not "on the 5th floor").
    rf"(?i:on)\s+the\s+\d{{1,2}}(?:st|nd|rd|th)(?!\s+[a-z])|"
    rf"(?i:in)\s+(?:1[89]|20)\d\d)\b",
)


def looks_like_time(text: str) -> bool:
    """True when ``text`` contains a time expression at all (a date, weekday, year or relative time)."""
    cleaned = _clean(text)
    return bool(
        _TIME_WORDS.search(text)
        or _YEAR.search(text)
        or _PRESENT.match(cleaned)
        or re.search(r"\b(week|month|year|day|ago|since|earlier|later|recent|tomorrow|tonight)", text, re.I)
        # Words that count from the story's last day ("the following morning", "le lendemain").
        or story_offset(text) is not None
        # Other languages: a weekday ("mardi", "lundi prochain", "am Dienstag") or a date dateparser reads
        # ("le 3 mars"); resolve_date reads the same forms.
        or _foreign_weekday(cleaned) is not None
        or (
            re.search(r"[^\W\d_]", cleaned) is not None
            and _parser(None, False).get_date_data(cleaned).date_obj is not None
        )
    )


def has_time_words(sentence: str, *, past_only: bool = False) -> bool:
    """Whether a sentence contains a time expression (a date, a weekday, "yesterday", "last week"...); with
    ``past_only``, one whose clause does not point forward (not "will ... next year", "due on Jan. 3")."""
    return any(not (past_only and points_forward(sentence, m.group(0))) for m in _TIME_WORDS.finditer(sentence))


# A relative clause set off by commas ("South Sudan, which became independent four months ago, said ...",
# "Smith, who took office two years ago, ..."): background about the noun before it.
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose)\b[^,;]*(?=[,;]|$)", re.IGNORECASE)


# A finite verb: a relative clause after one is about a noun of the predicate, not the sentence's subject.
_VERB_BEFORE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|said|says|[a-z]{3,}ed)\b")


def _background_time(sentence: str, match: re.Match[str]) -> bool:
    """Whether ``match`` stands inside a relative clause set off by commas that tells background: any "N ago"
    there ("South Sudan, which became the world's newest country only four months ago, said ..."), and any
    time words of a clause about a noun after the sentence's verb ("Voting stations were festooned with
    pictures of Niyazov, who ruled until his death in 2006"). A clause about the subject keeps its time
    ("The quake, which struck on Sunday, killed 10": the same day)."""
    for clause in _RELATIVE_CLAUSE.finditer(sentence):
        if clause.start() < match.start() and match.end() <= clause.end():
            if match.group(0).lower().endswith("ago") or _VERB_BEFORE.search(sentence[: clause.start()]):
                return True
    return False


# Words of English prose: a sentence with none of them may hold time words of another language.
_ENGLISH = frozenset("the and of was were is are to has have had said will would on in at for with by".split())
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_MAX_BESIDE = 2
_ANY_DAY = dt.date(2020, 6, 15)  # a reference date, only to ask whether the words read as a date at all


@lru_cache(maxsize=1)
def _foreign_day_month() -> re.Pattern[str]:
    """A day and a month of another language ("le 3 janvier", "el 30 de diciembre", "am 3. März 2025")."""
    english = {name.casefold() for name in _MONTH_NAMES} | {name[:3].casefold() for name in _MONTH_NAMES}
    months = sorted((m for m in _month_names() if m not in english and len(m) > 2), key=len, reverse=True)
    alternatives = "|".join(re.escape(m) for m in months)
    return re.compile(
        rf"\b(?:(?:le|el|il|am|o|op|den)\s+)?\d{{1,2}}\.?\s+(?:de\s+)?(?:{alternatives})\b\.?(?:\s+(?:de\s+)?\d{{4}})?",
        re.IGNORECASE,
    )


def _foreign_time_words(sentence: str) -> str | None:
    """The one weekday or day-and-month of another language in ``sentence`` with the small words around it
    ("mardi", "lundi prochain", "am Dienstag", "el martes", "le 3 janvier"), when the sentence is not English
    prose; None otherwise. The forms are those ``resolve_date`` reads (CLDR names via babel)."""
    words = list(_WORD.finditer(sentence))
    if any(w.group(0).casefold() in _ENGLISH for w in words):
        return None
    found = {m.group(0).strip().rstrip(".") for m in _foreign_day_month().finditer(sentence)}
    english = {day.casefold() for day in _WEEKDAYS}
    directions, beside, periods = _weekday_words()
    before_day, after_day = beside | set(directions), set(directions) | periods
    for index, word in enumerate(words):
        folded = word.group(0).casefold()
        # a weekday alone or joined to its part of the day ("Dienstagabend"), as resolve_date reads it
        if folded in english or _foreign_weekday(folded) is None:
            continue
        first = last = index
        while first > 0 and index - first < _MAX_BESIDE and words[first - 1].group(0).casefold() in before_day:
            first -= 1
        while last + 1 < len(words) and last - index < _MAX_BESIDE and words[last + 1].group(0).casefold() in after_day:
            last += 1
        found.add(sentence[words[first].start() : words[last].end()])
    found = {text for text in found if resolve_date(text, _ANY_DAY).value is not None}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _holiday_words() -> re.Pattern[str]:
    """A holiday named as written ("Christmas Day", "Christmas", "New Year's Eve", "Thanksgiving", "Good
    Friday"), capitalised: the names summarizer.text.holiday_dates reads."""
    forms: set[str] = set()
    for name in holiday_names():
        forms.add(name)
        if name.endswith(" Day") and name[:-4].casefold() not in _CALENDAR_WORDS:
            forms.update({name[:-4], f"{name[:-4]} Eve"})
    alternatives = "|".join(re.escape(f).replace("'", "['’]?") for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?:\b(?i:on|over|at)\s+)?\b(?:{alternatives})\b")


def find_time_words(sentence: str) -> str | None:
    """The one time expression a sentence contains, or None when it has none or several. A sentence with no
    other time that opens by carrying on the story's day ("Later that day, ...", "The next day, ...") gives
    those words; inside a sentence they belong to their own clause ("slept outside after a second quake
    jolted the area several hours later"), and "N ago" in a relative clause is background (``_background_time``)."""
    spans = [m.span() for m in _TIME_WORDS.finditer(sentence) if not _background_time(sentence, m)]
    spans += [m.span() for m in _holiday_words().finditer(sentence)]
    # "Easter Monday" holds "Monday": the words inside a longer time expression are part of it
    found = {sentence[a:b] for a, b in spans if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)}
    if not found:
        opening = STORY_WORDS.match(sentence.lstrip(" \"'“‘("))
        return opening.group(0) if opening else _foreign_time_words(sentence)
    return found.pop() if len(found) == 1 else None
