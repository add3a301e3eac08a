"""Self-check of the embedded runtime: evaluate a real-size prompt in a child process before first use.

A llama.cpp build made for other CPU instructions loads fine and answers a one-token prompt, then dies with
SIGILL (exit 132, no message) on the first prompt of a few hundred tokens, taking the whole process with it.
So the check runs ``python -m summarizer.llm.probe`` in a subprocess with a prompt of at least 512
tokens (one full batch of the matrix kernels) and a few generated tokens, and turns a crash into one
:class:`~summarizer.core.errors.ModelRuntimeError` that names the cause and the exact rebuild command (exit 4).

A passed check is remembered in ``CACHE/selfcheck/<key>.json``, keyed by the llama.cpp libraries (path,
size, mtime), the CPU's flags and the model file, so it costs its ~10 s once per build, CPU and model.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import signal
import subprocess
import sys
from pathlib import Path

from pydantic import Field

from ..core.errors import ModelRuntimeError
from ..core.schema import FrozenModel
from .llama_build import cpu_flags, instruction_set, rebuild_command

__all__ = ["SelfCheck", "run_selfcheck", "ensure_runtime_ok", "llama_lib_dir", "runtime_key", "PROBE_MIN_TOKENS"]

PROBE_MIN_TOKENS = 512


class SelfCheck(FrozenModel):
    """What the probe measured: tokens and speeds of one real-size prompt on the embedded model."""

    prompt_tokens: int = Field(description="Tokens of the evaluated prompt (>= 512).")
    completion_tokens: int = Field(description="Tokens generated after it.")
    prompt_tok_s: float = Field(description="Prompt evaluation speed, tokens per second.")
    generation_tok_s: float = Field(description="Generation speed, tokens per second.")
    load_s: float = Field(description="Seconds to load the model.")
    system_info: str = Field(description="llama.cpp's llama_print_system_info(): the compiled CPU features.")


def llama_lib_dir() -> Path | None:
    """The folder of llama-cpp-python's shared libraries, or None when it is not installed."""
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        return None
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib"
    return lib if lib.is_dir() else None


def _signal_name(returncode: int) -> str:
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def _probe_argv(model_path: Path, n_threads: int | None) -> list[str]:
    return [sys.executable, "-m", "summarizer.llm.probe", str(model_path), str(n_threads or 0)]


def run_selfcheck(
    model_path: Path, n_threads: int | None = None, *, command: list[str] | None = None, timeout_s: float = 600
) -> SelfCheck:
    """Run the probe in a child process; raise ModelRuntimeError naming the cause and the fix if it fails.

    ``command`` replaces the probe's argv (tests simulate a crash with it).
    """
    argv = command or _probe_argv(model_path, n_threads)
    fix = rebuild_command(instruction_set())
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        raise ModelRuntimeError(
            f"the embedded model's self-check did not finish a {PROBE_MIN_TOKENS}-token prompt in {timeout_s:.0f} s; "
            "the machine is overloaded or the build is very slow; free the CPU and retry, or rebuild with: " + fix
        ) from None
    if done.returncode < 0:
        name = _signal_name(done.returncode)
        cause = (
            "llama.cpp was built for CPU instructions this CPU does not have (illegal instruction)"
            if -done.returncode == signal.SIGILL
            else f"llama.cpp crashed ({name})"
        )
        raise ModelRuntimeError(
            f"{cause}: the self-check died with {name} on a {PROBE_MIN_TOKENS}-token prompt; rebuild it with: {fix}"
        )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ModelRuntimeError(
            f"the embedded model's self-check failed (exit {done.returncode}: {last}); "
            f"check the model file (summarizer model fetch) or rebuild llama.cpp with: {fix}"
        )
    try:
        return SelfCheck.model_validate_json(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise ModelRuntimeError(
            f"the embedded model's self-check printed no result ({done.stdout[-200:]!r}); rebuild with: {fix}"
        ) from None


def runtime_key(model_path: Path) -> str:
    """A key for what a model's results depend on: CPU flags, llama.cpp's libraries and the model file."""
    parts: list[str] = [" ".join(sorted(cpu_flags()))]
    lib = llama_lib_dir()
    files = sorted(lib.glob("*.so*")) if lib is not None else []
    for file in [*files, model_path]:
        stat = file.stat()
        parts.append(f"{file.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def ensure_runtime_ok(model_path: Path, cache_dir: Path, n_threads: int | None = None) -> SelfCheck | None:
    """Run the self-check once per llama.cpp build, CPU and model; None when a passed check is remembered."""
    marker = cache_dir / "selfcheck" / f"{runtime_key(model_path)}.json"
    if marker.is_file():
        return None
    result = run_selfcheck(model_path, n_threads)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps(result.model_dump(), indent=2) + "\n", encoding="utf-8")
    return result
