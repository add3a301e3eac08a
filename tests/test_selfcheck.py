"""The portable llama.cpp build and the runtime self-check: flags per CPU, build fit, crash -> exit 4."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.core.errors import ModelRuntimeError
from summarizer.core.settings import Settings
from summarizer.llm import doctor, model_store, selfcheck
from summarizer.llm.llama_build import build_problem, cmake_args, cpu_flags, instruction_set, rebuild_command

# /proc/cpuinfo flags of the CPU that crashed on a native build (Intel Xeon with AVX-512 and AMX, in a VM).
INTEL_AMX = "flags\t\t: fpu sse4_2 avx avx2 fma f16c bmi2 avx512f avx512_vnni avx512_bf16 avx512_fp16 amx_tile amx_int8"
OLD_CPU = "flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt"
NATIVE_INFO = (
    "CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | AVX512 = 1 | AMX_INT8 = 1 |"
)
PORTABLE_INFO = "CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | LLAMAFILE = 1 |"
SIGILL = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGILL)"]


def test_the_amx_cpu_gets_the_portable_avx2_set_never_native_or_amx() -> None:
    level = instruction_set(cpu_flags(INTEL_AMX), machine="x86_64")
    assert level == "x86-64-v3"
    args = cmake_args(level)
    assert "-DGGML_NATIVE=OFF" in args and "-DGGML_AVX2=ON" in args
    for off in ("AVX512", "AMX_TILE", "AMX_INT8", "AVX_VNNI"):
        assert f"-DGGML_{off}=OFF" in args


def test_a_cpu_without_avx2_gets_sse42_only_and_other_architectures_keep_defaults() -> None:
    args = cmake_args(instruction_set(cpu_flags(OLD_CPU), machine="x86_64"))
    assert "-DGGML_SSE42=ON" in args and "-DGGML_AVX=OFF" in args and "-DGGML_AVX2=OFF" in args
    assert instruction_set(cpu_flags(INTEL_AMX), machine="aarch64") is None
    assert "GGML_NATIVE" not in cmake_args(None)


def test_a_native_build_does_not_fit_and_a_portable_one_does() -> None:
    problem = build_problem(NATIVE_INFO, "x86-64-v3")
    assert problem is not None and "AMX_INT8" in problem and "AVX512" in problem
    assert build_problem(PORTABLE_INFO, "x86-64-v3") is None
    assert build_problem(PORTABLE_INFO, "x86-64-v2") is not None  # AVX2 on a CPU that lacks it
    assert "--no-cache-dir" in rebuild_command("x86-64-v3")  # pip's wheel cache ignores CMAKE_ARGS


def test_a_crash_in_the_probe_becomes_one_error_with_the_cause_and_the_rebuild_command(tmp_path: Path) -> None:
    with pytest.raises(ModelRuntimeError) as caught:
        selfcheck.run_selfcheck(tmp_path / "m.gguf", command=SIGILL)
    message = str(caught.value)
    assert "SIGILL" in message and "instructions this CPU does not have" in message
    assert "CMAKE_ARGS=" in message and "--force-reinstall" in message
    assert caught.value.exit_code == 4


def test_a_probe_that_fails_otherwise_names_its_last_line(tmp_path: Path) -> None:
    failing = [sys.executable, "-c", "import sys; print('bad magic in gguf', file=sys.stderr); sys.exit(3)"]
    with pytest.raises(ModelRuntimeError, match="exit 3: bad magic in gguf"):
        selfcheck.run_selfcheck(tmp_path / "m.gguf", command=failing)


@pytest.fixture
def crashing_probe(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setattr(selfcheck, "_probe_argv", lambda *_: SIGILL)
    monkeypatch.setattr(model_store, "fetch_model", lambda *_a, **_k: model)
    monkeypatch.setenv("SUMMARIZER_MODEL_PATH", str(model))
    return model


def test_model_fetch_exits_4_with_one_line_never_a_bare_132(crashing_probe: Path) -> None:
    result = CliRunner().invoke(app, ["model", "fetch"])
    assert result.exit_code == 4, result.output
    assert "SIGILL" in result.output and "pip install --no-cache-dir" in result.output
    assert "Traceback" not in result.output


def test_doctor_exits_4_on_a_crashing_runtime(crashing_probe: Path) -> None:
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 4, result.output
    assert "SIGILL" in result.output


def test_a_passed_check_is_remembered_per_build_cpu_and_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    calls = []
    ok = selfcheck.SelfCheck(
        prompt_tokens=545, completion_tokens=32, prompt_tok_s=100.0, generation_tok_s=25.0, load_s=1.0, system_info="x"
    )
    monkeypatch.setattr(selfcheck, "run_selfcheck", lambda *a, **k: calls.append(a) or ok)
    assert selfcheck.ensure_runtime_ok(model, tmp_path) == ok
    assert selfcheck.ensure_runtime_ok(model, tmp_path) is None
    model.write_bytes(b"GGUF2")  # another model file: checked again
    assert selfcheck.ensure_runtime_ok(model, tmp_path) == ok
    assert len(calls) == 2


def test_doctor_without_the_check_lists_versions_cpu_backend_model_and_cache(tmp_path: Path) -> None:
    report = doctor.diagnose(
        Settings(cache_dir=tmp_path, backend="openai", base_url="http://127.0.0.1:9/v1"), run_check=False
    )
    checks = [row.check for row in report.rows]
    for name in ("summarizer", "python", "cpu", "instruction set", "llama-cpp-python", "backend", "model", "cache"):
        assert name in checks
    assert next(r for r in report.rows if r.check == "backend").value.startswith("openai (http://127.0.0.1:9/v1)")


@pytest.mark.embedded
def test_the_real_runtime_evaluates_a_512_token_prompt_and_doctor_is_healthy() -> None:
    path = model_store.fetch_model(Settings().cache_dir)
    result = selfcheck.run_selfcheck(path)
    assert result.prompt_tokens >= selfcheck.PROBE_MIN_TOKENS
    assert result.completion_tokens > 0 and result.prompt_tok_s > 0
    assert build_problem(result.system_info, instruction_set()) is None
    cli = CliRunner().invoke(app, ["doctor", "--cache-dir", str(Settings().cache_dir)])
    assert cli.exit_code == 0, cli.output
    assert "healthy" in cli.output and "self-check" in cli.output
