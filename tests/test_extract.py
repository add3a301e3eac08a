"""From drafts to events: roles, places and attribution decided in code (no model)."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.core.schema import EventType, Precision, Role
from summarizer.extract.drafts import EventDraft
from summarizer.extract.events import build_events
from summarizer.text.articles import parse_text
from summarizer.text.names import RULES, load_names

from .conftest import SEEDS_PACK

TEXT = (
    "The regime handed over control of Deir ez-Zor to the PKK/YPG on Friday. "
    "The regime has also pulled troops from the Deir el-Zour military air base, and is consolidating its "
    "forces in the province. "
    "SOHR confirmed that military columns were seen heading towards the central Palmyra region. "
    "Iranian-backed groups control the area from Deir ez-Zor's city center to the Al-Bukamal district."
)


def events_for(*drafts: dict):
    article = parse_text(TEXT, "t")
    return build_events([EventDraft(**d) for d in drafts], article, dt.date(2024, 12, 6), load_names(SEEDS_PACK))


def draft(s: int, what: str, type_: str, who=None, whom=None, where=None) -> dict:
    return {"s": s, "what": what, "type": type_, "who": who, "whom": whom, "where": where, "when": None}


def roles(event) -> dict[str, Role]:
    return {a.canonical: a.role for a in event.actors}


def test_a_handover_makes_the_receiver_the_agent_of_the_takeover() -> None:
    (event,) = events_for(draft(1, "handed over control of Deir ez-Zor", "takeover", "The regime", "PKK/YPG"))
    assert roles(event) == {"Syrian Democratic Forces": Role.agent, "Syrian government forces": Role.target}
    (gain,) = events_for(draft(1, "took control of Deir ez-Zor", "takeover", "PKK/YPG", "The regime"))
    assert roles(gain) == {"Syrian Democratic Forces": Role.agent, "Syrian government forces": Role.target}


def test_the_longer_place_name_in_the_description_wins() -> None:
    base, province = events_for(
        draft(
            2, "pulled troops from the Deir el-Zour military air base", "withdrawal", "The regime", where="Deir el-Zour"
        ),
        draft(2, "consolidating its forces in the province", "deployment", "The regime", where="Deir el-Zour"),
    )
    assert [loc.canonical for loc in base.locations] == ["Deir ez-Zor Military Airport"]
    assert [loc.canonical for loc in province.locations] == ["Deir ez-Zor"]
    assert base.locations[0].name == "Deir el-Zour military air base"  # as the article spells it


def test_a_reporting_source_is_not_the_agent_and_the_happening_is_typed() -> None:
    (event,) = events_for(
        draft(
            3, "confirmed that military columns were seen heading towards the central Palmyra region", "other", "SOHR"
        )
    )
    assert event.description.startswith("military columns")
    assert roles(event) == {"Syrian Observatory for Human Rights": Role.other}
    assert event.type is EventType.deployment
    assert [loc.canonical for loc in event.locations] == ["Palmyra"]


def test_a_stretch_of_land_written_as_the_target_is_places_not_an_actor() -> None:
    (event,) = events_for(
        draft(
            4,
            "control the area",
            "other",
            "Iranian-backed groups",
            "Deir ez-Zor's city center to the Al-Bukamal district",
            where="Syria-Iraq border",
        )
    )
    assert roles(event) == {"Iranian-backed groups": Role.agent}
    assert {loc.canonical for loc in event.locations} == {"Deir ez-Zor", "Albu Kamal"}  # not the country too


def test_a_number_after_its_verb_is_counted() -> None:
    from summarizer.text.quantities import find_quantities

    found = find_quantities("A quake strikes the province, killing at least three people and injuring dozens more.")
    # "dozens" by ACLED's convention: the lowest number the word allows
    assert [(q.kind.value, q.value) for q in found] == [("killed", 3.0), ("injured", 12.0)]
    found = find_quantities("Officials say at least 24 people were killed and more than 200 injured.")
    assert [(q.kind.value, q.value) for q in found] == [("killed", 24.0), ("injured", 200.0)]


def test_an_unknown_place_is_named_by_its_proper_name() -> None:
    names = load_names(SEEDS_PACK)
    same = {
        names.place(written)[0]
        for written in ("Indonesia's Aceh province", "the northern Indonesian province of Aceh", "Aceh province")
    }
    assert same == {"Aceh"}
    assert names.place("Sumatra Island")[0] == names.place("Sumatra island")[0] == "Sumatra"
    assert names.place("Bukit Sama village in Central Aceh district")[0] == "Bukit Sama"
    assert names.place("the Tel Rifaat district of Aleppo's countryside")[0] == "Tal Rifaat"  # known alias first
    assert names.place("central and western Syria")[0] == "Syria"


def test_an_acting_subject_is_not_taken_for_a_reporter_or_a_loser() -> None:
    (acting,) = events_for(draft(1, "reportedly captured Deir ez-Zor", "takeover", "PKK/YPG", "The regime"))
    assert roles(acting) == {"Syrian Democratic Forces": Role.agent, "Syrian government forces": Role.target}
    (gain,) = events_for(
        draft(1, "took control of Deir ez-Zor after the regime abandoned it", "takeover", "PKK/YPG", "The regime")
    )
    assert roles(gain)["Syrian Democratic Forces"] is Role.agent


def test_names_that_contain_a_kind_of_place_stay_whole() -> None:
    names = load_names(SEEDS_PACK)
    for written in ("Mexico City", "Martha's Vineyard", "District of Columbia", "the City of London"):
        assert names.place(written)[0] == written.removeprefix("the ")


def test_type_cues_do_not_cross_domains() -> None:
    from summarizer.extract.classify import event_type

    stays = [
        (EventType.protest, "dock workers walked off the job"),
        (EventType.attack, "Hundreds were wounded"),
        (EventType.other, "vessels diverted to the Cape of Good Hope"),
        (EventType.humanitarian, "authorities evacuated 5,000 residents"),
        (EventType.protest, "police cleared the square"),
        (EventType.political, "the minister left office"),
        (EventType.legal, "police seized 2 tons of cocaine"),
    ]
    for model_type, what in stays:
        assert event_type(model_type, what) is model_type, what
    assert event_type(EventType.disaster, "Qualcomm shares fell 4.3 percent") is EventType.economic
    assert event_type(EventType.fighting, "shares advanced 2 percent") is EventType.economic  # not fighting
    assert event_type(EventType.political, "seized the key city of Hama") is EventType.takeover
    assert event_type(EventType.protest, "advanced in Idlib, Aleppo and Hama") is EventType.fighting
    # Violence and hazards, in any story; a labour strike and "opened fire" are neither.
    assert event_type(EventType.disaster, "drone strike killed four people") is EventType.attack
    assert event_type(EventType.disaster, "killed 24 people", "The bombing of a commuter bus") is EventType.attack
    assert event_type(EventType.attack, "fire broke out at a fuel depot") is EventType.disaster
    assert event_type(EventType.other, "walked off the job in a strike") is EventType.protest  # not an attack
    assert event_type(EventType.attack, "opened fire on the crowd") is EventType.attack
    assert event_type(EventType.disaster, "arrested 14 protesters") is EventType.legal


def test_planned_only_when_the_event_itself_is_to_come() -> None:
    from summarizer.core.schema import Status
    from summarizer.extract.classify import event_status

    sentence = "Shares fell on Monday; the company will report earnings next week."
    assert event_status(sentence, "shares fell") is Status.asserted
    assert event_status(sentence, "report earnings") is Status.planned
    assert event_status("Troops are set to leave Homs.", "leave Homs") is Status.planned
    assert event_status("Troops will withdraw from Homs.", "withdraw from Homs") is Status.planned
    assert event_status("He is the eighth person from the ranch to be convicted.", "is the eighth person").value != (
        "planned"
    )  # a state told with "to be", not a plan
    assert event_status("The vote is to be held on Friday.", "is to be held on Friday") is Status.planned


def test_who_and_whom_written_alike_but_for_a_capital_are_one_actor() -> None:
    text = "Firefighters put out the blazes.\nThe firefighters left at dawn.\n"  # "firefighters" in lower case too
    article = parse_text(text, "fire")
    (event,) = build_events(
        [EventDraft(**draft(1, "put out the blazes", "other", "Firefighters", "Firefighters"))],
        article,
        dt.date(2024, 12, 6),
        load_names(),
    )
    assert len(event.actors) == 1


def test_a_witness_and_a_press_release_are_no_agents() -> None:
    text = (
        "A correspondent heard a large explosion, then saw a crater near the school.\n"
        "According to a Samaritan's Purse press release, air force planes dropped four bombs.\n"
    )
    article = parse_text(text, "camp")
    saw, bombs = build_events(
        [
            EventDraft(**draft(1, "saw a crater", "attack", "A correspondent")),
            EventDraft(**draft(2, "dropped four bombs", "attack", "Samaritan's Purse")),
        ],
        article,
        dt.date(2024, 12, 6),
        load_names(),
    )
    assert [a.role for a in saw.actors] == [Role.other]
    assert [a.role for a in bombs.actors] == [Role.other]


def test_the_injured_are_targets_and_the_reporter_is_no_agent() -> None:
    text = "Two workers were injured in the blast. Three men were killed in Nyala, police said."
    article = parse_text(text, "roles")
    drafts = [
        EventDraft(**draft(1, "injured in the blast", "attack", "Two workers")),
        EventDraft(**draft(2, "three men killed", "attack", "police")),
    ]
    injured, killed = build_events(drafts, article, dt.date(2024, 12, 6), load_names())
    assert [a.role for a in injured.actors] == [Role.target]
    assert [a.role for a in killed.actors] == [Role.other]


def test_a_description_that_ran_into_its_bound_is_never_cut_mid_word_or_mid_character() -> None:
    from summarizer.extract.events import _whole_description

    sentence = "Indian troops crossed the border on Tuesday, prompting an Indian protest from the government."
    answer = (
        "Indian troops crossed the border on Tuesday after a standoff and heavy shelling, prompting an Indian protest"
    )
    cut = answer[:99] + "\ufffd"  # the bound (100 characters) reached mid-word, a broken character at the end
    assert cut.endswith("an India\ufffd")
    assert _whole_description(cut, sentence) == (
        "Indian troops crossed the border on Tuesday after a standoff and heavy shelling, prompting"
    )
    assert _whole_description("crossed the  border", sentence) == "crossed the border"  # short: kept whole


NEWS = (
    "The port authority said on Wednesday that ferry services would resume on Friday.\n"
    "A temporary truce agreed on Dec. 20 is due to expire on Jan. 3, the mediators added.\n"
    "A bomb exploded on a bus in Mirsad, killing three people.\n"
    "Forecasters expect more rain over the weekend.\n"
    "Police arrested 14 protesters near the gates on Tuesday.\n"
    "Dock workers walked off the job on Tuesday.\n"
    "Mediators said on Monday that talks between the two sides would resume on Jan. 8.\n"
    "The agency reported heavy losses.\n"
    "The bank will likely report a loss for the quarter, analysts estimated.\n"
    "The union said its members would strike again on Monday.\n"
    "Turnout was about 61 pct on Sunday, down from 67 pct in 2021.\n"
    "Harlow Logistics said its quarterly profit would fall by about $40 million.\n"
    "The governor said 40 houses were destroyed.\n"
    "In 2009, police said they had recovered 80 percent of the haul.\n"
    "In 2009, the ministry said the bridge would reopen.\n"
    "Our reporter says he did not see any casualties.\n"
    "Parliament reconvenes on Friday in the capital.\n"
    "Goldman was working to maximize the benefits before the new tax law takes effect on Jan. 1.\n"
    "A strong quake off the shores of Indonesia triggered a tsunami that killed 230,000 people.\n"
    '"Power rests entirely with the president.\n'
    "The observers sent eight experts to monitor the poll.\n"
    "Voters went to the polls on Sunday, but Western observers said nothing had changed.\n"
    "A 36-year-old climber is dead after falling about 150 metres on the glacier.\n"
    "The bank reports earnings in mid-January.\n"
)


def news_events(*drafts: dict, reference: dt.date = dt.date(2025, 1, 1)):
    article = parse_text(NEWS, "n")
    return build_events([EventDraft(**d) for d in drafts], article, reference, load_names(None))


def with_when(d: dict, when: str | None) -> dict:
    return {**d, "when": when}


def test_the_time_of_what_a_figure_is_compared_with_does_not_date_the_event(monkeypatch) -> None:
    turnout = with_when(draft(11, "turnout was about 61 pct", "political"), "in 2021")
    (event,) = news_events(turnout)
    assert (event.date.value, event.date.precision) == (dt.date(2024, 12, 29), Precision.day)  # "on Sunday"
    monkeypatch.setitem(RULES, "when_compared", False)
    (dated_by_comparison,) = news_events(turnout)
    assert dated_by_comparison.date.value == dt.date(2021, 1, 1)


def test_reported_speech_is_the_reported_happening_dated_by_its_own_time_words() -> None:
    (event,) = news_events(
        with_when(draft(1, "said ferry services would resume on Friday", "other", "The port authority"), "on Wednesday")
    )
    assert event.description == "ferry services would resume on Friday"
    assert [a.role for a in event.actors] == [Role.other]  # the speaker is the source, not the agent
    assert (event.status.value, event.date.value, event.date.text) == ("planned", dt.date(2025, 1, 3), "on Friday")
    (talks,) = news_events(
        with_when(draft(7, "said talks would resume", "deployment", "Mediators"), "on Monday"),
        reference=dt.date(2024, 12, 30),
    )
    assert (talks.type, talks.status.value, talks.date.value) == (EventType.diplomatic, "planned", dt.date(2025, 1, 8))
    (losses,) = news_events(draft(8, "reported heavy losses", "other", "The agency"))  # an object, not a clause
    assert losses.description == "reported heavy losses"


def test_a_company_that_discloses_its_own_figures_is_the_agent_an_official_reporting_damage_a_source(
    monkeypatch,
) -> None:
    disclosure = draft(12, "said its quarterly profit would fall by about $40 million", "economic", "Harlow Logistics")
    damage = draft(13, "said 40 houses were destroyed", "political", "The governor")
    profit, houses = news_events(disclosure, damage)
    assert [a.role for a in profit.actors] == [Role.agent]  # LABELLING §15.4: the company is the agent
    assert [a.role for a in houses.actors] == [Role.other]
    monkeypatch.setitem(RULES, "speaker_of_statement", False)
    profit, _ = news_events(disclosure, damage)
    assert [a.role for a in profit.actors] == [Role.other]


def test_a_reported_clause_with_no_time_of_its_own_is_dated_by_the_statement_unless_it_is_to_come(
    monkeypatch,
) -> None:
    recovered = with_when(draft(14, "said they had recovered 80 percent of the haul", "legal", "police"), "In 2009")
    (event,) = news_events(recovered)
    assert event.description == "they had recovered 80 percent of the haul"
    assert (event.date.value, event.date.precision) == (dt.date(2009, 1, 1), Precision.year)
    (reopen,) = news_events(with_when(draft(15, "said the bridge would reopen", "other", "the ministry"), "In 2009"))
    assert reopen.date.value != dt.date(2009, 1, 1)  # what is to come is not dated by the statement
    monkeypatch.setitem(RULES, "when_of_statement", False)
    (undated,) = news_events(recovered)
    assert undated.date.value != dt.date(2009, 1, 1)


def test_a_speaker_who_says_it_did_something_did_it_but_one_who_saw_or_did_not_see_is_a_source(monkeypatch) -> None:
    recovered = draft(14, "said they had recovered 80 percent of the haul", "other", "police")
    saw = draft(16, "says he did not see any casualties", "other", "Our reporter")
    police, reporter = news_events(recovered, saw)
    assert [a.role for a in police.actors] == [Role.agent]
    assert [a.role for a in reporter.actors] == [Role.other]
    monkeypatch.setitem(RULES, "speaker_did_it", False)
    police, _ = news_events(recovered, saw)
    assert [a.role for a in police.actors] == [Role.other]


def test_a_source_named_with_its_officials_is_the_source_unless_it_is_the_subject_of_the_event() -> None:
    from summarizer.extract.events import _report_source

    bombed = (
        "A refugee camp in South Sudan's Unity state was bombed Thursday, South Sudan officials and witnesses said."
    )
    assert _report_source("South Sudan", bombed, "bombed refugee camp")
    assert _report_source("police", "Two men were arrested, police said.", "were arrested")
    sells = "AMD plans to sell servers to customers, but it bought the firm for its chips, AMD officials said."
    assert not _report_source("AMD", sells, "plans to sell servers to customers")
    assert not _report_source("the army", "Rebels shelled the town and the army said nothing.", "shelled the town")


def test_a_plan_phrase_elsewhere_in_the_sentence_does_not_make_a_past_event_planned() -> None:
    agreed, expiry = news_events(
        with_when(draft(2, "agreed on a temporary truce", "political"), "on Dec. 20"),
        with_when(draft(2, "due to expire", "political"), "on Jan. 3"),
        reference=dt.date(2024, 12, 30),
    )
    assert agreed.status.value != "planned" and agreed.date.value == dt.date(2024, 12, 20)
    assert expiry.status.value == "planned" and expiry.date.value == dt.date(2025, 1, 3)


def test_a_timetable_in_the_present_tense_is_planned_on_the_day_ahead(monkeypatch) -> None:
    sitting = with_when(draft(17, "reconvenes", "political", "Parliament"), "on Friday")
    (event,) = news_events(sitting)  # the paper is of Wednesday 1 January 2025
    assert (event.status.value, event.date.value) == ("planned", dt.date(2025, 1, 3))
    monkeypatch.setitem(RULES, "status_planned", False)
    (event,) = news_events(sitting)
    assert event.status.value == "asserted"


def test_the_happening_or_its_instrument_is_not_an_agent() -> None:
    (event,) = news_events(draft(3, "exploded on a bus", "attack", "A bomb"))
    assert [a.role for a in event.actors] == [Role.other]


def test_a_forecast_is_no_event() -> None:
    assert news_events(draft(4, "forecasters expect more rain", "other")) == []


def test_a_plan_in_a_hedged_sentence_is_a_forecast_and_no_event_but_a_reported_plan_stays() -> None:
    assert news_events(draft(9, "will likely report a loss", "economic", "The bank")) == []
    (strike,) = news_events(draft(10, "would strike again on Monday", "protest", "its members"))
    assert strike.status.value == "planned"


def test_an_arrest_is_legal_and_a_walkout_a_protest_whatever_the_model_said() -> None:
    (arrest,) = news_events(draft(5, "arrested 14 protesters", "protest", "Police", "14 protesters"))
    (walkout,) = news_events(draft(6, "walked off the job", "withdrawal", "Dock workers"))
    assert (arrest.type, walkout.type) == (EventType.legal, EventType.protest)
    # ...but a cue never overrules a type outside the ones it is confused with
    (strike,) = news_events(draft(3, "killing three people in talks", "attack", "A bomb"))
    assert strike.type is EventType.attack


def test_blows_to_a_person_are_an_attack_but_idioms_and_charges_are_not(monkeypatch) -> None:
    from summarizer.extract.classify import event_type

    for what in (
        "pushing, kicking and slapping the soldiers",
        "biting a soldier who tried to arrest her younger brother",
        "punched an Israeli soldier in the face",
        "was beaten by police",
    ):
        assert event_type(EventType.other, what) is EventType.attack, what
    for what in ("the match kicked off", "slapped with a fine", "beat the estimates"):
        assert event_type(EventType.other, what) is EventType.other, what
    assert event_type(EventType.other, "charged with assault") is EventType.legal  # a charge, not a blow
    assert event_type(EventType.legal, "indicted for punching a soldier") is EventType.legal  # not overruled
    monkeypatch.setitem(RULES, "cue_assault", False)
    assert event_type(EventType.other, "punched an Israeli soldier in the face") is EventType.other


def test_a_place_named_by_its_site_or_as_what_saw_it_is_where_it_happened() -> None:
    from summarizer.extract.events import _place_that_saw
    from summarizer.text.places import places_in_clause

    names = load_names(None)
    store = "A smash-and-grab on a high end Paris store saw four robbers make off with jewelry."
    assert [loc.canonical for loc in places_in_clause(store, "saw four robbers make off", names)] == ["Paris"]
    firm = "The New York bank on Friday became one of the first to release details."
    assert places_in_clause(firm, "became one of the first", names) == []  # a firm, not a site
    assert _place_that_saw("Paris", "also witnessed another dramatic robbery", names)
    assert not _place_that_saw("Paris", "signed the agreement", names)
    assert not _place_that_saw("the robbers", "witnessed the raid", names)


def test_people_a_disaster_befalls_are_its_target_and_a_vehicle_no_doer(monkeypatch) -> None:
    fled = draft(5, "evacuated several buildings", "disaster", "Office workers in Dubai")
    flew = draft(5, "began moving the injured to hospital", "humanitarian", "Two helicopters")
    (office,) = news_events(fled)
    (helicopters,) = news_events(flew)
    assert [a.role for a in office.actors] == [Role.target]
    assert [a.role for a in helicopters.actors] == [Role.other]
    (police,) = news_events(draft(5, "evacuated several buildings", "disaster", "Police"))
    assert [a.role for a in police.actors] == [Role.agent]  # who acts for the public stays the doer
    monkeypatch.setitem(RULES, "affected_not_agent", False)
    (office,) = news_events(fled)
    assert [a.role for a in office.actors] == [Role.agent]


def test_what_was_stolen_worth_a_sum_is_the_target_of_the_theft() -> None:
    from summarizer.extract.events import _passive_subject

    assert _passive_subject("jewellery and watches", "Jewellery and watches worth £1.7m have been stolen in Paris.")
    assert _passive_subject("Gems", "Gems worth 2 million euros were taken from the store.")
    assert not _passive_subject("The army", "The army said the rebels were defeated.")
    assert not _passive_subject("she", "She was filmed pushing, kicking and slapping the soldiers.")


def test_what_a_place_saw_was_done_by_the_subject_of_the_clause_that_tells_it(monkeypatch) -> None:
    text = (
        "Paris also witnessed another dramatic robbery on Sunday night when thieves armed with Kalashnikovs "
        "stormed a subsidiary of the rail operator SNCF.\n"
    )
    article = parse_text(text, "p")
    saw = EventDraft(**draft(1, "also witnessed another dramatic robbery", "other", "Paris"))
    (event,) = build_events([saw], article, dt.date(2013, 9, 9), load_names(None))
    assert [(a.name, a.role) for a in event.actors] == [("thieves armed with Kalashnikovs", Role.agent)]
    assert [loc.canonical for loc in event.locations] == ["Paris"]
    monkeypatch.setitem(RULES, "doer_of_when", False)
    (event,) = build_events([saw], article, dt.date(2013, 9, 9), load_names(None))
    assert event.actors == []


def test_a_coordinated_deed_is_placed_where_the_clause_before_it_is(monkeypatch) -> None:
    from summarizer.text.places import places_in_clause

    names = load_names(None)
    heist = (
        "In 2007, the gang drove two cars through the window of a jewellery store in Dubai, and in less than a "
        "minute had escaped with 11m euros of jewellery."
    )
    assert [loc.canonical for loc in places_in_clause(heist, "escaped with 11m euros", names)] == ["Dubai"]
    # a clause with a subject of its own is its own scene
    other = "Rebels shelled a market in Aleppo, and the army shelled a school."
    assert places_in_clause(other, "shelled a school", names) == []
    monkeypatch.setitem(RULES, "coordinated_place", False)
    assert places_in_clause(heist, "escaped with 11m euros", names) == []


def test_a_verb_coordinated_after_a_passive_is_done_by_its_subject(monkeypatch) -> None:
    from summarizer.extract.events import _coordinated_active

    text = "In 2012 Ahed Tamimi was presented with an award in Turkey and met its president, Tayyip Erdogan.\n"
    article = parse_text(text, "t")
    met = EventDraft(**draft(1, "met its president, Tayyip Erdogan", "diplomatic", "Ahed Tamimi", "Tayyip Erdogan"))
    (event,) = build_events([met], article, dt.date(2018, 1, 1), load_names(None))
    assert [(a.name, a.role) for a in event.actors][0] == ("Ahed Tamimi", Role.agent)
    # a participle sharing the passive is still done to the subject
    assert not _coordinated_active("charged with murder", "He was arrested and charged with murder.")
    assert not _coordinated_active("taken to hospital", "Two men were injured and taken to hospital.")
    assert _coordinated_active("thanked his supporters", "He was released on bail and thanked his supporters.")
    monkeypatch.setitem(RULES, "and_active", False)
    (event,) = build_events([met], article, dt.date(2018, 1, 1), load_names(None))
    assert [(a.name, a.role) for a in event.actors][0] == ("Ahed Tamimi", Role.target)


def test_a_report_of_no_reports_is_no_happening_and_a_saying_may_carry_its_time() -> None:
    from summarizer.extract.events import _BARE_SPEECH, _REPORTING
    from summarizer.extract.happenings import _NEGATED

    assert _BARE_SPEECH.match("said around 7 a.m.") and _BARE_SPEECH.match("said on Monday")
    assert not _BARE_SPEECH.match("said at least")
    assert (
        _REPORTING.sub("", "said at least 12 people had been killed", count=1) == "at least 12 people had been killed"
    )
    assert (
        _REPORTING.sub("", "said around 7 a.m. that there had been no reports", count=1) == "there had been no reports"
    )
    assert _NEGATED.match("there had been no reports of damage or injuries")
    assert not _NEGATED.match("there had been reports of damage")


def test_a_market_rally_is_no_protest() -> None:
    from summarizer.extract.classify import event_type

    rally = "Bank stocks have rallied since the tax bill passed."
    assert event_type(EventType.economic, "have rallied", "bank stocks", rally) is EventType.economic
    crowd = "Tens of thousands of union members rallied on the eve of a vote."
    assert event_type(EventType.economic, "rallied on the eve of a vote", "union members", crowd) is EventType.protest


def test_a_crowd_fleeing_a_hazard_is_no_protest_unless_the_sentence_names_one() -> None:
    from summarizer.extract.classify import event_type

    fled = "People ran outside in Banda Aceh as the quake shook houses."
    assert event_type(EventType.protest, "ran outside", "People", fled) is EventType.disaster
    marched = "Survivors marched to the governor's office after the quake, demanding tents."
    assert event_type(EventType.protest, "marched to the governor's office", "Survivors", marched) is EventType.protest
    assert event_type(EventType.protest, "gathered outside parliament", "Hundreds", "Hundreds gathered.") is (
        EventType.protest
    )


def test_a_company_bought_sold_or_merged_is_economic_but_a_purchase_of_arms_is_not() -> None:
    from summarizer.extract.classify import event_type

    assert event_type(EventType.political, "agreed on Tuesday to buy rival chipmaker Astrix Inc.") is EventType.economic
    assert event_type(EventType.takeover, "launched a takeover bid for Qualcomm") is EventType.economic
    assert event_type(EventType.diplomatic, "sold its cement unit") is EventType.economic
    assert event_type(EventType.political, "bought weapons from Russia") is EventType.political
    assert event_type(EventType.takeover, "the rebels took over the company headquarters") is EventType.takeover
    assert event_type(EventType.attack, "bought a stake in the airline") is EventType.attack  # not a confusion


def test_an_appeal_of_a_ruling_and_a_plea_are_legal_but_an_appeal_for_calm_is_not() -> None:
    from summarizer.extract.classify import event_type

    assert event_type(EventType.diplomatic, "will appeal the court's ruling") is EventType.legal
    assert event_type(EventType.political, "appealed against the verdict") is EventType.legal
    assert event_type(EventType.diplomatic, "pleaded not guilty") is EventType.legal
    assert event_type(EventType.diplomatic, "appealed for calm") is EventType.diplomatic
    assert event_type(EventType.humanitarian, "appealed to the UN for aid") is EventType.humanitarian
    assert event_type(EventType.diplomatic, "held talks on the ruling") is EventType.diplomatic


def test_a_court_step_is_legal_whatever_its_verb_but_a_courts_spokesman_speaking_is_not(monkeypatch) -> None:
    from summarizer.extract.classify import event_type

    assert event_type(EventType.other, "extended her remand for eight days") is EventType.legal
    assert event_type(EventType.political, "granted him bail") is EventType.legal
    assert event_type(EventType.other, "gave her lawyer more time", "The military court") is EventType.legal
    assert event_type(EventType.diplomatic, "postponed the hearing", "the judge") is EventType.legal
    assert event_type(EventType.diplomatic, "said the hearing would resume", "the judge") is EventType.diplomatic
    assert event_type(EventType.political, "gave her more time", "the council") is EventType.political
    assert event_type(EventType.attack, "stormed the building", "prosecutors") is EventType.attack  # not overruled
    monkeypatch.setitem(RULES, "cue_court_actor", False)
    assert event_type(EventType.other, "gave her lawyer more time", "The military court") is EventType.other


def test_rescue_evacuation_and_aid_are_humanitarian_but_the_quake_and_a_military_exit_are_not(monkeypatch) -> None:
    from summarizer.extract.classify import event_type

    H = EventType.humanitarian
    assert event_type(EventType.deployment, "ferried the injured to hospital") is H
    assert event_type(EventType.deployment, "began moving the injured to the hospital") is H
    assert event_type(EventType.disaster, "evacuated several buildings") is H
    assert event_type(EventType.other, "began distributing food, blankets and tents") is H
    assert event_type(EventType.political, "searched for survivors in the rubble") is H
    assert event_type(EventType.other, "authorities evacuated 5,000 residents") is H  # never a withdrawal
    assert event_type(EventType.disaster, "struck the coast, forcing the evacuation of 5,000 residents") is (
        EventType.disaster
    )
    assert event_type(EventType.withdrawal, "evacuated the base") is EventType.withdrawal
    assert event_type(EventType.attack, "rescued two hostages") is EventType.attack  # not overruled
    assert event_type(EventType.other, "three strong aftershocks were felt") is EventType.disaster
    assert event_type(EventType.other, "the violence has displaced 280,000 people") is H  # displacement
    assert event_type(EventType.withdrawal, "forced thousands of residents to flee") is H
    assert event_type(EventType.withdrawal, "fled their positions in the city") is EventType.withdrawal  # troops
    monkeypatch.setitem(RULES, "cue_relief", False)
    assert event_type(EventType.deployment, "ferried the injured to hospital") is EventType.deployment


def test_a_fire_someone_set_is_no_disaster(monkeypatch) -> None:
    from summarizer.extract.classify import event_type

    assert event_type(EventType.disaster, "set fire to the vehicle") is EventType.other  # a step of the crime
    assert event_type(EventType.disaster, "torched a police station") is EventType.attack  # arson (§15.6)
    assert event_type(EventType.disaster, "were set on fire", "Two buildings") is EventType.attack
    assert event_type(EventType.disaster, "a fire broke out at a fuel depot") is EventType.disaster  # accident
    assert event_type(EventType.attack, "set fire to the vehicle") is EventType.attack  # only a disaster is wrong
    monkeypatch.setitem(RULES, "cue_set_fire", False)
    assert event_type(EventType.disaster, "set fire to the vehicle") is EventType.disaster


def test_riots_force_on_a_crowd_and_deliberate_fires_are_typed_by_the_labelling_not_as_disasters() -> None:
    """LABELLING.md §15.3/§15.6: a riot is a protest, tear gas or rubber bullets on a crowd and petrol bombs an
    attack, and deaths in a fire someone set are the attack's."""
    from summarizer.extract.classify import event_type

    A, P = EventType.attack, EventType.protest
    assert event_type(EventType.disaster, "responded with volleys of tear gas") is A
    assert event_type(EventType.disaster, "fired rubber bullets at the crowd") is A
    assert event_type(EventType.protest, "threw petrol bombs at riot police") is A
    assert event_type(EventType.disaster, "rioters blocked the main avenue") is P
    assert event_type(EventType.disaster, "unrest spread to the second city") is P
    fire = "Two guards died when the depot burned after a man threw a firebomb through the window."
    assert event_type(EventType.disaster, "two guards died", sentence=fire) is A
    accident = "Two guards died when a fire broke out at the fuel depot."
    assert event_type(EventType.disaster, "two guards died", sentence=accident) is EventType.disaster


