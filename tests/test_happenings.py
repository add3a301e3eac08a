"""What states no happening: forecasts, states foretold, negations that deny no one's claim; denials stay."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.core.schema import Event, EventDate, EventType, Evidence, Precision, Status
from summarizer.extract.happenings import states_no_happening
from summarizer.text.names import RULES


def event(description: str, sentence: str, status: Status = Status.asserted) -> Event:
    return Event(
        id="e1",
        type=EventType.other,
        description=description,
        status=status,
        historical=False,
        quantities=[],
        actors=[],
        locations=[],
        date=EventDate(value=dt.date(2024, 1, 1), precision=Precision.day, text=None),
        evidence=[Evidence(sentence_id=1, start=0, end=len(sentence), text=sentence)],
    )


@pytest.mark.parametrize(
    ("description", "sentence", "status", "rule"),
    [
        (
            "will be the top beneficiary",
            "The top beneficiary will be Wells Fargo.",
            Status.planned,
            "drop_state_foretold",
        ),
        ("will be 14.3 percent", "Now, it will be 14.3 percent.", Status.planned, "drop_state_foretold"),
        ("will now have less value", "Those assets will now have less value.", Status.planned, "drop_state_foretold"),
        ("will have talks on Monday", "The envoys will have talks on Monday.", Status.planned, None),
        (
            "did",
            "The company did not say how it would act and did not return messages.",
            Status.claimed,
            "drop_negated",
        ),
        ("cannot be sold", "The shares cannot be sold for five years.", Status.asserted, "drop_negated"),
        ("was not asked to enter a plea", "She was not asked to enter a plea.", Status.asserted, "drop_negated"),
        ("will likely report a loss", "The bank will likely report a loss.", Status.planned, "drop_hedged_plan"),
        (
            "plans to use the credits in the future",
            "Goldman plans to use the credits in the future to lower its tax bill.",
            Status.planned,
            "drop_hedged_plan",
        ),
        ("will eventually default", "Greece will eventually default on its debts.", Status.planned, "drop_hedged_plan"),
        ("plans to open a plant", "The firm plans to open a plant in May.", Status.planned, None),
        # habits, rules and what anyone of a kind may do (drop_generic)
        (
            "make the payments in eight installments",
            "Companies can make the payments in eight installments.",
            Status.asserted,
            "drop_generic",
        ),
        ("delivers shares", "It typically delivers shares in January.", Status.asserted, "drop_generic"),
        ("had to pay 35 percent", "Previously, companies had to pay 35 percent.", Status.asserted, "drop_generic"),
        (
            "are required to account for the change",
            "Public companies are required to account for the change.",
            Status.asserted,
            "drop_generic",
        ),
        # a standing fact with its figure, not a step that has happened
        ("has about 200,000 residents", "The island has about 200,000 residents.", Status.asserted, "drop_generic"),
        ("employs 900 people", "The firm employs 900 people.", Status.asserted, "drop_generic"),
        ("has agreed to pay $5 billion", "The bank has agreed to pay $5 billion.", Status.asserted, None),
        ("had 3 soldiers killed", "The army had 3 soldiers killed.", Status.asserted, None),
        # what a law does (its content), not a step in its life
        (
            "imposes a one-time levy",
            "The new tax overhaul imposes a one-time levy on money held overseas.",
            Status.asserted,
            "drop_generic",
        ),
        (
            # the model's own words for what the law lets them do, drawn from the law's own clause
            "to bring back earnings held abroad",
            "The old tax regime allowed companies to defer U.S. taxes until they brought back earnings held abroad.",
            Status.asserted,
            "drop_generic",
        ),
        (
            "hold more capital",
            "The new rules require banks to hold more capital.",
            Status.asserted,
            "drop_generic",
        ),
        (
            # a happening in a later clause of the sentence stays
            "paid a $2 million fine",
            "The law requires banks to report large transfers, and the bank paid a $2 million fine on Monday.",
            Status.asserted,
            None,
        ),
        ("required banks to report", "The law required banks to report transfers.", Status.asserted, None),
        (
            "allowed companies to defer taxes",
            "The old tax regime allowed companies to defer taxes.",
            Status.asserted,
            "drop_generic",
        ),
        (
            "spreads benefits across industry",  # the law is the subject, what was done to it follows it
            "The tax measure signed into law by the president this month spreads benefits across industry.",
            Status.asserted,
            "drop_generic",
        ),
        (
            "was signed by the president",
            "The bill passed by the Senate was signed by the president.",
            Status.asserted,
            None,
        ),
        # analysis told in the present: what developments signal, what a place serves as
        (
            "the latest developments signal a shift",
            "However, the latest developments signal a shift in the balance of power.",
            Status.asserted,
            "drop_generic",
        ),
        (
            "serves as a critical link",
            "The city serves as a critical link in the corridor.",
            Status.asserted,
            "drop_generic",
        ),
        ("sent a signal to Moscow", "The minister sent a signal to Moscow on Monday.", Status.asserted, None),
        # where a happening or a place stands in a series
        (
            "has also been the scene of robberies",
            "Paris has also been the scene of high-profile robberies.",
            Status.asserted,
            "drop_generic",
        ),
        ("is the latest to hit France", "The heist is the latest to hit France.", Status.asserted, "drop_generic"),
        ("was the scene of a protest", "The square was the scene of a protest on Monday.", Status.asserted, None),
        # the penalty anyone convicted may face
        (
            "found guilty of assaulting a soldier",
            "An adult found guilty of assaulting a soldier could be jailed for up to 10 years.",
            Status.asserted,
            "drop_generic",
        ),
        ("was found guilty of fraud", "The banker was found guilty of fraud on Monday.", Status.asserted, None),
        # an outlook judged, an analysts' estimate, only who someone is
        (
            "its future is bright",
            "But its future is bright, along with that of other banks.",
            Status.asserted,
            "drop_generic",
        ),
        (
            "its own bank analysts estimated",
            "Goldman's own bank analysts estimated on Dec. 18 that earnings would rise.",
            Status.asserted,
            "drop_generic",
        ),
        (
            "an analyst at investment bank Keefe",
            "Brian Kleinhanzl, an analyst at investment bank Keefe, Bruyette & Woods.",
            Status.asserted,
            "drop_generic",
        ),
        ("an official at the ministry said", "An official at the ministry said talks resumed.", Status.claimed, None),
        (
            "will operate in a much more favorable tax environment",
            "Banks will operate in a much more favorable tax environment.",
            Status.planned,
            "drop_state_foretold",
        ),
        ("will operate in a new market", "The airline will operate in a new market from May.", Status.planned, None),
        ("takes effect on Monday", "The new law takes effect on Monday.", Status.planned, None),
        ("was signed into law", "The bill was signed into law on Friday.", Status.asserted, None),
        ("passed the bill", "Congress passed the bill on Tuesday.", Status.asserted, None),
        # ... but a bare plural that acted, a habit told of something else, an order to someone: events
        ("marched to the palace", "Protesters marched to the palace on Monday.", Status.asserted, None),
        ("burst its banks", "The river, which usually floods in spring, burst its banks.", Status.asserted, None),
        ("overflowed", "The river, which usually floods in spring, burst its banks.", Status.asserted, None),
        (
            "will account for the changes",  # the model's own words: the sentence's clause tells
            "Companies have to account for the changes in the quarter they were enacted.",
            Status.planned,
            "drop_generic",
        ),
        ("must leave the country", "The court ruled that the envoys must leave the country.", Status.asserted, None),
        # events: a planned step told in the passive, a denial, an action to come
        ("will be held on Monday", "Talks will be held on Monday.", Status.planned, None),
        ("did not fire on protesters", "The army said it did not fire on protesters.", Status.claimed, None),
        ("did not fire on protesters", "The army denied that its troops fired.", Status.denied, None),
        (
            "will strike again on Monday",
            "The union said its members will strike again on Monday.",
            Status.planned,
            None,
        ),
    ],
)
def test_what_states_no_happening(description: str, sentence: str, status: Status, rule: str | None) -> None:
    assert states_no_happening(event(description, sentence, status)) == rule


def test_each_rule_can_be_switched_off() -> None:
    for rule, (description, sentence, status) in {
        "drop_state_foretold": ("will be 14.3 percent", "Now, it will be 14.3 percent.", Status.planned),
        "drop_negated": ("cannot be sold", "The shares cannot be sold for five years.", Status.asserted),
        "drop_generic": ("delivers shares", "It typically delivers shares in January.", Status.asserted),
    }.items():
        RULES[rule] = False
        try:
            assert states_no_happening(event(description, sentence, status)) is None
        finally:
            RULES[rule] = True


def test_a_prediction_or_speculation_in_the_description_is_no_event() -> None:
    from summarizer.extract.happenings import is_prediction

    assert is_prediction("a teenage Palestinian girl could face up to 14 years in prison")
    assert is_prediction("suggest that if the rebels capture Homs, it could signal the collapse")
    assert is_prediction("forecasters expect more rain")
    assert is_prediction("had been expected to post net income of $2.07 billion")  # analysts' consensus
    assert not is_prediction("indicted a teenage Palestinian girl on 12 counts")
