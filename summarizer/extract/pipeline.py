"""Summarise one article: prompt -> model -> validated drafts -> grounded events -> ArticleSummary.

Requests are small and focused: one for the summary, then one per chunk of a few numbered sentences,
each showing the model the whole article (or, for long articles, the window around the chunk) first,
so that the shared head of every request is served from the model's prefix cache. Every answer goes
through the response cache, so a re-run or a resumed batch repeats no finished work.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..core.errors import GaveUpError
from ..core.schema import (
    ANSWER_SCHEMA_VERSION,
    SCHEMA_VERSION,
    ArticleSummary,
    Provenance,
    Timings,
    Usage,
)
from ..llm.base import InvalidAnswerError, ModelRequest
from ..llm.cache import cache_key
from ..text.articles import Article, Sentence
from ..text.implied_dates import imply_dates
from ..text.wordcount import count_words
from .attribution import attributed_events
from .context import RunContext
from .drafts import EventDraft, GroundingContext, SummaryDraft, chunk_model, grounding_scope, kept_events
from .events import build_events, without_dateline
from .summary_check import grounded_fallback

__all__ = [
    "summarize_article",
    "plan_chunks",
    "plan_requests",
    "second_look",
    "pending_requests",
    "request_key",
    "windows",
]

_CHUNK_CHARS = 900
_MIN_EVENT_WORDS = 4
_TOKENS_PER_EVENT = 110
_TOKENS_PER_SENTENCE = 10  # its entry in the answer's classification
_SUMMARY_TOKENS = 400


def windows(sentences: Sequence[Sentence], max_chars: int) -> list[tuple[Sentence, ...]]:
    """Consecutive groups of sentences of at most ``max_chars`` characters (at least one sentence each)."""
    groups: list[tuple[Sentence, ...]] = []
    current: list[Sentence] = []
    size = 0
    for sentence in sentences:
        if current and size + len(sentence.text) > max_chars:
            groups.append(tuple(current))
            current, size = [], 0
        current.append(sentence)
        size += len(sentence.text) + 6
    if current:
        groups.append(tuple(current))
    return groups


def plan_chunks(window: Sequence[Sentence], per_chunk: int) -> list[tuple[Sentence, ...]]:
    """Chunks of up to ``per_chunk`` sentences; chunks of headings or bylines only are skipped."""
    chunks = []
    for group in windows(window, _CHUNK_CHARS):
        for start in range(0, len(group), per_chunk):
            chunk = group[start : start + per_chunk]
            if any(count_words(s.text) >= _MIN_EVENT_WORDS for s in chunk):
                chunks.append(chunk)
    return chunks


@dataclass
class _Ledger:
    """What one article cost, request by request."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 0
    requests: int = 0
    cached: int = 0
    dropped: int = 0
    model_s: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass
class _Asker:
    run: RunContext
    article: Article
    ledger: _Ledger

    def ask(self, request: ModelRequest) -> tuple[BaseModel, int]:
        """A validated answer (from cache or model) and how many proposed events were dropped."""
        key = request_key(request, self.article, self.run)
        cache, settings = self.run.cache, self.run.settings
        cached = cache.get(key) if cache is not None else None
        if cached is not None:
            try:
                with grounding_scope(request.grounding):
                    value = request.response_model.model_validate(cached["value"])
                self.ledger.cached += 1
                self._spend(cached["prompt_tokens"], cached["completion_tokens"], 0)
                self.ledger.dropped += int(cached.get("dropped", 0))
                return value, int(cached.get("dropped", 0))
            except ValidationError:
                if request.response_model is SummaryDraft and request.grounding is not None:
                    # A summary stored before its grounding was checked is repaired as a live give-up is:
                    # the article's own sentences replace the ungrounded ones (and the repair is stored).
                    value = _grounded_summary(cached["value"].get("sentences", []), request.grounding.article)
                    cache.put(key, {**cached, "value": value.model_dump(mode="json")})
                    self.ledger.cached += 1
                    self._spend(cached["prompt_tokens"], cached["completion_tokens"], 0)
                    return value, 0
                cache.delete(key)  # an entry that no longer validates is recomputed
            except (KeyError, TypeError):
                cache.delete(key)
        if self.ledger.tokens >= settings.token_budget:
            raise GaveUpError(
                f"token budget of {settings.token_budget} for article {self.article.id!r} "
                "exhausted; raise SUMMARIZER_TOKEN_BUDGET (token_budget in the config file)",
                attempts=self.ledger.attempts,
                last_cause="budget",
                tokens=self.ledger.tokens,
            )
        dropped = 0
        self.ledger.requests += 1
        try:
            completion = self.run.backend.complete(request)
            value = completion.value
            self._spend(completion.prompt_tokens, completion.completion_tokens, completion.attempts)
            self.ledger.model_s += completion.seconds
            prompt_tokens, completion_tokens = completion.prompt_tokens, completion.completion_tokens
        except InvalidAnswerError as exc:
            self._spend(exc.prompt_tokens, exc.completion_tokens, exc.attempts)
            value, dropped = _salvage(exc, request)
            prompt_tokens, completion_tokens = exc.prompt_tokens, exc.completion_tokens
            self.ledger.notes.append(f"salvaged an answer after {exc.attempts} attempts: {exc.last_cause}")
        self.ledger.dropped += dropped
        if cache is not None:
            cache.put(
                key,
                {
                    "value": value.model_dump(mode="json"),
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "dropped": dropped,
                },
            )
        return value, dropped

    def _spend(self, prompt_tokens: int, completion_tokens: int, attempts: int) -> None:
        self.ledger.prompt_tokens += prompt_tokens
        self.ledger.completion_tokens += completion_tokens
        self.ledger.attempts += attempts


