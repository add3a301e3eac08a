"""Response cache: the five seeds cold (every answer from the model) and warm (every answer from the cache).

Loads the embedded model once, points the response cache at a fresh temporary folder, and runs the
seeds twice through summarizer.extract.pipeline.summarize_article with that cache: the first pass fills it,
the second must be served from it (the script checks that no model call was made). Also reported: the
same warm pass as a user meets it in a new process, i.e. plus loading the model, since
EmbeddedBackend loads the GGUF when it is built even if every answer is then cached.

    python benchmarks/cache.py
    python benchmarks/cache.py --limit 1
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import _common

TARGET_SPEEDUP = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N seeds")
    parser.add_argument("--warm-repeats", type=int, default=3, help="warm passes; the median is reported")
    args = parser.parse_args()

    from summarizer.core.settings import Settings
    from summarizer.extract.context import RunContext
    from summarizer.extract.pipeline import summarize_article
    from summarizer.llm.cache import ResponseCache
    from summarizer.llm.embedded import EmbeddedBackend

    info = _common.machine()
    seeds = _common.seed_articles()[: args.limit]
    from summarizer.llm.model_store import resolve_model

    defaults = Settings()
    model_path = resolve_model(defaults.model_path, defaults.cache_dir)  # the user's model, a fresh cache
    with tempfile.TemporaryDirectory(prefix="summarizer-cache-bench-") as tmp:
        settings = Settings(backend="embedded", use_cache=True, cache_dir=Path(tmp), model_path=model_path)
        started = time.perf_counter()
        backend = EmbeddedBackend(settings)
        load_s = time.perf_counter() - started
        print(f"model loaded in {load_s:.2f} s", flush=True)
        cache = ResponseCache(Path(tmp) / "responses.sqlite")
        model_calls = {"n": 0}
        original = backend._generate

        def counted(kwargs):  # type: ignore[no-untyped-def]
            model_calls["n"] += 1
            return original(kwargs)

        backend._generate = counted  # type: ignore[method-assign]

        def one_pass() -> tuple[float, list[dict]]:
            rows = []
            begin = time.perf_counter()
            for article, reference, _ in seeds:
                tick = time.perf_counter()
                dated = article.model_copy(update={"reference_date": reference})
                summary = summarize_article(dated, RunContext.build(settings, backend, cache))
                rows.append(
                    {
                        "article_id": article.id,
                        "wall_s": round(time.perf_counter() - tick, 4),
                        "requests": summary.provenance.requests,
                        "cached_requests": summary.provenance.cached_requests,
                        "events": len(summary.events),
                        "events_json": [e.model_dump(mode="json") for e in summary.events],
                    }
                )
            return time.perf_counter() - begin, rows

        cold_s, cold = one_pass()
        cold_calls = model_calls["n"]
        print(f"cold: {cold_s:.1f} s, {cold_calls} model generations, {len(cache)} cache entries", flush=True)
        warm_runs = []
        for _ in range(args.warm_repeats):
            model_calls["n"] = 0
            warm_s, warm = one_pass()
            warm_runs.append((warm_s, warm, model_calls["n"]))
            print(f"warm: {warm_s * 1000:.1f} ms, {model_calls['n']} model generations", flush=True)
        warm_runs.sort(key=lambda r: r[0])
        warm_s, warm, warm_calls = warm_runs[len(warm_runs) // 2]
        identical = all(c["events_json"] == w["events_json"] for c, w in zip(cold, warm, strict=True))
        for rows in (cold, warm):
            for row in rows:
                row.pop("events_json")

    speedup = cold_s / warm_s
    speedup_with_load = cold_s / (warm_s + load_s)
    result = {
        "target": f"warm >= {TARGET_SPEEDUP:g}x faster than cold",
        "speedup": round(speedup, 1),
        "speedup_including_model_load": round(speedup_with_load, 1),
        "met": speedup >= TARGET_SPEEDUP and warm_calls == 0,
        "met_including_model_load": speedup_with_load >= TARGET_SPEEDUP,
    }
    print(
        f"cold {cold_s:.1f} s, warm {warm_s * 1000:.0f} ms -> x{speedup:.0f} "
        f"(x{speedup_with_load:.0f} counting a fresh process's {load_s:.1f} s model load); "
        f"warm model generations: {warm_calls}; same events: {identical}"
    )
    print(f"target: {result}")
    path = _common.write_result(
        "cache",
        {
            "method": "same process, same EmbeddedBackend; fresh SQLite response cache; cold pass then "
            f"{args.warm_repeats} warm passes (median reported)",
            "model_load_s": round(load_s, 3),
            "cold_s": round(cold_s, 3),
            "warm_s": round(warm_s, 4),
            "warm_all_runs_s": [round(r[0], 4) for r in warm_runs],
            "cold_model_generations": cold_calls,
            "warm_model_generations": warm_calls,
            "warm_events_identical": identical,
            "cold": cold,
            "warm": warm,
            "peak_rss_mib": _common.peak_rss_mib(),
            "result": result,
        },
        info,
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
