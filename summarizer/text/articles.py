"""Reading articles: plain-text files with optional headers, stdin, and JSONL records.

Two header styles occur in our material: a leading `` date 2024-12-06 `` on the first line (the seeds)
and ``source:`` / ``date:`` lines followed by a blank line (the corpus). Headers are metadata; the
body that follows is normalised with a map back to the original offsets and split into sentences.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import charset_normalizer
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..core.errors import InputError, first_problem
from ..core.schema import ArticleMeta, FrozenModel
from .layout import LineKind, find_dateline, line_kinds
from .sentences import split_sentences
from .textnorm import Normalised, normalise

__all__ = ["ArticleRecord", "Sentence", "Article", "read_articles", "parse_text", "build_article"]

_SEED_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_KEY_HEADER = re.compile(r"^(source|date|url|title|id):\s*(.*)$", re.IGNORECASE)
_URL_IN_SOURCE = re.compile(r"^(.*?)\s*<(https?://[^>]+)>\s*$")


class ArticleRecord(BaseModel):
    """One article as a JSONL line: ``{id, source, url, date, title, text}``."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Article identifier.")
    source: str | None = Field(None, description="The outlet.")
    url: str | None = Field(None, description="Where it was published.")
    date: dt.date | None = Field(None, description="Publication date.")
    title: str | None = Field(None, description="The headline.")
    text: str = Field(description="The article text.")


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
        published=published or (dateline.date if dateline else None),
        title=title,
        dateline_place=dateline.place if dateline else None,
        dateline_date=dateline.date if dateline else None,
        original=original,
        text=norm.text,
        sentences=tuple(sentences),
        content_sha256=hashlib.sha256(norm.text.encode("utf-8")).hexdigest(),
    )


def _parse_date(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{where}: date {value.strip()!r} is not an ISO date; write it as YYYY-MM-DD") from None


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


def _detected_encoding(data: bytes) -> str | None:
    """The most likely encoding of non-UTF-8 bytes (charset-normalizer), windows-1252 preferred on a tie."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    # On short texts the detector's first guess is often a rare code page (cp1006 for "Café news"); the
    # Western default wins when any of its leading guesses says windows-1252 would read the bytes as well.
    if any("cp1252" in m.could_be_from_charset for m in matches[:3]):
        return "cp1252"
    return matches[0].encoding


def _decode(data: bytes, name: str, encoding: str) -> str:
    if not data.strip():
        raise InputError(f"{name} is empty; give a file that contains an article")
    sample = data[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.05:
        raise InputError(f"{name} looks binary, not text; give a plain-text (UTF-8) article or a JSONL file")
    try:
        codec = codecs.lookup(encoding).name.replace("-", "_")
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}; pass a Python codec name such as cp1252") from None
    if codec in _AS_WINDOWS_1252 and codec != "ascii":
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # the five bytes windows-1252 leaves undefined
            return data.decode("latin-1")
    try:
        return data.decode("utf-8-sig" if codec == "utf_8" else codec)
    except UnicodeDecodeError as exc:
        detected = _detected_encoding(data)
        looks = (
            f"it looks like {detected} ({'windows-1252' if detected == 'cp1252' else detected}): "
            f"pass --encoding {detected}"
            if detected
            else "pass --encoding with the file's real encoding"
        )
        raise InputError(
            f"{name} is not valid {encoding} (byte {exc.start}); {looks}, or convert it with iconv -t utf-8"
        ) from None


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
                record.text,
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
    return [parse_text(text, stem)]
