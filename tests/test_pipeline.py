"""The whole per-article path on the fake backend: shape, grounding, dates, names, cache."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from summarizer.core.schema import ArticleSummary, Precision
from summarizer.extract.context import RunContext
from summarizer.extract.pipeline import summarize_article
from summarizer.llm.cache import ResponseCache
from summarizer.llm.fake import FakeBackend
from summarizer.report.json_schemas import render_schemas
from summarizer.text.articles import parse_text

from .conftest import SEEDS_PACK, SMALL_ARTICLE, scripted

pytestmark = pytest.mark.usefixtures("one_sentence_per_request")  # requests sentence by sentence

EVENTS = {
    1: [
        {
            "who": "Rebels",
            "what": "seized the city of Hama",
            "whom": None,
            "where": "Hama",
            "when": "on Thursday",
            "type": "attack",
        }
    ],
    2: [
        {
            "who": "Government forces",
            "what": "withdrew from Deir ez-Zor",
            "whom": None,
            "where": "Deir ez-Zor",
            "when": "on Nov. 27",
            "type": "withdrawal",
        },
        {
            "who": "Government forces",
            "what": "moved to Palmyra",
            "whom": None,
            "where": "Palmyra",
            "when": None,
            "type": "deployment",
        },
    ],
}


def run(settings, backend, cache=None) -> ArticleSummary:
    return summarize_article(parse_text(SMALL_ARTICLE, "small"), RunContext.build(settings, backend, cache))


def test_summary_is_schema_valid_and_fully_grounded(settings) -> None:
    settings = settings.model_copy(update={"aliases": SEEDS_PACK})  # the story's canonical names
    backend = FakeBackend(settings).enqueue(*[scripted(EVENTS)] * 4)
    result = run(settings, backend)
    schema = json.loads(render_schemas()["article-summary.schema.json"])
    jsonschema.validate(json.loads(result.model_dump_json()), schema)
    article = parse_text(SMALL_ARTICLE, "small")
    assert [e.type.value for e in result.events] == ["takeover", "withdrawal", "deployment"]
    for event in result.events:
        for evidence in event.evidence:
            assert article.original[evidence.start : evidence.end] == evidence.text
        for actor in event.actors:
            assert actor.name in " ".join(e.text for e in event.evidence)
    hama, deir, palmyra = result.events
    assert (hama.date.value.isoformat(), hama.date.precision) == ("2024-12-05", Precision.day)
    assert hama.status.value == "claimed"  # "... the U.S. monitor said."
    assert deir.locations[0].canonical == "Deir ez-Zor" and deir.actors[0].canonical == "Syrian government forces"
    assert deir.date.value.isoformat() == "2024-11-27"
    # The model gave no time for the move to Palmyra; the sentence has one time expression and code used it.
    assert palmyra.date.value.isoformat() == "2024-11-27"
    assert result.provenance.requests == 4  # the summary + one request per sentence


def test_sentence_without_events_makes_no_event(settings) -> None:
    backend = FakeBackend(settings).enqueue(*[scripted({})] * 4)
    assert run(settings, backend).events == []


def test_cache_makes_a_rerun_free_and_keys_on_the_model(settings, tmp_path) -> None:
    cache = ResponseCache(tmp_path / "r.sqlite")
    first = run(settings, FakeBackend(settings).enqueue(*[scripted(EVENTS)] * 4), cache)
    again = FakeBackend(settings)  # nothing queued: any model call would fail the test
    second = run(settings, again, cache)
    assert again.history == [] and second.provenance.cached_requests == 4
    assert second.events == first.events
    other_model = FakeBackend(settings, model="other").enqueue(*[scripted(EVENTS)] * 4)
    run(settings, other_model, cache)
    assert len(other_model.history) == 4


def test_no_cache_setting_skips_the_cache(settings, tmp_path) -> None:
    cache = ResponseCache(tmp_path / "r.sqlite")
    off = settings.model_copy(update={"use_cache": False})
    run(off, FakeBackend(off).enqueue(*[scripted(EVENTS)] * 4), cache)
    assert len(cache) == 0


def test_corrupted_cache_entry_is_recomputed(settings, tmp_path) -> None:
    cache = ResponseCache(tmp_path / "r.sqlite")
    run(settings, FakeBackend(settings).enqueue(*[scripted(EVENTS)] * 4), cache)
    db = cache._connect()
    db.execute("UPDATE responses SET value = '{\"broken\": ' WHERE rowid = 1")
    backend = FakeBackend(settings).enqueue(*[scripted(EVENTS)] * 4)
    run(settings, backend, cache)
    assert len(backend.history) == 1


def test_ungrounded_after_reasks_is_dropped_and_counted(settings) -> None:
    settings = settings.model_copy(update={"reask_ungrounded": True})
    bad = {1: [{**EVENTS[1][0], "who": "The Martians"}]}
    backend = FakeBackend(settings).enqueue(*[scripted(bad)] * 7)
    result = run(settings, backend)
    # The ungrounded actor is removed (never shown as if the article said it); the event keeps its evidence.
    assert all(a.name != "The Martians" for e in result.events for a in e.actors)
    # summary 1 + sentence 1: 2 (one re-ask) + sentences 2, 3: 1 each + a second look at sentence 2, which
    # is dated ("on Nov. 27") but was answered as a comment
    assert result.provenance.attempts == 6


def test_by_default_an_ungrounded_quote_is_dropped_without_a_reask(settings) -> None:
    bad = {1: [{**EVENTS[1][0], "who": "The Martians"}]}
    backend = FakeBackend(settings).enqueue(*[scripted(bad)] * 5)
    result = run(settings, backend)
    hama = result.events[0]
    assert hama.evidence[0].sentence_id == 1 and hama.locations[0].name == "Hama"  # the event stays
    assert all(a.name != "The Martians" for e in result.events for a in e.actors)
    # no re-ask at all (4 planned requests and the second look at dated sentence 2, answered as a comment)
    assert result.provenance.attempts == result.provenance.requests == 5


def test_progress_names_each_step_before_it_runs_and_ends_done(settings) -> None:
    backend = FakeBackend(settings).enqueue(*[scripted(EVENTS)] * 4)
    steps: list[tuple[int, int, str]] = []
    summarize_article(
        parse_text(SMALL_ARTICLE, "small"),
        RunContext.build(settings, backend),
        progress=lambda *step: steps.append(step),
    )
    assert steps == [
        (0, 4, "summary"),
        (1, 4, "sentence 1 of 3"),
        (2, 4, "sentence 2 of 3"),
        (3, 4, "sentence 3 of 3"),
        (4, 4, "done"),
    ]
    chunked = settings.model_copy(update={"chunk_sentences": 2})
    steps.clear()
    summarize_article(
        parse_text(SMALL_ARTICLE, "small"),
        RunContext.build(chunked, FakeBackend(chunked).enqueue(*[scripted(EVENTS)] * 3)),
        progress=lambda *step: steps.append(step),
    )
    assert [s[2] for s in steps] == ["summary", "sentences 1-2 of 3", "sentence 3 of 3", "done"]


def test_the_reference_date_travels_with_the_article_not_the_settings(settings, tmp_path) -> None:
    """--date (Settings.reference_date) is put on each article as it is read; summarising reads only the
    article's, so an eval or a case sets a date per article without cloning the settings."""
    from summarizer.text.inputs import read_input

    undated = SMALL_ARTICLE.replace(" date 2024-12-06 ", "")
    path = tmp_path / "undated.txt"
    path.write_text(undated, encoding="utf-8")
    dated = settings.model_copy(update={"reference_date": dt.date(2024, 12, 6)})
    (article,) = read_input(path, dated)
    assert article.published is None and article.reference == dt.date(2024, 12, 6)
    assert settings.reference_date is None  # the run's settings know no date: the article carries it
    result = summarize_article(
        article, RunContext.build(settings, FakeBackend(settings).enqueue(*[scripted(EVENTS)] * 4))
    )
    assert result.article.reference_date == dt.date(2024, 12, 6)
    assert result.events[0].date.value == dt.date(2024, 12, 5)  # "on Thursday" before Friday 6 December
    (plain,) = read_input(path, settings)
    unresolved = summarize_article(
        plain, RunContext.build(settings, FakeBackend(settings).enqueue(*[scripted(EVENTS)] * 4))
    )
    assert unresolved.events[0].date.value is None  # no date anywhere: a weekday is not resolved
