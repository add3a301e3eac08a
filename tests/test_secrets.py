"""Secrets: the API key goes to the server in the Authorization header and nowhere else.

A unique marker key is set through OPENAI_API_KEY; the runs go through success, injected faults, failed
articles and a rejected key (HTTP 401, whose body echoes the key the way OpenAI's does). Then every
stream, log record and file the runs wrote is searched for the marker, byte by byte.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

from .faultserver import FaultServer
from .reliability_support import SECRET, cli_env, make_articles, note

runner = CliRunner()
RATES = {"429": 0.05, "500": 0.05, "drop": 0.05, "malformed": 0.05, "schema": 0.05, "ungrounded": 0.05}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer(seed=3, retry_after=0.2, slow_s=1.5) as running:
        yield running


def files_containing(folder: Path, marker: str) -> list[str]:
    """Every file under ``folder`` (SQLite files, WAL and journal included) whose bytes contain ``marker``."""
    needle = marker.encode()
    return [str(p) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_the_key_reaches_the_server_and_no_output_log_cache_or_report(
    server: FaultServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, the SDK's and httpx's included, at their chattiest
    folder, out, cache = tmp_path / "in", tmp_path / "out", tmp_path / "cache"
    make_articles(folder, 6)
    server.configure(rates=RATES, poison=("Town02 ",))
    args = ["merge", str(folder), "--out", str(out), "--base-url", server.url, "--cache-dir", str(cache)]
    merged = runner.invoke(app, args, env=cli_env(OPENAI_LOG="debug"))
    assert merged.exit_code == 8, merged.output  # the poisoned article failed: its error is in the report

    article = folder / "a01.txt"
    one = ["summarize", str(article), "--base-url", server.url, "--cache-dir", str(cache), "--json", "--verbose"]
    summarized = runner.invoke(app, one, env=cli_env(OPENAI_LOG="debug"))
    assert summarized.exit_code == 0, summarized.output

    # The server did get the key, where it belongs: this is what makes the absence checks meaningful.
    chat = server.chat_records()
    assert chat and all(r.headers.get("authorization") == f"Bearer {SECRET}" for r in chat)
    assert any(r.method == "GET" and r.headers.get("authorization") == f"Bearer {SECRET}" for r in server.records)

    for result in (merged, summarized):
        assert SECRET not in result.output and SECRET not in result.stdout and SECRET not in result.stderr
    assert caplog.records and SECRET not in caplog.text
    for record in caplog.records:
        assert SECRET not in str(record.args) and SECRET not in str(record.__dict__)
    assert (cache / "responses.sqlite").exists() and (out / "report.html").exists()
    assert files_containing(tmp_path, SECRET) == []
    note("secrets_success_paths", requests=len(chat), faults=dict(server.faults), log_records=len(caplog.records))


@pytest.mark.parametrize("model", [["--model", "fault-model"], []])
def test_a_rejected_key_is_exit_5_and_never_echoed(
    server: FaultServer, tmp_path: Path, caplog: pytest.LogCaptureFixture, model: list[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    server.configure(auth_fail=True)
    article = tmp_path / "a.txt"
    article.write_text("The council approved a new budget on Monday, officials said.\n")
    cache, out = tmp_path / "cache", tmp_path / "out"
    summarized = runner.invoke(
        app, ["summarize", str(article), "--base-url", server.url, "--cache-dir", str(cache), *model], env=cli_env()
    )
    assert summarized.exit_code == 5, summarized.output
    assert "rejected the API key (HTTP 401); set OPENAI_API_KEY" in summarized.output
    merged = runner.invoke(
        app,
        ["merge", str(article), "--out", str(out), "--base-url", server.url, "--cache-dir", str(cache), *model],
        env=cli_env(),
    )
    assert merged.exit_code in (5, 8), merged.output  # today 8: each article fails alone (RELIABILITY.md)
    assert "rejected the API key" in merged.output
    assert server.records and all(r.headers.get("authorization") == f"Bearer {SECRET}" for r in server.records)
    for result in (summarized, merged):
        assert SECRET not in result.output
    assert SECRET not in caplog.text
    assert files_containing(tmp_path, SECRET) == []


def test_a_rejected_key_in_a_real_process_leaks_into_neither_stream(server: FaultServer, tmp_path: Path) -> None:
    server.configure(auth_fail=True)
    article = tmp_path / "a.txt"
    article.write_text("The council approved a new budget on Monday, officials said.\n")
    command = [sys.executable, "-m", "summarizer", "summarize", str(article), "--base-url", server.url, "--no-cache"]
    plain = subprocess.run(command, env={**os.environ, **cli_env()}, capture_output=True, text=True, check=False)
    assert plain.returncode == 5, plain.stderr
    assert plain.stdout == "" and plain.stderr.startswith("error: ") and "rejected the API key" in plain.stderr
    assert len(plain.stderr.strip().splitlines()) == 1  # one line, no traceback
    # With the SDK's own debug logging on (it prints request options and tracebacks), still no key.
    chatty = subprocess.run(
        command, env={**os.environ, **cli_env(OPENAI_LOG="debug")}, capture_output=True, text=True, check=False
    )
    assert chatty.returncode == 5 and "DEBUG" in chatty.stderr
    for done in (plain, chatty):
        assert SECRET not in done.stdout and SECRET not in done.stderr
    assert server.records[0].headers.get("authorization") == f"Bearer {SECRET}"


def test_eval_reports_carry_no_key(server: FaultServer, tmp_path: Path) -> None:
    """A live eval against the server (the seeds' gold, copied so the real suite is untouched)."""
    root = Path(__file__).resolve().parent.parent
    suite = tmp_path / "suite"
    suite.mkdir()
    gold = (root / "evals" / "seeds" / "gold.yaml").read_text()
    gold = re.sub(r"(?m)^articles_dir: .*$", f"articles_dir: {root / 'seeds'}", gold)
    (suite / "gold.yaml").write_text(gold)
    (suite / "aliases.yaml").write_text((root / "evals" / "seeds" / "aliases.yaml").read_text())
    out = tmp_path / "eval-out"
    args = ["eval", "--live", "--suite", str(suite), "--out", str(out), "--base-url", server.url, "--no-cache"]
    result = runner.invoke(app, args, env=cli_env())
    assert result.exit_code == 7, result.output  # scored and written; no baseline in this copied suite
    assert (out / "eval.json").exists() and (out / "eval.md").exists()
    assert SECRET not in result.output
    assert all(r.headers.get("authorization") == f"Bearer {SECRET}" for r in server.records)
    assert files_containing(tmp_path, SECRET) == []
