"""The act a court or police step is about, told only inside its sentence, is an event of its own
(LABELLING.md §15.5), dated only by its own clause."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.core.schema import EventType, Precision, Role
from summarizer.extract.drafts import EventDraft
from summarizer.extract.events import build_events
from summarizer.extract.offences import offence_drafts
from summarizer.text.acts import act_of
from summarizer.text.articles import parse_text
from summarizer.text.names import RULES, load_names


def step(what: str, who: str | None = "Prosecutors", whom: str | None = None) -> EventDraft:
    return EventDraft(s=1, who=who, what=what, whom=whom, where=None, when=None, type=EventType.legal)


@pytest.mark.parametrize(
    ("draft", "sentence", "who", "what", "whom", "when", "stands_for"),
    [
        (
            step("indicted Ahed Tamimi", who="Israel"),
            "Israel indicted a 16-year-old girl on Monday on charges including assault for punching an Israeli "
            "soldier in the face two weeks ago, an incident which made her a hero.",
            # the accused as the sentence words them, standing for the step's name for them
            "a 16-year-old girl",
            "punching an Israeli soldier in the face two weeks ago",
            "an Israeli soldier",
            "two weeks ago",
            "Ahed Tamimi",
        ),
        (
            step("was arrested", who="A nurse"),
            "A nurse was arrested in Leeds on Friday on suspicion of stabbing a security guard.",
            "A nurse",
            "stabbing a security guard",
            "a security guard",
            None,
            None,
        ),
        (
            step("was charged this week by a military court", who="Ana Ruiz"),
            "Ana Ruiz was charged this week by a military court after she was filmed in May pushing, kicking "
            "and slapping the guards, who did not respond.",
            "she",
            "pushing, kicking and slapping the guards",
            "the guards",
            "in May",
            None,
        ),
        (
            step("convicted the former mayor", whom="the former mayor", who="A jury"),
            "A jury convicted the former mayor of embezzling $2 million from the city's pension fund.",
            "the former mayor",
            "embezzling $2 million from the city's pension fund",
            None,
            None,
            None,
        ),
    ],
)
def test_the_act_a_charge_arrest_or_verdict_is_for_is_read_from_its_sentence(
    draft: EventDraft, sentence: str, who: str, what: str, whom: str | None, when: str | None, stands_for: str | None
) -> None:
    ((offence, accused),) = offence_drafts(draft, sentence)
    assert (offence.who, offence.what, offence.whom, offence.when, accused) == (who, what, whom, when, stands_for)


@pytest.mark.parametrize(
    ("draft", "sentence"),
    [
        # a noun in -ing is no act
        (step("were detained", who="Two men"), "Two men were detained for questioning on Tuesday."),
        # no gerund: the offence is only named ("murder"), there is no act clause to read
        (step("was charged with murder", who="A man"), "A man was charged with murder on Sunday."),
        # the sentence words the accused nowhere: no actor without its words in the evidence
        (step("indicted Ana Ruiz", who="Prosecutors"), "Prosecutors brought charges on Monday for embezzling funds."),
        # not a court or police step
        (
            step("gave her lawyer more time", who="The court"),
            "The court gave her lawyer more time for reading the charges.",
        ),
    ],
)
def test_no_act_is_read_where_none_is_told(draft: EventDraft, sentence: str) -> None:
    assert offence_drafts(draft, sentence) == []


def test_switched_off_no_act_is_read(monkeypatch) -> None:
    monkeypatch.setitem(RULES, "offence_of_a_case", False)
    sentence = "A nurse was arrested in Leeds on Friday on suspicion of stabbing a security guard."
    assert offence_drafts(step("was arrested", who="A nurse"), sentence) == []


def test_the_act_is_an_event_of_its_own_done_by_the_accused_at_its_own_time() -> None:
    article = parse_text(
        "Israel indicted a 16-year-old girl on Monday on charges including assault for punching an Israeli "
        "soldier in the face two weeks ago, an incident which made her a hero.\n"
        "The incident occurred at the entrance to her family home in the village of Nabi Saleh.\n",
        "indictment",
    )
    drafts = [
        EventDraft(
            s=1,
            who="Israel",
            what="indicted Ahed Tamimi",
            whom=None,
            where=None,
            when="on Monday",
            type=EventType.legal,
        ),
        EventDraft(
            s=2,
            who="The incident",
            what="occurred",
            whom=None,
            where="the village of Nabi Saleh",
            when=None,
            type=EventType.other,
        ),
    ]
    charge, punch = build_events(drafts, article, dt.date(2018, 1, 1), load_names(None))
    assert charge.type is EventType.legal and charge.date.value == dt.date(2018, 1, 1)
    assert punch.type is EventType.attack
    assert punch.description == "punching an Israeli soldier in the face two weeks ago"
    assert [(a.name, a.canonical, a.role) for a in punch.actors if a.role is not Role.other] == [
        ("a 16-year-old girl", "Ahed Tamimi", Role.agent),
        ("an Israeli soldier", "Israeli soldier", Role.target),
    ]
    # two weeks before Monday 1 January, not the indictment's Monday
    assert (punch.date.value, punch.date.precision) == (dt.date(2017, 12, 18), Precision.week)
    # "The incident occurred at ...": the happening the lead called "an incident", not the indictment
    assert [e.sentence_id for e in punch.evidence] == [1, 2]


def test_an_undated_act_takes_no_date_from_the_court_step() -> None:
    article = parse_text("A nurse was arrested in Leeds on Friday on suspicion of stabbing a security guard.\n", "x")
    drafts = [
        EventDraft(
            s=1, who="A nurse", what="was arrested", whom=None, where="Leeds", when="on Friday", type=EventType.legal
        )
    ]
    arrest, stabbing = build_events(drafts, article, dt.date(2025, 3, 10), load_names(None))
    assert arrest.date.value == dt.date(2025, 3, 7)
    assert stabbing.type is EventType.attack and stabbing.date.value is None
    assert [a.name for a in stabbing.actors if a.role is Role.agent] == ["A nurse"]


def test_blows_are_one_act_whatever_their_number_but_a_stone_throwing_assault_is_not_named_so() -> None:
    assert act_of("pushing, kicking and slapping the soldiers") == act_of("punched a soldier") == "assault"
    assert act_of("a stone-throwing assault on its troops") is None
    assert act_of("pushing towards Homs") is None and act_of("kicked off the season") is None


def test_an_alleged_act_keeps_its_hedge_and_a_foretold_sentence_gives_no_act() -> None:
    article = parse_text(
        "She was charged on Monday for allegedly assaulting a pair of soldiers outside her home.\n"
        "An adult found guilty of assaulting a soldier could be jailed for up to 10 years.\n",
        "x",
    )
    drafts = [
        EventDraft(s=1, who=None, what="was charged", whom="She", where=None, when="on Monday", type=EventType.legal),
        EventDraft(
            s=2,
            who="An adult",
            what="could be jailed for up to 10 years",
            whom=None,
            where=None,
            when=None,
            type=EventType.legal,
        ),
    ]
    events = build_events(drafts, article, dt.date(2018, 1, 3), load_names(None))
    assert [e.description for e in events] == [
        "was charged",
        "allegedly assaulting a pair of soldiers outside her home",
    ]
    assert events[1].status.value == "claimed"


@pytest.mark.parametrize(
    "sentence",
    [
        "The guard is accused of stealing $2 million from the vault.",
        "Two men were held on suspicion of starting the fire.",
        "She allegedly assaulted a pair of soldiers outside her home.",
    ],
)
def test_an_act_framed_as_an_allegation_is_claimed(sentence: str) -> None:
    from summarizer.core.schema import Status
    from summarizer.extract.classify import event_status

    assert event_status(sentence) is Status.claimed
    assert event_status("The guard stole $2 million from the vault.") is Status.asserted
