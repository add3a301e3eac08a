"""How long a user waits for `summarizer summarize` on a small article, and what each speed lever bought.

Every measurement is one fresh `summarizer summarize FILE` process on the embedded model, so the wall
time includes starting Python, loading the model and everything a user waits for. No answer comes from
the response cache: each run gets a cache folder without one (``--no-cache`` would also switch off the
stored state of the instructions, which is one of the levers). The articles
are the small handed cases in evals/cases (3-7 sentences, 54-98 words; nothing is tuned to them here).

Configurations, all run in the same session on the same machine, one after another (never two model
processes at once: on two cores they would slow each other down):

* ``before``: the extraction as it was before this benchmark existed, as far as settings can bring it back:
  one sentence per request, unconstrained answers first (grammar only on a retry), ungrounded quotes
  re-asked, no stored state of the instructions (a fresh cache folder);
* ``+chunks``: three sentences per request (``SUMMARIZER_CHUNK_SENTENCES=3``);
* ``+grammar``: every answer under the JSON-schema grammar (no second generation after a broken free answer);
* ``+no re-ask``: an ungrounded quote is dropped at once (the default);
* ``first run``: all of the above, the defaults, with an empty cache folder (the instructions evaluated and
  stored);
* ``default``: the defaults with the instructions' state stored by the previous run: what every later
  `summarize` costs;
* ``jump-forward``: the same, with the stretches the grammar forces evaluated in batches
  (``SUMMARIZER_JUMP_FORWARD=true``; llm/grammar_first.py; off by default).

The prompt files are the current ones in all configurations (the answer shape with the sentence
classification included), so ``before`` is the old request plan and decoding policy, not the old prompt.
The target is the issue's: a 5-sentence article in <= 25 s, cold, model load included.

    python benchmarks/article_latency.py                 # every case article
    python benchmarks/article_latency.py --limit 2
    python benchmarks/article_latency.py --limit 1 --configs "first run,default,jump-forward"  # a user's wait
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common

TARGET_S = 25.0
CASES = _common.REPO / "evals" / "cases"

CONFIGS: list[tuple[str, dict[str, str], bool]] = [
    # name, environment, keep the cache folder of the previous configuration
    (
        "before",
        {"SUMMARIZER_CHUNK_SENTENCES": "1", "SUMMARIZER_GRAMMAR": "fallback", "SUMMARIZER_REASK_UNGROUNDED": "true"},
        False,
    ),
    ("+chunks", {"SUMMARIZER_GRAMMAR": "fallback", "SUMMARIZER_REASK_UNGROUNDED": "true"}, False),
    ("+grammar", {"SUMMARIZER_REASK_UNGROUNDED": "true"}, False),
    ("+no re-ask", {}, False),
    ("first run", {}, False),
    ("default", {}, True),
    ("jump-forward", {"SUMMARIZER_JUMP_FORWARD": "true"}, True),
]


def _articles(limit: int | None) -> list[Path]:
    files = sorted(CASES.glob("*/article.txt"))
    return files[:limit] if limit else files


def _run(article: Path, env: dict[str, str], cache_dir: Path, model: Path) -> dict:
    environment = {
        **os.environ,
        **env,
        "SUMMARIZER_CACHE_DIR": str(cache_dir),
        "SUMMARIZER_MODEL_PATH": str(model),
        "SUMMARIZER_BACKEND": "embedded",
    }
    (cache_dir / "responses.sqlite").unlink(missing_ok=True)  # no answer from a previous run
    for extra in ("-wal", "-shm"):
        (cache_dir / f"responses.sqlite{extra}").unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(article), "--json"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        return {"wall_s": wall, "error": done.stderr.strip()[-400:]}
    result = json.loads(done.stdout)
    p = result["provenance"]
    return {
        "wall_s": round(wall, 2),
        "events": len(result["events"]),
        "requests": p["requests"],
        "attempts": p["attempts"],
        "prompt_tokens": p["usage"]["prompt_tokens"],
        "completion_tokens": p["usage"]["completion_tokens"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="Only the first N case articles")
    parser.add_argument(
        "--configs",
        default=",".join(name for name, _, _ in CONFIGS),
        help="Comma-separated configurations to run, in their fixed order ('default' needs 'first run' before it)",
    )
    args = parser.parse_args()
    chosen = [c.strip() for c in args.configs.split(",")]
    unknown = set(chosen) - {name for name, _, _ in CONFIGS}
    if unknown:
        parser.error(f"unknown configuration(s) {sorted(unknown)}; choose from {[n for n, _, _ in CONFIGS]}")
    from summarizer.core.settings import Settings
    from summarizer.llm.model_store import fetch_model

    model = fetch_model(Settings().cache_dir)
    selfcheck = Settings().cache_dir / "selfcheck"
    rows: list[dict] = []
    for article in _articles(args.limit):
        sentences = sum(1 for _ in _sentences(article))
        cache_dir = None
        for name, env, keep in CONFIGS:
            if name not in chosen:
                continue
            if not keep or cache_dir is None:
                cache_dir = Path(tempfile.mkdtemp(prefix="latency-"))
                if selfcheck.is_dir():  # the one-time build self-check is not what this measures
                    shutil.copytree(selfcheck, cache_dir / "selfcheck")
            measured = _run(article, env, cache_dir, model)
            row = {"article": article.parent.name, "sentences": sentences, "config": name, **measured}
            rows.append(row)
            print(json.dumps(row), flush=True)
    summary = _summary(rows)
    for line in summary:
        print(line)
    _common.write_result("article_latency", {"rows": rows, "summary": summary, "target_s": TARGET_S}, _common.machine())


def _sentences(article: Path):
    from summarizer.text.articles import read_articles

    return [s for s in read_articles(article)[0].sentences if s.kind == "body"]


def _summary(rows: list[dict]) -> list[str]:
    lines = [
        "| config | mean wall s | x before | articles <= 25 s | requests | attempts | completion tok | events |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    by_config: dict[str, list[dict]] = {}
    for row in rows:
        if "error" not in row:
            by_config.setdefault(row["config"], []).append(row)
    before = by_config.get("before", [])
    base = sum(r["wall_s"] for r in before) / len(before) if before else None
    for name, _, _ in CONFIGS:
        runs = by_config.get(name, [])
        if not runs:
            continue
        n = len(runs)
        mean = sum(r["wall_s"] for r in runs) / n
        ratio = f"{mean / base:.2f}" if base else "-"
        fast = sum(r["wall_s"] <= TARGET_S for r in runs)
        lines.append(
            f"| {name} | {mean:.1f} | {ratio} | {fast}/{n} | {sum(r['requests'] for r in runs) / n:.1f} | "
            f"{sum(r['attempts'] for r in runs) / n:.1f} | {sum(r['completion_tokens'] for r in runs) / n:.0f} | "
            f"{sum(r['events'] for r in runs) / n:.1f} |"
        )
    return lines


if __name__ == "__main__":
    main()
