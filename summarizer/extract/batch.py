"""Running many articles: inputs expanded, work bounded and concurrent, failures kept per article.

Inputs are files, folders, globs, ``.jsonl`` files, saved web pages, ``http(s)://`` addresses (kept as
strings, fetched when read) and ``-`` for standard input.

Every answer goes through the response cache as soon as it exists, so a re-run (or a run resumed after
a crash or Ctrl-C) repeats no finished work. One article's failure is recorded with its reason and
never costs the others their results.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import InputError, SummarizerError
from ..core.schema import ArticleOutcome, ArticleSummary
from ..core.settings import Settings
from ..text.articles import Article
from ..text.inputs import HTML_SUFFIXES, input_name, read_input
from ..text.webpages import is_url
from .context import RunContext
from .pipeline import summarize_article

__all__ = ["expand_inputs", "BatchResult", "read_batch", "run_batch", "summarize_batch"]

_SUFFIXES = {".txt", ".jsonl", ".md", *HTML_SUFFIXES}
_GLOB = ("*", "?", "[")

Input = Path | str  # a file, or a URL / "-" kept as written


def expand_inputs(paths: Sequence[str]) -> list[Input]:
    """Files, directories (their .txt/.md/.jsonl/.html files, recursively), globs, URLs and -, in a stable order.

    Raises InputError (exit 2) for a path that does not exist, a glob that matches nothing, or no files at all.
    """
    found: list[Input] = []
    for raw in paths:
        path = Path(raw)
        if is_url(raw) or raw == "-":
            found.append(raw)
        elif path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)
        elif path.exists():
            found.append(path)
        elif not any(c in raw for c in _GLOB):
            raise InputError(f"{raw} does not exist; check the path")
        else:
            matches = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
            if not matches:
                raise InputError(f"{raw} does not exist and matches no file; check the path or quote the glob pattern")
            found += matches
    unique = list(dict.fromkeys(p if isinstance(p, str) else p.resolve() for p in found))
    if not unique:
        raise InputError("no article files found in " + ", ".join(paths))
    return unique


@dataclass
class BatchResult:
    """What a batch produced: results, every article's outcome, and the texts for the report."""

    summaries: list[ArticleSummary] = field(default_factory=list)
    outcomes: list[ArticleOutcome] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    errors: dict[str, SummarizerError] = field(default_factory=dict)  # article id -> why, to map to an exit code

    @property
    def failed(self) -> list[ArticleOutcome]:
        """The outcomes that are failures."""
        return [o for o in self.outcomes if not o.ok]


def read_batch(
    files: Sequence[Input], settings: Settings, result: BatchResult, stdin_bytes: bytes | None = None
) -> list[tuple[Article, str]]:
    """Every article of ``files`` with the input it came from; unreadable inputs and repeated texts go
    into ``result`` as outcomes (an id used twice is made unique with its folder)."""
    articles: list[tuple[Article, str]] = []
    seen_ids: set[str] = set()
    seen_content: dict[str, str] = {}
    for file in files:
        try:
            batch = read_input(file, settings, stdin_bytes=stdin_bytes)
        except SummarizerError as exc:
            result.errors[input_name(file)] = exc
            result.outcomes.append(
                ArticleOutcome(
                    article_id=input_name(file),
                    path=str(file),
                    source=None,
                    ok=False,
                    error=str(exc),
                    events=0,
                    cached=False,
                )
            )
            continue
        for article in batch:
            if article.id in seen_ids:  # two files called the same: keep both, apart
                where = file if isinstance(file, str) else file.parent.name or file
                article = article.model_copy(update={"id": f"{article.id}@{where}"})
            seen_ids.add(article.id)
            duplicate_of = seen_content.get(article.content_sha256)
            if duplicate_of is not None:
                result.outcomes.append(
                    ArticleOutcome(
                        article_id=article.id,
                        path=str(file),
                        source=article.source,
                        ok=True,
                        events=0,
                        cached=True,
                        error=f"same text as {duplicate_of}: merged once, so it does not count as a second source",
                    )
                )
                continue
            seen_content[article.content_sha256] = article.id
            articles.append((article, str(file)))
    return articles


