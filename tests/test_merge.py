"""Merging article events into story events, with agreements and contradictions, on hand-made summaries."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.core.schema import (
    Actor,
    ArticleOutcome,
    ArticleSummary,
    Event,
    EventDate,
    EventType,
    Evidence,
    Location,
    Precision,
    Quantity,
    QuantityKind,
    Role,
    Status,
)
from summarizer.merge import merge_summaries
from summarizer.text.names import RULES, load_names

from .conftest import SEEDS_PACK
from .factories import article_summary


def date(day: int | None, month: int = 12) -> EventDate:
    if day is None:
        return EventDate(value=None, precision=Precision.unknown, text=None)
    return EventDate(value=dt.date(2024, month, day), precision=Precision.day, text="x")


def event(
    eid: str, type_: EventType, places: list[str], agents: list[tuple[str, str]], when: EventDate, what: str
) -> Event:
    return Event(
        id=eid,
        type=type_,
        description=what,
        status=Status.asserted,
        historical=False,
        quantities=[],
        actors=[Actor(name=name, canonical=canon, role=Role.agent) for name, canon in agents],
        locations=[Location(name=p, canonical=p, country="Syria") for p in places],
        date=when,
        evidence=[Evidence(sentence_id=1, start=0, end=len(what), text=what)],
    )


def summary(aid: str, events: list[Event]) -> ArticleSummary:
    return article_summary(aid, events, source=f"outlet-{aid}")


SDF = ("SDF", "Syrian Democratic Forces")
PKK = ("PKK/YPG", "Syrian Democratic Forces")
REGIME = ("regime forces", "Syrian government forces")
REBELS = ("rebels", "Syrian opposition forces")

A = summary(
    "a",
    [
        event("e1", EventType.withdrawal, ["Deir ez-Zor", "Damascus"], [REGIME], date(None), "regime forces withdraw"),
        event("e2", EventType.takeover, ["Deir ez-Zor"], [PKK], date(None), "PKK/YPG takes control of Deir ez-Zor"),
        event("e3", EventType.takeover, ["Aleppo"], [REBELS], date(30, 11), "rebels capture Aleppo"),
        event("e4", EventType.takeover, ["Hama"], [REBELS], date(5), "rebels seize Hama"),
    ],
)
B = summary(
    "b",
    [
        event("e1", EventType.withdrawal, ["Deir ez-Zor", "Palmyra"], [REGIME], date(None), "troops pull out"),
        event("e2", EventType.takeover, ["Deir ez-Zor"], [SDF], date(6), "SDF takes control of Deir ez-Zor"),
        event("e3", EventType.takeover, ["Aleppo"], [REBELS], date(1), "rebels take Aleppo"),
    ],
)
C = summary(
    "c",
    [
        event(
            "e1", EventType.other, ["Deir ez-Zor"], [REGIME], date(None), "regime forces maintain control of the city"
        ),
        event("e2", EventType.takeover, ["Hama"], [REBELS], date(5), "Hama falls to the rebels"),
    ],
)
OUTCOMES = [
    ArticleOutcome(article_id=x, path=None, source=None, ok=True, error=None, events=1, cached=False) for x in "abc"
]


def merged():
    return merge_summaries([A, B, C], {"a": "", "b": "", "c": ""}, OUTCOMES, names=load_names(SEEDS_PACK))


def story_of(report, article: str, event_id: str):
    return next(
        s for s in report.story_events for src in s.sources if (src.article_id, src.event_id) == (article, event_id)
    )


def test_same_happening_from_several_outlets_is_one_story_event() -> None:
    report = merged()
    assert story_of(report, "a", "e2").id == story_of(report, "b", "e2").id  # takeover of Deir ez-Zor
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id  # the withdrawal
    assert story_of(report, "a", "e4").id == story_of(report, "c", "e2").id  # Hama
    assert story_of(report, "a", "e1").id != story_of(report, "a", "e2").id  # withdrawal is not the takeover


def test_where_when_and_label_disagreements_are_flagged() -> None:
    report = merged()
    checks = {c.field: c for c in story_of(report, "a", "e1").checks}
    assert checks["where"].verdict == "conflict"  # Damascus vs Palmyra
    aleppo = {c.field: c for c in story_of(report, "a", "e3").checks}
    assert aleppo["when"].verdict == "conflict"  # Nov. 30 vs Dec. 1
    takeover = {c.field: c for c in story_of(report, "a", "e2").checks}
    assert takeover["label"].verdict == "conflict"  # "PKK/YPG" vs "SDF" for the same actor
    assert takeover["who"].verdict == "agree"  # same canonical actor
    hama = {c.field: c for c in story_of(report, "a", "e4").checks}
    assert hama["when"].verdict == "agree" and hama["who"].verdict == "agree"


def test_who_holds_a_place_is_a_conflict_across_sources() -> None:
    report = merged()
    holds = [c for c in report.conflicts if c.description.startswith("Who holds Deir ez-Zor")]
    assert holds, [c.description for c in report.conflicts]
    values = {v.value: v.articles for v in holds[0].values}
    assert values["Syrian Democratic Forces holds Deir ez-Zor"] == ["a", "b"]
    assert values["Syrian government forces holds Deir ez-Zor"] == ["c"]


def test_an_article_restating_a_happening_joins_it_but_different_events_of_one_article_stay_apart() -> None:
    doubled = summary(
        "d",
        [
            event("e1", EventType.takeover, ["Hama"], [REBELS], date(5), "rebels seize Hama"),
            event("e2", EventType.takeover, ["Hama"], [REBELS], date(5), "rebels captured Hama"),
            event("e3", EventType.takeover, ["Homs"], [REBELS], date(5), "rebels seize Homs"),
        ],
    )
    report = merge_summaries([doubled, C], {}, [], names=load_names(SEEDS_PACK))
    hama = story_of(report, "d", "e1")
    assert hama.id == story_of(report, "d", "e2").id == story_of(report, "c", "e2").id
    assert story_of(report, "d", "e3").id != hama.id
    # One article's two statements are one source: they cannot disagree with each other as sources.
    assert all(c.verdict != "conflict" for c in hama.checks)


def test_timeline_is_in_date_order_and_summary_names_the_dispute() -> None:
    report = merged()
    dated = [s.date.value for s in report.story_events if s.date.value is not None]
    assert dated == sorted(dated)
    assert "disagreements" in report.summary and "3 of 3 articles" in report.summary


SNA = ("SNA", "Syrian National Army")
HTS = ("HTS", "Hayat Tahrir al-Sham")


def test_a_place_inside_another_matches_it_and_is_not_a_where_conflict() -> None:
    a = summary(
        "a", [event("e1", EventType.fighting, ["Aleppo"], [SNA], date(1), "launched Operation Dawn of Freedom")]
    )
    b = summary(
        "b", [event("e1", EventType.fighting, ["Tal Rifaat"], [SNA], date(1), "launched Operation Dawn of Freedom")]
    )
    report = merge_summaries([a, b], {}, [], names=load_names(SEEDS_PACK))
    story = story_of(report, "a", "e1")
    assert story.id == story_of(report, "b", "e1").id
    assert {c.field: c.verdict for c in story.checks}["where"] == "agree"


def test_two_groups_of_one_side_on_no_common_day_are_two_happenings() -> None:
    a = summary("a", [event("e1", EventType.fighting, ["Aleppo"], [SNA], date(1), "launched an operation")])
    b = summary("b", [event("e1", EventType.fighting, ["Aleppo"], [HTS], date(None), "led the offensive")])
    report = merge_summaries([a, b], {}, [], names=load_names(SEEDS_PACK))
    assert story_of(report, "a", "e1").id != story_of(report, "b", "e1").id
    # ...while a group and the wider side it belongs to are not a disagreement about who.
    c = summary("c", [event("e1", EventType.fighting, ["Aleppo"], [REBELS], date(1), "launched an operation")])
    report = merge_summaries([a, c], {}, [], names=load_names(SEEDS_PACK))
    story = story_of(report, "a", "e1")
    assert story.id == story_of(report, "c", "e1").id
    assert {ch.field: ch.verdict for ch in story.checks}["who"] == "agree"


def test_where_the_forces_went_is_a_conflict_of_its_own() -> None:
    def moved(aid: str, text: str, places: list[str]) -> ArticleSummary:
        lead = event("e0", EventType.withdrawal, ["Deir ez-Zor"], [REGIME], date(None), "regime forces withdraw")
        lead = lead.model_copy(update={"evidence": [Evidence(sentence_id=0, start=0, end=5, text="lead.")]})
        return summary(aid, [lead, event("e1", EventType.deployment, places, [REGIME], date(None), text)])

    a = moved("a", "The regime is moving its forces from Deir ez-Zor to Damascus", ["Deir ez-Zor", "Damascus"])
    b = moved("b", "Military columns were seen heading towards the central Palmyra region", ["Palmyra"])
    report = merge_summaries([a, b], {}, [], names=load_names(SEEDS_PACK))
    story = story_of(report, "a", "e1")
    assert story.id == story_of(report, "b", "e1").id  # b leaves from the place its lead is about
    where = [c for c in story.checks if c.field == "where"]
    going = next(c for c in where if all(v.value.startswith("to ") for v in c.values))
    assert going.verdict == "conflict"
    assert {v.value: v.articles for v in going.values} == {"to Damascus": ["a"], "to Palmyra": ["b"]}
    assert any("went" in c.description for c in report.conflicts)


def test_holding_a_whole_country_is_not_a_claim_about_who_holds_a_place() -> None:
    a = summary("a", [event("e1", EventType.takeover, ["Syria"], [REBELS], date(None), "captured key cities")])
    b = summary("b", [event("e1", EventType.other, ["Syria"], [REGIME], date(None), "maintain control")])
    report = merge_summaries([a, b], {}, [], names=load_names(SEEDS_PACK))
    assert not any(c.description.startswith("Who holds") for c in report.conflicts)


def test_a_place_the_forces_left_from_is_not_where_they_went() -> None:
    from summarizer.merge import _destinations
    from summarizer.text.names import load_names

    names = load_names(SEEDS_PACK)

    def going(text: str) -> set[str]:
        e = event("e1", EventType.withdrawal, [], [REGIME], date(None), text)
        return set(_destinations(e, names))

    assert going("Troops were forced to withdraw from Deir ez-Zor") == set()
    assert going("They withdrew due to heavy shelling in Homs") == set()
    assert going("The regime is moving its forces from Deir ez-Zor to Damascus") == {"Damascus"}
    assert going("Columns were seen heading towards the central Palmyra region") == {"Palmyra"}


def test_sharing_one_agent_of_four_is_not_mistaken_for_two_groups_of_a_side() -> None:
    a = summary("a", [event("e1", EventType.fighting, ["Aleppo"], [HTS, SNA], date(1), "fighting in Aleppo")])
    b = summary(
        "b",
        [event("e1", EventType.fighting, ["Aleppo"], [HTS, ("X", "X"), ("Y", "Y")], date(2), "fighting in Aleppo")],
    )
    report = merge_summaries([a, b], {}, [], names=load_names(SEEDS_PACK))
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id


# ---- Faults from issue 14: only real disagreements, story events by happening ----------------------


def _q(kind: str, value: float, text: str, **kw) -> Quantity:
    return Quantity(kind=QuantityKind(kind), value=value, unit=kw.pop("unit", "people"), text=text, **kw)


def _news(aid: str, published: dt.date, *events: Event) -> ArticleSummary:
    s = summary(aid, list(events))
    return s.model_copy(update={"article": s.article.model_copy(update={"published": published})})


def _ev(eid, type_, place, actors, when, what, evidence, quantities=()):  # type: ignore[no-untyped-def]
    return Event(
        id=eid,
        type=type_,
        description=what,
        status=Status.asserted,
        historical=False,
        quantities=list(quantities),
        actors=[Actor(name=n, canonical=n, role=r) for n, r in actors],
        locations=[Location(name=place, canonical=place, country="Freedonia")],
        date=when,
        evidence=[Evidence(sentence_id=1, start=0, end=len(evidence), text=evidence)],
    )


BUS_A = _news(
    "a",
    dt.date(2024, 9, 12),
    _ev(
        "e1",
        EventType.attack,
        "Mirsad",
        [("A bomb", Role.other), ("crowded commuter bus", Role.target), ("police", Role.other)],
        date(11, 9),
        "A bomb exploded on a crowded commuter bus, killing three people",
        "A bomb exploded on a crowded commuter bus in the city of Mirsad on Wednesday morning, killing three "
        "people, police said.",
        [_q("killed", 3, "three people")],
    ),
)
BUS_B = _news(
    "b",
    dt.date(2024, 9, 13),
    _ev(
        "e1",
        EventType.attack,
        "Mirsad",
        [("24 people", Role.target), ("bombing", Role.other), ("hospital officials", Role.other)],
        date(11, 9),
        "The bombing of a commuter bus killed 24 people",
        "The bombing of a commuter bus in Mirsad on Wednesday killed 24 people, hospital officials said on "
        "Friday, far more than first reported.",
        [_q("killed", 24, "24 people")],
    ),
)


def test_bus_bombing_reported_as_3_and_24_dead_is_one_story_event_with_one_toll_conflict() -> None:
    report = merge_summaries([BUS_A, BUS_B], {}, [])
    story = story_of(report, "a", "e1")
    assert story.id == story_of(report, "b", "e1").id
    checks = {c.field: c for c in story.checks}
    assert checks["how_many"].verdict == "conflict"
    assert {v.value for v in checks["how_many"].values} == {"killed: 3", "killed: 24"}
    # Each report's publication date stands in the conflict's line, so a reader sees the toll rise.
    assert "(published 2024-09-12) says 3" in report.conflicts[0].description
    assert "(published 2024-09-13) says 24" in report.conflicts[0].description
    assert checks["where"].verdict == "agree" and checks["when"].verdict == "agree"
    assert [v.value for v in checks["when"].values] == ["2024-09-11"]
    assert "who" not in checks or checks["who"].verdict != "conflict"
    assert [c.field for c in report.conflicts] == ["how_many"]
    assert story.description == "bus bombing in Mirsad"
    assert "3" in report.conflicts[0].description and "24" in report.conflicts[0].description
    assert "bus bombing in Mirsad" in report.summary


def test_two_attacks_on_one_day_in_one_city_with_different_targets_and_tolls_stay_apart() -> None:
    market = _news(
        "a",
        dt.date(2024, 9, 12),
        _ev(
            "e1",
            EventType.attack,
            "Mirsad",
            [("suicide bomber", Role.agent), ("market", Role.target)],
            date(11, 9),
            "A suicide bomber attacked a market, killing 5",
            "A suicide bomber attacked a market in Mirsad on Wednesday, killing five people.",
            [_q("killed", 5, "five people")],
        ),
    )
    station = _news(
        "b",
        dt.date(2024, 9, 12),
        _ev(
            "e1",
            EventType.attack,
            "Mirsad",
            [("gunmen", Role.agent), ("police station", Role.target)],
            date(11, 9),
            "Gunmen stormed a police station, killing 12",
            "Gunmen stormed a police station in Mirsad on Wednesday, killing 12 officers.",
            [_q("killed", 12, "12 officers")],
        ),
    )
    report = merge_summaries([market, station], {}, [])
    assert story_of(report, "a", "e1").id != story_of(report, "b", "e1").id
    assert report.conflicts == []


def test_who_ignores_targets_attribution_and_the_agent_of_a_quake() -> None:
    quake = [
        _news(
            aid,
            dt.date(2024, 9, 12),
            _ev("e1", EventType.disaster, "Cianjur", [(agent, Role.agent)], date(11, 9), "the quake struck", text),
        )
        for aid, agent, text in [
            ("a", "earthquake", "A strong earthquake struck Cianjur on Wednesday."),
            ("b", "rescue operations", "The quake struck Cianjur on Wednesday, hampering rescue operations."),
        ]
    ]
    report = merge_summaries(quake, {}, [])
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id
    assert not [c for c in report.conflicts if c.field == "who"]
    told = [
        _news(
            aid,
            dt.date(2024, 9, 12),
            _ev("e1", EventType.other, "Cianjur", [(who, Role.agent)], date(11, 9), "told AFP", "x told AFP."),
        )
        for aid, who in [("a", "official"), ("b", "local official")]
    ]
    assert not merge_summaries(told, {}, []).conflicts


def test_how_many_compares_like_with_like() -> None:
    def deal(aid: str, *quantities) -> ArticleSummary:  # type: ignore[no-untyped-def]
        return _news(
            aid,
            dt.date(2024, 9, 12),
            _ev(
                "e1",
                EventType.economic,
                "Frankfurt",
                [("Acme", Role.agent), ("Widget AG", Role.target)],
                date(11, 9),
                "Acme bids for Widget AG",
                "Acme made a takeover offer for Widget AG on Wednesday.",
                quantities,
            ),
        )

    from summarizer.core.schema import QuantityBasis, QuantityQualifier

    money = {"unit": "EUR"}
    a = deal(
        "a",
        _q("money", 22, "22 billion in stock", basis=QuantityBasis.component, **money),
        _q("money", 63.2, "63.20 a share", basis=QuantityBasis.per_share, **money),
        _q("killed", 30, "between 30 and 40", upper=40, qualifier=QuantityQualifier.range),
        _q("injured", 10, "at least 10", qualifier=QuantityQualifier.at_least),
    )
    b = deal(
        "b",
        _q("money", 82, "82 billion", basis=QuantityBasis.total, **money),
        _q("money", 65.09, "65.09 a share", basis=QuantityBasis.per_share, **money),
        _q("killed", 35, "35"),
        _q("injured", 14, "14"),
    )
    report = merge_summaries([a, b], {}, [])
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id
    assert not [c for c in report.conflicts if c.field == "how_many"], [c.description for c in report.conflicts]


def test_who_holds_a_place_is_asked_only_of_war_events() -> None:
    a = summary("a", [event("e1", EventType.economic, ["Hama"], [REBELS], date(1), "took control of the bank")])
    b = summary("b", [event("e1", EventType.economic, ["Hama"], [REGIME], date(1), "holds the bank")])
    assert not any(c.description.startswith("Who holds") for c in merge_summaries([a, b], {}, []).conflicts)


def test_magnitudes_are_compared_with_magnitudes_only() -> None:
    """Two outlets giving one quake different magnitudes disagree; a count of villages never stands against a
    magnitude (LABELLING.md §15.7/§15.9: kind ``other`` is compared within its unit)."""

    def quake(aid: str, *quantities) -> ArticleSummary:  # type: ignore[no-untyped-def]
        return _news(
            aid,
            dt.date(2024, 9, 12),
            _ev(
                "e1",
                EventType.disaster,
                "Qeshm",
                [],
                date(11, 9),
                "An earthquake struck Qeshm island",
                "An earthquake struck Qeshm island on Wednesday.",
                quantities,
            ),
        )

    a = quake(
        "a", _q("other", 6.1, "magnitude 6.1", unit="magnitude"), _q("other", 7, "seven villages", unit="villages")
    )
    b = quake("b", _q("other", 5.9, "magnitude-5.9", unit="magnitude"))
    report = merge_summaries([a, b], {}, [])
    story = story_of(report, "a", "e1")
    assert story.id == story_of(report, "b", "e1").id
    checks = [c for c in story.checks if c.field == "how_many"]
    assert [(c.verdict, sorted(v.value for v in c.values)) for c in checks if c.verdict == "conflict"] == [
        ("conflict", ["magnitude: 5.9", "magnitude: 6.1"])
    ]
    (conflict,) = [c for c in report.conflicts if c.field == "how_many"]
    assert conflict.description.startswith("The magnitude of ")


def test_a_source_quoting_two_magnitudes_still_disagrees_with_one_giving_the_other() -> None:
    """Tolls rise, so a source that also states the other's toll agrees; a magnitude is measured, not updated:
    '5.9 per Tehran, 6.1 per the USGS' against '6.1' is still a disagreement to show."""

    def quake(aid: str, *quantities) -> ArticleSummary:  # type: ignore[no-untyped-def]
        event = _ev("e1", EventType.disaster, "Qeshm", [], date(11, 9), "An earthquake struck Qeshm", "x", quantities)
        return _news(aid, dt.date(2024, 9, 12), event)

    both = quake("a", _q("other", 5.9, "magnitude 5.9", unit="magnitude"), _q("other", 6.1, "6.1", unit="magnitude"))
    one = quake("b", _q("other", 6.1, "magnitude 6.1", unit="magnitude"))
    report = merge_summaries([both, one], {}, [])
    assert [c.field for c in report.conflicts] == ["how_many"]
    tolls = [quake("c", _q("killed", 10, "10"), _q("killed", 12, "12")), quake("d", _q("killed", 12, "12"))]
    assert not merge_summaries(tolls, {}, []).conflicts


def test_one_toll_told_at_two_precisions_of_place_is_one_happening() -> None:
    """'southern Iran' and 'the Persian Gulf island of Qeshm' with the same '10 killed' are one quake: the
    Qeshm report joins the quake, not a third outlet's report of damage on Qeshm that gives no figure."""

    def quake(eid: str, place: str, what: str, *quantities) -> Event:  # type: ignore[no-untyped-def]
        event = _ev(eid, EventType.disaster, place, [], date(11, 9), what, "x", quantities)
        # As the gazetteer gives them: Qeshm in Iran; "southern Iran" no place of its own (no country).
        country = None if place.startswith("southern") else "Iran"
        return event.model_copy(update={"locations": [event.locations[0].model_copy(update={"country": country})]})

    day = dt.date(2024, 9, 12)
    a = _news(
        "a", day, quake("e1", "southern Iran", "An earthquake hit southern Iran, killing 10", _q("killed", 10, "10"))
    )
    b = _news("b", day, quake("e1", "Qeshm", "were killed when a quake hit Qeshm", _q("killed", 10, "10")))
    c = _news(
        "c",
        day,
        quake("e1", "southern Iran", "A quake shook southern Iran, killing 10", _q("killed", 10, "10")),
        quake("e2", "Qeshm", "several buildings on Qeshm were damaged"),
    )
    report = merge_summaries([a, b, c], {}, [])
    assert story_of(report, "b", "e1").id == story_of(report, "a", "e1").id == story_of(report, "c", "e1").id
    assert story_of(report, "c", "e2").id != story_of(report, "b", "e1").id


