"""One disaster restated in an article is one event: the lead, the agencies' magnitudes, the epicentre."""

from __future__ import annotations

import datetime as dt

from summarizer.core.schema import EventType
from summarizer.extract.drafts import EventDraft
from summarizer.extract.events import build_events
from summarizer.text.articles import parse_text
from summarizer.text.names import RULES, load_names

QUAKE = (
    "Ten people were killed when an earthquake razed villages on the island of Qeshm on Sunday.\n"  # s=1
    "Tehran's seismologic center said the quake measured magnitude 5.9.\n"  # s=2
    "The U.S. Geological Survey puts the magnitude at 6.1.\n"  # s=3
    "Several buildings in Qeshm were damaged.\n"  # s=4
    "A second quake hit the island on Monday.\n"  # s=5
    "In 2003 an earthquake killed 31,000 people in Bam.\n"  # s=6
)


def quake_events(*drafts: tuple[int, str, str | None]) -> list:
    article = parse_text(QUAKE, "q")
    answers = [
        EventDraft(s=s, what=what, type="disaster", who=None, whom=None, where=None, when=when)
        for s, what, when in drafts
    ]
    return build_events(answers, article, dt.date(2005, 11, 28), load_names(None))


DRAFTS = (
    (1, "Ten people were killed when an earthquake razed villages", "on Sunday"),
    (2, "the quake measured magnitude 5.9", None),
    (3, "puts the magnitude at 6.1", None),
    (4, "Several buildings in Qeshm were damaged", None),
    (5, "A second quake hit the island", "on Monday"),
    (6, "an earthquake killed 31,000 people in Bam", "In 2003"),
)


def test_the_magnitudes_join_the_main_quake_and_damage_aftershock_and_history_stay_apart() -> None:
    events = quake_events(*DRAFTS)
    main, damage, second, bam = events
    assert [e.evidence[0].sentence_id for e in events] == [1, 4, 5, 6]
    assert [e.sentence_id for e in main.evidence] == [1, 2, 3]
    assert sorted(q.value for q in main.quantities if q.unit == "magnitude") == [5.9, 6.1]
    assert main.date.value == dt.date(2005, 11, 27)
    assert all(e.type is EventType.disaster for e in events)
    assert bam.historical and second.date.value == dt.date(2005, 11, 28)
    assert [e.id for e in events] == ["e1", "e2", "e3", "e4"]


def test_a_measurement_told_first_still_joins_the_happening_not_the_other_way_round() -> None:
    article = parse_text(
        "The U.S. Geological Survey puts the magnitude at 6.1.\n"
        "Ten people were killed when an earthquake razed villages on Sunday.\n",
        "lead",
    )
    answers = [
        EventDraft(s=1, what="puts the magnitude at 6.1", type="disaster", who=None, whom=None, where=None, when=None),
        EventDraft(s=2, what="Ten people were killed", type="disaster", who=None, whom=None, where=None, when="Sunday"),
    ]
    (main,) = build_events(answers, article, dt.date(2005, 11, 28), load_names(None))
    assert main.description.startswith("Ten people were killed")
    assert [e.sentence_id for e in main.evidence] == [1, 2]
    assert [q.value for q in main.quantities if q.unit == "magnitude"] == [6.1]


def test_switched_off_every_sentence_keeps_its_own_event() -> None:
    RULES["fold_disaster_restatements"] = False
    try:
        assert len(quake_events(*DRAFTS)) == 6
    finally:
        RULES["fold_disaster_restatements"] = True


def test_each_event_of_a_two_happening_sentence_keeps_the_numbers_it_states() -> None:
    """'31,000 in Bam ..., and 600 in Zarand': the Zarand quake's toll is 600, never 31,000."""
    article = parse_text(
        "A quake killed more than 31,000 in Bam in 2003, and 600 were killed in Zarand in 2005.\n", "two"
    )
    answers = [
        EventDraft(
            s=1, what="killed more than 31,000 in Bam", type="disaster", who=None, whom=None, where="Bam", when="2003"
        ),
        EventDraft(
            s=1, what="600 were killed in Zarand", type="disaster", who=None, whom=None, where="Zarand", when="2005"
        ),
    ]
    bam, zarand = build_events(answers, article, dt.date(2005, 11, 28), load_names(None))
    assert [q.value for q in bam.quantities] == [31000] and [q.value for q in zarand.quantities] == [600]
    RULES["numbers_to_their_events"] = False
    try:
        bam, zarand = build_events(answers, article, dt.date(2005, 11, 28), load_names(None))
        assert len(zarand.quantities) == 2
    finally:
        RULES["numbers_to_their_events"] = True


