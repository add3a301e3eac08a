"""The Markdown and HTML story reports: sections, escaping of hostile article text, and a real browser check.

The report is built by hand (three articles, one of them failed; four story events, one historical; one
conflict), with evidence offsets found by ``str.find`` in the texts, so these tests need no model.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import os
import re
import shutil
import struct
import subprocess
import time
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt  # rich's own Markdown parser, so no extra dependency

from summarizer.core.schema import (
    Actor,
    ArticleOutcome,
    ArticleSummary,
    Conflict,
    Event,
    EventDate,
    EventType,
    Evidence,
    FieldCheck,
    Location,
    Precision,
    Quantity,
    QuantityKind,
    Role,
    SourceReport,
    SourceValue,
    Status,
    StoryEvent,
    StoryReport,
)
from summarizer.report.html import CHART_CONFLICT, CHART_MARK, render_html, timeline_chart
from summarizer.report.markdown import render_markdown
from summarizer.report.segments import Highlight, Segment, segment_text

from .factories import article_summary

REUTERS = (
    "DAMASCUS, Dec 6 (Reuters) - Rebels seized the city of Hama on Thursday after heavy fighting. "
    "Government forces withdrew from Deir ez-Zor on Nov. 27 and moved to Palmyra. "
    "The army said 40 soldiers were killed in the battle. "
    "Hama was last stormed in 1982, when the army crushed an uprising."
)
SCRIPT = "<script>document.title='pwned'</script>"
AP = (
    "# Breaking | AP\nRebels captured Hama on Thursday, a monitor said.\n\n"
    f"{SCRIPT} Officials called the `rumours` of <b>bold</b> gains false. <img src=x onerror=alert(1)>\n"
    "The army said 25 soldiers were killed."
)
TEXTS = {"a1": REUTERS, "a2": AP}
CONFLICT_TEXT = "Reuters puts the dead soldiers at 40, AP at 25."
KILLED_25 = "The army said 25 soldiers were killed."


def _evidence(article_id: str, sentence: str, sentence_id: int) -> Evidence:
    start = TEXTS[article_id].find(sentence)
    assert start >= 0, sentence
    return Evidence(sentence_id=sentence_id, start=start, end=start + len(sentence), text=sentence)


def _date(value: dt.date | None, precision: Precision, text: str | None) -> EventDate:
    return EventDate(value=value, precision=precision, text=text)


HAMA = Location(name="Hama", canonical="Hama", country="Syria")
REBELS = Actor(name="Rebels", canonical="HTS-led rebels", role=Role.agent)
ARMY = Actor(name="the army", canonical="Syrian Arab Army", role=Role.target)
THU = _date(dt.date(2024, 12, 5), Precision.day, "on Thursday")


def _event(
    article_id: str,
    event_id: str,
    type_: EventType,
    description: str,
    sentences: list[tuple[int, str]],
    *,
    actors=(),
    locations=(),
    date=THU,
    historical=False,
    quantities=(),
    status=Status.asserted,
) -> Event:
    return Event(
        id=event_id,
        type=type_,
        description=description,
        actors=list(actors),
        locations=list(locations),
        date=date,
        status=status,
        historical=historical,
        quantities=list(quantities),
        evidence=[_evidence(article_id, s, i) for i, s in sentences],
    )


def _killed(n: int, text: str) -> Quantity:
    return Quantity(kind=QuantityKind.killed, value=n, unit="soldiers", text=text)


EVENTS = {
    "a1": [
        _event(
            "a1",
            "e1",
            EventType.takeover,
            "Rebels seized Hama.",
            [(1, "Rebels seized the city of Hama on Thursday after heavy fighting.")],
            actors=[REBELS],
            locations=[HAMA],
        ),
        _event(
            "a1",
            "e2",
            EventType.withdrawal,
            "Government forces withdrew from Deir ez-Zor.",
            [(2, "Government forces withdrew from Deir ez-Zor on Nov. 27 and moved to Palmyra.")],
            actors=[Actor(name="Government forces", canonical="Syrian Arab Army", role=Role.agent)],
            locations=[Location(name="Deir ez-Zor", canonical="Deir ez-Zor", country="Syria")],
            date=_date(dt.date(2024, 11, 27), Precision.day, "on Nov. 27"),
        ),
        _event(
            "a1",
            "e3",
            EventType.humanitarian,
            "40 soldiers were killed in the battle for Hama.",
            [
                (3, "The army said 40 soldiers were killed in the battle."),
                (1, "Rebels seized the city of Hama on Thursday after heavy fighting."),
            ],
            actors=[ARMY],
            locations=[HAMA],
            quantities=[_killed(40, "40 soldiers")],
            status=Status.claimed,
        ),
        _event(
            "a1",
            "e4",
            EventType.attack,
            "The army crushed an uprising in Hama.",
            [(4, "Hama was last stormed in 1982, when the army crushed an uprising.")],
            actors=[Actor(name="the army", canonical="Syrian Arab Army", role=Role.agent)],
            locations=[HAMA],
            date=_date(dt.date(1982, 1, 1), Precision.year, "in 1982"),
            historical=True,
        ),
    ],
    "a2": [
        # The hostile sentences are cited as evidence, so they reach every part of both reports.
        _event(
            "a2",
            "e1",
            EventType.takeover,
            "Rebels captured Hama; officials call <b>gains</b> `false` | 1",
            [
                (1, "# Breaking | AP\nRebels captured Hama on Thursday, a monitor said."),
                (2, f"{SCRIPT} Officials called the `rumours` of <b>bold</b> gains false."),
            ],
            actors=[Actor(name="Rebels", canonical="HTS-led rebels", role=Role.agent)],
            locations=[HAMA],
        ),
        _event(
            "a2",
            "e2",
            EventType.humanitarian,
            "25 soldiers were killed.",
            [(3, KILLED_25)],
            actors=[ARMY],
            quantities=[_killed(25, "25 soldiers")],
            status=Status.claimed,
        ),
    ],
}
SOURCE = {"a1": "Reuters", "a2": "AP <i>wire</i>", "a3": "BBC"}


def _source(article_id: str, event: Event) -> SourceReport:
    return SourceReport(
        article_id=article_id,
        source=SOURCE[article_id],
        event_id=event.id,
        description=event.description,
        actors=event.actors,
        locations=event.locations,
        date=event.date,
        status=event.status,
        quantities=event.quantities,
        evidence=event.evidence,
    )


def _check(field: str, verdict: str, *values: tuple[str, list[str]]) -> FieldCheck:
    return FieldCheck(field=field, verdict=verdict, values=[SourceValue(value=v, articles=a) for v, a in values])


def _summary(article_id: str, title: str, url: str) -> ArticleSummary:
    return article_summary(
        article_id,
        EVENTS[article_id],
        summary=f"What {SOURCE[article_id]} reports about Hama.",
        sentences=4,
        source=SOURCE[article_id],
        url=url,
        title=title,
    )


def _report() -> StoryReport:
    a1, a2 = EVENTS["a1"], EVENTS["a2"]
    story_events = [
        StoryEvent(
            id="s1",
            type=EventType.attack,
            description="The army crushed an uprising in Hama.",
            date=a1[3].date,
            locations=[HAMA],
            actors=a1[3].actors,
            historical=True,
            sources=[_source("a1", a1[3])],
            checks=[_check("when", "single_source", ("1982", ["a1"]))],
        ),
        StoryEvent(
            id="s2",
            type=EventType.withdrawal,
            description="Government forces withdrew from Deir ez-Zor.",
            date=a1[1].date,
            locations=a1[1].locations,
            actors=a1[1].actors,
            historical=False,
            sources=[_source("a1", a1[1])],
            checks=[_check("where", "single_source", ("Deir ez-Zor", ["a1"]))],
        ),
        StoryEvent(
            id="s3",
            type=EventType.takeover,
            description="HTS-led rebels took Hama.",
            date=THU,
            locations=[HAMA],
            actors=[REBELS],
            historical=False,
            sources=[_source("a1", a1[0]), _source("a2", a2[0])],
            checks=[
                _check("who", "agree", ("HTS-led rebels", ["a1", "a2"])),
                _check("where", "agree", ("Hama", ["a1", "a2"])),
                _check("when", "agree", ("2024-12-05", ["a1", "a2"])),
            ],
        ),
        StoryEvent(
            id="s4",
            type=EventType.humanitarian,
            description="Soldiers were killed in the battle for Hama.",
            date=THU,
            locations=[HAMA],
            actors=[ARMY],
            historical=False,
            sources=[_source("a1", a1[2]), _source("a2", a2[1])],
            checks=[_check("how_many", "conflict", ("40 soldiers killed", ["a1"]), ("25 soldiers killed", ["a2"]))],
        ),
    ]
    return StoryReport(
        summary="Rebels took Hama on 5 December after government forces left Deir ez-Zor. "
        "The outlets disagree on how many soldiers died.",
        articles=[
            ArticleOutcome(
                article_id="a1", path="a1.txt", source="Reuters", ok=True, error=None, events=4, cached=False
            ),
            ArticleOutcome(
                article_id="a2", path="a2.txt", source=SOURCE["a2"], ok=True, error=None, events=2, cached=False
            ),
            ArticleOutcome(
                article_id="a3",
                path="a3.txt",
                source="BBC",
                ok=False,
                error="model gave no valid events after 3 attempts <see log>",
                events=0,
                cached=False,
            ),
        ],
        story_events=story_events,
        conflicts=[
            Conflict(
                id="c1",
                story_event_ids=["s4"],
                field="how_many",
                scope="across_sources",
                description=CONFLICT_TEXT,
                values=[
                    SourceValue(value="40 soldiers killed", articles=["a1"]),
                    SourceValue(value="25 soldiers killed", articles=["a2"]),
                ],
            )
        ],
        summaries=[
            _summary("a1", "Rebels seize Hama", "https://example.com/reuters/hama"),
            _summary("a2", "Hama falls <em>fast</em>", "https://example.org/ap/hama"),
        ],
        texts=TEXTS,
    )


# ---- Markdown ---------------------------------------------------------------------------------------


def test_markdown_has_the_sections_in_order() -> None:
    md = render_markdown(_report())
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Disagreements",
        "## Reported by several sources",
        "## Reported by one source",
        "## Background",
        "## Failed articles",
    ]
    # Disagreements lead; single-source happenings in date order; the 1982 event only under Background.
    assert md.index("## Disagreements") < md.index("## Reported by several sources")
    assert md.index("## Background") < md.index("### 1982 (year) · attack · s1") < md.index("## Failed articles")
    assert "### 2024-12-05 · humanitarian · s4 — ⚠️ CONFLICT" in md
    assert "⚠️ **CONFLICT**" in md and CONFLICT_TEXT in md
    assert "- **40 soldiers killed** — Reuters (a1)" in md
    assert "- **BBC (a3)** from a3.txt: model gave no valid events after 3 attempts &lt;see log&gt;" in md
    assert "“Rebels seized the city of Hama on Thursday after heavy fighting.” (sentence 1)" in md


def test_markdown_neutralises_article_text() -> None:
    md = render_markdown(_report())
    for raw in ("<script", "<b>", "<img", "<i>", "`rumours`"):
        assert raw not in md
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in md
    assert "\\`rumours\\`" in md
    # The article's '# Breaking' headline stays inside its quote: escaped, never at the start of a line.
    assert "\\# Breaking \\| AP Rebels captured Hama" in md
    assert not re.search(r"^\s*(>\s*)?#+ Breaking", md, re.MULTILINE)
    # Every row of every table keeps exactly its four cell borders: '|' from article text is escaped.
    rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows and all(len(re.findall(r"(?<!\\)\|", row)) == 4 for row in rows)


def test_markdown_renders_to_the_intended_structure_only() -> None:
    # A CommonMark renderer passes raw HTML through, so any unescaped tag in the Markdown would show up here.
    html = MarkdownIt("commonmark").enable("table").render(render_markdown(_report()))
    assert re.findall(r"<h([12])>(.*?)</h\1>", html) == [
        ("1", "Story report"),
        ("2", "Disagreements"),
        ("2", "Reported by several sources"),
        ("2", "Reported by one source"),
        ("2", "Background"),
        ("2", "Failed articles"),
    ]
    assert html.count("<table>") == 4 and html.count("<h3>") == 5
    for tag in ("<script", "<img", "<b>", "<i>", "<code>"):
        assert tag not in html
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in html
    assert "“# Breaking | AP Rebels captured Hama on Thursday, a monitor said.”" in html


# ---- HTML -------------------------------------------------------------------------------------------


def test_segments_survive_overlapping_repeated_and_stray_spans() -> None:
    text = "Alpha beta. Gamma delta."
    spans = [
        Highlight(0, 11, "x", "ev-0"),
        Highlight(0, 11, "x", "ev-0"),  # repeated
        Highlight(6, 17, "y", "ev-1"),  # overlaps both sentences
        Highlight(21, 99, "z"),  # runs past the end
        Highlight(5, 5, "empty"),  # empty: ignored
    ]
    segments = segment_text(text, spans)
    assert "".join(s.text for s in segments) == text
    assert segments == [
        Segment("Alpha ", ("x",), ("ev-0",)),
        Segment("beta.", ("x", "y"), ("ev-1",)),
        Segment(" Gamma", ("y",)),
        Segment(" del", ()),
        Segment("ta.", ("z",)),
    ]


def test_html_is_self_contained_and_escapes_article_text() -> None:
    page = render_html(_report())
    assert (
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        in page
    )
    # Nothing that could fetch: no network URLs in attributes or CSS, no external or inline scripts, no images.
    assert not re.search(r"""\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.I)
    for fetcher in ("url(", "@import", "<link", "<script", "<img", "<iframe", "<object", "<embed"):
        assert fetcher not in page.lower()
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "AP &lt;i&gt;wire&lt;/i&gt; (a2)" in page
    # The article URL is shown as text, never as a link.
    assert "https://example.com/reuters/hama" in page and 'href="https' not in page
    assert f">{KILLED_25}</mark>" in page
    for section in (
        'id="summary"',
        'id="timeline"',
        'id="background"',
        'id="matrix"',
        'id="conflicts"',
        'id="articles"',
        'id="failed"',
    ):
        assert section in page