def test_a_toll_stated_on_its_own_joins_its_happenings_story_and_its_count_is_compared() -> None:
    """LABELLING.md §15.9: competing figures for one toll go in the story of the event that carries them.
    "50 were injured, the governor said" (humanitarian, its own event) joins the quake of its article, and
    against another outlet's 80 it disagrees: its "at least 50" elsewhere does not make it agree, since the
    outlet gives the count 50. Relief that only shares a sentence with a toll does not join."""
    from summarizer.core.schema import QuantityQualifier

    day = dt.date(2024, 9, 12)
    quake = "An earthquake struck Qeshm"
    a = _news(
        "a",
        day,
        _ev(
            "e1",
            EventType.disaster,
            "Qeshm",
            [],
            date(11, 9),
            quake,
            "x",
            (_q("killed", 10, "Ten"), _q("injured", 50, "at least 50", qualifier=QuantityQualifier.at_least)),
        ),
        _ev("e2", EventType.humanitarian, "Kish", [], date(12, 9), "50 were injured", "y", (_q("injured", 50, "50"),)),
        _ev(
            "e3",
            EventType.humanitarian,
            "Tehran",
            [],
            date(12, 9),
            "handed out blankets",
            "z",
            (_q("killed", 10, "10"),),
        ),
    )
    b = _news(
        "b",
        day,
        _ev(
            "e1",
            EventType.disaster,
            "Qeshm",
            [],
            date(11, 9),
            quake,
            "x",
            (_q("killed", 10, "10"), _q("injured", 80, "80")),
        ),
    )
    report = merge_summaries([a, b], {}, [])
    story = story_of(report, "b", "e1")
    assert story_of(report, "a", "e1").id == story.id == story_of(report, "a", "e2").id
    assert story_of(report, "a", "e3").id != story.id
    injured = [c for c in story.checks if c.field == "how_many" and "injured" in c.values[0].value]
    assert [c.verdict for c in injured] == ["conflict"], injured
    only_bound = _news(
        "c",
        day,
        _ev(
            "e1",
            EventType.disaster,
            "Qeshm",
            [],
            date(11, 9),
            quake,
            "x",
            (_q("injured", 50, "at least 50", qualifier=QuantityQualifier.at_least),),
        ),
    )
    agreeing = story_of(merge_summaries([only_bound, b], {}, []), "c", "e1")
    assert [c.verdict for c in agreeing.checks if c.field == "how_many" and "injured" in c.values[0].value] == ["agree"]


