"""The eval suite: replay is offline and deterministic, and the gate fails on a degraded recording."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import ROOT

SUITE = ROOT / "evals" / "seeds"
runner = CliRunner()


def copy_suite(tmp_path: Path) -> Path:
    suite = tmp_path / "suite"
    suite.mkdir()
    gold = (SUITE / "gold.yaml").read_text(encoding="utf-8")
    (suite / "gold.yaml").write_text(
        gold.replace("articles_dir: ../../seeds", f"articles_dir: {ROOT / 'seeds'}"), encoding="utf-8"
    )
    for name in ("recordings.jsonl", "baseline.json", "aliases.yaml"):
        shutil.copy(SUITE / name, suite / name)
    return suite


def test_replay_scores_the_seeds_and_holds_the_baseline(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--suite", str(SUITE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "eval.json").read_text())
    assert report["mode"] == "replay" and len(report["articles"]) == 5
    assert report["headline"]["schema_validity"] == 1.0 and report["headline"]["grounding_rate"] == 1.0
    assert (tmp_path / "eval.md").read_text().startswith("# Eval: seeds")


def test_gate_fails_on_a_degraded_recording(tmp_path: Path) -> None:
    suite = copy_suite(tmp_path)
    lines = (suite / "recordings.jsonl").read_text().splitlines()
    degraded = [lines[0]]
    for n, line in enumerate(lines[1:]):
        item = json.loads(line)
        if "events" in item["doc"]["value"] and n % 2 == 0:
            item["doc"]["value"]["events"] = []  # the model "forgot" half of its events
        degraded.append(json.dumps(item))
    (suite / "recordings.jsonl").write_text("\n".join(degraded) + "\n")
    result = runner.invoke(app, ["eval", "--suite", str(suite), "--out", str(tmp_path / "out")])
    assert result.exit_code == 7, result.output
    assert "regression:" in result.output and "event_f1" in result.output


def test_a_missing_recording_says_how_to_rerecord(tmp_path: Path) -> None:
    suite = copy_suite(tmp_path)
    lines = (suite / "recordings.jsonl").read_text().splitlines()
    (suite / "recordings.jsonl").write_text("\n".join(lines[:-1]) + "\n")  # as if the prompt had changed
    result = runner.invoke(app, ["eval", "--suite", str(suite), "--out", str(tmp_path / "out")])
    assert result.exit_code == 6, result.output
    assert "summarizer eval --record" in result.output