def test_a_toll_stated_on_its_own_is_humanitarian(monkeypatch) -> None:
    from summarizer.extract.classify import event_type

    H = EventType.humanitarian
    assert event_type(EventType.political, "50 were injured") is H  # "Qeshm Gov. ... said 50 were injured."
    assert event_type(EventType.diplomatic, "a total of 10 people had been killed") is H
    assert event_type(EventType.other, "said 30 of the 80 wounded remained in hospital") is H
    assert event_type(EventType.political, "the death toll rose to 14") is H
    assert event_type(EventType.political, "shares were down 2 percent") is EventType.economic
    assert event_type(EventType.disaster, "10 people were killed") is EventType.disaster  # the quake's own toll
    monkeypatch.setitem(RULES, "cue_toll", False)
    assert event_type(EventType.political, "50 were injured") is EventType.political


def test_the_act_is_read_from_the_verb_not_a_noun() -> None:
    from summarizer.text.acts import act_of

    assert act_of("was charged with assault") == act_of("indicted Ahed Tamimi") == "charge"
    assert act_of("gave her lawyer more time to study the charges") is None
    assert act_of("extended her remand for eight days") == "hearing"
    # making something known is one act however it is worded; freeing a prisoner is another
    assert act_of("became one of the first companies to release details") == act_of("was revealed in a filing")
    assert act_of("released three prisoners") == "release"


