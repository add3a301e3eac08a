"""Web pages in: saved pages served from a loopback HTTP server, each fetch failure one clear error.

The pages are invented for these tests (a made-up town and outlet). The server runs on 127.0.0.1 on a
random port and is started and stopped here; nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.core.errors import PageError
from summarizer.core.schema import ArticleSummary, StoryReport
from summarizer.core.settings import Settings
from summarizer.text.inputs import read_input
from summarizer.text.webpages import USER_AGENT, read_page, read_url, url_article_id

from .faultserver import FaultServer
from .reliability_support import cli_env

runner = CliRunner()

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Floodwaters reach Millbrook | The Valley Courier</title>
<meta property="og:title" content="Floodwaters reach Millbrook">
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2024-03-14T08:30:00Z">
<script>window.tracker = "should never be read";</script>
<style>nav { color: grey; }</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/local">Local</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Floodwaters reach Millbrook</h1>
<p>The river Wend burst its banks at Millbrook on Wednesday after three days of rain, the fire service said.</p>
<p>Around 200 residents were evacuated from the lower town to the school in Ashcombe overnight.</p>
<p>The mayor of Millbrook, Ada Penrose, said the council would open an emergency fund on Friday.</p>
</article>
<aside>Subscribe to our newsletter for more local news.</aside>
<footer>Copyright 2024 The Valley Courier</footer>
</body></html>
"""
EMPTY_PAGE = "<!DOCTYPE html><html><head><title>Index</title></head><body><nav>Home</nav></body></html>"


class _Pages(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        type(self).seen_agents.append(self.headers.get("User-Agent", ""))
        routes: dict[str, tuple[int, str, bytes]] = {
            "/news/floodwaters-reach-millbrook.html": (200, "text/html; charset=utf-8", ARTICLE_PAGE.encode()),
            "/news/old-url": (301, "text/html", b""),
            "/empty": (200, "text/html", EMPTY_PAGE.encode()),
            "/feed.json": (200, "application/json", b'{"items": []}'),
            "/broken": (500, "text/html", b"<h1>Internal Server Error</h1>"),
            "/big": (200, "text/html", b"<html><body><p>" + b"x" * 20_000 + b"</p></body></html>"),
        }
        if self.path == "/slow":
            time.sleep(2)
        status, kind, body = routes.get(self.path, (404, "text/html", b"<h1>Not Found</h1>"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if status == 301:
                self.send_header("Location", "/news/floodwaters-reach-millbrook.html")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout and size tests do that on purpose)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def model_server() -> Iterator[FaultServer]:
    with FaultServer(seed=3) as running:
        yield running


def _settings(**extra: object) -> Settings:
    return Settings(backend="fake", **extra)


def test_a_page_gives_its_main_text_title_date_and_site(site: str) -> None:
    url = f"{site}/news/floodwaters-reach-millbrook.html"
    article = read_url(url, timeout_s=5, max_bytes=1_000_000)
    assert article.id == "127.0.0.1-floodwaters-reach-millbrook"
    assert article.title == "Floodwaters reach Millbrook"
    assert article.source == "The Valley Courier"
    assert article.published == dt.date(2024, 3, 14)
    assert article.url == url
    assert "The river Wend burst its banks at Millbrook" in article.original
    for noise in ("tracker", "Subscribe", "Copyright", "Sport"):
        assert noise not in article.original
    # Offsets refer to the extracted text.
    for sentence in article.sentences:
        assert article.original[sentence.start : sentence.end].split() == sentence.text.split()
    assert _Pages.seen_agents[-1] == USER_AGENT and USER_AGENT.startswith("summarizer/")


def test_a_redirect_is_followed_and_the_final_address_kept(site: str) -> None:
    article = read_url(f"{site}/news/old-url", timeout_s=5, max_bytes=1_000_000)
    assert article.url == f"{site}/news/floodwaters-reach-millbrook.html"


def test_a_saved_page_is_read_like_a_fetched_one(tmp_path: Path) -> None:
    page = tmp_path / "millbrook.htm"
    page.write_text(ARTICLE_PAGE, encoding="utf-8")
    article = read_input(page, _settings())[0]
    assert article.id == "millbrook" and article.source == "The Valley Courier"
    assert "Around 200 residents were evacuated" in article.original


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/missing", "was not found (HTTP 404)"),
        ("/broken", "answered HTTP 500"),
        ("/feed.json", "is application/json, not an HTML page"),
        ("/empty", "has no article text that could be extracted"),
        ("/big", "is larger than 5000 bytes"),
        ("/slow", "did not answer within 0.5 s"),
    ],
)
def test_each_fetch_failure_is_one_clear_error(site: str, path: str, words: str) -> None:
    with pytest.raises(PageError, match=words.replace("(", r"\(").replace(")", r"\)")):
        read_url(site + path, timeout_s=0.5, max_bytes=5000)


