"""Backend plumbing: the one retry policy, llama-cpp request translation, the grammar guard."""

from __future__ import annotations

import pytest

from summarizer.core.errors import ConfigError, GaveUpError
from summarizer.llm.formats import check_grammar_safe, to_llama_cpp_request
from summarizer.llm.retry import TransientError, call_with_retry


def test_transient_errors_are_retried_and_retry_after_is_honoured() -> None:
    waits: list[float] = []
    calls = iter([TransientError("429", retry_after=7.0), TransientError("503"), "ok"])

    def flaky() -> str:
        item = next(calls)
        if isinstance(item, Exception):
            raise item
        return item

    assert call_with_retry(flaky, max_attempts=5, sleep=waits.append) == "ok"
    assert waits[0] == 7.0 and 0 < waits[1] <= 3.0


def test_give_up_names_attempts_and_last_cause() -> None:
    def down() -> None:
        raise TransientError("cannot connect to http://127.0.0.1:9", hint="is the server running?")

    with pytest.raises(GaveUpError) as caught:
        call_with_retry(down, max_attempts=3, sleep=lambda _: None)
    assert caught.value.attempts == 3
    assert "after 3 attempt(s)" in str(caught.value) and "cannot connect" in str(caught.value)


def test_other_errors_are_not_retried() -> None:
    attempts = []

    def broken() -> None:
        attempts.append(1)
        raise ValueError("bug")

    with pytest.raises(ValueError):
        call_with_retry(broken, max_attempts=5, sleep=lambda _: None)
    assert len(attempts) == 1


def test_json_schema_request_becomes_llama_cpp_json_object() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    kwargs = {
        "messages": [],
        "response_format": {"type": "json_schema", "json_schema": {"name": "X", "schema": schema}},
    }
    assert to_llama_cpp_request(kwargs)["response_format"] == {"type": "json_object", "schema": schema}


@pytest.mark.parametrize("value", ['say "hi"', "back\\slash"])
def test_grammar_breaking_enum_values_are_refused_before_llama_cpp(value: str) -> None:
    """llama-cpp-python would build a broken grammar from these and crash the process."""
    with pytest.raises(ConfigError, match="quote or backslash"):
        check_grammar_safe({"properties": {"x": {"enum": ["fine", value]}}})
    with pytest.raises(ConfigError):
        check_grammar_safe({"anyOf": [{"const": value}]})


def test_our_own_answer_schemas_are_grammar_safe() -> None:
    from summarizer.extract.drafts import SummaryDraft, chunk_model

    check_grammar_safe(chunk_model((1, 2, 3), 3).model_json_schema())
    check_grammar_safe(SummaryDraft.model_json_schema())


def test_a_discarded_free_answer_still_counts_in_the_usage(settings) -> None:
    """The grammar fallback generates twice; both generations are tokens the user paid for."""
    from openai.types.chat import ChatCompletion

    from summarizer.llm.embedded import EmbeddedBackend
    from summarizer.llm.prefix_state import PrefixState

    def completion(content: str, prompt: int, completion_tokens: int) -> ChatCompletion:
        return ChatCompletion.model_validate(
            {
                "id": "x",
                "object": "chat.completion",
                "created": 0,
                "model": "m",
                "choices": [
                    {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
                ],
                "usage": {
                    "prompt_tokens": prompt,
                    "completion_tokens": completion_tokens,
                    "total_tokens": prompt + completion_tokens,
                },
            }
        )

    answers = [completion('{"events": [', 100, 7), completion('{"events": []}', 100, 5)]
    seen: list[dict] = []

    class FakeLlama:
        def create_chat_completion_openai_v1(self, **kwargs):
            seen.append(kwargs)
            return answers.pop(0)

    backend = object.__new__(EmbeddedBackend)
    backend.settings = settings.model_copy(update={"grammar": "fallback"})
    backend._llama = FakeLlama()
    backend._prefix = PrefixState(backend._llama, None, "runtime")  # no chat template: nothing to warm
    response = backend._raw_create(
        messages=[{"role": "user", "content": "x"}],
        response_format={"type": "json_schema", "json_schema": {"name": "a", "schema": {"type": "object"}}},
    )
    assert "response_format" not in seen[0] and "response_format" in seen[1]  # free first, then the grammar
    assert (response.usage.prompt_tokens, response.usage.completion_tokens) == (200, 12)


def test_an_answer_shape_is_made_into_instructors_class_once() -> None:
    """instructor wraps a plain model in a new class on every call, whose JSON schema is then generated
    anew; the backend hands it each shape's wrapper made once, so a batch neither pays for that per request
    nor keeps a new class (and its memoised schema) for every request it sent."""
    from summarizer.extract import drafts
    from summarizer.llm.base import ModelRequest
    from summarizer.llm.fake import FakeBackend

    model = drafts.chunk_model((1, 2), 1)
    answer = {"sentences": [{"s": 1, "kind": "comment"}, {"s": 2, "kind": "description"}]}
    backend = FakeBackend().enqueue(answer, answer)
    request = ModelRequest(
        messages=[{"role": "user", "content": "Sentences 1, 2."}], response_model=model, grounding=None, max_tokens=60
    )
    first = backend.complete(request).value
    memoised = len(drafts._SCHEMAS)
    second = backend.complete(request).value
    assert type(first) is type(second) and isinstance(first, model)
    assert len(drafts._SCHEMAS) == memoised
    sent = [call["response_format"] for call in backend.history]
    assert sent[0] == sent[1] and sent[0]["json_schema"]["name"] == "ChunkEvents"


def test_instructor_checks_an_answer_shape_for_async_validators_once_and_still_refuses_them() -> None:
    """instructor walks a shape's classes four times per request looking for async validators; a class it
    has passed is passed at once from then on, and a shape that has one is refused every time."""
    import instructor.v2.core.patch as instructor_patch
    from instructor.v2.validation import async_validators
    from pydantic import BaseModel

    from summarizer.llm.base import ModelRequest, _once_per_class
    from summarizer.llm.fake import FakeBackend

    assert instructor_patch.reject_async_validators is async_validators.reject_async_validators
    assert hasattr(async_validators.reject_async_validators, "__wrapped__")

    class Plain(BaseModel):
        text: str

    class Async(BaseModel):
        text: str

        @async_validators.async_field_validator("text")
        async def _text(self, value: str) -> None:  # pragma: no cover - never run
            return None

    walked: list[object] = []

    def walk(model: object) -> None:
        walked.append(model)
        async_validators.reject_async_validators.__wrapped__(model)  # type: ignore[attr-defined]

    checked = _once_per_class(walk)
    for _ in range(3):
        checked(Plain)
        checked(list[Plain])  # not a class: walked every time
        with pytest.raises(ValueError, match="async validators"):
            checked(Async)
    assert walked.count(Plain) == 1 and walked.count(list[Plain]) == 3 and walked.count(Async) == 3

    backend = FakeBackend().enqueue({"text": "x"}, {"text": "x"})
    request = ModelRequest(
        messages=[{"role": "user", "content": "x"}], response_model=Async, grounding=None, max_tokens=9
    )
    for _ in range(2):
        with pytest.raises(ValueError, match="async validators"):
            backend.complete(request)