def test_html_finds_evidence_whose_offsets_drifted_and_lists_what_it_cannot_find() -> None:
    # The Reuters text gains a prefix (every offset is now 9 short) and loses its last sentence.
    drifted = "UPDATED: " + REUTERS.replace(" Hama was last stormed in 1982, when the army crushed an uprising.", "")
    page = render_html(_report().model_copy(update={"texts": {**TEXTS, "a1": drifted}}))
    assert ">The army said 40 soldiers were killed in the battle.</mark>" in page
    assert "Evidence not found in the text:" in page
    assert "<li>e4 sentence 4: Hama was last stormed in 1982, when the army crushed an uprising.</li>" in page


def test_template_ships_inside_the_package() -> None:
    template = importlib.resources.files("summarizer.report").joinpath("templates", "report.html.j2")
    assert template.is_file()


class _Dom(HTMLParser):
    """What a test needs from a dumped DOM: its elements, the title, the text of each <mark>, all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self.marks: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))
        if tag == "mark":
            self.marks.append("")
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if "title" in self._open and "svg" not in self._open:  # the page's title, not the chart's tooltips
            self.title += data
        if "mark" in self._open:
            self.marks[-1] += data


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; .ci/run installs Debian's package (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium); with CI set this test fails instead")


def test_html_in_a_real_browser(tmp_path: Path) -> None:
    browser = _chromium()
    page = tmp_path / "report.html"
    page.write_text(render_html(_report()), encoding="utf-8")
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0 and "</html>" in done.stdout, done.stderr[-3000:]
    print(f"chromium --dump-dom took {time.monotonic() - started:.1f} s")

    dom = _Dom()
    dom.feed(done.stdout)
    text = "".join(dom.text)
    assert dom.title == "Story report"  # the article's script never ran
    # Article markup stayed text: the only elements are the template's own.
    assert {"img", "script", "b", "i"}.isdisjoint(dom.tags)
    assert "Hama falls <em>fast</em>" in text and dom.tags.count("em") == 2  # the two article summaries
    assert SCRIPT in text and "<b>bold</b>" in text and "<img src=x onerror=alert(1)>" in text
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in done.stdout
    assert CONFLICT_TEXT in text and "⚠ conflict" in text
    assert KILLED_25 in dom.marks
    assert "Rebels seized the city of Hama on Thursday after heavy fighting." in dom.marks
    # The timeline chart is in the DOM as inline SVG with a size and one mark per source and story event.
    svg = [a for tag, a in dom.attrs if tag == "svg" and "timeline-chart" in (a.get("class") or "")]
    assert len(svg) == 1 and int(svg[0]["width"] or 0) > 0 and int(svg[0]["height"] or 0) > 0
    circles = [a for tag, a in dom.attrs if tag == "circle"]
    assert len(circles) == 5 and sum(a.get("class") == "mark-conflict" for a in circles) == 2


def _png_pixels(data: bytes) -> tuple[int, int, int, bytes]:
    """Width, height, bytes per pixel and raw RGB(A) rows of an 8-bit non-interlaced PNG (Chromium's)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, b"", b""
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos : pos + 4]), data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        chunks += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (2, 6)
    bpp = 4 if color == 6 else 3
    raw, stride, rows, prev = zlib.decompress(chunks), width * bpp, bytearray(), bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a, b = line[i - bpp] if i >= bpp else 0, prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows += line
        prev = line
    return width, height, bpp, bytes(rows)