def test_a_bare_speech_act_becomes_the_happening_the_sentence_reports() -> None:
    """A small model sometimes describes "X happened, officials said." by its speech act alone ("said")."""
    from summarizer.extract.events import _speech_act_to_happening

    tail = "A drone strike on a market in the town of Qaryat al-Nour on Dec. 26 killed four people, officials said."
    assert _speech_act_to_happening("said", tail).endswith("killed four people")
    head = "Mediators said on Monday that talks between the two sides would resume in Sarapol on Jan. 8."
    assert (
        _speech_act_to_happening("said", head) == "said talks between the two sides would resume in Sarapol on Jan. 8"
    )
    assert _speech_act_to_happening("said", "He said.") == "said"  # nothing reported: left alone
    assert _speech_act_to_happening("seized Hama", "Rebels seized Hama, the monitor said.") == "seized Hama"


def test_an_inverted_or_appositive_attribution_gives_the_happening_and_a_claim() -> None:
    """ "..., said Sutopo Purwo Nugroho of the agency." and "..., Ema Suryani, a doctor at a clinic, told AFP."
    (held-out quake news): the model described both by "said", with the speaker as agent."""
    from summarizer.core.schema import Status
    from summarizer.extract.classify import event_status
    from summarizer.extract.events import _speech_act_to_happening

    inverted = (
        "Twelve people were killed and 70 others were injured by a landslide in Bener Meriah district, said "
        "Sutopo Purwo Nugroho of the National Disaster Mitigation Agency."
    )
    clause = "Twelve people were killed and 70 others were injured by a landslide in Bener Meriah district"
    assert _speech_act_to_happening("said", inverted) == clause
    assert event_status(inverted, clause) is Status.claimed
    appositive = "A child died when a wall collapsed, Ema Suryani, a doctor at a clinic in Lampahan, told AFP."
    assert _speech_act_to_happening("said", appositive) == "A child died when a wall collapsed"
    named = "A child died when a wall collapsed, said Ema Suryani, a doctor at a clinic in Lampahan."
    assert event_status(named, "A child died when a wall collapsed") is Status.claimed
    # A quote closed by "he added" reports no clause of its own: never "said added".
    quote = '"We have a power outage now and communications are unreliable," he added.'
    assert _speech_act_to_happening("added", quote) == "added"
    # Another clause's statement after the event's own words is no attribution of it.
    assert event_status("The army withdrew, he said the army would return.", "The army withdrew") is Status.asserted


