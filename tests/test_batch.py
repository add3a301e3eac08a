"""Batches: inputs expanded, one failure costs nothing else, a re-run redoes only what failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.core.errors import BackendError, InputError
from summarizer.extract.batch import expand_inputs, run_batch
from summarizer.extract.context import RunContext
from summarizer.llm.cache import ResponseCache
from summarizer.llm.fake import FakeBackend

from .conftest import scripted

GOOD = "Rebels seized the city of Hama on Thursday after heavy fighting.\n"
EVENTS = {
    1: [
        {
            "who": "Rebels",
            "what": "seized Hama",
            "whom": None,
            "where": "Hama",
            "when": "on Thursday",
            "type": "takeover",
        }
    ]
}


class FlakyFake(FakeBackend):
    """Answers every request with the script, except those about articles containing a poison word."""

    def __init__(self, settings, poison: str | None) -> None:
        super().__init__(settings)
        self.poison = poison

    def _raw_create(self, **kwargs):
        kwargs.pop("summarizer_free_first", None)
        self.history.append(kwargs)
        if self.poison and any(self.poison in m["content"] for m in kwargs["messages"]):
            raise BackendError("HTTP 500 from the test server")
        self.queue.append(scripted(EVENTS))
        return super()._raw_create(**kwargs)


def make_files(folder: Path) -> list[Path]:
    (folder / "sub").mkdir()
    files = [folder / "a.txt", folder / "sub" / "b.txt", folder / "c.txt", folder / "d.txt"]
    files[0].write_text(GOOD)
    files[1].write_text("The army withdrew from Palmyra on Friday, officials said.\n")
    files[2].write_text("POISON: this article always fails at the server.\n")
    files[3].write_text(GOOD)  # the same text as a.txt
    return files


def test_expand_inputs_dirs_globs_files(tmp_path: Path) -> None:
    make_files(tmp_path)
    assert len(expand_inputs([str(tmp_path)])) == 4
    assert [p.name for p in expand_inputs([str(tmp_path / "*.txt")])] == ["a.txt", "c.txt", "d.txt"]
    with pytest.raises(InputError, match="matches no file"):
        expand_inputs([str(tmp_path / "nothing-*.txt")])


def test_one_failure_costs_the_others_nothing_and_a_rerun_redoes_only_it(settings, tmp_path: Path) -> None:
    files = make_files(tmp_path)
    cache = ResponseCache(tmp_path / "cache.sqlite")
    first = run_batch(files, RunContext.build(settings, FlakyFake(settings, "POISON"), cache), workers=3)
    by_id = {o.article_id: o for o in first.outcomes}
    assert [o.article_id for o in first.failed] == ["c"]
    assert "HTTP 500" in by_id["c"].error
    assert by_id["a"].ok and by_id["b"].ok and by_id["a"].events == 1
    assert by_id["d"].ok and "same text as a" in by_id["d"].error  # a duplicate is merged once
    assert [s.article.id for s in first.summaries] == ["a", "b"]

    second_backend = FlakyFake(settings, None)
    second = run_batch(files, RunContext.build(settings, second_backend, cache), workers=3)
    assert not second.failed and len(second.summaries) == 3
    # Only the failed article went to the model again: every request of the second run is about it.
    assert second_backend.history
    assert all("POISON" in call["messages"][1]["content"] for call in second_backend.history)


def test_unreadable_file_is_a_failed_outcome_not_a_crash(settings, tmp_path: Path) -> None:
    files = make_files(tmp_path)
    files[2].write_bytes(b"\x00\x01binary")
    result = run_batch(files, RunContext.build(settings, FlakyFake(settings, None), None), workers=1)
    assert [o.article_id for o in result.failed] == ["c"] and "binary" in result.failed[0].error
