"""Reading articles: plain-text files with optional headers, stdin, and JSONL records.

Decoding: a byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding, whatever ``--encoding`` says; else
the given encoding (default UTF-8) is used, latin-1 labels read as windows-1252 as browsers do (its five
undefined bytes as latin-1). Whether a file is binary is judged on the decoded text, so UTF-16 is text. A
file that is not text, or not in that encoding, is refused with the fix: a UTF-8 file with a few stray
bytes is told the offset of the first, any other the encoding it most likely is (windows-1252 first).

Repair after decoding (``repair_text``, by ftfy, the well-kept library for it): text that was decoded in the
wrong encoding somewhere upstream and saved again ("Iranâ€™s", "cafÃ©", a scraper's or a feed's fault, not
the file's) is put back, and HTML character references left in plain text ("&amp;", "&#8217;", "&nbsp;")
are read, unless the text holds HTML tags. Nothing else is touched (quotes stay curly, widths and ligatures
as written), so a clean article is returned unchanged; evidence offsets refer to the repaired text, which
is the article's ``original``.

Two header styles occur in our material: a leading `` date 2024-12-06 `` on the first line (the seeds)
and ``source:`` / ``date:`` lines followed by a blank line (the corpus). Headers are metadata; the
body that follows is normalised with a map back to the original offsets and split into sentences.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import charset_normalizer
import dateparser
import ftfy
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..core.errors import InputError, first_problem
from ..core.schema import ArticleMeta, FrozenModel
from .layout import LineKind, find_dateline, find_page_date, line_kinds
from .sentences import split_sentences
from .textnorm import Normalised, normalise

__all__ = ["ArticleRecord", "Sentence", "Article", "read_articles", "parse_text", "build_article", "repair_text"]

_SEED_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_KEY_HEADER = re.compile(r"^(source|date|url|title|id):\s*(.*)$", re.IGNORECASE)
_URL_IN_SOURCE = re.compile(r"^(.*?)\s*<(https?://[^>]+)>\s*$")


class ArticleRecord(BaseModel):
    """One article as a JSONL line: ``{id, source, url, date, title, text}``."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Article identifier.")
    source: str | None = Field(None, description="The outlet.")
    url: str | None = Field(None, description="Where it was published.")
    date: dt.date | None = Field(
        None,
        description=(
            "Publication date: an ISO date, or the day of an ISO date-time ('2025-01-09T10:42Z'), an RFC 2822 "
            "stamp or a written date with its year ('9 January 2025')."
        ),
    )
    title: str | None = Field(None, description="The headline.")
    text: str = Field(description="The article text.")

    @field_validator("date", mode="before")
    @classmethod
    def _day_of(cls, value: object) -> object:
        """A feed's time stamp ("2025-01-09T10:42:00Z", "Thu, 09 Jan 2025 10:42:00 GMT") or a written date
        ("9 January 2025") is the day it gives (``publication_day``)."""
        if isinstance(value, str) and value.strip():
            return publication_day(value) or value  # pydantic's own error names the field
        return value


class Sentence(FrozenModel):
    """A numbered sentence, with its span in the original text."""

    id: int = Field(description="1-based sentence number.")
    start: int = Field(description="Start offset in the original text.")
    end: int = Field(description="End offset (exclusive) in the original text.")
    text: str = Field(description="The normalised sentence text shown to the model.")
    kind: LineKind = Field("body", description="body, or the title, a heading or page furniture (never events).")


class Article(FrozenModel):
    """An article ready for the pipeline."""

    id: str
    source: str | None
    url: str | None
    published: dt.date | None
    title: str | None
    dateline_place: str | None = Field(None, description="The place of a dateline ('GENEVA (Jan. 9, 2025) —').")
    dateline_date: dt.date | None = Field(None, description="The date a dateline gives, if any.")
    original: str = Field(description="The text exactly as read (headers included), offsets refer here.")
    text: str = Field(description="The normalised body text.")
    sentences: tuple[Sentence, ...]
    content_sha256: str
    reference_date: dt.date | None = Field(
        None,
        description="The date relative times resolve against when the article carries none (--date, or the "
        "gold file's reference_date); the publication date wins when there is one.",
    )

    @property
    def reference(self) -> dt.date | None:
        """The date relative times resolve against: the publication date, else ``reference_date``."""
        return self.published or self.reference_date

    def sentence(self, sentence_id: int) -> Sentence:
        """Return sentence ``sentence_id`` (1-based)."""
        return self.sentences[sentence_id - 1]

    def meta(self, reference_date: dt.date | None) -> ArticleMeta:
        """The article's identity as outputs publish it, with the date its relative times resolve against."""
        return ArticleMeta(
            id=self.id,
            source=self.source,
            url=self.url,
            published=self.published,
            reference_date=reference_date,
            title=self.title,
            content_sha256=self.content_sha256,
            sentences=len(self.sentences),
        )