def test_events_of_a_sentence_the_model_classed_as_a_plan_are_planned_unless_dated_in_the_past() -> None:
    from summarizer.core.schema import Status
    from summarizer.extract.drafts import chunk_model, kept_events

    text = (
        "Talks between the union and the port operators are set to resume on Monday.\n"
        "The union, which struck last week, threatens further walkouts.\n"
    )
    article = parse_text(text, "plan")

    def event(what: str, when: str | None) -> dict:
        return {"who": None, "what": what, "whom": None, "where": None, "when": when, "type": "protest"}

    answer = chunk_model((1, 2), 4).model_validate(
        {
            "sentences": [
                # No plan word in the model's description: only its class of the sentence says "to come".
                {"s": 1, "kind": "plan", "events": [event("talks with the port operators", "on Monday")]},
                {"s": 2, "kind": "plan", "events": [event("union struck", "last week")]},
            ]
        }
    )
    events = build_events(kept_events(answer), article, dt.date(2025, 3, 14), load_names(None))
    by_sentence = {e.evidence[0].sentence_id: e for e in events}
    assert by_sentence[1].status is Status.planned
    assert by_sentence[1].date.value == dt.date(2025, 3, 17)  # the coming Monday
    assert by_sentence[2].status is not Status.planned  # "last week" is past: it happened