def test_counts_of_things_are_compared_like_tolls_within_their_unit() -> None:
    """Aftershocks and villages are counted, and a count is updated like a toll: 'at least four' against
    'three' disagree, 'five ... then seven villages' against 'seven' agree, and villages never meet houses."""

    def quake(aid: str, *quantities) -> ArticleSummary:  # type: ignore[no-untyped-def]
        event = _ev("e1", EventType.disaster, "Qeshm", [], date(11, 9), "An earthquake struck Qeshm", "x", quantities)
        return _news(aid, dt.date(2024, 9, 12), event)

    from summarizer.core.schema import QuantityQualifier

    four = _q("other", 4, "at least four", unit="aftershocks", qualifier=QuantityQualifier.at_least)
    report = merge_summaries([quake("a", four), quake("b", _q("other", 3, "three", unit="aftershocks"))], {}, [])
    assert [sorted(v.value for v in c.values) for c in report.conflicts] == [
        ["aftershocks: 3", "aftershocks: at least 4"]
    ]
    updated = quake("c", _q("other", 5, "five", unit="villages"), _q("other", 7, "seven", unit="villages"))
    houses = _q("other", 40, "40", unit="houses")
    same = merge_summaries([updated, quake("d", _q("other", 7, "seven", unit="villages"), houses)], {}, [])
    assert not same.conflicts, [c.description for c in same.conflicts]


