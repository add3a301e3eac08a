"""Grounding by construction: quotes must stand in the cited sentence; the model is re-asked otherwise."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summarizer.extract.drafts import GroundingContext, chunk_model, grounding_scope
from summarizer.llm.base import InvalidAnswerError, ModelRequest
from summarizer.text.articles import parse_text
from summarizer.text.grounding import QuoteNotFound, find_quote
from summarizer.text.names import load_names

from .conftest import SEEDS_PACK, SMALL_ARTICLE

ARTICLE = parse_text(SMALL_ARTICLE, "small")
CONTEXT = GroundingContext(article=ARTICLE, sentence_ids=(1,), names=load_names(SEEDS_PACK))


def draft(**fields: object) -> dict:
    base = {
        "s": 1,
        "who": "Rebels",
        "what": "seized Hama",
        "whom": None,
        "where": "Hama",
        "when": "on Thursday",
        "type": "takeover",
    }
    return {**base, **fields}


def test_find_quote_exact_case_and_near_misses() -> None:
    sentence = ARTICLE.sentence(1).text
    assert find_quote("rebels", sentence) == "Rebels"
    assert find_quote("the city of  Hama", sentence) == "the city of Hama"
    with pytest.raises(QuoteNotFound):
        find_quote("Damascus", sentence)


def test_grounded_draft_validates_and_keeps_words_as_written() -> None:
    model = chunk_model((1,), 3)
    with grounding_scope(CONTEXT):
        value = model.model_validate({"events": [draft(who="rebels")]})
    assert value.events[0].who == "Rebels"


def test_ungrounded_quote_gets_a_message_for_the_model() -> None:
    model = chunk_model((1,), 3)
    with grounding_scope(CONTEXT), pytest.raises(ValidationError) as caught:
        model.model_validate({"events": [draft(where="Damascus")]})
    message = str(caught.value)
    assert '"where": "Damascus" does not appear in sentence 1' in message
    assert "copy the words exactly as sentence 1 writes them, or use null" in message


def test_sentence_outside_the_request_is_refused_by_the_schema() -> None:
    model = chunk_model((2, 3), 3)
    schema = json.dumps(model.model_json_schema())
    assert '"enum": [2, 3]' in schema
    with pytest.raises(ValidationError):
        model.model_validate({"events": [draft(s=1)]})


def test_another_spelling_of_the_same_actor_snaps_to_the_sentence() -> None:
    article = parse_text("The Assad regime is relocating forces from Deir el-Zour.", "a")
    context = GroundingContext(article=article, sentence_ids=(1,), names=load_names(SEEDS_PACK))
    with grounding_scope(context):
        value = chunk_model((1,), 3).model_validate(
            {"events": [draft(who="Syrian regime", where="Deir ez-Zor", when=None)]}
        )
    assert (value.events[0].who, value.events[0].where) == ("Assad regime", "Deir el-Zour")


def test_a_non_time_in_when_is_replaced_by_the_sentence_time_words() -> None:
    with grounding_scope(CONTEXT):
        value = chunk_model((1,), 3).model_validate({"events": [draft(when="after heavy fighting")]})
    assert value.events[0].when == "on Thursday"


def test_reask_fixes_an_ungrounded_answer(fake) -> None:
    fake.enqueue(json.dumps({"events": [draft(where="Damascus")]}), json.dumps({"events": [draft()]}))
    request = ModelRequest(
        messages=[{"role": "user", "content": "x"}],
        response_model=chunk_model((1,), 3),
        grounding=CONTEXT,
        max_tokens=100,
    )
    completion = fake.complete(request)
    assert completion.attempts == 2
    assert completion.value.events[0].where == "Hama"
    reask = fake.history[1]["messages"][-1]["content"]
    assert '"where": "Damascus" does not appear in sentence 1' in reask


def test_give_up_carries_the_last_answer(fake) -> None:
    bad = json.dumps({"events": [draft(where="Damascus")]})
    fake.enqueue(bad, bad)
    request = ModelRequest(
        messages=[{"role": "user", "content": "x"}],
        response_model=chunk_model((1,), 3),
        grounding=CONTEXT,
        max_tokens=100,
    )
    with pytest.raises(InvalidAnswerError) as caught:
        fake.complete(request)
    assert caught.value.attempts == 2 and caught.value.last_text == bad
    assert "does not appear in sentence 1" in str(caught.value)


def test_article_text_is_never_rendered_as_a_template(fake) -> None:
    """instructor renders messages as Jinja when given a context; ours travels another way."""
    fake.enqueue(json.dumps({"events": [draft()]}))
    content = "ARTICLE {{ 7 * 7 }} {% if true %}x{% endif %}"
    request = ModelRequest(
        messages=[{"role": "user", "content": content}],
        response_model=chunk_model((1,), 3),
        grounding=CONTEXT,
        max_tokens=100,
    )
    fake.complete(request)
    assert fake.history[0]["messages"][0]["content"] == content