def test_a_crime_against_property_is_other_and_its_investigation_legal_whatever_the_model_said() -> None:
    """LABELLING.md §15.6: theft, robbery, ram-raids, heists, looting are `other`; the police investigation,
    the forensic examination of the scene, a manhunt are `legal`; violence against people stays an attack."""
    from summarizer.extract.classify import event_type

    raid = "Four men drove a 4x4 through the front window of the store, before making off with the jewellery."
    assert event_type(EventType.attack, "drove a 4x4 through the front window", None, raid) is EventType.other
    assert event_type(EventType.disaster, "made off with 2m euros", None, "They made off with 2m euros.") is (
        EventType.other
    )
    scene = "Forensic teams were examining the crime scene on Rue de Castiglione."
    assert event_type(EventType.diplomatic, "were examining the crime scene", None, scene) is EventType.legal
    armed = "Gunmen robbed a bank and shot dead a guard."
    assert event_type(EventType.attack, "robbed a bank and shot dead a guard", None, armed) is EventType.attack
    charged = "Two men were charged with robbery on Friday."
    assert event_type(EventType.legal, "were charged with robbery", None, charged) is EventType.legal
    RULES["cue_property_crime"] = False
    try:
        assert event_type(EventType.attack, "drove a 4x4 through the front window", None, raid) is EventType.attack
    finally:
        RULES["cue_property_crime"] = True


def test_a_bare_market_move_is_economic_by_what_its_sentence_says_moved() -> None:
    """'fell 1 percent' of 'Shares of Goldman Sachs fell 1 percent to $254' is a share move (economic) however
    the model typed it; 'fell into the river' or a toll that 'fell' is no market move."""
    from summarizer.extract.classify import event_type

    shares = "Shares of Goldman Sachs Group Inc. fell 1 percent to $254 in early trading."
    assert event_type(EventType.disaster, "fell 1 percent", None, shares) is EventType.economic
    assert event_type(EventType.disaster, "rose slightly before the opening bell", None, shares) is EventType.economic
    bus = "The bus fell into the river as shares rose 2 percent."
    assert event_type(EventType.disaster, "fell into the river", None, bus) is EventType.disaster
    toll = "The death toll fell 1 percent after a recount."
    assert event_type(EventType.disaster, "fell 1 percent", None, toll) is EventType.disaster


def test_told_or_quoted_as_the_description_becomes_what_was_told() -> None:
    """'told AFP' / 'quoted the disaster center' say who spoke; the event is what they said."""
    from summarizer.extract.events import _speech_act_to_happening

    told = "Qeshm island governor Heydar Alishbandi told AFP that a total of 10 people had been killed."
    assert _speech_act_to_happening("told AFP", told) == "said a total of 10 people had been killed"
    quoted = "State television quoted the disaster center in the province of Hormozgan as saying 10 people were killed."
    assert _speech_act_to_happening("quoted the disaster center", quoted) == "said 10 people were killed"
    assert _speech_act_to_happening("told reporters", "He told reporters about the plan.") == "told reporters"
    passive = "Airport chief Ali Naghavi was quoted by IRNA as saying that operations had resumed."
    assert _speech_act_to_happening("was quoted by IRNA", passive) == "said that operations had resumed"
    order = "The envoy was told to leave the country within 48 hours."
    assert _speech_act_to_happening("was told to leave", order) == "was told to leave"  # an order, no report


def test_a_summary_sentence_another_one_says_whole_is_said_once() -> None:
    from summarizer.extract.drafts import SummaryDraft

    shorter = "The strike was staged as a protest against austerity."
    longer = "The strike was staged as a protest against austerity aimed at rescuing the economy."
    lead = "Three people were killed in an Athens bank fire."
    assert SummaryDraft.model_construct(sentences=[lead, shorter, longer]).text == f"{lead} {longer}"
    assert SummaryDraft.model_construct(sentences=[lead, lead]).text == lead
    assert SummaryDraft.model_construct(sentences=[lead, shorter]).text == f"{lead} {shorter}"


def test_those_who_died_are_the_ones_it_happened_to() -> None:
    from summarizer.extract.events import _DIED, _passive_subject

    assert _passive_subject("Three people", "Three people have died after rioters set fire to a bank.")
    assert _passive_subject("Two fishermen", "Two fishermen drowned off the coast on Sunday.")
    assert _DIED.match("died") and not _DIED.match("killed three people")
    assert not _passive_subject("Rioters", "Rioters set fire to a bank, and three people died.")


