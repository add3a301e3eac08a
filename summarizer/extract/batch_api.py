"""``merge --batch-api``: the articles' requests go ahead as one OpenAI Batch API job, then the merge runs as usual.

Every input is read, the requests each article plans (``pipeline.plan_requests``) that the response cache
cannot answer yet are collected, and the exact body each one's first attempt would send is captured. They go
up as one batch (the state file under ``cache_dir/batches/`` keeps its id, so a crashed run resumes it). Once
it completes, the articles are summarised by a backend that serves each downloaded answer to the attempt that
sends its body: through ``_Asker``'s cache and instructor's validation, as a live answer goes. Lines the batch
failed and re-asks go to the server live. A re-run finds every finished answer in the cache.

The downloaded answers are also kept (``cache_dir/batches/answers.sqlite``, apart from the response cache,
which holds only validated answers) until their article is summarised: a run that stops after the download
(a failed article, Ctrl-C) does not pay for them again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from ..core.errors import ConfigError
from ..core.schema import ArticleOutcome
from ..core.settings import Settings
from ..llm.base import ModelRequest
from ..llm.cache import ResponseCache
from ..llm.openai_batch import BatchAnswerBackend, BatchClient, run_batch_requests
from ..text.articles import Article
from .batch import BatchResult, Input, run_batch
from .context import RunContext
from .pipeline import pending_requests

__all__ = ["run_batch_api"]


def _status_line(batch: dict[str, Any]) -> str:
    counts = batch.get("request_counts") or {}
    done = f" ({counts.get('completed', 0)}/{counts.get('total', '?')} answered)" if counts else ""
    return f"batch {batch.get('id', '?')}: {batch.get('status', '?')}{done}"


def run_batch_api(
    files: Sequence[Input],
    settings: Settings,
    cache: ResponseCache | None,
    *,
    on_note: Callable[[str], None] | None = None,
    on_done: Callable[[ArticleOutcome], None] | None = None,
) -> BatchResult:
    """Summarise ``files`` with their uncached requests sent ahead as one Batch API job.

    ``on_note(line)`` gets progress lines for stderr: what is sent, the batch status at each change, and
    how many answers came from the batch and how many requests went live.
    """
    if settings.resolved_backend() != "openai":
        raise ConfigError(
            "--batch-api sends the requests to an OpenAI-compatible server's /v1/batches; set OPENAI_API_KEY "
            "or pass --base-url (it cannot be used with the embedded backend), or drop --batch-api"
        )
    note = on_note or (lambda _: None)
    backend = BatchAnswerBackend(settings)
    run = RunContext.build(settings, backend, cache)
    last_status = [""]
    store = ResponseCache(settings.cache_dir / "batches" / "answers.sqlite") if cache is not None else None
    sent: set[str] = set()  # the cache keys answered from batches in this run

    def on_status(batch: dict[str, Any]) -> None:
        line = _status_line(batch)
        if line != last_status[0]:
            last_status[0] = line
            note(line)

    def send_ahead(articles: Sequence[Article]) -> None:
        pending: dict[str, ModelRequest] = {}
        for article in articles:
            pending.update(pending_requests(article, run))
        if not pending:
            note("every request is answered in the response cache: no batch to send")
            return
        # custom_id is the cache key: the answer of a line is the answer stored under it.
        bodies = {key: backend.request_body_for(request) for key, request in pending.items()}
        kept = {key: answer for key in bodies if store is not None and (answer := store.get(key)) is not None}
        to_send = {key: body for key, body in bodies.items() if key not in kept}
        answers: dict[str, dict[str, Any]] = {}
        if kept:
            note(f"{len(kept)} answers downloaded by an earlier run are used")
        if to_send:
            digest = hashlib.sha256("\n".join(sorted(to_send)).encode("ascii")).hexdigest()[:16]
            state_file = settings.cache_dir / "batches" / f"{digest}.json"
            resuming = " (resuming its batch)" if state_file.exists() else ""
            note(f"{len(to_send)} requests of {len(articles)} articles go in one batch{resuming}")
            api_key = settings.api_key.get_secret_value() if settings.api_key else None
            client = BatchClient(backend.base_url, api_key, timeout_s=settings.timeout_s)
            answers = run_batch_requests(client, to_send, state_file, poll_s=settings.batch_poll_s, on_status=on_status)
            if store is not None:
                for key, answer in answers.items():
                    store.put(key, answer)
            if len(answers) < len(to_send):
                note(f"{len(to_send) - len(answers)} batch requests failed; they are asked live")
        backend.add_answers(bodies, {**kept, **answers})
        sent.update(bodies)

    result = run_batch(files, run, workers=settings.concurrency, on_done=on_done, before_summaries=send_ahead)
    if store is not None and cache is not None:
        for key in sent:
            if cache.get(key) is not None:  # answered and validated: the raw download is no longer needed
                store.delete(key)
    note(f"{backend.served} answers from the batch, {backend.live} requests live (failed lines and re-asks)")
    return result