def test_a_number_told_of_another_time_is_not_the_events_own() -> None:
    """'The town was hit two years after Lora was destroyed in a flood that killed 900 people': the town's
    storm has no toll of 900; an event dated by that clause ('since a 2019 sinking') is that happening."""
    article = parse_text(
        "The town was hit by a storm two years after the city of Lora was destroyed in a flood that killed "
        "900 people.\nIt was the worst accident on the river since a 2019 sinking that killed 17 people.\n"
        "Power was restored to the town after a blackout caused by the storm, which struck on Sunday with "
        "winds of 150 kilometers per hour and killed 4 people.\n",
        "storm",
    )
    answers = [
        EventDraft(s=1, what="was hit by a storm", type="disaster", who=None, whom="The town", where=None, when=None),
        EventDraft(
            s=2,
            what="was the worst accident",
            type="disaster",
            who=None,
            whom=None,
            where=None,
            when="since a 2019 sinking",
        ),
    ]
    answers.append(
        EventDraft(s=3, what="Power was restored", type="other", who=None, whom="the town", where=None, when="Sunday")
    )
    storm, sinking, power = build_events(answers, article, dt.date(2024, 10, 3), load_names(None))
    assert storm.quantities == [] and [q.value for q in sinking.quantities] == [17]
    assert power.quantities == []  # dated by the clause, but no ranking against it: the toll is the storm's
    RULES["numbers_of_their_clause"] = False
    try:
        storm, _, _ = build_events(answers, article, dt.date(2024, 10, 3), load_names(None))
        assert [q.value for q in storm.quantities] == [900]
    finally:
        RULES["numbers_of_their_clause"] = True


def test_a_step_told_twice_by_its_act_is_one_event_but_another_act_or_day_is_not() -> None:
    """'Israel indicted Tamimi on Monday ... Tamimi was charged with assault': one indictment; her arrest,
    or a second indictment on another day, stay apart."""
    article = parse_text(
        "Israel indicted Ahed Tamimi on Monday.\nTamimi was charged with assault.\n"
        "Tamimi was arrested in December.\nA second activist was indicted on Friday.\n",
        "court",
    )

    def d(s: int, what: str, who: str | None, whom: str | None, when: str | None) -> EventDraft:
        return EventDraft(s=s, what=what, type="legal", who=who, whom=whom, where=None, when=when)

    answers = [
        d(1, "indicted Ahed Tamimi", "Israel", "Ahed Tamimi", "on Monday"),
        d(2, "was charged with assault", None, "Tamimi", None),
        d(3, "was arrested", None, "Tamimi", "in December"),
        d(4, "was indicted", None, "A second activist", "on Friday"),
    ]
    events = build_events(answers, article, dt.date(2018, 1, 3), load_names(None))
    assert [[e.sentence_id for e in x.evidence] for x in events] == [[1, 2], [3], [4]]
    RULES["fold_act_restatements"] = False
    try:
        assert len(build_events(answers, article, dt.date(2018, 1, 3), load_names(None))) == 4
    finally:
        RULES["fold_act_restatements"] = True


def test_a_share_of_a_figure_given_before_belongs_to_the_event_that_gave_it() -> None:
    """LABELLING.md §15.4: 'two-thirds of the $5 billion comes from ...' is part of the $5 billion disclosure,
    not a new event; a sentence that only mentions 'part of' something with nothing economic before stays."""
    article = parse_text(
        "The bank said the tax law will cut its profit by $5 billion.\n"
        "The bank said two-thirds of the $5 billion comes from a repatriation tax.\n"
        "The rest of the industry is expected to gain.\n",
        "bank",
    )

    def d(s: int, what: str, type_: str) -> EventDraft:
        return EventDraft(s=s, what=what, type=type_, who="The bank", whom=None, where=None, when=None)

    answers = [
        d(1, "the tax law will cut its profit by $5 billion", "economic"),
        d(2, "two-thirds of the $5 billion comes from a repatriation tax", "economic"),
    ]
    (disclosure,) = build_events(answers, article, dt.date(2017, 12, 29), load_names(None))
    assert [e.sentence_id for e in disclosure.evidence] == [1, 2]
    # the whole typed otherwise by the model (a statement, political) still takes its part
    political = [d(1, "the tax law will cut its profit by $5 billion", "political"), answers[1]]
    (disclosure,) = build_events(political, article, dt.date(2017, 12, 29), load_names(None))
    assert [e.sentence_id for e in disclosure.evidence] == [1, 2]
    RULES["fold_figure_parts"] = False
    try:
        assert len(build_events(answers, article, dt.date(2017, 12, 29), load_names(None))) == 2
    finally:
        RULES["fold_figure_parts"] = True


