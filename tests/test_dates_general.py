"""Dates in general news text: datelines and page lines in any language, a year moved only when the words
leave it out, weekday and month forms in other languages, days that carry the story on, and the future
written in the verb in French, Spanish, German and Italian."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.core.schema import Event, EventType, Evidence, Location, Precision, Status
from summarizer.text.articles import parse_text
from summarizer.text.dates import resolve_date, story_offset
from summarizer.text.implied_dates import imply_dates
from summarizer.text.layout import find_dateline, find_page_date, line_kinds
from summarizer.text.time_words import find_time_words, looks_like_time

BODY = "A landslide buried part of the village of Tavri on Tuesday, killing at least 11 people, the agency said."
JAN_9 = dt.date(2025, 1, 9)
NEW_YEAR = dt.date(2025, 1, 1)  # a Wednesday
FRIDAY = dt.date(2025, 3, 14)


# 1. Datelines and page lines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "place", "date"),
    [
        ("GENEVA, Jan. 9th, 2025 \u2014 ", "Geneva", JAN_9),
        ("Geneva (Jan. 9, 2025) \u2014 ", "Geneva", JAN_9),
        ("Jan. 9, 2025 \u2014 ", None, JAN_9),
        ("January 9, 2025 \u2014 GENEVA \u2014 ", "Geneva", JAN_9),
        ("Thursday, Jan. 9, 2025 \u2014 GENEVA \u2014 ", "Geneva", JAN_9),
        ("NEW YORK \u2014 Friday, Jan. 3, 2025 \u2014 ", "New York", dt.date(2025, 1, 3)),
        ("GENEVA, 2025-01-09 \u2014 ", "Geneva", JAN_9),
        ("GEN\u00c8VE, 9 janvier 2025 (AFP) - ", "Gen\u00e8ve", JAN_9),
        ("MADRID, 9 de enero de 2025 (EFE) - ", "Madrid", JAN_9),
        ("PAR\u00cdS, 9 ene 2025 (EFE) - ", "Par\u00eds", JAN_9),
        ("GENEVA, 9. Januar 2025 (dpa) - ", "Geneva", JAN_9),
    ],
)
def test_a_dateline_in_any_common_form_or_language_gives_its_place_and_date(
    head: str, place: str | None, date: dt.date
) -> None:
    found = find_dateline(head + BODY)
    assert found is not None and (found.place, found.date) == (place, date)
    assert (head + BODY)[found.end :] == BODY  # the whole dateline, and only it
    article = parse_text(head + BODY + "\nRescue teams reached the village yesterday.\n", "a")
    assert article.published == date and article.reference == date


def test_a_dateline_without_a_year_or_after_a_header_does_not_date_the_article() -> None:
    found = find_dateline("NEW YORK \u2014 Friday, Jan. 3 \u2014 " + BODY)
    assert found is not None and (found.place, found.date) == ("New York", None)
    assert ("NEW YORK \u2014 Friday, Jan. 3 \u2014 " + BODY)[found.end :] == BODY
    headed = parse_text("source: X\ndate: 2025-01-10\n\nGENEVA, 9. Januar 2025 (dpa) - " + BODY + "\n", "a")
    assert headed.published == dt.date(2025, 1, 10)  # the header date comes first
    assert find_dateline("PARIS, France 24 - The broadcaster said.") is None  # no date where one was read
    assert find_dateline("On Jan. 9, 2025 \u2014 the day the dam broke \u2014 11 people died.") is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Published 9 January 2025", JAN_9),
        ("Jan. 9, 2025 | 10:42 a.m. GMT", JAN_9),
        ("Last updated: Thursday, 9 January 2025, 13:38 GMT", JAN_9),
        ("By Jane Smith, Jan. 9, 2025", JAN_9),
        ("Posted on 2025-01-09", JAN_9),
        ("9 January 2025", JAN_9),
    ],
)
def test_a_page_line_gives_the_date_of_the_page(line: str, date: dt.date) -> None:
    lines = [line, "", "Landslide in Tavri", BODY]
    kinds = line_kinds(lines)
    assert kinds[0] == "furniture" and kinds[-1] == "body"
    assert find_page_date(lines, kinds) == date


def test_a_page_line_of_an_update_counts_only_when_no_other_line_dates_the_page() -> None:
    lines = ["Last updated: 10 January 2025", "Published 9 January 2025", "Landslide in Tavri", BODY]
    assert find_page_date(lines, line_kinds(lines)) == JAN_9
    # A byline without a date gives none; a caption dates its picture, not the page.
    for line in ("By Jane Smith", "Image caption: Rescuers on 9 January 2025"):
        lines = [line, "Landslide in Tavri", BODY]
        assert find_page_date(lines, line_kinds(lines)) is None


# 2. A year is moved only when the words leave it out ------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "sentence", "value", "precision"),
    [
        ("la semaine prochaine", "Les négociations reprendront la semaine prochaine.", dt.date(2025, 1, 6), "week"),
        ("l'année prochaine", "Les élections auront lieu l'année prochaine.", dt.date(2026, 1, 1), "year"),
        ("in two days", "Ferries resume in two days, the port said.", dt.date(2025, 1, 3), "day"),
        ("two weeks from now", "The vote is two weeks from now.", dt.date(2025, 1, 13), "week"),
        ("demain", None, dt.date(2025, 1, 2), "day"),
        ("a day later", None, None, "unknown"),  # counted from the story, never from the paper's day
        ("two days later", None, None, "unknown"),
        ("le 8 janvier", "Les pourparlers reprendront le 8 janvier.", dt.date(2025, 1, 8), "day"),
    ],
)
def test_a_form_that_states_its_direction_keeps_its_year(
    words: str, sentence: str | None, value: dt.date | None, precision: str
) -> None:
    date = resolve_date(words, NEW_YEAR, sentence=sentence)
    assert (date.value, date.precision.value, date.text) == (value, precision, words)


# 3. Month parts, small words before a date, weekday forms --------------------------------------------------


@pytest.mark.parametrize(
    ("words", "reference", "sentence", "value", "precision"),
    [
        ("in mid-January", dt.date(2024, 12, 30), "Talks will resume in mid-January.", dt.date(2025, 1, 1), "month"),
        ("mid-January", FRIDAY, None, dt.date(2025, 1, 1), "month"),
        ("el 30 de diciembre", NEW_YEAR, None, dt.date(2024, 12, 30), "day"),
        ("am 30. Dezember", NEW_YEAR, None, dt.date(2024, 12, 30), "day"),
        ("il 30 dicembre", NEW_YEAR, None, dt.date(2024, 12, 30), "day"),
        ("el martes 31 de diciembre", NEW_YEAR, None, dt.date(2024, 12, 31), "day"),
        ("this coming Monday", NEW_YEAR, None, dt.date(2025, 1, 6), "day"),
        ("the previous Sunday", NEW_YEAR, None, dt.date(2024, 12, 29), "day"),
        ("this past Friday", NEW_YEAR, None, dt.date(2024, 12, 27), "day"),
        ("the following Monday", NEW_YEAR, None, dt.date(2025, 1, 6), "day"),
        ("Monday next week", NEW_YEAR, None, dt.date(2025, 1, 6), "day"),
        ("next week on Monday", NEW_YEAR, None, dt.date(2025, 1, 6), "day"),
        ("Friday of last week", NEW_YEAR, None, dt.date(2024, 12, 27), "day"),
        ("mardi soir", FRIDAY, None, dt.date(2025, 3, 11), "day"),
        ("jeudi matin", FRIDAY, None, dt.date(2025, 3, 13), "day"),
        ("ce mardi", FRIDAY, None, dt.date(2025, 3, 11), "day"),
        ("martes por la noche", FRIDAY, None, dt.date(2025, 3, 11), "day"),
        ("este martes", FRIDAY, None, dt.date(2025, 3, 11), "day"),
        ("am Dienstagabend", FRIDAY, None, dt.date(2025, 3, 11), "day"),
        ("am kommenden Montag", FRIDAY, None, dt.date(2025, 3, 17), "day"),
        ("am vergangenen Dienstag", FRIDAY, None, dt.date(2025, 3, 11), "day"),
        ("w przyszły poniedziałek", FRIDAY, None, dt.date(2025, 3, 17), "day"),
        ("na terça-feira", FRIDAY, None, dt.date(2025, 3, 11), "day"),
    ],
)
def test_month_parts_small_words_and_weekday_forms_resolve(
    words: str, reference: dt.date, sentence: str | None, value: dt.date, precision: str
) -> None:
    date = resolve_date(words, reference, sentence=sentence)
    assert (date.value, date.precision.value) == (value, precision)


def test_the_search_reads_a_date_after_a_small_word_and_nothing_else() -> None:
    assert resolve_date("el 30 de diciembre", NEW_YEAR).value == dt.date(2024, 12, 30)
    for words in ("almost two years after", "within a week", "Nov 12 at 14"):
        assert resolve_date(words, NEW_YEAR).value is None
    # A month-day without its year still takes the year on its side of the paper's day.
    assert resolve_date("le 30 décembre", NEW_YEAR).value == dt.date(2024, 12, 30)


@pytest.mark.parametrize(
    ("sentence", "words", "value", "precision"),
    [
        # Time words the model often leaves out, found in the sentence and resolved (paper of Thursday 2 Jan).
        ("Firefighters contained the blaze two days ago.", "two days ago", dt.date(2024, 12, 31), Precision.day),
        ("Firefighters contained the blaze a week ago.", "a week ago", dt.date(2024, 12, 23), Precision.week),
        (
            "Firefighters contained the blaze over the weekend.",
            "over the weekend",
            dt.date(2024, 12, 28),
            Precision.week,
        ),
        ("Protesters clashed with police at the weekend.", "at the weekend", dt.date(2024, 12, 28), Precision.week),
        ("Firefighters contained the blaze last weekend.", "last weekend", dt.date(2024, 12, 28), Precision.week),
        (
            "Firefighters contained the blaze over the past weekend.",
            "over the past weekend",
            dt.date(2024, 12, 28),
            Precision.week,
        ),
        ("Firefighters contained the blaze on the 30th.", "on the 30th", dt.date(2024, 12, 30), Precision.day),
        ("The bank cut rates in mid-December.", "in mid-December", dt.date(2024, 12, 1), Precision.month),
        # A forecast looks ahead: the weekend to come.
        ("Forecasters expect more rain over the weekend.", "over the weekend", dt.date(2025, 1, 4), Precision.week),
    ],
)
def test_time_words_the_model_leaves_out_are_found_and_resolved(
    sentence: str, words: str, value: dt.date, precision: Precision
) -> None:
    assert find_time_words(sentence) == words
    date = resolve_date(words, dt.date(2025, 1, 2), sentence=sentence)
    assert (date.value, date.precision) == (value, precision)


@pytest.mark.parametrize(
    "sentence",
    ["Fire broke out on the 5th floor of the tower.", "It was the worst flooding in 10 years."],
)
def test_an_ordinal_before_a_noun_or_a_span_of_years_is_no_time(sentence: str) -> None:
    assert find_time_words(sentence) is None


def test_n_ago_in_a_relative_clause_is_background_but_a_day_there_still_dates_the_sentence() -> None:
    background = "South Sudan, which became the world's newest country four months ago, said it fears an invasion."
    assert find_time_words(background) is None
    assert find_time_words("Smith, who took office two years ago, resigned.") is None
    assert find_time_words("The quake, which struck on Sunday, killed 10 people.") == "on Sunday"
    assert find_time_words("Rebels seized the town two days ago, officials said.") == "two days ago"
    predicate = "Stations were hung with pictures of Niyazov, who ruled the country until his death in 2006."
    assert find_time_words(predicate) is None  # a clause about a noun after the verb: background
    assert find_time_words("Police arrested a man, who was wanted for a murder in 2019, on Monday.") == "on Monday"


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        # A plan's event dated by the deed that set it: that deed's day, done (paper of Wednesday 5 May 2010).
        ("The government agreed at the weekend to slash spending.", "at the weekend", dt.date(2010, 5, 1)),
        ("In a statement released Nov. 10, the White House urged a halt.", "Nov. 10", dt.date(2009, 11, 10)),
        ("The union voted on Friday to strike.", "on Friday", dt.date(2010, 4, 30)),
        # The plan's own time still looks ahead.
        ("The union will strike on Friday.", "on Friday", dt.date(2010, 5, 7)),
        ("The vote, scheduled on Friday, is key.", "on Friday", dt.date(2010, 5, 7)),
    ],
)
def test_a_planned_event_dated_by_a_past_verb_is_dated_behind(sentence: str, words: str, value: dt.date) -> None:
    assert resolve_date(words, dt.date(2010, 5, 5), sentence=sentence, planned=True).value == value


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        # Time words of other languages, found when the model gives none (paper of Friday 14 March 2025).
        ("Les dockers ont cessé le travail mardi.", "mardi", dt.date(2025, 3, 11)),
        ("Les négociations reprendront lundi prochain.", "lundi prochain", dt.date(2025, 3, 17)),
        ("La réunion aura lieu le 3 janvier.", "le 3 janvier", dt.date(2026, 1, 3)),
        ("Los estibadores pararon el martes.", "el martes", dt.date(2025, 3, 11)),
        ("Los estibadores pararon el 30 de diciembre.", "el 30 de diciembre", dt.date(2024, 12, 30)),
        ("Die Hafenarbeiter streikten am Dienstag.", "am Dienstag", dt.date(2025, 3, 11)),
        ("Il presidente ha parlato martedì sera a Roma.", "martedì sera", dt.date(2025, 3, 11)),
    ],
)
def test_time_words_of_other_languages_are_found(sentence: str, words: str, value: dt.date) -> None:
    assert find_time_words(sentence) == words
    assert resolve_date(words, FRIDAY, sentence=sentence).value == value


def test_a_foreign_weekday_name_in_english_prose_is_no_time() -> None:
    assert find_time_words("Joi Ito spoke to reporters at the lab.") is None  # "joi": Thursday in Romanian
    assert find_time_words("Mars rover lands.") is None


@pytest.mark.parametrize(
    ("words", "reference", "planned", "value"),
    [
        ("on New Year's Eve", dt.date(2025, 1, 2), False, dt.date(2024, 12, 31)),
        ("on Christmas Day", NEW_YEAR, False, dt.date(2024, 12, 25)),
        ("Christmas Eve", NEW_YEAR, False, dt.date(2024, 12, 24)),
        ("New Year's Day", dt.date(2025, 1, 2), False, NEW_YEAR),
        ("on Thanksgiving", dt.date(2024, 12, 2), False, dt.date(2024, 11, 28)),  # movable: 4th Thursday
        ("Good Friday", dt.date(2025, 4, 20), False, dt.date(2025, 4, 18)),
        ("over Easter", dt.date(2025, 4, 22), False, dt.date(2025, 4, 20)),
        ("Boxing Day", dt.date(2024, 12, 20), True, dt.date(2024, 12, 26)),
        ("Christmas", dt.date(2025, 12, 1), True, dt.date(2025, 12, 25)),
        # A name kept on different days by different countries names no date.
        ("on Independence Day", dt.date(2025, 8, 20), False, None),
    ],
)
def test_named_holidays_are_dates(words: str, reference: dt.date, planned: bool, value: dt.date | None) -> None:
    assert resolve_date(words, reference, planned=planned).value == value


def test_holiday_names_are_time_words_and_a_longer_name_holds_its_weekday() -> None:
    assert find_time_words("Shops closed on Christmas Eve.") == "on Christmas Eve"
    assert find_time_words("The bank reopened after Easter Monday.") == "Easter Monday"
    assert find_time_words("May Day marches turned violent on Friday.") is None  # two times: neither taken


@pytest.mark.parametrize(
    ("words", "sentence", "reference", "value"),
    [
        # A span of days is reported by its first day.
        ("Jan. 8-10", "Talks will be held Jan. 8-10.", dt.date(2024, 12, 30), dt.date(2025, 1, 8)),
        (
            "between Jan. 8 and 10",
            "Talks will be held between Jan. 8 and 10.",
            dt.date(2024, 12, 30),
            dt.date(2025, 1, 8),
        ),
        ("March 3 and 4", "Storms hit on March 3 and 4.", FRIDAY, dt.date(2025, 3, 3)),
        ("Sunday night into Monday", "Storms hit on Sunday night into Monday.", NEW_YEAR, dt.date(2024, 12, 29)),
        ("at the end of last year", "Output fell at the end of last year.", FRIDAY, dt.date(2024, 1, 1)),
        # Timetables with a plural subject, "for" a day, and what only looks like one.
        ("on Friday", "Ferries resume on Friday, the port authority said.", NEW_YEAR, dt.date(2025, 1, 3)),
        ("Friday", "Lawmakers vote Friday on the bill.", NEW_YEAR, dt.date(2025, 1, 3)),
        ("for Friday", "The union has called a strike for Friday.", NEW_YEAR, dt.date(2025, 1, 3)),
        ("Friday", "He was jailed for Friday's attack.", NEW_YEAR, dt.date(2024, 12, 27)),
        ("on Friday", "The votes on Friday were counted.", NEW_YEAR, dt.date(2024, 12, 27)),
        ("on Thursday", "The measures are to be voted on Thursday.", NEW_YEAR, dt.date(2025, 1, 2)),
    ],
)
def test_spans_and_timetables(words: str, sentence: str, reference: dt.date, value: dt.date) -> None:
    assert resolve_date(words, reference, sentence=sentence).value == value


# 4. A sentence that carries the story's day on ------------------------------------------------------------

STORM_DAY = dt.date(2025, 6, 3)  # the Tuesday before Thursday 5 June 2025
FIRST = "A severe storm hit the river town of Dolna Brana on Tuesday, the regional government said."


def _event(number: int, sentence: str, when: str | None, kind: EventType = EventType.disaster) -> Event:
    return Event(
        id=f"e{number}",
        type=kind,
        description=sentence[:30],
        actors=[],
        locations=[Location(name="Dolna Brana", canonical="Dolna Brana", country=None)] if number == 1 else [],
        date=resolve_date(when, dt.date(2025, 6, 5), sentence=sentence),
        status=Status.asserted,
        historical=False,
        quantities=[],
        evidence=[Evidence(sentence_id=number, start=0, end=len(sentence), text=sentence)],
    )


@pytest.mark.parametrize(
    ("sentence", "kind", "value"),
    [
        ("Later that day, floodwater cut the main road to the hospital.", EventType.disaster, STORM_DAY),
        ("Hours later, the river burst its banks.", EventType.disaster, STORM_DAY),
        ("On the same day, police arrested two looters in the town.", EventType.legal, STORM_DAY),
        ("The next day, the river burst its banks.", EventType.disaster, dt.date(2025, 6, 4)),
        ("The following morning, the river burst its banks.", EventType.disaster, dt.date(2025, 6, 4)),
        ("A day later, the river burst its banks.", EventType.disaster, dt.date(2025, 6, 4)),
        ("Le lendemain, la rivière est sortie de son lit.", EventType.disaster, dt.date(2025, 6, 4)),
    ],
)
def test_a_sentence_that_carries_the_story_on_counts_from_the_day_told_before(
    sentence: str, kind: EventType, value: dt.date
) -> None:
    when = find_time_words(sentence)  # what the pipeline takes when the model gives no time
    assert when is not None and looks_like_time(when) and story_offset(when) is not None
    dated = imply_dates([_event(1, FIRST, "on Tuesday"), _event(2, sentence, when, kind)], dt.date(2025, 6, 5))
    assert (dated[1].date.value, dated[1].date.precision, dated[1].date.text) == (value, Precision.day, when)
    assert not dated[1].date.implied  # the sentence states its time, relative to the one before


def test_story_words_inside_another_clause_do_not_date_the_main_one() -> None:
    opening = "Several hours later, residents slept outside."
    assert find_time_words(opening) == "Several hours later"
    events = [_event(1, FIRST, "on Tuesday"), _event(2, opening, "Several hours later", EventType.humanitarian)]
    assert imply_dates(events, dt.date(2025, 6, 5))[1].date.value == STORM_DAY
    sentence = "Residents slept outside after a second quake jolted the area several hours later."
    assert find_time_words(sentence) is None
    events = [_event(1, FIRST, "on Tuesday"), _event(2, sentence, "several hours later", EventType.humanitarian)]
    assert imply_dates(events, dt.date(2025, 6, 5))[1].date.value is None
    # Nothing told before: the words stay unresolved rather than taking the paper's day.
    alone = imply_dates([_event(2, "The next day, the river burst its banks.", "The next day")], NEW_YEAR)
    assert alone[0].date.value is None


@pytest.mark.parametrize(
    ("sentence", "kind", "value"),
    [
        # A step of the dated happening with nothing of its own (no place, no doer): the happening's day.
        ("It hit at 1:53 p.m. local time, the agency said.", EventType.disaster, STORM_DAY),
        ("Three strong aftershocks were felt.", EventType.disaster, STORM_DAY),
        # Another kind of happening is not a step of the storm: news of the paper's day.
        ("Gunmen opened fire on a bus.", EventType.attack, dt.date(2025, 6, 5)),
    ],
)
def test_an_undated_step_without_place_or_doer_continues_the_dated_happening(
    sentence: str, kind: EventType, value: dt.date
) -> None:
    # Sentence 3, so the sentence-before fallback (sentence 2 is not dated) cannot give the storm's day.
    between = _event(2, "Officials urged calm.", None, EventType.political)
    events = [_event(1, FIRST, "on Tuesday"), between, _event(3, sentence, None, kind)]
    dated = imply_dates(events, dt.date(2025, 6, 5))[2]
    assert (dated.date.value, dated.date.implied) == (value, True)


# 5. The future written in the verb ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("Les négociations reprendront lundi à Montpellier.", "lundi", dt.date(2025, 3, 17)),
        ("Le syndicat va manifester lundi devant la préfecture.", "lundi", dt.date(2025, 3, 17)),
        ("Les dockers feront grève mardi.", "mardi", dt.date(2025, 3, 18)),
        ("La réunion aura lieu le 3 avril.", "le 3 avril", dt.date(2025, 4, 3)),
        ("Las negociaciones se reanudarán el lunes.", "el lunes", dt.date(2025, 3, 17)),
        ("Los sindicatos van a protestar el martes.", "el martes", dt.date(2025, 3, 18)),
        ("Die Gespräche sollen am Montag fortgesetzt werden.", "am Montag", dt.date(2025, 3, 17)),
        ("Die Gewerkschaft wird am Dienstag streiken.", "am Dienstag", dt.date(2025, 3, 18)),
        ("I negoziati riprenderanno lunedì.", "lunedì", dt.date(2025, 3, 17)),
    ],
)
def test_the_future_tense_of_other_languages_points_forward(sentence: str, words: str, value: dt.date) -> None:
    assert resolve_date(words, FRIDAY, sentence=sentence).value == value


NEW_YEARS_EVE_EVE = dt.date(2024, 12, 30)  # a Monday


@pytest.mark.parametrize(
    ("sentence", "words", "reference", "value"),
    [
        # A timetable in the English present tense is ahead of the paper's day, not behind it.
        ("The summit opens on Friday in Geneva.", "on Friday", NEW_YEAR, dt.date(2025, 1, 3)),
        ("Voters go to the polls on Sunday.", "on Sunday", NEW_YEAR, dt.date(2025, 1, 5)),
        ("The vote is this Friday.", "this Friday", NEW_YEAR, dt.date(2025, 1, 3)),
        ("The new law takes effect on Jan. 1.", "on Jan. 1", NEW_YEARS_EVE_EVE, dt.date(2025, 1, 1)),
        ("Parliament reconvenes Jan. 7.", "Jan. 7", NEW_YEARS_EVE_EVE, dt.date(2025, 1, 7)),
        ("Elections are due in January.", "in January", NEW_YEARS_EVE_EVE, dt.date(2025, 1, 1)),
        ("The trial, which opens on Tuesday, was delayed twice.", "on Tuesday", NEW_YEAR, dt.date(2025, 1, 7)),
        # The past, a noun that looks like a verb, and a present verb of another clause keep the day behind.
        ("The summit opened on Friday in Geneva.", "on Friday", NEW_YEAR, dt.date(2024, 12, 27)),
        ("The vote on Friday was close.", "on Friday", NEW_YEAR, dt.date(2024, 12, 27)),
        ("Mr Smith, who is 54, was arrested on Monday.", "on Monday", NEW_YEAR, dt.date(2024, 12, 30)),
        ("The death toll is 12 after the bombing on Monday.", "on Monday", NEW_YEAR, dt.date(2024, 12, 30)),
    ],
)
def test_an_english_timetable_in_the_present_tense_points_forward(
    sentence: str, words: str, reference: dt.date, value: dt.date
) -> None:
    assert resolve_date(words, reference, sentence=sentence).value == value


def test_weeks_ago_is_reported_by_the_monday_of_that_week() -> None:
    date = resolve_date("two weeks ago", NEW_YEAR)  # a Wednesday: 18 December is a Wednesday too
    assert (date.value, date.precision) == (dt.date(2024, 12, 16), Precision.week)


@pytest.mark.parametrize(
    ("future", "past", "words"),
    [
        ("Les dockers feront grève mardi.", "Les dockers ont cessé le travail mardi.", "mardi"),
        ("Los estibadores volverán a la huelga el martes.", "Los estibadores pararon el martes.", "el martes"),
        ("Die Hafenarbeiter werden am Dienstag streiken.", "Die Hafenarbeiter streikten am Dienstag.", "am Dienstag"),
    ],
)
def test_the_same_weekday_goes_forward_in_the_future_tense_and_back_in_the_past(
    future: str, past: str, words: str
) -> None:
    assert resolve_date(words, FRIDAY, sentence=future).value == dt.date(2025, 3, 18)
    assert resolve_date(words, FRIDAY, sentence=past).value == dt.date(2025, 3, 11)


@pytest.mark.parametrize("verb", ["threatened", "has vowed", "pledged", "promised", "hopes"])
def test_a_threat_or_a_pledge_to_act_points_forward(verb: str) -> None:
    sentence = f"The union {verb} to strike on Friday."
    assert resolve_date("on Friday", NEW_YEAR, sentence=sentence).value == dt.date(2025, 1, 3)
    # the threat itself, dated before the words for what is threatened, stays in the past
    assert resolve_date("on Friday", NEW_YEAR, sentence="The union threatened on Friday to strike.").value == (
        dt.date(2024, 12, 27)
    )


@pytest.mark.parametrize("words", ["around 15 seconds", "for 30 minutes", "nearly two hours", "lasted 40 seconds"])
def test_a_duration_is_no_date(words: str) -> None:
    assert resolve_date(words, dt.date(2013, 7, 3)).value is None
