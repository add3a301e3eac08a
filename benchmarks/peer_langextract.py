"""Peer comparison: google's langextract on the same GGUF, scored against every eval suite's gold with our scorer.

langextract runs through llama-cpp-python's OpenAI-compatible server on loopback (the same model file,
n_threads and n_ctx as our embedded backend), started and stopped by this script. Our side is a live
run of the pipeline in the same script on the same articles (embedded backend, no response cache), or,
with ``--ours FILE``, the per-article results that benchmarks/overhead.py wrote in the same session
(the seeds only, so only with ``--suite evals/seeds``).

Two Pythons: this script runs in the project's environment, and langextract runs in a child process
with ``--langextract-python`` (default: this Python). langextract 1.7.1 comes with a tenacity older than
9.2 (google-genai pins it), with which our own retry policy cannot be built, so our pipeline must not run
in langextract's venv (benchmarks/run_all.sh makes that venv). The child only sends langextract's
requests and returns its raw extractions with their timings and tokens; converting and scoring happen
here, in one environment, for both sides.

Suites: every folder under evals/ that has a gold.yaml (``summarizer.eval.suites.find_suites``), or the
ones given with ``--suite``; ``--limit N`` takes the first N articles of each. A suite is read as
``summarizer eval`` reads it: its gold, its article files, its story pack of aliases when it names one,
each article's reference date. Both sides are scored per article by ``summarizer.eval.score.score_article``
against that suite's gold, and event P/R/F1 are micro-averaged over the articles of each suite and
pooled over all of them (as the eval's headline is).

What langextract gets (its working configuration on this server; documented in BENCHMARKS.md):
* ``lx.extract`` with its defaults otherwise: ``max_char_buffer=1000`` (chunks of about 1,000
  characters), one extraction pass, the resolver's fuzzy alignment; the model object is built by
  ``factory.create_model`` as ``lx.extract`` builds it from a config, so that its HTTP client can be
  metered;
* ``use_schema_constraints=False``. With its default (True) langextract sends OpenAI's
  ``response_format={"type": "json_schema", ...}``, which llama_cpp.server answers with HTTP 500;
  rewritten into llama-cpp-python's ``{"type": "json_object", "schema": ...}`` (and with 1,024 output
  tokens) it ran, but extracted almost nothing from the seeds (the earlier run in BENCHMARKS.md: event
  F1 0.14). Without constraints
  langextract asks for ``{"type": "json_object"}`` (any JSON object), which the server accepts as it is,
  so no request is rewritten;
* ``temperature=0`` (ours is greedy too) and ``max_output_tokens=2048`` per chunk (the server's default
  is "until the context is full"); answers cut off at that limit are counted (``cut_off_requests``);
* a prompt with the same definitions and event types as ours, and ONE generic worked example (the same
  invented Karvia flood text our own system prompt uses; nothing from any eval article).

Conversion to summarizer.core.schema.Event (so that OUR scorer can score it): each aligned extraction's
``char_interval`` (offsets into the text we passed, which is the article's original text, so no
shifting is needed) becomes its evidence; who/whom/where become actors/locations with canonical names
from our alias table (with the suite's story pack, as our side gets it); "when" is resolved to a date
by our resolver against the same reference date. Extractions that langextract could not align to the
text have no offsets and are dropped (counted). Two variants are scored:
* ``direct``: that conversion as it is;
* ``post_processed``: the same extractions as our drafts, through what ``summarize_article`` does with
  our model's drafts (drafts on title/heading lines dropped, summarizer.extract.events.build_events: sentence
  evidence, de-duplication, type cues; the dateline's place and time removed; implied dates).
The variant with the higher pooled event F1 is the one compared (the same variant on every suite);
both are reported per suite.

Ours, live: ``summarize_article`` on each article with the settings ``summarizer eval`` gives it (the
suite's story pack, the article's reference date), one embedded backend for all suites, no response
cache; tokens are counted at every generation (the provenance misses an unconstrained try that was
regenerated). Wall time is measured per article around ``lx.extract`` and around ``summarize_article``,
in the same run. Ratios: our wall time / langextract's, our tokens / langextract's, and our event F1
minus langextract's, per suite and pooled.

    python benchmarks/peer_langextract.py --langextract-python LX_VENV/bin/python   # every suite
    python benchmarks/peer_langextract.py --langextract-python ... --suite evals/seeds --limit 1   # a quick look
    python benchmarks/peer_langextract.py --langextract-python ... --suite evals/seeds \\
        --ours benchmarks/results/overhead.json

Dry run without a model (both sides against the fake server, which answers every request at once):

    python benchmarks/fake_openai_server.py --port 8765 --latency 0 &
    python benchmarks/peer_langextract.py --langextract-python ... --base-url http://127.0.0.1:8765/v1 \\
        --output /tmp/peer.json
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common

TARGET_WALL_RATIO = 0.5  # issue 15: our wall time per article <= 0.5x langextract's ...
TARGET_F1_MARGIN = 0.05  # ... at an event F1 >= langextract's + 0.05
MODEL_ALIAS = "qwen2.5-coder-1.5b-instruct"
VARIANTS = ("direct", "post_processed")

EXAMPLE_TEXT = (
    "Flooding in the northern province of Karvia killed at least 12 people on Tuesday, officials said. "
    "On Wednesday the Karvian army moved rescue teams to the town of Belo, and the government asked the "
    "European Union for aid. Analysts warn that the damage could slow the economy."
)
# The one worked example's extractions (invented; not from any eval article): (extraction_text, attributes).
EXAMPLE_EXTRACTIONS: list[tuple[str, dict[str, str | None]]] = [
    ("Flooding in the northern province of Karvia killed at least 12 people on Tuesday",
     {"type": "disaster", "who": None, "whom": "at least 12 people", "where": "Karvia", "when": "on Tuesday"}),
    ("On Wednesday the Karvian army moved rescue teams to the town of Belo",
     {"type": "deployment", "who": "the Karvian army", "whom": None, "where": "Belo", "when": "On Wednesday"}),
    ("the government asked the European Union for aid",
     {"type": "diplomatic", "who": "the government", "whom": "the European Union", "where": None, "when": None}),
]  # fmt: skip


def prompt_description() -> str:
    """The task, with the same definitions and event types our own system prompt gives the model."""
    from summarizer.core.schema import EVENT_TYPE_GUIDE

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


# --- the langextract child (runs in langextract's Python; langextract and the standard library only) --------


class Meter:
    """Counts requests, tokens and time of the OpenAI client langextract uses (requests are not changed)."""

    def __init__(self, client: Any) -> None:
        self.calls: list[dict[str, Any]] = []
        create = client.chat.completions.create

        def metered(**kwargs: Any) -> Any:
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


def langextract_worker(job_path: Path, out_path: Path) -> None:
    """Run langextract on every article of the job; write each one's raw extractions, time and tokens."""
    import importlib.metadata

    import langextract as lx
    from langextract import factory

    job = json.loads(job_path.read_text())
    settings = job["settings"]
    examples = [
        lx.data.ExampleData(
            text=job["example"]["text"],
            extractions=[
                lx.data.Extraction(extraction_class="event", extraction_text=e["text"], attributes=e["attributes"])
                for e in job["example"]["extractions"]
            ],
        )
    ]
    # As lx.extract(config=..., use_schema_constraints=False) builds it: no schema, no fence override.
    model = factory.create_model(
        factory.ModelConfig(
            model_id=job["model_id"],
            provider="OpenAILanguageModel",
            provider_kwargs={
                "api_key": "unused",
                "base_url": job["base_url"],
                "temperature": settings["temperature"],
                "max_workers": settings["max_workers"],
                "max_output_tokens": settings["max_output_tokens"],
            },
        ),
        use_schema_constraints=False,
    )
    meter = Meter(model._client)
    warnings = _Warnings()
    logging.getLogger("absl").addHandler(warnings)
    rows = []
    for index, article in enumerate(job["articles"]):
        warnings.messages.clear()
        error, extractions = None, []
        tick = time.perf_counter()
        try:
            document = lx.extract(
                article["text"],
                prompt_description=job["prompt_description"],
                examples=examples,
                model=model,
                use_schema_constraints=False,
                max_char_buffer=settings["max_char_buffer"],
                extraction_passes=settings["extraction_passes"],
                batch_length=10,
                max_workers=settings["max_workers"],
                show_progress=False,
            )
            extractions = list(document.extractions or [])
        except Exception as exc:  # noqa: BLE001 - one failed article is scored empty, as the eval does
            if index == 0:
                raise  # the very first article failing is a configuration problem: stop at once
            error = f"{type(exc).__name__}: {exc}"[:500]
        wall = time.perf_counter() - tick
        calls = meter.take()
        rows.append(
            {
                "key": article["key"],
                "wall_s": round(wall, 3),
                "error": error,
                "calls": calls,
                "warnings": list(warnings.messages),
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
            }
        )
        print(
            f"langextract {article['label']}: {wall:6.1f} s, {len(calls)} requests, "
            f"{sum(c['prompt_tokens'] for c in calls)}+{sum(c['completion_tokens'] for c in calls)} tokens, "
            f"{len(extractions)} extractions" + (f", FAILED: {error}" if error else ""),
            flush=True,
        )
    out_path.write_text(json.dumps({"langextract": importlib.metadata.version("langextract"), "rows": rows}))


