"""``summarizer doctor``: what this installation is and whether the embedded model really runs here.

Collects versions, the CPU's instruction set, the llama.cpp build's compiled features (and whether they fit
the CPU), the backend the settings select, the model file and the cache, then runs the runtime self-check
(a >= 512-token prompt in a child process). The CLI prints the rows; any failed row makes the report
unhealthy, and a crashed self-check raises ``ModelRuntimeError`` (exit 4) with the rebuild command.
"""

from __future__ import annotations

import importlib.metadata
import platform
import sys
from pathlib import Path

from pydantic import Field

from ..core.errors import SummarizerError
from ..core.schema import FrozenModel
from ..core.settings import Settings
from . import model_store
from .llama_build import build_problem, cpu_flags, instruction_set, rebuild_command
from .selfcheck import SelfCheck, llama_lib_dir, run_selfcheck

__all__ = ["HealthRow", "HealthReport", "diagnose"]

_NOTABLE_FLAGS = (
    "sse4_2",
    "avx",
    "avx2",
    "fma",
    "f16c",
    "bmi2",
    "avx512f",
    "avx512_vnni",
    "avx512_bf16",
    "avx_vnni",
    "amx_tile",
    "amx_int8",
    "amx_bf16",
)


class HealthRow(FrozenModel):
    """One line of the report."""

    check: str = Field(description="What was looked at.")
    value: str = Field(description="What was found.")
    ok: bool = Field(description="False when this row needs the user's attention.")


class HealthReport(FrozenModel):
    """The whole report; healthy when every row is ok."""

    rows: list[HealthRow] = Field(description="The checks in the order they were made.")
    selfcheck: SelfCheck | None = Field(description="The runtime self-check's measurements, when it ran.")

    @property
    def healthy(self) -> bool:
        """True when every row is ok."""
        return all(row.ok for row in self.rows)


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else 0


def diagnose(settings: Settings, *, run_check: bool = True) -> HealthReport:
    """Collect the report; raises ModelRuntimeError when the self-check crashes."""
    rows = [
        HealthRow(check="summarizer", value=_version("summarizer"), ok=True),
        HealthRow(check="python", value=f"{platform.python_version()} ({sys.executable})", ok=True),
    ]
    rows += [HealthRow(check=d, value=_version(d), ok=True) for d in ("openai", "instructor", "pydantic")]
    flags = cpu_flags()
    level = instruction_set(flags)
    notable = " ".join(f for f in _NOTABLE_FLAGS if f in flags) or "unknown"
    rows.append(HealthRow(check="cpu", value=f"{_cpu_name()}, {platform.machine()}; {notable}", ok=True))
    rows.append(
        HealthRow(check="instruction set", value=level or f"{platform.machine()} (llama.cpp defaults)", ok=True)
    )
    llama_version = _version("llama-cpp-python")
    rows.append(
        HealthRow(
            check="llama-cpp-python", value=f"{llama_version} in {llama_lib_dir()}", ok=llama_version != "not installed"
        )
    )
    info = None
    if llama_version != "not installed":
        from llama_cpp import llama_print_system_info  # the runtime's own report, no model needed

        raw = llama_print_system_info()
        info = (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)).strip()
        problem = build_problem(info, level)
        value = info if problem is None else f"{info} -- {problem}; rebuild with: {rebuild_command(level)}"
        rows.append(HealthRow(check="llama.cpp build", value=value, ok=problem is None))
    backend = settings.resolved_backend()
    where = settings.base_url or ("https://api.openai.com/v1" if backend == "openai" else "in-process")
    rows.append(HealthRow(check="backend", value=f"{backend} ({where})", ok=True))
    try:
        model = model_store.resolve_model(settings.model_path, settings.cache_dir)
        rows.append(HealthRow(check="model", value=f"{model} ({model.stat().st_size / 1e9:.2f} GB)", ok=True))
    except SummarizerError as exc:
        model = None
        rows.append(HealthRow(check="model", value=str(exc), ok=backend != "embedded"))
    rows.append(
        HealthRow(check="cache", value=f"{settings.cache_dir} ({_size(settings.cache_dir) / 1e6:.0f} MB)", ok=True)
    )
    result = None
    if run_check and model is not None and info is not None:
        result = run_selfcheck(model, settings.n_threads)  # a crash raises ModelRuntimeError (exit 4)
        rows.append(
            HealthRow(
                check="self-check",
                value=f"{result.prompt_tokens}-token prompt at {result.prompt_tok_s} tok/s, "
                f"{result.completion_tokens} tokens generated at {result.generation_tok_s} tok/s, "
                f"load {result.load_s} s",
                ok=True,
            )
        )
    elif run_check:
        rows.append(
            HealthRow(check="self-check", value="skipped: no model or no llama-cpp-python", ok=backend != "embedded")
        )
    return HealthReport(rows=rows, selfcheck=result)
