"""Shared helpers for the benchmark scripts: machine facts, memory, seeds with their reference dates, results.

Scripts import this as ``_common`` (they are run as ``python benchmarks/NAME.py``, which puts this folder
first on ``sys.path``). Nothing here touches a model.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import platform
import resource
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SEEDS = REPO / "seeds"
GOLD_SUITE = REPO / "evals" / "seeds"
DEFAULT_REFERENCE = dt.date(2024, 12, 6)  # what the eval suite passes as --date to the undated seeds

_PACKAGES = (
    "summarizer",
    "llama_cpp_python",
    "instructor",
    "openai",
    "pydantic",
    "rapidfuzz",
    "scipy",
    "langextract",
)


def _lscpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return platform.processor() or "unknown"
    for line in out.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return 0.0


def _git(*args: str) -> str:
    """Read-only git queries (rev-parse, status) for the record; '' when git is unavailable."""
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    versions = {}
    for name in _PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "nproc": os.cpu_count(),
        "cpu": _lscpu_model(),
        "ram_gib": _ram_gib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        "git_commit": _git("rev-parse", "HEAD"),
        # Uncommitted changes outside the benchmark's own outputs (a run rewrites results/ as it goes).
        "git_dirty": bool(
            _git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!benchmarks/results", ":!BENCHMARKS.md")
        ),
        "loadavg_at_start": loadavg(),
    }


def loadavg() -> list[float]:
    """The 1/5/15-minute load averages: a busy machine makes every figure slower."""
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_mib() -> float:
    """Current resident memory of this process."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def cpu_seconds() -> float:
    """User + system CPU time of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, timeout_s: float, process: subprocess.Popen | None = None) -> None:
    """Poll ``url`` until it answers 200, the process dies, or the timeout passes."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server process exited with code {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout_s:.0f} s")


def seed_articles() -> list[tuple[Any, dt.date, Any]]:
    """(Article, reference date, gold events) for each seed, as the eval suite reads them."""
    from summarizer.eval.gold import load_gold
    from summarizer.text.articles import read_articles

    suite = load_gold(GOLD_SUITE)
    articles_dir = (GOLD_SUITE / suite.articles_dir).resolve()
    out = []
    for gold in suite.articles:
        article = read_articles(articles_dir / gold.file)[0]
        reference = article.published or gold.reference_date or DEFAULT_REFERENCE
        out.append((article, reference, gold.events))
    return out


def micro_scores(scores: list[Any]) -> dict[str, float]:
    """Event precision/recall/F1 micro-averaged over articles (as the eval suite's headline does)."""
    from summarizer.eval.score import prf

    matched = sum(len(s.matches) for s in scores)
    predicted = sum(s.predicted for s in scores)
    gold = sum(s.gold for s in scores)
    strict = sum(sum(m.strict for m in s.matches) for s in scores)
    p, r, f = prf(matched, predicted, gold)
    _, _, sf = prf(strict, predicted, gold)
    core = [(s.core_recall, s.gold) for s in scores if s.core_recall is not None]
    dated = [(s.date_accuracy, s.gold) for s in scores if s.date_accuracy is not None]

    def weighted(pairs: list[tuple[float, int]]) -> float:
        den = sum(w for _, w in pairs)
        return sum(v * w for v, w in pairs) / den if den else 0.0

    return {
        "event_precision": round(p, 4),
        "event_recall": round(r, 4),
        "event_f1": round(f, 4),
        "strict_f1": round(sf, 4),
        "core_recall": round(weighted(core), 4),
        "date_accuracy": round(weighted(dated), 4),
        "predicted": predicted,
        "gold": gold,
        "matched": matched,
    }


def write_result(name: str, payload: dict[str, Any], machine_info: dict[str, Any], path: Path | None = None) -> Path:
    """Write ``benchmarks/results/NAME.json`` (or ``path``) with the machine facts and the time of the run."""
    path = Path(path) if path is not None else RESULTS / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": name,
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {**machine_info, "loadavg_at_end": loadavg()},
        **payload,
    }
    path.write_text(json.dumps(document, indent=2, default=str) + "\n")
    return path


def table(rows: list[list[Any]], header: list[str]) -> str:
    """A plain-text table for the terminal."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