PAST = (
    "Ten people were killed when an earthquake struck the Persian Gulf island of Qeshm on Sunday.\n"  # s=1
    "Residents of the island slept outside.\n"  # s=2
    "The last major quake hit southern Iran in February 2005.\n"  # s=3
    "It killed 612 people and injured more than 1,400.\n"  # s=4
)


def past_events() -> list:
    article = parse_text(PAST, "past")
    answers = [
        EventDraft(
            s=1, what="Ten people were killed", type="disaster", who=None, whom=None, where=None, when="on Sunday"
        ),
        EventDraft(
            s=2, what="slept outside", type="disaster", who="Residents", whom=None, where="the island", when=None
        ),
        EventDraft(
            s=3,
            what="hit southern Iran",
            type="disaster",
            who="The last major quake",
            whom=None,
            where=None,
            when="in February 2005",
        ),
        EventDraft(s=4, what="killed 612 people", type="disaster", who="It", whom=None, where=None, when=None),
        EventDraft(s=4, what="injured more than 1,400", type="disaster", who="It", whom=None, where=None, when=None),
    ]
    return build_events(answers, article, dt.date(2005, 11, 28), load_names(None))


def test_a_pronoun_for_a_past_quake_dates_its_toll_then_and_the_island_is_the_island_named_before() -> None:
    main, night, past = past_events()
    assert main.date.value == dt.date(2005, 11, 27) and not main.historical
    assert [q.value for q in main.quantities if q.kind.value == "killed"] == [10]  # never 612
    assert past.historical and past.date.value == dt.date(2005, 2, 1)
    assert sorted(q.value for q in past.quantities) == [612, 1400]  # "It killed 612": the 2005 quake, folded
    assert night.type is EventType.humanitarian  # people out of their homes for the night (LABELLING §15.3)
    assert [(loc.name, loc.canonical) for loc in night.locations] == [("the island", "Qeshm")]


def test_the_island_stays_unplaced_with_place_coreference_off(monkeypatch) -> None:
    monkeypatch.setitem(RULES, "place_coreference", False)
    _, night, _ = past_events()
    assert night.locations == []


def test_a_headline_that_gives_the_quakes_toll_without_naming_the_quake_is_the_quake() -> None:
    article = parse_text(
        "Ten people are killed and about 50 hurt.\n"
        "Ten people were killed when an earthquake razed villages on Sunday.\n",
        "headline",
    )
    answers = [
        EventDraft(
            s=1, what="were killed and about 50 hurt", type="disaster", who=None, whom=None, where=None, when=None
        ),
        EventDraft(
            s=2, what="Ten people were killed", type="disaster", who=None, whom=None, where=None, when="on Sunday"
        ),
    ]
    (quake,) = build_events(answers, article, dt.date(2005, 11, 28), load_names(None))
    assert sorted(e.sentence_id for e in quake.evidence) == [1, 2]  # one event: the headline folded in


def test_the_setting_of_a_happening_told_before_joins_it(monkeypatch) -> None:
    """'Masked men robbed a jeweller ... The robbery took place in Lyon': the second sentence gives the first
    happening's place, it is no event of its own; a statement in between is not what "the robbery" was."""
    article = parse_text(
        "Masked men robbed a jeweller on Monday, police said.\nThe mayor condemned the attack.\n"
        "The robbery took place in the centre of Lyon.\n",
        "heist",
    )
    answers = [
        EventDraft(
            s=1, what="robbed a jeweller", type="other", who="Masked men", whom=None, where=None, when="on Monday"
        ),
        EventDraft(
            s=2, what="condemned the attack", type="political", who="The mayor", whom=None, where=None, when=None
        ),
        EventDraft(s=3, what="took place", type="other", who="The robbery", whom=None, where="Lyon", when=None),
    ]
    events = build_events(answers, article, dt.date(2025, 3, 10), load_names(None))
    assert [[e.sentence_id for e in x.evidence] for x in events] == [[1, 3], [2]]
    assert [x.canonical for x in events[0].locations] == ["Lyon"]
    assert "The robbery" not in [a.name for a in events[0].actors]
    monkeypatch.setitem(RULES, "fold_setting_restatements", False)
    assert len(build_events(answers, article, dt.date(2025, 3, 10), load_names(None))) == 3


