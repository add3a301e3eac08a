"""Article files in any encoding (the kind of case 10, evals/cases/10-cp1252-smart-quotes, in general).

A byte-order mark decides the encoding, whatever --encoding says (UTF-16 and UTF-32 files are text, not
"binary"); windows-1252 keeps its quotes and euro signs even when the file holds one of the five bytes it
leaves undefined; and a file that cannot be read is refused (exit 2, one line) with the fix: the offset of
a stray byte in a UTF-8 file, else the encoding the file is really in, windows-1252 first.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252, the way browsers decode it)
import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.core.errors import InputError
from summarizer.core.schema import ArticleSummary
from summarizer.text.articles import Article, read_articles, repair_text
from summarizer.text.quantities import find_quantities

from .faultserver import FaultServer
from .reliability_support import cli_env

runner = CliRunner()

HEAD = "source: Herald <https://news.example.org/x>\ndate: 2024-02-15\n\n"
FIRST = (
    "The council approved a \u20ac2.5 million grant on Tuesday to repair the bridge \u2014 the town\u2019s only "
    "crossing."
)
SECOND = "\u201cWe can\u2019t wait for another winter,\u201d said council member Ana Varga."
TEXT = f"{HEAD}{FIRST}\n{SECOND}\n"

# The same article in each Unicode form that carries a byte-order mark.
WITH_BOM = {
    "utf-8": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf-16-le": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf-16-be": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "utf-32-le": codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    "utf-32-be": codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
}


def write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_reads_as_written(article: Article, original: str = TEXT) -> None:
    """Headers as metadata, the body's sentences as written, each found at its place in the original."""
    assert article.original == original
    assert (article.source, article.url, article.published) == (
        "Herald",
        "https://news.example.org/x",
        dt.date(2024, 2, 15),
    )
    assert [s.text for s in article.sentences[:2]] == [FIRST, SECOND]
    for sentence, written in zip(article.sentences, (FIRST, SECOND), strict=False):
        start = original.index(written)
        assert (sentence.start, sentence.end) == (start, start + len(written))
        assert article.original[sentence.start : sentence.end] == written


# --- a byte-order mark decides ------------------------------------------------------------------------


@pytest.mark.parametrize("form", sorted(WITH_BOM))
@pytest.mark.parametrize("flag", ["utf-8", "utf-16", "cp1252", "latin-1"])
def test_a_byte_order_mark_decides_whatever_the_encoding_flag_says(tmp_path: Path, form: str, flag: str) -> None:
    article = read_articles(write(tmp_path, WITH_BOM[form]), encoding=flag)[0]
    assert_reads_as_written(article)  # the mark itself is dropped: offsets count from the first header
    assert article.text == f"{FIRST}\n{SECOND}"


def test_utf16_and_utf32_through_standard_input_and_as_jsonl(tmp_path: Path) -> None:
    article = read_articles("-", stdin_bytes=WITH_BOM["utf-16-le"])[0]
    assert_reads_as_written(article)
    record = '{"id": "a1", "date": "2024-02-15", "text": "\u201cWe can\u2019t wait,\u201d she said."}\n'
    [from_jsonl] = read_articles(write(tmp_path, record.encode("utf-32"), "records.jsonl"))
    assert (from_jsonl.id, from_jsonl.text) == ("a1", "\u201cWe can\u2019t wait,\u201d she said.")


def test_utf16_without_a_mark_reads_with_the_flag_and_without_it_is_told_the_flag(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        path = write(tmp_path, TEXT.encode(codec))
        assert_reads_as_written(read_articles(path, encoding=codec)[0])
        with pytest.raises(InputError) as refused:
            read_articles(path)
        assert str(refused.value) == (
            f"{path} looks like {codec.upper()} text without a byte-order mark; pass --encoding {codec}, "
            f"or convert it with iconv -f {codec} -t utf-8"
        )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (bytes(range(256)), "looks binary"),  # binary stays binary under any flag
        (b"\x00\xff\x00", "looks binary"),
        (codecs.BOM_UTF16_LE + "  \n\t".encode("utf-16-le"), "is empty"),  # was "looks binary"
        (codecs.BOM_UTF8, "is empty"),
        (WITH_BOM["utf-16-le"][:-1], "starts with a UTF-16-LE byte-order mark but is not valid UTF-16-LE"),
    ],
    ids=["all-bytes", "nul-ff-nul", "utf16-blank", "utf8-mark-only", "utf16-cut-short"],
)
@pytest.mark.parametrize("flag", ["utf-8", "utf-16", "latin-1"])
def test_binary_empty_and_cut_short_files_are_still_refused(tmp_path: Path, data: bytes, words: str, flag: str) -> None:
    with pytest.raises(InputError, match=words):
        read_articles(write(tmp_path, data), encoding=flag)


