"""Run a case suite: each case folder's article(s) through summarize, merge or the input path, checked.

A case suite is a folder of case folders, each with its input and an ``expect.yaml`` (summarizer.eval.case_spec;
keys in evals/cases/README.md), plus ``never.yaml`` (the checkable form of the prose ``never`` lines) and,
once recorded, ``recordings.jsonl``. Cases are replayed from that recording like any eval suite; when it
is missing, the checks that need no model (segmentation, reading the input) still run and the rest are
reported as not recorded. The checks themselves are the pure functions of summarizer.eval.case_checks.
"""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..core.errors import RecordingMissingError, SummarizerError
from ..core.schema import ArticleOutcome, ArticleSummary
from ..core.settings import Settings
from ..extract.context import RunContext
from ..extract.pipeline import summarize_article
from ..extract.prompts import load_prompts
from ..llm.base import Backend
from ..llm.recording import RecordingCache, ReplayBackend
from ..merge import merge_summaries
from ..text.articles import Article, read_articles
from ..text.names import load_names
from .case_checks import (
    Check,
    check_article,
    check_event,
    check_evidence_contains_any,
    check_never,
    check_no_chars,
    check_sentences,
    check_summary,
)
from .case_spec import CaseSpec, Expect, NeverCheck, load_case, load_never
from .replay import record_command, save_recording, suite_backend
from .results import CaseResult, CaseSuiteReport, Mode
from .story_checks import check_conflict, check_story

__all__ = ["is_case_suite", "run_cases", "parse_command", "check_expect"]


@dataclass(frozen=True)
class RunSpec:
    """What a case's command line asks for, as library arguments."""

    path: str
    encoding: str
    stdin: str | None
    date: dt.date | None


def parse_command(command: str) -> RunSpec:
    """The library equivalent of ``summarizer summarize FILE [--encoding E] [--date D] [< FILE]``."""
    words = shlex.split(command.split("&&")[0])
    encoding, date, stdin, path = "utf-8", None, None, ""
    rest = words[2:] if words[:1] == ["summarizer"] else words[1:]
    i = 0
    while i < len(rest):
        word = rest[i]
        if word in ("--encoding", "--date", "<", "--out"):
            value = rest[i + 1]
            if word == "--encoding":
                encoding = value
            elif word == "--date":
                date = dt.date.fromisoformat(value)
            elif word == "<":
                stdin = value
            i += 2
            continue
        if not word.startswith("--") and not path:
            path = word
        i += 1
    return RunSpec(path=path, encoding=encoding, stdin=stdin, date=date)


def is_case_suite(folder: Path) -> bool:
    """A folder of case folders (``*/expect.yaml``) rather than a gold suite."""
    folder = Path(folder)
    return not (folder / "gold.yaml").is_file() and any(folder.glob("*/expect.yaml"))


def check_expect(
    expect: Expect,
    summary: ArticleSummary | None,
    sentences: list[str],
    never: dict[str, NeverCheck],
) -> list[Check]:
    """Every expectation of ``expect`` that concerns one article's result (model-free ones when no summary)."""
    checks: list[Check] = []
    if expect.sentences is not None:
        checks += check_sentences(expect.sentences, sentences)
    if expect.article is not None:
        if summary is not None:
            checks += check_article(expect.article, summary.article)
        elif expect.article.sentences is not None:  # the one article key that needs no model
            count = expect.article.sentences
            checks.append(
                Check(
                    where="article",
                    expectation="sentences",
                    expected=str(count),
                    got=str(len(sentences)),
                    ok=count == len(sentences),
                )
            )
    if summary is None:
        return checks
    for spec in expect.events:
        checks += check_event(spec, summary.events, summary.article.id)
    for line in expect.never:
        checks += check_never(line, never.get(line), summary)
    if expect.summary is not None:
        checks += check_summary(expect.summary, summary.summary)
    evidence = [ev.text for e in summary.events for ev in e.evidence]
    if expect.evidence_text_has_no_chars_in:
        checks.append(check_no_chars(expect.evidence_text_has_no_chars_in, evidence, "evidence"))
    if expect.evidence_text_contains_any:
        checks.append(check_evidence_contains_any(expect.evidence_text_contains_any, summary.events))
    if expect.summary_has_no_chars_in:
        checks.append(check_no_chars(expect.summary_has_no_chars_in, [summary.summary], "summary"))
    return checks