# --- suites --------------------------------------------------------------------------------------------


def load_suites(folders: list[Path], limit: int | None, user_aliases: Path | None) -> list[dict[str, Any]]:
    """Each suite's articles with their gold, read as summarizer.eval.suites.run_suite reads them."""
    from summarizer.eval.gold import gold_problems, load_gold
    from summarizer.text.articles import read_articles

    suites = []
    for folder in folders:
        gold = load_gold(folder)
        problems = gold_problems(gold, folder)
        if problems:
            sys.exit(f"{folder}/gold.yaml has {len(problems)} problem(s), first: {problems[0]}")
        # The suite's own story pack replaces any user alias file for this suite only (as in run_suite).
        names_file = (Path(folder) / gold.aliases).resolve() if gold.aliases else user_aliases
        articles_dir = (Path(folder) / gold.articles_dir).resolve()
        items = []
        for gold_article in gold.articles[:limit]:
            article = read_articles(articles_dir / gold_article.file)[0]
            # What the pipeline resolves dates against: the article's own date, else the suite's --date.
            reference = article.published or gold_article.reference_date
            items.append({"article": article, "gold": gold_article, "reference": reference})
        suites.append({"folder": str(folder), "suite": gold.suite, "names_file": names_file, "items": items})
    return suites


# --- langextract: server, child, conversion, scores --------------------------------------------------------


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


