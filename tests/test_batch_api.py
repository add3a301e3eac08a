"""The Batch API client against the loopback fault server, which also fakes /v1/files and /v1/batches."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.backends.openai_batch import BatchClient, run_batch_requests
from summarizer.errors import BackendError

from .faultserver import FaultServer


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
