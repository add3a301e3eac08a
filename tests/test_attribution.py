"""Events whose description stands in another sentence, and the second look at a sentence shown alone."""

from __future__ import annotations

import json

from summarizer.core.settings import Settings
from summarizer.extract.attribution import attributed_events, drawn_from, misattributed
from summarizer.extract.context import RunContext
from summarizer.extract.drafts import chunk_model
from summarizer.extract.pipeline import summarize_article
from summarizer.llm.fake import FakeBackend
from summarizer.text.articles import parse_text

from .conftest import opening_summary, task_sentence_ids

TEXT = (
    "A landslide buried part of the mountain village of Tavri on Tuesday, killing at least 11 people, "
    "the regional relief agency said.\n"
    "Rescue teams reached the village after the only access road was cleared.\n"
    "The agency said it had sent 30 tonnes of food and medical supplies to the district.\n"
    "Analysts say the region is prone to landslides.\n"
    "A temporary truce agreed on Dec. 20 is due to expire on Jan. 3, the mediators added.\n"
    "Analysts expect the new port to double trade next year.\n"
    "Her lawyer said on Wednesday she doubts the charges will stand.\n"
)


def _article():
    return parse_text(TEXT, "t")


def test_drawn_from_compares_word_stems_not_forms() -> None:
    sentence = "Rescue teams reached the village after the only access road was cleared."
    assert drawn_from("rescuers reach the village", sentence) == 2 / 3  # "reach(ed)", "village"; not "rescuers"
    assert drawn_from("clearing the road", sentence) == 1.0
    assert drawn_from("the", sentence) == 1.0  # no content word: nothing to judge


def test_a_description_of_the_next_sentence_is_misattributed() -> None:
    article = _article()
    what = "said it had sent 30 tonnes of food and medical supplies to the district"
    assert misattributed(what, 1, article)
    assert not misattributed(what, 3, article)
    assert not misattributed("landslide killed at least 11 people", 1, article)


def test_a_description_found_nowhere_is_left_alone() -> None:
    # A free paraphrase or another language matches no sentence better: no evidence of a wrong citation.
    assert not misattributed("glissement de terrain meurtrier", 1, _article())


def _answer(ids: tuple[int, ...], entries: list[dict]):
    return chunk_model(ids, 4).model_validate({"sentences": entries})


def _event(what: str) -> dict:
    return {"who": None, "what": what, "whom": None, "where": None, "when": None, "type": "other"}


def test_attributed_events_sets_aside_misattributed_events_and_names_their_sentences() -> None:
    answer = _answer(
        (1, 2, 3),
        [
            {"s": 1, "kind": "event", "events": [_event("said it had sent 30 tonnes of food")]},
            {"s": 2, "kind": "event", "events": [_event("rescue teams reached the village")]},
            {"s": 3, "kind": "event", "events": [_event("sent 30 tonnes of food and medical supplies")]},
        ],
    )
    drafts, doubtful = attributed_events(answer, _article())
    assert [d.s for d in drafts] == [2, 3]
    assert doubtful == [1]


def test_a_dated_sentence_classed_as_stating_nothing_gets_a_second_look() -> None:
    answer = _answer((4, 5), [{"s": 4, "kind": "comment"}, {"s": 5, "kind": "description"}])
    drafts, doubtful = attributed_events(answer, _article())
    assert drafts == []
    assert doubtful == [5]  # sentence 4 has no time words: its class stands


def test_a_comment_is_asked_again_only_when_it_dates_something_past() -> None:
    answer = _answer((6, 7), [{"s": 6, "kind": "comment"}, {"s": 7, "kind": "comment"}])
    _, doubtful = attributed_events(answer, _article())
    assert doubtful == [7]  # "said on Wednesday": a statement; "double trade next year" stays a forecast


def test_the_second_look_shows_the_sentence_alone_and_its_events_replace_the_first_answer(tmp_path) -> None:
    requests: list[dict] = []

    def answer(kwargs: dict) -> str:
        requests.append(kwargs)
        ids = task_sentence_ids(kwargs)
        if not ids:
            return json.dumps({"sentences": opening_summary(kwargs)})
        shown = kwargs["messages"][-1]["content"]
        if ids == [1] and "[2]" not in shown:  # the second look: sentence 1 alone
            return json.dumps(
                {"sentences": [{"s": 1, "kind": "event", "events": [_event("landslide buried part of Tavri")]}]}
            )
        by_id = {
            1: {"s": 1, "kind": "event", "events": [_event("said it had sent 30 tonnes of food")]},
            2: {"s": 2, "kind": "event", "events": [_event("rescue teams reached the village")]},
            3: {"s": 3, "kind": "event", "events": [_event("sent 30 tonnes of food and medical supplies")]},
            4: {"s": 4, "kind": "comment"},
            5: {"s": 5, "kind": "event", "events": [_event("agreed a temporary truce")]},
        }
        return json.dumps({"sentences": [by_id[i] for i in ids]})

    settings = Settings(backend="fake", cache_dir=tmp_path / "cache", reference_date="2025-01-09")
    backend = FakeBackend(settings).enqueue(*[answer] * 5)
    article = _article().model_copy(update={"reference_date": settings.reference_date})  # as --date gives it
    summary = summarize_article(article, RunContext.build(settings, backend))
    by_sentence = {e.evidence[0].sentence_id: e.description for e in summary.events}
    assert by_sentence[1] == "landslide buried part of Tavri"
    assert by_sentence[3].startswith("sent 30 tonnes")
    second = [r for r in requests if task_sentence_ids(r) == [1] and "[2]" not in r["messages"][-1]["content"]]
    assert len(second) == 1
    assert "[1] A landslide buried" in second[0]["messages"][-1]["content"]


def test_descriptions_are_compared_alike_on_many_threads_at_once() -> None:
    """A batch runs articles on threads; the Snowball stemmer keeps its word in itself, so threads sharing
    it unguarded got each other's stems (or an IndexError) and attribution depended on timing."""
    import sys
    import threading

    from summarizer.extract import attribution

    words = "officials opened bridges repairing arrested generously nationalization fighting relational".split()
    expected = {w: attribution._stem(w) for w in words}
    attribution._stem.cache_clear()  # every thread below stems afresh
    wrong: list[str] = []

    def stem_many(offset: int) -> None:
        for n in range(300):
            word = words[(n + offset) % len(words)]
            try:
                if attribution._stem.__wrapped__(word) != expected[word]:
                    wrong.append(word)
            except IndexError:
                wrong.append(word)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=stem_many, args=(k,)) for k in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []
