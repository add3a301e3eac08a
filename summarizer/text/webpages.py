"""Articles from the web: fetch a page with httpx, take its main text and metadata with trafilatura.

This is the one input module that touches the network (the model backends are the other layer that
does; an import-linter contract keeps schema, articles, merge and the reports away from both). No HTML is
parsed here by hand: trafilatura finds the main text, title, date and site name, and we only choose what
to do when it finds nothing.

The text trafilatura extracts (paragraphs separated by blank lines) becomes the article's original
text, so evidence offsets refer to it; the pipeline keeps it in ``ArticleSummary.text`` so a reader can
always see the evidence in place, even when the page has changed or gone.

Each failure of a fetch is one ``PageError`` whose message says what happened and what to do next.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import trafilatura

from ..core.errors import PageError
from ..core.version import __version__
from .articles import Article, build_article
from .wordcount import count_words

__all__ = ["USER_AGENT", "is_url", "url_article_id", "fetch_page", "article_from_html", "read_page", "read_url"]

USER_AGENT = f"summarizer/{__version__} (news event extraction; python-httpx)"
# trafilatura falls back to any text it finds (a menu's "Home"); fewer words than this is no article.
_MIN_WORDS = 8
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# getaddrinfo's wording on Linux, macOS and Windows for "no such host".
_DNS_FAILURE = re.compile(
    r"name or service not known|nodename nor servname|getaddrinfo failed|no address associated|"
    r"temporary failure in name resolution|name resolution",
    re.IGNORECASE,
)


def is_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return text.lower().startswith(("http://", "https://"))


def url_article_id(url: str) -> str:
    """A readable article id for a URL: host and last path segment, e.g. ``example.org-hama-falls``."""
    parts = urlsplit(url)
    last = [p for p in parts.path.split("/") if p]
    slug = re.sub(r"\.(html?|php|aspx?)$", "", last[-1], flags=re.IGNORECASE) if last else ""
    return "-".join(x for x in (parts.hostname or "page", slug) if x)


def fetch_page(
    url: str, *, timeout_s: float, max_bytes: int, transport: httpx.BaseTransport | None = None
) -> tuple[bytes, str]:
    """Download one HTML page: its bytes and its final URL (after redirects)."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
    host = urlsplit(url).hostname or url
    try:
        with (
            httpx.Client(timeout=timeout_s, follow_redirects=True, headers=headers, transport=transport) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code in (404, 410):
                raise PageError(
                    f"{url} was not found (HTTP {response.status_code}); check the address, or save the page "
                    "from your browser and pass the .html file"
                )
            if response.status_code >= 400:
                raise PageError(
                    f"{url} answered HTTP {response.status_code} {response.reason_phrase}; try again later, or "
                    "save the page from your browser and pass the .html file"
                )
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind and kind not in _HTML_TYPES:
                raise PageError(
                    f"{url} is {kind}, not an HTML page; give the address of the article's web page, or save "
                    "its text to a .txt file and pass that"
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise _too_large(url, max_bytes)
            return bytes(body), str(response.url)
    except httpx.ConnectError as exc:
        if _DNS_FAILURE.search(str(exc)):
            raise PageError(f"cannot find the host {host!r} (DNS lookup failed); check the address") from None
        raise PageError(
            f"cannot connect to {host!r} ({exc}); check the address, your network or proxy, and try again"
        ) from None
    except httpx.TimeoutException:
        raise PageError(
            f"{url} did not answer within {timeout_s:g} s; try again, or raise SUMMARIZER_FETCH_TIMEOUT_S"
        ) from None
    except httpx.TooManyRedirects:
        raise PageError(f"{url} redirects in a loop; open it in a browser and pass the address it ends at") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol):
        raise PageError(f"{url!r} is not a valid web address; write it as https://host/path") from None
    except httpx.HTTPError as exc:
        raise PageError(f"fetching {url} failed ({type(exc).__name__}: {exc}); try again") from None


def _too_large(url: str, max_bytes: int) -> PageError:
    return PageError(
        f"{url} is larger than {max_bytes} bytes, too big for a news article page; save the article text to a "
        "file and pass that, or raise SUMMARIZER_FETCH_MAX_BYTES"
    )


def article_from_html(html: bytes | str, *, article_id: str, url: str | None, name: str) -> Article:
    """The main text of an HTML page as an Article (title, date and site name when the page gives them)."""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = getattr(document, "text", None) or ""
    # trafilatura separates paragraphs with one newline; a blank line keeps headings out of sentences.
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    if count_words(body) < _MIN_WORDS:
        raise PageError(
            f"{name} has no article text that could be extracted (an index page, a login wall, or a page "
            "built by JavaScript); give the address of one article, or save its text to a .txt file"
        )
    published = None
    raw_date = getattr(document, "date", None)
    if raw_date:
        try:
            published = dt.date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            published = None
    return build_article(
        body,
        article_id=article_id,
        source=getattr(document, "sitename", None) or (urlsplit(url).hostname if url else None),
        url=url or getattr(document, "url", None),
        published=published,
        title=getattr(document, "title", None),
    )


def read_page(path: Path) -> Article:
    """An article from a saved ``.html``/``.htm`` file; raises PageError (exit 2) when it has no article text."""
    if not path.exists():
        raise PageError(f"{path} does not exist; check the path")
    data = path.read_bytes()
    if not data.strip():
        raise PageError(f"{path} is empty; give a saved web page that contains an article")
    return article_from_html(data, article_id=path.stem, url=None, name=str(path))


def read_url(url: str, *, timeout_s: float, max_bytes: int, transport: httpx.BaseTransport | None = None) -> Article:
    """Fetch ``url`` (at most ``max_bytes`` bytes, ``timeout_s`` seconds) and return its main text as an article.

    Raises PageError (exit 2) for a page not found, unreachable, not HTML, too big or without article text.
    """
    data, final_url = fetch_page(url, timeout_s=timeout_s, max_bytes=max_bytes, transport=transport)
    return article_from_html(data, article_id=url_article_id(url), url=final_url, name=url)
