"""Dates are resolved in code against the reference date, and a year is never invented."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.core.schema import Event, EventDate, EventType, Evidence, Location, Precision, Status
from summarizer.text.dates import is_historical, resolve_date
from summarizer.text.implied_dates import imply_dates
from summarizer.text.time_words import find_time_words, looks_like_time

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
        # A month of the year before, this year or the next ("In April last year an 8.6-magnitude quake ...").
        ("In April last year", dt.date(2023, 4, 1), Precision.month),
        ("in March this year", dt.date(2024, 3, 1), Precision.month),
        ("in May of next year", dt.date(2025, 5, 1), Precision.month),
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
    assert find_time_words("The plant closed in March this year.") == "in March this year"


def test_time_words_that_open_a_sentence_or_name_part_of_a_month() -> None:
    """ "In May, thieves stole ...", "At the end of July, an armed man ...": the small words are read in any case
    (the month stays capitalised: "may" is a verb), and a month with its year keeps the year."""
    assert find_time_words("In May, thieves stole jewellery worth 1m euros.") == "In May"
    assert find_time_words("In 2009, police said they had recovered the haul.") == "In 2009"
    assert find_time_words("Last week the army left the town.") == "Last week"
    assert find_time_words("At the end of July, an armed man robbed a hotel.") == "At the end of July"
    assert find_time_words("The plant closed in March 2020.") == "in March 2020"
    assert find_time_words("Prices may 3 times rise.") is None
    july = resolve_date("At the end of July", dt.date(2013, 9, 9))
    assert (july.value, july.precision) == (dt.date(2013, 7, 1), Precision.month)


NEW_YEAR = dt.date(2025, 1, 1)  # a Wednesday
THURSDAY = dt.date(2024, 11, 7)
MONDAY = dt.date(2024, 12, 30)


@pytest.mark.parametrize(
    ("text", "reference", "sentence", "value", "precision"),
    [
        # a weekday with a time of day, across the new year
        ("late Sunday night", NEW_YEAR, None, dt.date(2024, 12, 29), Precision.day),
        ("early Monday morning", NEW_YEAR, None, dt.date(2024, 12, 30), Precision.day),
        ("on Tuesday afternoon", NEW_YEAR, None, dt.date(2024, 12, 31), Precision.day),
        # the tense of the clause points the way: what happened goes back, what is planned forward
        ("on Tuesday", THURSDAY, "Dock workers walked off the job on Tuesday.", dt.date(2024, 11, 5), Precision.day),
        (
            "on Monday",
            THURSDAY,
            "The union said its members will strike again on Monday.",
            dt.date(2024, 11, 11),
            Precision.day,
        ),
        ("next Tuesday", THURSDAY, "Lawmakers are set to vote next Tuesday.", dt.date(2024, 11, 12), Precision.day),
        (
            "on Friday",
            THURSDAY,
            "The operator said it would meet union leaders on Friday.",
            dt.date(2024, 11, 8),
            Precision.day,
        ),
        (
            "on Friday",
            NEW_YEAR,
            "The authority said on Wednesday that ferries would resume on Friday.",
            dt.date(2025, 1, 3),
            Precision.day,
        ),
        # a month-day without a year, both ways across the new year
        ("on Dec. 26", MONDAY, "A strike on Dec. 26 killed four people.", dt.date(2024, 12, 26), Precision.day),
        ("on Jan. 8", MONDAY, "Talks would resume on Jan. 8.", dt.date(2025, 1, 8), Precision.day),
        (
            "on Jan. 3",
            MONDAY,
            "A truce agreed on Dec. 20 is due to expire on Jan. 3.",
            dt.date(2025, 1, 3),
            Precision.day,
        ),
        (
            "on Dec. 20",
            MONDAY,
            "A truce agreed on Dec. 20 is due to expire on Jan. 3.",
            dt.date(2024, 12, 20),
            Precision.day,
        ),
        (
            "March 6",
            dt.date(2018, 2, 5),
            "The shareholder meeting is set for March 6.",
            dt.date(2018, 3, 6),
            Precision.day,
        ),
        # months and periods
        (
            "in November",
            dt.date(2018, 2, 5),
            "The first offer came in November.",
            dt.date(2017, 11, 1),
            Precision.month,
        ),
        ("next month", dt.date(2018, 2, 5), None, dt.date(2018, 3, 1), Precision.month),
        ("later this month", dt.date(2024, 3, 14), None, dt.date(2024, 3, 1), Precision.month),
        ("earlier this year", dt.date(2018, 2, 5), None, dt.date(2018, 1, 1), Precision.year),
        ("this week", THURSDAY, None, dt.date(2024, 11, 4), Precision.week),
        ("two weeks ago", dt.date(2018, 1, 1), None, dt.date(2017, 12, 18), Precision.week),
        ("yesterday", dt.date(2025, 1, 9), None, dt.date(2025, 1, 8), Precision.day),
        # weekdays in other languages
        ("mardi", THURSDAY, None, dt.date(2024, 11, 5), Precision.day),
        ("lundi prochain", THURSDAY, None, dt.date(2024, 11, 11), Precision.day),
        ("nächsten Montag", THURSDAY, None, dt.date(2024, 11, 11), Precision.day),
    ],
)
def test_resolves_in_the_direction_the_event_points(
    text: str, reference: dt.date, sentence: str | None, value: dt.date, precision: Precision
) -> None:
    date = resolve_date(text, reference, sentence=sentence)
    assert (date.value, date.precision) == (value, precision)


def test_planned_status_points_forward_even_without_a_cue_in_the_clause() -> None:
    assert resolve_date("on Friday", THURSDAY, planned=True).value == dt.date(2024, 11, 8)


def _event(sentence_id: int, text: str | None, value: dt.date | None, **fields: object) -> Event:
    return Event(
        id=f"e{sentence_id}",
        type=fields.get("type", EventType.disaster),
        description=str(fields.get("description", "x")),
        actors=[],
        locations=[Location(name=p, canonical=p, country=None) for p in fields.get("places", [])],
        date=EventDate(value=value, precision=Precision.day if value else Precision.unknown, text=text),
        status=fields.get("status", Status.asserted),
        historical=False,
        quantities=[],
        evidence=[Evidence(sentence_id=sentence_id, start=0, end=1, text="x")],
    )


def test_current_events_without_time_words_take_the_time_of_what_they_continue() -> None:
    tuesday = dt.date(2024, 12, 31)
    events = [
        _event(1, "on Tuesday", tuesday, places=["Tavri"]),
        _event(2, None, None, type=EventType.humanitarian),  # "In the morning, ..." carries Tuesday on
        _event(4, None, None, places=["Tavri"]),  # the same happening, two sentences on
        _event(6, None, None, type=EventType.economic),  # continues nothing: the article's date
        _event(7, None, None, type=EventType.economic, status=Status.planned),  # planned: left alone
    ]
    dated = imply_dates(events, NEW_YEAR)
    assert [(e.date.value, e.date.implied) for e in dated] == [
        (tuesday, False),
        (tuesday, True),
        (tuesday, True),
        (NEW_YEAR, True),
        (None, False),
    ]


@pytest.mark.parametrize("when", ["mardi", "lundi prochain", "am Dienstag", "el martes", "le 3 mars"])
def test_a_time_quoted_in_another_language_is_kept_as_the_events_time(when: str) -> None:
    # The model quotes "mardi" from a French sentence: the grounding keeps it (it used to be dropped as "no
    # time at all", so French, German or Spanish articles lost every weekday date) and it resolves.
    from summarizer.extract.drafts import _ground
    from summarizer.text.names import load_names

    sentence = f"Les dockers ont cessé le travail {when}, a indiqué l'autorité portuaire."
    assert looks_like_time(when)
    assert _ground("when", when, sentence, load_names(None)) == when
    assert resolve_date(when, THURSDAY, sentence=sentence).value is not None


@pytest.mark.parametrize("words", ["to bolster defenses", "the two sides", "Deir ez-Zor", "12", "in the morning"])
def test_words_that_are_no_time_in_any_language_are_not_taken_for_one(words: str) -> None:
    assert not looks_like_time(words)


@pytest.mark.parametrize(
    ("when", "value"),
    [("12月26日", dt.date(2024, 12, 26)), ("1月8日", dt.date(2025, 1, 8)), ("周二", dt.date(2025, 1, 7))],
)
def test_chinese_and_japanese_dates_resolve_without_an_invented_year(when: str, value: dt.date) -> None:
    # dateparser read "12月26日" as January 26, 2012: the month became a year.
    assert resolve_date(when, dt.date(2025, 1, 9), sentence=when).value == value


def test_a_number_read_as_a_year_the_text_does_not_give_leaves_the_date_unknown() -> None:
    # dateparser reads "Nov 12 at 14" as Nov. 12, 2014: a year the words do not give.
    assert resolve_date("Nov 12 at 14", dt.date(2025, 1, 9)).value is None
    assert resolve_date("a decade ago", dt.date(2025, 1, 9)).value == dt.date(2015, 1, 1)  # no number: kept


def test_a_day_of_the_month_alone_is_that_day_of_the_nearest_month_on_its_side() -> None:
    """'on the 14th' in an article of 9 Jan. 2025 is 14 Dec. 2024 (it was 14 Jan. 2024); 'the 3rd' is 3 Jan.
    2025 (it was 1 March 2024, month precision); a planned 'on the 20th' is 20 Jan. 2025."""
    import datetime as dt

    from summarizer.core.schema import Precision
    from summarizer.text.dates import resolve_date

    ref = dt.date(2025, 1, 9)
    assert resolve_date("on the 14th", ref).value == dt.date(2024, 12, 14)
    assert resolve_date("the 3rd", ref).value == dt.date(2025, 1, 3)
    assert resolve_date("the 3rd", ref).precision is Precision.day
    assert resolve_date("on the 20th", ref, planned=True).value == dt.date(2025, 1, 20)
    assert resolve_date("the 31st", dt.date(2025, 5, 9)).value == dt.date(2025, 3, 31)  # April has no 31st


def test_a_consequence_takes_its_happenings_date_and_a_statement_or_relief_none() -> None:
    """LABELLING.md §15.8: casualties and damage caused by a dated quake take its date; a bare statement,
    rescue, relief or an investigation with no time words of their own stay undated (never the article's day)."""
    sunday = dt.date(2024, 12, 29)
    H, L = EventType.humanitarian, EventType.legal
    events = [
        _event(1, "on Sunday", sunday, description="struck the island"),
        _event(5, None, None, type=H, description="50 were injured"),  # a toll, told on Monday
        _event(7, None, None, description="the airport was damaged"),
        _event(8, None, None, type=H, description="handed out blankets and tents"),
        _event(9, None, None, type=EventType.diplomatic, description="told AFP"),
        _event(10, None, None, type=L, description="are examining the site of the blast"),
        _event(11, None, None, type=L, description="extended her remand"),  # a court step: news of the day
    ]
    dated = imply_dates(events, NEW_YEAR)
    assert [(e.date.value, e.date.implied) for e in dated] == [
        (sunday, False),
        (sunday, True),
        (sunday, True),
        (None, False),
        (None, False),
        (None, False),
        (NEW_YEAR, True),
    ]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("In the early hours of Monday", dt.date(2013, 9, 9)),  # LABELLING §15.8: that day, precision day
        ("After Monday's robbery", dt.date(2013, 9, 9)),  # the weekday owns the robbery
        ("Sunday's vote", dt.date(2013, 9, 8)),
    ],
)
def test_a_weekday_in_the_early_hours_or_owning_a_noun_is_that_day(words: str, value: dt.date) -> None:
    date = resolve_date(words, dt.date(2013, 9, 9), sentence=f"{words}, thieves rammed a car into a store.")
    assert (date.value, date.precision) == (value, Precision.day)


@pytest.mark.parametrize("words", ["too", "to", "so", "two", "Sa"])
def test_an_english_word_read_as_another_languages_abbreviation_is_no_date(words: str) -> None:
    # dateparser reads every language at once: "too"/"to" as a Scandinavian "to." (torsdag), "so" as a German
    # "So." (Sonntag). "Residents of Sonoma County felt it, too" was dated a week before the paper.
    assert resolve_date(words, dt.date(2013, 3, 14)).value is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("gestern", dt.date(2013, 3, 13)),
        ("avant-hier", dt.date(2013, 3, 12)),
        ("la semaine dernière", dt.date(2013, 3, 4)),
        ("geçen hafta", dt.date(2013, 3, 4)),
        ("the weekend", dt.date(2013, 3, 9)),
        ("Sonntag", dt.date(2013, 3, 10)),
    ],
)
def test_time_words_of_any_language_still_resolve(words: str, value: dt.date) -> None:
    assert resolve_date(words, dt.date(2013, 3, 14)).value == value