def test_one_place_named_more_or_less_fully_is_no_where_conflict() -> None:
    """The where check: "Carlton Hotel" and "Carlton Intercontinental Hotel" are one place (every word of one
    stands in the other); "Rue de Castiglione" and "Rue de Rivoli" are two."""
    from summarizer.merge.checks import _nests

    hotel, full = frozenset({"Carlton Hotel"}), frozenset({"Carlton Intercontinental Hotel", "Cannes"})
    assert _nests(hotel, full) and not _nests(full, hotel)
    assert not _nests(frozenset({"Rue de Castiglione"}), frozenset({"Rue de Rivoli", "Paris"}))
    assert not _nests(frozenset({"District 9"}), frozenset({"District 6"}))


def test_a_street_or_square_named_after_a_town_does_not_lie_in_that_town() -> None:
    """'Place Vendôme' is a Paris square, not the town of Vendôme in the Loire valley; 'Oxford Street' is not
    in Oxford; but 'Dubai airport' lies in Dubai and 'southern Iran' in Iran."""
    from summarizer.merge.places import resolve_place

    assert resolve_place("Place Vendôme", None)[:2] == (frozenset({"Place Vendôme"}), frozenset())
    assert resolve_place("Oxford Street", None)[1] == frozenset()
    near = resolve_place("Casty store near Paris's chic Place Vendôme", None)
    assert "Paris" in near[0] and near[1] == frozenset({"France"})
    assert resolve_place("Dubai airport", None)[1] == frozenset({"United Arab Emirates"})
    assert resolve_place("southern Iran", None)[1] == frozenset({"Iran"})


