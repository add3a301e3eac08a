"""Durability: a killed run, two runs at once and a damaged cache corrupt nothing and lose no finished work.

The CLI runs in real subprocesses (so SIGKILL is a real kill) against the loopback fault server, slowed
down so that the kill lands in the middle of the batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.core.schema import StoryReport
from summarizer.extract.context import RunContext
from summarizer.extract.pipeline import summarize_article
from summarizer.llm.cache import ResponseCache
from summarizer.llm.openai_compat import OpenAIBackend
from summarizer.text.articles import parse_text

from .faultserver import FaultServer
from .reliability_support import article_text, cli_env, make_articles, note, server_settings

runner = CliRunner()


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer(seed=2) as running:
        yield running


def merge_command(folder: Path, out: Path, cache: Path, url: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "summarizer",
        "merge",
        str(folder),
        "--out",
        str(out),
        "--base-url",
        url,
        "--model",
        "fault-model",
        "--cache-dir",
        str(cache),
        "--concurrency",
        "2",
    ]


def subprocess_env() -> dict[str, str]:
    return {**os.environ, **cli_env()}


def cache_rows(path: Path) -> list[tuple[str, str, str]]:
    """Every (key, value, checksum) row, read with plain sqlite3 after checking the file's integrity."""
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute("SELECT key, value, checksum FROM responses").fetchall()
    finally:
        db.close()


def assert_rows_intact(rows: list[tuple[str, str, str]]) -> None:
    for key, value, checksum in rows:
        assert hashlib.sha256(value.encode("utf-8")).hexdigest() == checksum, key
        document = json.loads(value)
        assert set(document) >= {"value", "prompt_tokens", "completion_tokens"}, key


def test_sigkill_mid_batch_leaves_nothing_half_written_and_a_rerun_reuses_the_work(
    server: FaultServer, tmp_path: Path
) -> None:
    folder, out, cache = tmp_path / "in", tmp_path / "out", tmp_path / "cache"
    make_articles(folder, 12)
    out.mkdir()
    previous = StoryReport(summary="an earlier run", articles=[], story_events=[], conflicts=[], summaries=[], texts={})
    (out / "story.json").write_text(previous.model_dump_json())
    server.configure(delay_s=0.15)
    with open(tmp_path / "stdout", "wb") as stdout, open(tmp_path / "stderr", "wb") as stderr:
        process = subprocess.Popen(
            merge_command(folder, out, cache, server.url), env=subprocess_env(), stdout=stdout, stderr=stderr
        )
        deadline = time.monotonic() + 90
        while len(server.chat_records()) < 14 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        assert process.poll() is None, "the run finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    killed_after = len(server.chat_records())

    # The earlier output is untouched (or, had the kill come later, wholly replaced): never half a file.
    assert StoryReport.model_validate_json((out / "story.json").read_text()).summary == "an earlier run"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["story.json"]
    rows = cache_rows(cache / "responses.sqlite")
    assert_rows_intact(rows)
    kept = len(rows)
    assert 0 < kept <= killed_after

    server.configure(delay_s=0.0)
    server.reset()
    args = [
        "merge",
        str(folder),
        "--out",
        str(out),
        "--base-url",
        server.url,
        "--model",
        "fault-model",
        "--cache-dir",
        str(cache),
    ]
    rerun = runner.invoke(app, args, env=cli_env())
    assert rerun.exit_code == 0, rerun.output
    report = StoryReport.model_validate_json((out / "story.json").read_text())
    assert len(report.summaries) == 12
    assert (out / "timeline.md").read_text() and "</html>" in (out / "report.html").read_text()
    rows_after = cache_rows(cache / "responses.sqlite")
    assert_rows_intact(rows_after)
    asked = len(server.chat_records())
    assert asked == len(rows_after) - kept  # only what the killed run had not finished was asked again
    assert sum(s.provenance.cached_requests for s in report.summaries) == kept
    note(
        "sigkill",
        requests_before_kill=killed_after,
        cache_entries_kept=kept,
        rerun_requests=asked,
        total_entries=len(rows_after),
    )


WRITER = """
import json, sys
from pathlib import Path
from summarizer.core.outputs import write_atomic
path = Path(sys.argv[1])
for n in range(10**6):
    write_atomic(path, json.dumps({"n": n, "pad": "x" * 4_000_000}))
"""

pytestmark = pytest.mark.usefixtures("one_sentence_per_request")  # requests sentence by sentence


def test_sigkill_during_write_atomic_never_leaves_half_a_file(tmp_path: Path) -> None:
    target = tmp_path / "story.json"
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target)])
    try:
        deadline = time.monotonic() + 60
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.4)  # several rewrites in: the kill lands during one of them
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    document = json.loads(target.read_text())
    assert len(document["pad"]) == 4_000_000
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "story.json"]
    assert all(name.startswith(".story.json.") and name.endswith(".tmp") for name in leftovers), leftovers
    note("write_atomic_kill", rewrites_before_kill=document["n"], hidden_tmp_left=len(leftovers))


