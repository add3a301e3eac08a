"""The Batch API client against a loopback fake of /v1/files and /v1/batches: submit, poll, download, resume.

The fake is stdlib http.server on 127.0.0.1 (random port), started and stopped here. A batch completes
after a set number of polls; its output answers every request with a chat completion naming its custom_id.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from summarizer.backends.openai_batch import BatchClient, run_batch_requests
from summarizer.errors import BackendError


class FakeBatches:
    """State of the fake server: uploaded files, batches, and every call made."""

    def __init__(self, polls_to_finish: int = 2, fail: bool = False) -> None:
        self.files: dict[str, str] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.calls: list[str] = []
        self.polls_to_finish = polls_to_finish
        self.fail = fail


def _handler(state: FakeBatches) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            pass

        def _json(self, payload: dict[str, Any]) -> None:
            body = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802 - stdlib name
            state.calls.append(f"POST {self.path}")
            raw = self.rfile.read(int(self.headers["Content-Length"]))
            if self.path == "/v1/files":
                # The multipart body: the JSONL is the part after the file's headers.
                jsonl = raw.split(b"\r\n\r\n", 2)[-1].rsplit(b"\r\n--", 1)[0].decode()
                file_id = f"file-{len(state.files)}"
                state.files[file_id] = jsonl
                self._json({"id": file_id, "object": "file", "purpose": "batch"})
            elif self.path == "/v1/batches":
                request = json.loads(raw)
                assert request["endpoint"] == "/v1/chat/completions"
                batch_id = f"batch-{len(state.batches)}"
                state.batches[batch_id] = {"id": batch_id, "input": request["input_file_id"], "polls": 0}
                self._json({"id": batch_id, "status": "validating"})

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            state.calls.append(f"GET {self.path}")
            batch = re.fullmatch(r"/v1/batches/(.+)", self.path)
            content = re.fullmatch(r"/v1/files/(.+)/content", self.path)
            if batch:
                entry = state.batches[batch.group(1)]
                entry["polls"] += 1
                status = "in_progress"
                output = None
                if entry["polls"] >= state.polls_to_finish:
                    status = "failed" if state.fail else "completed"
                    output = f"out-{batch.group(1)}"
                    lines = []
                    for line in state.files[entry["input"]].splitlines():
                        item = json.loads(line)
                        answer = {"choices": [{"message": {"content": item["custom_id"]}}]}
                        code = 500 if item["custom_id"] == "bad" else 200
                        lines.append(
                            json.dumps(
                                {"custom_id": item["custom_id"], "response": {"status_code": code, "body": answer}}
                            )
                        )
                    state.files[output] = "\n".join(lines) + "\n"
                self._json({"id": entry["id"], "status": status, "output_file_id": output})
            elif content:
                body = state.files[content.group(1)].encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

    return Handler


@pytest.fixture
def fake() -> Iterator[tuple[FakeBatches, str]]:
    state = FakeBatches()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


BODIES = {
    "k1": {"model": "m", "messages": [{"role": "user", "content": "one"}]},
    "k2": {"model": "m", "messages": [{"role": "user", "content": "two"}]},
    "bad": {"model": "m", "messages": [{"role": "user", "content": "three"}]},
}


def test_submit_poll_download(fake: tuple[FakeBatches, str], tmp_path: Path) -> None:
    state, url = fake
    seen: list[str] = []
    answers = run_batch_requests(
        BatchClient(url, "sk-test"),
        BODIES,
        tmp_path / "batch.json",
        poll_s=0,
        on_status=lambda b: seen.append(b["status"]),
    )
    assert {k: v["choices"][0]["message"]["content"] for k, v in answers.items()} == {"k1": "k1", "k2": "k2"}
    assert seen == ["in_progress", "completed"]
    assert [json.loads(x)["custom_id"] for x in state.files["file-0"].splitlines()] == ["k1", "k2", "bad"]
    assert not (tmp_path / "batch.json").exists()  # done: nothing left to resume


def test_a_crash_while_polling_resumes_the_same_batch(fake: tuple[FakeBatches, str], tmp_path: Path) -> None:
    state, url = fake
    state.polls_to_finish = 3
    state_file = tmp_path / "batch.json"

    def crash(_: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch_requests(BatchClient(url, None), BODIES, state_file, sleep=crash)
    assert json.loads(state_file.read_text())["batch_id"] == "batch-0"
    answers = run_batch_requests(BatchClient(url, None), BODIES, state_file, poll_s=0)
    assert set(answers) == {"k1", "k2"}
    assert state.calls.count("POST /v1/batches") == 1 and state.calls.count("POST /v1/files") == 1


def test_a_failed_batch_is_one_error_and_is_not_resumed(fake: tuple[FakeBatches, str], tmp_path: Path) -> None:
    state, url = fake
    state.fail = True
    with pytest.raises(BackendError, match="ended failed; re-run to submit a new one"):
        run_batch_requests(BatchClient(url, None), BODIES, tmp_path / "batch.json", poll_s=0)
    assert not (tmp_path / "batch.json").exists()