def test_a_story_event_no_head_noun_names_is_titled_by_its_wording_not_its_bare_type() -> None:
    """'disaster', 'decision', 'diplomatic move' name only a type; the wording names the happening, and a
    pronoun ('It') or a passive subject never stands before it as a speaker."""
    damaged = _ev("e1", EventType.disaster, "Qeshm", [("the airport", Role.agent)], date(11, 9), "was damaged", "x")
    toll = _ev("e2", EventType.disaster, "Qeshm", [("It", Role.agent)], date(11, 9), "levelled several villages", "y")
    report = merge_summaries([_news("a", dt.date(2024, 9, 12), damaged, toll)], {}, [])
    titles = sorted(s.description for s in report.story_events)
    assert titles == ["levelled several villages in Qeshm", "the airport was damaged in Qeshm"], titles


def test_a_wording_title_keeps_its_own_subject_and_reads_without_an_article_in_the_summary() -> None:
    """'Sara Sadeqi: several buildings were damaged' put a quoted witness before a clause that has its own
    subject; and the summary wrote 'the several buildings ...'."""
    damage = _ev(
        "e1",
        EventType.disaster,
        "Qeshm",
        [("Sara Sadeqi", Role.agent)],
        date(11, 9),
        "several buildings were damaged",
        "x",
    )
    report = merge_summaries(
        [_news("a", dt.date(2024, 9, 12), damage), _news("b", dt.date(2024, 9, 12), damage)], {}, []
    )
    (story,) = report.story_events
    assert story.description == "several buildings were damaged in Qeshm"
    assert "the several buildings" not in report.summary and "several buildings were damaged in Qeshm" in report.summary