def test_an_article_that_tells_of_no_hazard_or_accident_has_no_disaster(monkeypatch) -> None:
    """LABELLING.md §15.3: a disaster is a natural hazard or an accident and what it caused. In a strike story
    the small model types arrests and grounded flights as disasters; in a quake story a power cut stays one."""
    from summarizer.extract.classify import tells_of_hazard, tells_of_violence
    from summarizer.text.articles import parse_text

    strike = parse_text(
        "Greece was paralysed by a general strike on Wednesday. Flights were grounded. "
        "Police said 12 people had been arrested. Protesters tried to storm parliament and set fire to a bank.",
        "strike",
    )
    quake = parse_text("An earthquake struck the island on Sunday. Power was cut to most villages.", "quake")

    def typed(article, s: int, what: str) -> EventType:
        drafts = [EventDraft(s=s, what=what, type="disaster", who=None, whom=None, where=None, when=None)]
        (event,) = build_events(drafts, article, dt.date(2025, 1, 1), load_names(None))
        return event.type

    assert typed(strike, 2, "flights were grounded") is EventType.other
    assert typed(quake, 2, "power was cut to most villages") is EventType.disaster
    chinese = parse_text("山体滑坡周二掩埋了塔夫里村的一部分,造成至少11人死亡。救援队于1月8日抵达该村。", "zh")
    assert typed(chinese, 1, "山体滑坡掩埋了塔夫里村的一部分") is EventType.disaster  # the cue words are English
    arson = "Police opened fire on protesters who had set fire to a bank; the flames spread."
    assert tells_of_violence(arson) and not tells_of_hazard(arson, violent=True)  # the fire is the arson's
    assert tells_of_hazard("A fire broke out at the depot") and tells_of_hazard("The bus crashed into a ravine")
    assert tells_of_hazard("Part of the bridge collapsed") and not tells_of_hazard("the collapse of the economy")
    assert not tells_of_hazard("Clashes erupted outside parliament") and tells_of_hazard("The volcano erupted")
    monkeypatch.setitem(RULES, "disaster_needs_hazard", False)
    assert typed(strike, 2, "flights were grounded") is EventType.disaster


def test_a_firms_money_matters_are_economic_but_a_theft_and_a_tax_fraud_charge_are_not(monkeypatch) -> None:
    from summarizer.extract.classify import event_type

    E = EventType.economic
    assert event_type(EventType.other, "reports earnings in mid-January") is E
    assert event_type(EventType.other, "delivered shares to its top executives") is E
    assert event_type(EventType.other, "said moving overseas funds back could cost $20 billion") is E
    assert event_type(EventType.other, "suffered huge losses during the financial crisis") is E
    assert event_type(EventType.other, "stole jewellery worth 2m euros") is EventType.other  # a sum is no cue
    assert event_type(EventType.other, "was charged with tax fraud") is EventType.legal  # the court step first
    assert event_type(EventType.political, "raised taxes on fuel") is EventType.political  # a policy stays
    awards = "accelerated the delivery of previously granted stock awards"
    assert event_type(EventType.deployment, awards) is E  # a firm's money does not march
    assert event_type(EventType.deployment, "sent troops to guard the border") is EventType.deployment
    monkeypatch.setitem(RULES, "cue_finance", False)
    assert event_type(EventType.other, "reports earnings in mid-January") is EventType.other
    assert event_type(EventType.deployment, awards) is EventType.deployment


def test_a_private_witness_quote_states_no_event_but_an_officials_does(monkeypatch) -> None:
    """LABELLING.md §4, §15.11: quoted private witnesses stay out, also over a quote that runs two sentences."""
    from summarizer.text.articles import parse_text
    from summarizer.text.quotes import private_witness, quote_attributions

    text = (
        "An earthquake struck the island on Sunday.\n"
        '"The earthquake was strong, and people poured into the streets.\nMy husband rushed off to the villages," '
        "said Sara Sadeqi, 22, a homemaker.\n"
        '"Ten people were killed," the governor told AFP.\n'
    )
    article = parse_text(text, "witness")
    said = quote_attributions([s.text for s in article.sentences])
    assert {n for n, who in said.items() if private_witness(who)} == {1, 2}
    assert not private_witness(said[3])

    def kept(*sentences: int) -> list[int]:
        drafts = [
            EventDraft(
                s=s, what="people poured into the streets", type="disaster", who=None, whom=None, where=None, when=None
            )
            for s in sentences
        ]
        return [
            e.evidence[0].sentence_id for e in build_events(drafts, article, dt.date(2005, 11, 28), load_names(None))
        ]

    assert kept(2, 4) == [4]
    monkeypatch.setitem(RULES, "drop_witness_quote", False)
    assert kept(2, 4) == [2, 4]


def test_an_article_that_names_no_forces_has_no_deployment_withdrawal_or_fighting(monkeypatch) -> None:
    """Held-out business news: "Broadcom would move its headquarters to Delaware" typed deployment, "has long
    battled Intel" fighting, "rejected the tie-up" withdrawal. With no troops, police, rescuers or the like
    anywhere in the article, the type is read again as `other` (its cues still apply: "shares" is finance)."""
    from summarizer.extract.classify import tells_of_forces
    from summarizer.text.articles import parse_text

    business = parse_text(
        "Broadcom raised its offer for Qualcomm on Monday.\n"
        "The company said it would move its headquarters to Delaware.\n"
        "It also moved the delivery of shares to its top executives to December.\n",
        "b",
    )
    border = parse_text("Troops were sent to the border on Monday.\nThe army moved two brigades north.\n", "t")

    def typed(article, s: int, what: str, type_: str) -> EventType:
        drafts = [EventDraft(s=s, what=what, type=type_, who=None, whom=None, where=None, when=None)]
        (event,) = build_events(drafts, article, dt.date(2025, 1, 1), load_names(None))
        return event.type

    assert typed(business, 2, "would move its headquarters to Delaware", "deployment") is EventType.other
    assert typed(business, 3, "moved the delivery of shares to its top executives", "deployment") is EventType.economic
    assert typed(border, 2, "moved two brigades north", "deployment") is EventType.deployment
    assert tells_of_forces("The national guard sent boats") and not tells_of_forces("its business units")
    monkeypatch.setitem(RULES, "movement_needs_forces", False)
    assert typed(business, 2, "would move its headquarters to Delaware", "deployment") is EventType.deployment


def test_a_type_ruled_out_by_the_article_is_read_again_with_the_cues(monkeypatch) -> None:
    """ "Goldman and other banks suffered huge losses during the financial crisis", typed disaster in a story of
    no hazard, is finance, not `other`; and a protest that "tried to storm parliament" is no storm."""
    from summarizer.extract.classify import event_type
    from summarizer.text.articles import parse_text

    bank = parse_text("Goldman took a $5 billion charge.\nGoldman and other banks suffered huge losses in 2008.\n", "g")
    drafts = [EventDraft(s=2, what="suffered huge losses", type="disaster", who=None, whom=None, where=None, when=None)]
    (event,) = build_events(drafts, bank, dt.date(2017, 12, 29), load_names(None))
    assert event.type is EventType.economic
    assert event_type(EventType.other, "tried to storm parliament") is not EventType.disaster
    assert event_type(EventType.other, "a storm hit the coast") is EventType.disaster
    monkeypatch.setitem(RULES, "retype_with_cues", False)
    (event,) = build_events(drafts, bank, dt.date(2017, 12, 29), load_names(None))
    assert event.type is EventType.other


def test_a_happening_described_or_a_place_written_with_its_kind_is_no_agent(monkeypatch) -> None:
    """ "An earthquake measuring at least magnitude-5.9 shook ..." names the quake, not who acted; "a quake hit
    the southern town of Zarand" with the town as "who" is where it happened (its place), not an actor; a bare
    city name ("Moscow denied the report") may stand for a government and stays."""
    from summarizer.text.articles import parse_text

    article = parse_text(
        "An earthquake measuring at least magnitude-5.9 shook southern Iran on Sunday.\n"
        "In February, a quake hit the southern town of Zarand, killing 612 people.\n"
        "Moscow denied the report on Monday.\n",
        "q",
    )

    def one(s: int, what: str, type_: str, who: str):
        drafts = [EventDraft(s=s, what=what, type=type_, who=who, whom=None, where=None, when=None)]
        (event,) = build_events(drafts, article, dt.date(2005, 11, 28), load_names(None))
        return event

    quake = one(1, "shook southern Iran", "disaster", "An earthquake measuring at least magnitude-5.9")
    assert [a.role for a in quake.actors] == [Role.other]
    zarand = one(2, "was hit", "disaster", "the southern town of Zarand")
    assert zarand.actors == [] and "Zarand" in [loc.canonical for loc in zarand.locations]
    assert one(2, "was hit", "disaster", "The town of Zarand").actors == []  # capitalised at a sentence's start
    moscow = one(3, "denied the report", "diplomatic", "Moscow")
    assert [a.role for a in moscow.actors] == [Role.agent]
    monkeypatch.setitem(RULES, "happening_head", False)
    monkeypatch.setitem(RULES, "place_not_actor", False)
    quake = one(1, "shook southern Iran", "disaster", "An earthquake measuring at least magnitude-5.9")
    assert [a.role for a in quake.actors] == [Role.agent]
    zarand = one(2, "was hit", "disaster", "the southern town of Zarand")
    assert [a.name for a in zarand.actors] == ["the southern town of Zarand"]