def test_a_happening_put_in_its_context_is_the_happening_told_before() -> None:
    """'The pullout ... comes as rebels launched an offensive': the pullout told before, not a second one;
    the offensive the clause adds is an event of its own."""
    article = parse_text(
        "Government forces withdrew from Deir ez-Zor on Friday.\n"
        "The pullout of government forces comes as rebels launched an offensive in the north.\n",
        "context",
    )
    answers = [
        EventDraft(
            s=1,
            what="withdrew from Deir ez-Zor",
            type="withdrawal",
            who="Government forces",
            whom=None,
            where="Deir ez-Zor",
            when="on Friday",
        ),
        EventDraft(s=2, what="pullout", type="withdrawal", who="government forces", whom=None, where=None, when=None),
        EventDraft(s=2, what="launched an offensive", type="fighting", who="rebels", whom=None, where=None, when=None),
    ]
    events = build_events(answers, article, dt.date(2024, 12, 6), load_names(None))
    assert [([e.sentence_id for e in x.evidence], x.type) for x in events] == [
        ([1, 2], EventType.withdrawal),
        ([2], EventType.fighting),
    ]


def test_the_act_of_disclosing_joins_the_figure_it_disclosed_but_a_release_elsewhere_stays(monkeypatch) -> None:
    """LABELLING.md §15.4: the event is the disclosure, one per disclosed figure. "Became one of the first
    companies to release details" and "was revealed in a filing" are that disclosure, not events of their own;
    an article with no company figure keeps them, and "released three prisoners" is no disclosure."""
    article = parse_text(
        "Goldman on Friday became one of the first companies to release details on how the tax law affects it.\n"
        "Goldman said the tax law will cut its profit by $5 billion.\n"
        "The change was revealed in a filing on Friday.\n"
        "The rebels released three prisoners on Friday.\n",
        "bank",
    )

    def d(s: int, what: str, type_: str, who: str | None = None) -> EventDraft:
        return EventDraft(s=s, what=what, type=type_, who=who, whom=None, where=None, when="on Friday")

    answers = [
        d(1, "became one of the first companies to release details", "other", "Goldman"),
        d(2, "the tax law will cut its profit by $5 billion", "economic", "Goldman"),
        d(3, "was revealed in a filing", "other"),
        d(4, "released three prisoners", "other", "The rebels"),
    ]
    events = build_events(answers, article, dt.date(2017, 12, 29), load_names(None))
    assert [[e.sentence_id for e in event.evidence] for event in events] == [[1, 2, 3], [4]]
    # no figure of a company: the act of disclosing stays (the act fold joins its two tellings)
    without_figure = build_events([answers[0], answers[2]], article, dt.date(2017, 12, 29), load_names(None))
    assert [[e.sentence_id for e in event.evidence] for event in without_figure] == [[1, 3]]
    monkeypatch.setitem(RULES, "fold_disclosures", False)
    events = build_events(answers, article, dt.date(2017, 12, 29), load_names(None))
    assert [[e.sentence_id for e in event.evidence] for event in events] == [[1, 3], [2], [4]]


def test_what_a_happening_told_before_brought_about_is_part_of_it(monkeypatch) -> None:
    """ "The acceleration results in about $140 million in tax savings": the subject names the happening told
    before by its own verb made a noun ("accelerated"), or by a word for any step ("the move"); what it
    brought about joins it. A subject that names no earlier happening ("The storm results in ...") stays."""
    article = parse_text(
        "The bank accelerated the delivery of stock awards to its top executives.\n"
        "The acceleration results in about $140 million in tax savings for the firm.\n"
        "Rain fell on Tuesday.\n"
        "The storm results in flooding downtown.\n",
        "bank",
    )

    def d(s: int, what: str, type_: str, who: str | None = None) -> EventDraft:
        return EventDraft(s=s, what=what, type=type_, who=who, whom=None, where=None, when=None)

    answers = [
        d(1, "accelerated the delivery of stock awards", "economic", "The bank"),
        d(2, "results in about $140 million in tax savings", "economic"),
        d(3, "Rain fell", "disaster"),
        d(4, "results in flooding downtown", "disaster", "The storm"),
    ]
    events = build_events(answers, article, dt.date(2017, 12, 29), load_names(None))
    assert [[e.sentence_id for e in event.evidence] for event in events][0] == [1, 2]
    assert any(q.value == 140_000_000 for q in events[0].quantities)
    assert [event.evidence[0].sentence_id for event in events][-1] == 4
    monkeypatch.setitem(RULES, "fold_consequences", False)
    events = build_events(answers, article, dt.date(2017, 12, 29), load_names(None))
    assert [event.evidence[0].sentence_id for event in events][:2] == [1, 2]


