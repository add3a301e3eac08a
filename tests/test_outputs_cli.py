"""Many inputs in, a stream out; CSV/TSV tables; and the CLI conventions (--version, completion, NO_COLOR, --quiet).

CLI runs go to the loopback fault server with no faults (a cooperative fake model over real HTTP), so the
whole path from arguments to printed lines is exercised offline.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import __version__
from summarizer.cli import app
from summarizer.core.schema import ArticleSummary, Role, StoryReport
from summarizer.report.tables import EventRow, StoryEventRow, columns_markdown

from .conftest import ROOT
from .faultserver import FaultServer
from .reliability_support import article_text, cli_env

runner = CliRunner()


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer(seed=5) as running:
        yield running


def run(server: FaultServer, *args: str, **env: str):
    model = ["--base-url", server.url, "--model", "fault-model", "--no-cache"]
    return runner.invoke(app, [*args, *model], env=cli_env(**env))


def corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    files = {name: folder / f"{name}.txt" for name in ("a", "b", "c")}
    for n, path in enumerate(files.values()):
        path.write_text(article_text(n + 1))
    records = folder / "more.jsonl"
    records.write_text(
        "\n".join(json.dumps({"id": f"r{n}", "source": "Wire", "text": article_text(n)}) for n in (7, 8)) + "\n"
    )
    files["more"] = records
    return files


def test_many_inputs_stream_one_json_object_per_line_and_a_bad_one_is_skipped(
    server: FaultServer, tmp_path: Path
) -> None:
    files = corpus(tmp_path / "in")
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    result = run(server, "summarize", str(files["a"]), str(bad), str(files["b"]), "--jsonl")
    assert result.exit_code == 8, result.output
    lines = result.stdout.splitlines()
    assert [ArticleSummary.model_validate_json(line).article.id for line in lines] == ["a", "b"]
    assert "bad.txt" in result.stderr and "looks binary" in result.stderr and "1 of 3 articles failed" in result.stderr


def test_a_folder_a_glob_and_a_jsonl_file(server: FaultServer, tmp_path: Path) -> None:
    files = corpus(tmp_path / "in")
    folder = run(server, "summarize", str(tmp_path / "in"), "--jsonl")
    assert folder.exit_code == 0, folder.output
    assert sorted(json.loads(x)["article"]["id"] for x in folder.stdout.splitlines()) == ["a", "b", "c", "r7", "r8"]
    globbed = run(server, "summarize", str(tmp_path / "in" / "[ab].txt"), str(files["more"]), "--format", "jsonl")
    assert globbed.exit_code == 0, globbed.output
    assert [json.loads(x)["article"]["id"] for x in globbed.stdout.splitlines()] == ["a", "b", "r7", "r8"]


def test_one_input_keeps_its_own_exit_code(server: FaultServer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = run(server, "summarize", str(bad))
    assert result.exit_code == 2 and "is empty" in result.output, result.output


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_event_table_round_trips_the_json_values(server: FaultServer, tmp_path: Path, fmt: str) -> None:
    corpus(tmp_path / "in")
    inputs = [str(tmp_path / "in" / "a.txt"), str(tmp_path / "in" / "more.jsonl")]
    as_json = run(server, "summarize", *inputs, "--jsonl")
    as_table = run(server, "summarize", *inputs, "--format", fmt)
    assert as_json.exit_code == 0 and as_table.exit_code == 0, as_json.output + as_table.output
    rows = list(csv.DictReader(io.StringIO(as_table.stdout), dialect=csv.excel_tab if fmt == "tsv" else csv.excel))
    assert list(rows[0]) == list(EventRow.model_fields)
    summaries = [ArticleSummary.model_validate_json(line) for line in as_json.stdout.splitlines()]
    events = [(s, e) for s in summaries for e in s.events]
    assert len(rows) == len(events) > 2
    for row, (summary, event) in zip(rows, events, strict=True):
        assert row["article_id"] == summary.article.id and row["event_id"] == event.id
        assert row["source"] == (summary.article.source or "")
        assert row["event_date"] == (event.date.value.isoformat() if event.date.value else "")
        assert row["date_precision"] == event.date.precision.value and row["event_type"] == event.type.value
        assert row["actor1"].split(";") == [a.canonical for a in event.actors if a.role is Role.agent] or (
            row["actor1"] == "" and not any(a.role is Role.agent for a in event.actors)
        )
        assert row["location"] == ";".join(dict.fromkeys(loc.canonical for loc in event.locations))
        assert row["status"] == event.status.value and row["historical"] == str(event.historical).lower()
        assert row["notes"] == event.description
        assert row["evidence"] == " | ".join(e.text for e in event.evidence)  # newlines and quotes survive
        offsets = [tuple(map(int, pair.split("-"))) for pair in row["evidence_offsets"].split(";")]
        assert offsets == [(e.start, e.end) for e in event.evidence]
        for start, end in offsets:  # the offsets point into the article text the JSON carries
            assert summary.text[start:end] in row["evidence"]
        quantities = dict(kv.split("=") for kv in row["quantities"].split(";") if kv)
        assert quantities.keys() == {q.kind.value for q in event.quantities}


def test_merge_writes_a_story_table_with_verdicts(server: FaultServer, tmp_path: Path) -> None:
    corpus(tmp_path / "in")
    out = tmp_path / "out"
    result = run(server, "merge", str(tmp_path / "in"), "--out", str(out), "--format", "csv", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "wrote" not in result.output  # --quiet: only the files
    report = StoryReport.model_validate_json((out / "story.json").read_text())
    with (out / "story.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(StoryEventRow.model_fields)
    expected = [(s.id, src.article_id, src.event_id) for s in report.story_events for src in s.sources]
    assert [(r["story_event_id"], r["article_id"], r["event_id"]) for r in rows] == expected
    by_story = {s.id: s for s in report.story_events}
    for row in rows:
        checks = {c.field: c.verdict for c in by_story[row["story_event_id"]].checks}
        assert row["who_verdict"] == checks.get("who", "") and row["where_verdict"] == checks.get("where", "")


def test_the_column_docs_are_generated_from_the_row_models() -> None:
    assert (ROOT / "docs" / "tables.md").read_text(encoding="utf-8") == columns_markdown(), (
        "run: python -m summarizer.report.tables > docs/tables.md"
    )
    for acled in ("event_date", "event_type", "actor1", "actor2", "location", "country", "admin1", "fatalities"):
        assert acled in EventRow.model_fields


def test_version_and_shell_completion() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"summarizer {__version__}", result.output
    helped = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert "--install-completion" in helped.output and "--show-completion" in helped.output


def _stderr_of_a_failing_run(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", "/no/such/article.txt"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    return done.stderr


def test_no_color_is_respected() -> None:
    assert "\x1b[1;31m" in _stderr_of_a_failing_run(FORCE_COLOR="1")  # colour when forced ...
    plain = _stderr_of_a_failing_run(FORCE_COLOR="1", NO_COLOR="1")  # ... and none when NO_COLOR is set
    assert "31m" not in plain and "error:" in plain and "does not exist" in plain


def test_a_narrow_console_prints_one_block_per_event_not_a_folded_table() -> None:
    import io

    from rich.console import Console

    from summarizer.report.console import print_summary

    from .factories import article_summary
    from .test_cases import event

    result = article_summary("a", [event("e1"), event("e2", description="Rescuers reached the island")])
    narrow = io.StringIO()
    print_summary(Console(file=narrow, width=80), result)
    wide = io.StringIO()
    print_summary(Console(file=wide, width=160), result)
    assert "┃" not in narrow.getvalue() and "what:" in narrow.getvalue()
    assert "┃" in wide.getvalue()
    for told in result.events:
        assert told.description in " ".join(narrow.getvalue().split())


def test_an_event_with_only_a_target_says_so_instead_of_an_empty_doer() -> None:
    import io

    from rich.console import Console

    from summarizer.core.schema import Actor, Role
    from summarizer.report.console import print_summary

    from .factories import article_summary
    from .test_cases import event

    hit = event("e1", actors=[Actor(name="the ferry", canonical="the ferry", role=Role.target)])
    out = io.StringIO()
    print_summary(Console(file=out, width=80), article_summary("a", [hit]))
    assert "who:   the ferry (target)" in out.getvalue() and "→" not in out.getvalue()