def _count_colour(png: bytes, colour: str) -> int:
    width, height, bpp, rows = _png_pixels(png)
    want = bytes.fromhex(colour.lstrip("#"))
    return sum(rows[i : i + 3] == want for i in range(0, width * height * bpp, bpp))


def test_timeline_chart_geometry() -> None:
    chart = timeline_chart(_report())
    assert chart is not None
    assert [lane["label"] for lane in chart["lanes"]] == ["Reuters (a1)", "AP <i>wire</i> (a2)"]
    xs = [(m["title"].split(" · ")[0], m["title"].split(" · ")[1], m["x"], m["y"]) for m in chart["marks"]]
    lane_a1, lane_a2 = (lane["y"] for lane in chart["lanes"])
    # The axis spans the dates; two story events a source dates to the same day sit side by side.
    assert xs == [
        ("s2", "2024-11-27", chart["left"], lane_a1),
        ("s3", "2024-12-05", chart["right"] - 8, lane_a1),
        ("s3", "2024-12-05", chart["right"] - 8, lane_a2),
        ("s4", "2024-12-05", chart["right"] + 8, lane_a1),
        ("s4", "2024-12-05", chart["right"] + 8, lane_a2),
    ]
    assert [m["conflict"] for m in chart["marks"]] == [False, False, False, True, True]
    assert chart["bands"] == [{"x": chart["right"] + 8, "id": "s4"}]  # the 1982 background event is not drawn