def build_article(
    original: str,
    *,
    article_id: str,
    body_start: int = 0,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    title: str | None = None,
) -> Article:
    """Normalise the body of ``original`` (from ``body_start``) and split it into sentences."""
    norm: Normalised = normalise(original[body_start:], base=body_start)
    if not norm.text:
        raise InputError(f"article {article_id!r} has no text; give a file with the article body in it")
    lines = norm.text.split("\n")
    kinds = line_kinds(lines)
    line_of = []  # the line index of each character of the normalised text
    for index, line in enumerate(lines):
        line_of += [index] * (len(line) + 1)
    sentences = []
    for number, span in enumerate(split_sentences(norm.text), start=1):
        start, end = norm.original_span(span.start, span.end)
        kind = kinds[line_of[span.start]]
        sentences.append(Sentence(id=number, start=start, end=end, text=span.text, kind=kind))
    if title is None and "title" in kinds:
        title = lines[kinds.index("title")].strip()
    first_body = next((line for line, kind in zip(lines, kinds, strict=True) if kind == "body"), "")
    dateline = find_dateline(first_body)
    return Article(
        id=article_id,
        source=source,
        url=url,
        # a header's date first, then a dateline's, then a page line's ("Published 9 January 2025")
        published=published or (dateline.date if dateline else None) or find_page_date(lines, kinds),
        title=title,
        dateline_place=dateline.place if dateline else None,
        dateline_date=dateline.date if dateline else None,
        original=original,
        text=norm.text,
        sentences=tuple(sentences),
        content_sha256=hashlib.sha256(norm.text.encode("utf-8")).hexdigest(),
    )


def publication_day(value: str) -> dt.date | None:
    """The day a publication date names: an ISO date or date-time ("2025-01-09T10:42:00Z"), a feed's RFC 2822
    stamp ("Thu, 09 Jan 2025 10:42:00 GMT"), or a written date with its year ("Jan. 9, 2025", "9 January
    2025", dateparser); None when it names no whole day. A numeric day/month order is not guessed: "03/01/2025"
    is None."""
    text = value.strip()
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.fromisoformat(t).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    if re.fullmatch(r"[\d\s./-]+", text):
        return None  # all numbers, not ISO: day-month or month-day, which is unknown
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    found = dateparser.parse(text, settings=settings)  # type: ignore[arg-type]
    return found.date() if found else None


def _parse_date(value: str, where: str) -> dt.date:
    """``publication_day`` of a header's date; InputError when it names no whole day."""
    day = publication_day(value)
    if day is None:
        raise InputError(
            f"{where}: date {value.strip()!r} is not a date with day, month and year; write it as YYYY-MM-DD"
        )
    return day


def parse_text(original: str, article_id: str) -> Article:
    """Parse a plain-text article with optional headers in either style."""
    seed = _SEED_HEADER.match(original)
    if seed:
        return build_article(
            original,
            article_id=article_id,
            body_start=seed.end(),
            published=_parse_date(seed.group(1), article_id),
        )
    fields: dict[str, str] = {}
    position = 0
    lines = original.splitlines(keepends=True)
    for line in lines:
        match = _KEY_HEADER.match(line.strip())
        if not match or match.group(1).lower() in fields:
            break
        fields[match.group(1).lower()] = match.group(2).strip()
        position += len(line)
    if not fields:
        return build_article(original, article_id=article_id)
    source, url = fields.get("source"), fields.get("url")
    if source:
        with_url = _URL_IN_SOURCE.match(source)
        if with_url:
            source, url = with_url.group(1), url or with_url.group(2)
    return build_article(
        original,
        article_id=fields.get("id") or article_id,
        body_start=position,
        source=source or None,
        url=url,
        published=_parse_date(fields["date"], article_id) if fields.get("date") else None,
        title=fields.get("title") or None,
    )


# Encodings whose label means windows-1252 in practice: browsers (WHATWG) decode latin-1 and ascii labels as
# windows-1252, so the euro sign and curly quotes of a Windows file survive instead of becoming C1 controls.
_AS_WINDOWS_1252 = {"latin_1", "iso8859_1", "ascii", "cp1252"}

