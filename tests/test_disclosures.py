"""A company's dated disclosure of a figure is an event, dated the day of the disclosure (LABELLING.md §15.4),
even in a sentence the model gave no event for; a step named by the figure's noun is that figure's event."""

from __future__ import annotations

import datetime as dt

from summarizer.core.schema import EventType, QuantityKind
from summarizer.extract.disclosures import disclosure_drafts
from summarizer.extract.drafts import EventDraft
from summarizer.extract.events import build_events
from summarizer.text.articles import parse_text
from summarizer.text.names import RULES, load_names

TEXT = (
    "Harlow Logistics Inc. will take a charge to cover the cost of the new tax law.\n"  # s=1
    "Even as it made the accounting adjustments resulting in the charge, Harlow kept buying back shares.\n"  # s=2
    "Harlow cautioned in its filing late Thursday that the charge could differ from its $2 billion estimate.\n"  # 3
    "Analysts said in a note on Friday that the $2 billion figure looked low.\n"  # s=4
    "The company said in a statement that it would pay a dividend of $1 a share.\n"  # s=5
    "The company reports earnings in mid-January.\n"  # s=6
)


def test_a_dated_disclosure_of_a_figure_by_the_company_is_read_where_the_model_gave_nothing() -> None:
    article = parse_text(TEXT, "harlow")
    (draft,) = disclosure_drafts(article, drafted=[1, 2, 6])
    assert draft.s == 3 and draft.who == "Harlow" and draft.when == "late Thursday"
    assert draft.what.startswith("cautioned in its filing late Thursday that the charge")
    assert draft.type is EventType.economic
    # the model's own event stands: nothing is read from a sentence it gave an event for
    assert disclosure_drafts(article, drafted=[1, 2, 3, 4, 5, 6]) == []


def test_analysts_and_an_undated_statement_are_no_dated_disclosure(monkeypatch) -> None:
    article = parse_text(TEXT, "harlow")
    # s=4: analysts are no company of the article; s=5: no day given
    assert [d.s for d in disclosure_drafts(article, drafted=[1, 2, 6])] == [3]
    monkeypatch.setitem(RULES, "dated_disclosure", False)
    assert disclosure_drafts(article, drafted=[1, 2, 6]) == []


def test_the_step_named_by_the_figures_noun_is_the_figures_event_dated_by_the_disclosure(monkeypatch) -> None:
    article = parse_text(TEXT, "harlow")
    drafts = [
        EventDraft(
            s=2,
            who="it",
            what="made the accounting adjustments resulting in the charge",
            whom=None,
            where=None,
            when=None,
            type=EventType.economic,
        ),
        EventDraft(
            s=6,
            who="The company",
            what="reports earnings in mid-January",
            whom=None,
            where=None,
            when="in mid-January",
            type=EventType.economic,
        ),
    ]
    events = build_events(drafts, article, dt.date(2017, 12, 29), load_names(None))
    charge = next(e for e in events if any(q.kind is QuantityKind.money for q in e.quantities))
    assert (charge.date.value, charge.date.implied) == (dt.date(2017, 12, 28), False)
    assert sorted(e.sentence_id for e in charge.evidence) == [2, 3]
    # the earnings report to come is no step of the charge
    assert any(e.description == "reports earnings in mid-January" for e in events)
    monkeypatch.setitem(RULES, "fold_named_figure", False)
    events = build_events(drafts, article, dt.date(2017, 12, 29), load_names(None))
    assert len(events) == 3