class _Runner:
    """Summarises case articles through one run context (the suite's backend and recording)."""

    def __init__(self, settings: Settings, backend: Backend, cache: RecordingCache) -> None:
        # The recording serves every request, whatever the settings say about the response cache.
        self.run = RunContext(settings, backend, cache, names=load_names(settings.aliases), prompts=load_prompts())

    def summarize(self, article: Article, date: dt.date | None) -> ArticleSummary:
        """The case article's summary, its relative times resolved against ``date`` (the case's --date)."""
        return summarize_article(article.model_copy(update={"reference_date": date}), self.run)


def _status(checks: list[Check], recorded: bool) -> Literal["pass", "fail", "not_recorded"]:
    if not all(c.ok for c in checks):
        return "fail"
    return "pass" if recorded else "not_recorded"


def _run_error(where: str, exc: SummarizerError) -> Check:
    return Check(where=where, expectation="runs", expected="a result", got=f"exit {exc.exit_code}: {exc}", ok=False)


def _summarize_case(folder: Path, spec: CaseSpec, runner: _Runner, never: dict[str, NeverCheck]) -> CaseResult:
    run = parse_command(spec.command or f"summarizer summarize {spec.input.file}")
    article = read_articles(folder / (spec.input.file or run.path), encoding=run.encoding)[0]
    sentences = [s.text for s in article.sentences]
    expect = spec.expect or Expect()
    try:
        summary = runner.summarize(article, run.date)
    except RecordingMissingError:
        checks = check_expect(expect, None, sentences, never)
        return CaseResult(case=spec.case, kind=spec.kind, status=_status(checks, False), checks=checks)
    except SummarizerError as exc:
        checks = [_run_error(spec.case, exc), *check_expect(expect, None, sentences, never)]
        return CaseResult(case=spec.case, kind=spec.kind, status="fail", checks=checks)
    checks = check_expect(expect, summary, sentences, never)
    return CaseResult(case=spec.case, kind=spec.kind, status=_status(checks, True), checks=checks)


def _merge_case(folder: Path, spec: CaseSpec, runner: _Runner, never: dict[str, NeverCheck]) -> CaseResult:
    expect = spec.expect or Expect()
    summaries, texts, outcomes = [], {}, []
    try:
        for name in spec.input.files or []:
            article = read_articles(folder / name)[0]
            summary = runner.summarize(article, None)
            summaries.append(summary)
            texts[article.id] = article.original
            outcomes.append(
                ArticleOutcome(
                    article_id=article.id,
                    path=name,
                    source=article.source,
                    ok=True,
                    error=None,
                    events=len(summary.events),
                    cached=True,
                )
            )
    except RecordingMissingError:  # a merge case needs the model for every check
        return CaseResult(case=spec.case, kind=spec.kind, status="not_recorded", checks=[])
    except SummarizerError as exc:
        return CaseResult(case=spec.case, kind=spec.kind, status="fail", checks=[_run_error(spec.case, exc)])
    report = merge_summaries(summaries, texts, outcomes, names=runner.run.names)
    checks: list[Check] = []
    by_id = {s.article.id: s for s in summaries}
    for article_id, event_spec in expect.article_events.items():
        events = by_id[article_id].events if article_id in by_id else []
        checks += check_event(event_spec, events, article_id)
    for story in expect.story_events:
        checks += check_story(story, report)
    checks += [check_conflict(c, report) for c in expect.conflicts_include]
    for summary in summaries:
        checks += check_expect(expect.model_copy(update={"article_events": {}}), summary, [], never)
    return CaseResult(case=spec.case, kind=spec.kind, status=_status(checks, True), checks=checks)