def test_one_court_step_placed_differently_by_two_outlets_is_one_story_event() -> None:
    """Who did it to whom meets across places: one outlet places an indictment in the country whose court
    brought it, another in the territory where the accused lives, which nothing locates."""

    def indictment(aid: str, place: str, country: str | None, evidence: str) -> ArticleSummary:
        e = _ev(
            "e1",
            EventType.legal,
            place,
            [("Israel", Role.agent), ("Ahed Tamimi", Role.target)],
            date(1, 1),
            "indicted Ahed Tamimi",
            evidence,
        )
        e = e.model_copy(update={"locations": [Location(name=place, canonical=place, country=country)]})
        return _news(aid, dt.date(2024, 1, 1), e)

    a = indictment("a", "Israel", "Israel", "Israel indicted Ahed Tamimi on Monday on charges of assault.")
    # The gazetteer does not locate "West Bank" (as in the tamimi suite): no block of places holds both.
    b = indictment("b", "West Bank", None, "RAMALLAH, West Bank - Israel indicted Ahed Tamimi.")
    report = merge_summaries([a, b], {}, [])
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id


def test_a_happening_placed_in_a_country_meets_its_report_from_a_city_of_that_country() -> None:
    """A city's wider places are the named hierarchy, which does not reach its country: without a probe by
    country the pair was never scored and the evacuation was two story events."""

    def evacuation(aid: str, places: list[tuple[str, str]], evidence: str) -> ArticleSummary:
        e = _ev("e1", EventType.humanitarian, "x", [], date(27, 11), "buildings were evacuated", evidence)
        locations = [Location(name=n, canonical=n, country=c) for n, c in places]
        return _news(aid, dt.date(2024, 11, 28), e.model_copy(update={"locations": locations}))

    a = evacuation(
        "a",
        [("Oman", "Oman"), ("United Arab Emirates", "United Arab Emirates")],
        "Buildings were evacuated in Oman and the United Arab Emirates on Sunday after the quake.",
    )
    b = evacuation("b", [("Dubai", "United Arab Emirates")], "Office workers in Dubai evacuated buildings on Sunday.")
    report = merge_summaries([a, b], {}, [])
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id


def test_a_companys_price_move_stays_apart_from_its_deal() -> None:
    """Held-out takeover news: "Broadcom shares edged up 0.2 percent to $235.77" (Broadcom the target of its
    market move) joined "Broadcom made a $121 billion offer" as an agentless report, and its share price then
    read as a dispute over the offer's price per share. A price move is a happening of its own kind."""
    move = _ev(
        "e1",
        EventType.economic,
        "x",
        [("Broadcom", Role.target)],
        date(5, 2),
        "edged up 0.2 percent to $235.77",
        "Broadcom shares edged up 0.2 percent to $235.77.",
    ).model_copy(update={"locations": []})
    offer = _ev(
        "e1",
        EventType.economic,
        "x",
        [("Broadcom", Role.agent)],
        date(5, 2),
        "raised its offer on Monday",
        "Broadcom raised its offer on Monday.",
    ).model_copy(update={"locations": []})
    report = merge_summaries([_news("a", dt.date(2024, 2, 5), move), _news("b", dt.date(2024, 2, 5), offer)], {}, [])
    assert story_of(report, "a", "e1").id != story_of(report, "b", "e1").id


def test_done_against_only_planned_is_an_outcome_dispute_unless_the_plan_came_first_or_names_another_deed() -> None:
    def report(aid: str, published: dt.date, status: Status, what: str) -> ArticleSummary:
        e = _ev("e1", EventType.deployment, "Deir ez-Zor", [("the regime", Role.agent)], date(6), what, what + ".")
        return _news(aid, published, e.model_copy(update={"status": status}))

    done = report("a", dt.date(2024, 12, 6), Status.asserted, "The regime is relocating forces to Damascus")
    plan = report("b", dt.date(2024, 12, 6), Status.planned, "The regime is planning to relocate its forces")
    report_ = merge_summaries([done, plan], {}, [])
    assert [c.field for c in report_.conflicts] == ["outcome"]
    earlier_plan = plan.model_copy(
        update={"article": plan.article.model_copy(update={"published": dt.date(2024, 12, 1)})}
    )
    assert merge_summaries([done, earlier_plan], {}, []).conflicts == []  # the story moved on
    other = report("c", dt.date(2024, 12, 6), Status.planned, "The regime is planning to nominate new governors")
    assert [c.field for c in merge_summaries([done, other], {}, []).conflicts if c.field == "outcome"] == []


def test_sums_of_money_of_another_scale_are_other_things_not_a_dispute() -> None:
    """Held-out takeover news: "$38 billion" (the rival deal a sentence mentions) against "more than $121
    billion" (the bid) was flagged as a dispute over one sum; two readings of one charge ($3 billion against
    $5 billion) still disagree."""

    def offer(aid: str, value: float, text: str, qualifier: str = "exact") -> ArticleSummary:
        q = _q("money", value, text, unit="USD", qualifier=qualifier, basis="total")
        e = _ev("e1", EventType.economic, "x", [("Broadcom", Role.agent)], date(5, 2), "raised its offer", text, [q])
        return _news(aid, dt.date(2024, 2, 5), e.model_copy(update={"locations": []}))

    apart = merge_summaries(
        [offer("a", 38e9, "$38 billion"), offer("b", 121e9, "more than $121 billion", "at_least")], {}, []
    )
    assert story_of(apart, "a", "e1").id == story_of(apart, "b", "e1").id
    assert [c.field for c in apart.conflicts] == []
    close = merge_summaries([offer("a", 3e9, "$3 billion"), offer("b", 5e9, "$5 billion")], {}, [])
    assert [c.field for c in close.conflicts] == ["how_many"]


