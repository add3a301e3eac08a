"""The OpenAI Batch API client: upload a JSONL of requests, create a batch, poll, download the answers.

A state file records the batch id as soon as the batch exists, so a run that crashes (or is stopped) while
the batch is queued resumes polling the same batch instead of paying for a second one. The answers are
returned as chat-completion JSON keyed by each request's ``custom_id``.

``BatchAnswerBackend`` is the OpenAI-compatible backend with two additions: it captures the exact body the
first attempt of a request would send (to put in the batch), and it serves a downloaded answer to the
attempt that sends that body, so the answer passes through the response cache and instructor's validation
as a live one does. A re-ask sends a different body (the failed answer and the validation error follow the
original messages), so it finds no batch answer and goes to the server live.

Hand-written over httpx rather than the openai SDK's batch helpers so the resume state, the poll policy and
the one-line errors are ours and testable against a loopback fake; it is four HTTP calls.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from ..core.errors import BackendError
from ..core.outputs import write_atomic
from ..core.settings import Settings
from .base import InvalidAnswerError, ModelRequest
from .openai_compat import OpenAIBackend

__all__ = ["BatchClient", "BatchAnswerBackend", "body_sha256", "run_batch_requests"]

_DONE = {"completed"}
_FAILED = {"failed", "expired", "cancelled", "cancelling"}


class BatchClient:
    """The four calls of the Batch API against one OpenAI-compatible base URL."""

    def __init__(self, base_url: str, api_key: str | None, *, timeout_s: float = 60.0) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(base_url=base_url.rstrip("/") + "/", headers=headers, timeout=timeout_s)
        self.base_url = base_url

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise BackendError(f"batch API at {self.base_url} unreachable ({exc}); check --base-url") from None
        if response.status_code >= 400:
            raise BackendError(
                f"batch API {method} {path} answered HTTP {response.status_code}: {response.text[:200]}; "
                "check that the server supports /v1/files and /v1/batches (OpenAI does; a plain vLLM server does not)"
            )
        return response

    def upload(self, jsonl: str) -> str:
        """Upload a JSONL request file for a batch; return its file id."""
        files = {"file": ("requests.jsonl", jsonl.encode("utf-8"), "application/jsonl")}
        return str(self._call("POST", "files", data={"purpose": "batch"}, files=files).json()["id"])

    def create(self, input_file_id: str) -> str:
        """Create a chat-completions batch over an uploaded file; return the batch id."""
        body = {"input_file_id": input_file_id, "endpoint": "/v1/chat/completions", "completion_window": "24h"}
        return str(self._call("POST", "batches", json=body).json()["id"])

    def status(self, batch_id: str) -> dict[str, Any]:
        """The batch object (``status``, ``output_file_id``, ``request_counts``...)."""
        return dict(self._call("GET", f"batches/{batch_id}").json())

    def content(self, file_id: str) -> str:
        """The text of a file (the batch's output)."""
        return self._call("GET", f"files/{file_id}/content").text


def _requests_sha256(bodies: Mapping[str, dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(bodies, sort_keys=True).encode("utf-8")).hexdigest()


def run_batch_requests(
    client: BatchClient,
    bodies: Mapping[str, dict[str, Any]],
    state_file: Path,
    *,
    poll_s: float = 10.0,
    on_status: Callable[[dict[str, Any]], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, dict[str, Any]]:
    """Send ``bodies`` (custom_id -> chat-completion request) as one batch; return custom_id -> completion.

    Resumes the batch named in ``state_file`` when it was made for the same requests; removes the state
    file once the answers are downloaded. Requests the batch answered with an error are left out (the
    caller asks them live).
    """
    digest = _requests_sha256(bodies)
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    if state.get("requests_sha256") != digest:
        lines = [
            json.dumps({"custom_id": cid, "method": "POST", "url": "/v1/chat/completions", "body": body})
            for cid, body in bodies.items()
        ]
        file_id = client.upload("\n".join(lines) + "\n")
        state = {"requests_sha256": digest, "input_file_id": file_id, "batch_id": client.create(file_id)}
        write_atomic(state_file, json.dumps(state, indent=2))
    while True:
        try:
            batch = client.status(state["batch_id"])
        except BackendError as exc:
            raise BackendError(
                f"{exc}; batch {state['batch_id']} is kept: re-run the same command to resume it"
            ) from None
        if on_status:
            on_status(batch)
        if batch.get("status") in _DONE:
            break
        if batch.get("status") in _FAILED:
            state_file.unlink(missing_ok=True)
            raise BackendError(
                f"batch {state['batch_id']} ended {batch.get('status')}; re-run to submit a new one, or run "
                "without --batch-api"
            )
        sleep(poll_s)
    answers: dict[str, dict[str, Any]] = {}
    if batch.get("output_file_id"):
        for line in client.content(str(batch["output_file_id"])).splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            response = item.get("response") or {}
            if response.get("status_code") == 200 and item.get("custom_id") in bodies:
                answers[item["custom_id"]] = response["body"]
    state_file.unlink(missing_ok=True)
    return answers


def body_sha256(body: Mapping[str, Any]) -> str:
    """A stable digest of one chat-completions request body."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode("utf-8")).hexdigest()


class _Captured(Exception):
    """Stops a request before it leaves: its body was captured for the batch."""


class BatchAnswerBackend(OpenAIBackend):
    """The OpenAI-compatible backend, answering first attempts from a downloaded batch when it can."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._answers: dict[str, dict[str, Any]] = {}  # body digest -> chat completion JSON
        self._capturing: list[dict[str, Any]] | None = None
        self._lock = threading.Lock()
        self.served = 0  # answers taken from the batch
        self.live = 0  # requests sent to the server (batch lines that failed, re-asks)

    def request_body_for(self, request: ModelRequest) -> dict[str, Any]:
        """The exact body the first attempt for ``request`` sends (built by instructor, as a live call is)."""
        self._capturing = []
        try:
            self.complete(request)
        except InvalidAnswerError:
            pass  # instructor reports the capture's stop as a failed answer; the body is what we wanted
        finally:
            captured, self._capturing = self._capturing, None
        if len(captured) != 1:
            raise BackendError(f"capturing a batch request produced {len(captured)} bodies; run without --batch-api")
        return captured[0]

    def add_answers(self, bodies: Mapping[str, dict[str, Any]], answers: Mapping[str, dict[str, Any]]) -> None:
        """Serve ``answers`` (custom_id -> completion) to the attempts that send ``bodies[custom_id]``."""
        for custom_id, answer in answers.items():
            if custom_id in bodies:
                self._answers[body_sha256(bodies[custom_id])] = answer

    def _raw_create(self, **kwargs: Any) -> Any:
        body = self.request_body(kwargs)
        if self._capturing is not None:
            self._capturing.append(body)
            raise _Captured
        answer = self._answers.get(body_sha256(body))
        if answer is not None:
            try:
                completion = ChatCompletion.model_validate(answer)
            except ValidationError:
                completion = None  # a garbled line: asked live instead
            if completion is not None and completion.choices:
                with self._lock:
                    self.served += 1
                return completion
        with self._lock:
            self.live += 1
        return super()._raw_create(**kwargs)
