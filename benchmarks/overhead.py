"""Where the time of one article goes, and how the pipeline compares with llama.cpp's raw speed.

Loads the embedded model once (EmbeddedBackend, the same n_threads and n_ctx for both halves), then for
each seed article:

1. runs the real pipeline (summarizer.extract.pipeline.summarize_article, no response cache) with a probe
   wrapped around the backend's ``_raw_create`` (one request as instructor sends it) and ``_generate``
   (one llama-cpp-python chat completion). For every generation the probe records its wall time,
   llama.cpp's own perf counters (prompt-decode and token-decode milliseconds), the usage, whether a
   grammar was on, and the exact token sequence the model's KV cache held afterwards;
2. replays the very same token sequences on the same ``Llama`` with bare ``Llama.eval`` calls: the
   prompt suffix that is not already in the KV cache (the longest common prefix is reused exactly as
   ``Llama.generate`` reuses it), then every generated token one at a time with a greedy argmax. That
   is the raw model time for the same work: no chat template, no sampler chain, no grammar, no
   detokenising, no instructor, no validation.

Wall time of an article is split into: prompt processing and generation (the raw replay's time for the
first attempts), sampling/grammar/llama-cpp-python glue (what those calls took beyond it), re-asks (whole calls
that were a grammar fallback or an instructor re-ask), and our own overhead (article wall time minus
all model calls: prompt rendering, instructor, validation, grounding, dates, names, events).

The instructions' head (system prompt) is evaluated once per process before the first request
(``PrefixState.warm``; with the response cache on it is loaded from disk instead): that time is reported
on its own (``head_s``) and left out of the article's wall time and of the ratio, as the raw replay starts
from a KV cache that already holds the head.

    python benchmarks/overhead.py                  # all five seeds
    python benchmarks/overhead.py --limit 1        # one seed, for a quick look
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import _common

TARGET_RATIO = 1.10


def _lcp(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class Probe:
    """Wraps a live EmbeddedBackend to time and record every generation."""

    def __init__(self, backend: Any) -> None:
        import llama_cpp

        self._perf = lambda: llama_cpp.llama_perf_context(backend._llama._ctx.ctx)
        self.llm = backend._llama
        self.calls: list[dict[str, Any]] = []
        self.bookkeeping_s = 0.0
        self._request: dict[str, Any] = {"reask": False, "n": 0}
        self.head_s = 0.0
        original_raw, original_generate = backend._raw_create, backend._generate
        original_warm = backend._prefix.warm

        def warm(messages: Any) -> Any:
            started = time.perf_counter()
            try:
                return original_warm(messages)
            finally:
                self.head_s += time.perf_counter() - started

        backend._prefix.warm = warm
        # The sizes of llama.cpp evaluations per generation: jump-forward decoding (llm/grammar_first.py)
        # evaluates a sampled token with the stretch the grammar forces after it in one batch, and the raw
        # replay must do the same work in the same batches.
        self._batches: list[int] = []
        original_eval = self.llm.eval

        def counted_eval(tokens: Any) -> None:
            self._batches.append(len(tokens))
            original_eval(tokens)

        self.llm.eval = counted_eval

        def raw_create(**kwargs: Any) -> Any:
            messages = kwargs.get("messages", [])
            self._request = {"reask": any(m.get("role") == "assistant" for m in messages), "n": 0}
            return original_raw(**kwargs)

        def generate(kwargs: dict[str, Any]) -> Any:
            tick = time.perf_counter()
            request = self._request
            kind = "reask" if request["reask"] else ("fallback" if request["n"] else "first")
            request["n"] += 1
            before_tokens = self.llm.input_ids[: self.llm.n_tokens].tolist()
            perf0 = self._perf()
            p0, e0, np0, ne0 = perf0.t_p_eval_ms, perf0.t_eval_ms, perf0.n_p_eval, perf0.n_eval
            self.bookkeeping_s += time.perf_counter() - tick
            self._batches = []
            started = time.perf_counter()
            response = original_generate(kwargs)
            wall = time.perf_counter() - started
            tick = time.perf_counter()
            perf1 = self._perf()
            after = self.llm.input_ids[: self.llm.n_tokens].tolist()
            usage = response.usage
            prompt_tokens = int(usage.prompt_tokens)
            self.calls.append(
                {
                    "kind": kind,
                    "grammar": "response_format" in kwargs,
                    "wall_s": wall,
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": int(usage.completion_tokens),
                    "reused_prefix": _lcp(before_tokens, after[:prompt_tokens]),
                    "prompt_decode_s": (perf1.t_p_eval_ms - p0) / 1000,
                    "token_decode_s": (perf1.t_eval_ms - e0) / 1000,
                    "n_prompt_decoded": perf1.n_p_eval - np0,
                    "n_tokens_decoded": perf1.n_eval - ne0,
                    "finish_reason": response.choices[0].finish_reason,
                    "sequence": after,
                    "batches": self._batches,
                }
            )
            self.bookkeeping_s += time.perf_counter() - tick
            return response

        backend._raw_create = raw_create
        backend._generate = generate

    def take(self) -> tuple[list[dict[str, Any]], float, float]:
        """The calls, the bookkeeping time and the instructions' head time since the last take."""
        calls, spent, head = self.calls, self.bookkeeping_s, self.head_s
        self.calls, self.bookkeeping_s, self.head_s = [], 0.0, 0.0
        return calls, spent, head