def test_a_part_of_a_toll_is_not_compared_with_the_whole() -> None:
    """Held-out quake news: "killed 170,000 people in the province and tens of thousands more" (a part) was
    flagged against another outlet's "230,000 people in 14 countries" (the whole)."""
    from summarizer.core.schema import QuantityBasis

    part = _q("killed", 3, "three people").model_copy(update={"basis": QuantityBasis.component})
    bus_a = BUS_A.model_copy(update={"events": [BUS_A.events[0].model_copy(update={"quantities": [part]})]})
    report = merge_summaries([bus_a, BUS_B], {}, [])
    story = story_of(report, "a", "e1")
    assert story.id == story_of(report, "b", "e1").id
    assert all(c.field != "how_many" for c in report.conflicts)


def test_a_past_happening_with_the_same_title_is_told_apart_by_its_year() -> None:
    from summarizer.core.schema import EventDate, Precision

    old = BUS_B.events[0].model_copy(
        update={
            "id": "e2",
            "date": EventDate(value=dt.date(2004, 1, 1), precision=Precision.year, text="In 2004"),
            "historical": True,
            "quantities": [_q("killed", 40, "40 people")],
            "description": "A bomb exploded on a commuter bus in Mirsad in 2004, killing 40 people",
        }
    )
    with_history = BUS_B.model_copy(update={"events": [*BUS_B.events, old]})
    report = merge_summaries([BUS_A, with_history], {}, [])
    titles = {s.description for s in report.story_events}
    assert "bus bombing in Mirsad" in titles and "2004 bus bombing in Mirsad" in titles


def test_one_articles_two_quakes_of_different_magnitudes_stay_apart_but_outlets_may_dispute_one() -> None:
    from summarizer.core.schema import EventDate, Precision

    def quake(eid: str, magnitude: float, what: str, text: str) -> Event:
        return _ev(
            eid,
            EventType.disaster,
            "Sumatra",
            [],
            EventDate(value=dt.date(2012, 1, 1), precision=Precision.year, text="In 2012"),
            what,
            text,
            [_q("other", magnitude, f"{magnitude}-magnitude", unit="magnitude")],
        ).model_copy(update={"historical": True})

    one_article = _news(
        "a",
        dt.date(2013, 7, 2),
        quake("e1", 6.4, "rocked the west coast", "In 2012, a 6.4-magnitude quake rocked the west coast of Sumatra."),
        quake("e2", 8.7, "hit off Banda Aceh", "In 2012, an 8.7-magnitude earthquake also hit off Banda Aceh."),
    )
    report = merge_summaries([one_article], {}, [])
    assert story_of(report, "a", "e1").id != story_of(report, "a", "e2").id


def _assault(aid: str, what: str, evidence: str) -> ArticleSummary:
    return _news(
        aid,
        dt.date(2018, 1, 2),
        _ev(
            "e1",
            EventType.attack,
            "Nabi Saleh",
            [("Ahed Tamimi", Role.agent), ("Israeli soldiers", Role.target)],
            date(None),
            what,
            evidence,
        ),
    )


def test_one_outlets_punch_against_anothers_slaps_is_a_label_conflict_that_says_who_says_what() -> None:
    report = merge_summaries(
        [
            _assault("reuters", "punching an Israeli soldier in the face", "She punched an Israeli soldier."),
            _assault("ap", "pushing, kicking and slapping the soldiers", "She pushed, kicked and slapped them."),
            _assault("post", "slapping Israeli troops", "She slapped Israeli troops."),
        ],
        {},
        [],
    )
    story = story_of(report, "reuters", "e1")
    assert story.id == story_of(report, "ap", "e1").id == story_of(report, "post", "e1").id
    (conflict,) = report.conflicts
    assert conflict.field == "label"
    assert {v.value: v.articles for v in conflict.values} == {
        "done: punched": ["reuters"],
        "done: kicked, pushed, slapped": ["ap"],
        "done: slapped": ["post"],
    }
    assert conflict.description.startswith("What was done in the assault in Nabi Saleh: ")
    assert "reuters says punched" in conflict.description


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("slapped a soldier", "pushing, kicking and slapping the soldiers"),  # a way in common
        ("attacked the soldiers", "punched a soldier"),  # one names no way: silent
        ("an explosion and fire gutted the depot", "a fire gutted the depot"),  # both named by one
        ("violated the ceasefire and shelled the depot", "an explosion hit the depot"),  # a ceasefire is no fire
    ],
)
def test_ways_of_doing_it_that_meet_or_are_not_named_are_no_conflict(first: str, second: str) -> None:
    report = merge_summaries([_assault("a", first, first), _assault("b", second, second)], {}, [])
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id
    assert [c for c in report.conflicts if c.field == "label"] == []


def test_a_riot_against_a_vigil_is_a_label_conflict_and_the_switch_turns_it_off(monkeypatch) -> None:
    def gathering(aid: str, what: str) -> ArticleSummary:
        return _news(
            aid,
            dt.date(2024, 5, 6),
            _ev("e1", EventType.protest, "Kelda", [("residents", Role.agent)], date(5, 5), what, what + "."),
        )

    pair = [gathering("a", "a vigil for the victims in the main square"), gathering("b", "a riot in the main square")]
    (conflict,) = merge_summaries(pair, {}, []).conflicts
    assert sorted(v.value for v in conflict.values) == ["done: riot", "done: vigil"]
    monkeypatch.setitem(RULES, "manner_dispute", False)
    assert merge_summaries(pair, {}, []).conflicts == []


def test_a_datelines_place_is_not_what_an_attack_hit() -> None:
    lead = _news(
        "a",
        dt.date(2018, 1, 1),
        _ev(
            "e1",
            EventType.attack,
            "Nabi Saleh",
            [("Ahed Tamimi", Role.agent)],
            date(None),
            "punching an Israeli soldier in the face",
            "OFER PRISON, West Bank (Reuters) - Israel indicted a girl for punching an Israeli soldier in the face.",
        ),
    )
    assert merge_summaries([lead], {}, []).story_events[0].description == "assault in Nabi Saleh"


