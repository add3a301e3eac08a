"""Named days ("on Christmas Day", "New Year's Eve", "over Easter", "Thanksgiving") as dates.

The public holidays of the English-speaking countries news in English mostly comes from (United States,
United Kingdom, Canada, Australia, Ireland, New Zealand, India) come from the `holidays` package, which
knows the movable ones (Good Friday, Thanksgiving, Eid al-Fitr) year by year; Easter Sunday comes from
dateutil's ``easter`` (no country keeps it as a public holiday). "X Eve" is the day before X. A name that
falls on different days in different countries ("Independence Day": 4 July in the United States, 15 August
in India; "Labor Day") names no date here. Hand-written: only the name matching and the choice of year.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from functools import lru_cache

import holidays
from dateutil.easter import easter

__all__ = ["holiday_date", "holiday_names"]

_COUNTRIES = ("US", "GB", "CA", "AU", "IE", "NZ", "IN")
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_EVE = re.compile(r"^(?P<name>.+?)(?:'s)?\s+eve$")


def _key(name: str) -> str:
    """A holiday name folded for matching: case, apostrophes, a trailing "Day", "(observed)" left out."""
    name = re.sub(r"\s*\(.*?\)", "", name.casefold()).replace("\u2019", "'").replace("'s", "s").replace("'", "")
    name = re.sub(r"^(?:saint|st\.?)\s+", "st ", name.strip())
    return re.sub(r"\s+day$", "", " ".join(name.split()))


@lru_cache(maxsize=8)
def _index(year: int) -> dict[str, frozenset[dt.date]]:
    """Every holiday name of ``year`` (folded by ``_key``) and the days it falls on across the countries."""
    found: dict[str, set[dt.date]] = {}
    with warnings.catch_warnings():  # "available only from 2001 to 2035" for some: those years have none
        warnings.simplefilter("ignore")
        calendars = [holidays.country_holidays(country, years=year) for country in _COUNTRIES]
    for calendar in calendars:
        for day, names in calendar.items():
            for name in names.split("; "):
                found.setdefault(_key(name), set()).add(day)
    for name in ("easter", "easter sunday"):
        found.setdefault(name, set()).add(easter(year))
    return {name: frozenset(days) for name, days in found.items()}


@lru_cache(maxsize=1)
def holiday_names() -> tuple[str, ...]:
    """The holiday names this module reads, as the `holidays` package writes them (longest first)."""
    names: set[str] = {"Easter", "Easter Sunday"}
    for country in _COUNTRIES:
        names.update(
            re.sub(r"\s*\(.*?\)", "", name)
            for names_ in holidays.country_holidays(country, years=2024).values()
            for name in names_.split("; ")
        )
    return tuple(sorted(names, key=len, reverse=True))


def _day_in(name: str, year: int) -> dt.date | None:
    eve = _EVE.match(name)
    if eve:
        day = _day_in(_key(eve.group("name")), year + 1 if _key(eve.group("name")).startswith("new year") else year)
        return day - dt.timedelta(days=1) if day else None
    days = _index(year).get(name) or _index(year).get(re.sub(r"\s+day$", "", name))
    if not days:
        return None
    if len({(d.month, d.day) for d in days}) > 1 and len(days) > 1:
        return None  # a different day in different countries: which one the article means is unknown
    return min(days)


def holiday_date(words: str, reference: dt.date, forward: bool) -> dt.date | None:
    """The day a holiday name means (``words``: "Christmas Day", "New Year's Eve", "Thanksgiving"), the
    nearest such day on or before ``reference`` (after it when ``forward``); None for no known name."""
    name = _key(re.sub(r"^(?:on|over|at|during|since|by|the)\s+", "", words.strip(" .,"), flags=re.I))
    if not name or name in _CALENDAR_WORDS:
        return None  # "May" is a month before it is May Day
    years = [reference.year + 1, reference.year] if forward else [reference.year, reference.year - 1]
    if forward:
        years.reverse()
    for year in years:
        day = _day_in(name, year)
        if day is not None and (day >= reference if forward else day <= reference):
            return day
    return None