def test_dns_failure_names_the_host() -> None:
    def no_such_host(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    with pytest.raises(PageError, match="cannot find the host 'news.invalid' \\(DNS lookup failed\\)"):
        read_url("https://news.invalid/a", timeout_s=1, max_bytes=5000, transport=httpx.MockTransport(no_such_host))


def test_empty_saved_page_and_missing_page_file(tmp_path: Path) -> None:
    (tmp_path / "e.html").write_text("  ")
    with pytest.raises(PageError, match="is empty"):
        read_page(tmp_path / "e.html")
    with pytest.raises(PageError, match="does not exist"):
        read_page(tmp_path / "nope.html")


def test_url_ids_are_readable() -> None:
    assert url_article_id("https://www.example.org/world/2024/hama-falls.html?x=1") == "www.example.org-hama-falls"
    assert url_article_id("https://example.org/") == "example.org"


def test_cli_summarizes_a_url_and_keeps_the_text_evidence_points_into(site: str, model_server: FaultServer) -> None:
    url = f"{site}/news/floodwaters-reach-millbrook.html"
    args = ["summarize", url, "--json", "--base-url", model_server.url, "--model", "m", "--no-cache"]
    result = runner.invoke(app, args, env=cli_env())
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate_json(result.stdout)
    assert summary.article.url == url and summary.article.source == "The Valley Courier"
    assert summary.article.published == dt.date(2024, 3, 14)
    assert summary.events and summary.text
    for event in summary.events:
        for ev in event.evidence:
            assert summary.text[ev.start : ev.end] == ev.text


def test_cli_fetch_errors_exit_2_with_one_line(site: str) -> None:
    for path, words in (("/missing", "HTTP 404"), ("/feed.json", "not an HTML page"), ("/empty", "no article text")):
        result = runner.invoke(
            app, ["summarize", site + path, "--base-url", "http://127.0.0.1:9/v1", "--model", "m"], env=cli_env()
        )
        assert result.exit_code == 2, result.output
        assert words in result.output and len(result.output.strip().splitlines()) == 1, result.output


def test_merge_takes_urls_and_saved_pages(site: str, model_server: FaultServer, tmp_path: Path) -> None:
    saved = tmp_path / "copy.html"
    saved.write_text(ARTICLE_PAGE.replace("200 residents", "250 residents"), encoding="utf-8")
    out = tmp_path / "out"
    args = ["merge", f"{site}/news/floodwaters-reach-millbrook.html", str(saved), f"{site}/missing"]
    result = runner.invoke(
        app, [*args, "--out", str(out), "--base-url", model_server.url, "--model", "m", "--no-cache"], env=cli_env()
    )
    assert result.exit_code == 8, result.output  # the 404 failed; the two pages are merged
    assert "HTTP 404" in result.output
    report = StoryReport.model_validate_json((out / "story.json").read_text())
    assert {s.article.id for s in report.summaries} == {"127.0.0.1-floodwaters-reach-millbrook", "copy"}
    assert all(s.text == report.texts[s.article.id] for s in report.summaries)