# windows-1252 as WHATWG defines it: Python's cp1252 plus the five bytes it leaves undefined (0x81, 0x8D, 0x8F,
# 0x90, 0x9D) read as latin-1 reads them, so one stray byte costs one character, not every quote and euro sign.
_WINDOWS_1252 = "".join(
    bytes([byte]).decode("cp1252") if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(byte) for byte in range(256)
)

# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one). A mark decides the
# encoding, whatever --encoding says: no other encoding starts a text with these bytes.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32_le", "UTF-32-LE"),
    (codecs.BOM_UTF32_BE, "utf_32_be", "UTF-32-BE"),
    (codecs.BOM_UTF8, "utf_8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf_16_le", "UTF-16-LE"),
    (codecs.BOM_UTF16_BE, "utf_16_be", "UTF-16-BE"),
)

# The encodings an undecodable file is matched against first (charset-normalizer guesses rare code pages on
# short texts: hp_roman8 for Mac OS Roman, shift_jis_2004 for KOI8-R); the full set only when none fits.
_COMMON_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "koi8_r", "mac_roman", "iso8859_2", "iso8859_15", "cp1253", "cp1254",
    "cp1255", "cp1256", "cp1257", "cp866", "cp874", "gb18030", "big5", "cp932", "euc_jp", "euc_kr",
)  # fmt: skip
_ENCODING_NAMES = {
    "cp1252": "windows-1252",
    "cp1250": "windows-1250, Central European",
    "cp1251": "windows-1251, Cyrillic",
    "koi8_r": "KOI8-R, Russian",
    "mac_roman": "Mac OS Roman",
    "iso8859_2": "ISO-8859-2, Central European",
    "iso8859_15": "ISO-8859-15, Western with the euro sign",
    "cp1253": "windows-1253, Greek",
    "cp1254": "windows-1254, Turkish",
    "cp1255": "windows-1255, Hebrew",
    "cp1256": "windows-1256, Arabic",
    "cp1257": "windows-1257, Baltic",
    "cp866": "DOS Cyrillic",
    "cp874": "windows-874, Thai",
    "gb18030": "GB18030, Chinese",
    "big5": "Big5, traditional Chinese",
    "cp932": "Shift JIS, Japanese",
    "euc_jp": "EUC-JP, Japanese",
    "euc_kr": "EUC-KR, Korean",
}
# What windows-1252 has in 0x80-0x9F besides letters: a file whose bytes read as these is a Windows file.
_WINDOWS_PUNCTUATION = set("€‚„…†‡‰‹›‘’“”•–—™")
# What may stand between two letters in a real text (town’s, bridge—the, l·l, no-break space, soft hyphen).
_BETWEEN_LETTERS = set("’–—·\xa0\xad")


def _reads_plausibly(text: str) -> bool:
    """Whether decoded text shows none of the marks of a wrong code page among its non-ASCII characters.

    The marks: a capital after a lowercase letter ("townÕs", Mac OS Roman quotes read as windows-1252), a
    symbol inside a word ("zo³nierze", Polish ł) or before one ("£odzi", "l'½uvre"; not °C), a superscript
    after a letter other than m (m², but "powiedzia³"), ¿ ¡ after a letter, or ¤ ¦ ¨ ¸, which prose never
    uses (the euro sign and Š š ž of ISO-8859-15).
    """
    for before, char, after in zip(" " + text[:-1], text, text[1:] + " ", strict=True):
        if char.isascii() or char in _BETWEEN_LETTERS:
            continue
        if char.isupper() and before.isalpha() and not before.isupper():
            return False
        if char.isalpha():
            continue
        if char in "¤¦¨¸" or (before.isalpha() and after.isalpha()):
            return False
        if unicodedata.category(char)[0] in "SN" and after.isalpha() and char != "°":
            return False
        if (char in "¹²³" and before.isalpha() and before != "m") or (char in "¿¡" and before.isalpha()):
            return False
    return True


def _reads_as_western(text: str) -> bool:
    """Whether ``text`` (bytes read as windows-1252) reads like a Western European text, not another code page:
    plausibly (``_reads_plausibly``), with accented letters a minority (not KOI8-R Cyrillic)."""
    letters = [c for c in text if c.isalpha()]
    return sum(not c.isascii() for c in letters) <= 0.5 * len(letters) and _reads_plausibly(text)