def _input_case(folder: Path, spec: CaseSpec, runner: _Runner, never: dict[str, NeverCheck]) -> CaseResult:
    checks: list[Check] = []
    recorded = True
    for n, command in enumerate(spec.commands):
        run = parse_command(command.run)
        where = f"`{command.run}`"
        code, message, summary, sentences = 0, "", None, []
        try:
            if run.path == "-":
                data = (folder / (run.stdin or spec.input.file or "")).read_bytes()
                articles = read_articles("-", encoding=run.encoding, stdin_bytes=data)
            else:
                articles = read_articles(folder / run.path, encoding=run.encoding)
            sentences = [s.text for s in articles[0].sentences]
            summary = runner.summarize(articles[0], run.date)
        except RecordingMissingError:
            recorded = False
            code = -1
        except SummarizerError as exc:
            # As the command prints it when run inside the case folder (the folder name is not the message).
            code, message = exc.exit_code, str(exc).replace(f"{folder}/", "")
        # "exit_code: 0" alone means: succeeds and gives the results the later commands expect.
        below = next((c.expect for c in spec.commands[n + 1 :] if c.expect.events), None)
        alternatives = command.expect.either or [command.expect]
        tried = []
        for alt in alternatives:
            if alt.exit_code == 0 and alt.model_fields_set == {"exit_code"} and below is not None:
                alt = below
            tried.append(_command_checks(where, alt, code, message, summary, sentences, never))
        passing = next((cs for cs in tried if all(c.ok for c in cs)), None)
        # One alternative met: its checks. None met: every alternative's checks, so each miss is spelled out.
        checks += passing if passing is not None else [c for cs in tried for c in cs]
    return CaseResult(case=spec.case, kind=spec.kind, status=_status(checks, recorded), checks=checks)


def _command_checks(
    where: str,
    expect: Expect,
    code: int,
    message: str,
    summary: ArticleSummary | None,
    sentences: list[str],
    never: dict[str, NeverCheck],
) -> list[Check]:
    if code == -1:  # not recorded: only what reading the input showed can be checked
        return [
            c.model_copy(update={"where": f"{where} {c.where}"}) for c in check_expect(expect, None, sentences, never)
        ]
    checks = []
    if expect.exit_code is not None:
        checks.append(
            Check(
                where=where,
                expectation="exit code",
                expected=str(expect.exit_code),
                got=f"{code}" + (f": {message}" if message else ""),
                ok=code == expect.exit_code,
            )
        )
    if expect.stderr_mentions_any:
        ok = any(w in message for w in expect.stderr_mentions_any)
        checks.append(
            Check(
                where=where,
                expectation="stderr_mentions_any",
                expected=" | ".join(expect.stderr_mentions_any),
                got=message or "(no error)",
                ok=ok,
            )
        )
    if code == 0:
        checks += [
            c.model_copy(update={"where": f"{where} {c.where}"})
            for c in check_expect(expect, summary, sentences, never)
        ]
    return checks


def _backend(folder: Path, settings: Settings, mode: Mode) -> tuple[Backend, RecordingCache, str | None]:
    """The suite's backend and cache; with no recording, the model-free checks still run (and say why)."""
    try:
        return (*suite_backend(folder, settings, mode), None)
    except RecordingMissingError as exc:
        replay = ReplayBackend("replay", "none", folder / "recordings.jsonl", record_command(folder))
        return replay, RecordingCache(entries={}), str(exc)


def run_cases(folder: Path, settings: Settings, mode: Mode) -> CaseSuiteReport:
    """Run and check every case in ``folder``."""
    folder = Path(folder)
    never = load_never(folder / "never.yaml")
    backend, cache, error = _backend(folder, settings, mode)
    runner = _Runner(settings, backend, cache)
    kinds = {"summarize": _summarize_case, "merge": _merge_case, "input": _input_case}
    results = []
    for expect_file in sorted(folder.glob("*/expect.yaml")):
        spec = load_case(expect_file.parent)
        results.append(kinds[spec.kind](expect_file.parent, spec, runner, never))
    if error is None and any(r.status == "not_recorded" for r in results):
        missing = [r.case for r in results if r.status == "not_recorded"]
        error = (
            f"{folder / 'recordings.jsonl'} has no answer for case(s) {', '.join(missing)}: the prompt, schema, model "
            f"or article changed; re-record with `summarizer eval --suite {folder} --record` (runs the live model)"
        )
    if mode == "record":
        save_recording(folder, backend, cache)
    code = RecordingMissingError.exit_code if error else 0
    return CaseSuiteReport(folder=str(folder), mode=mode, cases=results, error=error, exit_code=code)
