"""A loopback OpenAI-compatible chat server with a fixed latency, for measuring our own batch throughput.

Standard library only. Each request sleeps ``--latency`` seconds (on its own thread, so requests overlap
as they would on a real server with enough capacity), then answers the pipeline's two kinds of task
plausibly: the summary task gets ``{"sentences": [...]}``, and "TASK: List the events stated in sentence
N only" gets one event that quotes the first words of sentence N, so that grounding passes on the first
try. A langextract prompt (few-shot "Q: text / A: {"extractions": [...]}" blocks, as
benchmarks/peer_langextract.py sends) gets one extraction quoting the first words of its last "Q:" text,
so that its alignment and our conversion can be dry-run without a model. ``GET /stats`` reports how many
completions were served; ``GET /set_latency?s=0.05`` changes the latency for later requests.

    python benchmarks/fake_openai_server.py --port 8765 --latency 0.2
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

MODEL = "fake-latency"
_TASK = re.compile(r"TASK: List the events stated in sentences? ([\d, ]+) only")
_SENTENCE = r"^\[{n}\] (.+)$"


class _State:
    latency = 0.2
    served = 0
    lock = threading.Lock()


def _answer(messages: list[dict]) -> str:
    """The JSON text a cooperative model would give for this request."""
    users = [str(m.get("content", "")) for m in messages if m.get("role") == "user"]
    prompt = users[0] if users else ""
    task = _TASK.search(prompt)
    if task is None and '"extractions"' in prompt and "\nQ: " in prompt:
        return _langextract_answer(prompt)
    if task is None:
        return json.dumps(
            {
                "sentences": [
                    "Local officials reported several developments in the town this week.",
                    "Residents described the changes and officials promised further updates.",
                ]
            }
        )
    number = int(task.group(1).split(",")[0])
    found = re.search(_SENTENCE.format(n=number), prompt, re.MULTILINE)
    words = found.group(1).split() if found else ["Officials"]
    who = " ".join(words[:2]).rstrip(".,;:")
    event = {
        "s": number,
        "who": who,
        "what": " ".join(words[2:8]).rstrip(".,;:") or "acted",
        "whom": None,
        "where": None,
        "when": None,
        "type": "other",
    }
    return json.dumps({"events": [event]})


def _langextract_answer(prompt: str) -> str:
    """One langextract extraction: the first words of the chunk after the last "Q: ", quoted exactly."""
    question = prompt.rsplit("\nQ: ", 1)[1].rsplit("\nA:", 1)[0]
    words = question.split()[:8]
    attributes = {"type": "other", "who": " ".join(words[:2]) or None, "whom": None, "where": None, "when": None}
    extractions = [{"event": " ".join(words), "event_attributes": attributes}] if words else []
    return json.dumps({"extractions": extractions})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the OpenAI client's connection pool expects
    # Headers and body go out in one write with Nagle off: otherwise the body waits for the client's
    # delayed ACK (about 40 ms on Linux), a stall of this test server, not of the client being measured.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence per-request logging
        return

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self._headers_buffer.append(b"\r\n" + data)  # end of headers and the body, sent together
        self.flush_headers()

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlparse(self.path)
        if url.path.rstrip("/") == "/v1/models":
            self._send(
                200, {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "bench"}]}
            )
        elif url.path == "/stats":
            self._send(200, {"served": _State.served, "latency": _State.latency})
        elif url.path == "/set_latency":
            _State.latency = float(parse_qs(url.query).get("s", ["0"])[0])
            self._send(200, {"latency": _State.latency})
        else:
            self._send(404, {"error": {"message": f"no route {url.path}"}})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        if urlparse(self.path).path.rstrip("/") != "/v1/chat/completions":
            self._send(404, {"error": {"message": f"no route {self.path}"}})
            return
        time.sleep(_State.latency)
        messages = body.get("messages", [])
        text = _answer(messages)
        prompt_tokens = sum(len(str(m.get("content", ""))) for m in messages) // 4
        completion_tokens = max(1, len(text) // 4)
        with _State.lock:
            _State.served += 1
            number = _State.served
        self._send(
            200,
            {
                "id": f"chatcmpl-{number}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": MODEL,
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
                "usage": {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "total_tokens": prompt_tokens + completion_tokens,
                },
            },
        )


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds each completion takes")
    args = parser.parse_args()
    _State.latency = args.latency
    with Server((args.host, args.port), Handler) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
