"""A real OpenAI-compatible HTTP server on loopback that answers plausibly and injects faults on purpose.

It reads the pipeline's real requests and answers them the way a cooperative model would: a summary task
gets ``{"sentences": [two short sentences]}``, an events task ("TASK: List the events stated in sentence N
only") gets one event for sentence N whose "who" is copied from that sentence, and a re-ask (the last
message is instructor's validation error) gets a correct answer. At configurable rates it injects the
faults a real endpoint produces: 429 with Retry-After, 500, 503, an answer slower than the client's
timeout, a dropped connection, a body that is not JSON, an HTML page with status 200, JSON content that
misses required fields, and events whose quotes are not in the sentence. Which fault a request gets is
drawn from a RNG seeded by (seed, request body, how often that body was seen), so a run repeats exactly
whatever the thread interleaving. Every request is recorded (headers included) for the tests to count and inspect.

It also fakes the Batch API (``POST /v1/files``, ``POST /v1/batches``, ``GET /v1/batches/{id}``,
``GET /v1/files/{id}/content``): a batch completes after ``batch_polls`` status checks and its output answers
each line as the chat endpoint answers that body, unless ``batch_faults`` names a marker in the line's text:
then the line fails ("error") or is answered with that answer fault ("schema", "ungrounded").

Written by hand on purpose: the point is a server whose misbehaviour we control byte by byte, which no
mock-server library offers for dropped sockets and half-sent bodies. Stdlib only.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import random
import re
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FaultServer", "Record", "FAULTS", "UNGROUNDED_WHO"]

# The order in which the rates are laid out on [0, 1); the draw picks the first whose share covers it.
FAULTS = ("429", "500", "503", "slow", "drop", "malformed", "html", "schema", "ungrounded")
# Faults of the transport, not of the answer: a re-ask can meet them too.
TRANSPORT_FAULTS = {"429", "500", "503", "slow", "drop", "malformed", "html"}
UNGROUNDED_WHO = "Zorblax Command"  # stands in no article; must never reach an output

_EVENTS_TASK = re.compile(r"TASK: List the events stated in sentences? ([\d, ]+) only")
_TASK_LINE = re.compile(r"^TASK: .*$", re.MULTILINE)  # the real task starts a line; article text never does
_NUMBERED = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)
_REASK = "Correct your JSON"


@dataclass
class Record:
    """One request as the server saw it, and what it did about it."""

    method: str
    path: str
    headers: dict[str, str]  # names lowercased
    body: dict[str, Any] | None
    key: str  # the exact request body: a transient retry repeats it
    logical: str  # system + first user message: a re-ask shares it with the request it corrects
    seen: int  # how often this exact body came before
    reask: bool
    fault: str | None
    status: int
    received: float
    sent: float = 0.0  # when the answer started to go out (monotonic clock)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retry_after: float | None = None

    def task_text(self) -> str:
        """The first user message: the article (or window) and the task."""
        for message in (self.body or {}).get("messages", []):
            if message.get("role") == "user":
                return str(message.get("content", ""))
        return ""


@dataclass
class _Config:
    rates: dict[str, float] = field(default_factory=dict)
    seed: int = 0
    retry_after: float = 1.0
    slow_s: float = 2.0
    delay_s: float = 0.0
    auth_fail: bool = False
    poison: tuple[str, ...] = ()
    faults_on_reask: bool = False
    fault_tasks: tuple[str, ...] = ("summary", "events")  # which kinds of request may get a fault
    gullible: bool = False  # obey a TASK line quoted inside the article (a model fooled by injection)
    model: str = "fault-model"
    batch_polls: int = 2  # status checks before a batch completes
    batch_end: str = "completed"  # how a batch ends: "completed", or "failed" / "expired" / "cancelled"
    batch_poll_status: int = 200  # e.g. 503: status checks fail (the network went away mid-batch)
    batch_faults: dict[str, str] = field(default_factory=dict)  # marker in a line -> "error", "schema", "ungrounded"


class FaultServer:
    """Start with ``start()`` (or as a context manager); ``url`` is the OpenAI base URL (ends in /v1)."""

    def __init__(self, **config: Any) -> None:
        self.config = _Config(**config)
        self.records: list[Record] = []
        self.faults: Counter[str] = Counter()
        self._seen: Counter[str] = Counter()
        self.files: dict[str, str] = {}  # Batch API: uploaded and output files by id
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_lines: list[dict[str, Any]] = []  # every batch line answered: custom_id, body, fault
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------
    def start(self, port: int = 0) -> FaultServer:
        """Listen on loopback (a free port unless ``port`` is given) and serve in a daemon thread."""
        owner = self

        class Handler(_Handler):
            server_owner = owner

        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The base URL to give the client."""
        assert self._httpd is not None, "start() the server first"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def configure(self, **changes: Any) -> None:
        """Change rates, delay, auth mode or poison between runs."""
        with self._lock:
            for name, value in changes.items():
                if not hasattr(self.config, name):
                    raise AttributeError(name)
                setattr(self.config, name, value)

    def reset(self) -> None:
        """Forget recorded requests and counters (the fault draws stay keyed by body and repeat count)."""
        with self._lock:
            self.records.clear()
            self.faults.clear()

    # -- what the tests read ---------------------------------------------------------------------------
    def chat_records(self) -> list[Record]:
        """The chat-completion requests, in arrival order."""
        with self._lock:
            return [r for r in self.records if r.path.endswith("/chat/completions")]

    def calls(self, method: str, path: str) -> int:
        """How many requests had this method and path (e.g. "POST", "/v1/batches")."""
        with self._lock:
            return sum(1 for r in self.records if r.method == method and r.path == path)

    def served_tokens(self, records: list[Record] | None = None) -> int:
        """Tokens reported in the usage of the answers that actually reached the client."""
        chosen = self.chat_records() if records is None else records
        return sum(r.prompt_tokens + r.completion_tokens for r in chosen)

    # -- the decision ----------------------------------------------------------------------------------
    def _decide(self, body: dict[str, Any], raw: bytes) -> tuple[str, str, int, bool, str | None]:
        messages = body.get("messages") or []
        key = hashlib.sha256(raw).hexdigest()
        head = json.dumps(messages[:2], sort_keys=True).encode()
        logical = hashlib.sha256(head).hexdigest()
        last = str(messages[-1].get("content", "")) if messages else ""
        reask = len(messages) > 2 and last.startswith(_REASK)
        with self._lock:
            seen = self._seen[key]
            self._seen[key] += 1
            config = self.config
            text = " ".join(str(m.get("content", "")) for m in messages)
            if any(marker in text for marker in config.poison):
                return key, logical, seen, reask, "poison"
            if _task(messages)[0] not in config.fault_tasks:
                return key, logical, seen, reask, None
            draw = random.Random(f"{config.seed}|{key}|{seen}").random()
            fault = None
            edge = 0.0
            for name in FAULTS:
                edge += config.rates.get(name, 0.0)
                if draw < edge:
                    fault = name
                    break
            if fault is not None and reask and not config.faults_on_reask and fault not in TRANSPORT_FAULTS:
                fault = None  # a re-ask is answered correctly (unless a test asks for stubbornness)
        return key, logical, seen, reask, fault

    def _record(self, record: Record) -> None:
        with self._lock:
            self.records.append(record)
            if record.fault:
                self.faults[record.fault] += 1