def _utf8_damage(data: bytes) -> tuple[int, int, int] | None:
    """For bytes that are UTF-8 but for a few invalid ones: (offset of the first, how many, byte value).

    None when the bytes hold no valid multi-byte UTF-8 character, or more invalid bytes than valid characters:
    then they are in another encoding (a windows-1252 "café" is one invalid byte and no valid character).
    """
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = sum("\udc80" <= c <= "\udcff" for c in text)
    valid = sum(c > "\x7f" and not "\udc80" <= c <= "\udcff" for c in text)
    if not invalid or valid < invalid:
        return None
    first = next(index for index, c in enumerate(text) if "\udc80" <= c <= "\udcff")
    offset = len(text[:first].encode("utf-8", errors="surrogateescape"))
    return offset, invalid, data[offset]


def _detected_encoding(data: bytes) -> str | None:
    """The most likely single encoding of bytes that are not UTF-8, windows-1252 preferred.

    Windows-1252 when the bytes read as its typographic punctuation or euro sign in a Western text, or read
    as a Western text and one of the detector's leading guesses could be windows-1252; else
    charset-normalizer's best guess among the common encodings, else among all it knows.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    western = bool(text) and _reads_as_western(text)
    if western and _WINDOWS_PUNCTUATION.intersection(text):
        return "cp1252"
    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(_COMMON_ENCODINGS)))
    if not matches:
        matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    # On short texts the detector's first guess is often a sibling code page (cp1250 for "Police in Liège"):
    # the Western default wins when the text reads as Western and a leading guess could be windows-1252.
    if western and any("cp1252" in match.could_be_from_charset for match in matches[:3]):
        return "cp1252"
    # Equal scores are common on short texts (cp1250, cp1252, mac_roman for "The café’s owner" in Mac OS
    # Roman): the first leading guess whose reading is plausible wins.
    return next((m.encoding for m in matches[:4] if _reads_plausibly(str(m))), matches[0].encoding)


def _utf16_without_bom(sample: bytes) -> str | None:
    """The UTF-16 codec ("utf-16-le" or "utf-16-be") of bytes that look like UTF-16 text with no byte-order mark
    (NUL every other byte, as ASCII characters in UTF-16 are), else None."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 8 or len(sample) % 2:
        return None
    for zeros, others, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.7 * len(zeros) and others.count(0) <= 0.05 * len(others):
            try:
                sample.decode(name)
            except UnicodeDecodeError:
                return None
            return name
    return None


def _binary_error(name: str, data: bytes) -> InputError:
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        return InputError(
            f"{name} looks like {utf16.upper()} text without a byte-order mark; pass --encoding {utf16}, "
            f"or convert it with iconv -f {utf16} -t utf-8"
        )
    return InputError(f"{name} looks binary, not text; give a plain-text (UTF-8) article or a JSONL file")


def _looks_binary(sample: str | bytes) -> bool:
    """NUL, or more than 5% control characters other than tab, line ends and form feed."""
    codes = [ord(c) for c in sample] if isinstance(sample, str) else list(sample)
    return 0 in codes or sum(c < 9 or 13 < c < 32 for c in codes) > len(codes) * 0.05