def replay(llm: Any, calls: list[dict[str, Any]]) -> list[dict[str, float]]:
    """Decode the same token sequences with bare Llama.eval (prefix reuse as Llama.generate does it), in the
    generation's own batches (a sampled token with its forced run, under jump-forward decoding)."""
    import numpy as np

    n_vocab = llm.n_vocab()

    def greedy() -> int:
        return int(np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(n_vocab,)).argmax())

    out = []
    for call in calls:
        sequence = call["sequence"]
        prompt, generated = sequence[: call["prompt_tokens"]], sequence[call["prompt_tokens"] :]
        current = llm.input_ids[: llm.n_tokens].tolist()
        common = _lcp(current, prompt)
        reuse = common - 1 if common == len(prompt) else common  # one token is re-run to refresh the logits
        llm.n_tokens = max(reuse, 0)
        started = time.perf_counter()
        llm.eval(prompt[llm.n_tokens :])
        greedy()
        prompt_s = time.perf_counter() - started
        started = time.perf_counter()
        # The generation's own evaluation batches after its prompt (one token each without jump-forward).
        batches = call.get("batches", [])[1:]
        if sum(batches) != len(generated):
            batches = [1] * len(generated)
        position = 0
        for size in batches:
            llm.eval(generated[position : position + size])
            position += size
            greedy()
        out.append(
            {
                "prompt_s": prompt_s,
                "generation_s": time.perf_counter() - started,
                "prompt_evaluated": len(prompt) - max(reuse, 0),
                "generated": len(generated),
            }
        )
    return out