def _quote(words: list[str]) -> str:
    """Consecutive words as the sentence writes them (a trailing comma or full stop left off)."""
    return " ".join(words).rstrip(".,;:!?\"')") or " ".join(words)


def _task(messages: list[dict[str, Any]], gullible: bool = False) -> tuple[str, list[int], str]:
    """('events', ids, task message) or ('summary', [], task message) or ('unknown', [], '').

    The real task is the last line that starts with "TASK:" (every article line starts with "[N] ").
    A ``gullible`` server instead obeys the last TASK it reads anywhere, as a model fooled by an article
    that quotes one would.
    """
    for message in messages:
        if message.get("role") != "user":
            continue
        content = str(message.get("content", ""))
        if gullible:
            lines = [m.group(0) for m in re.finditer(r"TASK: .*$", content, re.MULTILINE)]
        else:
            lines = [m.group(0) for m in _TASK_LINE.finditer(content)]
        if not lines:
            continue
        events = _EVENTS_TASK.search(lines[-1])
        if events:
            return "events", [int(x) for x in events.group(1).replace(" ", "").split(",") if x], content
        if '"sentences"' in lines[-1]:
            return "summary", [], content
    return "unknown", [], ""


def answer_content(messages: list[dict[str, Any]], fault: str | None, gullible: bool = False) -> str:
    """The assistant's message for ``messages``: correct, or broken the way ``fault`` says."""
    kind, ids, content = _task(messages, gullible)
    if kind == "summary":
        first = next((m.group(2) for m in _NUMBERED.finditer(content) if m.group(1) == "1"), "the article")
        if fault == "schema":
            return json.dumps({"summary": "no sentences field here"})
        second = next((m.group(2) for m in _NUMBERED.finditer(content) if m.group(1) == "2"), first)
        # A cooperative model's summary: the article's own opening words (hostile ones included).
        opening = " ".join(first.split()[:12]).rstrip(".")
        follow = " ".join(second.split()[:12]).rstrip(".")
        return json.dumps({"sentences": [f"{opening}.", f"{follow}."]})
    if kind == "events":
        tail = content[content.rfind("\nTASK: List the events") :]
        sentences = {int(m.group(1)): m.group(2) for m in _NUMBERED.finditer(tail)}
        events = []
        for sid in ids:
            words = sentences.get(sid, "").split()
            if fault == "schema":
                events.append({"s": sid, "what": "missing the quoted fields"})
                continue
            who = _quote(words[:2]) or None
            if fault == "ungrounded":
                who = UNGROUNDED_WHO
            what = _quote(words[2:7])[:90] or "something happened"
            events.append(
                {"s": sid, "who": who, "what": what, "whom": None, "where": None, "when": None, "type": "other"}
            )
        return json.dumps({"events": events})
    return json.dumps({"error": "the fault server does not know this task"})


