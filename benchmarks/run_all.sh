#!/usr/bin/env bash
# Run every benchmark in the order BENCHMARKS.md reports them; each writes benchmarks/results/NAME.json.
# Run on an otherwise idle machine: the model benchmarks use every core, and the others measure CPU cost.
#
#   bash benchmarks/run_all.sh            # everything (about 3 h on 2 cores, 2 h of it the peer)
#   bash benchmarks/run_all.sh quick      # only the model-free ones (3 and 5; about 5 min)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python}
# langextract's dependencies pin an older tenacity than ours (google-genai: <9.2), so it gets its own
# venv (seeing this environment's packages). The peer script itself runs here: it serves the GGUF with
# llama_cpp.server, runs langextract in a child process with the venv's Python, and runs our pipeline
# live in this environment on every eval suite.
LX_VENV=${LX_VENV:-$HOME/.cache/summarizer-bench/lx-venv}

"$PY" benchmarks/merge_scaling.py --profile
"$PY" benchmarks/batch_throughput.py --profile
if [ "${1:-}" = quick ]; then "$PY" benchmarks/report.py --write; exit 0; fi

"$PY" benchmarks/overhead.py
"$PY" benchmarks/cache.py
"$PY" benchmarks/llama_build.py   # builds two llama-cpp-python wheels (portable, native): ~10-20 min
if [ ! -x "$LX_VENV/bin/python" ]; then
  "$PY" -m venv --system-site-packages "$LX_VENV"
  "$LX_VENV/bin/pip" install --quiet langextract==1.7.1
fi
"$PY" benchmarks/peer_langextract.py --langextract-python "$LX_VENV/bin/python"   # every suite: ~2 h
"$PY" benchmarks/report.py --write