def main() -> None:
    from summarizer.core.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N seeds")
    parser.add_argument("--threads", type=int, default=None, help="n_threads (default: the package's default)")
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument(
        "--grammar",
        choices=["fallback", "always"],
        default=Settings.model_fields["grammar"].default,
        help="the package's default unless given",
    )
    args = parser.parse_args()

    from summarizer.eval.score import score_article
    from summarizer.extract.context import RunContext
    from summarizer.extract.pipeline import summarize_article
    from summarizer.llm.embedded import EmbeddedBackend

    info = _common.machine()
    rss_start = _common.rss_mib()
    settings = Settings(
        backend="embedded", use_cache=False, n_ctx=args.n_ctx, n_threads=args.threads, grammar=args.grammar
    )
    started = time.perf_counter()
    backend = EmbeddedBackend(settings)
    load_s = time.perf_counter() - started
    rss_loaded = _common.rss_mib()
    llm = backend._llama
    probe = Probe(backend)
    print(
        f"model {backend.model} loaded in {load_s:.2f} s, n_threads={llm.n_threads}, n_ctx={llm.n_ctx()}, "
        f"RSS {rss_loaded:.0f} MiB",
        flush=True,
    )

    seeds = _common.seed_articles()[: args.limit]
    articles = []
    scores = []
    for article, reference, gold in seeds:
        probe.take()
        started = time.perf_counter()
        dated = article.model_copy(update={"reference_date": reference})
        summary = summarize_article(dated, RunContext.build(settings, backend, None))
        calls, bookkeeping, head = probe.take()
        wall = time.perf_counter() - started - head
        raw = replay(llm, calls)
        score = score_article(article.id, summary.events, gold, article.original)
        scores.append(score)

        first = [c for c in calls if c["kind"] == "first"]
        again = [c for c in calls if c["kind"] != "first"]
        model_calls_s = sum(c["wall_s"] for c in calls)
        # Prompt processing and generation are the raw replay's wall times for the first attempts; the glue is
        # what the same calls took beyond them. (llama.cpp's own perf timers summed to more than the calls'
        # wall time once answers were sampled by grammar_first, so they are kept per call but not split on.)
        raw_of_first = [r for r, c in zip(raw, calls, strict=True) if c["kind"] == "first"]
        prompt_s = sum(r["prompt_s"] for r in raw_of_first)
        generation_s = sum(r["generation_s"] for r in raw_of_first)
        glue_s = sum(c["wall_s"] for c in first) - prompt_s - generation_s
        reask_s = sum(c["wall_s"] for c in again)
        ours_s = wall - model_calls_s
        raw_all = sum(r["prompt_s"] + r["generation_s"] for r in raw)
        raw_first = prompt_s + generation_s
        usage = summary.provenance.usage
        row = {
            "article_id": article.id,
            "sentences": len(article.sentences),
            "wall_s": round(wall, 3),
            "head_s": round(head, 3),
            "split_s": {
                "prompt_processing": round(prompt_s, 3),
                "generation": round(generation_s, 3),
                "sampling_grammar_glue": round(glue_s, 3),
                "reasks": round(reask_s, 3),
                "our_overhead": round(ours_s, 3),
                "of_which_probe_bookkeeping": round(bookkeeping, 3),
            },
            "raw_model_s": round(raw_all, 3),
            "raw_model_first_attempts_s": round(raw_first, 3),
            "ratio_pipeline_over_raw": round(wall / raw_all, 3) if raw_all else None,
            "ratio_pipeline_over_raw_first_attempts": round(wall / raw_first, 3) if raw_first else None,
            # Counted per generation by the probe: the provenance's usage only sees the answer a request
            # finally returned, so an unconstrained try that was regenerated with the grammar is missing there.
            "tokens": {
                "prompt": sum(c["prompt_tokens"] for c in calls),
                "completion": sum(c["completion_tokens"] for c in calls),
                "total": sum(c["prompt_tokens"] + c["completion_tokens"] for c in calls),
                "prompt_evaluated": sum(r["prompt_evaluated"] for r in raw),
                "generated_decoded": sum(r["generated"] for r in raw),
                "provenance_prompt": usage.prompt_tokens,
                "provenance_completion": usage.completion_tokens,
                "provenance_total": usage.prompt_tokens + usage.completion_tokens,
            },
            "raw_speed": {
                "prompt_tok_per_s": round(
                    sum(r["prompt_evaluated"] for r in raw) / max(sum(r["prompt_s"] for r in raw), 1e-9), 1
                ),
                "generation_tok_per_s": round(
                    sum(r["generated"] for r in raw) / max(sum(r["generation_s"] for r in raw), 1e-9), 1
                ),
            },
            "requests": summary.provenance.requests,
            "generations": len(calls),
            "generations_by_kind": {k: sum(c["kind"] == k for c in calls) for k in ("first", "fallback", "reask")},
            "grammar_generations": sum(c["grammar"] for c in calls),
            "events": len(summary.events),
            "dropped_events": summary.provenance.dropped_events,
            "event_f1": round(score.f1, 4),
            "score": score.model_dump(mode="json"),
            "calls": [{k: v for k, v in c.items() if k != "sequence"} for c in calls],
            "replay": raw,
            "summary": summary.model_dump(mode="json"),
        }
        articles.append(row)
        split = row["split_s"]
        print(
            f"{article.id}: {wall:6.1f} s = prompt {split['prompt_processing']:.1f} + generation "
            f"{split['generation']:.1f} + sampling/grammar {split['sampling_grammar_glue']:.1f} + re-asks "
            f"{split['reasks']:.1f} + ours {split['our_overhead']:.2f}; raw {raw_all:.1f} s -> "
            f"x{row['ratio_pipeline_over_raw']:.2f}; tokens {row['tokens']['total']} "
            f"({len(calls)} generations, {row['generations_by_kind']}), F1 {score.f1:.2f}; head {head:.1f} s",
            flush=True,
        )

    total_wall = sum(a["wall_s"] for a in articles)
    total_raw = sum(a["raw_model_s"] for a in articles)
    total_raw_first = sum(a["raw_model_first_attempts_s"] for a in articles)
    totals = {
        key: round(sum(a["split_s"][key] for a in articles), 3)
        for key in ("prompt_processing", "generation", "sampling_grammar_glue", "reasks", "our_overhead")
    }
    tokens = sum(a["tokens"]["total"] for a in articles)
    overall = {
        "articles": len(articles),
        "wall_s": round(total_wall, 3),
        "head_s": round(sum(a["head_s"] for a in articles), 3),
        "split_s": totals,
        "split_share": {k: round(v / total_wall, 4) for k, v in totals.items()},
        "raw_model_s": round(total_raw, 3),
        "ratio_pipeline_over_raw": round(total_wall / total_raw, 3),
        "ratio_pipeline_over_raw_first_attempts": round(total_wall / total_raw_first, 3),
        "tokens_per_article": round(tokens / len(articles), 1),
        "provenance_tokens_per_article": round(
            sum(a["tokens"]["provenance_total"] for a in articles) / len(articles), 1
        ),
        "prompt_tokens_per_article": round(sum(a["tokens"]["prompt"] for a in articles) / len(articles), 1),
        "completion_tokens_per_article": round(sum(a["tokens"]["completion"] for a in articles) / len(articles), 1),
        "prompt_tokens_evaluated_per_article": round(
            sum(a["tokens"]["prompt_evaluated"] for a in articles) / len(articles), 1
        ),
        "wall_s_per_article": round(total_wall / len(articles), 2),
        "model_load_s": round(load_s, 3),
        "rss_start_mib": rss_start,
        "rss_after_load_mib": rss_loaded,
        "peak_rss_mib": _common.peak_rss_mib(),
        "scores": _common.micro_scores(scores),
    }
    rows = [
        [a["article_id"][:12], a["wall_s"], a["split_s"]["prompt_processing"], a["split_s"]["generation"],
         a["split_s"]["sampling_grammar_glue"], a["split_s"]["reasks"], a["split_s"]["our_overhead"],
         a["raw_model_s"], a["ratio_pipeline_over_raw"], a["tokens"]["total"]]
        for a in articles
    ]  # fmt: skip
    print(
        _common.table(
            rows, ["article", "wall s", "prompt", "gen", "samp/gram", "re-asks", "ours", "raw s", "x raw", "tokens"]
        )
    )
    result = {
        "target": f"pipeline <= {TARGET_RATIO:.2f}x raw model time for the same tokens",
        "ratio": overall["ratio_pipeline_over_raw"],
        "met": overall["ratio_pipeline_over_raw"] <= TARGET_RATIO,
    }
    print(
        f"overall: {total_wall:.1f} s vs raw {total_raw:.1f} s -> x{overall['ratio_pipeline_over_raw']:.2f} "
        f"(x{overall['ratio_pipeline_over_raw_first_attempts']:.2f} against the first attempts' tokens only); "
        f"{overall['tokens_per_article']:.0f} tokens/article; peak RSS {overall['peak_rss_mib']:.0f} MiB; "
        f"event F1 {overall['scores']['event_f1']:.3f}"
    )
    print(f"target: {result}")
    path = _common.write_result(
        "overhead",
        {
            "method": __doc__,
            "settings": {
                "n_threads": llm.n_threads,
                "n_ctx": llm.n_ctx(),
                "n_batch": llm.n_batch,
                "grammar": args.grammar,
                "use_cache": False,
                "model": backend.model,
            },
            "overall": overall,
            "result": result,
            "articles": articles,
        },
        info,
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