def test_a_passive_with_its_doer_makes_the_doer_the_agent_and_shares_are_their_company(monkeypatch) -> None:
    """ "Ahed Tamimi was charged this week by an Israeli military court": the court is the agent, Tamimi the
    target ("was hit by a quake": no one is); "Shares of Goldman Sachs Group Inc. fell 1 percent": the
    company is the target of its market move (LABELLING.md §15.4), the shares no actor."""
    from summarizer.text.articles import parse_text

    article = parse_text(
        "Ahed Tamimi was charged this week by an Israeli military court.\n"
        "The town was hit by a quake on Sunday.\n"
        "Shares of Goldman Sachs Group Inc. fell 1 percent to $254 in early trading.\n"
        "The deal will be completed by the end of the year.\n",
        "p",
    )

    def roles(s: int, what: str, type_: str, who: str) -> list[tuple[str, Role]]:
        drafts = [EventDraft(s=s, what=what, type=type_, who=who, whom=None, where=None, when=None)]
        (event,) = build_events(drafts, article, dt.date(2018, 1, 3), load_names(None))
        return [(a.name, a.role) for a in event.actors]

    charged = (1, "was charged this week by an Israeli military court", "legal", "Ahed Tamimi")
    assert roles(*charged) == [("an Israeli military court", Role.agent), ("Ahed Tamimi", Role.target)]
    assert Role.agent not in [r for _, r in roles(2, "was hit by a quake", "disaster", "The town")]
    shares = (3, "fell 1 percent to $254", "economic", "Shares of Goldman Sachs Group Inc.")
    assert roles(*shares) == [("Goldman Sachs Group Inc.", Role.target)]
    assert (
        Role.agent
        not in [r for _, r in roles(4, "will be completed by the end of the year", "economic", "The deal")][1:]
    )
    monkeypatch.setitem(RULES, "passive_by_agent", False)
    monkeypatch.setitem(RULES, "shares_are_the_company", False)
    assert roles(*charged) == [("Ahed Tamimi", Role.target)]  # the court is lost
    assert roles(*shares) == [("Shares of Goldman Sachs Group Inc.", Role.agent)]


def test_a_state_that_acts_is_not_where_it_acted(monkeypatch) -> None:
    """ "Israel indicted a 16-year-old Palestinian girl": Israel is the agent, not the place (LABELLING.md §5);
    "Troops were sent to Israel" keeps Israel as a place."""
    from summarizer.text.articles import parse_text

    article = parse_text(
        "Israel indicted a 16-year-old Palestinian girl on Monday.\nTroops were sent to Israel.\n", "s"
    )

    def places(s: int, what: str, type_: str, who: str | None, where: str | None) -> list[str]:
        drafts = [EventDraft(s=s, what=what, type=type_, who=who, whom=None, where=where, when=None)]
        (event,) = build_events(drafts, article, dt.date(2018, 1, 1), load_names(None))
        return [loc.canonical for loc in event.locations]

    assert places(1, "indicted a 16-year-old Palestinian girl", "legal", "Israel", "Israel") == []
    assert places(2, "were sent to Israel", "deployment", "Troops", "Israel") == ["Israel"]
    monkeypatch.setitem(RULES, "state_not_place", False)
    assert places(1, "indicted a 16-year-old Palestinian girl", "legal", "Israel", "Israel") == ["Israel"]


def test_who_acts_in_a_reported_clause_is_the_agent_and_the_source_stays_a_source(monkeypatch) -> None:
    """ "Local sources said the regime is planning to relocate its forces": the regime acts, the sources only
    tell it; a thing ("the tax reform will cut profit"), a place or a passive ("the villages were worst hit")
    is no agent."""
    from summarizer.text.articles import parse_text

    article = parse_text(
        "Local sources said the regime is planning to relocate its forces to Damascus.\n"
        "Officials said the villages were flattened.\n"
        "Officials said the new bridge will cut travel times.\n",
        "r",
    )

    def actors(s: int, what: str, who: str) -> list[tuple[str, Role]]:
        drafts = [EventDraft(s=s, what=what, type="other", who=who, whom=None, where=None, when=None)]
        (event,) = build_events(drafts, article, dt.date(2024, 12, 6), load_names(None))
        return [(a.name, a.role) for a in event.actors]

    relocate = (1, "said the regime is planning to relocate its forces to Damascus", "Local sources")
    assert actors(*relocate) == [("the regime", Role.agent), ("Local sources", Role.other)]
    assert actors(2, "said the villages were flattened", "Officials") == [("Officials", Role.other)]
    assert actors(3, "said the new bridge will cut travel times", "Officials") == [("Officials", Role.other)]
    monkeypatch.setitem(RULES, "reported_doer", False)
    assert actors(*relocate) == [("Local sources", Role.other)]


def test_a_place_named_only_in_a_sources_title_is_not_where_it_happened(monkeypatch) -> None:
    """ "Qeshm Gov. Heidar Alishvandi said 50 were injured": Qeshm stands only in the governor's title, so the
    sentence names no place of the injuries (LABELLING.md §5); "Police in Qeshm said 50 were injured in Qeshm"
    names it twice and keeps it."""
    from summarizer.text.articles import parse_text

    article = parse_text(
        "Qeshm Gov. Heidar Alishvandi said 50 were injured.\nThe governor said 50 were injured in Qeshm.\n", "g"
    )

    def places(s: int, who: str) -> list[str]:
        drafts = [
            EventDraft(
                s=s, what="said 50 were injured", type="humanitarian", who=who, whom=None, where="Qeshm", when=None
            )
        ]
        (event,) = build_events(drafts, article, dt.date(2005, 11, 28), load_names(None))
        return [loc.canonical for loc in event.locations]

    assert places(1, "Qeshm Gov. Heidar Alishvandi") == []
    assert places(2, "The governor") == ["Qeshm"]
    monkeypatch.setitem(RULES, "source_title_not_place", False)
    assert places(1, "Qeshm Gov. Heidar Alishvandi") == ["Qeshm"]


@pytest.mark.parametrize(
    ("sentence", "words", "places"),
    [
        ("In 2007, the gang drove two cars through a jewellery store in Dubai.", "drove two cars", ["Dubai"]),
        ("Meanwhile, in the northern countryside of Aleppo, the army launched an offensive.", "launched", ["Aleppo"]),
        ("In 2009 a major earthquake near Padang city on Sumatra killed more than 1000 people.", "killed", ["Padang"]),
        ("The 2005 treaty placed the two provinces in Sudan's territory.", "placed the two provinces", ["Sudan"]),
        # another clause's place, an organisation's "of", a source's place: none
        (
            "Residents slept outside the island, which lies off the port city of Bandar Abbas.",
            "slept outside",
            [],
        ),
        ("Bank of America said profit fell.", "profit fell", []),
        ("The disaster center in Hormozgan told state television that 10 died.", "10 died", []),
    ],
)
def test_a_place_the_model_left_out_is_read_from_the_events_own_clause(
    sentence: str, words: str, places: list[str], monkeypatch
) -> None:
    from summarizer.text.places import places_in_clause

    assert [loc.name for loc in places_in_clause(sentence, words, load_names(None))] == places
    monkeypatch.setitem(RULES, "place_in_sentence", False)
    assert places_in_clause(sentence, words, load_names(None)) == []


def test_the_time_of_a_happening_that_bounds_the_event_does_not_date_it(monkeypatch) -> None:
    from summarizer.text.dates import dates_a_bound

    sentence = "Goldman was working to maximize the benefits before the new tax law takes effect on Jan. 1."
    assert dates_a_bound(sentence, "on Jan. 1")
    assert dates_a_bound("Talks will go on until the court rules on Monday.", "on Monday")
    assert not dates_a_bound("Police raided the house before dawn on Monday.", "on Monday")
    assert not dates_a_bound("Police raided the house on Monday before the court hearing.", "on Monday")
    bounded = with_when(draft(18, "was working to maximize the benefits", "economic", "Goldman"), "on Jan. 1")
    (event,) = news_events(bounded, reference=dt.date(2017, 12, 29))
    assert event.date.value is None and event.status.value != "planned"
    monkeypatch.setitem(RULES, "when_of_bound", False)
    (event,) = news_events(bounded, reference=dt.date(2017, 12, 29))
    assert event.date.value == dt.date(2018, 1, 1)


