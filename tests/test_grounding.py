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


ANA = "\u201cWe can\u2019t wait for another winter,\u201d said council member Ana Varga."
BRIDGE = "The council approved a grant to repair the Old Mill bridge \u2014 the town\u2019s only crossing."
ZH = "山体滑坡周二掩埋了塔夫里村的一部分,造成至少11人死亡,地区救援机构表示。"


@pytest.mark.parametrize(
    ("quote", "sentence", "words"),
    [
        # the forms of one character: accents, width, quotation marks, dashes, Arabic letter variants
        ("Sao Paulo", "Police in S\u00e3o Paulo arrested 14 people.", "S\u00e3o Paulo"),
        ("Zurich", "A fire in Z\u00fcrich killed two.", "Z\u00fcrich"),
        ("Bogota", "Protesters marched in Bogot\u00e1 on Friday.", "Bogot\u00e1"),
        ("\uff13人が死亡", "警察によると、東京都内で火災が発生し、3人が死亡した。", "3人が死亡"),
        ("We can't wait for another winter", ANA, "We can\u2019t wait for another winter"),
        ("Old Mill bridge -- the town's only crossing", BRIDGE, "Old Mill bridge \u2014 the town\u2019s only crossing"),
        ("مدينه حلب", "قال مسؤولون إن 12 شخصا قتلوا في هجوم على سوق في مدينة حلب يوم الثلاثاء.", "مدينة حلب"),
        ("Orel Dol", "to the village of Oreldol, where 300 residents were stranded.", "Oreldol"),
        ("Port Amsel", "were taken to hospitals in Port-Amsel on Tuesday.", "Port-Amsel"),
        # a letter or two: the whole words most like the quote, no word more
        ("Anna Varga", ANA, "Ana Varga"),
        ("Jon Smith", "said police spokesman John Smith on Monday.", "John Smith"),
        ("Wallanga", "near the town of Walanga on Tuesday", "Walanga"),
        ("塔夫利村", ZH, "塔夫里村"),
        ("地区救授机构", ZH, "地区救援机构"),
    ],
)
def test_a_quote_written_another_way_snaps_to_the_sentence_words(quote: str, sentence: str, words: str) -> None:
    assert find_quote(quote, sentence) == words


@pytest.mark.parametrize(
    ("quote", "sentence"),
    [
        ("Kyiv", "Russian missiles struck Kiev on Monday."),
        ("Ostrava", "The bridge crosses the Ostra river."),
        ("Varna river", "The bridge crosses the Ostra river."),
        ("EUR 2.5 million grant", "The council approved a \u20ac2.5 million grant on Tuesday."),
        ("Ministry of Interior", "The interior ministry asked for pumps."),
        ("东京", "警察によると、東京都内で火災が発生し、3人が死亡した。"),  # too short to differ in a character
    ],
)
def test_another_name_or_a_piece_of_a_word_is_no_quote(quote: str, sentence: str) -> None:
    with pytest.raises(QuoteNotFound):
        find_quote(quote, sentence)


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
