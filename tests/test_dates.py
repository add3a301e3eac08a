"""Dates are resolved in code against the reference date, and a year is never invented."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.dates import find_time_words, is_historical, resolve_date
from summarizer.schema import Precision

FRIDAY = dt.date(2024, 12, 6)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("on Nov. 27", dt.date(2024, 11, 27), Precision.day),
        ("By Nov. 30", dt.date(2024, 11, 30), Precision.day),
        ("On Thursday", dt.date(2024, 12, 5), Precision.day),
        ("on Friday", dt.date(2024, 12, 6), Precision.day),  # a Friday paper's "Friday" is that day
        ("last week", dt.date(2024, 11, 25), Precision.week),
        ("in 2017", dt.date(2017, 1, 1), Precision.year),
        ("March 2019", dt.date(2019, 3, 1), Precision.month),
        ("Dec. 25", dt.date(2023, 12, 25), Precision.day),  # a month-day after the paper is last year's
        ("currently", FRIDAY, Precision.day),
        ("since the start of the war in Syria in 2011", dt.date(2011, 1, 1), Precision.year),
    ],
)
def test_resolves_against_the_reference_date(text: str, value: dt.date, precision: Precision) -> None:
    date = resolve_date(text, FRIDAY)
    assert (date.value, date.precision, date.text) == (value, precision, text)


def test_no_reference_date_means_no_invented_year() -> None:
    assert resolve_date("Nov. 27", None).precision is Precision.unknown
    assert resolve_date("Nov. 27", None).value is None
    assert resolve_date("On Thursday", None).value is None
    assert resolve_date("Nov. 27, 2024", None).value == dt.date(2024, 11, 27)


def test_nothing_and_vague_words_stay_unknown() -> None:
    assert resolve_date(None, FRIDAY).precision is Precision.unknown
    assert resolve_date("recently", FRIDAY).value is None


def test_historical_is_relative_to_the_reference() -> None:
    assert is_historical(resolve_date("in 2017", FRIDAY), FRIDAY)
    assert not is_historical(resolve_date("in 2024", FRIDAY), FRIDAY)
    assert not is_historical(resolve_date("on Nov. 27", FRIDAY), FRIDAY)


def test_time_words_found_in_a_sentence() -> None:
    assert find_time_words("On Dec. 5, anti-regime forces took control of Hama.") == "Dec. 5"
    assert find_time_words("Forces withdrew.") is None
