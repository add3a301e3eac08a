"""Batch throughput: 100 short articles against a loopback server with a fixed latency, at several concurrencies.

No model. Starts benchmarks/fake_openai_server.py (a separate process, so its work does not share our
interpreter), writes synthetic three-sentence articles to a temporary folder, and runs
summarizer.extract.batch.run_batch over them with the OpenAI-compatible backend, which is what
``summarizer merge --concurrency K`` does before merging. For each K it compares our wall time with

* the ideal, ``requests x latency / K`` (the server is never idle and we add nothing), and
* the sequential run (K = 1).

A run at zero latency measures what one request costs us (prompt rendering, the HTTP round trip,
instructor's parsing, grounding validation, cache writes), which is what keeps a run from the ideal.

    python benchmarks/batch_throughput.py
    python benchmarks/batch_throughput.py --articles 100 --latency 0.2 --concurrency 1 4 10 20 --no-cache
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import _common

TARGET_EFFICIENCY = 0.90
_PLACES = ["Arden", "Belo", "Corin", "Dalmar", "Esker", "Fenwick", "Galen", "Harrow", "Istra", "Jorvik"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_articles(folder: Path, count: int) -> list[Path]:
    """``count`` distinct short articles (three event sentences each) as text files with a date header."""
    files = []
    for n in range(count):
        place = f"{_PLACES[n % len(_PLACES)]}{n}"
        day = _DAYS[n % len(_DAYS)]
        body = (
            f"Officials in {place} opened a new bridge over the river on {day}. "
            f"Workers from the district council repaired {n + 3} roads near the market. "
            f"Police officers arrested two men after a fight outside the station in {place}."
        )
        path = folder / f"article_{n:03d}.txt"
        path.write_text(f"source: Bench Gazette\ndate: 2024-12-06\n\n{body}\n")
        files.append(path)
    return files


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def run_once(files: list[Path], base_url: str, workers: int, use_cache: bool, cache_root: Path) -> dict:
    """One batch at ``workers`` articles in flight; wall time, our CPU time, requests served."""
    from summarizer.core.settings import Settings
    from summarizer.extract.batch import run_batch
    from summarizer.extract.context import RunContext
    from summarizer.llm.cache import ResponseCache
    from summarizer.llm.openai_compat import OpenAIBackend

    cache_dir = Path(tempfile.mkdtemp(dir=cache_root))
    settings = Settings(
        backend="openai",
        base_url=base_url,
        model="fake-latency",
        cache_dir=cache_dir,
        use_cache=use_cache,
        timeout_s=60.0,
        concurrency=workers,
    )
    backend = OpenAIBackend(settings)
    cache = ResponseCache(cache_dir / "responses.sqlite") if use_cache else None
    served_before = _get(base_url.replace("/v1", "/stats"))["served"]
    cpu_before = _common.cpu_seconds()
    started = time.perf_counter()
    result = run_batch(files, RunContext.build(settings, backend, cache), workers=workers)
    wall = time.perf_counter() - started
    cpu = _common.cpu_seconds() - cpu_before
    served = _get(base_url.replace("/v1", "/stats"))["served"] - served_before
    attempts = sum(s.provenance.attempts for s in result.summaries)
    return {
        "workers": workers,
        "wall_s": round(wall, 3),
        "our_cpu_s": round(cpu, 3),
        "requests_served": served,
        "attempts": attempts,
        "articles_ok": len(result.summaries),
        "articles_failed": len(result.failed),
        "events": sum(len(s.events) for s in result.summaries),
        "first_failure": result.failed[0].error if result.failed else None,
    }


def profile_requests(files: list[Path], base_url: str, use_cache: bool, root: Path) -> Path:
    """cProfile of summarize_article on the main thread (run_batch's worker threads are invisible to it)."""
    import cProfile
    import io
    import pstats

    from summarizer.core.settings import Settings
    from summarizer.extract.context import RunContext
    from summarizer.extract.pipeline import summarize_article
    from summarizer.llm.cache import ResponseCache
    from summarizer.llm.openai_compat import OpenAIBackend
    from summarizer.text.articles import read_articles

    cache_dir = Path(tempfile.mkdtemp(dir=root))
    settings = Settings(
        backend="openai", base_url=base_url, model="fake-latency", cache_dir=cache_dir, use_cache=use_cache
    )
    backend = OpenAIBackend(settings)
    cache = ResponseCache(cache_dir / "responses.sqlite") if use_cache else None
    articles = [read_articles(f)[0] for f in files[:40]]
    for article in articles[:5]:  # warm up
        summarize_article(article, RunContext.build(settings, backend, cache))
    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles[5:]:
        summarize_article(article, RunContext.build(settings, backend, cache))
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(60)
    path = _common.RESULTS / "batch_profile.txt"
    _common.RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue())
    print(f"profile of {len(articles) - 5} articles (zero latency, sequential) written to {path}", flush=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per completion at the fake server")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 10, 20])
    parser.add_argument("--no-cache", action="store_true", help="run without the response cache (default: a fresh one)")
    parser.add_argument(
        "--profile", action="store_true", help="also profile our per-request CPU cost (zero latency, main thread)"
    )
    args = parser.parse_args()

    info = _common.machine()
    port = _common.free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("fake_openai_server.py")), "--port", str(port),
         "--latency", str(args.latency)],
    )  # fmt: skip
    try:
        _common.wait_for_http(f"{base_url}/models", 30, server)
        with tempfile.TemporaryDirectory(prefix="summarizer-batch-") as tmp:
            root = Path(tmp)
            articles_dir = root / "articles"
            articles_dir.mkdir()
            files = write_articles(articles_dir, args.articles)
            use_cache = not args.no_cache

            # What one request costs us when the server answers at once.
            _get(f"http://127.0.0.1:{port}/set_latency?s=0")
            warm = run_once(files[:10], base_url, 1, use_cache, root)  # imports, connection pool, first compile
            zero = run_once(files, base_url, 1, use_cache, root)
            per_request_ms = 1000 * zero["wall_s"] / max(zero["requests_served"], 1)
            cpu_per_request_ms = 1000 * zero["our_cpu_s"] / max(zero["requests_served"], 1)
            print(
                f"zero latency, sequential: {zero['wall_s']:.2f} s for {zero['requests_served']} requests = "
                f"{per_request_ms:.1f} ms per request ({cpu_per_request_ms:.1f} ms of it our CPU)",
                flush=True,
            )
            profile_path = profile_requests(files, base_url, use_cache, root) if args.profile else None
            _get(f"http://127.0.0.1:{port}/set_latency?s={args.latency}")

            runs = []
            for workers in args.concurrency:
                run = run_once(files, base_url, workers, use_cache, root)
                requests = run["requests_served"]
                per_article = requests / max(run["articles_ok"], 1)
                run["ideal_s"] = round(requests * args.latency / workers, 3)
                # Articles run their requests one after another, so K in flight finish in ceil(n/K) rounds.
                run["schedule_bound_s"] = round(math.ceil(args.articles / workers) * per_article * args.latency, 3)
                run["efficiency_vs_ideal"] = round(run["ideal_s"] / run["wall_s"], 4)
                run["efficiency_vs_schedule_bound"] = round(run["schedule_bound_s"] / run["wall_s"], 4)
                runs.append(run)
                print(
                    f"K={workers:>2}: {run['wall_s']:7.2f} s  ideal {run['ideal_s']:6.2f} s  "
                    f"efficiency {run['efficiency_vs_ideal']:.1%}  ({run['articles_ok']} ok, "
                    f"{run['articles_failed']} failed, {requests} requests, our CPU {run['our_cpu_s']:.1f} s)",
                    flush=True,
                )
            sequential = next((r for r in runs if r["workers"] == 1), None)
            for run in runs:
                run["speedup_vs_sequential"] = round(sequential["wall_s"] / run["wall_s"], 3) if sequential else None
    finally:
        server.terminate()
        server.wait(timeout=10)

    rows = [
        [r["workers"], r["wall_s"], r["ideal_s"], f"{r['efficiency_vs_ideal']:.1%}", r["speedup_vs_sequential"],
         r["articles_failed"]]
        for r in runs
    ]  # fmt: skip
    print(_common.table(rows, ["K", "wall s", "ideal s", "of ideal", "x sequential", "failed"]))
    parallel = [r for r in runs if r["workers"] > 1]
    target = {
        "target": f"batch >= {TARGET_EFFICIENCY:.0%} of ideal (requests x latency / K)",
        "by_workers": {r["workers"]: r["efficiency_vs_ideal"] for r in runs},
        "met": all(r["efficiency_vs_ideal"] >= TARGET_EFFICIENCY and not r["articles_failed"] for r in runs),
        "worst_parallel": min((r["efficiency_vs_ideal"] for r in parallel), default=None),
    }
    print(f"target: {target}")
    path = _common.write_result(
        "batch_throughput",
        {
            "method": "summarizer.extract.batch.run_batch with the OpenAI-compatible backend against "
            "benchmarks/fake_openai_server.py on loopback (stdlib, separate process)",
            "articles": args.articles,
            "latency_s": args.latency,
            "response_cache": not args.no_cache,
            "zero_latency": {**zero, "per_request_ms": round(per_request_ms, 2),
                             "our_cpu_per_request_ms": round(cpu_per_request_ms, 2)},
            "warmup": warm,
            "runs": runs,
            "profile": str(profile_path) if profile_path else None,
            "result": target,
        },
        info,
    )  # fmt: skip
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
