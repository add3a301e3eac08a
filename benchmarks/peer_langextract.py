"""Peer comparison: google's langextract on the same GGUF, scored against our gold with our scorer.

langextract runs through llama-cpp-python's OpenAI-compatible server on loopback (the same model file,
n_threads and n_ctx as our embedded backend), started and stopped by this script. Our side is a live
run of the pipeline in the same script (embedded backend, no response cache), or, with ``--ours FILE``,
the per-article results that benchmarks/overhead.py wrote in the same session.

What langextract gets (documented in BENCHMARKS.md):
* its defaults: ``lx.extract`` with ``max_char_buffer=1000`` (chunks of about 1,000 characters), one
  extraction pass, schema constraints derived from the example (``use_schema_constraints=True``), the
  resolver's fuzzy alignment; the model object is built by ``factory.create_model`` exactly as
  ``lx.extract`` builds it, so that its HTTP client can be metered;
* ``temperature=0`` (ours is greedy too) and ``max_output_tokens`` (default 1024 per chunk), because
  the server's default is "until the context is full" and a looping 1.5B model would otherwise run to
  n_ctx;
* one request-format fix: OpenAI's ``response_format={"type": "json_schema", ...}`` is rewritten to
  llama-cpp-python's ``{"type": "json_object", "schema": ...}`` (our summarizer.backends.formats does the
  same for us), without which the server answers HTTP 500;
* a prompt with the same definitions and event types as ours, and ONE generic few-shot example (the
  same invented Karvia flood text our own system prompt uses; nothing from the seeds).

Conversion to summarizer.schema.Event (so that OUR scorer can score it): each aligned extraction's
``char_interval`` (offsets into the text we passed, which is the article's original text, so no
shifting is needed) becomes its evidence; who/whom/where become actors/locations with canonical names
from our alias table; "when" is resolved to a date by our resolver against the same reference date.
Extractions that langextract could not align to the text have no offsets and are dropped (counted).
A second variant passes the same extractions through our own post-processing (summarizer.extract:
sentence evidence, de-duplication, type cues); the better of the two is what we compare against.

Run it with a Python that has langextract (see BENCHMARKS.md):

    python benchmarks/peer_langextract.py                       # langextract, then ours live
    python benchmarks/peer_langextract.py --ours benchmarks/results/overhead.json
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common

TARGET_TOKEN_RATIO = 0.5
MODEL_ALIAS = "qwen2.5-coder-1.5b-instruct"

EXAMPLE_TEXT = (
    "Flooding in the northern province of Karvia killed at least 12 people on Tuesday, officials said. "
    "On Wednesday the Karvian army moved rescue teams to the town of Belo, and the government asked the "
    "European Union for aid. Analysts warn that the damage could slow the economy."
)


def prompt_description() -> str:
    """The task, with the same definitions and event types our own system prompt gives the model."""
    from summarizer.schema import EVENT_TYPE_GUIDE

    types = "\n".join(f"- {t.value}: {meaning}" for t, meaning in EVENT_TYPE_GUIDE.items())
    return (
        "Extract the events the article states: something that has happened, is happening or is planned - "
        "who did what, to whom, where and when. Background description, analysis, opinions and predictions "
        "are not events. For each event, extraction_text is the exact words of the article that state it "
        "(do not paraphrase). Attributes: type (one of the event types below); who (the side that acted), "
        "whom (the side it was done to), where (a place name) and when (only the time words), each copied "
        "word for word from the text, or null. A sentence that states two happenings gives two events; "
        "never list the same happening twice.\n\nEvent types:\n" + types
    )


def examples() -> list[Any]:
    """One generic worked example (invented; not from the seeds)."""
    import langextract as lx

    def event(text: str, **attributes: str | None) -> Any:
        return lx.data.Extraction(extraction_class="event", extraction_text=text, attributes=attributes)

    return [
        lx.data.ExampleData(
            text=EXAMPLE_TEXT,
            extractions=[
                event(
                    "Flooding in the northern province of Karvia killed at least 12 people on Tuesday",
                    type="disaster", who=None, whom="at least 12 people", where="Karvia", when="on Tuesday",
                ),
                event(
                    "On Wednesday the Karvian army moved rescue teams to the town of Belo",
                    type="deployment", who="the Karvian army", whom=None, where="Belo", when="On Wednesday",
                ),
                event(
                    "the government asked the European Union for aid",
                    type="diplomatic", who="the government", whom="the European Union", where=None, when=None,
                ),
            ],
        )
    ]  # fmt: skip


class Meter:
    """Counts requests, tokens and time of the OpenAI client langextract uses."""

    def __init__(self, client: Any) -> None:
        from summarizer.backends.formats import to_llama_cpp_request

        self.calls: list[dict[str, Any]] = []
        create = client.chat.completions.create

        def metered(**kwargs: Any) -> Any:
            kwargs = to_llama_cpp_request(kwargs)
            started = time.perf_counter()
            response = create(**kwargs)
            usage = getattr(response, "usage", None)
            self.calls.append(
                {
                    "wall_s": round(time.perf_counter() - started, 3),
                    "prompt_tokens": int(getattr(usage, "prompt_tokens", 0) or 0),
                    "completion_tokens": int(getattr(usage, "completion_tokens", 0) or 0),
                    "finish_reason": response.choices[0].finish_reason if response.choices else None,
                }
            )
            return response

        client.chat.completions.create = metered

    def take(self) -> list[dict[str, Any]]:
        calls, self.calls = self.calls, []
        return calls


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage()[:300])


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    value = str(value).strip()
    return None if not value or value.lower() in {"null", "none", "n/a", "unknown"} else value


def _sentence_at(article: Any, offset: int) -> Any:
    for sentence in article.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    following = [s for s in article.sentences if s.start >= offset]
    return following[0] if following else article.sentences[-1]


def convert(extractions: list[Any], article: Any, reference: Any) -> dict[str, Any]:
    """langextract extractions -> our Events, two ways (see the module docstring)."""
    from summarizer.dates import is_historical, resolve_date
    from summarizer.drafts import EventDraft
    from summarizer.extract import _places, build_events, event_status
    from summarizer.names import load_names
    from summarizer.schema import Actor, Event, EventType, Evidence, Role

    names = load_names(None)
    direct: list[Event] = []
    drafts: list[EventDraft] = []
    unaligned = 0
    for extraction in extractions:
        interval = extraction.char_interval
        if interval is None or interval.start_pos is None or interval.end_pos is None:
            unaligned += 1
            continue
        start, end = int(interval.start_pos), int(interval.end_pos)
        attributes = extraction.attributes or {}
        raw_type = (_text(attributes.get("type")) or "other").lower()
        kind = EventType(raw_type) if raw_type in EventType.__members__ else EventType.other
        who, whom = _text(attributes.get("who")), _text(attributes.get("whom"))
        where, when = _text(attributes.get("where")), _text(attributes.get("when"))
        sentence = _sentence_at(article, start)
        actors = []
        if who:
            actors.append(Actor(name=who, canonical=names.actor(who), role=Role.agent))
        if whom and names.actor(whom) not in {a.canonical for a in actors}:
            actors.append(Actor(name=whom, canonical=names.actor(whom), role=Role.target))
        date = resolve_date(when, reference)
        description = " ".join((extraction.extraction_text or "").split())
        direct.append(
            Event(
                id=f"e{len(direct) + 1}",
                type=kind,
                description=description,
                actors=actors,
                locations=_places(where, names),
                date=date,
                status=event_status(sentence.text),
                historical=is_historical(date, reference),
                quantities=[],
                evidence=[Evidence(sentence_id=sentence.id, start=start, end=end, text=article.original[start:end])],
            )
        )
        drafts.append(
            EventDraft(
                s=sentence.id,
                who=who,
                what=description[:100] or "event",
                whom=whom,
                where=where,
                when=when,
                type=kind,
            )
        )
    return {
        "direct": direct,
        "post_processed": build_events(drafts, article, reference, names),
        "unaligned": unaligned,
    }


def run_langextract(seeds: list, args: argparse.Namespace, model_path: Path, workdir: Path) -> dict[str, Any]:
    """Serve the GGUF, run langextract on every seed, score both conversions."""
    import langextract as lx
    from langextract import factory

    from summarizer.score import score_article

    port = _common.free_port()
    log_path = workdir / "llama_server.log"
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--model_alias", MODEL_ALIAS,
        "--n_threads", str(args.threads), "--n_ctx", str(args.n_ctx), "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    with open(log_path, "w") as log:
        started = time.perf_counter()
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    warnings = _Warnings()
    logging.getLogger("absl").addHandler(warnings)
    try:
        _common.wait_for_http(f"{base_url}/models", 180, server)
        server_start_s = time.perf_counter() - started
        print(f"llama_cpp.server up in {server_start_s:.1f} s (pid {server.pid}, log {log_path})", flush=True)
        model = factory.create_model(
            factory.ModelConfig(
                model_id=MODEL_ALIAS,
                provider="OpenAILanguageModel",
                provider_kwargs={
                    "api_key": "unused",
                    "base_url": base_url,
                    "temperature": 0.0,
                    "max_workers": args.max_workers,
                    "max_output_tokens": args.max_output_tokens,
                },
            ),
            examples=examples(),
            use_schema_constraints=True,
        )
        meter = Meter(model._client)
        rows = []
        for article, reference, gold in seeds:
            warnings.messages.clear()
            tick = time.perf_counter()
            document = lx.extract(
                article.original,
                prompt_description=prompt_description(),
                examples=examples(),
                model=model,
                use_schema_constraints=False,  # already applied to `model` above, as lx.extract would
                max_char_buffer=args.max_char_buffer,
                batch_length=10,
                max_workers=args.max_workers,
                show_progress=False,
            )
            wall = time.perf_counter() - tick
            calls = meter.take()
            extractions = list(document.extractions or [])
            converted = convert(extractions, article, reference)
            scores = {
                variant: score_article(article.id, converted[variant], gold, article.original)
                for variant in ("direct", "post_processed")
            }
            prompt_tokens = sum(c["prompt_tokens"] for c in calls)
            completion_tokens = sum(c["completion_tokens"] for c in calls)
            rows.append(
                {
                    "article_id": article.id,
                    "wall_s": round(wall, 3),
                    "requests": len(calls),
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "tokens": prompt_tokens + completion_tokens,
                    "cut_off_requests": sum(c["finish_reason"] == "length" for c in calls),
                    "extractions": len(extractions),
                    "unaligned": converted["unaligned"],
                    "events": {v: len(converted[v]) for v in ("direct", "post_processed")},
                    "event_f1": {v: round(s.f1, 4) for v, s in scores.items()},
                    "scores": {v: s.model_dump(mode="json") for v, s in scores.items()},
                    "warnings": list(warnings.messages),
                    "calls": calls,
                    "extractions_raw": [
                        {
                            "text": e.extraction_text,
                            "attributes": e.attributes,
                            "char_interval": [e.char_interval.start_pos, e.char_interval.end_pos]
                            if e.char_interval
                            else None,
                            "alignment_status": str(e.alignment_status) if e.alignment_status else None,
                        }
                        for e in extractions
                    ],
                    "_scores": scores,
                }
            )
            print(
                f"langextract {article.id}: {wall:6.1f} s, {len(calls)} requests, "
                f"{prompt_tokens}+{completion_tokens} tokens, {len(extractions)} extractions "
                f"({converted['unaligned']} unaligned), F1 direct {scores['direct'].f1:.2f} / "
                f"post-processed {scores['post_processed'].f1:.2f}",
                flush=True,
            )
        server_peak = _server_peak_rss(server.pid)
    finally:
        logging.getLogger("absl").removeHandler(warnings)
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    # The server (verbose by default) logs each prefix-cache hit: "N prefix-match hit, remaining M prompt
    # tokens to eval". A request without such a line evaluated its whole prompt (the first one does).
    import re

    remaining = [
        int(m) for m in re.findall(r"remaining (\d+) prompt tokens to eval", log_path.read_text(errors="replace"))
    ]
    all_calls = [c for r in rows for c in r["calls"]]
    misses = max(len(all_calls) - len(remaining), 0)
    evaluated = sum(remaining) + sum(c["prompt_tokens"] for c in all_calls[:misses])
    totals = {}
    for variant in ("direct", "post_processed"):
        totals[variant] = _common.micro_scores([r["_scores"][variant] for r in rows])
    for row in rows:
        row.pop("_scores")
    best = max(totals, key=lambda v: totals[v]["event_f1"])
    return {
        "server_command": " ".join(command),
        "server_start_s": round(server_start_s, 2),
        "server_peak_rss_mib": server_peak,
        **_per_article_totals(rows),
        "prompt_tokens_evaluated_per_article": round(evaluated / len(rows), 1),
        "prefix_cache_hits": len(remaining),
        "scores": totals,
        "best_variant": best,
    }


def _server_peak_rss(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def run_ours_live(seeds: list, args: argparse.Namespace) -> dict[str, Any]:
    """Our pipeline on the same seeds, embedded model in this process, no response cache."""
    from summarizer.backends.embedded import EmbeddedBackend
    from summarizer.pipeline import summarize_article
    from summarizer.score import score_article
    from summarizer.settings import Settings

    settings = Settings(backend="embedded", use_cache=False, n_ctx=args.n_ctx, n_threads=args.threads)
    backend = EmbeddedBackend(settings)
    # Count every generation: the provenance's usage misses an unconstrained try that was regenerated.
    spent = {"prompt": 0, "completion": 0}
    generate = backend._generate

    def counted(kwargs: dict[str, Any]) -> Any:
        response = generate(kwargs)
        spent["prompt"] += int(response.usage.prompt_tokens)
        spent["completion"] += int(response.usage.completion_tokens)
        return response

    backend._generate = counted  # type: ignore[method-assign]
    rows, scores = [], []
    for article, reference, gold in seeds:
        spent.update(prompt=0, completion=0)
        tick = time.perf_counter()
        summary = summarize_article(article, settings.model_copy(update={"reference_date": reference}), backend, None)
        wall = time.perf_counter() - tick
        score = score_article(article.id, summary.events, gold, article.original)
        scores.append(score)
        usage = summary.provenance.usage
        rows.append(
            {
                "article_id": article.id,
                "wall_s": round(wall, 3),
                "prompt_tokens": spent["prompt"],
                "completion_tokens": spent["completion"],
                "tokens": spent["prompt"] + spent["completion"],
                "provenance_tokens": usage.prompt_tokens + usage.completion_tokens,
                "requests": summary.provenance.requests,
                "attempts": summary.provenance.attempts,
                "events": len(summary.events),
                "event_f1": round(score.f1, 4),
            }
        )
        print(
            f"ours {article.id}: {wall:6.1f} s, {rows[-1]['tokens']} tokens, {len(summary.events)} events, "
            f"F1 {score.f1:.2f}",
            flush=True,
        )
    return _ours_totals(rows, scores, source="live run in this script")


def load_ours(path: Path, seeds: list) -> dict[str, Any]:
    """Our per-article results from benchmarks/overhead.py's JSON (re-scored here with our scorer)."""
    from summarizer.schema import ArticleSummary
    from summarizer.score import score_article

    document = json.loads(path.read_text())
    by_id = {a["article_id"]: a for a in document["articles"]}
    rows, scores = [], []
    for article, _, gold in seeds:
        entry = by_id[article.id]
        summary = ArticleSummary.model_validate(entry["summary"])
        score = score_article(article.id, summary.events, gold, article.original)
        scores.append(score)
        usage = summary.provenance.usage
        rows.append(
            {
                "article_id": article.id,
                "wall_s": entry["wall_s"],
                "prompt_tokens": entry["tokens"]["prompt"],
                "completion_tokens": entry["tokens"]["completion"],
                "tokens": entry["tokens"]["total"],
                "prompt_tokens_evaluated": entry["tokens"].get("prompt_evaluated"),
                "provenance_tokens": usage.prompt_tokens + usage.completion_tokens,
                "requests": summary.provenance.requests,
                "attempts": summary.provenance.attempts,
                "events": len(summary.events),
                "event_f1": round(score.f1, 4),
            }
        )
    return _ours_totals(rows, scores, source=f"{path} (finished {document.get('finished')})")


