"""Input parsing: header styles, JSONL, stdin, bad input, normalisation offsets, sentence splitting."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from summarizer.core.errors import InputError
from summarizer.text.articles import parse_text, read_articles
from summarizer.text.sentences import split_sentences
from summarizer.text.textnorm import normalise

from .conftest import SEEDS, SMALL_ARTICLE


def test_seed_header_gives_date_and_is_not_text() -> None:
    article = parse_text(SMALL_ARTICLE, "small")
    assert article.published == dt.date(2024, 12, 6)
    assert not article.text.startswith("date")
    assert article.sentences[0].text.startswith("Rebels seized")


def test_corpus_header_style() -> None:
    raw = (
        "source: Reuters UK <https://example.org/a>\ndate: 2018-02-06\n\n"
        "Broadcom bids\nBroadcom made an offer on Monday.\n"
    )
    article = parse_text(raw, "x")
    assert (article.source, article.url, article.published) == (
        "Reuters UK",
        "https://example.org/a",
        dt.date(2018, 2, 6),
    )
    assert article.title == "Broadcom bids"
    assert [s.text for s in article.sentences] == ["Broadcom bids", "Broadcom made an offer on Monday."]


def test_every_sentence_maps_back_to_the_original_text() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_articles(path)[0]
        for sentence in article.sentences:
            original = article.original[sentence.start : sentence.end]
            assert " ".join(original.split()) == sentence.text, (path.name, sentence.id)


def test_offsets_survive_unicode_and_whitespace_normalisation() -> None:
    raw = "Title\r\n\r\n\r\nThe\u00a0army  moved\u200b on Tuesday.\tIt  won."
    norm = normalise(raw)
    assert norm.text == "Title\n\nThe army moved on Tuesday. It won."
    start = norm.text.index("moved")
    s, e = norm.original_span(start, start + len("moved on Tuesday."))
    assert raw[s:e] == "moved\u200b on Tuesday."


@pytest.mark.parametrize(
    "text",
    [
        "Amid escalating clashes on Nov. 27, opposition forces advanced in Idlib.",
        "The U.S.-backed group controls the area east of the river.",
    ],
)
def test_abbreviations_do_not_split_sentences(text: str) -> None:
    assert len(split_sentences(text)) == 1


def test_jsonl_records(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    records = [
        {"id": "a", "source": "S", "url": None, "date": "2024-12-06", "title": "T", "text": "One thing happened."},
        {"id": "b", "text": "Another thing happened on Friday."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    articles = read_articles(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert articles[0].published == dt.date(2024, 12, 6) and articles[1].published is None


def test_stdin() -> None:
    articles = read_articles("-", stdin_bytes=SMALL_ARTICLE.encode())
    assert articles[0].id == "stdin" and len(articles[0].sentences) == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t \n", "is empty"),
        (b"\x00\x01\x02binary\x00", "looks binary"),
        ("Caf\u00e9 news".encode("latin-1"), "--encoding cp1252"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message.replace("-", r"\-")):
        read_articles(path)


def test_latin1_reads_with_the_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le caf\u00e9 a ferm\u00e9 mardi.".encode("latin-1"))
    assert read_articles(path, encoding="latin-1")[0].text == "Le caf\u00e9 a ferm\u00e9 mardi."


def test_missing_file_and_bad_jsonl(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_articles(tmp_path / "nope.txt")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n')
    with pytest.raises(InputError, match="line 1: field text"):
        read_articles(bad)


def test_articles_in_scripts_without_spaces_have_body_sentences_that_are_asked_about() -> None:
    # Every Chinese or Japanese sentence used to be a "title" or "heading" (no "." at its end, one "word"
    # by spaces), so such an article got no events at all.
    from summarizer.extract.pipeline import plan_chunks
    from summarizer.text.wordcount import count_words

    for text in (
        "地震发生在周二凌晨。当局表示，至少有十人死亡。救援队已抵达灾区。",
        "地震は火曜日の早朝に発生した。当局によると、少なくとも10人が死亡した。",
    ):
        article = parse_text(text, "cjk")
        assert [s.kind for s in article.sentences] == ["body"] * len(article.sentences)
        assert len(article.sentences) >= 2
        assert plan_chunks(article.sentences, 3)  # long enough to state an event
        assert all(count_words(s.text) >= 4 for s in article.sentences)


def test_word_counts_for_spaced_and_unspaced_scripts() -> None:
    from summarizer.text.wordcount import count_words

    assert count_words("Depot fire in Ostrehavn contained after two days") == 8
    assert count_words("地震发生在周二凌晨。") == 5  # nine ideographs: about five words
    assert count_words("แผ่นดินไหวเกิดขึ้นเมื่อวันอังคาร") == 8
    assert count_words("") == 0