def _salvage(exc: InvalidAnswerError, request: ModelRequest) -> tuple[BaseModel, int]:
    """Keep what validates from the last answer; anything still ungrounded is dropped and counted."""
    try:
        document = json.loads(exc.last_text)
    except ValueError:
        document = None
    model = request.response_model
    if "events" in model.model_fields:
        # Entry by entry (one per sentence) and, in the flat shape, event by event; leniently grounded.
        doc = document if isinstance(document, dict) else {}
        lenient = request.grounding.model_copy(update={"lenient": True}) if request.grounding else None
        entries, flat, proposed = [], [], 0
        entry_type = TypeAdapter(model.model_fields["sentences"].annotation.__args__[0])  # type: ignore[union-attr]
        flat_type = TypeAdapter(model.model_fields["events"].annotation.__args__[0])  # type: ignore[union-attr]
        with grounding_scope(lenient):
            for item in _list(doc.get("sentences")):
                proposed += len(_list(item.get("events"))) if isinstance(item, dict) else 0
                try:
                    entries.append(entry_type.validate_python(item))
                except ValidationError:
                    pass
            for item in _list(doc.get("events")):
                proposed += 1
                try:
                    flat.append(flat_type.validate_python(item))
                except ValidationError:
                    pass
        answer = model.model_construct(sentences=entries, events=flat)
        return answer, max(proposed, 1) - len(kept_events(answer))
    sentences = document.get("sentences") if isinstance(document, dict) else None
    if request.grounding is not None:
        given = [x for x in sentences if isinstance(x, str)] if isinstance(sentences, list) else []
        return _grounded_summary(given, request.grounding.article), 0
    if isinstance(sentences, list) and any(isinstance(x, str) and x.strip() for x in sentences):
        return SummaryDraft.model_construct(sentences=[x for x in sentences if isinstance(x, str)][:3]), 0
    raise exc


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _grounded_summary(sentences: list[str], article: Article) -> SummaryDraft:
    """The grounded sentences of a summary, the article's own sentences in place of the others."""
    body = [s.text for s in article.sentences if s.kind == "body"]
    return SummaryDraft.model_construct(sentences=grounded_fallback(sentences, body, article.text))


def request_key(request: ModelRequest, article: Article, run: RunContext) -> str:
    """The response-cache key of one planned request: everything that can change its answer."""
    settings = run.settings
    return cache_key(
        backend=run.backend.name,
        model=run.backend.model,
        prompt_sha256=run.prompts.sha256,
        schema_version=ANSWER_SCHEMA_VERSION,
        article_sha256=article.content_sha256,
        messages=request.messages,
        answer_schema=request.response_model.model_json_schema(),
        max_tokens=request.max_tokens,
        temperature=settings.temperature,
        seed=settings.seed,
        max_reasks=settings.max_reasks,
        lenient=request.grounding.lenient if request.grounding is not None else None,
    )


def pending_requests(article: Article, run: RunContext) -> dict[str, ModelRequest]:
    """The article's planned requests that the response cache cannot answer yet, by cache key.

    They do not depend on each other's answers, so they can be sent ahead (the Batch API); the article is
    then summarised as usual and finds them answered. An entry that is present but no longer validates is
    counted as answered here and recomputed live by the summary, as any stale entry is.
    """
    keyed = ((request_key(r, article, run), r) for _, r in plan_requests(article, run))
    return {key: request for key, request in keyed if run.cache is None or run.cache.get(key) is None}


def plan_requests(article: Article, run: RunContext) -> Iterator[tuple[str, ModelRequest]]:
    """The article's requests in order: ("summary", ...) first, then ("events", ...) per chunk of sentences."""
    settings, prompts = run.settings, run.prompts
    published = article.published.isoformat() if article.published else None
    window_chars = max(2000, int((settings.n_ctx - 1500) * 3.2))
    parts = windows(article.sentences, window_chars)
    head = prompts.article(parts[0], published)
    yield (
        "summary",
        ModelRequest(
            messages=prompts.messages(head, prompts.summary_task()),
            response_model=SummaryDraft,
            # Every summary sentence is checked against the article (summary_check): re-asked once, then
            # replaced by the article's own sentence.
            grounding=GroundingContext(
                article=article, sentence_ids=tuple(s.id for s in article.sentences), names=run.names
            ),
            max_tokens=_SUMMARY_TOKENS,
        ),
    )
    for window in parts:
        shown = prompts.article(window, published)
        for chunk in plan_chunks(window, settings.chunk_sentences):
            yield ("events", _events_request(shown, chunk, article, run))