def test_statements_by_two_named_authors_are_two_acts_not_a_who_dispute(monkeypatch) -> None:
    """Held-out news: "The United States made strong overtures to the government in Sudan" (one outlet) and
    "South Sudanese officials have condemned Sudan" (another) became one story event with a false "who"
    dispute. A statement or decision is its author's act; one author named two ways is still one."""

    def statement(aid: str, who: str, what: str) -> ArticleSummary:
        return _news(
            aid,
            dt.date(2011, 11, 11),
            _ev("e1", EventType.diplomatic, "Sudan", [(who, Role.agent)], date(10, 11), what, f"{who} {what}."),
        )

    pair = [
        statement("nyt", "The United States", "made strong overtures to the government in Sudan"),
        statement("bbc", "South Sudanese officials", "condemned the government in Sudan"),
    ]
    report = merge_summaries(pair, {}, [])
    assert story_of(report, "nyt", "e1").id != story_of(report, "bbc", "e1").id
    assert report.conflicts == []
    same = [
        statement("a", "President Salva Kiir", "accused the government in Sudan of bombing the camp"),
        statement("b", "Kiir", "accused the government in Sudan of bombing the camp"),
    ]
    report = merge_summaries(same, {}, [])
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id
    monkeypatch.setitem(RULES, "own_act_by_author", False)
    report = merge_summaries(pair, {}, [])
    assert story_of(report, "nyt", "e1").id == story_of(report, "bbc", "e1").id


def test_a_move_done_against_its_plan_is_disputed_even_when_the_two_ends_are_two_story_events(monkeypatch) -> None:
    """Seeds: "The regime is relocating forces from Deir el-Zour" (a withdrawal from there) against "the regime
    is planning to relocate its forces from Deir ez-Zor to Damascus" (a deployment to Damascus, which the merge
    put with the other reports of forces sent to Damascus): the dispute over whether it happened spans both
    story events."""
    from summarizer.merge.checks import plan_against_done_across

    def story(aid: str, sid: str, kind: EventType, status: Status, what: str, places: list[str]):  # type: ignore[no-untyped-def]
        e = _ev("e1", kind, places[0], [("the regime", Role.agent)], date(6), what, what + ".")
        located = [Location(name=p, canonical=p, country="Syria") for p in places]
        report = _news(aid, dt.date(2024, 12, 6), e.model_copy(update={"status": status, "locations": located}))
        return merge_summaries([report], {}, []).story_events[0].model_copy(update={"id": sid})

    done = story("a", "s1", EventType.withdrawal, Status.asserted, "is relocating forces", ["Deir ez-Zor"])
    plan = story(
        "b",
        "s2",
        EventType.deployment,
        Status.planned,
        "is planning to relocate its forces",
        ["Deir ez-Zor", "Damascus"],
    )
    published = {"a": dt.date(2024, 12, 6), "b": dt.date(2024, 12, 6)}
    ((ids, check),) = plan_against_done_across([done, plan], published)
    assert ids == ["s1", "s2"] and check.field == "outcome" and check.verdict == "conflict"
    assert {v.value: v.articles for v in check.values} == {"asserted": ["a"], "planned": ["b"]}
    # a plan of another deed, or one told before the deed was reported, is no dispute
    other = story(
        "c", "s3", EventType.deployment, Status.planned, "is planning to send reinforcements", ["Deir ez-Zor"]
    )
    assert plan_against_done_across([done, other], {**published, "c": dt.date(2024, 12, 6)}) == []
    assert plan_against_done_across([done, plan], {**published, "b": dt.date(2024, 12, 1)}) == []
    monkeypatch.setitem(RULES, "plan_across_stories", False)
    assert plan_against_done_across([done, plan], published) == []


def test_a_date_that_holds_both_disputed_days_takes_no_side() -> None:
    """Business suite: "Bloomberg says 2017" was listed as a side of the dispute between 28 and 29 December
    2017, though its year holds both days (here 2024: the helpers' year)."""

    def charge(aid: str, when: EventDate) -> ArticleSummary:
        e = _ev("e1", EventType.economic, "x", [("Goldman", Role.agent)], when, "took a charge", "A charge.")
        return _news(aid, dt.date(2017, 12, 29), e.model_copy(update={"locations": []}))

    year = EventDate(value=dt.date(2024, 1, 1), precision=Precision.year, text="this year")
    report = merge_summaries([charge("nyt", date(28)), charge("post", date(29)), charge("bloomberg", year)], {}, [])
    (conflict,) = report.conflicts
    assert conflict.field == "when"
    assert {v.value: v.articles for v in conflict.values} == {"2024-12-28": ["nyt"], "2024-12-29": ["post"]}


def test_a_denial_and_an_accusation_by_one_author_are_two_statements() -> None:
    """Held-out news: "Sudan denied striking South Sudanese territory" and "Sudan has accused South Sudan of
    arming pro-South Sudan groups" (one day, one author) were one story event. Denying and accusing are two
    acts; one accusation told twice is one."""

    def said(aid: str, what: str) -> ArticleSummary:
        e = _ev("e1", EventType.political, "Sudan", [("Sudan", Role.agent)], date(10, 11), what, what + ".")
        return _news(aid, dt.date(2011, 11, 11), e)

    denial = said("a", "denied striking South Sudanese territory")
    accusation = said("b", "has accused South Sudan of arming rebel groups")
    report = merge_summaries([denial, accusation], {}, [])
    assert story_of(report, "a", "e1").id != story_of(report, "b", "e1").id
    again = said("c", "accused South Sudan of arming rebel groups")
    report = merge_summaries([accusation, again], {}, [])
    assert story_of(report, "b", "e1").id == story_of(report, "c", "e1").id
