"""The self-check's child process: load the GGUF, evaluate a prompt of >= 512 tokens, generate a few.

Run as ``python -m summarizer.llm.probe MODEL.gguf [N_THREADS [N_GENERATE]]``; prints one JSON line
(:class:`~summarizer.llm.selfcheck.SelfCheck`). If llama.cpp was built for instructions this CPU lacks,
this process dies with SIGILL and the parent reports it; that is the point of running it apart.
"""

from __future__ import annotations

import os
import sys
import time

from .selfcheck import PROBE_MIN_TOKENS, SelfCheck

__all__ = ["main"]

# A neutral text, long enough to fill one 512-token batch after tokenisation.
_SENTENCE = (
    "On {day} the river council met in the town hall and agreed to repair {n} bridges before the winter floods. "
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def main(argv: list[str]) -> int:
    """Probe the model at argv[0] with argv[1] threads (0: all cores), generating argv[2] tokens (default 32)."""
    from llama_cpp import Llama, llama_print_system_info

    path = argv[0]
    threads = int(argv[1]) if len(argv) > 1 and int(argv[1]) > 0 else (os.cpu_count() or 2)
    to_generate = int(argv[2]) if len(argv) > 2 else 32
    started = time.perf_counter()
    llm = Llama(model_path=path, n_ctx=2048, n_threads=threads, n_batch=512, seed=0, verbose=False)
    load_s = time.perf_counter() - started
    text, n = "", 0
    while len(llm.tokenize(text.encode())) < PROBE_MIN_TOKENS + 16:
        text += _SENTENCE.format(day=_DAYS[n % 5], n=n + 2)
        n += 1
    tokens = llm.tokenize(text.encode())
    # The first token comes out after the whole prompt is evaluated in full 512-token batches: the matrix
    # kernels a wrong build crashes in.
    started = time.perf_counter()
    prompt_s, generated = 0.0, 0
    for _token in llm.generate(tokens, temp=0.0):
        generated += 1
        if generated == 1:
            prompt_s = time.perf_counter() - started
            first_done = time.perf_counter()
        if generated > to_generate:
            break
    gen_s = time.perf_counter() - first_done
    generated -= 1  # the first token's time is in prompt_s
    info = llama_print_system_info()
    result = SelfCheck(
        prompt_tokens=len(tokens),
        completion_tokens=generated,
        prompt_tok_s=round(len(tokens) / prompt_s, 1),
        generation_tok_s=round(generated / gen_s, 1) if gen_s > 0 else 0.0,
        load_s=round(load_s, 2),
        system_info=(info.decode("utf-8", "replace") if isinstance(info, bytes) else str(info)).strip(),
    )
    print(result.model_dump_json())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