def test_two_concurrent_runs_sharing_one_cache_corrupt_nothing(server: FaultServer, tmp_path: Path) -> None:
    folder, cache = tmp_path / "in", tmp_path / "cache"
    make_articles(folder, 8)
    server.configure(delay_s=0.05)
    # No faults here: a generous timeout, so a machine busy with other work cannot turn slowness into failure.
    patient = {**subprocess_env(), "SUMMARIZER_TIMEOUT_S": "15", "SUMMARIZER_MAX_ATTEMPTS": "5"}
    processes = [
        subprocess.Popen(
            merge_command(folder, tmp_path / f"out{n}", cache, server.url),
            env=patient,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in (1, 2)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
    rows = cache_rows(cache / "responses.sqlite")
    assert_rows_intact(rows)
    logical = {r.logical for r in server.chat_records()}
    assert len(rows) == len(logical)  # one entry per distinct request, however many runs asked it
    for n in (1, 2):
        report = StoryReport.model_validate_json((tmp_path / f"out{n}" / "story.json").read_text())
        assert len(report.summaries) == 8
    note("concurrent_runs", requests=len(server.chat_records()), distinct=len(logical), entries=len(rows))


def test_many_threads_and_handles_on_one_cache_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            # A handle per thread, like two runs; opening it is part of the test (two handles creating the
            # file at once once failed with "database is locked" and the thread died unseen).
            cache = ResponseCache(path)
            for n in range(150):
                key = f"k{n % 40}"  # the same keys from every thread
                cache.put(key, {"value": {"n": n, "w": worker}, "prompt_tokens": 1, "completion_tokens": 1})
                got = cache.get(key)
                assert got is not None and set(got) == {"value", "prompt_tokens", "completion_tokens"}
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    rows = cache_rows(path)
    assert len(rows) == 40
    assert_rows_intact(rows)


def test_corrupted_entries_are_detected_and_recomputed(server: FaultServer, tmp_path: Path) -> None:
    settings = server_settings(server.url, tmp_path)
    cache = ResponseCache(settings.cache_dir / "responses.sqlite")
    article = parse_text(article_text(9), "a09")
    first = summarize_article(article, RunContext.build(settings, OpenAIBackend(settings), cache))
    assert first.provenance.requests == 4 and len(cache) == 4

    db = sqlite3.connect(cache.path, isolation_level=None)
    keys = [k for (k,) in db.execute("SELECT key FROM responses ORDER BY key")]
    db.execute("UPDATE responses SET value = substr(value, 1, 20) WHERE key = ?", (keys[0],))  # torn text
    db.execute("UPDATE responses SET value = X'00FF00' WHERE key = ?", (keys[1],))  # bytes, not text
    wrong_shape = json.dumps(
        {"value": {"events": "nope"}, "prompt_tokens": 1, "completion_tokens": 1}, sort_keys=True
    )  # checksum right, content invalid
    db.execute(
        "UPDATE responses SET value = ?, checksum = ? WHERE key = ?",
        (wrong_shape, hashlib.sha256(wrong_shape.encode()).hexdigest(), keys[2]),
    )
    db.close()

    server.reset()
    again = summarize_article(article, RunContext.build(settings, OpenAIBackend(settings), cache))
    assert again.provenance.requests == 3 and again.provenance.cached_requests == 1
    assert len(server.chat_records()) == 3
    assert again.events == first.events and again.summary == first.summary
    assert_rows_intact(cache_rows(cache.path))


def test_a_cache_file_that_is_not_a_database_is_set_aside(server: FaultServer, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(article_text(11))
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "responses.sqlite").write_bytes(random.Random(1).randbytes(5000))
    args = ["summarize", str(article), "--base-url", server.url, "--model", "fault-model", "--cache-dir", str(cache)]
    result = runner.invoke(app, args, env=cli_env())
    assert result.exit_code == 0, result.output
    assert (cache / "responses.sqlite.corrupt").stat().st_size == 5000
    server.reset()
    assert runner.invoke(app, args, env=cli_env()).exit_code == 0
    assert server.chat_records() == []  # the fresh cache serves the second run


def test_a_damaged_page_is_a_miss_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    cache = ResponseCache(path)
    for n in range(2000):
        cache.put(f"k{n}", {"value": "x" * 200})
    cache._local.db.close()  # closing checkpoints the WAL into the file we are about to damage
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = random.Random(0).randbytes(8192)
    path.write_bytes(bytes(data))
    damaged = ResponseCache(path)
    found = [damaged.get(f"k{n}") for n in range(2000)]
    assert 0 < sum(item is None for item in found) < 2000  # some entries lost, none raised
    damaged.put("k5", {"value": "again"})  # stores, or skips quietly where the page is damaged


def test_a_statement_that_meets_a_held_lock_is_run_again_and_other_errors_are_not_retried() -> None:
    import sqlite3

    from summarizer.llm.cache import _while_locked

    calls = []

    def locked_twice() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "wal"

    assert _while_locked(locked_twice) == "wal" and len(calls) == 3

    def broken() -> None:
        calls.append(1)
        raise sqlite3.OperationalError("no such table: responses")

    calls.clear()
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _while_locked(broken)
    assert len(calls) == 1
