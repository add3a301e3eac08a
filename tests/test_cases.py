"""The case checker: pure checks over hand-built summaries (pass and fail), and the case suite offline."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.core.schema import (
    ArticleSummary,
    Conflict,
    Event,
    EventDate,
    EventType,
    Evidence,
    Location,
    Precision,
    Quantity,
    SourceValue,
    Status,
    StoryReport,
)
from summarizer.core.settings import Settings
from summarizer.eval.case_checks import (
    check_event,
    check_never,
    check_no_chars,
    check_sentences,
    check_summary,
)
from summarizer.eval.case_spec import ConflictSpec, EventSpec, NeverCheck, SummarySpec, load_case, reader_type
from summarizer.eval.cases import parse_command, run_cases
from summarizer.eval.story_checks import check_conflict

from .conftest import ROOT
from .factories import article_summary

CASES = ROOT / "evals" / "cases"
runner = CliRunner()
SENTENCE = "Twenty-three people were killed when an overcrowded ferry capsized on Lake Varo on Tuesday, police said."


def event(event_id: str = "e1", text: str = SENTENCE, **fields) -> Event:
    values = {
        "type": EventType.disaster,
        "description": "A ferry capsized",
        "actors": [],
        "locations": [Location(name="Lake Varo", canonical="Lake Varo", country=None)],
        "date": EventDate(value=dt.date(2024, 10, 1), precision=Precision.day, text="on Tuesday"),
        "status": Status.asserted,
        "historical": False,
        "quantities": [Quantity(kind="killed", value=23, unit="people", text="Twenty-three people")],
    } | fields
    return Event(id=event_id, evidence=[Evidence(sentence_id=1, start=0, end=len(text), text=text)], **values)


def summary(*events: Event, text: str = "A ferry capsized on Lake Varo.") -> ArticleSummary:
    return article_summary("article", list(events), summary=text, published=dt.date(2024, 10, 3), sentences=4)


SPEC = EventSpec.model_validate(
    {
        "evidence_contains": "Twenty-three people were killed",
        "type": "accident",
        "date": {"value": "2024-10-01", "precision": "day"},
        "locations_include": ["Lake Varo"],
        "quantities_include": [{"kind": "killed", "value": 23}],
        "quantities_exclude": [{"kind": "killed", "value": 3}],
    }
)


def test_an_event_that_meets_every_expectation_passes() -> None:
    checks = check_event(SPEC, [event()], "article")
    assert checks and all(c.ok for c in checks), checks


def test_a_wrong_toll_and_date_fail_with_expected_and_got() -> None:
    wrong = event(
        quantities=[Quantity(kind="killed", value=3, unit="people", text="three people")],
        date=EventDate(value=dt.date(2024, 9, 24), precision=Precision.day, text="on Tuesday"),
    )
    failed = {c.expectation: c for c in check_event(SPEC, [wrong], "article") if not c.ok}
    assert set(failed) == {"date", "quantities_include", "quantities_exclude"}
    assert failed["date"].expected == "2024-10-01 (day)" and "2024-09-24" in failed["date"].got
    assert "killed 3" in failed["quantities_exclude"].got


def test_the_fields_must_hold_of_one_event_but_a_toll_may_sit_on_another() -> None:
    statement = event(
        "e1", type=EventType.political, quantities=[], date=EventDate(value=None, precision="unknown", text=None)
    )
    fire = event("e2", quantities=[])
    toll = event("e3", type=EventType.humanitarian, locations=[])
    assert all(c.ok for c in check_event(SPEC, [statement, fire, toll], "article"))
    assert not all(c.ok for c in check_event(SPEC, [statement, toll], "article"))  # no one event is the disaster


def test_a_missing_event_fails_unless_optional() -> None:
    [missing] = check_event(SPEC, [], "article")
    assert not missing.ok and "no event cites it" in missing.got
    [skipped] = check_event(SPEC.model_copy(update={"optional": True}), [], "article")
    assert skipped.ok


def test_reader_types_map_onto_the_vocabulary_and_unknown_names_fail() -> None:
    assert reader_type("arrest") is EventType.legal and reader_type("protest") is EventType.protest
    unknown = SPEC.model_copy(update={"type": "kerfuffle"})
    [type_check] = [c for c in check_event(unknown, [event()], "a") if c.expectation == "type"]
    assert not type_check.ok and "unmapped" in type_check.expected


def test_never_lines_need_a_checkable_form() -> None:
    year = event(quantities=[Quantity(kind="killed", value=2019, unit="people", text="2019")])
    [bad] = check_never("no years", NeverCheck(quantity_value=2019), summary(year))
    assert not bad.ok and "2019" in bad.got
    [unmapped] = check_never("prose only", None, summary(event()))
    assert not unmapped.ok
    [names] = check_never("no Karvia", NeverCheck(names_any=["Karvia"]), summary(event()))
    assert names.ok


def test_summary_words_and_encoding_characters() -> None:
    spec = SummarySpec(must_mention_any=["Lake Varo"], must_not_contain=["12 people"])
    assert all(c.ok for c in check_summary(spec, "A ferry capsized on Lake Varo."))
    assert not all(c.ok for c in check_summary(spec, "Flooding killed 12 people."))
    assert check_no_chars("U+0080-U+009F", ["town’s"], "evidence").ok
    assert not check_no_chars("U+0080-U+009F", ["town\x92s"], "evidence").ok


def test_sentences_are_compared_exactly_and_in_order() -> None:
    assert all(c.ok for c in check_sentences(["A.", "B."], ["A.", "B."]))
    assert not all(c.ok for c in check_sentences(["A.", "B."], ["A. B."]))


def test_a_conflict_is_found_by_field_scope_and_values() -> None:
    report = StoryReport(
        summary="",
        articles=[],
        story_events=[],
        conflicts=[
            Conflict(
                id="c1",
                story_event_ids=["s1"],
                field="how_many",
                scope="across_sources",
                description="",
                values=[
                    SourceValue(value="killed: 24", articles=["b"]),
                    SourceValue(value="killed: 3", articles=["a"]),
                ],
            )
        ],
        summaries=[],
        texts={},
    )
    spec = ConflictSpec(field="how_many", scope="across_sources", values={"a": "killed: 3", "b": "killed: 24"})
    assert check_conflict(spec, report).ok
    assert not check_conflict(spec.model_copy(update={"values": {"a": "killed: 4"}}), report).ok


def test_every_copied_case_loads_and_its_commands_parse() -> None:
    for folder in sorted(p.parent for p in CASES.glob("*/expect.yaml")):
        spec = load_case(folder)
        for command in spec.commands:
            parse_command(command.run)
    run = parse_command("summarizer summarize - --encoding latin-1 < article.txt")
    assert (run.path, run.encoding, run.stdin) == ("-", "latin-1", "article.txt")
    assert (CASES / "10-cp1252-smart-quotes" / "article.txt").read_bytes().count(b"\x92") >= 1  # still cp1252


def unrecorded_cases(tmp_path: Path) -> Path:
    """A copy of the case suite without its recording (bytes unchanged: case 10 stays Windows-1252)."""
    folder = tmp_path / "cases"
    shutil.copytree(CASES, folder, ignore=shutil.ignore_patterns("recordings.jsonl", "reports"))
    return folder


def test_cases_without_a_recording_still_run_the_model_free_checks(tmp_path: Path) -> None:
    report = run_cases(unrecorded_cases(tmp_path), Settings(backend="fake", use_cache=False), "replay")
    assert report.exit_code == 6 and "summarizer eval --suite" in (report.error or "")
    by_case = {c.case: c for c in report.cases}
    assert len(by_case) == 14
    # The first command of case 10 reads the cp1252 file as UTF-8: exit 2 is right, the hint is checked too.
    encoding = by_case["10-cp1252-smart-quotes"]
    assert any(c.expectation == "exit code" for c in encoding.checks)


def test_cli_reports_cases_and_names_the_record_command(tmp_path: Path) -> None:
    suite = unrecorded_cases(tmp_path / "in")
    result = runner.invoke(app, ["eval", "--suite", str(suite), "--out", str(tmp_path / "out")])
    assert result.exit_code == 6, result.output
    assert "--record" in result.output and "01-weekday-phrase-across-new-year" in result.output
    assert (tmp_path / "out" / "cases" / "cases.md").read_text().startswith("# Cases")


def test_the_handed_cases_replay_from_the_embedded_models_recording() -> None:
    """CI replays the case suite as recorded live on the embedded model: every case passes, the ten handed
    ones and four written in-house (90-92 for kinds whose handed instance was kept back, 93 a Chinese
    article). Cases 03
    and 05 failed on the model's own citations until a sentence whose answer described another sentence,
    or that dates something but was classed as stating nothing, got a second look with itself alone."""
    report = run_cases(ROOT / "evals" / "cases", Settings(), "replay")
    assert report.error is None, report.error
    failed = [
        (case.case, check.expectation, check.got) for case in report.cases for check in case.checks if not check.ok
    ]
    assert failed == []
    assert len(report.cases) == 14
    assert all(c.status == "pass" for c in report.cases)
