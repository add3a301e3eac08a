"""Merge scaling: time and peak memory of summarizer.merge.merge_summaries on synthetic article results.

No model. Each size runs in a fresh child process, so that its peak RSS is its own. The synthetic
corpus imitates a news feed: stories of 3-15 outlets each; every story has its own places (a town, a
district), actors drawn from a shared Zipf-weighted pool (so "police" and "the government" recur across
stories), and dates within a few days; articles report about ten of their story's happenings each, some
with the country as well (a country is shared by many stories, which is what the merge's block limit is
for), plus a few events of their own.

    python benchmarks/merge_scaling.py                       # 1k, 2k, 5k, 10k articles
    python benchmarks/merge_scaling.py --sizes 1000 10000 --profile
    python benchmarks/merge_scaling.py --sizes 1000 10000 --against c744cf0~1   # and the old merge, same run

Children import the ``summarizer`` next to this script (not whichever one is installed); ``--against REV``
also runs the merge of git revision REV (its ``summarizer/`` unpacked to a temporary folder) on the same
corpus and prints the ratio, and whether both merges gave the same report (sha256 of every story event,
conflict and the summary).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import math
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import _common

TARGET_10K_S = 10.0
_TYPES = [
    "fighting",
    "attack",
    "takeover",
    "withdrawal",
    "deployment",
    "protest",
    "political",
    "diplomatic",
    "economic",
    "legal",
    "disaster",
    "humanitarian",
    "other",
]
_VERBS = {
    "fighting": "clashed with",
    "attack": "shelled",
    "takeover": "seized",
    "withdrawal": "pulled out of",
    "deployment": "sent troops to",
    "protest": "marched in",
    "political": "announced a plan for",
    "diplomatic": "held talks with",
    "economic": "agreed a deal with",
    "legal": "arrested members of",
    "disaster": "was hit by floods in",
    "humanitarian": "sent aid to",
    "other": "was reported in",
}


def _zipf_choice(rng: random.Random, pool: list[str], s: float = 1.1) -> str:
    weights = _zipf_choice.cache.get((len(pool), s))  # type: ignore[attr-defined]
    if weights is None:
        weights = [1 / (k + 1) ** s for k in range(len(pool))]
        _zipf_choice.cache[(len(pool), s)] = weights  # type: ignore[attr-defined]
    return rng.choices(pool, weights=weights, k=1)[0]


_zipf_choice.cache = {}  # type: ignore[attr-defined]


def synthetic_corpus(n_articles: int, seed: int = 0, events_per_article: int = 10):
    """``n_articles`` ArticleSummary values (about ``events_per_article`` events each) and their texts."""
    try:
        from summarizer.core import schema
    except ImportError:  # --against a revision from before the stage folders: summarizer/schema.py
        from summarizer import schema  # type: ignore[no-redef]

    rng = random.Random(seed)
    countries = [f"Country{c}" for c in range(40)]
    actors = [f"Actor{a}" for a in range(600)]
    outlets = [f"Outlet{o}" for o in range(60)]
    start = dt.date(2023, 1, 1)
    provenance = schema.Provenance(
        backend="synthetic",
        model="none",
        prompt_sha256="0" * 64,
        schema_version="1.0",
        usage=schema.Usage(prompt_tokens=0, completion_tokens=0),
        timings=schema.Timings(total_s=0.0, model_s=0.0),
        requests=0,
        cached_requests=0,
        attempts=0,
        dropped_events=0,
    )
    summaries, texts, outcomes = [], {}, []
    story = 0
    while len(summaries) < n_articles:
        story += 1
        country = _zipf_choice(rng, countries, 1.0)
        places = [f"Town{story}-{j}" for j in range(rng.randint(2, 5))]
        cast = sorted({_zipf_choice(rng, actors) for _ in range(rng.randint(2, 5))})
        day0 = start + dt.timedelta(days=rng.randrange(730))
        happenings = []
        for _ in range(rng.randint(8, 20)):
            kind = rng.choice(_TYPES)
            happenings.append(
                {
                    "type": kind,
                    "agent": rng.choice(cast),
                    "target": rng.choice(cast) if rng.random() < 0.5 else None,
                    "places": rng.sample(places, k=min(len(places), rng.choice([1, 1, 1, 2]))),
                    "day": day0 + dt.timedelta(days=rng.randrange(5)),
                    "dated": rng.random() < 0.6,
                }
            )
        for _ in range(rng.randint(3, 15)):
            if len(summaries) >= n_articles:
                break
            article_id = f"a{len(summaries):06d}"
            n_events = max(1, min(len(happenings), int(rng.gauss(events_per_article, 2))))
            reported = rng.sample(happenings, k=n_events)
            reported += [
                {
                    "type": rng.choice(_TYPES),
                    "agent": _zipf_choice(rng, actors),
                    "target": None,
                    "places": [rng.choice(places)] if rng.random() < 0.5 else [],
                    "day": day0 - dt.timedelta(days=rng.randrange(1, 3000)),
                    "dated": rng.random() < 0.3,
                }
                for _ in range(rng.randint(0, 2))
            ]
            sentences, events, offset = [], [], 0
            for number, h in enumerate(reported, start=1):
                where = list(h["places"]) + ([country] if rng.random() < 0.3 else [])
                day = h["day"] + dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, -1]))
                verb = _VERBS[h["type"]]
                target = h["target"] or (where[0] if where else "the area")
                sentence = f"{h['agent']} {verb} {target}" + (f" in {where[0]}" if where else "") + " on that day."
                sentences.append(sentence)
                actor_list = [schema.Actor(name=h["agent"], canonical=h["agent"], role=schema.Role.agent)]
                if h["target"]:
                    actor_list.append(schema.Actor(name=h["target"], canonical=h["target"], role=schema.Role.target))
                events.append(
                    schema.Event(
                        id=f"e{number}",
                        type=schema.EventType(h["type"]),
                        description=f"{h['agent']} {verb} {target}",
                        actors=actor_list,
                        locations=[
                            schema.Location(name=p, canonical=p, country=None if p == country else country)
                            for p in where
                        ],
                        date=schema.EventDate(value=day, precision=schema.Precision.day, text="on that day")
                        if h["dated"]
                        else schema.EventDate(value=None, precision=schema.Precision.unknown, text=None),
                        status=schema.Status.asserted,
                        historical=h["day"] < day0 - dt.timedelta(days=30),
                        quantities=[],
                        evidence=[
                            schema.Evidence(sentence_id=number, start=offset, end=offset + len(sentence), text=sentence)
                        ],
                    )
                )
                offset += len(sentence) + 1
            text = " ".join(sentences)
            texts[article_id] = text
            summaries.append(
                schema.ArticleSummary(
                    article=schema.ArticleMeta(
                        id=article_id,
                        source=rng.choice(outlets),
                        url=None,
                        published=day0 + dt.timedelta(days=5),
                        reference_date=day0 + dt.timedelta(days=5),
                        title=None,
                        content_sha256="0" * 64,
                        sentences=len(sentences),
                    ),
                    summary="synthetic",
                    events=events,
                    provenance=provenance,
                )
            )
            outcomes.append(
                schema.ArticleOutcome(
                    article_id=article_id,
                    path=None,
                    source=summaries[-1].article.source,
                    ok=True,
                    error=None,
                    events=len(events),
                    cached=False,
                )
            )
    return summaries, texts, outcomes


def _child(n_articles: int, seed: int, profile_to: str | None) -> dict:
    from summarizer.merge import merge_summaries

    started = time.perf_counter()
    summaries, texts, outcomes = synthetic_corpus(n_articles, seed)
    generated_s = time.perf_counter() - started
    gc.collect()
    rss_before = _common.rss_mib()
    peak_before = _common.peak_rss_mib()
    profiler = None
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    tick = time.perf_counter()
    report = merge_summaries(summaries, texts, outcomes)
    merge_s = time.perf_counter() - tick
    if profiler is not None:
        import io
        import pstats

        profiler.disable()
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(20)
        Path(profile_to).write_text(buffer.getvalue())
    return {
        "report_sha256": _report_digest(report),
        "articles": n_articles,
        "events": sum(len(s.events) for s in summaries),
        "story_events": len(report.story_events),
        "multi_source_story_events": sum(len(s.sources) > 1 for s in report.story_events),
        "conflicts": len(report.conflicts),
        "generate_s": round(generated_s, 3),
        "merge_s": round(merge_s, 3),
        "rss_before_merge_mib": rss_before,
        "peak_rss_before_merge_mib": peak_before,
        "peak_rss_mib": _common.peak_rss_mib(),
        "profiled": bool(profile_to),
    }


def _report_digest(report) -> str:
    """sha256 of what a reader gets from a merge (every story event and conflict as JSON, and the summary):
    a faster merge must give the same bytes. Taken after the timing."""
    digest = hashlib.sha256()
    for part in (*report.story_events, *report.conflicts):
        digest.update(part.model_dump_json().encode())
    digest.update(report.summary.encode())
    return digest.hexdigest()


def _unpack(revision: str) -> Path:
    """``summarizer/`` of a git revision, unpacked to a temporary folder that holds it."""
    folder = Path(tempfile.mkdtemp(prefix="merge-against-"))
    archive = subprocess.run(
        ["git", "-C", str(_common.REPO), "archive", "--format=tar", revision, "summarizer"],
        capture_output=True,
        check=True,
    ).stdout
    archive_path = folder / "tree.tar"
    archive_path.write_bytes(archive)
    with tarfile.open(archive_path) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _best_run(size: int, args: argparse.Namespace, tree: Path) -> dict:
    """The fastest of ``--repeat`` runs of one size, each in a fresh child importing ``tree``'s summarizer."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), os.environ.get("PYTHONPATH", "")])}
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--seed", str(args.seed)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["merge_s"])
    best["merge_s_all_runs"] = [r["merge_s"] for r in runs]
    best["same_report_all_runs"] = len({r["report_sha256"] for r in runs}) == 1  # hash seeds differ per child
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is reported")
    parser.add_argument("--profile", action="store_true", help="also profile the largest size (cProfile)")
    parser.add_argument("--against", help="also time the merge of this git revision, for a ratio")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.seed, args.profile_to)))
        return

    info = _common.machine()
    old_tree = _unpack(args.against) if args.against else None
    rows = []
    for size in args.sizes:
        best = _best_run(size, args, _common.REPO)
        if old_tree:
            old = _best_run(size, args, old_tree)
            counted = ("story_events", "multi_source_story_events", "conflicts")
            best["against"] = {
                "revision": args.against,
                "merge_s": old["merge_s"],
                "peak_rss_mib": old["peak_rss_mib"],
                **{k: old[k] for k in counted},
                "report_sha256": old["report_sha256"],
            }
            # A faster merge that decides differently is not the same merge: say whether the counts match.
            best["same_counts_as_against"] = all(old[k] == best[k] for k in counted)
            best["same_report_as_against"] = old["report_sha256"] == best["report_sha256"]
            best["speedup_vs_against"] = round(old["merge_s"] / best["merge_s"], 2) if best["merge_s"] else None
        rows.append(best)
        print(
            f"{size:>6} articles, {best['events']:>7} events: merge {best['merge_s']:.2f} s, "
            f"peak RSS {best['peak_rss_mib']:.0f} MiB (before merge {best['peak_rss_before_merge_mib']:.0f} MiB), "
            f"{best['story_events']} story events"
            + (
                f"; {args.against}: {best['against']['merge_s']:.2f} s, {best['against']['peak_rss_mib']:.0f} MiB "
                f"(x{best['speedup_vs_against']} faster, same counts: {best['same_counts_as_against']}, "
                f"identical report: {best['same_report_as_against']})"
                if old_tree
                else ""
            ),
            flush=True,
        )
    slopes = []
    for a, b in zip(rows, rows[1:], strict=False):
        if a["merge_s"] > 0 and b["merge_s"] > 0:
            slopes.append(
                {
                    "from": a["articles"],
                    "to": b["articles"],
                    "exponent": round(
                        math.log(b["merge_s"] / a["merge_s"]) / math.log(b["articles"] / a["articles"]), 3
                    ),
                }
            )
    overall = None
    if len(rows) >= 2 and rows[0]["merge_s"] > 0:
        overall = round(
            math.log(rows[-1]["merge_s"] / rows[0]["merge_s"]) / math.log(rows[-1]["articles"] / rows[0]["articles"]),
            3,
        )
    profile_path = None
    if args.profile:
        profile_path = _common.RESULTS / f"merge_profile_{args.sizes[-1]}.txt"
        _common.RESULTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                str(args.sizes[-1]),
                "--seed",
                str(args.seed),
                "--profile-to",
                str(profile_path),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(_common.REPO), os.environ.get("PYTHONPATH", "")])},
        )
        print(f"profile of {args.sizes[-1]} articles written to {profile_path}")
    ten_k = next((r for r in rows if r["articles"] == 10000), None)
    target = {
        "target": f"10k-article merge < {TARGET_10K_S:g} s and sub-quadratic growth (exponent < 2)",
        "merge_10k_s": ten_k["merge_s"] if ten_k else None,
        "met_10k": (ten_k["merge_s"] < TARGET_10K_S) if ten_k else None,
        "overall_exponent": overall,
        "met_subquadratic": (overall < 2.0) if overall is not None else None,
    }
    print(f"growth exponent (log time / log size), overall: {overall}; pairwise: {slopes}")
    print(f"target: {target}")
    path = _common.write_result(
        "merge_scaling",
        {
            "method": "synthetic ArticleSummary values (see synthetic_corpus); each size in a fresh process; "
            "merge_s is merge_summaries() alone, without generating the data",
            "sizes": rows,
            "growth_exponents": slopes,
            "overall_exponent": overall,
            "profile": str(profile_path) if profile_path else None,
            "result": target,
        },
        info,
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
