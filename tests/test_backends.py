"""Backend plumbing: the one retry policy, llama-cpp request translation, the grammar guard."""

from __future__ import annotations

import pytest

from summarizer.backends.formats import check_grammar_safe, to_llama_cpp_request
from summarizer.errors import ConfigError, GaveUpError
from summarizer.retry import TransientError, call_with_retry


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
    from summarizer.drafts import SummaryDraft, chunk_model

    check_grammar_safe(chunk_model((1, 2, 3), 3).model_json_schema())
    check_grammar_safe(SummaryDraft.model_json_schema())