def _events_request(shown: str, chunk: Sequence[Sentence], article: Article, run: RunContext) -> ModelRequest:
    """The request for the events of ``chunk``, with ``shown`` (the numbered article or a part of it) first."""
    settings, prompts = run.settings, run.prompts
    ids = tuple(s.id for s in chunk)
    return ModelRequest(
        messages=prompts.messages(shown, prompts.events_task(chunk, settings.max_events_per_chunk)),
        response_model=chunk_model(ids, settings.max_events_per_chunk),
        grounding=GroundingContext(
            article=article, sentence_ids=ids, names=run.names, lenient=not settings.reask_ungrounded
        ),
        max_tokens=len(chunk) * (_TOKENS_PER_SENTENCE + _TOKENS_PER_EVENT * settings.max_events_per_chunk) + 40,
    )


def second_look(sentence: Sentence, article: Article, run: RunContext) -> ModelRequest:
    """The request that asks again about one sentence, shown alone (with the article's date).

    For a sentence whose answer described another sentence, or that was classed as stating nothing though
    it dates something (attribution.attributed_events): with only this sentence in view, the model can
    describe no other one.
    """
    published = article.published.isoformat() if article.published else None
    return _events_request(run.prompts.article([sentence], published), [sentence], article, run)


def _step(kind: str, request: ModelRequest, sentences: int) -> str:
    """What a request works on, for a progress display."""
    if kind == "summary" or request.grounding is None:
        return kind
    ids = request.grounding.sentence_ids
    span = f"sentence {ids[0]}" if len(ids) == 1 else f"sentences {ids[0]}-{ids[-1]}"
    return f"{span} of {sentences}"


def summarize_article(
    article: Article, run: RunContext, progress: Callable[[int, int, str], None] | None = None
) -> ArticleSummary:
    """Summarise one article into a schema-valid, fully grounded ArticleSummary.

    Relative times resolve against ``article.reference`` (its publication date, else its reference date).
    Raises GaveUpError (exit 5) when the token budget or the backend's attempts run out, and whatever the
    backend raises (BackendError, RecordingMissingError when replaying).

    ``progress(done, total, step)`` is called before each request and once at the end, for a progress
    display: ``done`` of ``total`` requests are finished and ``step`` names the one under way ("summary",
    "sentences 4-6 of 16", or "done").
    """
    started = time.perf_counter()
    ledger = _Ledger()
    asker = _Asker(run, article, ledger)
    reference = article.reference
    summary = ""
    drafts: list[EventDraft] = []
    planned = list(plan_requests(article, run))
    doubtful: list[int] = []
    for done, (kind, request) in enumerate(planned):
        if progress:
            progress(done, len(planned), _step(kind, request, len(article.sentences)))
        value, _ = asker.ask(request)
        if kind == "summary":
            summary = " ".join(value.text.split())  # type: ignore[attr-defined]
        else:
            # Events of the title, headings and page furniture, of sentences classed as description or
            # comment, and events that describe another sentence are set aside (attribution.py).
            found, doubts = attributed_events(value, article)
            drafts.extend(found)
            doubtful.extend(s for s in doubts if s not in doubtful)
    total = len(planned) + len(doubtful)
    for done, s in enumerate(doubtful, start=len(planned)):
        if progress:
            progress(done, total, f"sentence {s} of {len(article.sentences)}, alone")
        value, _ = asker.ask(second_look(article.sentence(s), article, run))
        found = [d for d in attributed_events(value, article)[0] if d.s == s]
        if found:  # the second look's events replace what the first answer gave this sentence
            drafts = [d for d in drafts if d.s != s] + found
    if progress:
        progress(total, total, "done")
    events = build_events(drafts, article, reference, run.names)
    events = imply_dates(without_dateline(events, article, reference), reference)
    return ArticleSummary(
        article=article.meta(reference),
        summary=summary,
        events=events,
        provenance=Provenance(
            backend=run.backend.name,
            model=run.backend.model,
            prompt_sha256=run.prompts.sha256,
            schema_version=SCHEMA_VERSION,
            usage=Usage(prompt_tokens=ledger.prompt_tokens, completion_tokens=ledger.completion_tokens),
            timings=Timings(total_s=round(time.perf_counter() - started, 3), model_s=round(ledger.model_s, 3)),
            requests=ledger.requests,
            cached_requests=ledger.cached,
            attempts=ledger.attempts,
            dropped_events=ledger.dropped,
        ),
        text=article.original,
    )