def _undecodable(data: bytes, name: str, encoding: str, exc: UnicodeDecodeError, skipped: int) -> InputError:
    """The error for bytes that are not valid ``encoding``, naming the encoding they are in and what to do.

    ``skipped`` is the length of the byte-order mark that chose ``encoding`` (0 for none); --encoding cannot
    overrule a mark, so then no other encoding is suggested.
    """
    at, utf8 = exc.start + skipped, codecs.lookup(encoding).name == "utf-8"
    if skipped and not utf8:
        return InputError(
            f"{name} starts with a {encoding} byte-order mark but is not valid {encoding} (byte {at}); "
            "it is cut short or damaged: save it again as UTF-8"
        )
    damage = _utf8_damage(data[skipped:])
    if damage:
        offset, count, byte = damage
        offset += skipped
        which = (
            f"{count} invalid bytes, the first at offset {offset}"
            if count > 1
            else f"an invalid byte at offset {offset}"
        )
        as_windows = _WINDOWS_1252[byte]
        hint = f", {as_windows} in windows-1252" if as_windows in _WINDOWS_PUNCTUATION else ""
        line = data[:offset].count(b"\n") + 1
        subject = name if utf8 else f"{name} is not valid {encoding} (byte {at}); it"
        return InputError(
            f"{subject} is UTF-8 with {which} (0x{byte:02X}{hint}, line {line}): correct it in an editor, "
            "or drop invalid bytes with iconv -f utf-8 -t utf-8 -c"
        )
    if skipped:
        return InputError(
            f"{name} starts with a UTF-8 byte-order mark but is not valid UTF-8 (byte {at}); save it again as UTF-8"
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        detected = _detected_encoding(data)
    else:
        return InputError(f"{name} is not valid {encoding} (byte {at}); it is valid UTF-8: pass --encoding utf-8")
    if detected:
        label = _ENCODING_NAMES.get(detected)
        looks = f"it looks like {detected}{f' ({label})' if label else ''}: pass --encoding {detected}"
    else:
        looks = "pass --encoding with the file's real encoding"
    return InputError(f"{name} is not valid {encoding} (byte {at}); {looks}, or convert it with iconv -t utf-8")


def _decode(data: bytes, name: str, encoding: str) -> str:
    """Decode a file's bytes: a byte-order mark decides, else ``encoding`` (latin-1 labels as windows-1252).

    The byte-order mark is dropped (offsets refer to the text after it). Raises InputError for an empty file,
    a binary one, an unknown encoding, or bytes the encoding cannot read (naming the likely encoding).
    """
    if not data.strip():
        raise InputError(f"{name} is empty; give a file that contains an article")
    try:
        codec = codecs.lookup(encoding).name.replace("-", "_")
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}; pass a Python codec name such as cp1252") from None
    skipped = 0
    for bom, bom_codec, bom_name in _BOMS:
        if data.startswith(bom):
            codec, encoding, skipped = bom_codec, bom_name, len(bom)
            break
    try:
        if codec in _AS_WINDOWS_1252 and codec != "ascii":
            text = codecs.charmap_decode(data, "strict", _WINDOWS_1252)[0]
        else:
            text = data[skipped:].decode(codec)
    except UnicodeDecodeError as exc:
        if not skipped and _looks_binary(data[:8192]):
            raise _binary_error(name, data) from None
        raise _undecodable(data, name, encoding, exc, skipped) from None
    if _looks_binary(text[:8192]):
        raise _binary_error(name, data)
    if not text.strip():
        raise InputError(f"{name} is empty; give a file that contains an article")
    return text


# Only the repairs of text damaged on its way here: mojibake and HTML character references in plain text.
_REPAIRS = ftfy.TextFixerConfig(
    unescape_html=True,  # not when the text holds HTML tags (repair_text): "&lt;b&gt;" there is what it shows
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<!--")


def repair_text(text: str) -> str:
    """``text`` with mojibake undone ("Iranâ€™s" -> "Iran’s") and HTML character references read ("&amp;" ->
    "&"), by ftfy; a clean text comes back unchanged (the same string)."""
    if text.isascii() and "&" not in text:
        return text
    # ftfy's own "auto" looks for any "<", which our headers' "<url>" holds; a tag is what marks HTML.
    return ftfy.fix_text(text, _REPAIRS._replace(unescape_html=not _HTML_TAG.search(text)))


def _from_jsonl(text: str, name: str) -> list[Article]:
    articles = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = ArticleRecord.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0] if isinstance(exc, json.JSONDecodeError) else _first_error(exc)
            raise InputError(
                f"{name} line {number}: {first}; each line must be a JSON object "
                "with id and text (optional source, url, date, title)"
            ) from None
        articles.append(
            build_article(
                repair_text(record.text),
                article_id=record.id,
                source=record.source,
                url=record.url,
                published=record.date,
                title=record.title,
            )
        )
    if not articles:
        raise InputError(f"{name} has no JSONL records")
    return articles


def _first_error(exc: ValidationError) -> str:
    return f"field {first_problem(exc)}"


def read_articles(path: str | Path, *, encoding: str = "utf-8", stdin_bytes: bytes | None = None) -> list[Article]:
    """Read one input: a text file, a JSONL file (``.jsonl``), or ``-`` for stdin (``stdin_bytes``).

    Raises InputError (exit 2) for a missing, empty, binary or undecodable file or a malformed JSONL line.
    """
    if str(path) == "-":
        data, name, stem = stdin_bytes or b"", "standard input", "stdin"
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(f"{file} does not exist; check the path")
        if file.is_dir():
            raise InputError(f"{file} is a directory; give an article file (merge takes directories)")
        data, name, stem = file.read_bytes(), str(file), file.stem
    text = _decode(data, name, encoding)
    if str(path).endswith(".jsonl") or (str(path) == "-" and text.lstrip().startswith("{")):
        return _from_jsonl(text, name)
    return [parse_text(repair_text(text), stem)]
