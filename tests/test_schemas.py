"""schemas/ is generated from the pydantic models; this fails when the committed files drift."""

from __future__ import annotations

from summarizer.report.json_schemas import render_schemas

from .conftest import ROOT


def test_committed_schemas_match_the_models() -> None:
    folder = ROOT / "schemas"
    expected = render_schemas()
    committed = {p.name for p in folder.glob("*.schema.json")}
    assert committed == set(expected), "run: summarizer schema --export schemas"
    for name, text in expected.items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            f"{name} drifted: run summarizer schema --export schemas"
        )


def test_every_field_is_described() -> None:
    from summarizer.report.json_schemas import published_models

    for model in published_models().values():

        def walk(schema: dict, where: str) -> None:
            for name, prop in schema.get("properties", {}).items():
                assert prop.get("description"), f"{where}.{name} has no description"
            for sub_name, sub in schema.get("$defs", {}).items():
                walk(sub, sub_name)

        walk(model.model_json_schema(), model.__name__)


def test_gold_events_and_source_reports_share_the_event_fields() -> None:
    """A field an event, a gold event and a source report have in common is one definition (issue 16)."""
    from summarizer.core.schema import Event, SourceReport
    from summarizer.eval.gold import GoldEvent

    # Where a gold event differs on purpose: its own id scheme, quantities optional in the file, and
    # evidence as verbatim sentences (located when scored).
    own = {GoldEvent: {"id", "quantities", "evidence"}, SourceReport: set()}
    for model, differs in own.items():
        shared = [name for name in model.model_fields if name in Event.model_fields and name not in differs]
        assert len(shared) >= 6, model
        for name in shared:
            mine, theirs = model.model_fields[name], Event.model_fields[name]
            assert (mine.annotation, mine.description, mine.metadata) == (
                theirs.annotation,
                theirs.description,
                theirs.metadata,
            ), f"{model.__name__}.{name} re-declares Event.{name}"
