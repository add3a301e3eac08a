"""The OpenAI Batch API client: upload a JSONL of requests, create a batch, poll, download the answers.

A state file records the batch id as soon as the batch exists, so a run that crashes (or is stopped) while
the batch is queued resumes polling the same batch instead of paying for a second one. The answers are
returned as chat-completion JSON keyed by each request's ``custom_id``; feeding them through the response
cache and instructor's validation is the caller's job (see README, "Batch API": the ``merge --batch-api``
wiring is not done yet).

Hand-written over httpx rather than the openai SDK's batch helpers so the resume state, the poll policy and
the one-line errors are ours and testable against a loopback fake; it is four HTTP calls.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx

from ..errors import BackendError
from ..outputs import write_atomic

__all__ = ["BatchClient", "run_batch_requests"]

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
                "check that the server supports /v1/files and /v1/batches (vLLM and OpenAI do)"
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
        batch = client.status(state["batch_id"])
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