def run_batch(
    files: Sequence[Input],
    run: RunContext,
    *,
    workers: int,
    on_done: Callable[[ArticleOutcome], None] | None = None,
    on_summary: Callable[[ArticleSummary], None] | None = None,
    on_progress: Callable[[str, int, int, str], None] | None = None,
    stdin_bytes: bytes | None = None,
    before_summaries: Callable[[Sequence[Article]], None] | None = None,
) -> BatchResult:
    """Read every article of ``files`` and summarise them with at most ``workers`` in flight.

    ``on_done(outcome)`` is called as each article finishes and ``on_summary(summary)`` as soon as it and
    every article before it have finished (input order); both on the calling thread, so they may print.
    ``on_progress(article_id, done, total, step)`` is called before each model request and at the end of
    each article (see :func:`~summarizer.extract.pipeline.summarize_article`).
    ``before_summaries(articles)`` is called once every input is read and before any is summarised (the
    Batch API sends their requests ahead there).
    """
    result = BatchResult()
    articles = read_batch(files, run.settings, result, stdin_bytes)
    if before_summaries is not None:
        before_summaries([article for article, _ in articles])
    return summarize_batch(
        articles, run, workers=workers, on_done=on_done, on_summary=on_summary, on_progress=on_progress, into=result
    )


def summarize_batch(
    articles: Sequence[tuple[Article, str]],
    run: RunContext,
    *,
    workers: int,
    on_done: Callable[[ArticleOutcome], None] | None = None,
    on_summary: Callable[[ArticleSummary], None] | None = None,
    on_progress: Callable[[str, int, int, str], None] | None = None,
    into: BatchResult | None = None,
) -> BatchResult:
    """Summarise articles already read (each with the input it came from), at most ``workers`` in flight.

    One article's failure is kept in its outcome (and a SummarizerError in ``errors``) and costs the others
    nothing. Results are added to ``into`` when given (the outcomes of inputs that could not be read).
    """
    result = into if into is not None else BatchResult()

    def one(item: tuple[Article, str]) -> tuple[Article, str, ArticleSummary | None, str | None]:
        article, path = item
        progress = (lambda done, total, step: on_progress(article.id, done, total, step)) if on_progress else None
        try:
            return article, path, summarize_article(article, run, progress=progress), None
        except SummarizerError as exc:
            result.errors[article.id] = exc
            return article, path, None, str(exc)
        except Exception as exc:  # noqa: BLE001 - one article's bug must not cost the others their results
            return article, path, None, f"unexpected {type(exc).__name__}: {exc}"

    order = {article.id: n for n, (article, _) in enumerate(articles)}
    done: list[tuple[Article, str, ArticleSummary | None, str | None]] = []
    finished: dict[int, ArticleSummary | None] = {}
    next_out = 0
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(one, item) for item in articles]
        for future in as_completed(futures):
            article, path, summary, error = future.result()
            outcome = ArticleOutcome(
                article_id=article.id,
                path=path,
                source=article.source,
                ok=summary is not None,
                error=error,
                events=len(summary.events) if summary else 0,
                cached=bool(summary and summary.provenance.requests == 0),
            )
            done.append((article, path, summary, error))
            result.outcomes.append(outcome)
            if on_done:
                on_done(outcome)
            # Printed in input order (a reorder buffer), so a stream is the same on every run.
            finished[order[article.id]] = summary
            while next_out in finished:
                ready = finished.pop(next_out)
                next_out += 1
                if on_summary and ready is not None:
                    on_summary(ready)
    for article, _, summary, _ in sorted(done, key=lambda d: order[d[0].id]):
        result.texts[article.id] = article.original
        if summary is not None:
            result.summaries.append(summary)
    result.outcomes.sort(key=lambda o: (order.get(o.article_id, len(order)), o.article_id))
    return result