def convert(extractions: list[dict[str, Any]], article: Any, reference: Any, names_file: Path | None) -> dict[str, Any]:
    """langextract's raw extractions -> our Events, both variants (see the module docstring)."""
    from summarizer.core.schema import Actor, Event, EventType, Evidence, Role
    from summarizer.extract.classify import event_status
    from summarizer.extract.drafts import EventDraft
    from summarizer.extract.events import build_events, without_dateline
    from summarizer.text.dates import is_historical, resolve_date
    from summarizer.text.implied_dates import imply_dates
    from summarizer.text.names import load_names
    from summarizer.text.places import places_written

    names = load_names(names_file)
    direct: list[Event] = []
    drafts: list[EventDraft] = []
    unaligned = 0
    for extraction in extractions:
        interval = extraction["char_interval"]
        if interval is None or interval[0] is None or interval[1] is None:
            unaligned += 1
            continue
        start, end = int(interval[0]), int(interval[1])
        attributes = extraction["attributes"] or {}
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
        description = " ".join((extraction["text"] or "").split())
        direct.append(
            Event(
                id=f"e{len(direct) + 1}",
                type=kind,
                description=description,
                actors=actors,
                locations=places_written(where, names),
                date=date,
                status=event_status(sentence.text),
                historical=is_historical(date, reference),
                quantities=[],
                evidence=[Evidence(sentence_id=sentence.id, start=start, end=end, text=article.original[start:end])],
            )
        )
        if sentence.kind == "body":  # as summarize_article keeps drafts: titles and headings state no event
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
    post_processed = build_events(drafts, article, reference, names)
    post_processed = imply_dates(without_dateline(post_processed, article, reference), reference)
    return {"direct": direct, "post_processed": post_processed, "unaligned": unaligned}


def _start_server(args: argparse.Namespace, model_path: Path, log_path: Path) -> tuple[Any, str, list[str], float]:
    """llama_cpp.server on loopback with the GGUF; returns (process, base URL, command, start seconds)."""
    port = _common.free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--model_alias", MODEL_ALIAS,
        "--n_threads", str(args.threads), "--n_ctx", str(args.n_ctx), "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    with open(log_path, "w") as log:
        started = time.perf_counter()
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        _common.wait_for_http(f"{base_url}/models", 180, server)
    except BaseException:
        _stop(server)
        raise
    return server, base_url, command, time.perf_counter() - started


