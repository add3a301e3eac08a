"""Reliability under faults: a real HTTP server that fails on purpose, and nothing is lost or let through.

Every test here talks to ``tests/faultserver.py`` over loopback with the real ``OpenAIBackend`` (openai SDK,
instructor, the one retry policy, the SQLite cache), never to a model. Figures measured here are quoted in
RELIABILITY.md (set RELIABILITY_FIGURES=path.jsonl to collect them).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.core.errors import GaveUpError
from summarizer.core.schema import StoryReport
from summarizer.extract.batch import run_batch
from summarizer.extract.context import RunContext
from summarizer.extract.pipeline import summarize_article
from summarizer.llm.cache import ResponseCache
from summarizer.llm.openai_compat import OpenAIBackend
from summarizer.text.articles import parse_text

from .faultserver import FAULTS, UNGROUNDED_WHO, FaultServer
from .reliability_support import article_of, cli_env, make_articles, note, server_settings

pytestmark = pytest.mark.usefixtures("one_sentence_per_request")  # requests sentence by sentence

runner = CliRunner()

# 30 % of requests get a fault, spread over every kind the server knows.
RATES = {
    "429": 0.04,
    "500": 0.04,
    "503": 0.03,
    "slow": 0.02,
    "drop": 0.04,
    "malformed": 0.04,
    "html": 0.02,
    "schema": 0.04,
    "ungrounded": 0.03,
}
POISONED = ("a13", "a37")  # every request about these is answered 503: they must end as failures


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer(seed=5, retry_after=1.0, slow_s=2.5) as running:
        yield running


def test_fault_rates_add_up_to_thirty_percent() -> None:
    assert set(RATES) == set(FAULTS)
    assert sum(RATES.values()) == pytest.approx(0.30)


def test_fifty_articles_under_thirty_percent_faults_lose_nothing(server: FaultServer, tmp_path: Path) -> None:
    files = make_articles(tmp_path / "in", 50)
    ids = [f.stem for f in files]
    # A 2 s timeout against 2.5 s "slow" answers: a busy CPU does not turn a normal answer into a timeout.
    settings = server_settings(server.url, tmp_path, max_attempts=6, concurrency=4, timeout_s=2.0)
    cache = ResponseCache(settings.cache_dir / "responses.sqlite")
    server.configure(rates=RATES, poison=tuple(f"Town{a[1:]} " for a in POISONED))

    started = time.perf_counter()
    first = run_batch(files, RunContext.build(settings, OpenAIBackend(settings), cache), workers=settings.concurrency)
    first_s = time.perf_counter() - started
    records = server.chat_records()

    # Every article ends summarised or failed with its reason; none is lost.
    assert sorted(o.article_id for o in first.outcomes) == ids
    ok = {o.article_id for o in first.outcomes if o.ok}
    failed = {o.article_id: o.error for o in first.failed}
    assert all(reason and reason.strip() for reason in failed.values()), failed
    assert {s.article.id for s in first.summaries} == ok
    assert len(ok) + len(failed) == 50
    assert set(POISONED) <= set(failed)
    for article in POISONED:
        assert "kept failing" in failed[article] and "HTTP 503" in failed[article], failed[article]

    # The server really misbehaved, in every way it knows.
    faults = Counter(r.fault for r in records if r.fault and r.fault != "poison")
    unpoisoned = [r for r in records if r.fault != "poison"]
    assert set(faults) == set(FAULTS), faults
    fault_share = sum(faults.values()) / len(unpoisoned)
    assert 0.2 < fault_share < 0.4, fault_share

    # Nothing ungrounded got through: the injected actor is in no result.
    everything = json.dumps([s.model_dump(mode="json") for s in first.summaries])
    assert UNGROUNDED_WHO not in everything
    for summary in first.summaries:  # and nothing grounded was lost: one event per sentence, as answered
        assert summary.summary and len(summary.events) == summary.article.sentences, summary.article.id

    # Per article, the provenance tells the truth about what the server saw, and stays in budget.
    by_article: dict[str, list] = defaultdict(list)
    for record in records:
        by_article[article_of(record) or "?"].append(record)
    per_request_cap = settings.max_attempts * (settings.max_reasks + 1)
    for summary in first.summaries:
        seen = by_article[summary.article.id]
        p = summary.provenance
        assert p.attempts == len(seen), summary.article.id
        assert p.usage.prompt_tokens + p.usage.completion_tokens == server.served_tokens(seen)
        assert p.usage.prompt_tokens + p.usage.completion_tokens <= settings.token_budget
        assert p.attempts <= p.requests * per_request_cap
        assert p.dropped_events == 0  # every bad answer was fixed by a re-ask, none had to be dropped
    for count in Counter(r.logical for r in records).values():
        assert count <= per_request_cap  # re-asks included
    for count in Counter(r.key for r in records).values():
        assert count <= settings.max_attempts  # one exact request is retried at most max_attempts times

    # Retry-After is honoured: the same request comes back no sooner than the server asked.
    waits = []
    for index, record in enumerate(records):
        if record.status != 429:
            continue
        later = [r for r in records[index + 1 :] if r.key == record.key]
        if later:
            waits.append(later[0].received - record.sent)
    assert waits, "no 429 was retried"
    assert min(waits) >= 1.0, waits

    # A second run redoes only the failed articles, and finishes them on a healthy server.
    server.configure(rates={}, poison=())
    server.reset()
    started = time.perf_counter()
    second = run_batch(files, RunContext.build(settings, OpenAIBackend(settings), cache), workers=settings.concurrency)
    second_s = time.perf_counter() - started
    again = server.chat_records()
    assert not second.failed and len(second.summaries) == 50
    asked_about = {article_of(r) for r in again}
    assert asked_about == set(failed), (asked_about, set(failed))
    for outcome in second.outcomes:
        assert outcome.cached == (outcome.article_id in ok), outcome
    before = {s.article.id: s.events for s in first.summaries}
    for summary in second.summaries:
        if summary.article.id in before:
            assert summary.events == before[summary.article.id]

    note(
        "batch_50_faults_30pct",
        articles=50,
        summarised=len(ok),
        failed=len(failed),
        failed_reasons=failed,
        lost=50 - len(ok) - len(failed),
        requests=len(records),
        faults=dict(faults),
        poisoned_requests=sum(r.fault == "poison" for r in records),
        fault_share=round(fault_share, 3),
        attempts=sum(s.provenance.attempts for s in first.summaries),
        logical_requests=sum(s.provenance.requests for s in first.summaries),
        retry_after_waits=[round(w, 3) for w in sorted(waits)],
        tokens=sum(s.provenance.usage.prompt_tokens + s.provenance.usage.completion_tokens for s in first.summaries),
        max_tokens_per_article=max(
            s.provenance.usage.prompt_tokens + s.provenance.usage.completion_tokens for s in first.summaries
        ),
        token_budget=settings.token_budget,
        max_attempts_per_logical_request=max(Counter(r.logical for r in records).values()),
        first_run_s=round(first_s, 2),
        second_run_requests=len(again),
        second_run_s=round(second_s, 2),
    )


def test_stubborn_ungrounded_quotes_are_removed(server: FaultServer, tmp_path: Path) -> None:
    """When even the re-ask cites words the sentence does not contain, the ungrounded quote is removed.

    The salvage keeps the event (its sentence, type and description are fine) with the model's actor set
    to nothing: the made-up actor reaches no output. What stands in its place is only the sentence's own
    subject, when it has one (extract.subjects), quoted from the evidence.
    """
    server.configure(rates={"ungrounded": 1.0}, faults_on_reask=True)
    settings = server_settings(server.url, tmp_path, use_cache=False).model_copy(update={"reask_ungrounded": True})
    article = parse_text(make_articles(tmp_path, 1, start=3)[0].read_text(), "a03")
    result = summarize_article(article, RunContext.build(settings, OpenAIBackend(settings)))
    assert len(result.events) == 3
    assert UNGROUNDED_WHO not in result.model_dump_json()
    for event in result.events:
        assert all(actor.name.casefold() in event.evidence[0].text.casefold() for actor in event.actors)
    assert result.provenance.attempts == 1 + 3 * (settings.max_reasks + 1)


def test_a_garbled_body_is_retried_as_transient_and_never_cached_as_an_answer(
    server: FaultServer, tmp_path: Path
) -> None:
    """A body that is not JSON is the transport failing, not the model answering: no re-ask, no salvage.

    Before the fix, instructor took it for an invalid answer, the salvage kept an empty event list, and
    that empty list was cached: a re-run on a healthy server still gave no events for the sentence.
    """
    server.configure(rates={"malformed": 1.0}, fault_tasks=("events",))
    settings = server_settings(server.url, tmp_path, max_attempts=2)
    cache = ResponseCache(settings.cache_dir / "responses.sqlite")
    article = parse_text(make_articles(tmp_path, 1, start=4)[0].read_text(), "a04")
    with pytest.raises(GaveUpError, match="not JSON"):
        summarize_article(article, RunContext.build(settings, OpenAIBackend(settings), cache))
    assert len(cache) == 1  # only the summary, which was answered
    server.configure(rates={})
    result = summarize_article(article, RunContext.build(settings, OpenAIBackend(settings), cache))
    assert len(result.events) == 2 and result.provenance.dropped_events == 0


def test_an_html_page_with_status_200_is_a_transient_failure(server: FaultServer, tmp_path: Path) -> None:
    server.configure(rates={"html": 1.0})
    settings = server_settings(server.url, tmp_path, max_attempts=2, use_cache=False)
    article = parse_text(make_articles(tmp_path, 1)[0].read_text(), "a00")
    with pytest.raises(GaveUpError, match="not a chat completion"):
        summarize_article(article, RunContext.build(settings, OpenAIBackend(settings)))
    assert len(server.chat_records()) == 2


def test_token_budget_stops_an_article_and_says_how_to_raise_it(server: FaultServer, tmp_path: Path) -> None:
    settings = server_settings(server.url, tmp_path, token_budget=1000, use_cache=False)
    article = parse_text(make_articles(tmp_path, 1, start=5)[0].read_text(), "a05")
    with pytest.raises(GaveUpError) as caught:
        summarize_article(article, RunContext.build(settings, OpenAIBackend(settings)))
    message = str(caught.value)
    assert "token budget of 1000" in message and "SUMMARIZER_TOKEN_BUDGET" in message
    served = server.served_tokens()
    biggest = max(r.prompt_tokens + r.completion_tokens for r in server.chat_records())
    # The budget is checked before each request: spending stops once it is reached, so the overshoot is
    # at most the one request that crossed it.
    assert caught.value.tokens == served
    assert settings.token_budget <= served < settings.token_budget + biggest
    note("token_budget_small", budget=1000, spent=served, requests=len(server.chat_records()), biggest=biggest)


def test_flags_named_in_error_messages_exist() -> None:
    """An error that says 'raise --x' must name a flag the CLI has."""
    package = Path(__file__).resolve().parent.parent / "summarizer"
    source = "\n".join(p.read_text() for p in package.rglob("*.py"))
    named = set(re.findall(r"\b(?:raise|pass|lower|fix|use|set|with|give)\s+`?(--[a-z][a-z-]+)", source))
    assert "--base-url" in named  # the pattern does find the hints
    commands = (["summarize"], ["merge"], ["eval"], ["model", "fetch"], ["model", "path"], ["schema"])
    helps = "".join(runner.invoke(app, [*command, "--help"], env={"COLUMNS": "400"}).output for command in commands)
    missing = sorted(flag for flag in named if flag not in helps)
    assert not missing, f"error messages name flags the CLI does not have: {missing}"


def test_merge_cli_exit_8_with_failures_then_0_after_rerun(server: FaultServer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_articles(folder, 8)
    out, cache = tmp_path / "out", tmp_path / "cache"
    server.configure(rates=RATES, poison=("Town06 ",))
    args = ["merge", str(folder), "--out", str(out), "--base-url", server.url, "--cache-dir", str(cache)]
    first = runner.invoke(app, args, env=cli_env())
    assert first.exit_code == 8, first.output
    assert "failed:" in first.output and "a06.txt" in first.output and "Traceback" not in first.output
    assert any(r.method == "GET" and r.path.endswith("/models") for r in server.records)  # no --model given
    for name in ("story.json", "timeline.md", "report.html"):
        assert (out / name).stat().st_size > 0
    report = StoryReport.model_validate_json((out / "story.json").read_text())
    outcomes = {o.article_id: o for o in report.articles}
    assert len(outcomes) == 8 and not outcomes["a06"].ok and outcomes["a06"].error
    failed_first = {a for a, o in outcomes.items() if not o.ok}

    server.configure(rates={}, poison=())
    server.reset()
    second = runner.invoke(app, args, env=cli_env())
    assert second.exit_code == 0, second.output
    assert {article_of(r) for r in server.chat_records()} == failed_first
    report = StoryReport.model_validate_json((out / "story.json").read_text())
    assert all(o.ok for o in report.articles) and len(report.summaries) == 8
    assert "a06" in (out / "timeline.md").read_text() or "Town06" in (out / "report.html").read_text()
    note(
        "cli_merge",
        first_exit=first.exit_code,
        failed_first=sorted(failed_first),
        second_exit=second.exit_code,
        second_requests=len(server.chat_records()),
    )


def test_one_megabyte_article_is_processed_in_full(server: FaultServer, tmp_path: Path) -> None:
    """Every sentence of a 1 MB article is asked about, window by window; with the default budget it stops
    with an error that names the setting to raise."""
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa"
    vocabulary = words.split()
    paragraphs, size, n = [], 0, 0
    while size < 1_000_000:
        n += 1
        # Long sentences keep the request count (one per sentence) and so the test time small.
        body = " ".join(vocabulary[(n + i) % 16] for i in range(1000))
        paragraphs.append(f"Marker{n:04d} reported that {body}.")
        size += len(paragraphs[-1]) + 1
    text = "\n".join(paragraphs) + "\n"
    path = tmp_path / "big.txt"
    path.write_text(text)
    assert path.stat().st_size >= 1_000_000

    started = time.perf_counter()
    article = parse_text(text, "big")
    parse_s = time.perf_counter() - started
    assert len(article.sentences) == n
    assert article.sentences[-1].text == paragraphs[-1]  # nothing cut at the end

    settings = server_settings(server.url, tmp_path, token_budget=10_000_000, use_cache=False)
    started = time.perf_counter()
    result = summarize_article(article, RunContext.build(settings, OpenAIBackend(settings)))
    run_s = time.perf_counter() - started
    asked: set[int] = set()
    for record in server.chat_records():
        match = re.search(r"TASK: List the events stated in sentences? ([\d, ]+) only", record.task_text())
        if match:
            asked.update(int(x) for x in match.group(1).split(","))
            sid = int(match.group(1).split(",")[0])
            assert article.sentence(sid).text in record.task_text()  # the whole sentence, not a cut
    assert asked == set(range(1, n + 1))
    assert len(result.events) == n
    assert {e.evidence[0].sentence_id for e in result.events} == set(range(1, n + 1))
    spent = result.provenance.usage.prompt_tokens + result.provenance.usage.completion_tokens
    windows = len({r.task_text()[:200] for r in server.chat_records()})

    server.reset()
    default = server_settings(server.url, tmp_path, use_cache=False)
    with pytest.raises(GaveUpError) as caught:
        summarize_article(article, RunContext.build(default, OpenAIBackend(default)))
    assert "token budget of 200000" in str(caught.value) and "SUMMARIZER_TOKEN_BUDGET" in str(caught.value)
    note(
        "one_megabyte",
        bytes=path.stat().st_size,
        sentences=n,
        requests=result.provenance.requests,
        windows=windows,
        tokens=spent,
        events=len(result.events),
        parse_s=round(parse_s, 2),
        run_s=round(run_s, 2),
        default_budget_requests_before_stop=len(server.chat_records()),
        default_budget_message=str(caught.value),
    )
