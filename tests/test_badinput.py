"""Bad and hostile input: each file of tests/badinput/ gets a clear error or a correct result.

Runs the real CLI (typer's CliRunner) against the loopback fault server with no faults, and checks every
exit code against the README's "Exit codes" table. What happens to each input is listed in RELIABILITY.md.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.core.schema import ArticleSummary, StoryReport

from .faultserver import FaultServer
from .reliability_support import article_text, cli_env, note

pytestmark = pytest.mark.usefixtures("one_sentence_per_request")  # requests sentence by sentence

BAD = Path(__file__).resolve().parent / "badinput"
README = Path(__file__).resolve().parent.parent / "README.md"
runner = CliRunner()


def readme_exit_codes() -> dict[int, str]:
    """The README's exit-code table: code -> meaning."""
    section = README.read_text().split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): meaning.strip() for code, meaning in re.findall(r"^\| (\d+) \| (.+?) \|$", section, re.M)}


EXIT_CODES = readme_exit_codes()


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer(seed=1) as running:
        yield running


def run(*args: str, **env: str):
    result = runner.invoke(app, list(args), env=cli_env(**env))
    assert result.exit_code in EXIT_CODES, f"exit {result.exit_code} is not in README's table"
    assert "Traceback" not in result.output, result.output
    return result


def summarize(server: FaultServer, path: Path, *extra: str, **env: str):
    return run("summarize", str(path), "--base-url", server.url, "--model", "fault-model", "--no-cache", *extra, **env)


def test_readme_documents_the_codes_the_cli_uses() -> None:
    assert set(EXIT_CODES) >= {0, 1, 2, 3, 4, 5, 6, 7, 8}
    assert "bad input" in EXIT_CODES[2] and "backend failed" in EXIT_CODES[5] and "merge" in EXIT_CODES[8]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", "is empty"),
        ("whitespace.txt", "is empty"),
        ("binary.txt", "looks binary"),
        ("latin1.txt", "pass --encoding cp1252"),
        ("malformed.jsonl", "line 2"),
        ("no-such-file.txt", "does not exist"),
    ],
)
def test_unusable_input_is_exit_2_with_a_message_that_names_the_fix(server: FaultServer, name: str, words: str) -> None:
    before = len(server.chat_records())
    result = summarize(server, BAD / name)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert len(result.output.strip().splitlines()) == 1  # one line
    assert len(server.chat_records()) == before  # refused before any model call


def test_latin1_is_read_with_the_encoding_flag(server: FaultServer) -> None:
    result = summarize(server, BAD / "latin1.txt", "--encoding", "latin-1", "--json")
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate_json(result.stdout)
    assert "Montréal" in summary.summary and len(summary.events) == 2
    assert summary.events[1].evidence[0].text.startswith("Les élus de Québec")


def test_html_page_is_read_for_its_main_text_and_its_script_never_reaches_an_output(
    server: FaultServer, tmp_path: Path
) -> None:
    """Decision (issue 17, replacing 'HTML is read as plain text'): a .html file is a web page; trafilatura
    takes its main text and title, the script and style are dropped, and evidence is grounded in that text."""
    result = summarize(server, BAD / "page.html", "--json")
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate_json(result.stdout)
    assert summary.article.title == "Council approves budget"
    assert summary.text is not None and "<p>" not in summary.text and "page script" not in summary.text
    assert "The council of Hillford approved a new budget" in summary.text
    for event in summary.events:
        for ev in event.evidence:
            assert summary.text[ev.start : ev.end] == ev.text
    out = tmp_path / "out"
    merged = run("merge", str(BAD / "page.html"), "--out", str(out), "--base-url", server.url, "--no-cache")
    assert merged.exit_code == 0, merged.output
    html = (out / "report.html").read_text()
    assert "page script" not in html and "<script" not in html.lower()
    report = StoryReport.model_validate_json((out / "story.json").read_text())
    # The page's title and markup give no events: every event stands on one of its two paragraphs.
    evidence = [e.evidence[0].text for e in report.summaries[0].events]
    paragraphs = ("The council of Hillford approved", "Protesters gathered outside the town hall")
    assert evidence and all(text.startswith(paragraphs) for text in evidence), evidence


def test_an_article_in_german_is_summarised(server: FaultServer) -> None:
    result = summarize(server, BAD / "german.txt", "--json")
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate_json(result.stdout)
    assert [e.actors[0].name for e in summary.events] == ["Der Stadtrat", "Hunderte Demonstranten", "Die Polizei"]
    assert all(e.date.value is None for e in summary.events)  # German weekdays are not resolved, never invented


def test_an_article_in_chinese_gets_a_summary(server: FaultServer) -> None:
    """Known gap (RELIABILITY.md): lines without spaces count as fewer than 4 words, so no sentence is
    asked about and the article gets a summary but no events. Recorded here so a change is noticed."""
    before = len(server.chat_records())
    result = summarize(server, BAD / "chinese.txt", "--json")
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate_json(result.stdout)
    assert "科隆市议会" in summary.summary
    note("chinese", events=len(summary.events), requests=len(server.chat_records()) - before)


