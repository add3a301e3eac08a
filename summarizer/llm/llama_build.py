"""Which llama.cpp build this CPU gets: the CMake flags, and whether the installed build matches them.

llama-cpp-python ships no usable wheel for this platform, so pip compiles llama.cpp on the user's machine.
Its default (``GGML_NATIVE=ON``, ``-march=native``) emits every instruction the build machine has: on an
Intel Xeon with AVX-512 and AMX in a VM that build died with SIGILL on the first prompt of a few hundred
tokens (see ../shared/notes/embedded-model.md, pitfall 3), and a wheel built on one CPU and copied or cached
for another can die the same way. So the install never builds native: it picks one of two fixed
instruction sets by what ``/proc/cpuinfo`` reports,

* ``x86-64-v3`` (AVX, AVX2, FMA, F16C, BMI2): every x86-64 CPU since Intel Haswell (2013) and AMD Excavator/
  Zen, AVX-512 and AMX left out because they are not needed for speed here (BENCHMARKS.md measures native
  vs this build) and are where the crash came from;
* ``x86-64-v2`` (SSE4.2 only) for older CPUs or VMs that hide AVX2;

and on other architectures (ARM, Apple) it leaves llama.cpp's own defaults alone.

This file is standard-library only and runs as a script before the package is installed
(``python summarizer/llm/llama_build.py flags|check|command``); ``scripts/install.sh`` uses it and
``summarizer doctor`` / the self-check print its rebuild command. Hand-written because no library answers
"which ggml flags are safe on this CPU".
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

__all__ = [
    "LLAMA_CPP_VERSION",
    "cpu_flags",
    "instruction_set",
    "cmake_args",
    "rebuild_command",
    "compiled_features",
    "build_problem",
]

LLAMA_CPP_VERSION = "0.3.36"

# /proc/cpuinfo flags each instruction set needs, and the ggml options that turn it on.
_V3_NEEDS = frozenset({"avx", "avx2", "fma", "f16c", "bmi2", "sse4_2"})
_V2_NEEDS = frozenset({"sse4_2"})
_ALL_ISA = (
    "SSE42",
    "AVX",
    "AVX2",
    "FMA",
    "F16C",
    "BMI2",
    "AVX_VNNI",
    "AVX512",
    "AVX512_VBMI",
    "AVX512_VNNI",
    "AVX512_BF16",
    "AMX_TILE",
    "AMX_INT8",
    "AMX_BF16",
)
_ON = {
    "x86-64-v3": ("SSE42", "AVX", "AVX2", "FMA", "F16C", "BMI2"),
    "x86-64-v2": ("SSE42",),
    "x86-64": (),
}
# llama_print_system_info() names compiled instruction features like this; others (LLAMAFILE, OPENMP,
# REPACK) are not instruction sets.
_REPORTED = (set(_ALL_ISA) - {"SSE42", "AMX_TILE"}) | {"SSE3", "SSSE3", "AVX512_FP16"}
_ALLOWED = {
    "x86-64-v3": {"SSE3", "SSSE3", "AVX", "AVX2", "F16C", "FMA", "BMI2"},
    "x86-64-v2": {"SSE3", "SSSE3"},
    "x86-64": set(),
}


def cpu_flags(cpuinfo: str | None = None) -> frozenset[str]:
    """The CPU feature flags the kernel reports (first ``flags`` line of /proc/cpuinfo); empty if unknown."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return frozenset()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return frozenset()


def instruction_set(flags: frozenset[str] | None = None, machine: str | None = None) -> str | None:
    """'x86-64-v3', 'x86-64-v2' or 'x86-64' for an x86-64 CPU with these flags; None on other architectures."""
    machine = (machine or platform.machine()).lower()
    if machine not in {"x86_64", "amd64"}:
        return None
    flags = cpu_flags() if flags is None else flags
    if _V3_NEEDS <= flags:
        return "x86-64-v3"
    if _V2_NEEDS <= flags:
        return "x86-64-v2"
    return "x86-64"


def cmake_args(level: str | None) -> str:
    """The CMAKE_ARGS for llama-cpp-python at this instruction-set level (None: llama.cpp's defaults)."""
    args = ["-DLLAVA_BUILD=OFF"]  # the multimodal library is not used; skipping it saves ~2 minutes
    if level is not None:
        args.append("-DGGML_NATIVE=OFF")
        on = _ON[level]
        args += [f"-DGGML_{isa}={'ON' if isa in on else 'OFF'}" for isa in _ALL_ISA]
    return " ".join(args)


def rebuild_command(level: str | None) -> str:
    """The exact shell command that rebuilds llama-cpp-python for this level, bypassing pip's wheel cache."""
    return (
        f'CMAKE_ARGS="{cmake_args(level)}" python -m pip install --no-cache-dir --force-reinstall --no-deps '
        f'"llama-cpp-python=={LLAMA_CPP_VERSION}"'
    )


def compiled_features(system_info: str) -> set[str]:
    """The instruction features a llama.cpp build was compiled with, from ``llama_print_system_info()``."""
    found = set()
    for part in system_info.replace("\n", "|").split("|"):
        name, _, value = part.partition("=")
        name = name.strip().split(":")[-1].strip()
        if name in _REPORTED and value.strip() == "1":
            found.add(name)
    return found


def build_problem(system_info: str, level: str | None) -> str | None:
    """Why this llama.cpp build does not fit the CPU's level (None when it fits or the level is unknown)."""
    if level is None:
        return None
    extra = compiled_features(system_info) - _ALLOWED[level]
    if extra:
        return f"llama.cpp was compiled with {', '.join(sorted(extra))}, outside the portable {level} set"
    return None


def _installed_system_info() -> str | None:
    try:
        import llama_cpp  # noqa: PLC0415 - only when asked; the script must run without it
    except ImportError:
        return None
    info = llama_cpp.llama_print_system_info()
    return info.decode("utf-8", "replace") if isinstance(info, bytes) else str(info)


def main(argv: list[str]) -> int:
    """``flags`` prints CMAKE_ARGS; ``check`` exits 0 when the installed build fits; ``command`` the rebuild."""
    level = instruction_set()
    what = argv[0] if argv else "flags"
    if what == "flags":
        print(cmake_args(level))
        return 0
    if what == "command":
        print(rebuild_command(level))
        return 0
    if what == "version":
        print(LLAMA_CPP_VERSION)
        return 0
    if what == "check":
        info = _installed_system_info()
        if info is None:
            print("llama-cpp-python is not installed", file=sys.stderr)
            return 1
        problem = build_problem(info, level)
        if problem:
            print(problem, file=sys.stderr)
            return 1
        print(f"llama-cpp-python fits this CPU ({level or platform.machine()})")
        return 0
    print("usage: llama_build.py flags|check|command|version", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
