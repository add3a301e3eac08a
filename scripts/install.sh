#!/usr/bin/env bash
# Install summarizer and everything it needs, with a llama.cpp build that runs on this CPU's whole family.
#
# llama-cpp-python is compiled here (no usable wheel exists for this platform). Its default native build
# can die with SIGILL on another CPU (AVX-512/AMX), so summarizer/llm/llama_build.py picks a portable
# instruction set (x86-64-v3: AVX2/FMA/F16C/BMI2; x86-64-v2 on CPUs without AVX2). An installed build that
# does not fit is rebuilt, bypassing pip's wheel cache (which ignores CMAKE_ARGS). Takes 4-9 minutes on
# 2 cores the first time, seconds after.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
flags="$("$PYTHON" summarizer/llm/llama_build.py flags)"
version="$("$PYTHON" summarizer/llm/llama_build.py version)"
if ! "$PYTHON" summarizer/llm/llama_build.py check; then
  echo "building llama-cpp-python $version with CMAKE_ARGS=\"$flags\" (4-9 minutes on 2 cores)" >&2
  CMAKE_ARGS="$flags" "$PYTHON" -m pip install --quiet --progress-bar off --no-cache-dir --force-reinstall \
    --no-deps "llama-cpp-python==$version"
fi
CMAKE_ARGS="$flags" "$PYTHON" -m pip install --quiet --progress-bar off -e ".[dev]"
"$PYTHON" summarizer/llm/llama_build.py check