def test_timeline_chart_is_drawn_in_a_real_browser(tmp_path: Path) -> None:
    browser = _chromium()
    page = tmp_path / "report.html"
    page.write_text(render_html(_report()), encoding="utf-8")
    shot = tmp_path / "shot.png"
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--force-device-scale-factor=1", "--window-size=1280,1400", f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}", page.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0 and shot.is_file(), done.stderr[-3000:]
    png = shot.read_bytes()
    # Both colours are used by the chart only: their pixels are the chart's marks, painted on screen.
    assert _count_colour(png, CHART_MARK) > 3 * 50, "the source marks of the chart were not painted"
    assert _count_colour(png, CHART_CONFLICT) > 2 * 50, "the conflict marks of the chart were not painted"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2.9 aftershock at 2:12 a.m.", "2.9 aftershock at 2:12 a.m."),
        ("2. item", "2. item"),
        ("3) x", "3) x"),
        ("- dash", "- dash"),
        ("plain *bold*", "plain *bold*"),
    ],
)
def test_escaped_markdown_renders_as_the_text_it_escapes(text: str, shown: str) -> None:
    from summarizer.report.markdown import escape_markdown

    html = MarkdownIt("commonmark").render(escape_markdown(text))
    assert html.strip() == f"<p>{shown}</p>"