def _tokens(text: str) -> int:
    return max(1, len(text) // 4)


def completion_body(body: dict[str, Any], content: str, answer_id: str, model: str) -> dict[str, Any]:
    """The chat-completion JSON of an answer, with usage counted the same way for live and batch answers."""
    prompt = sum(_tokens(str(m.get("content", ""))) for m in body.get("messages") or [])
    completion = _tokens(content)
    return {
        "id": answer_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model") or model,
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
    }


def _upload(content_type: str, raw: bytes) -> str:
    """The file part of a multipart/form-data upload, as text."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    )
    for part in message.iter_parts():
        if part.get_filename():
            return part.get_payload(decode=True).decode("utf-8")
    raise ValueError("no file part in the upload")


class _Handler(BaseHTTPRequestHandler):
    server_owner: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the tests read the records instead."""

    # -- plumbing --------------------------------------------------------------------------------------
    def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
        self.sent = time.monotonic()  # before the first byte: the client cannot have it any earlier
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    def _auth_failure(self) -> None:
        # Like OpenAI's own 401, the body echoes the key: the client must not pass it on to the user.
        key = self.headers.get("Authorization", "").removeprefix("Bearer ")
        error = {"error": {"message": f"Incorrect API key provided: {key}.", "type": "invalid_request_error"}}
        self._send(401, json.dumps(error).encode())

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        owner = self.server_owner
        now = time.monotonic()
        status = 200
        if owner.config.auth_fail:
            status = 401
            self._auth_failure()
        elif "/batches/" in self.path or "/files/" in self.path:
            status = self._batch_get()
        elif self.path.rstrip("/").endswith("/models"):
            data = {
                "object": "list",
                "data": [{"id": owner.config.model, "object": "model", "created": 0, "owned_by": "faultserver"}],
            }
            self._send(200, json.dumps(data).encode())
        else:
            status = 404
            self._send(404, b'{"error": {"message": "not found"}}')
        headers = {k.lower(): v for k, v in self.headers.items()}
        owner._record(Record("GET", self.path, headers, None, "", "", 0, False, None, status, now))

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        owner = self.server_owner
        received = time.monotonic()
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        if owner.config.auth_fail:
            self._auth_failure()
            owner._record(Record("POST", self.path, headers, None, "", "", 0, False, "401", 401, received))
            return
        if self.path.rstrip("/").endswith(("/files", "/batches")):
            self._batch_post(raw, headers, received)
            return
        try:
            body = json.loads(raw)
        except ValueError:
            self._send(400, b'{"error": {"message": "request body is not JSON"}}')
            return
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(404, b'{"error": {"message": "not found"}}')
            return
        key, logical, seen, reask, fault = owner._decide(body, raw)
        record = Record("POST", self.path, headers, body, key, logical, seen, reask, fault, 200, received)
        owner._record(record)  # at once: a test that counts requests must not wait for a slow answer
        if owner.config.delay_s:
            time.sleep(owner.config.delay_s)
        try:
            self._answer(record, body)
        except (BrokenPipeError, ConnectionResetError):
            record.status = -1  # the client had gone (after a timeout): it never saw this answer
            record.prompt_tokens = record.completion_tokens = 0
        record.sent = getattr(self, "sent", 0.0)

    def _answer(self, record: Record, body: dict[str, Any]) -> None:
        fault = record.fault
        error = {"error": {"message": f"injected {fault}", "type": "server_error"}}
        if fault == "429":
            record.status = 429
            record.retry_after = self.server_owner.config.retry_after
            self._send(429, json.dumps(error).encode(), {"Retry-After": f"{record.retry_after:g}"})
            return
        if fault in ("500", "503", "poison"):
            record.status = 503 if fault != "500" else 500
            self._send(record.status, json.dumps(error).encode())
            return
        if fault == "drop":
            record.status = 0
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault == "malformed":
            self._send(200, b'{"id": "chatcmpl-broken", "object": "chat.completion", "choices": [{"mess')
            return
        if fault == "html":  # a captive portal or proxy error page, served with 200
            page = b"<html><body><h1>Gateway login</h1></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            return
        if fault == "slow":
            time.sleep(self.server_owner.config.slow_s)
            record.status = -1  # sent after the client's timeout: nobody reads it
        content = answer_content(body.get("messages") or [], fault, self.server_owner.config.gullible)
        answer_id = f"chatcmpl-{record.key[:12]}-{record.seen}"
        completion_json = completion_body(body, content, answer_id, self.server_owner.config.model)
        if fault != "slow":
            usage = completion_json["usage"]
            record.prompt_tokens, record.completion_tokens = usage["prompt_tokens"], usage["completion_tokens"]
        self._send(200, json.dumps(completion_json).encode())

    # -- the Batch API ---------------------------------------------------------------------------------
    def _batch_post(self, raw: bytes, headers: dict[str, str], received: float) -> None:
        owner = self.server_owner
        path = self.path.rstrip("/")
        if path.endswith("/files"):
            with owner._lock:
                file_id = f"file-{len(owner.files)}"
                owner.files[file_id] = _upload(self.headers.get("Content-Type", ""), raw)
            self._send(200, json.dumps({"id": file_id, "object": "file", "purpose": "batch"}).encode())
        else:
            request = json.loads(raw)
            with owner._lock:
                batch_id = f"batch-{len(owner.batches)}"
                owner.batches[batch_id] = {"id": batch_id, "input": request["input_file_id"], "polls": 0}
            self._send(200, json.dumps({"id": batch_id, "object": "batch", "status": "validating"}).encode())
        owner._record(Record("POST", self.path, headers, None, "", "", 0, False, None, 200, received))

    def _batch_get(self) -> int:
        owner = self.server_owner
        batch = re.fullmatch(r".*/batches/([^/]+)", self.path)
        content = re.fullmatch(r".*/files/([^/]+)/content", self.path)
        if content and content.group(1) in owner.files:
            body = owner.files[content.group(1)].encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/jsonl")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return 200
        if not batch or batch.group(1) not in owner.batches:
            self._send(404, b'{"error": {"message": "not found"}}')
            return 404
        if owner.config.batch_poll_status != 200:
            self._send(owner.config.batch_poll_status, b'{"error": {"message": "injected outage"}}')
            return owner.config.batch_poll_status
        entry = owner.batches[batch.group(1)]
        lines = owner.files[entry["input"]].splitlines()
        with owner._lock:
            entry["polls"] += 1
            finished = entry["polls"] >= owner.config.batch_polls
            if finished and owner.config.batch_end == "completed" and "output" not in entry:
                entry["output"] = f"file-out-{entry['id']}"
                owner.files[entry["output"]] = "".join(self._batch_answer(json.loads(x)) + "\n" for x in lines)
        status = owner.config.batch_end if finished else "in_progress"
        payload = {
            "id": entry["id"],
            "object": "batch",
            "status": status,
            "output_file_id": entry.get("output"),
            "request_counts": {"total": len(lines), "completed": len(lines) if finished else 0, "failed": 0},
        }
        self._send(200, json.dumps(payload).encode())
        return 200

    def _batch_answer(self, item: dict[str, Any]) -> str:
        """One output line: the answer the chat endpoint gives this body (or the line's configured fault)."""
        owner = self.server_owner
        body = item["body"]
        text = " ".join(str(m.get("content", "")) for m in body.get("messages") or [])
        fault = next((f for marker, f in owner.config.batch_faults.items() if marker in text), None)
        owner.batch_lines.append({"custom_id": item["custom_id"], "body": body, "fault": fault})
        if fault == "error":
            error = {"error": {"message": "injected batch line failure", "type": "server_error"}}
            response = {"status_code": 500, "request_id": "req-failed", "body": error}
        else:
            content = answer_content(body.get("messages") or [], fault, owner.config.gullible)
            answer = completion_body(body, content, f"chatcmpl-batch-{item['custom_id'][:12]}", owner.config.model)
            response = {"status_code": 200, "request_id": f"req-{item['custom_id'][:12]}", "body": answer}
        return json.dumps(
            {"id": f"line-{item['custom_id'][:12]}", "custom_id": item["custom_id"], "response": response}
        )


def main() -> None:
    """Run the server by hand: ``python -m tests.faultserver --port 8099 --rates 429=0.1,drop=0.1``."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rates", default="", help="comma-separated FAULT=RATE, faults: " + ", ".join(FAULTS))
    parser.add_argument("--retry-after", type=float, default=1.0)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before every answer")
    parser.add_argument("--auth-fail", action="store_true", help="answer 401 to everything")
    args = parser.parse_args()
    rates = {name: float(rate) for name, rate in (item.split("=") for item in args.rates.split(",") if item)}
    server = FaultServer(
        seed=args.seed, rates=rates, retry_after=args.retry_after, delay_s=args.delay, auth_fail=args.auth_fail
    ).start(args.port)
    print(f"fault server at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(5)
            print(f"{len(server.chat_records())} requests, faults {dict(server.faults)}", flush=True)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