# --- windows-1252 with one of its five undefined bytes ------------------------------------------------------


@pytest.mark.parametrize("undefined", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
@pytest.mark.parametrize("flag", ["cp1252", "windows-1252", "latin-1", "iso-8859-1"])
def test_an_undefined_windows_1252_byte_costs_one_character_not_every_quote(
    tmp_path: Path, undefined: int, flag: str
) -> None:
    data = TEXT.encode("cp1252") + b"File ref. A" + bytes([undefined]) + b"7.\n"
    article = read_articles(write(tmp_path, data), encoding=flag)[0]
    assert_reads_as_written(article, TEXT + f"File ref. A{chr(undefined)}7.\n")  # as latin-1 reads that byte
    assert sum("\x80" <= c <= "\x9f" for c in article.original) == 1
    money = find_quantities(article.sentences[0].text)
    assert [(q.kind.value, q.value, q.unit) for q in money] == [("money", 2_500_000.0, "EUR")]


# --- what an undecodable file is told ---------------------------------------------------------------------

POLISH = "W \u0141odzi \u017co\u0142nierze aresztowali 14 os\u00f3b w \u015brod\u0119, powiedzia\u0142a policja.\n"
RUSSIAN = "\u041f\u043e\u043b\u0438\u0446\u0438\u044f \u0437\u0430\u0434\u0435\u0440\u0436\u0430\u043b\u0430 14 \u0447\u0435\u043b\u043e\u0432\u0435\u043a \u0432 \u041c\u043e\u0441\u043a\u0432\u0435.\n"  # noqa: E501


@pytest.mark.parametrize(
    ("text", "codec", "told"),
    [
        # short windows-1252 texts with the euro sign and dashes (were told cp775 / cp437)
        ("The \u20ac3m project \u2013 delayed since 2021 \u2013 will start in March.\n", "cp1252", "cp1252"),
        ("Ticket prices rose to \u20ac12 from \u20ac10.\n", "cp1252", "cp1252"),
        (HEAD + "The fine was \u20ac60,000, the court said on Monday.\n", "cp1252", "cp1252"),
        (TEXT, "mac_roman", "mac_roman"),  # was hp_roman8
        ("The caf\u00e9\u2019s owner said 12 people were hurt.\n", "mac_roman", "mac_roman"),
        (POLISH, "cp1250", "cp1250"),  # was cp1252, which reads "W \u00a3odzi \u00bfo\u00b3nierze"
        ("\u201eJeste\u015bmy gotowi\u201d \u2013 powiedzia\u0142 burmistrz \u0141odzi.\n", "cp1250", "cp1250"),
        (RUSSIAN, "koi8_r", "koi8_r"),  # was shift_jis_2004
        # what was right stays right
        ("Caf\u00e9 news", "latin-1", "cp1252"),
        ("Police in Li\u00e8ge arrested 14 people on Tuesday.\n", "cp1252", "cp1252"),
        (RUSSIAN, "cp1251", "cp1251"),
    ],
    ids=lambda value: value[:12] if isinstance(value, str) and len(value) > 12 else None,
)
def test_an_undecodable_file_is_told_the_encoding_it_is_in_and_that_encoding_reads_it(
    tmp_path: Path, text: str, codec: str, told: str
) -> None:
    path = write(tmp_path, text.encode(codec))
    with pytest.raises(InputError) as refused:
        read_articles(path)
    message = str(refused.value)
    assert f"it looks like {told} (" in message and f"pass --encoding {told}, or convert it" in message, message
    assert read_articles(path, encoding=told)[0].original == text


def test_utf8_with_a_stray_byte_is_told_its_offset_not_another_encoding(tmp_path: Path) -> None:
    good = TEXT.encode("utf-8")
    offset = good.index(b"winter")
    data = good[:offset] + b"\xff" + good[offset:]
    path = write(tmp_path, data)
    with pytest.raises(InputError) as refused:
        read_articles(path)
    assert str(refused.value) == (
        f"{path} is UTF-8 with an invalid byte at offset {offset} (0xFF, line 5): correct it in an editor, "
        "or drop invalid bytes with iconv -f utf-8 -t utf-8 -c"
    )  # was "pass --encoding mac_iceland"
    assert data[offset] == 0xFF and data.decode("utf-8", errors="ignore") == TEXT  # what iconv -c leaves


def test_utf8_with_windows_1252_quotes_pasted_in_is_told_where_and_what_they_were(tmp_path: Path) -> None:
    good = TEXT.encode("utf-8")
    data = good.replace("\u201cWe".encode(), b"\x93We").replace("winter,\u201d".encode(), b"winter,\x94")
    offset = data.index(b"\x93")
    with pytest.raises(InputError) as refused:
        read_articles("-", stdin_bytes=data)
    assert str(refused.value).startswith(
        f"standard input is UTF-8 with 2 invalid bytes, the first at offset {offset} "
        "(0x93, \u201c in windows-1252, line 5)"
    )
    # With a byte-order mark and --encoding cp1252 the mark still decides: the offset counts the mark too.
    with pytest.raises(InputError, match=f"UTF-8 with 2 invalid bytes, the first at offset {offset + 3} "):
        read_articles("-", encoding="cp1252", stdin_bytes=codecs.BOM_UTF8 + data)


def test_valid_utf8_read_with_a_narrower_flag_is_told_to_read_it_as_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT.encode("utf-8"))
    with pytest.raises(InputError) as refused:
        read_articles(path, encoding="ascii")
    offset = TEXT.index("\u20ac")  # all ASCII before it: characters and bytes count alike
    assert str(refused.value) == f"{path} is not valid ascii (byte {offset}); it is valid UTF-8: pass --encoding utf-8"