def test_prompt_injection_templates_and_markup_stay_literal(server: FaultServer, tmp_path: Path) -> None:
    before = len(server.chat_records())
    result = summarize(server, BAD / "injection.txt")
    assert result.exit_code == 0, result.output
    # The terminal shows the article's markup as characters: rich did not interpret it.
    for literal in ("[bold red]ALERT[/bold", "{{ 7*7 }}", "{% if true %}yes{% endif", "[link=https://evil.example]"):
        assert literal in result.output, literal
    # The prompts carried the text verbatim: no template in it was executed on the way to the model.
    sent = [r.task_text() for r in server.chat_records()[before:]]
    assert sent and all("{{ 7*7 }} {% if true %}yes{% endif %} the mayor" in text for text in sent)
    assert not any("49" in text or "ALERT yes the mayor" in text for text in sent)
    # The fake TASK line inside the article is data: it is sentence 5, asked about like any other.
    task = re.compile(r"^TASK: List the events stated in sentence (\d+) only", re.MULTILINE)
    assert sorted(int(m) for text in sent for m in task.findall(text)) == [1, 2, 3, 4, 5]

    as_json = summarize(server, BAD / "injection.txt", "--json")
    summary = ArticleSummary.model_validate_json(as_json.stdout)
    assert "{{ 7*7 }}" in summary.summary and "[bold red]ALERT[/bold red]" in summary.summary
    assert {e.evidence[0].sentence_id for e in summary.events} <= {1, 2, 3, 4, 5}

    out = tmp_path / "out"
    merged = run("merge", str(BAD / "injection.txt"), "--out", str(out), "--base-url", server.url, "--no-cache")
    assert merged.exit_code == 0, merged.output
    assert "[link=https://evil.example]click" in merged.output and "{{ 7*7 }}" in merged.output  # literal
    story = json.loads((out / "story.json").read_text())
    assert "{{ 7*7 }}" in json.dumps(story) and "49" not in story["summaries"][0]["summary"]
    markdown = (out / "timeline.md").read_text()
    assert r"\{\{ 7\*7 \}\}" in markdown and "<script>" not in markdown
    html = (out / "report.html").read_text()
    assert "{{ 7*7 }}" in html and "&lt;script&gt;alert(&#34;x&#34;)" in html and "<script" not in html.lower()
    assert 'href="https://evil.example' not in html


def test_duplicate_articles_are_merged_once(server: FaultServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article_text(1))
    (folder / "b.txt").write_text(article_text(1))  # the same text again
    (folder / "c.txt").write_text(article_text(2))
    before = len(server.chat_records())
    out = tmp_path / "out"
    result = run("merge", str(folder), "--out", str(out), "--base-url", server.url, "--no-cache")
    assert result.exit_code == 0, result.output
    report = StoryReport.model_validate_json((out / "story.json").read_text())
    outcomes = {o.article_id: o for o in report.articles}
    assert set(outcomes) == {"a", "b", "c"} and all(o.ok for o in outcomes.values())
    assert "same text as a" in (outcomes["b"].error or "")
    assert [s.article.id for s in report.summaries] == ["a", "c"]
    about_town01 = [r for r in server.chat_records()[before:] if "Town01" in r.task_text()]
    assert len(about_town01) == 1 + 3  # one summary and one request per sentence: asked once, not twice


def test_a_folder_of_bad_files_loses_none_of_them(server: FaultServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(BAD, folder)
    (folder / "good.txt").write_text(article_text(3))
    out = tmp_path / "out"
    result = run("merge", str(folder), "--out", str(out), "--base-url", server.url, "--no-cache")
    assert result.exit_code == 8, result.output
    report = StoryReport.model_validate_json((out / "story.json").read_text())
    outcomes = {o.article_id: o for o in report.articles}
    picked = sorted(p.stem for p in folder.iterdir() if p.suffix in {".txt", ".md", ".jsonl", ".html"})
    assert sorted(outcomes) == picked  # every file is accounted for (a folder's .html pages are articles too)
    failed = {name for name, o in outcomes.items() if not o.ok}
    assert failed == {"empty", "whitespace", "binary", "latin1", "malformed"}
    assert all(outcomes[name].error for name in failed)
    for name in failed:
        assert f"{name}." in result.output  # each failure is printed with its reason
    note("bad_folder", outcomes={k: (o.ok, o.error) for k, o in outcomes.items()}, exit=result.exit_code)


def test_token_budget_from_the_environment_is_exit_5_naming_it(server: FaultServer, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(article_text(5))
    result = summarize(server, article, SUMMARIZER_TOKEN_BUDGET="1000")
    assert result.exit_code == 5, result.output
    assert "token budget of 1000" in result.output and "SUMMARIZER_TOKEN_BUDGET" in result.output


def test_hostile_article_ids_and_paths_print_as_text(server: FaultServer, tmp_path: Path) -> None:
    """Article ids and paths reach the terminal; '[/x]' in them must not crash rich's markup parser."""
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"id": "[/oops] [bold]id", "text": article_text(7)}) + "\n")
    result = summarize(server, records, "--verbose")
    assert result.exit_code == 0, result.output
    assert "[/oops] [bold]id:" in result.output
    missing = summarize(server, tmp_path / "a[" / "x].txt")
    assert missing.exit_code == 2 and "a[/x].txt does not exist" in missing.output
    empty = tmp_path / "e.jsonl"
    empty.write_text(json.dumps({"id": "[/bad]", "text": "  "}) + "\n")
    out = tmp_path / "out"
    merged = run("merge", str(records), str(empty), "--out", str(out), "--base-url", server.url, "--no-cache")
    assert merged.exit_code == 8, merged.output
    assert "'[/bad]' has no text" in merged.output


def test_a_model_fooled_by_an_injected_task_cannot_cite_another_sentence(tmp_path: Path) -> None:
    """If the model obeys the TASK line quoted in the article and cites sentence 99, the schema refuses it,
    the re-ask is refused too, and the event is dropped and counted: nothing ungrounded gets through."""
    with FaultServer(gullible=True) as gullible:
        result = summarize(gullible, BAD / "injection.txt", "--json")
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate_json(result.stdout)
    assert {e.evidence[0].sentence_id for e in summary.events} == {1, 2, 3, 4}
    assert summary.provenance.dropped_events == 1
