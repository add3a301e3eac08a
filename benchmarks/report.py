"""Render the results tables of BENCHMARKS.md from benchmarks/results/*.json (no figure is typed by hand).

python benchmarks/report.py            # print the tables
python benchmarks/report.py --write    # replace the generated part of BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
START, END = "<!-- results:start (benchmarks/report.py) -->", "<!-- results:end -->"


def _load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _run(data: dict[str, Any]) -> str:
    m = data["machine"]
    # Runs before the change to _common.machine() counted the run's own earlier result files as changes.
    dirty = " (uncommitted changes, or this run's own earlier result files)" if m.get("git_dirty") else ""
    load = f"load {m['loadavg_at_start'][0]:.2f} -> {m['loadavg_at_end'][0]:.2f}"
    return f"_Run {data['finished'][:16].replace('T', ' ')} UTC, commit `{m['git_commit'][:8]}`{dirty}, {load}._"


def _yes(flag: bool) -> str:
    return "**met**" if flag else "**missed**"


def overhead(d: dict[str, Any]) -> list[str]:
    o = d["overall"]
    lines = [
        "### 1. Overhead vs raw model (`overhead.py`)",
        "",
        _run(d),
        "",
        "| seed | sentences | wall s | prompt s | generation s | sampling/grammar/glue s | re-asks s | ours s "
        "| raw model s | ratio | ratio, first attempts | prompt tok | completion tok | prompt tok evaluated "
        "| requests / generations (grammar) | event F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for a in d["articles"]:
        t, s = a["tokens"], a["split_s"]
        lines.append(
            f"| {a['article_id'][:3]} | {a['sentences']} | {a['wall_s']:.1f} | {s['prompt_processing']:.1f} "
            f"| {s['generation']:.1f} | {s['sampling_grammar_glue']:.1f} | {s['reasks']:.1f} | {s['our_overhead']:.2f} "
            f"| {a['raw_model_s']:.1f} | {a['ratio_pipeline_over_raw']:.3f} "
            f"| {a['ratio_pipeline_over_raw_first_attempts']:.3f} | {t['prompt']:,} | {t['completion']:,} "
            f"| {t['prompt_evaluated']:,} | {a['requests']} / {a['generations']} ({a['grammar_generations']}) "
            f"| {a['event_f1']:.2f} |"
        )
    sp, sh = o["split_s"], o["split_share"]
    lines += [
        f"| **all** | | {o['wall_s']:.1f} | {sp['prompt_processing']:.1f} | {sp['generation']:.1f} "
        f"| {sp['sampling_grammar_glue']:.1f} | {sp['reasks']:.1f} | {sp['our_overhead']:.2f} | {o['raw_model_s']:.1f} "
        f"| **{o['ratio_pipeline_over_raw']:.3f}** | {o['ratio_pipeline_over_raw_first_attempts']:.3f} "
        f"| {o['prompt_tokens_per_article']:,.0f}/article | {o['completion_tokens_per_article']:,.0f}/article "
        f"| {o['prompt_tokens_evaluated_per_article']:,.0f}/article | | {o['scores']['event_f1']:.3f} |",
        "",
        f"Share of wall time: generation {sh['generation']:.0%}, prompt processing {sh['prompt_processing']:.0%}, "
        f"re-asks {sh['reasks']:.0%}, sampling/grammar/glue {sh['sampling_grammar_glue']:.1%}, our own code "
        f"{sh['our_overhead']:.2%}. Tokens per article (re-asks included): {o['tokens_per_article']:,.0f}. "
        f"Peak RSS {o['peak_rss_mib']:,.0f} MiB ({o['rss_after_load_mib']:,.0f} MiB after loading the model). "
        f"Target pipeline <= 1.10x raw: {_yes(d['result']['met'])} ({o['ratio_pipeline_over_raw']:.3f}).",
    ]
    if "head_s" in o:
        lines[-1] += (
            f" Not in the wall times: the instructions' head, evaluated once per process ({o['head_s']:.1f} s here; "
            "loaded from the cache folder in normal use)."
        )
    if "split_note" in d:
        lines[-1] += f" Note: {d['split_note']}."
    return lines


def _evaluated(side: dict[str, Any]) -> str:
    value = side.get("prompt_tokens_evaluated_per_article")
    return f"{value:,.0f}" if value is not None else "not probed"


def _peer_row(label: str, side: dict[str, Any], scores: dict[str, Any]) -> str:
    return (
        f"| {label} | {side['wall_s']:.1f} | {side['requests_per_article']:.1f} "
        f"| {side['prompt_tokens_per_article']:,.0f} | {side['completion_tokens_per_article']:,.0f} "
        f"| {_evaluated(side)} | {scores['predicted']} | {scores['event_precision']:.3f} "
        f"| {scores['event_recall']:.3f} | {scores['event_f1']:.3f} | {scores['strict_f1']:.3f} |"
    )


def peer(d: dict[str, Any]) -> list[str]:
    t, o, r = d["theirs"], d["ours"], d["result"]
    best = t["best_variant"]
    ts = t["scores"][best]
    os_ = o["scores"]
    suites = d.get("suites")  # runs before the per-suite version scored the seeds only
    scope = (
        f" {o.get('n_articles', len(o['articles']))} articles of {len(suites)} suite(s)"
        + (f" (first {d['limit']} of each)" if d.get("limit") else "")
        + "."
        if suites
        else " The seeds only."
    )
    settings = d.get("langextract_settings", {})
    config = (
        f" langextract: schema constraints {'on' if settings.get('use_schema_constraints') else 'off'}, "
        f"max output tokens {settings.get('max_output_tokens')}."
        if settings
        else ""
    )
    lines = [
        "### 2. Peer: langextract (`peer_langextract.py`)",
        "",
        _run(d) + f" Our side: {o['source']}." + scope + config,
        "",
        "| | wall s | requests / article | prompt tok / article | completion tok / article "
        "| prompt tok evaluated / article | events | event P | event R | event F1 | strict F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        _peer_row(f"langextract ({best})", t, ts),
        _peer_row("summarizer", o, os_),
        "",
    ]
    if suites:
        lines += [
            f"Per suite (langextract's variant: {best}, the better one pooled; event P / R / F1):",
            "",
            "| suite | articles | langextract s / article | ours s / article | wall ours / theirs "
            "| langextract P / R / F1 | ours P / R / F1 | F1 ours - theirs |",
            "|---|---:|---:|---:|---:|---|---|---:|",
        ]
        for s in suites:
            st, so, c = s["theirs"], s["ours"], s["comparison"]
            sts = st["scores"][best]
            lines.append(
                f"| {s['suite']} | {so['n_articles']} | {st['wall_s_per_article']:.1f} "
                f"| {so['wall_s_per_article']:.1f} | {c['wall_ratio']:.2f}x "
                f"| {sts['event_precision']:.2f} / {sts['event_recall']:.2f} / "
                f"{sts['event_f1']:.3f} | {so['scores']['event_precision']:.2f} / {so['scores']['event_recall']:.2f} / "
                f"{so['scores']['event_f1']:.3f} | {c['f1_difference']:+.3f} |"
            )
        lines.append("")
    f1_vs = (
        f"event F1 {r['f1_difference']:+.3f} (ours - theirs)"
        if "f1_difference" in r
        else f"event F1 {os_['event_f1'] / ts['event_f1']:.1f}x"
    )
    peak = t.get("server_peak_rss_mib")
    lines.append(
        f"Ratios ours / theirs: tokens {r['token_ratio']:.1f}x, wall time **{r['wall_ratio']:.2f}x**, {f1_vs}. "
        + f"Target wall time <= 0.5x at F1 >= theirs + 0.05: F1 {_yes(r['met_f1'])}, wall time {_yes(r['met_wall'])}."
        + (f" langextract's server peak RSS {peak:,.0f} MiB." if peak is not None else "")
    )
    return lines


def batch(d: dict[str, Any]) -> list[str]:
    z = d["zero_latency"]
    lines = [
        "### 3. Batch throughput (`batch_throughput.py`)",
        "",
        _run(d) + f" {d['articles']} articles, fake server latency {d['latency_s'] * 1000:.0f} ms.",
        "",
        "| workers | wall s | ideal s | % of ideal | x sequential | our CPU s | failed |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in d["runs"]:
        lines.append(
            f"| {run['workers']} | {run['wall_s']:.1f} | {run['ideal_s']:.1f} | {run['efficiency_vs_ideal']:.1%} "
            f"| {run['speedup_vs_sequential']:.1f} | {run['our_cpu_s']:.1f} | {run['articles_failed']} |"
        )
    lines += [
        "",
        f"Zero latency, one worker: {z['per_request_ms']:.1f} ms per request, {z['our_cpu_per_request_ms']:.1f} ms "
        f"of it our CPU. Target >= 90% of ideal: {_yes(d['result']['met'])} "
        f"(worst {min(r['efficiency_vs_ideal'] for r in d['runs']):.0%}).",
    ]
    return lines


def cache(d: dict[str, Any]) -> list[str]:
    r = d["result"]
    lines = [
        "### 4. Cache (`cache.py`)",
        "",
        _run(d),
        "",
        "| seed | cold s | warm s | requests (cold) | cached requests (warm) | events |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for cold, warm in zip(d["cold"], d["warm"], strict=True):
        lines.append(
            f"| {cold['article_id'][:3]} | {cold['wall_s']:.1f} | {warm['wall_s']:.3f} | {cold['requests']} "
            f"| {warm['cached_requests']} | {cold['events']} |"
        )
    lines += [
        "",
        f"Cold {d['cold_s']:.1f} s, warm {d['warm_s'] * 1000:.0f} ms (median of {len(d['warm_all_runs_s'])}): "
        f"**{r['speedup']:,.0f}x**; {r['speedup_including_model_load']:,.0f}x counting a new process's "
        f"{d['model_load_s']:.1f} s model load. Warm passes made {d['warm_model_generations']} model generations; "
        f"same events: {d['warm_events_identical']}. Target >= 100x: {_yes(r['met'])}.",
    ]
    return lines


def merge(d: dict[str, Any]) -> list[str]:
    r = d["result"]
    lines = [
        "### 5. Merge scaling (`merge_scaling.py`)",
        "",
        _run(d),
        "",
    ]
    # A run with --against also timed an older merge on the same corpus, in the same run.
    against = next((s["against"]["revision"] for s in d["sizes"] if s.get("against")), None)
    extra = f" `{against}` s | `{against}` peak MiB | speed-up |" if against else ""
    lines += [
        "| articles | events | story events | multi-source | conflicts | merge s | peak RSS MiB |" + extra,
        "|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|---:|" if against else ""),
    ]
    for s in d["sizes"]:
        old = s.get("against")
        lines.append(
            f"| {s['articles']:,} | {s['events']:,} | {s['story_events']:,} | {s['multi_source_story_events']:,} "
            f"| {s['conflicts']:,} | {s['merge_s']:.2f} | {s['peak_rss_mib']:,.0f} |"
            + (f" {old['merge_s']:.2f} | {old['peak_rss_mib']:,.0f} | {s['speedup_vs_against']:.2f}x |" if old else "")
        )
    lines += [
        "",
        f"Growth exponent (log time / log size) {d['overall_exponent']:.2f}: sub-quadratic "
        f"{_yes(r['met_subquadratic'])}; 10k articles in {r['merge_10k_s']:.1f} s, target < 10 s "
        f"{_yes(r['met_10k'])}.",
    ]
    return lines


def llama_build(d: dict[str, Any]) -> list[str]:
    lines = [
        "### llama.cpp build: portable (the install's) vs native",
        "",
        _run(d),
        "",
        f"Self-check probe, {d['builds']['portable']['prompt_tokens']}-token prompt then {d['generate']} "
        "greedy tokens, "
        f"{d['threads']} threads, median of {d['rounds']} alternating rounds.",
        "",
        "| build | CMAKE_ARGS | build s | prompt tok/s | generation tok/s | crashes |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, b in d["builds"].items():
        lines.append(
            f"| {name} | `{b['cmake_args']}` | {b['build_s'] if b['build_s'] is not None else 'given'} | "
            f"{b['prompt_tok_s']} | {b['generation_tok_s']} | {b['crashes']} |"
        )
    ratio = d["portable_over_native"]
    lines += [
        "",
        f"Portable / native: prompt **{ratio.get('prompt_tok_s')}x**, generation **{ratio.get('generation_tok_s')}x**.",
    ]
    return lines


def render() -> str:
    parts: list[str] = []
    for name, fn in (
        ("llama_build", llama_build),
        ("overhead", overhead),
        ("peer_langextract", peer),
        ("batch_throughput", batch),
        ("cache", cache),
        ("merge_scaling", merge),
    ):
        data = _load(name)
        parts += (fn(data) if data else [f"### {name}", "", "_No result file yet._"]) + [""]
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="replace the generated part of BENCHMARKS.md")
    args = parser.parse_args()
    text = render()
    if not args.write:
        print(text)
        return
    doc = ROOT / "BENCHMARKS.md"
    current = doc.read_text()
    head, _, rest = current.partition(START)
    _, _, tail = rest.partition(END)
    doc.write_text(f"{head}{START}\n\n{text}\n{END}{tail}")
    print(f"wrote {doc}")


if __name__ == "__main__":
    main()