def test_a_habit_in_the_present_tense_looks_ahead_unless_its_clause_tells_the_past() -> None:
    from summarizer.text.dates import resolve_date

    paper = dt.date(2017, 12, 29)
    assert resolve_date("in mid-January", paper, sentence="The bank reports earnings in mid-January.").value == dt.date(
        2018, 1, 1
    )
    said = "Local media reports on Friday said 10 people died."
    assert resolve_date("on Friday", paper, sentence=said).value == paper


@pytest.mark.parametrize(
    ("what", "sentence", "happening"),
    [
        (
            "made news",
            "Tamimi made news two years ago when she was pictured biting a soldier who tried to arrest her brother.",
            "biting a soldier who tried to arrest her brother",
        ),
        (
            "rose to prominence",
            "The lawyer rose to prominence after he defended three journalists in 2019.",
            "he defended three journalists in 2019",
        ),
        (
            "was filmed in December outside her family home",
            "She was filmed in December outside her family home, pushing, kicking and slapping the soldiers, who "
            "fended off the blows.",
            "pushing, kicking and slapping the soldiers",
        ),
        # A happening, or fame with no "when" after it, stays as the model wrote it.
        ("seized the town", "Rebels seized the town when the army withdrew.", "seized the town"),
        ("made headlines", "The case made headlines across Europe.", "made headlines"),
    ],
)
def test_the_happening_not_its_fame_nor_its_filming(what: str, sentence: str, happening: str, monkeypatch) -> None:
    from summarizer.extract.events import _happening_not_its_fame

    assert _happening_not_its_fame(what, sentence) == happening
    monkeypatch.setitem(RULES, "happening_not_its_fame", False)
    assert _happening_not_its_fame(what, sentence) == what


def test_a_place_does_not_act_in_a_natural_disaster(monkeypatch) -> None:
    quake = draft(19, "triggered a tsunami", "disaster", "Indonesia")
    (event,) = news_events(quake)
    assert [a.role for a in event.actors if a.role is Role.agent] == []
    assert [loc.canonical for loc in event.locations] == ["Indonesia"]
    # a state may act (sentence 3 does not name Indonesia: the rule that prefers the sentence's own subject
    # is set aside so this one is seen alone)
    monkeypatch.setitem(RULES, "who_as_written", False)
    (strike,) = news_events(draft(3, "exploded on a bus", "attack", "Indonesia"))
    assert [a.canonical for a in strike.actors if a.role is Role.agent] == ["Indonesia"]
    monkeypatch.setitem(RULES, "place_not_actor", False)
    (event,) = news_events(quake)
    assert [a.canonical for a in event.actors if a.role is Role.agent] == ["Indonesia"]


@pytest.mark.parametrize(
    ("model", "what", "sentence", "rule", "expected"),
    [
        ("attack", "collided", "Two buses collided on the highway, killing 12.", "cue_accident", "disaster"),
        ("attack", "crashed into a mountain", "A plane crashed into a mountain.", "cue_accident", "disaster"),
        ("other", "won the presidential election", "Lula won the presidential election.", "cue_election", "political"),
        ("other", "voted to ratify the treaty", "Parliament voted to ratify the treaty.", "cue_election", "political"),
        ("legal", "went on strike", "Teachers went on strike over pay.", "cue_protest", "protest"),
    ],
)
def test_accidents_elections_and_strikes_are_typed_whatever_the_model_said(
    model: str, what: str, sentence: str, rule: str, expected: str, monkeypatch
) -> None:
    from summarizer.extract.classify import event_type

    assert event_type(EventType(model), what, None, sentence).value == expected
    monkeypatch.setitem(RULES, rule, False)
    assert event_type(EventType(model), what, None, sentence).value == model


def test_a_deliberate_ramming_and_a_shareholder_vote_keep_their_types() -> None:
    from summarizer.extract.classify import event_type

    assert event_type(EventType.attack, "rammed their car into the store").value == "attack"
    assert event_type(EventType.economic, "voted to approve the merger").value == "economic"


def test_a_quote_told_as_said_is_no_event(monkeypatch) -> None:
    quote = draft(20, "said", "other")
    assert news_events(quote) == []
    monkeypatch.setitem(RULES, "drop_empty_speech", False)
    assert [e.description for e in news_events(quote)] == ["said"]


def test_a_deed_told_in_the_past_is_not_planned_because_the_model_called_its_sentence_a_plan(monkeypatch) -> None:
    sent = EventDraft(**draft(21, "sent eight experts to monitor the poll", "diplomatic", "The observers"))
    sent._sentence_kind = "plan"
    article = parse_text(NEWS, "n")
    (event,) = build_events([sent], article, None, load_names(None))  # an article with no date
    assert event.status.value == "asserted"
    monkeypatch.setitem(RULES, "status_plan_kind", True)
    monkeypatch.setattr("summarizer.extract.events._TOLD_AS_DONE", __import__("re").compile("(?!)"))
    (event,) = build_events([sent], article, None, load_names(None))
    assert event.status.value == "planned"


def test_a_said_of_another_clause_does_not_make_the_event_claimed(monkeypatch) -> None:
    from summarizer.extract.classify import event_status

    sentence = "Voters went to the polls on Sunday, but Western observers said nothing had changed."
    assert event_status(sentence, "went to the polls").value == "asserted"
    assert event_status("A bomb exploded on a bus, killing three people, police said.", "exploded").value == "claimed"
    assert event_status("Rebels seized the town, said police spokesman John Smith.", "seized the town").value == (
        "claimed"
    )
    monkeypatch.setitem(RULES, "claimed_by_its_clause", False)
    assert event_status(sentence, "went to the polls").value == "claimed"


def test_who_died_in_an_accident_is_its_victim_and_the_death_an_accident(monkeypatch) -> None:
    fall = draft(23, "is dead", "other", "A 36-year-old climber")
    (event,) = news_events(fall)
    assert [a.role for a in event.actors] == [Role.target]
    assert event.type is EventType.disaster
    monkeypatch.setitem(RULES, "victim_not_agent", False)
    (event,) = news_events(fall)
    assert [a.role for a in event.actors] == [Role.agent] and event.type is EventType.other


def test_a_month_that_begins_after_the_paper_is_to_come_but_a_deed_told_in_the_past_is_not() -> None:
    earnings = with_when(draft(24, "reports earnings", "economic", "The bank"), "in mid-January")
    (event,) = news_events(earnings, reference=dt.date(2017, 12, 29))
    assert (event.status.value, event.date.value) == ("planned", dt.date(2018, 1, 1))
    offer = with_when(draft(24, "made an initial offer", "economic", "The bank"), "in mid-January")
    (event,) = news_events(offer, reference=dt.date(2017, 12, 29))
    assert event.status.value != "planned"


@pytest.mark.parametrize(
    ("sentence", "what", "kind"),
    [
        # LABELLING.md §3: a movement away from a place is a withdrawal from it, even with a purpose after it
        (
            "The regime is relocating forces from the eastern province of Kelda, near the border, to bolster "
            "defenses in the west.",
            "is relocating forces",
            EventType.withdrawal,
        ),
        ("Troops were pulled from three bases in Kelda last week.", "were pulled", EventType.withdrawal),
        # a movement to a named place stays a deployment
        ("The regime plans to move its forces from Kelda to Marrow.", "move its forces", EventType.deployment),
        ("The army is consolidating its forces in the province.", "is consolidating its forces", EventType.deployment),
    ],
)
def test_a_movement_away_from_a_place_is_a_withdrawal(monkeypatch, sentence: str, what: str, kind: EventType) -> None:
    article = parse_text(sentence + "\n", "moves")
    draft = EventDraft(s=1, who="The regime", what=what, whom=None, where=None, when=None, type=EventType.deployment)
    (event,) = build_events([draft], article, dt.date(2024, 12, 6), load_names(None))
    assert event.type is kind
    monkeypatch.setitem(RULES, "moved_from_is_withdrawal", False)
    (event,) = build_events([draft], article, dt.date(2024, 12, 6), load_names(None))
    assert event.type is EventType.deployment
