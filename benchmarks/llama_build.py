"""Portable vs native llama.cpp build: prompt and generation speed of the embedded model, same run.

The install builds llama-cpp-python with a portable instruction set (summarizer/llm/llama_build.py) because a
native build can die with SIGILL on another CPU. This measures what that costs on this machine: it builds
(or takes) one wheel per configuration, installs each into its own venv that sees this environment's other
packages, and runs the self-check probe (a >= 512-token prompt, then N generated tokens, greedy) in each,
alternating builds for ``--rounds`` rounds so machine load hits both alike. Writes results/llama_build.json.

    python benchmarks/llama_build.py                        # builds both wheels (~4-9 min each on 2 cores)
    python benchmarks/llama_build.py --wheel portable=W1 --wheel native=W2
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common

sys.path.insert(0, str(_common.REPO))
from summarizer.core.settings import Settings  # noqa: E402
from summarizer.llm.llama_build import LLAMA_CPP_VERSION, cmake_args, instruction_set  # noqa: E402
from summarizer.llm.model_store import fetch_model  # noqa: E402

BUILDS = {"portable": cmake_args(instruction_set()), "native": "-DLLAVA_BUILD=OFF"}


def build_wheel(name: str, into: Path) -> tuple[Path, float]:
    """Build llama-cpp-python with this configuration's CMAKE_ARGS; the wheel and the build's seconds."""
    out = into / name
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-cache-dir",
            "--quiet",
            "-w",
            str(out),
            f"llama-cpp-python=={LLAMA_CPP_VERSION}",
        ],
        env={**os.environ, "CMAKE_ARGS": BUILDS[name]},
        check=True,
    )
    return next(out.glob("llama_cpp_python-*.whl")), time.perf_counter() - started


def venv_with(wheel: Path, where: Path) -> Path:
    """A venv that sees this environment's packages, with this wheel's llama_cpp installed over them."""
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(where)], check=True)
    python = where / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel)], check=True
    )
    return python


def probe(python: Path, model: Path, threads: int, generate: int) -> dict:
    """One self-check probe run in that venv: its JSON result."""
    done = subprocess.run(
        [str(python), "-m", "summarizer.llm.probe", str(model), str(threads), str(generate)],
        capture_output=True,
        text=True,
        check=False,
        cwd=_common.REPO,
    )
    if done.returncode != 0:
        return {"crashed": done.returncode, "stderr": done.stderr[-300:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", action="append", default=[], help="NAME=PATH of a prebuilt wheel (skip its build)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--generate", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    model = fetch_model(Settings().cache_dir)
    given = dict(item.split("=", 1) for item in args.wheel)
    machine = _common.machine()
    with tempfile.TemporaryDirectory() as tmp:
        wheels, build_s = {}, {}
        for name in BUILDS:
            if name in given:
                wheels[name], build_s[name] = Path(given[name]), None
            else:
                wheels[name], build_s[name] = build_wheel(name, Path(tmp) / "wheels")
        pythons = {name: venv_with(wheel, Path(tmp) / f"venv-{name}") for name, wheel in wheels.items()}
        runs: dict[str, list[dict]] = {name: [] for name in BUILDS}
        for _ in range(args.rounds):
            for name, python in pythons.items():
                runs[name].append(probe(python, model, args.threads, args.generate))
                print(name, runs[name][-1], flush=True)
    summary = {}
    for name, results in runs.items():
        ok = [r for r in results if "crashed" not in r]
        summary[name] = {
            "cmake_args": BUILDS[name],
            "build_s": round(build_s[name], 1) if build_s[name] else None,
            "crashes": len(results) - len(ok),
            "prompt_tokens": ok[0]["prompt_tokens"] if ok else None,
            "prompt_tok_s": statistics.median(r["prompt_tok_s"] for r in ok) if ok else None,
            "generation_tok_s": statistics.median(r["generation_tok_s"] for r in ok) if ok else None,
            "system_info": ok[0]["system_info"] if ok else None,
            "runs": results,
        }
    ratio = {
        key: round(summary["portable"][key] / summary["native"][key], 3)
        for key in ("prompt_tok_s", "generation_tok_s")
        if summary["portable"][key] and summary["native"][key]
    }
    payload = {
        "rounds": args.rounds,
        "generate": args.generate,
        "threads": args.threads,
        "builds": summary,
        "portable_over_native": ratio,
    }
    _common.write_result("llama_build", payload, machine)
    print(json.dumps({"portable_over_native": ratio}, indent=2))


if __name__ == "__main__":
    main()