# --- through the command line ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer(seed=1) as running:
        yield running


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (TEXT.encode("mac_roman"), "it looks like mac_roman (Mac OS Roman): pass --encoding mac_roman"),
        (TEXT.encode("utf-8").replace(b"winter", b"win\xffter"), "is UTF-8 with an invalid byte at offset"),
        (TEXT.encode("utf-16-le"), "pass --encoding utf-16-le"),
        (bytes(range(256)), "looks binary"),
    ],
    ids=["mac-roman", "utf8-stray-byte", "utf16-no-mark", "binary"],
)
def test_the_cli_refuses_with_one_line_that_names_the_fix(tmp_path: Path, data: bytes, message: str) -> None:
    result = runner.invoke(app, ["summarize", str(write(tmp_path, data))], env=cli_env())
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.usefixtures("one_sentence_per_request")
@pytest.mark.parametrize(
    ("data", "flag"), [(WITH_BOM["utf-16-le"], "utf-16"), (WITH_BOM["utf-8"], "cp1252")], ids=["utf16", "utf8-mark"]
)
def test_the_cli_summarises_a_file_with_a_mark_and_grounds_evidence_in_it(
    server: FaultServer, tmp_path: Path, data: bytes, flag: str
) -> None:
    path = write(tmp_path, data)
    args = ["summarize", str(path), "--encoding", flag, "--json", "--base-url", server.url, "--model", "fault-model"]
    result = runner.invoke(app, [*args, "--no-cache"], env=cli_env())
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate_json(result.stdout)
    assert (summary.article.source, summary.article.published) == ("Herald", dt.date(2024, 2, 15))
    evidence = [e for event in summary.events for e in event.evidence]
    assert {e.text for e in evidence} == {FIRST, SECOND}
    for e in evidence:
        assert (e.start, e.end) == (TEXT.index(e.text), TEXT.index(e.text) + len(e.text))


