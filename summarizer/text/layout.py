"""What each line of a news text is: the title, page furniture, a heading, or body; and the dateline.

A news text copied from a page carries more than its sentences: the headline, "Last updated at 13:38
GMT", bylines, captions, share lines, section headings, and a dateline before the first sentence
("GENEVA (Jan. 9, 2025) — ...", "LONDON, Jan 9 (Reuters) - ...", "GENÈVE, 9 janvier 2025 (AFP) - ...",
"Jan. 9, 2025 — ..."). None of them is an event, and the dateline names where the desk is, not where
anything happened; but its date, or failing it the date of a page line ("Published 9 January 2025", "By
Jane Smith, Jan. 9, 2025"; ``find_page_date``), is the article's date when no header gives one.

Written by hand: no library classifies the lines of plain news text (article extractors such as
trafilatura work on HTML, where the markup says what a line is). The line patterns are the common English
wire and web forms; a line they miss stays body, the safe side. Only the shape of a date is written here
(a word and a day number, with or without a year, or figures); whether the word is a month, in any of the
languages of summarizer.text.dates, is ``dateparser``'s to say, and a year is never invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser

from .dates import _LOCALES, _weekday_names
from .wordcount import count_words

__all__ = ["LineKind", "Dateline", "line_kinds", "find_dateline", "find_page_date"]

LineKind = Literal["body", "title", "heading", "furniture"]

# Sentence ends, with those of scripts written without spaces ("。", "」") that NFKC leaves as they are.
_TERMINAL = (".", "!", "?", ":", '"', "”", "’", "'", "。", "｡", "」", "』", "।", "॥")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_FURNITURE = re.compile(
    r"^(?:(?:last\s+)?updated\b|published\b|posted\b|by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}"
    r"(?:\s*(?:,|and)\s*.*)?$|(?:photo|image|picture|video|file photo|caption|credit)s?\s*[:(]|"
    r"image caption|media caption|share\b|share this|follow us|read more|related\b|advertisement$|"
    r"sign up|subscribe|click here|copyright|©|all rights reserved|\(?(?:AP|AFP|Reuters)\s+photo)",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(
    rf"^(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})(?:\s*[,|-]?\s*(?:\d{{1,2}}[:.]\d\d\s*"
    rf"(?:[ap]\.?m\.?)?\s*(?:GMT|UTC|[A-Z]{{2,4}})?)?)?(?:\s+last updated.*)?$",
    re.IGNORECASE,
)
_HEADING_WORDS = 12
_TAG = re.compile(r"<[^>]{0,200}>")
_FULL_YEAR = re.compile(r"\b(19|20)\d\d\b")
# The shapes a date takes in a dateline or a page line, in any language: a month word and a day ("Jan. 9th",
# "9 janvier", "9. Januar", "9 de enero"), with or without the year, or all in figures ("2025-01-09",
# "09/01/2025"). Which word is a month is dateparser's to say, not these patterns'.
_LETTER = r"[^\W\d_]"
_DAY = r"\d{1,2}(?!\d)(?:st|nd|rd|th|er|º|\.)?"
_MONTH_WORD = _LETTER + r"{3,}\.?"
_DATE = (
    rf"(?:{_MONTH_WORD}\s+{_DAY}(?:,?\s*\d{{4}})?|{_DAY}\s+(?:de\s+)?{_MONTH_WORD}(?:,?\s*(?:de\s+)?\d{{4}})?|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})"
)
_DATE_AT = re.compile(_DATE)
_DASH = r"\s*(?:—|–|--|-)\s+(?=\S)"
# The desk's place starts with a capital (a region after a comma too): "GENEVA", "GENÈVE", "Kelda".
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_PLACE = rf"[{_UPPER}](?:{_LETTER}|['’.\- ]){{1,40}}?(?:{_LETTER}|\.)"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})(?:,\s*(?P<region>[{_UPPER}](?:{_LETTER}|[.\- ]){{1,30}}?))?"
    rf"(?:,?\s*\b(?P<date1>{_DATE}))?"
    r"\s*(?:\((?P<paren>[^)]{1,40})\))?"
    r"(?:\s*\((?P<agency>[^)]{1,20})\)|\s*/(?P<wire>[^/\n]{1,30})/)?" + _DASH
)
# A date the place's dash is followed by ("NEW YORK — Friday, Jan. 3, 2025 — "), or one that opens the line
# ("Jan. 9, 2025 — ", "January 9, 2025 — GENEVA — "); a weekday may stand before it.
_DATE_PART = re.compile(rf"^(?:(?P<weekday>{_LETTER}+),?\s+)?(?P<date>{_DATE})" + _DASH)
_PLACE_PART = re.compile(rf"^(?P<place>{_PLACE})" + _DASH)
_AGENCY = re.compile(r"^(?:AP|AFP|Reuters|UPI|dpa|Xinhua|IANS|PTI|ANI|Bloomberg|CNN|BBC|EFE|ANSA)$", re.IGNORECASE)
# A page line that dates the page: "Published 9 January 2025", "Updated: 03/01/2025", "By Jane Smith, Jan. 9,
# 2025", "Posted on 2025-01-09", a timestamp alone; an update says less about the article's day than the rest.
_DATING_LINE = re.compile(r"^(?:(?:last\s+)?updated\b|published\b|posted\b|by\s)", re.IGNORECASE)
_UPDATED = re.compile(r"\bupdated\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    """A dateline: the place of the desk (None for a date alone), the date it gives (if any), and where it ends
    in the line."""

    place: str | None
    date: dt.date | None
    end: int


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    return bool(_FURNITURE.match(stripped) or _TIMESTAMP.match(stripped))


def line_kinds(lines: list[str]) -> list[LineKind]:
    """The kind of each line: the first unpunctuated line before the body is the title, short unpunctuated
    lines are headings, the patterns above are furniture, the rest is body. Blank lines are 'furniture'."""
    kinds: list[LineKind] = []
    body_started = False
    title_seen = False
    for line in lines:
        stripped = line.strip()
        if not stripped or _is_furniture(stripped):
            kinds.append("furniture")
            continue
        # Markup left in a text ("<p>...said.</p>") does not hide where its sentence ends; a headline cut
        # short by its feed ("Israel indicts teenage Palestinian girl who slapped...") ends no sentence.
        bare = _TAG.sub("", stripped).strip()
        # A line that ends on a comma or a semicolon is a sentence broken across lines ("A magnitude 4.6 earthquake
        # struck Northern California on Thursday morning,"): no title or heading ends so.
        unpunctuated = not bare.endswith(_TERMINAL) and not bare.endswith((",", ";"))
        cut = bare.endswith(("...", "…"))
        if (unpunctuated or cut) and not body_started and not title_seen and len(stripped) <= 200:
            kinds.append("title")
            title_seen = True
        elif unpunctuated and count_words(stripped) <= _HEADING_WORDS:
            kinds.append("heading")
        else:
            kinds.append("body")
            body_started = True
    return kinds


@lru_cache(maxsize=1)
def _date_parser() -> DateDataParser:
    # Built once: building one costs more than parsing a date. The languages news arrives in, English first
    # (so "09/01/2025" stays month first, as before).
    return DateDataParser(languages=list(_LOCALES), settings={"PREFER_DAY_OF_MONTH": "first"})


def _read(date_text: str) -> tuple[bool, dt.date | None]:
    """Whether ``date_text`` is a date at all, and the date when it names its year (a year is never invented)."""
    data = _date_parser().get_date_data(date_text.replace("º", ""))
    if data is None or data.date_obj is None:
        return False, None
    return True, data.date_obj.date() if _FULL_YEAR.search(date_text) else None


def _is_capitals(place: str) -> bool:
    letters = place.replace(" ", "").replace(".", "")
    return letters.isupper() and len(place) >= 2


def _named(place: str) -> str:
    return place.title() if place.isupper() else place


def find_dateline(line: str) -> Dateline | None:
    """The dateline at the start of the first body line, if there is one ("GENEVA (Jan. 9, 2025) — ",
    "GENÈVE, 9 janvier 2025 (AFP) - ", "NEW YORK — Friday, Jan. 3, 2025 — ", "Jan. 9, 2025 — ")."""
    match = _DATELINE.match(line)
    if not match or match.group("place").strip(" .").casefold() in _weekday_names():
        return _date_first(line)  # "Jan. 9, 2025 — ", "Thursday, Jan. 9, 2025 — GENEVA — "
    place = match.group("place").strip(" .")
    date_text = match.group("date1")
    if date_text and not _read(date_text)[0]:
        return None  # "PARIS, France 24 - ": no date where one was looked for
    paren = match.group("paren")
    if paren and not _AGENCY.match(paren.strip()):
        date_text = date_text or paren
    date = _read(date_text)[1] if date_text else None
    # The desk's place is written in capitals; a place in ordinary case is a dateline only when a full date
    # follows it ("Kelda, Feb. 11, 2025 -", "Geneva (Jan. 9, 2025) —"), never a sentence that happens to hold
    # a dash.
    if len(place) < 2 or not (_is_capitals(place) or date is not None):
        return None
    end = match.end()
    if not date_text:
        after = _date_part(line[end:])
        if after and _read(after.group("date"))[0]:
            date, end = _read(after.group("date"))[1], end + after.end()
    return Dateline(place=_named(place), date=date, end=end)


def _date_part(text: str) -> re.Match[str] | None:
    """A date and its dash at the start of ``text``, after a weekday name if any ("Friday, Jan. 3, 2025 — ");
    not after another word ("On Jan. 9, 2025 — the day the dam broke" is a sentence)."""
    part = _DATE_PART.match(text)
    weekday = part.group("weekday") if part else None
    return part if part and (weekday is None or weekday.casefold() in _weekday_names()) else None


def _date_first(line: str) -> Dateline | None:
    """A dateline that opens with its full date ("Jan. 9, 2025 — ", "January 9, 2025 — GENEVA — ")."""
    opening = _date_part(line)
    if not opening:
        return None
    date = _read(opening.group("date"))[1]
    if date is None:
        return None
    place = _PLACE_PART.match(line[opening.end() :])
    if place and _is_capitals(place.group("place").strip(" .")):
        return Dateline(place=_named(place.group("place").strip(" .")), date=date, end=opening.end() + place.end())
    return Dateline(place=None, date=date, end=opening.end())


def find_page_date(lines: list[str], kinds: list[LineKind]) -> dt.date | None:
    """The date the page lines give ("Published 9 January 2025", "By Jane Smith, Jan. 9, 2025", "Posted on
    2025-01-09", a timestamp line), for an article no header or dateline dates. A line that gives when the
    page was updated counts only when no other line gives a date."""
    found: list[tuple[bool, dt.date]] = []
    for line, kind in zip(lines, kinds, strict=True):
        stripped = line.strip()
        if kind != "furniture" or not stripped or not (_DATING_LINE.match(stripped) or _TIMESTAMP.match(stripped)):
            continue
        # The first date in the line, read from each word on ("Published 9 January 2025": not "Published 9").
        for word in re.finditer(r"\b\w", stripped):
            candidate = _DATE_AT.match(stripped, word.start())
            date = _read(candidate.group(0))[1] if candidate else None
            if date is not None:
                found.append((bool(_UPDATED.search(stripped)), date))
                break
    return min(found, key=lambda item: item[0])[1] if found else None
