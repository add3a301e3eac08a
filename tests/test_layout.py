"""The lines of a news text (title, furniture, headings, body), datelines, sentence boundaries, encodings,
and the grounding check of summaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summarizer.core.errors import InputError
from summarizer.extract.summary_check import grounded_fallback, summary_problems
from summarizer.text.articles import parse_text, read_articles
from summarizer.text.layout import find_dateline, line_kinds
from summarizer.text.sentences import split_sentences


def test_title_furniture_and_headings_are_not_body() -> None:
    lines = [
        "3 July 2013 Last updated at 13:38 GMT",
        "Quake hits the coast",
        "By Jane Doe, Staff Reporter",
        "A quake hit the coast on Tuesday, killing five people.",
        "What happened next",
        "Rescuers searched the rubble overnight.",
        "Image caption: Rescuers at work",
        "Share this article",
    ]
    assert line_kinds(lines) == ["furniture", "title", "furniture", "body", "heading", "body", "furniture", "furniture"]


def test_a_sentence_broken_across_lines_is_body_not_a_heading() -> None:
    # A feed cut the lead sentence after its comma: "A magnitude 4.6 earthquake struck ... on Thursday morning,"
    # was taken for a heading, and the quake's only stated event was never read.
    lines = [
        "4.6 earthquake shakes Northern California",
        "A magnitude 4.6 earthquake struck Northern California on Thursday morning,",
        "The temblor struck about 26 miles north of Santa Rosa.",
        "What happened next",
    ]
    assert line_kinds(lines) == ["title", "body", "body", "heading"]


@pytest.mark.parametrize(
    ("line", "place", "date"),
    [
        ("GENEVA (Jan. 9, 2025) \u2014 A landslide buried a village.", "Geneva", dt.date(2025, 1, 9)),
        ("LONDON, Jan 9, 2025 (Reuters) - Shares fell.", "London", dt.date(2025, 1, 9)),
        ("WASHINGTON (AP) \u2014 The Senate voted.", "Washington", None),
        ("NEW YORK \u2014 Goldman Sachs expects a charge.", "New York", None),
        # Day before month, a press-release wire between slashes, a place in ordinary case before a full date.
        ("LONDON, 11 February 2025 (AFP) - Shares fell.", "London", dt.date(2025, 2, 11)),
        ("PARIS, March 3, 2024 /PRNewswire/ -- A company agreed to a deal.", "Paris", dt.date(2024, 3, 3)),
        ("Kelda, Feb. 11, 2025 - The governor resigned.", "Kelda", dt.date(2025, 2, 11)),
    ],
)
def test_datelines(line: str, place: str, date: dt.date | None) -> None:
    found = find_dateline(line)
    assert found is not None and (found.place, found.date) == (place, date)
    assert line[found.end :].startswith(("A ", "Shares", "The ", "Goldman"))


def test_a_place_in_ordinary_case_before_a_dash_is_no_dateline_without_a_full_date() -> None:
    assert find_dateline("Kelda - The governor resigned.") is None
    assert find_dateline("Officials said - in a statement - that it fell.") is None


def test_no_dateline_in_an_ordinary_sentence() -> None:
    assert find_dateline("The US-backed SDF took control - officials said.") is None
    assert find_dateline("A quake struck on Tuesday.") is None


def test_a_dateline_dates_an_undated_article_and_stays_in_its_first_sentence() -> None:
    article = parse_text("GENEVA (Jan. 9, 2025) \u2014 A landslide buried the village of Tavri on Tuesday.\n", "a")
    assert article.published == dt.date(2025, 1, 9) and article.dateline_place == "Geneva"
    assert article.sentences[0].text.startswith("GENEVA (Jan. 9, 2025) \u2014 A landslide")


def test_a_title_line_is_the_title_and_not_a_body_sentence() -> None:
    article = parse_text(
        "date: 2025-01-01\n\nDepot fire contained after two days\nA fire broke out late Sunday.\n", "a"
    )
    assert article.title == "Depot fire contained after two days"
    assert [s.kind for s in article.sentences] == ["title", "body"]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "About 2,000 people marched in Washington, D.C. Police arrested 14 protesters on Tuesday.",
            ["About 2,000 people marched in Washington, D.C.", "Police arrested 14 protesters on Tuesday."],
        ),
        (
            "The march was organised in the U.S. Organisers said a second march would follow.",
            ["The march was organised in the U.S.", "Organisers said a second march would follow."],
        ),
        ("A U.S. Navy band had been due to play.", ["A U.S. Navy band had been due to play."]),
        ("The U.S. Army said it had left.", ["The U.S. Army said it had left."]),
        (
            "Sen. John Smith and Lt. Col. Mary Jones spoke at 3 p.m. Monday. Gen. Ali said the army had left.",
            ["Sen. John Smith and Lt. Col. Mary Jones spoke at 3 p.m. Monday.", "Gen. Ali said the army had left."],
        ),
    ],
)
def test_sentence_boundaries_after_abbreviations(text: str, sentences: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == sentences


def test_windows_1252_is_named_when_refused_and_read_with_cp1252_or_a_latin_1_label(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("The council approved a \u20ac2.5 million grant \u2014 the town\u2019s bridge.".encode("cp1252"))
    with pytest.raises(InputError, match="cp1252 \\(windows-1252\\): pass --encoding cp1252"):
        read_articles(path)
    for label in ("cp1252", "latin-1", "iso-8859-1"):
        text = read_articles(path, encoding=label)[0].text
        assert "\u20ac2.5" in text and "town\u2019s" in text
        assert not any("\x80" <= c <= "\x9f" for c in text)


def test_a_byte_order_mark_and_crlf_lines_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfA quake struck on Tuesday.\r\nRescuers arrived.\r\n")
    article = read_articles(path)[0]
    assert [s.text for s in article.sentences] == ["A quake struck on Tuesday.", "Rescuers arrived."]


ARTICLE = (
    "Flash floods in the southern district of Tamsk killed nine people on Monday, the district governor said. "
    "On Tuesday the national guard sent boats to the village of Orel Dol."
)


@pytest.mark.parametrize(
    ("sentence", "problem"),
    [
        ("Flooding in Karvia killed at least 12 people.", "Karvia"),  # the worked example's names and numbers
        ("Flash floods killed 12 people in Tamsk.", "12"),
        ("Flash floods killed twelve people in Tamsk.", "12"),  # a number in words is a number too
        ("Forecasters expect another\u51ac\u5b63 of rain.", "\u51ac"),  # another script
        ("The floods in the stampede thatfollow. ed.", "thatfollow"),  # glued words
    ],
)
def test_a_summary_sentence_must_use_the_articles_words_and_numbers(sentence: str, problem: str) -> None:
    assert problem in " ".join(summary_problems(sentence, ARTICLE))


def test_a_grounded_summary_passes_and_a_failing_one_gives_way_to_the_articles_sentences() -> None:
    good = "Floods in Tamsk killed nine people on Monday, the governor said."
    assert summary_problems(good, ARTICLE) == []
    article_sentences = ARTICLE.split(". ")
    kept = grounded_fallback([good, "Flooding in Karvia killed 12."], article_sentences, ARTICLE)
    assert kept[0] == good and kept[1] == article_sentences[0]


def test_a_number_written_as_a_figure_for_the_articles_word_or_a_currency_named_for_its_sign_is_grounded() -> None:
    assert summary_problems("Flash floods in Tamsk killed 9 people on Monday.", ARTICLE) == []
    money = "The council approved a \u20ac2.5 million grant for the bridge."
    assert summary_problems("The council approved a 2.5 million euro grant for the bridge.", money) == []
    assert summary_problems("The council approved a 2.5 million dollar grant for the bridge.", money) != []


def test_a_headline_cut_short_with_an_ellipsis_is_still_the_title() -> None:
    """Wire feeds cut headlines ('Israel indicts teenage Palestinian girl who slapped...'): the line is the
    title, never a body sentence that events could be read from; an ellipsis inside the body stays body."""
    from summarizer.text.layout import line_kinds

    lines = [
        "Israel indicts teenage Palestinian girl who slapped...",
        "RAMALLAH, West Bank (AP) - An Israeli military court indicted a teenage girl on Monday.",
        "She said she would fight on...",
    ]
    assert line_kinds(lines) == ["title", "body", "body"]


def test_a_paraphrase_in_the_articles_own_script_may_use_a_few_new_characters_but_no_other_script() -> None:
    chinese = (
        "周二,一场山体滑坡掩埋了塔夫里村的一部分,造成至少11人死亡。救援队于1月8日抵达该村。"
        "约250名居民被疏散到附近的凯尔马镇。当地官员表示,搜救工作仍在进行。"
    )
    assert summary_problems("塔夫里村发生山体滑坡,至少11人死亡。", chinese) == []  # 发, 生: words of the paraphrase
    assert summary_problems("塔夫里村发生山体滑坡,至少11人死亡 Ж。", chinese) != []  # another script altogether
    assert summary_problems("Forecasters expect another\u51ac\u5b63 of rain.", ARTICLE) != []  # still a leak in English


def test_a_summary_item_cut_mid_sentence_is_joined_and_a_glued_word_is_not_the_articles() -> None:
    from summarizer.extract.summary_check import grounded_fallback, summary_problems

    article = (
        "A fire broke out at a fuel depot in the port town of Ostrehavn late Sunday night. "
        "Ferry services would resume on Wednesday once inspectors had checked the quays."
    )
    assert summary_problems("Ferry services would resumeon Wednesday.", article)  # "resume" + "on" run together
    assert not summary_problems("Ferry services would resume on Wednesday.", article)
    items = [
        "A fire broke out at a fuel depot and ferry services would resumeon",
        "Wednesday once inspectors had checked.",
    ]
    body = [
        "A fire broke out at a fuel depot in the port town of Ostrehavn late Sunday night.",
        "Ferry services would resume on Wednesday once inspectors had checked the quays.",
    ]
    kept = grounded_fallback(items, body, article)
    assert "Wednesday once inspectors had checked." not in kept  # no fragment survives its sentence
    assert kept[0] == body[0]
