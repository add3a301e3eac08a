"""Running many articles: inputs expanded, work bounded and concurrent, failures kept per article.

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

from .articles import Article, read_articles
from .backends.base import Backend
from .cache import ResponseCache
from .errors import InputError, SummarizerError
from .pipeline import summarize_article
from .schema import ArticleOutcome, ArticleSummary
from .settings import Settings

__all__ = ["expand_inputs", "BatchResult", "run_batch"]

_SUFFIXES = {".txt", ".jsonl", ".md"}


def expand_inputs(paths: Sequence[str]) -> list[Path]:
    """Files, directories (their .txt/.md/.jsonl files, recursively) and glob patterns, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)
        elif path.exists():
            found.append(path)
        else:
            matches = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
            if not matches:
                raise InputError(f"{raw} matches no file; check the path or quote the glob pattern")
            found += matches
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise InputError("no article files found in " + ", ".join(paths))
    return unique


@dataclass
class BatchResult:
    """What a batch produced: results, every article's outcome, and the texts for the report."""

    summaries: list[ArticleSummary] = field(default_factory=list)
    outcomes: list[ArticleOutcome] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> list[ArticleOutcome]:
        """The outcomes that are failures."""
        return [o for o in self.outcomes if not o.ok]


def _read_all(files: Sequence[Path], settings: Settings, result: BatchResult) -> list[tuple[Article, str]]:
    articles: list[tuple[Article, str]] = []
    seen_ids: set[str] = set()
    seen_content: dict[str, str] = {}
    for file in files:
        try:
            batch = read_articles(file, encoding=settings.encoding)
        except SummarizerError as exc:
            result.outcomes.append(
                ArticleOutcome(
                    article_id=file.stem, path=str(file), source=None, ok=False, error=str(exc), events=0, cached=False
                )
            )
            continue
        for article in batch:
            if article.id in seen_ids:  # two files called the same: keep both, apart
                article = article.model_copy(update={"id": f"{article.id}@{file.parent.name or file}"})
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
    files: Sequence[Path],
    settings: Settings,
    backend: Backend,
    cache: ResponseCache | None,
    *,
    workers: int,
    on_done: Callable[[ArticleOutcome], None] | None = None,
) -> BatchResult:
    """Summarise every article of ``files`` with at most ``workers`` in flight."""
    result = BatchResult()
    articles = _read_all(files, settings, result)

    def one(item: tuple[Article, str]) -> tuple[Article, str, ArticleSummary | None, str | None]:
        article, path = item
        try:
            return article, path, summarize_article(article, settings, backend, cache), None
        except SummarizerError as exc:
            return article, path, None, str(exc)
        except Exception as exc:  # noqa: BLE001 - one article's bug must not cost the others their results
            return article, path, None, f"unexpected {type(exc).__name__}: {exc}"

    order = {article.id: n for n, (article, _) in enumerate(articles)}
    done: list[tuple[Article, str, ArticleSummary | None, str | None]] = []
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
    for article, _, summary, _ in sorted(done, key=lambda d: order[d[0].id]):
        result.texts[article.id] = article.original
        if summary is not None:
            result.summaries.append(summary)
    result.outcomes.sort(key=lambda o: (order.get(o.article_id, len(order)), o.article_id))
    return result
