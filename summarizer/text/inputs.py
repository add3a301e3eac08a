"""Where articles come from: one dispatch over text/JSONL files, stdin, saved web pages and URLs.

Plain files and JSONL are read by ``articles``; web pages (``.html``/``.htm`` files and ``http(s)://``
addresses) by ``webpages``, the module that fetches. Callers name an input and get its articles.
"""

from __future__ import annotations

from pathlib import Path

from ..core.settings import Settings
from .articles import Article, read_articles
from .webpages import is_url, read_page, read_url

__all__ = ["HTML_SUFFIXES", "read_input", "input_name"]

HTML_SUFFIXES = {".html", ".htm"}


def input_name(item: str | Path) -> str:
    """A short name for an input, used as the article id when it cannot be read."""
    text = str(item)
    if is_url(text) or text == "-":
        return text if text == "-" else text.rstrip("/").rsplit("/", 1)[-1] or text
    return Path(item).stem


def read_input(item: str | Path, settings: Settings, *, stdin_bytes: bytes | None = None) -> list[Article]:
    """The articles of one input: a URL, an .html/.htm page, a text or JSONL file, or ``-`` (stdin).

    Each carries ``settings.reference_date`` (``--date``) as its reference date. Raises InputError (exit 2),
    or PageError for a web page that cannot be used.
    """
    text = str(item)
    if is_url(text):
        found = [read_url(text, timeout_s=settings.fetch_timeout_s, max_bytes=settings.fetch_max_bytes)]
    elif text != "-" and Path(text).suffix.lower() in HTML_SUFFIXES:
        found = [read_page(Path(text))]
    else:
        found = read_articles(item, encoding=settings.encoding, stdin_bytes=stdin_bytes)
    if settings.reference_date is None:
        return found
    return [article.model_copy(update={"reference_date": settings.reference_date}) for article in found]