def test_where_the_quake_was_felt_is_the_quake_not_an_event_of_its_own(monkeypatch) -> None:
    """LABELLING.md §15.3: "The quake jolted several cities in the United Arab Emirates" is the main quake;
    "Rescuers reached the island" is an event of its own."""
    article = parse_text(
        "An earthquake struck the island of Qeshm on Sunday, killing ten people.\n"
        "The quake jolted several cities in the United Arab Emirates.\n"
        "Rescuers reached the island on Sunday.\n",
        "felt",
    )
    answers = [
        EventDraft(
            s=1,
            what="struck the island of Qeshm",
            type="disaster",
            who="An earthquake",
            whom=None,
            where=None,
            when="on Sunday",
        ),
        EventDraft(s=2, what="were jolted", type="disaster", who="several cities", whom=None, where=None, when=None),
        EventDraft(
            s=3, what="reached the island", type="humanitarian", who="Rescuers", whom=None, where=None, when="on Sunday"
        ),
    ]
    events = build_events(answers, article, dt.date(2005, 11, 28), load_names(None))
    assert [[e.sentence_id for e in event.evidence] for event in events] == [[1, 2], [3]]
    monkeypatch.setitem(RULES, "fold_felt", False)
    # "The quake jolted several cities" told as "several cities were jolted" now also names the quake as its
    # doer (passive_by_agent), which folds it too; set aside so this rule is seen alone
    monkeypatch.setitem(RULES, "passive_by_agent", False)
    events = build_events(answers, article, dt.date(2005, 11, 28), load_names(None))
    assert len(events) == 3


def test_a_bare_measure_of_the_quake_in_other_words_joins_the_quake(monkeypatch) -> None:
    text = (
        "An earthquake measuring 4.6 rattled two counties early Thursday.\n"
        "The quake occurred at 2:09 a.m. on the Maacama Fault.\n"
    )
    article = parse_text(text, "c")
    drafts = [
        EventDraft(s=1, what="measured 4.6", type="disaster", who=None, whom=None, where=None, when=None),
        EventDraft(
            s=2,
            what="occurred at 2:09 a.m.",
            type="disaster",
            who="the Maacama Fault",
            whom=None,
            where=None,
            when=None,
        ),
    ]
    (quake,) = build_events(drafts, article, dt.date(2013, 3, 14), load_names(None))
    assert [e.sentence_id for e in quake.evidence] == [1, 2] or [e.sentence_id for e in quake.evidence] == [2, 1]
    assert all(a.role.value != "agent" for a in quake.actors)  # the fault does not act
    assert any("Maacama Fault" in loc.name for loc in quake.locations)
    monkeypatch.setitem(RULES, "fold_disaster_restatements", False)
    assert len(build_events(drafts, article, dt.date(2013, 3, 14), load_names(None))) == 2


def test_a_setting_joins_the_happening_an_earlier_sentence_called_by_its_noun(monkeypatch) -> None:
    """'... punched a guard, an incident filmed by a passer-by. He later threw stones at officers. The incident
    occurred outside the Central Bank': the incident is the punch the lead named so, not the nearest happening."""
    article = parse_text(
        "A man punched a guard on Monday, an incident filmed by a passer-by.\n"
        "He later threw stones at police officers.\n"
        "The incident occurred outside the Central Bank in Leeds.\n",
        "incident",
    )
    answers = [
        EventDraft(
            s=1, what="punched a guard", type="attack", who="A man", whom="a guard", where=None, when="on Monday"
        ),
        EventDraft(
            s=2,
            what="threw stones at police officers",
            type="attack",
            who="He",
            whom="police officers",
            where=None,
            when=None,
        ),
        EventDraft(s=3, what="occurred", type="other", who="The incident", whom=None, where="Leeds", when=None),
    ]
    events = build_events(answers, article, dt.date(2025, 3, 12), load_names(None))
    assert [[e.sentence_id for e in x.evidence] for x in events] == [[1, 3], [2]]
    monkeypatch.setitem(RULES, "setting_by_its_noun", False)
    events = build_events(answers, article, dt.date(2025, 3, 12), load_names(None))
    assert [[e.sentence_id for e in x.evidence] for x in events] == [[1], [2, 3]]
