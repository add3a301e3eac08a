"""The Batch API path against the loopback fault server, which also fakes /v1/files and /v1/batches.

First the client alone (submit, poll, download, resume after a crash, a failed batch), then
``merge --batch-api`` end to end: the same story as live requests, one submission across a crash, a line the
batch failed asked live, an answer that fails validation re-asked live, and the embedded backend refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.core.errors import BackendError
from summarizer.llm.cache import ResponseCache
from summarizer.llm.openai_batch import BatchClient, run_batch_requests

from .faultserver import FaultServer
from .reliability_support import article_text, cli_env

pytestmark = pytest.mark.usefixtures("one_sentence_per_request")  # requests sentence by sentence

runner = CliRunner()


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer(seed=3) as running:
        yield running


BODIES = {
    "k1": {"model": "m", "messages": [{"role": "user", "content": "one"}]},
    "k2": {"model": "m", "messages": [{"role": "user", "content": "two"}]},
    "bad": {"model": "m", "messages": [{"role": "user", "content": "three"}]},
}


# -- the client ----------------------------------------------------------------------------------------


def test_submit_poll_download(server: FaultServer, tmp_path: Path) -> None:
    server.configure(batch_faults={"three": "error"})
    seen: list[str] = []
    answers = run_batch_requests(
        BatchClient(server.url, "sk-test"),
        BODIES,
        tmp_path / "batch.json",
        poll_s=0,
        on_status=lambda b: seen.append(b["status"]),
    )
    assert set(answers) == {"k1", "k2"}  # the failed line is left out, for the caller to ask live
    assert all(a["object"] == "chat.completion" for a in answers.values())
    assert seen == ["in_progress", "completed"]
    assert [json.loads(x)["custom_id"] for x in server.files["file-0"].splitlines()] == ["k1", "k2", "bad"]
    assert not (tmp_path / "batch.json").exists()  # done: nothing left to resume


def test_a_crash_while_polling_resumes_the_same_batch(server: FaultServer, tmp_path: Path) -> None:
    server.configure(batch_polls=3)
    state_file = tmp_path / "batch.json"

    def crash(_: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch_requests(BatchClient(server.url, None), BODIES, state_file, sleep=crash)
    assert json.loads(state_file.read_text())["batch_id"] == "batch-0"
    answers = run_batch_requests(BatchClient(server.url, None), BODIES, state_file, poll_s=0)
    assert set(answers) == set(BODIES)
    assert server.calls("POST", "/v1/batches") == 1 and server.calls("POST", "/v1/files") == 1


def test_a_failed_batch_is_one_error_and_is_not_resumed(server: FaultServer, tmp_path: Path) -> None:
    server.configure(batch_end="failed")
    with pytest.raises(BackendError, match="ended failed; re-run to submit a new one"):
        run_batch_requests(BatchClient(server.url, None), BODIES, tmp_path / "batch.json", poll_s=0)
    assert not (tmp_path / "batch.json").exists()


# -- merge --batch-api end to end ----------------------------------------------------------------------


def _articles(folder: Path, numbers: tuple[int, ...] = (1, 2)) -> Path:
    folder.mkdir()
    for n in numbers:
        (folder / f"town{n}.txt").write_text(article_text(n))
    return folder


def _merge(server: FaultServer, inputs: Path, out: Path, cache: Path, *extra: str):
    args = ["merge", str(inputs), "--out", str(out), "--base-url", server.url, "--cache-dir", str(cache)]
    return runner.invoke(app, [*args, *extra], env=cli_env(SUMMARIZER_BATCH_POLL_S="0.01"))


def _story(out: Path) -> dict[str, Any]:
    """story.json without wall times, which differ on every run."""
    story = json.loads((out / "story.json").read_text())
    for summary in story["summaries"]:
        del summary["provenance"]["timings"]
    return story


def test_batch_merge_gives_the_story_of_live_requests(server: FaultServer, tmp_path: Path) -> None:
    inputs = _articles(tmp_path / "in")
    live = _merge(server, inputs, tmp_path / "live", tmp_path / "cache-live")
    assert live.exit_code == 0, live.output
    live_bodies = [r.body for r in server.chat_records()]
    server.reset()

    batched = _merge(server, inputs, tmp_path / "batched", tmp_path / "cache-batch", "--batch-api")
    assert batched.exit_code == 0, batched.output
    assert server.chat_records() == []  # every answer came from the batch
    assert server.calls("POST", "/v1/batches") == 1
    assert "batch batch-0: completed" in batched.output and "requests of 2 articles go in one batch" in batched.output
    # The batch lines are the very bodies live requests send, and the story is the same.
    key = lambda body: json.dumps(body, sort_keys=True)  # noqa: E731
    assert sorted(map(key, (line["body"] for line in server.batch_lines))) == sorted(map(key, live_bodies))
    assert _story(tmp_path / "batched") == _story(tmp_path / "live")

    # The answers are in the response cache under the live keys: a plain re-run asks nothing, and a second
    # --batch-api run sends no batch.
    again = _merge(server, inputs, tmp_path / "again", tmp_path / "cache-batch")
    assert again.exit_code == 0, again.output
    resent = _merge(server, inputs, tmp_path / "again", tmp_path / "cache-batch", "--batch-api")
    assert resent.exit_code == 0, resent.output
    assert "no batch to send" in resent.output
    assert server.chat_records() == [] and server.calls("POST", "/v1/batches") == 1


def test_a_crash_after_the_batch_is_created_resumes_that_batch(server: FaultServer, tmp_path: Path) -> None:
    inputs = _articles(tmp_path / "in")
    server.configure(batch_poll_status=503, batch_polls=2)  # the network goes away once the batch exists
    crashed = _merge(server, inputs, tmp_path / "out", tmp_path / "cache", "--batch-api")
    assert crashed.exit_code == 5, crashed.output
    assert "re-run the same command to resume it" in crashed.output
    state = [json.loads(p.read_text()) for p in (tmp_path / "cache" / "batches").glob("*.json")]
    assert [s["batch_id"] for s in state] == ["batch-0"]

    server.configure(batch_poll_status=200)
    resumed = _merge(server, inputs, tmp_path / "out", tmp_path / "cache", "--batch-api")
    assert resumed.exit_code == 0, resumed.output
    assert "resuming its batch" in resumed.output
    assert server.calls("POST", "/v1/batches") == 1 and server.calls("POST", "/v1/files") == 1
    assert server.chat_records() == []
    assert list((tmp_path / "cache" / "batches").glob("*.json")) == []  # finished: nothing left to resume


def test_a_line_the_batch_failed_is_asked_live(server: FaultServer, tmp_path: Path) -> None:
    inputs = _articles(tmp_path / "in", (1,))
    server.configure(batch_faults={"events stated in sentence 2 only": "error"})
    result = _merge(server, inputs, tmp_path / "out", tmp_path / "cache", "--batch-api")
    assert result.exit_code == 0, result.output
    assert "1 batch requests failed; they are asked live" in result.output
    live = server.chat_records()
    failed = [line["body"] for line in server.batch_lines if line["fault"] == "error"]
    assert len(live) == 1 and [r.body for r in live] == failed
    story = json.loads((tmp_path / "out" / "story.json").read_text())
    assert 2 in {e["evidence"][0]["sentence_id"] for e in story["summaries"][0]["events"]}


def test_answers_downloaded_before_a_failure_are_not_paid_for_again(server: FaultServer, tmp_path: Path) -> None:
    inputs = _articles(tmp_path / "in", (1,))
    # Sentence 2's line fails in the batch and, live, the server keeps failing: the article fails after the
    # download, with sentence 3's answer downloaded but not yet used.
    server.configure(batch_faults={"events stated in sentence 2 only": "error"}, poison=("sentence 2 only",))
    failed = _merge(server, inputs, tmp_path / "out", tmp_path / "cache", "--batch-api")
    assert failed.exit_code == 8, failed.output

    server.configure(batch_faults={}, poison=())
    server.reset()
    again = _merge(server, inputs, tmp_path / "out", tmp_path / "cache", "--batch-api")
    assert again.exit_code == 0, again.output
    assert "1 answers downloaded by an earlier run are used" in again.output
    second = [json.loads(x) for x in server.files[server.batches["batch-1"]["input"]].splitlines()]
    assert len(second) == 1 and "events stated in sentence 2 only" in json.dumps(second[0])
    assert server.chat_records() == []
    assert len(ResponseCache(tmp_path / "cache" / "batches" / "answers.sqlite")) == 0  # all used: none kept


def test_an_answer_that_fails_validation_is_re_asked_live(server: FaultServer, tmp_path: Path) -> None:
    inputs = _articles(tmp_path / "in", (1,))
    # An answer missing required fields (an ungrounded quote is no longer re-asked: it is dropped at once).
    server.configure(batch_faults={"events stated in sentence 1 only": "schema"})
    result = _merge(server, inputs, tmp_path / "out", tmp_path / "cache", "--batch-api")
    assert result.exit_code == 0, result.output
    live = server.chat_records()
    assert len(live) == 1 and live[0].reask  # instructor's re-ask carries the validation error, live
    assert "events stated in sentence 1 only" in live[0].task_text()
    story = (tmp_path / "out" / "story.json").read_text()
    events = json.loads(story)["summaries"][0]["events"]
    assert 1 in {e["evidence"][0]["sentence_id"] for e in events}


@pytest.mark.parametrize("backend", [[], ["--backend", "embedded"]])
def test_batch_api_needs_a_server(tmp_path: Path, backend: list[str]) -> None:
    inputs = _articles(tmp_path / "in", (1,))
    args = ["merge", str(inputs), "--out", str(tmp_path / "out"), "--batch-api", *backend]
    result = runner.invoke(app, args, env={"SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")})
    assert result.exit_code == 3, result.output
    assert "--batch-api" in result.output and "OPENAI_API_KEY" in result.output and "--base-url" in result.output