def test_a_page_line_or_a_time_stamp_dates_an_article_no_header_dates() -> None:
    """ "Published 9 January 2025" under the headline, and a feed's "2025-01-09T10:42:00Z" in a header or a
    JSONL record, give the day; a header's own date still comes first."""
    import datetime as dt

    from summarizer.text.articles import ArticleRecord, parse_text

    page = parse_text(
        "Dam breaks in Valdor\nPublished 9 January 2025\nA dam broke on Tuesday, flooding the valley.\n", "p"
    )
    assert page.published == dt.date(2025, 1, 9)
    stamped = parse_text("source: X\ndate: 2025-01-09T10:42:00Z\n\nA dam broke on Tuesday.\n", "s")
    assert stamped.published == dt.date(2025, 1, 9)
    record = ArticleRecord.model_validate({"id": "1", "text": "A dam broke.", "date": "2025-01-09T10:42:00Z"})
    assert record.date == dt.date(2025, 1, 9)
    header_first = parse_text("source: X\ndate: 2025-01-10\n\nPublished 9 January 2025\nA dam broke on Tuesday.\n", "h")
    assert header_first.published == dt.date(2025, 1, 10)


@pytest.mark.parametrize(
    "written",
    ["2025-01-09", "Jan. 9, 2025", "9 January 2025", "2025-01-09 10:42", "Thu, 09 Jan 2025 10:42:00 GMT"],
)
def test_a_header_or_record_date_in_any_whole_form_is_read(written: str) -> None:
    import datetime as dt

    from summarizer.text.articles import ArticleRecord, parse_text

    assert parse_text(f"source: X\ndate: {written}\n\nA dam broke on Tuesday.\n", "d").published == dt.date(2025, 1, 9)
    record = ArticleRecord.model_validate({"id": "1", "text": "A dam broke.", "date": written})
    assert record.date == dt.date(2025, 1, 9)


@pytest.mark.parametrize("written", ["03/01/2025", "January 2025", "next Tuesday", "soon"])
def test_a_header_date_without_a_whole_day_is_refused_with_the_form_to_use(written: str) -> None:
    from summarizer.text.articles import parse_text

    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_text(f"source: X\ndate: {written}\n\nA dam broke on Tuesday.\n", "d")


# Text damaged before it became this file: decoded in the wrong encoding and saved again (mojibake), or a
# scraper's HTML character references left in plain text.
@pytest.mark.parametrize(
    ("damage", "how"),
    [
        (lambda text: text.encode("utf-8").decode("sloppy-windows-1252"), "UTF-8 read as windows-1252"),
        (lambda text: text.encode("utf-8").decode("latin-1"), "UTF-8 read as latin-1"),
        (
            lambda text: text.replace("\u2019", "&#8217;").replace("\u20ac", "&euro;").replace("\u2014", "&mdash;"),
            "HTML character references",
        ),
    ],
)
def test_mojibake_and_html_references_are_repaired_in_files_stdin_and_jsonl(
    tmp_path: Path, damage: object, how: str
) -> None:
    damaged = HEAD + damage(FIRST) + "\n" + damage(SECOND) + "\n"  # type: ignore[operator]
    assert damaged != TEXT, how
    path = tmp_path / "a.txt"
    path.write_text(damaged, encoding="utf-8")
    record = {"id": "a", "date": "2024-02-15", "text": damage(FIRST) + "\n" + damage(SECOND)}  # type: ignore[operator]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps(record) + "\n", encoding="utf-8")
    for article in (
        read_articles(path)[0],
        read_articles("-", stdin_bytes=damaged.encode("utf-8"))[0],
        read_articles(jsonl)[0],
    ):
        assert [s.text for s in article.sentences] == [FIRST, SECOND], how
        for sentence in article.sentences:  # evidence offsets point into the repaired text
            assert article.original[sentence.start : sentence.end] == sentence.text


def test_clean_text_and_text_that_holds_html_tags_are_left_as_written() -> None:
    assert repair_text(TEXT) == TEXT
    page = "<p>Use &lt;b&gt; for bold &amp; more.</p>"
    assert repair_text(page) == page  # markup: the references are what it shows
    assert repair_text("Tom & Jerry's caf\u00e9 in S\u00e3o Paulo") == "Tom & Jerry's caf\u00e9 in S\u00e3o Paulo"