def _stop(server: Any) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _served_model(base_url: str) -> str:
    """The first model an already running server lists (what langextract and our backend will ask for)."""
    import urllib.request

    with urllib.request.urlopen(f"{base_url.rstrip('/')}/models", timeout=10) as response:
        return str(json.load(response)["data"][0]["id"])


def langextract_settings(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "max_char_buffer": args.max_char_buffer,
        "max_output_tokens": args.max_output_tokens,
        "max_workers": args.max_workers,
        "temperature": 0.0,
        "use_schema_constraints": False,
        "extraction_passes": 1,
        "request_rewrite": None,
    }


def run_langextract(
    suites: list[dict[str, Any]], args: argparse.Namespace, model_path: Path | None, workdir: Path
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Serve the GGUF (unless --base-url), run langextract's child on every article, convert and score.

    Returns the per-article rows by suite folder and the facts about the server and the child."""
    from summarizer.eval.score import score_article

    log_path = workdir / "llama_server.log"
    server = None
    if args.base_url:
        base_url, model_id, command, start_s = args.base_url, _served_model(args.base_url), None, None
        print(f"langextract against the running server {base_url} (model {model_id})", flush=True)
    else:
        server, base_url, command, start_s = _start_server(args, model_path, log_path)  # type: ignore[arg-type]
        model_id = MODEL_ALIAS
        print(f"llama_cpp.server up in {start_s:.1f} s (pid {server.pid}, log {log_path})", flush=True)
    items = [(suite, item) for suite in suites for item in suite["items"]]
    job = {
        "base_url": base_url,
        "model_id": model_id,
        "settings": langextract_settings(args),
        "prompt_description": prompt_description(),
        "example": {
            "text": EXAMPLE_TEXT,
            "extractions": [{"text": t, "attributes": a} for t, a in EXAMPLE_EXTRACTIONS],
        },
        "articles": [
            {"key": i, "label": f"{suite['suite']}/{item['article'].id}", "text": item["article"].original}
            for i, (suite, item) in enumerate(items)
        ],
    }
    job_path, out_path = workdir / "job.json", workdir / "langextract_rows.json"
    job_path.write_text(json.dumps(job))
    try:
        child = subprocess.run(
            [args.langextract_python, str(Path(__file__).resolve()), "--langextract-worker", str(job_path),
             str(out_path)],
            check=False,
        )  # fmt: skip
        server_peak = _server_peak_rss(server.pid) if server else None
    finally:
        if server is not None:
            _stop(server)
    if child.returncode != 0:
        tail = log_path.read_text(errors="replace")[-1500:] if server else ""
        sys.exit(f"langextract's child process failed (exit {child.returncode}); server log tail:\n{tail}")
    done = json.loads(out_path.read_text())
    raw_rows = sorted(done["rows"], key=lambda r: r["key"])
    hits = _prompt_tokens_evaluated(log_path, raw_rows) if server else None
    by_suite: dict[str, list[dict[str, Any]]] = {}
    for (suite, item), raw in zip(items, raw_rows, strict=True):
        article, gold = item["article"], item["gold"]
        extractions = raw["extractions_raw"]
        converted = convert(extractions, article, item["reference"], suite["names_file"])
        scores = {v: score_article(article.id, converted[v], gold.events, article.original) for v in VARIANTS}
        calls = raw["calls"]
        prompt_tokens = sum(c["prompt_tokens"] for c in calls)
        completion_tokens = sum(c["completion_tokens"] for c in calls)
        by_suite.setdefault(suite["folder"], []).append(
            {
                "suite": suite["suite"],
                "article_id": article.id,
                "wall_s": raw["wall_s"],
                "error": raw["error"],
                "requests": len(calls),
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "tokens": prompt_tokens + completion_tokens,
                "prompt_tokens_evaluated": raw.get("prompt_tokens_evaluated"),
                "cut_off_requests": sum(c["finish_reason"] == "length" for c in calls),
                "extractions": len(extractions),
                "unaligned": converted["unaligned"],
                "events": {v: len(converted[v]) for v in VARIANTS},
                "event_f1": {v: round(s.f1, 4) for v, s in scores.items()},
                "scores": {v: s.model_dump(mode="json") for v, s in scores.items()},
                "warnings": raw["warnings"],
                "calls": calls,
                "extractions_raw": extractions,
                "_scores": scores,
            }
        )
        print(
            f"langextract {suite['suite']}/{article.id}: {len(extractions)} extractions "
            f"({converted['unaligned']} unaligned), F1 direct {scores['direct'].f1:.2f} / "
            f"post-processed {scores['post_processed'].f1:.2f}",
            flush=True,
        )
    facts = {
        "langextract_version": done["langextract"],
        "langextract_python": args.langextract_python,
        "server_command": " ".join(command) if command else f"already running at {base_url}",
        "server_start_s": round(start_s, 2) if start_s is not None else None,
        "server_peak_rss_mib": server_peak,
        "prefix_cache_hits": hits,
        "server_log_tail": log_path.read_text(errors="replace")[-2000:] if server else "",
    }
    return by_suite, facts


def _prompt_tokens_evaluated(log_path: Path, rows: list[dict[str, Any]]) -> int:
    """Set each row's prompt tokens the server really evaluated (not served from its KV cache).

    The server (verbose by default) logs each prefix-cache hit: "N prefix-match hit, remaining M prompt
    tokens to eval". A request without such a line evaluated its whole prompt (the first one does); the
    requests are sequential, so the lines are in the order of the calls. Returns the number of hits."""
    remaining = [
        int(m) for m in re.findall(r"remaining (\d+) prompt tokens to eval", log_path.read_text(errors="replace"))
    ]
    calls = [c for r in rows for c in r["calls"]]
    misses = max(len(calls) - len(remaining), 0)
    for index, call in enumerate(calls):
        call["prompt_tokens_evaluated"] = call["prompt_tokens"] if index < misses else remaining[index - misses]
    for row in rows:
        row["prompt_tokens_evaluated"] = sum(c["prompt_tokens_evaluated"] for c in row["calls"])
    return len(remaining)


def _server_peak_rss(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


# --- ours ----------------------------------------------------------------------------------------------


def run_ours_live(
    suites: list[dict[str, Any]], args: argparse.Namespace, model_path: Path | None, model_id: str | None
) -> dict[str, list[dict[str, Any]]]:
    """Our pipeline on the same articles: the embedded model in this process (or --base-url), no cache."""
    from summarizer.core.errors import SummarizerError
    from summarizer.core.settings import Settings
    from summarizer.eval.score import score_article
    from summarizer.extract.context import RunContext
    from summarizer.extract.pipeline import summarize_article
    from summarizer.llm import make_backend

    if args.base_url:
        settings = Settings(backend="openai", base_url=args.base_url, model=model_id, use_cache=False)
    else:
        settings = Settings(
            backend="embedded", model_path=model_path, use_cache=False, n_ctx=args.n_ctx, n_threads=args.threads
        )
    backend = make_backend(settings)
    # Count every generation: the provenance's usage misses an unconstrained try that was regenerated.
    spent = {"prompt": 0, "completion": 0}
    hook = "_generate" if hasattr(backend, "_generate") else "_raw_create"
    generate = getattr(backend, hook)

    def counted(*a: Any, **k: Any) -> Any:
        response = generate(*a, **k)
        usage = getattr(response, "usage", None)
        spent["prompt"] += int(getattr(usage, "prompt_tokens", 0) or 0)
        spent["completion"] += int(getattr(usage, "completion_tokens", 0) or 0)
        return response

    setattr(backend, hook, counted)
    by_suite: dict[str, list[dict[str, Any]]] = {}
    for suite in suites:
        rows = by_suite.setdefault(suite["folder"], [])
        suite_settings = settings.model_copy(update={"aliases": suite["names_file"]})
        for item in suite["items"]:
            article, gold = item["article"], item["gold"]
            if gold.reference_date:
                article = article.model_copy(update={"reference_date": gold.reference_date})
            spent.update(prompt=0, completion=0)
            error, events, provenance = None, [], None
            tick = time.perf_counter()
            try:
                summary = summarize_article(article, RunContext.build(suite_settings, backend, None))
                events, provenance = summary.events, summary.provenance
            except SummarizerError as exc:  # scored empty, as summarizer eval scores a failed article
                error = str(exc)[:500]
            wall = time.perf_counter() - tick
            score = score_article(article.id, events, gold.events, article.original)
            rows.append(
                {
                    "suite": suite["suite"],
                    "article_id": article.id,
                    "wall_s": round(wall, 3),
                    "error": error,
                    "prompt_tokens": spent["prompt"],
                    "completion_tokens": spent["completion"],
                    "tokens": spent["prompt"] + spent["completion"],
                    "provenance_tokens": (
                        provenance.usage.prompt_tokens + provenance.usage.completion_tokens if provenance else None
                    ),
                    "requests": provenance.requests if provenance else 0,
                    "attempts": provenance.attempts if provenance else 0,
                    "dropped_events": provenance.dropped_events if provenance else None,
                    "events": len(events),
                    "event_f1": round(score.f1, 4),
                    "_score": score,
                }
            )
            print(
                f"ours {suite['suite']}/{article.id}: {wall:6.1f} s, {rows[-1]['tokens']} tokens, {len(events)} "
                f"events, F1 {score.f1:.2f}" + (f", FAILED: {error}" if error else ""),
                flush=True,
            )
    return by_suite


def load_ours(path: Path, suites: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Our per-article results from benchmarks/overhead.py's JSON, re-scored here against each suite's gold."""
    from summarizer.core.schema import ArticleSummary
    from summarizer.eval.score import score_article

    document = json.loads(path.read_text())
    entries = {a["article_id"]: a for a in document["articles"]}
    missing = [f"{s['suite']}/{i['article'].id}" for s in suites for i in s["items"] if i["article"].id not in entries]
    if missing:
        sys.exit(
            f"{path} has no result for {len(missing)} article(s) ({', '.join(missing[:3])}, ...); both sides must "
            "run the same articles: pass --suite evals/seeds, or leave out --ours for a live run"
        )
    by_suite: dict[str, list[dict[str, Any]]] = {}
    for suite in suites:
        rows = by_suite.setdefault(suite["folder"], [])
        for item in suite["items"]:
            article, gold = item["article"], item["gold"]
            entry = entries[article.id]
            summary = ArticleSummary.model_validate(entry["summary"])
            score = score_article(article.id, summary.events, gold.events, article.original)
            usage = summary.provenance.usage
            rows.append(
                {
                    "suite": suite["suite"],
                    "article_id": article.id,
                    "wall_s": entry["wall_s"],
                    "error": None,
                    "prompt_tokens": entry["tokens"]["prompt"],
                    "completion_tokens": entry["tokens"]["completion"],
                    "tokens": entry["tokens"]["total"],
                    "prompt_tokens_evaluated": entry["tokens"].get("prompt_evaluated"),
                    "provenance_tokens": usage.prompt_tokens + usage.completion_tokens,
                    "requests": summary.provenance.requests,
                    "attempts": summary.provenance.attempts,
                    "dropped_events": summary.provenance.dropped_events,
                    "events": len(summary.events),
                    "event_f1": round(score.f1, 4),
                    "_score": score,
                }
            )
    return by_suite


# --- totals --------------------------------------------------------------------------------------------


def _per_article_totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Total wall time and mean wall time, tokens and requests per article (either side)."""
    n = len(rows)
    evaluated = [r.get("prompt_tokens_evaluated") for r in rows]
    return {
        "n_articles": n,
        "failed_articles": sum(bool(r.get("error")) for r in rows),
        "wall_s": round(sum(r["wall_s"] for r in rows), 3),
        "wall_s_per_article": round(sum(r["wall_s"] for r in rows) / n, 2),
        "tokens_per_article": round(sum(r["tokens"] for r in rows) / n, 1),
        "prompt_tokens_per_article": round(sum(r["prompt_tokens"] for r in rows) / n, 1),
        "completion_tokens_per_article": round(sum(r["completion_tokens"] for r in rows) / n, 1),
        "requests_per_article": round(sum(r["requests"] for r in rows) / n, 2),
        # Known when the server's log (theirs) or llama.cpp's calls (overhead.py) were probed.
        "prompt_tokens_evaluated_per_article": (
            round(sum(evaluated) / n, 1) if all(e is not None for e in evaluated) else None  # type: ignore[arg-type]
        ),
    }


def theirs_totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        **_per_article_totals(rows),
        "cut_off_requests": sum(r["cut_off_requests"] for r in rows),
        "extractions": sum(r["extractions"] for r in rows),
        "unaligned": sum(r["unaligned"] for r in rows),
        "scores": {v: _common.micro_scores([r["_scores"][v] for r in rows]) for v in VARIANTS},
    }


def ours_totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {**_per_article_totals(rows), "scores": _common.micro_scores([r["_score"] for r in rows])}


def compare(theirs: dict[str, Any], ours: dict[str, Any], variant: str) -> dict[str, Any]:
    """Ours against theirs on the same articles: ratios and the F1 difference."""
    their_f1, our_f1 = theirs["scores"][variant]["event_f1"], ours["scores"]["event_f1"]
    token_ratio = ours["tokens_per_article"] / theirs["tokens_per_article"] if theirs["tokens_per_article"] else None
    return {
        "their_f1_variant": variant,
        "their_f1": their_f1,
        "our_f1": our_f1,
        "f1_difference": round(our_f1 - their_f1, 4),
        "wall_ratio": round(ours["wall_s"] / theirs["wall_s"], 3) if theirs["wall_s"] else None,
        "token_ratio": round(token_ratio, 3) if token_ratio is not None else None,
    }


def _strip(by_suite: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """All rows in suite order, without the in-memory score objects (their JSON form is kept)."""
    return [
        {k: v for k, v in row.items() if k not in {"_scores", "_score"}} for rows in by_suite.values() for row in rows
    ]


def _check_langextract(python: str) -> str:
    """langextract's version in ``python``, or exit naming the fix."""
    probe = subprocess.run(
        [python, "-c", "import importlib.metadata as m, langextract; print(m.version('langextract'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        sys.exit(
            f"langextract is not importable with {python}; make a venv for it (see BENCHMARKS.md: "
            "pip install langextract==1.7.1) and pass its Python as --langextract-python"
        )
    return probe.stdout.strip()


def target_verdict(pooled: dict[str, Any]) -> dict[str, Any]:
    """The issue's target on pooled figures: wall time per article <= TARGET_WALL_RATIO x langextract's, at
    an event F1 at least TARGET_F1_MARGIN above langextract's better variant."""
    met_wall = pooled["wall_ratio"] is not None and pooled["wall_ratio"] <= TARGET_WALL_RATIO
    met_f1 = pooled["f1_difference"] >= TARGET_F1_MARGIN
    return {
        "target": f"our wall time / theirs <= {TARGET_WALL_RATIO} at event F1 >= theirs + {TARGET_F1_MARGIN}",
        "met_wall": met_wall,
        "met_f1": met_f1,
        "met": met_wall and met_f1,
    }


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--langextract-worker":
        langextract_worker(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", type=Path, action="append", help="a suite folder with a gold.yaml; repeatable "
                        "(default: every folder under evals/ that has one)")  # fmt: skip
    parser.add_argument("--limit", type=int, help="only the first N articles of each suite")
    parser.add_argument("--ours", default="live", help="'live' (default) or benchmarks/results/overhead.json "
                        "(the seeds only)")  # fmt: skip
    parser.add_argument("--langextract-python", default=sys.executable, help="a Python with langextract 1.7.1 "
                        "(default: this one); langextract runs in a child process with it")  # fmt: skip
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--max-char-buffer", type=int, default=1000, help="langextract's chunk size (its default)")
    parser.add_argument("--max-output-tokens", type=int, default=2048, help="per langextract request")
    parser.add_argument("--max-workers", type=int, default=1, help="langextract's parallel requests (the server "
                        "computes one at a time, so more only queue)")  # fmt: skip
    parser.add_argument("--model-path", type=Path, help="GGUF (default: the embedded model)")
    parser.add_argument("--base-url", help="an OpenAI-compatible server already running, for both sides, "
                        "instead of llama_cpp.server for langextract and ours embedded "
                        "(the fake server: a dry run)")  # fmt: skip
    parser.add_argument("--output", type=Path, help="result file (default: benchmarks/results/peer_langextract.json)")
    args = parser.parse_args()

    from summarizer.core.settings import Settings
    from summarizer.eval.suites import find_suites
    from summarizer.llm.model_store import resolve_model

    lx_version = _check_langextract(args.langextract_python)
    folders = args.suite or find_suites(_common.REPO / "evals")
    if not folders:
        sys.exit("no suite: evals/ has no folder with a gold.yaml; pass --suite DIR")
    not_suites = [str(f) for f in folders if not (Path(f) / "gold.yaml").is_file()]
    if not_suites:
        sys.exit(f"not a gold suite (no gold.yaml): {', '.join(not_suites)}")
    info = _common.machine()
    info["versions"]["langextract"] = lx_version  # the child's, not this environment's
    defaults = Settings()
    suites = [s for s in load_suites(folders, args.limit, defaults.aliases) if s["items"]]
    if not suites:
        sys.exit("no article to run (--limit 0, or suites without articles)")
    model_path = None if args.base_url else resolve_model(args.model_path, defaults.cache_dir)
    print(
        f"{len(suites)} suite(s), {sum(len(s['items']) for s in suites)} articles: "
        + ", ".join(f"{s['suite']} ({len(s['items'])})" for s in suites),
        flush=True,
    )
    if args.ours != "live":  # read (and checked to cover every article) before the long langextract run
        ours_rows = load_ours(Path(args.ours), suites)
        ours_source = f"{args.ours} (finished {json.loads(Path(args.ours).read_text()).get('finished')})"
    with tempfile.TemporaryDirectory(prefix="summarizer-peer-") as tmp:
        theirs_rows, server = run_langextract(suites, args, model_path, Path(tmp))
    if args.ours == "live":
        ours_rows = run_ours_live(suites, args, model_path, _served_model(args.base_url) if args.base_url else None)
        ours_source = "live run in this script" + (f" against {args.base_url}" if args.base_url else "")

    server_log_tail = server.pop("server_log_tail")
    theirs = {**server, **theirs_totals([r for rows in theirs_rows.values() for r in rows])}
    ours = {"source": ours_source, **ours_totals([r for rows in ours_rows.values() for r in rows])}
    # One variant for every suite: the one with the better pooled F1 (picking per suite would flatter it).
    best = max(VARIANTS, key=lambda v: theirs["scores"][v]["event_f1"])
    theirs["best_variant"] = best
    per_suite = []
    for suite in suites:
        t, o = theirs_totals(theirs_rows[suite["folder"]]), ours_totals(ours_rows[suite["folder"]])
        per_suite.append(
            {
                "folder": suite["folder"],
                "suite": suite["suite"],
                "aliases": str(suite["names_file"]) if suite["names_file"] else None,
                "theirs": t,
                "ours": o,
                "comparison": compare(t, o, best),
            }
        )
    pooled = compare(theirs, ours, best)
    result = {**pooled, **target_verdict(pooled)}

    def line(label: str, side: dict[str, Any], scores: dict[str, Any]) -> list[Any]:
        return [label, side["n_articles"], side["wall_s_per_article"], side["tokens_per_article"],
                scores["predicted"], scores["event_precision"], scores["event_recall"], scores["event_f1"]]  # fmt: skip

    rows = []
    for entry in [*per_suite, {"suite": "pooled", "theirs": theirs, "ours": ours, "comparison": pooled}]:
        t, o, c = entry["theirs"], entry["ours"], entry["comparison"]
        for v in VARIANTS:
            rows.append(line(f"{entry['suite']}: langextract ({v}{', best' if v == best else ''})", t, t["scores"][v]))
        rows.append(line(f"{entry['suite']}: ours", o, o["scores"]))
        rows.append([f"{entry['suite']}: ours / langextract", "", c["wall_ratio"], c["token_ratio"], "", "", "",
                     f"{c['f1_difference']:+.4f}"])  # fmt: skip
    print(_common.table(rows, ["run", "articles", "wall s/article", "tokens/article", "events", "event P",
                               "event R", "event F1"]))  # fmt: skip
    print(
        f"pooled over {ours['n_articles']} articles: our wall time / langextract's {pooled['wall_ratio']}, our tokens "
        f"/ theirs {pooled['token_ratio']}, our event F1 - theirs ({best}) {pooled['f1_difference']:+.4f}"
    )
    print(f"target: {result}")
    payload = {
        "method": __doc__,
        "prompt_description": prompt_description(),
        "example": {
            "text": EXAMPLE_TEXT,
            "extractions": [{"text": t, "attributes": a} for t, a in EXAMPLE_EXTRACTIONS],
        },
        "langextract_settings": langextract_settings(args),
        "limit": args.limit,
        "suites": per_suite,
        "theirs": {**theirs, "articles": _strip(theirs_rows)},
        "ours": {**ours, "articles": _strip(ours_rows)},
        "server_log_tail": server_log_tail,
        "result": result,
    }
    path = _common.write_result("peer_langextract", payload, info, path=args.output)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
