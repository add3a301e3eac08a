"""What each line of a news text is: the title, page furniture, a heading, or body; and the dateline.

A news text copied from a page carries more than its sentences: the headline, "Last updated at 13:38
GMT", bylines, captions, share lines, section headings, and a dateline before the first sentence
("GENEVA (Jan. 9, 2025) — ...", "LONDON, Jan 9 (Reuters) - ..."). None of them is an event, and the
dateline names where the desk is, not where anything happened; but its date is the article's date when no
header gives one.

Written by hand: no library classifies the lines of plain news text (article extractors such as
trafilatura work on HTML, where the markup says what a line is). The patterns are the common English wire
and web forms; a line they miss stays body, the safe side.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser

from .wordcount import count_words

__all__ = ["LineKind", "Dateline", "line_kinds", "find_dateline"]

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
_DAY_MONTH = r"\d{1,2}\s+" + _MONTH  # "11 February", the order of British and most non-US wires
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'’.\- ]{1,40}?[A-Za-z.])(?:,\s*(?P<region>[A-Z][A-Za-z.\- ]{1,30}?))?"
    r"(?:,?\s*(?P<date1>(?:" + _MONTH + r"\s+\d{1,2}|" + _DAY_MONTH + r")(?:,?\s*\d{4})?))?"
    r"\s*(?:\((?P<paren>[^)]{1,40})\))?"
    r"(?:\s*\((?P<agency>[^)]{1,20})\)|\s*/(?P<wire>[^/\n]{1,30})/)?\s*(?:—|–|--|-)\s+(?=\S)"
)
_AGENCY = re.compile(r"^(?:AP|AFP|Reuters|UPI|dpa|Xinhua|IANS|PTI|ANI|Bloomberg|CNN|BBC)$", re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    """A dateline: the place of the desk, the date it gives (if any), and where it ends in the line."""

    place: str
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
        unpunctuated = not bare.endswith(_TERMINAL)
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
    return DateDataParser(languages=["en"])  # built once: building one costs more than parsing a date


def find_dateline(line: str) -> Dateline | None:
    """The dateline at the start of the first body line, if there is one ("GENEVA (Jan. 9, 2025) — ")."""
    match = _DATELINE.match(line)
    if not match:
        return None
    place = match.group("place").strip(" .")
    date_text = match.group("date1")
    # The desk's place is written in capitals; a place in ordinary case is a dateline only when a full date
    # follows it ("Kelda, Feb. 11, 2025 -"), never a sentence that happens to hold a dash.
    dated = bool(date_text and _FULL_YEAR.search(date_text))
    if len(place) < 2 or not (place.replace(" ", "").replace(".", "").isupper() or dated):
        return None
    paren = match.group("paren")
    if paren and not _AGENCY.match(paren.strip()):
        date_text = date_text or paren
    date = None
    if date_text and _FULL_YEAR.search(date_text):
        data = _date_parser().get_date_data(date_text)
        date = data.date_obj.date() if data and data.date_obj else None
    return Dateline(place=place.title() if place.isupper() else place, date=date, end=match.end())