def _per_article_totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The rows, their total wall time and their mean tokens and requests per article (either side)."""
    n = len(rows)
    return {
        "articles": rows,
        "wall_s": round(sum(r["wall_s"] for r in rows), 3),
        "tokens_per_article": round(sum(r["tokens"] for r in rows) / n, 1),
        "prompt_tokens_per_article": round(sum(r["prompt_tokens"] for r in rows) / n, 1),
        "completion_tokens_per_article": round(sum(r["completion_tokens"] for r in rows) / n, 1),
        "requests_per_article": round(sum(r["requests"] for r in rows) / n, 2),
    }


def _ours_totals(rows: list[dict[str, Any]], scores: list[Any], source: str) -> dict[str, Any]:
    n = len(rows)
    return {
        "source": source,
        **_per_article_totals(rows),
        # Known only when the llama.cpp calls were probed (overhead.py): tokens not served from the KV cache.
        "prompt_tokens_evaluated_per_article": (
            round(sum(r["prompt_tokens_evaluated"] for r in rows) / n, 1)
            if all(r.get("prompt_tokens_evaluated") is not None for r in rows)
            else None
        ),
        "scores": _common.micro_scores(scores),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ours", default="live", help="'live' (default) or a benchmarks/results/overhead.json")
    parser.add_argument("--limit", type=int, help="only the first N seeds")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--max-char-buffer", type=int, default=1000, help="langextract's chunk size (its default)")
    parser.add_argument("--max-output-tokens", type=int, default=1024)
    parser.add_argument("--max-workers", type=int, default=1, help="langextract's parallel requests (the server "
                        "computes one at a time, so more only queue)")  # fmt: skip
    parser.add_argument("--model-path", type=Path, help="GGUF (default: the embedded model)")
    args = parser.parse_args()
    try:
        import langextract  # noqa: F401
    except ImportError:
        sys.exit("langextract is not importable here; see BENCHMARKS.md (pip install langextract==1.7.1)")

    from summarizer.model_store import resolve_model
    from summarizer.settings import Settings

    info = _common.machine()
    model_path = resolve_model(args.model_path, Settings().cache_dir)
    seeds = _common.seed_articles()[: args.limit]
    with tempfile.TemporaryDirectory(prefix="summarizer-peer-") as tmp:
        theirs = run_langextract(seeds, args, model_path, Path(tmp))
        server_log_tail = (Path(tmp) / "llama_server.log").read_text(errors="replace")[-2000:]
    ours = run_ours_live(seeds, args) if args.ours == "live" else load_ours(Path(args.ours), seeds)

    best = theirs["best_variant"]
    their_f1 = theirs["scores"][best]["event_f1"]
    our_f1 = ours["scores"]["event_f1"]
    token_ratio = ours["tokens_per_article"] / theirs["tokens_per_article"]
    result = {
        "target": f"our tokens / theirs <= {TARGET_TOKEN_RATIO} at >= their event F1",
        "token_ratio": round(token_ratio, 3),
        "our_f1": our_f1,
        "their_f1": their_f1,
        "their_f1_variant": best,
        "wall_ratio": round(ours["wall_s"] / theirs["wall_s"], 3),
        "met_tokens": token_ratio <= TARGET_TOKEN_RATIO,
        "met_f1": our_f1 >= their_f1,
        "met": token_ratio <= TARGET_TOKEN_RATIO and our_f1 >= their_f1,
    }
    rows = [
        ["ours", ours["tokens_per_article"], our_f1, ours["scores"]["core_recall"], ours["scores"]["date_accuracy"],
         ours["wall_s"]],
        *[
            [f"langextract ({v})", theirs["tokens_per_article"], theirs["scores"][v]["event_f1"],
             theirs["scores"][v]["core_recall"], theirs["scores"][v]["date_accuracy"], theirs["wall_s"]]
            for v in ("direct", "post_processed")
        ],
    ]  # fmt: skip
    print(_common.table(rows, ["run", "tokens/article", "event F1", "core recall", "dates right", "wall s"]))
    print(f"target: {result}")
    path = _common.write_result(
        "peer_langextract",
        {
            "method": __doc__,
            "prompt_description": prompt_description(),
            "example": {"text": EXAMPLE_TEXT, "extractions": [
                {"text": e.extraction_text, "attributes": e.attributes} for e in examples()[0].extractions]},
            "langextract_settings": {
                "max_char_buffer": args.max_char_buffer,
                "max_output_tokens": args.max_output_tokens,
                "max_workers": args.max_workers,
                "temperature": 0.0,
                "use_schema_constraints": True,
                "extraction_passes": 1,
            },
            "theirs": theirs,
            "ours": ours,
            "server_log_tail": server_log_tail,
            "result": result,
        },
        info,
    )  # fmt: skip
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
